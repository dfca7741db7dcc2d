"""Workbook readers side by side: python-calamine (`read_workbook`) against the openpyxl way it replaced.

For the demo, the large province, the country and a copy of the demo with one bold, empty cell
at S1048576 on each district tab (its stated dimension runs to row 1,048,576: the file that took
openpyxl a minute and 2.4 GB), each reader runs in a fresh process: read time (median of the
repeats) and the process's peak resident set (VmHWM), beside that of the same process before the
read (imports only). Cleaned, calamine's grids of the formatted copy must give the demo's figures.

    .venv/bin/python bench/readers.py [--quick]    # this section alone: prints the markdown and JSON
    python bench/readers.py --measure READER PATH REPEATS    # one worker (run by `run`); one JSON line
"""

from __future__ import annotations

import argparse
import gc
import json
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

# Kept light on purpose: a worker's "imports only" memory is its reader's, not pandas'.
from lib import DEMO_WORKBOOK  # noqa: E402

READERS = ("calamine", "openpyxl")
FORMATTED_CELL = "S1048576"
OPENPYXL_TIMEOUT = 180  # seconds for openpyxl on the formatted copy, read once (full mode only)
WORKER_TIMEOUT = 1800
ABOUT_FORMATTED = (f"the demo with one bold, empty cell at {FORMATTED_CELL} on each of its district tabs "
                   "(stated dimension A1:S1048576)")


def _max_rss_mb() -> float:
    """This process's peak resident set, MB: VmHWM, not getrusage's ru_maxrss.

    On Linux ru_maxrss survives fork + exec: a worker started by a 500 MB parent reports at least
    500 MB whatever it does. VmHWM belongs to the process's own memory map, fresh at exec.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


# ---------------------------------------------------------------- the readers

def read_with_openpyxl(path: Path) -> dict[str, list[list]]:
    """Every tab as a grid, as `lib.sources.workbook.read_workbook` did before python-calamine."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        _properties = {p.name: p.value for p in book.custom_doc_props}  # it read the snapshot's properties too
        return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets}
    finally:
        book.close()


def _load_reader(name: str):
    """The reader's function, imported only now (what the worker's "imports only" figure holds)."""
    if name == "calamine":
        from lib.sources.workbook import read_workbook

        return lambda path: read_workbook(path).tabs
    if name == "openpyxl":
        import openpyxl  # noqa: F401 — imported here so the baseline includes it

        return read_with_openpyxl
    raise ValueError(f"unknown reader {name!r}")


def measure(reader: str, path: Path, repeats: int) -> dict:
    """In this process: time `repeats` reads of `path`; peak RSS after them and after the imports alone."""
    read = _load_reader(reader)
    imported = _max_rss_mb()
    seconds, cells = [], 0
    for _ in range(repeats):
        gc.collect()
        started = time.perf_counter()
        grids = read(path)
        seconds.append(time.perf_counter() - started)
        cells = sum(cell is not None for grid in grids.values() for row in grid for cell in row)
        del grids  # the next read must not stand on this one's memory
    return {"seconds": seconds, "median": statistics.median(seconds), "cells": cells,
            "import_rss_mb": imported, "peak_rss_mb": _max_rss_mb()}


def _peak_of(pid: int) -> float | None:
    """VmHWM (peak resident set) of a running process, MB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _worker(reader: str, path: Path, repeats: int, timeout: float) -> dict:
    """`measure` in a fresh process; a process past `timeout` is stopped and reported as such."""
    process = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--measure", reader, str(path),
                                str(repeats)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        peak = _peak_of(process.pid)
        process.kill()
        process.communicate()
        return {"status": "timeout", "timeout": timeout, "peak_rss_mb": peak, "repeats": repeats}
    if process.returncode != 0:
        raise RuntimeError(f"{reader} on {path.name} failed: {err.strip()[-2000:]}")
    return {"status": "ok", "repeats": repeats, **json.loads(out.strip().splitlines()[-1])}


# ---------------------------------------------------------------- the formatted copy

def write_formatted_copy(path: Path) -> tuple[Path, int]:
    """The demo with a bold, empty cell at S1048576 on every tab headed by the points header.

    Returns the path and the number of tabs changed; raises if the saved file's worksheets do not
    state that dimension (then the file would not be the pathological case).
    """
    import openpyxl
    from openpyxl.styles import Font

    from lib.schema import POINTS
    from lib.authoring.template import header_row

    header = header_row(POINTS)
    book = openpyxl.load_workbook(DEMO_WORKBOOK)
    changed = 0
    for sheet in book.worksheets:
        if [cell.value for cell in sheet[1]][:len(header)] == header:
            sheet[FORMATTED_CELL].font = Font(bold=True)
            changed += 1
    book.save(path)
    with zipfile.ZipFile(path) as package:
        stated = [re.search(rb'<dimension ref="([^"]+)"', package.read(name))
                  for name in package.namelist() if name.startswith("xl/worksheets/sheet")]
    reaching = sum(1 for match in stated if match and match.group(1).endswith(FORMATTED_CELL.encode()))
    if changed == 0 or reaching != changed:
        raise RuntimeError(f"{path.name}: {changed} tabs formatted, {reaching} state a dimension to {FORMATTED_CELL}")
    return path, changed


def same_figures(demo: Path, formatted: Path) -> dict:
    """Both files read with calamine and cleaned: the points and the (cell, rule) problems compared."""
    from lib.cleaning import clean_workbook
    from lib.geography import load_geography
    from lib.sources.workbook import read_workbook

    geography = load_geography()
    figures = {}
    for name, path in (("demo", demo), ("formatted", formatted)):
        dataset = clean_workbook(read_workbook(path), geography)
        figures[name] = {"points": len(dataset.points),
                         "problems": {(problem.cell, problem.rule) for problem in dataset.problems}}
    same = (figures["demo"]["points"] == figures["formatted"]["points"]
            and figures["demo"]["problems"] == figures["formatted"]["problems"])
    differing = sorted(figures["demo"]["problems"] ^ figures["formatted"]["problems"])
    return {"same": same, "points": {name: f["points"] for name, f in figures.items()},
            "problems": {name: len(f["problems"]) for name, f in figures.items()}, "differing": differing[:20]}


# ---------------------------------------------------------------- the section

def run(quick: bool, workbooks: dict[str, tuple[Path, str]] | None = None, repeats: int | None = None) -> dict:
    """Both readers on every sheet; `workbooks` is `bench/run.py`'s name → (path, description).

    Without `workbooks`, the sheets are generated here at run.py's sizes (full or --quick). Repeats
    default to run.py's (5, or 1 in quick mode); openpyxl reads the formatted copy once with a
    180 s limit in full mode, and not at all in quick mode.
    """
    with tempfile.TemporaryDirectory(prefix="bench-readers-") as temp:
        folder = Path(temp)
        if workbooks is None or repeats is None:
            import run as bench  # run.py imports this module; its sizes are only needed standalone

            sizes = bench.QUICK if quick else bench.FULL
            workbooks = workbooks or bench.sheets(folder, sizes)
            repeats = repeats or sizes["repeats"]
        formatted, tabs = write_formatted_copy(folder / "demo_formatted_S1048576.xlsx")
        plan = {**workbooks, "formatted": (formatted, ABOUT_FORMATTED.replace("its district tabs",
                                                                               f"its {tabs} district tabs"))}
        sheets: dict[str, dict] = {}
        for name, (path, about) in plan.items():
            print(f"   readers: {name} …", flush=True)
            measured = {"about": about, "calamine": _worker("calamine", path, repeats, WORKER_TIMEOUT)}
            if name != "formatted":
                measured["openpyxl"] = _worker("openpyxl", path, repeats, WORKER_TIMEOUT)
            elif quick:
                measured["openpyxl"] = {"status": "skipped", "why": "skipped in quick mode"}
            else:
                measured["openpyxl"] = _worker("openpyxl", path, 1, OPENPYXL_TIMEOUT)
            measured["cells"] = measured["calamine"]["cells"]
            sheets[name] = measured
        figures = same_figures(DEMO_WORKBOOK, formatted)
    imports = {reader: statistics.median(s[reader]["import_rss_mb"] for s in sheets.values()
                                         if s[reader]["status"] == "ok") for reader in READERS}
    return {"quick": quick, "repeats": repeats, "timeout": OPENPYXL_TIMEOUT, "formatted_tabs": tabs,
            "sheets": sheets, "import_rss_mb": imports, "same_figures": figures["same"], "figures": figures}


def _time(result: dict) -> str:
    if result["status"] == "skipped":
        return result["why"]
    if result["status"] == "timeout":
        return f"> {result['timeout']:.0f} s"
    seconds = result["median"]
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def _rss(result: dict, imported: float) -> str:
    if result["status"] == "skipped":
        return "–"
    if result["status"] == "timeout":
        peak = result["peak_rss_mb"]
        return "–" if peak is None else f"≥ {peak:,.0f} MB when stopped"
    return f"{result['peak_rss_mb']:,.0f} MB (+{result['peak_rss_mb'] - imported:,.0f})"


def markdown(results: dict) -> str:
    """The section's text: how it was measured, the table, the figures check."""
    imports, figures = results["import_rss_mb"], results["figures"]
    lines = [f"Each reader in a fresh process per sheet. calamine: `lib.sources.workbook.read_workbook` "
             "(python-calamine, plus the file's own hidden rows, formula errors and unsaved formulas from its XML). "
             "openpyxl: the reader it replaced, `openpyxl.load_workbook(path, read_only=True, data_only=True)` then "
             "`[list(row) for row in sheet.iter_rows(values_only=True)]` per tab. Times: median of "
             f"{results['repeats']} read{'s' if results['repeats'] > 1 else ''}; openpyxl reads the formatted copy "
             f"once, stopped at {results['timeout']} s"
             f"{' (skipped in quick mode)' if results['quick'] else ''}. Peak RSS: the process's maximum resident "
             "set after the reads (VmHWM; getrusage's ru_maxrss would carry the parent's over fork + exec), in brackets how much above the same process before reading, "
             f"when it had only imported its reader (calamine: {imports['calamine']:,.0f} MB, "
             f"openpyxl: {imports['openpyxl']:,.0f} MB).", "",
             f"- **formatted**: {results['sheets']['formatted']['about']}.",
             f"- Same figures: **{'yes' if results['same_figures'] else 'no'}**. Cleaned, calamine's grids of the "
             f"formatted copy give {figures['points']['formatted']:,} points and {figures['problems']['formatted']} "
             f"problems (cell, rule); the demo's give {figures['points']['demo']:,} and "
             f"{figures['problems']['demo']}"
             + ("; the same problems." if results["same_figures"]
                else f"; differing: {', '.join(map(str, figures['differing']))}."), "",
             "| sheet | cells with values | calamine time | openpyxl time | calamine peak RSS | openpyxl peak RSS |",
             "|---|---:|---:|---:|---:|---:|"]
    for name, measured in results["sheets"].items():
        lines.append(f"| {name} | {measured['cells']:,} | {_time(measured['calamine'])} | "
                     f"{_time(measured['openpyxl'])} | {_rss(measured['calamine'], imports['calamine'])} | "
                     f"{_rss(measured['openpyxl'], imports['openpyxl'])} |")
    return "\n".join(lines)


TARGET_SECONDS, TARGET_RSS_MB = 1.0, 300.0


def target_row(results: dict, yes: str = "✔", no: str = "✖") -> str:
    """The TARGETS row: calamine on the formatted copy under 1 s and 300 MB peak, with the demo's figures."""
    calamine, old = results["sheets"]["formatted"]["calamine"], results["sheets"]["formatted"]["openpyxl"]
    met = (calamine["median"] < TARGET_SECONDS and calamine["peak_rss_mb"] < TARGET_RSS_MB
           and results["same_figures"])
    before = (f"openpyxl: {old['why']}" if old["status"] == "skipped"
              else f"openpyxl: {_time(old)}, {_rss(old, results['import_rss_mb']['openpyxl'])} peak RSS")
    return (f"| A formatted cell at row 1,048,576 of every tab: read < 1 s and < 300 MB | calamine "
            f"{_time(calamine)}, {calamine['peak_rss_mb']:,.0f} MB peak RSS; same figures as the demo: "
            f"{'yes' if results['same_figures'] else 'no'} ({before}) | {yes if met else no} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="run.py's quick sizes, one repeat, no openpyxl on "
                                                             "the formatted copy")
    parser.add_argument("--measure", nargs=3, metavar=("READER", "PATH", "REPEATS"),
                        help="worker: time one reader on one file in this process, print one JSON line")
    args = parser.parse_args(argv)
    if args.measure:
        reader, path, repeats = args.measure
        print(json.dumps(measure(reader, Path(path), int(repeats))))
        return 0
    results = run(args.quick)
    print(markdown(results), "", target_row(results), "", sep="\n")
    print(json.dumps(results, default=str, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
