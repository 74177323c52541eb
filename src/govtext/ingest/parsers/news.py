"""News articles: image and credit lines, headline, byline, dateline, body.

A typical scraped article opens with image file names ("1.jpg") and a photo credit
("SONG CHEN/CHINA DAILY") before the headline; bylines and "Updated:" dates may follow it.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from govtext.ingest.kinds import (
    IMAGE_LINE,
    credit_publisher,
    dateline,
    doc_cues,
    is_byline,
    is_photo_credit,
)
from govtext.ingest.lines import Line, make_section, split_lines
from govtext.ingest.registry import register_parser
from govtext.ingest.years import find_dates, infer_year
from govtext.schema import Document

#: Lines scanned for the headline; an article whose headline is further down has none.
_MAX_HEADER_LINES = 40
#: A date line is short: "Updated: 2022-11-08 07:18", "November 8, 2022".
_DATE_LINE_MAX = 60
_MIN_HEADLINE_WORDS = 3


def _is_date_line(line: str) -> bool:
    return len(line) <= _DATE_LINE_MAX and next(find_dates(line), None) is not None


def _is_furniture(line: str) -> bool:
    """Image names, credits, bylines and date lines: page furniture around the headline."""
    return bool(IMAGE_LINE.match(line) or is_photo_credit(line) or is_byline(line)
                or credit_publisher(line) or _is_date_line(line))


def _header(lines: list[Line]) -> tuple[Line | None, int, list[Line]]:
    """The headline, the index of the first body line, and the furniture lines seen."""
    headline: Line | None = None
    furniture: list[Line] = []
    for i, ln in enumerate(lines[:_MAX_HEADER_LINES]):
        if ln.blank:
            continue
        text = ln.text[:1_000]
        if _is_furniture(text):
            furniture.append(ln)
        elif headline is not None:
            return headline, i, furniture
        elif len(text.split()) >= _MIN_HEADLINE_WORDS:
            headline = ln
    return headline, (headline.index + 1 if headline else 0), furniture


def _header_year(furniture: list[Line], first_body: Line | None) -> int | None:
    """The year of a date in the header lines or in a dateline opening the body."""
    candidates = [ln.text[:1_000] for ln in furniture]
    if first_body is not None and dateline(first_body.text[:200]):
        candidates.append(first_body.text[:200])
    for text in candidates:
        found = next(find_dates(text), None)
        if found:
            return found.year
    return None


@cache
def _forum_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    names = {name: event for event, spellings in doc_cues()["forums"].items()
             for name in spellings}
    alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{alt})(?![\w])"), names


def main_forum(text: str) -> str | None:
    """The forum the text names most often (ties: the first named)."""
    pattern, names = _forum_pattern()
    counts = Counter(names[m.group()] for m in pattern.finditer(text))
    return counts.most_common(1)[0][0] if counts else None


@register_parser("news_article")
def parse_news(doc: Document) -> None:
    text = doc.text
    lines = split_lines(text)
    headline, body_idx, furniture = _header(lines)
    first_body = next((ln for ln in lines[body_idx:] if not ln.blank), None)
    body_line = first_body.text[:200] if first_body else ""
    for ln in [*furniture, *([first_body] if first_body else [])]:
        publisher = credit_publisher(ln.text[:1_000])
        if publisher:
            doc.publisher = doc.publisher or publisher
    if doc.publisher is None and body_line and dateline(body_line):
        doc.publisher = credit_publisher(body_line)
    if headline is not None:
        doc.title = doc.title or headline.text
    year = _header_year(furniture, first_body)
    if year is not None and doc.year is None:
        doc.year, doc.year_source = year, "dateline"
    elif doc.year is None:
        doc.year, doc.year_source = infer_year(text, doc.source_path)
    doc.event = doc.event or main_forum(text)
    sections = []
    if headline is not None:
        sections.append(make_section(text, "headline", headline.start, headline.end))
    body_start = lines[body_idx].start if body_idx < len(lines) else len(text)
    sections.append(make_section(text, "body", body_start, len(text)))
    doc.sections = [s for s in sections if s]
