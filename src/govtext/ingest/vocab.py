"""Controlled vocabularies loaded from package data (``govtext/data``), checked on load."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from govtext.errors import ConfigError


def _data_text(name: str) -> str:
    return resources.files("govtext.data").joinpath(name).read_text(encoding="utf-8")


def read_data_csv(name: str) -> list[dict[str, str]]:
    """Rows of a package CSV file whose leading ``#`` lines are comments."""
    lines = [ln for ln in _data_text(name).splitlines() if not ln.startswith("#")]
    return list(csv.DictReader(lines))


def _key(text: str) -> str:
    return " ".join(text.lower().replace("–", "-").split())


@dataclass(frozen=True)
class Vocabulary:
    """A canonical value per alias (case- and space-insensitive)."""

    name: str
    aliases: dict[str, str]

    def canonical(self, text: str | None) -> str | None:
        if not text:
            return None
        return self.aliases.get(_key(text.strip(" .,;:#")))

    @property
    def values(self) -> list[str]:
        return sorted(set(self.aliases.values()))


def _vocabulary(name: str, entries: Any) -> Vocabulary:
    if not isinstance(entries, dict):
        raise ConfigError(f"igf_vocab.yaml: '{name}' must map canonical values to alias lists")
    aliases: dict[str, str] = {}
    for canonical, spellings in entries.items():
        if not isinstance(spellings, list):
            raise ConfigError(f"igf_vocab.yaml: {name}.{canonical} must be a list of spellings")
        for s in [canonical, *spellings]:
            aliases[_key(str(s))] = str(canonical)
    return Vocabulary(name, aliases)


@cache
def igf_vocab() -> dict[str, Vocabulary]:
    data = yaml.safe_load(_data_text("igf_vocab.yaml"))
    expected = ("stakeholder_groups", "regional_groups", "session_types", "formats")
    missing = [k for k in expected if k not in data]
    if missing:
        raise ConfigError(f"igf_vocab.yaml lacks {', '.join(missing)}")
    return {k: _vocabulary(k, data[k]) for k in expected}


def stakeholder_group(text: str | None) -> str | None:
    return igf_vocab()["stakeholder_groups"].canonical(text)


def regional_group(text: str | None) -> str | None:
    return igf_vocab()["regional_groups"].canonical(text)


def session_type(text: str | None) -> str | None:
    return igf_vocab()["session_types"].canonical(text)


def session_format(text: str | None) -> str | None:
    return igf_vocab()["formats"].canonical(text)


@cache
def session_type_pattern() -> re.Pattern[str]:
    """Regex alternation of every session-type spelling, longest first."""
    spellings = sorted(igf_vocab()["session_types"].aliases, key=len, reverse=True)
    alt = "|".join(re.escape(s).replace(r"\ ", r"[\s-]+") for s in spellings)
    return re.compile(rf"(?<![\w])(?P<type>{alt})(?![\w])", re.IGNORECASE)


@cache
def sdg_titles() -> dict[str, int]:
    """Normalized short SDG title -> goal number (e.g. 'reduced inequalities' -> 10)."""
    out: dict[str, int] = {}
    for row in read_data_csv("sdg_goals.csv"):
        out[_key(row["title_short"]).replace(",", "")] = int(row["goal"])
    return out


def sdg_for_title(title: str) -> int | None:
    t = _key(title).replace(",", "").replace(" & ", " and ").rstrip(".")
    return sdg_titles().get(t)


@dataclass(frozen=True)
class Meeting:
    year: int
    number: int
    names: tuple[str, ...]


@cache
def igf_meetings() -> tuple[Meeting, ...]:
    out = []
    for row in read_data_csv("igf_meetings.csv"):
        names = [row["city"], row["country"], *filter(None, row["aliases"].split("|"))]
        names = [n for n in names if n not in ("online", "virtual")]
        out.append(Meeting(int(row["year"]), int(row["number"]), tuple(names)))
    return tuple(out)


@cache
def publishers() -> dict[str, str]:
    """Lower-cased publisher spelling -> canonical name."""
    out: dict[str, str] = {}
    for row in read_data_csv("publishers.csv"):
        for s in [row["name"], *filter(None, row["aliases"].split("|"))]:
            out[s.lower()] = row["name"]
    return out
