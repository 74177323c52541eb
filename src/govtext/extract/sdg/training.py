"""Training data for the SDG combination, all of govtext's own making: the UN goal, target
and indicator texts (grouped by target, so cross-validation holds targets out), hand-labelled
General Debate passages (``sdg/labelled_passages.csv`` and ``sdg/labelled_passages_more.csv``),
short passages written in the style of
IGF pages (``sdg/written_passages.csv``), passages of varied genres (reports, abstracts,
policy, project pages, news, statements, IGF) written by three writers, each with 8 passages
per goal and 8 that discuss none (``sdg/written_passages_a.csv``, ``_b``, ``_c``; main goal
first), report-style snippets each checked against one goal, a positive or a hard negative
(``sdg/binary_passages_w1.csv`` to ``_w8``), and passages that discuss no goal
(``sdg/negatives.txt``). Goal pseudo-documents built from the keyword lists
(``keyword_documents``) train only the text classifier."""

from __future__ import annotations

from functools import cache
from importlib import resources

from govtext.extract.sdg.keywords import cmu_system, elsevier_system, govtext_system
from govtext.ingest.vocab import read_data_csv


@cache
def framework_rows() -> tuple[dict[str, str], ...]:
    return tuple(read_data_csv("sdg/framework.csv"))


def target_texts() -> dict[str, str]:
    """Target code -> target text ('9.5' -> 'Enhance scientific research ...')."""
    return {r["code"]: r["text"] for r in framework_rows() if r["level"] == "target"}


def training_data(binary: bool = True) -> tuple[list[str], list[list[int]], list[str]]:
    """(texts, goal labels, groups): framework texts, labelled passages, negatives, and the
    binary snippets unless ``binary`` is False."""
    texts, labels, groups, _ = _training_rows(binary)
    return texts, labels, groups


@cache
def _training_rows(binary: bool = True) -> tuple[list[str], list[list[int]], list[str],
                                                 list[tuple[str | None, str | None]]]:
    texts: list[str] = []
    labels: list[list[int]] = []
    groups: list[str] = []
    sources: list[tuple[str | None, str | None]] = []

    def add(text: str, goals: list[int], group: str,
            source: tuple[str | None, str | None] = (None, None)) -> None:
        texts.append(text)
        labels.append(goals)
        groups.append(group)
        sources.append(source)

    for r in framework_rows():
        code = r["code"]
        add(r["text"], [int(r["goal"])],
            code if r["level"] == "goal" else ".".join(code.split(".")[:2]))
    for name in ("labelled_passages.csv", "labelled_passages_more.csv",
                 "written_passages.csv"):
        for r in read_data_csv(f"sdg/{name}"):
            add(r["text"], _goals(r["goals"]), "passage-" + r["id"])
    for writer in present_writers():
        for r in _writer_rows(writer):
            add(r["text"], _goals(r["goals"]), _writer_group(r["id"]),
                (writer, r.get("genre") or None))
    for writer in present_binary_writers() if binary else ():
        for r in binary_rows(writer):
            add(r["text"], binary_goals(r), "passage-binary-" + r["id"],
                (writer, r.get("genre") or None))
    raw = resources.files("govtext.data").joinpath("sdg/negatives.txt").read_text("utf-8")
    for i, line in enumerate(ln for ln in raw.splitlines() if ln and not ln.startswith("#")):
        add(line, [], f"negative-{i}")
    return texts, labels, groups, sources


#: The writers of the varied-genre passages (``sdg/written_passages_<writer>.csv``).
WRITERS = ("a", "b", "c")


#: The writers of the report-style snippets checked against one goal each
#: (``sdg/binary_passages_<writer>.csv``: a positive or a hard negative for ``sdg``).
BINARY_WRITERS = tuple(f"w{n}" for n in range(1, 13))


def present_binary_writers() -> tuple[str, ...]:
    """The writers whose binary snippet file is in the package."""
    sdg = resources.files("govtext.data").joinpath("sdg")
    return tuple(w for w in BINARY_WRITERS
                 if sdg.joinpath(f"binary_passages_{w}.csv").is_file())


def binary_rows(writer: str) -> list[dict[str, str]]:
    """Rows of one writer's binary snippets: id, sdg (the goal checked), label (true when
    the text directly addresses it), sdgs (every goal it directly addresses), genre, text."""
    return read_data_csv(f"sdg/binary_passages_{writer}.csv")


def binary_label(row: dict[str, str]) -> bool:
    """Whether a binary snippet directly addresses the goal it is checked against."""
    return row["label"].strip().lower() == "true"


def binary_goals(row: dict[str, str]) -> list[int]:
    """A binary snippet's goals, the checked goal first when it is addressed."""
    goals = _goals(row["sdgs"])
    if binary_label(row):
        goals = [int(row["sdg"]), *(g for g in goals if g != int(row["sdg"]))]
    return goals


def _goals(field: str) -> list[int]:
    """'7; 13' -> [7, 13] (main goal first, duplicates dropped)."""
    out: list[int] = []
    for g in field.replace(",", ";").split(";"):
        if g.strip() and int(g) not in out:
            out.append(int(g))
    return out


def present_writers() -> tuple[str, ...]:
    """The writers whose passage file is in the package."""
    sdg = resources.files("govtext.data").joinpath("sdg")
    return tuple(w for w in WRITERS if sdg.joinpath(f"written_passages_{w}.csv").is_file())


def _writer_rows(writer: str) -> list[dict[str, str]]:
    return read_data_csv(f"sdg/written_passages_{writer}.csv")


def _writer_group(passage_id: str) -> str:
    """The writers wrote from one brief: passages with the same number (xa041, xb041, xc041)
    cover the same topic with similar facts, so they share one cross-validation group."""
    return "passage-written-" + passage_id.lstrip("xabc")


def training_sources(binary: bool = True) -> list[tuple[str | None, str | None]]:
    """(writer, genre) of each text of ``training_data(binary)`` (None, None for texts that
    are neither varied-genre written passages nor binary snippets)."""
    return _training_rows(binary)[3]


@cache
def keyword_documents() -> tuple[str, ...]:
    """One pseudo-document per goal (index 0 is SDG 1): the goal's distinct keywords of the
    CMU, Elsevier and govtext lists, for the text classifier's vocabulary."""
    words: list[dict[str, None]] = [{} for _ in range(17)]
    for system in (cmu_system(), elsevier_system(), govtext_system()):
        for keyword, entries in system.entries.items():
            for goal, _ in entries:
                words[goal - 1].setdefault(keyword, None)
    return tuple(" . ".join(w) for w in words)


def is_passage(group: str) -> bool:
    """Whether a training group is a passage (labelled, written or negative), not a UN text."""
    return group.startswith(("passage-", "negative-"))


def is_written(group: str) -> bool:
    """Whether a training group holds varied-genre written passages."""
    return group.startswith("passage-written-")


def is_binary(group: str) -> bool:
    """Whether a training group is one binary snippet."""
    return group.startswith("passage-binary-")


def sample_weights(groups: list[str], passage_weight: float,
                   written_weight: float | None = None,
                   binary_weight: float | None = None) -> list[float]:
    """Weight of each training text: passages count ``passage_weight`` times a UN text, the
    varied-genre written passages ``written_weight`` times and the binary snippets
    ``binary_weight`` times (None: as other passages)."""
    written = passage_weight if written_weight is None else written_weight
    binary = passage_weight if binary_weight is None else binary_weight
    return [written if is_written(g) else binary if is_binary(g)
            else passage_weight if is_passage(g) else 1.0 for g in groups]
