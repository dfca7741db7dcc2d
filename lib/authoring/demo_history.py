"""The demo's history: five weekly copies of the demo workbook (22/04 … 20/05/2017) recorded into a store of
their own, so that the progress page, the "since" comparison and the follow-up messages have something to
show on a fresh clone with no credentials.

The copies are made from the demo itself, deterministically (each point's random draws are seeded by
its code), by taking back what had not happened yet on each week's day: a computer, printer or
Internet line arrived in some week up to 20/05 (later in the mountain districts, the laggards of the
demo's story, named in the geography folder's demo.json); staff trained after the day are not yet
trained; children are entered little by little (slower in the mountains); a district report dated
after the day is not in yet. Go-live and supervision dates need nothing: the figures of a copy are
computed as of its day. The last copy is the demo unchanged.

The history lives in `var/demo-history.sqlite3`, apart from the history a real sheet records (the
demo's province may be a real one), and is recorded the first time it is asked for.
"""

from __future__ import annotations

import copy
import random
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

from lib import DEMO_WORKBOOK, PROJECT_ROOT
from lib.authoring.demo import load_scenario
from lib.cleaning import clean_workbook
from lib.geography import Geography
from lib.history.snapshot import build_snapshot
from lib.history.store import HistoryStore, open_history
from lib.schema import DISTRICTS, POINTS, SETTING_ROWS, SETTINGS
from lib.sources import RawWorkbook, read_source
from lib.textnorm import fold

DEMO_HISTORY_FILE = PROJECT_ROOT / "var" / "demo-history.sqlite3"
FIRST_WEEK = date(2017, 4, 22)
WEEKS = 5  # 22/04, 29/04, 06/05, 13/05, 20/05 (the demo's own as-of date)
EQUIPMENT = ("has_computer", "has_printer", "has_internet")
YES, NO = "Có", "Không"


def _header(column_key: str, table) -> str:
    return next(column.header_vi for column in table.columns if column.key == column_key)


def _index(grid: list[list], column_key: str, table) -> int | None:
    header = fold(_header(column_key, table))
    row = grid[0] if grid else []
    return next((i for i, cell in enumerate(row) if isinstance(cell, str) and fold(cell) == header), None)


def _as_date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def _arrival_week(point_code: str, what: str, lagging: bool) -> int:
    """The week (0 = 22/04 … 4 = 20/05) in which a point's `what` arrived: later in a lagging district."""
    draw = random.Random(f"{point_code}:{what}")
    weights = (1, 1, 2, 3, 4) if lagging else (4, 3, 2, 1, 1)
    return draw.choices(range(WEEKS), weights=weights)[0]


def _children_share(point_code: str, week: int, lagging: bool) -> float:
    """The share of its final children entered a point had by `week`: steady, with a point's own pace."""
    pace = 0.8 + 0.4 * random.Random(f"{point_code}:children").random()
    share = (week + 1) / WEEKS
    return min(1.0, share * share * pace if lagging else (week + 2) / WEEKS * pace)


def _take_back_points(grid: list[list], day: date, week: int, lagging_codes: set[str]) -> None:
    code_at = _index(grid, "point_code", POINTS)
    if code_at is None:
        return
    equipment_at = {key: _index(grid, key, POINTS) for key in EQUIPMENT}
    trained_at, training_at = _index(grid, "trained_staff", POINTS), _index(grid, "training_date", POINTS)
    children_at = _index(grid, "children_entered", POINTS)
    for row in grid[1:]:
        code = row[code_at] if code_at < len(row) else None
        if not isinstance(code, str) or not code.strip():
            continue
        lagging = any(code.split("-")[1:2] == [district] for district in lagging_codes)
        for key, at in equipment_at.items():
            if at is not None and isinstance(row[at], str) and fold(row[at]) == fold(YES) \
                    and _arrival_week(code, key, lagging) > week:
                row[at] = NO
        trained_on = _as_date(row[training_at]) if training_at is not None else None
        if trained_at is not None and trained_on is not None and trained_on > day:
            row[trained_at] = 0
        if children_at is not None and isinstance(row[children_at], (int, float)) and not isinstance(row[children_at], bool):
            row[children_at] = int(row[children_at] * _children_share(code, week, lagging))


def _take_back_reports(grid: list[list], day: date) -> None:
    at = _index(grid, "report_date", DISTRICTS)
    for row in grid[1:] if at is not None else ():
        received = _as_date(row[at]) if at < len(row) else None
        if received is not None and received > day:
            row[at] = None


def _set_as_of(grid: list[list], day: date) -> None:
    label = fold(next(setting.name_vi for setting in SETTING_ROWS if setting.key == "as_of"))
    for row in grid:
        if row and isinstance(row[0], str) and fold(row[0]) == label:
            row[1] = day


def build_demo_history_copies(geography: Geography, demo: RawWorkbook | None = None) -> list[RawWorkbook]:
    """The demo's weekly copies, oldest first, each with its day as the as-of date and read at 08:00 that day.

    Args:
        geography: the demo's province (its scenario names the lagging districts).
        demo: the demo as read (`read_source(DEMO_WORKBOOK)`); None reads it.
    """
    demo = demo or read_source(str(DEMO_WORKBOOK))
    lagging = set(load_scenario(geography).mountain)
    copies = []
    for week in range(WEEKS):
        day = FIRST_WEEK + timedelta(weeks=week)
        tabs = copy.deepcopy(demo.tabs)
        if week < WEEKS - 1:  # the last week is the demo as it is
            for title, grid in tabs.items():
                if title == DISTRICTS.title:
                    _take_back_reports(grid, day)
                elif title != SETTINGS.title:
                    _take_back_points(grid, day, week, lagging)
        _set_as_of(tabs[SETTINGS.title], day)
        copies.append(replace(demo, tabs=tabs,
                              provenance=replace(demo.provenance, read_at=datetime(day.year, day.month, day.day, 8))))
    return copies


def demo_history_url(path: Path | None = None) -> str:
    """The demo history's store: an SQLite file apart from the recorded history."""
    return f"sqlite:///{path or DEMO_HISTORY_FILE}"


def ensure_demo_history(geography: Geography, url: str | None = None) -> HistoryStore:
    """The demo history's store, its weekly copies recorded first if it holds nothing yet (it only ever holds
    the demo's province). Recording twice changes nothing (the store's rules), so two processes starting
    at once are safe. Raises SQLAlchemy's errors when the store cannot be written, `SourceError` when the
    demo cannot be read.
    """
    store = open_history(url or demo_history_url())
    if not store.provinces():
        for raw in build_demo_history_copies(geography):
            store.record(build_snapshot(clean_workbook(raw, geography), raw.provenance, geography))
    return store
