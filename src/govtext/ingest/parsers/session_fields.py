"""Field labels and value lines of IGF session pages (format, duration, SDGs, time range)."""

from __future__ import annotations

import re
from datetime import datetime

from govtext.ingest.vocab import sdg_for_title, session_format

#: Body field labels, as printed (2013-2025), and the section name they open.
BODY_LABELS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        ("policy_questions", r"^(?:Policy Questions?(?:\(s\))?|Specific policy questions to be "
                             r"discussed)\s*:?\s*"),
        ("participants_gain", r"^What will participants gain from attending this session\?\s*"),
        ("full_title", r"^Full Title\s*:\s*"),
        ("description", r"^(?:Description|Session description|Content of the Session|"
                        r"Concise description)\s*:\s*|^Description\s*$"),
        ("format_description", r"^Format description\s*:\s*"),
        ("expected_outcomes", r"^Expected Outcomes?\s*:?\s*$|^Expected Outcomes?\s*:\s*"),
        ("hybrid_format", r"^Hybrid Format\s*:\s*"),
        ("online_participation", r"^Online Participation\s*:?\s*$|^Online Participation\s*:\s*"),
        ("relevance_to_ig", r"^Relevance to Internet Governance\s*:\s*"),
        ("relevance_to_theme", r"^Relevance to Theme\s*:\s*"),
        ("sdg_targets", r"^Targets\s*:\s*"),
        ("agenda", r"^Agenda\s*:?\s*$"),
        ("diversity", r"^Diversity\s*:\s*"),
        ("key_takeaways", r"^Key Takeaways\s*(?:\(\*[^)]*\))?\s*:?\s*$"),
        ("call_to_action", r"^Calls? to Action\s*(?:\(\*[^)]*\))?\s*:?\s*$"),
        ("key_takeaways_summary", r"^\d+\s+key takeaways?\s*$"),
        ("call_to_action_summary", r"^\d+\s+call-to-action points?\s*$"),
        ("session_report", r"^Session Report\s*(?:\(\*[^)]*\))?.*$"),
    )
)

THEME = re.compile(r"^(?:Theme|Sub-?theme|Track)\s*:\s*(?P<rest>.+)$", re.IGNORECASE)
FORMAT_LABEL = re.compile(r"^(?:Session )?Format\s*:?\s*(?P<rest>[A-Za-z ]{0,40})$")
DURATION = re.compile(r"^Duration\s*\(minutes\)\s*:?\s*(?P<min>\d{1,3})?\s*$", re.IGNORECASE)
#: Item markers at a line start: "1.", "1)", "(a)", "a)", "A." (no space needed: "1)Does").
ITEM_MARKER = re.compile(r"(?m)^[ \t]*(?:\(?\d{1,2}[.)]|\(?[a-hA-H][.)])(?=\s*\S)")
SKIP_HEADINGS = re.compile(
    r"^(?:Organi[sz]ers?|Speakers?|Additional Speakers|Session Organi[sz]ers|"
    r"Speakers provisionally confirmed)\s*:?\s*$",
    re.IGNORECASE,
)

_FORMAT_LINE = re.compile(
    r"^(?:Session Format\s*:\s*)?(?P<fmt>[A-Za-z][A-Za-z -]{1,40}?)\s*-\s*"
    r"(?:(?P<layout>[A-Za-z][A-Za-z -]{1,30}?)\s*-\s*)?(?P<min>\d{2,3})\s*Min(?:utes|s)?\.?$",
    re.IGNORECASE,
)
_GOAL_LINE = re.compile(r"^GOAL\s+(?P<n>\d{1,2})\s*:\s*(?P<title>.{2,80})$", re.IGNORECASE)
_NUMBERED_GOAL = re.compile(r"^(?P<n>\d{1,2})\.\s*(?P<title>[A-Za-z][A-Za-z ,&-]{2,60})$")
_TIME = (r"(?:\w+day,\s*)?(?P<d{i}>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m{i}>[A-Za-z]+),?\s+"
         r"(?P<y{i}>\d{{4}})\s*\((?P<t{i}>\d{{1,2}}:\d{{2}})\s*UTC\)")
_TIME_RANGE = re.compile(r"^" + _TIME.format(i=1) + r"\s*[-–]\s*" + _TIME.format(i=2) + r"\s*$")


def match_body_label(text: str) -> tuple[str, int] | None:
    """(section name, offset where the field's content starts in the line) or None."""
    for name, pattern in BODY_LABELS:
        m = pattern.match(text)
        if m:
            return name, (len(text) if name == "session_report" else m.end())
    return None


def parse_format_line(text: str) -> tuple[str, int | None] | None:
    """'Round Table - U-shape - 90 Min' -> ('Round Table (U-shape)', 90)."""
    m = _FORMAT_LINE.match(text)
    if not m:
        return None
    fmt = session_format(m["fmt"])
    if fmt is None:
        return None
    layout = m["layout"].strip() if m["layout"] else None
    return (f"{fmt} ({layout})" if layout else fmt), int(m["min"])


def parse_sdg_line(text: str) -> int | None:
    """'GOAL 10: Reduced Inequalities' or '17. Partnerships for the Goals' -> goal number."""
    m = _GOAL_LINE.match(text)
    if m and 1 <= int(m["n"]) <= 17:
        return int(m["n"])
    m = _NUMBERED_GOAL.match(text)
    if m and sdg_for_title(m["title"]) == int(m["n"]):
        return int(m["n"])
    return None


def parse_time_range(text: str) -> tuple[str, str] | None:
    """'Sunday, 8th October, 2023 (23:30 UTC) - Monday, ...' -> ISO 8601 UTC pair."""
    m = _TIME_RANGE.match(text)
    if not m:
        return None
    out = []
    for i in (1, 2):
        try:
            dt = datetime.strptime(f"{m[f'd{i}']} {m[f'm{i}']} {m[f'y{i}']} {m[f't{i}']}",
                                   "%d %B %Y %H:%M")
        except ValueError:
            return None
        out.append(dt.strftime("%Y-%m-%dT%H:%M:00Z"))
    return out[0], out[1]
