"""IGF transcripts: header fields, the transcript span, and speakers with their turns."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from govtext.ingest.parse import parse_unit
from govtext.ingest.readers import TextUnit
from govtext.schema import Document, Participant
from sample_texts import DISCLAIMER

Parse = Callable[[Path, str], Document]


def _window(windows_dir: Path, parse_file: Parse, name: str) -> Document:
    return parse_file(windows_dir / "txt" / f"{name}.txt", f"txt/{name}.txt")


def _text_doc(text: str, rel: str = "page.txt") -> Document:
    return parse_unit(TextUnit(text, "utf-8"), rel=rel, doc_id=rel)


def _speakers(doc: Document) -> list[tuple[str | None, int | None]]:
    return [(p.name, p.n_turns) for p in doc.participants if p.role == "speaker"]


def test_url_gives_session_type_number_and_year(windows_dir: Path, parse_file: Parse) -> None:
    doc = _window(windows_dir, parse_file, "doc_workshop_2019_91")
    assert doc.doc_kind == "igf_transcript"
    assert (doc.event, doc.session_type, doc.session_number) == ("IGF", "Workshop", "288")
    assert (doc.year, doc.year_source) == (2019, "url")
    assert doc.source_url is not None
    assert doc.source_url.startswith("https://www.intgovforum.org/content/igf-2019-ws-288-")


def test_transcript_section_starts_after_the_url(windows_dir: Path, parse_file: Parse) -> None:
    doc = _window(windows_dir, parse_file, "doc_workshop_2019_91")
    assert [s.section for s in doc.sections] == ["transcript"]
    assert doc.sections[0].text.startswith(">> MODERATOR: Thank you, everyone")


def test_upper_case_turn_names_become_title_case_speakers(windows_dir: Path,
                                                          parse_file: Parse) -> None:
    doc = _window(windows_dir, parse_file, "doc_main-session_2018_28")
    speakers = dict(_speakers(doc))
    assert speakers["Olga Cavalli"] >= 1
    assert "Vladimir Radunovic" in speakers


def test_speakers_in_order_of_first_turn_with_turn_counts(windows_dir: Path,
                                                          parse_file: Parse) -> None:
    doc = _window(windows_dir, parse_file, "doc_workshop_2024_95")
    assert _speakers(doc) == [
        ("Hadia Elminiawi", doc.text.count(">> HADIA ELMINIAWI:")),
        ("Maha Abdel Nasser", doc.text.count(">> MAHA ABDEL NASSER:")),
        ("Noha Ashraf Abdel Baky", doc.text.count(">> NOHA ASHRAF ABDEL BAKY:")),
    ]


def test_moderator_label_is_an_unnamed_onsite_moderator(windows_dir: Path,
                                                        parse_file: Parse) -> None:
    doc = _window(windows_dir, parse_file, "doc_open-forum_2020_45")
    assert doc.participants == [Participant(role="onsite_moderator", name=None, n_turns=1)]


def test_unidentified_and_bare_turns_are_not_participants(windows_dir: Path,
                                                          parse_file: Parse) -> None:
    doc = _window(windows_dir, parse_file, "doc_workshop_2017_89")
    assert ">> UNIDENTIFIED SPEAKER:" in doc.text
    names = [p.name for p in doc.participants]
    assert names[:2] == ["Satish Babu", "Sandra Hoferichter"]
    assert not any(n and "Unidentified" in n for n in names)


def test_host_city_year_and_igf_event(windows_dir: Path, parse_file: Parse) -> None:
    doc = _window(windows_dir, parse_file, "doc_workshop_2024_95")  # "the IGF in Saudi Arabia"
    assert (doc.event, doc.year, doc.year_source) == ("IGF", 2024, "host_city")


def test_no_igf_cue_leaves_event_empty(windows_dir: Path, parse_file: Parse) -> None:
    doc = _window(windows_dir, parse_file, "doc_report_2023_69")
    assert doc.doc_kind == "igf_transcript"
    assert doc.event is None


@pytest.mark.parametrize("name", [p.stem for p in sorted(
    (Path(__file__).resolve().parents[2] / "shared" / "corpus" / "igf-transcript-windows" / "txt")
    .glob("doc_*.txt"))] or ["doc_workshop_2019_91"])
def test_sections_are_offsets_into_the_text(windows_dir: Path, parse_file: Parse,
                                            name: str) -> None:
    doc = _window(windows_dir, parse_file, name)
    assert doc.sections
    for s in doc.sections:
        assert doc.text[s.start_char:s.end_char] == s.text


def test_title_line_disclaimer_and_stars_are_not_transcript(windows_dir: Path,
                                                           parse_file: Parse) -> None:
    talk = _window(windows_dir, parse_file, "doc_workshop_2019_91").sections[0].text
    text = (f"IGF 2019 – Day 4 – Convention Hall I-C – OF #32 Law enforcement and data\n\n"
            f"{DISCLAIMER}\n\n***\n\n{talk}")
    doc = _text_doc(text)
    assert (doc.year, doc.year_source) == (2019, "header")
    assert (doc.session_type, doc.session_number) == ("Open Forum", "32")
    assert doc.title == "Law enforcement and data"
    assert doc.sections[0].text == talk


def test_newer_disclaimer_with_raw_title(windows_dir: Path, parse_file: Parse) -> None:
    talk = _window(windows_dir, parse_file, "doc_report_2023_69").sections[0].text
    text = ("IGF 2023 – Day 0 – Event #59 South-South cooperation report – RAW\n\n"
            "The following are the outputs of the captioning taken during an IGF intervention. "
            "Although it is largely accurate, in some cases it may be incomplete or inaccurate "
            "due to inaudible passages or transcription errors. It is posted as an aid, but "
            "should not be treated as an authoritative record.\n\n***\n\n" + talk)
    doc = _text_doc(text)
    assert (doc.session_type, doc.session_number) == ("Event", "59")
    assert doc.title == "South-South cooperation report"
    assert doc.sections[0].text == talk


def test_legacy_banner_php_notices_and_2012_name_turns() -> None:
    # An old /cms/ page as served from a mirror, in the 2012 turn style (STRUCTURE.md s. 3).
    text = (
        "Deprecated: Function get_magic_quotes_gpc() is deprecated in "
        "/home/igf/public_html/cms/libraries/joomla/input.php on line 29\n"
        "This is now a legacy site and could be not up to date…\n"
        "IGF 2012 Main Session Emerging Issues\n"
        "The following is the output of the real-time captioning taken during Seventh Meeting "
        "of the IGF, in Baku, Azerbaijan. Although it is largely accurate, in some cases it may "
        "be incomplete or inaccurate due to inaudible passages or transcription errors. It is "
        "posted as an aid to understanding the proceedings at the session, but should not be "
        "treated as an authoritative record.\n\n"
        "CHAIR: Good morning. Let us start.\n"
        "Chengetai Masango: Thank you, Chair. A few logistics first.\n"
        "CHAIR: Thank you. The floor is open.\n"
    )
    doc = _text_doc(text)
    assert doc.doc_kind == "igf_transcript"
    assert (doc.year, doc.session_type) == (2012, "Main Session")
    assert doc.sections[0].text.startswith("CHAIR: Good morning.")
    assert doc.participants == [
        Participant(role="onsite_moderator", name=None, n_turns=2),
        Participant(role="speaker", name="Chengetai Masango", n_turns=1),
    ]
