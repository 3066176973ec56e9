"""Text clean-up shared by every extractor: pure functions, no I/O.

- :func:`fold_width` folds full-width ASCII (ＡＢＣ１２３) to half-width, keeping CJK punctuation.
- :func:`squeeze_cjk_spaces` removes the spaces PDF export puts inside CJK runs and numbers
  (``第 35号`` → ``第35号``, ``（大 陆）`` → ``（大陆）``) but keeps spaces between Latin words.
- :func:`strip_html` removes HTML tags and entities that leak into cells of web-made documents.
- :func:`is_page_footer` recognises page-number footers (``— 22 —``, ``- 3 -``, ``第 3 页``).
- :func:`join_wrapped` re-joins visual lines that a layout engine wrapped mid-sentence.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence

from govguide.core.document import Line
from normalizers.numbering import LIST_MARKER

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCT = r"\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\ufe50-\ufe6b\u2014\u2026\u201c\u201d\u2018\u2019《》〈〉【】"
_SPACE = r"[ \t\r\n\u00a0\u3000]+"

# A note in brackets closing a label, a title or a name (提供资料(以下资料需附原件…),
# 有效身份证件(①…;②…)): read and measured without it.
TRAILING_NOTE = re.compile(r"[(（][^()（）]*[)）]$")
_PAGE_FOOTER = re.compile(
    r"^\s*(?:[—\-–－]+\s*\d{1,4}\s*[—\-–－]+|第\s*\d{1,4}\s*页(?:\s*[,，/共]\s*共?\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|[—\-–－]?\s*\d{1,3}\s*[—\-–－]?)\s*$"
)
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>|<[a-zA-Z][^<>\n]*$|^[^<>\n]*?\"\s*>")
_BLOCK_TAG = re.compile(r"</?(?:p|div|li|ol|ul|br|tr|td|th|h\d)(?:\s[^<>]*)?/?>", re.IGNORECASE)

_TERMINAL = "。；;！!？?"


def fold_width(text: str) -> str:
    """Full-width ASCII letters, digits and spaces to half-width (NFKC on those only).

    CJK punctuation (，。：（） …) is kept: it is part of how the documents write names.
    """
    out = []
    for ch in text:
        code = ord(ch)
        if 0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF3A or 0xFF41 <= code <= 0xFF5A:
            out.append(chr(code - 0xFEE0))
        elif ch == "\u3000":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def strip_html(text: str) -> str:
    """Remove HTML tags (block tags become line breaks) and unescape entities."""
    if "<" not in text and "&" not in text:
        return text
    text = _BLOCK_TAG.sub("\n", text)
    # Until nothing changes: removing a cut-off tag at the end (``…<A``) can leave another one
    # (``<A<A``), and cleaning must give the same text when run again.
    while (stripped := _TAG.sub("", text)) != text:
        text = stripped
    return html.unescape(text)


def squeeze_cjk_spaces(text: str) -> str:
    """Remove spaces next to CJK characters, CJK punctuation or digits in CJK context.

    ``第 35号`` → ``第35号``; ``2021 年 4 月`` → ``2021年4月``; ``A4 纸`` → ``A4纸``;
    ``Word Excel`` stays as it is.
    """
    cjk = f"[{_CJK}{_CJK_PUNCT}]"
    text = re.sub(r"\s+", " ", text)  # every kind of white space (form feeds too) first
    text = re.sub(f"(?<={cjk}){_SPACE}", "", text)
    text = re.sub(f"{_SPACE}(?={cjk})", "", text)
    # digits glued to CJK on one side: 第 35 号 → 第35号 handled above; 35 号 too.
    return re.sub(r"\s+", " ", text).strip()


def clean_text(text: str) -> str:
    """The standard clean-up for one logical line or cell value."""
    text = unicodedata.normalize("NFC", text)
    text = strip_html(text)
    text = fold_width(text)
    return squeeze_cjk_spaces(text)


def is_page_footer(text: str) -> bool:
    """True for page-number lines such as ``— 22 —``, ``- 3 -``, ``第 3 页``, ``3/20``."""
    return bool(_PAGE_FOOTER.match(text)) and len(text.strip()) <= 20


def starts_entry(text: str) -> bool:
    """True when a line starts with list numbering or a bullet."""
    return bool(LIST_MARKER.match(text))


def join_wrapped(lines: Sequence[Line], *, fill_threshold: float = 0.9) -> list[list[Line]]:
    """Group visual lines into logical lines.

    A line continues the previous one when the previous line ran to its container's edge
    (``fill`` ≥ threshold: the layout engine wrapped it), did not end a sentence or a list
    entry, and the line itself does not start a new numbered entry. Lines with unknown fill
    (a Word paragraph) are never joined: the author ended them on purpose.
    """
    groups: list[list[Line]] = []
    for line in lines:
        if not line.text.strip():
            continue
        if groups:
            prev = groups[-1][-1]
            prev_text = prev.text.rstrip()
            if (
                prev.fill is not None
                and prev_text
                and (prev.fill >= fill_threshold or unclosed_bracket(joined_text(groups[-1])))
                and prev_text[-1] not in _TERMINAL
                and not starts_entry(line.text)
            ):
                groups[-1].append(line)
                continue
        groups.append([line])
    return groups


def unclosed_bracket(text: str) -> bool:
    """An opening 《 or （ not closed yet: a line cannot have ended there."""
    return text.count("《") > text.count("》") or (
        text.count("（") + text.count("(") > text.count("）") + text.count(")")
    )


def joined_text(group: Sequence[Line]) -> str:
    """Text of a logical line made of wrapped visual lines."""
    parts: list[str] = []
    for line in group:
        t = line.text.strip()
        if parts and parts[-1] and _needs_space(parts[-1][-1], t[:1]):
            parts.append(" ")
        parts.append(t)
    return "".join(parts)


def _needs_space(left: str, right: str) -> bool:
    # Latin words wrapped across lines keep a space; CJK text never had one.
    return bool(
        left and right and left.isascii() and left.isalpha() and right.isascii() and right.isalpha()
    )
