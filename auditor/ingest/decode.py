"""Bytes to text: byte-order marks, UTF-16, Windows-1252 and mixed files, binary refused."""

from __future__ import annotations

import codecs

from auditor.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_GZIP_MAGIC = b"\x1f\x8b"
# C0 control characters other than tab, newline, carriage return and form feed.
_CONTROL = frozenset(range(0x20)) - {0x09, 0x0A, 0x0D, 0x0C}


def _cp1252_fallback(err: UnicodeError) -> tuple[str, int]:
    """Decode bytes that are not UTF-8 as Windows-1252: files pasted together from two sources."""
    assert isinstance(err, UnicodeDecodeError)
    bad = err.object[err.start : err.end]
    return bad.decode("cp1252", errors="replace"), err.end


codecs.register_error("auditor-cp1252", _cp1252_fallback)


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: ASCII text then has a zero in every other byte."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / len(sample[0::2])
    odd = sample[1::2].count(0) / len(sample[1::2])
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def stream_codec(head: bytes) -> str:
    """The codec to read a stream starting with `head` line by line: by its byte-order mark,
    else UTF-16 by its zero bytes, else UTF-8 (a UTF-8 byte-order mark is skipped)."""
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return (_looks_utf16(head) if b"\x00" in head else None) or "utf-8-sig"


def decode(data: bytes, source: str, encoding: str | None = None) -> str:
    """Decode `data` to text; raise `InputError` naming `source` when it is not text."""
    if not data.strip():
        raise InputError(source, "empty file")
    if encoding:
        try:
            return data.decode(encoding).lstrip("\ufeff")
        except (UnicodeDecodeError, LookupError) as exc:
            raise InputError(source, f"cannot decode as {encoding}: {exc}") from exc
    text: str | None = None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(source, f"invalid {codec} after its byte-order mark: {exc.reason}") from exc
            break
    if text is None and b"\x00" in data:
        codec16 = _looks_utf16(data)
        if codec16 is None:
            raise InputError(source, "binary file (contains NUL bytes), not text")
        try:
            text = data.decode(codec16)
        except UnicodeDecodeError as exc:
            raise InputError(source, "binary file (contains NUL bytes), not text") from exc
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("utf-8", errors="auditor-cp1252")
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise InputError(source, "empty file")
    controls = sum(1 for ch in text[:65536] if ord(ch) in _CONTROL)
    if controls > max(8, len(text[:65536]) // 100):
        raise InputError(source, "binary file (control characters), not text")
    return text
