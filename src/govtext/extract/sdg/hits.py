"""SDG hits in a passage: explicit mentions, 2030 Agenda references and inferred goals,
each with its score and evidence span (character offsets into the passage)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from govtext.extract.sdg.detector import (
    QUERY_SYSTEMS,
    PassageEvidence,
    SDGDetector,
    passage_evidence,
)
from govtext.extract.sdg.explicit import explicit_mentions
from govtext.extract.sdg.textspans import paragraph_bounds, sentence_around
from govtext.extract.sdg.training import sample_weights, training_data

#: Combination settings, chosen on out-of-fold predictions over the training data (UN
#: targets held out by target, each passage on its own) and scored on the hand-labelled
#: passages (scripts/eval_extract.py --tune): a threshold of 0.9 with passages weighted twice
#: and C=0.3 kept passage precision above 0.85 at the best recall (MODEL_CARD.md).
DEFAULT_THRESHOLD = 0.9
#: Query systems that must show evidence for an inferred goal.
DEFAULT_MIN_SYSTEMS = 1
#: Regularization of the combining logistic regression.
DEFAULT_C = 0.3
#: Weight of a labelled or written passage against one UN goal/target/indicator text: the
#: passages are the genre the detector is used on, the UN texts are many and short.
DEFAULT_PASSAGE_WEIGHT = 2.0
#: ``detect_sdgs`` falls back to the single most likely goal when none passes the threshold
#: but that goal's probability reaches this: a passage handed to it is usually about a goal.
PASSAGE_FALLBACK = 0.5


@dataclass(frozen=True)
class SDGHit:
    """One piece of SDG evidence in a passage."""

    goal: int | None  # None for a 2030 Agenda reference
    target: str | None
    kind: str  # explicit, agenda or inferred
    score: float
    start: int  # evidence span in the passage
    end: int
    evidence: str
    method: str


@cache
def default_detector() -> SDGDetector:
    """The detector used by ``detect_sdgs`` and the pipeline, fitted once per process."""
    det = SDGDetector(threshold=DEFAULT_THRESHOLD, min_systems=DEFAULT_MIN_SYSTEMS, C=DEFAULT_C)
    texts, labels, groups = training_data()
    return det.fit(texts, labels, groups, sample_weights(groups, DEFAULT_PASSAGE_WEIGHT))


def _inferred(text: str, start: int, end: int, det: SDGDetector, evidence: PassageEvidence,
              proba: np.ndarray) -> list[SDGHit]:
    """The inferred hits of the paragraph ``text[start:end]``, given its evidence and goal
    probabilities."""
    para = text[start:end]
    hits = []
    for i in np.flatnonzero(proba >= det.threshold):
        goal = int(i) + 1
        aurora = [h for h in evidence.aurora if h.goal == goal]
        keywords = sorted((h for name in ("govtext", "cmu", "elsevier")
                           for h in evidence.keyword_hits(name) if h.goal == goal),
                          key=lambda h: (-h.weight, h.start))
        found = {"aurora": bool(aurora)} | {
            name: any(h.goal == goal for h in evidence.keyword_hits(name))
            for name in QUERY_SYSTEMS[1:]}
        systems = [name for name in QUERY_SYSTEMS if found[name]]
        anchor = aurora[0] if aurora else keywords[0] if keywords else None
        # Without a query hit (min_systems=0) the paragraph's first sentence is the evidence.
        s, e = (sentence_around(para, anchor.start, anchor.end) if anchor
                else sentence_around(para, 0, 1))
        hits.append(SDGHit(goal, aurora[0].target if aurora else None, "inferred",
                           round(float(proba[i]), 4), start + s, start + e, para[s:e],
                           "+".join([*systems, "framework"])))
    return hits


def sdg_hits(text: str, detector: SDGDetector | None = None) -> list[SDGHit]:
    """Explicit, agenda and inferred (per paragraph) SDG hits in ``text``, in text order."""
    det = detector or default_detector()
    hits = [SDGHit(m.sdg, m.target, m.kind, 1.0, m.start, m.end, text[m.start:m.end],
                   "explicit pattern" if m.kind == "explicit" else "agenda pattern")
            for m in explicit_mentions(text)]
    bounds = paragraph_bounds(text)
    paragraphs = [text[start:end] for start, end in bounds]
    evidences = [passage_evidence(para) for para in paragraphs]
    # One vectorizer and model call for all paragraphs: per-call overhead dominates otherwise.
    probas = det.goal_probabilities_many(paragraphs, evidences)
    for (start, end), evidence, proba in zip(bounds, evidences, probas, strict=True):
        hits.extend(_inferred(text, start, end, det, evidence, proba))
    return sorted(hits, key=lambda h: (h.start, h.goal or 0, h.kind))


def detect_sdgs(text: str) -> list[int]:
    """The goals a passage mentions or discusses, strongest evidence first.

    When no goal passes the detector's threshold, the most likely goal is returned alone if
    its probability reaches ``PASSAGE_FALLBACK``; procedural text gives an empty list.
    """
    best: dict[int, float] = {}
    for h in sdg_hits(text):
        if h.goal is not None:
            best[h.goal] = max(best.get(h.goal, 0.0), h.score)
    if not best and text.strip():
        proba = default_detector().goal_probabilities(text)
        top = int(np.argmax(proba))
        if proba[top] >= PASSAGE_FALLBACK:
            best[top + 1] = float(proba[top])
    return sorted(best, key=lambda g: (-best[g], g))
