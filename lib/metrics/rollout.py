"""Everything the pages show, computed once per (data, as-of date, district filter)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from lib.cleaning import Dataset
from lib.geography import Geography
from lib.metrics import deadlines, difficulties, readiness, training


@dataclass
class Rollout:
    """Every figure the pages, maps, slides and exports show; they format these and compute none.

    Tables are those of the `compute_*` functions named beside each field.
    """

    as_of: date
    district_codes: tuple[str, ...]  # the filter; empty = whole province
    point_status: pd.DataFrame  # readiness.compute_point_status
    district_readiness: pd.DataFrame  # readiness.compute_district_readiness
    headline: dict  # readiness.compute_headline: the sum of the district rows
    countdowns: pd.DataFrame
    reports: pd.DataFrame
    pace: pd.DataFrame
    training_curve: pd.DataFrame  # training.compute_training_curve
    training_by_district: pd.DataFrame  # training.compute_training_by_district
    sessions: pd.DataFrame  # training.compute_sessions
    session_totals: dict  # training.compute_session_totals
    difficulties: pd.DataFrame  # difficulties.compute_difficulties: with `open`, open ones first
    go_live_deadline: date | None

    def district_headline(self, district_code: str) -> dict:
        """One district's figures, shaped as `headline` (readiness.compute_district_headline)."""
        return readiness.compute_district_headline(self.district_readiness, district_code)


def _only(table: pd.DataFrame, codes: tuple[str, ...], column: str = "district_code") -> pd.DataFrame:
    return table if not codes else table.loc[table[column].isin(codes)].reset_index(drop=True)


def compute_rollout(dataset: Dataset, geography: Geography, as_of: date,
                    district_codes: tuple[str, ...] = ()) -> Rollout:
    """Every table and figure for the cleaned `dataset` as of `as_of`, narrowed to `district_codes`
    (empty: the whole province). The headline is the sum of the (narrowed) district rows."""
    point_status = _only(readiness.compute_point_status(dataset.points, geography, as_of), district_codes)
    districts = _only(dataset.districts, district_codes)
    log = difficulties.compute_difficulties(_only(dataset.difficulties, district_codes))
    district_readiness = readiness.compute_district_readiness(point_status, districts, log)
    headline = readiness.compute_headline(district_readiness)
    go_live_deadline = deadlines.deadline_for(dataset.milestones, deadlines.GO_LIVE)
    pace = deadlines.compute_pace_forecast(point_status, district_readiness, as_of, go_live_deadline)
    reports = deadlines.compute_district_reports(districts, dataset.milestones, as_of)
    sessions = _only(training.compute_sessions(dataset.training), district_codes)
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
        sessions=sessions,
        session_totals=training.compute_session_totals(sessions),
        difficulties=log,
        go_live_deadline=go_live_deadline,
    )
