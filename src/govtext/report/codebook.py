"""``codebook.md``: every output table and column, generated from the schema declarations."""

from __future__ import annotations

from collections.abc import Iterable

from govtext.schema import TABLES, TableSchema

_DTYPE_WORDS = {"string": "text", "Int64": "integer", "boolean": "true/false",
                "float64": "number"}


def render_codebook(tables: Iterable[TableSchema] | None = None) -> str:
    """Markdown codebook; deterministic (no dates, no versions: those are in run.json)."""
    tables = list(tables) if tables is not None else list(TABLES.values())
    out = [
        "# govtext codebook",
        "",
        "Each table is written as `NAME.csv` (UTF-8, comma-separated, header row) and, when "
        "enabled, `NAME.parquet` with the same columns. Empty cells are missing values. "
        "Lists inside one cell are separated by `; `.",
        "",
    ]
    for t in tables:
        out += [f"## {t.name}", "", t.description, "",
                f"Sorted by: {', '.join(t.sort_by)}.", "",
                "| column | type | description |", "|---|---|---|"]
        for c in t.columns:
            desc = c.description.replace("|", "\\|")
            out.append(f"| `{c.name}` | {_DTYPE_WORDS.get(c.dtype, c.dtype)} | {desc} |")
        out.append("")
    return "\n".join(out)
