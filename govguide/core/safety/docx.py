"""Refuse hostile DOCX packages before python-docx opens them.

Zip bombs: every member's declared size and compression ratio are read from the zip's
central directory and judged *before* anything is inflated. Declared sizes can lie, so the
package is then inflated once as a stream, member by member, and refused the moment a
member yields more bytes than it declared (memory stays at one chunk; nothing is kept).

XML entities: python-docx parses with ``resolve_entities=False``, which stops external
entities but still parses a DTD. A Word document never needs one, so any member containing
a document type or entity declaration is refused outright — scanned in the same streaming
pass, in the member's own encoding (UTF-16 parts cannot hide a declaration).
:func:`safe_xml_parse` is the hardened parser for code that parses package XML itself.
"""

from __future__ import annotations

import codecs
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from govguide.core.errors import (
    CorruptFileError,
    EncryptedFileError,
    UnsafeFileError,
    UnsupportedFormatError,
)

_CHUNK = 64 * 1024
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_DECLARATIONS = ("<!doctype", "<!entity")
_ENCRYPTED = 0x1 | 0x40  # traditional PKWARE encryption | strong encryption
# Byte-order marks and the XML spec's (appendix F) BOM-less signatures of "<?".
_UNICODE_SIGNATURES = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00?\x00", "utf-16-le"),
    (b"\x00<\x00?", "utf-16-be"),
)
# Parts python-docx keeps as opaque blobs (HTML/MHT "altChunk" imports): a <!DOCTYPE html>
# there is ordinary HTML, never seen by an XML parser. Relationship parts and the content
# types part are parsed whatever they claim to be, so they are never exempt.
_BLOB_TYPES = frozenset(
    {
        "text/html",
        "application/xhtml+xml",
        "message/rfc822",
        "text/plain",
        "application/rtf",
        "text/rtf",
    }
)
_CONTENT_TYPES = "[Content_Types].xml"
_CONTENT_TYPES_MAX = 1024 * 1024
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")


def check_docx_zip(
    path: Path,
    *,
    max_member_bytes: int | None = None,
    max_total_bytes: int | None = None,
    max_ratio: float | None = None,
    max_members: int | None = None,
    ratio_min_bytes: int | None = None,
) -> None:
    """Raise unless the DOCX package at ``path`` is safe for python-docx to open.

    :class:`UnsafeFileError`: too many members, a duplicate member name, a member or the
    whole package inflating past its limit, a compression ratio past ``max_ratio`` (for
    members of at least ``ratio_min_bytes``), a member inflating past its declared size, or
    a document type/entity declaration in any member. :class:`EncryptedFileError`: an
    encrypted member. :class:`CorruptFileError`: a damaged archive. Limits left ``None``
    come from :func:`govguide.core.settings.get_settings`.
    """
    from govguide.core.settings import get_settings

    s = get_settings()
    max_member_bytes = s.zip_max_member_bytes if max_member_bytes is None else max_member_bytes
    max_total_bytes = s.zip_max_total_bytes if max_total_bytes is None else max_total_bytes
    max_ratio = s.zip_max_ratio if max_ratio is None else max_ratio
    max_members = s.zip_max_members if max_members is None else max_members
    ratio_min_bytes = s.zip_ratio_min_bytes if ratio_min_bytes is None else ratio_min_bytes
    path = Path(path)

    with open_zip(path) as zf:
        infos = zf.infolist()
        _check_declared(
            infos, path, max_member_bytes, max_total_bytes, max_ratio, max_members, ratio_min_bytes
        )
        types = content_types(zf, path)
        with open(path, "rb") as fh:
            for info in infos:
                if info.is_dir():
                    continue
                scanner = _DeclarationScanner()
                # Blob parts (HTML imports) are still inflated, so their sizes are enforced.
                sink = _discard if _is_blob(info.filename, types) else scanner.feed
                try:
                    _inflate(zf, fh, info, path, sink)
                except (OSError, ValueError, OverflowError, struct.error) as exc:
                    # Offsets from a damaged central directory (negative, past the end …).
                    raise CorruptFileError(
                        f"zip member {info.filename} cannot be read: {exc}", path=path
                    ) from exc
                scanner.close()
                if scanner.found:
                    raise UnsafeFileError(
                        f"package part {info.filename} contains an XML document type or entity "
                        f"declaration ({scanner.found}); entity payloads are refused unread",
                        path=path,
                    )
                if scanner.bad_encoding:
                    raise UnsafeFileError(
                        f"package part {info.filename} declares encoding {scanner.bad_encoding!r}, "
                        "which can hide markup from inspection",
                        path=path,
                    )


def open_zip(path: Path) -> zipfile.ZipFile:
    """Open a zip archive, turning every way its directory can be bad into a govguide error."""
    try:
        return zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise CorruptFileError(f"zip archive is damaged or truncated: {exc}", path=path) from exc
    except NotImplementedError as exc:  # e.g. "zip file version 6.3": a feature zipfile lacks
        raise UnsupportedFormatError(
            f"zip archive uses an unsupported feature: {exc}", path=path
        ) from exc
    except (OSError, ValueError, EOFError, OverflowError, struct.error) as exc:
        raise CorruptFileError(f"zip archive cannot be read: {exc}", path=path) from exc


def content_types(zf: zipfile.ZipFile, path: Path) -> dict[str, str]:
    """Member name → content type, from the package's [Content_Types].xml.

    Read with regular expressions, not an XML parser: this runs before the package is known
    to be free of entity declarations. Empty when the part is missing, oversized or
    encrypted (the size and encryption checks report those).
    """
    try:
        info = zf.getinfo(_CONTENT_TYPES)
    except KeyError:
        return {}
    if info.file_size > _CONTENT_TYPES_MAX or info.flag_bits & _ENCRYPTED:
        return {}
    try:
        raw = zf.read(info)  # zipfile stops at the declared size, checked above
    except (
        zipfile.BadZipFile,
        OSError,
        NotImplementedError,
        EOFError,
        ValueError,
        zlib.error,
    ) as exc:
        raise CorruptFileError(
            f"zip member {_CONTENT_TYPES} cannot be read: {exc}", path=path
        ) from exc
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = raw.decode("utf-16", "replace")
    else:
        text = raw.decode("utf-8", "replace")
    defaults: dict[str, str] = {}
    overrides: dict[str, str] = {}
    for kind, body in re.findall(r"<(?:\w+:)?(Default|Override)\b([^>]*)>", text):
        attrs = dict(re.findall(r'(\w+)\s*=\s*["\']([^"\']*)["\']', body))
        ctype = attrs.get("ContentType", "")
        if kind == "Default" and "Extension" in attrs:
            defaults[attrs["Extension"].lower()] = ctype
        elif kind == "Override" and "PartName" in attrs:
            overrides[attrs["PartName"].lstrip("/").lower()] = ctype
    result: dict[str, str] = {}
    for name in zf.namelist():
        ext = name.rsplit(".", 1)[-1].lower() if "." in name.rsplit("/", 1)[-1] else ""
        ctype = overrides.get(name.lower()) or defaults.get(ext)
        if ctype:
            result[name] = ctype
    return result


def _is_blob(name: str, types: dict[str, str]) -> bool:
    if name == _CONTENT_TYPES or name.lower().endswith(".rels"):
        return False
    return types.get(name, "").split(";")[0].strip().lower() in _BLOB_TYPES


def _discard(_data: bytes) -> None:
    pass


def safe_xml_parse(data: bytes) -> Any:
    """Parse one XML part with every entity and network feature off; return the root.

    A document type or entity declaration raises :class:`UnsafeFileError` before lxml sees
    the data; malformed XML raises :class:`CorruptFileError`.
    """
    from lxml import etree

    scanner = _DeclarationScanner()
    scanner.feed(data)
    scanner.close()
    if scanner.found or scanner.bad_encoding:
        raise UnsafeFileError(
            f"XML contains {scanner.found or 'a disguising encoding ' + repr(scanner.bad_encoding)}; refused"
        )
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise CorruptFileError(f"XML cannot be parsed: {exc}") from exc
    if root.getroottree().docinfo.doctype:
        raise UnsafeFileError("XML contains a document type declaration; refused")
    return root


def _check_declared(
    infos: list[zipfile.ZipInfo],
    path: Path,
    max_member_bytes: int,
    max_total_bytes: int,
    max_ratio: float,
    max_members: int,
    ratio_min_bytes: int,
) -> None:
    if len(infos) > max_members:
        raise UnsafeFileError(
            f"zip archive has {len(infos)} members (limit {max_members})", path=path
        )
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        if name in seen:
            # Which copy a reader takes is implementation-defined: a way to show one
            # document to a checker and another to the parser.
            raise UnsafeFileError(f"zip archive holds two members named {name}", path=path)
        seen.add(name)
        if info.flag_bits & _ENCRYPTED:
            raise EncryptedFileError(f"DOCX member {name} is encrypted", path=path)
        if info.file_size > max_member_bytes:
            raise UnsafeFileError(
                f"zip member {name} would inflate to {_mib(info.file_size)} (limit {_mib(max_member_bytes)}); "
                "refused before inflating",
                path=path,
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size >= ratio_min_bytes and ratio > max_ratio:
            raise UnsafeFileError(
                f"zip member {name} has compression ratio {ratio:.0f}:1 (limit {max_ratio:.0f}:1), "
                "a zip bomb; refused before inflating",
                path=path,
            )
        total += info.file_size
        if total > max_total_bytes:
            raise UnsafeFileError(
                f"zip members would inflate to more than {_mib(max_total_bytes)} in total; "
                "refused before inflating",
                path=path,
            )


def _inflate(
    zf: zipfile.ZipFile,
    fh: BinaryIO,
    info: zipfile.ZipInfo,
    path: Path,
    sink: Callable[[bytes], None],
) -> None:
    """Stream one member's bytes to ``sink``, never producing more than it declared."""
    name = info.filename
    if info.compress_type == zipfile.ZIP_DEFLATED:
        _inflate_deflate(fh, info, path, sink)
        return
    if info.compress_type == zipfile.ZIP_STORED and info.compress_size != info.file_size:
        raise CorruptFileError(f"stored zip member {name} has inconsistent sizes", path=path)
    # Stored, bzip2 and lzma members: zipfile itself stops at the declared size and checks
    # the CRC, which is what the hand-rolled deflate path does below.
    try:
        with zf.open(info) as member:
            while chunk := member.read(_CHUNK):
                sink(chunk)
    except NotImplementedError as exc:
        raise UnsupportedFormatError(
            f"zip member {name} uses unsupported compression method {info.compress_type}", path=path
        ) from exc
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error, RuntimeError) as exc:
        raise CorruptFileError(f"zip member {name} cannot be inflated: {exc}", path=path) from exc
    except Exception as exc:  # bz2/lzma decompressors raise their own types on junk
        raise CorruptFileError(
            f"zip member {name} cannot be inflated: {type(exc).__name__}: {exc}", path=path
        ) from exc


def _inflate_deflate(
    fh: BinaryIO, info: zipfile.ZipInfo, path: Path, sink: Callable[[bytes], None]
) -> None:
    name = info.filename
    fh.seek(info.header_offset)
    header = fh.read(_LOCAL_HEADER.size)
    if len(header) != _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
        raise CorruptFileError(f"zip member {name} has no valid local header", path=path)
    fields = _LOCAL_HEADER.unpack(header)
    name_len, extra_len = fields[-2], fields[-1]
    fh.seek(info.header_offset + _LOCAL_HEADER.size + name_len + extra_len)

    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    declared = info.file_size
    produced = 0
    crc = 0
    left = info.compress_size

    def emit(data: bytes) -> None:
        nonlocal produced, crc
        produced += len(data)
        if produced > declared:
            raise UnsafeFileError(
                f"zip member {name} inflates past its declared size of {declared} bytes "
                "(a disguised zip bomb); refused",
                path=path,
            )
        crc = zlib.crc32(data, crc)
        sink(data)

    try:
        while left > 0 and not inflater.eof:
            chunk = fh.read(min(_CHUNK, left))
            if not chunk:
                raise CorruptFileError(f"zip member {name} is truncated", path=path)
            left -= len(chunk)
            # max_length caps each call's output, so a bomb never materialises in memory.
            emit(inflater.decompress(chunk, declared - produced + 1))
            while inflater.unconsumed_tail and not inflater.eof:
                emit(inflater.decompress(inflater.unconsumed_tail, declared - produced + 1))
        emit(inflater.flush())
    except zlib.error as exc:
        raise CorruptFileError(f"zip member {name} cannot be inflated: {exc}", path=path) from exc
    if not inflater.eof or produced != declared or crc != info.CRC:
        raise CorruptFileError(
            f"zip member {name} is damaged (size or checksum mismatch)", path=path
        )


class _DeclarationScanner:
    """Finds ``<!DOCTYPE`` / ``<!ENTITY`` in a byte stream, in the stream's own encoding."""

    def __init__(self) -> None:
        self.found: str | None = None
        self.bad_encoding: str | None = None
        self._decoder: Any = None
        self._head = b""
        self._tail = ""

    def feed(self, data: bytes) -> None:
        if self.found or self.bad_encoding or not data:
            return
        if self._decoder is None:
            self._head += data
            if len(self._head) < 256:
                return  # enough bytes to see a signature and an XML declaration
            data, self._head = self._head, b""
            self._start(data)
        self._scan(self._decoder.decode(data))

    def close(self) -> None:
        if self._decoder is None and self._head:
            data, self._head = self._head, b""
            self._start(data)
            self._scan(self._decoder.decode(data))
        if self._decoder is not None and not (self.found or self.bad_encoding):
            self._scan(self._decoder.decode(b"", final=True))

    def _start(self, head: bytes) -> None:
        codec = "latin-1"  # any ASCII-compatible encoding: markup bytes are ASCII bytes
        for signature, name in _UNICODE_SIGNATURES:
            if head.startswith(signature):
                codec = name
                break
        else:
            m = _XML_ENCODING.match(head)
            if m and not _ascii_compatible(m.group(1).decode("ascii")):
                self.bad_encoding = m.group(1).decode("ascii")
        self._decoder = codecs.getincrementaldecoder(codec)(errors="replace")

    def _scan(self, text: str) -> None:
        if self.found or self.bad_encoding:
            return
        window = (self._tail + text).lower()
        for marker in _DECLARATIONS:
            if marker in window:
                self.found = marker.upper()
                return
        self._tail = window[-(max(map(len, _DECLARATIONS)) - 1) :]


def _ascii_compatible(encoding: str) -> bool:
    """True if markup is written in plain ASCII bytes in ``encoding``.

    UTF-7 passes an encode test yet lets a parser decode ``+ADw-`` as ``<``; EBCDIC and
    wide encodings fail it.
    """
    if "7" in encoding and "utf" in encoding.lower().replace("-", ""):
        return False
    try:
        codecs.lookup(encoding)
    except LookupError:
        return False
    probe = "<!DOCTYPE x><!ENTITY>"
    try:
        return probe.encode(encoding) == probe.encode("ascii")
    except (UnicodeError, LookupError):
        return False


def _mib(n: int) -> str:
    return f"{n / 2**20:.1f} MiB"
