"""The year of a document when its parser found none, and where it came from.

Rules, most trustworthy first: ``header`` (IGF title line), ``url`` (an ``igf-2019-...`` URL
on the first line), ``host_city`` (IGF meeting context such as "the 13th IGF" or "the IGF
in Saudi Arabia"), ``filename`` (a year token in the path), ``text_date`` (the latest full
date in the text) and ``text_years`` (the most frequent year mentioned at least twice).
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from functools import cache

import pycountry

from govtext.ingest.igf_header import find_url, parse_igf_title, parse_igf_url
from govtext.ingest.kinds import HEAD_CHARS, IGF_MENTION, first_line
from govtext.ingest.vocab import igf_meetings, read_data_csv

YEAR_MIN, YEAR_MAX = 1990, 2035
_YEAR = r"(?:199\d|20[0-2]\d|203[0-5])"
#: IGF mentions examined for host-city context; the first ones name the meeting.
_MAX_MENTIONS = 1_000
_WINDOW = 80


def year_from_header(text: str, rel: str) -> int | None:
    info = parse_igf_title(first_line(text))
    return info.year if info else None


def year_from_url(text: str, rel: str) -> int | None:
    url = find_url(text)
    info = parse_igf_url(url) if url else None
    return info.year if info else None


# ---- host city ------------------------------------------------------------------------------
def _place_key(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").split())


@cache
def _meeting_countries() -> frozenset[str]:
    return frozenset(_place_key(row["country"]) for row in read_data_csv("igf_meetings.csv"))


def _is_country(name: str) -> bool:
    """A host country as the meetings table spells it, or any other name of a country
    ("Türkiye", "Kingdom of Saudi Arabia")."""
    if _place_key(name) in _meeting_countries():
        return True
    try:
        pycountry.countries.lookup(name)
    except LookupError:
        return False
    return True


def _alternation(names: list[str]) -> str:
    return "|".join(re.escape(k).replace(r"\ ", r"[\s-]+")
                    for k in sorted(names, key=len, reverse=True))


@cache
def _places() -> tuple[dict[str, int], str, str]:
    """Place name key -> meeting year (names of two meetings, like Brazil, left out); the
    regex alternation of all the names, and of the names that are not countries."""
    years: dict[str, set[int]] = {}
    for meeting in igf_meetings():
        for name in meeting.names:
            years.setdefault(_place_key(name), set()).add(meeting.year)
    unique = {k: next(iter(v)) for k, v in years.items() if len(v) == 1}
    cities = [k for k in unique if not _is_country(k)]
    return unique, _alternation(list(unique)), _alternation(cities)


@cache
def _host_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    _, alt, city_alt = _places()
    place = rf"(?P<place>{alt})(?![\w])"
    # "IGF here in beautiful Paris", "Internet Governance Forum (IGF) in Berlin, Germany".
    after = re.compile(rf"(?:\s*\(IGF\))?[^.!?\n]{{0,40}}?\b(?:in|at)\s+"
                       rf"(?:beautiful\s+|sunny\s+|the\s+city\s+of\s+)?{place}", re.IGNORECASE)
    # "the Kyoto IGF", "Paris 2018 IGF"; not "Japan IGF", which is a national IGF.
    before = re.compile(rf"(?<![\w])(?P<place>{city_alt})(?:[\s,]+{_YEAR})?[\s,]*$",
                        re.IGNORECASE)
    # "Sharm El Sheikh 2009": a host place with its own meeting year needs no other context.
    with_year = re.compile(rf"(?<![\w]){place}[\s,]+(?P<year>{_YEAR})(?!\d)", re.IGNORECASE)
    return after, before, with_year


#: "the 13th IGF", "the 18 th Annual Meeting of the Internet Governance Forum".
_ORDINAL = re.compile(r"(?<!\d)(?P<n>\d{1,2})\s?(?:st|nd|rd|th)\s+(?:annual\s+)?"
                      r"(?:(?:meeting|edition)\s+of\s+the\s+)?$", re.IGNORECASE)


# "the last IGF in Paris", "next year's IGF": another meeting than the document's own.
_OTHER_MEETING = re.compile(r"\b(?:last|previous|past|next|upcoming|former|coming)\s+"
                            r"(?:year'?s\s+|annual\s+)?$", re.IGNORECASE)


def meeting_place_year(text: str) -> int | None:
    """The year of the first "<host place> <its meeting year>" in ``text``."""
    places = _places()[0]
    for m in _host_patterns()[2].finditer(text):
        if places[_place_key(m["place"])] == int(m["year"]):
            return int(m["year"])
    return None


def _mention_year(text: str, start: int, end: int) -> int | None:
    """The meeting year named around the IGF mention ``text[start:end]``, if any."""
    places = _places()[0]
    after, before, _ = _host_patterns()
    left = text[max(0, start - _WINDOW):start]
    if _OTHER_MEETING.search(left):
        return None
    m = after.match(text, end, min(len(text), end + _WINDOW))
    if m:
        return places[_place_key(m["place"])]
    m = before.search(left)
    if m:
        return places[_place_key(m["place"])]
    m = _ORDINAL.search(left)
    if m:
        by_number = {meeting.number: meeting.year for meeting in igf_meetings()}
        return by_number.get(int(m["n"]))
    return None


def year_from_host_city(text: str, rel: str) -> int | None:
    """The meeting most often named in IGF context (ties: the first named)."""
    votes: Counter[int] = Counter()
    head_year = meeting_place_year(text[:HEAD_CHARS])
    if head_year:
        votes[head_year] += 1
    for i, m in enumerate(IGF_MENTION.finditer(text)):
        if i == _MAX_MENTIONS:
            break
        year = _mention_year(text, m.start(), m.end())
        if year:
            votes[year] += 1
    # Counter.most_common keeps first-seen order among equal counts.
    return votes.most_common(1)[0][0] if votes else None


# ---- file name ------------------------------------------------------------------------------
_PATH_YEAR = re.compile(rf"(?<![A-Za-z0-9]){_YEAR}(?![A-Za-z0-9])")


def year_from_filename(text: str, rel: str) -> int | None:
    """The last year token of the path (the file name is more specific than its folder)."""
    years = _PATH_YEAR.findall(rel)
    return int(years[-1]) if years else None


# ---- dates and years in the text ------------------------------------------------------------
def _month_numbers() -> dict[str, int]:
    out = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
    out.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
    out["sept"] = 9
    return out


_MONTHS = _month_numbers()
# Spelled out in the three usual cases instead of IGNORECASE, and with no lookbehind: the
# patterns then start with a character set the regex engine can skip to, which makes a 50 MB
# scan many times faster. The left word boundary is checked in find_dates instead.
_MON = "|".join(sorted({v for m in _MONTHS for v in (m, m.capitalize(), m.upper())},
                       key=len, reverse=True))
_ORD = r"(?:\s?(?:st|nd|rd|th))?"
_MONTH_FIRST = re.compile(rf"(?P<m>{_MON})\.?\s+(?P<d>\d{{1,2}}){_ORD},?\s+"
                          rf"(?P<y>{_YEAR})(?!\d)")
_DAY_FIRST = re.compile(rf"(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<m>{_MON})\.?,?\s+"
                        rf"(?P<y>{_YEAR})(?!\d)")
_ISO = re.compile(rf"(?P<y>{_YEAR})-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}})(?!\d)")
_ANY_MONTH = re.compile(_MON)


def find_dates(text: str) -> Iterator[date]:
    """Valid full dates in ``text``, in text order: "July 12, 2022", "12 July 2022",
    "2022-07-12"."""
    found: list[tuple[int, int, int, int]] = []
    # Most long texts without month names are tables of numbers: skip the slow day-first scan.
    patterns = (_MONTH_FIRST, _DAY_FIRST, _ISO) if _ANY_MONTH.search(text) else (_ISO,)
    for pattern in patterns:
        for m in pattern.finditer(text):
            if m.start() and text[m.start() - 1].isalnum():  # inside "Samar 5 2020", "123 May"
                continue
            month = int(m["m"]) if m["m"].isdigit() else _MONTHS[m["m"].lower()]
            found.append((m.start(), int(m["y"]), month, int(m["d"])))
    for _, y, mo, d in sorted(found):
        try:
            yield date(y, mo, d)
        except ValueError:
            continue


def year_from_text_date(text: str, rel: str) -> int | None:
    latest = max(find_dates(text), default=None)
    return latest.year if latest else None


_YEAR_TOKEN = re.compile(rf"\b{_YEAR}\b")
# Target years are not dates of the text: "the 2030 Agenda", "Agenda 2030", "Vision 2030".
_TARGET_WORDS = ("Agenda", "AGENDA", "agenda", "Vision", "VISION", "vision")
_TARGET_YEAR = re.compile(rf"(?:{'|'.join(_TARGET_WORDS)})\s+({_YEAR})(?!\d)"
                          rf"|({_YEAR})\s+(?:Agenda|AGENDA|agenda)\b")


def year_from_text_years(text: str, rel: str) -> int | None:
    """The year mentioned most often, at least twice (ties: the later year)."""
    counts = Counter(int(y) for y in _YEAR_TOKEN.findall(text))
    if any(word in text for word in _TARGET_WORDS):
        counts.subtract(int(a or b) for a, b in _TARGET_YEAR.findall(text))
    best = max(counts.items(), key=lambda kv: (kv[1], kv[0]), default=None)
    return best[0] if best and best[1] >= 2 else None


#: (year_source, rule) in priority order.
RULES: tuple[tuple[str, Callable[[str, str], int | None]], ...] = (
    ("header", year_from_header),
    ("url", year_from_url),
    ("host_city", year_from_host_city),
    ("filename", year_from_filename),
    ("text_date", year_from_text_date),
    ("text_years", year_from_text_years),
)


def infer_year(text: str, rel: str) -> tuple[int | None, str | None]:
    """(year, source) from the first rule that finds a year, else (None, None)."""
    for source, rule in RULES:
        year = rule(text, rel)
        if year is not None and YEAR_MIN <= year <= YEAR_MAX:
            return year, source
    return None, None
