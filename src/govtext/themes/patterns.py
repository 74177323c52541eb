"""The codebook's pattern language, compiled to regular expressions.

Patterns are written as plain phrases so that people who are not programmers can edit the
codebook; see the header of ``govtext/data/themes.yaml`` for the language. Inflections are
generated from the written form (a tiny rule-based stand-in for lemmatization that runs at
regex speed on millions of words): ``divide`` also matches ``divides``, ``divided`` and
``dividing``; ``policy`` matches ``policies``; ``-ize`` and ``-ise`` spellings are both matched.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

#: Between two words of a phrase: spaces, a hyphen or dash, or a slash.
_SEP = r"[\s\-‐‑–/]+"
#: ``~``: up to three words in between, never across a sentence stop (a line break is fine:
#: matching runs inside one sentence, and wrapped lines belong to it).
_GAP = r"(?:[^\w.!?]+[\w'’]+){0,3}?[^\w.!?]+"
_VOWELS = "aeiou"


class PatternError(ValueError):
    """A codebook pattern that cannot be compiled (the message says why)."""


def inflections(word: str) -> list[str]:
    """The written word and its regular plural / verb forms, longest first."""
    w = word.lower()
    forms = {w}
    if len(w) <= 2:
        return [w]
    if w.endswith("y") and w[-2] not in _VOWELS:
        forms |= {w[:-1] + "ies", w[:-1] + "ied", w + "ing"}
    elif w.endswith("e"):
        forms |= {w + "s", w + "d", w[:-1] + "ing"}
    elif w.endswith(("s", "x", "z", "ch", "sh")):
        forms |= {w + "es", w + "ed", w + "ing"}
    else:
        forms |= {w + "s", w + "ed", w + "ing"}
    if w.endswith("s") and not w.endswith("ss"):
        forms.add(w[:-1])  # a plural written in the codebook also matches its singular
    return sorted(forms, key=lambda f: (-len(f), f))


def _spelling_variants(form: str) -> str:
    """Regex for a lower-case form, matching both -ize/-ise (and -yze/-yse) spellings."""
    out = re.sub("['’]", "['’]", re.escape(form))
    return re.sub(r"([iy])[sz](?=(e|es|ed|ing|ation|ations)$)", r"\1[sz]", out)


def _is_exact(word: str) -> bool:
    """Acronyms and codes (AI, IoT, 5G, DPI) are matched exactly and case-sensitively."""
    return sum(c.isupper() or c.isdigit() for c in word) >= 2


def _word(token: str) -> str:
    if token.endswith("*"):
        stem = token[:-1]
        if _is_exact(stem):
            return rf"(?-i:{re.escape(stem)})[\w'’]*"
        return _spelling_variants(stem.lower()) + r"[\w'’]*"
    if _is_exact(token):
        return rf"(?-i:{re.escape(token)})"
    if "'" in token or "’" in token:  # possessives are matched as written
        return _spelling_variants(token.lower())
    if not token.isalpha():
        return re.escape(token)
    return "(?:" + "|".join(_spelling_variants(f) for f in inflections(token)) + ")"


def _token(token: str, aliases: Mapping[str, str]) -> str:
    if token.startswith("@"):
        name = token[1:]
        if name not in aliases:
            raise PatternError(f"unknown alias @{name}")
        return aliases[name]
    # A hyphen inside a word: hyphen, space or nothing ("multi-stakeholder").
    parts = [p for p in re.split(r"[-‐‑]", token) if p]
    if len(parts) > 1:
        return r"[\s\-‐‑]?".join(_word(p) for p in parts)
    return _word(token)


def _phrase_body(phrase: str, aliases: Mapping[str, str]) -> str:
    tokens = phrase.split()
    if not tokens:
        raise PatternError("empty pattern")
    parts: list[str] = []
    for i, tok in enumerate(tokens):
        if tok == "~":
            if i == 0 or i == len(tokens) - 1:
                raise PatternError(f"'~' needs a word on both sides in {phrase!r}")
            continue
        if parts:
            parts.append(_GAP if tokens[i - 1] == "~" else _SEP)
        parts.append(_token(tok, aliases))
    return "".join(parts)


def phrase_regex(phrase: str, aliases: Mapping[str, str] | None = None) -> str:
    """Regex source (no flags) for one phrase of the pattern language, on word boundaries."""
    return r"(?<![\w@#])" + _phrase_body(phrase, aliases or {}) + r"(?![\w])"


def _alternation(side: str, aliases: Mapping[str, str]) -> str:
    alts = [a.strip() for a in side.split("|")]
    if not all(alts):
        raise PatternError(f"empty alternative in {side!r}")
    return "(?:" + "|".join(phrase_regex(a, aliases) for a in alts) + ")"


def compile_aliases(aliases: Mapping[str, list[str]]) -> dict[str, str]:
    """Alias name -> regex alternation of its phrases (aliases cannot nest)."""
    out = {}
    for name, phrases in aliases.items():
        out[name] = "(?:" + "|".join(_phrase_body(p, {}) for p in phrases) + ")"
    return out


Cue = tuple[tuple[str, bool], ...]  # literals that must all occur (case-sensitive or not)


def _cue(token: str) -> tuple[str, bool]:
    """A literal that every match of ``token`` contains, and whether it is case-sensitive."""
    head = max(re.split(r"[-‐‑'’*]", token), key=len) or token
    if _is_exact(head):
        return head, True
    head = head.lower()
    # Inflection changes the ending (policy -> policies, divide -> dividing, rights -> right)
    # and -ize/-ise spellings differ: keep the part every form shares.
    head = re.split(r"i[sz](?=e|ation|ing)", head)[0]
    if not token.endswith("*") and head.endswith(("y", "e", "s")) and len(head) > 3:
        head = head[:-1]
    return head, False


def _cues(side: str, aliases_src: Mapping[str, list[str]]) -> tuple[Cue, ...]:
    """For each alternative of ``side``: the literals that a match of it must contain."""
    out: list[Cue] = []
    for alt in side.split("|"):
        words = [w for w in alt.split() if w != "~"]
        if any(w.startswith("@") for w in words):
            fixed = tuple(_cue(w) for w in words if not w.startswith("@"))
            for w in words:
                if w.startswith("@"):
                    for phrase in aliases_src.get(w[1:], []):
                        out.append(fixed + tuple(_cue(p) for p in phrase.split()))
        else:
            out.append(tuple(_cue(w) for w in words))
    return tuple(sorted(set(out)))


@dataclass(frozen=True)
class CompiledPattern:
    """One include or exclude pattern: a phrase regex, or two that must share a sentence.

    ``cues`` are literals of which every match contains one: a text holding none of them is
    skipped without running the regex (which makes coding millions of words fast).
    """

    source: str
    first: re.Pattern[str]
    second: re.Pattern[str] | None = None
    cues: tuple[Cue, ...] = ()
    second_cues: tuple[Cue, ...] = ()

    def may_match(self, text: str, lowered: str) -> bool:
        """False only when ``text`` (and its lower-cased copy) cannot hold a match."""
        return all(
            not cues or any(all((c in text) if exact else (c in lowered) for c, exact in cue)
                            for cue in cues)
            for cues in (self.cues, self.second_cues))

    def spans(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """Spans of matches inside ``text[start:end]`` (one sentence).

        A co-occurrence match is the whole sentence: its meaning is the sentence's, so the
        sentence is the quote that lets a reader check it.
        """
        if self.second is None:
            return [m.span() for m in self.first.finditer(text, start, end)]
        if self.first.search(text, start, end) and self.second.search(text, start, end):
            return [(start, end)]
        return []


def compile_pattern(source: str, aliases: Mapping[str, str],
                    aliases_src: Mapping[str, list[str]] | None = None) -> CompiledPattern:
    """Compile one pattern (raises PatternError with a reason).

    ``aliases`` are compiled alias regexes; ``aliases_src`` their phrases (for the cues).
    """
    flags = re.IGNORECASE
    sides = source.split("&&")
    cues = _cues(sides[0], aliases_src or {})
    try:
        if len(sides) == 1:
            return CompiledPattern(source, re.compile(_alternation(source, aliases), flags),
                                   None, cues)
        if len(sides) == 2:
            return CompiledPattern(source, re.compile(_alternation(sides[0], aliases), flags),
                                   re.compile(_alternation(sides[1], aliases), flags), cues,
                                   _cues(sides[1], aliases_src or {}))
    except re.error as exc:
        raise PatternError(f"pattern {source!r} is not valid: {exc}") from None
    raise PatternError(f"pattern {source!r} has more than one '&&'")
