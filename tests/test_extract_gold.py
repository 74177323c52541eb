"""The gold files are well formed: offsets point at their text, labels are known."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LABELS = {"ORG", "COUNTRY", "REGION", "BLOC", "PERSON"}


def _eval_module():
    spec = importlib.util.spec_from_file_location("eval_extract",
                                                  ROOT / "scripts" / "eval_extract.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ["passages.jsonl", "dev_passages.jsonl"])
def test_gold_entity_offsets_point_at_their_text(name: str) -> None:
    passages = _eval_module().load_passages(name)
    assert len(passages) >= 40
    for p in passages:
        assert all(1 <= g <= 17 for g in p["sdgs"])
        for e in p["entities"]:
            assert e["label"] in LABELS
            assert p["text"][e["start"]:e["end"]] == e["text"]


def test_test_gold_has_at_least_40_passages_with_speeches_and_transcripts() -> None:
    lines = (ROOT / "tests" / "gold" / "passages.jsonl").read_text("utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    assert len(rows) >= 40
    assert any(r["source"].startswith("ungdc/") for r in rows)
    assert any(r["source"].startswith("igf-") for r in rows)


def test_sdg_dev_passages_are_labelled_and_kept_apart_from_the_test_gold() -> None:
    """The SDG development passages rebuild (IGF windows by reference), carry goal labels,
    and share no speaker country and no transcript with the test gold."""
    from govtext.ingest.vocab import read_data_csv

    dev = _eval_module().load_passages("sdg_dev_passages.jsonl")
    assert len(dev) >= 60
    assert all(all(1 <= g <= 17 for g in p["sdgs"]) for p in dev)
    test = [json.loads(line) for line in
            (ROOT / "tests" / "gold" / "passages.jsonl").read_text("utf-8").splitlines()
            if line.strip()]
    test_countries = {Path(r["source"]).stem.split("_")[0] for r in test
                      if r["source"].startswith("ungdc/")}
    test_docs = {Path(r["source"]).stem for r in test}
    for p in dev:
        if p["source"].startswith("ungdc/"):
            assert Path(p["source"]).stem.split("_")[0] not in test_countries
        else:
            assert p["record"] not in test_docs and "text" in p
    bundled = {r["id"]: r for r in read_data_csv("sdg/labelled_passages_more.csv")}
    speeches = [p for p in dev if p["source"].startswith("ungdc/")]
    assert len(bundled) == len(speeches)
    for p in speeches:  # the bundled training copy says the same
        row = bundled[p["id"]]
        assert row["text"] == p["text"]
        assert [int(g) for g in row["goals"].split(";") if g.strip()] == p["sdgs"]
