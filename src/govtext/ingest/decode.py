"""Bytes to str: BOMs, UTF-8, UTF-16 without BOM, cp1252, then charset detection."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class DecodeError(ValueError):
    """The bytes are not text in any encoding we accept."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows NUL in every other byte (for mostly-ASCII text)."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for zeros, enc in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros.count(0) > 0.9 * len(zeros):
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                return None
    return None


def decode_bytes(data: bytes) -> Decoded:
    """Decode ``data``; raise DecodeError(reason, detail) when it is not text."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(enc), enc)
            except UnicodeDecodeError as exc:
                raise DecodeError("undecodable", f"{enc} BOM but invalid data: {exc}") from None
    text16 = _utf16_without_bom(data)
    if text16 is not None:
        return Decoded(text16, "utf-16")
    if b"\x00" in data:
        raise DecodeError("binary", "contains NUL bytes and is not UTF-16 text")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    # Legacy Windows text (smart quotes as 0x91-0x94) is the common non-UTF-8 case.
    try:
        return Decoded(data.decode("cp1252"), "cp1252")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise DecodeError(
            "undecodable", f"not valid UTF-8 ({utf8_error.reason} at byte "
            f"{utf8_error.start}) and no other encoding fits"
        )
    return Decoded(str(best), best.encoding)
