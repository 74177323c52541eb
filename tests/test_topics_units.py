"""Paragraph units: whole sentences, offsets into the section text, sensible sizes."""

from __future__ import annotations

from pathlib import Path

from govtext import parse_corpus
from govtext.schema import Document, Section
from govtext.themes.topics import paragraph_units

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


def _doc(text: str, doc_id: str = "d", year: int | None = 2020) -> Document:
    return Document(doc_id, f"{doc_id}.txt", "x", year=year,
                    sections=[Section("body", 0, len(text), text)])


def test_units_point_into_their_section_text() -> None:
    docs = parse_corpus(RAW).documents
    units = paragraph_units(docs)
    by_id = {d.doc_id: d for d in docs}
    for u in units:
        assert by_id[u.doc_id].sections[u.section_position].text[u.start:u.end] == u.text
    assert [u.paragraph for u in units if u.doc_id == units[0].doc_id] == list(
        range(sum(u.doc_id == units[0].doc_id for u in units)))


def test_five_samples_give_enough_units_for_topic_modelling() -> None:
    assert len(paragraph_units(parse_corpus(RAW).documents)) >= 50


def test_blank_lines_separate_units() -> None:
    para = "This sentence has exactly eight words in it. " * 4
    units = paragraph_units([_doc(para + "\n\n" + para)])
    assert len(units) == 2


def test_hard_wrapped_lines_are_joined_into_one_unit() -> None:
    text = ("We are committed to the\nprinciples of the Charter and\nto the work of the\n"
            "Organization in every region.")
    assert len(paragraph_units([_doc(text)])) == 1


def test_a_long_paragraph_is_split_at_sentences() -> None:
    sentence = "Climate change threatens the small island states of the Pacific today. "
    units = paragraph_units([_doc(sentence * 60)], max_words=150)
    assert len(units) > 1
    assert all(len(u.text.split()) <= 150 for u in units)
    assert all(u.text.endswith(".") for u in units)


def test_short_remainder_is_merged_into_the_previous_unit() -> None:
    sentence = "Digital cooperation needs every stakeholder at the table now. "
    units = paragraph_units([_doc(sentence * 16 + "\nThank you.")], max_words=150)
    assert units[-1].text.endswith("Thank you.")


def test_duplicates_and_empty_documents_give_no_units() -> None:
    dup = _doc("Some text here.", "b")
    dup.duplicate_of = "a"
    assert paragraph_units([dup, Document("e", "e.txt", "y")]) == []
