"""Countries, UN regional groups, blocs and the gazetteer data files."""

from __future__ import annotations

import country_converter as coco
import pytest

from govtext.extract.countries import UN_GROUPS, countries, resolve_country, un_members
from govtext.extract.gazetteer import ORG_TYPES, gazetteer


def _un_member_names() -> list[tuple[str, str]]:
    """(ISO3, short name) of every UN member state, as country_converter lists them."""
    data = coco.CountryConverter().data
    members = data[data.UNmember.notna()]
    return sorted(zip(members.ISO3, members.name_short, strict=True))


def test_there_are_193_member_states_each_with_a_un_group() -> None:
    members = un_members()
    assert len(members) == 193
    assert all(c.un_group in UN_GROUPS for c in members)


@pytest.mark.parametrize(("iso3", "name"), _un_member_names())
def test_every_member_state_name_resolves_to_iso3_and_group(iso3: str, name: str) -> None:
    country = resolve_country(name)
    assert country is not None and country.iso3 == iso3
    assert country.un_group in UN_GROUPS
    assert country.m49_region and country.m49_subregion


def test_turkiye_belongs_to_weog_and_takes_part_in_asia_pacific() -> None:
    tur = resolve_country("Türkiye")
    assert tur is not None and tur.iso3 == "TUR"
    assert tur.un_group == "WEOG"
    assert tur.un_groups == ("WEOG", "Asia-Pacific Group")
    assert resolve_country("Turkey") == tur


def test_united_states_sits_with_weog() -> None:
    for name in ("US", "USA", "United States", "American"):
        country = resolve_country(name)
        assert country is not None and country.iso3 == "USA" and country.un_group == "WEOG"


@pytest.mark.parametrize(("surface", "iso3"), [
    ("PRC", "CHN"), ("Chinese", "CHN"), ("Kenyan", "KEN"), ("UK", "GBR"), ("Viet Nam", "VNM"),
    ("Côte d’Ivoire", "CIV"), ("the Netherlands", "NLD"), ("DRC", "COD"), ("Russia", "RUS"),
])
def test_aliases_and_demonyms_resolve(surface: str, iso3: str) -> None:
    country = resolve_country(surface)
    assert country is not None and country.iso3 == iso3


def test_observer_states_have_no_group() -> None:
    for iso3 in ("PSE", "VAT"):
        assert countries()[iso3].status == "observer"
        assert countries()[iso3].un_group is None


def test_m49_region_of_the_americas_is_named_as_the_un_names_it() -> None:
    assert countries()["BRA"].m49_region == "Americas"


def test_unknown_place_does_not_resolve() -> None:
    assert resolve_country("Zhejiang") is None


def test_gazetteer_ids_are_unique_and_orgs_typed() -> None:
    entries = gazetteer()
    orgs = [e for e in entries.values() if e.label == "ORG"]
    assert len(orgs) > 150
    assert all(e.type in ORG_TYPES for e in orgs)
    for needed in ("org:itu", "org:unesco", "org:undp", "org:unctad", "org:ohchr",
                   "org:undesa", "org:unicef", "org:igf", "org:igf_mag", "org:wsis",
                   "org:icann", "org:isoc", "org:ietf", "org:w3c", "org:iana", "org:afrinic",
                   "org:apnic", "org:arin", "org:lacnic", "org:ripencc", "org:gsma",
                   "org:oecd", "org:worldbank", "org:wto", "org:wipo", "org:wic", "org:coe",
                   "org:ec", "bloc:au", "bloc:asean", "bloc:eu", "bloc:brics", "bloc:g7",
                   "bloc:g20", "bloc:ldc", "bloc:sids", "bloc:global_south",
                   "bloc:developing"):
        assert needed in entries, needed


def test_acronyms_match_case_sensitively_and_long_names_do_not() -> None:
    itu = gazetteer()["org:itu"]
    assert "ITU" in itu.cased
    assert "International Telecommunication Union" in itu.uncased
