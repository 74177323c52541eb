"""Parallel, cached analysis: the same tables as the plain pipeline, whatever ran them."""

from __future__ import annotations

import filecmp
import json
import shutil
from pathlib import Path

import pytest

from govtext import parallel
from govtext.pipeline import run_analyze

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


def same_outputs(a: Path, b: Path, codebook: bool = True) -> list[str]:
    """Tables, codebook and topic-model files of ``b`` that differ from (or are not in) ``a``."""
    names = [p.relative_to(b) for p in sorted(b.rglob("*"))
             if p.is_file() and (p.suffix in (".csv", ".parquet")
                                 or (codebook and p.name == "codebook.md")
                                 or "topic_model" in p.parts)]
    assert names
    return [str(n) for n in names
            if not (a / n).is_file() or not filecmp.cmp(a / n, b / n, shallow=False)]


def incremental(out: Path) -> dict:
    return json.loads((out / "run.json").read_text(encoding="utf-8"))["incremental"]


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ref") / "out"
    run_analyze([RAW], out, progress=False)
    return out


def test_chunks_keep_document_order() -> None:
    chunks = parallel._chunks([0, 1, 2, 3, 4], [5, 5, 5, 5, 5], 10)
    assert chunks == [[0, 1], [2, 3], [4]]
    assert [i for c in chunks for i in c] == [0, 1, 2, 3, 4]


def test_process_pool_then_cache_match_the_pipeline(
        reference: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_POOL_WORDS", 0)  # use the pool even for 5 samples
    out = tmp_path / "out"
    parallel.run_analyze([RAW], out, progress=False, workers=2)
    assert same_outputs(reference, out) == []
    cold = incremental(out)
    assert cold["computed"] == 5 and cold["backend"] == "local x2"
    assert (tmp_path / ".out.cache").is_dir()

    parallel.run_analyze([RAW], out, progress=False, workers=2, report=False)  # warm
    warm = incremental(out)
    assert (warm["cached"], warm["computed"], warm["topics"]) == (5, 0, "cached")
    assert same_outputs(reference, out, codebook=False) == []  # no trends table: no report


def test_changed_document_alone_is_recomputed(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(RAW, corpus)
    for p in corpus.iterdir():
        p.chmod(0o644)
    out = tmp_path / "out"
    parallel.run_analyze([corpus], out, progress=False, workers=1, report=False)
    first = sorted(corpus.iterdir())[0]
    first.write_text(first.read_text(encoding="utf-8") + "\nThe ITU met UNESCO in Geneva.\n",
                     encoding="utf-8")
    parallel.run_analyze([corpus], out, progress=False, workers=1, report=False)
    stats = incremental(out)
    assert (stats["cached"], stats["computed"], stats["topics"]) == (4, 1, "fitted")
    fresh = tmp_path / "fresh"
    parallel.run_analyze([corpus], fresh, progress=False, workers=1, cache=False,
                         report=False)
    assert incremental(fresh)["cache"] is None
    assert same_outputs(fresh, out) == []


def test_missing_dask_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    from govtext.errors import ConfigError

    real = builtins.__import__

    def fake(name: str, *args: object, **kw: object) -> object:
        if name.startswith("dask"):
            raise ImportError(name)
        return real(name, *args, **kw)

    monkeypatch.setattr(builtins, "__import__", fake)
    with pytest.raises(ConfigError, match="dask extra"):
        parallel._dask_client("tcp://127.0.0.1:1")
