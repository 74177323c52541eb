"""News articles: headline, publisher, year, forum and sections."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from govtext.ingest.parse import parse_unit
from govtext.ingest.readers import TextUnit
from govtext.schema import Document

HEADLINE = ("2022 summit to help make internet 'a new frontier' for cooperation, focusing on "
            "win-win scenarios in cyber world")


@pytest.fixture(scope="module")
def sample(raw_dir: Path, parse_file: Callable[[Path, str], Document]) -> Document:
    """The bundled China Daily article (data/raw/003_*.txt)."""
    path = next(raw_dir.glob("003_*.txt"))
    return parse_file(path, path.name)


def _article(text: str) -> Document:
    return parse_unit(TextUnit(text, "utf-8"), rel="article.txt", doc_id="article.txt")


def _body(sample: Document) -> str:
    """The sample's article text after its headline (real paragraphs for variants)."""
    return sample.text.split(HEADLINE, 1)[1].strip()


def test_sample_is_a_news_article(sample: Document) -> None:
    assert sample.doc_kind == "news_article"


def test_publisher_from_photo_credit_line(sample: Document) -> None:
    assert sample.publisher == "China Daily"  # from "SONG CHEN/CHINA DAILY"


def test_headline_skips_image_and_credit_lines(sample: Document) -> None:
    assert sample.title == HEADLINE


def test_year_inferred_from_latest_date_in_text(sample: Document) -> None:
    # No dateline: the year comes from "July 12, 2022" in the last paragraph.
    assert (sample.year, sample.year_source) == (2022, "text_date")


def test_most_mentioned_forum_is_the_event(sample: Document) -> None:
    assert sample.event == "WIC"  # World Internet Conference, WIC, Wuzhen Summit


def test_headline_and_body_sections(sample: Document) -> None:
    assert [s.section for s in sample.sections] == ["headline", "body"]
    headline, body = sample.sections
    assert headline.text == HEADLINE
    assert body.text.startswith("During a time when COVID-19-related uncertainties")
    assert body.text.endswith("and Zhijiang Lab.")
    for s in sample.sections:
        assert sample.text[s.start_char:s.end_char] == s.text


def test_byline_after_headline_gives_publisher_and_dated_year(sample: Document) -> None:
    text = (f"{HEADLINE}\n\nBy ZHANG ZHOUXIANG | China Daily | Updated: 2022-11-08 07:32\n\n"
            f"{_body(sample)}")
    doc = _article(text)
    assert (doc.doc_kind, doc.publisher, doc.title) == ("news_article", "China Daily", HEADLINE)
    assert (doc.year, doc.year_source) == (2022, "dateline")
    assert doc.sections[1].text.startswith("During a time")


def test_wire_dateline_gives_agency_as_publisher(sample: Document) -> None:
    text = ("World Internet Conference opens in Wuzhen\n\n"
            "WUZHEN, Nov. 9, 2022 (Xinhua) -- " + _body(sample))
    doc = _article(text)
    assert (doc.doc_kind, doc.publisher) == ("news_article", "Xinhua")
    assert (doc.year, doc.year_source) == (2022, "dateline")


def test_headline_with_a_slash_is_not_a_credit(sample: Document) -> None:
    text = "1.jpg\n\nSONG CHEN/CHINA DAILY\n\nCybersecurity/privacy: what the summit means\n\n"
    doc = _article(text + _body(sample))
    assert doc.title == "Cybersecurity/privacy: what the summit means"


def test_article_naming_no_forum_has_no_event(sample: Document) -> None:
    body = _body(sample)
    first_paragraph = body.split("\n\n", 1)[0]  # about digitalization, no forum named
    doc = _article(f"1.jpg\n\nSONG CHEN/CHINA DAILY\n\n{HEADLINE}\n\n{first_paragraph}")
    assert doc.doc_kind == "news_article"
    assert doc.event is None
