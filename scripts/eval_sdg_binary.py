"""Binary SDG accuracy of ``govtext.detect_sdgs``: does a passage directly address goal k?

Each (text, goal, label) pair is scored as single-goal SDG benchmarks score a classifier: it
is right when ``(goal in detect_sdgs(text)) == label``. Two sets:

- written: report-style snippets of govtext's own making (``sdg/binary_passages_w*.csv``,
  four writers, 8 positives and 8 hard negatives per goal each). They are training data, so
  they are scored cross-writer: a detector fitted without that writer's snippets scores them.
- real: 2-3 sentence snippets of UN General Debate speeches (CC0) from speeches no other gold
  or training file uses (``scripts/sample_sdg_snippets.py``), labelled by two annotators
  independently (``tests/gold/sdg_binary_real.jsonl``); never trained or tuned on. A snippet
  is checked against each goal both annotators gave it (positives) and each goal the SDSN
  keyword list flags in it that neither gave (negatives); goals the annotators disagree on
  are left out.

    .venv/bin/python scripts/eval_sdg_binary.py            # shipped detector on both sets
    .venv/bin/python scripts/eval_sdg_binary.py --cross    # cross-writer, rule grid
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from govtext.extract.sdg.detector import SDGDetector
from govtext.extract.sdg.hits import (
    DEFAULT_BINARY_WEIGHT,
    DEFAULT_C,
    DEFAULT_CLASSIFIER,
    DEFAULT_CLASSIFIER_C,
    DEFAULT_MIN_SYSTEMS,
    DEFAULT_PASSAGE_WEIGHT,
    DEFAULT_THRESHOLD,
    DEFAULT_WRITTEN_WEIGHT,
    detect_sdgs,
)
from govtext.extract.sdg.training import (
    binary_rows,
    present_binary_writers,
    sample_weights,
    training_data,
    training_sources,
)

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "tests" / "gold" / "sdg_binary_real.jsonl"
SDSN = ROOT.parent / "shared" / "reference" / "sdg" / "sdsn" / "sdsn_keywords_long.csv"


@dataclass(frozen=True)
class Pair:
    text: str
    goal: int
    label: bool
    source: str  # writer, or "real"


def written_pairs() -> list[Pair]:
    return [Pair(r["text"], int(r["sdg"]), r["label"].strip().lower() == "true", w)
            for w in present_binary_writers() for r in binary_rows(w)]


def _sdsn_goals() -> list[tuple[int, re.Pattern[str]]]:
    with SDSN.open(encoding="utf-8") as fh:
        rows = {(int(r["sdg"]), r["keyword"].strip().lower()) for r in csv.DictReader(fh)
                if r["sdg"].strip().isdigit()}
    return [(g, re.compile(rf"\b{re.escape(k)}\b")) for g, k in sorted(rows) if len(k) > 3]


def real_pairs() -> list[Pair]:
    """The real snippets' pairs (see the module docstring); empty without the gold file."""
    if not REAL.is_file():
        return []
    flags = _sdsn_goals() if SDSN.is_file() else []
    out = []
    for line in REAL.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        a, b = set(row["sdgs_a"]), set(row["sdgs_b"])
        low = row["text"].lower()
        flagged = {g for g, pat in flags if pat.search(low)}
        for g in sorted(a & b):
            out.append(Pair(row["text"], g, True, "real"))
        for g in sorted(flagged - a - b):
            out.append(Pair(row["text"], g, False, "real"))
    return out


def rec_or_zero(hit: int, miss: int) -> float:
    return hit / (hit + miss) if hit + miss else 0.0


def scores(pairs: Sequence[Pair], predicted: Sequence[Sequence[int]]) -> dict[str, float]:
    """Accuracy, precision, recall and F1 of the checked goals; accuracy per goal averaged."""
    right = [(p.goal in set(pred)) == p.label for p, pred in zip(pairs, predicted, strict=True)]
    tp = sum(p.label and p.goal in pred for p, pred in zip(pairs, predicted, strict=True))
    fp = sum(not p.label and p.goal in pred for p, pred in zip(pairs, predicted, strict=True))
    fn = sum(p.label and p.goal not in pred for p, pred in zip(pairs, predicted, strict=True))
    per_goal = [np.mean([r for r, p in zip(right, pairs, strict=True) if p.goal == g])
                for g in sorted({p.goal for p in pairs})]
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    tn = sum(not p.label and p.goal not in pred for p, pred in zip(pairs, predicted, strict=True))
    balanced = (rec_or_zero(tp, fn) + rec_or_zero(tn, fp)) / 2
    return {"n": len(pairs), "accuracy": float(np.mean(right)), "balanced_accuracy": balanced,
            "goal_mean_accuracy": float(np.mean(per_goal)), "precision": prec, "recall": rec,
            "f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0}


def _print(name: str, s: dict[str, float]) -> None:
    print(f"{name:<34} n {s['n']:4d}  acc {s['accuracy']:.3f}  balanced "
          f"{s['balanced_accuracy']:.3f}  goal-mean {s['goal_mean_accuracy']:.3f}"
          f"  P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}")


def per_goal_table(pairs: Sequence[Pair], predicted: Sequence[Sequence[int]]) -> None:
    print(f"{'goal':>6} {'n':>4} {'pos':>4} {'acc':>6} {'P':>6} {'R':>6}")
    for g in sorted({p.goal for p in pairs}):
        idx = [i for i, p in enumerate(pairs) if p.goal == g]
        s = scores([pairs[i] for i in idx], [predicted[i] for i in idx])
        pos = sum(pairs[i].label for i in idx)
        print(f"{g:>6} {s['n']:>4} {pos:>4} {s['accuracy']:6.3f} {s['precision']:6.3f} "
              f"{s['recall']:6.3f}")


def default_params() -> dict[str, object]:
    return {"threshold": DEFAULT_THRESHOLD, "min_systems": DEFAULT_MIN_SYSTEMS, "C": DEFAULT_C,
            "classifier": DEFAULT_CLASSIFIER, "classifier_C": DEFAULT_CLASSIFIER_C}


def brief(writer: str) -> str:
    """Writers w1 and w5 had one genre brief (UN reports), w2 and w6 another (research),
    w3 and w7 (project documents), w4 and w8 (news and statements): a fold holds a brief."""
    return f"brief{(int(writer[1:]) - 1) % 4 + 1}"


def cross_writer_predictions(params: dict[str, object], binary_weight: float | None,
                             predict: Callable[[str, SDGDetector], list[int]] | None = None
                             ) -> tuple[list[Pair], list[list[int]]]:
    """Each genre brief's snippets scored by a detector fitted without them."""
    texts, labels, groups = training_data()
    writers = [brief(w) if w in present_binary_writers() else w
               for w, _ in training_sources()]
    weights = sample_weights(groups, DEFAULT_PASSAGE_WEIGHT, DEFAULT_WRITTEN_WEIGHT,
                             binary_weight)
    predict = predict or (lambda text, det: detect_sdgs(text, det))
    pairs, preds = [], []
    for fold in sorted({brief(w) for w in present_binary_writers()}):
        keep = [i for i, w in enumerate(writers) if w != fold]
        det = SDGDetector(**params).fit([texts[i] for i in keep], [labels[i] for i in keep],
                                        [groups[i] for i in keep], [weights[i] for i in keep])
        for writer in (w for w in present_binary_writers() if brief(w) == fold):
            for r in binary_rows(writer):
                pairs.append(Pair(r["text"], int(r["sdg"]),
                                  r["label"].strip().lower() == "true", writer))
                preds.append(predict(r["text"], det))
    return pairs, preds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cross", action="store_true", help="cross-writer scores of the written set")
    ap.add_argument("--binary-weight", type=float, default=DEFAULT_BINARY_WEIGHT)
    ap.add_argument("--per-goal", action="store_true")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    out: dict[str, object] = {}
    real = real_pairs()
    if real:
        preds = [detect_sdgs(p.text) for p in real]
        out["real"] = scores(real, preds)
        _print("real snippets, shipped detector", out["real"])
        if args.per_goal:
            per_goal_table(real, preds)
    else:
        print(f"note: {REAL} not found; real snippets skipped")
    if args.cross:
        pairs, preds = cross_writer_predictions(default_params(), args.binary_weight)
        out["written_cross_writer"] = scores(pairs, preds)
        _print("written snippets, cross-writer", out["written_cross_writer"])
        for w in present_binary_writers():
            idx = [i for i, p in enumerate(pairs) if p.source == w]
            _print(f"  writer {w}", scores([pairs[i] for i in idx], [preds[i] for i in idx]))
        if args.per_goal:
            per_goal_table(pairs, preds)
    if args.json:
        args.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
