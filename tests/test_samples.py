"""The five bundled samples parse to exactly the values the project was specified with."""

from __future__ import annotations

from pathlib import Path

import pytest

from govtext import parse_file
from govtext.schema import Document

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


def _doc(prefix: str) -> Document:
    path = next(RAW.glob(f"{prefix}_*.txt"))
    corpus = parse_file(path)
    assert len(corpus.documents) == 1
    return corpus.documents[0]


def _people(doc: Document, role: str) -> list[tuple[str | None, ...]]:
    return [(p.name, p.organization, p.stakeholder_group, p.regional_group)
            for p in doc.participants if p.role == role]


def _one(doc: Document, role: str):
    people = [p for p in doc.participants if p.role == role]
    assert len(people) == 1, people
    return people[0]


def _sections(doc: Document, name: str) -> list[str]:
    return [s.text for s in doc.sections if s.section == name]


@pytest.fixture(scope="module")
def ws123() -> Document:
    return _doc("000")


@pytest.fixture(scope="module")
def ws203() -> Document:
    return _doc("001")


@pytest.fixture(scope="module")
def ws126() -> Document:
    return _doc("002")


@pytest.fixture(scope="module")
def news() -> Document:
    return _doc("003")


@pytest.fixture(scope="module")
def ns109() -> Document:
    return _doc("004")


def test_ws123_header(ws123: Document) -> None:
    d = ws123
    assert (d.doc_kind, d.event, d.year, d.session_type, d.session_number) == (
        "igf_session_page", "IGF", 2023, "Workshop", "123")
    assert d.title == "Prevent global digital divide & risks in intelligent env"
    assert d.full_title.startswith("The effective ways to prevent global digital ecological")
    assert (d.format, d.duration_min) == ("Panel", 90)
    assert d.sdgs_declared == []


def test_ws123_organizers_lock_sign_is_not_an_organization(ws123: Document) -> None:
    assert [(n, o) for n, o, _, _ in _people(ws123, "organizer")] == [
        ("Yuxiao Li", None),
        ("Haoru Shen", "Cyber Security Association of China"),
        ("Xingdong FANG", "Zhejiang University"),
    ]


def test_ws123_speakers_with_stakeholder_and_region(ws123: Document) -> None:
    assert [(n, s, r) for n, _, s, r in _people(ws123, "speaker")] == [
        ("Yuxiao Li", "Civil Society", "Asia-Pacific Group"),
        ("Ahmed Elhusseiny Eid", "Intergovernmental Organization", "African Group"),
        ("Yik Chan Chin", "Civil Society", "Asia-Pacific Group"),
    ]


def test_ws123_moderators_inferred_by_position(ws123: Document) -> None:
    onsite = _one(ws123, "onsite_moderator")
    online = _one(ws123, "online_moderator")
    rapporteur = _one(ws123, "rapporteur")
    assert (onsite.name, onsite.inferred) == ("Yuxiao Li", True)
    assert (online.name, online.inferred) == ("Xingdong FANG", False)
    assert (rapporteur.name, rapporteur.inferred) == ("Haoru Shen", True)


def test_ws123_three_policy_questions_without_numbering(ws123: Document) -> None:
    assert len(ws123.policy_questions) == 3
    assert ws123.policy_questions[0].startswith("The development and security protection")
    assert _sections(ws123, "policy_question") == ws123.policy_questions


def test_ws203(ws203: Document) -> None:
    d = ws203
    assert (d.event, d.year, d.session_type, d.session_number) == ("IGF", 2020, "Workshop", "203")
    assert d.title == "International Governance in Cyberspace: New Explorations"
    assert _people(d, "organizer") == [
        ("JH Zhu", "China Institute for Cyberspace Strategy at Fudan University", None, None)]
    assert [(n, s, r) for n, _, s, r in _people(d, "speaker")] == [
        (name, "Civil Society", "Asia-Pacific Group")
        for name in ("Yi Shen", "Cuihong Cai", "Tianjiao Jiang")
    ]
    for role in ("onsite_moderator", "online_moderator", "rapporteur"):
        assert _one(d, role).name == "JH Zhu"
    assert (d.format, d.duration_min) == ("Round Table (U-shape)", 90)
    assert d.sdgs_declared == [10]


def test_ws126(ws126: Document) -> None:
    d = ws126
    assert (d.year, d.session_type, d.session_number) == (2023, "Workshop", "126")
    assert d.title == "Priority of DataGovernance for Justice in bridging AI Divide"
    assert d.subtheme == "Data Governance & Trust"
    assert d.tags == ["Big Data Architecture, Usage and Governance",
                      "Cross-border Data Flows and Trust", "Data Free Flow"]
    assert [n for n, *_ in _people(d, "organizer")] == ["Xiaobo YANG", "Wei FU", "Na Li"]
    assert [n for n, *_ in _people(d, "speaker")] == ["XIAODONG LI", "Yuxiao Li", "Yan LI"]
    assert _one(d, "onsite_moderator").name == "Wei FU"
    assert _one(d, "online_moderator").name == "Xiaobo YANG"
    rap = _one(d, "rapporteur")
    assert (rap.name, rap.stakeholder_group, rap.regional_group) == (
        "Na Li", "Private Sector", "Asia-Pacific Group")
    assert (d.format, d.duration_min) == ("Round Table", 90)
    assert len(d.policy_questions) == 3


def test_news_article(news: Document) -> None:
    assert news.doc_kind == "news_article"
    assert news.publisher == "China Daily"
    assert news.year == 2022
    assert news.year_source not in ("header", "url", "filename", "metadata")
    assert news.title == ("2022 summit to help make internet 'a new frontier' for cooperation, "
                          "focusing on win-win scenarios in cyber world")


def test_ns109_header_time_room_and_derived_duration(ns109: Document) -> None:
    d = ns109
    assert (d.year, d.session_type, d.session_number) == (2023, "Networking Session", "109")
    assert d.title == "International Cooperation for AI & Digital Governance"
    assert (d.start_utc, d.end_utc) == ("2023-10-08T23:30:00Z", "2023-10-09T00:30:00Z")
    assert d.room == "WS 7 – Room K"
    assert (d.duration_min, d.duration_source) == (60, "time_range")
    assert d.subtheme == "Global Digital Governance & Cooperation"
    assert d.sdgs_declared == [17]


def test_ns109_eight_distinct_speakers_nyu_is_new_york_university(ns109: Document) -> None:
    speakers = {n: (o, s, r) for n, o, s, r in _people(ns109, "speaker")}
    assert len(speakers) == 8 == len(_people(ns109, "speaker"))
    assert all(org for org, _, _ in speakers.values())
    assert speakers["Matthew Liao"] == ("New York University", "Technical Community", "WEOG")
    assert speakers["Atsushi Yamanaka"][1] == "Government"
    orgs = {o for o, _, _ in speakers.values()}
    assert "NYU" not in orgs


def test_ns109_moderators_and_items(ns109: Document) -> None:
    assert _one(ns109, "onsite_moderator").name == "Kyung Ryul Park"
    assert _one(ns109, "online_moderator").name == "So Young Kim"
    assert _one(ns109, "rapporteur").name == "Junho Kwon"
    takeaways = _sections(ns109, "key_takeaway")
    actions = _sections(ns109, "call_to_action")
    assert len(takeaways) == 2 and len(actions) == 2
    assert takeaways[0].startswith("The advent of AI requires a holistic approach")
    assert actions[1] == "Extended participation and inclusion for protection of human rights"


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_section_is_a_span_of_the_canonical_text(prefix: str) -> None:
    d = _doc(prefix)
    assert d.sections
    for s in d.sections:
        assert d.text[s.start_char:s.end_char] == s.text
