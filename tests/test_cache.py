"""The per-document cache: keys, fingerprints, atomic entries, pruning."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import numpy as np
import pandas as pd

from govtext.cache import (
    StageCache,
    cache_dir_for,
    document_key,
    fingerprint,
    plain_rows,
)
from govtext.schema import Document, Section


def _doc(text: str = "The ITU and UNESCO met in Geneva.") -> Document:
    return Document(doc_id="a.txt", source_path="a.txt", sha256="0" * 64, text=text,
                    sections=[Section(section="body", start_char=0, end_char=len(text),
                                      text=text)])


def test_cache_lives_beside_the_output_folder(tmp_path: Path) -> None:
    assert cache_dir_for(tmp_path / "out") == tmp_path.resolve() / ".out.cache"


def test_document_key_follows_content() -> None:
    a = _doc()
    assert document_key(a) == document_key(_doc())
    assert document_key(a) != document_key(_doc("The ITU met in Geneva."))
    assert document_key(a) != document_key(dataclasses.replace(a, doc_id="b.txt"))


def test_fingerprint_follows_config_and_code() -> None:
    base = fingerprint(["cache.py"], ["pandas"], {"x": 1})
    assert base == fingerprint(["cache.py"], ["pandas"], {"x": 1})
    assert base != fingerprint(["cache.py"], ["pandas"], {"x": 2})
    assert base != fingerprint(["parallel.py"], ["pandas"], {"x": 1})


def test_put_get_roundtrip_is_exact_and_atomic(tmp_path: Path) -> None:
    cache = StageCache(tmp_path, "entities", "fp1")
    rows = {"entities": [{"doc_id": "a", "score": 0.1 + 0.2, "n": 3, "x": None, "s": "é"}]}
    assert cache.get("ab" * 32) is None
    cache.put("ab" * 32, rows)
    assert cache.get("ab" * 32) == rows
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(files) == 1 and not files[0].name.endswith(".tmp")


def test_damaged_entry_is_a_miss(tmp_path: Path) -> None:
    cache = StageCache(tmp_path, "sdgs", "fp1")
    cache.put("cd" * 32, {"sdgs": []})
    path = next(p for p in tmp_path.rglob("*.json.gz"))
    path.write_bytes(b"not gzip")
    assert cache.get("cd" * 32) is None


def test_disabled_cache_stores_nothing(tmp_path: Path) -> None:
    cache = StageCache(None, "themes", "fp1")
    cache.put("ef" * 32, {"themes": []})
    assert cache.get("ef" * 32) is None


def test_prune_drops_other_fingerprints(tmp_path: Path) -> None:
    StageCache(tmp_path, "themes", "old").put("ef" * 32, {"themes": []})
    new = StageCache(tmp_path, "themes", "new")
    new.put("ef" * 32, {"themes": []})
    new.prune()
    assert sorted(p.name for p in (tmp_path / "themes").iterdir()) == ["new"]


def test_plain_rows_makes_cells_json_safe() -> None:
    rows = plain_rows([{"a": np.int64(3), "b": np.float32(0.5), "c": pd.NA, "d": math.nan,
                        "e": np.bool_(True), "f": "x"}])
    assert rows == [{"a": 3, "b": 0.5, "c": None, "d": None, "e": True, "f": "x"}]
    assert type(rows[0]["a"]) is int


def test_frames_key_follows_every_cell() -> None:
    from govtext.cache import frames_key

    a = pd.DataFrame({"year": [2020, 2021], "share": [0.5, 0.25]})
    assert frames_key({"t": a}, {"x": "y"}) == frames_key({"t": a.copy()}, {"x": "y"})
    b = a.copy()
    b.loc[1, "share"] = 0.25000001
    assert frames_key({"t": a}) != frames_key({"t": b})
    assert frames_key({"t": a}) != frames_key({"u": a})
    assert frames_key({"t": a}, 1) != frames_key({"t": a}, 2)


def test_file_set_cache_restores_what_it_stored_and_keeps_one_entry(tmp_path: Path) -> None:
    from govtext.cache import FileSetCache

    src = tmp_path / "src"
    src.mkdir()
    (src / "a.png").write_bytes(b"\x89PNG one")
    (src / "a.svg").write_text("<svg/>", encoding="utf-8")
    cache = FileSetCache(tmp_path / "cache", "figures", "fp")
    assert cache.restore("k1", tmp_path / "dest") is None
    cache.store("k1", sorted(src.iterdir()))
    got = cache.restore("k1", tmp_path / "dest")
    assert [p.name for p in got] == ["a.png", "a.svg"]
    assert (tmp_path / "dest" / "a.png").read_bytes() == b"\x89PNG one"
    cache.store("k2", sorted(src.iterdir()))
    assert cache.restore("k1", tmp_path / "other") is None  # replaced by the newer entry
    assert not list((tmp_path / "cache").rglob("*.tmp-*"))


def test_figures_of_an_unchanged_corpus_come_from_the_cache(tmp_path: Path,
                                                            monkeypatch) -> None:
    """A warm re-run copies the charts instead of drawing them, and they are the bytes a
    run without the cache draws."""
    import govtext.report.figures as figures
    from govtext.parallel import run_analyze

    raw = Path(__file__).resolve().parents[1] / "data" / "raw"
    run_analyze([raw], tmp_path / "out", progress=False, workers=1)
    first = {p.name: p.read_bytes() for p in (tmp_path / "out" / "figures").iterdir()}
    assert first

    def no_drawing(*args: object, **kwargs: object) -> None:
        raise AssertionError("figures were drawn again")

    monkeypatch.setattr(figures, "render_figures", no_drawing)
    run_analyze([raw], tmp_path / "out", progress=False, workers=1)
    again = {p.name: p.read_bytes() for p in (tmp_path / "out" / "figures").iterdir()}
    assert again == first
    monkeypatch.undo()
    run_analyze([raw], tmp_path / "fresh", progress=False, workers=1, cache=False)
    fresh = {p.name: p.read_bytes() for p in (tmp_path / "fresh" / "figures").iterdir()}
    assert fresh == first
