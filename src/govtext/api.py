"""The Python API. The CLI is a thin wrapper over these functions."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from govtext.config import Settings
from govtext.errors import InputPathError
from govtext.ingest.corpus import Corpus, ingest_paths


def parse_corpus(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    settings: Settings | None = None,
    on_file: Callable[[str], None] | None = None,
) -> Corpus:
    """Parse every file under ``paths`` into documents, participants, sections and rejects.

    >>> corpus = parse_corpus("data/raw")
    >>> tables = corpus.tables()          # dict of pandas DataFrames
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    return ingest_paths(list(paths), settings or Settings(), on_file=on_file)


def parse_file(path: str | os.PathLike[str], settings: Settings | None = None) -> Corpus:
    """Parse one file (a JSON/JSONL/CSV file may hold several documents)."""
    p = Path(path)
    if not p.is_file():
        raise InputPathError(f"not a file: {p}")
    return parse_corpus([p], settings)
