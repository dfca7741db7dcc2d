"""Tổng quan / Overview: headline figures, countdowns, district traffic lights, blockers."""

import streamlit as st

from lib.exports.downloads import report_download, summary_download, tables_download
from lib.metrics.readiness import compute_blocking_districts, compute_blocking_points
from lib.streamlit_adapter import page_context, tr
from lib.views.cards import build_countdown_cards_html, build_headline
from lib.views.format import escape_markdown, format_date
from lib.views.tables import build_blocking_points_table, build_district_table, tint_status_cells

context = page_context()
rollout, lang = context.rollout, context.lang
st.title(tr("app.title"))
st.caption(tr("app.subtitle", province=escape_markdown(context.dataset.province), as_of=format_date(rollout.as_of, lang)))

counts = context.dataset.problem_counts()
if counts["error"] or counts["warning"]:
    st.info(tr("ov.problems_note", **counts), icon=":material/rule:")

if rollout.headline["points"] == 0:
    st.warning(tr("ov.no_points"))
columns = st.columns(3)
for index, card in enumerate(build_headline(rollout.headline, lang)):
    columns[index % 3].metric(card.label, card.value, card.detail, delta_color="off", delta_arrow="off", border=True)

st.subheader(tr("ov.countdowns"))
st.html(build_countdown_cards_html(rollout.countdowns, lang))

st.subheader(tr("ov.districts"))
district_table, status_columns = build_district_table(rollout.district_readiness, rollout.reports, rollout.pace, lang)
st.dataframe(tint_status_cells(district_table, status_columns), hide_index=True, width="stretch")

st.subheader(tr("ov.blocking"))
left, right = st.columns(2)
with left:
    st.markdown(f"**{tr('ov.blocking_points')}**")
    blocking = compute_blocking_points(rollout.point_status)
    if blocking.empty:
        st.success(tr("ov.all_ready"))
    else:
        st.dataframe(build_blocking_points_table(blocking, lang), hide_index=True, width="stretch")
with right:
    st.markdown(f"**{tr('ov.blocking_districts')}**")
    worst, worst_columns = build_district_table(compute_blocking_districts(rollout.district_readiness),
                                                rollout.reports, rollout.pace, lang)
    st.dataframe(tint_status_cells(worst, worst_columns), hide_index=True, width="stretch")

st.subheader(tr("exp.downloads"))
province, province_name = context.province_rollout, context.dataset.province
# The province's report is the PMC's; a district officer takes their own from the district page.
report = [report_download(context.dataset, province, lang)] if context.viewer.sees_everything else []
with st.container(horizontal=True):
    for download in (*report, summary_download(province, province_name, lang),
                     tables_download(province, province_name, lang)):
        st.download_button(**download.kwargs())
    st.link_button(tr("pres.title"), "present?present=1&lang=" + lang, icon=":material/slideshow:")
