"""Khó khăn / Difficulties: the log of difficulties, filterable by district and status."""

import streamlit as st

from lib.schema import DIFFICULTY_STATUSES
from lib.streamlit_adapter import page_context, show_table, tr
from lib.views.tables import build_difficulties_table, tint_status_cells

context = page_context()
lang = context.lang
st.title(tr("nav.difficulties"))
log = context.rollout.difficulties
left, right = st.columns(2)
districts = left.multiselect(tr("col.district"), sorted(log["district"].dropna().unique()),
                             placeholder=tr("side.all_districts"), key="difficulty_districts")
statuses = right.multiselect(tr("diff.status"), list(DIFFICULTY_STATUSES),
                             format_func=lambda status: tr("diff.status." + status),
                             placeholder=tr("diff.all_statuses"), key="difficulty_statuses")
shown = log
if districts:
    shown = shown.loc[shown["district"].isin(districts)]
if statuses:
    shown = shown.loc[shown["status"].isin(statuses)]
st.caption(tr("diff.count", shown=len(shown), total=len(log)))
if shown.empty:
    st.info(tr("diff.none"))
else:
    table = build_difficulties_table(shown, lang)
    show_table(tint_status_cells(table, [tr("col.status")]), table, "difficulties",
               column_config={tr("col.description"): st.column_config.TextColumn(width="large")})
