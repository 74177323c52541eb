"""The Aurora v5 SDG queries (CC BY 4.0, bundled): target-level Scopus queries per goal."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from govtext.errors import ConfigError
from govtext.extract.sdg.scopus import (
    Node,
    QuerySet,
    QuerySyntaxError,
    evaluate,
    parse_query,
)
from govtext.extract.sdg.textspans import TokenizedText
from govtext.ingest.vocab import read_data_csv


@dataclass(frozen=True)
class QueryLine:
    goal: int
    target: str | None  # None for the goal-level block (13.0)
    line_no: int
    query: str
    tree: Node


@dataclass(frozen=True)
class QueryHit:
    goal: int
    target: str | None
    line_no: int
    start: int  # character offsets of the matched words
    end: int


@cache
def aurora_queries() -> tuple[QueryLine, ...]:
    """The 378 query lines of Aurora v5.0.3, parsed once."""
    out = []
    for row in read_data_csv("sdg/aurora_queries.csv"):
        try:
            out.append(QueryLine(int(row["sdg"]), row["target"] or None, int(row["line_no"]),
                                 row["query"], parse_query(row["query"])))
        except (KeyError, ValueError, QuerySyntaxError) as exc:
            raise ConfigError(f"sdg/aurora_queries.csv: cannot read {row!r}: {exc}") from exc
    return tuple(out)


@cache
def _query_set() -> QuerySet:
    return QuerySet([q.tree for q in aurora_queries()])


def aurora_hits(text: TokenizedText) -> list[QueryHit]:
    """One hit per matching query line (its first match), in query order."""
    queries, query_set, hits = aurora_queries(), _query_set(), []
    present = query_set.present(text)
    # Only lines whose necessary words occur can match; the rest are skipped unevaluated.
    for i in query_set.candidates(text, present):
        q = queries[i]
        spans = evaluate(q.tree, text, present)
        if spans:
            s, e = spans[0]
            hits.append(QueryHit(q.goal, q.target, q.line_no, text.starts[s], text.ends[e - 1]))
    return hits
