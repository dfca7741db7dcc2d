"""What one read of the sheet puts into the history: the figures `lib.metrics` computes, as plain rows.

Nothing is worked out here: each point's conditions and counted figures come from
`readiness.compute_point_status`, each district's counts from `compute_district_readiness`, its
report's state from `deadlines.compute_district_reports`, and each difficulty's openness from
`difficulties.compute_difficulties` (all through `rollout.compute_rollout`), taken as of the
snapshot's day. This module only picks the columns, turns pandas values into plain Python, and
fingerprints the result so that an unchanged read can be told apart without comparing rows.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from lib.cleaning import Dataset
from lib.geography import Geography
from lib.metrics.rollout import compute_rollout
from lib.sources import Provenance

POINT_FLAGS = ("has_computer", "has_printer", "has_internet", "equipped", "all_trained", "live",
               "children_complete", "ready", "supervised", "passed")
POINT_COUNTS = ("staff", "trained_counted", "eligible_children", "children_counted")
DISTRICT_COUNTS = ("points", "points_target", "points_equipped", "points_trained", "points_live",
                   "points_children", "points_ready", "points_supervised", "points_passed", "staff",
                   "trained_staff", "eligible_children", "children_entered", "open_difficulties")
NO_DISTRICT = ""  # the code recorded for points outside every district (a key column cannot be NULL)


@dataclass(frozen=True)
class HistorySnapshot:
    """One read, ready to record: its province, day and provenance, and its rows.

    `points`, `districts` and `difficulties` are lists of dicts keyed by the columns of
    `lib.history.tables` (plain Python values: str, bool, int, date or None). `day` is the
    data's date (the sheet's as-of date, else the date of the read); `read_at` is when the
    figures were read from their original source (a snapshot copy's original read).
    """

    province: str
    day: date
    read_at: datetime
    source: Provenance
    points: list[dict]
    districts: list[dict]
    difficulties: list[dict]

    @property
    def fingerprint(self) -> str:
        """sha256 (hex) of the recorded figures alone: equal for two reads whose figures are equal."""
        canonical = json.dumps([self.points, self.districts, self.difficulties], default=str,
                               ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _plain(value):
    """One pandas cell as plain Python: NA/NaT → None, numpy scalars → int/bool, timestamps → date."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, datetime):  # pd.Timestamp too
        return value.date()
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    return value


def _text(value) -> str | None:
    plain = _plain(value)
    return None if plain is None else str(plain)


def _count(value) -> int | None:
    plain = _plain(value)
    return None if plain is None else int(plain)


def _texts(series: pd.Series) -> list:
    """A column as str or None, one per row (column-wise: 13,000 points cell by cell took a second)."""
    return [None if missing else str(value) for value, missing in zip(series.tolist(), series.isna().tolist())]


def _counts(series: pd.Series) -> list:
    """A count column as int or None."""
    return [None if missing else int(value) for value, missing in zip(series.tolist(), series.isna().tolist())]


def _flags(series: pd.Series) -> list:
    """A condition column as bool (unknown: False, as readiness counts it)."""
    return series.fillna(False).astype(bool).tolist()


def snapshot_day(dataset: Dataset, provenance: Provenance) -> date:
    """The day a read stands for: the sheet's as-of date when it gives one, else the date its
    figures were read from their original source (`provenance.original.read_at`)."""
    return dataset.as_of or provenance.original.read_at.date()


def build_snapshot(dataset: Dataset, provenance: Provenance, geography: Geography) -> HistorySnapshot:
    """The snapshot of one successful read.

    Args:
        dataset: the cleaned read (`lib.cleaning.clean_workbook`).
        provenance: the read's `RawWorkbook.provenance` (its `original` gives the read time).
        geography: the province's units (the point table needs them; nothing of them is recorded).

    Returns:
        A `HistorySnapshot` as of `snapshot_day(dataset, provenance)`. Points are keyed by
        `point_code` (a code read twice keeps its first row, as cleaning reports the second);
        districts in the order of the district table; difficulties in the log's order.
    """
    day = snapshot_day(dataset, provenance)
    rollout = compute_rollout(dataset, geography, day)
    status = rollout.point_status.drop_duplicates("point_code")
    status = status.loc[status["point_code"].notna()].sort_values("point_code", kind="stable")
    columns = {
        "point_code": _texts(status["point_code"]),
        "point_name": _texts(status["point_name"]),
        "district_code": [code or NO_DISTRICT for code in _texts(status["district_code"])],
        "commune_code": _texts(status["commune_code"]),
        **{flag: _flags(status[flag]) for flag in POINT_FLAGS},
        "conditions_met": status["conditions_met"].astype(int).tolist(),
        **{count: _counts(status[count]) for count in POINT_COUNTS},
    }
    points = [dict(zip(columns, values)) for values in zip(*columns.values())]
    points = [point for point in points if point["point_code"]]
    reports = {_text(row["district_code"]): row for row in rollout.reports.to_dict("records")}
    districts = []
    for row in rollout.district_readiness.to_dict("records"):
        code = _text(row["district_code"])
        report = reports.get(code, {})
        districts.append({
            "district_code": code or NO_DISTRICT,
            "district_name": _text(row["district_name"]),
            "expected_points": _count(row["expected_points"]),
            **{count: int(row[count]) for count in DISTRICT_COUNTS},
            "report_date": _plain(report.get("report_date")),
            "report_state": report.get("state"),
        })
    difficulties = [{
        "line": line,
        "district_code": _text(row["district_code"]),
        "reported_date": _plain(row["reported_date"]),
        "point": _text(row["point"]),
        "description": _text(row["description"]),
        "status": _text(row["status"]),
        "open": bool(row["open"]),
    } for line, row in enumerate(rollout.difficulties.to_dict("records"))]
    return HistorySnapshot(dataset.province, day, provenance.original.read_at.replace(microsecond=0),
                           provenance, points, districts, difficulties)
