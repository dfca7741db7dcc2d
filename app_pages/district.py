"""Huyện / District: one district's points, their status and their own data problems."""

import streamlit as st

from lib.exports.downloads import report_download, tables_download
from lib.streamlit_adapter import page_context, tr
from lib.views.cards import build_headline
from lib.views.tables import build_point_table, build_problem_table

context = page_context()
lang = context.lang
st.title(tr("nav.district"))
readiness = context.province_rollout.district_readiness
if readiness.empty:
    st.info(tr("dist.none"))
    st.stop()
# A district officer: their own district only. A name the sheet left blank shows as the code.
names = {code: name if isinstance(name, str) else str(code)
         for code, name in zip(readiness["district_code"], readiness["district_name"]) if context.viewer.sees_district(code)}
preferred = [code for code in context.rollout.district_codes if code in names]
code = st.selectbox(tr("dist.choose"), options=list(names), format_func=names.get,
                    index=list(names).index(preferred[0]) if preferred else 0, key="district_page_choice")
points = context.province_rollout.point_status
district_points = points.loc[points["district_code"] == code]

columns = st.columns(3)
for index, card in enumerate(build_headline(context.province_rollout.district_headline(code), lang)):
    columns[index % 3].metric(card.label, card.value, card.detail, delta_color="off", delta_arrow="off", border=True)

st.subheader(tr("dist.points"))
if district_points.empty:
    st.info(tr("dist.no_points"))
else:
    st.dataframe(build_point_table(district_points, lang), hide_index=True, width="stretch")

st.subheader(tr("dist.problems"))
problems = [p for p in context.dataset.problems if p.district_code == code]
if problems:
    source = context.provenance  # on a Google Sheet each problem links to its cell; a workbook shows it as text
    st.dataframe(build_problem_table(problems, lang, source.url, source.tab_ids), hide_index=True, width="stretch",
                 column_config={tr("col.link"): st.column_config.LinkColumn(display_text=tr("dq.open_cell"),
                                                                            help=tr("dq.open_cell_help"))})
else:
    st.success(tr("dist.no_problems"))

st.subheader(tr("exp.downloads"))
with st.container(horizontal=True):
    for download in (report_download(context.dataset, context.province_rollout, lang, code, names[code]),
                     tables_download(context.province_rollout, context.dataset.province, lang, code, names[code])):
        st.download_button(**download.kwargs())
