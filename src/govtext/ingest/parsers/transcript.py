"""IGF session transcripts (real-time captioning output), every era.

Header: the title line ("IGF 2019 – Day 4 – Hall – OF #32 Title") and/or a leading URL.
Noise before the talk is not part of the ``transcript`` section: PHP "Deprecated:" lines,
Wayback Machine chrome, the "legacy site" banner, the captioning disclaimer, "***" and CART
headers ("FINISHED TRANSCRIPT ..."). Turns: ``>> NAME:`` (bare ``>>`` for unnamed voices) or,
in 2012, ``Name:`` at a line start.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from govtext.ingest.igf_header import (
    HeaderInfo,
    apply_header,
    find_url,
    parse_igf_title,
    parse_igf_url,
)
from govtext.ingest.kinds import (
    CAPTION_DISCLAIMER,
    HEAD_CHARS,
    TITLE_CHARS,
    TURN_MARK,
    doc_cues,
    has_igf_cue,
    label_key,
    line_turn_labels,
)
from govtext.ingest.lines import make_section
from govtext.ingest.registry import register_parser
from govtext.schema import Document, Participant

_URL = re.compile(r"https?://\S+")
# "Deprecated: Function get_magic_quotes_gpc() is deprecated in /x/y.php on line 29".
_PHP_NOTICE = re.compile(r"(?:Deprecated|Warning|Notice|Strict Standards)\s*:[^\n]{0,400}?"
                         r"\bon line \d+")
_WAYBACK = re.compile(r"(?:COLLECTED BY\b[\s\S]{0,4000}?)?(?:TIMESTAMPS\s+)?"
                      r"The Wayback Machine\s*-\s*https?://\S+")
_LEGACY = re.compile(r"This is now a legacy site\b(?:[^\n]{0,200}?https?://\S+|[^\n.…]{0,200}[.…]+)")
_STARS = re.compile(r"\*{3,}")
_CART_HEADER = re.compile(r"(?:FINISHED|RAW|ROUGH(?:LY)? EDITED)\s+(?:TRANSCRIPT|FILE|COPY)\b")
# The disclaimer's last words; if a page cut them off, its first sentence is dropped instead.
_DISCLAIMER_END = re.compile(r"authoritative\s+record\.?", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
_DISCLAIMER_SPAN = 1_200
#: ``>>`` with an optional ``LABEL:`` (the label cannot run past a newline or the next ``>>``).
_TURN = re.compile(r"(?<![>\w])>>(?!>)[ \t]*(?:(?P<label>[^:\n>]{1,60}):)?")
_PAREN_TAIL = re.compile(r"\s*\([^()]*\)\s*$")
_NAME_PUNCT = set(" .'’-")
_SPACES = re.compile(r"\s*")


def _disclaimer_end(text: str, start: int) -> int:
    m = _DISCLAIMER_END.search(text, start, start + _DISCLAIMER_SPAN)
    if m:
        return m.end()
    m = _SENTENCE_END.search(text, start, start + _DISCLAIMER_SPAN)
    return m.end() if m else start


def _line_end(text: str, pos: int) -> int:
    nl = text.find("\n", pos)
    return len(text) if nl < 0 else nl


def _skip_noise_at(text: str, pos: int) -> int:
    """Offset after one piece of header noise starting at ``pos``, or ``pos`` if none."""
    line_end = _line_end(text, pos)
    if line_end - pos <= TITLE_CHARS and parse_igf_title(text[pos:line_end]):
        return line_end
    m = CAPTION_DISCLAIMER.match(text, pos)
    if m:
        return _disclaimer_end(text, m.end())
    m = _CART_HEADER.match(text, pos)
    if m:
        first_turn = TURN_MARK.search(text, pos, pos + HEAD_CHARS)
        return first_turn.start() if first_turn else line_end
    for pattern in (_URL, _PHP_NOTICE, _WAYBACK, _LEGACY, _STARS):
        m = pattern.match(text, pos)
        if m:
            return m.end()
    return pos


def transcript_start(text: str) -> int:
    """Offset where the talk starts: after every piece of header noise."""
    first_turn = TURN_MARK.search(text, 0, HEAD_CHARS)
    zone_end = first_turn.start() if first_turn else min(len(text), HEAD_CHARS)
    pos = 0
    # Chrome and disclaimers may follow lines we do not know; take the end of the last one.
    for pattern in (_WAYBACK, _LEGACY, CAPTION_DISCLAIMER):
        for m in pattern.finditer(text, 0, zone_end):
            end = _disclaimer_end(text, m.end()) if pattern is CAPTION_DISCLAIMER else m.end()
            pos = max(pos, end)
    while True:
        spaces = _SPACES.match(text, pos)
        pos = spaces.end() if spaces else pos
        nxt = _skip_noise_at(text, pos)
        if nxt == pos:
            return pos
        pos = nxt


def _is_noise_line(line: str) -> bool:
    return bool(_URL.fullmatch(line) or _STARS.fullmatch(line)
                or any(p.match(line) for p in (_PHP_NOTICE, _WAYBACK, _LEGACY)))


def _header_info(text: str, start: int) -> tuple[HeaderInfo | None, str | None, HeaderInfo | None]:
    """Title-line info (the first line before ``start`` that is not noise), the leading URL
    and its info."""
    title_info = None
    for raw in text[:start].split("\n"):
        line = raw.strip()
        if not line or len(line) > TITLE_CHARS:
            continue
        title_info = parse_igf_title(line)
        if title_info or not _is_noise_line(line):
            break
    url = find_url(text) if text.startswith("http") else None
    return title_info, url, parse_igf_url(url) if url else None


# ---- speakers -------------------------------------------------------------------------------
def _title_case(name: str) -> str:
    """"OLGA CAVALLI" -> "Olga Cavalli"; mixed-case words ("De") are kept as printed."""
    return " ".join(w.title() if w.isupper() else w for w in name.split())


def _is_name(label: str) -> bool:
    letters = [ch for ch in label if ch.isalpha()]
    return (bool(letters) and label[0].isupper() and len(label.split()) <= 6
            and all(ch.isalpha() or ch in _NAME_PUNCT for ch in label))


@cache
def _label_roles() -> dict[str, str]:
    """Generic label key -> role ("" for voices that are nobody we can name)."""
    return {label_key(s): "" if role == "none" else role
            for role, labels in doc_cues()["speaker_labels"].items() for s in labels}


def _role_of(label: str) -> str | None:
    """"onsite_moderator"/"online_moderator" for a role label, "" for an unnamed voice,
    None for a person's name."""
    key = label_key(label)
    if key in _label_roles():
        return _label_roles()[key]
    if key.startswith(("unidentified", "unknown")):
        return ""
    return None


def _turn_labels(text: str, start: int) -> Iterable[str]:
    """Speaker labels of the turns after ``start`` (bare and non-name turns left out)."""
    found_marks = False
    for m in _TURN.finditer(text, start):
        found_marks = True
        label = _PAREN_TAIL.sub("", m["label"] or "").strip()
        letters = [ch for ch in label if ch.isalpha()]
        # Captioners write speaker labels in capitals; "Hello, everyone:" is speech.
        if _is_name(label) and sum(ch.isupper() for ch in letters) >= 0.6 * len(letters):
            yield label
    if not found_marks:
        for m in line_turn_labels(text, start):
            yield m["name"]


def transcript_participants(text: str, start: int = 0) -> list[Participant]:
    """One participant per named speaker and per moderator role, in order of first turn."""
    people: dict[tuple[str, str | None], Participant] = {}
    for label in _turn_labels(text, start):
        role = _role_of(label)
        if role == "":
            continue
        key = (role, None) if role else ("speaker", label_key(label))
        if key not in people:
            name = None if role else _title_case(label)
            people[key] = Participant(role=role or "speaker", name=name, n_turns=0)
        people[key].n_turns = (people[key].n_turns or 0) + 1
    return list(people.values())


@register_parser("igf_transcript")
def parse_transcript(doc: Document) -> None:
    text = doc.text
    start = transcript_start(text)
    title_info, url, url_info = _header_info(text, start)
    doc.source_url = doc.source_url or url
    apply_header(doc, title_info, "header")
    apply_header(doc, url_info, "url")
    if doc.event is None and has_igf_cue(text):
        doc.event = "IGF"
    doc.participants = transcript_participants(text, start)
    section = make_section(text, "transcript", start, len(text))
    doc.sections = [section] if section else []
