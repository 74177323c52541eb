"""The theme coder on real text: the samples' themes with evidence, offsets, estimator API."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from govtext import parse_corpus
from govtext.schema import THEME_HITS, THEMES, Document, Section
from govtext.themes import ThemeCoder, code_themes, load_codebook

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
SHARED = ROOT.parent / "shared" / "corpus"
GOLD = sorted((ROOT / "tests" / "gold").glob("themes_*.jsonl"))


@pytest.fixture(scope="module")
def samples() -> list[Document]:
    return [d for d in parse_corpus(RAW).documents if not d.duplicate_of]


@pytest.fixture(scope="module")
def coded(samples: list[Document]) -> tuple[pd.DataFrame, pd.DataFrame]:
    return code_themes(samples)


def _themes_of(themes: pd.DataFrame, prefix: str) -> set[str]:
    return set(themes.loc[themes["doc_id"].str.startswith(prefix), "theme"])


@pytest.mark.parametrize(("prefix", "theme"), [
    ("000", "digital_divide"), ("002", "digital_divide"), ("003", "digital_divide"),
    ("001", "data_sovereignty"), ("002", "ai_governance"), ("004", "ai_governance"),
])
def test_samples_are_coded_with_the_themes_of_the_issue(coded, prefix: str, theme: str) -> None:
    themes, _ = coded
    assert theme in _themes_of(themes, prefix)
    row = themes[themes["doc_id"].str.startswith(prefix) & (themes["theme"] == theme)].iloc[0]
    assert row["n_hits"] >= 1
    assert len(row["evidence"]) >= 2 and row["evidence"] in row["sentence"]


def test_sample_evidence_quotes_read_as_the_theme(coded) -> None:
    themes, _ = coded
    quotes = {(r.doc_id[:3], r.theme): r.evidence.lower() for r in themes.itertuples()}
    assert "digital divide" in quotes[("000", "digital_divide")]
    assert quotes[("001", "data_sovereignty")] in {"data localization", "data sovereignty",
                                                   "digital sovereignty"}
    assert "ai" in quotes[("004", "ai_governance")]


def test_every_hit_offset_points_at_its_evidence(samples, coded) -> None:
    themes, hits = coded
    by_id = {d.doc_id: d for d in samples}
    assert len(hits) > 20
    for h in hits.itertuples():
        sec = by_id[h.doc_id].sections[h.section_position]
        assert sec.section == h.section
        assert sec.text[h.start_char:h.end_char] == h.evidence
    for t in themes.itertuples():
        sec = by_id[t.doc_id].sections[t.section_position]
        assert sec.text[t.start_char:t.end_char] == t.evidence
        assert t.sentence in sec.text


def test_offsets_point_at_evidence_in_transcripts_and_speeches() -> None:
    files = sorted((SHARED / "igf-transcript-windows" / "txt").glob("*.txt"))[:5]
    files += sorted((SHARED / "ungdc" / "txt" / "session78_2023").glob("*.txt"))[:20]
    if not files:
        pytest.skip("../shared/corpus not present")
    docs = [d for f in files for d in parse_corpus(f).documents]
    _, hits = code_themes(docs)
    assert len(hits) > 10
    by_id = {d.doc_id: d for d in docs}
    for h in hits.itertuples():
        assert by_id[h.doc_id].sections[h.section_position].text[h.start_char:h.end_char] \
            == h.evidence


def test_themes_row_is_the_first_hit_and_counts_all_hits(coded) -> None:
    themes, hits = coded
    for t in themes.itertuples():
        mine = hits[(hits["doc_id"] == t.doc_id) & (hits["theme"] == t.theme)]
        assert len(mine) == t.n_hits
        first = mine.iloc[0]
        assert (first["section_position"], first["start_char"]) == (
            t.section_position, t.start_char)


def test_tables_follow_the_schema(coded) -> None:
    themes, hits = coded
    assert list(themes.columns) == THEMES.names
    assert list(hits.columns) == THEME_HITS.names
    assert set(themes["theme"]) <= set(load_codebook().ids)


def test_duplicates_and_empty_documents_give_no_rows() -> None:
    dup = Document("b", "b.txt", "x", duplicate_of="a",
                   sections=[Section("body", 0, 14, "digital divide")])
    empty = Document("c", "c.txt", "y")
    themes, hits = code_themes([dup, empty])
    assert themes.empty and hits.empty
    assert list(themes.columns) == THEMES.names


def test_coder_is_a_scikit_learn_style_estimator() -> None:
    coder = ThemeCoder(codebook=None)
    assert vars(coder) == {"codebook": None}
    assert coder.fit() is coder
    assert coder.theme_ids_[0] == "digital_divide"
    assert coder.codebook_.source.endswith("themes.yaml")


def test_gold_sets_are_large_enough_and_recorded_with_source_offsets() -> None:
    items = [json.loads(line) for path in GOLD for line in path.read_text("utf-8").splitlines()]
    assert len(items) >= 200
    ids = set(load_codebook().ids)
    windows = {}
    peer = SHARED / "igf-peer-gold" / "windows.jsonl"
    if peer.exists():
        windows = {json.loads(x)["doc_id"]: json.loads(x)["text"]
                   for x in peer.read_text("utf-8").splitlines()}
    for item in items:
        assert set(item["themes"]) <= ids, item["id"]
        src = item["source"]
        if src.startswith("data/raw/"):
            text = (ROOT / src).read_text("utf-8")
        elif "#" in src:
            text = windows.get(src.split("#", 1)[1])
        else:
            path = ROOT.parent / src
            text = path.read_text("utf-8") if path.exists() else None
        if text is not None:
            assert text[item["start"]:item["end"]] == item["text"], item["id"]
