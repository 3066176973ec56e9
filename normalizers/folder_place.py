"""Province and region from the folder a file sits in (the table: :mod:`normalizers.provinces`).

Convention (documented in the README): ``<raw>/<province>/<region>/…/file``. The first folder
under ``<raw>`` that names a province-level division (Chinese short or full name, or its
pinyin) gives the province, written as its short name (广西, 重庆 …, the form the records
use); the Chinese-named folders below it, joined, give the region (``柳州市/柳江区`` →
``柳州市柳江区``). Folders that name no place (``samples``, ``2024``, ``new``) give nothing, so
the shipped ``data/raw/samples/`` yields no province. What the document itself says always
wins over the folder (see :func:`resolve_place`).
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from normalizers.provinces import PROVINCES

_LOOKUP: dict[str, str] = {}
for _p in PROVINCES:
    _LOOKUP[_p.short] = _p.short
    _LOOKUP[_p.full] = _p.short
    _LOOKUP[_p.pinyin] = _p.short

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_SEPARATORS = re.compile(r"[\s_\-.·]+")


def province_of(name: str) -> str | None:
    """The short province name a folder (or document) name stands for, or None.

    >>> province_of("广西壮族自治区"), province_of("Guangxi"), province_of("samples")
    ('广西', '广西', None)
    """
    key = _SEPARATORS.sub("", name.strip())
    return _LOOKUP.get(key) or _LOOKUP.get(key.lower())


def is_place_name(name: str) -> bool:
    """A region folder must be written in Chinese (柳州市, 酉阳自治县); anything else is not a place."""
    return bool(name) and _CJK.search(name) is not None and not name.isdigit()


def place_from_path(rel_path: str) -> tuple[str | None, str | None]:
    """(province, region) from a path relative to the raw root, e.g. ``广西/柳州市/柳江区/a.pdf``.

    The province is the first folder naming a province; the region joins the Chinese-named
    folders right below it. No province folder → (None, None).
    """
    folders = PurePosixPath(rel_path).parts[:-1]
    for i, folder in enumerate(folders):
        province = province_of(folder)
        if province is None:
            continue
        region_parts: list[str] = []
        for sub in folders[i + 1 :]:
            if not is_place_name(sub) or province_of(sub) is not None:
                break
            region_parts.append(sub.strip())
        return province, ("".join(region_parts) or None)
    return None, None


def resolve_place(
    doc_province: str | None,
    doc_region: str | None,
    folder_province: str | None,
    folder_region: str | None,
) -> tuple[str | None, str | None]:
    """Combine what the document says with what the folder says; the document wins.

    The folder's region is used only when it belongs to the same province as the item
    (a 浙江 document filed under ``广西/柳州市`` must not become 柳州市).
    """
    province = doc_province or folder_province
    if doc_province and folder_province and province_of(doc_province) != folder_province:
        return province, doc_region
    return province, doc_region or folder_region
