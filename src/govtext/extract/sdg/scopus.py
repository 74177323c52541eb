"""A matcher for Scopus-syntax Boolean queries, as used by the Aurora SDG queries.

Supported: ``"loose phrases"`` (plural and British/American variants match), ``*``
truncation and inner wildcards, ``OR``, ``AND``, ``AND NOT`` and ``W/n`` proximity (both
operands within n words, either order). Precedence is Scopus's: OR, then W/n, then AND, then
AND NOT. Unbalanced parentheses (a few Aurora lines lack a closing one) are closed at the end.

A query evaluates on a tokenized text to the token spans that satisfy it (empty: no match),
so a hit can be shown as evidence. ``QuerySet`` compiles many queries so that, per text, only
those whose necessary words occur are evaluated.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache

from govtext.extract.sdg.textspans import TokenizedText, fold_token

Span = tuple[int, int]  # token positions, end exclusive

_LEX = re.compile(r'"[^"]*"|\(|\)|W/\d+|PRE/\d+|AND\s+NOT\b|AND\b|OR\b|NOT\b|[^\s()"]+')


class QuerySyntaxError(ValueError):
    """A query that cannot be parsed."""


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]  # folded words; '*' is a wildcard


@dataclass(frozen=True)
class Op:
    kind: str  # OR, AND, NOT (AND NOT), W (proximity)
    left: Node
    right: Node
    distance: int = 0


Node = Phrase | Op


def _phrase(raw: str) -> Phrase:
    words = re.findall(r"[^\W_]+\*?|\*", raw.strip('"').replace("**", "*"))
    if not words:
        raise QuerySyntaxError(f"empty phrase {raw!r}")
    return Phrase(tuple(fold_token(w.rstrip("*")) + ("*" if w.endswith("*") else "")
                        for w in words if w != "*"))


class _Parser:
    def __init__(self, query: str) -> None:
        self.tokens = [t.upper() if not t.startswith('"') and not t.startswith("(")
                       else t for t in _LEX.findall(query)]
        self.pos = 0

    def peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> str:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def parse(self) -> Node:
        node = self.and_not()
        while self.peek() == ")":  # stray closing parentheses
            self.take()
            if self.peek() is not None:
                node = Op("AND", node, self.and_not())
        return node

    def and_not(self) -> Node:
        node = self.and_()
        while self.peek() is not None and re.fullmatch(r"AND\s+NOT|NOT", self.peek() or ""):
            self.take()
            node = Op("NOT", node, self.and_())
        return node

    def and_(self) -> Node:
        node = self.prox()
        while self.peek() == "AND":
            self.take()
            node = Op("AND", node, self.prox())
        return node

    def prox(self) -> Node:
        node = self.or_()
        while (tok := self.peek()) is not None and re.fullmatch(r"(W|PRE)/\d+", tok):
            self.take()
            node = Op("W", node, self.or_(), int(tok.split("/")[1]))
        return node

    def or_(self) -> Node:
        node = self.atom()
        while self.peek() == "OR":
            self.take()
            node = Op("OR", node, self.atom())
        return node

    def atom(self) -> Node:
        tok = self.peek()
        if tok is None:
            raise QuerySyntaxError("query ends where a term was expected")
        self.take()
        if tok == "(":
            node = self.and_not()
            if self.peek() == ")":
                self.take()
            return node
        if tok.startswith('"') or re.fullmatch(r"[^\s()]+", tok):
            return _phrase(tok)
        raise QuerySyntaxError(f"unexpected {tok!r}")


@cache
def parse_query(query: str) -> Node:
    """Parse one Scopus query line into a tree."""
    return _Parser(query).parse()


def _word_positions(word: str, text: TokenizedText) -> list[int]:
    """Positions of tokens matching one query word (memoized per text: words recur)."""
    found = text.memo.get(word)
    if found is None:
        found = text.memo[word] = _find_word(word, text)
    return found


def _forms(word: str) -> set[str]:
    """The token forms an unwildcarded query word matches (plural and singular variants)."""
    return {word, word + "s", word + "es", word[:-1] + "ies" if word.endswith("y") else word,
            word[:-1] if word.endswith("s") else word}


def _find_word(word: str, text: TokenizedText) -> list[int]:
    if "*" not in word:
        hits: list[int] = []
        for form in _forms(word):
            hits.extend(text.index.get(form, ()))
        return sorted(set(hits))
    if word.endswith("*") and "*" not in word[:-1]:
        return sorted(i for t in text.with_prefix(word[:-1]) for i in text.index[t])
    rx = re.compile(word.replace("*", r"\w*") + "$")
    return sorted(i for t, pos in text.index.items() if rx.match(t) for i in pos)


def _phrase_spans(p: Phrase, text: TokenizedText) -> list[Span]:
    first = _word_positions(p.words[0], text)
    if len(p.words) == 1:
        return [(i, i + 1) for i in first]
    rest = [set(_word_positions(w, text)) for w in p.words[1:]]
    return [(i, i + len(p.words)) for i in first
            if all(i + k + 1 in rest[k] for k in range(len(rest)))]


def evaluate(node: Node, text: TokenizedText, present: AbstractSet[str] | None = None
             ) -> list[Span]:
    """The token spans where ``node`` matches ``text`` (empty when it does not).

    ``present`` (from ``QuerySet.present``), when given, holds every query word that may
    occur in ``text``; a phrase with a word outside it is skipped, as it cannot match.
    """
    if isinstance(node, Phrase):
        if present is not None and not all(w in present for w in node.words):
            return []
        return _phrase_spans(node, text)
    left = evaluate(node.left, text, present)
    if node.kind == "OR":
        return sorted(set(left) | set(evaluate(node.right, text, present)))
    if node.kind == "NOT":
        return left if left and not evaluate(node.right, text, present) else []
    if not left:
        return []
    right = evaluate(node.right, text, present)
    if not right:
        return []
    if node.kind == "AND":
        return sorted(set(left) | set(right))
    out = set()
    for a in left:
        for b in right:
            gap = max(b[0] - a[1], a[0] - b[1])
            if gap <= node.distance:
                out.add((min(a[0], b[0]), max(a[1], b[1])))
    return sorted(out)


# --- prefilter: which queries can match at all ---
#
# A query matches only if some necessary terms occur in the text. ``_clauses`` gives them as
# a conjunction of clauses, each a set of query words of which at least one must occur (a
# word ending in ``*`` occurs when some token has its prefix). Evaluating only the queries
# whose clauses all hold gives the same hits as evaluating every query, at a fraction of
# the cost: most of the 378 Aurora lines have no chance on a given paragraph.

_MAX_CLAUSES = 8  # an OR of two CNFs multiplies their clauses; cap the blow-up
_MAX_MEMO = 500_000  # tokens remembered by a QuerySet


def _clauses(node: Node) -> list[frozenset[str]]:
    """Necessary conditions of ``node`` (all must hold for any match); may be empty."""
    if isinstance(node, Phrase):  # every word of a phrase must occur
        return [frozenset([w]) for w in dict.fromkeys(node.words) if _simple(w)]
    left = _clauses(node.left)
    if node.kind == "NOT":  # a match is a match of the left side
        return left
    right = _clauses(node.right)
    if node.kind in ("AND", "W"):  # both sides must match
        return list(dict.fromkeys(left + right))
    if not left or not right:  # OR: one side without conditions can match anywhere
        return []
    if len(left) * len(right) <= _MAX_CLAUSES:
        return list(dict.fromkeys(a | b for a in left for b in right))
    return [min(left, key=len) | min(right, key=len)]


def _phrases(node: Node) -> list[Phrase]:
    if isinstance(node, Phrase):
        return [node]
    return _phrases(node.left) + _phrases(node.right)


def _simple(word: str) -> bool:
    """Whether the prefilter can test ``word``: a plain word or one trailing ``*``."""
    return "*" not in word[:-1] and word != "*"


class QuerySet:
    """Query trees compiled for fast matching of many texts.

    ``candidates`` lists the queries whose necessary terms all occur in a text; the others
    cannot match, so ``evaluate`` need only run on the candidates.
    """

    def __init__(self, trees: Sequence[Node]) -> None:
        self.trees = tuple(trees)
        self.clauses = [_clauses(t) for t in self.trees]
        self._by_form: dict[str, set[str]] = {}  # token -> plain query words it satisfies
        self._prefixes: set[str] = set()  # prefixes of the query words ending in '*'
        # Words the prefilter cannot test count as present in every text.
        self._untested: set[str] = set()
        for word in {w for t in self.trees for p in _phrases(t) for w in p.words}:
            if not _simple(word):
                self._untested.add(word)
            elif word.endswith("*"):
                self._prefixes.add(word[:-1])
            else:
                for form in _forms(word):
                    self._by_form.setdefault(form, set()).add(word)
        self._max_prefix = max(map(len, self._prefixes), default=0)
        # Token -> query words it satisfies, across texts: vocabularies repeat, and the
        # prefix test is the costly part of ``present``.
        self._token_words: dict[str, frozenset[str]] = {}
        # Each query is reached through one clause (the one with fewest words); a query
        # without clauses is always a candidate.
        self._always: list[int] = []
        self._by_word: dict[str, list[int]] = {}
        for i, clauses in enumerate(self.clauses):
            if not clauses:
                self._always.append(i)
                continue
            for word in min(clauses, key=len):
                self._by_word.setdefault(word, []).append(i)

    def _words_of(self, token: str) -> frozenset[str]:
        """The query words one token satisfies: plain words, then prefixes (as 'w*')."""
        words = set(self._by_form.get(token, ()))
        for k in range(1, min(len(token), self._max_prefix) + 1):
            if token[:k] in self._prefixes:
                words.add(token[:k] + "*")
        return frozenset(words)

    def present(self, text: TokenizedText) -> set[str]:
        """The query words (as written in phrases) that may occur in ``text``: those that do,
        plus any the prefilter cannot test."""
        memo = self._token_words
        if len(memo) > _MAX_MEMO:  # bound memory on huge vocabularies
            memo.clear()
        found = []
        for token in text.index:
            words = memo.get(token)
            if words is None:
                words = memo[token] = self._words_of(token)
            found.append(words)
        out = set(self._untested)
        out.update(*found)
        return out

    def candidates(self, text: TokenizedText, present: AbstractSet[str] | None = None
                   ) -> list[int]:
        """Indices, ascending, of the queries that may match ``text``."""
        present = self.present(text) if present is None else present
        reached = set(self._always)
        for word in present:
            reached.update(self._by_word.get(word, ()))
        return [i for i in sorted(reached)
                if all(not c.isdisjoint(present) for c in self.clauses[i])]
