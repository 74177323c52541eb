"""``govtext analyze`` end to end on the bundled samples: every table, traceable offsets."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import govtext as govtext_api
from govtext.outputs import verify_outputs

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
TABLES = ("documents", "participants", "sections", "rejects", "entities", "sdgs", "themes",
          "theme_hits", "topics", "doc_topics", "topics_over_time")


def govtext(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "govtext.cli", *args], capture_output=True,
                          text=True, env=env, timeout=600)


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("analyze") / "out"
    res = govtext("analyze", str(RAW), "--out", str(out), "--quiet")
    assert res.returncode == 0, res.stderr
    return out


def _read(out: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(out / f"{name}.csv", keep_default_na=False, na_values=[""],
                       dtype={"text": str, "evidence": str})


def test_every_table_is_written_and_the_run_is_complete(out: Path) -> None:
    for name in TABLES:
        assert (out / f"{name}.csv").is_file() and (out / f"{name}.parquet").is_file()
    assert verify_outputs(out) == []
    run = json.loads((out / "run.json").read_text())
    c = run["counts"]
    assert c["input_files"] == c["files_parsed"] + c["files_duplicate"] + c["files_rejected"]
    assert set(run["timings_s"]) >= {"parse", "entities_sdgs_themes", "topics", "write"}


@pytest.mark.parametrize(("table", "column"), [("entities", "text"), ("sdgs", "evidence"),
                                               ("themes", "evidence"),
                                               ("theme_hits", "evidence")])
def test_offsets_point_at_the_quoted_text(out: Path, table: str, column: str) -> None:
    sections = _read(out, "sections").set_index(["doc_id", "position"])["text"]
    docs = {}
    rows = _read(out, table)
    assert len(rows) > 0
    for row in rows.itertuples():
        if pd.isna(row.section_position):  # declared SDG lines outside every section
            if row.doc_id not in docs:
                (doc,) = govtext_api.parse_file(RAW / row.doc_id).documents
                docs[row.doc_id] = doc.text
            source = docs[row.doc_id]
        else:
            source = sections[(row.doc_id, int(row.section_position))]
        assert source[int(row.start_char):int(row.end_char)] == getattr(row, column)


def test_samples_carry_their_themes_and_sdgs(out: Path) -> None:
    themes = _read(out, "themes")
    coded = set(zip(themes.doc_id.str[:3], themes.theme, strict=True))
    for doc in ("000", "002", "003"):
        assert (doc, "digital_divide") in coded
    assert ("001", "data_sovereignty") in coded
    assert {("002", "ai_governance"), ("004", "ai_governance")} <= coded
    sdgs = _read(out, "sdgs")
    declared = set(zip(sdgs[sdgs.kind == "declared"].doc_id.str[:3],
                       sdgs[sdgs.kind == "declared"].sdg, strict=True))
    assert declared == {("001", 10), ("004", 17)}


def test_saved_topic_model_assigns_new_documents(out: Path, tmp_path: Path) -> None:
    res = govtext("topics", str(next(RAW.glob("003_*"))), "--model", str(out),
                  "--out", str(tmp_path / "t"), "--quiet")
    assert res.returncode == 0, res.stderr
    doc_topics = _read(tmp_path / "t", "doc_topics")
    known = set(_read(out, "topics").topic_id)
    assert len(doc_topics) > 0 and set(doc_topics.topic_id) <= known


def test_invalid_user_codebook_is_one_line_error_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "themes.yaml"
    bad.write_text("themes: [\n  - id: x\n    label: [unclosed\n")
    res = govtext("analyze", str(RAW), "--out", str(tmp_path / "o"), "--themes", str(bad))
    assert res.returncode != 0
    assert res.stderr.strip().count("\n") == 0 and "Traceback" not in res.stderr
    assert "themes.yaml" in res.stderr
    assert not (tmp_path / "o").exists()


def test_a_one_document_corpus_gets_a_topic_model(tmp_path: Path) -> None:
    out = tmp_path / "one"
    res = govtext("analyze", str(next(RAW.glob("003_*"))), "--out", str(out), "--quiet")
    assert res.returncode == 0, res.stderr
    topics = _read(out, "topics")
    doc_topics = _read(out, "doc_topics")
    assert len(topics) >= 1 and len(doc_topics) > 0
    assert set(doc_topics.topic_id) <= set(topics.topic_id)
    assert (out / "topic_model").is_dir() and (out / "report.html").is_file()
