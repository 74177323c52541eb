"""Participant lines of IGF session pages, in every layout seen 2013-2025.

``Organizer 1: Name, 🔒Org`` · ``Organizer 1: Civil Society, African Group`` (no name) ·
``Speaker 1: Name, Stakeholder, Regional group`` · ``Speaker 1: Name`` ·
``- Name (Org): Stakeholder, Group`` · 2017 sched CSV ``Mr,Francois,GREY,Academia,University``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govtext.ingest.vocab import regional_group, stakeholder_group
from govtext.schema import Participant

LOCK = "\U0001f512"  # the site's padlock: a hidden field, never part of a name
_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "h.e", "he", "amb"}
_NAME_ONLY = re.compile(r"^[A-Z][\w.'’-]*(?:\s+[\w.'’-]+){0,5}$")
_ACRONYM_DEF = re.compile(
    r"(?P<long>[A-Z][\w.'’-]*(?:\s+(?:of|and|for|the|on|in|de|du|la|&|[A-Z][\w.'’-]*)){1,10})"
    r"\s*\((?P<short>[A-Z][A-Za-z&]{1,11})\)"
)

ORGANIZER = re.compile(r"^Organi[sz]er\s*\d*\s*:\s*(?P<rest>.*)$", re.IGNORECASE)
SPEAKER = re.compile(r"^Speaker\s*\d*\s*:\s*(?P<rest>.*)$", re.IGNORECASE)
DASH_PERSON = re.compile(
    r"^[-•*–]\s*(?P<name>[^():]{2,80}?)\s*\((?P<org>[^()]{1,150})\)\s*:\s*(?P<rest>.+)$"
)
PROPOSER = re.compile(r"^(?:Co-)?Proposer(?:'?s)?(?:\s+Name)?\s*:\s*(?P<rest>.+)$",
                      re.IGNORECASE)
PROPOSER_ORG = re.compile(
    r"^(?:(?:Co-)?Proposer'?s?\s+)?Organi[sz]ation\s*:\s*(?P<rest>.+)$", re.IGNORECASE
)
_HONORIFIC_PREFIX = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Prof|H\.\s?E)\.?\s+(?=\S)")
ROLE_LABEL = re.compile(
    r"^(?P<label>On[- ]?site Moderator|Moderator|Online Moderator|Rapporteur)\s*:?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
ROLE_BY_LABEL = {"onsite moderator": "onsite_moderator", "on-site moderator": "onsite_moderator",
                 "on site moderator": "onsite_moderator", "moderator": "onsite_moderator",
                 "online moderator": "online_moderator", "rapporteur": "rapporteur"}
#: Roles whose labels text extraction tends to lose, in page order.
MODERATION_ROLES = ("onsite_moderator", "online_moderator", "rapporteur")


@dataclass
class Entry:
    name: str | None
    organization: str | None = None
    stakeholder_group: str | None = None
    regional_group: str | None = None


def _clean(part: str) -> str:
    return " ".join(part.replace(LOCK, " ").split()).strip(" ,;")


def parse_entry(text: str) -> Entry:
    """Split 'Name, Org' / 'Name, Stakeholder, Region' / 'Stakeholder, Region' and variants."""
    parts = [_clean(p) for p in text.split(",")]
    honorific = bool(parts) and parts[0].lower().rstrip(".") in _HONORIFICS
    if honorific:
        parts = parts[1:]
    parts = [p for p in parts if p]
    entry = Entry(None)
    if parts and regional_group(parts[-1]):
        entry.regional_group = regional_group(parts.pop())
    # "Intergovernmental Organization" can be both; the region slot is filled first.
    stake_idx = next((i for i, p in enumerate(parts) if stakeholder_group(p)), None)
    if stake_idx is not None:
        entry.stakeholder_group = stakeholder_group(parts[stake_idx])
        before, after = parts[:stake_idx], parts[stake_idx + 1:]
    else:
        before, after = parts, []
    if honorific:  # sched CSV: first and last name are separate fields
        entry.name = " ".join(before) or None
        org_parts = after
    else:
        entry.name = before[0] if before else None
        org_parts = before[1:] + after
    entry.organization = ", ".join(org_parts) or None
    if entry.name:
        entry.name = _HONORIFIC_PREFIX.sub("", entry.name) or None
    return entry


def looks_like_name(text: str) -> bool:
    """A bare person name line (moderator blocks print names without labels)."""
    return (
        len(text) <= 60
        and not any(ch.isdigit() for ch in text)
        and bool(_NAME_ONLY.match(text))
        and not stakeholder_group(text)
        and not regional_group(text)
    )


def acronym_map(text: str) -> dict[str, str]:
    """Acronyms the page itself defines, e.g. 'New York University (NYU)' -> NYU.

    A definition counts only when the acronym spells the initials of the capitalized words
    ending the long form (so 'Kyung Ryul Park (KAIST)' defines nothing).
    """
    out: dict[str, str] = {}
    for m in _ACRONYM_DEF.finditer(text):
        short = m["short"]
        words = m["long"].split()
        for k in range(len(words)):
            tail = [w for w in words[k:] if w[:1].isupper()]
            if words[k][:1].isupper() and "".join(w[0] for w in tail) == short.upper():
                out.setdefault(short, " ".join(words[k:]))
                break
    return out


def strip_acronym(org: str, acronyms: dict[str, str]) -> str:
    """'New York University (NYU)' -> 'New York University' when the page defines NYU."""
    m = re.fullmatch(r"(?P<long>.+?)\s*\((?P<short>[A-Za-z&]{2,12})\)", org)
    if m and m["short"] in acronyms and m["long"].endswith(acronyms[m["short"]]):
        return m["long"]
    return org


def participant(role: str, entry: Entry, *, inferred: bool = False) -> Participant:
    return Participant(role=role, name=entry.name, organization=entry.organization,
                       stakeholder_group=entry.stakeholder_group,
                       regional_group=entry.regional_group, inferred=inferred)


def _key(name: str | None) -> str:
    return " ".join((name or "").casefold().split())


def tidy_participants(people: list[Participant], acronyms: dict[str, str]) -> list[Participant]:
    """Expand page-defined acronyms, merge repeated named people per role, and fill a
    moderator's missing organization/groups from the same person's other rows."""
    for p in people:
        if p.organization:
            org = p.organization
            p.organization = acronyms.get(org) or strip_acronym(org, acronyms)
    merged: list[Participant] = []
    index: dict[tuple[str, str], Participant] = {}
    for p in people:
        key = (p.role, _key(p.name))
        if p.name and key in index:
            first = index[key]
            for attr in ("organization", "stakeholder_group", "regional_group"):
                if getattr(first, attr) is None:
                    setattr(first, attr, getattr(p, attr))
            continue
        if p.name:
            index[key] = p
        merged.append(p)
    by_name: dict[str, Participant] = {}
    for p in merged:
        if p.name and p.role in ("speaker", "organizer"):
            by_name.setdefault(_key(p.name), p)
    for p in merged:
        other = by_name.get(_key(p.name))
        if p.role not in MODERATION_ROLES or other is None:
            continue
        for attr in ("organization", "stakeholder_group", "regional_group"):
            if getattr(p, attr) is None:
                setattr(p, attr, getattr(other, attr))
    return merged
