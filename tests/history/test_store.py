"""The history store on SQLite and on a real PostgreSQL server: what is recorded, what is not, and by whom."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import date, datetime

import pytest
from sqlalchemy import create_engine, func, inspect, select

from lib import PROJECT_ROOT
from lib.history import tables
from lib.history.store import history_url, open_history, upgrade_schema
from lib.sources.snapshot import write_snapshot
from tests.history.copies import give_printer

DEMO_DAY = date(2017, 5, 20)


def _counts(store) -> dict[str, int]:
    with store.engine.connect() as connection:
        return {table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
                for table in tables.metadata.sorted_tables}


def test_the_migrations_build_the_tables_the_code_describes(store_url):
    engine = create_engine(store_url)
    assert upgrade_schema(engine) == ["v0001"]
    assert upgrade_schema(engine) == []  # already at the newest: nothing to run
    found = inspect(engine)
    for table in tables.metadata.sorted_tables:
        assert [column["name"] for column in found.get_columns(table.name)] == [c.name for c in table.c], table.name
        assert set(found.get_pk_constraint(table.name)["constrained_columns"]) == {c.name for c in table.primary_key}
    engine.dispose()


def test_a_first_read_is_recorded_and_an_identical_one_records_nothing(store, demo_copy):
    raw, snapshot = demo_copy(read_at=datetime(2017, 5, 20, 9, 0))
    assert store.record(snapshot).state == "recorded"
    after_first = _counts(store)
    # The demo: 150 points, 9 districts, 9 difficulties, one read.
    assert after_first == {"history_series": 1, "history_reads": 1, "history_points": 150,
                           "history_districts": 9, "history_difficulties": 9}
    _, again = demo_copy(read_at=datetime(2017, 5, 20, 10, 0))
    assert store.record(again).state == "unchanged"
    _, next_day = demo_copy(day=date(2017, 5, 21), read_at=datetime(2017, 5, 21, 9, 0))
    # The as-of date moved, nothing else: the figures are the same, so nothing is recorded.
    assert store.record(next_day).state == "unchanged"
    assert _counts(store) == after_first


def test_a_change_records_exactly_one_snapshot(store, demo_copy):
    store.record(demo_copy(read_at=datetime(2017, 5, 20, 9, 0))[1])
    _, changed = demo_copy(give_printer, day=date(2017, 5, 21), read_at=datetime(2017, 5, 21, 9, 0))
    outcome = store.record(changed)
    assert (outcome.state, outcome.day) == ("recorded", date(2017, 5, 21))
    counts = _counts(store)
    # Points: the first day's 150, then only KH-570-01, the one point whose figures changed.
    assert (counts["history_reads"], counts["history_points"], counts["history_districts"]) == (2, 151, 18)
    history = store.district_history()
    cam_lam = history.loc[history["district_code"] == "570"].set_index("day")["points_equipped"]
    # Cam Lâm had 11 equipped points in the demo; KH-570-01 gained its printer.
    assert cam_lam.to_dict() == {DEMO_DAY: 11, date(2017, 5, 21): 12}
    points = store.point_history()
    first = points.loc[points["point_code"] == "KH-570-01"].set_index("day")
    assert first["equipped"].to_dict() == {DEMO_DAY: False, date(2017, 5, 21): True}
    assert first["has_printer"].to_dict() == {DEMO_DAY: False, date(2017, 5, 21): True}


def test_one_record_per_day_the_days_last_read_wins(store, demo_copy):
    store.record(demo_copy(read_at=datetime(2017, 5, 20, 9, 0))[1])
    _, later = demo_copy(give_printer, read_at=datetime(2017, 5, 20, 17, 0))
    assert store.record(later).state == "replaced"
    _, earlier = demo_copy(read_at=datetime(2017, 5, 20, 12, 0))  # the morning's figures, read before 17:00
    assert store.record(earlier).state == "older"
    reads = store.recorded_reads()
    assert reads["day"].tolist() == [DEMO_DAY]
    assert reads["read_at"].tolist() == [datetime(2017, 5, 20, 17, 0)]
    assert _counts(store)["history_points"] == 150
    points = store.point_history()
    assert bool(points.loc[points["point_code"] == "KH-570-01", "equipped"].item()) is True


def test_the_provenance_of_a_read_is_kept(store, demo_copy, tmp_path):
    raw, snapshot = demo_copy(read_at=datetime(2017, 5, 20, 9, 30))
    store.record(snapshot)
    read = store.recorded_reads().iloc[0]
    assert (read["source_kind"], read["source_label"], read["original_kind"]) == ("workbook", raw.provenance.label,
                                                                                    "workbook")
    assert read["read_at"] == datetime(2017, 5, 20, 9, 30)


def test_the_store_defaults_to_sqlite_under_var_unless_the_environment_names_one(monkeypatch):
    monkeypatch.delenv("DASHBOARD_HISTORY_URL", raising=False)
    assert history_url() == f"sqlite:///{PROJECT_ROOT / 'var' / 'history.sqlite3'}"
    monkeypatch.setenv("DASHBOARD_HISTORY_URL", "postgresql+psycopg://x@127.0.0.1/h")
    assert history_url() == "postgresql+psycopg://x@127.0.0.1/h"
    assert history_url("sqlite:///elsewhere.sqlite3") == "sqlite:///elsewhere.sqlite3"


WORKER = PROJECT_ROOT / "tests" / "history" / "record_worker.py"


def test_two_processes_recording_the_same_change_record_it_once(store, store_url, demo_copy, tmp_path):
    store.record(demo_copy(read_at=datetime(2017, 5, 20, 9, 0))[1])
    raw, _ = demo_copy(give_printer, day=date(2017, 5, 22), read_at=datetime(2017, 5, 22, 9, 0))
    copy_path = write_snapshot(raw, tmp_path / "changed.xlsx")
    # Both processes read and clean first, then record at the same instant (a shared start time).
    start_at = time.time() + 8.0
    environment = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    workers = [subprocess.Popen([sys.executable, str(WORKER), store_url, str(copy_path), str(start_at)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment,
                                cwd=PROJECT_ROOT) for _ in range(2)]
    results = [worker.communicate(timeout=120) for worker in workers]
    assert [worker.returncode for worker in workers] == [0, 0], [err[-2000:] for _, err in results]
    states = sorted(out.strip().splitlines()[-1] for out, _ in results)
    assert states == ["recorded", "unchanged"]
    assert store.recorded_reads()["day"].tolist() == [DEMO_DAY, date(2017, 5, 22)]
    assert _counts(store)["history_points"] == 151  # 150 on the first day, KH-570-01 on the second


def test_a_store_that_cannot_be_opened_raises(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(Exception):
        open_history(f"sqlite:///{blocker / 'history.sqlite3'}")


def _state(store, day: date) -> dict:
    """Each listed point's `equipped` on `day`, rebuilt from the change log (its latest row on or before it)."""
    log = store.point_history()
    rows = log.loc[log["day"] <= day].drop_duplicates("point_code", keep="last")
    return dict(zip(rows.loc[rows["listed"], "point_code"], rows.loc[rows["listed"], "equipped"].astype(bool)))


def _drop_point(tabs: dict) -> None:
    """KH-570-02 leaves the sheet (its row is cleared)."""
    tabs["Cam Lâm"][2] = [None] * len(tabs["Cam Lâm"][2])


def test_only_the_points_that_changed_are_kept_and_a_point_that_leaves_is_marked(store, demo_copy):
    d1, d2, d3 = DEMO_DAY, date(2017, 5, 21), date(2017, 5, 22)
    first = demo_copy(day=d1, read_at=datetime(2017, 5, 20, 9))[1]
    store.record(first)
    store.record(demo_copy(lambda tabs: (give_printer(tabs), _drop_point(tabs)), day=d3,
                           read_at=datetime(2017, 5, 22, 9))[1])
    log = store.point_history()
    third = log.loc[log["day"] == d3].set_index("point_code")
    assert sorted(third.index) == ["KH-570-01", "KH-570-02"]
    assert (bool(third.loc["KH-570-01", "equipped"]), bool(third.loc["KH-570-01", "listed"])) == (True, True)
    assert bool(third.loc["KH-570-02", "listed"]) is False
    # A copy of 21/05 (printer given, KH-570-02 still there) recorded afterwards, between the two days:
    # 21/05 keeps KH-570-01, and 22/05's rows are made again against it: only KH-570-02 leaving.
    assert store.record(demo_copy(give_printer, day=d2, read_at=datetime(2017, 5, 21, 9))[1]).state == "recorded"
    log = store.point_history()
    assert log.loc[log["day"] == d2, "point_code"].tolist() == ["KH-570-01"]
    assert log.loc[log["day"] == d3, "point_code"].tolist() == ["KH-570-02"]
    # Each day's state, rebuilt from the log, is the figures of that day's copy.
    expected_first = {row["point_code"]: row["equipped"] for row in first.points}
    assert _state(store, d1) == expected_first
    assert _state(store, d2) == {**expected_first, "KH-570-01": True}
    assert _state(store, d3) == {code: value for code, value in {**expected_first, "KH-570-01": True}.items()
                                 if code != "KH-570-02"}


def test_the_province_history_is_summed_by_the_store(store, demo_copy):
    store.record(demo_copy(read_at=datetime(2017, 5, 20, 9))[1])
    store.record(demo_copy(give_printer, day=date(2017, 5, 21), read_at=datetime(2017, 5, 21, 9))[1])
    province = store.province_history(columns=("points_target", "points_equipped"))
    # The demo: 153 points expected, 97 equipped; KH-570-01's printer makes 98.
    assert province.to_dict("records") == [{"day": DEMO_DAY, "points_target": 153, "points_equipped": 97},
                                           {"day": date(2017, 5, 21), "points_target": 153, "points_equipped": 98}]
