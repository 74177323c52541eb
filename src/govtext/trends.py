"""Shares of documents per year with 95% Wilson intervals: the ``trends`` table.

A row says: of the ``n_docs_year`` unique (non-duplicate) documents of ``year`` (and of the
breakdown value, when broken down), ``n_docs_with`` have at least one piece of evidence for
``key`` in ``dimension``. Documents without a year cannot be placed and are left out; years
without documents are absent (never zero rows). Within a dimension every key seen anywhere in
the corpus gets a row for every year, so a share of 0 is reported, not hidden.

Pure: tables in, DataFrame out. Keys are the values of the source tables' columns (a topic
id, an SDG goal number, an ISO3 code...), so every row joins back to its evidence.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from govtext.schema import MISSING, TRENDS

#: Document columns a trends table can be broken down by.
BREAKDOWNS = ("doc_kind", "session_type")


def wilson_interval(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """Wilson score interval for ``k`` successes out of ``n`` (Wilson 1927).

    Unlike the normal approximation it stays inside [0, 1] and is not degenerate at
    k = 0 or k = n, which matters for the small yearly counts of a document corpus.
    """
    if n <= 0 or not 0 <= k <= n:
        raise ValueError(f"need 0 <= k <= n and n > 0, got k={k}, n={n}")
    low, high = wilson_bounds(np.array([k]), np.array([n]), z)
    return float(low[0]), float(high[0])


def wilson_bounds(k: np.ndarray, n: np.ndarray, z: float = 1.96
                  ) -> tuple[np.ndarray, np.ndarray]:
    """``wilson_interval`` over arrays of counts (n > 0), for whole tables at once."""
    k, n = np.asarray(k, dtype=float), np.asarray(n, dtype=float)
    p = k / n
    z2 = z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = z / (1 + z2 / n) * np.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    # Clamp so that rounding never puts the bounds on the wrong side of the share.
    return np.clip(np.minimum(p, centre - half), 0.0, 1.0), \
        np.clip(np.maximum(p, centre + half), 0.0, 1.0)


def _pairs(df: pd.DataFrame | None, key: str | Callable[[pd.DataFrame], pd.Series],
           mask: Callable[[pd.DataFrame], pd.Series] | None = None) -> pd.DataFrame:
    """Unique (doc_id, key) pairs of ``df``, rows with an empty key dropped."""
    if df is None or df.empty:
        return pd.DataFrame({"doc_id": pd.Series(dtype="string"),
                             "key": pd.Series(dtype="string")})
    if mask is not None:
        df = df[mask(df).fillna(False).astype(bool)]
    keys = key(df) if callable(key) else df[key]
    out = pd.DataFrame({"doc_id": df["doc_id"].astype("string"),
                        "key": keys.astype("string")}).dropna()
    return out.drop_duplicates().reset_index(drop=True)


def _sdg_kind_key(sdgs: pd.DataFrame) -> pd.Series:
    goal = sdgs["sdg"].astype("Int64").astype("string")
    kind = sdgs["kind"].astype("string")
    return (goal + ":" + kind).fillna(kind)


def _label_is(label: str) -> Callable[[pd.DataFrame], pd.Series]:
    return lambda df: df["label"] == label


def evidence_pairs(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """For each dimension, the unique (doc_id, key) pairs that count as evidence.

    Missing or empty source tables give no pairs (the stage did not run), so a parse-only
    folder still yields doc_kind and session_type trends.
    """
    get = tables.get
    docs = get("documents")
    return {
        "theme": _pairs(get("themes"), "theme"),
        # Topic -1 collects the topic model's outliers: not a topic, so not a trend.
        "topic": _pairs(get("doc_topics"), "topic_id", lambda df: df["topic_id"] >= 0),
        "sdg": _pairs(get("sdgs"), "sdg"),
        "sdg_kind": _pairs(get("sdgs"), _sdg_kind_key),
        "country": _pairs(get("entities"), "iso3", _label_is("COUNTRY")),
        "un_group": _pairs(get("entities"), "un_group", _label_is("COUNTRY")),
        "bloc": _pairs(get("entities"), "canonical_name", _label_is("BLOC")),
        "organization": _pairs(get("entities"), "canonical_name", _label_is("ORG")),
        "stakeholder_group": _pairs(get("participants"), "stakeholder_group"),
        "regional_group": _pairs(get("participants"), "regional_group"),
        "doc_kind": _pairs(docs, "doc_kind"),
        "session_type": _pairs(docs, "session_type"),
    }


def dated_documents(documents: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """The denominator population: unique (non-duplicate) documents that have a year.

    Columns doc_id, year and breakdown (the ``by`` column, empty values as ``MISSING``).
    """
    if by is not None and by not in BREAKDOWNS:
        raise ValueError(f"cannot break trends down by {by!r}; choose one of {BREAKDOWNS}")
    docs = documents[documents["duplicate_of"].isna() & documents["year"].notna()]
    out = pd.DataFrame({"doc_id": docs["doc_id"].astype("string"),
                        "year": docs["year"].astype("Int64")})
    out["breakdown"] = (docs[by].astype("string").fillna(MISSING) if by
                        else pd.Series(pd.NA, index=docs.index, dtype="string"))
    return out.reset_index(drop=True)


def _count(pairs: pd.DataFrame, population: pd.DataFrame, cells: list[str]) -> pd.DataFrame:
    """n_docs_with and n_docs_year for every key x cell (year, or year and breakdown)."""
    denom = population.groupby(cells, dropna=False).size().rename("n_docs_year").reset_index()
    hits = pairs.merge(population, on="doc_id", how="inner")
    keys = pd.DataFrame({"key": sorted(hits["key"].unique())}, dtype="string")
    if keys.empty:
        return pd.DataFrame()
    grid = keys.merge(denom, how="cross")  # zeros are data: every key in every cell
    n_with = hits.groupby(["key", *cells], dropna=False).size().rename("n_docs_with")
    grid = grid.merge(n_with.reset_index(), on=["key", *cells], how="left")
    grid["n_docs_with"] = grid["n_docs_with"].fillna(0).astype("int64")
    return grid


def compute_trends(tables: dict[str, pd.DataFrame], by: str | None = None) -> pd.DataFrame:
    """The ``trends`` table (``TRENDS``) from the run's tables.

    ``by`` ("doc_kind" or "session_type") adds rows per year and breakdown value, with the
    documents of that year and value as denominator, after the whole-year rows.
    """
    population = dated_documents(tables["documents"])
    levels = [(population, ["year"])]
    if by is not None:
        levels.append((dated_documents(tables["documents"], by), ["year", "breakdown"]))
    frames = []
    for dimension, pairs in evidence_pairs(tables).items():
        for pop, cells in levels:
            grid = _count(pairs, pop, cells)
            if not grid.empty:
                frames.append(grid.assign(dimension=dimension))
    if not frames:
        return TRENDS.frame([])
    out = pd.concat(frames, ignore_index=True)
    if "breakdown" not in out:
        out["breakdown"] = pd.NA
    k, n = out["n_docs_with"].to_numpy(), out["n_docs_year"].to_numpy()
    out["share"] = k / n
    out["ci_low"], out["ci_high"] = wilson_bounds(k, n)
    # The same typing and order as TRENDS.frame, without a round trip through dicts.
    out = out[TRENDS.names].astype({c.name: c.dtype for c in TRENDS.columns})
    out = out.sort_values(list(TRENDS.sort_by), kind="stable", na_position="first")
    return out.reset_index(drop=True)


def participant_composition(tables: dict[str, pd.DataFrame], column: str) -> pd.DataFrame:
    """People per year and ``column`` value (stakeholder_group or regional_group).

    A person is counted once per document (a speaker who also moderates is one person);
    rows without a value are left out. Columns: year, group, n_people, n_docs.
    """
    parts = tables.get("participants")
    if parts is None or parts.empty:
        return pd.DataFrame(columns=["year", "group", "n_people", "n_docs"])
    pop = dated_documents(tables["documents"])
    rows = parts[parts[column].notna()].merge(pop[["doc_id", "year"]], on="doc_id")
    # A person without a name is a row of its own: key it by role and position.
    who = rows["name"].astype("string").fillna(
        rows["role"].astype("string") + "#" + rows["position"].astype("string"))
    rows = rows.assign(who=who).drop_duplicates(["doc_id", "who", column])
    out = rows.groupby(["year", column]).agg(n_people=("who", "size"),
                                             n_docs=("doc_id", "nunique")).reset_index()
    return out.rename(columns={column: "group"}).sort_values(["year", "group"],
                                                             ignore_index=True)
