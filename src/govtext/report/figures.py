"""Charts of a run, as PNG (for the report) and SVG (for papers) under ``DIR/figures/``.

Every chart is drawn from the ``trends`` table (or, for participant composition, directly
from ``participants``), titled, with labelled axes and the number of documents per year.
Colours are Okabe-Ito (safe for the common colour-vision deficiencies) and sizes fit an A4
text width. Output is deterministic: no dates in the files, a fixed SVG id salt.
Uses matplotlib's object API (no pyplot), so no global state or GUI backend is touched.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import matplotlib as mpl
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from govtext.report import charts_corpus, charts_trends
from govtext.report.chart_style import OKABE_ITO, RC, year_counts
from govtext.report.labels import theme_labels

#: How each figure is computed, for the report's methods section.
FIGURE_NOTES = {
    "corpus_by_year": "Unique (non-duplicate) documents with a year, stacked by document kind.",
    "theme_shares": "Share of each year's documents with at least one codebook hit of the "
                    "theme (trends dimension theme), with the 95% Wilson interval as a band "
                    "(error bars when the corpus has one year).",
    "theme_heatmap": "The theme shares of every year as one table of colours, with the "
                     "share printed in each cell and the documents of each year under it.",
    "sdg_heatmap": "Share of each year's documents with evidence for each goal, one panel "
                   "per kind of evidence (declared on the page, explicitly named, inferred "
                   "from the text); trends dimension sdg_kind.",
    "participants_composition": "People named on the documents of each year (each person "
                                "once per document), by stakeholder and by UN regional "
                                "group; people without a group are left out.",
    "top_organizations_countries": "Organizations and countries named in the most documents "
                                   "(entities table; whole corpus).",
    "topic_prevalence": "Share of each year's documents with at least one paragraph in the "
                        "topic (outlier topic -1 left out), with 95% Wilson intervals.",
}


_BUILDERS: dict[str, Callable[..., Figure | None]] = {
    "corpus_by_year": charts_corpus.corpus_by_year,
    "theme_shares": charts_trends.theme_shares,
    "theme_heatmap": charts_trends.theme_heatmap,
    "sdg_heatmap": charts_trends.sdg_heatmap,
    "participants_composition": charts_corpus.participants_composition,
    "top_organizations_countries": charts_corpus.top_organizations_countries,
    "topic_prevalence": charts_trends.topic_prevalence,
}


def draw_figures(tables: dict[str, pd.DataFrame], trends: pd.DataFrame,
                 themes: dict[str, str] | None = None) -> dict[str, Figure]:
    """Every chart the data supports, by name, in report order (not yet saved).

    A chart whose data is absent (no participants, no topic model...) is left out rather
    than drawn empty. ``themes`` maps theme ids to labels (default: packaged codebook).
    """
    themes = theme_labels() if themes is None else themes
    counts = year_counts(trends)
    if counts.empty:
        return {}
    with mpl.rc_context(RC):  # fonts and sizes are fixed when artists are created
        drawn = {name: build(tables, trends, counts, themes)
                 for name, build in _BUILDERS.items()}
    return {name: fig for name, fig in drawn.items() if fig is not None}


def render_figures(tables: dict[str, pd.DataFrame], trends: pd.DataFrame, out_dir: Path,
                   *, themes: dict[str, str] | None = None) -> list[Path]:
    """Write ``out_dir/figures/NAME.png`` and ``.svg`` for every chart; returns the paths."""
    figures = draw_figures(tables, trends, themes)
    folder = Path(out_dir) / "figures"
    written: list[Path] = []
    with mpl.rc_context(RC):  # svg.hashsalt and dpi are read when saving
        for name, fig in figures.items():
            folder.mkdir(parents=True, exist_ok=True)
            FigureCanvasAgg(fig)
            png, svg = folder / f"{name}.png", folder / f"{name}.svg"
            fig.savefig(png, format="png", metadata={"Software": None})
            fig.savefig(svg, format="svg", metadata={"Date": None})
            written += [png, svg]
    return written

__all__ = ["FIGURE_NOTES", "OKABE_ITO", "draw_figures", "render_figures"]
