"""The data contract: record types produced by the stages and the tables written to disk.

Every output table is declared here once, with its columns, their dtypes and a description.
The codebook (``codebook.md``) is generated from these declarations, and every DataFrame
written by the pipeline is coerced to them, so column order and types never drift.
Depends on nothing else in govtext.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import pandas as pd

#: Controlled vocabulary for document kinds.
DOC_KINDS = (
    "igf_session_page",
    "igf_transcript",
    "igf_report",
    "news_article",
    "speech",
    "other",
)

#: Controlled vocabulary for participant roles.
ROLES = ("organizer", "speaker", "onsite_moderator", "online_moderator", "rapporteur")

#: Separator used when a list is stored in one CSV cell.
LIST_SEP = "; "


@dataclass
class Participant:
    """One person or body named in a role on a document."""

    role: str
    name: str | None = None
    organization: str | None = None
    stakeholder_group: str | None = None
    regional_group: str | None = None
    inferred: bool = False
    n_turns: int | None = None


@dataclass
class Section:
    """A labelled span of the canonical text: ``text == canonical[start_char:end_char]``."""

    section: str
    start_char: int
    end_char: int
    text: str


@dataclass
class Document:
    """The structured record for one parsed document (or one record of a JSON/CSV file)."""

    doc_id: str
    source_path: str
    sha256: str
    doc_kind: str = "other"
    encoding: str | None = None
    record: str | None = None
    event: str | None = None
    year: int | None = None
    year_source: str | None = None
    session_type: str | None = None
    session_number: str | None = None
    title: str | None = None
    full_title: str | None = None
    start_utc: str | None = None
    end_utc: str | None = None
    room: str | None = None
    subtheme: str | None = None
    tags: list[str] = field(default_factory=list)
    format: str | None = None
    duration_min: int | None = None
    duration_source: str | None = None
    policy_questions: list[str] = field(default_factory=list)
    sdgs_declared: list[int] = field(default_factory=list)
    publisher: str | None = None
    country: str | None = None
    source_url: str | None = None
    n_words: int = 0
    duplicate_of: str | None = None
    text: str = ""
    participants: list[Participant] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)

    @property
    def n_organizers(self) -> int:
        return sum(p.role == "organizer" for p in self.participants)

    @property
    def n_speakers(self) -> int:
        return sum(p.role == "speaker" for p in self.participants)


@dataclass
class Reject:
    """An input (file or record) that produced no document, and why."""

    source_path: str
    reason: str
    detail: str = ""
    record: str | None = None


@dataclass(frozen=True)
class Column:
    name: str
    dtype: str
    description: str


@dataclass(frozen=True)
class TableSchema:
    name: str
    description: str
    columns: tuple[Column, ...]
    sort_by: tuple[str, ...]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def frame(self, rows: list[dict[str, Any]]) -> pd.DataFrame:
        """Build a typed, column-ordered, deterministically sorted DataFrame from ``rows``."""
        df = pd.DataFrame(rows, columns=self.names)
        for col in self.columns:
            df[col.name] = df[col.name].astype(col.dtype)
        if len(df):
            df = df.sort_values(list(self.sort_by), kind="stable", na_position="first")
        return df.reset_index(drop=True)


def _c(name: str, dtype: str, description: str) -> Column:
    return Column(name, dtype, description)


DOCUMENTS = TableSchema(
    "documents",
    "One row per input document (a file, or one record of a JSON/JSONL/CSV file), "
    "duplicates included and marked.",
    (
        _c("doc_id", "string", "Stable id derived from the relative path (plus #record)."),
        _c("source_path", "string", "Path of the input file, relative to the input root."),
        _c("sha256", "string", "SHA-256 of the raw bytes of the file (of the record text "
           "for records)."),
        _c("doc_kind", "string", "One of: " + ", ".join(DOC_KINDS) + "."),
        _c("encoding", "string", "Encoding the bytes were decoded with."),
        _c("record", "string", "Record number or id inside a JSON/JSONL/CSV file."),
        _c("event", "string", "Forum or event: IGF, WSIS, WIC, UNGA ..."),
        _c("year", "Int64", "Year of the session or publication."),
        _c("year_source", "string", "Where the year came from: header, url, metadata, "
           "host_city, filename, text_date, path ..."),
        _c("session_type", "string", "Session type, normalized (Workshop, Open Forum, "
           "Networking Session, ...)."),
        _c("session_number", "string", "Session number as printed (e.g. 123)."),
        _c("title", "string", "Short title."),
        _c("full_title", "string", "Full title when the page gives one."),
        _c("start_utc", "string", "Start time, ISO 8601 UTC."),
        _c("end_utc", "string", "End time, ISO 8601 UTC."),
        _c("room", "string", "Room as printed."),
        _c("subtheme", "string", "IGF subtheme / track line."),
        _c("tags", "string", "Topic tags, '; '-separated."),
        _c("format", "string", "Session format, normalized (Round Table, Panel, ...; "
           "layout in parentheses)."),
        _c("duration_min", "Int64", "Duration in minutes."),
        _c("duration_source", "string", "'stated' or 'time_range' (derived from start/end)."),
        _c("n_organizers", "Int64", "Number of organizer rows in participants."),
        _c("n_speakers", "Int64", "Number of distinct speaker rows in participants."),
        _c("n_policy_questions", "Int64", "Number of policy questions (sections "
           "'policy_question')."),
        _c("sdgs_declared", "string", "SDG goal numbers declared on the page, '; '-separated."),
        _c("publisher", "string", "Publisher of a news article."),
        _c("country", "string", "ISO3 country code of a speech."),
        _c("source_url", "string", "URL found at the top of the text, if any."),
        _c("n_words", "Int64", "Whitespace-separated tokens in the canonical text."),
        _c("duplicate_of", "string", "doc_id of the identical earlier document, if this "
           "one is a byte-identical duplicate."),
    ),
    ("doc_id",),
)

PARTICIPANTS = TableSchema(
    "participants",
    "People and bodies named on a document in a role.",
    (
        _c("doc_id", "string", "Document the participant appears on."),
        _c("role", "string", "One of: " + ", ".join(ROLES) + "."),
        _c("position", "Int64", "Order of appearance within the role (1-based)."),
        _c("name", "string", "Person name as printed (lock signs removed); empty when the "
           "page shows only stakeholder and region."),
        _c("organization", "string", "Organization, acronyms expanded when the page "
           "defines them."),
        _c("stakeholder_group", "string", "Civil Society, Government, Intergovernmental "
           "Organization, Private Sector, Technical Community, Academia."),
        _c("regional_group", "string", "UN regional group: African Group, Asia-Pacific "
           "Group, Eastern European Group, GRULAC, WEOG, Intergovernmental Organization."),
        _c("inferred", "boolean", "True when the role was inferred from position because "
           "its label was lost."),
        _c("n_turns", "Int64", "Speaking turns in a transcript."),
    ),
    ("doc_id", "role", "position"),
)

SECTIONS = TableSchema(
    "sections",
    "Labelled spans of each document's canonical text; later offsets refer to these.",
    (
        _c("doc_id", "string", "Document."),
        _c("section", "string", "Section name (description, policy_question, key_takeaway, "
           "call_to_action, transcript, body, ...)."),
        _c("position", "Int64", "Order of the section within the document (0-based)."),
        _c("start_char", "Int64", "Start offset in the canonical document text."),
        _c("end_char", "Int64", "End offset (exclusive) in the canonical document text."),
        _c("text", "string", "The section text, equal to canonical[start_char:end_char]."),
    ),
    ("doc_id", "position"),
)

REJECTS = TableSchema(
    "rejects",
    "Inputs that produced no document, with the reason.",
    (
        _c("source_path", "string", "Path of the input file, relative to the input root."),
        _c("record", "string", "Record number inside the file, when one record of a "
           "multi-record file was rejected."),
        _c("reason", "string", "Short machine-readable reason (empty_file, binary, "
           "undecodable, unsupported_type, pdf_no_text_layer, ...)."),
        _c("detail", "string", "Human-readable detail."),
    ),
    ("source_path", "record", "reason"),
)

ENTITIES = TableSchema(
    "entities",
    "Organizations, people, countries, regions and blocs found in section text.",
    (
        _c("doc_id", "string", "Document."),
        _c("label", "string", "ORG, PERSON, COUNTRY, REGION or BLOC."),
        _c("text", "string", "The mention as written: section text[start_char:end_char]."),
        _c("canonical_id", "string", "Stable id of the entity (gazetteer id, ISO3, or a "
           "normalized key for unknown organizations)."),
        _c("canonical_name", "string", "Canonical name."),
        _c("entity_type", "string", "For ORG: IGO, government, company, university, NGO, "
           "technical body, media, other; for REGION/BLOC the kind of grouping."),
        _c("section", "string", "Section name in the sections table."),
        _c("section_position", "Int64", "Position of the section (join key with sections)."),
        _c("start_char", "Int64", "Start offset into that section's text."),
        _c("end_char", "Int64", "End offset (exclusive) into that section's text."),
        _c("method", "string", "ner, gazetteer or participants."),
        _c("iso3", "string", "Countries: ISO 3166-1 alpha-3 code."),
        _c("m49_region", "string", "Countries: UN M49 region."),
        _c("m49_subregion", "string", "Countries: UN M49 sub-region."),
        _c("un_group", "string", "Countries: UN regional group (African Group, Asia-Pacific "
           "Group, Eastern European Group, GRULAC, WEOG)."),
    ),
    ("doc_id", "section_position", "start_char", "label", "canonical_id"),
)

SDGS = TableSchema(
    "sdgs",
    "Sustainable Development Goal evidence: declared on the page, explicitly referenced, or "
    "inferred from content.",
    (
        _c("doc_id", "string", "Document."),
        _c("sdg", "Int64", "Goal number 1-17; empty for a 2030 Agenda reference without a goal."),
        _c("target", "string", "Target code such as 9.5 or 9.c, when given."),
        _c("kind", "string", "declared, explicit, agenda or inferred."),
        _c("score", "float64", "Confidence in [0, 1] (1 for declared and explicit)."),
        _c("method", "string", "What produced the row (declared line, explicit pattern, "
           "query system names)."),
        _c("section", "string", "Section name."),
        _c("section_position", "Int64", "Position of the section."),
        _c("start_char", "Int64", "Start offset of the evidence in the section text."),
        _c("end_char", "Int64", "End offset (exclusive) of the evidence in the section text."),
        _c("evidence", "string", "The evidence: section text[start_char:end_char]."),
    ),
    ("doc_id", "sdg", "kind", "section_position", "start_char"),
)

THEMES = TableSchema(
    "themes",
    "One row per document and codebook theme found in it, with the first hit as evidence.",
    (
        _c("doc_id", "string", "Document."),
        _c("theme", "string", "Theme id from the codebook."),
        _c("n_hits", "Int64", "Number of hits of the theme in the document."),
        _c("section", "string", "Section of the first hit."),
        _c("section_position", "Int64", "Position of that section."),
        _c("start_char", "Int64", "Start offset of the first hit in the section text."),
        _c("end_char", "Int64", "End offset (exclusive) of the first hit."),
        _c("evidence", "string", "Section text[start_char:end_char] of the first hit."),
        _c("sentence", "string", "The sentence holding the first hit."),
    ),
    ("doc_id", "theme"),
)

THEME_HITS = TableSchema(
    "theme_hits",
    "Every theme hit: the long table behind ``themes``.",
    (
        _c("doc_id", "string", "Document."),
        _c("theme", "string", "Theme id."),
        _c("pattern", "string", "The codebook pattern that matched."),
        _c("section", "string", "Section name."),
        _c("section_position", "Int64", "Position of the section."),
        _c("start_char", "Int64", "Start offset in the section text."),
        _c("end_char", "Int64", "End offset (exclusive) in the section text."),
        _c("evidence", "string", "Section text[start_char:end_char]."),
    ),
    ("doc_id", "section_position", "start_char", "theme"),
)

TOPICS = TableSchema(
    "topics",
    "Topics discovered by the topic model (topic -1 collects outliers).",
    (
        _c("topic_id", "Int64", "Topic number."),
        _c("label", "string", "Readable label: top terms plus the overlapping theme."),
        _c("top_terms", "string", "Top terms, '; '-separated."),
        _c("size", "Int64", "Number of paragraphs assigned."),
        _c("theme_overlap", "string", "Codebook theme the topic overlaps most, if any."),
    ),
    ("topic_id",),
)

DOC_TOPICS = TableSchema(
    "doc_topics",
    "Topic of each paragraph (the unit of topic modelling).",
    (
        _c("doc_id", "string", "Document."),
        _c("paragraph", "Int64", "Paragraph number within the document (0-based)."),
        _c("topic_id", "Int64", "Assigned topic."),
        _c("probability", "float64", "Probability or strength of the assignment."),
    ),
    ("doc_id", "paragraph"),
)

TOPICS_OVER_TIME = TableSchema(
    "topics_over_time",
    "Topic prevalence per year with denominators.",
    (
        _c("year", "Int64", "Year."),
        _c("topic_id", "Int64", "Topic."),
        _c("n_units", "Int64", "Paragraphs of that year assigned to the topic."),
        _c("n_docs", "Int64", "Documents of that year with at least one such paragraph."),
        _c("share_of_year", "float64", "n_units / all paragraphs of that year."),
    ),
    ("year", "topic_id"),
)

#: Trend dimensions in the order they are computed; each names where its evidence comes from.
DIMENSIONS = ("theme", "topic", "sdg", "sdg_kind", "country", "un_group", "bloc",
              "organization", "stakeholder_group", "regional_group", "doc_kind",
              "session_type")
#: Breakdown value of documents whose breakdown column is empty.
MISSING = "(missing)"

TRENDS = TableSchema(
    "trends",
    "Share of the documents of each year with evidence for a key of a dimension, with 95% "
    "Wilson intervals. Denominators are unique (non-duplicate) documents with a year.",
    (
        _c("year", "Int64", "Year."),
        _c("dimension", "string", "What is counted: " + ", ".join(DIMENSIONS) + "."),
        _c("key", "string", "Value within the dimension, as in the source table: theme "
               "id, topic_id, SDG goal number, goal:kind (9:declared) or kind for 2030 "
               "Agenda references without a goal, ISO3 code, UN group, bloc or organization "
               "canonical_name, stakeholder or regional group, doc_kind, session_type."),
        _c("breakdown", "string", "Value of the breakdown variable (--by doc_kind or "
               f"session_type; {MISSING} when the document has none); empty on whole-year "
               "rows."),
        _c("n_docs_with", "Int64", "Documents of that year (and breakdown) with at least "
               "one piece of evidence for the key."),
        _c("n_docs_year", "Int64", "All documents of that year (and breakdown): the "
               "denominator."),
        _c("share", "float64", "n_docs_with / n_docs_year."),
        _c("ci_low", "float64", "Lower bound of the 95% Wilson score interval."),
        _c("ci_high", "float64", "Upper bound of the 95% Wilson score interval."),
    ),
    ("dimension", "key", "breakdown", "year"),
)


#: Tables written by ``govtext parse``.
PARSE_TABLES = (DOCUMENTS, PARTICIPANTS, SECTIONS, REJECTS)
TABLES: dict[str, TableSchema] = {
    t.name: t
    for t in (*PARSE_TABLES, ENTITIES, SDGS, THEMES, THEME_HITS, TOPICS, DOC_TOPICS,
              TOPICS_OVER_TIME, TRENDS)
}


def document_row(doc: Document) -> dict[str, Any]:
    """Flatten a Document into a ``documents`` row."""
    row = {k: v for k, v in asdict(doc).items() if k in DOCUMENTS.names}
    row["tags"] = LIST_SEP.join(doc.tags) or None
    row["sdgs_declared"] = LIST_SEP.join(str(n) for n in doc.sdgs_declared) or None
    row["n_organizers"] = doc.n_organizers
    row["n_speakers"] = doc.n_speakers
    row["n_policy_questions"] = len(doc.policy_questions)
    return row
