"""The two registers the SDG detector is fitted and read for: spoken (speeches, session
transcripts) and written (session pages, reports, news, any other text).

One combination could not serve both (scripts/eval_sdg_binary.py --tune; MODEL_CARD.md):
weighting the report-style binary snippets raised their cross-brief accuracy from 0.80 to
0.90 but cut out-of-fold recall on the General Debate passages from 0.78 to 0.69 (precision
0.91 -> 0.89). Speakers name goals in passing and in lists; reports address them directly or
use their words in another sense. So each register has its own detector, fitted on the same
evidence systems and training texts with its own weights and operating point.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The registers, and the one ``detect_sdgs`` and ``sdg_hits`` use unless told.
REGISTERS = ("written", "spoken")
DEFAULT_REGISTER = "written"
#: Document kinds (``schema.DOC_KINDS``) whose text is spoken.
SPOKEN_DOC_KINDS = frozenset({"igf_transcript", "speech"})


@dataclass(frozen=True)
class RegisterSettings:
    """How the detector of one register is fitted and read."""

    threshold: float  # a passage's most probable goal counts from this probability
    secondary_threshold: float | None  # its other goals from this (None: ``threshold``)
    fallback: float | None  # detect_sdgs: the top goal alone from this, when none counts
    binary: bool  # the binary snippets are training texts
    binary_weight: float | None  # their weight in the combination (None: as passages)
    classifier_none: bool  # the goal classifier learns a no-goal class
    min_systems: int  # query systems that must match for a goal (0: the classifier may alone)


#: spoken: the detector as chosen on the General Debate and IGF-style passages (highest
#: out-of-fold precision at recall >= 0.775; third session). written: the highest
#: cross-brief accuracy on the binary snippets, a brief's writers held out together
#: (``scripts/eval_sdg_binary.py --tune --grid 6``: 0.963 on 3,264 pairs; fourth session).
SETTINGS = {
    "spoken": RegisterSettings(threshold=0.88, secondary_threshold=0.93, fallback=0.5,
                               binary=False, binary_weight=None, classifier_none=False,
                               min_systems=1),
    "written": RegisterSettings(threshold=0.93, secondary_threshold=0.97, fallback=None,
                                binary=True, binary_weight=8.0, classifier_none=True,
                                min_systems=0),
}


def register_of(doc_kind: str) -> str:
    """The register of a document kind: spoken for transcripts and speeches."""
    return "spoken" if doc_kind in SPOKEN_DOC_KINDS else "written"


def check_register(register: str) -> str:
    if register not in REGISTERS:
        raise ValueError(f"unknown register {register!r}; expected one of {REGISTERS}")
    return register
