"""Tổng quan / Overview: headline figures, countdowns, district traffic lights, blockers."""

import streamlit as st

from lib.exports.downloads import report_download, summary_download, tables_download
from lib.metrics.readiness import compute_blocking_districts, compute_blocking_points
from lib.streamlit_adapter import draw_once, page_context, remember, show_moved_points, show_table, since_change, tr
from lib.views.cards import build_countdown_cards_html, build_headline
from lib.views.format import escape_markdown, format_date
from lib.views.meaning import describe_district_shares
from lib.views.progress import add_change_column, add_change_to_cards, describe_change, describe_since
from lib.views.tables import build_blocking_points_table, build_district_table, tint_status_cells

context = page_context(title=tr("app.title"))  # the title is drawn before the data is read where it may be
rollout, lang = context.rollout, context.lang
st.caption(tr("app.subtitle", province=escape_markdown(context.dataset.province), as_of=format_date(rollout.as_of, lang)))

counts = context.dataset.problem_counts()
if counts["error"] or counts["warning"]:
    st.info(tr("ov.problems_note", **counts), icon=":material/rule:")

if rollout.headline["points"] == 0:
    st.warning(tr("ov.no_points"))
change = since_change(context)  # None without a history: the page shows the present only
cards = build_headline(rollout.headline, lang)
if change is not None:
    st.caption(f"{describe_since(change, lang)} **{describe_change(change.province, lang)}**")
    cards = add_change_to_cards(cards, change.province, change.since, lang)
columns = st.columns(3)
for index, card in enumerate(cards):
    columns[index % 3].metric(card.label, card.value, card.detail, help=card.help or None, delta_color="off",
                              delta_arrow="off", border=True)

st.subheader(tr("ov.countdowns"))
st.html(build_countdown_cards_html(rollout.countdowns, lang))


# The tables are built and drawn once per data, filter, language (context.version) and change; reruns replay them.
def draw_districts():
    district_table, status_columns = build_district_table(rollout.district_readiness, rollout.reports, rollout.pace,
                                                          lang)
    if change is not None:
        district_table = add_change_column(district_table, list(rollout.district_readiness["district_code"]), change,
                                           lang)
    show_table(tint_status_cells(district_table, status_columns), district_table, "districts")
    st.caption(describe_district_shares(lang))
    if change is not None:
        readiness = rollout.district_readiness
        show_moved_points(change.points, dict(zip(readiness["district_code"], readiness["district_name"])))


def draw_blocking_points():
    blocking_table = build_blocking_points_table(blocking, lang)
    show_table(blocking_table, blocking_table, "blocking-points",
               column_config={tr("col.missing"): st.column_config.TextColumn(width="large")})


def draw_blocking_districts():
    worst, worst_columns = build_district_table(compute_blocking_districts(rollout.district_readiness),
                                                rollout.reports, rollout.pace, lang)
    show_table(tint_status_cells(worst, worst_columns), worst, "blocking-districts")


st.subheader(tr("ov.districts"))
draw_once(context, "overview.districts", draw_districts, change)

st.subheader(tr("ov.blocking"))
# One under the other, full width: side by side, "Còn thiếu" was cut even on a wide screen.
st.markdown(f"**{tr('ov.blocking_points')}**")
blocking = remember(context, "blocking_points", lambda: compute_blocking_points(rollout.point_status))
if blocking.empty:
    st.success(tr("ov.all_ready"))
else:
    draw_once(context, "overview.blocking_points", draw_blocking_points, blocking)
st.markdown(f"**{tr('ov.blocking_districts')}**")
draw_once(context, "overview.blocking_districts", draw_blocking_districts)

st.subheader(tr("exp.downloads"))
province, province_name = context.province_rollout, context.dataset.province
# The province's report is the PMC's; a district officer takes their own from the district page.
# Its changes only when the change covers the whole province (no district filter).
report = ([report_download(context.dataset, province, lang, change=None if rollout.district_codes else change)]
          if context.viewer.sees_everything else [])
with st.container(horizontal=True):
    for download in (*report, summary_download(province, province_name, lang),
                     tables_download(province, province_name, lang)):
        st.download_button(**download.kwargs())
    st.link_button(tr("pres.title"), "present?present=1&lang=" + lang, icon=":material/slideshow:")
