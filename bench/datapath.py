"""The data path, timed in a fresh process: read (.xlsx, or Sheets API from the local stand-in) → clean → metrics.

Run by `bench/run.py` once per sheet, as `python bench/datapath.py SPEC.json`; prints one JSON line.
`read_sheets` is the whole read through the local Sheets-API stand-in (another process); it is
split into `read_sheets_stand_in`, the stand-in's part (request sent → answer's headers parsed:
its rendering and JSON encoding, which is Google's time, not ours) and `read_sheets_client`, the
rest (the body's transfer, JSON decoding, the grids). `*_cpu` are this process's CPU seconds for
the same step: steadier than wall time on a shared machine (the stand-in's CPU is not in them).
Like the dashboard's server (`serve.py`), the process freezes its start-up objects out of the
garbage collector's sight before the first read. Peak memory is the process's maximum resident set
(getrusage) and, in a separate untimed pass, tracemalloc's peak of Python allocations for one
read + clean + metrics.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")

from lib.cleaning import clean_workbook  # noqa: E402
from lib.geography import load_geography  # noqa: E402
from lib.metrics.rollout import compute_rollout  # noqa: E402
from lib.sources.google_sheet import GoogleSheet  # noqa: E402
from lib.sources.workbook import read_workbook  # noqa: E402

AS_OF_FALLBACK = "2017-05-20"


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _stand_in_waits(sheet: GoogleSheet) -> list[float]:
    """Seconds from sending each values:batchGet of `sheet` (or its POST form) to its answer's headers
    (appended as they come): the stand-in renders and encodes the whole answer before its first byte."""
    waits: list[float] = []

    def record(response, *args, **kwargs):
        if "values:batchGet" in response.url:
            waits.append(response.elapsed.total_seconds())

    sheet._http.session.hooks["response"].append(record)
    return waits


def run(spec: dict) -> dict:
    from datetime import date

    from serve import freeze_start_up_objects

    freeze_start_up_objects()  # as the dashboard's server does before its first read
    geography = load_geography()
    sheet = GoogleSheet(spec["sheet_id"], spec["account"], api_base=spec["api_base"])
    sheet.read()  # token and tab list once, as a running dashboard has them
    waits = _stand_in_waits(sheet)
    baseline = _max_rss_mb()
    timings: dict[str, list[float]] = {"read_xlsx": [], "read_sheets": [], "clean": [], "metrics": [],
                                       "read_sheets_stand_in": [], "read_sheets_client": [],
                                       "read_xlsx_cpu": [], "read_sheets_client_cpu": []}
    points = problems = 0
    for _ in range(spec["repeats"]):
        started, cpu = time.perf_counter(), time.process_time()
        read_workbook(Path(spec["workbook"]))
        timings["read_xlsx"].append(time.perf_counter() - started)
        timings["read_xlsx_cpu"].append(time.process_time() - cpu)
        del waits[:]
        started, cpu = time.perf_counter(), time.process_time()
        raw = sheet.read()
        timings["read_sheets"].append(time.perf_counter() - started)
        timings["read_sheets_client_cpu"].append(time.process_time() - cpu)
        timings["read_sheets_stand_in"].append(sum(waits))
        timings["read_sheets_client"].append(timings["read_sheets"][-1] - sum(waits))
        started = time.perf_counter()
        dataset = clean_workbook(raw, geography)
        timings["clean"].append(time.perf_counter() - started)
        started = time.perf_counter()
        compute_rollout(dataset, geography, dataset.as_of or date.fromisoformat(AS_OF_FALLBACK))
        timings["metrics"].append(time.perf_counter() - started)
        points, problems = len(dataset.points), dataset.problem_counts()
    peak_rss = _max_rss_mb()
    tracemalloc.start()
    raw = sheet.read()
    dataset = clean_workbook(raw, geography)
    compute_rollout(dataset, geography, dataset.as_of or date.fromisoformat(AS_OF_FALLBACK))
    traced_peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return {"median": {name: statistics.median(values) for name, values in timings.items()},
            "points": points, "problems": problems, "tabs": len(raw.tabs),
            "rss_before_mb": baseline, "rss_peak_mb": peak_rss, "traced_peak_mb": traced_peak}


if __name__ == "__main__":
    print(json.dumps(run(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")))))
