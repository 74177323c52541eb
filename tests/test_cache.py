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
