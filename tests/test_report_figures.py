"""Charts: valid PNG and SVG files, readable, deterministic, sensible for one year."""

from __future__ import annotations

import struct
from pathlib import Path

import pandas as pd
import pytest

from govtext.report.figures import FIGURE_NOTES, OKABE_ITO, draw_figures, render_figures
from govtext.trends import compute_trends
from sample_tables import sample_tables

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return sample_tables()


@pytest.fixture(scope="module")
def rendered(tables: dict[str, pd.DataFrame], tmp_path_factory: pytest.TempPathFactory
             ) -> list[Path]:
    return render_figures(tables, compute_trends(tables), tmp_path_factory.mktemp("run"))


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == PNG_SIGNATURE and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_every_chart_is_a_valid_non_empty_png_with_an_svg_twin(rendered: list[Path]) -> None:
    pngs = [p for p in rendered if p.suffix == ".png"]
    assert {p.stem for p in pngs} == set(FIGURE_NOTES)  # the samples support every chart
    for png in pngs:
        assert png.parent.name == "figures"
        width, height = _png_size(png)
        assert width >= 1000 and height >= 300 and png.stat().st_size > 5000
        svg = png.with_suffix(".svg")
        assert svg in rendered and svg.read_text("utf-8").lstrip().startswith("<?xml")


def test_charts_are_titled_labelled_and_fit_a4(tables: dict[str, pd.DataFrame]) -> None:
    figures = draw_figures(tables, compute_trends(tables))
    for name, fig in figures.items():
        assert fig.get_figwidth() <= 6.3 + 1e-9, name
        title = fig.get_suptitle() or fig.axes[0].get_title()
        assert title, name
        shown = [ax for ax in fig.axes if ax.get_visible() and ax.get_label() != "<colorbar>"]
        assert any(ax.get_xlabel() for ax in shown) and any(ax.get_ylabel() or
                                                            ax.get_yticklabels()
                                                            for ax in shown), name


def test_charts_show_documents_per_year(tables: dict[str, pd.DataFrame]) -> None:
    figures = draw_figures(tables, compute_trends(tables))
    texts = {name: " ".join(t.get_text() for t in fig.findobj(
        lambda a: hasattr(a, "get_text"))) for name, fig in figures.items()}
    for name in ("theme_shares", "sdg_heatmap", "participants_composition",
                 "topic_prevalence", "corpus_by_year"):
        assert "n=3" in texts[name], name  # 2023 has three documents


def test_charts_use_the_colour_blind_safe_palette(tables: dict[str, pd.DataFrame]) -> None:
    from matplotlib.colors import to_hex

    fig = draw_figures(tables, compute_trends(tables))["corpus_by_year"]
    colours = {to_hex(p.get_facecolor()).upper() for p in fig.axes[0].patches}
    assert colours and colours <= {c.upper() for c in OKABE_ITO}


def test_single_year_corpus_gets_bars_not_one_point_lines(
        tables: dict[str, pd.DataFrame]) -> None:
    docs = tables["documents"]
    one_year = dict(tables, documents=docs[docs["year"] == 2023].reset_index(drop=True))
    figures = draw_figures(one_year, compute_trends(one_year))
    themes = figures["theme_shares"]
    assert len(themes.axes) == 1
    assert len(themes.axes[0].patches) >= 2  # one bar per theme coded in 2023
    assert not [ln for ln in themes.axes[0].get_lines() if len(ln.get_xdata()) == 1
                and ln.get_marker() not in (None, "None", "")]


def test_charts_are_byte_identical_across_runs(
        tables: dict[str, pd.DataFrame], rendered: list[Path], tmp_path: Path) -> None:
    trends = compute_trends(tables)
    again = render_figures(tables, trends, tmp_path)
    assert [p.name for p in again] == [p.name for p in rendered]
    for a, b in zip(rendered, again, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_charts_absent_for_missing_data_are_skipped_not_drawn_empty(
        tables: dict[str, pd.DataFrame]) -> None:
    parse_only = {k: tables[k] for k in ("documents", "participants", "sections", "rejects")}
    names = set(draw_figures(parse_only, compute_trends(parse_only)))
    assert names == {"corpus_by_year", "participants_composition"}
