"""infer_year: each rule on real text, and the order in which the rules are tried."""

from __future__ import annotations

import time
from pathlib import Path

from govtext.ingest.normalize import canonical_text
from govtext.ingest.years import (
    RULES,
    infer_year,
    year_from_host_city,
    year_from_text_years,
)


def _window(windows_dir: Path, name: str) -> str:
    path = windows_dir / "txt" / f"{name}.txt"
    return canonical_text(path.read_text(encoding="utf-8"))


def test_rules_are_tried_in_priority_order() -> None:
    assert [source for source, _ in RULES] == [
        "header", "url", "host_city", "filename", "text_date", "text_years"]


def test_igf_title_line_gives_header_year(raw_dir: Path) -> None:
    path = next(raw_dir.glob("000_*.txt"))
    text = canonical_text(path.read_text(encoding="utf-8"))
    assert infer_year(text, path.name) == (2023, "header")


def test_igf_url_on_first_line_gives_url_year(windows_dir: Path) -> None:
    text = _window(windows_dir, "doc_workshop_2019_91")
    assert infer_year(text, "doc_workshop_2019_91.txt") == (2019, "url")


def test_igf_in_host_country_gives_host_city_year(windows_dir: Path) -> None:
    # "... the Internet Governance session at the IGF in Saudi Arabia ..."
    text = _window(windows_dir, "doc_workshop_2024_95")
    assert infer_year(text, "doc_workshop_2024_95.txt") == (2024, "host_city")


def test_ordinal_igf_here_in_city_gives_host_city_year(windows_dir: Path) -> None:
    # Without its URL: "... this first main session of the 13th IGF here in beautiful Paris."
    text = _window(windows_dir, "doc_main-session_2018_28").split(" ", 1)[1]
    assert infer_year(text, "window.txt") == (2018, "host_city")


def test_host_place_with_its_meeting_year_gives_host_city_year(windows_dir: Path) -> None:
    text = _window(windows_dir, "doc_schedule_2009_72")  # "Schedule for Sharm El Sheikh 2009"
    assert infer_year(text, "schedule.txt") == (2009, "host_city")


def test_host_city_without_igf_context_does_not_count(windows_dir: Path) -> None:
    # "We did another one in Geneva two years ago. ... last year in Paris" and no IGF mention.
    text = _window(windows_dir, "doc_workshop_2019_91")
    assert "Geneva" in text and "Paris" in text
    assert year_from_host_city(text, "window.txt") is None


def test_national_igf_named_by_country_is_not_the_meeting(peer_windows: dict[str, str]) -> None:
    # A link list: "Japan IGF http://igf-jp.org Japan IGF Annual Report 2011 Kenya IGF ..."
    text = canonical_text(peer_windows["doc_transcript_2009_83"])
    assert "Japan IGF" in text
    assert year_from_host_city(text, "links.txt") is None


def test_last_igf_is_another_meeting(peer_windows: dict[str, str]) -> None:
    # "... the last IGF in Paris ..." then "... this IGF here in Berlin."
    text = canonical_text(peer_windows["doc_other_2019_55"])
    assert year_from_host_city(text, "window.txt") == 2019


def test_year_token_in_file_name_gives_filename_year(windows_dir: Path) -> None:
    text = _window(windows_dir, "doc_report_2023_69")  # no URL, title or IGF place
    assert infer_year(text, "txt/doc_report_2023_69.txt") == (2023, "filename")


def test_year_token_in_folder_name_gives_filename_year() -> None:
    assert infer_year("", "txt/session58_2003/notes.txt") == (2003, "filename")


def test_digits_inside_a_hex_name_are_not_a_year(raw_dir: Path) -> None:
    path = next(raw_dir.glob("003_*.txt"))
    text = canonical_text(path.read_text(encoding="utf-8"))
    # 5c51c05222dc122e holds "0522" and "2212" but no year token; the year comes from
    # "July 12, 2022", the latest full date of the article.
    assert infer_year(text, path.name) == (2022, "text_date")


def test_latest_full_date_wins_in_any_spelling() -> None:
    text = "Drafted on 3 March 2021, revised 2021-11-30 and published July 12, 2022."
    assert infer_year(text, "notes.txt") == (2022, "text_date")


def test_most_frequent_year_gives_text_years(ungdc_dir: Path) -> None:
    path = ungdc_dir / "txt" / "session70_2015" / "AUS_70_2015.txt"
    text = canonical_text(path.read_text(encoding="utf-8-sig"))
    # Read with a name that carries no year: "2030" is written more often than "2015", but
    # only as the target year of "the 2030 Agenda".
    assert text.count("2030") > text.count("2015")
    assert infer_year(text, "speech.txt") == (2015, "text_years")


def test_a_year_mentioned_once_is_not_enough(windows_dir: Path) -> None:
    # "between 2020 and 2021 ... in 2022 ... in 2025 ... by 2050": each once.
    text = _window(windows_dir, "doc_report_2023_69")
    assert year_from_text_years(text, "window.txt") is None


def test_infer_year_is_linear_on_a_large_single_line(windows_dir: Path) -> None:
    window = _window(windows_dir, "doc_report_2023_69").replace("\n", " ")
    big = (window * (5_000_000 // len(window) + 1))[:5_000_000]
    started = time.perf_counter()
    infer_year(big, "big.txt")
    assert time.perf_counter() - started < 5
