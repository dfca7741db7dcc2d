"""Tập huấn / Training: staff trained over time, per district, and the sessions held."""

import streamlit as st

from lib.exports.downloads import chart_downloads
from lib.streamlit_adapter import page_context, tr
from lib.views.charts import build_district_training_chart, build_sessions_chart, build_training_curve_chart
from lib.views.format import format_date, format_number, format_share

context = page_context()
rollout, lang = context.rollout, context.lang
st.title(tr("nav.training"))
subtitle = tr("app.subtitle", province=context.dataset.province, as_of=format_date(rollout.as_of, lang))
headline = rollout.headline
st.markdown(tr("tr.summary", trained=format_number(headline["trained_staff"], lang),
               staff=format_number(headline["staff"], lang), share=format_share(headline["share_trained_staff"], lang),
               proficient=format_number(headline["proficient"], lang)))

st.subheader(tr("tr.curve"))
if rollout.training_curve.empty:
    st.info(tr("tr.no_data"))
else:
    curve = build_training_curve_chart(rollout.training_curve, headline["staff"], rollout.go_live_deadline,
                                       rollout.as_of, lang, undated=headline["trained_undated"])
    st.altair_chart(curve, width="stretch")
    with st.container(horizontal=True):
        for download in chart_downloads(curve, "tap-huan-cong-don", tr("tr.curve"), subtitle, rollout.as_of, lang):
            st.download_button(**download.kwargs())

st.subheader(tr("tr.by_district"))
if not rollout.training_by_district.empty:
    by_district = build_district_training_chart(rollout.training_by_district, lang)
    st.altair_chart(by_district, width="stretch")
    with st.container(horizontal=True):
        for download in chart_downloads(by_district, "tap-huan-theo-huyen", tr("tr.by_district"), subtitle,
                                        rollout.as_of, lang):
            st.download_button(**download.kwargs())

st.subheader(tr("tr.sessions"))
if rollout.sessions.empty:
    st.info(tr("tr.no_sessions"))
else:
    sessions = build_sessions_chart(rollout.sessions, lang)
    st.altair_chart(sessions, width="stretch")
    with st.container(horizontal=True):
        for download in chart_downloads(sessions, "lop-tap-huan", tr("tr.sessions"), subtitle, rollout.as_of, lang):
            st.download_button(**download.kwargs())
