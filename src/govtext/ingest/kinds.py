"""Recognize the kind of a document from cheap cues, and the cues themselves.

The cues live here because both ``detect_kind`` and the kind's parser use them (a parser
re-reads the cue that chose it: the credit line of a news article, the label lines of a
report). Every check reads at most the first ``HEAD_CHARS`` characters, and no pattern can
backtrack more than a bounded span, so a 50 MB single-line file is classified quickly.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import PurePosixPath
from typing import Any

import yaml

from govtext.errors import ConfigError
from govtext.ingest.igf_header import parse_igf_title
from govtext.ingest.vocab import publishers

#: Characters read for header cues; IGF headers, bylines and disclaimers sit well inside it.
HEAD_CHARS = 20_000
#: A title line is never longer; single-line windows make the "first line" the whole text.
TITLE_CHARS = 1_000


@cache
def doc_cues() -> dict[str, Any]:
    """The cue vocabularies of ``govtext/data/doc_cues.yaml``."""
    raw = resources.files("govtext.data").joinpath("doc_cues.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(raw)
    expected = ("speaker_labels", "non_speaker_labels", "report", "forums")
    if not isinstance(data, dict) or any(k not in data for k in expected):
        raise ConfigError(f"doc_cues.yaml must define {', '.join(expected)}")
    return data


def label_key(text: str) -> str:
    """Case-, space- and hyphen-insensitive key of a label ("ON-SITE  Moderator")."""
    return " ".join(text.lower().replace("-", " ").split())


def first_line(text: str) -> str:
    """The first non-empty line, cut to ``TITLE_CHARS``."""
    stripped = text[:HEAD_CHARS].lstrip()
    return stripped.split("\n", 1)[0][:TITLE_CHARS].strip()


# ---- IGF ------------------------------------------------------------------------------------
#: A mention of the forum ("IGF", "IGF2022", "Internet Governance Forum").
IGF_MENTION = re.compile(r"(?<![A-Za-z])IGF(?![A-Za-z])|(?i:internet governance forum)")
_IGF_SITE = re.compile(r"intgovforum\.org", re.IGNORECASE)


def has_igf_cue(text: str) -> bool:
    head = text[:HEAD_CHARS]
    return bool(IGF_MENTION.search(head) or _IGF_SITE.search(head))


# ---- speeches -------------------------------------------------------------------------------
#: UN General Debate file name: ``ISO3_SESSION_YEAR.txt``.
SPEECH_FILE = re.compile(r"^(?P<iso3>[A-Z]{3})_(?P<session>\d{1,3})_(?P<year>\d{4})\.txt$")


def speech_file(rel: str) -> re.Match[str] | None:
    return SPEECH_FILE.match(PurePosixPath(rel).name)


# ---- session pages --------------------------------------------------------------------------
# Labels only proposal/session pages carry (moderator and rapporteur labels are shared with
# reports, so they are not cues).
_SESSION_CUES = re.compile(
    r"^[ \t]*(?:Organi[sz]er\s*\d+\s*:|Speaker\s*\d+\s*:|(?:Specific\s+)?Policy\s+Questions?"
    r"|Duration\s*\(minutes\)|GOAL\s+\d{1,2}\s*:|Format\s+description|Relevance\s+to\s+"
    r"|Session\s+Format\s*:|Proposer'?s\s+Name|Content\s+of\s+the\s+Session"
    r"|[-•*–][ \t]*[^\n():]{2,80}\([^\n()]{1,150}\)[ \t]*:"
    r"|[A-Z][A-Za-z -]{1,30}[ \t]+-[ \t]+(?:[A-Za-z -]{1,30}[ \t]+-[ \t]+)?\d{2,3}\s*Min\b)",
    re.MULTILINE | re.IGNORECASE,
)


def looks_like_session_page(text: str) -> bool:
    """An IGF title line (or 2013 ``No. 171 Title``) plus proposal-page field labels."""
    head = text[:HEAD_CHARS]
    return (parse_igf_title(first_line(head)) is not None and bool(_SESSION_CUES.search(head))
            and not has_turn_cues(head))


# ---- transcripts ----------------------------------------------------------------------------
#: A ``>>`` turn marker (not part of ``>>>`` or an HTML-ish ``a>>b``).
TURN_MARK = re.compile(r"(?<![>\w])>>(?!>)")
#: Captioning disclaimers of every era (STRUCTURE.md section 3) and the older CART notice.
CAPTION_DISCLAIMER = re.compile(
    r"The\s+following\s+(?:is|are)\s+(?:the\s+)?outputs?\s+of\s+the\s+(?:real[- ]?time\s+)?"
    r"captioning|This\s+text\s+is\s+being\s+provided\s+in\s+a\s+(?:rough\s+draft|realtime)"
    r"\s+format",
    re.IGNORECASE,
)
#: 2012-style turn at a line start: ``Chengetai Masango: ...``, ``CHAIR: ...``.
LINE_TURN = re.compile(
    r"^[ \t]*(?P<name>[A-Z][\w.'’-]{0,30}(?:[ \t]+[A-Z][\w.'’-]{0,30}){0,3})[ \t]*:[ \t]+\S",
    re.MULTILINE,
)
#: A labelled turn as captioners write it: ``>> OLGA CAVALLI:``, ``>>MODERATOR:``.
NAMED_TURN = re.compile(r"(?<![>\w])>>(?!>)[ \t]*[A-Z][A-Z.'’ -]{1,60}:")
_OPENS_WITH_TURN = re.compile(r"(?:https?://\S+\s*)?>>(?!>)")


def count_turn_marks(text: str) -> int:
    return sum(1 for _ in TURN_MARK.finditer(text))


def has_turn_cues(head: str) -> bool:
    """A named ``>> NAME:`` turn, a text opening with a turn, or several bare turns.

    Captioned monologues are long: a 4,000-character window may hold a single turn.
    """
    return bool(NAMED_TURN.search(head) or _OPENS_WITH_TURN.match(head)
                or count_turn_marks(head) >= 3)


def line_turn_labels(text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
    """2012-style ``Name:`` turns in ``text[start:end]``, label lines such as ``Date:`` left out."""
    end = len(text) if end is None else end
    skip = {label_key(s) for s in doc_cues()["non_speaker_labels"]}
    return [m for m in LINE_TURN.finditer(text, start, end)
            if not any(ch.isdigit() for ch in m["name"]) and label_key(m["name"]) not in skip]


def looks_like_transcript(text: str) -> bool:
    head = text[:HEAD_CHARS]
    if has_turn_cues(head) or CAPTION_DISCLAIMER.search(head):
        return True
    # A dialogue, not a form: at least two people who each speak at least twice.
    counts: dict[str, int] = {}
    for m in line_turn_labels(head):
        counts[label_key(m["name"])] = counts.get(label_key(m["name"]), 0) + 1
    return sum(n >= 2 for n in counts.values()) >= 2


# ---- session reports ------------------------------------------------------------------------
@cache
def report_sections() -> dict[str, str]:
    """Report label key -> section name."""
    out: dict[str, str] = {}
    for section, labels in doc_cues()["report"]["sections"].items():
        for label in labels:
            out[label_key(label)] = section
    return out


@cache
def report_label_pattern() -> re.Pattern[str]:
    """A label at a line start, optional ``(hint)``, then a colon or the end of the line."""
    labels = sorted(report_sections(), key=len, reverse=True)
    alt = "|".join(re.escape(s).replace(r"\ ", r"[ \t-]+") for s in labels)
    return re.compile(
        rf"^[ \t]*(?:\d{{1,2}}[.)][ \t]*)?(?P<label>{alt})[ \t]*(?:\([^()\n]{{0,120}}\))?"
        rf"[ \t]*(?::[ \t]*|$)",
        re.MULTILINE | re.IGNORECASE,
    )


def looks_like_report(text: str) -> bool:
    report = doc_cues()["report"]
    strong = {label_key(s) for s in report["strong"]}
    weak = {label_key(s) for s in report["weak"]}
    seen = {label_key(m["label"]) for m in report_label_pattern().finditer(text[:HEAD_CHARS])}
    return bool(seen & strong) or len(seen & weak) >= 2


# ---- news articles --------------------------------------------------------------------------
#: Lines that are only an image file name ("1.jpg").
IMAGE_LINE = re.compile(r"^[\w.-]{1,80}\.(?:jpe?g|png|gif|webp|bmp|tiff?|svg)$", re.IGNORECASE)
# "SONG CHEN/CHINA DAILY", "[Photo/Xinhua]", "Photo: Li Ming/Xinhua".
_SLASH_CREDIT = re.compile(r"^[\[(]?(?P<who>[^/\n\[\]()]{1,80})/(?P<pub>[^/\n\[\]()]{2,60})[\])]?$")
_PHOTO_WORD = re.compile(r"^[\[(]?(?:file\s+)?(?:photo|image|picture)s?\b", re.IGNORECASE)
_BYLINE = re.compile(r"^By\s+[A-Z]")
_PROVIDED_TO = re.compile(r"provided\s+to\s+(?P<pub>[^\])\n]{2,60})", re.IGNORECASE)
_SOURCE_LINE = re.compile(r"^(?:Source|Publisher)\s*:\s*(?P<pub>.{2,60})$", re.IGNORECASE)
# "GENEVA (Reuters) -", "BEIJING, Nov. 8 (Xinhua) --", "NAIROBI, March 3, 2022 -".
_AGENCY = re.compile(r"\((?P<pub>[^()\n]{2,40})\)\s*(?:--?|–|—)\s")
DATELINE = re.compile(
    r"^(?P<city>[A-Z][A-Z.'’ -]{1,40}[A-Z])(?:,[ \t]*(?P<date>[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}"
    r"(?:,[ \t]*\d{4})?))?[ \t]*(?:\((?P<pub>[^()\n]{2,40})\))?[ \t]*(?:--?|–|—)[ \t]*\S"
)
#: Lines of an article's header zone that are read for cues.
_HEADER_LINES = 15


def publisher_name(text: str) -> str | None:
    """The canonical publisher for exactly this spelling ("CHINA DAILY" -> "China Daily")."""
    return publishers().get(" ".join(text.strip(" []()|.:;,").split()).lower())


def is_photo_credit(line: str) -> bool:
    """"Photo: ...", "[Photo/IC]", or a capitals "NAME/AGENCY" credit (not "Data/privacy ...")."""
    if len(line) > 160:
        return False
    if _PHOTO_WORD.match(line):
        return True
    m = _SLASH_CREDIT.match(line)
    return bool(m) and (publisher_name(m["pub"]) is not None
                        or (line.isupper() and len(m["who"].split()) <= 5))


def is_byline(line: str) -> bool:
    return len(line) <= 200 and bool(_BYLINE.match(line))


def credit_publisher(line: str) -> str | None:
    """The publisher named by a credit, byline, source or agency line; None if none."""
    if len(line) > 200:
        return None
    m = _SLASH_CREDIT.match(line)
    if m and publisher_name(m["pub"]):
        return publisher_name(m["pub"])
    if is_byline(line):
        # "By X | China Daily | Updated: 2022-11-08"
        for part in line.split("|")[1:]:
            if publisher_name(part):
                return publisher_name(part)
    for pattern in (_PROVIDED_TO, _SOURCE_LINE, _AGENCY):
        m = pattern.search(line)
        if m and publisher_name(m["pub"]):
            return publisher_name(m["pub"])
    return publisher_name(line)


def dateline(line: str) -> re.Match[str] | None:
    """A wire dateline ("BEIJING, Nov. 8 (Xinhua) --"); needs a date or an agency."""
    m = DATELINE.match(line)
    return m if m and (m["date"] or m["pub"]) else None


def header_lines(text: str) -> list[str]:
    """The first non-empty lines of ``text`` (each cut to ``TITLE_CHARS``)."""
    out: list[str] = []
    for raw in text[:HEAD_CHARS].split("\n"):
        if raw.strip():
            out.append(raw.strip()[:TITLE_CHARS])
            if len(out) == _HEADER_LINES:
                break
    return out


def looks_like_news(text: str) -> bool:
    return any(credit_publisher(ln) or dateline(ln) for ln in header_lines(text))


# ---- the decision ---------------------------------------------------------------------------
def detect_kind(text: str, rel: str) -> str:
    """The document kind of canonical ``text`` found at relative POSIX path ``rel``."""
    if speech_file(rel):
        return "speech"
    if looks_like_session_page(text):
        return "igf_session_page"
    if looks_like_transcript(text):
        return "igf_transcript"
    if looks_like_report(text):
        return "igf_report"
    if looks_like_news(text):
        return "news_article"
    return "other"
