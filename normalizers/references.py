"""One spelling per cited law, document number and material, for counting and querying.

Guides write the same law several ways (``社会保险征缴暂行条例`` / ``社会保险费征缴暂行条例``,
``人力资源和社会保障部…`` / ``人力资源社会保障部…``), the same document number several ways
(``主席令第35号`` / ``中华人民共和国主席令第三十五号`` / ``主席令35号``) and the same material
with trivial differences (``《个人参保信息变更承诺书》`` / ``个人参保信息变更承诺书。``).
These functions give the canonical spelling; the published tables keep the original beside
it, so nothing the document says is lost.

- :func:`law_title`: brackets and quotation marks in one style, no spaces, the ministry's
  short form (人力资源社会保障部, as its own documents are titled), then the other spellings
  listed in ``reference/law_titles.csv``;
- :func:`doc_number`: no 中华人民共和国 prefix, the year in 〔〕, numbers in Arabic digits,
  ``令N号`` written ``令第N号``;
- :func:`material_name`: no quotation marks, spaces or closing punctuation, brackets in one
  style, no filler words (的, 需提供); a trailing note on the form (（原件）, 复印件, 一份 …)
  left out, the form being its own column.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources

from normalizers.numerals import cn_to_int
from normalizers.text import fold_width

_BRACKETS = str.maketrans({"(": "（", ")": "）", "<": "《", ">": "》", "〈": "《", "〉": "》"})
_QUOTES = re.compile(r"[“”\"'‘’「」『』]")
_SPACES = re.compile(r"\s+")
_MINISTRY = re.compile(r"人力资源和社会保障")
_YEAR = re.compile(r"[\[\(（〔［【﹝]\s*(\d{4})\s*[\]\)）〕］】﹞]")
_NUMBERED = re.compile(r"第?([0-9零〇一二两三四五六七八九十百千]+)号$")
_FORM_NOTE = re.compile(
    r"[（(][^（）()]*(?:原件|复印件|副本|正本|[0-9一二两三四五六七八九十]+份)[^（）()]*[）)]$"
    r"|(?:原件|复印件|原件及复印件|原件和复印件)$"
)
_TRAILING = "。；;，,、.：: "
# Words that change no material: the particle 的, 需 / 须 before 提供, a colon after it
# (委托他人办理的需提供 / 委托他人办理提供; 出国定居提供： / 出国定居的提供).
_FILLER = re.compile(r"的|[需须](?=提供)|(?<=提供)[：:]")
_COPIES = re.compile(r"(?:原件|复印件)?[0-9一二两三四五六七八九十]+份$")


def _common(text: str) -> str:
    return _SPACES.sub("", fold_width(text)).translate(_BRACKETS)


@cache
def _title_aliases() -> dict[str, str]:
    text = resources.files("normalizers.reference").joinpath("law_titles.csv").read_text("utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return {_spelled(r["variant"]): _spelled(r["canonical"]) for r in rows}


def _spelled(title: str) -> str:
    title = _MINISTRY.sub("人力资源社会保障", _QUOTES.sub("", _common(title)))
    if title.startswith("《") and title.endswith("》") and title.count("《") == 1:
        title = title[1:-1]
    return title


def law_title(title: str | None) -> str | None:
    """The canonical title of a cited law or document (None stays None)."""
    if title is None:
        return None
    spelled = _spelled(title)
    return _title_aliases().get(spelled, spelled)


def doc_number(number: str | None) -> str | None:
    """The canonical spelling of a document number (文号)."""
    if number is None:
        return None
    text = _MINISTRY.sub("人力资源社会保障", _common(number))
    text = text.removeprefix("中华人民共和国")
    text = _YEAR.sub(r"〔\1〕", text)
    m = _NUMBERED.search(text)
    if m is not None:
        n = m.group(1) if m.group(1).isdigit() else cn_to_int(m.group(1))
        if n is not None:
            head = text[: m.start()]
            # An order (令) is numbered 第N号; a file number (〔2016〕120号) is not.
            text = f"{head}第{int(n)}号" if head.endswith("令") else f"{head}{int(n)}号"
    return text or None


def material_name(name: str | None) -> str | None:
    """The name of a material as it is counted: the same material, whatever its spelling."""
    if name is None:
        return None
    text = _QUOTES.sub("", _common(name)).replace("《", "").replace("》", "")
    text = _FILLER.sub("", text).rstrip(_TRAILING)
    while (shorter := _COPIES.sub("", _FORM_NOTE.sub("", text)).rstrip(_TRAILING)) != text and (
        shorter
    ):
        text = shorter
    return text or None
