"""`lib.sources.google_sheet` on the real gspread + google-auth stack against the local Sheets server:
the grids it yields, how few requests it makes, and every fault mapped to a reason and a message."""

from __future__ import annotations

import time

import pytest

from lib import DEMO_WORKBOOK
from lib.cleaning import clean_workbook
from lib.geography import load_geography
from lib.sources import google_sheet_id, read_source
from lib.sources.google_sheet import (
    DRIVE_METADATA_SCOPE,
    READONLY_SCOPE,
    GoogleSheet,
    RetryPolicy,
    SheetError,
    read_google_sheet,
)
from lib.sources.plan import api_base_from_env
from tests.sources.conftest import EMAIL, FAST, SHEET_ID, SHEET_TITLE
from tests.sources.sheets_server import API_DISABLED, Fault, new_private_key, service_account_info


@pytest.fixture(scope="module")
def geography():
    return load_geography()


def reader(sheets, key_info, policy=FAST, spreadsheet=SHEET_ID, **options) -> GoogleSheet:
    return GoogleSheet(spreadsheet, key_info, api_base=sheets.base_url, key_origin="credentials.json",
                       policy=policy, **options)


def problems(dataset):
    return [(p.cell, p.rule, p.severity, p.message_vi) for p in dataset.problems]


# ---------------------------------------------------------------- what it reads

def test_same_grids_and_same_cleaning_as_the_workbook(sheets, key_info, geography):
    raw = reader(sheets, key_info).read()
    assert raw.provenance.kind == "google" and raw.provenance.label == SHEET_TITLE
    assert raw.provenance.url == f"https://docs.google.com/spreadsheets/d/{SHEET_ID}/edit"
    workbook = read_source(str(DEMO_WORKBOOK))
    assert list(raw.tabs) == list(workbook.tabs)
    assert raw.provenance.tab_ids["Cấu hình"] == 0 and len(set(raw.provenance.tab_ids.values())) == len(raw.tabs)
    from_sheet, from_file = clean_workbook(raw, geography), clean_workbook(workbook, geography)
    assert from_sheet.totals() == from_file.totals()
    assert problems(from_sheet) == problems(from_file)
    for table in ("milestones", "districts", "points", "training", "difficulties"):
        assert getattr(from_sheet, table).equals(getattr(from_file, table)), table
    assert from_sheet.as_of == from_file.as_of


def test_raw_values_not_numericised(sheets, key_info):
    """Codes typed as text stay text (get_all_records would turn "568" into 568); dates are serials."""
    sheets.google.set_cell(SHEET_ID, "Huyện", 2, 1, "0568")
    raw = reader(sheets, key_info).read()
    assert raw.tabs["Huyện"][1][0] == "0568"
    assert raw.tabs["Cấu hình"][2][1] == 42875  # 20/05/2017 as a serial number


def test_an_answer_kept_by_the_stand_in_still_shows_every_edit(sheets, key_info):
    """The benchmark's stand-in encodes a values answer once per sheet version: an edit moves the version."""
    sheets.google.keep_answers = True
    sheet = reader(sheets, key_info)
    first = sheet.read().tabs
    assert sheet.read().tabs == first and len(sheets.google.spreadsheets[SHEET_ID].answers) == 1
    sheets.google.append_row(SHEET_ID, "Tập huấn", ["x", None, "y"])
    assert sheet.read().tabs["Tập huấn"] == [*first["Tập huấn"], ["x", None, "y"]]


def test_blank_cells_are_none_and_rows_may_be_ragged(sheets, key_info):
    sheets.google.append_row(SHEET_ID, "Tập huấn", [None, None, None])
    sheets.google.append_row(SHEET_ID, "Tập huấn", ["x", None, "y"])
    grid = reader(sheets, key_info).read().tabs["Tập huấn"]
    assert grid[-1] == ["x", None, "y"]
    assert grid[-2] == []
    assert all(None not in row[-1:] for row in grid if row)  # trailing blanks are left out, like Google


def test_url_or_id(sheets, key_info):
    url = f"https://docs.google.com/spreadsheets/d/{SHEET_ID}/edit#gid=0"
    assert google_sheet_id(url) == SHEET_ID
    assert reader(sheets, key_info, spreadsheet=url).read().provenance.label == SHEET_TITLE


def test_read_only_scope(sheets, key_info):
    reader(sheets, key_info).read()
    # Read the values, see the file's version on Drive: both read-only, and nothing else.
    assert sheets.google.scopes == [f"{READONLY_SCOPE} {DRIVE_METADATA_SCOPE}"]


# ---------------------------------------------------------------- API economy

def test_one_batch_get_per_read_and_the_tab_list_cached(sheets, key_info):
    sheet = reader(sheets, key_info)
    for _ in range(5):
        sheet.read()
    counts = sheets.google.counts
    assert counts == {"token": 1, "metadata": 1, "batchGet": 5}
    kind, _path, query = sheets.google.requests[-1]
    assert kind == "batchGet"
    assert query["valueRenderOption"] == ["UNFORMATTED_VALUE"]
    assert query["dateTimeRenderOption"] == ["SERIAL_NUMBER"]
    assert query["majorDimension"] == ["ROWS"]
    assert len(query["ranges"]) == 14


def test_the_tab_list_is_shared_and_expires(sheets, key_info):
    now = [0.0]
    first = reader(sheets, key_info, clock=lambda: now[0], metadata_ttl=600)
    second = reader(sheets, key_info, clock=lambda: now[0], metadata_ttl=600)
    first.read()
    second.read()  # another reader in the process: its own token, the same tab list
    assert sheets.google.counts["metadata"] == 1
    now[0] += 601
    first.read()
    assert sheets.google.counts["metadata"] == 2


def test_a_tab_renamed_after_the_list_was_cached_is_read_under_its_new_name(sheets, key_info):
    sheet = reader(sheets, key_info)
    sheet.read()
    sheets.google.rename_tab(SHEET_ID, "Khó khăn vướng mắc", "Khó khăn")
    raw = sheet.read()
    assert "Khó khăn" in raw.tabs and "Khó khăn vướng mắc" not in raw.tabs
    # the first batchGet named the old tab and was refused; the list was fetched again, once
    assert sheets.google.counts == {"token": 1, "metadata": 2, "batchGet": 3}


def _many_tabs(sheets, count: int = 80) -> list[str]:
    """`count` more tabs on the demo sheet, their names long enough that batchGet's URL would pass
    `MAX_GET_URL_CHARS`: a country's district tabs."""
    titles = [f"Trạm y tế xã thử nghiệm số {number:03d}" for number in range(count)]
    for number, title in enumerate(titles):
        sheets.google.add_tab(SHEET_ID, title, [["Mã", "Tên", "Số", "Có", "Ngày"],
                                                [f"X-{number}", "Xã Cam Hải Đông", number + 0.5, True, 42875]])
    return titles


def test_a_sheet_with_many_tabs_is_still_read_in_one_request(sheets, key_info, monkeypatch):
    """Above `MAX_GET_URL_CHARS` the ranges go in a POST body (values:batchGetByDataFilter): the same one
    read, the same grids and layouts as the URL form gives."""
    from lib.sources import google_sheet

    titles = _many_tabs(sheets)
    sheets.google.merge(SHEET_ID, titles[7], 1, 1, 1, 2)  # A1:B1
    ranges = [google_sheet.absolute_range_name(title) for title in [tab.title for tab in sheets.google.spreadsheets[SHEET_ID].tabs]]
    assert google_sheet.query_length(ranges) > google_sheet.MAX_GET_URL_CHARS
    posted = reader(sheets, key_info).read()
    assert [kind for kind, *_ in sheets.google.requests].count("batchGet") == 1
    _kind, path, query = sheets.google.requests[-1]
    assert path.endswith("/values:batchGetByDataFilter") and not query
    monkeypatch.setattr(google_sheet, "MAX_GET_URL_CHARS", 10**9)
    got = reader(sheets, key_info).read()
    assert sheets.google.requests[-1][1].endswith("/values:batchGet")
    assert posted.tabs == got.tabs and posted.layouts == got.layouts and len(posted.tabs) == 14 + 80
    assert posted.layouts[titles[7]].merges == ((0, 0, 0, 1),)
    assert posted.tabs[titles[3]] == [["Mã", "Tên", "Số", "Có", "Ngày"], ["X-3", "Xã Cam Hải Đông", 3.5, True, 42875]]


def test_a_tab_renamed_among_many_is_read_under_its_new_name(sheets, key_info):
    titles = _many_tabs(sheets)
    sheet = reader(sheets, key_info)
    sheet.read()
    sheets.google.rename_tab(SHEET_ID, titles[40], "Đổi tên")
    raw = sheet.read()
    assert "Đổi tên" in raw.tabs and titles[40] not in raw.tabs
    # the POST named the old tab and was refused; the list was fetched again, once
    assert sheets.google.counts == {"token": 1, "metadata": 2, "batchGet": 3}


def test_a_fault_on_the_long_read_has_its_reason(sheets, key_info):
    _many_tabs(sheets)
    sheets.google.inject("batchGet", Fault(status=403))
    with pytest.raises(SheetError) as raised:
        reader(sheets, key_info).read()
    assert raised.value.reason == "not_shared" and EMAIL in raised.value.message_vi


def test_a_missing_tab_is_a_problem_and_the_other_tabs_are_read(sheets, key_info, geography):
    sheets.google.delete_tab(SHEET_ID, "Tập huấn")
    raw = reader(sheets, key_info).read()
    dataset = clean_workbook(raw, geography)
    assert [p.tab for p in dataset.problems if p.rule == "missing_tab"] == ["Tập huấn"]
    assert len(dataset.points) == 150 and len(dataset.districts) == 9 and dataset.training.empty


# ---------------------------------------------------------------- faults

def secrets_in(error: SheetError, key_info: dict, sheets) -> list[str]:
    text = error.message_vi + error.message_en + str(error)
    found = [name for name in ("BEGIN PRIVATE KEY", key_info["private_key"][40:80]) if name in text]
    return found + [token for token in sheets.google.tokens if token in text]


@pytest.mark.parametrize("kind,fault,reason,words_vi", [
    ("batchGet", Fault(status=403), "not_shared", [EMAIL, "Người xem", "Chia sẻ"]),
    ("batchGet", Fault(body=API_DISABLED), "api_disabled", ["Google Sheets API", EMAIL]),
    ("metadata", Fault(status=404), "not_found", [SHEET_ID, "DASHBOARD_SOURCE"]),
    ("batchGet", Fault(status=429), "quota", ["429", "ttl_seconds"]),
    ("batchGet", Fault(status=500), "server", ["500"]),
    ("batchGet", Fault(status=503), "server", ["503"]),
    ("batchGet", Fault(delay=2.0), "timeout", ["Internet"]),
    ("batchGet", Fault(malformed=True), "server", ["200"]),
    ("token", Fault(status=500), "server", ["OAuth"]),
], ids=["403", "403-api-disabled", "404", "429", "500", "503", "slow", "malformed-json", "token-500"])
def test_each_fault_has_its_reason_and_message(sheets, key_info, kind, fault, reason, words_vi):
    sheets.google.inject(kind, fault)
    with pytest.raises(SheetError) as caught:
        reader(sheets, key_info).read()
    error = caught.value
    assert error.reason == reason
    for word in words_vi:
        assert word in error.message_vi
    assert error.message_en and error.message_en != error.message_vi
    assert secrets_in(error, key_info, sheets) == []


def test_not_shared_when_the_account_is_not_a_viewer(sheets, key_info):
    sheets.google.spreadsheets[SHEET_ID].shared_with = {"someone-else@example.org"}
    with pytest.raises(SheetError) as caught:
        reader(sheets, key_info).read()
    assert caught.value.reason == "not_shared"
    assert f"thêm {EMAIL} với quyền Người xem" in caught.value.message_vi
    assert f"add {EMAIL} as Viewer" in caught.value.message_en


def test_unknown_spreadsheet_is_not_found(sheets, key_info):
    with pytest.raises(SheetError) as caught:
        reader(sheets, key_info, spreadsheet="1NoSuchSheet000000000000000000000000000000").read()
    assert caught.value.reason == "not_found" and caught.value.status == 404


@pytest.mark.parametrize("status", [429, 503])
def test_retried_then_succeeds(sheets, key_info, status):
    sheets.google.inject("batchGet", Fault(status=status, times=2))
    raw = reader(sheets, key_info).read()
    assert raw.tabs and sheets.google.counts["batchGet"] == 3


def test_client_errors_are_not_retried(sheets, key_info):
    sheets.google.inject("batchGet", Fault(status=403))
    with pytest.raises(SheetError):
        reader(sheets, key_info).read()
    assert sheets.google.counts["batchGet"] == 1


def test_retries_stop_after_the_attempts(sheets, key_info):
    sheets.google.inject("batchGet", Fault(status=503))
    with pytest.raises(SheetError):
        reader(sheets, key_info).read()
    assert sheets.google.counts["batchGet"] == FAST.attempts


def test_backoff_waits_double_and_are_capped(sheets, key_info):
    waits = []
    sheets.google.inject("batchGet", Fault(status=429))
    policy = RetryPolicy(attempts=6, first_wait=1.0, max_wait=4.0, total=1000.0, read_timeout=1.0)
    with pytest.raises(SheetError):
        reader(sheets, key_info, policy=policy, sleep=waits.append).read()
    assert waits == [1.0, 2.0, 4.0, 4.0, 4.0]


def test_the_overall_time_limit_is_respected(sheets, key_info):
    sheets.google.inject("batchGet", Fault(delay=5.0))
    policy = RetryPolicy(attempts=10, first_wait=0.05, max_wait=0.1, total=1.2, connect_timeout=0.5, read_timeout=0.5)
    started = time.monotonic()
    with pytest.raises(SheetError) as caught:
        reader(sheets, key_info, policy=policy).read()
    elapsed = time.monotonic() - started
    assert caught.value.reason == "timeout"
    assert elapsed < 1.2 + 0.5, elapsed  # the limit, plus at most one request's slack
    assert sheets.google.counts["batchGet"] <= 3


def test_a_refused_key_is_bad_credentials(sheets, key_info):
    other = service_account_info(new_private_key(), sheets.token_uri, EMAIL)  # not the registered key
    with pytest.raises(SheetError) as caught:
        reader(sheets, other).read()
    error = caught.value
    assert error.reason == "bad_credentials" and "invalid_grant" in error.message_en
    assert "credentials.json" in error.message_vi
    assert secrets_in(error, other, sheets) == []
    assert sheets.google.counts["batchGet"] == 0


@pytest.mark.parametrize("change", [
    {"private_key": "-----BEGIN PRIVATE KEY-----\nNOT-A-REAL-KEY...\n-----END PRIVATE KEY-----\n"},
    {"private_key": ""},
    {"client_email": None},
], ids=["placeholder-key", "no-key", "no-email"])
def test_a_malformed_key_fails_before_any_request(sheets, key_info, change):
    with pytest.raises(SheetError) as caught:
        reader(sheets, {**key_info, **change}).read()
    assert caught.value.reason == "bad_credentials"
    assert "NOT-A-REAL-KEY" not in caught.value.message_vi + caught.value.message_en
    assert sum(sheets.google.counts.values()) == 0


def test_an_expired_token_is_renewed(sheets, key_info):
    sheet = reader(sheets, key_info)
    sheet.read()
    sheets.google.tokens.clear()  # the server forgets the token: 401, google-auth fetches a new one
    sheet.read()
    assert sheets.google.counts["token"] == 2


def test_read_google_sheet_in_one_call(sheets, key_info):
    raw = read_google_sheet(SHEET_ID, key_info, api_base=sheets.base_url, policy=FAST)
    assert raw.provenance.kind == "google" and len(raw.tabs) == 14


@pytest.mark.parametrize("value,expected", [
    ("http://127.0.0.1:8123", "http://127.0.0.1:8123"),
    ("http://localhost:9/", "http://localhost:9"),
    ("https://sheets.evil.example", None),
    ("", None),
])
def test_the_api_base_may_only_be_a_loopback_server(value, expected):
    assert api_base_from_env({"DASHBOARD_SHEETS_API": value}) == expected
