"""Topic fitting on corpora of every size: one paragraph, one document, the five samples."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from govtext import parse_corpus
from govtext.schema import DOC_TOPICS, TOPICS, TOPICS_OVER_TIME, Document, Section
from govtext.themes import fit_topics, load_codebook
from govtext.themes.topics.components import SMALL_CORPUS, tiny_n_clusters
from govtext.themes.topics.units import paragraph_units

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


@pytest.fixture(scope="module")
def samples() -> list[Document]:
    return parse_corpus(RAW).documents


@pytest.fixture(scope="module")
def five(samples):
    return fit_topics(samples, seed=42)


def _check_tables(res, docs: list[Document]) -> None:
    assert list(res.topics.columns) == TOPICS.names
    assert list(res.doc_topics.columns) == DOC_TOPICS.names
    assert list(res.topics_over_time.columns) == TOPICS_OVER_TIME.names
    units = paragraph_units(docs)
    assert len(res.doc_topics) == len(units)
    assert set(res.doc_topics["topic_id"]) <= set(res.topics["topic_id"])
    assert res.doc_topics["probability"].between(0, 1).all()
    sizes = res.doc_topics["topic_id"].value_counts()
    assert res.topics.set_index("topic_id")["size"].to_dict() == sizes.to_dict()


def test_five_samples_use_umap_and_hdbscan_and_find_several_topics(five, samples) -> None:
    assert five.model.params["path"] == "umap_hdbscan"
    assert (five.topics["topic_id"] >= 0).sum() >= 4
    assert five.topics["size"].max() <= 0.5 * five.topics["size"].sum()
    _check_tables(five, samples)


def test_topic_labels_name_top_terms_and_the_overlapping_theme(five) -> None:
    ids = set(load_codebook().ids)
    labels = {t.id: t.label for t in load_codebook().themes}
    for row in five.topics[five.topics["topic_id"] >= 0].itertuples():
        terms = row.top_terms.split("; ")
        assert len(terms) >= 3
        assert row.label.startswith(", ".join(terms[:3]))
        if not pd.isna(row.theme_overlap):
            assert row.theme_overlap in ids
            assert row.label.endswith(f"({labels[row.theme_overlap]})")
    assert five.topics["theme_overlap"].notna().any()


def test_topics_over_time_has_denominators(five) -> None:
    tot = five.topics_over_time
    assert set(tot["year"]) == {2020, 2022, 2023}
    shares = tot.groupby("year")["share_of_year"].sum()
    assert ((shares - 1).abs() < 1e-5).all()
    n_2023 = tot.loc[tot["year"] == 2023, "n_units"].sum()
    row = tot[tot["year"] == 2023].iloc[0]
    assert row["share_of_year"] == pytest.approx(row["n_units"] / n_2023, abs=1e-6)
    assert (tot["n_docs"] <= 3).all()


def test_one_document_corpus_takes_the_tiny_path(samples) -> None:
    res = fit_topics(samples[:1], seed=42)
    assert res.model.params["path"] == "tiny"
    assert res.model.params["n_units"] < SMALL_CORPUS
    _check_tables(res, samples[:1])
    assert len(res.topics) == tiny_n_clusters(res.model.params["n_units"])


@pytest.mark.parametrize("n_sentences", [1, 2, 3, 7])
def test_tiny_corpora_never_crash(n_sentences: int) -> None:
    text = "\n\n".join(f"Paragraph {i} talks about broadband connectivity and rural access "
                       f"for schools number {i} in the region." for i in range(n_sentences))
    doc = Document("d", "d.txt", "x", year=2021, sections=[Section("body", 0, len(text), text)])
    res = fit_topics([doc], seed=1)
    _check_tables(res, [doc])
    assert (res.doc_topics["topic_id"] >= 0).all()
    assert res.topics_over_time["share_of_year"].sum() == pytest.approx(1.0)


def test_no_text_gives_empty_tables_and_a_savable_model(tmp_path: Path) -> None:
    res = fit_topics([Document("e", "e.txt", "y")])
    assert res.topics.empty and res.doc_topics.empty and res.topics_over_time.empty
    assert list(res.topics.columns) == TOPICS.names
    res.save(tmp_path)
    from govtext.themes import TopicModel

    topics, _ = TopicModel.load(tmp_path).transform(["anything at all"])
    assert topics.tolist() == [-1]


def test_large_corpora_are_fitted_on_a_bounded_seed_independent_sample(samples) -> None:
    res = fit_topics(samples, seed=3, max_fit_units=60)
    assert res.model.params["n_fit_units"] == 60
    assert len(res.doc_topics) == res.model.params["n_units"] > 60
    from govtext.themes.topics.fit import fit_sample

    units = paragraph_units(samples)
    assert fit_sample(units, 60) == fit_sample(list(units), 60)


def test_umap_kernels_get_numbas_disk_cache() -> None:
    """UMAP's kernels are compiled without a cache by umap-learn; govtext turns it on so a
    new process (a re-run) loads them instead of compiling again."""
    from umap import umap_

    from govtext.themes.topics.components import cache_umap_kernels

    cache_umap_kernels()
    assert type(umap_.smooth_knn_dist._cache).__name__ != "NullCache"
