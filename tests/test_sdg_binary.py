"""Binary SDG data and scoring: the report-style snippets, the real-snippet gold, the
classifier's no-goal class, and the evaluation rule that must equal ``detect_sdgs``."""

from __future__ import annotations

import copy
import json
import sys
from collections import Counter
from pathlib import Path

import pytest

from govtext.extract import detect_sdgs
from govtext.extract.sdg.detector import SDGDetector
from govtext.extract.sdg.training import (
    binary_goals,
    binary_rows,
    present_binary_writers,
    training_data,
)

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "tests" / "gold" / "sdg_binary_real.jsonl"
UNGDC = ROOT.parent / "shared" / "corpus" / "ungdc"


def test_every_binary_file_is_consistent_and_balanced_per_goal() -> None:
    writers = present_binary_writers()
    assert len(writers) >= 4
    ids: set[str] = set()
    for writer in writers:
        rows = binary_rows(writer)
        per_goal = Counter((int(r["sdg"]), r["label"]) for r in rows)
        for r in rows:
            goals = [int(g) for g in r["sdgs"].split(";") if g.strip()]
            assert (r["label"] == "true") == (int(r["sdg"]) in goals), r["id"]
            assert r["id"].startswith(writer + "-") and r["id"] not in ids
            ids.add(r["id"])
            assert 1 <= r["text"].count(". ") + 1 <= 6 and len(r["text"]) > 80, r["id"]
        for goal in {g for g, _ in per_goal}:
            assert per_goal[(goal, "true")] == per_goal[(goal, "false")], (writer, goal)


def test_binary_positives_train_with_their_checked_goal_first() -> None:
    texts, labels, groups = training_data()
    where = {t: i for i, t in enumerate(texts)}
    for writer in present_binary_writers():
        for r in binary_rows(writer):
            i = where[r["text"]]
            assert groups[i] == "passage-binary-" + r["id"]
            assert labels[i] == binary_goals(r)
            if r["label"] == "true":
                assert labels[i][0] == int(r["sdg"])
            else:
                assert int(r["sdg"]) not in labels[i]


def test_real_gold_snippets_come_from_speeches_no_other_gold_uses() -> None:
    rows = [json.loads(line) for line in REAL.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 240
    other = {json.loads(line)["id"].removeprefix("ungdc/")
             for name in ("passages.jsonl", "dev_passages.jsonl", "sdg_dev_passages.jsonl")
             for line in (ROOT / "tests" / "gold" / name).read_text("utf-8").splitlines()}
    for row in rows:
        assert row["id"].removeprefix("ungdc/") not in other
        assert all(1 <= g <= 17 for g in row["sdgs_a"] + row["sdgs_b"])
    if not UNGDC.is_dir():
        pytest.skip("../shared/corpus/ungdc not found")
    index = {p.stem: p for p in (UNGDC / "txt").rglob("*.txt")}
    for row in rows[:60]:
        source = index[row["id"].removeprefix("ungdc/")].read_text(encoding="utf-8")
        assert row["text"] in source, row["id"]


def test_no_goal_class_lowers_the_goal_probabilities_of_an_off_topic_text() -> None:
    texts = ["Extreme poverty fell as cash transfers reached the poorest households.",
             "Emissions must fall to limit global warming and climate change.",
             "The committee approved the minutes of its previous meeting.",
             "The delegation thanked the Chair and the secretariat for the arrangements."] * 3
    labels = [[1], [13], [], []] * 3
    groups = [str(i) for i in range(len(texts))]
    plain, none = (SDGDetector(classifier_C=10.0, classifier_none=flag, keyword_docs=False,
                               n_splits=3).fit(
        texts, labels, groups) for flag in (False, True))
    off_topic = "The meeting was adjourned and the minutes will be circulated."
    p_plain = plain.classifier_probabilities(off_topic)
    p_none = none.classifier_probabilities(off_topic)
    assert p_plain is not None and p_none is not None
    assert abs(p_plain.sum() - 1.0) < 1e-9 and p_none.sum() < 0.5
    on_topic = none.classifier_probabilities("Cash transfers to the poorest households.")
    assert on_topic is not None and int(on_topic.argmax()) == 0


@pytest.mark.parametrize("register", ["written", "spoken"])
def test_the_evaluation_rule_is_what_detect_sdgs_returns(register: str) -> None:
    """scripts/eval_sdg_binary.py tunes on ``rule_predictions``; it must equal the shipped
    ``detect_sdgs`` on one-paragraph snippets, or the tuning scores something else."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from eval_sdg_binary import rule_predictions
    finally:
        sys.path.pop(0)
    from govtext.extract.sdg.explicit import explicit_mentions
    from govtext.extract.sdg.hits import default_detector
    from govtext.extract.sdg.registers import SETTINGS

    texts = [json.loads(line)["text"]
             for line in REAL.read_text(encoding="utf-8").splitlines()][::4]
    det = copy.deepcopy(default_detector(register))
    det.secondary_threshold = None
    probs = det.goal_probabilities_many(texts)
    explicit = [{m.sdg for m in explicit_mentions(t) if m.sdg} for t in texts]
    st = SETTINGS[register]
    ruled = rule_predictions(probs, explicit, st.threshold, st.secondary_threshold,
                             1.0 if st.fallback is None else st.fallback)
    assert ruled == [sorted(detect_sdgs(t, register=register)) for t in texts]


def test_transcripts_and_speeches_are_read_in_the_spoken_register() -> None:
    from govtext.extract.sdg.registers import register_of
    from govtext.schema import DOC_KINDS

    assert {k for k in DOC_KINDS if register_of(k) == "spoken"} == {"igf_transcript", "speech"}
    with pytest.raises(ValueError, match="unknown register"):
        detect_sdgs("Extreme poverty must end.", register="sung")


def test_goal_bias_adds_one_intercept_column_per_goal() -> None:
    texts = ["Extreme poverty fell as cash transfers reached the poorest households.",
             "Emissions must fall to limit global warming and climate change.",
             "The committee approved the minutes of its previous meeting."] * 3
    labels = [[1], [13], []] * 3
    groups = [str(i) for i in range(len(texts))]
    plain, biased = (SDGDetector(goal_bias=flag, n_splits=3).fit(texts, labels, groups)
                     for flag in (False, True))
    assert biased.n_features_in_ == plain.n_features_in_ + 17
    assert biased.goal_probabilities("Cash transfers to the poorest households.").shape == (17,)
