"""Thời hạn / Deadlines: milestone timeline, district reports, pace forecast."""

import streamlit as st

from lib.exports.downloads import chart_downloads
from lib.streamlit_adapter import page_context, tr
from lib.views.charts import build_milestone_timeline_chart
from lib.views.format import format_date
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
countdowns = build_countdown_table(rollout.countdowns, lang)
st.dataframe(tint_status_cells(countdowns, [tr("col.status")]), hide_index=True, width="stretch")

st.subheader(tr("dl.reports"))
reports = build_reports_table(rollout.reports, lang)
st.dataframe(tint_status_cells(reports, [tr("col.report")]), hide_index=True, width="stretch")

st.subheader(tr("dl.pace"), help=tr("dl.pace_help"))
pace = build_pace_table(rollout.pace, lang)
st.dataframe(tint_status_cells(pace, [tr("col.forecast")]), hide_index=True, width="stretch")
