"""Entities: gazetteer + NER over section text, with offsets that point at the mention."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd
import pytest

import govtext
from govtext.extract import extract_entities
from govtext.extract.entities import doc_entities
from govtext.extract.entity_rules import normalized_key
from govtext.extract.nlp import entity_pipeline
from govtext.schema import ENTITIES, Document

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
NEWS = "003_5c51c05222dc122e.txt"


@cache
def _sample_docs() -> tuple[Document, ...]:
    corpus = govtext.parse_corpus(RAW)
    return tuple(d for d in corpus.documents if not d.duplicate_of)


@cache
def _sample_entities() -> pd.DataFrame:
    return extract_entities(list(_sample_docs()))


def _entities(text: str, people: dict[str, str] | None = None) -> list[dict]:
    return doc_entities(entity_pipeline()(text), people or {})


def test_entities_table_has_the_schema_columns() -> None:
    assert list(_sample_entities().columns) == ENTITIES.names


def test_every_entity_offset_points_at_its_text() -> None:
    docs = {d.doc_id: d for d in _sample_docs()}
    ents = _sample_entities()
    assert len(ents) > 50
    for row in ents.itertuples():
        section = docs[row.doc_id].sections[row.section_position]
        assert section.section == row.section
        assert section.text[row.start_char:row.end_char] == row.text


def test_news_sample_yields_each_organization_once_under_one_canonical_name() -> None:
    ents = _sample_entities()
    orgs = ents[(ents.doc_id == NEWS) & (ents.label == "ORG")]
    expected = {"World Internet Conference", "ChinaEU", "Baidu", "Tencent", "Alibaba Group",
                "360 Security Group", "Vivo", "Seiko Epson", "RealAI", "Tsinghua University",
                "GSMA", "CNCERT", "CNNIC", "Zhijiang Lab"}
    assert expected <= set(orgs.canonical_name)
    for name in expected:  # one canonical id per name: "Tencent Holdings" is Tencent
        assert orgs[orgs.canonical_name == name].canonical_id.nunique() == 1


def test_news_sample_yields_people_and_places() -> None:
    ents = _sample_entities()
    news = ents[ents.doc_id == NEWS]
    people = set(news[news.label == "PERSON"].canonical_name)
    assert {"Xi Jinping", "Ren Xianliang", "Luigi Gambardella", "Wang Gang",
            "Tian Tian"} <= people
    places = set(news[news.label.isin(["COUNTRY", "REGION"])].canonical_name)
    assert {"China", "Zhejiang", "Beijing"} <= places


def test_a_surname_alone_links_to_the_full_name_seen_earlier() -> None:
    ents = _sample_entities()
    xi = ents[(ents.doc_id == NEWS) & (ents.text == "Xi")]
    assert set(xi.canonical_name) == {"Xi Jinping"}


def test_countries_carry_iso3_region_and_un_group() -> None:
    rows = _entities("Kenyan officials met delegates from Türkiye and the US.")
    by_text = {r["text"]: r for r in rows}
    assert by_text["Kenyan"]["iso3"] == "KEN"
    assert by_text["Kenyan"]["un_group"] == "African Group"
    assert by_text["Türkiye"]["un_group"] == "WEOG"
    assert by_text["US"]["iso3"] == "USA" and by_text["US"]["m49_region"] == "Americas"


def test_acronym_and_full_name_share_a_canonical_id() -> None:
    rows = _entities("The International Telecommunication Union (ITU) met ICANN.")
    itu = [r for r in rows if r["canonical_id"] == "org:itu"]
    assert sorted(r["text"] for r in itu) == ["ITU", "International Telecommunication Union"]
    assert all(r["method"] == "gazetteer" and r["entity_type"] == "IGO" for r in itu)


def test_lower_case_common_word_is_not_an_organization() -> None:
    assert not [r for r in _entities("We met in vivo and discussed meta data.")
                if r["label"] == "ORG"]


def test_blocs_and_regions_have_their_own_labels() -> None:
    rows = _entities("Developing countries in Africa and the BRICS and LDCs spoke.")
    labels = {r["text"]: r["label"] for r in rows}
    assert labels["Developing countries"] == "BLOC"
    assert labels["Africa"] == "REGION"
    assert labels["BRICS"] == "BLOC" and labels["LDCs"] == "BLOC"


def test_leading_article_is_not_part_of_a_gazetteer_mention() -> None:
    rows = _entities("We work across the Americas.")
    assert [r["text"] for r in rows] == ["Americas"]


def test_treaty_names_are_not_organizations() -> None:
    rows = _entities("We uphold the UN Charter and the Arms Trade Treaty.")
    assert not [r for r in rows if r["label"] == "ORG"]


def test_unknown_ner_organization_keeps_surface_form_and_normalized_key() -> None:
    rows = _entities("Dr. Lee works at the Shenzhen Fintech Association in Shenzhen.")
    org = next(r for r in rows if r["label"] == "ORG")
    assert org["canonical_name"] == org["text"]
    assert org["canonical_id"] == "ner:" + normalized_key(org["text"])
    assert org["method"] == "ner"


def test_person_matching_a_participant_is_marked_participants() -> None:
    rows = _entities("Matthew Liao presented the framework.", {"matthew liao": "Matthew Liao"})
    person = next(r for r in rows if r["label"] == "PERSON")
    assert person["method"] == "participants"


def test_transcript_turn_labels_name_people_but_not_roles() -> None:
    rows = _entities(">> JANE DOE: Thank you. >> MODERATOR: Next question.")
    people = [r for r in rows if r["label"] == "PERSON"]
    assert [(p["text"], p["canonical_name"]) for p in people] == [("JANE DOE", "Jane Doe")]


def test_long_sections_are_processed_in_chunks_with_correct_offsets(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from govtext.extract import entities as mod
    from govtext.schema import Section

    paragraph = "Delegates from Kenya met the ITU in Geneva. " * 30
    text = "\n\n".join([paragraph] * 8)
    doc = Document(doc_id="long", source_path="long.txt", sha256="0", text=text,
                   sections=[Section("body", 0, len(text), text)])
    monkeypatch.setattr(mod, "CHUNK_CHARS", 3000)
    assert len(mod._chunks(text)) == 4  # two 1,320-character paragraphs per chunk
    rows = mod.entity_rows([doc])
    kenya = [r for r in rows if r["text"] == "Kenya"]
    assert len(kenya) == 30 * 8
    assert all(text[r["start_char"]:r["end_char"]] == r["text"] for r in rows)


def test_empty_inputs_give_empty_tables() -> None:
    from govtext.schema import Section

    blank = Document(doc_id="b", source_path="b", sha256="0", text=" ",
                     sections=[Section("body", 0, 1, " ")])
    assert extract_entities([]).empty and extract_entities([blank]).empty
    assert list(extract_entities([]).columns) == ENTITIES.names


def test_country_inside_an_organization_name_gives_way_to_the_name() -> None:
    rows = _entities("He studied at the Afghanistan School of Internet Governance last year.")
    orgs = [r["text"] for r in rows if r["label"] == "ORG"]
    assert orgs == ["Afghanistan School of Internet Governance"]
    assert not [r for r in rows if r["label"] == "COUNTRY"]


def test_government_of_a_country_stays_the_country() -> None:
    rows = _entities("Japan worked with the Government of Cambodia on the tribunal.")
    assert {r["text"] for r in rows if r["label"] == "COUNTRY"} == {"Japan", "Cambodia"}


@pytest.mark.parametrize("text", [
    "We have Christopher Painter President of the Global Forum on Cyber Expertise.",
    "Our co-moderator, Tatiana Tropina, joins us online.",
])
def test_a_speaker_introduction_names_a_person_not_an_organization(text: str) -> None:
    ents = _entities(text)
    orgs = [e["text"] for e in ents if e["label"] == "ORG"]
    assert not [o for o in orgs if "Painter" in o or "Tropina" in o]


def test_gazetteer_matches_names_written_with_a_non_breaking_hyphen() -> None:
    text = ("Weixiong Chen, Acting Executive Director, "
            "UN Counter\u2011Terrorism Executive Directorate.")
    orgs = {e["canonical_id"] for e in _entities(text) if e["label"] == "ORG"}
    assert "org:uncted" in orgs


def test_ner_span_loses_a_dangling_preposition() -> None:
    text = "Communications of the Office of the President of the Republic were intercepted."
    assert all(not e["text"].endswith(" of") for e in _entities(text))
