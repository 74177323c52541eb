"""Properties of text parsing on arbitrary input (hypothesis): no crash, exact offsets,
determinism, idempotent canonical text, and decoding that either succeeds or says why not.

The text strategy mixes random unicode (controls, lone surrogates, combining marks, odd
spaces) with realistic IGF page, transcript, report and news lines, so that the session-page
and transcript parsers, not only the fallback, see hostile variations of what they expect.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st

from govtext.config import Settings
from govtext.ingest.corpus import parse_input
from govtext.ingest.decode import DecodeError, decode_bytes
from govtext.ingest.discover import InputFile
from govtext.ingest.normalize import canonical_text
from govtext.ingest.parse import parse_unit
from govtext.ingest.readers import READERS, TextUnit
from govtext.schema import Document

PROPS = settings(max_examples=200, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

#: Characters that break naive text handling.
ODD = ["\x00", "\x01", "\x1b", "\x7f", "\x85", "\x9f", "\t", "\r", "\r\n", "\x0b", "\x0c",
       "\u2028", "\u2029", "\u00a0", "\u2000", "\u2001", "\u202f", "\u3000", "\u200b",
       "\u200d", "\u2060", "\ufeff", "\u00ad", "\u2010", "\u2011", "\u0301", "\u0323",
       "\u0308", "\u212b", "\u2126", "\ufb01", "\u202e", "\ud800", "\udcff", "🔒", "😀",
       "é", "Å", "ß", "İ", "ﬀ", "Ω", ">>", ">>>", "#", ":", "(", ")", "-", "–", "—", "•"]

#: A small alphabet where a removed character can bring a combining mark next to a base
#: letter (so NFC must come after the removals), or a space next to a line end.
NORMALIZATION_TRAPS = st.lists(st.sampled_from(
    ["A", "e", " ", "\t", "\n", "\r", "\u0301", "\u0308", "\u0323", "\u200b", "\u00ad",
     "\ufeff", "\x01", "\x7f", "\u00a0", "\u2028", "\u2011"]), max_size=20).map("".join)
words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
name = st.sampled_from(["Yuxiao Li", "Ahmed Elhusseiny Eid", "Maria Rossi", "OLGA CAVALLI",
                        "Ms. Julia Okafor", "Mr,Francois,GREY", "", "Ñandú Ümlaut", "李雷"])
org = st.sampled_from(["Civil Society", "Government", "Private Sector", "Technical Community",
                       "Intergovernmental Organization", "🔒", "🔒Zhejiang University", ""])
region = st.sampled_from(["Asia-Pacific Group", "African Group", "Eastern European Group",
                          "Western European and Others Group (WEOG)", "WEOG", "GRULAC", ""])
year = st.integers(2005, 2026) | st.sampled_from([0, 1999, 9999])
num = st.integers(0, 999)
session = st.sampled_from(["WS", "Open Forum", "Networking Session", "Lightning Talk",
                           "Day 0 Event", "Town Hall", "DC", "BPF", "Launch / Award Event"])
label = st.sampled_from([
    "Onsite Moderator", "On-site Moderator", "Online Moderator", "Moderator", "Rapporteur",
    "Policy Question(s)", "Format", "Organizers", "Speakers", "Key Takeaways",
    "Call to Action", "Session Report", "Description", "Expected Outcomes",
    "Hybrid Format", "Online Participation", "Relevance to Theme",
    "Relevance to Internet Governance", "Sustainable Development Goals", "Key Issues Raised",
    "Presentations", "Discussions", "Proposer's Name", "Session Format"])
IGF_LINES = st.one_of(
    st.builds("IGF {} {} #{} {}".format, year, session, num, words),
    st.builds("No. {} {}".format, num, words),
    st.builds("Organizer {}: {}, {}".format, num, name, org),
    st.builds("Speaker {}: {}, {}, {}".format, num, name, org, region),
    st.builds("{}, {}, {}".format, name, org, region),
    st.builds("- {} ({}): {}, {}".format, name, words, org, region),
    label,
    st.builds("{}: {}".format, label, words),
    st.builds("{} - {} Min".format, st.sampled_from(["Panel", "Round Table - U-shape",
                                                     "Other", "Birds of a Feather"]), num),
    st.builds("Duration (minutes): {}".format, num),
    st.builds("{}. {}?".format, st.integers(0, 12), words),
    st.builds("{}) {}".format, st.sampled_from("abcdefgh"), words),
    st.builds("GOAL {}: {}".format, st.integers(0, 20), words),
    st.builds("Friday, 2nd December, {} (12:00 UTC) - Friday, 2nd December, {} ({}:00 UTC)"
              .format, year, year, st.integers(0, 30)),
    st.builds(">> {}: {}".format, name, words),
    st.builds(">>{}".format, words),
    st.just("This is the output of the real-time captioning taken during the IGF. Although "
            "it is largely accurate, in some cases it may be incomplete or inaccurate."),
    st.builds("By {} | China Daily | Updated: {}-10-09".format, name, year),
    st.builds("SONG CHEN/CHINA DAILY {}".format, words),
    st.builds("Full Title: {}".format, words),
    st.builds("https://www.intgovforum.org/en/content/igf-{}-ws-{}".format, year, num),
)
LINE = st.one_of(IGF_LINES, words, st.sampled_from(ODD), st.just(""),
                 st.lists(st.sampled_from(ODD) | words, max_size=6).map("".join))
#: A page: lines joined by newlines (sometimes CRLF or odd separators), first line often
#: a title line so that kind detection picks the IGF parsers.
TEXT = st.builds(
    lambda head, lines, sep: sep.join([*head, *lines]),
    st.lists(IGF_LINES, max_size=1),
    st.lists(LINE, max_size=40),
    st.sampled_from(["\n", "\n\n", "\r\n", "\n \n", "\u2028", " "]),
) | st.text(max_size=200)


#: Markup pieces that reach the odd corners of html.parser (marked sections, declarations,
#: processing instructions, unclosed tags and comments, character references).
HTML = st.lists(st.one_of(st.sampled_from([
    "<", ">", "</", "<!", "<![", "<![CDATA[", "<![if ", "<![endif]>", "]]>", "<!--", "-->",
    "<!DOCTYPE html>", "<?xml ?>", "<?", "&", "&#", "&#x", "&#x110000;", "&amp", ";", "=", '"',
    "'", "/", "<script>", "</script>", "<style>", "</style>", "<title>", "</title>", "<p>",
    "<div>", "</div>", "<br/>", "<svg>", "<head>", " ", "\n", "\x00"]), words), max_size=30
).map("".join)


def _parse(text: str) -> Document:
    return parse_unit(TextUnit(text, "utf-8"), rel="page.txt", doc_id="page.txt")


@PROPS
@given(TEXT)
def test_parse_unit_never_raises_on_any_text(text: str) -> None:
    doc = _parse(text)
    assert isinstance(doc, Document)


@PROPS
@given(TEXT)
def test_every_section_is_the_exact_span_of_the_canonical_text(text: str) -> None:
    doc = _parse(text)
    for s in doc.sections:
        assert 0 <= s.start_char <= s.end_char <= len(doc.text), s
        assert doc.text[s.start_char:s.end_char] == s.text, s


@PROPS
@given(TEXT)
def test_parsing_is_deterministic(text: str) -> None:
    assert _parse(text) == _parse(text)


@PROPS
@given(st.one_of(TEXT, NORMALIZATION_TRAPS))
def test_canonical_text_is_idempotent(text: str) -> None:
    once = canonical_text(text)
    assert canonical_text(once) == once


@PROPS
@given(st.one_of(
    st.binary(max_size=300),
    TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.builds(lambda t, enc: t.encode(enc, "replace"), TEXT,
              st.sampled_from(["utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252",
                               "latin-1", "utf-8-sig", "shift_jis", "gb18030"])),
))
def test_decode_bytes_returns_text_or_a_decode_error_with_a_reason(data: bytes) -> None:
    try:
        decoded = decode_bytes(data)
    except DecodeError as exc:
        assert exc.reason in {"binary", "undecodable"} and exc.detail
    else:
        assert isinstance(decoded.text, str) and decoded.encoding


@PROPS
@given(st.one_of(st.binary(max_size=300), TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
                 HTML.map(lambda t: t.encode("utf-8", "surrogatepass"))),
       st.sampled_from(sorted(READERS)))
def test_any_bytes_under_any_supported_suffix_give_documents_or_rejects(
    data: bytes, suffix: str
) -> None:
    outcome = parse_input(InputFile(Path(f"f{suffix}"), f"f{suffix}"), data, Settings())
    assert outcome.documents or any(r.record is None for r in outcome.rejects)


def test_strategy_reaches_the_session_page_parser() -> None:
    found = find(TEXT, lambda t: _parse(t).doc_kind == "igf_session_page",
                 settings=settings(max_examples=2000, database=None))
    assert _parse(found).doc_kind == "igf_session_page"


def test_strategy_reaches_the_transcript_parser() -> None:
    found = find(TEXT, lambda t: _parse(t).doc_kind == "igf_transcript",
                 settings=settings(max_examples=2000, database=None))
    assert _parse(found).doc_kind == "igf_transcript"
