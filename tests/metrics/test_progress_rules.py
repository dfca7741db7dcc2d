"""Progress over time from small recorded histories, each worked out by hand beside its expected figures."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest

from lib.metrics.progress import (
    PROGRESS_COLUMNS,
    compute_burn_up,
    compute_change_since,
    compute_district_history_pace,
    compute_history_pace,
    compute_progress_table,
    compute_since_choices,
    compute_progress,
    compute_province_progress,
    compute_weekly_moves,
    recorded_day_on,
)

D1, D2, D3 = date(2017, 4, 22), date(2017, 4, 29), date(2017, 5, 6)  # three Saturdays


def _districts(*rows) -> pd.DataFrame:
    """District history rows: (day, code, points, target, equipped, trained, live, children, supervised, state)."""
    return pd.DataFrame([{
        "day": day, "district_code": code, "district_name": f"Huyện {code}", "points": points,
        "points_target": target, "points_equipped": equipped, "points_trained": trained, "points_live": live,
        "points_children": children, "points_supervised": supervised, "report_state": state,
    } for day, code, points, target, equipped, trained, live, children, supervised, state in rows])


def _points(*rows) -> pd.DataFrame:
    """Point history rows: (day, code, district, "EATCS" flags as a 5-letter string of 0/1)."""
    return pd.DataFrame([{
        "day": day, "point_code": code, "point_name": f"Điểm {code}", "district_code": district,
        **{flag: bit == "1" for flag, bit in zip(("equipped", "all_trained", "live", "children_complete",
                                                    "supervised"), bits)},
    } for day, code, district, bits in rows])


# Two districts over three weeks.
HISTORY = _districts(
    (D1, "A", 3, 4, 1, 0, 0, 0, 0, "pending"), (D1, "B", 2, 2, 0, 0, 0, 0, 0, "pending"),
    (D2, "A", 3, 4, 2, 1, 0, 0, 0, "pending"), (D2, "B", 2, 2, 1, 0, 0, 0, 0, "pending"),
    (D3, "A", 4, 4, 4, 1, 1, 0, 1, "missing"), (D3, "B", 2, 2, 1, 2, 0, 0, 0, "on_time"),
)


def test_the_progress_table_has_the_shape_the_command_line_prints():
    table = compute_progress_table(HISTORY)
    assert tuple(table.columns) == PROGRESS_COLUMNS
    assert table.iloc[4].to_dict() == {"date": D3, "district_code": "A", "district_name": "Huyện A", "points": 4,
                                       "equipped": 4, "all_trained": 1, "live": 1, "children_entered": 0,
                                       "supervised": 1}


@pytest.mark.parametrize("district, as_of, expected", [
    # The province: A + B each day; scope 4 + 2 = 6.
    (None, None, {D1: (1, 6), D2: (3, 6), D3: (5, 6)}),
    ("A", None, {D1: (1, 4), D2: (2, 4), D3: (4, 4)}),
    ("B", D2, {D1: (0, 2), D2: (1, 2)}),  # days after the as-of date are left out
    ("Z", None, {}),  # a district never recorded
])
def test_burn_up_of_equipped(district, as_of, expected):
    burn_up = compute_burn_up(HISTORY, district, as_of)
    equipped = burn_up.loc[burn_up["condition"] == "equipped"]
    assert {row.day: (row.done, row.scope) for row in equipped.itertuples()} == expected


def test_burn_up_lists_every_condition_each_day():
    burn_up = compute_burn_up(HISTORY)
    assert burn_up.loc[burn_up["day"] == D3].set_index("condition")["done"].to_dict() == {
        "equipped": 5, "all_trained": 3, "live": 1, "children_entered": 0, "supervised": 1}


POINTS = _points(
    (D1, "p1", "A", "10000"), (D1, "p2", "A", "00000"), (D1, "p3", "B", "00000"),
    # week of 24/04: p2 equipped; p3 equipped and trained (one point, two conditions).
    (D2, "p1", "A", "10000"), (D2, "p2", "A", "10000"), (D2, "p3", "B", "11000"),
    # week of 01/05: p1 goes live and loses its printer (equipped lost); p4 is listed, equipped.
    (D3, "p1", "A", "00100"), (D3, "p2", "A", "10000"), (D3, "p3", "B", "11000"), (D3, "p4", "A", "10000"),
)


@pytest.mark.parametrize("district, week, condition, gained, lost", [
    (None, date(2017, 4, 24), "equipped", 2, 0),
    (None, date(2017, 4, 24), "all_trained", 1, 0),
    (None, date(2017, 4, 24), "any", 2, 0),  # p2 and p3: p3 counted once
    (None, date(2017, 5, 1), "equipped", 1, 1),  # p4 listed equipped; p1 lost it
    (None, date(2017, 5, 1), "live", 1, 0),
    (None, date(2017, 5, 1), "any", 2, 1),
    ("B", date(2017, 5, 1), "any", 0, 0),
    ("B", date(2017, 4, 24), "equipped", 1, 0),
])
def test_weekly_moves(district, week, condition, gained, lost):
    moves = compute_weekly_moves(POINTS, district)
    row = moves.loc[(moves["week"] == week) & (moves["condition"] == condition)]
    assert (int(row["gained"].item()), int(row["lost"].item())) == (gained, lost)


def test_the_first_recorded_week_is_the_baseline_and_gains_minus_losses_follow_the_burn_up():
    moves = compute_weekly_moves(POINTS)
    assert sorted(set(moves["week"])) == [date(2017, 4, 24), date(2017, 5, 1)]
    equipped = moves.loc[moves["condition"] == "equipped"]
    # Equipped points: 1 on D1, 3 on D2, 3 on D3 (p2, p3, p4).
    assert (equipped["gained"] - equipped["lost"]).tolist() == [3 - 1, 3 - 3]
    assert compute_weekly_moves(POINTS.iloc[0:3]).empty  # one recorded day: nothing moved yet


@pytest.mark.parametrize("day, expected", [
    (date(2017, 4, 21), None), (D1, D1), (date(2017, 4, 28), D1), (date(2017, 6, 1), D3)])
def test_the_recorded_day_holding_on_a_date(day, expected):
    assert recorded_day_on(HISTORY, day) == expected


def test_change_since_a_date_per_district_and_province():
    change = compute_change_since(HISTORY, POINTS, since=date(2017, 4, 25), as_of=date(2017, 5, 8))
    assert (change.base_day, change.current_day) == (D1, D3)
    by_code = change.districts.set_index("district_code")
    # A: equipped 1 → 4, trained 0 → 1, live 0 → 1, supervised 0 → 1; its report is now overdue.
    assert by_code.loc["A", ["equipped", "all_trained", "live", "children_entered", "supervised", "overdue"]] \
        .tolist() == [3, 1, 1, 0, 1, 1]
    assert by_code.loc["B", ["equipped", "all_trained", "overdue"]].tolist() == [1, 2, 0]
    assert change.province == {"equipped": 4, "all_trained": 3, "live": 1, "children_entered": 0,
                               "supervised": 1, "overdue": 1}
    moved = {row.point_code: (row.gained, row.lost) for row in change.points.itertuples()}
    # From D1 to D3 directly: p1 live but no longer equipped, p2 equipped, p3 equipped and trained, p4 new.
    assert moved == {"p1": (["live"], ["equipped"]), "p2": (["equipped"], []),
                     "p3": (["equipped", "all_trained"], []), "p4": (["equipped"], [])}


def test_change_since_a_date_before_the_history_starts_from_its_first_day():
    change = compute_change_since(HISTORY, POINTS, since=date(2017, 4, 1), as_of=D2)
    assert (change.base_day, change.current_day) == (D1, D2)
    assert change.province["equipped"] == 2
    assert set(change.points["point_code"]) == {"p2", "p3"}


def test_change_since_with_no_history_is_nothing():
    change = compute_change_since(HISTORY.iloc[0:0], POINTS.iloc[0:0], since=D1, as_of=D3)
    assert (change.base_day, change.current_day) == (None, None)
    assert change.districts.empty and change.points.empty
    assert set(change.province.values()) == {0}


def test_pace_from_the_history_and_the_weeks_it_rests_on():
    pace = compute_history_pace(HISTORY, as_of=D3, deadline=date(2017, 6, 1)).set_index("condition")
    equipped = pace.loc["equipped"]
    # 1 → 5 of 6 points over 2 weeks: 2 points a week; 1 left → 3.5 days → 4 days after 06/05.
    assert (equipped["weeks"], equipped["pace_per_week"], equipped["forecast"]) == (2.0, 2.0, date(2017, 5, 10))
    assert not equipped["late"]
    live = pace.loc["live"]
    # 0 → 1 over 2 weeks: 0.5 a week; 5 left → 70 days → 15/07, after the deadline.
    assert (live["pace_per_week"], live["forecast"], live["late"]) == (0.5, date(2017, 7, 15), True)
    children = pace.loc["children_entered"]
    assert children["forecast"] is None and children["late"]  # no gain at all
    district_a = compute_history_pace(HISTORY, as_of=D3, deadline=None, district_code="A").set_index("condition")
    assert district_a.loc["equipped", "forecast"] == D3  # all 4 equipped: done on the last recorded day
    one_day = compute_history_pace(HISTORY, as_of=D1, deadline=None).set_index("condition")
    assert one_day.loc["equipped", "weeks"] == 0.0 and math.isnan(one_day.loc["equipped", "pace_per_week"])


def test_the_province_row_of_each_day_sums_its_districts():
    province = compute_province_progress(compute_progress_table(HISTORY))
    assert province["date"].tolist() == [D1, D2, D3]
    # D3: A 4 + B 2 points; equipped 4 + 1; trained 1 + 2.
    assert province.iloc[2][["points", "equipped", "all_trained", "live"]].tolist() == [6, 5, 3, 1]
    assert province["district_code"].isna().all()


def test_the_progress_of_one_district_up_to_the_as_of_date():
    progress = compute_progress(HISTORY, POINTS, as_of=D2, deadline=date(2017, 6, 1), district_code="A")
    assert (progress.days, progress.weeks) == ((D1, D2), 1.0)
    assert progress.burn_up.loc[progress.burn_up["condition"] == "equipped", "done"].tolist() == [1, 2]
    # Week of 24/04 in district A: p2 equipped.
    assert progress.weekly_moves.set_index("condition").loc["any", "gained"] == 1
    assert progress.pace.set_index("condition").loc["equipped", "pace_per_week"] == 1.0
    empty = compute_progress(HISTORY.iloc[0:0], POINTS.iloc[0:0], as_of=D3, deadline=None)
    assert (empty.days, empty.weeks) == ((), 0.0) and empty.burn_up.empty and empty.weekly_moves.empty


@pytest.mark.parametrize("recorded, as_of, choices, default", [
    # A week before the as-of date, and the recorded days before the as-of date, newest first.
    ([D1, D2, D3], D3, [D2, D1], D2),  # D3 − 7 days is D2 itself: offered once
    ([D1, D2, D3], date(2017, 5, 10), [D3, date(2017, 5, 3), D2, D1], date(2017, 5, 3)),
    ([D1, D1], D1, [date(2017, 4, 15)], date(2017, 4, 15)),  # nothing recorded before the as-of date
    ([], D1, [date(2017, 4, 15)], date(2017, 4, 15)),
])
def test_the_dates_since_offers(recorded, as_of, choices, default):
    assert compute_since_choices(recorded, as_of) == (choices, default)


def test_change_since_for_the_districts_shown():
    change = compute_change_since(HISTORY, POINTS, since=D1, as_of=D3, district_codes=("B",))
    # B alone: equipped 0 → 1, trained 0 → 2; p3 is its only point that moved.
    assert change.province == {"equipped": 1, "all_trained": 2, "live": 0, "children_entered": 0,
                               "supervised": 0, "overdue": 0}
    assert change.points["point_code"].tolist() == ["p3"]


@pytest.mark.parametrize("district, condition, pace, forecast, late", [
    # A over D1 → D3 (2 weeks): equipped 1 → 4 of 4: met on D3.
    ("A", "equipped", 1.5, D3, False),
    # trained 0 → 1: 0.5 a week, 3 left → 6 weeks after D3 = 17/06, after the 01/06 deadline.
    ("A", "all_trained", 0.5, date(2017, 6, 17), True),
    ("A", "children_entered", 0.0, None, True),  # no gain: no forecast, late
    # B: equipped 0 → 1 of 2: 0.5 a week, 1 left → 2 weeks after D3 = 20/05.
    ("B", "equipped", 0.5, date(2017, 5, 20), False),
    ("B", "all_trained", 1.0, D3, False),  # 0 → 2 of 2: met
])
def test_the_history_pace_of_each_district(district, condition, pace, forecast, late):
    table = compute_district_history_pace(HISTORY, D3, date(2017, 6, 1))
    row = table.loc[(table["district_code"] == district) & (table["condition"] == condition)].iloc[0]
    assert (row["pace_per_week"], row["forecast"], row["late"], row["weeks"]) == (pace, forecast, late, 2.0)
    assert row["district_name"] == f"Huyện {district}"


def test_the_history_pace_of_the_districts_shown_and_of_none():
    assert set(compute_district_history_pace(HISTORY, D3, None, ("B",))["district_code"]) == {"B"}
    assert compute_district_history_pace(HISTORY.iloc[0:0], D3, None).empty
    # Up to D2 only: one week of history.
    assert set(compute_district_history_pace(HISTORY, D2, None)["weeks"]) == {1.0}


# The same history as the store keeps it: only the rows that changed, `listed` False for a point that left.
LOG = pd.concat([_points(
    (D1, "p1", "A", "10000"), (D1, "p2", "A", "00000"), (D1, "p3", "B", "00000"),
    (D2, "p2", "A", "10000"), (D2, "p3", "B", "11000"),
    (D3, "p1", "A", "00100"), (D3, "p4", "A", "10000"),
).assign(listed=True), _points((D3, "p3", "B", "00000")).assign(listed=False)], ignore_index=True)  # p3 left on D3


@pytest.mark.parametrize("week, condition, gained, lost", [
    (date(2017, 4, 24), "equipped", 2, 0),  # p2, p3
    (date(2017, 5, 1), "equipped", 1, 2),  # p4 listed equipped; p1 lost its printer, p3 left the sheet
    (date(2017, 5, 1), "all_trained", 0, 1),  # p3 left
    (date(2017, 5, 1), "any", 2, 2),  # gained: p1 (live), p4; lost: p1, p3
])
def test_weekly_moves_from_the_change_log(week, condition, gained, lost):
    moves = compute_weekly_moves(LOG)
    row = moves.loc[(moves["week"] == week) & (moves["condition"] == condition)]
    assert (int(row["gained"].item()), int(row["lost"].item())) == (gained, lost)


def test_a_recorded_day_with_no_point_row_still_has_its_week():
    # 13/05 recorded (a district's report came in) but no point changed: its week is there, with nothing moved.
    moves = compute_weekly_moves(LOG, recorded_days=[D1, D2, D3, date(2017, 5, 13)])
    week = moves.loc[moves["week"] == date(2017, 5, 8)]
    assert len(week) == 6 and week[["gained", "lost"]].sum().sum() == 0


def test_change_since_from_the_change_log():
    change = compute_change_since(HISTORY, LOG, since=D1, as_of=D3)
    moved = {row.point_code: (row.gained, row.lost) for row in change.points.itertuples()}
    # p2 unchanged since D2 still moved since D1; p3 gained on D2 and left on D3: from D1 to D3 nothing.
    assert moved == {"p1": (["live"], ["equipped"]), "p2": (["equipped"], []), "p4": (["equipped"], [])}
    change = compute_change_since(HISTORY, LOG, since=D2, as_of=D3)
    assert {row.point_code for row in change.points.itertuples()} == {"p1", "p3", "p4"}
    assert change.points.set_index("point_code").loc["p3", "lost"] == ["equipped", "all_trained"]
