"""The theme coder: codebook patterns applied per sentence, every hit kept as evidence.

A scikit-learn-style estimator: ``__init__`` only stores the codebook (or its path),
``fit`` loads and compiles it (nothing is learned from data, but the compiled state lives in
attributes ending in ``_`` like any fitted estimator), and ``transform`` codes documents.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from govtext.schema import THEME_HITS, THEMES, Document
from govtext.themes.codebook import Codebook, Theme, load_codebook
from govtext.themes.patterns import CompiledPattern
from govtext.themes.sentences import sentence_spans


@dataclass(frozen=True)
class Hit:
    """One theme hit in one text: offsets of the evidence and of its sentence."""

    theme: str
    pattern: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


class _Sentences:
    """Sentence spans of one text, a lower-cased copy, and a lookup from offset to sentence."""

    def __init__(self, text: str) -> None:
        self.text = text
        lowered = text.lower()
        if len(lowered) != len(text):  # keep offsets aligned (e.g. 'İ' lowers to 2 chars)
            lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        self.lowered = lowered
        self.spans = sentence_spans(text)
        self.starts = [s for s, _ in self.spans]

    def index(self, offset: int) -> int | None:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i if i >= 0 and offset < self.spans[i][1] else None

    def candidates(self, pat: CompiledPattern) -> list[tuple[int, int]]:
        """Sentences that hold a cue of ``pat`` (all sentences when it has none).

        Finding cue literals with ``str.find`` and running the regex only on those sentences
        is what makes coding millions of words take seconds rather than minutes.
        """
        if not pat.cues:
            return self.spans
        found: set[int] = set()
        for cue in pat.cues:
            lit, exact = max(cue, key=lambda c: len(c[0]))
            hay = self.text if exact else self.lowered
            i = hay.find(lit)
            while i != -1:
                k = self.index(i)
                if k is not None:
                    found.add(k)
                i = hay.find(lit, i + 1)
        return [self.spans[k] for k in sorted(found)]


def _theme_hits(theme: Theme, sents: _Sentences) -> list[Hit]:
    text = sents.text
    phrase: list[Hit] = []
    cooc: list[Hit] = []
    for pat in theme.include:
        if not pat.may_match(text, sents.lowered):
            continue
        for s, e in sents.candidates(pat):
            if pat.second is None:
                phrase += [Hit(theme.id, pat.source, m.start(), m.end(), s, e)
                           for m in pat.first.finditer(text, s, e)]
            else:
                cooc += [Hit(theme.id, pat.source, a, b, s, e) for a, b in pat.spans(text, s, e)]
    if not phrase and not cooc:
        return []
    # Exclusions remove any hit they overlap (names such as "Cyber Security Association").
    blocked = [m.span() for pat in theme.exclude if pat.may_match(text, sents.lowered)
               for s, e in sents.candidates(pat) for m in pat.first.finditer(text, s, e)]
    kept: list[Hit] = []
    reach = -1  # end of the kept hits so far: overlapping phrase hits count once
    for h in sorted(phrase, key=lambda h: (h.start, -h.end, h.pattern)):
        if h.start < reach or any(_overlaps((h.start, h.end), b) for b in blocked):
            continue
        kept.append(h)
        reach = h.end
    # A co-occurrence pattern is a fallback: it counts only in sentences without a phrase hit.
    covered = {(k.sentence_start, k.sentence_end) for k in kept}
    for h in sorted(cooc, key=lambda h: (h.start, -h.end, h.pattern)):
        sent = (h.sentence_start, h.sentence_end)
        if sent in covered or any(_overlaps((h.start, h.end), b) for b in blocked):
            continue
        covered.add(sent)
        kept.append(h)
    return sorted(kept, key=lambda h: (h.start, h.end))


class ThemeCoder:
    """Codes texts and documents with the themes of a codebook.

    >>> coder = ThemeCoder().fit()
    >>> sorted(coder.themes_in("How do we narrow the digital divide?"))
    ['digital_divide']
    """

    def __init__(self, codebook: Codebook | str | Path | None = None) -> None:
        self.codebook = codebook

    def fit(self, documents: Sequence[Document] | None = None, y: None = None) -> ThemeCoder:
        """Load and compile the codebook; ``documents`` are accepted for API symmetry."""
        cb = self.codebook
        self.codebook_ = cb if isinstance(cb, Codebook) else load_codebook(cb)
        self.theme_ids_ = self.codebook_.ids
        return self

    def hits(self, text: str) -> list[Hit]:
        """Every hit of every theme in ``text``, by position then theme."""
        sents = _Sentences(text)
        out = [h for t in self.codebook_.themes for h in _theme_hits(t, sents)]
        return sorted(out, key=lambda h: (h.start, h.end, h.theme))

    def themes_in(self, text: str) -> set[str]:
        """Ids of the themes with at least one hit in ``text``."""
        return {h.theme for h in self.hits(text)}

    def transform(self, documents: Sequence[Document]) -> tuple[pd.DataFrame, pd.DataFrame]:
        """``(themes, theme_hits)`` tables; offsets are into each section's text."""
        hit_rows: list[dict[str, object]] = []
        first: dict[tuple[str, str], dict[str, object]] = {}
        counts: dict[tuple[str, str], int] = {}
        for doc in documents:
            if doc.duplicate_of:
                continue
            for pos, sec in enumerate(doc.sections):
                for h in self.hits(sec.text):
                    row = {"doc_id": doc.doc_id, "theme": h.theme, "pattern": h.pattern,
                           "section": sec.section, "section_position": pos,
                           "start_char": h.start, "end_char": h.end,
                           "evidence": sec.text[h.start:h.end]}
                    hit_rows.append(row)
                    key = (doc.doc_id, h.theme)
                    counts[key] = counts.get(key, 0) + 1
                    if key not in first:
                        first[key] = {**row, "sentence":
                                      sec.text[h.sentence_start:h.sentence_end]}
        theme_rows = [{**{k: v for k, v in row.items() if k != "pattern"}, "n_hits": counts[key]}
                      for key, row in first.items()]
        return THEMES.frame(theme_rows), THEME_HITS.frame(hit_rows)
