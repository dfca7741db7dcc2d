"""Altair charts: each `build_…_chart` takes computed tables and returns a chart object."""

from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd

from lib import theme
from lib.i18n import t
from lib.metrics.progress import PROGRESS_CONDITIONS
from lib.views.format import format_date, format_number, format_share

# Vietnamese number and date formats for Vega (d3-format locale).
VI_NUMBER_LOCALE = {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " ₫"]}
EN_NUMBER_LOCALE = {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["$", ""]}
DATE_AXIS_FORMAT = "%d/%m"
SESSION_BAR_PX = 14
LABEL_LIMIT_PX = 180  # a longer axis label (a district, a milestone's description) ends in "…"


def _finish(chart: alt.Chart, lang: str) -> alt.Chart:
    locale = VI_NUMBER_LOCALE if lang == "vi" else EN_NUMBER_LOCALE
    return chart.properties(usermeta={"embedOptions": {"formatLocale": locale}}).configure_axis(
        labelFontSize=12, titleFontSize=13, labelLimit=LABEL_LIMIT_PX).configure_legend(labelFontSize=12, titleFontSize=13,
                                                             orient="bottom").configure_text(fontSize=12)


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
        # "greedy" drops a date label that would touch its neighbour ("29/0501/06"); labelBound keeps the
        # last one inside the chart.
        x=alt.X("date:T", title=t("tr.axis.date", lang),
                axis=alt.Axis(format=DATE_AXIS_FORMAT, labelOverlap="greedy", labelBound=True)),
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
                axis=alt.Axis(labelOverlap=False)),
        x=alt.X("staff:Q", title=t("tr.axis.staff", lang), stack="zero"),
        color=colour,
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("district:N", title=t("col.district", lang)),
                 alt.Tooltip("part:N", title=" "), alt.Tooltip("staff:Q", title=t("tr.axis.staff", lang)),
                 alt.Tooltip("share:N", title=t("tr.share_trained", lang)),
                 alt.Tooltip("proficient:N", title=t("tr.share_proficient", lang))],
    )
    # The height holds the axis and the legend too: a row per district, then room for them.
    return _finish(chart.properties(height=34 * len(by_district) + 110, width="container"), lang)


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
    chart = alt.Chart(frame).mark_bar(size=SESSION_BAR_PX, color=theme.ACCENT).encode(
        # Padding at both ends of the time axis: a bar is centred on its date, so the last one was cut in half.
        x=alt.X("session_date:T", title=t("tr.axis.date", lang), scale=alt.Scale(padding=SESSION_BAR_PX),
                axis=alt.Axis(format=DATE_AXIS_FORMAT, labelOverlap="greedy", labelBound=True)),
        y=alt.Y("participants:Q", title=t("tr.axis.participants", lang)),
        tooltip=[alt.Tooltip("label:N", title=t("tr.axis.date", lang)),
                 alt.Tooltip("district_label:N", title=t("col.district", lang)),
                 alt.Tooltip("place_text:N", title=t("col.place", lang)),
                 alt.Tooltip("participants:Q", title=t("tr.axis.participants", lang))],
    )
    return _finish(chart.properties(height=240, width="container"), lang)


def timeline_height(milestones: int, row_px: int = 30, frame_px: int = 80) -> int:
    """The milestone timeline's height in px: a row per milestone plus its axis, legend and today's
    label (`frame_px`); a slide passes rows and frame sized for its larger type.

    >>> timeline_height(4), timeline_height(1)
    (200, 140)
    """
    return max(140, row_px * milestones + frame_px)


def build_milestone_timeline_chart(countdowns: pd.DataFrame, as_of: date, lang: str = "vi") -> alt.Chart:
    """Milestones as points on a time axis, one row each named by its description (the sheet's
    text, as typed: its code means nothing to a reader), coloured by status, today marked.

    Args:
        countdowns: `deadlines.compute_countdowns`'s table (`milestone_code`, `description`,
            `deadline` date, `status`). as_of: the data's date, drawn as a rule.
    """
    names = [description if isinstance(description, str) and description.strip() else str(code)
             for description, code in zip(countdowns["description"], countdowns["milestone_code"])]
    frame = countdowns.assign(
        when=pd.to_datetime(countdowns["deadline"]),
        label=[f"{theme.STATUSES[s].symbol} {name}" for s, name in zip(countdowns["status"], names)],
        status_text=[t("status." + s, lang) for s in countdowns["status"]],
        date_text=[format_date(d, lang) for d in countdowns["deadline"]],
    )
    statuses = list(theme.STATUSES.values())
    colour = alt.Color("status_text:N", title=None, scale=alt.Scale(
        domain=[t("status." + s.key, lang) for s in statuses], range=[s.colour for s in statuses]))
    rows = alt.Y("label:N", title=None, sort=list(frame["label"]), axis=alt.Axis(labelPadding=8))
    points = alt.Chart(frame).mark_point(filled=True, size=220, shape="diamond").encode(
        x=alt.X("when:T", title=None, axis=alt.Axis(format="%d/%m/%Y", labelOverlap="greedy", labelBound=True),
                scale=alt.Scale(padding=40)),  # room for the edge date labels at phone width
        y=rows,
        color=colour,
        tooltip=[alt.Tooltip("milestone_code:N", title=t("col.code", lang)),
                 alt.Tooltip("description:N", title=t("col.description", lang)),
                 alt.Tooltip("date_text:N", title=t("col.deadline", lang)),
                 alt.Tooltip("status_text:N", title=t("col.status", lang))],
    )
    today = pd.DataFrame({"when": [pd.Timestamp(as_of)], "text": [f"{t('tr.as_of', lang)} {format_date(as_of, lang)}"]})
    rule = alt.Chart(today).mark_rule(color=theme.ACCENT, strokeWidth=2).encode(x="when:T")
    rule_text = alt.Chart(today).mark_text(align="left", dx=4, dy=-4, color=theme.ACCENT, baseline="bottom").encode(
        x="when:T", y=alt.value(0), text="text:N")
    height = timeline_height(len(frame))
    return _finish(alt.layer(rule, rule_text, points).properties(height=height, width="container"), lang)


def _deadline_rules(countdowns: pd.DataFrame, as_of: date, lang: str) -> list:
    """Dashed rules with a label: each distinct milestone deadline (its measures joined), and the as-of date."""
    marks = []
    if not countdowns.empty:
        dated = countdowns.dropna(subset=["deadline"])
        for deadline, group in dated.groupby("deadline", sort=True):
            measures = ", ".join(dict.fromkeys(str(m) for m in group["measure"].dropna()))
            marks.append((deadline, f"{measures} {format_date(deadline, lang)}".strip(), theme.BAD.colour))
    marks.append((as_of, f"{t('tr.as_of', lang)} {format_date(as_of, lang)}", theme.INK))
    layers = []
    for when, label, colour in marks:
        rule = pd.DataFrame({"date": [pd.Timestamp(when)], "text": [label]})
        layers.append(alt.Chart(rule).mark_rule(color=colour, strokeDash=[4, 3]).encode(x="date:T"))
        layers.append(alt.Chart(rule).mark_text(angle=270, align="right", dx=-4, dy=-6, baseline="bottom",
                                                color=colour).encode(x="date:T", y=alt.value(4), text="text:N"))
    return layers


def build_burn_up_chart(burn_up: pd.DataFrame, countdowns: pd.DataFrame, as_of: date,
                        lang: str = "vi") -> alt.Chart:
    """Burn-up: per condition, the points meeting it on each recorded day, up to the points to reach.

    Args:
        burn_up: `progress.compute_burn_up`'s table (`day` date, `condition` key of
            `progress.PROGRESS_KEYS`, `done` and `scope` points). A step line per condition (a day
            with no record keeps the last recorded figures), the scope as a dashed grey line.
        countdowns: `deadlines.compute_countdowns`'s table (`deadline`, `measure`): one rule per deadline.
        as_of: the data's date (a rule).
    """
    names = {condition.key: t(condition.label, lang) for condition in PROGRESS_CONDITIONS}
    frame = burn_up.assign(date=pd.to_datetime(burn_up["day"]), name=burn_up["condition"].map(names),
                           label=[format_date(d, lang) for d in burn_up["day"]],
                           done_text=[f"{format_number(d, lang)}/{format_number(s, lang)}"
                                      for d, s in zip(burn_up["done"], burn_up["scope"])])
    order = [names[condition.key] for condition in PROGRESS_CONDITIONS]
    lines = alt.Chart(frame).mark_line(point=True, interpolate="step-after").encode(
        x=alt.X("date:T", title=t("prog.axis.date", lang),
                axis=alt.Axis(format=DATE_AXIS_FORMAT, labelOverlap="greedy", labelBound=True)),
        y=alt.Y("done:Q", title=t("prog.axis.points", lang)),
        # One condition per legend row: five names side by side overflow a phone's width.
        color=alt.Color("name:N", title=None, sort=order, legend=alt.Legend(columns=1),
                        scale=alt.Scale(domain=order, range=list(theme.PROGRESS_COLOURS))),
        tooltip=[alt.Tooltip("label:N", title=t("prog.axis.date", lang)), alt.Tooltip("name:N", title=None),
                 alt.Tooltip("done_text:N", title=t("prog.axis.points", lang))],
    )
    scope = frame.drop_duplicates("day").assign(name=t("prog.scope", lang))
    scope_line = alt.Chart(scope).mark_line(interpolate="step-after", strokeDash=[6, 4], color=theme.MUTED).encode(
        x="date:T", y="scope:Q", tooltip=[alt.Tooltip("label:N", title=t("prog.axis.date", lang)),
                                          alt.Tooltip("scope:Q", title=t("prog.scope", lang))])
    layers = [scope_line, lines, *_deadline_rules(countdowns, as_of, lang)]
    # "fit-x": the width follows the page, the height is the plot's own, so the legend below adds to it
    # instead of squeezing the lines.
    return _finish(alt.layer(*layers).properties(height=280, width="container",
                                                 autosize=alt.AutoSizeParams(type="fit-x", contains="padding")), lang)


def build_weekly_moves_chart(weekly_moves: pd.DataFrame, lang: str = "vi") -> alt.Chart:
    """Points that moved each week: one bar per week, the points that gained at least one condition.

    Args:
        weekly_moves: `progress.compute_weekly_moves`'s table (`week` Monday date, `condition`,
            `gained`, `lost` points); its "any" rows are drawn, the per-condition gains go in the tooltip.
    """
    rows = []
    for week, group in weekly_moves.groupby("week", sort=True):
        gained = group.set_index("condition")["gained"]
        detail = "; ".join(f"{t(c.label, lang)} +{int(gained.get(c.key, 0))}" for c in PROGRESS_CONDITIONS)
        rows.append({"week": pd.Timestamp(week), "moved": int(gained.get("any", 0)),
                     "label": t("prog.week_of", lang, date=format_date(week, lang)), "detail": detail})
    frame = pd.DataFrame(rows, columns=["week", "moved", "label", "detail"])
    bars = alt.Chart(frame).mark_bar(color=theme.ACCENT).encode(
        x=alt.X("label:N", title=t("prog.axis.week", lang), sort=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("moved:Q", title=t("prog.axis.moved", lang), axis=alt.Axis(tickMinStep=1)),
        tooltip=[alt.Tooltip("label:N", title=t("prog.axis.week", lang)),
                 alt.Tooltip("moved:Q", title=t("prog.axis.moved", lang)),
                 alt.Tooltip("detail:N", title=t("prog.axis.detail", lang))],
    )
    text = bars.mark_text(dy=-6, color=theme.INK).encode(text="moved:Q")
    return _finish(alt.layer(bars, text).properties(height=240, width="container"), lang)
