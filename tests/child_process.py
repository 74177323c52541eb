"""Helpers for tests that SIGKILL a govtext child at a named commit stage (outputs.py's
GOVTEXT_TEST_PAUSE_AT hook)."""

from __future__ import annotations

import select
import signal
import subprocess
import time

import pytest


def wait_paused(proc: subprocess.Popen[str], stage: str, timeout: float = 120) -> None:
    """Block until the child prints ``GOVTEXT_PAUSED <stage>`` on stderr."""
    assert proc.stderr is not None
    deadline, seen = time.monotonic() + timeout, []
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stderr], [], [], 1)
        if not ready:
            continue
        line = proc.stderr.readline()
        if not line:
            break
        seen.append(line)
        if line.strip() == f"GOVTEXT_PAUSED {stage}":
            return
    proc.kill()
    pytest.fail(f"child never paused at {stage!r}: {''.join(seen)[-2000:]}")


def kill(proc: subprocess.Popen[str]) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)
