"""Links between topics and the theme codebook: seed words, theme overlap and readable labels."""

from __future__ import annotations

import re
from collections.abc import Sequence

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from govtext.themes.codebook import Codebook
from govtext.themes.coder import ThemeCoder

#: A topic overlaps a theme when at least this share of its paragraphs is coded with it.
MIN_OVERLAP_SHARE = 0.2


def seed_topic_list(codebook: Codebook, max_words: int = 12) -> list[list[str]]:
    """Seed words per theme for guided topic modelling, from the plain include phrases.

    Co-occurrence, gap and alias patterns are skipped; so are stop words and words shared by
    several themes (``digital`` would pull every seed towards the same paragraphs).
    """
    per_theme: list[list[str]] = []
    for theme in codebook.themes:
        words: list[str] = []
        for pat in theme.include:
            if any(op in pat.source for op in ("&&", "~", "@", "|")):
                continue
            for w in re.findall(r"[A-Za-z]{3,}", pat.source.replace("*", "")):
                w = w.lower()
                if w not in ENGLISH_STOP_WORDS and w not in words:
                    words.append(w)
        per_theme.append(words)
    counts: dict[str, int] = {}
    for words in per_theme:
        for w in words:
            counts[w] = counts.get(w, 0) + 1
    return [[w for w in words if counts[w] == 1][:max_words] or words[:1]
            for words in per_theme]


def theme_overlap(
    topics: Sequence[int], texts: Sequence[str], coder: ThemeCoder
) -> dict[int, str | None]:
    """The codebook theme coded in the largest share of each topic's paragraphs (or None)."""
    sizes: dict[int, int] = {}
    counts: dict[int, dict[str, int]] = {}
    for topic, text in zip(topics, texts, strict=True):
        sizes[topic] = sizes.get(topic, 0) + 1
        per = counts.setdefault(topic, {})
        for theme in coder.themes_in(text):
            per[theme] = per.get(theme, 0) + 1
    out: dict[int, str | None] = {}
    order = {t: i for i, t in enumerate(coder.theme_ids_)}
    for topic, per in counts.items():
        best = sorted(per.items(), key=lambda kv: (-kv[1], order[kv[0]]))
        ok = best and best[0][1] / sizes[topic] >= MIN_OVERLAP_SHARE
        out[topic] = best[0][0] if ok else None
    return out


def topic_label(topic_id: int, terms: Sequence[str], theme_label: str | None) -> str:
    """``'climate, change, warming (Sustainability and environment)'`` style labels."""
    if topic_id == -1:
        return "outliers"
    head = ", ".join(terms[:3]) if terms else f"topic {topic_id}"
    return f"{head} ({theme_label})" if theme_label else head
