"""Charts of shares over time: themes and topics (small multiples), SDGs and themes
(year heatmaps). Each builder returns a Figure, or None when the run has no such data."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from govtext.report.chart_style import (
    OKABE_ITO,
    SEQUENTIAL,
    WIDTH,
    n_note,
    top_keys,
    whole_year,
    year_ticks,
)
from govtext.report.labels import key_label, sdg_titles, topic_labels


def _shares_figure(rows: pd.DataFrame, counts: pd.Series, keys: list[str],
                   label: Callable[[str], str], title: str) -> Figure:
    """Small multiples of share by year with Wilson bands; horizontal bars for one year."""
    if len(counts) == 1:
        year, n = next(iter(counts.items()))
        sub = rows.set_index("key").loc[keys[::-1]]
        fig = Figure(figsize=(WIDTH, 1.2 + 0.32 * len(keys)), layout="constrained")
        ax = fig.add_subplot()
        err = np.vstack([sub["share"] - sub["ci_low"], sub["ci_high"] - sub["share"]])
        names = [textwrap.fill(textwrap.shorten(label(k), 84, placeholder="…"), 45)
                 for k in sub.index]  # at most two lines per bar
        ax.barh(names, sub["share"],
                xerr=err, color=OKABE_ITO[0], ecolor="#333333", capsize=2)
        ax.set_xlim(0, 1)
        ax.set_xlabel(f"Share of {year} documents (n={n}), 95% Wilson interval")
        fig.suptitle(f"{title.replace(', by year', '')}, {year}")
        return fig
    ncols = min(4, len(keys))
    nrows = -(-len(keys) // ncols)
    fig = Figure(figsize=(WIDTH, 0.9 + 1.45 * nrows), layout="constrained")
    axes = fig.subplots(nrows, ncols, sharex=True, sharey=True, squeeze=False).ravel()
    years = counts.index.to_numpy()
    for ax, key in zip(axes, keys, strict=False):
        sub = rows[rows["key"] == key].set_index("year").reindex(years)
        ax.fill_between(years, sub["ci_low"], sub["ci_high"], color=OKABE_ITO[4],
                        alpha=0.35, linewidth=0)
        ax.plot(years, sub["share"], color=OKABE_ITO[0], marker="o", markersize=2.5,
                linewidth=1.2)
        # At most two lines, so that titles never crowd the panels.
        ax.set_title(textwrap.fill(textwrap.shorten(label(key), 46, placeholder="…"), 24),
                     fontsize=7)
        ax.set_ylim(0, 1)
        year_ticks(ax, years)
    for ax in axes[len(keys):]:
        ax.set_visible(False)
    for ax in axes[::ncols]:
        ax.set_ylabel("Share of documents")
    for ax in axes[max(0, len(keys) - ncols):len(keys)]:  # lowest panel of each column
        ax.set_xlabel("Year")
        ax.tick_params(labelbottom=True)
    fig.suptitle(f"{title} (line: share; band: 95% Wilson interval)")
    fig.text(0.01, 0.0, n_note(counts), fontsize=6, va="bottom")
    fig.get_layout_engine().set(rect=(0, 0.04, 1, 0.96))
    return fig


def theme_shares(tables: dict, trends: pd.DataFrame, counts: pd.Series,
                  themes: dict[str, str]) -> Figure | None:
    rows = whole_year(trends, "theme")
    keys = top_keys(rows, 20)
    if not keys:
        return None
    return _shares_figure(rows, counts, keys, lambda k: key_label("theme", k, themes, {}),
                          "Documents coding each theme, by year")


def topic_prevalence(tables: dict, trends: pd.DataFrame, counts: pd.Series,
                      themes: dict[str, str]) -> Figure | None:
    rows = whole_year(trends, "topic")
    keys = top_keys(rows, 8)
    if not keys:
        return None
    topics = topic_labels(tables)
    return _shares_figure(rows, counts, keys, lambda k: key_label("topic", k, {}, topics),
                          "Documents with each topic (8 largest), by year")


def sdg_heatmap(tables: dict, trends: pd.DataFrame, counts: pd.Series,
                 themes: dict[str, str]) -> Figure | None:
    rows = whole_year(trends, "sdg_kind")
    parts = rows["key"].str.split(":", n=1, expand=True) if len(rows) else None
    if parts is None or parts.shape[1] < 2:
        return None
    rows = rows.assign(goal=pd.to_numeric(parts[0], errors="coerce"), kind=parts[1])
    kinds = [k for k in ("declared", "explicit", "inferred") if (rows["kind"] == k).any()]
    if not kinds:
        return None
    goals = list(range(1, 18))
    years = counts.index.to_list()
    fig = Figure(figsize=(WIDTH, 3.6), layout="constrained")
    axes = fig.subplots(1, len(kinds), sharey=True, squeeze=False).ravel()
    titles = sdg_titles()
    image = None
    for ax, kind in zip(axes, kinds, strict=True):
        sub = rows[rows["kind"] == kind].pivot_table(index="goal", columns="year",
                                                    values="share", aggfunc="first")
        grid = sub.reindex(index=goals, columns=years).fillna(0.0).to_numpy()
        image = ax.imshow(grid, aspect="auto", cmap=SEQUENTIAL, vmin=0, vmax=1)
        ax.set_xticks(range(len(years)), [f"{y}\nn={counts[y]}" for y in years],
                      rotation=90 if len(years) > 4 else 0)
        ax.set_title({"declared": "Declared\non the page", "explicit": "Named\nin the text",
                      "inferred": "Inferred\nfrom content"}[kind])
        ax.set_xlabel("Year")
    names = [textwrap.shorten(f"{g} {titles.get(g, '')}", 30, placeholder="…") for g in goals]
    axes[0].set_yticks(range(len(goals)), names)
    axes[0].set_ylabel("Sustainable Development Goal")
    fig.colorbar(image, ax=list(axes), label="Share of documents", shrink=0.8)
    fig.suptitle("SDGs by year: share of documents with evidence, by kind of evidence")
    return fig


def _year_columns(counts: pd.Series) -> list[str]:
    return [f"{y}\nn={n}" for y, n in counts.items()]


def theme_heatmap(tables: dict, trends: pd.DataFrame, counts: pd.Series,
                  themes: dict[str, str]) -> Figure | None:
    """Themes x years, every year labelled with its n, each cell its share in percent."""
    rows = whole_year(trends, "theme")
    keys = top_keys(rows, 20)
    if not keys:
        return None
    grid = rows.pivot_table(index="key", columns="year", values="share", aggfunc="first")
    grid = grid.reindex(index=keys, columns=counts.index).fillna(0.0)
    fig = Figure(figsize=(WIDTH, 1.4 + 0.26 * len(keys)), layout="constrained")
    ax = fig.add_subplot()
    image = ax.imshow(grid.to_numpy(), aspect="auto", cmap=SEQUENTIAL, vmin=0, vmax=1)
    ax.set_xticks(range(len(counts)), _year_columns(counts),
                  rotation=90 if len(counts) > 8 else 0, fontsize=6)
    ax.set_yticks(range(len(keys)), [textwrap.shorten(key_label("theme", k, themes, {}), 40,
                                                      placeholder="…") for k in keys])
    if len(counts) <= 16:  # room for the numbers themselves
        for (i, j), share in np.ndenumerate(grid.to_numpy()):
            ax.text(j, i, f"{share:.0%}", ha="center", va="center", fontsize=5.5,
                    color="black" if share > 0.55 else "white")
    ax.set_xlabel("Year (n = documents)")
    ax.set_ylabel("Theme")
    fig.colorbar(image, ax=ax, label="Share of documents", shrink=0.8)
    ax.set_title("Themes by year: share of documents coding the theme")
    return fig
