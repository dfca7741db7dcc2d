"""Tiến độ theo thời gian / Progress over time: burn-up per condition, points moved each week, the pace kept."""

import streamlit as st

from lib.metrics.progress import compute_progress
from lib.streamlit_adapter import history_tables, page_context, tr
from lib.views.charts import build_burn_up_chart, build_weekly_moves_chart
from lib.views.format import format_date
from lib.views.progress import describe_history_pace, format_decimal

context = page_context()
rollout, lang = context.rollout, context.lang
st.title(tr("nav.progress"))
history = history_tables(context)
if history is None:
    st.warning(tr("prog.history_unreadable"))
    st.stop()
district_history, point_history = history
units = {None: tr("prog.province"),
         **dict(zip(rollout.district_readiness["district_code"], rollout.district_readiness["district_name"]))}
unit = st.selectbox(tr("prog.unit"), options=list(units), format_func=lambda code: str(units[code]),
                    key="progress_unit")
progress = compute_progress(district_history, point_history, rollout.as_of, rollout.go_live_deadline, unit)
if not progress.days:
    st.info(tr("prog.no_history", province=context.dataset.province))
    st.stop()
st.caption(tr("prog.span", n=len(progress.days), first=format_date(progress.days[0], lang),
              last=format_date(progress.days[-1], lang), weeks=format_decimal(progress.weeks, lang)))

st.subheader(tr("prog.burn_up"))
st.altair_chart(build_burn_up_chart(progress.burn_up, rollout.countdowns, rollout.as_of, lang), width="stretch")

st.subheader(tr("prog.moves"))
if progress.weekly_moves.empty:
    st.info(tr("prog.no_moves"))
else:
    st.altair_chart(build_weekly_moves_chart(progress.weekly_moves, lang), width="stretch")

st.subheader(tr("prog.pace"))
st.caption(tr("prog.pace_rests", weeks=format_decimal(progress.weeks, lang), n=len(progress.days)))
st.markdown("\n".join(f"- {line}" for line in describe_history_pace(progress.pace, rollout.go_live_deadline, lang)))
