"""Everything the pages show, computed once per (data, as-of date, district filter)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from lib.cleaning import Dataset
from lib.geography import Geography
from lib.metrics import deadlines, readiness, training


@dataclass
class Rollout:
    as_of: date
    district_codes: tuple[str, ...]  # the filter; empty = whole province
    point_status: pd.DataFrame
    district_readiness: pd.DataFrame
    headline: dict
    countdowns: pd.DataFrame
    reports: pd.DataFrame
    pace: pd.DataFrame
    training_curve: pd.DataFrame
    training_by_district: pd.DataFrame
    sessions: pd.DataFrame
    difficulties: pd.DataFrame
    go_live_deadline: date | None


def _only(table: pd.DataFrame, codes: tuple[str, ...], column: str = "district_code") -> pd.DataFrame:
    return table if not codes else table.loc[table[column].isin(codes)].reset_index(drop=True)


def compute_rollout(dataset: Dataset, geography: Geography, as_of: date,
                    district_codes: tuple[str, ...] = ()) -> Rollout:
    point_status = _only(readiness.compute_point_status(dataset.points, geography, as_of), district_codes)
    districts = _only(dataset.districts, district_codes)
    district_readiness = readiness.compute_district_readiness(point_status, districts)
    headline = readiness.compute_headline(point_status)
    go_live_deadline = deadlines.deadline_for(dataset.milestones, deadlines.GO_LIVE)
    pace = deadlines.compute_pace_forecast(point_status, district_readiness, as_of, go_live_deadline)
    reports = deadlines.compute_district_reports(districts, dataset.milestones, as_of)
    countdowns = deadlines.compute_countdowns(dataset.milestones, headline, reports, pace, as_of)
    return Rollout(
        as_of=as_of,
        district_codes=district_codes,
        point_status=point_status,
        district_readiness=district_readiness,
        headline=headline,
        countdowns=countdowns,
        reports=reports,
        pace=pace,
        training_curve=training.compute_training_curve(point_status),
        training_by_district=training.compute_training_by_district(district_readiness),
        sessions=_only(training.compute_sessions(dataset.training), district_codes),
        difficulties=_only(dataset.difficulties, district_codes),
        go_live_deadline=go_live_deadline,
    )
