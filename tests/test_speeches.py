"""UN General Debate speeches: fields from ``ISO3_SESSION_YEAR.txt``, one body section."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from govtext.schema import Document

REL = "txt/session58_2003/AFG_58_2003.txt"


@pytest.fixture(scope="module")
def speech(ungdc_dir: Path, parse_file: Callable[[Path, str], Document]) -> Document:
    return parse_file(ungdc_dir / REL, REL)


def test_country_session_and_year_from_file_name(speech: Document) -> None:
    assert (speech.doc_kind, speech.country, speech.session_number) == ("speech", "AFG", "58")
    assert (speech.year, speech.year_source) == (2003, "filename")


def test_event_session_type_and_title(speech: Document) -> None:
    assert (speech.event, speech.session_type) == ("UNGA", "General Debate")
    assert speech.title == "AFG statement, UN General Debate session 58 (2003)"


def test_utf8_bom_is_not_part_of_the_text(ungdc_dir: Path, speech: Document) -> None:
    assert (ungdc_dir / REL).read_bytes().startswith(b"\xef\xbb\xbf")
    assert speech.encoding == "utf-8-sig"
    assert not speech.text.startswith("\ufeff")


def test_one_body_section_spans_the_whole_text(speech: Document) -> None:
    assert [(s.section, s.start_char, s.end_char) for s in speech.sections] == [
        ("body", 0, len(speech.text))]
    assert speech.sections[0].text == speech.text


def test_same_text_under_another_name_is_not_a_speech(
        ungdc_dir: Path, parse_file: Callable[[Path, str], Document]) -> None:
    doc = parse_file(ungdc_dir / REL, "txt/session58_2003/AFG_58_2003_notes.txt")
    assert doc.doc_kind != "speech"
    assert doc.country is None
