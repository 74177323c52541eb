"""Same input and seed give byte-identical theme and topic tables in separate processes."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from govtext import parse_corpus
from govtext.themes import code_themes, fit_topics

ROOT = Path(__file__).resolve().parents[1]



def write_tables(out: Path, raw: Path) -> None:
    """Code and fit the samples; write the five tables as CSV and the model."""
    docs = [d for d in parse_corpus(raw).documents if not d.duplicate_of]
    themes, hits = code_themes(docs)
    res = fit_topics(docs, seed=42)
    tables = {"themes": themes, "theme_hits": hits, "topics": res.topics,
              "doc_topics": res.doc_topics, "topics_over_time": res.topics_over_time}
    for name, df in tables.items():
        df.to_csv(out / f"{name}.csv", index=False)
    res.save(out / "model")


SCRIPT = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from test_topics_determinism import write_tables
write_tables(Path(sys.argv[1]), Path(sys.argv[2]))
"""


def _digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_separate_process_writes_identical_tables_and_model(tmp_path: Path) -> None:
    outs = [tmp_path / "here", tmp_path / "there"]
    for out in outs:
        out.mkdir()
    raw = ROOT / "data" / "raw"
    # A fresh interpreter with its own hash seed (set order must not leak into outputs),
    # running while this process computes the same tables. The rest of the environment is
    # kept: BLAS kernel choice (e.g. OPENBLAS_CORETYPE) changes the last bits of the SVD.
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    proc = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, str(outs[1]), str(raw), str(Path(__file__).parent)],
        env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    write_tables(outs[0], raw)
    output = proc.communicate(timeout=300)[0].decode(errors="replace")
    assert proc.returncode == 0, output[-2000:]
    a, b = (_digests(o) for o in outs)
    assert set(a) >= {"themes.csv", "theme_hits.csv", "topics.csv", "doc_topics.csv",
                      "topics_over_time.csv", "model/topic_model.safetensors",
                      "model/topic_model.json"}
    assert a == b
    assert (outs[0] / "doc_topics.csv").read_text().count("\n") > 50
