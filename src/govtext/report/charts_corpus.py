"""Charts of who and what the corpus holds: documents by year and kind, participant
composition, most-named organizations and countries. Builders return None without data."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from govtext.report.chart_style import OKABE_ITO, OTHER, WIDTH, whole_year
from govtext.report.labels import country_names
from govtext.trends import participant_composition


def participants_composition(tables: dict, trends: pd.DataFrame, counts: pd.Series,
                  themes: dict[str, str]) -> Figure | None:
    comps = {col: participant_composition(tables, col)
             for col in ("stakeholder_group", "regional_group")}
    comps = {col: c for col, c in comps.items() if not c.empty}
    if not comps:
        return None
    fig = Figure(figsize=(WIDTH, 3.0 * len(comps)), layout="constrained")
    axes = fig.subplots(len(comps), 1, squeeze=False).ravel()
    for ax, (col, comp) in zip(axes, comps.items(), strict=True):
        table = comp.pivot_table(index="year", columns="group", values="n_people",
                                 aggfunc="sum", fill_value=0)
        groups = table.sum().sort_values(ascending=False, kind="stable").index.tolist()
        # Every year of the corpus, so a year without named people shows as empty, not gone.
        table = table[groups].reindex(counts.index, fill_value=0)
        shares = table.div(table.sum(axis=1).replace(0, np.nan), axis=0).fillna(0.0)
        x = np.arange(len(table))
        bottom = np.zeros(len(table))
        for i, group in enumerate(groups):
            colour = OKABE_ITO[i] if i < len(OKABE_ITO) else OTHER
            ax.bar(x, shares[group], bottom=bottom, color=colour, label=group, width=0.7)
            bottom += shares[group].to_numpy()
        ax.set_xticks(x, [f"{y}\n{table.loc[y].sum()} people\ndocs n={counts[y]}"
                          for y in table.index])
        ax.set_ylim(0, 1)
        ax.set_ylabel("Share of people")
        ax.set_xlabel("Year")
        ax.set_title(col.replace("_", " ").capitalize())
        ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False)
    fig.suptitle("Participants by year: composition")
    return fig


def top_organizations_countries(tables: dict, trends: pd.DataFrame, counts: pd.Series,
                  themes: dict[str, str]) -> Figure | None:
    panels = [("organization", "Top organizations"), ("country", "Top countries")]
    data = [(t, whole_year(trends, d).groupby("key")["n_docs_with"].sum()) for d, t in panels]
    data = [(t, s[s > 0].sort_index().sort_values(ascending=False, kind="stable").head(15))
            for t, s in data]
    names = country_names(tables)
    data = [(t, s.rename(lambda k: f"{names[k]} ({k})" if k in names else k))
            for t, s in data]
    data = [(t, s) for t, s in data if len(s)]
    if not data:
        return None
    n_total = int(counts.sum())
    fig = Figure(figsize=(WIDTH, 3.6), layout="constrained")
    axes = fig.subplots(1, len(data), squeeze=False).ravel()
    for ax, (title, s) in zip(axes, data, strict=True):
        ax.barh([textwrap.shorten(k, 34) for k in s.index[::-1]], s.to_numpy()[::-1],
                color=OKABE_ITO[0])
        ax.set_title(title)
        ax.set_xlabel("Documents naming it")
        ax.xaxis.get_major_locator().set_params(integer=True)
    fig.suptitle(f"Most-named organizations and countries ({n_total} documents, "
                 f"{counts.index.min()}-{counts.index.max()})")
    return fig


def corpus_by_year(tables: dict, trends: pd.DataFrame, counts: pd.Series,
                    themes: dict[str, str]) -> Figure | None:
    rows = whole_year(trends, "doc_kind")
    if rows.empty:
        return None
    table = rows.pivot_table(index="year", columns="key", values="n_docs_with", aggfunc="sum")
    kinds = [k for k in table.sum().sort_values(ascending=False, kind="stable").index]
    fig = Figure(figsize=(WIDTH, 2.6), layout="constrained")
    ax = fig.add_subplot()
    x = np.arange(len(table))
    bottom = np.zeros(len(table))
    for i, kind in enumerate(kinds):
        ax.bar(x, table[kind], bottom=bottom, label=kind, width=0.7,
               color=OKABE_ITO[i % len(OKABE_ITO)])
        bottom += table[kind].to_numpy()
    for xi, total in zip(x, bottom, strict=True):
        ax.annotate(f"n={int(total)}", (xi, total), ha="center", va="bottom", fontsize=6)
    ax.set_xticks(x, [str(y) for y in table.index], rotation=90 if len(x) > 8 else 0)
    ax.set_xlabel("Year")
    ax.set_ylabel("Documents")
    ax.set_ylim(0, bottom.max() * 1.15)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(frameon=False, loc="center left", bbox_to_anchor=(1.0, 0.5))
    ax.set_title("Documents by year and kind")
    return fig
