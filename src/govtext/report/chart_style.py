"""Shared look of govtext's charts: palette, sizes, fonts and small layout helpers."""

from __future__ import annotations

import textwrap
from typing import Any

import numpy as np
import pandas as pd

#: Okabe & Ito (2008) colour-blind-safe palette, blue first (yellow is last: weak on white).
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#000000",
             "#F0E442")
OTHER = "#BBBBBB"
#: Sequential colour map for shares: perceptually uniform and readable with colour-blindness.
SEQUENTIAL = "cividis"
#: A4 text width (210 mm less 2 x 25 mm margins) in inches.
WIDTH = 6.3
#: matplotlib settings for every chart: legible at A4 width, and deterministic SVG ids.
RC = {"svg.hashsalt": "govtext", "font.family": "DejaVu Sans", "font.size": 8,
      "axes.titlesize": 9, "axes.labelsize": 8, "xtick.labelsize": 7, "ytick.labelsize": 7,
      "legend.fontsize": 7, "figure.titlesize": 10, "axes.spines.top": False,
      "axes.spines.right": False, "savefig.dpi": 200}


def whole_year(trends: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """Rows of one dimension that are not broken down."""
    return trends[(trends["dimension"] == dimension) & trends["breakdown"].isna()]


def year_counts(trends: pd.DataFrame) -> pd.Series:
    """Documents per year (the denominators), from any dimension's whole-year rows."""
    rows = trends[trends["breakdown"].isna()]
    return rows.groupby("year")["n_docs_year"].first().astype(int).sort_index()


def n_note(counts: pd.Series) -> str:
    """A footnote listing the documents of every year."""
    text = "Documents per year: " + ", ".join(f"{y} n={n}" for y, n in counts.items())
    return "\n".join(textwrap.wrap(text, 130))


def top_keys(rows: pd.DataFrame, limit: int) -> list[str]:
    """Keys by documents over all years (most first, then by key, so ties are stable)."""
    totals = rows.groupby("key")["n_docs_with"].sum()
    totals = totals[totals > 0]
    order = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
    return [k for k, _ in order[:limit]]


def year_ticks(ax: Any, years: np.ndarray) -> None:
    """A tick at every year; labels thinned to about five so that they never collide."""
    ax.set_xticks(years, minor=True)
    if len(years) <= 6:
        labelled = list(years)
    else:
        gap, labelled = (years[-1] - years[0]) / 5, [years[0]]
        for y in years[1:]:
            if y - labelled[-1] >= gap:
                labelled.append(y)
    ax.set_xticks(labelled, [str(y) for y in labelled], rotation=90)
