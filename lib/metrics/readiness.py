"""Readiness of each vaccination point and district: the four conditions the order demands.

A point is ready when it is equipped (computer, printer and Internet), all its vaccination
staff are trained, it is live on the System, and its eligible children are entered.
Every derived figure a page, map, slide or export shows is computed here, once:

- **Points target.** A district's shares of points divide by `points_target`, the larger of
  the points it lists and the points it expects (a district that has not listed all its points
  does not look ready early). The province's target is the sum of its districts' targets, and
  its shares divide by that: the province follows the same rule as each district.
- **Counted figures (the cross-cell rule).** A count that the sheet checks against another count
  counts as at most that count: trained staff above the point's staff (`trained_exceeds_staff`)
  count as the staff, children entered above the eligible children (`entered_exceeds_eligible`)
  count as the eligible; with the bounding count blank, none count (there is nothing to be a
  share of). `trained_counted` and `children_counted` carry this per point, and every staff,
  trained and children total sums them.

Pure pandas; `as_of` is always a parameter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import compress

import numpy as np
import pandas as pd

from lib import schema
from lib.geography import Geography
from lib.metrics.difficulties import is_open

# A point's children are "entered" when this share of its eligible children is on the System: a rule
# of the roll-out (what counts as done), not of the palette.
CHILDREN_ENTERED_SHARE = 0.95


@dataclass(frozen=True)
class Condition:
    """One of the four conditions: where it lives in each table and what it is called."""

    key: str  # bool column of the point table, e.g. "equipped"
    count: str  # points meeting it, a count column of the district table, e.g. "points_equipped"
    share: str  # the district measure that follows it, e.g. "share_equipped"
    label: str  # i18n key of its name, e.g. "cond.equipped"
    short: str  # i18n key of its short column header, e.g. "col.equipped"


CONDITIONS = (
    Condition("equipped", "points_equipped", "share_equipped", "cond.equipped", "col.equipped"),
    Condition("all_trained", "points_trained", "share_trained", "cond.trained", "col.trained"),
    Condition("live", "points_live", "share_live", "cond.live", "col.live"),
    Condition("children_complete", "points_children", "share_children", "cond.children", "col.children"),
)
CONDITION_KEYS = tuple(condition.key for condition in CONDITIONS)
# The district measures a map can be coloured by (and a district's facts list), ready first.
MEASURES = ("share_ready", *(condition.share for condition in CONDITIONS))
MEASURE_LABELS = {measure: "map.measure." + measure for measure in MEASURES}  # i18n keys

# Columns of the district table that add up: the province row is their sum.
COUNT_COLUMNS = ("points", "points_target", *(c.count for c in CONDITIONS), "points_ready", "staff",
                 "trained_staff", "staff_untrained", "trained_undated", "proficient", "points_supervised",
                 "points_passed", "eligible_children", "children_entered")
SHARE_COLUMNS = (*MEASURES, "share_trained_staff")
PASSED = schema.SUPERVISION_RESULTS[0]  # "Đạt"


def _flag(series: pd.Series) -> pd.Series:
    """Unknown (blank) counts as not met: a condition is met only when the sheet says so."""
    return series.fillna(False).astype(bool)


def counted(count: pd.Series, bound: pd.Series) -> pd.Series:
    """`count` as the figures count it: at most `bound`, and nothing where `bound` is blank.

    The one rule for a cell that failed a cross-cell check (trained above staff, entered above
    eligible). Both series are nullable integers (Int64); so is the result (NA stays NA).

    >>> counted(pd.Series([5, 2, None, 4], dtype="Int64"), pd.Series([3, 3, 3, None], dtype="Int64")).tolist()
    [3, 2, <NA>, <NA>]
    """
    count, bound = count.astype("Int64"), bound.astype("Int64")
    above = (count > bound).fillna(False).astype(bool)  # NA compares as NA: a blank is not above anything
    return count.mask(above, bound).mask(bound.isna(), pd.NA).astype("Int64")


def compute_point_status(points: pd.DataFrame, geography: Geography, as_of: date) -> pd.DataFrame:
    """Each point with its four conditions, its counted figures, and where to draw it.

    Args:
        points: the cleaned point table (`Dataset.points`: one row per point, the sheet's columns
            with counts as Int64, yes/no as boolean and dates as datetime64).
        geography: the province's units, for points without their own coordinates.
        as_of: the data's date; a go-live or supervision after it has not happened yet.

    Returns:
        The point table with, added: `equipped`, `all_trained`, `live`, `children_complete`,
        `ready`, `supervised`, `passed` (bool); `conditions_met` (int 0-4); `trained_counted`,
        `children_counted` (Int64, persons/children, the cross-cell rule in the module docstring);
        `staff_untrained` (int64, staff minus trained counted, blanks as 0); `map_lat`, `map_lon`
        (float degrees) and `location_source` ("sheet" or "commune").
    """
    status = points.copy()
    as_of_ts = pd.Timestamp(as_of)
    status["equipped"] = _flag(points["has_computer"] & points["has_printer"] & points["has_internet"])
    staff = points["staff"].astype("Int64")
    status["trained_counted"] = counted(points["trained_staff"], staff)
    status["all_trained"] = _flag((staff > 0) & (status["trained_counted"] >= staff))
    status["staff_untrained"] = (staff.fillna(0) - status["trained_counted"].fillna(0)).astype("int64")
    status["live"] = points["go_live_date"].notna() & (points["go_live_date"] <= as_of_ts)
    eligible = points["eligible_children"].astype("Int64")
    status["children_counted"] = counted(points["children_entered"], eligible)
    status["children_complete"] = _flag(
        (eligible > 0) & (status["children_counted"] >= eligible * CHILDREN_ENTERED_SHARE))
    status["conditions_met"] = sum(status[key].astype(int) for key in CONDITION_KEYS).astype(int)
    status["ready"] = status["conditions_met"] == len(CONDITIONS)
    # A supervision dated after the data's date is a plan, not a visit.
    status["supervised"] = points["supervision_date"].notna() & (points["supervision_date"] <= as_of_ts)
    status["passed"] = status["supervised"] & (points["supervision_result"] == PASSED).fillna(False).astype(bool)

    commune_at = {c["code"]: (c["label_lat"], c["label_lon"]) for c in geography.communes}
    district_at = {d["code"]: (d["label_lat"], d["label_lon"]) for d in geography.districts}

    # Where a point without its own coordinates is drawn: its commune's label, else its district's.
    # Only those points are looked up (iterating the text columns row by row was most of this function).
    has_own = points["latitude"].notna() & points["longitude"].notna()
    fallback_lat, fallback_lon = [float("nan")] * len(points), [float("nan")] * len(points)
    unlocated = list(compress(range(len(points)), (~has_own).to_numpy(dtype=bool)))
    if unlocated:
        communes = points["commune_code"].to_numpy(dtype=object, na_value=None)
        district_codes = points["district_code"].to_numpy(dtype=object, na_value=None)
        for row in unlocated:
            place = commune_at.get(communes[row]) or district_at.get(district_codes[row])
            if place:
                fallback_lat[row], fallback_lon[row] = place
    status["map_lat"] = points["latitude"].astype("Float64").where(
        has_own, pd.array(fallback_lat, dtype="Float64")).astype(float)
    status["map_lon"] = points["longitude"].astype("Float64").where(
        has_own, pd.array(fallback_lon, dtype="Float64")).astype(float)
    status["location_source"] = pd.array(["sheet" if own else "commune" for own in has_own], dtype="string")
    return status


def _share(numerator, denominator):
    """numerator / denominator as float, NaN where the denominator is 0 (works on scalars and Series)."""
    if isinstance(denominator, pd.Series):
        return (numerator / denominator.where(denominator > 0)).astype(float)
    return float(numerator) / float(denominator) if denominator else float("nan")


def _with_shares(table: pd.DataFrame) -> pd.DataFrame:
    """The share columns from the count columns: the same rule for a district row and the province."""
    target = table["points_target"]
    for condition in CONDITIONS:
        if condition.key != "children_complete":
            table[condition.share] = _share(table[condition.count], target)
    table["share_children"] = _share(table["children_entered"], table["eligible_children"])
    table["share_ready"] = _share(table["points_ready"], target)
    table["share_trained_staff"] = _share(table["trained_staff"], table["staff"])
    return table


def _code_key(code):
    """A district code as a dict key: every missing code (None, NA, NaN) is the same key."""
    return None if pd.isna(code) else code


def compute_district_readiness(point_status: pd.DataFrame, districts: pd.DataFrame,
                               difficulties: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per district (those in the Huyện tab, then any other with points).

    Args:
        point_status: `compute_point_status`'s table.
        districts: the cleaned Huyện tab (`district_code`, `district_name`, `expected_points` Int64).
        difficulties: the difficulties log (`district_code`, `status`), to count each district's
            open difficulties; None counts none.

    Returns:
        `district_code`, `district_name` (str); `expected_points` (Int64, NA when not given);
        the counts of `COUNT_COLUMNS` (int64): `points` listed, `points_target` (the larger of
        listed and expected), `points_equipped` / `_trained` / `_live` / `_children` / `_ready`
        (points meeting each condition), `staff`, `trained_staff` (Σ trained_counted),
        `staff_untrained`, `trained_undated` (trained counted at points without a training date),
        `proficient` and `points_supervised` / `points_passed` (points), `eligible_children`,
        `children_entered` (Σ children_counted); `open_difficulties` (int64); and the shares of
        `SHARE_COLUMNS` (float 0..1, NaN with a zero denominator): points shares over
        `points_target`, `share_children` over eligible children, `share_trained_staff` over staff.
    """
    listed = districts[["district_code", "district_name", "expected_points"]].copy()
    others = point_status.loc[~point_status["district_code"].isin(listed["district_code"]),
                              ["district_code", "district_name"]].drop_duplicates("district_code")
    frame = pd.concat([listed, others.assign(expected_points=pd.NA)], ignore_index=True)
    # One grouped sum over the columns counted, not one slice of the whole table per district
    # (that was O(districts × columns) and took seconds at 700 districts).
    # The counted columns as plain int64 arrays: one block to sum, not one masked array per column.
    def ints(series: pd.Series) -> np.ndarray:
        return series.to_numpy(dtype="int64")

    narrow = pd.DataFrame({
        "district_code": point_status["district_code"],
        **{condition.count: ints(point_status[condition.key]) for condition in CONDITIONS},
        "points_ready": ints(point_status["ready"]),
        "staff": ints(point_status["staff"].fillna(0)),
        "trained_staff": ints(point_status["trained_counted"].fillna(0)),
        "staff_untrained": ints(point_status["staff_untrained"]),
        "trained_undated": ints(point_status["trained_counted"].fillna(0).where(point_status["training_date"].isna(),
                                                                                0)),
        "proficient": ints(point_status["proficient"].fillna(False)),
        "points_supervised": ints(point_status["supervised"]),
        "points_passed": ints(point_status["passed"]),
        "eligible_children": ints(point_status["eligible_children"].fillna(0)),
        "children_entered": ints(point_status["children_counted"].fillna(0)),
    })
    summed = [column for column in narrow.columns if column != "district_code"]
    grouped = narrow.groupby("district_code", dropna=False, sort=False)
    sums = grouped[summed].sum()
    # Plain ints straight from the arrays (converting cell by cell was a tenth of the metrics' time).
    sizes, summed_rows = grouped.size().tolist(), sums.to_numpy(dtype="int64").tolist()
    totals = {_code_key(code): (size, dict(zip(summed, values)))
              for code, size, values in zip(sums.index, sizes, summed_rows)}
    open_by_district = {}
    if difficulties is not None and not difficulties.empty:
        still_open = difficulties.loc[is_open(difficulties["status"]), "district_code"].dropna()
        open_by_district = still_open.value_counts().to_dict()
    nothing = (0, dict.fromkeys(summed, 0))
    columns = ["district_code", "district_name", "expected_points", *COUNT_COLUMNS, "open_difficulties"]
    # Built a column at a time from the districts' values, as a row-by-row build would give them.
    codes, names = list(frame["district_code"]), list(frame["district_name"])
    found = [totals.get(_code_key(code), nothing) for code in codes]
    expected = [int(value) if pd.notna(value) else 0 for value in frame["expected_points"]]
    points = [points for points, _ in found]
    table = pd.DataFrame({
        "district_code": codes,
        "district_name": names,
        "points": points,
        "expected_points": [value if value else pd.NA for value in expected],
        "points_target": [max(listed_points, value) for listed_points, value in zip(points, expected)],
        **{column: [group[column] for _, group in found] for column in summed},
        "open_difficulties": [int(open_by_district.get(code, 0)) for code in codes],
    } if codes else [], columns=columns)
    for column in (*COUNT_COLUMNS, "open_difficulties"):
        if table[column].dtype != "int64":  # already so unless the table is empty
            table[column] = table[column].astype("int64")
    table["expected_points"] = table["expected_points"].astype("Int64")
    return _with_shares(table)


def compute_headline(district_readiness: pd.DataFrame) -> dict[str, int | float]:
    """The province's (or the filtered districts') figures: the sum of the district rows.

    Args:
        district_readiness: `compute_district_readiness`'s table (any subset of its rows).

    Returns:
        A dict with every `COUNT_COLUMNS` key (int, the column's sum) and every `SHARE_COLUMNS`
        key (float 0..1 or NaN), the shares computed from the summed counts by the same rule as
        each district's: `share_equipped` = Σ points_equipped / Σ points_target, and so on.
    """
    sums = {column: int(district_readiness[column].sum()) if column in district_readiness else 0
            for column in COUNT_COLUMNS}
    row = _with_shares(pd.DataFrame([sums]))
    return {**sums, **{column: float(row[column].iloc[0]) for column in SHARE_COLUMNS}}


def compute_district_headline(district_readiness: pd.DataFrame, district_code: str) -> dict[str, int | float]:
    """One district's figures, shaped as `compute_headline`'s (zeros for a district with no row),
    plus `open_difficulties` (int)."""
    row = district_readiness.loc[district_readiness["district_code"] == district_code]
    headline = compute_headline(row)
    headline["open_difficulties"] = int(row["open_difficulties"].sum()) if "open_difficulties" in row else 0
    return headline


def compute_blocking_points(point_status: pd.DataFrame, limit: int = 10) -> pd.DataFrame:
    """The points furthest from ready: fewest conditions met, then most children waiting.

    Returns `limit` rows of `point_status` with `children_waiting` (int, eligible minus entered
    counted) and `missing` (list of the `CONDITION_KEYS` not met) added.
    """
    waiting = point_status.loc[~point_status["ready"]].copy()
    waiting["children_waiting"] = (waiting["eligible_children"].fillna(0)
                                   - waiting["children_counted"].fillna(0)).clip(lower=0)
    blocking = waiting.sort_values(["conditions_met", "children_waiting", "point_code"],
                                   ascending=[True, False, True]).head(limit)
    # Only for the rows kept: listing every waiting point's missing conditions took 1.2 s for a country.
    missing = [[key for key in CONDITION_KEYS if not row[key]] for _, row in blocking[list(CONDITION_KEYS)].iterrows()]
    # A column of lists, even when `limit` keeps no row of a non-empty table (as when every row had one).
    blocking["missing"] = pd.Series(missing, index=blocking.index, dtype=object) if len(waiting) else missing
    return blocking


def compute_blocking_districts(district_readiness: pd.DataFrame, limit: int = 5) -> pd.DataFrame:
    """Districts furthest from ready, by share of points ready then share live (rows of the table)."""
    return district_readiness.sort_values(["share_ready", "share_live"], na_position="first").head(limit)
