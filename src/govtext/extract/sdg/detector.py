"""SDGDetector: per-passage goal scores from several query systems, combined by a small
logistic regression shared across goals.

Systems (each gives per-goal evidence for a passage):
- ``aurora``: Aurora v5 Scopus queries (phrases, wildcards, AND/OR/AND NOT, W/n);
- ``cmu``: CMU Top-250 weighted keywords;
- ``elsevier``: Improved Elsevier Top-100 weighted keywords;
- ``govtext``: govtext's own weighted keywords for policy language (peace, war, ...);
- ``framework``: TF-IDF similarity to the goal's texts in the training data (learned in fit);
- ``classifier``: a TF-IDF (word 1-2 grams) multinomial logistic regression over the 17 goals,
  trained on the goal-labelled training texts and one keyword pseudo-document per goal
  (learned in fit; its probability of each goal is one more feature).

The combination sees, for each (passage, goal) pair, each system's strength and its share of
the passage's strongest goal, so one set of weights serves all 17 goals. Scikit-learn
conventions: ``__init__`` only stores parameters, ``fit`` returns self, learned state ends in
an underscore, ``predict``/``score_goals`` never learn.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.naive_bayes import ComplementNB

from govtext.extract.sdg.aurora import QueryHit, aurora_hits
from govtext.extract.sdg.keywords import (
    KeywordHit,
    cmu_system,
    elsevier_system,
    govtext_system,
)
from govtext.extract.sdg.textspans import tokenize
from govtext.extract.sdg.training import keyword_documents

GOALS = tuple(range(1, 18))


@dataclass(frozen=True)
class OneVsRestGoals:
    """Per-goal binary logistic regressions over one TF-IDF space (row i is SDG i + 1)."""

    coef_: np.ndarray  # (17, n_terms)
    intercept_: np.ndarray  # (17,)


_GoalClassifier = LogisticRegression | ComplementNB | OneVsRestGoals
#: The evidence sources, in feature order; the first four are query systems.
SYSTEMS = ("aurora", "cmu", "elsevier", "govtext", "framework", "classifier")
QUERY_SYSTEMS = SYSTEMS[:4]
#: A goal other than a passage's most probable one must reach this probability (the most
#: probable goal needs only ``threshold``): out-of-fold on the hand-labelled passages, most
#: of the false goals were second goals (scripts/eval_extract.py --tune; MODEL_CARD.md).
DEFAULT_SECONDARY_THRESHOLD = 0.93


@dataclass
class PassageEvidence:
    """What the query systems found in one passage."""

    aurora: list[QueryHit]
    cmu: list[KeywordHit]
    elsevier: list[KeywordHit]
    govtext: list[KeywordHit]

    def keyword_hits(self, system: str) -> list[KeywordHit]:
        return {"cmu": self.cmu, "elsevier": self.elsevier, "govtext": self.govtext}[system]

    def goal_strength(self) -> np.ndarray:
        """(17, 4) array per goal: Aurora lines matched, then the summed weight of the
        distinct keywords of CMU, Elsevier and govtext."""
        out = np.zeros((17, 4))
        for goal, _, _ in {(h.goal, h.target, h.line_no) for h in self.aurora}:
            out[goal - 1, 0] += 1
        for col, hits in ((1, self.cmu), (2, self.elsevier), (3, self.govtext)):
            weights = {(h.goal, h.keyword): h.weight for h in hits}
            for (goal, _), weight in weights.items():
                out[goal - 1, col] += weight
        return out


def passage_evidence(text: str) -> PassageEvidence:
    return PassageEvidence(aurora_hits(tokenize(text)), cmu_system().hits(text),
                           elsevier_system().hits(text), govtext_system().hits(text))


#: Scale of each system's raw strength before ``log1p`` (aurora, cmu, elsevier, govtext,
#: framework, classifier).
_FEATURE_SCALE = np.array([1.0, 1.0, 0.2, 0.5, 10.0, 10.0])


def _features(strength: np.ndarray, similarity: np.ndarray,
              classifier: np.ndarray | None = None) -> np.ndarray:
    """(17, n_features) for one passage: absolute and relative strength of each system
    (the classifier's probabilities are left out when it is None)."""
    raw = np.column_stack([strength, similarity, *([] if classifier is None else [classifier])])
    logs = np.log1p(raw * _FEATURE_SCALE[:raw.shape[1]])
    rel = raw / np.maximum(raw.max(axis=0, keepdims=True), 1e-9)
    n_sys = (raw[:, :4] > 0).sum(axis=1, keepdims=True)
    return np.column_stack([logs, rel, n_sys, n_sys >= 2])


class SDGDetector(BaseEstimator):
    """Detects the SDGs a passage discusses; see the module docstring.

    Parameters
    ----------
    threshold: probability above which a goal counts as found.
    min_systems: query systems (aurora, cmu, elsevier, govtext) that must show evidence.
    secondary_threshold: probability a goal other than the passage's most probable one must
        reach; below it that goal's probability is reported as 0 (None: no such rule).
    C: inverse regularization strength of the combining logistic regression.
    n_splits: folds (grouped) used to compute the framework similarity and the classifier's
        probabilities out-of-fold in fit.
    classifier_C: inverse regularization strength of the goal classifier (None: no
        classifier feature).
    keyword_docs: whether the classifier also learns from one keyword pseudo-document per
        goal (the CMU, Elsevier and govtext keywords).
    classifier: ``"logistic"`` (multinomial logistic regression), ``"ovr"`` (one binary
        logistic regression per goal) or ``"complement_nb"`` (complement naive Bayes;
        ``classifier_C`` is then its smoothing alpha).
    classifier_none: whether the classifier also learns a no-goal class from the training
        texts without a goal (its goal probabilities then need not sum to 1, and a text on
        no goal gets low ones however many goal keywords it holds).
    goal_bias: whether the combination learns one intercept per goal (goals differ in how
        often their keywords appear without the goal being discussed).
    """

    def __init__(self, threshold: float = 0.5, min_systems: int = 1, C: float = 1.0,
                 n_splits: int = 5,
                 secondary_threshold: float | None = DEFAULT_SECONDARY_THRESHOLD,
                 classifier_C: float | None = None, keyword_docs: bool = True,
                 classifier: str = "logistic", classifier_none: bool = False,
                 goal_bias: bool = False) -> None:
        self.threshold = threshold
        self.min_systems = min_systems
        self.secondary_threshold = secondary_threshold
        self.C = C
        self.n_splits = n_splits
        self.classifier_C = classifier_C
        self.keyword_docs = keyword_docs
        self.classifier = classifier
        self.classifier_none = classifier_none
        self.goal_bias = goal_bias

    def _pair_features(self, strength: np.ndarray, similarity: np.ndarray,
                       classifier: np.ndarray | None) -> np.ndarray:
        """The (17, n_features) rows of one passage, with one indicator column per goal
        when ``goal_bias`` (each goal then gets its own intercept)."""
        X = _features(strength, similarity, classifier)
        return np.hstack([X, np.eye(len(GOALS))]) if self.goal_bias else X

    # --- learning ---
    def _fit_similarity(self, texts: Sequence[str], labels: Sequence[Sequence[int]]
                        ) -> tuple[TfidfVectorizer, np.ndarray]:
        vec = TfidfVectorizer(sublinear_tf=True, stop_words="english", ngram_range=(1, 2),
                              min_df=1, strip_accents="unicode")
        docs = [" ".join(t for t, ls in zip(texts, labels, strict=True) if g in ls)
                for g in GOALS]
        centroids = vec.fit_transform(docs)
        return vec, centroids

    @staticmethod
    def _similarity(vec: TfidfVectorizer, centroids: np.ndarray, texts: Sequence[str]
                    ) -> np.ndarray:
        return (vec.transform(texts) @ centroids.T).toarray()

    def _fit_classifier(self, texts: Sequence[str], labels: Sequence[Sequence[int]]
                        ) -> tuple[TfidfVectorizer, _GoalClassifier]:
        """The goal classifier: one row per (text, goal), the main (first) goal weighted 1
        and later goals 0.5 (the combination's sample weights do not apply); texts without a
        goal are class 0 with ``classifier_none``, else left out."""
        docs = list(keyword_documents()) if self.keyword_docs else []
        rows, ys, ws = [], [], []
        for text, goals in zip(texts, labels, strict=True):
            for k, goal in enumerate(goals or ([0] if self.classifier_none else [])):
                rows.append(text)
                ys.append(goal)
                ws.append(1.0 if k == 0 else 0.5)
        rows += docs
        ys += list(GOALS[:len(docs)])
        ws += [1.0] * len(docs)
        vec = TfidfVectorizer(sublinear_tf=True, stop_words="english", ngram_range=(1, 2),
                              min_df=1, strip_accents="unicode", dtype=np.float64)
        vec.fit([t for t, goals in zip(texts, labels, strict=True)
                 if goals or self.classifier_none] + docs)
        # Row weights of at most 1 (larger ones, e.g. the combination's passage weight of 2,
        # made saga run ~5 times longer without converging).
        X, y, w = vec.transform(rows), np.array(ys), np.array(ws)
        if self.classifier == "ovr":
            return vec, self._fit_one_vs_rest(vec, texts, labels, docs)
        if self.classifier == "complement_nb":
            clf: _GoalClassifier = ComplementNB(alpha=self.classifier_C).fit(X, y, w)
        else:
            # saga with a capped number of passes keeps fit cheap (fit runs in every
            # worker); fixed random_state, so fits are identical. Balanced classes: the
            # speeches discuss SDG 16 far more than the other goals.
            clf = LogisticRegression(C=self.classifier_C, solver="saga", max_iter=100,
                                     tol=1e-3, random_state=0, class_weight="balanced")
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ConvergenceWarning)
                clf.fit(X, y, sample_weight=w)
        return vec, clf

    def _fit_one_vs_rest(self, vec: TfidfVectorizer, texts: Sequence[str],
                         labels: Sequence[Sequence[int]], docs: list[str]) -> OneVsRestGoals:
        """One balanced binary logistic regression per goal: every training text is a
        positive of each of its goals and a negative of the others, so a passage on three
        goals can score high on all three (the multinomial model splits one unit among
        them)."""
        X = vec.transform([*texts, *docs])
        goal_sets = [set(g) for g in labels] + [{g} for g in GOALS[:len(docs)]]
        coef, intercept = [], []
        for goal in GOALS:
            y = np.array([goal in gs for gs in goal_sets], dtype=int)
            if y.min() == y.max():  # a goal without positives (or negatives) in this fold
                coef.append(np.zeros(X.shape[1]))
                intercept.append(-10.0 if y.max() == 0 else 10.0)
                continue
            lr = LogisticRegression(C=self.classifier_C, solver="liblinear",
                                    class_weight="balanced", random_state=0).fit(X, y)
            coef.append(lr.coef_[0])
            intercept.append(float(lr.intercept_[0]))
        return OneVsRestGoals(np.vstack(coef), np.array(intercept))

    @staticmethod
    def _classify(vec: TfidfVectorizer, clf: _GoalClassifier, texts: Sequence[str]
                  ) -> np.ndarray:
        """(n, 17) goal probabilities of the classifier. A row depends only on its own text
        (sparse product and softmax per row), so batches give the single-text result."""
        X = vec.transform(texts)
        if isinstance(clf, OneVsRestGoals):
            return 1.0 / (1.0 + np.exp(-(np.asarray(X @ clf.coef_.T) + clf.intercept_)))
        if isinstance(clf, ComplementNB):
            # ComplementNB's joint log-likelihood, computed per row as in scikit-learn.
            z = np.asarray(X @ clf.feature_log_prob_.T)
            if len(clf.classes_) == 1:
                z = z + clf.class_log_prior_
        else:
            z = np.asarray(X @ clf.coef_.T) + clf.intercept_
            if len(clf.classes_) == 2:  # one column of logits: softmax of (0, z) is sigmoid
                z = np.column_stack([np.zeros(len(z)), z[:, 0]])
        z = np.exp(z - z.max(axis=1, keepdims=True))
        z /= z.sum(axis=1, keepdims=True)
        out = np.zeros((len(texts), len(GOALS)))
        goal_cols = clf.classes_ > 0  # class 0, "no goal", is not a column
        out[:, clf.classes_[goal_cols] - 1] = z[:, goal_cols]
        return out

    def _classifier_features(self, texts: Sequence[str]) -> np.ndarray | None:
        if self.classifier_ is None:
            return None
        return self._classify(self.classifier_vectorizer_, self.classifier_, texts)

    def fit(self, texts: Sequence[str], labels: Sequence[Sequence[int]],
            groups: Sequence[str] | None = None,
            sample_weight: Sequence[float] | None = None) -> SDGDetector:
        """Learn goal texts for the framework system and the combination weights.

        ``labels`` holds each text's goals; ``groups`` (e.g. the UN target a text belongs to)
        keeps a group's texts out of the similarity model that scores them;
        ``sample_weight`` weighs each text in the combination (all 17 of its goal rows).
        """
        groups = list(groups) if groups is not None else [str(i) for i in range(len(texts))]
        text_weights = (np.ones(len(texts)) if sample_weight is None
                        else np.asarray(sample_weight, dtype=float))
        use_clf = self.classifier_C is not None
        sim = np.zeros((len(texts), 17))
        clf_proba = np.zeros((len(texts), 17)) if use_clf else None
        folds = GroupKFold(n_splits=self.n_splits)
        for train, test in folds.split(texts, groups=groups):
            train_texts = [texts[i] for i in train]
            train_labels = [labels[i] for i in train]
            test_texts = [texts[i] for i in test]
            vec, cen = self._fit_similarity(train_texts, train_labels)
            sim[test] = self._similarity(vec, cen, test_texts)
            if use_clf:
                cvec, clf = self._fit_classifier(train_texts, train_labels)
                clf_proba[test] = self._classify(cvec, clf, test_texts)
        strengths = [passage_evidence(t).goal_strength() for t in texts]
        X = np.vstack([self._pair_features(s, sim[i],
                                           None if clf_proba is None else clf_proba[i])
                       for i, s in enumerate(strengths)])
        y = np.array([g in set(ls) for ls in labels for g in GOALS], dtype=int)
        self.vectorizer_, self.centroids_ = self._fit_similarity(texts, labels)
        self.classifier_vectorizer_, self.classifier_ = (
            self._fit_classifier(texts, labels) if use_clf else (None, None))
        self.model_ = LogisticRegression(C=self.C, max_iter=1000, class_weight="balanced")
        weights = None if sample_weight is None else np.repeat(text_weights, len(GOALS))
        self.model_.fit(X, y, sample_weight=weights)
        self.n_features_in_ = X.shape[1]
        return self

    # --- prediction ---
    def _gated(self, proba: np.ndarray, strength: np.ndarray) -> np.ndarray:
        """Zero the goals with too few query systems, and the goals other than the most
        probable one that stay below ``secondary_threshold``."""
        proba = np.where((strength > 0).sum(axis=1) >= self.min_systems, proba, 0.0)
        if self.secondary_threshold is not None and proba.any():
            keep = proba >= self.secondary_threshold
            keep[int(np.argmax(proba))] = True
            proba = np.where(keep, proba, 0.0)
        return proba

    def goal_probabilities(self, text: str, evidence: PassageEvidence | None = None
                           ) -> np.ndarray:
        """Probability per goal (index 0 is SDG 1); zero where too few systems agree, and
        for a goal other than the most probable one below ``secondary_threshold``."""
        evidence = evidence or passage_evidence(text)
        strength = evidence.goal_strength()
        sim = self._similarity(self.vectorizer_, self.centroids_, [text])[0]
        clf = self._classifier_features([text])
        proba = self.model_.predict_proba(
            self._pair_features(strength, sim, None if clf is None else clf[0]))[:, 1]
        return self._gated(proba, strength)

    def classifier_probabilities(self, text: str) -> np.ndarray | None:
        """The goal classifier's probability per goal (index 0 is SDG 1; they sum to 1
        unless it has a no-goal class);
        None when the detector has no classifier."""
        clf = self._classifier_features([text])
        return None if clf is None else clf[0]

    def goal_probabilities_many(self, texts: Sequence[str],
                                evidences: Sequence[PassageEvidence] | None = None
                                ) -> np.ndarray:
        """``goal_probabilities`` of each text, as an (n, 17) array; row i equals
        ``goal_probabilities(texts[i], evidences[i])`` bit for bit.

        The vectorizer runs once on all texts (its per-call overhead dominates on
        paragraphs; TF-IDF rows do not depend on each other). The model still scores each
        text's 17 rows in its own call: BLAS may round one big product differently.
        """
        if not texts:
            return np.zeros((0, len(GOALS)))
        if evidences is None:
            evidences = [passage_evidence(t) for t in texts]
        sims = self._similarity(self.vectorizer_, self.centroids_, list(texts))
        clfs = self._classifier_features(list(texts))
        out = np.empty((len(texts), len(GOALS)))
        for i, evidence in enumerate(evidences):
            strength = evidence.goal_strength()
            proba = self.model_.predict_proba(
                self._pair_features(strength, sims[i],
                                    None if clfs is None else clfs[i]))[:, 1]
            out[i] = self._gated(proba, strength)
        return out

    def predict(self, texts: Sequence[str]) -> list[list[int]]:
        """Goals found in each text, strongest first."""
        out = []
        for t in texts:
            p = self.goal_probabilities(t)
            order = np.argsort(-p, kind="stable")
            out.append([int(i) + 1 for i in order if p[i] >= self.threshold])
        return out
