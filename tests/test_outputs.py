"""All-or-nothing output folders: commit, rollback, SIGKILL at each stage, locking, paths."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import govtext.outputs
from child_process import kill, wait_paused
from govtext.errors import OutputDirError, RunLockedError
from govtext.outputs import MARKER, OutputFolder, read_marker, verify_outputs
from govtext.schema import REJECTS

posix_only = pytest.mark.skipif(os.name != "posix", reason="needs SIGKILL and os.kill(pid, 0)")

#: src folder of the govtext being tested, for the child processes.
SRC = str(Path(govtext.outputs.__file__).resolve().parents[1])

#: Child run: writes version ``argv[2]`` of a small output set into ``argv[1]``. With
#: ``argv[3] == "writes"`` it pauses half-way through the staging writes; other pause points
#: come from GOVTEXT_TEST_PAUSE_AT inside commit(). A pause is announced on stderr.
CHILD = r"""
import sys, time
from govtext.outputs import OutputFolder
from govtext.schema import REJECTS
out, version, pause = sys.argv[1], sys.argv[2], sys.argv[3]
rows = [{"source_path": f"f{i}.txt", "record": None, "reason": "empty_file", "detail": version}
        for i in range(3)]
with OutputFolder(out) as folder:
    folder.write_table(REJECTS, REJECTS.frame(rows))
    folder.write_json("run.json", {"version": version})
    if pause == "writes":
        print("GOVTEXT_PAUSED writes", file=sys.stderr, flush=True)
        time.sleep(3600)
    folder.write_text(f"notes/only-in-{version}.txt", f"version {version}\n")
    if pause == "held":
        print("GOVTEXT_PAUSED held", file=sys.stderr, flush=True)
        time.sleep(3600)
    folder.commit({"version": version})
"""


def _spawn(out: Path, version: str, pause: str = "") -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": SRC, "GOVTEXT_TEST_PAUSE_AT": pause}
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(out), version, pause],
        env=env, stderr=subprocess.PIPE, text=True,
    )


def _run(out: Path, version: str) -> None:
    proc = _spawn(out, version)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _frame(detail: str = "x") -> pd.DataFrame:
    rows = [{"source_path": "a.txt", "record": None, "reason": "empty_file", "detail": detail},
            {"source_path": "b é.txt", "record": "2", "reason": "binary", "detail": "l1\nl2"}]
    return REJECTS.frame(rows)


def _commit(out: Path, detail: str = "x") -> None:
    with OutputFolder(out) as folder:
        folder.write_table(REJECTS, _frame(detail))
        folder.write_json("run.json", {"detail": detail})
        folder.commit({"detail": detail})


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    """Uninterrupted child runs of versions 1 and 2, to compare killed runs against."""
    refs = {}
    for version in ("1", "2"):
        out = tmp_path_factory.mktemp(f"ref{version}") / "out"
        _run(out, version)
        refs[version] = _snapshot(out)
    return refs


def test_committed_folder_verifies_and_holds_tables_and_marker(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _commit(out)
    assert verify_outputs(out) == []
    assert sorted(_snapshot(out)) == [MARKER, "rejects.csv", "rejects.parquet", "run.json"]
    csv = (out / "rejects.csv").read_bytes()
    assert csv.startswith(",".join(REJECTS.names).encode() + b"\n") and b"\r\n" not in csv
    assert pd.read_parquet(out / "rejects.parquet").columns.tolist() == REJECTS.names
    marker = read_marker(out)
    assert marker is not None and marker["summary"] == {"detail": "x"}
    assert [f["path"] for f in marker["files"]] == ["rejects.csv", "rejects.parquet", "run.json"]
    # Nothing but the folder is left beside it: no staging, old folder or lock.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_same_frame_gives_byte_identical_files(tmp_path: Path) -> None:
    _commit(tmp_path / "a")
    first = _snapshot(tmp_path / "a")
    _commit(tmp_path / "a")
    assert _snapshot(tmp_path / "a") == first
    _commit(tmp_path / "b")
    assert _snapshot(tmp_path / "b") == first


def test_uncommitted_run_leaves_previous_outputs_untouched(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _commit(out, "old")
    before = _snapshot(out)
    with pytest.raises(RuntimeError, match="boom"), OutputFolder(out) as folder:
        folder.write_table(REJECTS, _frame("new"))
        raise RuntimeError("boom")
    assert _snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_verify_reports_changed_missing_and_extra_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _commit(out)
    (out / "rejects.csv").write_text("tampered\n")
    (out / "run.json").unlink()
    (out / "stray.txt").write_text("x")
    assert sorted(verify_outputs(out)) == [
        "changed file: rejects.csv", "missing file: run.json", "unexpected file: stray.txt"]
    (out / MARKER).unlink()
    assert len(verify_outputs(out)) == 1 and MARKER in verify_outputs(out)[0]


# Where the child is killed, and what DIR must hold afterwards: the previous complete set
# ("1"), nothing (between the two renames), or the new complete set ("2").
KILL_POINTS = [("writes", "1"), ("commit", "1"), ("marker", "1"), ("swap", None),
               ("cleanup", "2")]


@posix_only
@pytest.mark.parametrize(("stage", "expected"), KILL_POINTS)
def test_sigkill_leaves_complete_outputs_or_none_and_rerun_completes(
    tmp_path: Path, reference: dict[str, dict[str, bytes]], stage: str, expected: str | None
) -> None:
    out = tmp_path / "out"
    _run(out, "1")
    assert _snapshot(out) == reference["1"]

    proc = _spawn(out, "2", stage)
    wait_paused(proc, stage)
    kill(proc)
    if expected is None:
        assert not out.exists()
    else:
        assert verify_outputs(out) == []
        assert _snapshot(out) == reference[expected]

    _run(out, "3")  # takes over the dead run's lock and recovers its leftovers
    assert verify_outputs(out) == []
    assert json.loads((out / "run.json").read_text()) == {"version": "3"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


@posix_only
def test_killed_between_renames_next_run_restores_previous_outputs(
    tmp_path: Path, reference: dict[str, dict[str, bytes]]
) -> None:
    out = tmp_path / "out"
    _run(out, "1")
    proc = _spawn(out, "2", "swap")
    wait_paused(proc, "swap")
    kill(proc)
    with OutputFolder(out):  # entering recovers; leaving without commit writes nothing
        pass
    assert _snapshot(out) == reference["1"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


@posix_only
def test_second_run_while_first_holds_lock_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = _spawn(out, "1", "held")
    try:
        wait_paused(proc, "held")
        with pytest.raises(RunLockedError) as info, OutputFolder(out):
            pass
        message = str(info.value)
        assert "\n" not in message
        assert f"pid {proc.pid}" in message and str(out) in message
        # The refused run must not have touched the holder's staging folder.
        assert any(".staging-" in p.name for p in tmp_path.iterdir())
    finally:
        kill(proc)


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


@posix_only
def test_lock_of_dead_process_is_taken_over(tmp_path: Path) -> None:
    out = tmp_path / "out"
    lock = tmp_path / ".out.lock"
    owner = {"pid": _dead_pid(), "host": os.uname().nodename, "started": "2020-01-01T00:00:00Z"}
    lock.write_text(json.dumps(owner))
    _commit(out)
    assert verify_outputs(out) == []
    assert not lock.exists()


def test_unparsable_old_lock_is_taken_over(tmp_path: Path) -> None:
    lock = tmp_path / ".out.lock"
    lock.write_text("{not json")
    os.utime(lock, (time.time() - 3600, time.time() - 3600))
    _commit(tmp_path / "out")
    assert verify_outputs(tmp_path / "out") == []


def test_nested_run_in_same_process_is_refused(tmp_path: Path) -> None:
    with OutputFolder(tmp_path / "out"), pytest.raises(RunLockedError):
        OutputFolder(tmp_path / "out").__enter__()


@pytest.mark.parametrize(
    "relpath",
    ["../x", "/etc/passwd", "a/../../x", "a/..", "", "./x", "a//b", "a\\..\\x", "C:/x", MARKER],
)
def test_paths_escaping_or_reserved_are_refused(tmp_path: Path, relpath: str) -> None:
    with OutputFolder(tmp_path / "out") as folder, pytest.raises(ValueError):
        folder.path(relpath)
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_nested_relative_path_lands_inside_staging(tmp_path: Path) -> None:
    with OutputFolder(tmp_path / "out") as folder:
        path = folder.path("figures/a/b.png")
        assert path.parent.is_dir() and path.is_relative_to(folder.staging)


def test_non_empty_foreign_folder_is_refused_and_kept(tmp_path: Path) -> None:
    out = tmp_path / "thesis"
    out.mkdir()
    (out / "chapter1.docx").write_bytes(b"precious")
    with pytest.raises(OutputDirError, match="not written by govtext"), OutputFolder(out):
        pass
    assert _snapshot(out) == {"chapter1.docx": b"precious"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["thesis"]


def test_existing_file_as_output_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("a file")
    with pytest.raises(OutputDirError, match="not a folder"), OutputFolder(tmp_path / "out"):
        pass


def test_empty_existing_folder_is_used(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    _commit(tmp_path / "out")
    assert verify_outputs(tmp_path / "out") == []


def test_table_with_wrong_columns_is_refused(tmp_path: Path) -> None:
    with OutputFolder(tmp_path / "out") as folder, pytest.raises(ValueError, match="columns"):
        folder.write_table(REJECTS, pd.DataFrame({"source_path": ["a"]}))
