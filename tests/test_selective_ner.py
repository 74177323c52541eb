"""Selective NER: NER only on sentences where it can add a name gives the same entities as
NER over every token, on the samples and on real speeches and transcripts."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import govtext
from conftest import CORPUS, RAW, parse_path
from govtext.extract import extract_entities
from govtext.extract.nlp import DEFAULT_CONFIG, PipelineConfig, entity_pipeline
from govtext.extract.selective_ner import ner_windows

FULL = PipelineConfig(ner_scope="all")


def _documents(paths: list[Path]) -> list:
    return [parse_path(p, p.name) for p in paths]


def _assert_same_entities(docs: list) -> None:
    selective = extract_entities(docs)
    full = extract_entities(docs, config=FULL)
    assert len(full) > 0
    pd.testing.assert_frame_equal(selective, full)


def test_default_pipeline_is_selective() -> None:
    assert DEFAULT_CONFIG.ner_scope == "candidate_sentences"
    nlp = entity_pipeline()
    assert nlp.pipe_names[-1] == "selective_ner"
    assert "ner" in nlp.disabled and "ner" not in nlp.pipe_names
    assert "ner" in entity_pipeline(FULL).pipe_names


def test_sentences_without_a_new_capital_are_skipped() -> None:
    nlp = entity_pipeline()
    text = ("The United Nations must act. We agree that it is late. "
            "Ms. Amina Mohammed spoke in Nairobi. I think so.")
    doc = nlp(text)
    windows = [doc[a:b].text for a, b in ner_windows(doc, ["gazetteer_cased",
                                                          "gazetteer_uncased"])]
    # The first sentence's capitals are a gazetteer name and a stop word, the second and
    # fourth have none but "We" and "I": only the third needs NER.
    assert windows == ["Ms. Amina Mohammed spoke in Nairobi."]
    assert "Amina Mohammed" in {e.text for e in doc.ents}


def test_unknown_name_at_sentence_start_still_reaches_ner() -> None:
    doc = entity_pipeline()("Tindaro works on hunger.")
    assert ner_windows(doc, ["gazetteer_cased", "gazetteer_uncased"]) == [(0, len(doc))]


def test_invalid_scope_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="ner_scope"):
        entity_pipeline(PipelineConfig(ner_scope="some"))


def test_samples_same_entities_as_full_ner() -> None:
    docs = [d for d in govtext.parse_corpus(RAW).documents if not d.duplicate_of]
    _assert_same_entities(docs)


def test_real_speeches_and_transcripts_same_entities_as_full_ner() -> None:
    speeches = CORPUS / "ungdc" / "txt"
    windows = CORPUS / "igf-transcript-windows" / "txt"
    if not speeches.is_dir() or not windows.is_dir():
        pytest.skip("shared corpora are not available")
    files = sorted(speeches.rglob("*.txt"))
    picked = files[:: max(1, len(files) // 12)][:12] + sorted(windows.rglob("*.txt"))[:4]
    _assert_same_entities(_documents(picked))
