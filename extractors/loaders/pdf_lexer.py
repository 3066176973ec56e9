"""Tokens of a PDF content stream, read the way pdfminer.six reads them.

:mod:`extractors.loaders.pdf_content` interprets page content itself instead of running
pdfminer's interpreter, which spends most of its time tokenising byte by byte. Its output
must be the very objects pdfplumber would build, so every token here has the value
pdfminer's ``PSBaseParser`` gives it, quirks included (an unknown escape drops the escaped
character; an odd trailing hex digit is read as a whole byte). Whatever this lexer does not
reproduce exactly raises :class:`Unsupported`, and the page is read by pdfplumber instead.

Tokens: ``str`` for operators (never an operand: PDF strings come as ``bytes``), ``int`` /
``float`` / ``bool``, ``bytes``, names as pdfminer ``PSLiteral``, arrays as ``list``, and
dictionaries as :class:`Dict` (their content is not needed).
"""

from __future__ import annotations

import binascii
import re
from collections.abc import Iterator

from pdfminer.psparser import LIT


class Unsupported(Exception):
    """The fast reader does not reproduce this content exactly; pdfplumber reads the page."""


class Dict(list):  # type: ignore[type-arg]
    """A ``<< … >>`` operand, kept as its flat list of keys and values."""


_TOKEN = re.compile(
    rb"""
    [ \t\n\r\f\v\x00]*  # whitespace before a token (NUL too: pdfminer skips it)
    (?: (?P<end>\Z)
    | (?P<num>[+-]?(?:\d+(?:\.\d*)?|\.\d+))
    | (?P<kw>[A-Za-z][^\#/%\[\]()<>{}\s]*)
    | <(?P<hex>[0-9A-Fa-f\s]*)>
    | /(?P<name>[^/%\[\]()<>{}\s]*)
    | (?P<str>\()
    | (?P<aopen>\[)
    | (?P<aclose>\])
    | (?P<dopen><<)
    | (?P<dclose>>>)
    | (?P<quote>['"])
    | (?P<comment>%[^\r\n]*)
    )""",
    re.VERBOSE,
)
_END_STRING = re.compile(rb"[()\\]")
_OCTAL = re.compile(rb"[0-7]{1,3}")
_NAME_HEX = re.compile(rb"#([0-9A-Fa-f]{0,2})")
_SPACE = re.compile(rb"\s")
# pdfminer drops a name that ends the stream in a "#xx" escape, complete or not: its
# end-of-stream flush leaves the escape state without emitting the name.
_OPEN_ESCAPE = re.compile(rb"#[0-9A-Fa-f]{0,2}$")
_ESCAPES = {ord(k): v for k, v in {
    "b": 8, "t": 9, "n": 10, "f": 12, "r": 13, "(": 40, ")": 41, "\\": 92,
}.items()}


def tokens(data: bytes) -> Iterator[object]:
    """Top-level tokens of ``data`` (arrays and dictionaries come as one token each)."""
    match = _TOKEN.match
    stack: list[list[object]] = []  # open arrays / dictionaries
    pos = 0
    end = len(data)
    while pos < end:
        m = match(data, pos)
        if m is None:
            raise Unsupported(f"token {data[pos:pos + 8]!r}")
        pos = m.end()
        kind = m.lastgroup
        value: object
        if kind == "kw":  # the commonest token: operators
            word = m["kw"]
            if word == b"true":
                value = True
            elif word == b"false":
                value = False
            else:
                if stack:  # an operator inside an array or dictionary: malformed
                    raise Unsupported("operator inside a container")
                yield word.decode("latin-1")
                continue
        elif kind == "num":
            text = m["num"]
            value = float(text) if b"." in text else int(text)
        elif kind == "end":
            break
        elif kind == "comment":
            continue
        elif kind == "hex":
            value = _hex_string(m["hex"])
        elif kind == "name":
            raw = m["name"]
            if pos == end and _OPEN_ESCAPE.search(raw):  # pdfminer loses such a last name
                raise Unsupported("name ends in an escape")
            value = _name(raw)
        elif kind == "str":
            value, pos = _literal_string(data, pos)
        elif kind == "aopen":
            stack.append([])
            continue
        elif kind == "dopen":
            stack.append(Dict())
            continue
        elif kind == "aclose" or kind == "dclose":
            if not stack:
                raise Unsupported("unbalanced container")
            value = stack.pop()
            if (kind == "dclose") != isinstance(value, Dict) or (kind == "dclose" and len(value) % 2):
                raise Unsupported("malformed container")
        else:  # ' or "
            if stack:
                raise Unsupported("operator inside a container")
            yield m["quote"].decode("latin-1")
            continue
        if stack:
            stack[-1].append(value)
        else:
            yield value
    if stack:
        raise Unsupported("unterminated container")


def _hex_string(body: bytes) -> bytes:
    digits = _SPACE.sub(b"", body)
    if len(digits) % 2 == 0:
        return binascii.unhexlify(digits)
    # pdfminer reads a lone last digit as a whole byte ("<4>" is 0x04, not 0x40).
    return binascii.unhexlify(digits[:-1]) + bytes((int(digits[-1:], 16),))


def _name(raw: bytes) -> object:
    if b"#" in raw:
        # "#xx" is a byte; a "#" without hex digits is dropped (as pdfminer does).
        raw = _NAME_HEX.sub(lambda h: bytes((int(h.group(1), 16),)) if h.group(1) else b"", raw)
    try:
        return LIT(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return LIT(raw)


def _literal_string(data: bytes, pos: int) -> tuple[bytes, int]:
    """The string opened just before ``pos``; returns its bytes and the position after it."""
    out = bytearray()
    depth = 1
    search = _END_STRING.search
    while True:
        m = search(data, pos)
        if m is None:
            raise Unsupported("unterminated string")
        j = m.start()
        out += data[pos:j]
        c = data[j]
        if c == 0x5C:  # backslash
            k = j + 1
            octal = _OCTAL.match(data, k)
            if octal is not None:
                code = int(octal.group(), 8)
                if code > 255:
                    raise Unsupported("octal escape out of range")
                out.append(code)
                pos = octal.end()
                continue
            if k >= len(data):
                raise Unsupported("unterminated string")
            escaped = data[k]
            if escaped in _ESCAPES:
                out.append(_ESCAPES[escaped])
                pos = k + 1
            elif escaped == 0x0D and data[k + 1:k + 2] == b"\n":
                pos = k + 2
            else:  # pdfminer drops an unknown escaped character (and a line break)
                pos = k + 1
            continue
        if c == 0x28:
            depth += 1
            out.append(c)
            pos = j + 1
            continue
        depth -= 1
        if depth:
            out.append(c)
            pos = j + 1
            continue
        return bytes(out), j + 1
