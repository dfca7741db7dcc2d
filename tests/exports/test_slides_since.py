"""The "since last meeting" slide: in the deck only with a history; its cards and districts from a comparison
written out by hand."""

from __future__ import annotations

from datetime import date

from lib.exports import slides as deck
from tests.exports.test_report_changes import CHANGE, ZERO


def test_the_slide_follows_the_headline_only_with_a_history(demo_rollout):
    assert "since" not in [s.kind for s in deck.build_slides(demo_rollout, "Khánh Hòa")]
    slides = deck.build_slides(demo_rollout, "Khánh Hòa", since=date(2017, 5, 13))
    assert [s.kind for s in slides[:3]] == ["headline", "since", "map"]
    assert slides[1].title == "Thay đổi từ buổi họp trước (13/05/2017)"


def test_its_cards_and_the_districts_that_moved():
    cards = deck.build_since_cards_html(CHANGE, "vi")
    # Cam Lâm's +1 equipped, +2 live, +3 supervised are the province's change; the others 0.
    for label, value in (("Điểm đủ thiết bị", "+1"), ("Điểm đã triển khai", "+2"), ("Điểm được giám sát", "+3"),
                         ("Điểm tập huấn đủ", "0"), ("Báo cáo quá hạn", "0")):
        assert f'<div class="label">{label}</div><div class="value">{value}</div>' in cards
    table = deck.build_since_table(CHANGE, "en")
    assert table.to_dict("records") == [{"District": "Huyện Cam Lâm",
                                         "Change": "+1 points equipped, +2 points live, +3 points supervised"}]
    note = deck.build_since_note_html(CHANGE, "vi")
    assert "so số liệu ghi ngày 13/05/2017 với ngày 20/05/2017. 1 điểm tiêm có thay đổi." in note


def test_sheet_text_on_the_slide_is_escaped():
    import pandas as pd
    from dataclasses import replace

    hostile = replace(CHANGE, districts=pd.DataFrame([{"district_code": "X", "district_name": "<b>Huyện</b>",
                                                       **ZERO, "live": 1}]))
    html = deck.build_table_html(deck.build_since_table(hostile))
    assert "<b>Huyện</b>" not in html and "&lt;b&gt;Huyện&lt;/b&gt;" in html
