"""IGF title lines and URLs: event, year, session type and number, title.

Handles the drift across eras: "IGF 2023 WS #123 Title", "IGF 2018 WS #120" (title on the next
line), "IGF 2017 - Day 3 - Room XII - OF88 Title", "IGF 2019 – Day 4 – Hall – OF #32 Title",
"IGF 2023 – Day 0 – Event #59 Title – RAW", "No. 171 Title" (2013), "WS20: Title" (sched),
and URLs such as ".../igf-2020-of-50-technology-and-...".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govtext.ingest.vocab import session_type, session_type_pattern
from govtext.schema import Document


@dataclass
class HeaderInfo:
    event: str | None = None
    year: int | None = None
    session_type: str | None = None
    session_number: str | None = None
    title: str | None = None


_IGF_YEAR = re.compile(r"^\s*IGF\s+(?P<year>(?:19|20)\d\d)\b\s*[-–—:]?\s*(?P<rest>.*)$")
_DAY = re.compile(r"^Day\s*\d+$", re.IGNORECASE)
_NUMBER_AFTER = re.compile(r"^\s*#?\s*(?P<num>\d{1,4}[a-z]?)\b\s*[-–—:]?\s*", re.IGNORECASE)
_GLUED = re.compile(r"^(?P<tok>WS|OF|DC|BPF|PN|LT|NS|TH)\s*#?\s*(?P<num>\d{1,4})\b\s*[-–—:]?\s*")
_RAW_SUFFIX = re.compile(r"\s*[-–—]?\s*\((?:raw)\)\s*$|\s*[-–—]\s*RAW\s*$", re.IGNORECASE)
_ROOMISH = re.compile(r"^(room|salle|hall|plenary|studio|workshop room|ws \d|annex|banquet|"
                      r"conference|convention|main hall|press)", re.IGNORECASE)
_PROPOSAL_NO = re.compile(r"^\s*No\.\s*(?P<num>\d{1,4})\s+(?P<title>.+)$")
_SCHED = re.compile(r"^\s*(?P<tok>WS|OF)\s*(?P<num>\d{1,4})\s*:\s*(?P<title>.+)$")


def _type_and_number(text: str) -> tuple[str | None, str | None, str]:
    """Session type and number at the start of ``text``; returns the remainder too."""
    m = _GLUED.match(text)
    if m:
        return session_type(m["tok"]), m["num"], text[m.end():]
    m = session_type_pattern().match(text)
    if not m or m.start() != 0:
        return None, None, text
    stype = session_type(m["type"].replace("-", " "))
    rest = text[m.end():]
    n = _NUMBER_AFTER.match(rest)
    if n:
        return stype, n["num"], rest[n.end():]
    return stype, None, rest.lstrip(" -–—:")


def parse_igf_title(line: str) -> HeaderInfo | None:
    """Parse one IGF title line; None when the line is not one."""
    m = _IGF_YEAR.match(line)
    if m:
        info = HeaderInfo(event="IGF", year=int(m["year"]))
        rest = _RAW_SUFFIX.sub("", m["rest"]).strip()
        rest = re.sub(r"^(Day\s*\d+)\s+(?![-–—])", r"\1 - ", rest, flags=re.IGNORECASE)
        # Transcript titles: dash-separated parts "Day 3 - Room XII - OF88 Title".
        parts = [p.strip() for p in re.split(r"\s+[-–—]\s+", rest) if p.strip()]
        idx = 0
        while idx < len(parts) - 1 and (_DAY.match(parts[idx]) or _ROOMISH.match(parts[idx])):
            if _DAY.match(parts[idx]) and parts[idx].lower().replace(" ", "") == "day0":
                info.session_type = "Day 0 Event"
            idx += 1
        rest = " - ".join(parts[idx:]) if parts else ""
        stype, num, remainder = _type_and_number(rest)
        if stype is None and idx < len(parts):
            # "Room XII - OF88 Title" where the room token was not recognized.
            for j in range(idx, len(parts)):
                stype, num, remainder = _type_and_number(parts[j])
                if stype:
                    remainder = " - ".join([remainder, *parts[j + 1:]]).strip(" -")
                    break
            else:
                remainder = rest
        info.session_type = stype or info.session_type
        info.session_number = num
        info.title = remainder.strip(" -–—:") or None
        return info
    m = _PROPOSAL_NO.match(line)
    if m:
        return HeaderInfo(session_type="Workshop", session_number=m["num"],
                          title=m["title"].strip())
    m = _SCHED.match(line)
    if m:
        return HeaderInfo(session_type=session_type(m["tok"]), session_number=m["num"],
                          title=m["title"].strip())
    return None


_URL = re.compile(r"https?://\S+")
_URL_SLUG = re.compile(r"igf-?(?P<year>(?:19|20)\d\d)[-_/](?P<slug>[^/?#\s]*)", re.IGNORECASE)
_SLUG_TYPE = re.compile(
    r"^(?:day-\d+-)?(?:[a-z0-9]+-)??(?P<tok>ws|of|open-forum|lightning-talk|networking-session|"
    r"town-hall|main-session|event|launch-award-event|dc|bpf|pn)-(?P<num>\d{1,4})\b",
    re.IGNORECASE,
)


def find_url(text: str) -> str | None:
    """The first URL in the first line of ``text`` (transcript windows start with one)."""
    first = text.split("\n", 1)[0]
    m = _URL.search(first[:600])
    return m.group(0).rstrip(".,;)…") if m else None


def parse_igf_url(url: str) -> HeaderInfo | None:
    m = _URL_SLUG.search(url)
    if not m:
        return None
    info = HeaderInfo(event="IGF", year=int(m["year"]))
    slug = m["slug"].lower()
    if slug.startswith("day-0"):
        info.session_type = "Day 0 Event"
    t = _SLUG_TYPE.match(slug)
    if t:
        info.session_type = session_type(t["tok"].replace("-", " "))
        info.session_number = t["num"]
    return info


def apply_header(doc: Document, found: HeaderInfo | None, source: str) -> None:
    """Fill the fields ``doc`` still lacks from ``found``; ``source`` names the year's origin."""
    if found is None:
        return
    doc.event = doc.event or found.event
    if doc.year is None and found.year is not None:
        doc.year, doc.year_source = found.year, source
    doc.session_type = doc.session_type or found.session_type
    doc.session_number = doc.session_number or found.session_number
    doc.title = doc.title or found.title
