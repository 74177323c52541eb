"""``govtext export DIR``: the run's tables as one tidy bundle for other tools.

The bundle holds every table as CSV, Parquet or one Excel workbook, plus ``codebook.md``
(with a note on what the export changed) and ``run.json`` (the run's record with an
``export`` section added). It is written all-or-nothing through ``OutputFolder``.

Spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (also tab, carriage
return and their full-width forms) as a formula, which lets a crafted document execute
commands on a reader's machine (CSV injection). In CSV such text cells get a leading ``'``,
the OWASP advice; in xlsx they are stored as typed text with Excel's quote-prefix style, so
the text itself stays exact. Parquet is not read by spreadsheets and is left exact.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from govtext.errors import OutputDirError
from govtext.load import load, table_schemas
from govtext.outputs import OutputFolder

FORMATS = ("csv", "parquet", "xlsx")
#: Leading characters that make a spreadsheet cell a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
#: Excel limits: characters per cell, rows per sheet.
XLSX_MAX_CELL = 32_767
XLSX_MAX_ROWS = 1_048_576
WORKBOOK = "govtext.xlsx"


def is_formula_like(value: object) -> bool:
    """Whether a spreadsheet would evaluate this cell's text."""
    return isinstance(value, str) and value.startswith(FORMULA_START)


def neutralize_formulas(df: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Text cells that look like formulas prefixed with ``'``; returns the copy and a count."""
    out, count = df.copy(), 0
    for col in out.columns:
        if not (pd.api.types.is_string_dtype(out[col]) or out[col].dtype == object):
            continue  # numbers (a negative count) are not formulas
        mask = out[col].map(is_formula_like).astype(bool)
        if mask.any():
            count += int(mask.sum())
            out[col] = out[col].astype("string").mask(mask, "'" + out[col].astype("string"))
    return out, count


def _csv_bytes(df: pd.DataFrame, bom: bool) -> bytes:
    buf = io.StringIO()
    df.to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue().encode("utf-8-sig" if bom else "utf-8")


def _parquet_bytes(df: pd.DataFrame) -> bytes:
    sink = pa.BufferOutputStream()
    pq.write_table(pa.Table.from_pandas(df, preserve_index=False), sink, compression="snappy")
    return sink.getvalue().to_pybytes()


def _xlsx_bytes(tables: dict[str, pd.DataFrame]) -> tuple[bytes, dict[str, dict[str, int]]]:
    """One workbook, a sheet per table; returns the bytes and per-table change counts."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = Workbook(write_only=True)
    changes: dict[str, dict[str, int]] = {}
    for name, df in tables.items():
        if len(df) + 1 > XLSX_MAX_ROWS:
            raise OutputDirError(f"table {name} has {len(df)} rows, more than an Excel sheet "
                                 "holds; export it with --format csv or parquet")
        sheet = book.create_sheet(name[:31])
        sheet.append(list(df.columns))
        counts = {"formula_like": 0, "truncated": 0, "control_chars_removed": 0}
        for row in df.itertuples(index=False, name=None):
            cells = []
            for value in row:
                if value is pd.NA or (isinstance(value, float) and pd.isna(value)):
                    value = None
                elif isinstance(value, str):
                    clean = ILLEGAL_CHARACTERS_RE.sub("", value)  # XML cannot hold them
                    counts["control_chars_removed"] += clean != value
                    if len(clean) > XLSX_MAX_CELL:
                        clean = clean[:XLSX_MAX_CELL - 1] + "…"
                        counts["truncated"] += 1
                    value = clean
                cell = WriteOnlyCell(sheet, value=value)
                if is_formula_like(value):
                    cell.data_type = "s"  # typed text: never evaluated
                    cell.quotePrefix = True  # and stays text if a reader edits it
                    counts["formula_like"] += 1
                cells.append(cell)
            sheet.append(cells)
        changes[name] = counts
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue(), changes


def _export_note(fmt: str, bom: bool) -> str:
    how = {
        "csv": "Text cells that start with =, +, -, @, a tab or a carriage return (or their "
               "full-width forms) begin with an added `'` so that spreadsheets show them as "
               "text instead of running them as formulas; remove it to get the exact text "
               "(or use the Parquet export)." + (" Files start with a UTF-8 byte order mark "
                                                 "for Excel." if bom else ""),
        "parquet": "Values are exactly as in the run.",
        "xlsx": f"`{WORKBOOK}` holds one sheet per table. Text cells that start with a "
                "formula character are stored as text (quote prefix), unchanged. Cells over "
                f"{XLSX_MAX_CELL} characters (Excel's limit) are cut and end with `…`; "
                "control characters XML cannot hold are removed. Counts are in run.json.",
    }[fmt]
    return f"\n## Export notes ({fmt})\n\n{how}\n"


def export_bundle(src_dir: Path, dest_dir: Path, fmt: str = "csv",
                  excel_bom: bool = False) -> list[Path]:
    """Write the tables of the complete run ``src_dir`` into ``dest_dir`` as ``fmt``.

    Returns the paths written (in ``dest_dir``). ``dest_dir`` is replaced all-or-nothing
    and, like any govtext output folder, must be new, empty or an earlier govtext output.
    """
    if fmt not in FORMATS:
        raise OutputDirError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    src, dest = Path(src_dir), Path(dest_dir)
    if dest.resolve() == src.resolve():
        raise OutputDirError("export into a different folder than the run's own")
    tables = load(src)  # verifies the completion marker first
    schemas = table_schemas()
    run_info: dict[str, Any] = json.loads((src / "run.json").read_text("utf-8"))
    codebook = (src / "codebook.md").read_text("utf-8") if (src / "codebook.md").is_file() \
        else ""
    files: dict[str, bytes] = {}
    changes: dict[str, dict[str, int]] = {}
    if fmt == "xlsx":
        files[WORKBOOK], changes = _xlsx_bytes(tables)
    for name, df in tables.items():
        if name in schemas:
            df = df.astype({c.name: c.dtype for c in schemas[name].columns if c.name in df})
        if fmt == "csv":
            safe, n = neutralize_formulas(df)
            files[f"{name}.csv"] = _csv_bytes(safe, excel_bom)
            changes[name] = {"formula_like": n}
        elif fmt == "parquet":
            files[f"{name}.parquet"] = _parquet_bytes(df)
    run_info["export"] = {"format": fmt, "excel_bom": excel_bom if fmt == "csv" else None,
                          "source": os.fspath(src), "tables": sorted(tables),
                          "changed_cells": changes}
    files["codebook.md"] = (codebook + _export_note(fmt, excel_bom)).encode("utf-8")
    with OutputFolder(dest) as folder:
        for rel, data in sorted(files.items()):
            folder.write_bytes(rel, data)
        folder.write_json("run.json", run_info)
        folder.commit({"export": fmt})
    return [folder.out_dir / rel for rel in sorted([*files, "run.json"])]
