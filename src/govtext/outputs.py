"""All-or-nothing output folders: stage a whole run beside DIR, then swap it in.

A run writes everything into a hidden sibling ``.<name>.staging-<pid>-<token>``. ``commit()``
fsyncs it, writes the ``_COMPLETE.json`` manifest last, then swaps folders with two renames
(DIR -> ``.<name>.old-<pid>-<token>``, staging -> DIR) and deletes the old one. A SIGKILL at
any moment leaves the previous complete DIR, the new complete DIR, or (between the renames)
no DIR; the next run restores the old folder and deletes leftovers before it starts. A lock
file ``.<name>.lock`` (JSON: pid, host, started) keeps a second run out.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import shutil
import socket
import sys
import time
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from govtext.errors import OutputDirError, RunLockedError
from govtext.schema import TableSchema

MARKER = "_COMPLETE.json"
MARKER_FORMAT = "govtext-outputs/1"
#: A lock file that cannot be parsed and is younger than this may be one being written now.
_LOCK_GRACE_S = 10.0
#: Test-only hook. ``GOVTEXT_TEST_PAUSE_AT=<stage>`` makes ``commit()`` print
#: ``GOVTEXT_PAUSED <stage>`` on stderr and sleep there, so a test can SIGKILL it at that point.
#: Stages in order: ``commit`` (staging written, nothing fsynced), ``marker`` (marker written,
#: DIR untouched), ``swap`` (DIR renamed away, staging not yet in place), ``cleanup`` (new DIR
#: in place, old one not yet deleted).
_PAUSE_ENV = "GOVTEXT_TEST_PAUSE_AT"
#: Lock files held by this process: a lock naming our own pid is only ours if listed here
#: (in a container every run may get the same pid, so a pid match alone proves nothing).
_held: set[Path] = set()


def _pause(stage: str) -> None:
    if os.environ.get(_PAUSE_ENV) == stage:
        print(f"GOVTEXT_PAUSED {stage}", file=sys.stderr, flush=True)
        time.sleep(3600)


def _token() -> str:
    # Fixed-width hex time first, so sorting tokens sorts by creation time.
    return f"{time.time_ns():016x}{secrets.token_hex(3)}"


def _json_bytes(obj: Any) -> bytes:
    return (json.dumps(obj, sort_keys=True, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _safe_parts(relpath: str) -> tuple[str, ...]:
    """Split a portable relative POSIX path; ValueError for anything that could escape."""
    if not isinstance(relpath, str) or not relpath:
        raise ValueError(f"output path must be a non-empty relative path, got {relpath!r}")
    if (
        PurePosixPath(relpath).is_absolute()
        or PureWindowsPath(relpath).drive
        or any(c in relpath for c in ("\\", "\0", ":"))
    ):
        raise ValueError(f"output path must be relative and portable: {relpath!r}")
    parts = tuple(relpath.split("/"))
    if any(p in ("", ".", "..") for p in parts):
        raise ValueError(f"output path must not contain empty, '.' or '..' parts: {relpath!r}")
    return parts


def _fsync_dir(path: Path) -> None:
    # Makes renames and new entries durable; directories cannot be opened on Windows.
    if os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _hash_file(path: Path, *, fsync: bool = False) -> tuple[int, str]:
    digest, size = hashlib.sha256(), 0
    with open(path, "r+b" if fsync else "rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
        if fsync:
            os.fsync(f.fileno())
    return size, digest.hexdigest()


def _walk(root: Path) -> tuple[list[str], list[Path]]:
    """Sorted POSIX relpaths of all files under ``root``, and all directories (root included)."""
    files, dirs = [], [root]
    for here, subdirs, names in os.walk(root):
        subdirs.sort()
        dirs.extend(Path(here, d) for d in subdirs)
        files.extend(Path(here, n).relative_to(root).as_posix() for n in names)
    return sorted(files), dirs


def _remove(path: Path) -> None:
    """Best-effort delete of a leftover; a failure is retried by the next run's recovery."""
    if path.is_dir() and not path.is_symlink():
        # Marker first, so a half-deleted folder never looks like a complete one.
        with contextlib.suppress(OSError):
            (path / MARKER).unlink()
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            path.unlink()


def _pid_alive(pid: int) -> bool:
    if pid <= 0:  # 0 and negatives address process groups, never a single run
        return False
    if os.name == "nt":
        # os.kill(pid, 0) would send CTRL_C on Windows: assume alive (the user removes the lock).
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by another user
        return True
    return True


class OutputFolder:
    """Context manager for one run's outputs: lock, recover, stage, then ``commit()``."""

    def __init__(self, out_dir: str | Path) -> None:
        self.out_dir = Path(out_dir).expanduser().resolve()
        self._name = self.out_dir.name
        if not self._name:
            raise OutputDirError(f"cannot use {self.out_dir} as the output folder; name a folder")
        self._parent = self.out_dir.parent
        self._lock = self._parent / f".{self._name}.lock"
        self._lock_ino: int | None = None
        self._leftover = re.compile(
            rf"\.{re.escape(self._name)}\.(staging|old|lock\.stale)-(\d+)-([0-9a-f]{{22}})"
        )
        self._token = _token()
        self.staging = self._parent / f".{self._name}.staging-{os.getpid()}-{self._token}"
        self._open = self._committed = False

    def __enter__(self) -> OutputFolder:
        try:
            self._parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise OutputDirError(f"cannot create {self._parent}: {err.strerror or err}") from err
        self._acquire()
        try:
            self._recover()
            self._check_target()
            self.staging.mkdir()
        except BaseException:
            self._release()
            raise
        self._open = True
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if not self._committed:
                _remove(self.staging)
        finally:
            self._open = False
            self._release()

    def owns(self, path: str | Path) -> bool:
        """Whether ``path`` is this output folder or one of its lock/staging/old siblings
        (so that an input folder holding the output folder does not read it back)."""
        path = Path(path)
        name = path.name
        if name != self._name and not name.startswith(f".{self._name}."):
            return False  # cheap test first: most paths are plain input files
        try:
            parent = path.parent.resolve()
        except OSError:
            return False
        return parent == self._parent and (
            name in (self._name, self._lock.name) or bool(self._leftover.fullmatch(name)))

    def _require_open(self) -> None:
        if not self._open or self._committed:
            raise RuntimeError("OutputFolder is not open for writing (use it in a with block)")

    def _acquire(self) -> None:
        info = {"pid": os.getpid(), "host": socket.gethostname(),
                "started": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}
        for _ in range(10):
            try:
                fd = os.open(self._lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                self._take_over_if_stale()
                continue
            except OSError as err:
                raise OutputDirError(
                    f"cannot create lock file {self._lock}: {err.strerror or err}"
                ) from err
            _held.add(self._lock)
            self._lock_ino = os.fstat(fd).st_ino
            with os.fdopen(fd, "wb") as f:
                f.write(_json_bytes(info))
                f.flush()
                os.fsync(f.fileno())
            return
        raise RunLockedError(f"could not lock {self.out_dir}: lock file {self._lock} keeps "
                             "changing; retry when other runs have finished")

    def _take_over_if_stale(self) -> None:
        """Remove the lock file if its owner is dead; raise RunLockedError if it may be alive."""
        try:
            with open(self._lock, "rb") as f:
                st = os.fstat(f.fileno())
                raw = f.read()
        except FileNotFoundError:
            return  # released meanwhile: retry
        try:
            owner = json.loads(raw)
            pid, host = int(owner["pid"]), str(owner["host"])
        except (ValueError, TypeError, KeyError):
            if time.time() - st.st_mtime < _LOCK_GRACE_S:
                raise RunLockedError(
                    f"output folder {self.out_dir} is being locked by another govtext run "
                    f"right now; retry in a few seconds, or delete {self._lock} if none is "
                    "running") from None
        else:
            alive = (self._lock in _held if pid == os.getpid() else _pid_alive(pid))
            if host != socket.gethostname() or alive:
                raise RunLockedError(
                    f"output folder {self.out_dir} is in use by another govtext run (pid {pid} "
                    f"on {host}, started {owner.get('started')}); wait for it to finish, or "
                    f"delete {self._lock} if that process is gone")
        # Move it aside, then check it is the file we judged: if another run replaced it in
        # the meantime we moved a live lock, so put it back (link refuses to overwrite).
        aside = self._parent / f".{self._name}.lock.stale-{os.getpid()}-{_token()}"
        try:
            os.rename(self._lock, aside)
        except FileNotFoundError:
            return
        moved = os.stat(aside)
        if (moved.st_ino, moved.st_dev) != (st.st_ino, st.st_dev):
            with contextlib.suppress(OSError):
                os.link(aside, self._lock)
        aside.unlink()

    def _release(self) -> None:
        # Only delete the lock if it is still the file we created.
        with contextlib.suppress(OSError):
            if self._lock_ino is not None and os.stat(self._lock).st_ino == self._lock_ino:
                os.unlink(self._lock)
        _held.discard(self._lock)
        self._lock_ino = None

    def _recover(self) -> None:
        """Undo a run killed mid-swap and delete leftovers; we hold the lock, so all are dead."""
        found = [(m.group(3), m.group(1), p) for p in self._parent.iterdir()
                 if (m := self._leftover.fullmatch(p.name))]
        found.sort()
        if not os.path.lexists(self.out_dir):
            # Killed between the two renames: the newest complete old folder is the last output.
            olds = [p for _, kind, p in found if kind == "old" and (p / MARKER).is_file()]
            if olds:
                os.rename(olds[-1], self.out_dir)
                _fsync_dir(self._parent)
        for _, _, p in found:
            if os.path.lexists(p):  # the restored one is gone from its old name
                _remove(p)

    def _check_target(self) -> None:
        out = self.out_dir
        if not os.path.lexists(out):
            return
        if not out.is_dir():
            raise OutputDirError(f"{out} exists and is not a folder; choose another output folder")
        if not (out / MARKER).is_file() and any(out.iterdir()):
            raise OutputDirError(
                f"{out} is not empty and was not written by govtext (no {MARKER}); "
                "choose a new or empty output folder")

    def path(self, relpath: str) -> Path:
        """A path inside staging for ``relpath`` (POSIX, relative), parents created."""
        self._require_open()
        parts = _safe_parts(relpath)
        if parts == (MARKER,):
            raise ValueError(f"{MARKER} is reserved for the completion marker")
        path = self.staging.joinpath(*parts)
        # A symlink inside staging could still lead out: check where the path really lands.
        if not path.resolve().is_relative_to(self.staging.resolve()):
            raise ValueError(f"output path escapes the output folder: {relpath!r}")
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def write_table(self, schema: TableSchema, df: pd.DataFrame, *, parquet: bool = True) -> None:
        """Write ``<name>.csv`` (and ``<name>.parquet``) with the schema's columns and dtypes."""
        missing, extra = set(schema.names) - set(df.columns), set(df.columns) - set(schema.names)
        if missing or extra:
            raise ValueError(f"table {schema.name}: columns differ from the schema "
                             f"(missing {sorted(missing)}, unexpected {sorted(map(str, extra))})")
        df = df[schema.names].astype({c.name: c.dtype for c in schema.columns})
        with self.path(f"{schema.name}.csv").open("w", encoding="utf-8", newline="") as f:
            df.to_csv(f, index=False, lineterminator="\n")
        if parquet:
            table = pa.Table.from_pandas(df, preserve_index=False)
            pq.write_table(table, self.path(f"{schema.name}.parquet"), compression="snappy")

    def write_bytes(self, relpath: str, data: bytes) -> None:
        self.path(relpath).write_bytes(data)

    def write_text(self, relpath: str, text: str) -> None:
        """UTF-8, newlines written as given."""
        self.write_bytes(relpath, text.encode("utf-8"))

    def write_json(self, relpath: str, obj: Any) -> None:
        """Sorted keys, indent 2, trailing newline."""
        self.write_bytes(relpath, _json_bytes(obj))

    def commit(self, summary: dict[str, Any] | None = None) -> None:
        """Fsync everything, write the manifest marker last, then swap staging into place."""
        self._require_open()
        _pause("commit")
        rels, dirs = _walk(self.staging)
        files = []
        for rel in rels:
            size, sha = _hash_file(self.staging / rel, fsync=True)
            files.append({"path": rel, "sha256": sha, "size": size})
        manifest = {"format": MARKER_FORMAT, "files": files, "summary": summary or {}}
        with open(self.staging / MARKER, "wb") as f:
            f.write(_json_bytes(manifest))
            f.flush()
            os.fsync(f.fileno())
        for d in dirs:
            _fsync_dir(d)
        _pause("marker")
        self._check_target()  # someone may have put files in DIR since we started
        old = None
        if os.path.lexists(self.out_dir):
            old = self._parent / f".{self._name}.old-{os.getpid()}-{self._token}"
            os.rename(self.out_dir, old)
        _pause("swap")
        try:
            os.rename(self.staging, self.out_dir)
        except BaseException:  # incl. Ctrl-C: put the previous outputs back where they were
            if old is not None:
                with contextlib.suppress(OSError):
                    os.rename(old, self.out_dir)
            raise
        self._committed = True
        _fsync_dir(self._parent)
        _pause("cleanup")
        if old is not None:
            _remove(old)


def read_marker(out_dir: str | Path) -> dict[str, Any] | None:
    """The completion manifest of ``out_dir``, or None if it is missing or unreadable."""
    try:
        obj = json.loads((Path(out_dir) / MARKER).read_bytes())
    except (OSError, ValueError):
        return None
    return obj if isinstance(obj, dict) else None


def verify_outputs(out_dir: str | Path) -> list[str]:
    """Problems with a committed output folder (missing marker, missing, changed or extra
    files); ``[]`` when it is exactly the complete set the marker lists."""
    out = Path(out_dir)
    if not out.is_dir():
        return [f"output folder {out} does not exist"]
    manifest = read_marker(out)
    if manifest is None or not isinstance(manifest.get("files"), list):
        return [f"{out} has no valid {MARKER}: the run did not complete"]
    problems, listed = [], set()
    for entry in manifest["files"]:
        try:
            rel = entry["path"]
            path = out.joinpath(*_safe_parts(rel))
        except (TypeError, KeyError, ValueError):
            problems.append(f"bad entry in {MARKER}: {entry!r}")
            continue
        listed.add(rel)
        if not path.is_file():
            problems.append(f"missing file: {rel}")
        elif _hash_file(path) != (entry.get("size"), entry.get("sha256")):
            problems.append(f"changed file: {rel}")
    listed.add(MARKER)
    problems.extend(f"unexpected file: {rel}" for rel in _walk(out)[0] if rel not in listed)
    return problems
