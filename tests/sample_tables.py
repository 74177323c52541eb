"""Realistic tables for the trends, report and export tests: the five bundled samples parsed
for real, plus small hand-made analysis tables built with the schema (so these tests do not
depend on the entity, SDG, theme and topic stages, and stay fast).

Samples: 000 (2023 workshop), 001 (2020 workshop), 002 (2023 workshop), 003 (2022 China
Daily article), 004 (2023 networking session).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pandas as pd

import govtext
from govtext.outputs import OutputFolder
from govtext.report.codebook import render_codebook
from govtext.schema import DOC_TOPICS, ENTITIES, SDGS, TABLES, THEMES, TOPICS, TRENDS

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
D0, D1, D2, D3, D4 = ("000_302a3d7a27beadc7.txt", "001_66a2f071aafacbc4.txt",
                      "002_5c86659e7f882419.txt", "003_5c51c05222dc122e.txt",
                      "004_8e39504a28100b98.txt")


def _theme(doc: str, theme: str, n: int, sentence: str, evidence: str) -> dict:
    at = sentence.index(evidence)
    return {"doc_id": doc, "theme": theme, "n_hits": n, "section": "description",
            "section_position": 3, "start_char": at, "end_char": at + len(evidence),
            "evidence": evidence, "sentence": sentence}


def _entity(doc: str, label: str, cid: str, name: str, iso3: str | None = None,
            un_group: str | None = None) -> dict:
    return {"doc_id": doc, "label": label, "text": name, "canonical_id": cid,
            "canonical_name": name, "entity_type": "member" if iso3 else "IGO",
            "section": "description", "section_position": 3, "start_char": 0,
            "end_char": len(name), "method": "gazetteer", "iso3": iso3, "un_group": un_group}


def _sdg(doc: str, goal: int | None, kind: str, evidence: str) -> dict:
    return {"doc_id": doc, "sdg": goal, "target": None, "kind": kind,
            "score": 1.0 if kind != "inferred" else 0.9, "method": kind, "section": "body",
            "section_position": 0, "start_char": 0, "end_char": len(evidence),
            "evidence": evidence}


def analysis_tables() -> dict[str, pd.DataFrame]:
    """Hand-made entities, sdgs, themes, topics and doc_topics for the five samples."""
    themes = THEMES.frame([
        _theme(D0, "digital_divide", 11, "Outstanding progress in bridging the digital "
               "divide, focusing on developing countries.", "bridging the digital divide"),
        _theme(D2, "digital_divide", 6, "Does AI, represented by AIGC, further exacerbate "
               "the global digital divide?", "digital divide"),
        _theme(D3, "digital_divide", 2, "So how do we narrow the digital divide around the "
               "globe?", "narrow the digital divide"),
        _theme(D4, "digital_divide", 3, "Digital inclusion goes beyond access to technology.",
               "Digital inclusion"),
        _theme(D1, "data_sovereignty", 11, "We will focus on data localization and data "
               "sovereignty.", "data localization"),
        _theme(D2, "ai_governance", 4, "How should countries prioritize their data "
               "governance policies to bridge the AI divide?", "AI divide"),
    ])
    entities = ENTITIES.frame([
        _entity(D0, "COUNTRY", "CHN", "China", "CHN", "Asia-Pacific Group"),
        _entity(D3, "COUNTRY", "CHN", "China", "CHN", "Asia-Pacific Group"),
        _entity(D2, "COUNTRY", "JPN", "Japan", "JPN", "Asia-Pacific Group"),
        _entity(D4, "COUNTRY", "AUS", "Australia", "AUS", "WEOG"),
        _entity(D1, "ORG", "org:igf", "Internet Governance Forum"),
        _entity(D2, "ORG", "org:igf", "Internet Governance Forum"),
        _entity(D0, "BLOC", "bloc:asean", "Association of Southeast Asian Nations"),
    ])
    sdgs = SDGS.frame([
        _sdg(D1, 10, "declared", "GOAL 10: Reduced Inequalities"),
        _sdg(D4, 17, "declared", "17. Partnerships for the Goals"),
        _sdg(D4, 9, "explicit", "SDG goal 9.5"),
        _sdg(D2, 10, "inferred", "exacerbate the global digital divide"),
        _sdg(D0, None, "agenda", "2030 Agenda for Sustainable Development"),
    ])
    topics = TOPICS.frame([
        {"topic_id": -1, "label": "outliers", "top_terms": None, "size": 2,
         "theme_overlap": None},
        {"topic_id": 0, "label": "data, border, sovereignty", "top_terms": "data; border",
         "size": 5, "theme_overlap": "data_sovereignty"},
        {"topic_id": 1, "label": "divide, intelligent, regions", "top_terms": "divide",
         "size": 4, "theme_overlap": "digital_divide"},
    ])
    doc_topics = DOC_TOPICS.frame([
        {"doc_id": d, "paragraph": p, "topic_id": t, "probability": 0.9}
        for d, p, t in [(D0, 0, 1), (D0, 1, -1), (D1, 0, 0), (D2, 0, 1), (D2, 1, 0),
                        (D3, 0, 1), (D4, 0, -1)]
    ])
    return {"themes": themes, "entities": entities, "sdgs": sdgs, "topics": topics,
            "doc_topics": doc_topics}


@cache
def _parsed() -> dict[str, pd.DataFrame]:
    return govtext.parse_corpus(RAW).tables()


def sample_tables() -> dict[str, pd.DataFrame]:
    """Parsed samples plus the hand-made analysis tables (fresh copies each call)."""
    tables = {name: df.copy() for name, df in _parsed().items()}
    tables.update(analysis_tables())
    return tables


def run_info() -> dict:
    return {"command": "analyze", "inputs": ["data/raw"], "themes_file": None,
            "settings": {"seed": 42}, "versions": {"govtext": govtext.__version__},
            "counts": {"documents": 5}, "timings_s": {"parse": 0.1}}


def write_run(out: Path, tables: dict[str, pd.DataFrame], trends: pd.DataFrame | None = None
              ) -> Path:
    """A complete output folder as the pipeline writes it (tables, codebook, run.json)."""
    schemas = {**TABLES, TRENDS.name: TRENDS}
    all_tables = dict(tables, **({"trends": trends} if trends is not None else {}))
    with OutputFolder(out) as folder:
        for name, df in all_tables.items():
            folder.write_table(schemas[name], df)
        folder.write_text("codebook.md", render_codebook(schemas[n] for n in all_tables))
        folder.write_bytes("run.json", json.dumps(run_info()).encode())
        folder.commit()
    return out
