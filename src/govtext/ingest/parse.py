"""Text unit -> Document: canonical text, kind recognition, the kind's parser, year fallback."""

from __future__ import annotations

import hashlib
from typing import Any

from govtext.ingest.kinds import detect_kind
from govtext.ingest.normalize import canonical_text, count_words
from govtext.ingest.readers import TextUnit
from govtext.ingest.registry import get_parser
from govtext.ingest.years import infer_year
from govtext.schema import DOC_KINDS, Document

# Metadata keys of JSON/CSV records that map straight onto document fields.
_META_FIELDS = {"title": "title", "event": "event", "publisher": "publisher",
                "url": "source_url", "country": "country"}


def _apply_metadata(doc: Document, meta: dict[str, Any]) -> None:
    lowered = {str(k).lower(): v for k, v in meta.items()}
    kind = lowered.get("doc_kind") or lowered.get("kind")
    if isinstance(kind, str) and kind in DOC_KINDS:
        doc.doc_kind = kind
    for key, attr in _META_FIELDS.items():
        value = lowered.get(key)
        if value not in (None, "") and getattr(doc, attr) in (None, ""):
            setattr(doc, attr, str(value))
    year = lowered.get("year")
    if year is None and isinstance(lowered.get("date"), str):
        year = lowered["date"][:4]
    try:
        y = int(year) if year is not None else None
    except (TypeError, ValueError):
        y = None
    if y is not None and 1900 <= y <= 2100:
        doc.year, doc.year_source = y, "metadata"


def parse_unit(unit: TextUnit, *, rel: str, doc_id: str, sha256: str | None = None) -> Document:
    """Build the Document for one decoded text unit (a file or a record)."""
    text = canonical_text(unit.text)
    if sha256 is None:
        sha256 = hashlib.sha256(unit.text.encode("utf-8", "surrogatepass")).hexdigest()
    doc = Document(doc_id=doc_id, source_path=rel, sha256=sha256, encoding=unit.encoding,
                   record=unit.record, text=text)
    doc.doc_kind = detect_kind(text, rel)
    if unit.metadata:
        _apply_metadata(doc, unit.metadata)
    year_from_meta = doc.year, doc.year_source
    get_parser(doc.doc_kind)(doc)
    if year_from_meta[0] is not None:
        doc.year, doc.year_source = year_from_meta
    if doc.year is None:
        doc.year, doc.year_source = infer_year(text, rel)
    doc.n_words = count_words(text)
    return doc
