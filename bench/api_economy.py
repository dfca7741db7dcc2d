"""Sheets API requests and time per refresh: this dashboard's Google Sheet source beside the obvious
gspread reading (`open_by_key`, then `get_all_records()` per worksheet), on the same local server.

The local Sheets-API stand-in of the tests (tests/sources/sheets_server.py) holds the demo workbook
(14 tabs, 188 data rows); both readers run the real gspread + google-auth stack against it, once
with no added latency and once with a simulated network round trip per request. No Internet.

    .venv/bin/python bench/api_economy.py [--refreshes 20] [--latency-ms 100] [--out bench/API_ECONOMY.md]
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")

import gspread  # noqa: E402

from lib import DEMO_WORKBOOK  # noqa: E402
from lib.sources.google_sheet import GoogleSheet, SheetsHTTPClient, clear_metadata_cache  # noqa: E402
from tests.sources.sheets_server import (  # noqa: E402
    SheetsServer,
    new_private_key,
    service_account_info,
    tabs_from_workbook,
)

SHEET_ID = "1BenchKhanhHoa2017RolloutSheet0123456789ab"
EMAIL = "bench-reader@bench-project.iam.gserviceaccount.com"
# Google's default Sheets API read quota (per minute): 300 per project, 60 per user (service account).
QUOTA_PER_USER_PER_MINUTE = 60


def _this_source(server, info):
    sheet = GoogleSheet(SHEET_ID, info, api_base=server.base_url)
    return lambda: sheet.read()


def _gspread_obvious(server, info):
    client = gspread.service_account_from_dict(
        info, http_client=functools.partial(SheetsHTTPClient, api_base=server.base_url))

    def refresh():
        spreadsheet = client.open_by_key(SHEET_ID)
        return {worksheet.title: worksheet.get_all_records() for worksheet in spreadsheet.worksheets()}

    return refresh


def _measure(server, make, refreshes: int) -> dict:
    """Requests and seconds of the first (cold) refresh and of the following (warm) ones."""
    google = server.google
    clear_metadata_cache()
    google.reset_counts()
    refresh = make()
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
    return {"cold": cold, "cold_seconds": cold_seconds, "warm": warm, "warm_seconds": statistics.median(timings),
            "result": result}


def _numericised_codes(records: dict, raw_tabs: dict) -> list[str]:
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


def _breakdown(counts: Counter) -> str:
    order = ("batchGet", "values", "metadata", "token")
    return ", ".join(f"{counts[kind]:g} {kind}" for kind in order if counts.get(kind))


def run(refreshes: int, latency_ms: float) -> str:
    key = new_private_key()
    tabs = tabs_from_workbook(DEMO_WORKBOOK)
    rows = sum(max(len(grid) - 1, 0) for grid in tabs.values())
    lines = []
    with SheetsServer() as server:
        server.google.register_account(EMAIL, key.public_key())
        server.google.add_spreadsheet(SHEET_ID, "Bench", tabs, shared_with={EMAIL})
        info = service_account_info(key, server.token_uri, EMAIL)
        measured = {}
        for latency in (0.0, latency_ms / 1000):
            server.google.latency = latency
            measured[latency] = {
                "this": _measure(server, lambda: _this_source(server, info), refreshes),
                "gspread": _measure(server, lambda: _gspread_obvious(server, info), refreshes),
            }
        raw_tabs = _this_source(server, info)().tabs
    local, slow = measured[0.0], measured[latency_ms / 1000]
    names = {"this": "this source: one `values:batchGet` (tab list cached 10 min)",
             "gspread": "gspread: `open_by_key` + `get_all_records()` per worksheet"}
    lines.append(f"Demo workbook: {len(tabs)} tabs, {rows} data rows. {refreshes} refreshes after the first; "
                 f"times are medians.\n")
    lines.append(f"| reader | requests per refresh | of which | refresh time, local | refresh time, "
                 f"{latency_ms:g} ms round trip | refreshes a minute the quota allows ({QUOTA_PER_USER_PER_MINUTE} "
                 f"reads/min/user) |")
    lines.append("|---|---:|---|---:|---:|---:|")
    for kind in ("this", "gspread"):
        warm, cold = local[kind]["warm"], local[kind]["cold"]
        per_refresh = sum(warm.values())
        lines.append(f"| {names[kind]} | {per_refresh:g} | {_breakdown(warm)} | "
                     f"{local[kind]['warm_seconds'] * 1000:.0f} ms | {slow[kind]['warm_seconds'] * 1000:.0f} ms | "
                     f"{QUOTA_PER_USER_PER_MINUTE / per_refresh:g} |")
        lines.append(f"| … its first refresh (token, tab list) | {sum(cold.values()):g} | {_breakdown(cold)} | "
                     f"{local[kind]['cold_seconds'] * 1000:.0f} ms | {slow[kind]['cold_seconds'] * 1000:.0f} ms | |")
    changed = _numericised_codes(local["gspread"]["result"], raw_tabs)
    lines.append("")
    lines.append("Token requests are not Sheets API reads and do not count against the read quota. Besides the "
                 "request count, this source sees every viewer through one shared copy (at most one refresh per "
                 "TTL for all sessions), whereas the obvious reading is typically repeated per session or per "
                 "cache miss.")
    lines.append("")
    lines.append(f"Correctness: `get_all_records()` turned {len(changed)} text cells into numbers "
                 f"(e.g. {'; '.join(changed[:3]) or 'none'}), so codes with leading zeros would lose them, and it "
                 "returns dates as locale-formatted text; this source reads unformatted values and serial dates.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--refreshes", type=int, default=20)
    parser.add_argument("--latency-ms", type=float, default=100.0)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "API_ECONOMY.md")
    args = parser.parse_args(argv)
    table = run(args.refreshes, args.latency_ms)
    print(table)
    args.out.write_text("# Sheets API economy\n\nWritten by `bench/api_economy.py` (local Sheets-API stand-in, "
                        "real gspread + google-auth).\n\n" + table + "\n", encoding="utf-8")
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
