"""report.html: one self-contained, escaped, deterministic page with evidence and methods."""

from __future__ import annotations

import base64
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from govtext.report.evidence import split_quote
from govtext.report.figures import render_figures
from govtext.report.html import render_report
from govtext.trends import compute_trends
from sample_tables import D2, D3, run_info, sample_tables


class _Page(HTMLParser):
    """Collects ids, <img> sources and every URL-bearing attribute."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.imgs: list[dict[str, str | None]] = []
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(str(a["id"]))
        if tag == "img":
            self.imgs.append(a)
        self.urls += [str(v) for k, v in attrs if k in ("src", "href", "srcset") and v]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[Path]]:
    tables = sample_tables()
    trends = compute_trends(tables)
    figures = render_figures(tables, trends, tmp_path_factory.mktemp("run"))
    return render_report(tables, trends, figures, run_info()), figures


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def test_report_embeds_every_chart_and_fetches_nothing(report: tuple[str, list[Path]]) -> None:
    html, figures = report
    page = _parse(html)
    pngs = [p for p in figures if p.suffix == ".png"]
    assert len(page.imgs) == len(pngs) > 0
    for img, png in zip(page.imgs, pngs, strict=True):
        src = str(img["src"])
        assert src.startswith("data:image/png;base64,")
        assert base64.b64decode(src.split(",", 1)[1]) == png.read_bytes()
        assert img.get("alt")
    assert all(u.startswith(("data:", "#")) for u in page.urls), page.urls
    assert "default-src 'none'" in html and "<script" not in html


def test_report_has_every_section(report: tuple[str, list[Path]]) -> None:
    ids = _parse(report[0]).ids
    assert {"summary", "charts", "tables", "evidence", "methods"} <= ids
    assert {"fig-theme_shares", "fig-sdg_heatmap", "fig-topic_prevalence"} <= ids


def test_summary_counts_documents_by_kind_and_year(report: tuple[str, list[Path]]) -> None:
    summary = report[0].split('id="summary"')[1].split("</section>")[0]
    assert "5 unique documents" in summary
    assert re.search(r"<td>igf_session_page</td>(<td[^>]*>\d+</td>){2}"
                     r"<td class=\"num\">3</td>", summary)
    assert "No input was rejected" in summary


def test_evidence_quotes_per_theme_and_year_name_their_documents(
        report: tuple[str, list[Path]]) -> None:
    evidence = report[0].split('id="evidence"')[1].split("</section>")[0]
    divide = evidence.split("<h3>Digital divide and inclusion</h3>")[1].split("<h3>")[0]
    assert "<h4>2022</h4>" in divide and "<h4>2023</h4>" in divide
    titles = sample_tables()["documents"].set_index("doc_id")["title"]
    assert pd.Series([titles[D2], titles[D3]]).map(
        lambda t: t.replace("'", "&#x27;") in divide).all()
    assert "<mark>narrow the digital divide</mark>" in divide


def test_methods_give_interval_seed_versions_and_how_each_chart_is_made(
        report: tuple[str, list[Path]]) -> None:
    methods = report[0].split('id="methods"')[1]
    assert "Wilson" in methods and "<code>42</code>" in methods
    assert "govtext" in methods and "theme shares" in methods


def test_document_text_is_escaped(tmp_path: Path) -> None:
    tables = sample_tables()
    docs = tables["documents"]
    docs.loc[docs["doc_id"] == D3, "title"] = '<script>alert("x")</script><img src=x>'
    html = render_report(tables, compute_trends(tables), [], run_info())
    assert "<script>alert" not in html and "<img src=x>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_same_run_gives_the_same_report(report: tuple[str, list[Path]]) -> None:
    html, figures = report
    tables = sample_tables()
    assert render_report(tables, compute_trends(tables), figures, run_info()) == html


@pytest.mark.parametrize(("sentence", "evidence", "expected"), [
    ("We narrow the divide.", "narrow", ("We ", "narrow", " the divide.")),
    ("We narrow the divide.", "NARROW", ("We ", "narrow", " the divide.")),
    ("No hit here.", "absent", ("No hit here.", "", "")),
])
def test_split_quote_marks_the_hit(sentence: str, evidence: str,
                                   expected: tuple[str, str, str]) -> None:
    assert split_quote(sentence, evidence) == expected


def test_split_quote_cuts_long_sentences_around_the_hit() -> None:
    before, hit, after = split_quote("a " * 500 + "HIT" + " b" * 500, "HIT", limit=100)
    assert hit == "HIT" and before.startswith("… ") and after.endswith(" …")
    assert len(before) + len(after) < 110


def test_report_renders_for_a_corpus_without_dated_documents(tmp_path: Path) -> None:
    tables = sample_tables()
    tables["documents"]["year"] = pd.NA
    trends = compute_trends(tables)
    assert render_figures(tables, trends, tmp_path) == []
    html = render_report(tables, trends, [], run_info())
    assert "no dated documents" in html and "No chart could be drawn" in html
    assert "<h4>" not in html  # no evidence by year without years
