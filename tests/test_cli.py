"""The command line: outputs, accounting, one-line errors, determinism."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd

from govtext.outputs import verify_outputs

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"


def govtext(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "govtext.cli", *args], capture_output=True,
                          text=True, env=env, timeout=300)


def test_parse_writes_tables_codebook_and_marker(tmp_path: Path) -> None:
    out = tmp_path / "out"
    res = govtext("parse", str(RAW), "--out", str(out))
    assert res.returncode == 0, res.stderr
    assert "5 input files: 5 parsed" in res.stdout
    for name in ("documents", "participants", "sections", "rejects"):
        csv = pd.read_csv(out / f"{name}.csv")
        pq = pd.read_parquet(out / f"{name}.parquet")
        assert list(csv.columns) == list(pq.columns) and len(csv) == len(pq)
    assert verify_outputs(out) == []
    codebook = (out / "codebook.md").read_text()
    for column in ("doc_id", "sdgs_declared", "stakeholder_group", "start_char", "reason"):
        assert f"`{column}`" in codebook


def test_documents_table_values(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert govtext("parse", str(RAW), "--out", str(out)).returncode == 0
    docs = pd.read_csv(out / "documents.csv").set_index("doc_id")
    row = docs.loc["000_302a3d7a27beadc7.txt"]
    assert (row.n_organizers, row.n_speakers, row.n_policy_questions) == (3, 3, 3)
    assert docs.loc["001_66a2f071aafacbc4.txt", "sdgs_declared"] == 10
    assert docs.loc["004_8e39504a28100b98.txt", "duration_min"] == 60
    assert sorted(docs.doc_kind.unique()) == ["igf_session_page", "news_article"]


def test_sections_offsets_check_against_text(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert govtext("parse", str(RAW), "--out", str(out)).returncode == 0
    sections = pd.read_csv(out / "sections.csv", keep_default_na=False)
    assert (sections.end_char - sections.start_char == sections.text.str.len()).all()


def test_outputs_are_byte_identical_across_runs(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    assert govtext("parse", str(RAW), "--out", str(a)).returncode == 0
    assert govtext("parse", str(RAW), "--out", str(b)).returncode == 0
    for f in sorted(a.iterdir()):
        if f.name in ("run.json", "_COMPLETE.json"):
            continue
        assert f.read_bytes() == (b / f.name).read_bytes(), f.name


def test_missing_path_is_one_line_error(tmp_path: Path) -> None:
    res = govtext("parse", str(tmp_path / "nope"), "--out", str(tmp_path / "o"))
    assert res.returncode != 0
    assert res.stderr.strip().count("\n") == 0
    assert "does not exist" in res.stderr and "Traceback" not in res.stderr


def test_usage_error_is_one_line(tmp_path: Path) -> None:
    res = govtext("parse")
    assert res.returncode == 2
    assert res.stderr.strip().count("\n") == 0 and "Traceback" not in res.stderr


def test_debug_shows_traceback(tmp_path: Path) -> None:
    res = govtext("parse", str(tmp_path / "nope"), "--debug")
    assert res.returncode != 0 and "Traceback" in res.stderr


def test_help_on_every_command() -> None:
    for cmd in ("parse", "analyze", "version"):
        res = govtext(cmd, "--help")
        assert res.returncode == 0 and "Usage" in res.stdout
