"""The history store at country scale: size, recording time and query time for 60 daily snapshots.

A country-scale sheet (13,000 points in 700 districts, `bench/workbooks.py`) is recorded on 60
days, each day some points gaining their printer (about 1 %: uneven progress, as a roll-out goes),
into a new SQLite file. Measured: each recording (build the snapshot from the cleaned read, and
write it), the file's size, and the page's queries (the district history and the province
burn-up; the point history and the weekly moves). Targets (issue 14): store under 100 MB, burn-up
query under 100 ms, recording a snapshot under 1 s.

Usage: .venv/bin/python bench/history.py [--days 60] [--points 13000] [--districts 700] [--url URL]
Prints a Markdown section; nothing is written outside a temporary folder (unless --url names a store).
"""

from __future__ import annotations

import argparse
import copy
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.workbooks import scaled_grids  # noqa: E402
from lib.cleaning import clean_workbook  # noqa: E402
from lib.geography import load_geography  # noqa: E402
from lib.history.snapshot import build_snapshot  # noqa: E402
from lib.history.store import open_history  # noqa: E402
from lib.metrics.progress import (DISTRICT_HISTORY_COLUMNS, POINT_HISTORY_COLUMNS, compute_burn_up,  # noqa: E402
                                  compute_change_since, compute_weekly_moves)
from lib.schema import DIFFICULTIES, DISTRICTS, MILESTONES, POINTS, SETTINGS, TRAINING  # noqa: E402
from lib.sources import Provenance, RawWorkbook  # noqa: E402

FIRST_DAY = date(2017, 4, 22)
DAILY_SHARE = 0.01  # points gaining their printer each day
PRINTER = [column.key for column in POINTS.columns].index("has_printer")


def _point_rows(grids: dict) -> list[list]:
    fixed = {SETTINGS.title, MILESTONES.title, DISTRICTS.title, TRAINING.title, DIFFICULTIES.title}
    return [row for title, grid in grids.items() if title not in fixed for row in grid[1:]]


def _set_as_of(grids: dict, day: date) -> None:
    for row in grids[SETTINGS.title]:
        if row and row[0] == "Ngày số liệu":
            row[1] = day


def _count_point_rows(store) -> int:
    with store.engine.connect() as connection:
        return int(connection.exec_driver_sql("SELECT COUNT(*) FROM history_points").scalar())


def _median_seconds(run, repeats: int = 3) -> float:
    runs = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def run(points: int = 13_000, districts: int = 700, days: int = 60, url: str | None = None) -> dict:
    """Record `days` daily copies of a generated sheet into a new store and time the pages' queries.

    Returns the figures `markdown` writes: sizes, per-recording times (s) and query times (s).
    """
    geography = load_geography()
    grids = scaled_grids(points, districts)
    rng = random.Random(14)
    rows = _point_rows(grids)
    for row in rows:  # start with no printer anywhere, so there is progress to record
        row[PRINTER] = "Không"
    folder = Path(tempfile.mkdtemp(prefix="history-bench-"))
    path = folder / "history.sqlite3"
    store = open_history(url or f"sqlite:///{path}")
    build_times, record_times = [], []
    for offset in range(days):
        day = FIRST_DAY + timedelta(days=offset)
        for row in rng.sample(rows, int(len(rows) * DAILY_SHARE)):
            row[PRINTER] = "Có"
        _set_as_of(grids, day)
        raw = RawWorkbook(copy.deepcopy(grids), Provenance("bench", "workbook", datetime(day.year, day.month, day.day, 8)))
        dataset = clean_workbook(raw, geography)
        started = time.perf_counter()
        snapshot = build_snapshot(dataset, raw.provenance, geography)
        built = time.perf_counter()
        outcome = store.record(snapshot)
        done = time.perf_counter()
        assert outcome.state == "recorded", outcome
        build_times.append(built - started)
        record_times.append(done - built)
    last = FIRST_DAY + timedelta(days=days - 1)
    district_history = store.district_history(columns=DISTRICT_HISTORY_COLUMNS)
    point_history = store.point_history(columns=POINT_HISTORY_COLUMNS)
    recorded_days = sorted(set(district_history["day"]))
    province_columns = tuple(column for column in DISTRICT_HISTORY_COLUMNS if column.startswith("points"))
    queries = {
        "province burn-up, summed by the database": lambda: compute_burn_up(store.province_history(
            columns=province_columns).assign(district_code=None)),
        "district history (the page's load)": lambda: store.district_history(columns=DISTRICT_HISTORY_COLUMNS),
        "province burn-up from it": lambda: compute_burn_up(district_history),
        "one district's burn-up from it": lambda: compute_burn_up(district_history, district_history["district_code"].iloc[0]),
        "point history (the page's load)": lambda: store.point_history(columns=POINT_HISTORY_COLUMNS),
        "weekly moves from it": lambda: compute_weekly_moves(point_history, recorded_days=recorded_days),
        "change since a week before": lambda: compute_change_since(district_history, point_history,
                                                                   last - timedelta(days=7), last),
    }
    results = {
        "points": points, "districts": districts, "days": days,
        "size_mb": path.stat().st_size / 1e6 if path.exists() else float("nan"),
        "point_rows": _count_point_rows(store),
        "build": statistics.median(build_times), "record": statistics.median(record_times),
        "record_max": max(record_times),
        "queries": {name: _median_seconds(query) for name, query in queries.items()},
    }
    store.dispose()
    return results


def markdown(results: dict) -> str:
    """The section's lines (no heading): store size, recording time, each query's median."""
    queries = results["queries"]
    burn_up = queries["province burn-up, summed by the database"]
    lines = [
        f"{results['points']:,} points in {results['districts']} districts, recorded on {results['days']} days "
        f"(each day about 1 % of the points gain their printer), into a new SQLite file; medians of 3 runs.",
        "",
        f"- store: **{results['size_mb']:,.1f} MB** (target < 100 MB); {results['point_rows']:,} point rows "
        f"(a row per point that changed, every point on the first day)",
        f"- recording one snapshot: median {1000 * results['build']:,.0f} ms to build it from the cleaned read + "
        f"{1000 * results['record']:,.0f} ms to write it (slowest write {1000 * results['record_max']:,.0f} ms; "
        f"target < 1 s)",
        f"- burn-up query (the province's counts summed by the database, then the burn-up): "
        f"**{1000 * burn_up:,.0f} ms** (target < 100 ms)",
        *(f"- {name}: {1000 * seconds:,.0f} ms" for name, seconds in queries.items()),
    ]
    return "\n".join(lines)


def section(quick: bool) -> tuple[str, dict]:
    """For bench/run.py: the country scale (a province-sized run in quick mode)."""
    results = run(2_000, 9, 10) if quick else run()
    return markdown(results), results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=60)
    parser.add_argument("--points", type=int, default=13_000)
    parser.add_argument("--districts", type=int, default=700)
    parser.add_argument("--url", help="an SQLAlchemy URL (default: a new SQLite file in a temporary folder)")
    args = parser.parse_args(argv)
    print(f"## History store ({args.points:,} points, {args.districts} districts, {args.days} daily snapshots)\n")
    print(markdown(run(args.points, args.districts, args.days, args.url)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
