"""The point rows a recorded day keeps: only the points whose recorded figures changed since the previous
recorded day (all of them on a series' first day), and a "no longer listed" row for a point that left the
sheet. A year of a country-scale sheet then holds about one row per change, not one per point and day.

A point's *state* on a day is its latest row on or before that day. Plain Python on the rows of
`lib.history.snapshot` (dicts keyed by the columns of `tables.points`); the store applies it.
"""

from __future__ import annotations

from lib.history.snapshot import POINT_COUNTS, POINT_FLAGS

# What is compared to decide that a point changed (its code is the key, `listed` is set here).
POINT_STATE_COLUMNS = ("point_name", "district_code", "commune_code", *POINT_FLAGS, "conditions_met", *POINT_COUNTS)


def _same(row: dict, other: dict) -> bool:
    return all(row.get(column) == other.get(column) for column in POINT_STATE_COLUMNS) \
        and bool(row.get("listed", True)) == bool(other.get("listed", True))


def unlisted(row: dict) -> dict:
    """The row saying that the point of `row` is no longer listed: where it was, nothing met, nothing counted."""
    return {"point_code": row["point_code"], "point_name": row.get("point_name"),
            "district_code": row["district_code"], "commune_code": row.get("commune_code"),
            **dict.fromkeys(POINT_FLAGS, False), "conditions_met": 0, **dict.fromkeys(POINT_COUNTS, None),
            "listed": False}


def diff_points(before: dict[str, dict], current: list[dict]) -> list[dict]:
    """The rows to keep for a day whose points are `current`, the state before it being `before`.

    Args:
        before: point code → its state on the previous recorded day (rows with `listed`; empty on a
            series' first day).
        current: the day's points (`HistorySnapshot.points`: every listed point).

    Returns:
        The rows of `current` that differ from their state in `before` (or are new), with `listed`
        True, then an `unlisted` row for each point listed in `before` and missing from `current`;
        nothing else.

    >>> a = {"point_code": "A", "district_code": "1", "equipped": False, "listed": True}
    >>> [row["point_code"] for row in diff_points({"A": a}, [dict(a, equipped=True), {"point_code": "B", "district_code": "1"}])]
    ['A', 'B']
    >>> diff_points({"A": a}, [])[0]["listed"]
    False
    """
    rows = []
    seen = set()
    for row in current:
        seen.add(row["point_code"])
        kept = {**row, "listed": True}
        previous = before.get(row["point_code"])
        if previous is None or not _same(previous, kept):
            rows.append(kept)
    rows += [unlisted(row) for code, row in before.items() if code not in seen and row.get("listed", True)]
    return rows


def apply_rows(state: dict[str, dict], rows: list[dict]) -> dict[str, dict]:
    """The state after a day whose kept rows are `rows` (a new dict; `state` is left as it was)."""
    return {**state, **{row["point_code"]: row for row in rows}}
