"""Altair charts: each `build_…_chart` takes computed tables and returns a chart object."""

from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd

from lib import theme
from lib.i18n import t
from lib.views.format import format_date, format_number, format_share

# Vietnamese number and date formats for Vega (d3-format locale).
VI_NUMBER_LOCALE = {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " ₫"]}
EN_NUMBER_LOCALE = {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["$", ""]}
DATE_AXIS_FORMAT = "%d/%m"


def _finish(chart: alt.Chart, lang: str) -> alt.Chart:
    locale = VI_NUMBER_LOCALE if lang == "vi" else EN_NUMBER_LOCALE
    return chart.properties(usermeta={"embedOptions": {"formatLocale": locale}}).configure_axis(
        labelFontSize=12, titleFontSize=13).configure_legend(labelFontSize=12, titleFontSize=13, orient="bottom")


def build_training_curve_chart(curve: pd.DataFrame, total_staff: int, deadline: date | None,
                               as_of: date, lang: str = "vi", undated: int = 0) -> alt.Chart:
    """Cumulative staff trained over time, against the total staff and the go-live deadline.

    Args:
        curve: `training.compute_training_curve`'s table (`date`, `cumulative` persons).
        total_staff: the headline's `staff` (persons), drawn as a dashed rule.
        deadline: the go-live deadline (a rule), or None. as_of: the data's date (a rule).
        undated: the headline's `trained_undated` (persons trained without a training date): when
            above 0 the chart says they are not on the curve, so its end plus them is the total.
    """
    frame = curve.assign(label=[format_date(d, lang) for d in curve["date"]],
                         cumulative_text=[format_number(v, lang) for v in curve["cumulative"]])
    base = alt.Chart(frame)
    line = base.mark_line(point=True, interpolate="step-after", color=theme.ACCENT).encode(
        x=alt.X("date:T", title=t("tr.axis.date", lang), axis=alt.Axis(format=DATE_AXIS_FORMAT)),
        y=alt.Y("cumulative:Q", title=t("tr.axis.trained", lang)),
        tooltip=[alt.Tooltip("label:N", title=t("tr.axis.date", lang)),
                 alt.Tooltip("cumulative_text:N", title=t("tr.axis.trained", lang))],
    )
    layers = [line]
    total = pd.DataFrame({"total": [total_staff], "text": [t("tr.total_staff", lang, n=format_number(total_staff, lang))]})
    layers.append(alt.Chart(total).mark_rule(strokeDash=[6, 4], color=theme.MUTED).encode(y="total:Q"))
    layers.append(alt.Chart(total).mark_text(align="left", dx=4, dy=-8, color=theme.MUTED).encode(
        y="total:Q", x=alt.value(0), text="text:N"))
    if undated:
        note = pd.DataFrame({"undated": [int(undated)],
                             "text": [t("tr.undated", lang, n=format_number(undated, lang))]})
        layers.append(alt.Chart(note).mark_text(align="right", baseline="bottom", dx=-4, dy=-4,
                                                color=theme.MUTED).encode(
            x=alt.value({"expr": "width"}), y=alt.value({"expr": "height"}), text="text:N"))
    marks = [(deadline, t("tr.deadline", lang), theme.BAD.colour), (as_of, t("tr.as_of", lang), theme.INK)]
    for when, label, colour in marks:
        if when is None:
            continue
        rule = pd.DataFrame({"date": [pd.Timestamp(when)], "text": [f"{label} {format_date(when, lang)}"]})
        layers.append(alt.Chart(rule).mark_rule(color=colour, strokeDash=[4, 3]).encode(x="date:T"))
        layers.append(alt.Chart(rule).mark_text(angle=270, align="right", dx=-4, dy=-6, baseline="bottom",
                                                color=colour).encode(x="date:T", y=alt.value(4), text="text:N"))
    return _finish(alt.layer(*layers).properties(height=320, width="container"), lang)


def build_district_training_chart(by_district: pd.DataFrame, lang: str = "vi") -> alt.Chart:
    """Per district: staff trained vs staff (bars), proficiency share in the tooltip and label.

    Args:
        by_district: `training.compute_training_by_district`'s table: `trained_staff` and
            `staff_untrained` (persons) are the two bar parts, which add up to `staff`.
    """
    rows = []
    for district in by_district.itertuples():
        rows.append({"district": district.district_name, "part": t("tr.part.trained", lang),
                     "staff": int(district.trained_staff),
                     "order": 0, "share": format_share(district.share_trained_staff, lang),
                     "proficient": format_share(district.share_proficient, lang)})
        rows.append({"district": district.district_name, "part": t("tr.part.not_trained", lang),
                     "staff": int(district.staff_untrained), "order": 1,
                     "share": format_share(district.share_trained_staff, lang),
                     "proficient": format_share(district.share_proficient, lang)})
    frame = pd.DataFrame(rows)
    colour = alt.Color("part:N", title=None, scale=alt.Scale(
        domain=[t("tr.part.trained", lang), t("tr.part.not_trained", lang)], range=[theme.GOOD.colour, "#d1d5db"]))
    chart = alt.Chart(frame).mark_bar().encode(
        y=alt.Y("district:N", title=None, sort=alt.EncodingSortField("staff", op="sum", order="descending"),
                axis=alt.Axis(labelOverlap=False, labelLimit=220)),
        x=alt.X("staff:Q", title=t("tr.axis.staff", lang), stack="zero"),
        color=colour,
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("district:N", title=t("col.district", lang)),
                 alt.Tooltip("part:N", title=" "), alt.Tooltip("staff:Q", title=t("tr.axis.staff", lang)),
                 alt.Tooltip("share:N", title=t("tr.share_trained", lang)),
                 alt.Tooltip("proficient:N", title=t("tr.share_proficient", lang))],
    )
    return _finish(chart.properties(height=max(160, 34 * len(by_district)), width="container"), lang)


def build_sessions_chart(sessions: pd.DataFrame, lang: str = "vi") -> alt.Chart:
    """Training sessions held: one bar per session, participants on the y axis.

    Args:
        sessions: `training.compute_sessions`'s table (`session_date`, `district`, `place`,
            `participants` Int64 attendances).
    """
    frame = sessions.assign(
        label=[format_date(d, lang) for d in sessions["session_date"]],
        district_label=sessions["district"].fillna(t("tr.province_wide", lang)),
        place_text=sessions["place"].fillna(""),
        participants=sessions["participants"].fillna(0).astype(int),
    )[["session_date", "label", "district_label", "place_text", "participants"]]
    chart = alt.Chart(frame).mark_bar(size=14, color=theme.ACCENT).encode(
        x=alt.X("session_date:T", title=t("tr.axis.date", lang), axis=alt.Axis(format=DATE_AXIS_FORMAT)),
        y=alt.Y("participants:Q", title=t("tr.axis.participants", lang)),
        tooltip=[alt.Tooltip("label:N", title=t("tr.axis.date", lang)),
                 alt.Tooltip("district_label:N", title=t("col.district", lang)),
                 alt.Tooltip("place_text:N", title=t("col.place", lang)),
                 alt.Tooltip("participants:Q", title=t("tr.axis.participants", lang))],
    )
    return _finish(chart.properties(height=240, width="container"), lang)


def build_milestone_timeline_chart(countdowns: pd.DataFrame, as_of: date, lang: str = "vi") -> alt.Chart:
    """Milestones as points on a time axis, coloured (and labelled) by status, today marked.

    Args:
        countdowns: `deadlines.compute_countdowns`'s table (`milestone_code`, `description`,
            `deadline` date, `status`). as_of: the data's date, drawn as a rule.
    """
    frame = countdowns.assign(
        when=pd.to_datetime(countdowns["deadline"]),
        label=[f"{theme.STATUSES[s].symbol} {code}" for s, code in zip(countdowns["status"], countdowns["milestone_code"])],
        status_text=[t("status." + s, lang) for s in countdowns["status"]],
        date_text=[format_date(d, lang) for d in countdowns["deadline"]],
        lane=list(range(len(countdowns))),
    )
    statuses = list(theme.STATUSES.values())
    colour = alt.Color("status_text:N", title=None, scale=alt.Scale(
        domain=[t("status." + s.key, lang) for s in statuses], range=[s.colour for s in statuses]))
    points = alt.Chart(frame).mark_point(filled=True, size=220, shape="diamond").encode(
        x=alt.X("when:T", title=None, axis=alt.Axis(format="%d/%m/%Y"),
              scale=alt.Scale(padding=40)),  # room for the edge date labels at phone width
        y=alt.Y("lane:O", axis=None),
        color=colour,
        tooltip=[alt.Tooltip("milestone_code:N", title=t("col.code", lang)),
                 alt.Tooltip("description:N", title=t("col.description", lang)),
                 alt.Tooltip("date_text:N", title=t("col.deadline", lang)),
                 alt.Tooltip("status_text:N", title=t("col.status", lang))],
    )
    labels = alt.Chart(frame).mark_text(align="left", dx=12, fontSize=13, color=theme.INK).encode(
        x="when:T", y=alt.Y("lane:O", axis=None), text="label:N")
    today = pd.DataFrame({"when": [pd.Timestamp(as_of)], "text": [f"{t('tr.as_of', lang)} {format_date(as_of, lang)}"]})
    rule = alt.Chart(today).mark_rule(color=theme.ACCENT, strokeWidth=2).encode(x="when:T")
    rule_text = alt.Chart(today).mark_text(align="left", dx=4, dy=-4, color=theme.ACCENT, baseline="bottom").encode(
        x="when:T", y=alt.value(0), text="text:N")
    height = max(140, 46 * len(frame))
    return _finish(alt.layer(rule, rule_text, points, labels).properties(height=height, width="container"), lang)
