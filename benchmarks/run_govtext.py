"""One ``govtext analyze`` run with the parallel, cached stages (a subprocess of bench.py).

``python benchmarks/run_govtext.py OUT INPUT... [--no-cache] [--workers N]``; prints the
run's wall time, stage timings and cache statistics as one JSON line.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--no-cache", action="store_true")
    ap.add_argument("--workers", type=int, default=0)
    args = ap.parse_args()

    from govtext.parallel import run_analyze

    t0 = time.perf_counter()
    result = run_analyze(args.inputs, args.out, progress=False, cache=not args.no_cache,
                         workers=args.workers)
    wall = time.perf_counter() - t0
    run = json.loads((Path(args.out) / "run.json").read_text(encoding="utf-8"))
    print(json.dumps({"wall_s": round(wall, 3), "timings_s": result.timings,
                      "counts": result.counts, "rows": run.get("rows", {}),
                      "incremental": run.get("incremental", {})}))


if __name__ == "__main__":
    main()
