"""Quality of the topic model on the UN General Debate speeches (../shared/corpus/ungdc/txt).

Fits ``fit_topics`` with three seeds on all speeches and prints, per seed, the wall time, the
number of topics and paragraphs, the NPMI coherence of each topic's top-10 words and the topic
diversity; then the adjusted Rand index between the seeds' paragraph assignments.

- NPMI is computed on the corpus itself: every paragraph unit is a document, a word pair
  co-occurs when both appear in it, NPMI = log(p(a,b) / p(a)p(b)) / -log p(a,b) (-1 when a
  pair never co-occurs), averaged over the 45 pairs of each topic and then over topics.
- Diversity is the share of unique words among all topics' top-10 words.
- ARI compares the topic of every paragraph between two fits (outliers count as a label).
Bars: NPMI >= 0.10, diversity >= 0.75, ARI >= 0.6 (exit 1 when one is missed).

    .venv/bin/python scripts/eval_topics.py [--corpus DIR] [--seeds 42 7 2024]
"""

from __future__ import annotations

import argparse
import itertools
import math
import re
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from sklearn.metrics import adjusted_rand_score

import govtext
from govtext.themes import fit_topics
from govtext.themes.topics import paragraph_units

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "ungdc" / "txt"
BARS = {"npmi": 0.10, "diversity": 0.75, "ari": 0.6}
_WORD = re.compile(r"(?u)\b[^\W\d_]{3,}\b")


def _doc_sets(texts: list[str]) -> list[set[str]]:
    return [{w for w in _WORD.findall(t.lower()) if w not in ENGLISH_STOP_WORDS} for t in texts]


def npmi(topics: list[list[str]], docs: list[set[str]]) -> list[float]:
    """Mean NPMI of each topic's word pairs, from document co-occurrence in ``docs``."""
    vocab = sorted({w for words in topics for w in words})
    index = {w: i for i, w in enumerate(vocab)}
    present = np.zeros((len(docs), len(vocab)), dtype=bool)
    for r, d in enumerate(docs):
        for w in d & index.keys():
            present[r, index[w]] = True
    n = len(docs)
    counts = present.sum(axis=0)
    out = []
    for words in topics:
        scores = []
        for a, b in itertools.combinations(words, 2):
            ia, ib = index[a], index[b]
            joint = int(np.count_nonzero(present[:, ia] & present[:, ib]))
            if joint == 0:
                scores.append(-1.0)
                continue
            p_ab, p_a, p_b = joint / n, counts[ia] / n, counts[ib] / n
            scores.append(1.0 if p_ab == 1 else math.log(p_ab / (p_a * p_b)) / -math.log(p_ab))
        out.append(float(np.mean(scores)) if scores else 0.0)
    return out


def diversity(topics: list[list[str]]) -> float:
    words = [w for t in topics for w in t]
    return len(set(words)) / len(words) if words else 0.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--seeds", type=int, nargs="+", default=[42, 7, 2024])
    ap.add_argument("--show", type=int, default=12, help="topics to list for the first seed")
    args = ap.parse_args()
    t0 = time.perf_counter()
    corpus = govtext.parse_corpus(args.corpus)
    docs = [d for d in corpus.documents if not d.duplicate_of]
    units = paragraph_units(docs)
    ref = _doc_sets([u.text for u in units])
    print(f"{len(docs)} documents, {len(units)} paragraph units "
          f"(parsed in {time.perf_counter() - t0:.1f} s)")
    assignments = []
    figures = {"npmi": [], "diversity": []}
    for k, seed in enumerate(args.seeds):
        t1 = time.perf_counter()
        res = fit_topics(docs, seed=seed)
        wall = time.perf_counter() - t1
        top = [m["top_terms"] for m in res.model.topics if len(m["top_terms"]) >= 2]
        scores = npmi(top, ref)
        figures["npmi"].append(float(np.mean(scores)))
        figures["diversity"].append(diversity(top))
        assignments.append(res.doc_topics["topic_id"].to_numpy())
        outliers = int((assignments[-1] == -1).sum())
        print(f"seed {seed}: {wall:.1f} s wall, {len(top)} topics "
              f"(fit on {res.model.params['n_fit_units']} paragraphs, "
              f"{res.model.params['path']}), {outliers} outlier paragraphs, "
              f"NPMI {figures['npmi'][-1]:.3f}, diversity {figures['diversity'][-1]:.3f}")
        if k == 0:
            for m, s in list(zip(res.model.topics, scores, strict=True))[: args.show]:
                print(f"   {m['topic_id']:3d} npmi {s:+.2f}  {m['label']}")
    aris = [adjusted_rand_score(a, b) for a, b in itertools.combinations(assignments, 2)]
    result = {"npmi": float(np.mean(figures["npmi"])),
              "diversity": float(np.mean(figures["diversity"])),
              "ari": float(min(aris)) if aris else 1.0}
    print(f"ARI between seeds: {', '.join(f'{a:.3f}' for a in aris)} "
          f"(mean {np.mean(aris) if aris else 1.0:.3f}, min {result['ari']:.3f})")
    print(f"mean NPMI {result['npmi']:.3f} (bar {BARS['npmi']}), mean diversity "
          f"{result['diversity']:.3f} (bar {BARS['diversity']}), min ARI {result['ari']:.3f} "
          f"(bar {BARS['ari']})")
    ok = all(result[k] >= v for k, v in BARS.items())
    print("bars:", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
