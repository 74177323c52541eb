"""Anything else: one ``body`` section, and the IGF as event when the first line says so."""

from __future__ import annotations

import re

from govtext.ingest.igf_header import parse_igf_title
from govtext.ingest.kinds import IGF_MENTION, first_line
from govtext.ingest.lines import make_section
from govtext.ingest.registry import register_parser
from govtext.ingest.years import meeting_place_year
from govtext.schema import Document

# "Schedule for Sharm El Sheikh 2009", "Schedule for the IGF 2012": the words after "for".
_SCHEDULE = re.compile(r"^Schedule\s+for\s+(?P<what>.{1,80})", re.IGNORECASE)


def is_igf_first_line(line: str) -> bool:
    """An IGF title line, or a schedule of an IGF meeting."""
    if parse_igf_title(line):
        return True
    m = _SCHEDULE.match(line)
    return bool(m) and bool(IGF_MENTION.search(m["what"]) or meeting_place_year(m["what"]))


@register_parser("other")
def parse_other(doc: Document) -> None:
    if doc.event is None and is_igf_first_line(first_line(doc.text)):
        doc.event = "IGF"
    body = make_section(doc.text, "body", 0, len(doc.text))
    doc.sections = [body] if body else []
