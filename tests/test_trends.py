"""The trends table: shares per year with Wilson intervals and honest denominators."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govtext.schema import DIMENSIONS, DOCUMENTS, MISSING, THEMES, TRENDS
from govtext.trends import compute_trends, participant_composition, wilson_interval
from sample_tables import D0, D2, sample_tables


def _rows(trends: pd.DataFrame, dimension: str, key: str) -> pd.DataFrame:
    rows = trends[(trends["dimension"] == dimension) & (trends["key"] == key)
                  & trends["breakdown"].isna()]
    return rows.set_index("year")


@pytest.fixture(scope="module")
def trends() -> pd.DataFrame:
    return compute_trends(sample_tables())


@pytest.mark.parametrize(("k", "n", "low", "high"), [
    (0, 10, 0.0, 0.2775), (5, 10, 0.2366, 0.7634), (10, 10, 0.7225, 1.0),
    (1, 1, 0.2065, 1.0), (3, 3, 0.4385, 1.0), (81, 263, 0.2553, 0.3662),
])
def test_wilson_interval_matches_published_values(k: int, n: int, low: float,
                                                  high: float) -> None:
    lo, hi = wilson_interval(k, n)
    assert lo == pytest.approx(low, abs=5e-5) and hi == pytest.approx(high, abs=5e-5)


@given(st.integers(1, 5000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_wilson_interval_brackets_the_share_inside_unit_range(kn: tuple[int, int]) -> None:
    k, n = kn
    lo, hi = wilson_interval(k, n)
    assert 0.0 <= lo <= k / n <= hi <= 1.0


@pytest.mark.parametrize(("k", "n"), [(0, 0), (3, 2), (-1, 4)])
def test_wilson_interval_rejects_impossible_counts(k: int, n: int) -> None:
    with pytest.raises(ValueError):
        wilson_interval(k, n)


def test_digital_divide_2022_and_2023_with_correct_denominators(trends: pd.DataFrame) -> None:
    dd = _rows(trends, "theme", "digital_divide")
    assert dd.loc[2022, ["n_docs_with", "n_docs_year"]].tolist() == [1, 1]
    assert dd.loc[2023, ["n_docs_with", "n_docs_year"]].tolist() == [3, 3]
    assert dd.loc[2023, "share"] == 1.0
    assert dd.loc[2023, "ci_low"] == pytest.approx(0.4385, abs=1e-4)


def test_every_row_has_its_share_inside_its_interval(trends: pd.DataFrame) -> None:
    assert len(trends) > 0
    assert (trends["ci_low"] <= trends["share"]).all()
    assert (trends["share"] <= trends["ci_high"]).all()
    assert (trends["share"] == trends["n_docs_with"] / trends["n_docs_year"]).all()


def test_years_without_documents_are_absent_and_zero_shares_are_kept(
        trends: pd.DataFrame) -> None:
    assert sorted(trends["year"].unique()) == [2020, 2022, 2023]  # no 2021
    dd = _rows(trends, "theme", "digital_divide")
    assert dd.loc[2020, ["n_docs_with", "n_docs_year", "share"]].tolist() == [0, 1, 0.0]


def test_table_follows_its_schema_and_sort_order(trends: pd.DataFrame) -> None:
    assert list(trends.columns) == TRENDS.names
    assert {c.name: str(c.dtype) for c in TRENDS.columns} == trends.dtypes.astype(str).to_dict()
    assert set(trends["dimension"]) <= set(DIMENSIONS)
    resorted = trends.sort_values(list(TRENDS.sort_by), kind="stable", na_position="first")
    assert resorted.index.tolist() == trends.index.tolist()


def test_dimensions_read_their_own_evidence(trends: pd.DataFrame) -> None:
    assert _rows(trends, "country", "CHN")["n_docs_with"].to_dict() == {2020: 0, 2022: 1,
                                                                        2023: 1}
    assert _rows(trends, "sdg_kind", "10:declared").loc[2020, "n_docs_with"] == 1
    assert _rows(trends, "sdg_kind", "agenda").loc[2023, "n_docs_with"] == 1
    assert _rows(trends, "sdg", "10")["n_docs_with"].sum() == 2  # declared 2020, inferred 2023
    assert _rows(trends, "organization", "Internet Governance Forum")["n_docs_with"].sum() == 2
    assert _rows(trends, "un_group", "WEOG").loc[2023, "n_docs_with"] == 1
    assert _rows(trends, "doc_kind", "news_article").loc[2022, "share"] == 1.0
    assert _rows(trends, "session_type", "Workshop").loc[2023, "n_docs_with"] == 2


def test_topic_outliers_are_not_a_trend(trends: pd.DataFrame) -> None:
    topics = set(trends.loc[trends["dimension"] == "topic", "key"])
    assert topics == {"0", "1"}


def test_duplicates_and_undated_documents_are_not_counted() -> None:
    tables = sample_tables()
    docs = tables["documents"]
    dup = docs[docs["doc_id"] == D0].assign(doc_id="copy.txt", duplicate_of=D0)
    undated = docs[docs["doc_id"] == D2].assign(doc_id="undated.txt", year=pd.NA)
    tables["documents"] = DOCUMENTS.frame(
        [r for df in (docs, dup, undated) for r in df.to_dict("records")])
    extra = tables["themes"][tables["themes"]["doc_id"] == D0].assign(doc_id="copy.txt")
    tables["themes"] = pd.concat([tables["themes"], extra], ignore_index=True)
    dd = _rows(compute_trends(tables), "theme", "digital_divide")
    assert dd.loc[2023, ["n_docs_with", "n_docs_year"]].tolist() == [3, 3]


def test_breakdown_rows_use_the_breakdown_denominator() -> None:
    trends = compute_trends(sample_tables(), by="doc_kind")
    dd = trends[(trends["dimension"] == "theme") & (trends["key"] == "digital_divide")]
    whole = dd[dd["breakdown"].isna()].set_index("year")
    assert whole.loc[2023, "n_docs_year"] == 3  # whole-year rows are kept
    split = dd.dropna(subset=["breakdown"]).set_index(["year", "breakdown"])
    assert split.loc[(2022, "news_article"), ["n_docs_with", "n_docs_year"]].tolist() == [1, 1]
    assert split.loc[(2023, "igf_session_page"), "n_docs_year"] == 3
    assert (2022, "igf_session_page") not in split.index  # no such documents: absent


def test_breakdown_names_missing_values() -> None:
    trends = compute_trends(sample_tables(), by="session_type")
    news = trends[(trends["year"] == 2022) & trends["breakdown"].notna()]
    assert set(news["breakdown"]) == {MISSING}


def test_unknown_breakdown_is_refused() -> None:
    with pytest.raises(ValueError, match="doc_kind"):
        compute_trends(sample_tables(), by="publisher")


def test_same_tables_in_any_row_order_give_the_same_trends(trends: pd.DataFrame) -> None:
    shuffled = {name: df.sample(frac=1.0, random_state=7) for name, df in
                sample_tables().items()}
    pd.testing.assert_frame_equal(compute_trends(shuffled), trends)


def test_parse_only_tables_give_kind_and_session_trends() -> None:
    tables = {k: v for k, v in sample_tables().items()
              if k in ("documents", "participants", "sections", "rejects")}
    dims = set(compute_trends(tables)["dimension"])
    assert dims == {"doc_kind", "session_type", "stakeholder_group", "regional_group"}


def test_participant_composition_counts_each_person_once_per_document() -> None:
    comp = participant_composition(sample_tables(), "stakeholder_group").set_index(
        ["year", "group"])
    # 2020: the moderator-organizer-rapporteur JH Zhu and three speakers, all civil society.
    assert comp.loc[(2020, "Civil Society"), "n_people"] == 4
    assert comp.loc[(2020, "Civil Society"), "n_docs"] == 1


@st.composite
def _corpora(draw: st.DrawFn) -> dict[str, pd.DataFrame]:
    """Small random corpora: documents with years (some missing), themes on some."""
    n = draw(st.integers(1, 25))
    years = draw(st.lists(st.sampled_from([2019, 2020, 2023, None]), min_size=n, max_size=n))
    docs = DOCUMENTS.frame([{"doc_id": f"d{i}", "source_path": f"d{i}", "sha256": "x",
                             "doc_kind": "other", "year": y} for i, y in enumerate(years)])
    coded = draw(st.lists(st.tuples(st.integers(0, n - 1), st.sampled_from(["a", "b"])),
                          max_size=40))
    themes = THEMES.frame([{"doc_id": f"d{i}", "theme": t, "n_hits": 1} for i, t in coded])
    return {"documents": docs, "themes": themes}


@settings(max_examples=40, deadline=None)
@given(_corpora())
def test_random_corpora_give_consistent_counts_and_intervals(
        tables: dict[str, pd.DataFrame]) -> None:
    trends = compute_trends(tables)
    docs = tables["documents"].dropna(subset=["year"])
    per_year = docs.groupby("year").size()
    assert set(trends["year"]) == set(per_year.index)
    for row in trends.itertuples():
        assert row.n_docs_year == per_year[row.year]
        assert 0 <= row.n_docs_with <= row.n_docs_year
        assert row.ci_low <= row.share <= row.ci_high
        assert (row.ci_low, row.ci_high) == pytest.approx(
            wilson_interval(row.n_docs_with, row.n_docs_year), abs=1e-12)
    themes = trends[trends["dimension"] == "theme"]
    coded = tables["themes"].merge(docs, on="doc_id").drop_duplicates(["doc_id", "theme"])
    assert themes["n_docs_with"].sum() == len(coded)


def test_corpus_without_dated_documents_gives_an_empty_table() -> None:
    tables = sample_tables()
    tables["documents"]["year"] = pd.NA
    trends = compute_trends(tables)
    assert trends.empty and list(trends.columns) == TRENDS.names
