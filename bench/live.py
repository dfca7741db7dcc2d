"""Live updates: Sheets reads per idle hour, edit-to-screen lag, and the first overview after a start.

- Reads per idle hour (no edit for an hour, a screen open): this source's change detection (Drive's
  file version every 3 s, values only when it moved, a safety read every 10 min) beside today's TTL
  reads (60 s), plain gspread (a page that reads on its own 60 s timer) and st-gsheets-connection
  (its cache at 60 s, and at one hour). The dashboard's poller and the gspread readers run against
  the local Sheets-API stand-in with a fake clock (an hour of turns in a second); the connection's
  requests per refresh come from `api_economy` (its own venv).
- Edit-to-screen lag: `serve.py` on the local sheet, the overview open in headless Chromium; a cell
  is edited on the server and the time until the overview shows the new figure is taken, 20 times.
- First overview after a start: `streamlit run app.py` (cold) against `serve.py` (warm start), the
  overview opened as soon as the server answers its health check.

`bench/run.py` writes these tables into BENCHMARKS.md; run alone, this prints them:

    .venv/bin/python bench/live.py [--edits 20] [--starts 3] [--quick]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests" / "browser"))
os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")

import api_economy  # noqa: E402
from harness import (CHROMIUM, CHROMIUM_ARGS, VIEWPORT, _health_says_ok, find_free_port,  # noqa: E402
                     run_dashboard)

from lib import DEMO_WORKBOOK  # noqa: E402
from lib.cleaning import clean_workbook  # noqa: E402
from lib.geography import load_geography  # noqa: E402
from lib.live import PROBE_SECONDS, LiveSource  # noqa: E402
from lib.sources.google_sheet import GoogleSheet, clear_metadata_cache  # noqa: E402

HOUR = 3600.0
TTL = 60.0
CHILDREN_CELL = ("Nha Trang", 2, 15)  # O2: children entered at Nha Trang's first point
CHILDREN_LABEL = "Trẻ đã nhập"
LAG_TIMEOUT_S = 120.0
_METRIC_JS = """(label) => { const m = [...document.querySelectorAll('[data-testid="stMetric"]')]
    .find(m => m.innerText.includes(label)); return m ? m.querySelector('[data-testid="stMetricValue"]').innerText : null; }"""
_DRAWN_JS = """() => { const app = document.querySelector('[data-testid="stApp"]');
    return !!app && app.dataset.testScriptState === 'notRunning'
      && document.querySelectorAll('[data-testid="stMetric"]').length >= 4; }"""


def _reads(counts: Counter) -> int:
    return sum(counts[kind] for kind in api_economy.API_KINDS)


# ---------------------------------------------------------------- reads per idle hour

def idle_hour(stand, follow_version: bool) -> Counter:
    """Requests of one idle hour of the dashboard's poller (fake clock), after its first read."""
    now = [1_000_000.0]
    clock = lambda: now[0]  # noqa: E731
    clear_metadata_cache()
    geography = load_geography()
    sheet = GoogleSheet(api_economy.SHEET_ID, stand.info, api_base=stand.server.base_url, clock=clock)
    live = LiveSource(lambda fresh=False: sheet.read(fresh_tabs=fresh), lambda raw: clean_workbook(raw, geography),
                      ttl=TTL, clock=clock, version=sheet.version if follow_version else None)
    live.tick()  # the token, the tab list and the first read: outside the count
    stand.google.reset_counts()
    for _ in range(round(HOUR / PROBE_SECONDS)):
        now[0] += PROBE_SECONDS
        live.tick()
    return Counter(stand.google.counts)


def gspread_hour(stand) -> Counter:
    """A page reading the sheet with plain gspread on its own 60 s timer: an hour of refreshes."""
    refresh = api_economy._gspread_obvious(stand)
    refresh()  # the token: outside the count
    stand.google.reset_counts()
    for _ in range(round(HOUR / TTL)):
        refresh()
    return Counter(stand.google.counts)


def reads_table(quick: bool) -> tuple[str, dict]:
    stand = api_economy.open_stand(api_economy.tabs_from_workbook(DEMO_WORKBOOK))
    try:
        ours, today, plain = idle_hour(stand, True), idle_hour(stand, False), gspread_hour(stand)
        python, why = (None, "skipped in quick mode") if quick else api_economy.gsheets_python(install=False)
        connection = api_economy.measure_gsheets_refreshes(stand, python, 2).warm if python else None
    finally:
        stand.server.stop()
    per_refresh = _reads(connection) if connection else None
    rows = [("this source, change detection (Drive version every 3 s; values when it moved, and every 10 min)",
             ours, "3 s + a page's check (≤ 3 s)"),
            ("this source, today's TTL reads (60 s; also its fallback when Drive refuses)", today,
             "up to 60 s + the page's timer"),
            ("plain gspread, a page reading on its own 60 s timer (per open screen)", plain, "up to 60 s")]
    lines = ["No edit for an hour, one screen open; the demo sheet (10 tabs). Sheets reads count against the "
             f"read quota ({api_economy.QUOTA_PER_USER_PER_MINUTE}/min per user); Drive `files.get` has its own, "
             "much larger quota.", "",
             "| reader | Sheets reads per idle hour | of which | Drive `files.get` per hour | an edit reaches the server after |",
             "|---|---:|---|---:|---|"]
    for name, counts, delay in rows:
        lines.append(f"| {name} | {_reads(counts)} | {api_economy.breakdown(counts)} | {counts['drive']} | {delay} |")
    if per_refresh is None:
        lines.append(f"| st-gsheets-connection | not measured: {why} | | | |")
    else:
        lines.append(f"| st-gsheets-connection, cache at 60 s (`ttl=60`) | {per_refresh * HOUR / TTL:g} | "
                     f"{per_refresh:g} per refresh × 60 | 0 | up to 60 s |")
        lines.append(f"| st-gsheets-connection, its cache at an hour | {per_refresh:g} | one refresh | 0 | up to an hour |")
    return "\n".join(lines), {"ours": _reads(ours), "today": _reads(today), "drive": ours["drive"]}


# ---------------------------------------------------------------- edit-to-screen lag

@contextlib.contextmanager
def local_sheet():
    """The local Sheets stand-in holding the demo, and the environment that points the dashboard at it."""
    stand = api_economy.open_stand(api_economy.tabs_from_workbook(DEMO_WORKBOOK))
    with tempfile.TemporaryDirectory(prefix="bench-live-") as folder:
        key_file = Path(folder) / "key.json"
        key_file.write_text(json.dumps(stand.info), encoding="utf-8")
        environment = {"DASHBOARD_SOURCE": api_economy.SHEET_ID, "GOOGLE_APPLICATION_CREDENTIALS": str(key_file),
                       "DASHBOARD_SHEETS_API": stand.server.base_url, "DASHBOARD_TTL_SECONDS": None,
                       "DASHBOARD_SNAPSHOT_DIR": str(Path(folder) / "snapshots"), "NO_PROXY": "127.0.0.1,localhost"}
        try:
            yield stand, environment
        finally:
            stand.server.stop()


@contextlib.contextmanager
def chromium_page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser.new_page(viewport=VIEWPORT)
        finally:
            browser.close()


def edit_lags(edits: int, logs: Path) -> list[float]:
    """Seconds from a cell edited on the server to the overview showing the new figure, `edits` times."""
    lags = []
    with local_sheet() as (stand, environment), run_dashboard(environment, log_dir=logs) as server, \
            chromium_page() as page:
        page.goto(server.base_url)
        page.wait_for_function(_DRAWN_JS, timeout=LAG_TIMEOUT_S * 1000)
        sheet, row, column = CHILDREN_CELL
        value = stand.google.tab(api_economy.SHEET_ID, sheet).rows[row - 1][column - 1]
        for edit in range(edits):
            shown = page.evaluate(_METRIC_JS, CHILDREN_LABEL)
            value += 1
            started = time.monotonic()
            stand.google.set_cell(api_economy.SHEET_ID, sheet, row, column, value)
            page.wait_for_function(f"(label) => ({_METRIC_JS})(label) !== {json.dumps(shown)}", arg=CHILDREN_LABEL,
                                   timeout=LAG_TIMEOUT_S * 1000, polling=50)
            lags.append(time.monotonic() - started)
            page.wait_for_timeout(500 + 150 * (edit % 7))  # edits land at every point of the poller's cycle
    return lags


# ---------------------------------------------------------------- the first overview after a start

def _published(pid: int) -> bool:
    """The server `pid` has published a first copy's generation (its warm start read and cleaned)."""
    for path in (ROOT / "static" / "live").glob(f"{pid}-*.json"):
        try:
            if json.loads(path.read_text(encoding="utf-8"))["generation"] >= 1:
                return True
        except (OSError, ValueError, KeyError):
            pass
    return False


def first_overview(warm: bool, settle: bool, logs: Path) -> tuple[float, float]:
    """Seconds to draw the overview on the demo workbook: the first visit after a start, then a
    later one (a new browser page). The first visit comes at the server's first healthy answer, or,
    with `settle`, once a warm start has published its first copy (the cold server waits as long)."""
    port = find_free_port()
    base_url = f"http://127.0.0.1:{port}/"
    command = [sys.executable, *(["serve.py"] if warm else ["-m", "streamlit", "run", "app.py"]),
               "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
               "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"]
    env = {**os.environ, "DASHBOARD_SOURCE": str(DEMO_WORKBOOK), "PYTHONUNBUFFERED": "1"}
    logs.mkdir(parents=True, exist_ok=True)
    with open(logs / f"bench-live-{port}.log", "wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        started = time.monotonic()
        while not _health_says_ok(base_url):
            if time.monotonic() - started > 120 or process.poll() is not None:
                raise RuntimeError(f"the server did not start; see {logs}")
            time.sleep(0.05)
        if settle:
            while not _published(process.pid) and time.monotonic() - started < 60:
                time.sleep(0.05)
            time.sleep(1.0)
        timings = []
        with chromium_page() as page:
            for visit in range(2):
                if visit:
                    page = page.context.browser.new_page(viewport=VIEWPORT)  # a new session
                begun = time.monotonic()
                page.goto(base_url)
                page.wait_for_function(_DRAWN_JS, timeout=120_000, polling=50)
                timings.append(time.monotonic() - begun)
        return timings[0], timings[1]
    finally:
        process.terminate()
        process.wait(timeout=20)


def starts_table(starts: int, logs: Path) -> tuple[str, dict]:
    runs = {(warm, settle): [first_overview(warm, settle, logs) for _ in range(starts)]
            for warm in (False, True) for settle in (False, True)}
    lines = [f"The demo workbook, medians of {starts} starts: the overview drawn in Chromium (to its metrics, "
             "the script finished), at the first visit after a start and at a later visit. The first visit comes "
             "either at the server's first healthy answer (a warm start's read is then still in flight) or once "
             "the warm start has published its first copy (the cold server is given the same wait).", "",
             "| start | first visit, at the health check | first visit, server settled | a later visit |",
             "|---|---:|---:|---:|"]
    medians = {}
    for warm, name in ((False, "`streamlit run app.py`: the first viewer reads and cleans"),
                       (True, "`serve.py` (`./run.sh`): read and cleaned while the server starts")):
        at_health = statistics.median(first for first, _later in runs[warm, False])
        settled = statistics.median(first for first, _later in runs[warm, True])
        later = statistics.median(later for _first, later in runs[warm, True])
        medians["warm" if warm else "cold"] = {"at_health": at_health, "settled": settled, "later": later}
        lines.append(f"| {name} | {at_health:.2f} s | {settled:.2f} s | {later:.2f} s |")
    return "\n".join(lines), medians


def lag_table(lags: list[float]) -> str:
    ordered = sorted(lags)
    return "\n".join([
        f"{len(lags)} edits of one cell (children entered at a Nha Trang point) on the local Sheets stand-in, "
        "the overview open in Chromium; from the edit to the new figure on screen, with no reload.", "",
        "| source | median | worst | every edit |", "|---|---:|---:|---|",
        f"| this source, change detection | {statistics.median(lags):.1f} s | {max(lags):.1f} s | "
        f"{', '.join(f'{lag:.1f}' for lag in ordered)} |",
        "| today's TTL reads (before change detection) | ≈ 60 s | ≈ 120 s | a 60 s TTL read, then the "
        "sidebar's own 60 s timer: not re-measured (20 edits would take 40 minutes) |"])


def section(edits: int, starts: int, quick: bool, logs: Path) -> tuple[str, dict]:
    reads_text, reads = reads_table(quick)
    parts = ["### Sheets reads per idle hour", "", reads_text]
    results = {"reads": reads}
    if not quick:
        lags = edit_lags(edits, logs)
        starts_text, results["starts"] = starts_table(starts, logs)
        results["lag"] = {"median": statistics.median(lags), "worst": max(lags)}
        parts += ["", "### Edit-to-screen lag", "", lag_table(lags), "", "### The first overview after a start", "",
                  starts_text]
    return "\n".join(parts), results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--starts", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="the reads only (no browser)")
    args = parser.parse_args(argv)
    text, _ = section(args.edits, args.starts, args.quick, ROOT / "test-artifacts" / "logs")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
