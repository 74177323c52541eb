"""The entity gazetteer: organizations, blocs, regions and countries from package data.

Each entry has a stable canonical id, a canonical name, a label (ORG, BLOC, REGION, COUNTRY),
a type and its spellings. ``ruler_patterns`` turns the spellings into spaCy SpanRuler
patterns whose ``id`` is the canonical id, split into case-sensitive spellings (acronyms and
one-word names: "ITU", "Baidu", "US") and case-insensitive ones (multi-word names).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from govtext.errors import ConfigError
from govtext.extract.countries import countries, country_names

ORG_TYPES = ("IGO", "government", "company", "university", "NGO", "technical body", "media",
             "other")
_FIELDS = ("id", "name", "type", "aliases", "acronyms")


@dataclass(frozen=True)
class GazetteerEntry:
    """One known entity and the spellings that name it."""

    id: str
    name: str
    label: str
    type: str
    cased: tuple[str, ...]  # matched exactly as written
    uncased: tuple[str, ...]  # matched case-insensitively


def _load_yaml(name: str) -> dict[str, Any]:
    text = resources.files("govtext.data").joinpath(name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ConfigError(f"{name}: expected a mapping at the top level")
    return data


def _is_cased(spelling: str) -> bool:
    # One-word names ("Baidu", "Kenya", "Chinese") are proper nouns: lower-case "vivo" or
    # "meta" is an ordinary word, so such names only match as written.
    return " " not in spelling.strip()


def _variants(spellings: list[str]) -> list[str]:
    """Each spelling plus its typographic twins: the curly apostrophe ("Côte d’Ivoire") and
    the non-breaking hyphen U+2011 that IGF transcripts use ("Counter‑Terrorism")."""
    out = []
    for s in spellings:
        out.append(s)
        if "'" in s:
            out.append(s.replace("'", "’"))
        if "-" in s:
            out.append(s.replace("-", "\u2011"))
    return out


def _entry(source: str, label: str, raw: Any) -> GazetteerEntry:
    if not isinstance(raw, dict) or any(f not in raw for f in _FIELDS):
        raise ConfigError(f"{source}: each entry needs {', '.join(_FIELDS)}; got {raw!r}")
    if label == "ORG" and raw["type"] not in ORG_TYPES:
        raise ConfigError(f"{source}: {raw['id']} has type {raw['type']!r}; use one of "
                          f"{', '.join(ORG_TYPES)}")
    names = _variants([str(s) for s in [raw["name"], *(raw["aliases"] or [])]])
    acronyms = [str(s) for s in raw["acronyms"] or []]
    cased = sorted({s for s in names if _is_cased(s)} | set(acronyms))
    uncased = sorted({s for s in names if not _is_cased(s)})
    return GazetteerEntry(str(raw["id"]), str(raw["name"]), label, str(raw["type"]),
                          tuple(cased), tuple(uncased))


@cache
def gazetteer() -> dict[str, GazetteerEntry]:
    """Every entry by canonical id (organizations, blocs, regions, countries)."""
    entries: list[GazetteerEntry] = []
    orgs = _load_yaml("organizations.yaml").get("organizations")
    blocs = _load_yaml("blocs.yaml")
    if not isinstance(orgs, list) or not {"blocs", "regions"} <= set(blocs):
        raise ConfigError("organizations.yaml needs 'organizations'; blocs.yaml needs "
                          "'blocs' and 'regions'")
    entries += [_entry("organizations.yaml", "ORG", r) for r in orgs]
    entries += [_entry("blocs.yaml", "BLOC", r) for r in blocs["blocs"]]
    entries += [_entry("blocs.yaml", "REGION", r) for r in blocs["regions"]]
    by_iso: dict[str, list[str]] = {}
    for surface, info in country_names().items():
        by_iso.setdefault(info["iso3"], []).append(surface)
    for iso3, surfaces in sorted(by_iso.items()):
        c = countries()[iso3]
        surfaces = _variants(surfaces)
        cased = sorted(s for s in surfaces if _is_cased(s) or s.isupper())
        uncased = sorted(set(surfaces) - set(cased))
        entries.append(GazetteerEntry(iso3, c.name, "COUNTRY", c.status, tuple(cased),
                                      tuple(uncased)))
    out: dict[str, GazetteerEntry] = {}
    for e in entries:
        if e.id in out:
            raise ConfigError(f"gazetteer id {e.id!r} is used twice")
        out[e.id] = e
    return out


def ruler_patterns(cased: bool) -> list[dict[str, str]]:
    """SpanRuler phrase patterns (label, pattern, id) for one matching mode."""
    patterns = []
    for e in gazetteer().values():
        for spelling in e.cased if cased else e.uncased:
            patterns.append({"label": e.label, "pattern": spelling, "id": e.id})
    return patterns
