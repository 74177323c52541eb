"""Topic prevalence per year with its denominators (BERTopic's ``topics_over_time`` gives raw
counts only, which cannot be compared across years of different size)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from govtext.schema import TOPICS_OVER_TIME
from govtext.themes.topics.units import Unit


def topics_over_time(units: Sequence[Unit], topics: Sequence[int]) -> pd.DataFrame:
    """One row per year and topic: paragraphs, documents and the share of the year's paragraphs.

    Paragraphs of documents without a year are left out (they belong to no year). Every topic
    seen in a year gets a row; ``share_of_year`` sums to 1 over a year's rows.
    """
    per_year: dict[int, int] = {}
    cells: dict[tuple[int, int], tuple[int, set[str]]] = {}
    for unit, topic in zip(units, topics, strict=True):
        if unit.year is None:
            continue
        per_year[unit.year] = per_year.get(unit.year, 0) + 1
        n, docs = cells.get((unit.year, int(topic)), (0, set()))
        docs.add(unit.doc_id)
        cells[(unit.year, int(topic))] = (n + 1, docs)
    rows = [{"year": year, "topic_id": topic, "n_units": n, "n_docs": len(docs),
             "share_of_year": round(n / per_year[year], 6)}
            for (year, topic), (n, docs) in sorted(cells.items())]
    return TOPICS_OVER_TIME.frame(rows)
