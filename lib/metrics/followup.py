"""What a district still has to do, gathered for its follow-up message: the points still missing each
condition, its report's deadline, the milestones ahead, the change since a date and the cells to fix.

Every figure is one `lib.metrics` already computes (`readiness.compute_point_status`,
`deadlines.compute_district_reports` and `compute_countdowns`, `progress.compute_change_since`);
this module only picks one district's part. The words are `lib.views.followup`'s.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from lib.cleaning import Problem
from lib.metrics.deadlines import DISTRICT_REPORT, PROVINCE_REPORT
from lib.metrics.progress import PROGRESS_KEYS, ChangeSince
from lib.metrics.rollout import Rollout

FIX_SEVERITIES = ("error", "warning")  # the problems a district is asked to fix (notes are left out)
NOT_A_DISTRICT_MILESTONE = (DISTRICT_REPORT, PROVINCE_REPORT)


@dataclass(frozen=True)
class DistrictFollowUp:
    """One district's follow-up, as of `as_of`.

    Point lists are tuples of point names (the code when the name is blank), in the sheet's
    order: `without_computer`, `without_printer`, `without_internet` (the answer is "no" or
    blank), `not_all_trained`, `not_live`, `children_incomplete` (under 95 % entered).
    `untrained_staff` (persons) and `children_missing` (children: eligible − entered, never below
    0 per point) are sums over its points. `report_state` is `deadlines.compute_district_reports`'
    state (None: not in the Huyện tab), `report_deadline` a date or None, `report_days_left` int or
    None. `milestones`: (description, deadline, days_left) of the milestones not yet met whose
    deadline is today or later, but the reports (the district's has its own fields). `since`/`changes`: the date compared with and the district's
    changes per `PROGRESS_KEYS` and "overdue" (None without a history). `problems`: the district's
    errors and warnings, each at its cell.
    """

    district_code: str
    district_name: str
    as_of: date
    points: int
    points_target: int
    without_computer: tuple[str, ...]
    without_printer: tuple[str, ...]
    without_internet: tuple[str, ...]
    not_all_trained: tuple[str, ...]
    untrained_staff: int
    not_live: tuple[str, ...]
    children_incomplete: tuple[str, ...]
    children_missing: int
    report_state: str | None
    report_deadline: date | None
    report_days_left: int | None
    milestones: tuple[tuple[str, date, int], ...]
    since: date | None
    changes: dict | None
    problems: tuple[Problem, ...]


def _point_names(points: pd.DataFrame) -> list[str]:
    """Each point's name as a message says it; a name left blank shows as the point's code."""
    return [name if isinstance(name, str) and name.strip() else str(code)
            for name, code in zip(points["point_name"], points["point_code"])]


def _lacks(flag: pd.Series) -> np.ndarray:
    """True where a yes/no answer is "no" or blank (unknown counts as missing, as readiness counts it)."""
    return (~flag.fillna(False).astype(bool)).to_numpy(dtype=bool)


# The point lists of `DistrictFollowUp`, each with the point_status flag whose "no" or blank puts a point in it.
_LISTS = (("without_computer", "has_computer"), ("without_printer", "has_printer"), ("without_internet", "has_internet"),
          ("not_all_trained", "all_trained"), ("not_live", "live"), ("children_incomplete", "children_complete"))


class _Province:
    """The province's tables split by district once, so that each district's follow-up only picks its part
    (filtering the 13,000 points of a country once per district took 20 ms a district, 14 s in all)."""

    def __init__(self, rollout: Rollout, problems: list[Problem], change: ChangeSince | None):
        self.rollout, self.change = rollout, change
        points = rollout.point_status
        self.names = _point_names(points)
        self.lacking = {field: _lacks(points[flag]) for field, flag in _LISTS}
        self.untrained = points["staff_untrained"].clip(lower=0).fillna(0).to_numpy(dtype="int64")
        eligible = points["eligible_children"].astype("Float64").fillna(0)
        entered = points["children_counted"].astype("Float64").fillna(0)
        self.children_missing = (eligible - entered).clip(lower=0).to_numpy(dtype="float64")
        self.positions = {code: list(at) for code, at in points.groupby("district_code", sort=False).indices.items()}
        self.districts = _first_rows(rollout.district_readiness)
        self.reports = _first_rows(rollout.reports)
        countdowns = rollout.countdowns
        # A district's own deadlines: not the province's report, and its own report has a line of its own.
        ahead = countdowns.loc[(countdowns["days_left"] >= 0) & ~countdowns["met"].astype(bool)
                               & ~countdowns["measure"].isin(NOT_A_DISTRICT_MILESTONE)] if len(countdowns) else countdowns
        self.milestones = tuple((str(row.description), row.deadline, int(row.days_left)) for row in ahead.itertuples())
        self.changes = _first_rows(change.districts) if change is not None and change.current_day is not None else None
        self.problems: dict = {}
        for problem in problems:
            if problem.severity in FIX_SEVERITIES:
                self.problems.setdefault(problem.district_code, []).append(problem)

    def followup(self, district_code: str) -> DistrictFollowUp:
        """`compute_district_followup` of `district_code`; raises KeyError for a district not in
        the rollout's `district_readiness`."""
        rollout, change = self.rollout, self.change
        district = self.districts.get(district_code)
        if district is None:
            raise KeyError(district_code)
        at = self.positions.get(district_code, [])
        report = self.reports.get(district_code)
        changes = None
        if self.changes is not None:
            row = self.changes.get(district_code)
            changes = {key: int(row[key]) if row is not None else 0 for key in (*PROGRESS_KEYS, "overdue")}
        days_left = None if report is None or pd.isna(report["days_left"]) else int(report["days_left"])
        name = district["district_name"]
        return DistrictFollowUp(
            district_code=district_code,
            district_name=str(name) if isinstance(name, str) else district_code,
            as_of=rollout.as_of,
            points=int(district["points"]),
            points_target=int(district["points_target"]),
            **{field: tuple(self.names[i] for i in at if lacking[i]) for field, lacking in self.lacking.items()},
            untrained_staff=int(self.untrained[at].sum()),
            children_missing=int(self.children_missing[at].sum()),
            report_state=None if report is None else report["state"],
            report_deadline=None if report is None else report["deadline"],
            report_days_left=days_left,
            milestones=self.milestones,
            since=change.since if changes is not None else None,
            changes=changes,
            problems=tuple(self.problems.get(district_code, ())),
        )


def _first_rows(table: pd.DataFrame) -> dict:
    """district_code → the first row of `table` with that code, as a dict (a code may be NA: kept as a key)."""
    rows: dict = {}
    for record in table.to_dict("records"):
        rows.setdefault(record["district_code"], record)
    return rows


def compute_district_followup(rollout: Rollout, district_code: str, problems: list[Problem],
                              change: ChangeSince | None = None) -> DistrictFollowUp:
    """The follow-up of `district_code` from the province's figures.

    Args:
        rollout: `rollout.compute_rollout` (its `point_status`, `district_readiness`, `reports`,
            `countdowns`).
        district_code: a code of `rollout.district_readiness`.
        problems: the read's problems (`Dataset.problems`); the district's errors and warnings are kept.
        change: `progress.compute_change_since` over the districts, or None without a history.

    Raises KeyError when the district is not in `rollout.district_readiness`.
    """
    return _Province(rollout, problems, change).followup(district_code)


def compute_followups(rollout: Rollout, problems: list[Problem], change: ChangeSince | None = None,
                      district_codes: list[str] | None = None) -> list[DistrictFollowUp]:
    """`compute_district_followup` of each district of `rollout.district_readiness` (or of those in
    `district_codes`), in the district table's order; the province's tables are split once for all."""
    codes = [code for code in rollout.district_readiness["district_code"]
             if district_codes is None or code in district_codes]
    province = _Province(rollout, problems, change)
    return [province.followup(code) for code in codes]
