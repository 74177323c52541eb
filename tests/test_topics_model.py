"""The saved topic model: safetensors + JSON, no pickle, reloaded to assign new paragraphs."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from govtext import parse_corpus
from govtext.errors import ConfigError
from govtext.themes import TopicModel, fit_topics
from govtext.themes.topics.embedding import make_embedder, neural_available
from govtext.themes.topics.units import paragraph_units

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


@pytest.fixture(scope="module")
def fitted():
    docs = parse_corpus(sorted(RAW.glob("00[0-2]_*.txt"))).documents
    return docs, fit_topics(docs, seed=42)


def test_model_is_saved_as_safetensors_and_json_only(fitted, tmp_path: Path) -> None:
    _, res = fitted
    written = res.save(tmp_path)
    assert sorted(p.name for p in written) == ["topic_model.json", "topic_model.safetensors"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written)
    meta = json.loads((tmp_path / "topic_model.json").read_text("utf-8"))
    assert meta["format"] == "govtext-topic-model/1"
    assert [t["topic_id"] for t in meta["topics"]] == res.model.topic_ids.tolist()
    assert not (tmp_path / "topic_model.safetensors").read_bytes().startswith(b"\x80")


def test_reloaded_model_assigns_exactly_as_the_fitted_one(fitted, tmp_path: Path) -> None:
    docs, res = fitted
    res.save(tmp_path)
    loaded = TopicModel.load(tmp_path)
    texts = [u.text for u in paragraph_units(docs)] + ["Bridging the digital divide."]
    a_topics, a_probs = res.model.transform(texts)
    b_topics, b_probs = loaded.transform(texts)
    assert a_topics.tolist() == b_topics.tolist()
    np.testing.assert_allclose(a_probs, b_probs, atol=1e-4)


def test_saved_model_assigns_topics_to_new_documents(fitted, tmp_path: Path) -> None:
    from govtext.schema import DOC_TOPICS
    from govtext.themes import assign_topics

    fitted[1].save(tmp_path)
    new = parse_corpus(sorted(RAW.glob("00[34]_*.txt"))).documents
    table = assign_topics(tmp_path, new)
    assert list(table.columns) == DOC_TOPICS.names
    assert len(table) == len(paragraph_units(new))
    assert set(table["topic_id"]) <= set(fitted[1].model.topic_ids.tolist()) | {-1}


def test_new_paragraphs_mostly_land_where_the_fit_put_them(fitted) -> None:
    docs, res = fitted
    fitted_topics = res.doc_topics["topic_id"].to_numpy()
    again, _ = res.model.transform([u.text for u in paragraph_units(docs)])
    assert (again == fitted_topics).mean() >= 0.6


def test_loading_a_folder_without_a_model_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no topic model"):
        TopicModel.load(tmp_path)


def test_loading_a_foreign_json_is_a_config_error(fitted, tmp_path: Path) -> None:
    fitted[1].save(tmp_path)
    meta = tmp_path / "topic_model.json"
    meta.write_text(json.dumps({"format": "something-else"}), encoding="utf-8")
    with pytest.raises(ConfigError, match="is not a govtext-topic-model"):
        TopicModel.load(tmp_path)


@pytest.mark.skipif(neural_available(), reason="the neural extra is installed")
def test_neural_embedding_without_the_extra_says_how_to_install_it() -> None:
    with pytest.raises(ConfigError, match="make install-neural"):
        make_embedder("neural", seed=1)
    assert make_embedder("auto", seed=1).kind == "tfidf"


def test_unknown_embedding_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown embedding"):
        make_embedder("glove", seed=1)


def test_neural_embedding_path_with_a_stand_in_model(monkeypatch, tmp_path: Path) -> None:
    """The optional neural path end to end, with a tiny stand-in for sentence-transformers."""
    import sys
    import types

    import govtext.themes.topics.embedding as embedding

    class FakeSentenceTransformer:
        def __init__(self, path: str, device: str = "cpu") -> None:
            self.path = path

        def encode(self, texts, **kwargs) -> np.ndarray:
            words = ["digital", "climate", "rights", "data", "security", "women", "ai", "trade"]
            rows = [[t.lower().count(w) + 0.01 for w in words] for t in texts]
            out = np.asarray(rows, dtype=np.float32)
            return out / np.linalg.norm(out, axis=1, keepdims=True)

    monkeypatch.setitem(sys.modules, "sentence_transformers",
                        types.SimpleNamespace(SentenceTransformer=FakeSentenceTransformer))
    monkeypatch.setattr(embedding, "neural_model_dir", lambda: tmp_path / "minilm")
    docs = parse_corpus(sorted(RAW.glob("00[01]_*.txt"))).documents
    res = fit_topics(docs, seed=1, embedding="neural")
    assert res.model.embedder.kind == "neural"
    assert len(res.doc_topics) == len(paragraph_units(docs))
    res.save(tmp_path / "model")
    loaded = TopicModel.load(tmp_path / "model")
    texts = [u.text for u in paragraph_units(docs)]
    assert loaded.transform(texts)[0].tolist() == res.model.transform(texts)[0].tolist()
