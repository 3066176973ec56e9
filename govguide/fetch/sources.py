"""The sources file: which portal pages to fetch, and where their documents belong.

A TOML file with one ``[[source]]`` table per source::

    [[source]]
    url = "http://example.gov.cn/bsfw/zhinan/123.html"   # one guide: HTML, PDF or DOCX
    province = "广西"
    region = "柳州市柳江区"                               # optional

    [[source]]
    list_url = "http://example.gov.cn/bsfw/zhinan/"      # a list page
    link_pattern = "/bsfw/zhinan/\\d+\\.html$"           # links to follow (regex, searched)
    province = "广西"

The province must name a province-level division (广西, 广西壮族自治区, guangxi); it is
stored as its short name, so the fetched files land in ``<raw>/<province>/<region>/`` where
ingestion reads the place from the folders. Every mistake is reported with the source's
number, so a bad file is never half read.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from govguide.core.errors import GovguideError
from normalizers.folder_place import is_place_name, province_of  # folder names decide what is valid


class SourcesError(GovguideError):
    """The sources file cannot be used as written."""

    reason = "sources file"


@dataclass(frozen=True)
class Source:
    """One entry of the sources file: a document (``url``) or a list page (``list_url``)."""

    province: str
    region: str | None = None
    url: str | None = None
    list_url: str | None = None
    link_pattern: str | None = None

    @property
    def address(self) -> str:
        """The address this source names (the document, or the list page)."""
        return self.url or self.list_url or ""

    @property
    def folder(self) -> Path:
        """Where its documents are stored, relative to the raw folder."""
        return Path(self.province, self.region) if self.region else Path(self.province)


_KEYS = {"url", "list_url", "link_pattern", "province", "region"}
# Characters a folder name must not hold (path separators, control characters, dot names).
_BAD_FOLDER = re.compile(r"[/\\\x00-\x1f\x7f]|^\.")


def _check_url(value: object, where: str, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise SourcesError(f"{where}: {key} must be a non-empty string")
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SourcesError(f"{where}: {key} {value!r} is not an http(s) address")
    return value.strip()


def _check_folder(value: object, where: str, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise SourcesError(f"{where}: {key} must be a non-empty string")
    name = value.strip()
    if _BAD_FOLDER.search(name) or name == "..":
        raise SourcesError(f"{where}: {key} {value!r} cannot be a folder name")
    return name


def parse_source(entry: object, number: int) -> Source:
    """One ``[[source]]`` table, checked (``number`` counts from 1, for messages)."""
    where = f"source {number}"
    if not isinstance(entry, dict):
        raise SourcesError(f"{where}: must be a table ([[source]])")
    unknown = sorted(set(entry) - _KEYS)
    if unknown:
        raise SourcesError(f"{where}: unknown key(s) {', '.join(unknown)}")
    has_url, has_list = "url" in entry, "list_url" in entry
    if has_url == has_list:
        raise SourcesError(
            f"{where}: give exactly one of url (a document) or list_url (a list page)"
        )
    if "province" not in entry:
        raise SourcesError(f"{where}: province is required")
    written = _check_folder(entry["province"], where, "province")
    province = province_of(written)
    if province is None:
        raise SourcesError(f"{where}: province {written!r} is not a province-level division")
    region = _check_folder(entry["region"], where, "region") if "region" in entry else None
    if region is not None and not is_place_name(region):
        # Ingestion reads a region only from a folder written in Chinese.
        raise SourcesError(f"{where}: region {region!r} must be written in Chinese (柳州市柳江区)")
    if has_url:
        if "link_pattern" in entry:
            raise SourcesError(f"{where}: link_pattern belongs to a list_url source")
        return Source(province, region, url=_check_url(entry["url"], where, "url"))
    pattern = entry.get("link_pattern")
    if not isinstance(pattern, str) or not pattern:
        raise SourcesError(f"{where}: a list_url source needs a link_pattern (a regex)")
    try:
        re.compile(pattern)
    except re.error as exc:
        raise SourcesError(
            f"{where}: link_pattern {pattern!r} is not a valid regex: {exc}"
        ) from None
    return Source(
        province,
        region,
        list_url=_check_url(entry["list_url"], where, "list_url"),
        link_pattern=pattern,
    )


def load_sources(path: str | Path) -> list[Source]:
    """Every source of the TOML file at ``path``, in file order.

    Raises :class:`SourcesError` naming the file and the source at fault: unreadable or
    invalid TOML, a key that is not known, a missing or malformed address, province or
    pattern, or the same address listed twice."""
    path = Path(path)
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SourcesError(f"cannot read sources file: {exc.strerror}", path=path) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SourcesError(f"not a valid TOML file: {exc}", path=path) from None
    other = sorted(set(doc) - {"source"})
    if other:
        raise SourcesError(f"unknown top-level key(s) {', '.join(other)}", path=path)
    entries = doc.get("source", [])
    if not isinstance(entries, list):
        raise SourcesError("'source' must be an array of tables ([[source]])", path=path)
    sources: list[Source] = []
    seen: dict[str, int] = {}
    for number, entry in enumerate(entries, start=1):
        try:
            source = parse_source(entry, number)
        except SourcesError as exc:
            raise SourcesError(exc.message, path=path) from None
        if source.address in seen:
            raise SourcesError(
                f"source {number}: {source.address} is already source {seen[source.address]}",
                path=path,
            )
        seen[source.address] = number
        sources.append(source)
    return sources
