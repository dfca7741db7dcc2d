"""The words of the "since" comparison (lib/views/progress.py), from a small comparison worked out by hand."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from lib.metrics.progress import ChangeSince
from lib.views.cards import HeadlineCard
from lib.views.progress import (add_change_column, build_history_pace_table, add_change_to_cards, build_moved_points_table, describe_change,
                                describe_since, format_change, unit_change)

NONE = {"equipped": 0, "all_trained": 0, "live": 0, "children_entered": 0, "supervised": 0, "overdue": 0}
CHANGE = ChangeSince(
    since=date(2017, 5, 13), base_day=date(2017, 5, 13), current_day=date(2017, 5, 20),
    districts=pd.DataFrame([{"district_code": "A", "district_name": "Huyện A", **NONE, "equipped": 2, "overdue": 1},
                            {"district_code": "B", "district_name": "Huyện B", **NONE, "live": -1}]),
    province={**NONE, "equipped": 2, "live": -1, "overdue": 1},
    points=pd.DataFrame({"point_code": ["a1", "b1"], "point_name": ["Trạm A1", "Trạm B1"],
                         "district_code": ["A", "B"], "gained": [["equipped", "all_trained"], []],
                         "lost": [[], ["live"]]}),
)


@pytest.mark.parametrize("value, lang, text", [(5, "vi", "+5"), (-1, "vi", "−1"), (0, "vi", "0"),
                                               (1500, "vi", "+1.500"), (-1500, "en", "−1,500")])
def test_format_change(value, lang, text):
    assert format_change(value, lang) == text


@pytest.mark.parametrize("changes, lang, text", [
    ({**NONE, "equipped": 2, "overdue": 1}, "vi", "+2 điểm đủ thiết bị, +1 báo cáo quá hạn"),
    ({**NONE, "live": -1, "overdue": -2}, "en", "−1 points live, −2 reports overdue"),
    (NONE, "vi", "không thay đổi"),
])
def test_describe_change(changes, lang, text):
    assert describe_change(changes, lang) == text


def test_describe_since_names_the_days_compared():
    assert describe_since(CHANGE) == "Thay đổi từ 13/05/2017: so số liệu ghi ngày 13/05/2017 với ngày 20/05/2017."
    same = ChangeSince(date(2017, 5, 13), date(2017, 5, 6), date(2017, 5, 6), CHANGE.districts, NONE, CHANGE.points)
    assert describe_since(same, "en") == "Nothing recorded since 13/05/2017 (the latest figures were recorded on 06/05/2017)."


def test_the_cards_get_the_change_of_their_condition():
    cards = [HeadlineCard(f"card {n}", "1", f"detail {n}" if n else "") for n in range(6)]
    detailed = add_change_to_cards(cards, CHANGE.province, CHANGE.since)
    assert [card.detail for card in detailed] == [
        "", "detail 1 · +2 điểm từ 13/05/2017", "detail 2 · 0 điểm từ 13/05/2017", "detail 3 · −1 điểm từ 13/05/2017",
        "detail 4", "detail 5 · 0 điểm từ 13/05/2017"]


def test_the_district_table_gets_a_change_column_in_its_own_row_order():
    table = pd.DataFrame({"Huyện": ["Huyện C", "Huyện B", "Huyện A"]})
    column = add_change_column(table, ["C", "B", "A"], CHANGE)["Thay đổi từ 13/05/2017"].tolist()
    assert column == ["không thay đổi", "−1 điểm triển khai", "+2 điểm đủ thiết bị, +1 báo cáo quá hạn"]


def test_the_points_that_moved_of_one_district():
    changes, moved = unit_change(CHANGE, "B")
    assert changes["live"] == -1
    table = build_moved_points_table(moved, {"A": "Huyện A", "B": "Huyện B"}, "en")
    assert table.to_dict("records") == [{"District": "Huyện B", "Code": "b1", "Point": "Trạm B1", "Gained": "",
                                         "Lost": "Live on the System"}]
    assert unit_change(CHANGE, "Z")[0] == {key: 0 for key in NONE}


def test_the_history_pace_table_one_row_per_district():
    pace = pd.DataFrame([
        {"district_code": "A", "district_name": "Huyện A", "condition": key, "weeks": 2.0, "done": done,
         "scope": 4, "forecast": forecast, "late": late}
        for key, done, forecast, late in (("equipped", 4, date(2017, 5, 6), False),
                                          ("all_trained", 1, date(2017, 6, 17), True),
                                          ("live", 1, date(2017, 5, 27), False),
                                          ("children_entered", 0, None, True),
                                          ("supervised", 0, None, False))])
    table, status_columns = build_history_pace_table(pace)
    assert table.to_dict("records") == [{
        "Huyện": "Huyện A", "Đủ máy tính, máy in, Internet": "✔ đã đạt", "Cán bộ đã tập huấn đủ": "✖ 17/06/2017",
        "Đã triển khai Hệ thống": "✔ 27/05/2017", "Đã nhập đủ trẻ": "✖ chưa có tiến độ",
        "Đã kiểm tra, giám sát": "✔ chưa có tiến độ", "Số tuần lịch sử": "2,0"}]
    assert status_columns == list(table.columns[1:-1])
