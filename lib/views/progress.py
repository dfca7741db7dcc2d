"""Words for the progress page and the "since" comparison: the pace each condition kept over the recorded
history, and what changed since a date (cards, district table, points that moved)."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd

from lib import theme
from lib.i18n import t
from lib.metrics.progress import PROGRESS_CONDITIONS, PROGRESS_KEYS, ChangeSince
from lib.views.cards import HeadlineCard
from lib.views.format import format_date, format_number

CHANGE_KEYS = (*PROGRESS_KEYS, "overdue")  # the changes `ChangeSince` gives per district and for the province
# The overview card (`views.cards.build_headline`'s order) each condition's change is written on.
_CARD_OF_CHANGE = {1: "equipped", 2: "all_trained", 3: "live", 5: "children_entered"}


def format_decimal(value: float, lang: str = "vi", digits: int = 1) -> str:
    """A number with `digits` decimals: 2,5 (vi), 2.5 (en); "—" when NaN.

    >>> format_decimal(2.5), format_decimal(2.5, "en"), format_decimal(float("nan"))
    ('2,5', '2.5', '—')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    text = f"{float(value):.{digits}f}"
    return text.replace(".", ",") if lang == "vi" else text


def describe_history_pace(pace: pd.DataFrame, deadline: date | None, lang: str = "vi") -> list[str]:
    """One markdown line per condition: met so far, the pace per week, and when it would be met.

    Args:
        pace: `progress.compute_history_pace`'s table (`condition`, `done`, `scope`, `weeks`,
            `pace_per_week`, `forecast`, `late`).
        deadline: the deadline the forecast was compared with, or None.
    """
    labels = {condition.key: t(condition.label, lang) for condition in PROGRESS_CONDITIONS}
    lines = []
    for row in pace.itertuples():
        if row.scope and row.done >= row.scope:
            forecast = t("prog.forecast_done", lang)
        elif row.forecast is None:
            forecast = t("prog.forecast_none", lang)
        elif row.late and deadline is not None:
            forecast = t("prog.forecast_late", lang, date=format_date(row.forecast, lang),
                         deadline=format_date(deadline, lang))
        else:
            forecast = t("prog.forecast_date", lang, date=format_date(row.forecast, lang))
        lines.append(t("prog.pace_line", lang, condition=labels[row.condition], done=format_number(row.done, lang),
                       scope=format_number(row.scope, lang), pace=format_decimal(row.pace_per_week, lang),
                       weeks=format_decimal(row.weeks, lang), forecast=forecast))
    return lines


def format_change(value: int, lang: str = "vi") -> str:
    """A change in a count, signed: "+3", "−2" (a true minus sign), "0".

    >>> format_change(3), format_change(-1200), format_change(-1200, "en"), format_change(0)
    ('+3', '−1.200', '−1,200', '0')
    """
    if value > 0:
        return "+" + format_number(value, lang)
    if value < 0:
        return "\u2212" + format_number(-value, lang)
    return "0"


def describe_change(changes: dict, lang: str = "vi") -> str:
    """The non-zero changes of one unit as a phrase: "+4 điểm đủ thiết bị, −1 huyện quá hạn báo cáo".

    Args:
        changes: `ChangeSince.province`, or one row of `ChangeSince.districts` as a dict: an int
            per key of `CHANGE_KEYS` (points meeting each condition; `overdue`: reports overdue).

    Returns "không thay đổi" / "no change" when every change is 0.
    """
    parts = [t(f"since.change.{key}", lang, n=format_change(int(changes[key]), lang))
             for key in CHANGE_KEYS if int(changes.get(key, 0) or 0)]
    return ", ".join(parts) if parts else t("since.no_change", lang)


def describe_since(change: ChangeSince, lang: str = "vi") -> str:
    """The heading line of a comparison: which recorded days are compared, or why nothing is."""
    if change.base_day is None or change.current_day is None:
        return t("since.no_history", lang, since=format_date(change.since, lang))
    if change.base_day == change.current_day:
        return t("since.same_day", lang, since=format_date(change.since, lang), day=format_date(change.base_day, lang))
    return t("since.compared", lang, since=format_date(change.since, lang), base=format_date(change.base_day, lang),
             current=format_date(change.current_day, lang))


def add_change_to_cards(cards: list[HeadlineCard], changes: dict, since, lang: str = "vi") -> list[HeadlineCard]:
    """The overview cards with each condition's change since `since` added to its detail.

    Args:
        cards: `views.cards.build_headline`'s six cards (points, equipped, trained, live, ready, children).
        changes: `ChangeSince.province` (or a district's row as a dict).
        since: the date compared with.
    """
    result = []
    for index, card in enumerate(cards):
        key = _CARD_OF_CHANGE.get(index)
        if key is None:
            result.append(card)
            continue
        note = t("since.card", lang, n=format_change(int(changes[key]), lang), since=format_date(since, lang))
        result.append(HeadlineCard(card.label, card.value, f"{card.detail} · {note}" if card.detail else note, card.help))
    return result


def add_change_column(district_table: pd.DataFrame, district_codes: list, change: ChangeSince,
                      lang: str = "vi") -> pd.DataFrame:
    """`views.tables.build_district_table`'s table with a last column: each district's change since the date.

    Args:
        district_table: one row per district, in the order of `district_codes`.
        district_codes: the district codes of its rows (`district_readiness["district_code"]`).
        change: `progress.compute_change_since`'s result.
    """
    by_code = {row["district_code"]: row for row in change.districts.to_dict("records")}
    column = t("since.column", lang, since=format_date(change.since, lang))
    texts = [describe_change(by_code[code], lang) if code in by_code else t("since.no_change", lang)
             for code in district_codes]
    return district_table.assign(**{column: texts})


def build_moved_points_table(moved: pd.DataFrame, district_names: dict, lang: str = "vi") -> pd.DataFrame:
    """The points that moved, for a table: district, point, what it gained, what it lost.

    Args:
        moved: `ChangeSince.points` (`point_code`, `point_name`, `district_code`, `gained` and
            `lost`: lists of `PROGRESS_KEYS`).
        district_names: district code → name.
    """
    labels = {condition.key: t(condition.label, lang) for condition in PROGRESS_CONDITIONS}
    return pd.DataFrame({
        t("col.district", lang): [district_names.get(code, code) for code in moved["district_code"]],
        t("col.code", lang): list(moved["point_code"]),
        t("col.point", lang): list(moved["point_name"]),
        t("since.gained", lang): ["; ".join(labels[key] for key in keys) for keys in moved["gained"]],
        t("since.lost", lang): ["; ".join(labels[key] for key in keys) for keys in moved["lost"]],
    }, columns=[t(k, lang) for k in ("col.district", "col.code", "col.point", "since.gained", "since.lost")])


def unit_change(change: ChangeSince, district_code: str | None = None) -> tuple[dict, pd.DataFrame]:
    """One unit's part of a comparison: (its changes per `CHANGE_KEYS`, its points that moved).

    `district_code` None: the province (`change.province`, every point moved); a district not in
    the comparison: every change 0 and no point.
    """
    if district_code is None:
        return change.province, change.points
    rows = change.districts.loc[change.districts["district_code"] == district_code]
    changes = rows.iloc[0].to_dict() if len(rows) else dict.fromkeys(CHANGE_KEYS, 0)
    return changes, change.points.loc[change.points["district_code"] == district_code]


def describe_change_lines(changes: dict, lang: str = "vi") -> str:
    """The non-zero changes of one unit, one short line each, for a narrow table cell: "+2 thiết bị\n−1 triển khai";
    "không đổi" / "none" when every change is 0. `changes` as in `describe_change`."""
    parts = [t(f"since.short.{key}", lang, n=format_change(int(changes[key]), lang))
             for key in CHANGE_KEYS if int(changes.get(key, 0) or 0)]
    return "\n".join(parts) if parts else t("since.short.none", lang)


def describe_point_move(gained: list, lost: list, lang: str = "vi") -> str:
    """What one point gained and lost (`ChangeSince.points`' lists), one short line each: "+1 thiết bị\n−1 triển khai"."""
    return describe_change_lines({**{key: 1 for key in gained}, **{key: -1 for key in lost}}, lang)


def _forecast_cell(pace, lang: str) -> str:
    """One condition's row of `compute_history_pace` (a Series or a record dict) as a status cell."""
    if pace["scope"] and pace["done"] >= pace["scope"]:
        return f"{theme.GOOD.symbol} {t('prog.cell.done', lang)}"
    symbol = theme.BAD.symbol if pace["late"] else theme.GOOD.symbol
    if pace["forecast"] is None or pd.isna(pace["forecast"]):
        return f"{symbol} {t('dl.no_forecast', lang)}"
    return f"{symbol} {format_date(pace['forecast'], lang)}"


def build_history_pace_table(pace_by_district: pd.DataFrame, lang: str = "vi") -> tuple[pd.DataFrame, list[str]]:
    """One row per district, one column per condition: when the pace kept over the history would meet it.

    Args:
        pace_by_district: `progress.compute_district_history_pace`'s table.

    Returns:
        (table, its status columns): `col.district`, then per `PROGRESS_CONDITIONS` a cell "✔ 25/05/2017"
        (met by the deadline at that pace), "✖ 10/07/2017" (after it), "✖ chưa có tiến độ" (no gain
        recorded) or "✔ đã đạt" (met everywhere); then `prog.col.weeks`, the weeks of history it rests on.
    """
    labels = [t(condition.label, lang) for condition in PROGRESS_CONDITIONS]
    # One pass over the records: a filter per district cost 7 ms each, 5 s for a country's 700.
    by_district: dict = {}
    for record in pace_by_district.to_dict("records"):
        by_district.setdefault(record["district_code"], {})[record["condition"]] = record
    rows = []
    for by_condition in by_district.values():
        first = next(iter(by_condition.values()))
        cells = {label: _forecast_cell(by_condition[condition.key], lang)
                 for label, condition in zip(labels, PROGRESS_CONDITIONS)}
        rows.append({t("col.district", lang): first["district_name"], **cells,
                     t("prog.col.weeks", lang): format_decimal(float(first["weeks"]), lang)})
    columns = [t("col.district", lang), *labels, t("prog.col.weeks", lang)]
    return pd.DataFrame(rows, columns=columns), labels
