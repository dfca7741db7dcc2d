"""Difficulties: which are still open, and the log in the order a reader acts on it."""

from __future__ import annotations

import pandas as pd

from lib.schema import DIFFICULTY_STATUSES

RESOLVED = DIFFICULTY_STATUSES[-1]  # "Đã giải quyết"


def is_open(status: pd.Series) -> pd.Series:
    """A difficulty is open until the log says it is resolved: "Mới", "Đang xử lý", and a blank
    or unreadable status (nobody has said it is solved) are all open. Returns a bool Series.

    >>> is_open(pd.Series(["Mới", "Đang xử lý", "Đã giải quyết", None], dtype="string")).tolist()
    [True, True, False, True]
    """
    return (status != RESOLVED).fillna(True).astype(bool)


def compute_difficulties(difficulties: pd.DataFrame) -> pd.DataFrame:
    """The log with an `open` column (bool, by `is_open`), open ones first, each group oldest first.

    Args:
        difficulties: the cleaned difficulties log (`reported_date` datetime64, `status` str, …).

    Returns:
        The same rows and columns plus `open`, re-indexed 0..n-1.
    """
    log = difficulties.assign(open=is_open(difficulties["status"]))
    return log.sort_values(["open", "reported_date"], ascending=[False, True], kind="stable").reset_index(drop=True)
