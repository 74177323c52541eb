"""Parsers registered by document kind, so a user can add or swap one without editing govtext.

    from govtext.ingest.registry import register_parser

    @register_parser("igf_transcript")
    def my_transcript_parser(doc: Document) -> None: ...
"""

from __future__ import annotations

from collections.abc import Callable

from govtext.schema import Document

#: A parser fills the fields, participants and sections of ``doc`` from ``doc.text``.
Parser = Callable[[Document], None]

PARSERS: dict[str, Parser] = {}


def register_parser(kind: str) -> Callable[[Parser], Parser]:
    def decorate(fn: Parser) -> Parser:
        PARSERS[kind] = fn
        return fn

    return decorate


def get_parser(kind: str) -> Parser:
    # Importing the parser modules registers them.
    from govtext.ingest import parsers  # noqa: F401

    return PARSERS.get(kind) or PARSERS["other"]
