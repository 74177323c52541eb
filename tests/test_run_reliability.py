"""Whole runs under stress: SIGKILL at every commit stage and at a random early moment,
two runs on one output folder, user errors, and an output folder inside the input folder.

A killed ``govtext parse`` must leave OUT as the previous complete set, the new complete
set, or (killed between the two renames) absent, and the next run must succeed.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import govtext
from child_process import kill, wait_paused
from govtext.cli import main
from govtext.outputs import MARKER, verify_outputs
from govtext.pipeline import run_parse

posix_only = pytest.mark.skipif(os.name != "posix", reason="needs SIGKILL")

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
SRC = Path(govtext.__file__).resolve().parents[1]
#: Run-dependent files (timings); every other output file is byte-identical across runs.
RUN_DEPENDENT = {"run.json", MARKER}


def _make_inputs(folder: Path, *, extra: bool) -> Path:
    """data/raw plus generated files; ``extra`` adds one more document (a changed corpus)."""
    shutil.copytree(RAW, folder)
    for p in folder.iterdir():
        p.chmod(0o644)
    (folder / "copy of 000.txt").write_bytes(next(RAW.glob("000_*.txt")).read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "page.html").write_text("<html><head><script>x()</script></head>"
                                      "<body><p>Digital divide</p></body></html>")
    (folder / "records.jsonl").write_text('{"text": "first"}\n{bad\n{"text": "third"}\n')
    sub = folder / "notes"
    sub.mkdir()
    for i in range(50):
        (sub / f"n{i:02d}.txt").write_text(f"note {i} on data governance in 2023")
    if extra:
        (folder / "added later.txt").write_text("A document added after the first run.")
    return folder


def _cli(*args: str, pause: str = "") -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC), "GOVTEXT_TEST_PAUSE_AT": pause}
    return subprocess.Popen([sys.executable, "-m", "govtext.cli", *args], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _cli_run(*args: str) -> subprocess.CompletedProcess[str]:
    proc = _cli(*args)
    out, err = proc.communicate(timeout=300)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def _tables(out: Path) -> dict[str, bytes]:
    """Every output file except the run-dependent ones, by name."""
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())
            if p.is_file() and p.name not in RUN_DEPENDENT}


@pytest.fixture
def procs() -> Iterator[list[subprocess.Popen[str]]]:
    """Child runs started by a test; any still alive (paused) are killed at teardown."""
    started: list[subprocess.Popen[str]] = []
    yield started
    for proc in started:
        if proc.poll() is None:
            proc.kill()
            proc.communicate(timeout=30)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Inputs before and after a change, and a complete CLI output of each."""
    base = tmp_path_factory.mktemp("reliability")
    paths = {"old_in": _make_inputs(base / "old_in", extra=False),
             "new_in": _make_inputs(base / "new_in", extra=True)}
    for version in ("old", "new"):
        out = base / f"{version}_out" / "out"
        res = _cli_run("parse", str(paths[f"{version}_in"]), "--out", str(out))
        assert res.returncode == 0, res.stderr
        assert verify_outputs(out) == []
        paths[f"{version}_out"] = out
    assert _tables(paths["old_out"]) != _tables(paths["new_out"])
    return paths


def _previous_outputs(corpus: dict[str, Path], tmp_path: Path) -> Path:
    """A fresh copy of the old complete output folder, as a previous run left it."""
    out = tmp_path / "out"
    shutil.copytree(corpus["old_out"], out)
    assert verify_outputs(out) == []
    return out


def _assert_rerun_completes(corpus: dict[str, Path], out: Path) -> None:
    res = _cli_run("parse", str(corpus["new_in"]), "--out", str(out))
    assert res.returncode == 0, res.stderr
    assert verify_outputs(out) == []
    assert _tables(out) == _tables(corpus["new_out"])
    assert sorted(p.name for p in out.parent.iterdir()) == ["out"], "leftovers beside OUT"


# Stage of commit() the run is killed at, and what OUT must hold afterwards: the previous
# complete set, nothing (between the two renames), or the new complete set.
KILL_STAGES = [("commit", "old"), ("marker", "old"), ("swap", None), ("cleanup", "new")]


@posix_only
@pytest.mark.parametrize(("stage", "expected"), KILL_STAGES)
def test_sigkill_at_commit_stage_leaves_complete_outputs_or_none(
    corpus: dict[str, Path], tmp_path: Path, procs: list[subprocess.Popen[str]],
    stage: str, expected: str | None,
) -> None:
    out = _previous_outputs(corpus, tmp_path)
    proc = _cli("parse", str(corpus["new_in"]), "--out", str(out), pause=stage)
    procs.append(proc)
    wait_paused(proc, stage)
    kill(proc)
    if expected is None:
        assert not out.exists()
    else:
        assert verify_outputs(out) == []
        assert _tables(out) == _tables(corpus[f"{expected}_out"])
    _assert_rerun_completes(corpus, out)


@posix_only
def test_sigkill_at_a_random_early_moment_leaves_complete_outputs(
    corpus: dict[str, Path], tmp_path: Path, procs: list[subprocess.Popen[str]],
) -> None:
    out = _previous_outputs(corpus, tmp_path)
    lock = tmp_path / ".out.lock"
    # Unseeded on purpose: any moment must be safe, so each CI run probes another one.
    delay = random.uniform(0.0, 0.4)
    proc = _cli("parse", str(corpus["new_in"]), "--out", str(out))
    procs.append(proc)
    deadline = time.monotonic() + 120
    while not lock.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)  # the run has its lock: it is parsing or writing staging
    time.sleep(delay)
    kill(proc)
    when = f"killed {delay:.3f}s after the lock appeared"
    if not out.exists():  # between the two renames: the previous set waits beside OUT
        (old,) = tmp_path.glob(".out.old-*")
        assert verify_outputs(old) == [], when
    else:
        assert verify_outputs(out) == [], when
        assert _tables(out) in (_tables(corpus["old_out"]), _tables(corpus["new_out"])), when
    _assert_rerun_completes(corpus, out)


@posix_only
def test_second_run_on_a_busy_output_folder_is_refused_in_one_line(
    corpus: dict[str, Path], tmp_path: Path, procs: list[subprocess.Popen[str]],
) -> None:
    out = _previous_outputs(corpus, tmp_path)
    first = _cli("parse", str(corpus["new_in"]), "--out", str(out), pause="commit")
    procs.append(first)
    wait_paused(first, "commit")
    second = _cli_run("parse", str(corpus["new_in"]), "--out", str(out))
    assert second.returncode == 3
    assert second.stderr.count("\n") == 1 and second.stderr.startswith("govtext: error:")
    assert "in use by another govtext run" in second.stderr and f"pid {first.pid}" in second.stderr
    assert "Traceback" not in second.stderr and second.stdout == ""
    assert _tables(out) == _tables(corpus["old_out"])  # the refused run touched nothing


# ---- user errors ------------------------------------------------------------------------


def _config(tmp_path: Path, name: str, data: bytes | None) -> Path:
    path = tmp_path / name
    if data is None:
        path.mkdir()  # a folder where a file is expected: unreadable as a config
    else:
        path.write_bytes(data)
    return path


CONFIG_ERRORS = [
    ("missing.toml", "missing", "config file not found"),
    ("folder.toml", None, "cannot read config file"),
    ("latin1.toml", b"[govtext]\nseed = 1 # caf\xe9\n", "cannot read config file"),
    ("syntax.toml", b"[govtext\nseed = ", "cannot read config file"),
    ("unknown.toml", b"[govtext]\nspeed = 3\n", "unknown setting(s) speed"),
    ("type.toml", b'[govtext]\nmax_file_bytes = "big"\n', "setting max_file_bytes must be int"),
    ("list.toml", b'[govtext]\nsuffixes = ".txt"\n', "suffixes must be a list of strings"),
    ("bool.toml", b"[govtext]\nparquet = 1\n", "setting parquet must be bool"),
    ("table.toml", b"govtext = 5\n", "must be a table of settings"),
]


@pytest.mark.parametrize(("name", "data", "message"), CONFIG_ERRORS,
                         ids=[c[0] for c in CONFIG_ERRORS])
def test_bad_config_is_a_one_line_error_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes | str | None,
    message: str,
) -> None:
    config = tmp_path / name if data == "missing" else _config(tmp_path, name, data)
    with pytest.raises(SystemExit) as info:
        main(["parse", str(RAW), "--out", str(tmp_path / "out"), "--config", str(config)])
    err = capsys.readouterr().err
    assert info.value.code == 2
    assert err.count("\n") == 1 and err.startswith("govtext: error:") and message in err
    assert not (tmp_path / "out").exists() and not (tmp_path / ".out.lock").exists()


def test_unreadable_config_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _config(tmp_path, "secret.toml", b"[govtext]\nseed = 1\n")
    config.chmod(0)
    try:
        if os.access(config, os.R_OK):
            pytest.skip("running as root: a mode-000 file is readable")
        with pytest.raises(SystemExit) as info:
            main(["parse", str(RAW), "--out", str(tmp_path / "out"), "--config", str(config)])
    finally:
        config.chmod(0o600)
    err = capsys.readouterr().err
    assert info.value.code == 2 and err.count("\n") == 1 and str(config) in err
    assert "not readable" in err or "cannot read config file" in err


@pytest.mark.parametrize("args", [
    ["parse", "{tmp}/no such folder", "--out", "{tmp}/out"],
    ["parse", str(RAW), "--out", "{tmp}/out", "--bogus"],
    ["parse", str(RAW), "--out", "{tmp}/out", "--quiet=maybe"],
    ["parse", str(RAW), "--out", "{tmp}/raw.txt"],
    ["frobnicate"],
], ids=["bad-path", "bad-option", "bad-flag-value", "out-is-a-file", "bad-command"])
def test_user_error_is_one_line_and_nonzero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    (tmp_path / "raw.txt").write_text("a file, not a folder")
    with pytest.raises(SystemExit) as info:
        main([a.format(tmp=tmp_path) for a in args])
    err = capsys.readouterr().err
    assert info.value.code not in (0, None)
    assert err.count("\n") == 1 and err.startswith("govtext: error:"), err
    assert not (tmp_path / "out").exists()


def test_config_error_in_a_real_process_prints_one_line_without_traceback(
    tmp_path: Path,
) -> None:
    config = _config(tmp_path, "type.toml", b'[govtext]\nmax_file_bytes = "big"\n')
    res = _cli_run("parse", str(RAW), "--out", str(tmp_path / "out"), "--config", str(config))
    assert res.returncode == 2
    assert res.stderr.count("\n") == 1 and "Traceback" not in res.stderr
    assert res.stderr.startswith("govtext: error: setting max_file_bytes must be int")


def test_debug_flag_shows_the_traceback_of_a_config_error(tmp_path: Path) -> None:
    config = _config(tmp_path, "syntax.toml", b"[govtext\n")
    res = _cli_run("parse", str(RAW), "--out", str(tmp_path / "out"), "--config", str(config),
                   "--debug")
    assert res.returncode != 0
    assert "Traceback" in res.stderr and "ConfigError" in res.stderr


# ---- output folder inside the input folder ----------------------------------------------


def test_output_folder_inside_the_input_folder_is_not_read_back(tmp_path: Path) -> None:
    inputs = _make_inputs(tmp_path / "corpus", extra=False)
    first = run_parse([inputs], inputs / "out", progress=False)
    tables = _tables(inputs / "out")
    second = run_parse([inputs], inputs / "out", progress=False)
    assert second.counts == first.counts
    assert _tables(inputs / "out") == tables
    sources = json.dumps([o.rel for o in second.corpus.outcomes])
    assert "out/" not in sources and ".out." not in sources
