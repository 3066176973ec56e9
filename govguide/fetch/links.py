"""Links of a list page that lead to guides."""

from __future__ import annotations

import re
from urllib.parse import urldefrag, urljoin

import lxml.html
from lxml.etree import ParserError


def guide_links(page: bytes, base_url: str, pattern: str) -> list[str]:
    """Absolute addresses of the page's ``<a href>`` links that ``pattern`` finds (a regex
    searched in the absolute address), in page order, each once, fragments dropped.

    lxml reads the page's declared encoding (``<meta charset>``), which portals mostly
    give; a page with no element at all has no links."""
    try:
        doc = lxml.html.fromstring(page)
    except (ParserError, ValueError):
        return []
    wanted = re.compile(pattern)
    found: dict[str, None] = {}
    for a in doc.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.lower().startswith(("javascript:", "mailto:", "#")):
            continue
        url = urldefrag(urljoin(base_url, href)).url
        if url.startswith(("http://", "https://")) and wanted.search(url):
            found.setdefault(url, None)
    return list(found)
