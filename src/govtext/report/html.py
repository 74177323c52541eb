"""``report.html``: one self-contained page a researcher can open, read and cite from.

Sections: corpus summary, charts (PNG embedded as data: URIs), top tables, evidence quotes
per theme and year, methods. Every value from the documents is HTML-escaped; the page has
a Content-Security-Policy that forbids fetching anything and running scripts. It holds no
dates or timings, so the same run gives the same bytes.
"""

from __future__ import annotations

import base64
import html
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

import pandas as pd

from govtext.report.evidence import evidence_quotes
from govtext.report.figures import FIGURE_NOTES
from govtext.report.labels import country_names, key_label, theme_labels, topic_labels
from govtext.schema import DIMENSIONS
from govtext.trends import dated_documents, wilson_interval

#: Dimensions shown as top tables, with their headings.
_TOP_TABLES = {"theme": "Themes", "sdg": "SDGs (any evidence)", "topic": "Topics",
               "organization": "Organizations", "country": "Countries",
               "un_group": "UN regional groups of countries named", "bloc": "Blocs"}


def _e(value: Any) -> str:
    return html.escape("" if value is None or value is pd.NA else str(value))


def _table(header: list[str], rows: list[list[Any]], numeric: set[int] | None = None) -> str:
    """An HTML table; columns in ``numeric`` are right-aligned."""
    numeric = numeric or set()

    def cell(tag: str, i: int, v: Any) -> str:
        cls = ' class="num"' if i in numeric else ""
        return f"<{tag}{cls}>{_e(v)}</{tag}>"

    head = "".join(cell("th", i, h) for i, h in enumerate(header))
    body = "".join("<tr>" + "".join(cell("td", i, v) for i, v in enumerate(r)) + "</tr>"
                   for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _section(anchor: str, title: str, content: str) -> tuple[str, str]:
    return (f'<li><a href="#{anchor}">{_e(title)}</a></li>',
            f'<section id="{anchor}"><h2>{_e(title)}</h2>{content}</section>')


def _summary(tables: dict[str, pd.DataFrame], run_info: dict[str, Any]) -> str:
    docs = tables["documents"]
    unique = docs[docs["duplicate_of"].isna()]
    years = unique["year"].astype("Int64").astype("string").fillna("no year")
    grid = pd.crosstab(unique["doc_kind"].astype(str), years.astype(str))
    grid["total"] = grid.sum(axis=1)
    rows = [[kind, *map(int, row)] for kind, row in grid.iterrows()]
    rows.append(["total", *map(int, grid.sum())])
    out = [f"<p>{len(unique)} unique documents ({len(docs) - len(unique)} byte-identical "
           f"duplicates set aside) from {_e(', '.join(run_info.get('inputs', [])) or 'input')}."
           f" Trends use the {int(unique['year'].notna().sum())} documents with a year.</p>",
           "<h3>Documents by kind and year</h3>",
           _table(["kind", *grid.columns], rows, set(range(1, len(grid.columns) + 1)))]
    rejects = tables.get("rejects")
    if rejects is not None and len(rejects):
        by_reason = rejects.groupby("reason").size().sort_index()
        out += ["<h3>Rejected inputs</h3>",
                _table(["reason", "inputs"], [[r, int(n)] for r, n in by_reason.items()], {1})]
    else:
        out.append("<p>No input was rejected.</p>")
    return "".join(out)


def _figures(figures: list[Path]) -> str:
    out = []
    for png in (p for p in figures if p.suffix == ".png"):  # in the order they were drawn
        data = base64.b64encode(png.read_bytes()).decode("ascii")
        note = FIGURE_NOTES.get(png.stem, "")
        out.append(f'<h3>{_e(png.stem.replace("_", " ").capitalize())}</h3>'
                   f'<figure id="fig-{_e(png.stem)}"><img src="data:image/png;base64,{data}" '
                   f'alt="{_e(png.stem.replace("_", " "))}: {_e(note)}">'
                   f"<figcaption>{_e(note)} Vector version: <code>figures/{_e(png.stem)}.svg"
                   "</code>.</figcaption></figure>")
    return "".join(out) or "<p>No chart could be drawn: the run has no dated documents.</p>"


def _top_tables(trends: pd.DataFrame, n_dated: int, labels: dict[str, dict[str, str]]) -> str:
    whole = trends[trends["breakdown"].isna()]
    out = []
    for dimension, heading in _TOP_TABLES.items():
        rows = whole[whole["dimension"] == dimension]
        totals = rows.groupby("key")["n_docs_with"].sum()
        totals = totals[totals > 0]
        if totals.empty or n_dated == 0:
            continue
        top = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
        body = []
        for key, k in top:
            lo, hi = wilson_interval(int(k), n_dated)
            by_year = rows[rows["key"] == key].sort_values("year")
            first, last = by_year.iloc[0], by_year.iloc[-1]
            name = key_label(dimension, key, labels["theme"], labels["topic"],
                             labels["country"])
            body.append([name, int(k),
                         f"{k / n_dated:.0%} ({lo:.0%}–{hi:.0%})",
                         f"{first['year']}: {first['share']:.0%}",
                         f"{last['year']}: {last['share']:.0%}"])
        out += [f"<h3>{_e(heading)}</h3>",
                _table([dimension.replace("_", " "), "documents", "share (95% CI)",
                        "first year", "last year"], body, {1})]
    return "".join(out) or "<p>No analysis tables in this run.</p>"


def _evidence(tables: dict[str, pd.DataFrame], themes: dict[str, str]) -> str:
    quotes = evidence_quotes(tables)
    if quotes.empty:
        return "<p>No theme was coded in this run.</p>"
    out = ["<p>Up to three documents per theme and year, most hits first; the marked words "
           "are the codebook hit, the sentence is quoted as it stands in the document.</p>"]
    for theme, per_theme in quotes.groupby("theme", sort=False):
        out.append(f"<h3>{_e(key_label('theme', str(theme), themes, {}))}</h3>")
        for year, rows in per_theme.groupby("year", sort=True):
            out.append(f"<h4>{_e(year)}</h4>")
            for q in rows.itertuples():
                before, mark, after = q.parts
                out.append(f"<blockquote><p>{_e(before)}<mark>{_e(mark)}</mark>{_e(after)}"
                           f"</p><footer>{_e(q.title)} <span class=\"muted\">"
                           f"({_e(q.doc_id)}, {_e(q.section)})</span></footer></blockquote>")
    return "".join(out)


def _methods(run_info: dict[str, Any], by: str | None) -> str:
    settings = run_info.get("settings", {})
    notes = [[name.replace("_", " "), text] for name, text in FIGURE_NOTES.items()]
    versions = sorted(run_info.get("versions", {}).items())
    return "".join([
        "<p>Each trend is the share of a year's unique documents (byte-identical duplicates "
        "and documents without a year left out) with at least one piece of evidence for the "
        "key: a codebook theme hit, a paragraph of the topic, SDG evidence of a given kind, "
        "an entity mention, or a participant of the group. Years without documents are "
        "absent, not zero. The 95% interval is the Wilson score interval, which stays "
        "within 0–1 and is honest for small yearly counts. Dimensions: "
        f"{_e(', '.join(DIMENSIONS))}"
        + (f"; broken down by {_e(by)} in the trends table." if by else ".") + "</p>",
        "<h3>How each chart is computed</h3>", _table(["chart", "method"], notes),
        f"<h3>Run</h3><p>Command <code>{_e(run_info.get('command', ''))}</code>; seed "
        f"<code>{_e(settings.get('seed', 'n/a'))}</code>; theme codebook "
        f"<code>{_e(run_info.get('themes_file') or 'packaged')}</code>. Settings, counts "
        "and timings per stage are in <code>run.json</code>; every column is described "
        "in <code>codebook.md</code>.</p>",
        "<h3>Versions</h3>", _table(["package", "version"], [list(v) for v in versions]),
    ])


def render_report(tables: dict[str, pd.DataFrame], trends: pd.DataFrame,
                  figures: list[Path], run_info: dict[str, Any]) -> str:
    """The HTML text of ``report.html`` (write it as UTF-8)."""
    themes = theme_labels(run_info.get("themes_file"))
    labels = {"theme": themes, "topic": topic_labels(tables),
              "country": country_names(tables)}
    dated = dated_documents(tables["documents"])
    years = sorted(dated["year"].unique())
    span = f"{years[0]}–{years[-1]}" if years else "no dated documents"
    # The breakdown variable is a setting of the run (settings.trends_by), not a column.
    by = run_info.get("settings", {}).get("trends_by") if trends["breakdown"].notna().any() \
        else None
    parts = [
        _section("summary", "Corpus", _summary(tables, run_info)),
        _section("charts", "Charts", _figures(figures)),
        _section("tables", "Top tables", _top_tables(trends, len(dated), labels)),
        _section("evidence", "Evidence by theme and year", _evidence(tables, themes)),
        _section("methods", "Methods", _methods(run_info, by or None)),
    ]
    template = Template(resources.files("govtext.report").joinpath(
        "templates/report.html").read_text("utf-8"))
    version = run_info.get("versions", {}).get("govtext", "")
    return template.substitute(
        title=_e(f"govtext report: {len(dated)} documents, {span}"),
        lede=_e(f"Generated by govtext {version} from the tables in this folder. Each share "
                "has its denominator and 95% interval; each theme leads to its quotes."),
        version=_e(version), nav="".join(n for n, _ in parts),
        body="\n".join(b for _, b in parts))
