"""The fast SDG matching paths (query prefilter, keyword n-gram pruning, batched
probabilities) give exactly what a plain evaluation gives, on real text."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

import numpy as np
import pytest

import govtext
from govtext.extract.sdg.aurora import aurora_hits, aurora_queries
from govtext.extract.sdg.detector import passage_evidence
from govtext.extract.sdg.hits import default_detector, sdg_hits
from govtext.extract.sdg.keywords import (
    KeywordSystem,
    cmu_system,
    elsevier_system,
    govtext_system,
)
from govtext.extract.sdg.scopus import QuerySet, evaluate, parse_query
from govtext.extract.sdg.textspans import (
    TokenizedText,
    fold_token,
    paragraph_bounds,
    sentence_around,
    sentence_bounds,
    tokenize,
)

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
#: Speeches of the shared UN General Debate subset, spread over its sessions.
N_SPEECHES = 6


def _paragraphs(text: str) -> Iterator[str]:
    yield from (text[s:e] for s, e in paragraph_bounds(text))
    yield text  # whole sections are scored too (detect_sdgs, training texts)


@cache
def _sample_passages() -> tuple[str, ...]:
    corpus = govtext.parse_corpus(RAW)
    return tuple(p for d in corpus.documents for s in d.sections for p in _paragraphs(s.text))


def _speech_passages(ungdc_dir: Path) -> list[str]:
    files = sorted((ungdc_dir / "txt").glob("*/*.txt"))
    if not files:
        pytest.skip("no ungdc speeches")
    step = max(1, len(files) // N_SPEECHES)
    return [p for f in files[::step][:N_SPEECHES]
            for p in _paragraphs(f.read_text(encoding="utf-8"))]


@pytest.fixture(scope="module", params=["samples", "speeches"])
def passages(request: pytest.FixtureRequest) -> list[str]:
    """Paragraphs of the bundled samples, or of a few shared speeches (skipped if absent)."""
    if request.param == "samples":
        return list(_sample_passages())
    return _speech_passages(request.getfixturevalue("ungdc_dir"))


@pytest.fixture(scope="module")
def sample_passages() -> list[str]:
    return list(_sample_passages())


# --- plain reference evaluators ---

def _plain_tokenize(text: str) -> TokenizedText:
    import re

    matches = list(re.finditer(r"[^\W_]+", text))
    return TokenizedText(text, tuple(fold_token(m.group()) for m in matches),
                         tuple(m.start() for m in matches), tuple(m.end() for m in matches))


def _plain_aurora(text: str) -> list[tuple[int, str | None, int, int, int]]:
    """Every query line evaluated, no prefilter."""
    tok = _plain_tokenize(text)
    out = []
    for q in aurora_queries():
        spans = evaluate(q.tree, tok)
        if spans:
            s, e = spans[0]
            out.append((q.goal, q.target, q.line_no, tok.starts[s], tok.ends[e - 1]))
    return out


def _plain_keywords(system: KeywordSystem, text: str) -> list[tuple[int, str, float, int, int]]:
    """Every n-gram up to the longest keyword looked up."""
    import re

    words = list(re.finditer(r"[^\W_]+", text))
    folded = [w.group().casefold() for w in words]
    out = []
    for i in range(len(words)):
        for n in range(1, min(system.max_words, len(words) - i) + 1):
            key = " ".join(folded[i:i + n])
            for goal, weight in system.entries.get(key, ()):
                out.append((goal, key, weight, words[i].start(), words[i + n - 1].end()))
    return out


# --- tests ---

def test_aurora_hits_equal_evaluating_every_query(passages: list[str]) -> None:
    n_hits = 0
    for text in passages:
        fast = [(h.goal, h.target, h.line_no, h.start, h.end) for h in aurora_hits(tokenize(text))]
        assert fast == _plain_aurora(text), text[:200]
        n_hits += len(fast)
    assert n_hits > 5  # the texts do exercise the queries


def test_keyword_hits_equal_looking_up_every_ngram(passages: list[str]) -> None:
    for system in (cmu_system(), elsevier_system(), govtext_system()):
        for text in passages:
            fast = [(h.goal, h.keyword, h.weight, h.start, h.end) for h in system.hits(text)]
            assert fast == _plain_keywords(system, text), (system.name, text[:200])
    # Repeated calls on one text (the words of the last text are reused) agree too.
    text = passages[0]
    assert cmu_system().hits(text) == cmu_system().hits(text)


def test_memoized_tokenize_and_sentences_equal_plain(passages: list[str]) -> None:
    for text in passages[:50]:
        assert tokenize(text) == _plain_tokenize(text)
        bounds = sentence_bounds(text)
        for s, e in bounds[:5]:
            first = next((a for a, b in bounds if a <= s < b), s)
            last = next((b for a, b in reversed(bounds) if a < e <= b), e)
            assert sentence_around(text, s, e) == (min(first, s), max(last, e))


@pytest.mark.parametrize("query", [
    '"poverty" W/3 ("eradicat*" OR "end")',
    '("clean water" OR "sanitation") AND NOT "ocean*"',
    '("wom*n" OR "girls") AND ("equal*" OR "empower*") AND "rights"',
    '"sustainable development" AND ("a" OR "b" OR "c") AND ("d" OR "e" OR "f" OR "g")',
    '"climat* chang*" OR (emission* W/5 reduc*)',
    '"Policies" OR labour',
])
def test_prefilter_never_drops_a_matching_query(query: str, sample_passages: list[str]
                                                ) -> None:
    tree = parse_query(query)
    qs = QuerySet([tree])
    for text in sample_passages:
        tok = tokenize(text)
        present = qs.present(tok)
        full = evaluate(tree, _plain_tokenize(text))
        assert evaluate(tree, tok, present) == full
        if full:
            assert qs.candidates(tok, present) == [0]


def test_batched_probabilities_equal_per_passage(passages: list[str]) -> None:
    det = default_detector()
    texts = passages[::max(1, len(passages) // 150)]  # samples and speeches
    evidences = [passage_evidence(t) for t in texts]
    batched = det.goal_probabilities_many(texts, evidences)
    assert batched.shape == (len(texts), 17)
    for i, (text, ev) in enumerate(zip(texts, evidences, strict=True)):
        assert np.array_equal(batched[i], det.goal_probabilities(text, ev)), text[:200]
    assert det.goal_probabilities_many([]).shape == (0, 17)


def test_sdg_hits_equal_per_paragraph_scoring(sample_passages: list[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    det = default_detector()
    texts = [t for t in sample_passages if len(t) > 2000][:5] or sample_passages[:5]
    fast = [sdg_hits(t, det) for t in texts]
    monkeypatch.setattr(det, "goal_probabilities_many", lambda ts, evs: np.array(
        [det.goal_probabilities(t, e) for t, e in zip(ts, evs, strict=True)]))
    assert fast == [sdg_hits(t, det) for t in texts]
    assert any(h.kind == "inferred" for hits in fast for h in hits)
