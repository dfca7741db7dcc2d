"""Training progress: staff trained over time, per district, and the sessions held."""

from __future__ import annotations

import pandas as pd


def compute_training_curve(point_status: pd.DataFrame) -> pd.DataFrame:
    """Cumulative staff trained by training date (points without a date are not on the curve)."""
    dated = point_status.loc[point_status["training_date"].notna() & point_status["trained_staff"].notna(),
                             ["training_date", "trained_staff"]]
    if dated.empty:
        return pd.DataFrame({"date": pd.Series(dtype="datetime64[us]"), "trained": pd.Series(dtype="int64"),
                             "cumulative": pd.Series(dtype="int64")})
    # Trained beyond the staff count is a data error (reported by cleaning); do not let it inflate the curve.
    capped = dated["trained_staff"].clip(upper=point_status.loc[dated.index, "staff"].fillna(dated["trained_staff"]))
    by_day = capped.groupby(dated["training_date"]).sum().sort_index()
    curve = pd.DataFrame({"date": by_day.index, "trained": by_day.values.astype(int)})
    curve["cumulative"] = curve["trained"].cumsum()
    return curve


def compute_training_by_district(district_readiness: pd.DataFrame) -> pd.DataFrame:
    """Staff, trained and proficient per district, with shares."""
    table = district_readiness[["district_code", "district_name", "staff", "trained_staff", "proficient",
                                "points", "points_trained"]].copy()
    staff = table["staff"].where(table["staff"] > 0)
    table["share_trained_staff"] = (table["trained_staff"].clip(upper=table["staff"]) / staff).astype(float)
    points = table["points"].where(table["points"] > 0)
    table["share_proficient"] = (table["proficient"] / points).astype(float)
    return table


def compute_sessions(training: pd.DataFrame) -> pd.DataFrame:
    """Training sessions in date order."""
    return training.sort_values("session_date").reset_index(drop=True)
