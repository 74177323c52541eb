"""Draw the real-text snippets of the binary SDG gold (tests/gold/sdg_binary_real.jsonl).

Two or three consecutive sentences from UN General Debate speeches (CC0), from speeches no
other gold or training file uses, kept when they contain at least two distinct keywords of the
SDSN compiled list (a liberal list govtext does not use as a feature, so the pre-selection does
not favour the detector's own evidence; it plays the part of the keyword tool that picked the
candidate texts of community-labelled SDG datasets). Deterministic for a seed.

    python scripts/sample_sdg_snippets.py ../shared/corpus/ungdc ../shared/reference/sdg/sdsn \
        --n 240 --out build/sdg_binary_snippets.jsonl
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def used_speeches() -> set[str]:
    """Speech ids (ISO3_session_year) that any gold or training file already draws on."""
    ids: set[str] = set()
    for path in (ROOT / "tests" / "gold").glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            ids.add(json.loads(line)["id"].removeprefix("ungdc/"))
    for path in (ROOT / "src" / "govtext" / "data" / "sdg").glob("labelled_passages*.csv"):
        lines = path.read_text(encoding="utf-8").splitlines()
        rows = [ln for ln in lines if not ln.startswith("#")]
        ids.update(row["id"] for row in csv.DictReader(rows))
    return ids


def sdsn_keywords(folder: Path) -> list[re.Pattern[str]]:
    with (folder / "sdsn_keywords_long.csv").open(encoding="utf-8") as fh:
        words = sorted({row["keyword"].strip().lower() for row in csv.DictReader(fh)})
    return [re.compile(rf"\b{re.escape(w)}\b") for w in words if len(w) > 3]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("ungdc", type=Path)
    ap.add_argument("sdsn", type=Path)
    ap.add_argument("--n", type=int, default=240)
    ap.add_argument("--seed", type=int, default=1203)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()

    rng = random.Random(args.seed)
    keywords = sdsn_keywords(args.sdsn)
    skip = used_speeches()
    with (args.ungdc / "index.csv").open(encoding="utf-8") as fh:
        index = [row for row in csv.DictReader(fh) if Path(row["path"]).stem not in skip]
    rng.shuffle(index)
    out, seen_countries = [], set()
    for row in index:
        if len(out) >= args.n:
            break
        if row["iso3"] in seen_countries and len(seen_countries) < 150:
            continue  # spread over countries before taking a second speech of one
        text = (args.ungdc / row["path"]).read_text(encoding="utf-8")
        paragraphs = [p for p in re.split(r"\n\s*\n|\n", text) if len(p) > 200]
        if not paragraphs:
            continue
        sentences = SENTENCE.split(rng.choice(paragraphs).strip())
        size = rng.choice((2, 3))
        if len(sentences) < size:
            continue
        start = rng.randrange(len(sentences) - size + 1)
        snippet = " ".join(sentences[start:start + size]).strip()
        low = snippet.lower()
        if not 150 <= len(snippet) <= 900 or sum(bool(k.search(low)) for k in keywords) < 2:
            continue
        seen_countries.add(row["iso3"])
        out.append({"id": f"ungdc/{Path(row['path']).stem}", "text": snippet})
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out),
                        encoding="utf-8")
    print(f"{len(out)} snippets -> {args.out}")


if __name__ == "__main__":
    main()
