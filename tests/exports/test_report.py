"""The official report: read back with python-docx and compared with the metrics; rendered through
LibreOffice to PDF and PNG to check that the Vietnamese survives."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from datetime import date

import pytest
from docx import Document
from docx.shared import Pt

from lib import DEMO_WORKBOOK, PROJECT_ROOT
from lib.__main__ import main as cli
from lib.exports.report import build_report_docx, find_district, place_and_date
from lib.metrics.rollout import compute_rollout
from tests.helpers import libreoffice_or_skip

ARTIFACTS = PROJECT_ROOT / "test-artifacts" / "report"


def _document(data: bytes):
    return Document(io.BytesIO(data))


def _number(text: str) -> int:
    """The first whole number in a cell, written the Vietnamese way ("22.021/34.231" → 22021)."""
    return int(re.match(r"\s*([\d.]+)", text).group(1).replace(".", ""))


def _pair(text: str) -> tuple[int, int]:
    first, second = text.split("\n")[0].split("/")
    return _number(first), _number(second)


def _table(document, first_header: str, second_header: str):
    for table in document.tables:
        header = [cell.text for cell in table.rows[0].cells]
        if header[:2] == [first_header, second_header]:
            return header, [[cell.text for cell in row.cells] for row in table.rows[1:]]
    raise AssertionError(f"no table headed {first_header!r}, {second_header!r}")


def _text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def province_docx(demo_dataset, demo_rollout) -> bytes:
    return build_report_docx(demo_dataset, demo_rollout)


@pytest.fixture(scope="module")
def district_docx(demo_dataset, demo_rollout) -> bytes:
    return build_report_docx(demo_dataset, demo_rollout, district_code="570")


def test_header_block_of_an_administrative_document(province_docx):
    document = _document(province_docx)
    header = document.tables[0]
    left = header.cell(0, 0).text.split("\n")
    right = header.cell(0, 1).text.split("\n")
    assert left[:2] == ["SỞ Y TẾ KHÁNH HÒA", "TRUNG TÂM Y TẾ DỰ PHÒNG"]
    assert right[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert header.cell(1, 0).text == "Số: ……/BC-TTYTDP"
    assert header.cell(1, 1).text == "Khánh Hòa, ngày 20 tháng 5 năm 2017"
    borders = header._tbl.tblPr.xml
    assert 'w:val="nil"' in borders  # a layout table: no borders drawn
    paragraphs = [p.text for p in document.paragraphs if p.text]
    assert paragraphs[0] == "BÁO CÁO"
    assert paragraphs[1] == ("Kết quả triển khai áp dụng Hệ thống quản lý thông tin tiêm chủng quốc gia "
                             "trên địa bàn tỉnh Khánh Hòa")
    assert "Kính gửi:" in paragraphs
    assert "- Cục Y tế dự phòng - Bộ Y tế;" in paragraphs and "- Sở Y tế tỉnh Khánh Hòa." in paragraphs


@pytest.mark.parametrize("folder, province, opening", [
    ("khanh_hoa", "Khánh Hòa", "Thực hiện Công văn số 929/SYT-NVY ngày 20/04/2017 của Sở Y tế"),
    # Phú Yên's folder names no order: the report does not borrow another province's.
    ("phu_yen", "Phú Yên", "Trung tâm Y tế dự phòng báo cáo kết quả triển khai Hệ thống"),
])
def test_each_geography_reports_from_its_own_department_of_health(folder, province, opening):
    from lib.cleaning import clean_workbook
    from lib.geography import load_geography
    from lib.sources import read_source
    from tests.test_geography_names import find_mentions, forbidden

    geography = load_geography(PROJECT_ROOT / "data" / "geographies" / folder)
    dataset = clean_workbook(read_source(str(geography.demo_workbook)), geography)
    rollout = compute_rollout(dataset, geography, dataset.as_of)
    document = _document(build_report_docx(dataset, rollout))
    header = document.tables[0]
    assert header.cell(0, 0).text.split("\n")[0] == f"SỞ Y TẾ {province.upper()}"
    assert header.cell(1, 1).text == f"{province}, ngày 20 tháng 5 năm 2017"
    text = _text(document)
    assert f"trên địa bàn tỉnh {province}" in text and f"Sở Y tế tỉnh {province}" in text
    assert opening in text
    _, rows = _table(document, "TT", "Huyện, thị xã, thành phố")
    assert [row[1] for row in rows[:-1]] == [d["name"] for d in geography.districts]  # its nine, then the total
    if folder == "phu_yen":
        names, codes, province_code = forbidden(geography.folder)
        assert find_mentions(text, names, codes, province_code, bare_codes=False) == []
        district = _text(_document(build_report_docx(dataset, rollout, district_code="559")))
        assert "Tuy An, ngày 20 tháng 5 năm 2017" in district


def test_situation_cites_the_order_and_results_match_the_headline(province_docx, demo_rollout):
    text = _text(_document(province_docx))
    assert "Công văn số 929/SYT-NVY ngày 20/04/2017 của Sở Y tế" in text
    h = demo_rollout.headline
    assert f"Internet: {h['points_equipped']}/{h['points_target']} (63,4 %)" in text  # 97 of the 153 expected
    assert f"triển khai áp dụng Hệ thống: {h['points_live']}/153" in text
    assert "54.691/117.491 (46,5 %)" in text  # Nha Trang!O3's 846 entered of 684 eligible count 684
    assert "524/644 cán bộ tiêm chủng đã được tập huấn (81,4 %)" in text  # Cam Lâm!K3's 5 of 3 count 3
    for section in ("I. TÌNH HÌNH TRIỂN KHAI", "II. KẾT QUẢ TRIỂN KHAI", "III. KHÓ KHĂN, VƯỚNG MẮC",
                    "IV. ĐỀ XUẤT, KIẾN NGHỊ", "Nơi nhận:", "GIÁM ĐỐC"):
        assert section in text


def _with_order(tabs, number, when) -> None:
    """Set the order number and date on the settings tab (in place)."""
    for row in tabs["Cấu hình"]:
        if row and row[0] == "Số công văn":
            row[1] = number
        elif row and row[0] == "Ngày công văn":
            row[1] = when


def test_the_report_cites_the_order_named_in_the_settings(edited_dataset, geography):
    dataset = edited_dataset(lambda tabs: _with_order(tabs, "1234/SYT-NVY", "02/01/2018"))
    assert (dataset.order_number, dataset.order_date) == ("1234/SYT-NVY", date(2018, 1, 2))
    rollout = compute_rollout(dataset, geography, dataset.as_of)
    text = _text(_document(build_report_docx(dataset, rollout)))
    assert "Thực hiện Công văn số 1234/SYT-NVY ngày 02/01/2018 của Sở Y tế" in text
    assert "929/SYT-NVY" not in text


@pytest.mark.parametrize("number, when, opening", [
    ("1234/SYT-NVY", None, "Thực hiện Công văn số 1234/SYT-NVY của Sở Y tế về việc"),
    (None, None, "Trung tâm Y tế dự phòng báo cáo kết quả triển khai Hệ thống"),
])
def test_a_blank_order_date_or_number_is_left_out_not_invented(edited_dataset, geography, number, when, opening):
    dataset = edited_dataset(lambda tabs: _with_order(tabs, number, when))
    rollout = compute_rollout(dataset, geography, dataset.as_of)
    text = _text(_document(build_report_docx(dataset, rollout)))
    assert opening in text
    assert "ngày None" not in text and "Công văn số None" not in text


def test_province_table_matches_the_district_metrics(province_docx, demo_rollout):
    header, rows = _table(_document(province_docx), "TT", "Huyện, thị xã, thành phố")
    columns = {name: index for index, name in enumerate(header)}
    table = demo_rollout.district_readiness
    points = demo_rollout.point_status
    supervised = points.loc[points["supervision_date"].notna()
                            & (points["supervision_date"] <= str(demo_rollout.as_of))]
    assert len(rows) == len(table) + 1
    assert [row[columns["Số điểm tiêm chủng"]] for row in rows if "/" in row[columns["Số điểm tiêm chủng"]]] == [
        "17/18", "13/14", "8/9", "150/153"]  # listed / expected, the districts and the province alike
    for row, district in zip(rows, table.to_dict("records")):
        assert row[columns["Huyện, thị xã, thành phố"]] == district["district_name"]
        assert _number(row[columns["Số điểm tiêm chủng"]]) == district["points"]
        assert _number(row[columns["Điểm đủ máy tính, máy in, Internet"]]) == district["points_equipped"]
        assert _pair(row[columns["Cán bộ đã tập huấn / tổng số"]]) == (district["trained_staff"], district["staff"])
        assert _number(row[columns["Điểm sử dụng thành thạo"]]) == district["proficient"]
        assert _number(row[columns["Điểm đã triển khai"]]) == district["points_live"]
        assert _pair(row[columns["Trẻ đã nhập / thuộc đối tượng"]]) == (district["children_entered"],
                                                                       district["eligible_children"])
        assert _number(row[columns["Điểm đã giám sát"]]) == int(
            (supervised["district_code"] == district["district_code"]).sum())
    total = rows[-1]
    h = demo_rollout.headline
    assert total[1] == "Tổng cộng"
    assert _number(total[columns["Số điểm tiêm chủng"]]) == h["points"] == 150
    assert _number(total[columns["Điểm đã triển khai"]]) == h["points_live"]
    assert total[columns["Điểm đã triển khai"]] == "80\n(52,3 %)"  # of 153, not of 150
    assert _pair(total[columns["Trẻ đã nhập / thuộc đối tượng"]]) == (h["children_entered"], h["eligible_children"])


def test_difficulties_and_proposals_come_from_the_log(province_docx, demo_rollout):
    document = _document(province_docx)
    _, rows = _table(document, "TT", "Ngày")
    log = demo_rollout.difficulties
    assert sorted(row[3] for row in rows) == sorted(log["description"])
    open_ = log.loc[log["open"]]
    assert all(row[4] in ("Mới", "Đang xử lý") for row in rows[:len(open_)])  # open ones first
    assert all(row[4] == "Đã giải quyết" for row in rows[len(open_):])
    proposals = [p.text for p in document.paragraphs if p.text.startswith("- Đề nghị Cục Y tế dự phòng")]
    assert len(proposals) == len(open_)
    for description in open_["description"]:
        assert any(description.rstrip(".") in proposal for proposal in proposals)
    text = _text(document)
    h = demo_rollout.headline
    assert f"cho {h['points_target'] - h['points_equipped']} điểm tiêm chủng chưa đủ điều kiện" in text  # 153 − 97
    # Staff to train: the table's 644 − 524, and per district the staff, not the points.
    assert ("Tổ chức tập huấn bổ sung cho 120 cán bộ tiêm chủng chưa được tập huấn (Huyện Khánh Vĩnh: 41; "
            "Thị xã Ninh Hòa: 25; Huyện Khánh Sơn: 22; Huyện Vạn Ninh: 20; Thành phố Nha Trang: 6; "
            "Thành phố Cam Ranh: 3; Huyện Cam Lâm: 2; Huyện Diên Khánh: 1).") in text


def test_district_report_goes_from_its_health_center_to_the_pmc(district_docx, demo_rollout):
    document = _document(district_docx)
    header = document.tables[0]
    assert header.cell(0, 0).text.split("\n")[:2] == ["SỞ Y TẾ KHÁNH HÒA", "TRUNG TÂM Y TẾ HUYỆN CAM LÂM"]
    assert header.cell(1, 0).text == "Số: ……/BC-TTYT"
    assert header.cell(1, 1).text == "Cam Lâm, ngày 20 tháng 5 năm 2017"
    text = _text(document)
    assert "Kính gửi: Trung tâm Y tế dự phòng tỉnh Khánh Hòa." in text
    assert "- Phòng Y tế Huyện Cam Lâm;" in text
    header_row, rows = _table(document, "TT", "Điểm tiêm chủng")
    columns = {name: index for index, name in enumerate(header_row)}
    points = demo_rollout.point_status
    mine = points.loc[points["district_code"] == "570"].sort_values("point_code")
    assert len(rows) == len(mine) + 1
    for row, point in zip(rows, mine.itertuples()):
        assert row[columns["Điểm tiêm chủng"]] == point.point_name
        # As counted: KH-570-02's sheet says 5 trained of 3 staff, which counts 3.
        assert _pair(row[columns["Cán bộ đã tập huấn / tổng số"]]) == (point.trained_counted, point.staff)
        assert row[columns["Ngày triển khai"]] == (point.go_live_date.strftime("%d/%m/%Y") if point.live else "Chưa")
        assert row[columns["Máy tính, máy in, Internet"]].startswith("Đủ" if point.equipped else "Thiếu")
    assert _number(rows[-1][columns["Ngày triển khai"]]) == int(mine["live"].sum())
    log = demo_rollout.difficulties
    _, difficulties = _table(document, "TT", "Ngày")
    assert [row[3] for row in difficulties] == list(log.loc[log["district_code"] == "570", "description"])


def test_fonts_are_times_new_roman_13_to_14(province_docx):
    document = _document(province_docx)
    runs = [run for p in document.paragraphs for run in p.runs if run.text.strip()]
    assert runs and {run.font.name for run in runs} == {"Times New Roman"}
    assert {run.font.size for run in runs} <= {Pt(13), Pt(14)}
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.left_margin.cm, 1) == 3.0


def test_english_version(demo_dataset, demo_rollout):
    text = _text(_document(build_report_docx(demo_dataset, demo_rollout, "en")))
    assert "SOCIALIST REPUBLIC OF VIET NAM" in text and "Independence - Freedom - Happiness" in text
    assert "Khánh Hòa, 20/5/2017" in text


@pytest.mark.parametrize("when, expected", [
    (date(2017, 5, 20), "Khánh Hòa, ngày 20 tháng 5 năm 2017"),
    (date(2017, 6, 5), "Khánh Hòa, ngày 05 tháng 6 năm 2017"),
    (date(2018, 1, 9), "Khánh Hòa, ngày 09 tháng 01 năm 2018"),
    (date(2017, 12, 31), "Khánh Hòa, ngày 31 tháng 12 năm 2017"),
])
def test_place_and_date_follow_the_rules_for_leading_zeros(when, expected):
    assert place_and_date("Khánh Hòa", when) == expected


@pytest.mark.parametrize("name, code", [("570", "570"), ("Huyện Cam Lâm", "570"), ("cam lam", "570"),
                                        ("CAM LÂM", "570"), ("Nha Trang", "568"), ("Hà Nội", None)])
def test_find_district(demo_dataset, name, code):
    assert find_district(demo_dataset.districts, name) == code


def test_cli_writes_the_province_and_a_district_report(tmp_path, capsys, demo_rollout):
    out = tmp_path / "out" / "bao-cao.docx"
    assert cli(["report", str(DEMO_WORKBOOK), "--out", str(out)]) == 0
    assert "bao-cao.docx" in capsys.readouterr().out
    _, rows = _table(_document(out.read_bytes()), "TT", "Huyện, thị xã, thành phố")
    assert _number(rows[-1][2]) == demo_rollout.headline["points"]
    district = tmp_path / "cam-lam.docx"
    assert cli(["report", str(DEMO_WORKBOOK), "--out", str(district), "--district", "Cam Lâm"]) == 0
    assert "TRUNG TÂM Y TẾ HUYỆN CAM LÂM" in _document(district.read_bytes()).tables[0].cell(0, 0).text
    assert cli(["report", str(DEMO_WORKBOOK), "--out", str(tmp_path / "x.docx"), "--district", "Hà Nội"]) == 2
    assert "Hà Nội" in capsys.readouterr().err and not (tmp_path / "x.docx").exists()
    assert cli(["report", str(tmp_path / "missing.xlsx"), "--out", str(tmp_path / "y.docx")]) == 2


# ---------------------------------------------------------------- LibreOffice


def _office_or_skip() -> str:
    office = libreoffice_or_skip("PDF check")
    for tool in ("pdftoppm", "pdftotext"):
        if shutil.which(tool) is None:
            if os.environ.get("CI"):
                pytest.fail(f"{tool} (poppler-utils) is missing under CI", pytrace=False)
            pytest.skip(f"{tool} (poppler-utils) is missing")
    return office


@pytest.mark.parametrize("name, district", [("province", None), ("district", "570")])
def test_report_converts_to_pdf_with_its_diacritics(tmp_path, demo_dataset, demo_rollout, name, district):
    office = _office_or_skip()
    docx_path = tmp_path / f"report-{name}.docx"
    docx_path.write_bytes(build_report_docx(demo_dataset, demo_rollout, district_code=district))
    profile = tmp_path / "profile"  # a private LibreOffice profile: no clash with another running instance
    subprocess.run([office, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(docx_path)], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / f"report-{name}.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                                   text=True, timeout=60).stdout.split())  # lines joined: a phrase may wrap
    for phrase in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "BÁO CÁO",
                   "Hệ thống quản lý thông tin tiêm chủng quốc gia", "ngày 20 tháng 5 năm 2017",
                   "KHÓ KHĂN, VƯỚNG MẮC", "ĐỀ XUẤT, KIẾN NGHỊ"):
        assert phrase in text, phrase
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, timeout=60).stdout
    assert "Serif" in fonts or "Times" in fonts, fonts  # Times New Roman or its metric twin, embedded
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "110", "-f", "1", "-l", "1", str(pdf), str(ARTIFACTS / f"{name}-page")],
                   check=True, capture_output=True, timeout=60)
    pages = list(ARTIFACTS.glob(f"{name}-page*.png"))
    assert pages, "pdftoppm wrote no page"
    from PIL import Image

    with Image.open(pages[0]) as page:
        assert page.size[0] > 800 and page.size[1] > page.size[0]  # an A4 portrait page
