"""Rows of the ``sdgs`` table: declared goals, explicit mentions, agenda references and
inferred goals, each with its evidence sentence located in a section's text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from govtext.extract.sdg.explicit import declared_line
from govtext.extract.sdg.hits import sdg_hits
from govtext.extract.sdg.registers import register_of
from govtext.extract.sdg.textspans import sentence_around
from govtext.schema import SDGS, Document


def _declared_rows(doc: Document) -> list[dict[str, Any]]:
    """One row per declared goal, located at its 'GOAL n: ...' line.

    When the line lies outside every section (session pages list goals in the page header),
    the row has section '' and offsets into the document's canonical text.
    """
    rows = []
    for goal in doc.sdgs_declared:
        row: dict[str, Any] = {"doc_id": doc.doc_id, "sdg": goal, "target": None,
                               "kind": "declared", "score": 1.0, "method": "declared line",
                               "section": "", "section_position": None, "start_char": None,
                               "end_char": None, "evidence": None}
        found = declared_line(doc.text, goal)
        if found is not None:
            start, end = found
            for i, s in enumerate(doc.sections):
                if s.start_char <= start and end <= s.end_char:
                    row.update(section=s.section, section_position=i,
                               start_char=start - s.start_char, end_char=end - s.start_char)
                    break
            else:
                row.update(start_char=start, end_char=end)
            row["evidence"] = doc.text[start:end]
        rows.append(row)
    return rows


def _section_rows(doc: Document, position: int) -> list[dict[str, Any]]:
    section = doc.sections[position]
    text = section.text
    rows, seen = [], set()
    for h in sdg_hits(text, register=register_of(doc.doc_kind)):
        if h.kind == "inferred":
            start, end = h.start, h.end
        else:
            start, end = sentence_around(text, h.start, h.end)
        key = (h.goal, h.target, h.kind, start)
        if key in seen:
            continue
        seen.add(key)
        rows.append({"doc_id": doc.doc_id, "sdg": h.goal, "target": h.target, "kind": h.kind,
                     "score": h.score, "method": h.method, "section": section.section,
                     "section_position": position, "start_char": start, "end_char": end,
                     "evidence": text[start:end]})
    return rows


def sdg_rows(documents: Sequence[Document]) -> list[dict[str, Any]]:
    rows = []
    for doc in documents:
        rows.extend(_declared_rows(doc))
        for i in range(len(doc.sections)):
            rows.extend(_section_rows(doc, i))
    return rows


def sdgs_frame(documents: Sequence[Document]) -> pd.DataFrame:
    """The typed, sorted ``sdgs`` table for ``documents``."""
    return SDGS.frame(sdg_rows(documents))


def document_sdg_scores(sdgs: pd.DataFrame) -> pd.DataFrame:
    """Per-document score of each inferred goal: the noisy-OR of its paragraph scores
    (1 - prod(1 - p)), with the number of paragraphs behind it. Columns: doc_id, sdg, score,
    n_paragraphs; sorted by doc_id, then score descending."""
    inferred = sdgs[sdgs.kind == "inferred"]
    rows = []
    for (doc_id, sdg), group in inferred.groupby(["doc_id", "sdg"], sort=True):
        score = 1.0 - float((1.0 - group.score.astype(float)).prod())
        rows.append({"doc_id": doc_id, "sdg": int(sdg), "score": round(score, 4),
                     "n_paragraphs": len(group)})
    out = pd.DataFrame(rows, columns=["doc_id", "sdg", "score", "n_paragraphs"])
    return out.sort_values(["doc_id", "score", "sdg"], ascending=[True, False, True],
                           kind="stable").reset_index(drop=True)
