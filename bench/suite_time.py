"""The test suite's own time, before and after, in one run: clones two commits and runs each one's `.ci/run`.

    .venv/bin/python bench/suite_time.py [--before COMMIT] [--after COMMIT] [-- PYTEST ARGS]

Each commit is cloned from this repository into a temporary folder and its CI command runs there
exactly as CI runs it (`CI=true .ci/run`, which sets up its own venv first, then runs the whole
suite). The two runs are one after the other on this machine, so they share its cores and load.
Two times are kept per commit: pytest's own "in N s" (the tests) and the wall time of `.ci/run`
(set-up included). The table goes to `bench/SUITE_TIME.md`, which `bench/run.py` copies into
BENCHMARKS.md.

`--before` defaults to 33735a1, the last commit before the "one answer" issue asked for a suite in
half the time (its suite then took about 6 minutes on two cores).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULT = BENCH / "SUITE_TIME.md"
BEFORE = "33735a1"
# pytest's last line, with or without -q's missing "=====" frame: "1343 passed, 17 warnings in 358.61s (0:05:58)".
_SUMMARY = re.compile(r"^=*\s*(?P<counts>\d+ (?:passed|failed|error)[^\n]*?) in (?P<seconds>[\d.]+)s", re.MULTILINE)


def run_suite(commit: str, folder: Path, pytest_args: list[str]) -> dict:
    """Clone `commit` into `folder` and run its `.ci/run`; returns commit, pytest seconds, wall seconds,
    pytest's counts line and the exit code. Raises RuntimeError when pytest printed no summary."""
    subprocess.run(["git", "clone", "-q", str(ROOT), str(folder)], check=True)
    subprocess.run(["git", "-C", str(folder), "checkout", "-q", commit], check=True)
    started = time.perf_counter()
    done = subprocess.run([str(folder / ".ci" / "run"), "-q", "-p", "no:cacheprovider", *pytest_args],
                          cwd=folder, env={**os.environ, "CI": "true"}, capture_output=True, text=True)
    wall = time.perf_counter() - started
    summary = list(_SUMMARY.finditer(done.stdout))
    if not summary:
        raise RuntimeError(f"{commit}: no pytest summary\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    last = summary[-1]
    subject = subprocess.run(["git", "-C", str(folder), "log", "-1", "--format=%h %s"], capture_output=True,
                             text=True, check=True).stdout.strip()
    return {"commit": subject, "tests": float(last["seconds"]), "wall": wall, "counts": last["counts"],
            "exit": done.returncode}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", default=BEFORE)
    parser.add_argument("--after", default="HEAD")
    parser.add_argument("pytest_args", nargs="*")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="suite-time-") as scratch:
        results = [run_suite(commit, Path(scratch) / name, args.pytest_args)
                   for name, commit in (("before", args.before), ("after", args.after))]
    before, after = results
    cores = os.cpu_count()
    lines = [
        "## Test suite time, before and after (`bench/suite_time.py`)",
        "",
        f"Measured {datetime.now():%Y-%m-%d %H:%M} on {cores} cores, both runs in one invocation, one after the "
        "other, each from a clean clone with `CI=true .ci/run` (set-up, then the whole suite, browser tests "
        "included).",
        "",
        "| run | commit | tests (pytest) | `.ci/run` wall | result |",
        "|---|---|---|---|---|",
    ]
    for name, result in (("before", before), ("after", after)):
        lines.append(f"| {name} | {result['commit'][:70]} | {result['tests']:.1f} s | {result['wall']:.1f} s "
                     f"| {result['counts']} (exit {result['exit']}) |")
    lines += ["", f"Tests: after / before = **{after['tests'] / before['tests']:.2f}** "
                  f"({after['tests']:.0f} s for the after-suite, which holds more tests, vs {before['tests']:.0f} s).", ""]
    RESULT.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0 if before["exit"] == 0 and after["exit"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
