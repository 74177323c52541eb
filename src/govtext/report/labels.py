"""Readable names for trend keys: theme labels, SDG goal titles, topic labels."""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib import resources
from pathlib import Path

import pandas as pd


def theme_labels(themes_file: str | Path | None = None) -> dict[str, str]:
    """Theme id -> label from the codebook the run used; ids stand in if it cannot be read."""
    try:
        from govtext.themes import load_codebook

        book = load_codebook(Path(themes_file) if themes_file else None)
        return {t.id: t.label for t in book.themes}
    except Exception:  # a report must still render when the codebook moved or is broken
        return {}


@cache
def sdg_titles() -> dict[int, str]:
    """Goal number -> short title (package data from open-sdg, MIT)."""
    text = resources.files("govtext").joinpath("data/sdg_goals.csv").read_text("utf-8")
    rows = csv.DictReader(io.StringIO("".join(
        line for line in text.splitlines(keepends=True) if not line.startswith("#"))))
    return {int(r["goal"]): r["title_short"] for r in rows}


def topic_labels(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    """Topic id (as the trends key, a string) -> label from the ``topics`` table."""
    topics = tables.get("topics")
    if topics is None or topics.empty:
        return {}
    return {str(t): str(label) for t, label in zip(topics["topic_id"], topics["label"],
                                                   strict=True) if pd.notna(label)}


def country_names(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    """ISO3 -> canonical country name, from the ``entities`` table."""
    ents = tables.get("entities")
    if ents is None or ents.empty:
        return {}
    rows = ents[(ents["label"] == "COUNTRY") & ents["iso3"].notna()].sort_values("iso3")
    return dict(zip(rows["iso3"], rows["canonical_name"], strict=True))


def key_label(dimension: str, key: str, themes: dict[str, str], topics: dict[str, str],
              countries: dict[str, str] | None = None) -> str:
    """How a trends key is shown to a reader."""
    if dimension == "country" and countries and key in countries:
        return f"{countries[key]} ({key})"
    if dimension == "theme":
        return themes.get(key, key.replace("_", " "))
    if dimension == "topic":
        return f"Topic {key}: {topics[key]}" if key in topics else f"Topic {key}"
    if dimension == "sdg" and key.isdigit():
        return f"SDG {key} {sdg_titles().get(int(key), '')}".rstrip()
    return key
