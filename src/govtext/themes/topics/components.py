"""Reduction and clustering models for BERTopic, chosen by corpus size.

From ``SMALL_CORPUS`` units up: UMAP (fixed ``random_state``, which also makes it
single-threaded and reproducible) on an exact nearest-neighbour graph, and HDBSCAN. Below
that UMAP's neighbour graph is unreliable and fails outright for very few points
("k >= N"), so a tiny corpus gets a deterministic path instead: PCA (exact SVD) and
agglomerative clustering into a number of clusters that grows with the square root of the
corpus; never a crash, down to one unit.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.decomposition import PCA
from sklearn.neighbors import NearestNeighbors

#: Corpora with fewer units than this take the deterministic tiny-corpus path.
SMALL_CORPUS = 50


class SingleCluster:
    """Puts every point in cluster 0 (for corpora too small to split)."""

    def fit(self, X: np.ndarray, y: Any = None) -> SingleCluster:
        self.labels_ = np.zeros(len(X), dtype=int)
        return self

    def predict(self, X: np.ndarray) -> np.ndarray:
        return np.zeros(len(X), dtype=int)


class ExactPCA:
    """PCA with the exact solver, capped at what the data supports (works for one point)."""

    def __init__(self, n_components: int = 5) -> None:
        self.n_components = n_components

    def fit(self, X: np.ndarray, y: Any = None) -> ExactPCA:
        k = min(self.n_components, X.shape[0] - 1, X.shape[1])
        self._pca = PCA(n_components=k, svd_solver="full") if k >= 1 else None
        if self._pca is not None:
            with np.errstate(invalid="ignore", divide="ignore"):  # zero variance is fine here
                self._pca.fit(X)
        return self

    def transform(self, X: np.ndarray) -> np.ndarray:
        if self._pca is None:
            return np.zeros((X.shape[0], 1))
        return self._pca.transform(X)


@cache
def cache_umap_kernels() -> int:
    """Turn on numba's on-disk cache for UMAP's compiled kernels; returns how many.

    umap-learn compiles them without a cache, about 10 s at every start of a process that
    fits topics (each re-run of ``govtext analyze``); cached, a later process loads the same
    machine code. Where no cache folder is writable numba refuses and nothing changes.
    """
    from numba.core.registry import CPUDispatcher
    from umap import layouts, spectral, umap_, utils

    n = 0
    for module in (umap_, layouts, utils, spectral):
        for obj in vars(module).values():
            if isinstance(obj, CPUDispatcher) and type(obj._cache).__name__ == "NullCache":
                try:
                    obj.enable_caching()
                except RuntimeError:  # no writable cache location
                    continue
                n += 1
    return n


class ExactKnnUMAP:
    """UMAP on an exact cosine nearest-neighbour graph computed by scikit-learn.

    Below 4,096 points UMAP computes all pairwise distances through one Python call per
    pair (16 million calls for a 4,000-paragraph fit) and above it JIT-compiles its
    approximate search on every run; a brute-force scikit-learn search is vectorized,
    exact, and gives UMAP the same kind of graph.
    """

    def __init__(self, n_neighbors: int = 15, n_components: int = 5, min_dist: float = 0.0,
                 random_state: int = 42) -> None:
        self.n_neighbors = n_neighbors
        self.n_components = n_components
        self.min_dist = min_dist
        self.random_state = random_state

    def fit_transform(self, X: np.ndarray, y: Any = None) -> np.ndarray:
        from umap import UMAP

        cache_umap_kernels()
        nn = NearestNeighbors(n_neighbors=self.n_neighbors, metric="cosine",
                              algorithm="brute").fit(X)
        dists, idx = nn.kneighbors(X)
        self.umap_ = UMAP(n_neighbors=self.n_neighbors, n_components=self.n_components,
                          min_dist=self.min_dist, metric="cosine",
                          random_state=self.random_state, low_memory=True, n_jobs=1,
                          precomputed_knn=(idx, dists.astype(np.float32), None),
                          force_approximation_algorithm=True)
        with warnings.catch_warnings():
            # No search index is kept: new paragraphs are assigned by centroid, not by UMAP.
            warnings.filterwarnings("ignore", message=".*knn_search_index.*")
            self.embedding_ = self.umap_.fit_transform(X)
        self._fit_data = X
        return self.embedding_

    def fit(self, X: np.ndarray, y: Any = None) -> ExactKnnUMAP:
        self.fit_transform(X)
        return self

    def transform(self, X: np.ndarray) -> np.ndarray:
        """The fitted embedding for the training data (new data are not supported: govtext
        assigns new paragraphs by topic centroids, not through UMAP)."""
        if X is self._fit_data or np.array_equal(X, self._fit_data):
            return self.embedding_
        raise ValueError("ExactKnnUMAP embeds only the data it was fitted on")


@dataclass(frozen=True)
class Components:
    """The reduction and clustering models for one fit, and which path was taken."""

    reducer: Any
    clusterer: Any
    path: str  # "umap_hdbscan" or "tiny"


def tiny_n_clusters(n_units: int) -> int:
    """Clusters for the tiny path: 1 for up to 3 units, then about sqrt(n / 2)."""
    if n_units <= 3:
        return 1
    return max(2, min(8, round(math.sqrt(n_units / 2))))


def choose_components(n_units: int, seed: int) -> Components:
    """Reduction and clustering suited to ``n_units`` paragraph units."""
    if n_units < SMALL_CORPUS:
        k = tiny_n_clusters(n_units)
        clusterer = (SingleCluster() if k == 1
                     else AgglomerativeClustering(n_clusters=k, linkage="ward"))
        return Components(ExactPCA(n_components=5), clusterer, "tiny")
    from hdbscan import HDBSCAN

    reducer = ExactKnnUMAP(n_neighbors=min(15, n_units - 1), n_components=5, min_dist=0.0,
                           random_state=seed)
    min_size = max(5, min(40, n_units // 100))
    # On a few hundred units "excess of mass" may keep one cluster holding most of the
    # corpus (seen on the five samples); capping a cluster at half the units avoids that and
    # never binds on large corpora.
    clusterer = HDBSCAN(min_cluster_size=min_size, min_samples=max(2, min_size // 2),
                        metric="euclidean", cluster_selection_method="eom",
                        max_cluster_size=n_units // 2, prediction_data=False,
                        core_dist_n_jobs=1)
    return Components(reducer, clusterer, "umap_hdbscan")
