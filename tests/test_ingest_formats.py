"""Every supported file type and encoding is read into canonical text; bad input is rejected
with a specific reason and never stops the run."""

from __future__ import annotations

import json
from pathlib import Path

from govtext import parse_corpus
from govtext.ingest.normalize import canonical_text

SAMPLE = (Path(__file__).resolve().parents[1] / "data" / "raw").glob("000_*.txt")


def _one(tmp_path: Path, name: str, data: bytes):
    (tmp_path / name).write_bytes(data)
    corpus = parse_corpus(tmp_path)
    return corpus


def test_canonical_text_folds_odd_spaces_and_hyphens() -> None:
    raw = "multi\u2011stakeholder\u00a0model\u200b \r\nnext\u2028line"
    assert canonical_text(raw) == "multi-stakeholder model\nnext\nline"


def test_canonical_text_is_nfc() -> None:
    assert canonical_text("Tu\u0308rkiye") == "Türkiye"


def test_html_visible_text_only(tmp_path: Path) -> None:
    html = ("<html><head><title>IGF page</title><style>p{color:red}</style>"
            "<script>alert('x')</script></head><body><p>Digital divide</p>"
            "<noscript>enable js</noscript><div>Second line</div></body></html>")
    (doc,) = _one(tmp_path, "page.html", html.encode()).documents
    assert "alert" not in doc.text and "color" not in doc.text and "enable js" not in doc.text
    assert "Digital divide" in doc.text and "Second line" in doc.text


def test_utf16_with_bom_and_cp1252_smart_quotes(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("Data “sovereignty” – UTF-16".encode("utf-16"))
    (tmp_path / "b.txt").write_bytes("Data \x93sovereignty\x94 cp1252".encode("latin-1"))
    docs = {d.source_path: d for d in parse_corpus(tmp_path).documents}
    assert docs["a.txt"].text == "Data “sovereignty” – UTF-16"
    assert docs["a.txt"].encoding == "utf-16"
    assert docs["b.txt"].text == "Data “sovereignty” cp1252"
    assert docs["b.txt"].encoding == "cp1252"


def test_utf8_bom_is_not_part_of_the_text(tmp_path: Path) -> None:
    (doc,) = _one(tmp_path, "a.txt", "\ufeffHello".encode()).documents
    assert doc.text == "Hello" and doc.encoding == "utf-8-sig"


def test_jsonl_malformed_line_rejected_good_lines_kept(tmp_path: Path) -> None:
    lines = [json.dumps({"text": "first record", "year": 2021}), "{not json",
             json.dumps({"text": "third record", "title": "T3"})]
    corpus = _one(tmp_path, "recs.jsonl", "\n".join(lines).encode())
    assert [d.doc_id for d in corpus.documents] == ["recs.jsonl#1", "recs.jsonl#3"]
    assert corpus.documents[0].year == 2021 and corpus.documents[0].year_source == "metadata"
    assert corpus.documents[1].title == "T3"
    assert [(r.record, r.reason) for r in corpus.rejects] == [("2", "invalid_json")]


def test_json_array_and_csv_text_column(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps([{"content": "one"}, {"content": "two"}]))
    (tmp_path / "b.csv").write_text("id,text,year\n1,hello world,2019\n2,second row,2020\n")
    docs = parse_corpus(tmp_path).documents
    assert [(d.doc_id, d.text) for d in docs] == [
        ("a.json#1", "one"), ("a.json#2", "two"), ("b.csv#2", "hello world"),
        ("b.csv#3", "second row")]
    assert [d.year for d in docs[2:]] == [2019, 2020]


def test_csv_without_text_column_is_rejected_with_reason(tmp_path: Path) -> None:
    corpus = _one(tmp_path, "t.csv", b"a,b\n1,2\n")
    assert [(r.source_path, r.reason) for r in corpus.rejects] == [("t.csv", "no_text_column")]


def test_pdf_text_layer_and_scanned_pdf(tmp_path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from pypdf import PdfWriter

    fig = plt.figure()
    fig.text(0.1, 0.5, "Internet Governance Forum 2023")
    fig.savefig(tmp_path / "text.pdf")
    plt.close(fig)
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    with open(tmp_path / "scan.pdf", "wb") as fh:
        writer.write(fh)
    corpus = parse_corpus(tmp_path)
    (doc,) = corpus.documents
    assert "Internet Governance Forum 2023" in doc.text
    rejects = [(r.source_path, r.reason) for r in corpus.rejects]
    assert rejects == [("scan.pdf", "pdf_no_text_layer")]


def test_bad_inputs_rejected_with_specific_reasons(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\t \n")
    (tmp_path / "random.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n")
    (tmp_path / "ok.txt").write_text("A real document about the digital divide.")
    corpus = parse_corpus(tmp_path)
    reasons = {r.source_path: r.reason for r in corpus.rejects}
    assert reasons == {"empty.txt": "empty_file", "blank.txt": "empty_text",
                       "random.txt": "binary", "image.png": "unsupported_type"}
    assert [d.source_path for d in corpus.documents] == ["ok.txt"]


def test_identical_content_recorded_once_duplicate_points_to_twin(tmp_path: Path) -> None:
    text = next(SAMPLE).read_bytes()
    (tmp_path / "a.txt").write_bytes(text)
    (tmp_path / "b copy.txt").write_bytes(text)
    corpus = parse_corpus(tmp_path)
    docs = {d.source_path: d for d in corpus.documents}
    assert docs["a.txt"].duplicate_of is None and docs["a.txt"].participants
    assert docs["b copy.txt"].duplicate_of == "a.txt"
    assert not docs["b copy.txt"].participants and not docs["b copy.txt"].sections
    assert corpus.counts["files_duplicate"] == 1 and corpus.counts["documents"] == 1


def test_doc_ids_are_stable_and_safe(tmp_path: Path) -> None:
    sub = tmp_path / "sub dir"
    sub.mkdir()
    (sub / "été\nnotes.txt").write_text("some text here")
    (doc,) = parse_corpus(tmp_path).documents
    assert doc.source_path == "sub dir/été\nnotes.txt"
    assert "\n" not in doc.doc_id and " " not in doc.doc_id
    assert parse_corpus(tmp_path).documents[0].doc_id == doc.doc_id
