"""The Dask backend: per-document stages on a two-worker LocalCluster, same tables."""

from __future__ import annotations

import filecmp
import json
from pathlib import Path

import pytest

from govtext import parallel

distributed = pytest.importorskip("dask.distributed")

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


def same_outputs(a: Path, b: Path) -> list[str]:
    """Tables, codebook and topic-model files of ``b`` that differ from (or are not in) ``a``."""
    names = [p.relative_to(b) for p in sorted(b.rglob("*"))
             if p.is_file() and (p.suffix in (".csv", ".parquet") or p.name == "codebook.md"
                                 or "topic_model" in p.parts)]
    assert names
    return [str(n) for n in names
            if not (a / n).is_file() or not filecmp.cmp(a / n, b / n, shallow=False)]


def test_local_cluster_outputs_match_the_local_run(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "CHUNK_WORDS", 1)  # one document per task: both workers
    local = tmp_path / "local"
    parallel.run_analyze([RAW], local, progress=False, workers=1, cache=False,
                         report=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        out = tmp_path / "dask"
        with distributed.get_task_stream(client) as stream:
            parallel.run_analyze([RAW], out, progress=False, cache=False, dask=client,
                                 report=False)
    stats = json.loads((out / "run.json").read_text(encoding="utf-8"))["incremental"]
    assert (stats["backend"], stats["computed"]) == ("dask", 5)
    assert len({t["worker"] for t in stream.data}) == 2  # both workers did some of the work
    assert same_outputs(local, out) == []
