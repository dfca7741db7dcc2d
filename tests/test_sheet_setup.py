"""`python -m lib init-sheet`: the requests it plans (pure) and sends (to the local Sheets server).

The server applies what it receives, so a second run sees the first one's work: that is how
"idempotent" is checked — the second run sends nothing, a later one only what was added.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime

import pytest

from lib import DEMO_WORKBOOK, schema
from lib.__main__ import main
from lib.geography import load_geography
from lib.schema import Column, Kind
from lib.authoring.sheet_setup import (
    WRITE_SCOPE,
    Editors,
    SheetState,
    SheetWriter,
    TabState,
    parse_editors,
    plan_sheet_setup,
    split_emails,
)
from lib.sources.google_sheet import RetryPolicy, clear_metadata_cache
from tests.sources.sheets_server import SheetsServer, new_private_key, service_account_info, tabs_from_workbook

SHEET_ID = "1TestKhanhHoa2017SetupSheet000123456789abcd"
EMAIL = "sheet-setup@test-project.iam.gserviceaccount.com"
PROVINCE = ("ttytdp@khanhhoa.gov.vn", "thongke@khanhhoa.gov.vn")
CAM_LAM = "camlam.nhaplieu@gmail.com"
DESTRUCTIVE = {"deleteSheet", "deleteDimension", "deleteProtectedRange", "deleteRange", "deleteConditionalFormatRule",
               "updateConditionalFormatRule", "clearBasicFilter", "deleteDataValidation", "moveDimension",
               "updateSheetProperties.title", "pasteData", "copyPaste", "cutPaste", "autoFill", "sortRange"}
FAST = RetryPolicy(attempts=2, first_wait=0.01, max_wait=0.05, total=10.0, connect_timeout=2.0, read_timeout=5.0)


@pytest.fixture(scope="module")
def private_key():
    return new_private_key()


@pytest.fixture(scope="module")
def districts():
    return load_geography().districts


@pytest.fixture
def server(private_key, monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    clear_metadata_cache()
    with SheetsServer() as running:
        running.google.register_account(EMAIL, private_key.public_key())
        yield running


@pytest.fixture
def key_info(server, private_key):
    return service_account_info(private_key, server.token_uri, EMAIL)


@pytest.fixture
def editors_file(tmp_path):
    path = tmp_path / "nguoi-nhap-lieu.txt"
    path.write_text(f"# tuyến tỉnh\nprovince: {', '.join(PROVINCE)}\nCam Lâm: {CAM_LAM}\n", encoding="utf-8")
    return path


def run_setup(server, key_info, districts, editors: Editors, dry_run: bool = False) -> list[dict]:
    """One init-sheet run through the real client; the requests it sent (none for a dry run)."""
    writer = SheetWriter(SHEET_ID, key_info, api_base=server.base_url, policy=FAST)
    plan = plan_sheet_setup(writer.read_state(), editors, service_email=EMAIL, fallback_districts=districts)
    before = len(server.google.batch_updates)
    if not dry_run:
        writer.apply(plan)
    sent = server.google.batch_updates[before:]
    return [request for body in sent for request in body["requests"]]


def kinds(requests: list[dict]) -> list[str]:
    return [next(iter(request)) for request in requests]


def requests_of(requests: list[dict], kind: str) -> list[dict]:
    return [request[kind] for request in requests if kind in request]


def sheet_ids(server) -> dict[str, int]:
    return {tab.title: tab.gid for tab in server.google.spreadsheets[SHEET_ID].tabs}


def _district_tabs(districts) -> list[str]:
    return [d["name_short"] for d in districts]


# ---------------------------------------------------------------- an empty spreadsheet

@pytest.fixture
def empty_sheet(server):
    server.google.add_spreadsheet(SHEET_ID, "Bảng tính trống", {"Trang tính1": []}, shared_with={EMAIL})
    return server


def test_first_run_lays_out_the_whole_schema(empty_sheet, key_info, districts, editors_file):
    server = empty_sheet
    sent = run_setup(server, key_info, districts, parse_editors(editors_file.read_text(encoding="utf-8")))
    assert server.google.counts["batchUpdate"] == 1  # one atomic batchUpdate
    assert server.google.scopes == [WRITE_SCOPE]  # the read-write scope, for this command only
    assert not set(kinds(sent)) & DESTRUCTIVE

    added = [r["properties"] for r in requests_of(sent, "addSheet")]
    fixed = [tab.title for tab in schema.FIXED_TABS]
    assert [p["title"] for p in added] == fixed[:3] + _district_tabs(districts) + fixed[3:]
    assert all(p["gridProperties"]["frozenRowCount"] == 1 for p in added)
    ids = sheet_ids(server)

    # Headers: the schema's, in row 1 of each new tab.
    headers = {}
    for update in requests_of(sent, "updateCells"):
        start = update["start"]
        if start["rowIndex"] == 0:
            headers[start["sheetId"]] = [cell["userEnteredValue"]["stringValue"] for cell in update["rows"][0]["values"]]
    assert headers[ids["Cam Lâm"]] == [c.header_vi for c in schema.POINTS.columns]
    assert headers[ids["Huyện"]] == [c.header_vi for c in schema.DISTRICTS.columns]
    # The Huyện tab is seeded with the boundary files' districts, as the template is.
    tabs = {tab.title: tab for tab in server.google.spreadsheets[SHEET_ID].tabs}
    assert [row[2] for row in tabs["Huyện"].rows[1:]] == _district_tabs(districts)
    assert isinstance(tabs["Mốc thời gian"].rows[1][2], datetime)  # deadlines written as dates

    # Validation on a district tab: every validated column, at its own column, right rule.
    cam_lam = ids["Cam Lâm"]
    rules = {v["range"]["startColumnIndex"]: v for v in requests_of(sent, "setDataValidation")
             if v["range"]["sheetId"] == cam_lam}
    for index, column in enumerate(schema.POINTS.columns):
        rule = rules.get(index)
        if column.kind in (Kind.TEXT, Kind.CODE, Kind.NUMBER):
            assert rule is None, column.key
            continue
        assert rule["range"] == {"sheetId": cam_lam, "startRowIndex": 1, "startColumnIndex": index,
                                 "endColumnIndex": index + 1}, column.key
        condition = rule["rule"]["condition"]
        values = [v["userEnteredValue"] for v in condition.get("values", [])]
        if column.kind == Kind.YES_NO:
            assert (condition["type"], values) == ("ONE_OF_LIST", ["Có", "Không"])
            assert rule["rule"]["strict"] and rule["rule"]["showCustomUi"]
        elif column.kind == Kind.CHOICE:
            assert (condition["type"], values) == ("ONE_OF_LIST", list(column.choices))
        elif column.kind == Kind.COUNT:
            letter = chr(ord("A") + index)
            assert condition["type"] == "CUSTOM_FORMULA"
            assert values == [f"=AND(ISNUMBER({letter}2),{letter}2>=0,{letter}2=INT({letter}2))"]
            assert rule["rule"]["strict"] is False  # warns; "12 người" is still read
        elif column.kind == Kind.DATE:
            # The cleaning's window on the seeded milestones: 01/06/2017 − 3 × 365 days, 15/06/2017 + 3 × 365 days.
                assert (condition["type"], values) == ("DATE_BETWEEN", ["=DATE(2014,6,2)", "=DATE(2020,6,14)"])
        assert rule["rule"]["inputMessage"].startswith(column.header_vi), column.key

    # Date and count formats, code columns as text.
    formats = {r["range"]["startColumnIndex"]: r["cell"]["userEnteredFormat"]["numberFormat"]
               for r in requests_of(sent, "repeatCell") if r["range"]["sheetId"] == cam_lam}
    staff = [c.key for c in schema.POINTS.columns].index("staff")
    go_live = [c.key for c in schema.POINTS.columns].index("go_live_date")
    assert formats[go_live] == {"type": "DATE", "pattern": "dd/mm/yyyy"}
    assert formats[staff]["type"] == "NUMBER" and formats[0]["type"] == "TEXT"

    # Inconsistent rows tinted: more trained than staff (K > J), more entered than eligible (O > N).
    formulas = {r["rule"]["booleanRule"]["condition"]["values"][0]["userEnteredValue"]
                for r in requests_of(sent, "addConditionalFormatRule") if r["rule"]["ranges"][0]["sheetId"] == cam_lam}
    assert formulas == {"=AND(ISNUMBER($K2),ISNUMBER($J2),$K2>$J2)", "=AND(ISNUMBER($O2),ISNUMBER($N2),$O2>$N2)"}
    assert not [r for r in requests_of(sent, "addConditionalFormatRule")
                if r["rule"]["ranges"][0]["sheetId"] == ids["Tập huấn"]]

    # Protections: a district's tab by its editors and the province; Huyện by the province only;
    # the logs stay open. The service account is always an editor.
    protections = {r["protectedRange"]["range"]["sheetId"]: r["protectedRange"]
                   for r in requests_of(sent, "addProtectedRange")}
    assert set(protections[cam_lam]["editors"]["users"]) == {CAM_LAM, *PROVINCE, EMAIL}
    assert set(protections[ids["Nha Trang"]]["editors"]["users"]) == {*PROVINCE, EMAIL}
    for title in ("Cấu hình", "Mốc thời gian", "Huyện"):
        assert set(protections[ids[title]]["editors"]["users"]) == {*PROVINCE, EMAIL}, title
    assert ids["Tập huấn"] not in protections and ids["Khó khăn vướng mắc"] not in protections
    assert all(p["range"] == {"sheetId": p["range"]["sheetId"]} and p["warningOnly"] is False
               for p in protections.values())

    # Widths from the schema.
    widths = {r["range"]["startIndex"]: r["properties"]["pixelSize"]
              for r in requests_of(sent, "updateDimensionProperties") if r["range"]["sheetId"] == cam_lam}
    assert widths[1] > widths[0]  # "Tên điểm tiêm chủng" (36 characters) is wider than "Mã điểm" (12)


def test_a_second_run_sends_nothing(empty_sheet, key_info, districts, editors_file):
    editors = parse_editors(editors_file.read_text(encoding="utf-8"))
    run_setup(empty_sheet, key_info, districts, editors)
    assert run_setup(empty_sheet, key_info, districts, editors) == []
    assert empty_sheet.google.counts["batchUpdate"] == 1  # the second run did not even call batchUpdate


def test_an_english_locale_is_set_to_vietnamese_once(empty_sheet, key_info, districts, editors_file):
    server = empty_sheet
    server.google.set_locale(SHEET_ID, "en_US")
    editors = parse_editors(editors_file.read_text(encoding="utf-8"))
    sent = run_setup(server, key_info, districts, editors)
    assert requests_of(sent, "updateSpreadsheetProperties") == [{"properties": {"locale": "vi_VN"}, "fields": "locale"}]
    assert kinds(sent)[-1] == "updateSpreadsheetProperties"  # after the formulas, which were planned for en_US
    assert server.google.spreadsheets[SHEET_ID].locale == "vi_VN"
    assert run_setup(server, key_info, districts, editors) == []  # a second run sends no locale request


def test_dry_run_lists_the_locale_change(empty_sheet, key_info, tmp_path, monkeypatch, capsys):
    empty_sheet.google.set_locale(SHEET_ID, "en_US")
    key_file = tmp_path / "key.json"
    key_file.write_text(json.dumps(key_info), encoding="utf-8")
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(key_file))
    monkeypatch.setenv("DASHBOARD_SHEETS_API", empty_sheet.base_url)
    assert main(["init-sheet", SHEET_ID, "--dry-run"]) == 0
    assert "- Đặt ngôn ngữ và khu vực của bảng tính thành vi_VN (đang là en_US)" in capsys.readouterr().out
    assert main(["--lang", "en", "init-sheet", SHEET_ID, "--dry-run"]) == 0
    assert "- Set the spreadsheet's locale to vi_VN (now en_US)" in capsys.readouterr().out
    assert empty_sheet.google.counts["batchUpdate"] == 0


def test_a_new_district_and_a_new_editor_are_added_and_nothing_else(empty_sheet, key_info, districts, editors_file):
    server = empty_sheet
    editors = parse_editors(editors_file.read_text(encoding="utf-8"))
    run_setup(server, key_info, districts, editors)
    # The province adds a district to Huyện, with its editor, and a second editor for Cam Lâm.
    server.google.append_row(SHEET_ID, "Huyện", ["999", "Huyện Đảo Mới", "Đảo Mới", 3, None, None, "daomoi@gmail.com"])
    huyen = server.google.tab(SHEET_ID, "Huyện").rows
    cam_lam_row = next(i for i, row in enumerate(huyen) if row[2] == "Cam Lâm")
    server.google.set_cell(SHEET_ID, "Huyện", cam_lam_row + 1, 7, "camlam2@gmail.com")
    sent = run_setup(server, key_info, districts, editors)
    assert not set(kinds(sent)) & DESTRUCTIVE
    ids = sheet_ids(server)
    new = ids["Đảo Mới"]
    assert [r["properties"]["title"] for r in requests_of(sent, "addSheet")] == ["Đảo Mới"]
    touched = set()
    for request in sent:
        detail = next(iter(request.values()))
        touched.add(json.dumps(detail).count(f'"sheetId": {new}') > 0 or "protectedRangeId" in json.dumps(detail))
    assert touched == {True}  # every request is about the new tab, or adds an editor
    protection = requests_of(sent, "addProtectedRange")[0]["protectedRange"]
    assert set(protection["editors"]["users"]) == {"daomoi@gmail.com", *PROVINCE, EMAIL}
    (more,) = requests_of(sent, "updateProtectedRange")
    assert more["fields"] == "editors"
    assert set(more["protectedRange"]["editors"]["users"]) == {CAM_LAM, "camlam2@gmail.com", *PROVINCE, EMAIL}


def test_a_column_added_to_the_schema_is_appended_at_the_end(empty_sheet, key_info, districts, editors_file,
                                                            monkeypatch):
    server = empty_sheet
    editors = parse_editors(editors_file.read_text(encoding="utf-8"))
    run_setup(server, key_info, districts, editors)
    server.google.append_row(SHEET_ID, "Cam Lâm", ["KH-570-01", "Trạm Y tế xã Cam Hải Đông", "Xã Cam Hải Đông"])
    extra = Column("vaccine_fridge", "Có tủ lạnh vắc xin", "Vaccine fridge", Kind.YES_NO, help_vi="Có/Không.")
    points = dataclasses.replace(schema.POINTS, columns=schema.POINTS.columns + (extra,))
    writer = SheetWriter(SHEET_ID, key_info, api_base=server.base_url, policy=FAST)
    plan = plan_sheet_setup(writer.read_state(), editors, service_email=EMAIL, fallback_districts=districts,
                            points=points)
    end = len(schema.POINTS.columns)
    cells = requests_of(plan.requests, "updateCells")
    assert len(cells) == len(districts)  # one header cell per district tab, nothing else written
    assert all(c["start"]["rowIndex"] == 0 and c["start"]["columnIndex"] == end for c in cells)
    assert {c["rows"][0]["values"][0]["userEnteredValue"]["stringValue"] for c in cells} == {extra.header_vi}
    assert {v["range"]["startColumnIndex"] for v in requests_of(plan.requests, "setDataValidation")} == {end}
    assert set(kinds(plan.requests)) == {"updateCells", "setDataValidation", "updateDimensionProperties"}
    writer.apply(plan)
    assert server.google.tab(SHEET_ID, "Cam Lâm").rows[1][:2] == ["KH-570-01", "Trạm Y tế xã Cam Hải Đông"]


# ---------------------------------------------------------------- a sheet already in use

@pytest.fixture
def demo_sheet(server):
    server.google.add_spreadsheet(SHEET_ID, "Triển khai — đang dùng", tabs_from_workbook(DEMO_WORKBOOK),
                                  shared_with={EMAIL})
    return server


def test_a_sheet_in_use_keeps_every_value(demo_sheet, key_info, districts, editors_file):
    server = demo_sheet
    before = {tab.title: [list(row) for row in tab.rows] for tab in server.google.spreadsheets[SHEET_ID].tabs}
    sent = run_setup(server, key_info, districts, parse_editors(editors_file.read_text(encoding="utf-8")))
    assert not set(kinds(sent)) & DESTRUCTIVE
    assert requests_of(sent, "addSheet") == [] and requests_of(sent, "updateCells") == []
    after = {tab.title: tab.rows for tab in server.google.spreadsheets[SHEET_ID].tabs}
    assert after == before
    assert {"setDataValidation", "addProtectedRange", "addConditionalFormatRule", "updateSheetProperties"} <= set(kinds(sent))
    assert run_setup(server, key_info, districts, Editors()) == []


def test_a_resized_column_and_a_reordered_header_are_respected(server, key_info, districts):
    header = [c.header_vi for c in schema.POINTS.columns]
    header[0], header[1] = header[1], header[0]  # "Tên điểm tiêm chủng" first
    server.google.add_spreadsheet(SHEET_ID, "Thứ tự khác", {"Cam Lâm": [header]}, shared_with={EMAIL})
    server.google.tab(SHEET_ID, "Cam Lâm").widths[0] = 321  # someone widened column A
    sent = run_setup(server, key_info, districts[:0], Editors())  # no district list: Cam Lâm is read as found
    gid = sheet_ids(server)["Cam Lâm"]
    widths = {r["range"]["startIndex"] for r in requests_of(sent, "updateDimensionProperties")
              if r["range"]["sheetId"] == gid}
    assert 0 not in widths and 1 in widths
    text_format = [r for r in requests_of(sent, "repeatCell") if r["range"]["sheetId"] == gid
                   and r["cell"]["userEnteredFormat"]["numberFormat"]["type"] == "TEXT"]
    assert [r["range"]["startColumnIndex"] for r in text_format] == [1]  # the code column, where it now is


# ---------------------------------------------------------------- the command line

def test_dry_run_prints_the_plan_in_vietnamese_and_sends_nothing(empty_sheet, key_info, editors_file, tmp_path,
                                                                  monkeypatch, capsys):
    key_file = tmp_path / "key.json"
    key_file.write_text(json.dumps(key_info), encoding="utf-8")
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(key_file))
    monkeypatch.setenv("DASHBOARD_SHEETS_API", empty_sheet.base_url)
    assert main(["init-sheet", SHEET_ID, "--editors", str(editors_file), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert empty_sheet.google.counts["batchUpdate"] == 0
    assert "Thêm trang tính «Cam Lâm»" in out
    assert f"«Cam Lâm»: bảo vệ trang, chỉ những người sau được sửa: {CAM_LAM}" in out
    assert "Chạy thử:" in out.splitlines()[-1]
    assert main(["init-sheet", SHEET_ID, "--editors", str(editors_file)]) == 0
    assert empty_sheet.google.counts["batchUpdate"] == 1
    assert main(["init-sheet", SHEET_ID]) == 0
    assert "không có gì cần thay đổi" in capsys.readouterr().out
    assert empty_sheet.google.counts["batchUpdate"] == 1


def test_a_sheet_shared_as_viewer_only_says_to_share_as_editor(empty_sheet, key_info, tmp_path, monkeypatch, capsys):
    empty_sheet.google.spreadsheets[SHEET_ID].shared_with = set()
    key_file = tmp_path / "key.json"
    key_file.write_text(json.dumps(key_info), encoding="utf-8")
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(key_file))
    monkeypatch.setenv("DASHBOARD_SHEETS_API", empty_sheet.base_url)
    assert main(["init-sheet", SHEET_ID]) == 2
    assert "quyền Người chỉnh sửa" in capsys.readouterr().err


# ---------------------------------------------------------------- pure parts

@pytest.mark.parametrize("text, emails, rejected", [
    ("a@x.vn, b@y.vn", ("a@x.vn", "b@y.vn"), ()),
    ("A@X.vn; a@x.vn\nc@z.com", ("a@x.vn", "c@z.com"), ()),
    ("<d@x.vn> không-phải-email", ("d@x.vn",), ("không-phải-email",)),
    ("", (), ()),
])
def test_split_emails(text, emails, rejected):
    assert split_emails(text) == (emails, rejected)


def test_editors_files_yaml_like_and_csv():
    listed = parse_editors("province: a@tinh.vn, b@tinh.vn\n# ghi chú\n'Cam Lâm': c@h.vn\n570: d@h.vn\nNha Trang: sai\n")
    assert listed.province == ("a@tinh.vn", "b@tinh.vn")
    assert listed.of("Cam Lâm", "Huyện Cam Lâm", "570") == ("c@h.vn", "d@h.vn")
    assert listed.invalid == ("sai",)
    table = parse_editors("tab,emails\ntỉnh,a@tinh.vn\ncam lam,c@h.vn;e@h.vn\n", csv_format=True)
    assert table.province == ("a@tinh.vn",) and table.of("Cam Lâm") == ("c@h.vn", "e@h.vn")


def test_the_plan_is_pure_and_dry():
    """No HTTP needed: a state in, requests and Vietnamese lines out."""
    state = SheetState("x", [TabState("Trang tính1", 0, 0)])
    plan = plan_sheet_setup(state, Editors(province=("a@tinh.vn",)), service_email=EMAIL,
                            fallback_districts=[{"code": "570", "name": "Huyện Cam Lâm", "name_short": "Cam Lâm"}])
    assert "Thêm trang tính «Cam Lâm»" in plan.lines("vi")
    assert "Add the tab «Cam Lâm»" in plan.lines("en")
    assert any("chưa có email người nhập liệu" in line for line in plan.note_lines("vi"))
    ids = [r["addSheet"]["properties"]["sheetId"] for r in plan.requests if "addSheet" in r]
    assert len(set(ids)) == len(ids) and 0 not in ids  # new gids chosen here, unique: one batchUpdate suffices


# ---------------------------------------------------------------- the workbook template carries the same rules

@pytest.fixture(scope="module")
def template_book(tmp_path_factory):
    import openpyxl

    from lib.authoring.template import write_template

    return openpyxl.load_workbook(write_template(tmp_path_factory.mktemp("mau") / "mau.xlsx"))


def _tinted_formulas(sheet) -> dict[str, set[str]]:
    return {str(cf.sqref): {formula for rule in cf.rules for formula in rule.formula}
            for cf in sheet.conditional_formatting}


@pytest.mark.parametrize("source", ["template", "demo"])
def test_workbooks_tint_inconsistent_rows_like_the_sheet(source, template_book):
    import openpyxl

    from lib.authoring.template import VALIDATED_ROWS

    book = template_book if source == "template" else openpyxl.load_workbook(DEMO_WORKBOOK)
    state = SheetState("x", [TabState("Trang tính1", 0, 0)])
    plan = plan_sheet_setup(state, Editors(), service_email=EMAIL,
                            fallback_districts=[{"code": "570", "name": "Huyện Cam Lâm", "name_short": "Cam Lâm"}])
    google = {r["addConditionalFormatRule"]["rule"]["booleanRule"]["condition"]["values"][0]["userEnteredValue"][1:]
              for r in plan.requests if "addConditionalFormatRule" in r}
    last = chr(ord("A") + len(schema.POINTS.columns) - 1)
    assert _tinted_formulas(book["Cam Lâm"]) == {f"A2:{last}{VALIDATED_ROWS + 1}": google}
    rule = next(iter(book["Cam Lâm"].conditional_formatting)).rules[0]
    assert rule.dxf.fill.fgColor.rgb.endswith("F9DDD0")
    assert _tinted_formulas(book["Tập huấn"]) == {}


def test_template_dropdowns_hold_the_sheets_lists(template_book):
    state = SheetState("x", [TabState("Trang tính1", 0, 0)])
    plan = plan_sheet_setup(state, Editors(), service_email=EMAIL,
                            fallback_districts=[{"code": "570", "name": "Huyện Cam Lâm", "name_short": "Cam Lâm"}])
    gid = next(r["addSheet"]["properties"]["sheetId"] for r in plan.requests
               if "addSheet" in r and r["addSheet"]["properties"]["title"] == "Cam Lâm")
    google = {chr(ord("A") + v["range"]["startColumnIndex"]):
              [x["userEnteredValue"] for x in v["rule"]["condition"]["values"]]
              for v in (r["setDataValidation"] for r in plan.requests if "setDataValidation" in r)
              if v["range"]["sheetId"] == gid and v["rule"]["condition"]["type"] == "ONE_OF_LIST"}
    workbook = {str(rule.sqref)[0]: rule.formula1.strip('"').split(",")
                for rule in template_book["Cam Lâm"].data_validations.dataValidation if rule.type == "list"}
    assert workbook == google and len(google) == 6
