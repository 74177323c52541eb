"""Sentence spans of a text, by a fast rule-based splitter (no model, deterministic).

Themes are coded per sentence, so a hit's context is the sentence that holds it. A line break
ends a sentence (list items, headings, transcript turns) unless the text is hard-wrapped: the
next line starts in lower case or the line ends with a comma or hyphen (PDF-extracted speeches
wrap every ~50 characters). Inside a line a sentence ends at ``.``, ``!`` or ``?`` followed by
space and an upper-case letter, digit or quote, unless the word before the stop is a known
abbreviation or an initial.
"""

from __future__ import annotations

import re

from govtext.ingest.lines import trimmed_spans

_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "st", "no", "nos", "vs", "etc", "e.g", "i.e", "u.s",
    "u.k", "u.n", "art", "para", "fig", "jr", "sr", "gen", "col", "lt", "sen", "rep", "hon",
    "h.e", "amb", "approx", "dept", "govt", "inc", "ltd", "co", "corp", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
})
_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9•>])")
# A line break is a boundary unless the next line continues the sentence (hard wrap).
_BREAK = re.compile(r"(?<![,\-–])[ \t]*\n\s*(?![a-z(])")


def _ends_with_abbreviation(text: str, stop: int) -> bool:
    """True when the word ending at ``stop`` (the '.') is an abbreviation or an initial."""
    start = stop
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    word = text[start:stop].lower().lstrip("(\"'“")
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _lines(text: str) -> list[tuple[int, int]]:
    """Logical lines: physical lines joined across hard wraps."""
    out, start = [], 0
    for m in _BREAK.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text``, whitespace trimmed, in order."""
    spans: list[tuple[int, int]] = []
    for line_start, line_end in _lines(text):
        start = line_start
        for m in _END.finditer(text, line_start, line_end):
            stop = m.start()
            if text[stop] == "." and _ends_with_abbreviation(text, stop):
                continue
            spans.append((start, m.end()))
            start = m.end()
        spans.append((start, line_end))
    return trimmed_spans(text, spans)
