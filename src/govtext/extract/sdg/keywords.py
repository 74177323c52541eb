"""Weighted keyword systems (CMU Top-250, Improved Elsevier Top-100): score = sum of weights.

Keywords match as whole token n-grams, case-insensitively (hyphens split words, so
"small-scale" meets "small scale"); overlapping keywords all count ("extreme poverty" and
"poverty"), as in SDGmapR's regex counting. Each keyword counts once per passage, so a repeated
word cannot swamp the score; SDGmapR counts every occurrence, which favours long texts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property

from govtext.errors import ConfigError
from govtext.ingest.vocab import read_data_csv


@dataclass(frozen=True)
class KeywordHit:
    goal: int
    keyword: str
    weight: float
    start: int  # character offsets in the passage
    end: int


@dataclass(frozen=True)
class KeywordSystem:
    """A weighted keyword list, looked up by token n-grams."""

    name: str
    entries: dict[str, tuple[tuple[int, float], ...]]  # folded keyword -> (goal, weight)
    max_words: int

    @cached_property
    def _prefixes(self) -> frozenset[str]:
        """The keywords' leading n-grams (n >= 1): an n-gram outside it starts no keyword."""
        return frozenset(" ".join(words[:n]) for words in map(str.split, self.entries)
                         for n in range(1, len(words) + 1))

    def hits(self, text: str) -> list[KeywordHit]:
        """Every keyword occurrence, overlapping ones included, in text order."""
        starts, ends, folded = _words(text)
        entries, prefixes, max_words = self.entries, self._prefixes, self.max_words
        n_words = len(folded)
        out = []
        for i, key in enumerate(folded):
            # Grow the n-gram at i only while it can still become a keyword.
            j = i
            while key in prefixes:
                for goal, weight in entries.get(key, ()):
                    out.append(KeywordHit(goal, key, weight, starts[i], ends[j]))
                j += 1
                if j >= n_words or j - i >= max_words:
                    break
                key = f"{key} {folded[j]}"
        return out

    def scores(self, text: str) -> dict[int, float]:
        """Goal -> sum of the weights of the distinct keywords found."""
        seen: set[tuple[int, str]] = set()
        out: dict[int, float] = {}
        for h in self.hits(text):
            if (h.goal, h.keyword) not in seen:
                seen.add((h.goal, h.keyword))
                out[h.goal] = out.get(h.goal, 0.0) + h.weight
        return out


_WORD = re.compile(r"[^\W_]+")
# The last text's words: ``passage_evidence`` runs each keyword system on the same passage.
_last_words: tuple[str, tuple[list[int], list[int], list[str]]] | None = None


def _words(text: str) -> tuple[list[int], list[int], list[str]]:
    """Start and end offsets and case-folded forms of the word tokens of ``text``."""
    global _last_words
    last = _last_words  # one read, so a concurrent thread's update cannot tear it
    if last is not None and last[0] == text:
        return last[1]
    matches = list(_WORD.finditer(text))
    words = ([m.start() for m in matches], [m.end() for m in matches],
             [m.group().casefold() for m in matches])
    _last_words = (text, words)
    return words


def _fold(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


@cache
def keyword_system(name: str, file: str) -> KeywordSystem:
    """Load a keyword file (columns goal, keyword, weight) from package data."""
    entries: dict[str, list[tuple[int, float]]] = {}
    for row in read_data_csv(file):
        try:
            goal, weight = int(row["goal"]), float(row["weight"])
        except (KeyError, ValueError) as exc:
            raise ConfigError(f"{file}: bad row {row!r}") from exc
        key = _fold(row["keyword"])
        if key:
            entries.setdefault(key, []).append((goal, weight))
    longest = max((len(k.split()) for k in entries), default=1)
    return KeywordSystem(name, {k: tuple(v) for k, v in entries.items()}, longest)


def cmu_system() -> KeywordSystem:
    return keyword_system("cmu250", "sdg/cmu250_keywords.csv")


def elsevier_system() -> KeywordSystem:
    return keyword_system("elsevier100", "sdg/elsevier100_keywords.csv")


def govtext_system() -> KeywordSystem:
    return keyword_system("govtext", "sdg/govtext_keywords.csv")
