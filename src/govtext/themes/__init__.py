"""Themes and topics: a transparent codebook coder with evidence, and offline topic discovery.

``load_codebook`` reads the theme codebook, ``code_themes`` codes documents with it (every
hit is a quote with offsets), ``fit_topics`` discovers paragraph topics with BERTopic on
offline embeddings (``result.save(dir)`` keeps the model), and ``assign_topics(dir, docs)``
assigns the saved model's topics to new documents.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from govtext.schema import Document
from govtext.themes.codebook import Codebook, Theme, load_codebook
from govtext.themes.coder import ThemeCoder
from govtext.themes.topics import TopicModel, TopicResult, assign_topics, fit_topics

__all__ = ["Codebook", "Theme", "ThemeCoder", "TopicModel", "TopicResult", "assign_topics",
           "code_themes", "fit_topics", "load_codebook"]


def code_themes(
    documents: Sequence[Document], codebook: Codebook | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(themes, theme_hits)`` tables for ``documents`` (duplicates are skipped).

    Offsets are into ``doc.sections[i].text`` with ``section_position = i``.
    """
    return ThemeCoder(codebook).fit().transform(documents)
