"""The readiness rules, one table of hand-checkable inputs and expected outputs each.

Shaped after datasette's `tests/test_filters.py`: each row is an input small enough to work out
on paper, and the figure the rule must give.
"""

from __future__ import annotations

import math
from datetime import date
from types import SimpleNamespace

import pandas as pd
import pytest

from lib.metrics.readiness import (
    COUNT_COLUMNS,
    SHARE_COLUMNS,
    compute_district_headline,
    compute_district_readiness,
    compute_headline,
    compute_point_status,
    counted,
)

AS_OF = date(2017, 5, 20)
NOWHERE = SimpleNamespace(communes=[], districts=[])  # no unit to fall back on: coordinates stay NaN


def _points(*rows: dict) -> pd.DataFrame:
    """A cleaned point table from a few fields per row; every other column blank, typed as cleaning types it."""
    defaults = {"district_code": "D1", "district_name": "Huyện Một", "point_code": None, "commune_code": None,
                "has_computer": True, "has_printer": True, "has_internet": True, "staff": 2, "trained_staff": 2,
                "training_date": "2017-04-01", "proficient": None, "eligible_children": 100,
                "children_entered": 100, "go_live_date": "2017-05-01", "supervision_date": None,
                "supervision_result": None, "latitude": None, "longitude": None}
    frame = pd.DataFrame([{**defaults, "point_code": f"P{index}", **row} for index, row in enumerate(rows)],
                         columns=list(defaults))
    for column in ("district_code", "district_name", "point_code", "commune_code", "supervision_result"):
        frame[column] = frame[column].astype("string")
    for column in ("has_computer", "has_printer", "has_internet", "proficient"):
        frame[column] = frame[column].astype("boolean")
    for column in ("staff", "trained_staff", "eligible_children", "children_entered"):
        frame[column] = frame[column].astype("Int64")
    for column in ("training_date", "go_live_date", "supervision_date"):
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[us]")
    for column in ("latitude", "longitude"):
        frame[column] = frame[column].astype("Float64")
    return frame


def _districts(*rows: tuple[str, int | None]) -> pd.DataFrame:
    return pd.DataFrame({"district_code": pd.array([code for code, _ in rows], dtype="string"),
                         "district_name": pd.array([f"Huyện {code}" for code, _ in rows], dtype="string"),
                         "expected_points": pd.array([expected for _, expected in rows], dtype="Int64")})


def _status(*rows: dict) -> pd.DataFrame:
    return compute_point_status(_points(*rows), NOWHERE, AS_OF)


# ---------------------------------------------------------------- the cross-cell rule


@pytest.mark.parametrize("count, bound, expected", [
    (2, 3, 2),  # within its bound: as typed
    (3, 3, 3),
    (5, 3, 3),  # Cam Lâm!K3: 5 trained of 3 staff counts 3
    (None, 3, None),  # blank stays blank (counts 0 in a sum)
    (4, None, None),  # nothing to be a share of: counts none
    (0, 0, 0),
])
def test_a_count_counts_at_most_its_bound(count, bound, expected):
    result = counted(pd.Series([count], dtype="Int64"), pd.Series([bound], dtype="Int64")).iloc[0]
    assert (result is pd.NA) if expected is None else result == expected


@pytest.mark.parametrize("row, trained_counted, staff_untrained, all_trained", [
    ({"staff": 3, "trained_staff": 2}, 2, 1, False),
    ({"staff": 3, "trained_staff": 3}, 3, 0, True),
    ({"staff": 3, "trained_staff": 5}, 3, 0, True),  # above staff: as many as the staff, no more
    ({"staff": 3, "trained_staff": None}, None, 3, False),  # nobody known trained
    ({"staff": None, "trained_staff": 4}, None, 0, False),  # no staff: nothing to train, nothing counted
    ({"staff": 0, "trained_staff": 0}, 0, 0, False),  # no staff is not "all trained"
])
def test_trained_staff_as_counted(row, trained_counted, staff_untrained, all_trained):
    point = _status(row).iloc[0]
    assert (point["trained_counted"] is pd.NA) if trained_counted is None else point["trained_counted"] == trained_counted
    assert point["staff_untrained"] == staff_untrained
    assert bool(point["all_trained"]) is all_trained


@pytest.mark.parametrize("eligible, entered, children_counted, complete", [
    (100, 95, 95, True),  # 95 % is the threshold
    (100, 94, 94, False),
    (684, 846, 684, True),  # Nha Trang!O3: more entered than eligible counts the eligible
    (100, None, None, False),
    (None, 50, None, False),
])
def test_children_as_counted(eligible, entered, children_counted, complete):
    point = _status({"eligible_children": eligible, "children_entered": entered}).iloc[0]
    value = point["children_counted"]
    assert (value is pd.NA) if children_counted is None else value == children_counted
    assert bool(point["children_complete"]) is complete


@pytest.mark.parametrize("row, conditions_met, ready", [
    ({}, 4, True),
    ({"has_printer": False}, 3, False),
    ({"has_internet": None}, 3, False),  # unknown is not met
    ({"go_live_date": "2017-05-21"}, 3, False),  # after the as-of date: not live yet
    ({"go_live_date": None, "trained_staff": 1}, 2, False),
])
def test_conditions_met(row, conditions_met, ready):
    point = _status(row).iloc[0]
    assert point["conditions_met"] == conditions_met
    assert bool(point["ready"]) is ready


@pytest.mark.parametrize("supervision_date, result, supervised, passed", [
    ("2017-05-10", "Đạt", True, True),
    ("2017-05-10", "Chưa đạt", True, False),
    ("2017-05-25", "Đạt", False, False),  # planned, not yet done
    (None, None, False, False),
])
def test_supervision(supervision_date, result, supervised, passed):
    point = _status({"supervision_date": supervision_date, "supervision_result": result}).iloc[0]
    assert (bool(point["supervised"]), bool(point["passed"])) == (supervised, passed)


# ---------------------------------------------------------------- districts and the province


def _readiness(points: list[dict], districts: list[tuple[str, int | None]]) -> pd.DataFrame:
    return compute_district_readiness(_status(*points), _districts(*districts))


@pytest.mark.parametrize("listed, expected, target, share_live", [
    (15, 20, 20, 15 / 20),  # expects more than it lists: the shares wait for the rest
    (15, 15, 15, 1.0),
    (15, 10, 15, 1.0),  # lists more than it expected: the listed
    (15, None, 15, 1.0),  # expects nothing said: the listed
    (0, 4, 4, 0.0),  # nothing listed yet: 0 of 4
    (0, None, 0, math.nan),  # nothing at all: no share
])
def test_points_target_is_the_larger_of_listed_and_expected(listed, expected, target, share_live):
    row = _readiness([{}] * listed, [("D1", expected)]).iloc[0]
    assert row["points"] == listed and row["points_target"] == target
    assert (math.isnan(row["share_live"]) and math.isnan(share_live)) or row["share_live"] == pytest.approx(share_live)


def test_the_province_divides_by_the_sum_of_the_district_targets():
    # D1 lists 15 of 20 expected, all live; D2 lists 5 of 5, none live.
    points = [{"district_code": "D1"}] * 15 + [{"district_code": "D2", "go_live_date": None}] * 5
    readiness = _readiness(points, [("D1", 20), ("D2", 5)])
    headline = compute_headline(readiness)
    assert (headline["points"], headline["points_target"], headline["points_live"]) == (20, 25, 15)
    assert headline["share_live"] == pytest.approx(15 / 25)  # not 15 / 20: D1's missing 5 are not live
    assert list(readiness["share_live"]) == pytest.approx([15 / 20, 0.0])


def test_staff_totals_sum_the_counted_figures():
    points = [{"staff": 3, "trained_staff": 5}, {"staff": 4, "trained_staff": 2}, {"staff": 2, "trained_staff": None,
                                                                                  "training_date": None}]
    row = _readiness(points, [("D1", None)]).iloc[0]
    assert (row["staff"], row["trained_staff"], row["staff_untrained"]) == (9, 5, 4)  # 3 + 2 + 0; 0 + 2 + 2
    assert row["share_trained_staff"] == pytest.approx(5 / 9)
    assert row["trained_undated"] == 0  # the undated point has nobody trained


def test_the_headline_is_the_sum_of_its_rows_for_every_count():
    points = ([{"district_code": "D1", "has_printer": False}] * 3
              + [{"district_code": "D2", "staff": 5, "trained_staff": 1, "proficient": True}] * 2
              + [{"district_code": "D3", "supervision_date": "2017-05-01", "supervision_result": "Đạt"}])
    readiness = _readiness(points, [("D1", 4), ("D2", None), ("D3", 2)])
    headline = compute_headline(readiness)
    for column in COUNT_COLUMNS:
        assert headline[column] == readiness[column].sum(), column
    assert set(headline) == {*COUNT_COLUMNS, *SHARE_COLUMNS}


def test_a_district_headline_is_its_row():
    points = [{"district_code": "D1"}] * 2 + [{"district_code": "D2", "has_computer": False}]
    readiness = _readiness(points, [("D1", 3), ("D2", None)])
    d1 = compute_district_headline(readiness, "D1")
    assert (d1["points"], d1["points_target"], d1["points_equipped"]) == (2, 3, 2)
    assert d1["share_equipped"] == pytest.approx(2 / 3)
    unknown = compute_district_headline(readiness, "D9")
    assert unknown["points"] == 0 and math.isnan(unknown["share_equipped"])


def test_points_of_an_unlisted_district_get_their_own_row():
    points = [{"district_code": "D1"}, {"district_code": "D7", "district_name": "Huyện Bảy"}]
    readiness = _readiness(points, [("D1", None)])
    assert list(readiness["district_code"]) == ["D1", "D7"]
    assert compute_headline(readiness)["points"] == 2


def test_an_empty_table_gives_zeros_and_no_shares():
    readiness = compute_district_readiness(_status({}).iloc[0:0], _districts())
    headline = compute_headline(readiness)
    assert headline["points"] == 0 and headline["points_target"] == 0
    assert all(math.isnan(headline[column]) for column in SHARE_COLUMNS)
