"""The report's "changes since the previous report": a column of the results table and a paragraph, from a
comparison written out by hand (Cam Lâm: +1 equipped, +2 live, +3 supervised; KH-570-01 equipped)."""

from __future__ import annotations

import io
from datetime import date

import pandas as pd
from docx import Document

from lib.exports.report import build_report_content, build_report_docx
from lib.metrics.progress import ChangeSince

ZERO = dict.fromkeys(("equipped", "all_trained", "live", "children_entered", "supervised", "overdue"), 0)
CAM_LAM = {**ZERO, "equipped": 1, "live": 2, "supervised": 3}
CHANGE = ChangeSince(
    date(2017, 5, 13), date(2017, 5, 13), date(2017, 5, 20),
    pd.DataFrame([{"district_code": "570", "district_name": "Huyện Cam Lâm", **CAM_LAM},
                  {"district_code": "568", "district_name": "Thành phố Nha Trang", **ZERO}]),
    dict(CAM_LAM),
    pd.DataFrame({"point_code": ["KH-570-01"], "point_name": ["Trạm Y tế xã Cam Tân"], "district_code": ["570"],
                  "gained": [["equipped"]], "lost": [[]]}),
)


def _results_table(data: bytes):
    document = Document(io.BytesIO(data))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "TT")
    return document, [[cell.text for cell in row.cells] for row in table.rows]


def test_the_province_report_gains_a_change_column_and_a_paragraph(demo_dataset, demo_rollout):
    document, rows = _results_table(build_report_docx(demo_dataset, demo_rollout, change=CHANGE))
    assert rows[0][-1] == "Thay đổi từ 13/05/2017"
    by_district = {row[1]: row[-1] for row in rows[1:]}
    assert by_district["Huyện Cam Lâm"] == "+1 thiết bị\n+2 triển khai\n+3 giám sát"
    assert by_district["Thành phố Nha Trang"] == "không đổi"
    assert by_district["Huyện Khánh Sơn"] == "không đổi"  # not in the comparison: nothing changed
    assert rows[-1][-1] == "+1 thiết bị\n+2 triển khai\n+3 giám sát"  # the total row: the province's change
    paragraphs = [p.text for p in document.paragraphs]
    assert "Thay đổi so với báo cáo trước" in paragraphs
    assert ("- So với số liệu ngày 13/05/2017 (báo cáo trước, ngày 13/05/2017), đến ngày 20/05/2017: "
            "+1 điểm đủ thiết bị, +2 điểm triển khai, +3 điểm được giám sát." in paragraphs)
    assert "- Có 1 điểm tiêm thay đổi; chi tiết ở cột “Thay đổi” của bảng dưới." in paragraphs


def test_a_district_report_says_what_each_point_gained(demo_dataset, demo_rollout):
    _, rows = _results_table(build_report_docx(demo_dataset, demo_rollout, district_code="570", change=CHANGE))
    names = dict(zip(demo_rollout.point_status["point_code"], demo_rollout.point_status["point_name"]))
    by_point = {row[1]: row[-1] for row in rows[1:-1]}
    assert by_point[names["KH-570-01"]] == "+1 thiết bị"
    assert set(by_point.values()) == {"+1 thiết bị", "không đổi"}
    assert rows[-1][-1] == "+1 thiết bị\n+2 triển khai\n+3 giám sát"


def test_without_history_the_report_is_unchanged(demo_dataset, demo_rollout):
    plain = build_report_content(demo_dataset, demo_rollout)
    nothing_recorded = ChangeSince(date(2017, 5, 13), None, None, CHANGE.districts.iloc[0:0], ZERO, CHANGE.points.iloc[0:0])
    assert build_report_content(demo_dataset, demo_rollout, change=nothing_recorded) == plain
    assert plain.changes == () and len(plain.table_header) == 9
