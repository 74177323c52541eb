"""Runs the stages in order; the only module that opens output files and shows progress."""

from __future__ import annotations

import os
import platform
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from govtext.config import Settings
from govtext.ingest.corpus import Corpus, ingest_items
from govtext.ingest.discover import discover
from govtext.outputs import OutputFolder
from govtext.report.codebook import render_codebook
from govtext.schema import PARSE_TABLES, TABLES

_VERSIONED = ("govtext", "pandas", "pyarrow", "pypdf", "charset-normalizer", "spacy",
              "typer")


def _versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for name in _VERSIONED:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


@dataclass
class RunResult:
    """What a run wrote and counted."""

    out_dir: Path
    counts: dict[str, int]
    timings: dict[str, float] = field(default_factory=dict)
    corpus: Corpus | None = None

    def summary_line(self) -> str:
        c = self.counts
        return (
            f"{c['input_files']} input files: {c['files_parsed']} parsed "
            f"({c['documents']} documents), {c['files_duplicate']} duplicate, "
            f"{c['files_rejected']} rejected"
            + (f", {c['record_rejects']} bad records" if c["record_rejects"] else "")
            + f" -> {self.out_dir}"
        )


def _progress(total: int, enabled: bool) -> Any:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    return Progress(
        "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
        TimeRemainingColumn(), transient=True, disable=not enabled,
    )


def run_parse(
    inputs: Iterable[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    settings: Settings | None = None,
    *,
    progress: bool = True,
) -> RunResult:
    """Parse ``inputs`` and write documents, participants, sections, rejects, the codebook
    and run.json to ``out_dir``, all-or-nothing."""
    settings = settings or Settings()
    out = Path(out_dir)
    inputs = [Path(p) for p in inputs]
    timings: dict[str, float] = {}
    with OutputFolder(out) as folder:
        t0 = time.perf_counter()
        items = discover(inputs, skip=folder.owns)
        with _progress(len(items), progress and sys.stderr.isatty()) as bar:
            task = bar.add_task("parsing", total=len(items))
            corpus = ingest_items(items, settings, on_file=lambda _: bar.advance(task))
        timings["parse"] = round(time.perf_counter() - t0, 3)
        t1 = time.perf_counter()
        for name, df in corpus.tables().items():
            folder.write_table(TABLES[name], df, parquet=settings.parquet)
        folder.write_text("codebook.md", render_codebook(PARSE_TABLES))
        timings["write"] = round(time.perf_counter() - t1, 3)
        counts = corpus.counts
        folder.write_json("run.json", {
            "command": "parse",
            "inputs": [str(p) for p in inputs],
            "settings": settings.to_dict(),
            "versions": _versions(),
            "counts": counts,
            "timings_s": timings,
            "note": "timings_s is the only run-dependent value; every table is "
                    "byte-identical for the same inputs, settings and versions.",
        })
        folder.commit({"counts": counts})
    return RunResult(out, counts, timings, corpus)
