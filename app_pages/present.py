"""Trình chiếu / Presentation: one slide at a time in large type, no chrome, advancing by itself."""

import time

import streamlit as st

from lib.exports import slides as deck
from lib.streamlit_adapter import fragment, geography, page_context, remember, show_chart, show_map, since_change, tr
from lib.views.cards import build_countdown_cards_html
from lib.views.charts import (build_district_training_chart, build_milestone_timeline_chart, build_training_curve_chart,
                              timeline_height)
from lib.views.maps import build_readiness_map
from lib.views.meaning import describe_ready_short

context = page_context()  # every full run reads the data again, as fresh as the live source allows
rollout, lang, province = context.province_rollout, context.lang, context.dataset.province
st.html(deck.PRESENTATION_CSS)
change = since_change(context, rollout=rollout, picker=False)  # since the last (weekly) meeting; None: no history
slides = deck.build_slides(rollout, province, lang, context.viewer.sees_district,
                           change.since if change is not None and change.base_day is not None else None)
count = len(slides)
if "present_interval" not in st.session_state:
    st.session_state["present_interval"] = deck.parse_interval(st.query_params.get("interval"))
interval = st.session_state["present_interval"]
clock = st.session_state.setdefault("present_clock", deck.start_clock(time.time()))
index = deck.slide_index(clock, time.time(), interval, count)
slide = slides[index]


def show(target: int) -> None:
    state = st.session_state
    state["present_clock"] = deck.go_to(state["present_clock"], time.time(), target, count)


def hold(paused: bool) -> None:
    state = st.session_state
    state["present_clock"] = deck.set_paused(state["present_clock"], time.time(), interval, count, paused)


def jump() -> None:
    state = st.session_state
    state["present_clock"] = deck.go_to(state["present_clock"], time.time(), state["present_jump"], count)


def retime(old: int) -> None:
    state = st.session_state
    st.query_params["interval"] = str(state["present_interval"])
    state["present_clock"] = deck.retime(state["present_clock"], time.time(), old, count)


with st.container(key="slide"):
    st.html(deck.build_slide_head_html(slide, index, count, province, rollout.as_of, lang))
    if slide.kind == "headline":
        st.html(deck.build_headline_cards_html(rollout.headline, lang))
        st.html(build_countdown_cards_html(rollout.countdowns, lang))
        st.html(deck.build_note_html(describe_ready_short(lang)))
    elif slide.kind == "since":
        st.html(deck.build_since_cards_html(change, lang))
        moved = deck.build_since_table(change, lang)
        st.html(deck.build_table_html(moved) if len(moved) else deck.build_note_html(tr("pres.since.none")))
        st.html(deck.build_since_note_html(change, lang))
    elif slide.kind == "map":
        slide_map = remember(context, "slide_map", lambda: build_readiness_map(
            geography(), rollout.district_readiness, rollout.point_status, lang=lang, text_px=deck.SLIDE_TEXT_PX),
            large=True)
        show_map(slide_map, key="present_map", height=deck.MAP_HEIGHT_PX)
    elif slide.kind == "training":
        left, right = st.columns(2)
        headline = rollout.headline
        if not rollout.training_curve.empty:
            curve = build_training_curve_chart(rollout.training_curve, headline["staff"], rollout.go_live_deadline,
                                               rollout.as_of, lang, undated=headline["trained_undated"])
            with left:
                show_chart(deck.presentation_chart(curve, deck.CHART_HEIGHT_PX), curve, "training-curve")
        if not rollout.training_by_district.empty:
            by_district = build_district_training_chart(rollout.training_by_district, lang)
            with right:
                show_chart(deck.presentation_chart(by_district, deck.CHART_HEIGHT_PX), by_district, "training-districts")
    elif slide.kind == "deadlines":
        if not rollout.countdowns.empty:
            timeline = build_milestone_timeline_chart(rollout.countdowns, rollout.as_of, lang)
            tall = timeline_height(len(rollout.countdowns), deck.TIMELINE_ROW_PX, deck.TIMELINE_FRAME_PX)
            show_chart(deck.presentation_chart(timeline, tall), timeline, "timeline")
        st.html(deck.build_table_html(deck.build_deadline_table(rollout, lang)))
    else:
        st.html(deck.build_headline_cards_html(deck.district_headline(rollout, slide.district_code), lang))
        st.html(deck.build_facts_html(deck.district_facts(rollout, slide.district_code, lang)))

st.session_state["present_jump"] = index
with st.container(key="controls", horizontal=True, vertical_alignment="center"):
    # Each control names the state it asks for, so a press delivered twice does not skip a slide.
    st.button(tr("pres.prev"), icon=":material/arrow_back:", on_click=show, args=(index - 1,), key="present_prev")
    paused = st.session_state["present_clock"].paused
    st.button(tr("pres.play" if paused else "pres.pause"), on_click=hold, args=(not paused,), key="present_pause",
              icon=":material/play_arrow:" if paused else ":material/pause:")
    st.button(tr("pres.next"), icon=":material/arrow_forward:", on_click=show, args=(index + 1,), key="present_next")
    st.selectbox(tr("pres.slide"), range(count), format_func=lambda i: f"{i + 1}. {slides[i].title}", on_change=jump,
                 key="present_jump", label_visibility="collapsed", width=320)
    st.selectbox(tr("pres.interval"), deck.interval_options(interval), format_func=lambda s: tr("pres.seconds", n=s),
                 on_change=retime, args=(interval,), key="present_interval", label_visibility="collapsed", width=165)

    wait = deck.next_check_seconds(st.session_state["present_clock"], time.time(), interval)
    if wait is None:
        st.caption(tr("pres.paused"))
    else:
        st.html(deck.build_timer_html(wait - deck.CHANGE_MARGIN_SECONDS, interval, lang), width="content")

        @fragment(run_every=wait)
        def follow_clock(shown: int) -> None:
            """When the slide is due to change, run the page again (and re-read the data)."""
            current = st.session_state["present_clock"]
            if deck.slide_index(current, time.time(), st.session_state["present_interval"], count) != shown:
                st.rerun(scope="app")

        follow_clock(index)
    st.html(deck.build_exit_link_html(lang), width="content")
