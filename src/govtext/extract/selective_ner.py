"""A spaCy component that runs the trained NER only on sentences where it can add a name.

NER is most of the entity stage's cost. ``doc_entities`` keeps an NER span only when it
contains a capital letter and does not overlap a gazetteer match, so a sentence whose only
capitals are gazetteer names, the pronoun "I" or a sentence-initial stop word ("The", "We")
cannot contribute a row. On UN General Debate speeches that is about two thirds of the
tokens. The remaining sentences are grouped into runs of consecutive sentences and tagged
by the wrapped ``ner`` component, batched across documents; their entities are copied back
onto the full document. en_core_web_sm's NER sees about four tokens of context on each side,
so a name next to a skipped sentence can differ slightly from a whole-document run.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc, Span

#: Tokens after which a new sentence starts (the entity pipeline has no parser or senter).
_SENTENCE_ENDS = frozenset({".", "!", "?"})


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of sentences: cut after end punctuation and at blank lines (not at a
    single line break, which hard-wrapped text such as the UN speeches has mid-sentence)."""
    out, start = [], 0
    for tok in doc:
        if tok.text in _SENTENCE_ENDS or (tok.is_space and tok.text.count("\n") > 1):
            out.append((start, tok.i + 1))
            start = tok.i + 1
    if start < len(doc):
        out.append((start, len(doc)))
    return out


def _needs_ner(doc: Doc, start: int, end: int, covered: set[int]) -> bool:
    """True when a word with a capital here is not covered by the gazetteer and is neither
    a sentence-initial stop word nor the pronoun "I"."""
    first = True
    for tok in doc[start:end]:
        if tok.is_space or tok.is_punct:
            continue
        # Any capital counts, not just a first one: "Q&A", "dÉtente" reach NER too.
        capital = (tok.text != "I" and tok.i not in covered
                   and any(ch.isupper() for ch in tok.text))
        if capital and not (first and tok.is_stop):
            return True
        first = False
    return False


def ner_windows(doc: Doc, covered_keys: Iterable[str]) -> list[tuple[int, int]]:
    """Token ranges (runs of consecutive sentences) that NER must see."""
    covered: set[int] = set()
    for key in covered_keys:
        for span in doc.spans.get(key, []):
            covered.update(range(span.start, span.end))
    windows: list[tuple[int, int]] = []
    for start, end in _sentences(doc):
        if not _needs_ner(doc, start, end, covered):
            continue
        if windows and windows[-1][1] == start:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


class SelectiveNER:
    """Run the pipeline's (disabled) ``ner`` component on candidate sentences only."""

    def __init__(self, nlp: Language, name: str, ner: str, covered_keys: list[str],
                 batch_size: int, context: int) -> None:
        self.nlp = nlp
        self.name = name
        self.ner = ner
        self.covered_keys = list(covered_keys)
        self.batch_size = batch_size
        self.context = context

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        size = batch_size or self.batch_size
        it = iter(docs)
        while batch := list(islice(it, size)):
            yield from self._tag(batch)

    def _tag(self, docs: list[Doc]) -> list[Doc]:
        ner = self.nlp.get_pipe(self.ner)
        windows = [ner_windows(doc, self.covered_keys) for doc in docs]
        pad = self.context
        padded = [[(max(0, a - pad), min(len(doc), b + pad)) for a, b in ws]
                  for doc, ws in zip(docs, windows, strict=True)]
        parts = []
        for doc, ws in zip(docs, padded, strict=True):
            if not ws:
                continue
            # A bare Doc of the window's words: NER reads only lexeme features, and this
            # is about ten times cheaper than Span.as_doc().
            words = [t.text for t in doc]
            spaces = [bool(t.whitespace_) for t in doc]
            parts.extend(Doc(doc.vocab, words=words[a:b], spaces=spaces[a:b]) for a, b in ws)
        tagged = iter(ner.pipe(parts, batch_size=64))  # type: ignore[attr-defined]
        for doc, ws, pws in zip(docs, windows, padded, strict=True):
            ents: list[Span] = []
            for (a, b), (pa, _) in zip(ws, pws, strict=True):
                part = next(tagged)
                # Names that start in the context tokens belong to a skipped sentence.
                ents.extend(Span(doc, pa + e.start, pa + e.end, label=e.label_)
                            for e in part.ents if a <= pa + e.start < b)
            doc.set_ents(ents, default="outside")
        return docs


@Language.factory("govtext_selective_ner",
                  default_config={"ner": "ner", "covered_keys": [], "batch_size": 16,
                                  "context": 4})
def make_selective_ner(nlp: Language, name: str, ner: str, covered_keys: list[str],
                       batch_size: int, context: int) -> SelectiveNER:
    """Registered factory: ``nlp.add_pipe("govtext_selective_ner", config={...})``.

    ``context``: tokens of the neighbouring text NER sees on each side of a window (its
    convolutions look four tokens each way); names starting there are not kept.
    """
    return SelectiveNER(nlp, name, ner, covered_keys, batch_size, context)
