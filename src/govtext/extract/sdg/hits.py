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
from govtext.extract.sdg.registers import DEFAULT_REGISTER, SETTINGS, check_register
from govtext.extract.sdg.textspans import paragraph_bounds, sentence_around
from govtext.extract.sdg.training import sample_weights, training_data

# The operating point of each register (threshold, secondary threshold, fallback) and how
# its detector is fitted are in ``registers.SETTINGS``; the settings below are shared.

#: Regularization of the combining logistic regression.
DEFAULT_C = 0.3
#: Weight of a labelled or written passage against one UN goal/target/indicator text: the
#: passages are the genre the detector is used on, the UN texts are many and short.
DEFAULT_PASSAGE_WEIGHT = 2.0
#: Weight of a varied-genre written passage (``sdg/written_passages_<writer>.csv``) in the
#: combination (None: ``DEFAULT_PASSAGE_WEIGHT``). 0: they train the goal classifier and the
#: framework similarity only; weighted in the combination, they lowered out-of-fold precision
#: on speeches (long, clear texts shift the shared weights).
DEFAULT_WRITTEN_WEIGHT: float | None = 0.0
#: The goal classifier whose probabilities are a feature of the combination, and its C.
DEFAULT_CLASSIFIER = "logistic"
DEFAULT_CLASSIFIER_C = 10.0
#: Whether the combination learns one intercept per goal (``SDGDetector.goal_bias``).
DEFAULT_GOAL_BIAS = False
#: ``detect_sdgs`` orders a passage's goals by their score times the goal classifier's
#: probability to this power (0: by score alone). 0.5 raised cross-writer top-1 (0.855 ->
#: 0.873) but lowered top-1 on UN texts held out by target (0.793 -> 0.726), so it is off.
RANK_WEIGHT = 0.0


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


def register_detector(register: str) -> SDGDetector:
    """An unfitted detector with the settings of ``register``."""
    st = SETTINGS[check_register(register)]
    return SDGDetector(threshold=st.threshold, min_systems=st.min_systems, C=DEFAULT_C,
                       secondary_threshold=st.secondary_threshold,
                       classifier=DEFAULT_CLASSIFIER, classifier_C=DEFAULT_CLASSIFIER_C,
                       classifier_none=st.classifier_none, goal_bias=DEFAULT_GOAL_BIAS)


def register_weights(register: str, groups: list[str]) -> list[float]:
    """The combination's weight of each training text for ``register``'s detector."""
    return sample_weights(groups, DEFAULT_PASSAGE_WEIGHT, DEFAULT_WRITTEN_WEIGHT,
                          SETTINGS[register].binary_weight)


@cache
def default_detector(register: str = DEFAULT_REGISTER) -> SDGDetector:
    """The detector of ``register`` used by ``detect_sdgs`` and the pipeline, fitted once
    per process (on first use, so a corpus of one register fits one detector)."""
    texts, labels, groups = training_data(binary=SETTINGS[check_register(register)].binary)
    return register_detector(register).fit(texts, labels, groups,
                                           register_weights(register, groups))


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
                           "+".join([*systems, "framework",
                                     *(["classifier"] if det.classifier_ is not None else [])])))
    return hits


def sdg_hits(text: str, detector: SDGDetector | None = None,
             register: str = DEFAULT_REGISTER) -> list[SDGHit]:
    """Explicit, agenda and inferred (per paragraph) SDG hits in ``text``, in text order;
    ``register`` ("written" or "spoken") picks the default detector."""
    det = detector or default_detector(register)
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


def goal_evidence(text: str, detector: SDGDetector | None = None,
                  register: str = DEFAULT_REGISTER
                  ) -> tuple[dict[int, float], np.ndarray, np.ndarray | None]:
    """What ``detect_sdgs`` ranks: the best hit score per goal (explicit mentions 1.0,
    inferred goals their probability), the passage's goal probabilities and the goal
    classifier's probabilities (None without a classifier)."""
    det = detector or default_detector(register)
    best = _best_scores(text, det)
    return best, det.goal_probabilities(text), det.classifier_probabilities(text)


def _best_scores(text: str, det: SDGDetector) -> dict[int, float]:
    best: dict[int, float] = {}
    for h in sdg_hits(text, det):
        if h.goal is not None:
            best[h.goal] = max(best.get(h.goal, 0.0), h.score)
    return best


def rank_goals(best: dict[int, float], proba: np.ndarray, classifier: np.ndarray | None,
               fallback: float | None = SETTINGS["spoken"].fallback,
               rank_weight: float = RANK_WEIGHT) -> list[int]:
    """The goals of ``goal_evidence``, strongest first: ordered by score times the
    classifier's probability to the power ``rank_weight``; with no hit, the goal that order
    puts first alone, if its probability reaches ``fallback`` (None: never)."""
    factor = (np.ones(len(proba)) if classifier is None or not rank_weight
              else np.power(classifier, rank_weight))
    best = dict(best)
    if not best and fallback is not None and proba.any():
        top = int(np.argmax(proba * factor))
        if proba[top] >= fallback:
            best[top + 1] = float(proba[top])
    return sorted(best, key=lambda g: (-best[g] * factor[g - 1], g))


def detect_sdgs(text: str, detector: SDGDetector | None = None,
                register: str = DEFAULT_REGISTER) -> list[int]:
    """The goals a passage directly addresses or names, strongest evidence first.

    ``register`` is "written" (reports, session pages, news; the default) or "spoken"
    (speeches, transcripts): each has its own detector and operating point
    (``registers.SETTINGS``). When no goal passes the threshold, the most likely goal is
    returned alone if its probability reaches the register's fallback (the spoken register
    has one); procedural text gives an empty list.
    """
    if not text.strip():
        return []
    det = detector or default_detector(register)
    best = _best_scores(text, det)
    fallback = SETTINGS[check_register(register)].fallback
    if not RANK_WEIGHT and (best or fallback is None):
        # The passage-level probabilities could change neither the order nor the result.
        return sorted(best, key=lambda g: (-best[g], g))
    return rank_goals(best, det.goal_probabilities(text), det.classifier_probabilities(text),
                      fallback)
