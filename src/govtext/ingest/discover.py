"""Find input files under the paths a user gives, safely (symlink loops, odd names)."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from govtext.errors import InputPathError

_UNSAFE = re.compile(r"[^\w.\-/]+")


@dataclass(frozen=True)
class InputFile:
    """A file to ingest. ``rel`` is its POSIX path relative to the input root."""

    path: Path
    rel: str


@dataclass(frozen=True)
class InputProblem:
    """A path found while walking that cannot be read as a file."""

    rel: str
    reason: str
    detail: str


def doc_id_for(rel: str) -> str:
    """Stable, filename-safe id from a relative path.

    Paths made only of word characters, dots, dashes and slashes are their own id; any other
    path is sanitized and suffixed with a short hash of the exact path, so two names that
    sanitize alike still get distinct ids, and the id never depends on other files.
    """
    safe = _UNSAFE.sub("_", rel).strip("_") or "_"
    if safe == rel:
        return rel
    digest = hashlib.sha1(rel.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    return f"{safe}~{digest}"


def _display(path: str) -> str:
    # Names with undecodable bytes survive as surrogates; show them as escapes.
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _walk_dir(root: Path, prefix: str,
              skip: Callable[[Path], bool] | None = None) -> Iterator[InputFile | InputProblem]:
    seen_dirs: set[tuple[int, int]] = set()
    problems: list[InputProblem] = []

    def on_error(err: OSError) -> None:
        rel = os.path.relpath(err.filename or str(root), root)
        detail = err.strerror or str(err)
        problems.append(InputProblem(_display(prefix + rel), "unreadable_dir", detail))

    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=on_error):
        try:
            st = os.stat(dirpath)
        except OSError:
            dirnames[:] = []
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen_dirs:  # a symlink cycle: this folder was already walked
            dirnames[:] = []
            continue
        seen_dirs.add(key)
        if skip is not None:
            dirnames[:] = [n for n in dirnames if not skip(Path(dirpath) / n)]
            filenames = [n for n in filenames if not skip(Path(dirpath) / n)]
        dirnames.sort()
        for name in sorted(filenames):
            full = Path(dirpath) / name
            rel = _display(prefix + full.relative_to(root).as_posix())
            if full.is_symlink() and not full.exists():
                try:
                    os.stat(full)
                except OSError as exc:
                    reason = "symlink_loop" if exc.errno == 40 else "broken_symlink"
                    yield InputProblem(rel, reason, exc.strerror or str(exc))
                    continue
            if not full.is_file():
                yield InputProblem(rel, "not_a_regular_file", "device, socket or pipe")
                continue
            yield InputFile(full, rel)
        # Directories that are dangling symlinks are reported, not silently skipped.
        for name in list(dirnames):
            d = Path(dirpath) / name
            if d.is_symlink() and not d.exists():
                dirnames.remove(name)
                yield InputProblem(_display(prefix + d.relative_to(root).as_posix()),
                                   "broken_symlink", "dangling directory link")
    yield from problems


def discover(paths: Iterable[str | Path],
             skip: Callable[[Path], bool] | None = None) -> list[InputFile | InputProblem]:
    """All files under ``paths``, in a deterministic order.

    With one folder, paths are relative to it; with several inputs, each is prefixed with
    its own name so that ids stay distinct. Entries for which ``skip`` is true (the run's own
    output folder, lock and staging, when they lie inside an input folder) are not walked.
    """
    paths = [Path(p) for p in paths]
    if not paths:
        raise InputPathError("no input path given; pass a file or folder, e.g. data/raw")
    for p in paths:
        if not p.exists():
            raise InputPathError(f"input path does not exist: {p}")
    multi = len(paths) > 1
    found: list[InputFile | InputProblem] = []
    for p in paths:
        prefix = f"{p.name}/" if multi else ""
        if p.is_dir():
            found.extend(_walk_dir(p, prefix, skip))
        else:
            found.append(InputFile(p, _display(p.name)))
    found.sort(key=lambda f: f.rel)
    return found
