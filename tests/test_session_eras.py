"""IGF session pages of the layouts seen 2013-2025 (fixtures written after those layouts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from govtext import parse_file
from govtext.schema import Document

PAGES = Path(__file__).parent / "fixtures" / "pages"


def _doc(name: str) -> Document:
    (doc,) = parse_file(PAGES / name).documents
    return doc


def _roles(doc: Document, role: str) -> list:
    return [p for p in doc.participants if p.role == role]


def test_2018_title_on_next_line_and_nameless_organizers() -> None:
    d = _doc("igf2018_ws.txt")
    assert (d.doc_kind, d.year, d.session_number) == ("igf_session_page", 2018, "120")
    assert d.title == "African youth in Internet governance round table"
    orgs = _roles(d, "organizer")
    assert [(p.name, p.stakeholder_group, p.regional_group) for p in orgs] == [
        (None, "Civil Society", "African Group"), (None, "Technical Community", "WEOG")]
    assert (d.format, d.duration_min) == ("Round Table", 60)


def test_2018_name_only_moderators_by_position() -> None:
    d = _doc("igf2018_ws.txt")
    got = [(p.role, p.name, p.inferred) for p in d.participants
           if p.role in ("onsite_moderator", "online_moderator", "rapporteur")]
    assert got == [("onsite_moderator", "Kofi Mensah", True),
                   ("online_moderator", "Sara Haile", False),
                   ("rapporteur", "Peter Novak", True)]


def test_2019_other_format_lettered_questions_and_goal_lines() -> None:
    d = _doc("igf2019_ws.txt")
    assert (d.format, d.duration_min) == ("Other", 90)
    assert d.sdgs_declared == [9, 10, 16]
    assert d.policy_questions == [
        "How can data governance frameworks protect privacy while enabling innovation?",
        "What role should cross-border data flows play in development?",
    ]
    names = [s.section for s in d.sections]
    for name in ("format_description", "relevance_to_theme", "relevance_to_ig", "description"):
        assert name in names


def test_2022_time_range_and_room() -> None:
    d = _doc("igf2022_ws.txt")
    assert (d.start_utc, d.end_utc) == ("2022-12-02T12:00:00Z", "2022-12-02T13:00:00Z")
    assert d.room == "Banquet Hall B"
    assert (d.format, d.duration_min, d.duration_source) == ("Round Table (U-shape)", 60, "stated")


def test_2024_split_format_and_labelled_moderators() -> None:
    d = _doc("igf2024_ws.txt")
    assert (d.format, d.duration_min) == ("Round Table", 90)
    mods = {p.role: (p.name, p.inferred) for p in d.participants
            if p.role in ("onsite_moderator", "online_moderator", "rapporteur")}
    assert mods == {"onsite_moderator": ("Lena Fischer", False),
                    "online_moderator": ("Omar Haddad", False),
                    "rapporteur": ("Nadia Karim", False)}
    assert [(p.name, p.organization) for p in _roles(d, "organizer")] == [
        ("Lena Fischer", None), ("Omar Haddad", "Arab Youth Network")]
    assert len(d.policy_questions) == 3


def test_2017_sched_proposers_and_csv_speakers() -> None:
    d = _doc("igf2017_sched.txt")
    assert [(p.name, p.organization) for p in _roles(d, "organizer")] == [
        ("Julia Okafor", "Connect Africa Foundation"), ("Tomas Lind", "Nordic Internet Institute")]
    assert [(p.name, p.stakeholder_group, p.organization) for p in _roles(d, "speaker")] == [
        ("Francois GREY", "Academia", "University of Geneva"),
        ("Aisha NDIAYE", "Civil Society", "Senegal Digital Rights")]
    assert (d.format, d.duration_min) == ("Round Table", 90)


def test_2013_proposal_number_theme_and_questions() -> None:
    d = _doc("igf2013_proposal.txt")
    assert (d.session_type, d.session_number) == ("Workshop", "171")
    assert d.title == "Gender and internet governance roundtable"
    assert d.subtheme == "Human Rights / Freedom of Expression on the Internet"
    assert [(p.name, p.organization) for p in _roles(d, "organizer")] == [
        ("Anna Kowalska", "Women in Tech Network")]
    assert len(d.policy_questions) == 2


@pytest.mark.parametrize("name", sorted(p.name for p in PAGES.glob("*.txt")))
def test_sections_are_spans(name: str) -> None:
    d = _doc(name)
    for s in d.sections:
        assert d.text[s.start_char:s.end_char] == s.text
