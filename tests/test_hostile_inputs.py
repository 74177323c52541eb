"""Hostile inputs: every file of a folder of nasty inputs, generated here, is accounted for,
through the Python API and through the CLI, and nothing escapes the output folder.

One folder holds them all (empty, blank, binary, scanned and broken PDFs, bad encodings, a
50 MB single-line file, 100,000 nested <div>, scripts, odd names, symlink loops, a FIFO, an
unreadable file, duplicates, bad JSON/JSONL, 10,000 tiny files). The API run and the CLI run
happen once per module, side by side, and each test checks one promise on the results.
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest

import govtext
from govtext.ingest.corpus import Corpus
from govtext.outputs import MARKER, verify_outputs

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs symlinks, FIFOs, odd names")

SRC = Path(govtext.__file__).resolve().parents[1]
N_TINY = 10_000
BIG_BYTES = 50 * 1024 * 1024
#: Outcome of a file: "parsed", "duplicate", or the reason of its file-level reject.
Expected = dict[str, set[str]]
#: Reasons that say nothing about what is wrong with the file.
GENERIC_REASONS = {"", "error", "failed", "unknown", "other", "invalid", "unreadable",
                   "exception", "internal_error"}
#: Names the CLI gives its files: fixed table names, never derived from input names.
OUTPUT_NAME = re.compile(r"[A-Za-z_]+\.(csv|parquet|md|json)")
SCRIPT_MARK = "GOVTEXT_SCRIPT_BODY_MUST_NOT_APPEAR"
STYLE_MARK = "govtext-style-must-not-appear"


def _pdf(objects: list[bytes]) -> bytes:
    """A minimal PDF with the given numbered objects (object 1 is the catalog)."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _broken_pdf() -> bytes:
    """A PDF whose font's ToUnicode map uses an unknown filter: pypdf raises
    NotImplementedError while extracting text."""
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
        _stream(b"BT /F1 12 Tf 10 10 Td (hello) Tj ET"),
        _stream(b"garbage", b"/Filter /NoSuchFilter "),
    ])


def _blank_pdf() -> bytes:
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _can_read_mode_000(tmp: Path) -> bool:
    """True when this process reads files it has no permission for: root (``os.geteuid()
    == 0``) with its usual capabilities. Probed, so root without CAP_DAC_* is tested too."""
    probe = tmp / "probe"
    probe.write_bytes(b"x")
    probe.chmod(0)
    try:
        probe.read_bytes()
        return True
    except PermissionError:
        return False
    finally:
        probe.chmod(0o600)
        probe.unlink()


def build_hostile_folder(root: Path, sentinel: Path, *, unreadable: bool) -> Expected:
    """Write every hostile input under ``root``; return each file's expected outcome."""
    root.mkdir(parents=True)
    exp: Expected = {}

    def put(rel: str | bytes, data: bytes, *outcomes: str) -> None:
        path = os.path.join(os.fsencode(root), rel if isinstance(rel, bytes) else rel.encode())
        with open(path, "wb") as f:
            f.write(data)
        shown = rel.decode("utf-8", "backslashreplace") if isinstance(rel, bytes) else rel
        exp[shown] = set(outcomes)

    put("empty.txt", b"", "empty_file")
    put("whitespace.txt", b"  \n\t \r\n \xc2\xa0\n", "empty_text")
    put("random.txt", random.Random(20240601).randbytes(64 * 1024), "binary")
    put("random_no_nul.txt",
        bytes(b or 1 for b in random.Random(7).randbytes(64 * 1024)), "binary", "undecodable")
    put("scan.pdf", _blank_pdf(), "pdf_no_text_layer")
    put("broken.pdf", _broken_pdf(), "invalid_pdf")
    put("truncated.pdf", _blank_pdf()[:60], "invalid_pdf", "pdf_no_text_layer")
    # Invalid UTF-8: decoded by a fallback (cp1252, charset detection) or rejected.
    put("invalid_utf8.txt", b"Caf\xc3 \xff\xfe broken \x81 sequence \xed\xa0\x80 end",
        "parsed", "undecodable")
    put("utf16_bom.txt", "Data “sovereignty” – UTF-16".encode("utf-16"), "parsed")
    put("cp1252.txt", b"Data \x93sovereignty\x94 \x96 cp1252", "parsed")
    with open(root / "big_single_line.txt", "wb") as f:
        line = b"Access to the internet remains unequal across regions and communities; "
        f.write(line * (BIG_BYTES // len(line)))
    exp["big_single_line.txt"] = {"parsed"}
    put("nested.html",
        ("<html><body>" + "<div>" * 100_000 + "deep text" + "</div>" * 100_000
         + "</body></html>").encode(), "parsed")
    script = (f"require('fs').writeFileSync({json.dumps(str(sentinel))}, 'ran');"
              f"/* {SCRIPT_MARK} */")
    put("script.html",
        (f"<html><head><title>Scripted page</title><script>{script}</script>"
         f"<style>.{STYLE_MARK} {{ color: red }}</style></head><body>"
         f"<p>Visible words only.</p><script type='module'>{script}</script>"
         f"<img src=x onerror=\"{script}\"><noscript>{SCRIPT_MARK}</noscript>"
         "</body></html>").encode(), "parsed")
    # "<![" before anything but a marked-section keyword makes html.parser raise.
    put("malformed.html", b"<p>Before</p><![ not a section <p>After</p><![]>", "parsed")
    put("name with spaces.txt", b"a file name with spaces", "parsed")
    put("non-ascii été ñ 日本語 😀.txt", "a file name with accents, çà".encode(), "parsed")
    put("new\nline.txt", b"a file name with a newline", "parsed")
    put(b"bad-bytes-\xff\xfe.txt", b"a file name that is not UTF-8", "parsed")
    put("..dots.txt", b"a file name starting with two dots", "parsed")
    put("-rf.txt", b"a file name that looks like an option", "parsed")
    # Input names that equal output names or the output folder's lock must not clash.
    put(MARKER, json.dumps({"text": "an input named like the marker"}).encode(), "parsed")
    put("documents.csv", b"id,text\n1,an input named like an output table\n", "parsed")
    put(".out.lock", b"not a lock", "unsupported_type")
    put("twin_a.txt", b"the same content under two names", "parsed")
    put("twin_b.txt", b"the same content under two names", "duplicate")
    put("empty.json", b"", "empty_file")
    put("blank.json", b" \n", "empty_text")
    put("deep.json", b"[" * 100_000 + b"]" * 100_000, "invalid_json")
    lines = [json.dumps({"text": f"good record {i}", "year": 2020 + i}) for i in range(3)]
    lines.insert(1, '{"text": "malformed", ')
    put("records.jsonl", "\n".join(lines).encode(), "parsed")
    put("long_cell.csv", b"id,text\n1," + b"long transcript " * 20_000 + b"\n", "parsed")
    put("image.png", b"\x89PNG\r\n\x1a\n", "unsupported_type")

    os.symlink("loop.txt", root / "loop.txt")
    exp["loop.txt"] = {"symlink_loop"}
    os.symlink("missing-target.txt", root / "dangling.txt")
    exp["dangling.txt"] = {"broken_symlink"}
    os.mkfifo(root / "pipe.txt")
    exp["pipe.txt"] = {"not_a_regular_file"}
    cycle = root / "cycle"
    cycle.mkdir()
    put("cycle/inner.txt", b"a file inside a directory symlink cycle", "parsed")
    os.symlink("..", cycle / "up")  # cycle/up/cycle/up/... would never end
    os.symlink(".", cycle / "self")
    if unreadable:
        put("unreadable.txt", b"you may not read me", "permission_denied")
        (root / "unreadable.txt").chmod(0)

    tiny = root / "tiny"
    tiny.mkdir()
    for i in range(N_TINY):
        (tiny / f"t{i:05d}.txt").write_bytes(b"tiny file number %d" % i)
        exp[f"tiny/t{i:05d}.txt"] = {"parsed"}
    return exp


@dataclass
class Runs:
    """The folder, what each file should become, and the API and CLI results."""

    base: Path
    inputs: Path
    out: Path
    sentinel: Path
    expected: Expected = field(repr=False)
    corpus: Corpus = field(repr=False)  # holds a 50 MB text: never print it in a failure
    cli: subprocess.CompletedProcess[str] = field(repr=False)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runs]:
    base = tmp_path_factory.mktemp("hostile")
    inputs, out, sentinel = base / "in", base / "out", base / "SCRIPT_RAN"
    unreadable = not _can_read_mode_000(base)
    expected = build_hostile_folder(inputs, sentinel, unreadable=unreadable)
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    # The CLI runs in a child while the API runs here: two cores, half the wall time.
    proc = subprocess.Popen([sys.executable, "-m", "govtext.cli", "parse", str(inputs),
                             "--out", str(out)], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        corpus = govtext.parse_corpus(inputs)
        stdout, stderr = proc.communicate(timeout=600)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    cli = subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)
    yield Runs(base, inputs, out, sentinel, expected, corpus, cli)
    if unreadable:
        (inputs / "unreadable.txt").chmod(0o600)


def _outcomes_from_corpus(corpus: Corpus) -> dict[str, str]:
    out = {}
    for doc in corpus.documents:
        out[doc.source_path] = "duplicate" if doc.duplicate_of else "parsed"
    for rej in corpus.rejects:
        if rej.record is None:
            assert rej.source_path not in out, f"{rej.source_path!r} is in two places"
            out[rej.source_path] = rej.reason
    return out


def _read(out: Path, table: str) -> pd.DataFrame:
    return pd.read_csv(out / f"{table}.csv", dtype=str, keep_default_na=False)


def _outcomes_from_tables(out: Path) -> dict[str, str]:
    docs, rejects = _read(out, "documents"), _read(out, "rejects")
    result: dict[str, str] = {}
    for path, dup in zip(docs.source_path, docs.duplicate_of, strict=True):
        if result.get(path) != "parsed":  # a multi-record file is parsed if one record is
            result[path] = "duplicate" if dup else "parsed"
    file_level = rejects[rejects.record == ""]
    for path, reason in zip(file_level.source_path, file_level.reason, strict=True):
        assert path not in result, f"{path!r} is in two places"
        result[path] = reason
    return result


def _mismatches(expected: Expected, got: dict[str, str]) -> dict[str, tuple[object, object]]:
    keys = set(expected) | set(got)
    return {k: (expected.get(k), got.get(k)) for k in sorted(keys)
            if got.get(k) not in expected.get(k, set())}


# ---- the Python API ---------------------------------------------------------------------


def test_api_accounts_for_every_file_exactly_once_with_its_expected_outcome(runs: Runs) -> None:
    assert _mismatches(runs.expected, _outcomes_from_corpus(runs.corpus)) == {}


def test_api_counts_add_up(runs: Runs) -> None:
    c = runs.corpus.counts
    assert c["input_files"] == len(runs.expected)
    assert c["input_files"] == c["files_parsed"] + c["files_duplicate"] + c["files_rejected"]


def test_every_reject_has_a_specific_reason_and_detail(runs: Runs) -> None:
    for rej in runs.corpus.rejects:
        assert rej.reason not in GENERIC_REASONS, rej
        assert rej.reason.isidentifier() and rej.reason.islower(), rej
        assert rej.detail.strip(), rej


def test_broken_pdf_is_rejected_not_fatal(runs: Runs) -> None:
    (rej,) = [r for r in runs.corpus.rejects if r.source_path == "broken.pdf"]
    assert rej.reason == "invalid_pdf" and "NotImplementedError" in rej.detail


def test_script_and_style_are_dropped_and_never_run(runs: Runs) -> None:
    (doc,) = [d for d in runs.corpus.documents if d.source_path == "script.html"]
    assert "Visible words only." in doc.text
    assert SCRIPT_MARK not in doc.text and "writeFileSync" not in doc.text
    assert STYLE_MARK not in doc.text
    assert not runs.sentinel.exists()


def test_deeply_nested_html_keeps_its_text(runs: Runs) -> None:
    (doc,) = [d for d in runs.corpus.documents if d.source_path == "nested.html"]
    assert doc.text == "deep text"


def test_malformed_marked_section_keeps_the_page_text(runs: Runs) -> None:
    (doc,) = [d for d in runs.corpus.documents if d.source_path == "malformed.html"]
    assert "Before" in doc.text and "After" in doc.text


def test_big_single_line_file_is_one_whole_document(runs: Runs) -> None:
    (doc,) = [d for d in runs.corpus.documents if d.source_path == "big_single_line.txt"]
    assert len(doc.text) > BIG_BYTES - 100 and "\n" not in doc.text


def test_encodings_decode_to_the_same_text(runs: Runs) -> None:
    docs = {d.source_path: d for d in runs.corpus.documents}
    assert docs["utf16_bom.txt"].text == "Data “sovereignty” – UTF-16"
    assert docs["cp1252.txt"].text == "Data “sovereignty” – cp1252"
    if "invalid_utf8.txt" in docs:
        assert "broken" in docs["invalid_utf8.txt"].text


def test_duplicate_points_to_its_twin(runs: Runs) -> None:
    docs = {d.source_path: d for d in runs.corpus.documents}
    assert docs["twin_b.txt"].duplicate_of == docs["twin_a.txt"].doc_id
    assert docs["twin_a.txt"].duplicate_of is None


def test_jsonl_bad_line_rejected_good_lines_kept(runs: Runs) -> None:
    docs = [d for d in runs.corpus.documents if d.source_path == "records.jsonl"]
    assert [d.text for d in docs] == ["good record 0", "good record 1", "good record 2"]
    bad = [(r.record, r.reason) for r in runs.corpus.rejects if r.source_path == "records.jsonl"]
    assert bad == [("2", "invalid_json")]


def test_symlink_cycle_is_walked_once(runs: Runs) -> None:
    paths = [o.rel for o in runs.corpus.outcomes]
    assert "cycle/inner.txt" in paths
    assert not [p for p in paths if "up/" in p or "self/" in p]


def test_ten_thousand_tiny_files_all_parsed(runs: Runs) -> None:
    tiny = [d for d in runs.corpus.documents if d.source_path.startswith("tiny/")]
    assert len(tiny) == N_TINY and len({d.doc_id for d in tiny}) == N_TINY


def test_doc_ids_are_unique_and_one_line(runs: Runs) -> None:
    ids = [d.doc_id for d in runs.corpus.documents]
    assert len(ids) == len(set(ids))
    assert not [i for i in ids if "\n" in i or "\r" in i or i.startswith("/")]


def test_unreadable_file_is_rejected_as_permission_denied(runs: Runs) -> None:
    if "unreadable.txt" not in runs.expected:
        pytest.skip("running as root (or with CAP_DAC_OVERRIDE): a mode-000 file is readable")
    reasons = {r.source_path: r.reason for r in runs.corpus.rejects}
    assert reasons["unreadable.txt"] == "permission_denied"


# ---- the CLI ----------------------------------------------------------------------------


def test_cli_completes_with_a_summary_line(runs: Runs) -> None:
    assert runs.cli.returncode == 0, runs.cli.stderr[-3000:]
    assert f"{len(runs.expected)} input files:" in runs.cli.stdout
    assert runs.cli.stderr == ""  # no traceback, and no library warnings about bad files


def test_cli_tables_account_for_every_file_with_its_expected_outcome(runs: Runs) -> None:
    assert _mismatches(runs.expected, _outcomes_from_tables(runs.out)) == {}


def test_cli_run_json_counts_add_up_and_match_the_api(runs: Runs) -> None:
    counts = json.loads((runs.out / "run.json").read_text())["counts"]
    assert counts["input_files"] == len(runs.expected)
    assert counts["input_files"] == (counts["files_parsed"] + counts["files_duplicate"]
                                     + counts["files_rejected"])
    assert counts == runs.corpus.counts


def test_cli_rejects_table_has_specific_reasons(runs: Runs) -> None:
    rejects = _read(runs.out, "rejects")
    assert not set(rejects.reason) & GENERIC_REASONS
    assert (rejects.detail.str.strip() != "").all()


def test_cli_outputs_stay_inside_out_whatever_the_input_names(runs: Runs) -> None:
    assert verify_outputs(runs.out) == []  # OUT holds exactly the files its marker lists
    names = [p.relative_to(runs.out).as_posix() for p in runs.out.rglob("*")]
    assert [n for n in names if not OUTPUT_NAME.fullmatch(n)] == []
    assert {"documents.csv", "rejects.csv", "run.json", MARKER} <= set(names)
    # Nothing beside OUT: no staging, lock or old folder left, and nothing written elsewhere.
    assert sorted(p.name for p in runs.base.iterdir()) == ["in", "out"]
    assert not runs.sentinel.exists()
