"""Read one file into text units: one for text-like files, one per record for JSON/JSONL/CSV."""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govtext.config import Settings
from govtext.ingest.decode import DecodeError, decode_bytes
from govtext.ingest.html_text import html_to_text


class ReadError(ValueError):
    """The whole file cannot be turned into text; ``reason`` is a rejects reason."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


@dataclass
class TextUnit:
    """Decoded text of a file or of one record, with what the container said about it."""

    text: str
    encoding: str | None
    record: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass
class RecordProblem:
    record: str
    reason: str
    detail: str


@dataclass
class ReadResult:
    units: list[TextUnit]
    problems: list[RecordProblem] = field(default_factory=list)


def _decode(data: bytes) -> tuple[str, str]:
    try:
        decoded = decode_bytes(data)
    except DecodeError as exc:
        raise ReadError(exc.reason, exc.detail) from None
    return decoded.text, decoded.encoding


def read_plain(data: bytes, settings: Settings) -> ReadResult:
    text, enc = _decode(data)
    return ReadResult([TextUnit(text, enc)])


def read_html(data: bytes, settings: Settings) -> ReadResult:
    text, enc = _decode(data)
    try:
        visible = html_to_text(text)
    except AssertionError as exc:  # html.parser's way of giving up on malformed markup
        raise ReadError("invalid_html", f"HTML parser failed: {exc}") from None
    return ReadResult([TextUnit(visible, enc)])


def read_pdf(data: bytes, settings: Settings) -> ReadResult:
    from pypdf import PdfReader

    # pypdf logs a warning per repaired defect; the reject's detail is the one that matters.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:
        # A damaged or hostile PDF can make pypdf raise almost anything (LimitReachedError,
        # NotImplementedError for an unknown filter, RecursionError, ...): reject the file,
        # never stop the run.
        raise ReadError("invalid_pdf",
                        f"cannot read PDF ({type(exc).__name__}): {exc}") from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text.strip():
        raise ReadError(
            "pdf_no_text_layer",
            f"{len(pages)} page(s) but no text layer (a scan?); run OCR first",
        )
    return ReadResult([TextUnit(text, "pdf")])


def _record_unit(obj: Any, record: str, settings: Settings) -> TextUnit | RecordProblem:
    if isinstance(obj, str):
        return TextUnit(obj, None, record)
    if not isinstance(obj, dict):
        return RecordProblem(record, "bad_record", f"expected an object, got {type(obj).__name__}")
    for key in settings.text_fields:
        value = obj.get(key)
        if isinstance(value, str):
            meta = {k: v for k, v in obj.items() if k != key and isinstance(v, str | int | float)}
            return TextUnit(value, None, record, meta)
    return RecordProblem(
        record, "no_text_field",
        f"none of the text fields {', '.join(settings.text_fields)} holds a string",
    )


def _collect(items: list[tuple[str, Any]], settings: Settings) -> ReadResult:
    result = ReadResult([])
    for record, obj in items:
        unit = _record_unit(obj, record, settings)
        if isinstance(unit, RecordProblem):
            result.problems.append(unit)
        else:
            result.units.append(unit)
    return result


#: json.loads recurses once per nesting level; a hostile file must not stop the run.
_TOO_DEEP = "arrays or objects nested too deeply to read"


def read_json(data: bytes, settings: Settings) -> ReadResult:
    text, enc = _decode(data)
    if not text.strip():
        raise ReadError("empty_text", "JSON file holds no data")
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReadError("invalid_json", f"line {exc.lineno}: {exc.msg}") from None
    except RecursionError:
        raise ReadError("invalid_json", _TOO_DEEP) from None
    if isinstance(obj, dict) and not any(isinstance(obj.get(k), str) for k in settings.text_fields):
        # A wrapper object such as {"documents": [...]}: use its first list of records.
        lists = [v for v in obj.values() if isinstance(v, list)]
        obj = lists[0] if lists else obj
    items = list(enumerate(obj, 1)) if isinstance(obj, list) else [(1, obj)]
    result = _collect([(str(i), o) for i, o in items], settings)
    for unit in result.units:
        unit.encoding = enc
    return result


def read_jsonl(data: bytes, settings: Settings) -> ReadResult:
    text, enc = _decode(data)
    items: list[tuple[str, Any]] = []
    problems: list[RecordProblem] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            items.append((str(lineno), json.loads(line)))
        except (json.JSONDecodeError, RecursionError) as exc:
            why = exc.msg if isinstance(exc, json.JSONDecodeError) else _TOO_DEEP
            problems.append(RecordProblem(str(lineno), "invalid_json", f"line {lineno}: {why}"))
    result = _collect(items, settings)
    result.problems = sorted(problems + result.problems, key=lambda p: int(p.record))
    for unit in result.units:
        unit.encoding = enc
    return result


def read_csv(data: bytes, settings: Settings) -> ReadResult:
    text, enc = _decode(data)
    # The csv module refuses fields over 128 KiB by default; a transcript cell is often larger.
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    try:
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise ReadError("invalid_csv", str(exc)) from None
    if not rows:
        raise ReadError("empty_text", "CSV file has no data rows")
    header = {k.strip().lower(): k for k in rows[0] if k is not None}
    column = next((header[f] for f in settings.text_fields if f in header), None)
    if column is None:
        raise ReadError(
            "no_text_column",
            f"no text column; expected one of {', '.join(settings.text_fields)}, "
            f"found {', '.join(h for h in header) or 'none'}",
        )
    result = ReadResult([])
    for i, row in enumerate(rows, 2):  # row 1 is the header
        value = row.get(column) or ""
        meta = {k: v for k, v in row.items() if k and k != column and v}
        result.units.append(TextUnit(value, enc, str(i), meta))
    return result


Reader = Callable[[bytes, Settings], ReadResult]

#: Readers by file suffix; register another with ``READERS[".xyz"] = fn``.
READERS: dict[str, Reader] = {
    ".txt": read_plain,
    ".md": read_plain,
    ".html": read_html,
    ".htm": read_html,
    ".pdf": read_pdf,
    ".json": read_json,
    ".jsonl": read_jsonl,
    ".csv": read_csv,
}


def read_file(path: Path, data: bytes, settings: Settings) -> ReadResult:
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None or suffix not in settings.suffixes:
        raise ReadError(
            "unsupported_type",
            f"suffix {suffix or '(none)'} is not read; supported: {', '.join(settings.suffixes)}",
        )
    return reader(data, settings)
