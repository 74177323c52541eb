"""Shared test helpers: where the real inputs are, and parsing one file as the pipeline does."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from govtext.ingest.decode import decode_bytes
from govtext.ingest.parse import parse_unit
from govtext.ingest.readers import TextUnit
from govtext.schema import Document

#: Bundled raw samples of the repository.
RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
#: Real corpora shared beside the repository (absent on a bare checkout).
SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus"


def parse_path(path: Path, rel: str) -> Document:
    """Decode and parse one file as the pipeline would, with ``rel`` as its relative path."""
    decoded = decode_bytes(path.read_bytes())
    return parse_unit(TextUnit(decoded.text, decoded.encoding), rel=rel, doc_id=rel)


@pytest.fixture(scope="session")
def parse_file() -> Callable[[Path, str], Document]:
    return parse_path


@pytest.fixture(scope="session")
def windows_dir() -> Path:
    """The IGF transcript windows (``igf-transcript-windows/``); skips the test if absent."""
    path = CORPUS / "igf-transcript-windows"
    if not path.is_dir():
        pytest.skip("shared corpus igf-transcript-windows is not available")
    return path


@pytest.fixture(scope="session")
def ungdc_dir() -> Path:
    """The UN General Debate subset (``ungdc/``); skips the test if absent."""
    path = CORPUS / "ungdc"
    if not path.is_dir():
        pytest.skip("shared corpus ungdc is not available")
    return path


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    return RAW


@pytest.fixture(scope="session")
def peer_windows() -> dict[str, str]:
    """Text of the 96 igf-peer-gold windows by upstream doc id; skips the test if absent."""
    path = CORPUS / "igf-peer-gold" / "windows.jsonl"
    if not path.is_file():
        pytest.skip("shared corpus igf-peer-gold is not available")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return {row["doc_id"]: row["text"] for row in rows}
