"""UN General Debate speeches: everything but the text comes from ``ISO3_SESSION_YEAR.txt``."""

from __future__ import annotations

from govtext.ingest.kinds import speech_file
from govtext.ingest.lines import make_section
from govtext.ingest.registry import register_parser
from govtext.schema import Document


@register_parser("speech")
def parse_speech(doc: Document) -> None:
    m = speech_file(doc.source_path)
    if m is not None:
        iso3, session, year = m["iso3"], str(int(m["session"])), int(m["year"])
        doc.country = iso3
        doc.session_number = session
        if doc.year is None:
            doc.year, doc.year_source = year, "filename"
        doc.event = "UNGA"
        doc.session_type = "General Debate"
        doc.title = f"{iso3} statement, UN General Debate session {session} ({year})"
    body = make_section(doc.text, "body", 0, len(doc.text))
    doc.sections = [body] if body else []
