"""Per-document result cache: rows keyed by document content and a stage fingerprint.

A cache entry holds the rows one stage produced for one document. Its key is the SHA-256 of
the document (every field, text and sections included) and its folder is named by the
stage's fingerprint: a hash of the stage's source code and data files, the versions of the
libraries it runs on, and its configuration. Changing any of these moves the stage to a
fresh folder, so stale rows are never read. Writes are atomic (temporary file, then
``os.replace``): a crash leaves either the old entry, the new one, or none.

The cache lives next to the output folder, at ``<parent>/.<name>.cache/``, because the
output folder itself is swapped whole at the end of each run.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gzip
import hashlib
import json
import math
import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

import govtext
from govtext.schema import Document

#: Bump to invalidate every cache entry (a change of the entry format).
CACHE_FORMAT = 1

_PACKAGE = Path(govtext.__file__).resolve().parent
_DATA_SUFFIXES = (".py", ".yaml", ".yml", ".csv", ".json", ".txt", ".tsv", ".toml")


def cache_dir_for(out_dir: str | os.PathLike[str]) -> Path:
    """The cache folder of an output folder: ``<parent>/.<name>.cache``."""
    out = Path(out_dir).expanduser().resolve()
    return out.parent / f".{out.name}.cache"


def document_key(doc: Document) -> str:
    """SHA-256 of everything a per-document stage can read from ``doc``."""
    blob = json.dumps(dataclasses.asdict(doc), sort_keys=True, ensure_ascii=False,
                      default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _files(roots: Iterable[str]) -> list[Path]:
    out: list[Path] = []
    for rel in roots:
        p = _PACKAGE / rel
        if p.is_file():
            out.append(p)
        elif p.is_dir():
            out.extend(f for f in p.rglob("*") if f.is_file() and f.suffix in _DATA_SUFFIXES
                       and "__pycache__" not in f.parts)
    return sorted(set(out))


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def fingerprint(sources: Iterable[str], packages: Iterable[str] = (),
                config: Mapping[str, Any] | None = None) -> str:
    """Hash of a stage's code and data (paths relative to the ``govtext`` package), the
    versions of ``packages`` and its ``config`` (anything ``json``/``repr`` can spell)."""
    h = hashlib.sha256(f"govtext-cache-{CACHE_FORMAT}".encode())
    for f in _files(sources):
        h.update(str(f.relative_to(_PACKAGE)).encode())
        h.update(hashlib.sha256(f.read_bytes()).digest())
    for name in sorted(packages):
        h.update(f"{name}={_version(name)}".encode())
    h.update(json.dumps(config or {}, sort_keys=True, default=repr).encode())
    return h.hexdigest()[:24]


def _plain(value: Any) -> Any:
    """A JSON-safe copy of a cell: numpy scalars to Python, missing values to None."""
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else value
    item = getattr(value, "item", None)
    if callable(item):  # numpy scalar
        return _plain(item())
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    try:
        import pandas as pd

        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value


def plain_rows(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Rows with every cell made JSON-safe (exact: floats keep every bit)."""
    return [{k: _plain(v) for k, v in r.items()} for r in rows]


class StageCache:
    """Rows of one stage, one file per document: ``<root>/<stage>/<fingerprint>/<key>``."""

    def __init__(self, root: str | os.PathLike[str] | None, stage: str, fp: str) -> None:
        self.root = Path(root) if root is not None else None
        self.stage = stage
        self.fingerprint = fp
        self.hits = self.misses = 0

    @property
    def folder(self) -> Path | None:
        return None if self.root is None else self.root / self.stage / self.fingerprint

    def _path(self, key: str) -> Path | None:
        folder = self.folder
        return None if folder is None else folder / key[:2] / f"{key}.json.gz"

    def has(self, key: str) -> bool:
        """Whether an entry exists (it may still prove unreadable: ``get`` decides)."""
        path = self._path(key)
        return path is not None and path.is_file()

    def get(self, key: str) -> Any | None:
        """The stored value, or None when absent (or unreadable: treated as absent)."""
        path = self._path(key)
        if path is None:
            return None
        try:
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                value = json.load(fh)
        except (OSError, EOFError, ValueError):
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key: str, value: Any) -> None:
        """Store ``value`` (JSON-able) atomically; a cache that cannot be written is skipped."""
        path = self._path(key)
        if path is None:
            return
        data = gzip.compress(json.dumps(value, ensure_ascii=False).encode("utf-8"),
                             compresslevel=1, mtime=0)
        with contextlib.suppress(OSError):
            atomic_write(path, data)

    def prune(self) -> None:
        """Remove this stage's folders for other fingerprints (old code or settings)."""
        if self.root is None:
            return
        stage_dir = self.root / self.stage
        if stage_dir.is_dir():
            for child in stage_dir.iterdir():
                if child.name != self.fingerprint:
                    shutil.rmtree(child, ignore_errors=True)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def frames_key(frames: Mapping[str, Any], *parts: Any) -> str:
    """SHA-256 of the content of pandas DataFrames (names, columns, dtypes, every cell)
    and of ``parts`` (anything ``json``/``repr`` can spell)."""
    import pandas as pd

    h = hashlib.sha256()
    for name in sorted(frames):
        df = frames[name]
        h.update(name.encode())
        h.update(json.dumps([[str(c), str(t)] for c, t in df.dtypes.items()]).encode())
        h.update(pd.util.hash_pandas_object(df, index=False).to_numpy().tobytes())
    h.update(json.dumps(parts, sort_keys=True, default=repr).encode())
    return h.hexdigest()


class FileSetCache:
    """Files and folders a corpus-level step wrote, kept under
    ``<root>/<step>/<fingerprint>/<key>/``.

    One entry is kept per step (the latest inputs, the current fingerprint). An entry is built
    beside its final name and renamed into place, with a ``done.json`` listing what it holds,
    so a half-written entry is never used.
    """

    def __init__(self, root: str | os.PathLike[str] | None, step: str, fp: str) -> None:
        self.root = Path(root) if root is not None else None
        self.step = step
        self.fingerprint = fp

    def _entry(self, key: str) -> Path | None:
        return None if self.root is None else self.root / self.step / self.fingerprint / key

    def entry(self, key: str) -> tuple[Path, list[str]] | None:
        """The complete entry for ``key`` and the names it holds, or None."""
        entry = self._entry(key)
        if entry is None:
            return None
        try:
            names = json.loads((entry / "done.json").read_text(encoding="utf-8"))["files"]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return entry, [str(n) for n in names]

    def restore(self, key: str, dest: Path) -> list[Path] | None:
        """Copy the entry's files into ``dest``; their paths, or None when absent or bad."""
        found = self.entry(key)
        if found is None:
            return None
        entry, names = found
        try:
            dest.mkdir(parents=True, exist_ok=True)
            return [Path(shutil.copy2(entry / n, dest / n)) for n in names]
        except OSError:
            return None

    def store(self, key: str, paths: Iterable[Path]) -> None:
        """Keep copies of ``paths`` (files or folders, stored under their own names) as the
        entry for ``key``; a cache that cannot be written is skipped."""
        entry = self._entry(key)
        if entry is None:
            return
        tmp = entry.parent / f".{key}.tmp-{os.getpid()}"
        try:
            shutil.rmtree(tmp, ignore_errors=True)
            tmp.mkdir(parents=True)
            names = []
            for p in paths:
                if p.is_dir():
                    shutil.copytree(p, tmp / p.name)
                else:
                    shutil.copy2(p, tmp / p.name)
                names.append(p.name)
            atomic_write(tmp / "done.json", json.dumps({"files": names}).encode())
            for old in entry.parent.iterdir():  # one entry per step: the latest inputs
                if old != tmp and not old.name.startswith("."):
                    shutil.rmtree(old, ignore_errors=True)
            os.replace(tmp, entry)
        except OSError:
            shutil.rmtree(tmp, ignore_errors=True)
            return
        for other in entry.parent.parent.iterdir():  # and no folders of old fingerprints
            if other != entry.parent:
                shutil.rmtree(other, ignore_errors=True)
