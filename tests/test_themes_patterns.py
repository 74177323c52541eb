"""The codebook pattern language: inflections, spellings, acronyms, gaps, co-occurrence."""

from __future__ import annotations

import pytest

from govtext.themes.codebook import parse_codebook
from govtext.themes.coder import ThemeCoder
from govtext.themes.sentences import sentence_spans


def _coder(include: list[str], exclude: list[str] | None = None,
           aliases: dict[str, list[str]] | None = None) -> ThemeCoder:
    data = {"aliases": aliases or {}, "themes": [{
        "id": "t", "label": "T", "definition": "T.", "include": include,
        "exclude": exclude or []}]}
    return ThemeCoder(parse_codebook(data, "test")).fit()


def _evidence(coder: ThemeCoder, text: str) -> list[str]:
    return [text[h.start:h.end] for h in coder.hits(text)]


@pytest.mark.parametrize("text", ["the digital divides", "a digital-divide problem",
                                  "the Digital Divide", "digital\ndivide"])
def test_phrase_matches_inflections_hyphens_case_and_line_breaks(text: str) -> None:
    assert _evidence(_coder(["digital divide"]), text)


@pytest.mark.parametrize("text", ["data localisation", "data localization",
                                  "data localizations"])
def test_ize_and_ise_spellings_both_match(text: str) -> None:
    assert _evidence(_coder(["data localization"]), text)


def test_y_plural_and_verb_forms() -> None:
    coder = _coder(["data policy", "regulate"])
    assert _evidence(coder, "data policies that regulated and regulating") == [
        "data policies", "regulated", "regulating"]


def test_hyphen_in_pattern_matches_hyphen_space_or_nothing() -> None:
    coder = _coder(["multi-stakeholder"])
    assert len(_evidence(coder, "multistakeholder, multi-stakeholder, multi stakeholder")) == 3


def test_word_boundaries_are_respected() -> None:
    assert not _evidence(_coder(["data"]), "database metadata")


def test_acronyms_are_case_sensitive() -> None:
    coder = _coder(["AI"])
    assert _evidence(coder, "AI and Ai and ai and SAID") == ["AI"]


def test_star_matches_any_ending() -> None:
    assert _evidence(_coder(["cyber*"]), "cyberattacks and cybercrime") == [
        "cyberattacks", "cybercrime"]


def test_gap_allows_up_to_three_words() -> None:
    coder = _coder(["bridge ~ divide"])
    assert _evidence(coder, "bridging the new digital divide") == [
        "bridging the new digital divide"]
    assert not _evidence(coder, "bridge one two three four divide")


def test_cooccurrence_needs_both_sides_in_one_sentence_and_quotes_it() -> None:
    coder = _coder(["@AI && risk*"], aliases={"AI": ["AI", "artificial intelligence"]})
    assert _evidence(coder, "Artificial intelligence brings risks.") == [
        "Artificial intelligence brings risks."]
    assert not _evidence(coder, "We discussed AI. Risks were not discussed.")


def test_phrase_hit_is_preferred_over_cooccurrence_in_a_sentence() -> None:
    coder = _coder(["AI governance", "AI && govern*"])
    hits = coder.hits("AI governance needs governments.")
    assert [(h.pattern, h.start, h.end) for h in hits] == [("AI governance", 0, 13)]


def test_exclusion_removes_overlapping_hits_only() -> None:
    coder = _coder(["cyber security"], exclude=["Cyber Security Association of China"])
    text = "Cyber Security Association of China discussed cyber security."
    assert _evidence(coder, text) == ["cyber security"]


def test_sentence_splitter_keeps_abbreviations_and_joins_hard_wrapped_lines() -> None:
    text = "Mr. Smith met the U.N. team. It went well!\nthe next line\ncontinues here.\nNew"
    sents = [text[s:e] for s, e in sentence_spans(text)]
    assert sents == ["Mr. Smith met the U.N. team.",
                     "It went well!\nthe next line\ncontinues here.", "New"]
