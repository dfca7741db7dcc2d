"""Readiness of each vaccination point and district: the four conditions the order demands.

A point is ready when it is equipped (computer, printer and Internet), all its vaccination
staff are trained, it is live on the System, and its eligible children are entered.
Pure pandas; `as_of` is always a parameter.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from lib import theme
from lib.geography import Geography

CONDITIONS = ("equipped", "all_trained", "live", "children_complete")
MEASURES = ("share_ready", "share_equipped", "share_trained", "share_live", "share_children")


def _flag(series: pd.Series) -> pd.Series:
    """Unknown (blank) counts as not met: a condition is met only when the sheet says so."""
    return series.fillna(False).astype(bool)


def compute_point_status(points: pd.DataFrame, geography: Geography, as_of: date) -> pd.DataFrame:
    """Each point with its four conditions, how many it meets, and where to draw it."""
    status = points.copy()
    as_of_ts = pd.Timestamp(as_of)
    status["equipped"] = _flag(points["has_computer"] & points["has_printer"] & points["has_internet"])
    staff = points["staff"]
    status["all_trained"] = _flag((staff > 0) & (points["trained_staff"] >= staff))
    status["live"] = points["go_live_date"].notna() & (points["go_live_date"] <= as_of_ts)
    eligible = points["eligible_children"]
    status["children_complete"] = _flag(
        (eligible > 0) & (points["children_entered"] >= eligible * theme.CHILDREN_ENTERED_SHARE))
    status["conditions_met"] = sum(status[c].astype(int) for c in CONDITIONS).astype(int)
    status["ready"] = status["conditions_met"] == len(CONDITIONS)

    commune_at = {c["code"]: (c["label_lat"], c["label_lon"]) for c in geography.communes}
    district_at = {d["code"]: (d["label_lat"], d["label_lon"]) for d in geography.districts}

    def fallback(row, axis):
        located = commune_at.get(row.commune_code) or district_at.get(row.district_code)
        return located[axis] if located else float("nan")

    has_own = points["latitude"].notna() & points["longitude"].notna()
    rows = list(points[["commune_code", "district_code"]].itertuples())
    status["map_lat"] = points["latitude"].astype("Float64").where(
        has_own, pd.array([fallback(r, 0) for r in rows], dtype="Float64")).astype(float)
    status["map_lon"] = points["longitude"].astype("Float64").where(
        has_own, pd.array([fallback(r, 1) for r in rows], dtype="Float64")).astype(float)
    status["location_source"] = pd.array(["sheet" if own else "commune" for own in has_own], dtype="string")
    return status


def _share(numerator, denominator) -> float:
    return float(numerator) / float(denominator) if denominator else float("nan")


def _code_key(code):
    """A district code as a dict key: every missing code (None, NA, NaN) is the same key."""
    return None if pd.isna(code) else code


def compute_district_readiness(point_status: pd.DataFrame, districts: pd.DataFrame) -> pd.DataFrame:
    """One row per district (those in the Huyện tab, then any other with points).

    Shares of points divide by the larger of points listed and points expected, so a district
    that has not yet listed all its points does not look ready early.
    """
    listed = districts[["district_code", "district_name", "expected_points"]].copy()
    others = point_status.loc[~point_status["district_code"].isin(listed["district_code"]),
                              ["district_code", "district_name"]].drop_duplicates("district_code")
    frame = pd.concat([listed, others.assign(expected_points=pd.NA)], ignore_index=True)
    # One grouped sum over the columns counted, not one slice of the whole table per district
    # (that was O(districts × columns) and took seconds at 700 districts).
    summed = [*CONDITIONS, "ready", "staff", "trained_staff", "proficient", "eligible_children", "children_entered"]
    narrow = point_status[["district_code", *summed]].assign(proficient=point_status["proficient"].fillna(False))
    grouped = narrow.groupby("district_code", dropna=False, sort=False)
    sums = grouped[summed].sum()
    totals = {_code_key(code): (int(size), {column: int(value) for column, value in zip(summed, values)})
              for code, size, values in zip(sums.index, grouped.size(), sums.itertuples(index=False))}
    nothing = (0, dict.fromkeys(summed, 0))
    rows = []
    for district in frame.itertuples():
        points, group = totals.get(_code_key(district.district_code), nothing)
        expected = district.expected_points if pd.notna(district.expected_points) else 0
        denominator = max(points, int(expected))
        counts = {f"points_{c}": group[c] for c in (*CONDITIONS, "ready")}
        eligible = group["eligible_children"]
        entered = group["children_entered"]
        rows.append({
            "district_code": district.district_code,
            "district_name": district.district_name,
            "points": points,
            "expected_points": int(expected) if expected else pd.NA,
            **counts,
            "staff": group["staff"],
            "trained_staff": group["trained_staff"],
            "proficient": group["proficient"],
            "eligible_children": eligible,
            "children_entered": entered,
            "share_equipped": _share(counts["points_equipped"], denominator),
            "share_trained": _share(counts["points_all_trained"], denominator),
            "share_live": _share(counts["points_live"], denominator),
            "share_children": _share(entered, eligible),
            "share_ready": _share(counts["points_ready"], denominator),
        })
    table = pd.DataFrame(rows)
    if table.empty:
        return pd.DataFrame(columns=["district_code", "district_name", "points", *MEASURES])
    return table.rename(columns={"points_all_trained": "points_trained", "points_children_complete": "points_children"})


def compute_headline(point_status: pd.DataFrame) -> dict[str, int | float]:
    """Province (or filtered) totals for the overview cards."""
    eligible = int(point_status["eligible_children"].sum())
    entered = int(point_status["children_entered"].sum())
    points = len(point_status)
    return {
        "points": points,
        "equipped": int(point_status["equipped"].sum()),
        "all_trained": int(point_status["all_trained"].sum()),
        "live": int(point_status["live"].sum()),
        "ready": int(point_status["ready"].sum()),
        "eligible_children": eligible,
        "children_entered": entered,
        "share_equipped": _share(point_status["equipped"].sum(), points),
        "share_trained": _share(point_status["all_trained"].sum(), points),
        "share_live": _share(point_status["live"].sum(), points),
        "share_ready": _share(point_status["ready"].sum(), points),
        "share_children": _share(entered, eligible),
    }


def compute_blocking_points(point_status: pd.DataFrame, limit: int = 10) -> pd.DataFrame:
    """The points furthest from ready: fewest conditions met, then most children waiting."""
    waiting = point_status.loc[~point_status["ready"]].copy()
    waiting["children_waiting"] = (waiting["eligible_children"].fillna(0)
                                   - waiting["children_entered"].fillna(0)).clip(lower=0)
    waiting["missing"] = [
        [c for c in CONDITIONS if not row[c]] for _, row in waiting[list(CONDITIONS)].iterrows()
    ]
    ordered = waiting.sort_values(["conditions_met", "children_waiting", "point_code"],
                                  ascending=[True, False, True])
    return ordered.head(limit)


def compute_blocking_districts(district_readiness: pd.DataFrame, limit: int = 5) -> pd.DataFrame:
    """Districts furthest from ready, by share of points ready then share live."""
    return district_readiness.sort_values(["share_ready", "share_live"], na_position="first").head(limit)
