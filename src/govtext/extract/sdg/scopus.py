"""A matcher for Scopus-syntax Boolean queries, as used by the Aurora SDG queries.

Supported: ``"loose phrases"`` (plural and British/American variants match), ``*``
truncation and inner wildcards, ``OR``, ``AND``, ``AND NOT`` and ``W/n`` proximity (both
operands within n words, either order). Precedence is Scopus's: OR, then W/n, then AND, then
AND NOT. Unbalanced parentheses (a few Aurora lines lack a closing one) are closed at the end.

A query evaluates on a tokenized text to the token spans that satisfy it (empty: no match),
so a hit can be shown as evidence.
"""

from __future__ import annotations

import re
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


def _find_word(word: str, text: TokenizedText) -> list[int]:
    if "*" not in word:
        hits: list[int] = []
        for form in {word, word + "s", word + "es", word[:-1] + "ies" if word.endswith("y")
                     else word, word[:-1] if word.endswith("s") else word}:
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


def evaluate(node: Node, text: TokenizedText) -> list[Span]:
    """The token spans where ``node`` matches ``text`` (empty when it does not)."""
    if isinstance(node, Phrase):
        return _phrase_spans(node, text)
    left = evaluate(node.left, text)
    if node.kind == "OR":
        return sorted(set(left) | set(evaluate(node.right, text)))
    if node.kind == "NOT":
        return left if left and not evaluate(node.right, text) else []
    if not left:
        return []
    right = evaluate(node.right, text)
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
