"""detect_kind: each kind from its cue, and the order in which the cues are tried."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from govtext.ingest.kinds import detect_kind
from govtext.ingest.normalize import canonical_text
from sample_texts import DISCLAIMER


def _text(path: Path) -> str:
    return canonical_text(path.read_text(encoding="utf-8-sig"))


def _window(windows_dir: Path, name: str) -> str:
    return _text(windows_dir / "txt" / f"{name}.txt")


@pytest.mark.parametrize("prefix", ["000", "001", "002", "004"])
def test_igf_title_with_session_fields_is_session_page(raw_dir: Path, prefix: str) -> None:
    path = next(raw_dir.glob(f"{prefix}_*.txt"))
    assert detect_kind(_text(path), path.name) == "igf_session_page"


def test_china_daily_photo_credit_makes_news_article(raw_dir: Path) -> None:
    path = next(raw_dir.glob("003_*.txt"))
    assert detect_kind(_text(path), path.name) == "news_article"


def test_named_turns_make_transcript(windows_dir: Path) -> None:
    text = _window(windows_dir, "doc_main-session_2018_28")
    assert detect_kind(text, "doc_main-session_2018_28.txt") == "igf_transcript"


def test_window_opening_with_bare_turn_is_transcript(windows_dir: Path) -> None:
    # doc_workshop_2022_94 has no named turn in its first 4,000 characters.
    text = _window(windows_dir, "doc_workshop_2022_94")
    assert detect_kind(text, "doc_workshop_2022_94.txt") == "igf_transcript"


def test_title_and_disclaimer_page_is_transcript_not_session_page(windows_dir: Path) -> None:
    body = _window(windows_dir, "doc_workshop_2019_91").split(" ", 1)[1]
    title = "IGF 2019 – Day 4 – Convention Hall I-C – WS #288 Title"
    text = f"{title}\n\n{DISCLAIMER}\n\n***\n\n{body}"
    assert detect_kind(text, "page.txt") == "igf_transcript"


def test_2012_name_turns_at_line_start_make_transcript() -> None:
    # 2012 pages write turns without ">>" (STRUCTURE.md section 3).
    text = canonical_text(
        "CHAIR: Good morning. Let us start the session.\n"
        "Chengetai Masango: Thank you, Chair. A few logistics first.\n"
        "CHAIR: Thank you. The floor is open.\n"
        "Chengetai Masango: Remote participants can use the chat.\n"
    )
    assert detect_kind(text, "baku.txt") == "igf_transcript"


def test_template_fields_are_not_dialogue_turns() -> None:
    text = canonical_text("Date: 8 November 2012\nTime: 09:00\nVenue: Baku Expo Center\n")
    assert detect_kind(text, "fields.txt") == "other"


def test_schedule_page_is_other(windows_dir: Path) -> None:
    text = _window(windows_dir, "doc_schedule_2009_72")
    assert detect_kind(text, "doc_schedule_2009_72.txt") == "other"


def test_un_general_debate_file_name_is_speech(ungdc_dir: Path) -> None:
    path = ungdc_dir / "txt" / "session58_2003" / "AFG_58_2003.txt"
    assert detect_kind(_text(path), "txt/session58_2003/AFG_58_2003.txt") == "speech"


def test_speech_name_must_match_exactly(ungdc_dir: Path) -> None:
    text = _text(ungdc_dir / "txt" / "session58_2003" / "AFG_58_2003.txt")
    assert detect_kind(text, "afg_58_2003.txt") != "speech"
    assert detect_kind(text, "AFG_58_2003_draft.txt") != "speech"


def test_2015_reporting_template_is_report() -> None:
    # Field labels of the 2015/2016 IGF reporting template (STRUCTURE.md section 4).
    text = canonical_text(
        "Session title: Data localization and cross-border flows\n"
        "Date: 10 November 2015\n"
        "Rapporteur/Note Taker: Jane Doe\n\n"
        "Key Issues raised (1 sentence per issue):\n"
        "Data localization fragments the Internet.\n\n"
        "Presentations (1 paragraph each):\nThe panel presented three case studies.\n"
    )
    assert detect_kind(text, "report.txt") == "igf_report"


def test_dig_watch_report_headings_are_report() -> None:
    text = canonical_text(
        "Session report\n\nKeypoints\n\nThe session discussed digital public infrastructure.\n"
    )
    assert detect_kind(text, "report.txt") == "igf_report"


def test_one_weak_report_word_is_not_report() -> None:
    text = canonical_text("Discussions\n\nThe room was full and the talk was lively.")
    assert detect_kind(text, "notes.txt") == "other"


def test_wire_dateline_makes_news_article() -> None:
    text = canonical_text(
        "UN forum debates internet fragmentation\n\n"
        "GENEVA (Reuters) - Delegates at the Internet Governance Forum warned on Monday ...\n"
    )
    assert detect_kind(text, "wire.txt") == "news_article"


def test_detect_kind_is_fast_on_50mb_single_line(windows_dir: Path) -> None:
    window = _window(windows_dir, "doc_workshop_2024_95").replace("\n", " ")
    huge = (window * (50_000_000 // len(window) + 1))[:50_000_000]
    started = time.perf_counter()
    assert detect_kind(huge, "huge.txt") == "igf_transcript"
    assert detect_kind(" " * 50_000_000 + "x", "huge.txt") == "other"
    assert time.perf_counter() - started < 5
