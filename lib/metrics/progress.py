"""Progress over time, from the history the dashboard records (`lib.history`): burn-up series, points
moved each week, the change since a date, and the pace each condition has kept.

The history holds, for each recorded day, every district's counts (`history_districts`) and the
points whose conditions changed that day (`history_points`, a change log: a point's state on a day
is its latest row on or before it; `listed` False when it left the sheet), as
`lib.metrics.readiness` computed them; this module only compares recorded days. A day with no
record has the figures of the last recorded day before it (nothing was recorded because nothing
changed). A point newly listed counts as having gained what it meets; a point no longer listed
has lost what it met: so the points gained minus the points lost over a span always equal the
change of the burn-up over that span. The first recorded day is the baseline: nothing moved on it.

Pure pandas; `as_of` and the dates compared are parameters.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class ProgressCondition:
    """One condition followed over time: its key in the progress tables and where it is recorded."""

    key: str  # column of the progress table, e.g. "equipped"
    count: str  # the district history's count of points meeting it, e.g. "points_equipped"
    flag: str  # the point history's bool column, e.g. "equipped"
    label: str  # i18n key of its name


PROGRESS_CONDITIONS = (
    ProgressCondition("equipped", "points_equipped", "equipped", "cond.equipped"),
    ProgressCondition("all_trained", "points_trained", "all_trained", "cond.trained"),
    ProgressCondition("live", "points_live", "live", "cond.live"),
    ProgressCondition("children_entered", "points_children", "children_complete", "cond.children"),
    ProgressCondition("supervised", "points_supervised", "supervised", "prog.cond.supervised"),
)
PROGRESS_KEYS = tuple(condition.key for condition in PROGRESS_CONDITIONS)
# The columns of `compute_progress_table`, which `python -m lib history show --json` prints.
PROGRESS_COLUMNS = ("date", "district_code", "district_name", "points", *PROGRESS_KEYS)
# The district history's columns these functions read (`HistoryStore.district_history(columns=...)`).
DISTRICT_HISTORY_COLUMNS = ("district_code", "district_name", "points", "points_target",
                            *(c.count for c in PROGRESS_CONDITIONS), "report_state")
# The point history's columns these functions read (`HistoryStore.point_history(columns=...)`).
POINT_HISTORY_COLUMNS = ("point_code", "point_name", "district_code", *(c.flag for c in PROGRESS_CONDITIONS),
                         "listed")
OVERDUE_STATE = "missing"  # deadlines.compute_district_reports: the report's deadline passed, none received


def compute_progress_table(district_history: pd.DataFrame) -> pd.DataFrame:
    """One row per recorded day and district: how many points, and how many meet each condition.

    Args:
        district_history: `HistoryStore.district_history()`: `day` (date), `district_code`,
            `district_name`, `points` and the `points_*` counts (int).

    Returns:
        `PROGRESS_COLUMNS`: `date` (date), `district_code`, `district_name` (str), `points` (int,
        points listed) and, per `PROGRESS_KEYS`, the points meeting that condition (int); by day,
        then in the district history's order.
    """
    table = pd.DataFrame({
        "date": district_history["day"],
        "district_code": district_history["district_code"],
        "district_name": district_history["district_name"],
        "points": district_history["points"].astype("int64"),
        **{c.key: district_history[c.count].astype("int64") for c in PROGRESS_CONDITIONS},
    }, columns=list(PROGRESS_COLUMNS))
    return table.reset_index(drop=True)


def compute_province_progress(progress_table: pd.DataFrame) -> pd.DataFrame:
    """The province's row for each recorded day: the sum of that day's district rows.

    Args:
        progress_table: `compute_progress_table`'s table (any subset of its rows).

    Returns:
        `PROGRESS_COLUMNS` with `district_code` and `district_name` None, one row per `date`.
    """
    counted = ["points", *PROGRESS_KEYS]
    sums = progress_table.groupby("date", sort=True)[counted].sum().reset_index()
    sums = sums.assign(district_code=None, district_name=None)
    return sums[list(PROGRESS_COLUMNS)].astype({column: "int64" for column in counted})


def _recorded(district_history: pd.DataFrame, district_code: str | None, as_of: date | None) -> pd.DataFrame:
    rows = district_history
    if district_code is not None:
        rows = rows.loc[rows["district_code"] == district_code]
    if as_of is not None:
        rows = rows.loc[rows["day"] <= as_of]
    return rows


def compute_burn_up(district_history: pd.DataFrame, district_code: str | None = None,
                    as_of: date | None = None) -> pd.DataFrame:
    """The burn-up of each condition: per recorded day, the points meeting it and the points to reach.

    Args:
        district_history: `HistoryStore.district_history()` (see `compute_progress_table`), with
            `points_target` (the larger of listed and expected points, as readiness computes it).
        district_code: one district; None: the province (the sum of the districts each day).
        as_of: leave out days after it; None keeps every day.

    Returns:
        Long form, by day then `PROGRESS_KEYS` order: `day` (date), `condition` (a key of
        `PROGRESS_KEYS`), `done` (int, points meeting it), `scope` (int, Σ points_target).
        No rows when nothing is recorded.
    """
    rows = _recorded(district_history, district_code, as_of)
    columns = ["points_target", *(c.count for c in PROGRESS_CONDITIONS)]
    per_day = rows.groupby("day", sort=True)[columns].sum() if len(rows) else pd.DataFrame(columns=columns)
    records = [{"day": day, "condition": c.key, "done": int(sums[c.count]), "scope": int(sums["points_target"])}
               for day, sums in per_day.iterrows() for c in PROGRESS_CONDITIONS]
    return pd.DataFrame(records, columns=["day", "condition", "done", "scope"])


def _met(point_log: pd.DataFrame) -> np.ndarray:
    """(rows × `PROGRESS_CONDITIONS`) int8: what each log row says the point meets (nothing when unlisted)."""
    listed = point_log["listed"].fillna(False).to_numpy(dtype=bool) if "listed" in point_log \
        else np.ones(len(point_log), dtype=bool)
    return np.stack([point_log[c.flag].fillna(False).to_numpy(dtype=bool) & listed for c in PROGRESS_CONDITIONS],
                    axis=1).astype(np.int8)


def _point_changes(point_history: pd.DataFrame, district_code: str | None = None) -> pd.DataFrame:
    """Per point and recorded day after the first: +1/0/−1 per condition against its previous state.

    Args:
        point_history: the change log (`HistoryStore.point_history()`; a table with a row per
            point and day works too: rows equal to the previous state change nothing).

    Returns `day`, `point_code`, `point_name`, `district_code` and one int column per `PROGRESS_KEYS`,
    only the rows where something changed, by day then code.
    """
    columns = ["day", "point_code", "point_name", "district_code", *PROGRESS_KEYS]
    if point_history.empty:
        return pd.DataFrame(columns=columns)
    log = point_history.sort_values(["point_code", "day"], kind="stable").reset_index(drop=True)
    met = _met(log)
    codes = log["point_code"].to_numpy(dtype=object)
    previous = np.zeros_like(met)
    same_point = np.r_[False, codes[1:] == codes[:-1]]
    previous[1:][same_point[1:]] = met[:-1][same_point[1:]]
    change = met - previous
    days = log["day"].to_numpy(dtype=object)
    moved = (change != 0).any(axis=1) & (days > min(days))  # the first recorded day is the baseline
    last = log.drop_duplicates("point_code", keep="last").set_index("point_code")
    moved_codes = codes[moved]
    changes = pd.DataFrame({
        "day": days[moved],
        "point_code": moved_codes,
        "point_name": last["point_name"].reindex(moved_codes).to_numpy() if "point_name" in last else None,
        "district_code": last["district_code"].reindex(moved_codes).to_numpy(),
        **{c.key: change[moved, index].astype("int64") for index, c in enumerate(PROGRESS_CONDITIONS)},
    }, columns=columns).sort_values(["day", "point_code"], kind="stable")
    if district_code is not None:
        changes = changes.loc[changes["district_code"] == district_code]
    return changes.reset_index(drop=True)


def _states_on(point_history: pd.DataFrame, day: date) -> pd.DataFrame:
    """Each point's state on `day` (its latest log row on or before it): indexed by `point_code`, with
    `point_name`, `district_code` and one int 0/1 column per `PROGRESS_KEYS` (0 when unlisted)."""
    rows = point_history.loc[point_history["day"] <= day].sort_values("day", kind="stable")
    rows = rows.drop_duplicates("point_code", keep="last")
    met = _met(rows) if len(rows) else np.zeros((0, len(PROGRESS_CONDITIONS)), dtype=np.int8)
    return pd.DataFrame({"point_name": rows["point_name"].to_numpy(), "district_code": rows["district_code"].to_numpy(),
                         **{c.key: met[:, index].astype("int64") for index, c in enumerate(PROGRESS_CONDITIONS)}},
                        index=pd.Index(rows["point_code"].to_numpy(), name="point_code"))


def week_start(day: date) -> date:
    """The Monday of `day`'s week.

    >>> week_start(date(2017, 5, 20))  # a Saturday
    datetime.date(2017, 5, 15)
    """
    return day - timedelta(days=day.weekday())


def compute_weekly_moves(point_history: pd.DataFrame, district_code: str | None = None,
                         recorded_days=None) -> pd.DataFrame:
    """How many points moved each week: gained or lost each condition, against the previous recorded day.

    Args:
        point_history: `HistoryStore.point_history()`, the change log: `day` (date), `point_code`,
            `point_name`, `district_code`, the bool conditions (`equipped`, `all_trained`, `live`,
            `children_complete`, `supervised`) and `listed` (bool; absent: every row listed).
        district_code: one district's points; None: every point.
        recorded_days: every recorded day (a day on which no point changed has no log row); None:
            the days of the log.

    Returns:
        One row per week with a recorded day after the first (the first is the baseline) and per
        condition: `week` (date, its Monday), `condition` (a `PROGRESS_KEYS` key, or "any": the
        points that gained at least one condition), `gained`, `lost` (int points). Ordered by week.
    """
    changes = _point_changes(point_history, district_code)
    if recorded_days is None:
        recorded_days = point_history["day"].unique() if len(point_history) else []
    days = sorted(set(recorded_days))[1:]
    weeks = sorted({week_start(day) for day in days})
    records = []
    if len(changes):
        changes = changes.assign(week=[week_start(day) for day in changes["day"]])
    for week in weeks:
        in_week = changes.loc[changes["week"] == week] if len(changes) else changes
        for key in PROGRESS_KEYS:
            records.append({"week": week, "condition": key, "gained": int((in_week[key] > 0).sum()) if len(in_week) else 0,
                            "lost": int((in_week[key] < 0).sum()) if len(in_week) else 0})
        gained_any = in_week.loc[(in_week[list(PROGRESS_KEYS)] > 0).any(axis=1), "point_code"].nunique() \
            if len(in_week) else 0
        lost_any = in_week.loc[(in_week[list(PROGRESS_KEYS)] < 0).any(axis=1), "point_code"].nunique() \
            if len(in_week) else 0
        records.append({"week": week, "condition": "any", "gained": int(gained_any), "lost": int(lost_any)})
    return pd.DataFrame(records, columns=["week", "condition", "gained", "lost"])


def recorded_day_on(district_history: pd.DataFrame, day: date) -> date | None:
    """The recorded day whose figures hold on `day`: the latest recorded on or before it; None if none."""
    days = [recorded for recorded in district_history["day"].unique() if recorded <= day]
    return max(days) if days else None


@dataclass(frozen=True)
class ChangeSince:
    """What changed between two recorded days (`base_day` → `current_day`).

    `districts`: one row per district recorded on either day: `district_code`, `district_name`, per
    `PROGRESS_KEYS` the change in points meeting it (int, + more), and `overdue` (int: reports
    overdue now minus then, per district −1, 0 or +1). `province`: the same changes summed (dict).
    `points`: the points that moved, `point_code`, `point_name`, `district_code`, `gained` and `lost`
    (lists of `PROGRESS_KEYS`), by district then code.
    """

    since: date
    base_day: date | None
    current_day: date | None
    districts: pd.DataFrame
    province: dict
    points: pd.DataFrame


def compute_change_since(district_history: pd.DataFrame, point_history: pd.DataFrame, since: date,
                         as_of: date, district_codes: tuple[str, ...] = ()) -> ChangeSince:
    """The change from the figures holding on `since` to those holding on `as_of` (see `recorded_day_on`).

    With no record on or before `since`, the earliest recorded day is the base (everything
    recorded since the history began); with no record at all, every change is 0 and no point moved.

    Args:
        district_history: `HistoryStore.district_history()` (with `report_state`).
        point_history: `HistoryStore.point_history()`.
        since, as_of: the two dates compared (since ≤ as_of).
        district_codes: only these districts (the sidebar's filter); empty: every district.
    """
    if district_codes:
        district_history = district_history.loc[district_history["district_code"].isin(district_codes)]
        point_history = point_history.loc[point_history["district_code"].isin(district_codes)]
    current_day = recorded_day_on(district_history, as_of)
    base_day = recorded_day_on(district_history, since)
    if base_day is None and current_day is not None:
        base_day = min(district_history["day"])
    counts = [c.count for c in PROGRESS_CONDITIONS]

    def on(day):
        rows = district_history.loc[district_history["day"] == day] if day is not None else district_history.iloc[0:0]
        figures = rows.set_index("district_code")
        return figures[counts].astype("int64").assign(
            overdue=(figures["report_state"] == OVERDUE_STATE).astype("int64")), figures["district_name"]

    now, names_now = on(current_day)
    then, names_then = on(base_day)
    codes = list(dict.fromkeys([*now.index, *then.index]))
    delta = now.reindex(codes, fill_value=0) - then.reindex(codes, fill_value=0)
    districts = pd.DataFrame({
        "district_code": codes,
        "district_name": [names_now.get(code, names_then.get(code)) for code in codes],
        **{c.key: delta[c.count].astype("int64").to_numpy() for c in PROGRESS_CONDITIONS},
        "overdue": delta["overdue"].astype("int64").to_numpy(),
    })
    province = {key: int(districts[key].sum()) for key in (*PROGRESS_KEYS, "overdue")}
    points = pd.DataFrame(columns=["point_code", "point_name", "district_code", "gained", "lost"])
    if base_day is not None and current_day is not None and base_day != current_day and len(point_history):
        then_states, now_states = _states_on(point_history, base_day), _states_on(point_history, current_day)
        codes = now_states.index.union(then_states.index)
        keys = list(PROGRESS_KEYS)
        moves = now_states[keys].reindex(codes, fill_value=0) - then_states[keys].reindex(codes, fill_value=0)
        moves = moves.loc[(moves != 0).any(axis=1)]
        described = now_states.combine_first(then_states).reindex(moves.index)  # a point gone keeps its last name
        points = pd.DataFrame({
            "point_code": moves.index.to_numpy(),
            "point_name": described["point_name"].to_numpy(),
            "district_code": described["district_code"].to_numpy(),
            "gained": [[key for key, value in zip(keys, row) if value > 0] for row in moves.itertuples(index=False)],
            "lost": [[key for key, value in zip(keys, row) if value < 0] for row in moves.itertuples(index=False)],
        }, columns=["point_code", "point_name", "district_code", "gained", "lost"])
    points = points.sort_values(["district_code", "point_code"]).reset_index(drop=True)
    return ChangeSince(since, base_day, current_day, districts, province, points)


def compute_history_pace(district_history: pd.DataFrame, as_of: date, deadline: date | None,
                         district_code: str | None = None) -> pd.DataFrame:
    """The pace each condition has kept over the recorded history, and when it would be met at that pace.

    Pace = (points meeting it on the last recorded day − on the first) ÷ the weeks between those
    days. The forecast is the last recorded day plus the points still to reach ÷ pace; a condition
    already met everywhere is done on the last recorded day; one with no gain has no forecast.

    Args:
        district_history: `HistoryStore.district_history()`.
        as_of: the data's date (days after it are left out).
        deadline: the date to compare the forecast with, or None.
        district_code: one district; None: the province.

    Returns:
        One row per `PROGRESS_KEYS` condition: `condition`, `first_day`, `last_day` (date or None),
        `weeks` (float, the weeks of history the pace rests on: days between first and last ÷ 7),
        `done` (int, on the last day), `scope` (int), `pace_per_week` (float points/week, NaN with
        under a day of history), `forecast` (date or None), `late` (bool: forecast after the
        deadline, or no forecast while points remain and a deadline is set).
    """
    burn_up = compute_burn_up(district_history, district_code, as_of)
    rows = []
    for condition in PROGRESS_KEYS:
        series = burn_up.loc[burn_up["condition"] == condition].sort_values("day")
        if series.empty:
            rows.append({"condition": condition, "first_day": None, "last_day": None, "weeks": 0.0, "done": 0,
                         "scope": 0, "pace_per_week": math.nan, "forecast": None, "late": deadline is not None})
            continue
        first, last = series.iloc[0], series.iloc[-1]
        rows.append(_pace_row(condition, first["day"], last["day"], int(first["done"]), int(last["done"]),
                              int(last["scope"]), deadline))
    return pd.DataFrame(rows, columns=_PACE_COLUMNS)


_PACE_COLUMNS = ["condition", "first_day", "last_day", "weeks", "done", "scope", "pace_per_week", "forecast", "late"]


def _pace_row(condition: str, first_day, last_day, first_done: int, last_done: int, last_scope: int,
              deadline: date | None) -> dict:
    """One condition's row of `compute_history_pace`, from its first and last recorded day."""
    days = (last_day - first_day).days
    pace = (last_done - first_done) / (days / 7) if days > 0 else math.nan
    remaining = last_scope - last_done
    if remaining <= 0:
        forecast = last_day
    elif pace > 0:
        forecast = last_day + timedelta(days=math.ceil(remaining / pace * 7))
    else:
        forecast = None
    late = deadline is not None and (forecast is None or forecast > deadline)
    return {"condition": condition, "first_day": first_day, "last_day": last_day, "weeks": days / 7,
            "done": last_done, "scope": last_scope, "pace_per_week": pace, "forecast": forecast, "late": bool(late)}


@dataclass(frozen=True)
class Progress:
    """What the progress page shows of one unit (the province or a district), from the history.

    `burn_up`: `compute_burn_up`; `weekly_moves`: `compute_weekly_moves`; `pace`:
    `compute_history_pace`; `days`: the recorded days up to the as-of date (oldest first);
    `weeks`: the weeks of history the pace rests on (float, 0 with one recorded day or none).
    """

    district_code: str | None
    burn_up: pd.DataFrame
    weekly_moves: pd.DataFrame
    pace: pd.DataFrame
    days: tuple[date, ...]
    weeks: float


def compute_progress(district_history: pd.DataFrame, point_history: pd.DataFrame, as_of: date,
                     deadline: date | None, district_code: str | None = None) -> Progress:
    """The progress of the province (`district_code` None) or of one district, from the recorded days up
    to `as_of` (the history tables of `HistoryStore`; see the functions named in `Progress`)."""
    districts = district_history.loc[district_history["day"] <= as_of] if len(district_history) else district_history
    points = point_history.loc[point_history["day"] <= as_of] if len(point_history) else point_history
    days = tuple(sorted(set(districts["day"]))) if len(districts) else ()
    weeks = (days[-1] - days[0]).days / 7 if days else 0.0
    return Progress(district_code, compute_burn_up(districts, district_code),
                    compute_weekly_moves(points, district_code, days),
                    compute_history_pace(districts, as_of, deadline, district_code), days, weeks)


SINCE_DEFAULT_DAYS = 7  # "since": a week before the as-of date unless another date is chosen


def compute_since_choices(recorded_days, as_of: date) -> tuple[list[date], date]:
    """The dates a "since" comparison offers, newest first, and the one chosen by default.

    Args:
        recorded_days: the recorded days (dates, any order, repeats allowed).
        as_of: the data's date.

    Returns:
        (choices, default): `default` is `as_of` − 7 days; `choices` are it and every recorded day
        before `as_of`, without repeats, newest first.

    >>> compute_since_choices([date(2017, 5, 6), date(2017, 5, 13), date(2017, 5, 20)], date(2017, 5, 20))
    ([datetime.date(2017, 5, 13), datetime.date(2017, 5, 6)], datetime.date(2017, 5, 13))
    """
    default = as_of - timedelta(days=SINCE_DEFAULT_DAYS)
    choices = sorted({default, *(day for day in recorded_days if day < as_of)}, reverse=True)
    return choices, default


def compute_district_history_pace(district_history: pd.DataFrame, as_of: date, deadline: date | None,
                                  district_codes: tuple[str, ...] = ()) -> pd.DataFrame:
    """`compute_history_pace` of every recorded district (or of those in `district_codes`).

    Returns:
        Long form: `district_code`, `district_name` (its name on the last recorded day up to
        `as_of`) and `compute_history_pace`'s columns, one row per district and `PROGRESS_KEYS`
        condition; districts in the order of their first appearance in the history.
    """
    recorded = district_history.loc[district_history["day"] <= as_of] if len(district_history) else district_history
    if district_codes:
        recorded = recorded.loc[recorded["district_code"].isin(district_codes)]
    frames = []  # one record per district and condition
    if len(recorded):
        # One grouped sum for every district and day, then each district's first and last day: a
        # `compute_history_pace` per district filtered the history again each time (12 s for 700).
        sums = recorded.groupby(["district_code", "day"], sort=True)[
            ["points_target", *(c.count for c in PROGRESS_CONDITIONS)]].sum().reset_index()
        days, scope = sums["day"].tolist(), sums["points_target"].tolist()
        done = {c.key: sums[c.count].tolist() for c in PROGRESS_CONDITIONS}
        by_district = sums.groupby("district_code", sort=False).indices
        rows_of = recorded.groupby("district_code", sort=False).indices
        names = recorded["district_name"]
        for code in dict.fromkeys(recorded["district_code"]):
            at = by_district[code]
            first, last = at[0], at[-1]  # the sums are sorted by day within a district
            name = names.iloc[rows_of[code][-1]]
            frames.extend({"district_code": code, "district_name": name,
                           **_pace_row(key, days[first], days[last], int(done[key][first]), int(done[key][last]),
                                       int(scope[last]), deadline)} for key in PROGRESS_KEYS)
    table = pd.DataFrame(frames, columns=["district_code", "district_name", *_PACE_COLUMNS])
    for column in ("district_code", "district_name"):
        # The dtype one frame per district then put together gave (and pages show): the one pandas
        # infers for every district's value, or object when they differ (a name left blank: NaN).
        values = [record[column] for record in frames]
        dtypes = {pd.Series([value]).dtype for value in {type(value): value for value in values}.values()}
        table[column] = pd.Series(values, dtype=dtypes.pop() if len(dtypes) == 1 else object)
    return table
