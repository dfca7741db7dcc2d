"""Chất lượng dữ liệu / Data quality: every cleaning problem, grouped, with its cell (a link on a Google Sheet)."""

import streamlit as st

from lib.streamlit_adapter import draw_once, page_context, show_table, tr
from lib.views.format import escape_markdown
from lib.views.tables import (build_problem_counts, build_problem_table, build_row_summary, group_problems,
                              problem_cell_range)

context = page_context()
dataset, lang, source = context.dataset, context.lang, context.provenance
# On a Google Sheet each problem links to its cell (a new browser tab); a workbook shows the cell as text.
link_column = {tr("col.link"): st.column_config.LinkColumn(display_text=tr("dq.open_cell"), help=tr("dq.open_cell_help"))}
st.title(tr("nav.data_quality"))
st.markdown(tr("dq.summary", **dataset.totals()))

names = dict(zip(dataset.districts["district_code"], dataset.districts["district_name"]))
selected = context.rollout.district_codes
problems = [p for p in dataset.problems if not selected or p.district_code in selected]
severities = st.pills(tr("dq.severity"), ["error", "warning", "info"], selection_mode="multi",
                      default=["error", "warning", "info"], format_func=lambda s: tr("severity." + s),
                      key="dq_severity")
problems = [p for p in problems if p.severity in (severities or [])]

st.subheader(tr("dq.by_district"))
if problems and not source.url:  # no link to a cell in a workbook: say where to look instead
    first = next((p for p in problems if p.row is not None), problems[0])
    st.caption(tr("dq.workbook_cell", cell=tr("col.cell"), example=escape_markdown(first.cell),
                  tab=escape_markdown(first.tab), local=escape_markdown(problem_cell_range(first) or first.cell)))


def draw_problems() -> None:
    st.dataframe(build_problem_counts(problems, names, lang), hide_index=True, width="stretch")
    groups = group_problems(problems, names)
    for number, (owner, owned) in enumerate(groups.items()):
        with st.expander(f"{escape_markdown(owner)} · {len(owned)}", expanded=len(groups) <= 3):
            table = build_problem_table(owned, lang, source.url, source.tab_ids)
            show_table(table, table, f"problems-{number}", column_config=link_column,
                       links={tr("col.link"): tr("dq.open_cell")})


if not problems:
    st.success(tr("dq.none"))
else:  # a country's 450 tables take two seconds to build: once per data version and severities chosen
    draw_once(context, "data_quality.problems", draw_problems, tuple(severities or ()))

with st.expander(tr("dq.rows")):
    st.dataframe(build_row_summary(dataset.summary, lang), hide_index=True, width="stretch")
