"""Files -> Documents and Rejects, with duplicate detection and full accounting.

Every input file ends up in exactly one place: as document(s) (a duplicate is a document row
whose ``duplicate_of`` names its twin), or as a file-level reject. Records of JSON/JSONL/CSV
files that cannot be used are rejected individually while the good ones are kept.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from govtext.config import Settings
from govtext.ingest.discover import InputFile, InputProblem, discover, doc_id_for
from govtext.ingest.normalize import control_char_share
from govtext.ingest.parse import parse_unit
from govtext.ingest.readers import ReadError, read_file
from govtext.schema import (
    DOCUMENTS,
    PARTICIPANTS,
    REJECTS,
    SECTIONS,
    Document,
    Reject,
    document_row,
)


@dataclass
class FileOutcome:
    """What one input file produced."""

    rel: str
    documents: list[Document] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    sha256: str | None = None

    @property
    def status(self) -> str:
        if self.documents:
            return "duplicate" if all(d.duplicate_of for d in self.documents) else "parsed"
        return "rejected"


def _reject(rel: str, reason: str, detail: str, record: str | None = None) -> Reject:
    return Reject(source_path=rel, reason=reason, detail=detail, record=record)


def read_input(item: InputFile, settings: Settings) -> tuple[bytes | None, Reject | None]:
    """The raw bytes of a file, or the reason it cannot be read."""
    try:
        size = item.path.stat().st_size
    except OSError as exc:
        return None, _reject(item.rel, "unreadable", exc.strerror or str(exc))
    if size > settings.max_file_bytes:
        return None, _reject(item.rel, "too_large",
                             f"{size} bytes > max_file_bytes={settings.max_file_bytes}")
    try:
        data = item.path.read_bytes()
    except PermissionError as exc:
        return None, _reject(item.rel, "permission_denied", exc.strerror or str(exc))
    except OSError as exc:
        return None, _reject(item.rel, "unreadable", exc.strerror or str(exc))
    if not data:
        return None, _reject(item.rel, "empty_file", "0 bytes")
    return data, None


def parse_input(item: InputFile, data: bytes, settings: Settings) -> FileOutcome:
    """Decode, read and parse one file's bytes (pure: no file system access)."""
    out = FileOutcome(item.rel, sha256=hashlib.sha256(data).hexdigest())
    try:
        result = read_file(item.path, data, settings)
    except ReadError as exc:
        out.rejects.append(_reject(item.rel, exc.reason, exc.detail))
        return out
    base_id = doc_id_for(item.rel)
    multi = len(result.units) > 1 or any(u.record for u in result.units)
    for unit in result.units:
        if unit.text.strip() == "":
            out.rejects.append(_reject(item.rel, "empty_text", "no text after decoding",
                                       unit.record))
            continue
        if control_char_share(unit.text) > settings.max_control_char_share:
            out.rejects.append(_reject(item.rel, "binary", "mostly control characters "
                                       f"(decoded as {unit.encoding})", unit.record))
            continue
        doc_id = f"{base_id}#{unit.record}" if multi and unit.record else base_id
        sha = out.sha256 if not multi else None
        doc = parse_unit(unit, rel=item.rel, doc_id=doc_id, sha256=sha)
        if not doc.text:
            out.rejects.append(_reject(item.rel, "empty_text", "only invisible characters",
                                       unit.record))
            continue
        out.documents.append(doc)
    for prob in result.problems:
        out.rejects.append(_reject(item.rel, prob.reason, prob.detail, prob.record))
    if not out.documents and not any(r.record is None for r in out.rejects):
        # Every record failed: say so at file level too, so the file is accounted for.
        out.rejects.append(_reject(item.rel, "no_usable_records",
                                   f"{len(out.rejects)} record(s) rejected"))
    return out


@dataclass
class Corpus:
    """The parsed corpus: documents (duplicates marked), rejects and the accounting."""

    documents: list[Document]
    rejects: list[Reject]
    outcomes: list[FileOutcome]

    @property
    def counts(self) -> dict[str, int]:
        status = [o.status for o in self.outcomes]
        return {
            "input_files": len(self.outcomes),
            "files_parsed": status.count("parsed"),
            "files_duplicate": status.count("duplicate"),
            "files_rejected": status.count("rejected"),
            "documents": sum(1 for d in self.documents if not d.duplicate_of),
            "duplicates": sum(1 for d in self.documents if d.duplicate_of),
            "rejects": len(self.rejects),
            "record_rejects": sum(1 for r in self.rejects if r.record is not None),
        }

    def tables(self) -> dict[str, pd.DataFrame]:
        """The four record tables as typed, sorted DataFrames."""
        docs, people, sections = [], [], []
        for d in self.documents:
            docs.append(document_row(d))
            positions: dict[str, int] = {}
            for p in d.participants:
                positions[p.role] = positions.get(p.role, 0) + 1
                people.append({"doc_id": d.doc_id, "position": positions[p.role],
                               **p.__dict__})
            for i, s in enumerate(d.sections):
                sections.append({"doc_id": d.doc_id, "position": i, **s.__dict__})
        return {
            "documents": DOCUMENTS.frame(docs),
            "participants": PARTICIPANTS.frame(people),
            "sections": SECTIONS.frame(sections),
            "rejects": REJECTS.frame([r.__dict__ for r in self.rejects]),
        }


def _mark_duplicate(doc: Document, twin: Document) -> Document:
    """A duplicate keeps its identity (id, path, hash) and points at its twin; its content
    is recorded once, under the twin."""
    return Document(doc_id=doc.doc_id, source_path=doc.source_path, sha256=doc.sha256,
                    doc_kind=twin.doc_kind, encoding=doc.encoding, record=doc.record,
                    duplicate_of=twin.doc_id)


def build_corpus(outcomes: Iterable[FileOutcome]) -> Corpus:
    """Mark byte-identical documents as duplicates of the first (in path order)."""
    outcomes = sorted(outcomes, key=lambda o: o.rel)
    first_by_hash: dict[str, Document] = {}
    documents: list[Document] = []
    rejects: list[Reject] = []
    for outcome in outcomes:
        kept = []
        for doc in outcome.documents:
            twin = first_by_hash.get(doc.sha256)
            if twin is not None:
                doc = _mark_duplicate(doc, twin)
            else:
                first_by_hash[doc.sha256] = doc
            kept.append(doc)
        outcome.documents = kept
        documents.extend(kept)
        rejects.extend(outcome.rejects)
    return Corpus(documents, rejects, outcomes)


def problem_outcome(problem: InputProblem) -> FileOutcome:
    return FileOutcome(problem.rel, rejects=[_reject(problem.rel, problem.reason, problem.detail)])


def ingest_items(
    items: Iterable[InputFile | InputProblem],
    settings: Settings,
    on_file: Callable[[str], None] | None = None,
) -> Corpus:
    """Read and parse discovered files (sequentially, in path order)."""
    outcomes = []
    for item in items:
        if isinstance(item, InputProblem):
            outcomes.append(problem_outcome(item))
        else:
            data, reject = read_input(item, settings)
            if reject is not None:
                outcomes.append(FileOutcome(item.rel, rejects=[reject]))
            else:
                outcomes.append(parse_input(item, data, settings))
        if on_file is not None:
            on_file(item.rel)
    return build_corpus(outcomes)


def ingest_paths(
    paths: Iterable[str | os.PathLike[str]],
    settings: Settings,
    on_file: Callable[[str], None] | None = None,
) -> Corpus:
    """Discover, read and parse every file under ``paths``."""
    return ingest_items(discover([Path(p) for p in paths]), settings, on_file)
