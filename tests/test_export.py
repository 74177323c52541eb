"""Exports (csv, parquet, xlsx bundles) and govtext.load."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest

from govtext.errors import OutputDirError
from govtext.load import load
from govtext.outputs import MARKER, verify_outputs
from govtext.report.export import export_bundle, is_formula_like, neutralize_formulas
from govtext.trends import compute_trends
from sample_tables import D3, sample_tables, write_run

HOSTILE_TITLE = "=HYPERLINK(\"http://evil.example\",\"x\")"


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A complete run whose 2022 news article has a formula as its title."""
    tables = sample_tables()
    docs = tables["documents"]
    docs.loc[docs["doc_id"] == D3, "title"] = HOSTILE_TITLE
    docs.loc[docs["doc_id"] == D3, "publisher"] = "NA"  # text, not a missing value
    return write_run(tmp_path_factory.mktemp("x") / "run", tables, compute_trends(tables))


def _csv_rows(path: Path, encoding: str = "utf-8") -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding))))


def test_load_returns_every_table_typed(run_dir: Path) -> None:
    tables = load(run_dir)
    assert {"documents", "participants", "sections", "rejects", "themes", "trends"} <= set(
        tables)
    assert str(tables["documents"]["year"].dtype) == "Int64"
    assert str(tables["trends"]["share"].dtype) == "float64"
    pd.testing.assert_frame_equal(tables["trends"],
                                  compute_trends(tables).reset_index(drop=True))


def test_load_refuses_an_unfinished_or_altered_run(run_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(OutputDirError, match="not a complete govtext run"):
        load(tmp_path)
    altered = tmp_path / "altered"
    write_run(altered, {k: v for k, v in sample_tables().items() if k == "documents"})
    (altered / "documents.csv").write_text("doc_id\nforged\n", encoding="utf-8")
    with pytest.raises(OutputDirError, match=r"changed file: documents\.csv"):
        load(altered)
    assert load(altered, verify=False)["documents"]["doc_id"].tolist() != ["forged"]


def test_load_reads_csv_only_runs_keeping_na_as_text(run_dir: Path, tmp_path: Path) -> None:
    export_bundle(run_dir, tmp_path / "csv")  # a bundle is a complete folder too
    docs = load(tmp_path / "csv")["documents"]
    news = docs[docs["doc_id"] == D3].iloc[0]
    assert news["publisher"] == "NA" and pd.isna(news["country"])


def test_csv_export_shows_formulas_as_text(run_dir: Path, tmp_path: Path) -> None:
    paths = export_bundle(run_dir, tmp_path / "b", "csv")
    assert {p.name for p in paths} >= {"documents.csv", "trends.csv", "codebook.md",
                                       "run.json"}
    raw = (tmp_path / "b" / "documents.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    titles = {r["doc_id"]: r["title"] for r in _csv_rows(tmp_path / "b" / "documents.csv")}
    assert titles[D3] == "'" + HOSTILE_TITLE
    assert all(not is_formula_like(t) for t in titles.values())


def test_csv_export_can_start_with_a_bom_for_excel(run_dir: Path, tmp_path: Path) -> None:
    export_bundle(run_dir, tmp_path / "b", "csv", excel_bom=True)
    raw = (tmp_path / "b" / "documents.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfdoc_id,")


def test_bundle_carries_codebook_and_run_record(run_dir: Path, tmp_path: Path) -> None:
    export_bundle(run_dir, tmp_path / "b", "csv")
    codebook = (tmp_path / "b" / "codebook.md").read_text("utf-8")
    assert "## trends" in codebook and "Export notes (csv)" in codebook
    record = json.loads((tmp_path / "b" / "run.json").read_text("utf-8"))
    assert record["settings"]["seed"] == 42 and "timings_s" in record
    assert record["export"]["format"] == "csv"
    assert record["export"]["changed_cells"]["documents"]["formula_like"] == 1
    assert verify_outputs(tmp_path / "b") == []  # written all-or-nothing, with its marker
    assert (tmp_path / "b" / MARKER).is_file()


def test_parquet_export_is_exact(run_dir: Path, tmp_path: Path) -> None:
    export_bundle(run_dir, tmp_path / "p", "parquet")
    got, want = load(tmp_path / "p"), load(run_dir)
    assert set(got) == set(want)
    for name in want:
        pd.testing.assert_frame_equal(got[name], want[name], check_dtype=True)


def test_xlsx_export_stores_formulas_as_text(run_dir: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    paths = export_bundle(run_dir, tmp_path / "x", "xlsx")
    assert {p.name for p in paths} == {"govtext.xlsx", "codebook.md", "run.json"}
    book = load_workbook(tmp_path / "x" / "govtext.xlsx")
    assert set(load(run_dir)) == set(book.sheetnames)
    sheet = book["documents"]
    header = [c.value for c in sheet[1]]
    rows = {r[0].value: r for r in sheet.iter_rows(min_row=2)}
    cell = rows[D3][header.index("title")]
    assert cell.value == HOSTILE_TITLE and cell.data_type == "s" and cell.quotePrefix
    assert rows[D3][header.index("year")].value == 2022


def test_neutralize_leaves_numbers_and_plain_text_alone() -> None:
    df = pd.DataFrame({"n": pd.array([-3, 4], dtype="Int64"),
                       "t": pd.array(["-1 bullet", "plain"], dtype="string"),
                       "o": ["@user", None]})
    out, count = neutralize_formulas(df)
    assert count == 2
    assert out["n"].tolist() == [-3, 4]
    assert out["t"].tolist() == ["'-1 bullet", "plain"]
    assert out["o"].iloc[0] == "'@user" and pd.isna(out["o"].iloc[1])


def test_export_refuses_unknown_format_and_its_own_folder(run_dir: Path) -> None:
    with pytest.raises(OutputDirError, match="csv, parquet, xlsx"):
        export_bundle(run_dir, run_dir.parent / "y", "json")
    with pytest.raises(OutputDirError, match="different folder"):
        export_bundle(run_dir, run_dir, "csv")
