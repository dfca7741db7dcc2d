"""Training progress: staff trained over time, per district, and the sessions held."""

from __future__ import annotations

import pandas as pd


def compute_training_curve(point_status: pd.DataFrame) -> pd.DataFrame:
    """Cumulative staff trained by training date.

    Args:
        point_status: `readiness.compute_point_status`'s table (`training_date`, `trained_counted`).

    Returns:
        `date` (datetime64), `trained` (int64, staff trained that day) and `cumulative` (int64), one
        row per training date. Trained staff count as `trained_counted` (at most the point's staff);
        points without a training date are not on the curve: the district table's `trained_undated`
        says how many staff that leaves off, so the curve's end plus it is the trained total.
    """
    dated = point_status.loc[point_status["training_date"].notna() & point_status["trained_counted"].notna(),
                             ["training_date", "trained_counted"]]
    if dated.empty:
        return pd.DataFrame({"date": pd.Series(dtype="datetime64[us]"), "trained": pd.Series(dtype="int64"),
                             "cumulative": pd.Series(dtype="int64")})
    by_day = dated["trained_counted"].groupby(dated["training_date"]).sum().sort_index()
    curve = pd.DataFrame({"date": by_day.index, "trained": by_day.to_numpy().astype("int64")})
    curve["cumulative"] = curve["trained"].cumsum()
    return curve


def compute_training_by_district(district_readiness: pd.DataFrame) -> pd.DataFrame:
    """Staff, trained and proficient per district, with shares.

    Args:
        district_readiness: `readiness.compute_district_readiness`'s table.

    Returns:
        `district_code`, `district_name`, `staff`, `trained_staff` (counted), `staff_untrained`,
        `proficient`, `points`, `points_trained` (int64), `share_trained_staff` (trained ÷ staff) and
        `share_proficient` (proficient points ÷ points listed), floats 0..1 or NaN.
    """
    table = district_readiness[["district_code", "district_name", "staff", "trained_staff", "staff_untrained",
                                "proficient", "points", "points_trained", "share_trained_staff"]].copy()
    points = table["points"].where(table["points"] > 0)
    table["share_proficient"] = (table["proficient"] / points).astype(float)
    return table


def compute_sessions(training: pd.DataFrame) -> pd.DataFrame:
    """Training sessions in date order (the cleaned Tập huấn tab, same columns)."""
    return training.sort_values("session_date").reset_index(drop=True)


def compute_session_totals(sessions: pd.DataFrame) -> dict[str, int]:
    """`sessions` held and `participants` (attendances, not persons: one person may attend twice)."""
    return {"sessions": len(sessions), "participants": int(sessions["participants"].fillna(0).sum())}
