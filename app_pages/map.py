"""Bản đồ / Map: districts coloured by a readiness measure, points by conditions met."""

import streamlit as st

from lib.metrics.readiness import MEASURE_LABELS, MEASURES
from lib.streamlit_adapter import geography, page_context, remember, show_map, show_moved_points, since_change, tr
from lib.views.format import escape_markdown, format_points, share_label
from lib.views.maps import build_readiness_map
from lib.views.meaning import describe_ready
from lib.views.progress import describe_change, describe_since, unit_change

context = page_context(title=tr("nav.map"))  # the title is drawn before the data is read where it may be
rollout, lang = context.rollout, context.lang
measure = st.selectbox(tr("map.measure"), MEASURES, format_func=lambda key: tr(MEASURE_LABELS[key]),
                       key="map_measure", help=describe_ready(lang))
change = since_change(context)  # None without a history
selected = st.session_state.get("map_selected_district")
# Built (and prepared for its component) once per data, filter, language, measure and selection; reruns reuse it.
folium_map = remember(context, "readiness_map", lambda: build_readiness_map(
    geography(), rollout.district_readiness, rollout.point_status, measure=measure, lang=lang,
    selected_district=selected), measure, selected, large=True)
clicked = show_map(folium_map, key="readiness_map")
if clicked and clicked != selected:
    st.session_state["map_selected_district"] = clicked
    st.rerun()

readiness = rollout.district_readiness
chosen = readiness.loc[readiness["district_code"] == selected] if selected else readiness.iloc[0:0]
if chosen.empty:
    st.caption(tr("map.click_hint"))
else:
    district = chosen.iloc[0]
    st.subheader(tr("map.selected", name=escape_markdown(district["district_name"])))
    columns = st.columns(5)
    for column, key in zip(columns, MEASURES):
        column.metric(tr(MEASURE_LABELS[key]), share_label(district[key], lang),
                      format_points(district["points"], district["points_target"], lang) + " " + tr("col.points").lower(),
                      delta_color="off", delta_arrow="off")

if change is not None:  # the change since the date picked: of the district clicked, else of every district shown
    changes, moved = unit_change(change, None if chosen.empty else selected)
    st.markdown(f"{describe_since(change, lang)} **{describe_change(changes, lang)}**")
    show_moved_points(moved, dict(zip(readiness["district_code"], readiness["district_name"])))

from lib.exports.downloads import map_download  # noqa: E402  (the take-away block, kept at the end)

st.download_button(**map_download(folium_map, context.dataset.province, rollout.as_of, lang).kwargs())
