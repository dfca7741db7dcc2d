"""The benchmark script in its quick mode (small sheets, one repeat, no browser), so it cannot rot.

No timing is asserted: CI machines differ. What is checked is that every section and every
comparison row is written.
"""

from __future__ import annotations

import subprocess
import sys

from lib import PROJECT_ROOT


def test_quick_benchmark_writes_every_section(tmp_path):
    out = tmp_path / "BENCHMARKS.md"
    done = subprocess.run([sys.executable, str(PROJECT_ROOT / "bench" / "run.py"), "--quick", "--out", str(out)],
                          cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    document = out.read_text(encoding="utf-8")
    for heading in ("## Machine", "## Targets", "## 1. Data path", "## 2. Sheets API economy", "## 3. Pages",
                    "## 4. Sessions", "## 6. Live updates", "## 7. History store"):
        assert heading in document, heading
    for row in ("| demo |", "| province |", "| country |", "this source: one `values:batchGet`",
                "gspread: `open_by_key`", "st-gsheets-connection", "| demo | overview.py |", "| demo | map.py |",
                "One Sheets request per refresh for all viewers", "Warm page rerun < 0.2 s",
                "Read + clean + metrics for", "Warm rerun of the overview and the map at country scale",
                "Province map payload", "Country map stays usable",
                "| this source, change detection", "today's TTL reads",
                "TCVN3/VNI detection (`decode_legacy`"):
        assert row in document, row
    assert "--quick" in document and "pandas" in document and "cores" in document
