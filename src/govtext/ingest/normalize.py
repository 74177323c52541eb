"""One canonical text per document: every later offset refers to this string."""

from __future__ import annotations

import re
import unicodedata

# Odd spaces become a plain space; invisible format characters vanish; dash-like hyphens
# that captioners use (non-breaking hyphen U+2011, figure dash) become '-'.
_SPACES = "\u00a0\u1680\u202f\u205f\u3000" + "".join(chr(c) for c in range(0x2000, 0x200B))
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_HYPHENS = "\u2010\u2011\u2012"
_TRANSLATE = {ord(c): " " for c in _SPACES}
_TRANSLATE.update({ord(c): None for c in _INVISIBLE})
_TRANSLATE.update({ord(c): "-" for c in _HYPHENS})
_TRANSLATE.update({ord("\u2028"): "\n", ord("\u2029"): "\n", ord("\x0b"): "\n", ord("\x0c"): "\n"})
# C0/C1 controls other than tab and newline carry no text.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def canonical_text(text: str) -> str:
    """NFC-normalize, unify line ends, fold odd spaces and hyphens, drop controls.

    Line structure is kept (parsers rely on it); trailing spaces on lines are removed and the
    text is stripped of leading/trailing blank space.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROLS.sub("", text.translate(_TRANSLATE))
    # NFC after the removals: dropping an invisible or control character can bring a
    # combining mark next to its base letter ("A<ZWSP><U+0301>" must end as "Á").
    text = unicodedata.normalize("NFC", text)
    # Line by line: a MULTILINE "[ \t]+$" regex is quadratic on long runs of spaces.
    text = "\n".join(line.rstrip(" \t") for line in text.split("\n"))
    return text.strip()


def control_char_share(text: str) -> float:
    """Share of characters that are control characters (binary content detector)."""
    if not text:
        return 0.0
    return len(_CONTROLS.findall(text)) / len(text)


def count_words(text: str) -> int:
    return len(text.split())
