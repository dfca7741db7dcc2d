"""Huyện / District: one district's points, their status and their own data problems."""

import streamlit as st

from lib.exports.downloads import followup_downloads, report_download, tables_download
from lib.metrics.followup import compute_followups
from lib.streamlit_adapter import page_context, remember, show_table, since_change, tr
from lib.views.cards import build_headline
from lib.views.followup import build_followup_text
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
    columns[index % 3].metric(card.label, card.value, card.detail, help=card.help or None, delta_color="off",
                              delta_arrow="off", border=True)

st.subheader(tr("dist.points"))
if district_points.empty:
    st.info(tr("dist.no_points"))
else:
    point_table = build_point_table(district_points, lang)
    show_table(point_table, point_table, "points")

st.subheader(tr("dist.problems"))
problems = [p for p in context.dataset.problems if p.district_code == code]
if problems:
    source = context.provenance  # on a Google Sheet each problem links to its cell; a workbook shows it as text
    problem_table = build_problem_table(problems, lang, source.url, source.tab_ids)
    show_table(problem_table, problem_table, "problems", links={tr("col.link"): tr("dq.open_cell")},
               column_config={tr("col.link"): st.column_config.LinkColumn(display_text=tr("dq.open_cell"),
                                                                          help=tr("dq.open_cell_help"))})
else:
    st.success(tr("dist.no_problems"))

# The follow-up message is in Vietnamese whatever the page's language: it goes to the district.
st.subheader(tr("fu.title"))
change = since_change(context, rollout=context.province_rollout)  # None without a history
source = context.provenance


def every_followup_text() -> dict[str, str]:
    followups = compute_followups(context.province_rollout, context.dataset.problems, change, list(names))
    return {f.district_code: build_followup_text(f, "vi", source.url, source.tab_ids) for f in followups}


# Every district's message (the page offers them all for download): once per data version and change, not per rerun.
texts = remember(context, "followup_texts", every_followup_text, change, tuple(names))
st.code(texts[code], language=None, wrap_lines=True)
st.caption(tr("fu.copy_hint"))

st.subheader(tr("exp.downloads"))
every_district = (followup_downloads(list(texts.values()), context.dataset.province, context.province_rollout.as_of,
                                     lang) if len(texts) > 1 else [])
with st.container(horizontal=True):
    for download in (report_download(context.dataset, context.province_rollout, lang, code, names[code], change),
                     tables_download(context.province_rollout, context.dataset.province, lang, code, names[code]),
                     *every_district):
        st.download_button(**download.kwargs())
