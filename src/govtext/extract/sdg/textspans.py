"""Tokens, sentences and paragraphs with character offsets, shared by the SDG matchers.

Matching is on lower-cased word tokens (runs of letters and digits), so "end" never hits
"spending" and hyphenated words split the same way in queries and in text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from govtext.ingest.lines import trimmed_spans

_WORD = re.compile(r"[^\W_]+")
# A sentence ends at . ! ? ; (plus closing quotes) before a capital, at a blank line, or
# before a bullet or numbered item.
_SENTENCE_END = re.compile(
    r"(?<=[.!?;])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9•\-–])"
    r"|\n\s*\n"
    r"|\n(?=\s*[-•*\d]+[.)]?\s)"
)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def fold_token(token: str) -> str:
    """Lower-case a token and fold British spellings so 'organisation' meets 'organization'."""
    t = token.casefold()
    if "isation" in t:
        t = t.replace("isation", "ization")
    if len(t) > 5 and t.endswith("our"):
        t = t[:-3] + "or"  # labour -> labor
    return t


@dataclass(frozen=True)
class TokenizedText:
    """A text with its folded word tokens and their character offsets."""

    text: str
    tokens: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    memo: dict[str, list[int]] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def index(self) -> dict[str, list[int]]:
        """Token -> positions where it occurs."""
        out: dict[str, list[int]] = {}
        for i, t in enumerate(self.tokens):
            found = out.get(t)
            if found is None:
                out[t] = [i]
            else:
                found.append(i)
        return out

    @cached_property
    def vocabulary(self) -> list[str]:
        """The distinct tokens, sorted (for prefix search)."""
        return sorted(self.index)

    def with_prefix(self, prefix: str) -> list[str]:
        """Distinct tokens starting with ``prefix``."""
        vocab = self.vocabulary
        out = []
        for i in range(bisect_left(vocab, prefix), len(vocab)):
            if not vocab[i].startswith(prefix):
                break
            out.append(vocab[i])
        return out


# Word -> fold_token(word): a corpus repeats its words, and folding is the costly part of
# tokenizing. Cleared when it grows past _MAX_FOLDED to bound memory.
_folded: dict[str, str] = {}
_MAX_FOLDED = 500_000


def tokenize(text: str) -> TokenizedText:
    matches = list(_WORD.finditer(text))
    if len(_folded) > _MAX_FOLDED:
        _folded.clear()
    tokens = []
    for m in matches:
        word = m.group()
        folded = _folded.get(word)
        if folded is None:
            folded = _folded[word] = fold_token(word)
        tokens.append(folded)
    return TokenizedText(text, tuple(tokens), tuple(m.start() for m in matches),
                         tuple(m.end() for m in matches))


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, trimmed of surrounding white space."""
    bounds, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, len(text)))
    return trimmed_spans(text, bounds)


@lru_cache(maxsize=32)
def _sentence_bounds(text: str) -> tuple[tuple[int, int], ...]:
    # Several hits in one paragraph each look for their sentence: split it once.
    return tuple(sentence_bounds(text))


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or sentences) covering the character span [start, end)."""
    bounds = _sentence_bounds(text)
    first = next((s for s, e in bounds if s <= start < e), start)
    last = next((e for s, e in reversed(bounds) if s < end <= e), end)
    return min(first, start), max(last, end)


def paragraph_bounds(text: str, max_chars: int = 1500) -> list[tuple[int, int]]:
    """Paragraph spans; a paragraph longer than ``max_chars`` is cut at sentence ends.

    Queries written for abstracts over-fire on long texts, so units stay abstract-sized.
    """
    out = []
    start = 0
    pieces = [*(m for m in _PARAGRAPH_BREAK.finditer(text))]
    spans = []
    for m in pieces:
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    for s, e in spans:
        if not text[s:e].strip():
            continue
        if e - s <= max_chars:
            out.append(_strip(text, s, e))
            continue
        chunk_start = s
        for ss, se in sentence_bounds(text[s:e]):
            if s + se - chunk_start > max_chars and s + ss > chunk_start:
                out.append(_strip(text, chunk_start, s + ss))
                chunk_start = s + ss
        out.append(_strip(text, chunk_start, e))
    return [b for b in out if b[1] > b[0]]


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
