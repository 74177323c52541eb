"""Explicit SDG mentions ("SDG 9", "SDG goal 9.5", "Goal 17", "target 9.c"), 2030 Agenda
references, and the location of declared "GOAL n: ..." lines."""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUM = r"(1[0-7]|[1-9])"
_TARGET = rf"{_NUM}\.([1-9][0-9]?|[a-g])\b"
# "SDG 9", "SDGs 4 and 5", "SDG goal 9.5", "SDG #9", "Sustainable Development Goal 9"
_SDG_PREFIX = (r"(?:SDGs?|Sustainable\s+Development\s+Goals?)\s*(?:goals?\s*)?"
               r"(?:#|no\.?\s*|number\s*)?")
_EXPLICIT = re.compile(
    rf"(?<![\w.])(?:{_SDG_PREFIX}(?P<sdg>{_TARGET}|{_NUM}(?![\d.]\d))"
    rf"|(?P<kind>Goal|Target)\s+(?P<num>{_TARGET}|{_NUM}(?![\d.]\d)))",
    re.IGNORECASE,
)
_AGENDA = re.compile(r"\b2030\s+Agenda\b|\bAgenda\s+2030\b", re.IGNORECASE)
# Millennium Development Goals are numbered too ("MDGs, especially Goals 4 and 5").
_MDG_CONTEXT = re.compile(r"\bMDGs?\b|Millennium\s+Development\s+Goals?", re.IGNORECASE)
_DECLARED_LINE = re.compile(rf"^[ \t]*(?:GOAL\s+{_NUM}\s*:|{_NUM}\.)[ \t]*\S[^\n]*$",
                            re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class ExplicitMention:
    sdg: int | None
    target: str | None
    kind: str  # explicit or agenda
    start: int
    end: int


def _split_number(code: str) -> tuple[int, str | None]:
    if "." in code:
        goal, _ = code.split(".", 1)
        return int(goal), code.lower()
    return int(code), None


def explicit_mentions(text: str) -> list[ExplicitMention]:
    """Goal and target mentions plus 2030 Agenda references, in text order."""
    out = []
    for m in _EXPLICIT.finditer(text):
        code = m.group("sdg") or m.group("num")
        window = text[max(0, m.start() - 200):m.start()]
        if m.group("kind") and _MDG_CONTEXT.search(window) and "SDG" not in window.upper():
            continue
        if m.group("kind") and m.group("kind").lower() == "goal" and not m.group(0)[0].isupper():
            continue  # "the goal 5 years ago" is not a goal number
        if m.group("kind") and m.group("kind").lower() == "target" and "." not in code:
            continue  # "target 9" names no target
        goal, target = _split_number(code)
        out.append(ExplicitMention(goal, target, "explicit", m.start(), m.end()))
    for m in _AGENDA.finditer(text):
        out.append(ExplicitMention(None, None, "agenda", m.start(), m.end()))
    return sorted(out, key=lambda x: (x.start, x.end))


def declared_line(text: str, goal: int) -> tuple[int, int] | None:
    """Offsets of the line that declares ``goal`` ('GOAL 10: ...' or '17. Partnerships ...').

    A numbered line counts only when the goal's title follows, so list items do not.
    """
    from govtext.ingest.vocab import sdg_for_title

    for m in _DECLARED_LINE.finditer(text):
        line = m.group(0).strip()
        num = re.match(rf"(?:GOAL\s+)?{_NUM}", line, re.IGNORECASE)
        if not num or int(num.group(1)) != goal:
            continue
        title = re.sub(rf"^(?:GOAL\s+)?{_NUM}\s*[:.]\s*", "", line, flags=re.IGNORECASE)
        if line.upper().startswith("GOAL") or sdg_for_title(title) == goal:
            start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
            return start, start + len(line)
    return None
