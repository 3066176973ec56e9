"""Builders for broken and hostile input files, made on the fly from the sample documents.

Each builder writes one file (or link) at the path it is given and returns that path, so
tests can drop them among good files. Nothing here is committed as binary data.
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import re
import struct
import zipfile
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "raw" / "samples"
SAMPLE_PDF = SAMPLES / "lz_yibao_tongzhi_2021_9.pdf"
SAMPLE_DOCX = SAMPLES / "lz_yibao_tongzhi_2021_9.docx"

XXE_DOCTYPE = b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
BILLION_LAUGHS_DOCTYPE = (
    b'<!DOCTYPE w:document [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode()
        for i in range(1, 10)
    )
    + b"]>"
)


# --- PDF ---------------------------------------------------------------------------------


def truncated_pdf(dst: Path, sample: Path = SAMPLE_PDF) -> Path:
    data = sample.read_bytes()
    dst.write_bytes(data[: len(data) * 3 // 5])
    return dst


def broken_xref_pdf(dst: Path, sample: Path = SAMPLE_PDF) -> Path:
    """The final startxref points into the middle of the file, at no xref section."""
    data = sample.read_bytes()
    at = data.rindex(b"startxref")
    dst.write_bytes(data[:at] + b"startxref\n%d\n%%%%EOF\n" % (len(data) // 2))
    return dst


def shifted_xref_pdf(dst: Path, sample: Path = SAMPLE_PDF) -> Path:
    """Bytes inserted after the header, startxref corrected: the table's offsets are all wrong."""
    data = sample.read_bytes()
    eol = data.index(b"\n") + 1
    at = data.rindex(b"startxref")
    offset = int(data[at:].split()[1])
    shifted = data[:eol] + b"%" + b"x" * 99 + b"\n" + data[eol:at]
    dst.write_bytes(shifted + b"startxref\n%d\n%%%%EOF\n" % (offset + 101))
    return dst


def pdf_without_tounicode(
    dst: Path, sample: Path = SAMPLES / "gx_liujiang_yibao_bujiao_zhinan.pdf"
) -> Path:
    """A real guide whose fonts lost their ToUnicode maps (blanked in place, so every
    offset stays valid): its text layer yields glyph numbers instead of characters."""
    data = re.sub(
        rb"/ToUnicode\s+\d+\s+\d+\s+R", lambda m: b" " * len(m.group(0)), sample.read_bytes()
    )
    dst.write_bytes(data)
    return dst


def random_bytes(dst: Path, size: int = 4096, seed: int = 6) -> Path:
    rng = random.Random(seed)
    data = rng.randbytes(size)
    while data[:2] in (b"PK", b"%P", b"\xd0\xcf") or data[:1] in (b"<", b"{"):
        data = rng.randbytes(size)
    dst.write_bytes(data)
    return dst


def empty_file(dst: Path) -> Path:
    dst.write_bytes(b"")
    return dst


def scanned_pdf(dst: Path, pages: int = 2) -> Path:
    """An image-only PDF, as a scanner writes it: pictures of text, no text layer."""
    from PIL import Image, ImageDraw

    images = []
    for page in range(pages):
        img = Image.new("RGB", (595, 842), "white")
        draw = ImageDraw.Draw(img)
        for line in range(20):
            y = 80 + 32 * line
            draw.rectangle((60, y, 60 + 17 * ((line * 7 + page) % 25 + 5), y + 12), fill="black")
        images.append(img)
    images[0].save(dst, "PDF", save_all=True, append_images=images[1:], resolution=72)
    return dst


def text_pdf(dst: Path, text: str) -> Path:
    """A one-page PDF showing ``text`` (ASCII) in a standard font."""
    content = f"BT /F1 24 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    dst.write_bytes(_write_pdf(objects, b"<< /Size 6 /Root 1 0 R >>"))
    return dst


def encrypted_pdf(
    dst: Path, user_password: bytes = b"secret", text: str = "Encrypted guide"
) -> Path:
    """A PDF protected by a user password (standard security handler, RC4 40-bit, R2).

    Genuinely encrypted: it opens with ``user_password`` and shows ``text``.
    """
    pad = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
    padded = (user_password + pad)[:32]
    owner_key = hashlib.md5((b"owner" + pad)[:32]).digest()[:5]
    o_value = _rc4(owner_key, padded)
    permissions = -4
    file_id = hashlib.md5(text.encode()).digest()
    key = hashlib.md5(padded + o_value + struct.pack("<i", permissions) + file_id).digest()[:5]
    u_value = _rc4(key, pad)

    def object_key(num: int) -> bytes:
        return hashlib.md5(key + struct.pack("<i", num)[:3] + b"\x00\x00").digest()[:10]

    content = f"BT /F1 24 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content)
        + _rc4(object_key(4), content)
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>"
        % (o_value.hex().encode(), u_value.hex().encode(), permissions),
    ]
    trailer = b"<< /Size 7 /Root 1 0 R /Encrypt 6 0 R /ID [<%s> <%s>] >>" % (
        file_id.hex().encode(),
        file_id.hex().encode(),
    )
    dst.write_bytes(_write_pdf(objects, trailer))
    return dst


def _write_pdf(objects: list[bytes], trailer: bytes) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for num, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % num + body + b"\nendobj\n")
    xref_at = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n" + trailer + b"\nstartxref\n%d\n%%%%EOF\n" % xref_at)
    return out.getvalue()


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


# --- DOCX --------------------------------------------------------------------------------


def rewrite_docx(
    dst: Path,
    *,
    sample: Path = SAMPLE_DOCX,
    replace: dict[str, bytes] | None = None,
    add: dict[str, bytes] | None = None,
    compression: int = zipfile.ZIP_DEFLATED,
) -> Path:
    """Copy a DOCX package, replacing and adding members."""
    replace = replace or {}
    with zipfile.ZipFile(sample) as src, zipfile.ZipFile(dst, "w", compression) as out:
        for info in src.infolist():
            out.writestr(info.filename, replace.get(info.filename, src.read(info)))
        for name, data in (add or {}).items():
            out.writestr(name, data)
    return dst


def docx_with_doctype(
    dst: Path, doctype: bytes = XXE_DOCTYPE, *, encoding: str = "utf-8", sample: Path = SAMPLE_DOCX
) -> Path:
    """word/document.xml carrying a DTD (XXE or entity expansion), optionally re-encoded."""
    with zipfile.ZipFile(sample) as src:
        xml = src.read("word/document.xml")
    decl_end = xml.index(b"?>") + 2
    body = xml[decl_end:]
    if b"xxe" in doctype:
        body = re.sub(rb"<w:t>", b"<w:t>&xxe;", body, count=1)
    elif b"lol9" in doctype:
        body = re.sub(rb"<w:t>", b"<w:t>&lol9;", body, count=1)
    text = (
        (b'<?xml version="1.0" encoding="%s" standalone="yes"?>\n' % encoding.upper().encode())
        + doctype
        + body
    )
    data = text.decode("utf-8").encode(encoding)  # "utf-16" writes a BOM, "utf-16-be" none
    return rewrite_docx(dst, sample=sample, replace={"word/document.xml": data})


def docx_bomb(dst: Path, member_bytes: int = 20 * 1024 * 1024, sample: Path = SAMPLE_DOCX) -> Path:
    """A real DOCX plus one member of zeros: ~1000:1 compression, a classic bomb part."""
    return rewrite_docx(dst, sample=sample, add={"word/media/image1.bin": bytes(member_bytes)})


def docx_lying_size(dst: Path, actual_bytes: int = 2 * 1024 * 1024, declared: int = 1000) -> Path:
    """A zip whose member declares ``declared`` bytes but inflates to ``actual_bytes``."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        with zipfile.ZipFile(SAMPLE_DOCX) as src:
            for info in src.infolist():
                out.writestr(info.filename, src.read(info))
        out.writestr("word/media/image1.bin", bytes(actual_bytes))
    data = bytearray(buf.getvalue())
    name = b"word/media/image1.bin"
    # Patch the uncompressed size in the local header (offset 22) and central directory (24).
    local = data.rindex(b"PK\x03\x04", 0, data.index(name) + 1)
    struct.pack_into("<L", data, local + 22, declared)
    central = data.rindex(b"PK\x01\x02", 0, data.rindex(name) + 1)
    struct.pack_into("<L", data, central + 24, declared)
    dst.write_bytes(bytes(data))
    return dst


def docx_encrypted_member(dst: Path) -> Path:
    """Sets the 'encrypted' flag of word/document.xml in both zip headers."""
    data = bytearray(SAMPLE_DOCX.read_bytes())
    name = b"word/document.xml"
    for signature, flag_at, name_at in ((b"PK\x03\x04", 6, 30), (b"PK\x01\x02", 8, 46)):
        pos = 0
        while (pos := data.find(signature, pos)) >= 0:
            if data[pos + name_at : pos + name_at + len(name)] == name:
                flags = struct.unpack_from("<H", data, pos + flag_at)[0]
                struct.pack_into("<H", data, pos + flag_at, flags | 0x1)
            pos += 4
    dst.write_bytes(bytes(data))
    return dst


def docx_not_zip(dst: Path) -> Path:
    dst.write_bytes("这不是Word文件，只是一段文字。\n".encode() * 20)
    return dst


def zip_not_docx(dst: Path) -> Path:
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("readme.txt", "办事指南附件")
        out.writestr("scan/page1.jpg", b"\xff\xd8\xff" + bytes(100))
    return dst


def truncated_docx(dst: Path) -> Path:
    data = SAMPLE_DOCX.read_bytes()
    dst.write_bytes(data[: len(data) // 2])
    return dst


# --- names and links ---------------------------------------------------------------------


def copy_as(root: Path, name: str, sample: Path = SAMPLE_PDF) -> Path:
    """A good document under a (possibly hostile) name directly below ``root``."""
    path = root / name
    path.write_bytes(sample.read_bytes())
    return path


def symlink_outside(root: Path, outside_dir: Path, name: str = "guide.pdf") -> Path:
    """A link inside ``root`` to a file outside it (a real PDF, so only the link is wrong)."""
    target = outside_dir / "secret.pdf"
    target.write_bytes(SAMPLE_PDF.read_bytes())
    link = root / name
    os.symlink(target, link)
    return link
