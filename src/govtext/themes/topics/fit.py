"""Fit paragraph topics with BERTopic on offline embeddings, for corpora of any size.

Every BERTopic stage is injected: the embedding backend (TF-IDF + SVD by default), the
reduction and clustering chosen by corpus size (UMAP + HDBSCAN, or the deterministic tiny
path), a count vectorizer and c-TF-IDF. Topics are guided by the theme codebook's seed words,
outliers are reduced to their nearest topic, and labels name the overlapping theme.

Large corpora are fitted on a bounded, seed-independent sample of paragraphs (the same sample
for every seed, so seeds can be compared) and the other paragraphs are assigned by the saved
model exactly as new documents would be. Same input and seed give identical tables.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from govtext.schema import DOC_TOPICS, TOPICS, Document
from govtext.themes.codebook import Codebook, load_codebook
from govtext.themes.coder import ThemeCoder
from govtext.themes.topics.components import choose_components
from govtext.themes.topics.embedding import (
    TOKEN_PATTERN,
    NeuralEmbedder,
    TfidfSvdEmbedder,
    make_embedder,
)
from govtext.themes.topics.labels import seed_topic_list, theme_overlap, topic_label
from govtext.themes.topics.model import TopicModel
from govtext.themes.topics.over_time import topics_over_time
from govtext.themes.topics.units import Unit, paragraph_units

#: Paragraphs a fit uses at most; the rest are assigned with the fitted model.
MAX_FIT_UNITS = 4000
#: Outliers closer than this (cosine) to a topic centroid are moved into that topic.
OUTLIER_THRESHOLD = 0.1
TOP_N_WORDS = 10


@dataclass
class TopicResult:
    """The three topic tables, the reloadable model and how the fit was made."""

    topics: pd.DataFrame
    doc_topics: pd.DataFrame
    topics_over_time: pd.DataFrame
    model: TopicModel

    def save(self, folder: str | Path) -> list[Path]:
        """Write the model (safetensors + JSON) into ``folder``."""
        return self.model.save(folder)


def fit_sample(units: Sequence[Unit], max_units: int = MAX_FIT_UNITS) -> list[int]:
    """Indices of the units to fit on: all, or a hash-ordered sample independent of the seed."""
    if len(units) <= max_units:
        return list(range(len(units)))
    key = [hashlib.sha1(f"{u.doc_id}#{u.paragraph}".encode()).hexdigest() for u in units]
    return sorted(sorted(range(len(units)), key=key.__getitem__)[:max_units])


def _backend(embedder: TfidfSvdEmbedder | NeuralEmbedder) -> object:
    """``embedder`` as a BERTopic embedding backend (imported here: bertopic loads slowly)."""
    from bertopic.backend import BaseEmbedder

    class _Backend(BaseEmbedder):
        def embed(self, documents: list[str], verbose: bool = False) -> np.ndarray:
            return embedder.embed(documents)

    return _Backend()


def _bertopic(texts: list[str], emb: np.ndarray, embedder: TfidfSvdEmbedder | NeuralEmbedder,
              seed: int, seeds: list[list[str]] | None) -> tuple[object, np.ndarray]:
    """Fit BERTopic on ``texts``; topics after outlier reduction."""
    from bertopic import BERTopic
    from bertopic.vectorizers import ClassTfidfTransformer
    from sklearn.feature_extraction.text import CountVectorizer

    comps = choose_components(len(texts), seed)
    vectorizer = CountVectorizer(token_pattern=TOKEN_PATTERN, stop_words="english")
    ctfidf = ClassTfidfTransformer(reduce_frequent_words=True)
    model = BERTopic(embedding_model=_backend(embedder), umap_model=comps.reducer,
                     hdbscan_model=comps.clusterer, vectorizer_model=vectorizer,
                     ctfidf_model=ctfidf, seed_topic_list=seeds, top_n_words=TOP_N_WORDS,
                     calculate_probabilities=False, verbose=False)
    # BERTopic's guided step nudges the embeddings it is given in place: pass a copy.
    topics = np.asarray(model.fit_transform(texts, embeddings=emb.copy())[0])
    if (topics == -1).any() and (topics != -1).any():
        reduced = model.reduce_outliers(texts, topics.tolist(), strategy="embeddings",
                                        embeddings=emb, threshold=OUTLIER_THRESHOLD)
        topics = np.asarray(reduced)
        log = logging.getLogger("BERTopic")
        level = log.level
        log.setLevel(logging.ERROR)  # it warns that custom topics come last: they do here
        try:
            model.update_topics(texts, topics=topics.tolist(), vectorizer_model=vectorizer,
                                ctfidf_model=ctfidf, top_n_words=TOP_N_WORDS)
        finally:
            log.setLevel(level)
    model.path_ = comps.path
    return model, topics


def _centroids(emb: np.ndarray, topics: np.ndarray, ids: list[int]) -> np.ndarray:
    rows = [emb[topics == t].mean(axis=0) for t in ids]
    c = np.vstack(rows) if rows else np.zeros((0, emb.shape[1]))
    norms = np.linalg.norm(c, axis=1, keepdims=True)
    return (c / np.where(norms == 0, 1.0, norms)).astype(np.float32)


def _empty_result(embedder: object, params: dict[str, object]) -> TopicResult:
    model = TopicModel(embedder, np.zeros(0, dtype=np.int64),
                       np.zeros((0, 1), dtype=np.float32), [], params)
    return TopicResult(TOPICS.frame([]), DOC_TOPICS.frame([]), topics_over_time([], []), model)


def fit_topics(
    documents: Sequence[Document],
    *,
    seed: int = 42,
    codebook: Codebook | None = None,
    embedding: str = "tfidf",
    max_fit_units: int = MAX_FIT_UNITS,
    guided: bool = True,
) -> TopicResult:
    """Discover paragraph topics in ``documents`` (duplicates skipped); see the module doc."""
    codebook = codebook or load_codebook()
    units = paragraph_units(documents)
    fit_idx = fit_sample(units, max_fit_units)
    texts = [units[i].text for i in fit_idx]
    params: dict[str, object] = {"seed": seed, "embedding": embedding, "guided": guided,
                                 "n_units": len(units), "n_fit_units": len(fit_idx),
                                 "max_fit_units": max_fit_units, "codebook": codebook.source}
    with threadpool_limits(limits=1):  # BLAS threads change float sums: keep one
        embedder = make_embedder(embedding, seed).fit(texts or ["empty"])
        if not units:
            return _empty_result(embedder, {**params, "path": "empty"})
        emb = embedder.embed(texts)
        seeds = seed_topic_list(codebook) if guided else None
        bt, topics = _bertopic(texts, emb, embedder, seed, seeds)
        ids = sorted(int(t) for t in set(topics.tolist()) if t != -1)
        terms = {t: [w for w, _ in (bt.get_topic(t) or [])][:TOP_N_WORDS] for t in ids}
        coder = ThemeCoder(codebook).fit()
        overlap = theme_overlap(topics.tolist(), texts, coder)
        labels = {t.id: t.label for t in codebook.themes}
        meta = [{"topic_id": t, "top_terms": terms[t], "theme_overlap": overlap.get(t),
                 "label": topic_label(t, terms[t], labels.get(overlap.get(t) or ""))}
                for t in ids]
        model = TopicModel(embedder, np.asarray(ids, dtype=np.int64),
                           _centroids(emb, topics, ids), meta,
                           {**params, "path": bt.path_})
        # Every unit is scored against the centroids; fitted units keep their fitted topic.
        all_topics, probs = model.transform([u.text for u in units])
        all_topics[fit_idx] = topics
        _, fit_probs = model.assign(emb @ model.centroids.T, topics)
        probs[fit_idx] = fit_probs
    return TopicResult(_topics_table(model, all_topics), _doc_topics(units, all_topics, probs),
                       topics_over_time(units, all_topics.tolist()), model)


def assign_topics(model_dir: str | Path, documents: Sequence[Document]) -> pd.DataFrame:
    """``doc_topics`` for ``documents`` from a model saved in ``model_dir`` (no refitting)."""
    return TopicModel.load(model_dir).doc_topics(documents)


def _topics_table(model: TopicModel, assigned: np.ndarray) -> pd.DataFrame:
    sizes = pd.Series(assigned).value_counts().to_dict()
    rows = [{"topic_id": m["topic_id"], "label": m["label"],
             "top_terms": "; ".join(m["top_terms"]), "size": int(sizes.get(m["topic_id"], 0)),
             "theme_overlap": m["theme_overlap"]} for m in model.topics]
    if -1 in sizes:
        rows.append({"topic_id": -1, "label": topic_label(-1, [], None), "top_terms": None,
                     "size": int(sizes[-1]), "theme_overlap": None})
    return TOPICS.frame(rows)


def _doc_topics(units: Sequence[Unit], topics: np.ndarray, probs: np.ndarray) -> pd.DataFrame:
    return DOC_TOPICS.frame([
        {"doc_id": u.doc_id, "paragraph": u.paragraph, "topic_id": int(t),
         "probability": float(p)} for u, t, p in zip(units, topics, probs, strict=True)])
