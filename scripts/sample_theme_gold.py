"""Draw candidate sentences for the theme gold sets (labelled before the coder runs on them).

Sentences are drawn with a fixed seed from the five samples in data/raw/, the IGF transcript
windows and peer-gold IGF windows in ../shared/corpus/, and UN General Debate speeches (half of
those enriched with broad technology/society words so that themes have positives, half at
random as background). Each candidate records its source and character offsets into the
source text; labels are added by hand afterwards (see tests/gold/themes_README.md).

    .venv/bin/python scripts/sample_theme_gold.py > /tmp/candidates.jsonl       # themes_gold
    # each later set (seeds 777, 4242, 9090, 31337: heldout, test, final, confirm) skips the
    # sentences of the sets before it:
    cat tests/gold/themes_*.jsonl > /tmp/seen.jsonl
    .venv/bin/python scripts/sample_theme_gold.py --seed 31337 --prefix c \
        --skip /tmp/seen.jsonl > /tmp/confirm.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

from govtext.themes.sentences import sentence_spans

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"
BROAD = re.compile(r"digital|internet|cyber|data|technolog|information|artificial|online|"
                   r"connect|broadband|gender|youth|child|climate|rights|capacit|trade|"
                   r"misinformation|platform|governance", re.IGNORECASE)


def _sentences(source: str, text: str) -> list[dict]:
    out = []
    for s, e in sentence_spans(text):
        sent = text[s:e]
        if 8 <= len(sent.split()) <= 70:
            out.append({"source": source, "start": s, "end": e, "text": sent})
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=20261123)
    ap.add_argument("--prefix", default="g", help="id prefix")
    ap.add_argument("--skip", help="a gold JSONL whose sentences are not drawn again")
    args = ap.parse_args()
    skip = set()
    if args.skip:
        skip = {json.loads(line)["text"] for line in Path(args.skip).read_text().splitlines()}
    rng = random.Random(args.seed)
    picks: list[dict] = []
    for path in sorted((ROOT / "data" / "raw").glob("*.txt")):
        cands = _sentences(f"data/raw/{path.name}", path.read_text(encoding="utf-8"))
        picks += rng.sample(cands, min(12, len(cands)))
    for path in sorted((SHARED / "igf-transcript-windows" / "txt").glob("*.txt")):
        cands = _sentences(f"shared/corpus/igf-transcript-windows/txt/{path.name}",
                           path.read_text(encoding="utf-8"))
        picks += rng.sample(cands, min(4, len(cands)))
    windows = [json.loads(line) for line in
               (SHARED / "igf-peer-gold" / "windows.jsonl").read_text().splitlines()]
    for rec in rng.sample(windows, 30):
        cands = _sentences(f"shared/corpus/igf-peer-gold/windows.jsonl#{rec['doc_id']}",
                           rec["text"])
        if cands:
            picks.append(rng.choice(cands))
    speeches = sorted((SHARED / "ungdc" / "txt").glob("*/*.txt"))
    for i, path in enumerate(rng.sample(speeches, 100)):
        rel = f"shared/corpus/ungdc/txt/{path.parent.name}/{path.name}"
        cands = _sentences(rel, path.read_text(encoding="utf-8"))
        if i % 2 == 0:
            cands = [c for c in cands if BROAD.search(c["text"])] or cands
        if cands:
            picks.append(rng.choice(cands))
    picks = [p for p in picks if p["text"] not in skip]
    for n, item in enumerate(picks):
        item = {"id": f"{args.prefix}{n:03d}", **item}
        sys.stdout.write(json.dumps(item, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
