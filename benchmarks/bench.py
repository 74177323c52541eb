"""``make bench``: govtext analyze against a plain spaCy loop, on the UN General Debate
speeches, plus a warm re-run and a re-run after adding one document.

Every measured run is a subprocess whose whole process tree (pool workers included) is
sampled for resident memory. Results go to ``benchmarks/results/`` as JSON and Markdown.

    python benchmarks/bench.py [--corpus DIR] [--limit N] [--repeats 3] [--skip-baseline]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus" / "ungdc" / "txt"


def _tree_rss(proc: psutil.Process) -> int:
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            total += p.memory_info().rss
    return total


def measured(cmd: list[str]) -> dict[str, Any]:
    """Run ``cmd``; its wall time, stdout and the peak RSS of its whole process tree."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    ps = psutil.Process(proc.pid)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            with contextlib.suppress(psutil.Error):
                peak = max(peak, _tree_rss(ps))
            stop.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    stop.set()
    sampler.join()
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-3000:]}")
    return {"wall_s": round(wall, 3), "peak_rss_mb": round(peak / 2**20, 1), "stdout": out}


def _files(corpus: Path, limit: int | None) -> list[Path]:
    files = sorted(corpus.rglob("*.txt"))
    if limit:
        step = max(1, len(files) // limit)  # spread over the sessions
        files = files[::step][:limit]
    return files


def _govtext(out: Path, inputs: list[Path], *extra: str) -> dict[str, Any]:
    cmd = [sys.executable, str(HERE / "run_govtext.py"), str(out), *map(str, inputs), *extra]
    m = measured(cmd)
    info = json.loads(m.pop("stdout").strip().splitlines()[-1])
    return {**m, **info}


def _words(out: Path) -> int:
    import pandas as pd

    docs = pd.read_csv(out / "documents.csv", usecols=["n_words", "duplicate_of"])
    return int(docs[docs.duplicate_of.isna()].n_words.sum())


def _machine() -> dict[str, Any]:
    try:
        load = os.getloadavg()
    except OSError:
        load = None
    return {"cpus": os.cpu_count(), "usable_cpus": len(os.sched_getaffinity(0)),
            "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
            "cpu": platform.processor() or platform.machine(), "python": platform.python_version(),
            "platform": platform.platform(), "load_avg_at_start": load}


def _new_document(template: Path, k: int, folder: Path) -> Path:
    """A new speech: a real one with an added paragraph, so its content hash is new."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    text = template.read_text(encoding="utf-8", errors="replace")
    dest = folder / f"ZZZ_{90 + k}_{2030 + k}.txt"
    dest.write_text(text + f"\n\nAddendum {k}: we reaffirm our commitment to the "
                    "Sustainable Development Goals and to an open, secure internet.\n",
                    encoding="utf-8")
    return dest


def _stage_table(timings: dict[str, float], words: int, wall: float) -> list[dict[str, Any]]:
    groups = {
        "parse": ("parse",),
        "entities + SDGs + themes": ("entities_sdgs_themes", "entities", "sdgs", "themes"),
        "topics": ("topics",),
        "trends + figures + report": ("trends", "figures", "report"),
        "write": ("write",),
    }
    rows = []
    for label, keys in groups.items():
        secs = sum(timings.get(k, 0.0) for k in keys)
        rows.append({"stage": label, "seconds": round(secs, 2),
                     "words_per_s": round(words / secs) if secs else None})
    rows.append({"stage": "whole analyze (wall, incl. start-up)", "seconds": round(wall, 2),
                 "words_per_s": round(words / wall) if wall else None})
    return rows


def _markdown(res: dict[str, Any]) -> str:
    m = res["machine"]
    lines = [f"# govtext benchmark, {res['when']}", "",
             f"Corpus: {res['documents']} files, {res['words']:,} words ({res['corpus']}). "
             f"Machine: {m['usable_cpus']} usable cores ({m['cpu']}), {m['memory_gb']} GB, "
             f"{m['platform']}; load average at start {m['load_avg_at_start']}.", "",
             "| stage (cold run) | seconds | words/s |", "|---|---:|---:|"]
    lines += [f"| {r['stage']} | {r['seconds']} | {r['words_per_s'] or ''} |"
              for r in res["stages"]]
    lines += ["", "| measure | value | target |", "|---|---:|---:|"]
    b = res.get("baseline")
    if b:
        lines += [f"| baseline spaCy loop (full pipeline, 1 process), s | {b['total_s']} | |",
                  f"| baseline tokens/s | {b['tokens_per_s']:,} | |",
                  f"| baseline peak RSS, MB | {b['peak_rss_mb']:,} | |",
                  f"| speed-up of the entity stage over the baseline | "
                  f"{res['entity_speedup']}x | >= 2.5x |"]
    c = res["cold"]
    lines += [f"| cold analyze, s | {c['wall_s']} | <= 480 |",
              f"| peak RSS of the cold run (all processes), MB | {c['peak_rss_mb']:,} | <= 3072 |"]
    if "warm" in res:
        w = res["warm"]
        lines.append(f"| warm re-run, nothing changed, s (median of {len(w['runs'])}) | "
                     f"{w['median_s']} | <= 30 |")
    if "add_one" in res:
        a = res["add_one"]
        lines.append(f"| re-run after adding one document, s (median of {len(a['runs'])}) | "
                     f"{a['median_s']} | <= 60 |")
    return "\n".join([*lines, ""])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=None, help="use N files spread over the corpus")
    ap.add_argument("--repeats", type=int, default=3, help="runs of each short measurement")
    ap.add_argument("--skip-baseline", action="store_true")
    ap.add_argument("--work", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp"))
                    / "govtext-bench")
    ap.add_argument("--results", type=Path, default=HERE / "results")
    args = ap.parse_args()

    files = _files(args.corpus, args.limit)
    if not files:
        sys.exit(f"no .txt files under {args.corpus}")
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    if args.limit:
        corpus = args.work / "corpus"
        corpus.mkdir()
        for f in files:
            shutil.copy2(f, corpus / f.name)
    else:
        corpus = args.corpus
    res: dict[str, Any] = {"when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
                           "corpus": str(args.corpus), "documents": len(files),
                           "machine": _machine()}
    out = args.work / "out"
    extra = args.work / "new_docs"
    extra.mkdir()
    print(f"{len(files)} files; cold govtext analyze ...", flush=True)
    cold = _govtext(out, [corpus, extra])
    words = _words(out)
    res.update(words=words, cold=cold, stages=_stage_table(cold["timings_s"], words,
                                                           cold["wall_s"]))
    print(f"  cold {cold['wall_s']} s, peak {cold['peak_rss_mb']} MB", flush=True)
    _save(args.results, len(files), res)

    warm_runs = [_govtext(out, [corpus, extra]) for _ in range(args.repeats)]
    res["warm"] = {"runs": warm_runs,
                   "median_s": round(statistics.median(r["wall_s"] for r in warm_runs), 2)}
    print(f"  warm {res['warm']['median_s']} s", flush=True)
    _save(args.results, len(files), res)

    add_runs = []
    for k in range(args.repeats):
        _new_document(files[k], k, extra)
        add_runs.append(_govtext(out, [corpus, extra]))
    res["add_one"] = {"runs": add_runs,
                      "median_s": round(statistics.median(r["wall_s"] for r in add_runs), 2)}
    print(f"  add one {res['add_one']['median_s']} s", flush=True)
    _save(args.results, len(files), res)

    if not args.skip_baseline:
        print("baseline spaCy loop ...", flush=True)
        file_list = args.work / "files.txt"
        file_list.write_text("\n".join(str(f) for f in files), encoding="utf-8")
        bjson = args.work / "baseline.json"
        m = measured([sys.executable, str(HERE / "baseline.py"), str(file_list), str(bjson)])
        b = {**json.loads(bjson.read_text(encoding="utf-8")), "wall_s": m["wall_s"],
             "peak_rss_mb": m["peak_rss_mb"]}
        b["tokens_per_s"] = round(b["tokens"] / b["pipe_s"]) if b["pipe_s"] else 0
        res["baseline"] = b
        stage = cold["timings_s"].get("entities_sdgs_themes") or sum(
            cold["timings_s"].get(k, 0.0) for k in ("entities", "sdgs"))
        res["entity_stage_s"] = stage
        res["entity_speedup"] = round(b["total_s"] / stage, 2) if stage else None
        print(f"  baseline {b['total_s']} s; speed-up {res['entity_speedup']}x", flush=True)

    print(_save(args.results, len(files), res))


def _save(folder: Path, n_files: int, res: dict[str, Any]) -> str:
    """Write the results so far (JSON and Markdown); a cut-short run keeps what it measured."""
    folder.mkdir(parents=True, exist_ok=True)
    name = f"ungdc_{n_files}"
    (folder / f"{name}.json").write_text(json.dumps(res, indent=2), encoding="utf-8")
    md = _markdown(res)
    (folder / f"{name}.md").write_text(md, encoding="utf-8")
    return md


if __name__ == "__main__":
    main()
