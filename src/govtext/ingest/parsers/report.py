"""IGF session reports: the 2015/2016 reporting template and dig.watch session reports.

The title line gives event, year, session type and number as on session pages. The body is
cut at the template's label lines ("Key Issues raised (1 sentence per issue):",
"Presentations", "Major discussion points", ...); text on a label's own line after its colon
belongs to that label. Without labels the report is one ``body`` section.
"""

from __future__ import annotations

from govtext.ingest.igf_header import apply_header, find_url, parse_igf_title, parse_igf_url
from govtext.ingest.kinds import (
    first_line,
    has_igf_cue,
    label_key,
    report_label_pattern,
    report_sections,
)
from govtext.ingest.lines import make_section
from govtext.ingest.registry import register_parser
from govtext.schema import Document, Section

#: A first line longer than this is prose, not a title.
_TITLE_MAX = 200


def _title_end(text: str) -> int:
    """Offset after the first non-empty line."""
    start = len(text) - len(text.lstrip())
    nl = text.find("\n", start)
    return len(text) if nl < 0 else nl


def _labelled_sections(text: str, start: int) -> list[Section]:
    """Sections between consecutive label lines; the text before the first label is ``intro``."""
    names = report_sections()
    matches = list(report_label_pattern().finditer(text, start))
    if not matches:
        return []
    bounds = [("intro", start, matches[0].start())]
    for m, nxt in zip(matches, [*matches[1:], None], strict=True):
        end = nxt.start() if nxt else len(text)
        bounds.append((names[label_key(m["label"])], m.end(), end))
    sections = [make_section(text, name, s, e) for name, s, e in bounds]
    return [s for s in sections if s]


def _apply_title(doc: Document) -> int:
    """Fill header fields from the title line (or URL); return where the body starts."""
    line = first_line(doc.text)
    info = parse_igf_title(line)
    url = find_url(doc.text) if doc.text.startswith("http") else None
    url_info = parse_igf_url(url) if url else None
    doc.source_url = doc.source_url or url
    apply_header(doc, info, "header")
    apply_header(doc, url_info, "url")
    is_label = bool(report_label_pattern().match(line))
    if info is None and not url and not is_label and 0 < len(line) <= _TITLE_MAX:
        doc.title = doc.title or line
    return _title_end(doc.text) if (info or url or doc.title == line) else 0


@register_parser("igf_report")
def parse_report(doc: Document) -> None:
    body_start = _apply_title(doc)
    if doc.event is None and has_igf_cue(doc.text):
        doc.event = "IGF"
    sections = _labelled_sections(doc.text, body_start)
    if not sections:
        body = make_section(doc.text, "body", body_start, len(doc.text))
        sections = [body] if body else []
    titled = next((s for s in sections if s.section == "session_title"), None)
    if titled and not doc.title:
        doc.title = titled.text.split("\n", 1)[0][:_TITLE_MAX]
    doc.sections = sections
