"""Countries: names, aliases and demonyms -> ISO3, UN M49 region and sub-region, UN group.

Names come from pycountry and country_converter (maintained packages) plus the package data
files ``country_names.csv`` (aliases, demonyms) and ``un_regional_groups.csv`` (the UN
electoral groups, which neither package carries).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import country_converter as coco
import pycountry

from govtext.errors import ConfigError
from govtext.ingest.vocab import read_data_csv

#: UN regional groups in the order the UN lists them.
UN_GROUPS = ("African Group", "Asia-Pacific Group", "Eastern European Group", "GRULAC", "WEOG")

# country_converter names the M49 region of the Americas "America".
_M49_REGION = {"America": "Americas"}


@dataclass(frozen=True)
class Country:
    """A state or territory with its UN classifications."""

    iso3: str
    name: str
    m49_region: str | None
    m49_subregion: str | None
    un_group: str | None  # the group it belongs to for UN elections
    un_groups: tuple[str, ...]  # every group it takes part in (Türkiye: two)
    status: str  # member, observer or other
    ambiguous_names: frozenset[str] = frozenset()


def _split(cell: str | None) -> list[str]:
    return [s.strip() for s in (cell or "").split("|") if s.strip()]


def name_key(text: str) -> str:
    """Case- and space-folded key for name lookups (typographic apostrophes folded)."""
    return " ".join(text.replace("’", "'").casefold().split())


@cache
def _group_rows() -> dict[str, dict[str, str]]:
    rows = read_data_csv("un_regional_groups.csv")
    out: dict[str, dict[str, str]] = {}
    for row in rows:
        if row["un_group"] and row["un_group"] not in UN_GROUPS:
            raise ConfigError(f"un_regional_groups.csv: unknown group {row['un_group']!r} "
                              f"for {row['iso3']}")
        out[row["iso3"]] = row
    return out


@cache
def _name_rows() -> dict[str, dict[str, str]]:
    rows = read_data_csv("country_names.csv")
    missing = {"iso3", "aliases", "demonyms", "ambiguous"} - set(rows[0]) if rows else {"iso3"}
    if missing:
        raise ConfigError(f"country_names.csv lacks columns {sorted(missing)}")
    return {r["iso3"]: r for r in rows}


@cache
def countries() -> dict[str, Country]:
    """Every country_converter entry (members, observers, territories) by ISO3."""
    data = coco.CountryConverter().data
    groups, names = _group_rows(), _name_rows()
    out: dict[str, Country] = {}
    for row in data.itertuples(index=False):
        iso3 = str(row.ISO3)
        g = groups.get(iso3, {})
        group = g.get("un_group") or None
        also = _split(g.get("also_caucuses"))
        region = str(row.continent) if isinstance(row.continent, str) else None
        n = names.get(iso3, {})
        ambiguous = frozenset(name_key(a) for a in [*_split(n.get("aliases")),
                                                     *_split(n.get("demonyms"))]
                              ) if n.get("ambiguous") == "yes" else frozenset()
        out[iso3] = Country(
            iso3=iso3,
            name=str(row.name_short),
            m49_region=_M49_REGION.get(region, region) if region else None,
            m49_subregion=str(row.UNregion) if isinstance(row.UNregion, str) else None,
            un_group=group,
            un_groups=tuple(x for x in [group, *also] if x),
            status=g.get("status") or "other",
            ambiguous_names=ambiguous,
        )
    unknown = sorted(set(groups) - set(out))
    if unknown:
        raise ConfigError(f"un_regional_groups.csv: unknown ISO3 codes {unknown}")
    return out


def un_members() -> list[Country]:
    """The 193 UN member states, by ISO3."""
    return [c for c in sorted(countries().values(), key=lambda c: c.iso3)
            if c.status == "member"]


def _official_names(iso3: str) -> list[str]:
    rec = pycountry.countries.get(alpha_3=iso3)
    if rec is None:
        return []
    found = [getattr(rec, a, None) for a in ("name", "official_name", "common_name")]
    # "Korea, Republic of" is a catalogue spelling, never written in running text.
    return [s for s in found if s and "," not in s]


@cache
def country_names() -> dict[str, dict[str, str]]:
    """Surface form -> {'iso3', 'kind'} (kind: name or demonym), from every source.

    A name claimed by two countries is dropped rather than guessed.
    """
    data = coco.CountryConverter().data
    claims: dict[str, dict[str, tuple[str, str]]] = {}

    def claim(surface: str, iso3: str, kind: str) -> None:
        claims.setdefault(surface, {})[iso3] = (surface, kind)

    for row in data.itertuples(index=False):
        iso3 = str(row.ISO3)
        for s in (row.name_short, row.name_official, *_official_names(iso3)):
            if isinstance(s, str) and "," not in s:
                claim(s, iso3, "name")
    for iso3, row in _name_rows().items():
        for s in _split(row["aliases"]):
            claim(s, iso3, "name")
        for s in _split(row["demonyms"]):
            claim(s, iso3, "demonym")
    out: dict[str, dict[str, str]] = {}
    for surface, by_iso in sorted(claims.items()):
        if len(by_iso) == 1:
            iso3, (_, kind) = next(iter(by_iso.items()))
            out[surface] = {"iso3": iso3, "kind": kind}
    return out


@cache
def _lookup() -> dict[str, str]:
    table: dict[str, set[str]] = {}
    for surface, info in country_names().items():
        table.setdefault(name_key(surface), set()).add(info["iso3"])
    return {k: next(iter(v)) for k, v in table.items() if len(v) == 1}


@cache
def _coco_iso3(name: str) -> str | None:
    """country_converter's own regex lookup, for catalogue spellings such as
    'Micronesia, Fed. Sts.' that are never written in running text."""
    import logging

    logging.getLogger("country_converter").setLevel(logging.ERROR)  # it warns on misses
    found = coco.convert(names=name, to="ISO3", not_found=None)
    return found if isinstance(found, str) else None


def resolve_country(text: str) -> Country | None:
    """The country a name, alias or demonym refers to ('PRC', 'Kenyan', 'Türkiye'), if any."""
    key = name_key(text.strip(" .,;:"))
    if key.startswith("the "):
        key = key[4:]
    iso3 = _lookup().get(key) or _lookup().get("the " + key)
    if iso3 is None and "," in text:
        iso3 = _coco_iso3(text.strip())
    return countries().get(iso3) if iso3 else None
