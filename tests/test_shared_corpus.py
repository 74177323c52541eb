"""Every real document of the shared corpora gets the kind and year its index gives."""

from __future__ import annotations

import csv
import time
from pathlib import Path

import pytest

from govtext.ingest.decode import decode_bytes
from govtext.ingest.parse import parse_unit
from govtext.ingest.readers import TextUnit
from govtext.schema import Document

SHARED = Path(__file__).resolve().parents[2] / "shared"
if not SHARED.is_dir():
    pytest.skip("no shared corpora beside the repository", allow_module_level=True)
WINDOWS = SHARED / "corpus" / "igf-transcript-windows"
UNGDC = SHARED / "corpus" / "ungdc"


def _parse(root: Path, rel: str) -> Document:
    decoded = decode_bytes((root / rel).read_bytes())
    return parse_unit(TextUnit(decoded.text, decoded.encoding), rel=rel, doc_id=rel)


def _window_rows() -> list[dict[str, str]]:
    with (WINDOWS / "index.tsv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def _expected_kind(notes: str) -> str:
    return "igf_transcript" if notes.startswith("transcript") else "other"


@pytest.mark.parametrize("row", _window_rows(), ids=lambda r: r["upstream_doc_id"])
def test_transcript_window_kind_and_year_match_the_index(row: dict[str, str]) -> None:
    doc = _parse(WINDOWS, row["file"])
    assert (doc.doc_kind, doc.year) == (_expected_kind(row["notes"]), int(row["year"]))


def test_all_ten_windows_are_indexed() -> None:
    rows = _window_rows()
    assert len(rows) == 10
    assert sum(_expected_kind(r["notes"]) == "igf_transcript" for r in rows) == 9


def test_every_un_general_debate_speech_matches_the_index() -> None:
    with (UNGDC / "index.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 2299
    started = time.perf_counter()
    wrong = []
    for row in rows:
        doc = _parse(UNGDC, row["path"])
        got = (doc.doc_kind, doc.country, doc.session_number, doc.year)
        want = ("speech", row["iso3"], row["session"], int(row["year"]))
        if got != want:
            wrong.append((row["path"], got, want))
    assert wrong == []
    assert time.perf_counter() - started < 60
