"""Precision, recall and F1 of the theme coder on the hand-labelled gold set.

Each gold item is a sentence with the set of themes a human coder gave it; the coder's
prediction for an item is the set of themes with at least one hit in it. Five gold sets, each
labelled before the coder was run on it (tests/gold/themes_README.md): ``themes_gold.jsonl``
(development: read while the patterns were first written); ``themes_heldout.jsonl``,
``themes_test.jsonl`` and ``themes_final.jsonl`` (each drawn after a codebook version, its
first score recorded in the README, then used for one round of general fixes); and
``themes_confirm.jsonl`` (drawn and labelled after the current codebook was frozen, never
used for tuning: the figure to quote). Prints a table per theme and the micro and macro
averages for each; exits 1 when the confirmation set misses the bars (micro-P >= 0.85,
micro-R >= 0.75).

    .venv/bin/python scripts/eval_themes.py [--codebook FILE] [--errors]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from govtext.themes import ThemeCoder, load_codebook

GOLD_DIR = Path(__file__).resolve().parents[1] / "tests" / "gold"
GOLD_SETS = {"development": GOLD_DIR / "themes_gold.jsonl",
             "held-out": GOLD_DIR / "themes_heldout.jsonl",
             "test": GOLD_DIR / "themes_test.jsonl",
             "final": GOLD_DIR / "themes_final.jsonl",
             "confirm": GOLD_DIR / "themes_confirm.jsonl"}
BARS = {"precision": 0.85, "recall": 0.75}


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate(gold: Path, coder: ThemeCoder, show_errors: bool = False) -> dict[str, float]:
    """Print per-theme and micro/macro scores of ``coder`` on the ``gold`` JSONL file."""
    items = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
    counts = {t: [0, 0, 0] for t in coder.theme_ids_}
    for item in items:
        gold = set(item["themes"])
        pred = coder.themes_in(item["text"])
        for t in coder.theme_ids_:
            c = counts[t]
            c[0] += t in gold and t in pred
            c[1] += t in pred and t not in gold
            c[2] += t in gold and t not in pred
        if show_errors and gold != pred:
            print(f"{item['id']}: +{sorted(pred - gold)} -{sorted(gold - pred)} | "
                  f"{item['text'][:160]}")
    print(f"{len(items)} gold items, {sum(bool(i['themes']) for i in items)} with a theme")
    print(f"{'theme':32} {'gold':>4} {'P':>6} {'R':>6} {'F1':>6}")
    macro = []
    for t, (tp, fp, fn) in counts.items():
        p, r, f = _prf(tp, fp, fn)
        macro.append(f)
        print(f"{t:32} {tp + fn:4d} {p:6.3f} {r:6.3f} {f:6.3f}")
    tp, fp, fn = (sum(c[i] for c in counts.values()) for i in range(3))
    p, r, f = _prf(tp, fp, fn)
    print(f"{'micro':32} {tp + fn:4d} {p:6.3f} {r:6.3f} {f:6.3f}")
    print(f"{'macro F1':32} {'':4} {'':6} {'':6} {sum(macro) / len(macro):6.3f}")
    return {"precision": p, "recall": r, "f1": f}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--codebook", help="a codebook file instead of the packaged one")
    ap.add_argument("--errors", action="store_true", help="list the items coded wrongly")
    args = ap.parse_args()
    coder = ThemeCoder(load_codebook(args.codebook)).fit()
    scores = {}
    for name, path in GOLD_SETS.items():
        print(f"== {name} set: {path.name}")
        scores[name] = evaluate(path, coder, args.errors)
        print()
    ok = all(scores["confirm"][k] >= v for k, v in BARS.items())
    print("confirmation-set bars (micro P >= 0.85, micro R >= 0.75):",
          "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
