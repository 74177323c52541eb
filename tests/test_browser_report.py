"""report.html in a real browser: headless Chromium loads every image and fetches nothing.

A probe script is added to a copy of the report and allowed by hash in its
Content-Security-Policy (which otherwise forbids all scripts); after the page's load event
it writes what it saw into the DOM, which ``--dump-dom`` prints. Skips when no Chromium is
installed, unless GOVTEXT_REQUIRE_BROWSER=1 (set by .ci/run) makes that a failure.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from govtext.report.figures import render_figures
from govtext.report.html import render_report
from govtext.trends import compute_trends
from sample_tables import run_info, sample_tables

PROBE = """
const seen = {violations: []};
document.addEventListener('securitypolicyviolation',
  e => seen.violations.push(e.violatedDirective + ' ' + e.blockedURI));
window.addEventListener('load', () => {
  const imgs = [...document.images];
  seen.images = imgs.length;
  seen.broken = imgs.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.alt);
  seen.widths = imgs.map(i => i.naturalWidth);
  seen.fetched = performance.getEntriesByType('resource').map(e => e.name);
  seen.sections = [...document.querySelectorAll('section[id]')].map(s => s.id);
  document.body.setAttribute('data-probe', JSON.stringify(seen));
});
"""


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        if path := shutil.which(name):
            return path
    if os.environ.get("GOVTEXT_REQUIRE_BROWSER") == "1":
        pytest.fail("Chromium is required (GOVTEXT_REQUIRE_BROWSER=1) but not installed")
    pytest.skip("headless browser test needs Chromium (Debian package `chromium`)")


def _with_probe(page: str) -> str:
    digest = base64.b64encode(hashlib.sha256(PROBE.encode()).digest()).decode()
    assert "script-src 'none'" in page
    page = page.replace("script-src 'none'", f"script-src 'sha256-{digest}'", 1)
    return page.replace("</title>", f"</title>\n<script>{PROBE}</script>", 1)


def test_report_renders_in_headless_chromium_with_every_image(tmp_path: Path) -> None:
    browser = _chromium()
    tables = sample_tables()
    trends = compute_trends(tables)
    figures = render_figures(tables, trends, tmp_path)
    n_png = sum(p.suffix == ".png" for p in figures)
    page = tmp_path / "report.html"
    page.write_text(_with_probe(render_report(tables, trends, figures, run_info())),
                    encoding="utf-8")
    cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
           "--no-first-run", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}",
           "--virtual-time-budget=10000", "--dump-dom", page.as_uri()]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    found = re.search(r'data-probe="([^"]*)"', done.stdout)
    assert found, f"no probe result; rc={done.returncode}, stderr tail: {done.stderr[-1500:]}"
    seen = json.loads(html.unescape(found.group(1)))
    assert seen["images"] == n_png > 0
    assert seen["broken"] == [], f"images that did not load: {seen['broken']}"
    assert min(seen["widths"]) >= 1000
    assert seen["fetched"] == [], f"the report fetched: {seen['fetched']}"
    assert seen["violations"] == [], f"blocked by the page's policy: {seen['violations']}"
    assert {"summary", "charts", "tables", "evidence", "methods"} <= set(seen["sections"])
