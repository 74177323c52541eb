"""Rules that judge NER spans outside the gazetteer, loaded from ``entity_rules.yaml``:
stop list, words that mark treaties and events, organization-type cues, turn-label roles."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml
from spacy.tokens import Span

from govtext.errors import ConfigError
from govtext.extract.countries import name_key


@dataclass(frozen=True)
class EntityRules:
    """Rules for NER spans outside the gazetteer (``entity_rules.yaml``)."""

    stoplist: frozenset[str]
    type_cues: tuple[tuple[str, tuple[str, ...]], ...]
    leading_words: frozenset[str]
    non_org_cues: frozenset[str]
    treaty_words: frozenset[str]
    speaker_roles: frozenset[str]
    trailing_words: frozenset[str] = frozenset()
    person_titles: frozenset[str] = frozenset()


_RULE_KEYS = ("ner_stoplist", "org_type_cues", "leading_words", "non_org_cues", "treaty_words",
              "speaker_roles", "trailing_words", "person_titles")


@cache
def entity_rules() -> EntityRules:
    text = resources.files("govtext.data").joinpath("entity_rules.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or any(
            k not in data for k in _RULE_KEYS):
        raise ConfigError(f"entity_rules.yaml needs {', '.join(_RULE_KEYS)}")
    cues = tuple((t, tuple(str(w).lower() for w in words))
                 for t, words in data["org_type_cues"].items())
    return EntityRules(frozenset(name_key(str(s)) for s in data["ner_stoplist"]), cues,
                       frozenset(str(w) for w in data["leading_words"]),
                       frozenset(str(w).lower() for w in data["non_org_cues"]),
                       frozenset(str(w).lower() for w in data["treaty_words"]),
                       frozenset(name_key(str(w)) for w in data["speaker_roles"]),
                       frozenset(str(w) for w in data["trailing_words"]),
                       frozenset(str(w).lower() for w in data["person_titles"]))


@cache
def common_words() -> frozenset[str]:
    """Lower-case words of ordinary policy prose: spaCy's stop words plus every word of the
    bundled SDG texts and keyword lists. A span made only of these is a heading or a topic
    ("Digital Governance", "International Development"), not a name."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from govtext.extract.sdg.training import framework_rows
    from govtext.ingest.vocab import read_data_csv

    words = set(STOP_WORDS)
    for r in framework_rows():
        words.update(re.findall(r"[a-z]+", r["text"].lower()))
    for name in ("cmu250_keywords.csv", "elsevier100_keywords.csv", "govtext_keywords.csv"):
        for r in read_data_csv(f"sdg/{name}"):
            words.update(re.findall(r"[a-z]+", r["keyword"].lower()))
    return frozenset(words)


def is_common_phrase(text: str) -> bool:
    words = re.findall(r"[^\W\d_]+", text.lower())
    return bool(words) and all(w in common_words() for w in words)


def has_org_word(text: str) -> bool:
    return org_type(text) != "other"


def names_non_org(text: str) -> bool:
    words = " " + " ".join(re.findall(r"\w+", text.lower())) + " "
    return any(f" {cue} " in words for cue in entity_rules().non_org_cues)


def normalized_key(text: str) -> str:
    """Key for an unknown name: lower case, punctuation dropped, words joined by '-'."""
    words = re.findall(r"\w+", text.casefold())
    if words and words[0] == "the":
        words = words[1:]
    return "-".join(words)


def org_type(text: str) -> str:
    words = " " + " ".join(re.findall(r"[\w.]+", text.lower())) + " "
    for org_type, cues in entity_rules().type_cues:
        if any(f" {cue} " in words for cue in cues):
            return org_type
    return "other"


def _is_title(token: str) -> bool:
    """'Director', 'co‑moderator', 'Vice-President' (any hyphen) are job titles."""
    t = token.lower().replace("\u2011", "-")
    return t in entity_rules().person_titles or t.split("-")[-1] in entity_rules().person_titles


def introduces_person(span: Span) -> bool:
    """True for a short NER 'ORG' made of capitalized words that a job title introduces or
    follows: "Jane Doe, Director of ...", "Jane Doe President of ...", "co-moderator, Jane
    Doe". Names with an organization word ("Foundation", "Ministry") never count, nor a
    name directly before a title without "of" ("Acme President Jane Doe")."""
    words = [t.text for t in span]
    if not 1 <= len(words) <= 3 or has_org_word(span.text):
        return False
    if not all(w[:1].isupper() and w[1:].islower() and w.isalpha() for w in words):
        return False  # acronyms and mixed forms ("UNESCO", "TikTok") are organizations
    doc = span.doc
    after = [t.text for t in doc[span.end:span.end + 4]]
    if after[:1] == [","]:  # "Jane Doe, Acting Director ..."
        if any(_is_title(w) for w in after[1:4]):
            return True
    elif len(after) > 1 and _is_title(after[0]) and after[1] in ("of", "at", "for"):
        return True  # "Jane Doe President of ..." (not "Acme President Jane Doe")
    before = [t.text for t in doc[max(0, span.start - 2):span.start]]
    return len(before) == 2 and before[1] == "," and _is_title(before[0])
