"""Topic discovery: BERTopic on offline paragraph embeddings, reloadable without pickle."""

from __future__ import annotations

from govtext.themes.topics.fit import TopicResult, assign_topics, fit_topics
from govtext.themes.topics.model import TopicModel
from govtext.themes.topics.units import Unit, paragraph_units

__all__ = ["TopicModel", "TopicResult", "Unit", "assign_topics", "fit_topics",
           "paragraph_units"]
