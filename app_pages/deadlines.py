"""Thời hạn / Deadlines: milestone timeline, district reports, pace forecast."""

import streamlit as st

from lib.exports.downloads import chart_downloads
from lib.metrics.progress import compute_district_history_pace, compute_progress
from lib.streamlit_adapter import draw_once, history_tables, page_context, remember, show_table, tr
from lib.views.charts import build_milestone_timeline_chart
from lib.views.format import format_date
from lib.views.progress import build_history_pace_table, describe_history_pace, format_decimal
from lib.views.tables import build_countdown_table, build_pace_table, build_reports_table, tint_status_cells

context = page_context()
rollout, lang = context.rollout, context.lang
st.title(tr("nav.deadlines"))
dataset = context.dataset
if dataset.order_number:
    st.caption(tr("dl.order" if dataset.order_date else "dl.order.undated", number=dataset.order_number,
                  date=format_date(dataset.order_date, lang)))

st.subheader(tr("dl.timeline"))
if not rollout.countdowns.empty:
    timeline = build_milestone_timeline_chart(rollout.countdowns, rollout.as_of, lang)
    st.altair_chart(timeline, width="stretch")
    subtitle = tr("app.subtitle", province=context.dataset.province, as_of=format_date(rollout.as_of, lang))
    with st.container(horizontal=True):
        for download in chart_downloads(timeline, "moc-thoi-gian", tr("dl.timeline"), subtitle, rollout.as_of, lang):
            st.download_button(**download.kwargs())


def draw_tables() -> None:
    countdowns = build_countdown_table(rollout.countdowns, lang)
    show_table(tint_status_cells(countdowns, [tr("col.status")]), countdowns, "countdowns")
    st.subheader(tr("dl.reports"))
    reports = build_reports_table(rollout.reports, lang)
    show_table(tint_status_cells(reports, [tr("col.report")]), reports, "reports")
    st.subheader(tr("dl.pace"), help=tr("dl.pace_help"))
    pace = build_pace_table(rollout.pace, lang)
    show_table(tint_status_cells(pace, [tr("col.forecast")]), pace, "pace")


# A country's 700-row tables take most of a second to build and send: once per data version.
draw_once(context, "deadlines.tables", draw_tables)

# With a recorded history: the pace of every condition (equipment, children, supervision have no dates of their own).
history = history_tables(context)
if history is not None and not history[0].empty:
    # The pace over the recorded days, province and districts: once per data version and history read.
    progress, district_pace = remember(context, "history_pace", lambda: (
        compute_progress(*history, rollout.as_of, rollout.go_live_deadline),
        compute_district_history_pace(history[0], rollout.as_of, rollout.go_live_deadline, rollout.district_codes)),
        history)
    st.subheader(tr("dl.history_pace"), help=tr("dl.history_pace_help"))
    st.caption(tr("prog.pace_rests", weeks=format_decimal(progress.weeks, lang), n=len(progress.days)))
    st.markdown("\n".join(f"- {line}" for line in describe_history_pace(progress.pace, rollout.go_live_deadline, lang)))

    def draw_history_pace() -> None:
        by_district, forecast_columns = build_history_pace_table(district_pace, lang)
        show_table(tint_status_cells(by_district, forecast_columns), by_district, "history-pace")

    draw_once(context, "deadlines.history_pace", draw_history_pace, history)
