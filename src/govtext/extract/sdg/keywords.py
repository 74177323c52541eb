"""Weighted keyword systems (CMU Top-250, Improved Elsevier Top-100): score = sum of weights.

Keywords match as whole token n-grams, case-insensitively (hyphens split words, so
"small-scale" meets "small scale"); overlapping keywords all count ("extreme poverty" and
"poverty"), as in SDGmapR's regex counting. Each keyword counts once per passage, so a repeated
word cannot swamp the score; SDGmapR counts every occurrence, which favours long texts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

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

    def hits(self, text: str) -> list[KeywordHit]:
        """Every keyword occurrence, overlapping ones included, in text order."""
        words = list(_WORD.finditer(text))
        folded = [w.group().casefold() for w in words]
        out = []
        for i in range(len(words)):
            for n in range(1, min(self.max_words, len(words) - i) + 1):
                key = " ".join(folded[i:i + n])
                for goal, weight in self.entries.get(key, ()):
                    out.append(KeywordHit(goal, key, weight, words[i].start(),
                                          words[i + n - 1].end()))
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
