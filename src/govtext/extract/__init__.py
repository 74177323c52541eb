"""Extraction stage: entities (organizations, people, countries, regions, blocs) and SDG
evidence, as spans over section text.

Public API (the pipeline and ``govtext`` re-export these):

- ``extract_entities(documents)`` -> rows of ``schema.ENTITIES``
- ``find_sdgs(documents)`` -> rows of ``schema.SDGS``
- ``detect_sdgs(text)`` -> the goals found in a passage
- ``sdg_hits(text)`` -> the richer ``SDGHit`` records behind it
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from govtext.extract.sdg.detector import SDGDetector
from govtext.extract.sdg.hits import SDGHit, detect_sdgs, sdg_hits
from govtext.schema import ENTITIES, Document

if TYPE_CHECKING:
    from govtext.extract.nlp import PipelineConfig


def extract_entities(documents: Sequence[Document], *, batch_size: int | None = None,
                     n_process: int = 1, config: PipelineConfig | None = None,
                     ) -> pd.DataFrame:
    """The ``entities`` table: one row per mention, offsets into its section's text.

    Pass documents that are not duplicates (``duplicate_of is None``). ``config`` defaults to
    ``govtext.extract.nlp.DEFAULT_CONFIG``.
    """
    from govtext.extract.entities import entity_rows  # loads spaCy on first use only
    from govtext.extract.nlp import DEFAULT_CONFIG

    return ENTITIES.frame(entity_rows(documents, batch_size=batch_size, n_process=n_process,
                                      config=config or DEFAULT_CONFIG))


def find_sdgs(documents: Sequence[Document]) -> pd.DataFrame:
    """The ``sdgs`` table: declared, explicit, agenda and inferred SDG evidence."""
    from govtext.extract.sdgs import sdgs_frame

    return sdgs_frame(documents)


def document_sdg_scores(sdgs: pd.DataFrame) -> pd.DataFrame:
    """Per-document inferred-goal scores (noisy-OR over paragraphs) from ``find_sdgs``."""
    from govtext.extract.sdgs import document_sdg_scores as scores

    return scores(sdgs)


__all__ = ["SDGDetector", "SDGHit", "detect_sdgs", "document_sdg_scores", "extract_entities",
           "find_sdgs", "sdg_hits"]
