"""Entity mentions in section text: gazetteer matches first, NER for the rest.

The gazetteer (organizations, blocs, regions, countries) gives canonical ids; spaCy's NER
adds people, unknown organizations and places. Every mention is returned with offsets into
the section text it came from, so ``section.text[start:end] == text`` always holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from govtext.extract.countries import Country, countries, name_key, resolve_country
from govtext.extract.entity_rules import (
    entity_rules,
    has_org_word,
    introduces_person,
    is_common_phrase,
    names_non_org,
    normalized_key,
    org_type,
)
from govtext.extract.gazetteer import gazetteer
from govtext.extract.nlp import (
    CASED_KEY,
    DEFAULT_CONFIG,
    UNCASED_KEY,
    PipelineConfig,
    entity_pipeline,
)
from govtext.extract.sdg.textspans import paragraph_bounds
from govtext.schema import Document

# A transcript turn label: ">> MAARTEN VAN HORENBEECK:".
_SPEAKER_LABEL = re.compile(r">>\s*(?P<name>[A-Z][A-Z.'’\- ]*[A-Z.])\s*:")


def _trim(span: Span) -> Span | None:
    """Drop leading articles and a trailing possessive or punctuation from an NER span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].text in entity_rules().leading_words
                           or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].text in ("'s", "’s", "'") or doc[end - 1].is_punct
                           or doc[end - 1].text in entity_rules().trailing_words):
        end -= 1
    return Span(doc, start, end, label=span.label_) if end > start else None


def _country_fields(c: Country) -> dict[str, Any]:
    return {"iso3": c.iso3, "m49_region": c.m49_region, "m49_subregion": c.m49_subregion,
            "un_group": c.un_group}


def _row(span: Span, label: str, cid: str, name: str, etype: str | None, method: str,
         country: Country | None = None) -> dict[str, Any]:
    row = {"label": label, "text": span.text, "canonical_id": cid, "canonical_name": name,
           "entity_type": etype, "start_char": span.start_char, "end_char": span.end_char,
           "method": method}
    if country is not None:
        row.update(_country_fields(country))
    return row


def _without_article(span: Span) -> Span:
    if len(span) > 1 and span[0].lower_ == "the":
        return Span(span.doc, span.start + 1, span.end, label=span.label_, span_id=span.id_)
    return span


def _gazetteer_spans(doc: Doc) -> tuple[list[Span], list[Span]]:
    """(kept, dropped) gazetteer matches; dropped ones still keep NER off their tokens."""
    spans = filter_spans([_without_article(s)
                          for s in [*doc.spans[CASED_KEY], *doc.spans[UNCASED_KEY]]])
    persons = [(e.start, e.end) for e in doc.ents if e.label_ == "PERSON"]
    kept, dropped = [], []
    for s in spans:
        after = doc[s.end].lower_ if s.end < len(doc) else ""
        if s.label_ == "ORG" and after in entity_rules().treaty_words:
            dropped.append(s)  # "UN Charter": a document, not the body
            continue
        c = countries().get(s.id_) if s.label_ == "COUNTRY" else None
        if c is not None and name_key(s.text) in c.ambiguous_names and any(
                a <= s.start and s.end <= b for a, b in persons):
            continue  # "Jordan" the person, not the country
        kept.append(s)
    return kept, dropped


def _ner_row(span: Span, people: dict[str, str]) -> dict[str, Any] | None:
    label = span.label_
    key = name_key(span.text)
    if key in entity_rules().stoplist or not any(ch.isupper() for ch in span.text):
        return None
    if label != "PERSON" and len(span) == 1 and _full_person_name(span.text, people) != span.text:
        label = "PERSON"  # "Wang said": a surname of someone named earlier, not an ORG
    if label == "ORG" and introduces_person(span):
        label = "PERSON"  # "Christopher Painter, President of ...": a speaker introduction
    if label == "PERSON":
        if len(span) > 6 or is_common_phrase(span.text):
            return None
        full = _full_person_name(span.text, people)
        method = "participants" if name_key(full) in people else "ner"
        return _row(span, "PERSON", "person:" + normalized_key(full),
                    people.get(name_key(full), full), None, method)
    country = resolve_country(span.text)
    if country is not None:
        return _row(span, "COUNTRY", country.iso3, country.name, country.status, "ner",
                    country)
    if label == "ORG":
        if names_non_org(span.text):
            return None  # "Arms Trade Treaty", "Climate Action Summit"
        if is_common_phrase(span.text) and not has_org_word(span.text):
            return None  # a heading such as "Digital Governance"
        if span[-1].lower_ in ("government", "governments") and all(
                t.is_lower for t in span[:-1]):
            return None  # "the central Government": a generic reference, not a name
        return _row(span, "ORG", "ner:" + normalized_key(span.text), span.text,
                    org_type(span.text), "ner")
    if label in ("GPE", "LOC"):
        return _row(span, "REGION", "place:" + normalized_key(span.text), span.text,
                    "place", "ner")
    return None  # NORP that is not a nationality: religions, political groups


def _full_person_name(text: str, people: dict[str, str]) -> str:
    """A one-word mention ('Ren', 'Xi') stands for a longer name seen in the document."""
    if " " in text.strip():
        return text
    word = name_key(text)
    for full in people:
        parts = full.split()
        if len(parts) > 1 and word in (parts[0], parts[-1]):
            return people[full]
    return text


def _speaker_rows(doc: Doc, people: dict[str, str], text: str | None = None,
                  ) -> list[tuple[Span, dict[str, Any]]]:
    """People named in transcript turn labels, which NER reads poorly (all capitals).

    ``text`` is ``doc.text`` when the caller has it (rebuilding it from tokens is slow)."""
    text = doc.text if text is None else text
    if ">>" not in text:
        return []
    out = []
    for m in _SPEAKER_LABEL.finditer(text):
        name = m.group("name").strip(" .")
        if name_key(name) in entity_rules().speaker_roles or len(name) < 3:
            continue
        start = m.start("name")
        span = doc.char_span(start, start + len(name), alignment_mode="expand")
        if span is None:
            continue
        written = people.get(name_key(name), name.title())
        method = "participants" if name_key(name) in people else "ner"
        out.append((span, _row(span, "PERSON", "person:" + normalized_key(written), written,
                               None, method)))
    return out


def _inside_named_org(place: Span, ner: list[Span], gaz: list[Span]) -> bool:
    """True when a gazetteer place is part of a longer organization name that NER found
    ("Afghanistan School of Internet Governance", "Bank of Japan"): the name wins."""
    if place.label_ not in ("COUNTRY", "REGION"):
        return False  # blocs (African Union, CELAC) are organizations themselves
    for org in ner:
        if org[0].lower_ in ("government", "governments"):
            continue  # "Government of Cambodia" stands for the state: keep the country
        if (org.label_ == "ORG" and org.start <= place.start and place.end <= org.end
                and len(org) > len(place) and has_org_word(org.text)
                and not any(g.label_ == "ORG" and g.start < org.end and org.start < g.end
                            for g in gaz)
                and all(org.start <= g.start and g.end <= org.end
                        for g in gaz if g.start < org.end and org.start < g.end)):
            return True
    return False


def doc_entities(doc: Doc, people: dict[str, str], text: str | None = None,
                 ) -> list[dict[str, Any]]:
    """Entity rows (without doc and section columns) for one processed section text.

    ``people`` maps name keys of known people (participants, and full names seen earlier in
    the document) to their written form; it is extended with the full names found here.
    ``text`` is the text ``doc`` was made from, if the caller has it.
    """
    entries = gazetteer()
    ner = [t for t in (_trim(e) for e in doc.ents
                       if e.label_ in DEFAULT_CONFIG.ner_labels) if t is not None]
    gaz, dropped = _gazetteer_spans(doc)
    gaz = [s for s in gaz if not _inside_named_org(s, ner, gaz)]
    speakers = _speaker_rows(doc, people, text)
    taken = [(s.start, s.end) for s in [*gaz, *dropped, *(sp for sp, _ in speakers)]]
    rows = [row for _, row in speakers]
    for s in gaz:
        e = entries[s.id_]
        c = countries().get(e.id) if e.label == "COUNTRY" else None
        rows.append(_row(s, e.label, e.id, e.name, e.type, "gazetteer", c))
    for span in ner:
        if span.label_ == "PERSON" and " " in span.text.strip():
            people.setdefault(name_key(span.text), span.text)
    for span in ner:
        if any(a < span.end and span.start < b for a, b in taken):
            continue
        row = _ner_row(span, people)
        if row is not None:
            rows.append(row)
    return rows


def _participant_names(doc: Document) -> dict[str, str]:
    return {name_key(p.name): p.name for p in doc.participants if p.name}


#: Section texts longer than this go through spaCy in paragraph-aligned chunks, which keeps
#: NER memory bounded on very long transcripts.
CHUNK_CHARS = 50_000


def _chunks(text: str, max_chars: int | None = None) -> list[tuple[int, int]]:
    """(start, end) spans of at most about ``max_chars``, cut between paragraphs."""
    max_chars = max_chars or CHUNK_CHARS
    if len(text) <= max_chars:
        return [(0, len(text))]
    out: list[tuple[int, int]] = []
    start = end = 0
    for ps, pe in paragraph_bounds(text):
        if pe - start > max_chars and end > start:
            out.append((start, end))
            start = ps
        end = pe
    out.append((start, max(end, start)))
    return out


def entity_rows(documents: Sequence[Document], *, batch_size: int | None = None,
                n_process: int = 1, config: PipelineConfig = DEFAULT_CONFIG,
                ) -> list[dict[str, Any]]:
    """Rows for the ``entities`` table, over every section of every document."""
    nlp = entity_pipeline(config)
    batch_size = batch_size or config.batch_size
    items: Iterable[tuple[str, tuple[int, int, int, int]]] = (
        (s.text[cs:ce], (di, si, cs, ce))
        for di, d in enumerate(documents) for si, s in enumerate(d.sections)
        for cs, ce in _chunks(s.text))
    people = [_participant_names(d) for d in documents]
    participants = [set(p) for p in people]
    rows = []
    for spacy_doc, (di, si, offset, end) in nlp.pipe(items, as_tuples=True,
                                                     batch_size=batch_size,
                                                     n_process=n_process):
        d = documents[di]
        text = d.sections[si].text[offset:end]
        for row in doc_entities(spacy_doc, people[di], text):
            row["start_char"] += offset
            row["end_char"] += offset
            if row["method"] == "participants" and name_key(row["canonical_name"]) \
                    not in participants[di]:
                row["method"] = "ner"
            rows.append({"doc_id": d.doc_id, "section": d.sections[si].section,
                         "section_position": si, **row})
    return rows


