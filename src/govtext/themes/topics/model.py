"""A fitted topic model as plain arrays: saved with safetensors + JSON, reloaded to assign topics.

Only what is needed to assign topics to new text is kept: the embedder's state (vocabulary,
idf, SVD basis; or the name of the neural model) and one centroid per topic in embedding
space, with the topics' labels. A paragraph goes to the topic whose centroid is most similar
(cosine); its probability is the softmax of those similarities at a fixed temperature. No
pickle is written or read, so loading a model folder cannot run code.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from safetensors.numpy import load_file, save_file

from govtext.errors import ConfigError
from govtext.schema import DOC_TOPICS, Document
from govtext.themes.topics.embedding import NeuralEmbedder, TfidfSvdEmbedder
from govtext.themes.topics.units import paragraph_units

ARRAYS = "topic_model.safetensors"
META = "topic_model.json"
FORMAT = "govtext-topic-model/1"
#: Softmax temperature over cosine similarities (a similarity gap of 0.1 ~ e^2 odds).
TEMPERATURE = 0.05
#: Below this cosine similarity to every centroid a paragraph is an outlier (-1).
MIN_SIMILARITY = 0.02


@dataclass
class TopicModel:
    """Embedder + topic centroids; ``transform`` assigns topics to new paragraphs."""

    embedder: TfidfSvdEmbedder | NeuralEmbedder
    topic_ids: np.ndarray  # int64, sorted, outlier topic -1 excluded
    centroids: np.ndarray  # float32, one L2-normalized row per topic
    topics: list[dict[str, Any]] = field(default_factory=list)  # topic_id, label, terms, theme
    params: dict[str, Any] = field(default_factory=dict)

    def similarities(self, texts: Sequence[str]) -> np.ndarray:
        """Cosine similarity of each text to each topic centroid."""
        if not len(self.topic_ids):
            return np.zeros((len(texts), 0), dtype=np.float32)
        return self.embedder.embed(list(texts)) @ self.centroids.T

    def assign(self, sims: np.ndarray, topics: np.ndarray | None = None
               ) -> tuple[np.ndarray, np.ndarray]:
        """Topics (argmax, or the given ones) and their probabilities from similarities."""
        n = sims.shape[0]
        if sims.shape[1] == 0:
            return np.full(n, -1, dtype=np.int64), np.zeros(n)
        z = (sims - sims.max(axis=1, keepdims=True)) / TEMPERATURE
        soft = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
        if topics is None:
            best = sims.argmax(axis=1)
            topics = self.topic_ids[best].copy()
            topics[sims.max(axis=1) < MIN_SIMILARITY] = -1
        index = {int(t): i for i, t in enumerate(self.topic_ids)}
        probs = np.array([soft[r, index[int(t)]] if int(t) in index else 0.0
                          for r, t in enumerate(topics)])
        return np.asarray(topics, dtype=np.int64), np.round(np.asarray(probs, dtype=np.float64), 4)

    def transform(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """``(topic_ids, probabilities)`` for new paragraphs (never refits anything)."""
        return self.assign(self.similarities(texts))

    def doc_topics(self, documents: Sequence[Document]) -> pd.DataFrame:
        """The ``doc_topics`` table for new documents (paragraph units as in the fit)."""
        units = paragraph_units(documents)
        topics, probs = self.transform([u.text for u in units])
        return DOC_TOPICS.frame([
            {"doc_id": u.doc_id, "paragraph": u.paragraph, "topic_id": int(t),
             "probability": float(p)} for u, t, p in zip(units, topics, probs, strict=True)])

    def save(self, folder: str | Path) -> list[Path]:
        """Write ``topic_model.safetensors`` and ``topic_model.json`` into ``folder``."""
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        arrays = {"topic_ids": self.topic_ids.astype(np.int64),
                  "centroids": self.centroids.astype(np.float32)}
        meta: dict[str, Any] = {"format": FORMAT, "embedding": self.embedder.kind,
                                "params": self.params, "topics": self.topics}
        if isinstance(self.embedder, TfidfSvdEmbedder):
            arrays["idf"] = self.embedder.idf_.astype(np.float64)
            arrays["svd_components"] = self.embedder.components_.astype(np.float64)
            meta["vocabulary"] = list(self.embedder.vocabulary_)
        else:
            meta["neural_model"] = self.embedder.model_dir.name
        # safetensors writes the raw buffer: make every array C-ordered first (SVD components
        # come out Fortran-ordered and would be read back transposed).
        arrays = {k: np.ascontiguousarray(v) for k, v in arrays.items()}
        save_file(arrays, str(out / ARRAYS), metadata={"format": FORMAT})
        (out / META).write_text(json.dumps(meta, indent=1, sort_keys=True, ensure_ascii=False)
                                + "\n", encoding="utf-8")
        return [out / ARRAYS, out / META]

    @classmethod
    def load(cls, folder: str | Path) -> TopicModel:
        """Reload a model written by :meth:`save` (ConfigError when it is not one)."""
        folder = Path(folder)
        try:
            meta = json.loads((folder / META).read_text(encoding="utf-8"))
            arrays = load_file(str(folder / ARRAYS))
        except FileNotFoundError:
            raise ConfigError(f"no topic model in {folder} (expected {ARRAYS} and {META})"
                              ) from None
        except (OSError, ValueError) as exc:
            raise ConfigError(f"cannot read topic model in {folder}: {exc}") from None
        if meta.get("format") != FORMAT:
            raise ConfigError(f"{folder / META} is not a {FORMAT} file")
        if meta["embedding"] == "tfidf":
            embedder: TfidfSvdEmbedder | NeuralEmbedder = TfidfSvdEmbedder.from_state(
                meta["vocabulary"], arrays["idf"], arrays["svd_components"])
        else:
            embedder = NeuralEmbedder()
        return cls(embedder, arrays["topic_ids"], arrays["centroids"], meta["topics"],
                   meta["params"])
