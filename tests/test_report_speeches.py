"""Charts and report at corpus scale: the 2,299 UN General Debate speeches (12 sessions).

The fast tests parse every speech for real and stand in a keyword rule for the theme coder
(the coder takes half a minute on this corpus); the slow one runs the real coder.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

import govtext
from govtext.ingest.corpus import Corpus
from govtext.report.figures import draw_figures, render_figures
from govtext.report.html import render_report
from govtext.schema import THEMES
from govtext.trends import compute_trends

YEARS = [2003, 2005, 2007, 2009, 2011, 2013, 2015, 2017, 2019, 2021, 2023, 2024]
#: Stand-in coder: theme id -> a phrase whose presence codes the speech.
RULES = {"sustainability": "sustainable development", "connectivity": "internet",
         "cybersecurity": "cyber"}


@pytest.fixture(scope="module")
def corpus(ungdc_dir: Path) -> Corpus:
    return govtext.parse_corpus(ungdc_dir / "txt")


def _rule_themes(corpus: Corpus) -> pd.DataFrame:
    rows = []
    for doc in corpus.documents:
        low = doc.text.lower()
        for theme, phrase in RULES.items():
            if (at := low.find(phrase)) >= 0:
                rows.append({"doc_id": doc.doc_id, "theme": theme, "n_hits": 1,
                             "section": "body", "section_position": 0, "start_char": at,
                             "end_char": at + len(phrase),
                             "evidence": doc.text[at:at + len(phrase)],
                             "sentence": doc.text[max(0, at - 80):at + 120]})
    return THEMES.frame(rows)


def test_year_by_theme_chart_shows_all_twelve_years(corpus: Corpus, tmp_path: Path) -> None:
    tables = corpus.tables()
    tables["themes"] = _rule_themes(corpus)
    trends = compute_trends(tables)
    themes = trends[(trends["dimension"] == "theme") & trends["breakdown"].isna()]
    assert sorted(themes["year"].unique()) == YEARS
    assert themes.groupby("year")["n_docs_year"].first().sum() == 2299
    figures = draw_figures(tables, trends)
    heat = figures["theme_heatmap"].axes[0]
    labels = [t.get_text().split("\n")[0] for t in heat.get_xticklabels()]
    assert labels == [str(y) for y in YEARS]
    line = figures["theme_shares"].axes[0].get_lines()[0]
    assert list(line.get_xdata()) == YEARS


def test_report_is_produced_for_the_speeches(corpus: Corpus, tmp_path: Path) -> None:
    tables = corpus.tables()
    tables["themes"] = _rule_themes(corpus)
    trends = compute_trends(tables, by="doc_kind")
    paths = render_figures(tables, trends, tmp_path)
    assert {p.name for p in paths} >= {"theme_shares.png", "theme_heatmap.png",
                                       "corpus_by_year.png"}
    html = render_report(tables, trends, paths, {"settings": {"seed": 42}})
    assert "2299 unique documents" in html
    assert "<h4>2003</h4>" in html and "<h4>2024</h4>" in html


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("GOVTEXT_SLOW") != "1",
                    reason="runs the real theme coder over 2,299 speeches; GOVTEXT_SLOW=1")
def test_real_theme_coder_gives_twelve_years_of_theme_trends(corpus: Corpus,
                                                             tmp_path: Path) -> None:
    from govtext.themes import code_themes

    tables = corpus.tables()
    tables["themes"], tables["theme_hits"] = code_themes(corpus.documents)
    trends = compute_trends(tables)
    digital = trends[(trends["dimension"] == "theme") & (trends["key"] == "digital_divide")]
    assert sorted(digital["year"]) == YEARS
    assert (digital["ci_low"] <= digital["share"]).all()
    assert (digital["share"] <= digital["ci_high"]).all()
    assert render_figures(tables, trends, tmp_path)
