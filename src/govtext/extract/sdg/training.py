"""Training data for the SDG combination, all of govtext's own making: the UN goal, target
and indicator texts (grouped by target, so cross-validation holds targets out), hand-labelled
General Debate passages (``sdg/labelled_passages.csv`` and ``sdg/labelled_passages_more.csv``),
short passages written in the style of
IGF pages (``sdg/written_passages.csv``) and passages that discuss no goal
(``sdg/negatives.txt``)."""

from __future__ import annotations

from functools import cache
from importlib import resources

from govtext.ingest.vocab import read_data_csv


@cache
def framework_rows() -> tuple[dict[str, str], ...]:
    return tuple(read_data_csv("sdg/framework.csv"))


def target_texts() -> dict[str, str]:
    """Target code -> target text ('9.5' -> 'Enhance scientific research ...')."""
    return {r["code"]: r["text"] for r in framework_rows() if r["level"] == "target"}


@cache
def training_data() -> tuple[list[str], list[list[int]], list[str]]:
    """(texts, goal labels, groups): framework texts, labelled passages, negatives."""
    texts, labels, groups = [], [], []
    for r in framework_rows():
        code = r["code"]
        group = code if r["level"] == "goal" else ".".join(code.split(".")[:2])
        texts.append(r["text"])
        labels.append([int(r["goal"])])
        groups.append(group)
    for name in ("labelled_passages.csv", "labelled_passages_more.csv",
                 "written_passages.csv"):
        for r in read_data_csv(f"sdg/{name}"):
            texts.append(r["text"])
            labels.append([int(g) for g in r["goals"].split(";") if g.strip()])
            groups.append("passage-" + r["id"])
    raw = resources.files("govtext.data").joinpath("sdg/negatives.txt").read_text("utf-8")
    for i, line in enumerate(ln for ln in raw.splitlines() if ln and not ln.startswith("#")):
        texts.append(line)
        labels.append([])
        groups.append(f"negative-{i}")
    return texts, labels, groups


def is_passage(group: str) -> bool:
    """Whether a training group is a passage (labelled, written or negative), not a UN text."""
    return group.startswith(("passage-", "negative-"))


def sample_weights(groups: list[str], passage_weight: float) -> list[float]:
    """Weight of each training text: passages count ``passage_weight`` times a UN text."""
    return [passage_weight if is_passage(g) else 1.0 for g in groups]
