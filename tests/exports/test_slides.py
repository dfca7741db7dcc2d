"""Presentation mode's logic: the deck, the slide shown at a given time, the controls, escaping."""

from __future__ import annotations

import pandas as pd
import pytest

from lib.exports import slides as deck
from lib.exports.slides import Clock

T0 = 1_000_000.0


def test_the_deck_is_headline_map_training_deadlines_then_each_district(demo_rollout):
    slides = deck.build_slides(demo_rollout, "Khánh Hòa")
    assert [s.kind for s in slides[:4]] == ["headline", "map", "training", "deadlines"]
    districts = slides[4:]
    assert [s.district_code for s in districts] == list(demo_rollout.district_readiness["district_code"])
    assert [s.title for s in districts] == list(demo_rollout.district_readiness["district_name"])
    assert slides[0].title == "Tỉnh Khánh Hòa: tiến độ triển khai"
    assert deck.build_slides(demo_rollout, "Khánh Hòa", "en")[0].title == "Khánh Hòa: roll-out progress"


@pytest.mark.parametrize("elapsed, expected", [
    (0, 0), (9.99, 0), (10, 1), (25, 2), (129.9, 12), (130, 0), (135, 0), (261, 0 + 26 % 13),
])
def test_the_slide_follows_the_clock_and_wraps(elapsed, expected):
    assert deck.slide_index(deck.start_clock(T0), T0 + elapsed, 10, 13) == expected


def test_a_clock_set_in_the_future_shows_its_own_slide():
    assert deck.slide_index(Clock(5, T0), T0 - 30, 10, 13) == 5


def test_going_to_a_slide_restarts_its_time_and_wraps():
    moved = deck.go_to(deck.start_clock(T0), T0 + 25, 3, 13)  # "next" while slide 2 was showing
    assert moved == Clock(3, T0 + 25)
    assert deck.slide_index(moved, T0 + 34, 10, 13) == 3  # a full interval for the new slide
    assert deck.slide_index(moved, T0 + 35, 10, 13) == 4
    back = deck.go_to(deck.start_clock(T0), T0, -1, 13)  # "previous" from the first
    assert deck.slide_index(back, T0, 10, 13) == 12


def test_a_press_delivered_twice_lands_where_one_press_does():
    once = deck.go_to(deck.start_clock(T0), T0 + 25, 3, 13)
    twice = deck.go_to(once, T0 + 26, 3, 13)
    assert deck.slide_index(twice, T0 + 26, 10, 13) == deck.slide_index(once, T0 + 26, 10, 13) == 3
    paused = deck.set_paused(deck.start_clock(T0), T0 + 21, 10, 13, True)
    assert deck.set_paused(paused, T0 + 40, 10, 13, True) == paused


def test_pause_holds_the_slide_and_play_resumes_from_it():
    paused = deck.set_paused(deck.start_clock(T0), T0 + 21, 10, 13, True)
    assert paused.paused and deck.slide_index(paused, T0 + 500, 10, 13) == 2
    assert deck.seconds_left(paused, T0 + 500, 10) is None
    playing = deck.set_paused(paused, T0 + 500, 10, 13, False)
    assert not playing.paused
    assert deck.slide_index(playing, T0 + 509, 10, 13) == 2
    assert deck.slide_index(playing, T0 + 510, 10, 13) == 3
    assert deck.seconds_left(playing, T0 + 503, 10) == pytest.approx(7)


def test_changing_the_interval_keeps_the_slide_on_screen():
    clock = deck.retime(deck.start_clock(T0), T0 + 45, 20, 13)  # slide 2 at 20 s per slide
    assert deck.slide_index(clock, T0 + 45, 5, 13) == 2
    assert deck.slide_index(clock, T0 + 50, 5, 13) == 3


def test_go_to_and_an_empty_deck():
    assert deck.go_to(deck.start_clock(T0), T0 + 3, 27, 13) == Clock(1, T0 + 3)
    assert deck.slide_index(deck.start_clock(T0), T0 + 100, 10, 0) == 0
    assert deck.go_to(deck.start_clock(T0), T0, 1, 0).index == 0


@pytest.mark.parametrize("value, expected", [("3", 3), ("15", 15), ("7.5", 7), ("0", 3), ("-4", 3),
                                             ("99999", 3600), ("x", 20), ("", 20), (None, 20)])
def test_interval_from_the_url(value, expected):
    assert deck.parse_interval(value) == expected


def test_interval_options_include_the_url_one():
    assert deck.interval_options(3)[0] == 3 and 20 in deck.interval_options(3)
    assert deck.interval_options(20) == list(deck.INTERVALS)


def test_district_facts_give_symbol_and_word(demo_rollout):
    facts = dict(deck.district_facts(demo_rollout, "570"))
    assert facts["Đủ máy tính, máy in, Internet"] == "▲ Chậm · 73,3 %"
    assert facts["Dự báo xong"].startswith("✔ 01/06/2017")
    assert facts["Báo cáo"] == "✔ Đã nộp đúng hạn"
    assert facts["Khó khăn chưa giải quyết"] == "0"
    assert deck.district_facts(demo_rollout, "nope") == []
    headline = deck.district_headline(demo_rollout, "570")
    assert headline["points"] == 15 and headline["points_live"] == 10


def test_deadline_table_adds_the_report_column(demo_rollout):
    table = deck.build_deadline_table(demo_rollout)
    assert list(table.columns)[-1] == "Báo cáo"
    assert table.iloc[2]["Báo cáo"] == "✔ Đã nộp đúng hạn"


HOSTILE = "<img src=x onerror=alert(1)>"


def test_sheet_text_is_escaped_in_slide_html(demo_rollout):
    slide = deck.Slide("district", HOSTILE, "570")
    head = deck.build_slide_head_html(slide, 4, 13, f"Khánh {HOSTILE}", demo_rollout.as_of)
    facts = deck.build_facts_html([(HOSTILE, HOSTILE)])
    table = deck.build_table_html(pd.DataFrame({HOSTILE: [HOSTILE, "✖ " + HOSTILE]}))
    for markup in (head, facts, table):
        assert "<img" not in markup and "&lt;img src=x onerror=alert(1)&gt;" in markup
    assert 'class="s-bad"' in table


def test_the_presentation_css_hides_the_chrome():
    for selector in ('section[data-testid="stSidebar"]', 'header[data-testid="stHeader"]',
                     '[data-testid="stToolbar"]', '[data-testid="stSidebarCollapsedControl"]'):
        assert selector in deck.PRESENTATION_CSS
    assert "display: none !important" in deck.PRESENTATION_CSS


def test_a_district_officer_gets_only_their_district_slide(demo_rollout):
    from lib.access import DISTRICT, Viewer, restrict_rollout

    officer = Viewer(DISTRICT, "camlam@example.org", ("570",))
    slides = deck.build_slides(restrict_rollout(demo_rollout, officer), "Khánh Hòa", "vi", officer.sees_district)
    assert [s.kind for s in slides] == ["headline", "map", "training", "deadlines", "district"]
    assert slides[-1].district_code == "570"


def test_the_page_looks_at_the_clock_again_only_when_the_slide_is_due():
    playing = deck.start_clock(T0)
    assert deck.next_check_seconds(playing, T0 + 3, 10) == pytest.approx(7 + deck.CHANGE_MARGIN_SECONDS)
    assert deck.slide_index(playing, T0 + 3 + deck.next_check_seconds(playing, T0 + 3, 10), 10, 13) == 1
    assert deck.next_check_seconds(deck.set_paused(playing, T0 + 3, 10, 13, True), T0 + 4, 10) is None


def test_the_timer_bar_starts_at_the_share_of_the_interval_left_and_empties_in_the_browser():
    bar = deck.build_timer_html(7.5, 30, "vi")
    assert 'width:25.0%;animation-duration:7.50s' in bar
    assert "Thời gian còn lại đến trang tiếp (30 giây/trang)" in bar
    assert "Time left to the next slide (30 s a slide)" in deck.build_timer_html(30, 30, "en")
