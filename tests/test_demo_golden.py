"""Golden figures on the demo workbook: row accounting, problems and headline metrics.

The golden file sits beside the tests; after a deliberate change to the demo or the rules,
regenerate it with `PYTHONPATH=. python tests/test_demo_golden.py` and review the diff.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from lib import DEMO_WORKBOOK
from lib.cleaning import clean_workbook
from lib.geography import load_geography
from lib.metrics.rollout import compute_rollout
from lib.sources import read_source

GOLDEN = Path(__file__).parent / "golden" / "demo_figures.json"


def compute_figures() -> dict:
    dataset = clean_workbook(read_source(str(DEMO_WORKBOOK)), load_geography())
    rollout = compute_rollout(dataset, load_geography(), dataset.as_of or date(2017, 5, 20))
    readiness = rollout.district_readiness.set_index("district_code")
    return {
        "as_of": dataset.as_of.isoformat(),
        "tabs": [[s.tab, s.rows_read, s.rows_kept, s.rows_set_aside] for s in dataset.summary],
        "problems": sorted([p.cell, p.rule, p.severity] for p in dataset.problems),
        "headline": {key: (round(value, 4) if isinstance(value, float) else value)
                     for key, value in rollout.headline.items()},
        "points_ready_by_district": {code: int(readiness.loc[code, "points_ready"]) for code in readiness.index},
        "countdowns": [[row.milestone_code, row.days_left, row.status] for row in rollout.countdowns.itertuples()],
        "reports": dict(zip(rollout.reports["district_code"], rollout.reports["state"])),
    }


def test_demo_figures_match_the_golden_file():
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert compute_figures() == expected


def test_rows_are_conserved_on_the_demo():
    figures = compute_figures()
    for tab, read, kept, set_aside in figures["tabs"]:
        assert read == kept + set_aside, tab
    assert sum(row[3] for row in figures["tabs"]) == 2  # the duplicate code and the row without a code


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    GOLDEN.write_text(json.dumps(compute_figures(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(GOLDEN)
