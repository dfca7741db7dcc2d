"""Deadlines: countdowns to each milestone, district reports, and the pace forecast.

Milestones are data (the `Mốc thời gian` tab); each names the measure that tells whether it is
met. `as_of` is always a parameter.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

import numpy as np
import pandas as pd

from lib import schema, theme
from lib.metrics.readiness import CHILDREN_ENTERED_SHARE

GO_LIVE, CHILDREN, DISTRICT_REPORT, PROVINCE_REPORT, OTHER = schema.MILESTONE_MEASURES
RECEIVED = ("on_time", "late")  # report states that mean the report is in
PACE_MIN_DAYS = 7  # a pace measured over fewer days than this is too noisy to extrapolate


def _as_date(value) -> date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def deadline_for(milestones: pd.DataFrame, measure: str) -> date | None:
    """The earliest deadline of the milestones measured by `measure`."""
    matching = milestones.loc[milestones["measure"] == measure, "deadline"].dropna()
    return _as_date(matching.min()) if not matching.empty else None


def compute_pace_forecast(point_status: pd.DataFrame, district_readiness: pd.DataFrame, as_of: date,
                          deadline: date | None) -> pd.DataFrame:
    """For each district, the date all its points will be live at its go-live pace so far.

    Pace = points live ÷ days since the district's first training or go-live date. A district
    with every point live is done on its last go-live date; one with no progress has no date.

    Args:
        point_status: `readiness.compute_point_status`'s table.
        district_readiness: `readiness.compute_district_readiness`'s table (`points_target` is the
            number of points that must be live).
        as_of: the data's date. deadline: the go-live deadline, or None.

    Returns:
        One row per district: `district_code`, `district_name`, `points_target`, `points_live`
        (int), `pace_per_week` (float, points per week), `forecast`, `deadline` (date or None),
        `late` (bool), `days_after_deadline` (int or None).
    """
    rows = []
    as_of_us = pd.Timestamp(as_of).to_datetime64().astype("datetime64[us]")
    # Each district's figures in one grouped pass (a loop of array slices per district took most of
    # the metrics' time at 700 districts); rows without a district code belong to none, as before.
    live_all = point_status["live"].to_numpy(dtype=bool)
    training_all = point_status["training_date"].to_numpy(dtype="datetime64[us]")
    go_live_all = point_status["go_live_date"].to_numpy(dtype="datetime64[us]")
    never = np.datetime64("NaT", "us")
    grouped = pd.DataFrame({
        "district_code": point_status["district_code"],
        "live": live_all,
        "trained_by_then": np.where(training_all <= as_of_us, training_all, never),  # NaT compares False
        "live_by_then": np.where(go_live_all <= as_of_us, go_live_all, never),
        "live_on": np.where(live_all, go_live_all, never),
    }).groupby("district_code", sort=False)
    lives = grouped["live"].sum()
    first_start = pd.concat([grouped["trained_by_then"].min(), grouped["live_by_then"].min()], axis=1).min(axis=1)
    last_live = grouped["live_on"].max()
    by_district = {code: (int(live), _as_date(start), _as_date(last))
                   for code, live, start, last in zip(lives.index, lives, first_start, last_live)}
    for district in district_readiness[["district_code", "district_name", "points_target"]].itertuples():
        target = int(district.points_target)
        code = district.district_code
        live, start, last = by_district.get(code, (0, None, None)) if pd.notna(code) else (0, None, None)
        forecast, pace = None, 0.0
        if target and live >= target:
            forecast = last
        elif start is not None and live:
            elapsed = max((as_of - start).days, PACE_MIN_DAYS)
            pace = live / elapsed
            forecast = as_of + timedelta(days=math.ceil((target - live) / pace))
        late = bool(deadline and (forecast is None or forecast > deadline)) if target else False
        rows.append({
            "district_code": district.district_code,
            "district_name": district.district_name,
            "points_target": target,
            "points_live": live,
            "pace_per_week": pace * 7,
            "forecast": forecast,
            "deadline": deadline,
            "late": late,
            "days_after_deadline": (forecast - deadline).days if forecast and deadline else None,
        })
    return pd.DataFrame(rows, columns=["district_code", "district_name", "points_target", "points_live",
                                       "pace_per_week", "forecast", "deadline", "late", "days_after_deadline"])


def compute_district_reports(districts: pd.DataFrame, milestones: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Each district's report to the PMC: on time, late, missing (deadline passed) or pending.

    Args:
        districts: the cleaned Huyện tab (`district_code`, `district_name`, `report_date` datetime64).
        milestones: the cleaned Mốc thời gian tab (`measure`, `deadline`).
        as_of: the data's date.

    Returns:
        `district_code`, `district_name`, `report_date` (date or None), `deadline` (date or None),
        `state` ("on_time", "late", "missing", "pending"; `RECEIVED` are the first two) and
        `days_left` (int days to the deadline, negative after it, or None).
    """
    deadline = deadline_for(milestones, DISTRICT_REPORT)
    rows = []
    for district in districts.itertuples():
        received = _as_date(district.report_date)
        if received is not None:
            state = "late" if deadline and received > deadline else "on_time"
        elif deadline and as_of > deadline:
            state = "missing"
        else:
            state = "pending"
        rows.append({
            "district_code": district.district_code,
            "district_name": district.district_name,
            "report_date": received,
            "deadline": deadline,
            "state": state,
            "days_left": (deadline - as_of).days if deadline else None,
        })
    return pd.DataFrame(rows, columns=["district_code", "district_name", "report_date", "deadline", "state",
                                       "days_left"])


def count_received(reports: pd.DataFrame) -> int:
    """District reports received, on time or late (`compute_district_reports`'s `state`)."""
    return int(reports["state"].isin(RECEIVED).sum())


def compute_countdowns(milestones: pd.DataFrame, headline: dict, reports: pd.DataFrame,
                       pace: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """One card per milestone: days left (negative = overdue), progress, and a traffic light.

    good = met, or on course; warn = at risk (forecast within `theme.AT_RISK_DAYS` of the
    deadline, or progress only partial); bad = overdue and unmet, or forecast well after.

    Args:
        milestones: the cleaned Mốc thời gian tab. headline: `readiness.compute_headline`'s dict
            (`share_live`, `share_children`). reports: `compute_district_reports`'s table.
        pace: `compute_pace_forecast`'s table. as_of: the data's date.

    Returns:
        `milestone_code`, `description`, `responsible`, `measure` (str), `deadline` (date),
        `days_left` (int), `progress` (float 0..1 or None), `met` (bool), `forecast` (date or None)
        and `status` (a `theme.STATUSES` key), in deadline order.
    """
    rows = []
    for milestone in milestones.sort_values("deadline").itertuples():
        deadline = _as_date(milestone.deadline)
        days_left = (deadline - as_of).days if deadline else None
        measure = milestone.measure if isinstance(milestone.measure, str) else None  # a blank measure is NA
        progress, met, forecast = _progress(measure, headline, reports, pace)
        if met:
            status = theme.GOOD
        elif progress is None and forecast is None:
            status = theme.BAD if days_left is not None and days_left < 0 else theme.UNKNOWN
        elif days_left is not None and days_left < 0:
            status = theme.BAD
        elif measure == DISTRICT_REPORT:
            # Reports come in near the deadline: before it, only a near deadline is a concern.
            status = theme.WARN if days_left is not None and days_left <= theme.AT_RISK_DAYS else theme.GOOD
        elif forecast is not None and deadline is not None:
            slip = (forecast - deadline).days
            status = theme.GOOD if slip <= 0 else theme.WARN if slip <= theme.AT_RISK_DAYS else theme.BAD
        else:
            status = theme.status_of_share(progress)
        rows.append({
            "milestone_code": milestone.milestone_code,
            "description": milestone.description,
            "responsible": milestone.responsible,
            "measure": milestone.measure,
            "deadline": deadline,
            "days_left": days_left,
            "progress": progress,
            "met": met,
            "forecast": forecast,
            "status": status.key,
        })
    return pd.DataFrame(rows, columns=["milestone_code", "description", "responsible", "measure", "deadline",
                                       "days_left", "progress", "met", "forecast", "status"])


def _progress(measure, headline: dict, reports: pd.DataFrame, pace: pd.DataFrame):
    """(share done 0..1 or None, met?, forecast date or None) for a milestone's measure."""
    if measure == GO_LIVE:
        share = headline["share_live"]
        forecasts = [f for f in pace["forecast"]] if not pace.empty else []
        forecast = None if not forecasts or any(f is None for f in forecasts) else max(forecasts)
        return share, share >= 1, forecast
    if measure == CHILDREN:
        share = headline["share_children"]
        return share, share == share and share >= CHILDREN_ENTERED_SHARE, None
    if measure == DISTRICT_REPORT:
        if reports.empty:
            return None, False, None
        share = count_received(reports) / len(reports)
        return share, bool((reports["state"] == "on_time").all()), None
    return None, False, None
