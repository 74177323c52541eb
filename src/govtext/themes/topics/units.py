"""Paragraph units: the pieces of text that topics are fitted on and assigned to.

The unit is the paragraph, so that even five documents give enough units. Real paragraphs are
uneven (a one-line heading, a 3,000-word speech with no line breaks, PDF text hard-wrapped
every 50 characters), so a unit is built from whole sentences: a new unit starts at a blank
line, at a line break once the unit has ``min_words``, or when the next sentence would take
it past ``max_words``. A short remainder is merged into the unit before it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from govtext.schema import Document
from govtext.themes.sentences import sentence_spans


@dataclass(frozen=True)
class Unit:
    """One paragraph unit: ``text == doc.sections[section_position].text[start:end]``."""

    doc_id: str
    paragraph: int
    year: int | None
    section_position: int
    start: int
    end: int
    text: str


def _n_words(text: str) -> int:
    return len(text.split())


def _section_spans(text: str, min_words: int, max_words: int) -> list[tuple[int, int]]:
    """(start, end) of the units of one section's text."""
    spans: list[list[int]] = []
    words = 0
    prev_end = 0
    for start, end in sentence_spans(text):
        gap = text[prev_end:start]
        n = _n_words(text[start:end])
        new = (
            not spans
            or gap.count("\n") >= 2
            or ("\n" in gap and words >= min_words)
            or (words + n > max_words and words >= min_words)
        )
        if new:
            spans.append([start, end])
            words = n
        else:
            spans[-1][1] = end
            words += n
        prev_end = end
    if len(spans) > 1 and _n_words(text[spans[-1][0]:spans[-1][1]]) < min_words:
        last = spans.pop()
        spans[-1][1] = last[1]
    return [(s, e) for s, e in spans]


def paragraph_units(
    documents: Sequence[Document], min_words: int = 25, max_words: int = 150
) -> list[Unit]:
    """The paragraph units of ``documents`` (duplicates skipped), numbered per document."""
    units: list[Unit] = []
    for doc in documents:
        if doc.duplicate_of:
            continue
        n = 0
        for pos, sec in enumerate(doc.sections):
            for s, e in _section_spans(sec.text, min_words, max_words):
                units.append(Unit(doc.doc_id, n, doc.year, pos, s, e, sec.text[s:e]))
                n += 1
    return units
