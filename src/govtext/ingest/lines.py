"""Lines and paragraphs of the canonical text, with their offsets (parsers work on these)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from govtext.schema import Section


@dataclass(frozen=True)
class Line:
    """A line of the canonical text; ``text`` is stripped, offsets point at the stripped span."""

    index: int
    start: int
    end: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text


def split_lines(text: str) -> list[Line]:
    out: list[Line] = []
    pos = 0
    for i, raw in enumerate(text.split("\n")):
        lead = len(raw) - len(raw.lstrip())
        stripped = raw.strip()
        start = pos + lead
        out.append(Line(i, start, start + len(stripped), stripped))
        pos += len(raw) + 1
    return out


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` moved inwards past white space; empty spans come back with
    ``start >= end``."""
    segment = text[start:end]
    lead = len(segment) - len(segment.lstrip())
    trail = len(segment) - len(segment.rstrip())
    return start + lead, end - trail


def trimmed_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The non-empty spans of ``spans``, each trimmed of surrounding white space."""
    out = []
    for s, e in spans:
        s, e = trim_span(text, s, e)
        if e > s:
            out.append((s, e))
    return out


def make_section(text: str, name: str, start: int, end: int) -> Section | None:
    """A Section for ``text[start:end]`` trimmed of surrounding whitespace, or None if empty."""
    start, end = trim_span(text, start, end)
    if start >= end:
        return None
    return Section(name, start, end, text[start:end])


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def paragraphs(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) offsets of blank-line-separated paragraphs within ``text[start:end]``."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    pos = start
    for m in _PARAGRAPH_BREAK.finditer(text, start, end):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, end))
    out = []
    for s, e in spans:
        sec = make_section(text, "", s, e)
        if sec:
            out.append((sec.start_char, sec.end_char))
    return out
