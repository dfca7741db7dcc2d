"""Sheets API requests and time per refresh: this dashboard's Google Sheet source beside the obvious
gspread reading (`open_by_key`, then `get_all_records()` per worksheet) and beside Streamlit's own
`st-gsheets-connection` (`conn.read(worksheet=…)` per tab), on the same local server.

The local Sheets-API stand-in of the tests (tests/sources/sheets_server.py) holds the sheet; every
reader runs its real gspread + google-auth stack against it (the connection in its own venv, since
it pins gspread < 6: `bench/gsheets_reader.py`). No Internet. `bench/run.py` writes the tables
into BENCHMARKS.md; run alone, this prints them for the demo workbook:

    .venv/bin/python bench/api_economy.py [--refreshes 20] [--latency-ms 100]
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")

import gspread  # noqa: E402

from lib import DEMO_WORKBOOK  # noqa: E402
from lib.cleaning import clean_workbook  # noqa: E402
from lib.geography import load_geography  # noqa: E402
from lib.live import LiveSource  # noqa: E402
from lib.sources.google_sheet import GoogleSheet, SheetsHTTPClient, clear_metadata_cache  # noqa: E402
from tests.sources.sheets_server import (  # noqa: E402
    SheetsServer,
    new_private_key,
    service_account_info,
    tabs_from_workbook,
)

SHEET_ID = "1BenchKhanhHoa2017RolloutSheet0123456789ab"
SHEET_URL = f"https://docs.google.com/spreadsheets/d/{SHEET_ID}/edit"
EMAIL = "bench-reader@bench-project.iam.gserviceaccount.com"
# Google's default Sheets API read quota (per minute): 300 per project, 60 per user (service account).
QUOTA_PER_USER_PER_MINUTE = 60
GSHEETS_VENV = ROOT / "bench" / ".venv-gsheets"
GSHEETS_PACKAGE = "st-gsheets-connection"
READERS = {
    "this": "this source: one `values:batchGet` (tab list cached 10 min; at country scale its POST form, "
            "`values:batchGetByDataFilter`)",
    "gspread": "gspread: `open_by_key` + `get_all_records()` per worksheet",
    "gsheets": "st-gsheets-connection: `conn.read(worksheet=…)` per tab",
}
API_KINDS = ("batchGet", "values", "metadata")  # what counts against the read quota (tokens do not)


@dataclass
class Stand:
    """The local server holding one sheet, and a service account that may read it."""

    server: SheetsServer
    info: dict
    tabs: dict[str, list[list]]

    @property
    def google(self):
        return self.server.google


@dataclass
class Refreshes:
    cold: Counter
    cold_seconds: float
    warm: Counter
    warm_seconds: float
    result: object = None


@dataclass
class Viewers:
    """N viewers over K TTL windows: Sheets requests per window and how long a viewer waited."""

    reader: str
    viewers: int
    windows: int
    requests: Counter = field(default_factory=Counter)
    median_wait: float = float("nan")
    max_wait: float = float("nan")
    skipped: str | None = None  # why it was not measured

    @property
    def per_window(self) -> float:
        return sum(self.requests[kind] for kind in API_KINDS) / self.windows


def open_stand(tabs: dict[str, list[list]]) -> Stand:
    key = new_private_key()
    server = SheetsServer().start()
    server.google.keep_answers = True  # the stand-in's encoding is Google's time, not the dashboard's
    server.google.register_account(EMAIL, key.public_key())
    server.google.add_spreadsheet(SHEET_ID, "Bench", tabs, shared_with={EMAIL})
    return Stand(server, service_account_info(key, server.token_uri, EMAIL), tabs)


def _this_source(stand: Stand):
    sheet = GoogleSheet(SHEET_ID, stand.info, api_base=stand.server.base_url)
    return lambda: sheet.read()


def _gspread_obvious(stand: Stand):
    client = gspread.service_account_from_dict(
        stand.info, http_client=functools.partial(SheetsHTTPClient, api_base=stand.server.base_url))

    def refresh():
        spreadsheet = client.open_by_key(SHEET_ID)
        return {worksheet.title: worksheet.get_all_records() for worksheet in spreadsheet.worksheets()}

    return refresh


def measure_refreshes(stand: Stand, reader: str, refreshes: int) -> Refreshes:
    """Requests and seconds of the first (cold) refresh and of the following (warm) ones."""
    google = stand.google
    clear_metadata_cache()
    google.reset_counts()
    refresh = _this_source(stand) if reader == "this" else _gspread_obvious(stand)
    started = time.perf_counter()
    result = refresh()
    cold_seconds = time.perf_counter() - started
    cold = Counter(google.counts)
    google.reset_counts()
    timings = []
    for _ in range(refreshes):
        started = time.perf_counter()
        refresh()
        timings.append(time.perf_counter() - started)
    warm = Counter({kind: count / refreshes for kind, count in google.counts.items()})
    return Refreshes(cold, cold_seconds, warm, statistics.median(timings), result)


# ---------------------------------------------------------------- st-gsheets-connection, in its venv

def gsheets_python(install: bool = True) -> tuple[Path | None, str]:
    """The interpreter of bench/.venv-gsheets (created, and the package installed, if missing)."""
    python = GSHEETS_VENV / "bin" / "python"
    probe = [str(python), "-c", "import streamlit_gsheets"]
    if python.exists() and subprocess.run(probe, capture_output=True).returncode == 0:
        return python, ""
    if not install:
        return None, "its virtual environment is not set up"
    steps = [[sys.executable, "-m", "venv", str(GSHEETS_VENV)],
             [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", GSHEETS_PACKAGE]]
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True, timeout=900)
        if done.returncode != 0:
            lines = (done.stderr or done.stdout).strip().splitlines()
            return None, f"`{' '.join(step[-2:])}` failed: {lines[-1] if lines else done.returncode}"
    if subprocess.run(probe, capture_output=True).returncode != 0:
        return None, f"{GSHEETS_PACKAGE} installed but does not import"
    return python, ""


def _toml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def _run_gsheets(stand: Stand, python: Path, args: list[str]) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        secrets = Path(folder) / ".streamlit" / "secrets.toml"
        secrets.parent.mkdir()
        fields = {**stand.info, "spreadsheet": SHEET_URL}
        secrets.write_text("[connections.gsheets]\n" + "".join(
            f"{name} = {_toml_string(str(value))}\n" for name, value in fields.items()), encoding="utf-8")
        env = {**os.environ, "NO_PROXY": "*", "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
        done = subprocess.run([str(python), str(ROOT / "bench" / "gsheets_reader.py"), stand.server.base_url,
                               *args, *stand.tabs], cwd=folder, env=env, capture_output=True, text=True,
                              timeout=900)
    if done.returncode != 0:
        raise RuntimeError(f"gsheets_reader failed: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure_gsheets_refreshes(stand: Stand, python: Path, refreshes: int) -> Refreshes:
    google = stand.google
    google.reset_counts()
    timing = _run_gsheets(stand, python, ["refresh", str(refreshes)])
    total = Counter(google.counts)
    # Every refresh after the first asks exactly what the first asked, less the token.
    per_refresh = Counter({kind: count for kind, count in total.items() if kind != "token"})
    cold = Counter({kind: count / (refreshes + 1) for kind, count in per_refresh.items()})
    warm = Counter(cold)
    cold.update({"token": total["token"]})
    return Refreshes(cold, timing["cold_seconds"], warm, timing["warm_seconds"])


# ---------------------------------------------------------------- N viewers over K TTL windows

def measure_viewers(stand: Stand, reader: str, viewers: int, windows: int, ttl: float = 1.0,
                    python: Path | None = None) -> Viewers:
    """`viewers` threads each asking for the sheet once per TTL window, `windows` times.

    this: one `LiveSource` shared by the process (as `lib.streamlit_adapter` keeps it), its clock
    faked so that each window starts just after the TTL ran out; gspread: each viewer reads the
    sheet itself (no shared cache); gsheets: the connection's `st.cache_data(ttl)` with a real,
    short TTL, in its own venv.
    """
    google = stand.google
    result = Viewers(reader, viewers, windows)
    if reader == "gsheets":
        google.reset_counts()
        timing = _run_gsheets(stand, python, ["viewers", str(viewers), str(windows), str(ttl)])
        result.requests = Counter(google.counts)
        result.median_wait, result.max_wait = timing["median_wait"], timing["max_wait"]
        return result
    clear_metadata_cache()
    if reader == "this":
        now = [0.0]
        geography = load_geography()
        source = LiveSource(lambda fresh=False: sheet.read(fresh_tabs=fresh),
                            lambda raw: clean_workbook(raw, geography), ttl=60.0, clock=lambda: now[0])
        sheet = GoogleSheet(SHEET_ID, stand.info, api_base=stand.server.base_url)
        sheet.read()  # token and tab list, outside the count (as after the first refresh)
        ask = source.get
    else:
        readers = [_gspread_obvious(stand) for _ in range(viewers)]
        for refresh in readers:  # each viewer's token, outside the count
            refresh()
    waits: list[float] = []
    lock = threading.Lock()
    google.reset_counts()

    def viewer(index: int, barrier: threading.Barrier) -> None:
        barrier.wait()
        started = time.perf_counter()
        if reader == "this":
            ask()
        else:
            readers[index]()
        with lock:
            waits.append(time.perf_counter() - started)

    for window in range(windows):
        if reader == "this":
            now[0] = window * 60.0 + 1.0  # just after the previous copy went stale
        barrier = threading.Barrier(viewers)
        threads = [threading.Thread(target=viewer, args=(index, barrier)) for index in range(viewers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    result.requests = Counter(google.counts)
    result.median_wait, result.max_wait = statistics.median(waits), max(waits)
    return result


# ---------------------------------------------------------------- what gspread does to codes

def numericised_codes(records: dict, raw_tabs: dict) -> list[str]:
    """Text cells (codes) that get_all_records turned into numbers."""
    changed = []
    for title, rows in records.items():
        header = raw_tabs[title][0]
        for row_index, record in enumerate(rows, start=2):
            raw_row = raw_tabs[title][row_index - 1] if row_index - 1 < len(raw_tabs[title]) else []
            for column, name in enumerate(header):
                raw = raw_row[column] if column < len(raw_row) else None
                if isinstance(raw, str) and isinstance(record.get(name), (int, float)):
                    changed.append(f"{title}!{name}: “{raw}” → {record[name]!r}")
    return changed


def breakdown(counts: Counter) -> str:
    order = ("batchGet", "values", "metadata", "token")
    return ", ".join(f"{counts[kind]:g} {kind}" for kind in order if counts.get(kind))


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def refresh_table(stand: Stand, refreshes: int, latency_ms: float, python: Path | None, skipped: str) -> str:
    """The single-viewer table: requests and time per refresh, locally and over a slow round trip."""
    measured: dict[float, dict[str, Refreshes]] = {}
    for latency in (0.0, latency_ms / 1000):
        stand.google.latency = latency
        measured[latency] = {kind: measure_refreshes(stand, kind, refreshes) for kind in ("this", "gspread")}
        if python is not None:
            measured[latency]["gsheets"] = measure_gsheets_refreshes(stand, python, refreshes)
    stand.google.latency = 0.0
    raw_tabs = _this_source(stand)().tabs
    local, slow = measured[0.0], measured[latency_ms / 1000]
    rows = sum(max(len(grid) - 1, 0) for grid in stand.tabs.values())
    lines = [f"{len(stand.tabs)} tabs, {rows} data rows. {refreshes} refreshes after the first; times are medians.",
             "",
             f"| reader | Sheets requests per refresh | of which | refresh time, local | refresh time, {latency_ms:g} ms "
             f"round trip | refreshes a minute the quota allows ({QUOTA_PER_USER_PER_MINUTE} reads/min/user) |",
             "|---|---:|---|---:|---:|---:|"]
    for kind in READERS:
        if kind not in local:
            lines.append(f"| {READERS[kind]} | not measured: {skipped} | | | | |")
            continue
        warm, cold = local[kind].warm, local[kind].cold
        per_refresh = sum(warm[k] for k in API_KINDS)
        lines.append(f"| {READERS[kind]} | {per_refresh:g} | {breakdown(warm)} | {_ms(local[kind].warm_seconds)} | "
                     f"{_ms(slow[kind].warm_seconds)} | {QUOTA_PER_USER_PER_MINUTE / per_refresh:.3g} |")
        lines.append(f"| … its first refresh (token, tab list) | {sum(cold[k] for k in API_KINDS):g} | "
                     f"{breakdown(cold)} | {_ms(local[kind].cold_seconds)} | {_ms(slow[kind].cold_seconds)} | |")
    changed = numericised_codes(local["gspread"].result, raw_tabs)
    lines += ["", "Token requests are not Sheets API reads and do not count against the read quota. "
              f"Correctness: `get_all_records()` turned {len(changed)} text cells into numbers "
              f"(e.g. {'; '.join(changed[:2]) or 'none'}), so codes with leading zeros would lose them; "
              "this source reads unformatted values and serial dates."]
    return "\n".join(lines)


def viewers_table(results: list[Viewers], ttl_note: str) -> str:
    lines = ["| reader | viewers | TTL windows | Sheets requests per window (all viewers) | per viewer per window | "
             "a viewer's wait, median / max | reads a minute at a 60 s TTL |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for result in results:
        if result.skipped:
            lines.append(f"| {READERS[result.reader]} | {result.viewers} | {result.windows} | "
                         f"not measured: {result.skipped} | | | |")
            continue
        lines.append(f"| {READERS[result.reader]} | {result.viewers} | {result.windows} | {result.per_window:g} | "
                     f"{result.per_window / result.viewers:.3g} | {_ms(result.median_wait)} / {_ms(result.max_wait)} | "
                     f"{result.per_window:g} |")
    return "\n".join(lines + ["", ttl_note])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--refreshes", type=int, default=20)
    parser.add_argument("--latency-ms", type=float, default=100.0)
    args = parser.parse_args(argv)
    stand = open_stand(tabs_from_workbook(DEMO_WORKBOOK))
    try:
        python, why = gsheets_python()
        print(refresh_table(stand, args.refreshes, args.latency_ms, python, why))
    finally:
        stand.server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
