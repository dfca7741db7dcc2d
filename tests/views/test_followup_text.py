"""The follow-up message's words (lib/views/followup.py) from a follow-up written out by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from lib.cleaning import Problem
from lib.metrics.followup import DistrictFollowUp
from lib.views.followup import build_followup_text

PROBLEM = Problem("Cam Lâm", "Cam Lâm!H5", 5, "Có máy in", "chưa rõ", "error", "not_yes_no", district_code="570")
FOLLOWUP = DistrictFollowUp(
    district_code="570", district_name="Huyện Cam Lâm", as_of=date(2017, 5, 20), points=15, points_target=15,
    without_computer=(), without_printer=tuple(f"Trạm {n}" for n in range(1, 8)), without_internet=("Trạm 1",),
    not_all_trained=("Trạm 2",), untrained_staff=3, not_live=("Trạm 3", "Trạm 4"),
    children_incomplete=("Trạm 5",), children_missing=1234, report_state="missing", report_deadline=date(2017, 5, 18),
    report_days_left=-2, milestones=(("Triển khai toàn bộ điểm", date(2017, 6, 1), 12),),
    since=date(2017, 5, 13), changes={"equipped": 2, "all_trained": 0, "live": -1, "children_entered": 0,
                                      "supervised": 0, "overdue": 1},
    problems=(PROBLEM,),
)


def test_the_whole_message_in_vietnamese():
    text = build_followup_text(FOLLOWUP, sheet_url="https://docs.google.com/spreadsheets/d/ID/edit",
                               tab_ids={"Cam Lâm": 42})
    assert text.split("\n") == [
        "Kính gửi Huyện Cam Lâm,",
        "Tình hình triển khai Hệ thống thông tin tiêm chủng quốc gia đến ngày 20/05/2017 (15 điểm tiêm):",
        "",
        "Còn thiếu:",
        "- 7 điểm chưa có máy in: Trạm 1, Trạm 2, Trạm 3, Trạm 4, Trạm 5 và 2 điểm khác",  # five named, two counted
        "- 1 điểm chưa có Internet: Trạm 1",
        "- 2 điểm chưa triển khai Hệ thống: Trạm 3, Trạm 4",
        "- 3 cán bộ chưa được tập huấn, ở 1 điểm: Trạm 2",
        "- 1.234 trẻ chưa nhập vào Hệ thống; 1 điểm chưa nhập đủ: Trạm 5",
        "",
        "Thay đổi từ 13/05/2017: +2 điểm đủ thiết bị, −1 điểm triển khai, +1 báo cáo quá hạn.",
        "",
        "Thời hạn:",
        "- Báo cáo của huyện: hạn 18/05/2017, đã quá hạn 2 ngày, chưa nhận được.",
        "- Triển khai toàn bộ điểm: hạn 01/06/2017, còn 12 ngày.",
        "",
        "Cần sửa 1 ô trong bảng tính:",
        f"- Cam Lâm!H5: {PROBLEM.message('vi')} https://docs.google.com/spreadsheets/d/ID/edit#gid=42&range=H5",
        "",
        "Đề nghị huyện khẩn trương hoàn thành. Trân trọng.",
    ]


def test_a_district_with_nothing_left_and_no_history():
    done = replace(FOLLOWUP, without_printer=(), without_internet=(), not_all_trained=(), untrained_staff=0,
                   not_live=(), children_incomplete=(), children_missing=0, report_state="on_time", milestones=(),
                   since=None, changes=None, problems=())
    assert build_followup_text(done, "en").split("\n")[3:] == [
        "Every point meets every condition.", "", "Deadlines:", "- The district's report: received on time.", "",
        "The district's cells need no fixing.", "", "Please complete these soon. Thank you."]


def test_many_cells_are_listed_ten_then_counted():
    many = replace(FOLLOWUP, problems=(PROBLEM,) * 13)
    lines = build_followup_text(many).split("\n")
    assert sum(line.startswith("- Cam Lâm!H5") for line in lines) == 10
    assert "- và 3 ô khác (xem trang Chất lượng dữ liệu)." in lines
    assert "Cần sửa 13 ô trong bảng tính:" in lines
