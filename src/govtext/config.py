"""One frozen settings object: defaults, optionally overridden by a TOML file and the CLI."""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from govtext.errors import ConfigError


@dataclass(frozen=True)
class Settings:
    """Every knob of a run. Printed into ``run.json`` so a run can be reproduced."""

    #: Files larger than this are rejected (``too_large``) instead of read.
    max_file_bytes: int = 200 * 1024 * 1024
    #: Field names tried, in order, for the text of a JSON/JSONL record or a CSV row.
    text_fields: tuple[str, ...] = ("text", "content", "body", "transcript", "speech")
    #: File suffixes read; anything else is rejected as ``unsupported_type``.
    suffixes: tuple[str, ...] = (
        ".txt", ".md", ".html", ".htm", ".pdf", ".json", ".jsonl", ".csv",
    )
    #: Share of control characters above which decoded text is treated as binary.
    max_control_char_share: float = 0.02
    #: Seed for every stochastic step.
    seed: int = 42
    #: Also write a Parquet twin of each CSV table.
    parquet: bool = True
    #: Topic-model embeddings: "tfidf" (offline, no neural model), "neural" (needs the
    #: optional extra) or "auto" (neural when installed).
    embedding: str = "tfidf"
    #: Paragraphs the topic model is fitted on at most; the rest are assigned afterwards.
    max_fit_units: int = 4000
    #: Break trends down by this document column too ("doc_kind" or "session_type"; "" = no).
    trends_by: str = ""
    #: Reuse per-document results (entities, SDGs, themes) and the topics of an unchanged
    #: corpus from ``<parent>/.<output name>.cache/``; false (``--no-cache``) recomputes all.
    cache: bool = True
    #: Processes for the per-document stages; 0 = every usable core.
    workers: int = 0
    #: A running dask.distributed scheduler (``tcp://host:8786``, or the path of its
    #: scheduler file): the per-document stages run there. "" = this machine only.
    dask_address: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def with_overrides(self, **overrides: Any) -> Settings:
        """Return a copy with the given (non-None) fields replaced."""
        known = {f.name for f in fields(self)}
        unknown = set(overrides) - known
        if unknown:
            raise ConfigError(
                f"unknown setting(s) {', '.join(sorted(unknown))}; "
                f"valid: {', '.join(sorted(known))}"
            )
        clean = {k: _checked(k, v, getattr(self, k)) for k, v in overrides.items()
                 if v is not None}
        return replace(self, **clean)


def _checked(name: str, value: Any, default: Any) -> Any:
    """``value`` converted to the type of the setting's default, or ConfigError."""
    if isinstance(default, bool):
        ok = isinstance(value, bool)
    elif isinstance(default, int):
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif isinstance(default, float):
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        value = float(value) if ok else value
    elif isinstance(default, tuple):
        ok = isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)
        value = tuple(value) if ok else value
    else:
        ok = isinstance(value, type(default))
    if not ok:
        expected = "a list of strings" if isinstance(default, tuple) else type(default).__name__
        raise ConfigError(f"setting {name} must be {expected}, got {value!r}")
    return value


def load_settings(path: Path | None = None, **overrides: Any) -> Settings:
    """Defaults, then the ``[govtext]`` table of a TOML file, then keyword overrides."""
    settings = Settings()
    if path is not None:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"config file not found: {path}") from None
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read config file {path}: {exc}") from None
        table = data.get("govtext", data)
        if not isinstance(table, dict):
            raise ConfigError(f"config file {path}: [govtext] must be a table of settings")
        settings = settings.with_overrides(**table)
    return settings.with_overrides(**overrides)
