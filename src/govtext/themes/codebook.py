"""The theme codebook: loaded from package data or a user's YAML/TOML file, checked on load.

Every problem a user can make in their file (unreadable, invalid YAML/TOML, a missing or
mistyped field, a duplicate id, a pattern that does not compile) is reported as a one-line
:class:`~govtext.errors.ConfigError` naming the file and the theme.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from govtext.errors import ConfigError
from govtext.themes.patterns import CompiledPattern, PatternError, compile_aliases, compile_pattern

PACKAGED = "themes.yaml"
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_REQUIRED = {"id": str, "label": str, "definition": str, "include": list}
_OPTIONAL = {"exclude": list, "examples": list}


@dataclass(frozen=True)
class Theme:
    """One codebook entry with its patterns compiled."""

    id: str
    label: str
    definition: str
    include: tuple[CompiledPattern, ...]
    exclude: tuple[CompiledPattern, ...]
    examples: tuple[str, ...]


@dataclass(frozen=True)
class Codebook:
    """Themes in file order, and where they came from."""

    themes: tuple[Theme, ...]
    source: str

    @property
    def ids(self) -> list[str]:
        return [t.id for t in self.themes]

    def theme(self, theme_id: str) -> Theme:
        for t in self.themes:
            if t.id == theme_id:
                return t
        raise KeyError(theme_id)


def _read(path: Path | None) -> tuple[Any, str]:
    if path is None:
        text = resources.files("govtext.data").joinpath(PACKAGED).read_text(encoding="utf-8")
        return yaml.safe_load(text), f"govtext/data/{PACKAGED}"
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"theme codebook not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read theme codebook {path}: {exc}") from None
    try:
        if Path(path).suffix.lower() == ".toml":
            return tomllib.loads(text), str(path)
        return yaml.safe_load(text), str(path)
    except (yaml.YAMLError, tomllib.TOMLDecodeError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ConfigError(f"theme codebook {path} is not valid YAML/TOML: {first}") from None


def _strings(value: list[Any], where: str) -> tuple[str, ...]:
    if not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{where} must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _theme(entry: Any, n: int, aliases: dict[str, str], aliases_src: dict[str, list[str]],
           src: str) -> Theme:
    where = f"theme codebook {src}: theme #{n + 1}"
    if not isinstance(entry, dict):
        raise ConfigError(f"{where} must be a mapping with id, label, definition, include")
    if isinstance(entry.get("id"), str):
        where = f"theme codebook {src}: theme '{entry['id']}'"
    unknown = sorted(set(entry) - set(_REQUIRED) - set(_OPTIONAL))
    if unknown:
        raise ConfigError(f"{where} has unknown field(s) {', '.join(unknown)}")
    for key, typ in {**_REQUIRED, **_OPTIONAL}.items():
        if key in _REQUIRED and key not in entry:
            raise ConfigError(f"{where} lacks '{key}'")
        if key in entry and not isinstance(entry[key] if entry[key] is not None else [], typ):
            raise ConfigError(f"{where}: '{key}' must be a {typ.__name__}")
    if not _ID.match(entry["id"]):
        raise ConfigError(f"{where}: id must be snake_case (a-z, 0-9, _)")
    include = _strings(entry["include"], f"{where}: include")
    if not include:
        raise ConfigError(f"{where}: include needs at least one pattern")
    exclude = _strings(entry.get("exclude") or [], f"{where}: exclude")
    try:
        inc = tuple(compile_pattern(p, aliases, aliases_src) for p in include)
        exc = tuple(compile_pattern(p, aliases, aliases_src) for p in exclude)
    except PatternError as err:
        raise ConfigError(f"{where}: {err}") from None
    return Theme(entry["id"], entry["label"].strip(), " ".join(entry["definition"].split()),
                 inc, exc, _strings(entry.get("examples") or [], f"{where}: examples"))


def parse_codebook(data: Any, source: str) -> Codebook:
    """Check the shape of loaded codebook data and compile it."""
    if not isinstance(data, dict) or not isinstance(data.get("themes"), list):
        raise ConfigError(f"theme codebook {source} must have a 'themes' list")
    unknown = sorted(set(data) - {"version", "aliases", "themes"})
    if unknown:
        raise ConfigError(f"theme codebook {source} has unknown key(s) {', '.join(unknown)}")
    raw_aliases = data.get("aliases") or {}
    if not isinstance(raw_aliases, dict):
        raise ConfigError(f"theme codebook {source}: 'aliases' must map names to phrase lists")
    for name, phrases in raw_aliases.items():
        _strings(phrases if isinstance(phrases, list) else [None],
                 f"theme codebook {source}: alias '{name}'")
    try:
        aliases = compile_aliases(raw_aliases)
    except PatternError as err:
        raise ConfigError(f"theme codebook {source}: aliases: {err}") from None
    themes = tuple(_theme(e, i, aliases, raw_aliases, source)
                   for i, e in enumerate(data["themes"]))
    if not themes:
        raise ConfigError(f"theme codebook {source} has no themes")
    seen: set[str] = set()
    for t in themes:
        if t.id in seen:
            raise ConfigError(f"theme codebook {source}: duplicate theme id '{t.id}'")
        seen.add(t.id)
    return Codebook(themes, source)


def load_codebook(path: str | Path | None = None) -> Codebook:
    """The packaged codebook (``path=None``) or a user's YAML/TOML file, checked and compiled."""
    data, source = _read(Path(path) if path is not None else None)
    return parse_codebook(data, source)
