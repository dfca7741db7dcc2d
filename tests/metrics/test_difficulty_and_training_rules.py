"""When a difficulty is open, and how staff trained add up over time: tables of tiny inputs."""

from __future__ import annotations

import pandas as pd
import pytest

from lib.metrics.difficulties import compute_difficulties, is_open
from lib.metrics.readiness import compute_district_readiness
from lib.metrics.training import compute_session_totals, compute_training_curve


@pytest.mark.parametrize("status, expected", [
    ("Mới", True),
    ("Đang xử lý", True),
    ("Đã giải quyết", False),
    (None, True),  # nobody has said it is solved
])
def test_is_open(status, expected):
    assert is_open(pd.Series([status], dtype="string")).tolist() == [expected]


def test_the_log_lists_open_difficulties_first_then_oldest_first():
    log = pd.DataFrame({"reported_date": pd.to_datetime(["2017-05-03", "2017-05-01", "2017-05-02", "2017-05-04"]),
                        "status": pd.array(["Đã giải quyết", "Mới", "Đã giải quyết", "Đang xử lý"], dtype="string"),
                        "district_code": pd.array(["D1", "D1", "D2", "D2"], dtype="string")})
    ordered = compute_difficulties(log)
    assert list(ordered["reported_date"].dt.day) == [1, 4, 2, 3]
    assert list(ordered["open"]) == [True, True, False, False]


def _curve_points(rows: list[tuple[str | None, int | None, int | None]]) -> pd.DataFrame:
    """(training date, trained counted, staff) per point."""
    return pd.DataFrame({"training_date": pd.to_datetime([r[0] for r in rows]).astype("datetime64[us]"),
                         "trained_counted": pd.array([r[1] for r in rows], dtype="Int64"),
                         "staff": pd.array([r[2] for r in rows], dtype="Int64")})


@pytest.mark.parametrize("rows, cumulative", [
    ([("2017-04-01", 2, 3), ("2017-04-03", 3, 3)], [2, 5]),
    ([("2017-04-01", 2, 3), ("2017-04-01", 1, 3)], [3]),  # one step per day
    ([("2017-04-01", 2, 3), (None, 3, 3)], [2]),  # no date: not on the curve
    ([("2017-04-01", None, 3)], []),  # nobody trained: no step
    ([], []),
])
def test_training_curve(rows, cumulative):
    assert compute_training_curve(_curve_points(rows))["cumulative"].tolist() == cumulative


def test_the_curve_end_plus_the_undated_is_the_trained_total():
    from tests.metrics.test_readiness_rules import _districts, _status

    status = _status({"staff": 3, "trained_staff": 5}, {"staff": 4, "trained_staff": 2, "training_date": None},
                     {"staff": 2, "trained_staff": 1, "training_date": "2017-04-05"})
    row = compute_district_readiness(status, _districts(("D1", None))).iloc[0]
    curve = compute_training_curve(status)
    assert (curve["cumulative"].iloc[-1], row["trained_undated"], row["trained_staff"]) == (4, 2, 6)


@pytest.mark.parametrize("participants, expected", [
    ([12, 30], {"sessions": 2, "participants": 42}),
    ([12, None], {"sessions": 2, "participants": 12}),
    ([], {"sessions": 0, "participants": 0}),
])
def test_session_totals(participants, expected):
    sessions = pd.DataFrame({"participants": pd.array(participants, dtype="Int64")})
    assert compute_session_totals(sessions) == expected
