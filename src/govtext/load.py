"""``govtext.load(DIR)``: the tables of a finished run as typed pandas DataFrames."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from govtext.errors import OutputDirError
from govtext.outputs import verify_outputs
from govtext.schema import TABLES, TableSchema


def table_schemas() -> dict[str, TableSchema]:
    """Every known table schema by name."""
    return dict(TABLES)


def read_table(path: Path, schema: TableSchema | None = None) -> pd.DataFrame:
    """One ``NAME.parquet`` or ``NAME.csv`` file, with the schema's dtypes when known."""
    if path.suffix == ".parquet":
        df = pd.read_parquet(path)
    else:
        dtypes = {c.name: c.dtype for c in schema.columns} if schema else None
        # Only empty cells are missing: a country code "NA" or a title "null" is text.
        df = pd.read_csv(path, dtype=dtypes, keep_default_na=False, na_values=[""],
                         encoding="utf-8")
    if schema is not None:
        # Schema columns first, in order and typed; a column an older run lacks stays absent.
        known = [c for c in schema.columns if c.name in df.columns]
        extra = [c for c in df.columns if c not in schema.names]
        df = df[[c.name for c in known] + extra].astype({c.name: c.dtype for c in known})
    return df


def load(out_dir: str | os.PathLike[str], *, verify: bool = True) -> dict[str, pd.DataFrame]:
    """Every table of the output folder ``out_dir``, by name (sorted).

    Parquet twins are read when present (exact types), CSV otherwise. With ``verify`` (the
    default) the folder must be a complete, unmodified run: its ``_COMPLETE.json`` marker
    must list exactly the files present with their checksums, else ``OutputDirError``.
    """
    out = Path(out_dir)
    if verify and (problems := verify_outputs(out)):
        shown = "; ".join(problems[:3]) + (f" (+{len(problems) - 3} more)"
                                           if len(problems) > 3 else "")
        raise OutputDirError(f"{out} is not a complete govtext run: {shown}; "
                             "run `govtext analyze` (or `govtext parse`) again")
    if not out.is_dir():
        raise OutputDirError(f"output folder {out} does not exist")
    schemas = table_schemas()
    files: dict[str, Path] = {}
    for path in sorted(out.glob("*.csv")) + sorted(out.glob("*.parquet")):
        files[path.stem] = path  # parquet, listed last, wins over its CSV twin
    return {name: read_table(path, schemas.get(name)) for name, path in sorted(files.items())}
