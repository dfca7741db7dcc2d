"""The progress page (AppTest): from a history recorded here, and with none."""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import date, datetime

import pandas as pd
import pytest

from lib.cleaning import clean_workbook
from lib.history.snapshot import build_snapshot
from lib.history.store import open_history
from tests.history.copies import give_printer, set_as_of


def _record(url, demo_raw, geography, day, edit=None):
    raw = copy.deepcopy(demo_raw)
    set_as_of(raw.tabs, day)
    if edit:
        edit(raw.tabs)
    raw = replace(raw, provenance=replace(raw.provenance, read_at=datetime(day.year, day.month, day.day, 8)))
    store = open_history(url)
    store.record(build_snapshot(clean_workbook(raw, geography), raw.provenance, geography))
    store.dispose()


@pytest.fixture
def recorded(tmp_path, monkeypatch, demo_raw, geography):
    """A store holding the demo on 13/05/2017 and, with KH-570-01's printer, on 20/05/2017."""
    url = f"sqlite:///{tmp_path / 'history.sqlite3'}"
    _record(url, demo_raw, geography, date(2017, 5, 13))
    _record(url, demo_raw, geography, date(2017, 5, 20), give_printer)
    monkeypatch.setenv("DASHBOARD_HISTORY_URL", url)
    return url


def _text(app) -> str:
    return "\n".join([*(m.value for m in app.markdown), *(c.value for c in app.caption), *(i.value for i in app.info)])


def test_the_progress_page_draws_the_recorded_history(run_page, recorded, demo_rollout):
    app = run_page("progress.py")
    text = _text(app)
    assert "Lịch sử: 2 ngày đã ghi, từ 13/05/2017 đến 20/05/2017 (1,0 tuần)." in text
    assert [h.value for h in app.subheader] == ["Số điểm đạt từng điều kiện theo thời gian",
                                                 "Số điểm có tiến bộ mỗi tuần", "Tốc độ theo lịch sử và dự báo"]
    assert not app.info  # two recorded days: the weekly moves are drawn, not explained away
    # Equipped: 97 points on 13/05, 98 on 20/05 (KH-570-01's printer): one point a week over one week.
    target = demo_rollout.headline["points_target"]
    assert f"**Đủ máy tính, máy in, Internet**: 98/{target} điểm; 1,0 điểm/tuần trong 1,0 tuần" in text
    assert "Dự báo dựa trên 1,0 tuần lịch sử (2 ngày đã ghi)" in text


def test_one_district_of_the_recorded_history(run_page, recorded):
    app = run_page("progress.py", progress_unit="570")  # Cam Lâm: 11 → 12 equipped of 15
    assert "**Đủ máy tính, máy in, Internet**: 12/15 điểm; 1,0 điểm/tuần trong 1,0 tuần" in _text(app)
    english = run_page("progress.py", lang="en", progress_unit="570")
    assert "**Computer, printer and Internet**: 12/15 points; 1.0 points a week over 1.0 weeks" in _text(english)


def test_with_no_history_the_page_says_how_to_record_one(run_page, tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_HISTORY_URL", f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    app = run_page("progress.py")
    assert "Chưa có lịch sử số liệu của Khánh Hòa" in _text(app)
    assert not app.subheader  # nothing drawn


def test_an_unreadable_history_is_a_warning_not_a_traceback(run_page, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("DASHBOARD_HISTORY_URL", f"sqlite:///{blocker / 'h.sqlite3'}")
    app = run_page("progress.py")
    assert [w.value for w in app.warning][-1].startswith("Không đọc được lịch sử số liệu")


def _dated_between(dataset, column, first, last) -> int:
    """Points of the sheet whose `column` date falls after `first`, up to `last`: counted from the cleaned rows."""
    dates = dataset.points[column]
    return int(((dates > pd.Timestamp(first)) & (dates <= pd.Timestamp(last))).sum())


def _moved_in_week(dataset, district_code=None) -> set:
    """The points that moved from 13/05 to 20/05: gone live or supervised in the week, and KH-570-01."""
    points = dataset.points if district_code is None else dataset.points.loc[dataset.points["district_code"] == district_code]
    in_week = set()
    for column in ("go_live_date", "supervision_date"):
        dates = points[column]
        in_week |= set(points.loc[(dates > pd.Timestamp(2017, 5, 13)) & (dates <= pd.Timestamp(2017, 5, 20)), "point_code"])
    return in_week | {"KH-570-01"}


def test_the_overview_shows_the_change_since_a_week_before(run_page, recorded, demo_dataset):
    # The demo's as-of date is 20/05/2017: the default "since" is 13/05/2017, a recorded day. Between the
    # two, KH-570-01 got its printer, and the points whose go-live / supervision date falls in the week
    # became live / supervised (the same sheet, seen a week later).
    live = _dated_between(demo_dataset, "go_live_date", date(2017, 5, 13), date(2017, 5, 20))
    supervised = _dated_between(demo_dataset, "supervision_date", date(2017, 5, 13), date(2017, 5, 20))
    assert (live, supervised) == (8, 7)
    app = run_page("overview.py")
    assert app.selectbox(key="since_day").value == date(2017, 5, 13)
    assert ("Thay đổi từ 13/05/2017: so số liệu ghi ngày 13/05/2017 với ngày 20/05/2017. **+1 điểm đủ thiết bị, "
            "+8 điểm triển khai, +7 điểm được giám sát**" in [c.value for c in app.caption])
    equipped = [m for m in app.metric if m.label == "Đủ máy tính, máy in, Internet"][0]
    assert "+1 điểm từ 13/05/2017" in equipped.delta
    trained = [m for m in app.metric if m.label == "Cán bộ đã tập huấn đủ"][0]
    assert "0 điểm từ 13/05/2017" in trained.delta
    districts = app.dataframe[0].value
    changes = dict(zip(districts["Huyện"], districts["Thay đổi từ 13/05/2017"]))
    assert changes["Huyện Cam Lâm"].startswith("+1 điểm đủ thiết bị")  # KH-570-01 got its printer
    assert len(changes) == len(demo_dataset.districts)
    assert [e.label for e in app.expander if e.label.startswith("Điểm tiêm có thay đổi")] == [
        f"Điểm tiêm có thay đổi ({len(_moved_in_week(demo_dataset))})"]


def test_the_overview_without_history_has_no_since_picker(run_page, tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_HISTORY_URL", f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    app = run_page("overview.py")
    assert not [s for s in app.selectbox if s.key == "since_day"]
    assert not any(c.value.startswith("Thay đổi từ") for c in app.caption)


def test_the_map_shows_the_change_of_the_district_clicked(run_page, recorded, demo_dataset):
    # By district, from the demo's go-live and supervision dates in 14/05–20/05: Cam Lâm (570) 2 live and
    # 3 supervised, Nha Trang (568) none; and KH-570-01's printer.
    province = run_page("map.py")
    assert any(m.value.endswith("**+1 điểm đủ thiết bị, +8 điểm triển khai, +7 điểm được giám sát**")
               for m in province.markdown)
    other = run_page("map.py", map_selected_district="568")  # Nha Trang: nothing moved
    assert any(m.value.endswith("**không thay đổi**") for m in other.markdown)
    cam_lam = run_page("map.py", lang="en", map_selected_district="570")
    assert any(m.value.endswith("**+1 points equipped, +2 points live, +3 points supervised**")
               for m in cam_lam.markdown)
    assert [e.label for e in cam_lam.expander if e.label.startswith("Points that moved")] == [
        f"Points that moved ({len(_moved_in_week(demo_dataset, '570'))})"]


def test_the_district_page_offers_its_follow_up_message(run_page, recorded):
    app = run_page("district.py", district_page_choice="570")
    message = app.code[0].value
    assert message.startswith("Kính gửi Huyện Cam Lâm,\n")
    assert "Thay đổi từ 13/05/2017: +1 điểm đủ thiết bị, +2 điểm triển khai, +3 điểm được giám sát." in message
    labels = [b.proto.label for b in app.main.get("download_button")]
    assert {"Tin nhắn mọi huyện (.txt)", "Tin nhắn mọi huyện (.docx)"} <= set(labels)
    # The message goes to the district in Vietnamese, whatever the page's language.
    english = run_page("district.py", lang="en", district_page_choice="570")
    assert english.code[0].value.startswith("Kính gửi Huyện Cam Lâm,")
    assert "Every district's message (.txt)" in [b.proto.label for b in english.main.get("download_button")]


def test_the_presentation_has_a_since_last_meeting_slide(recorded):
    from streamlit.testing.v1 import AppTest

    from lib import PROJECT_ROOT
    from lib.exports.slides import Clock

    app = AppTest.from_file(str(PROJECT_ROOT / "app_pages" / "present.py"), default_timeout=60)
    app.query_params["lang"] = "vi"
    app.session_state["present_clock"] = Clock(index=1, paused=True)  # held on the second slide
    app.run()
    assert not app.exception
    shown = "".join(element.proto.body for element in app.get("html"))
    assert 'data-slide="since"' in shown and "Thay đổi từ buổi họp trước (13/05/2017)" in shown
    assert '<div class="label">Điểm đủ thiết bị</div><div class="value">+1</div>' in shown
    assert "Huyện Cam Lâm" in shown and "/14</span>" in shown  # one slide more than without a history


def test_the_deadlines_page_forecasts_every_condition_from_the_history(run_page, recorded):
    app = run_page("deadlines.py")
    assert "Dự báo theo lịch sử, mọi điều kiện" in [h.value for h in app.subheader]
    assert "Dự báo dựa trên 1,0 tuần lịch sử (2 ngày đã ghi), theo hạn triển khai." in [c.value for c in app.caption]
    table = app.dataframe[-1].value
    cam_lam = table.loc[table["Huyện"] == "Huyện Cam Lâm"].iloc[0]
    # Cam Lâm equipped 11 → 12 of 15 in one week: 3 left at 1 a week → 21 days after 20/05 = 10/06, after 01/06.
    assert cam_lam["Đủ máy tính, máy in, Internet"] == "✖ 10/06/2017"
    assert cam_lam["Số tuần lịch sử"] == "1,0"


def test_the_deadlines_page_without_history_keeps_the_date_forecast_only(run_page, tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_HISTORY_URL", f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    app = run_page("deadlines.py")
    assert "Dự báo theo lịch sử, mọi điều kiện" not in [h.value for h in app.subheader]
    assert "Dự báo theo tốc độ hiện tại" in [h.value for h in app.subheader]


def test_the_demo_comes_with_its_history(run_page, tmp_path, monkeypatch):
    """No store named: the bundled demo's weekly history (lib/authoring/demo_history.py) is recorded on first use."""
    import lib.authoring.demo_history as demo_history

    monkeypatch.delenv("DASHBOARD_HISTORY_URL", raising=False)
    monkeypatch.setattr(demo_history, "DEMO_HISTORY_FILE", tmp_path / "demo-history.sqlite3")
    app = run_page("progress.py")
    assert "Lịch sử: 5 ngày đã ghi, từ 22/04/2017 đến 20/05/2017 (4,0 tuần)." in _text(app)
    overview = run_page("overview.py")
    since = next(c.value for c in overview.caption if c.value.startswith("Thay đổi từ 13/05/2017"))
    # The week's go-live and supervision dates (8 and 7, counted above) show in the demo's own history.
    assert since.startswith("Thay đổi từ 13/05/2017: so số liệu ghi ngày 13/05/2017 với ngày 20/05/2017.")
    assert "+8 điểm triển khai" in since and "+7 điểm được giám sát" in since
    assert (tmp_path / "demo-history.sqlite3").exists()
