"""Where the key and the sheet come from (`lib.sources.credentials`, `lib.sources.plan`), and the
dispatch of `read_source` between workbooks and Google Sheets."""

from __future__ import annotations

import json
import tomllib

import pytest

from lib import DEMO_WORKBOOK, PROJECT_ROOT
from lib.sources import SourceError, google_sheet_id, read_source
from lib.sources.credentials import find_service_account, gsheets_section, require_service_account
from lib.sources.google_sheet import GoogleSheet, SheetError
from lib.sources.plan import plan_source

SHEET_ID = "1TestKhanhHoa2017RolloutSheet0123456789abcd"
KEY = {"type": "service_account", "client_email": "a@p.iam.gserviceaccount.com", "private_key": "-----BEGIN",
       "private_key_id": "k1", "token_uri": "http://127.0.0.1:9/token"}


def key_file(folder, name="key.json", content=None):
    path = folder / name
    path.write_text(json.dumps(content or KEY) if not isinstance(content, str) else content, encoding="utf-8")
    return path


def test_secrets_come_first(tmp_path):
    key_file(tmp_path, "credentials.json", {**KEY, "client_email": "file@p.iam.gserviceaccount.com"})
    env_key = key_file(tmp_path, "env.json", {**KEY, "client_email": "env@p.iam.gserviceaccount.com"})
    secrets = {"connections": {"gsheets": {"spreadsheet": SHEET_ID, "ttl_seconds": 30, **KEY}}}
    account = find_service_account(secrets, {"GOOGLE_APPLICATION_CREDENTIALS": str(env_key)}, tmp_path)
    assert account.email == KEY["client_email"] and account.origin == ".streamlit/secrets.toml"
    assert "spreadsheet" not in account.info and "ttl_seconds" not in account.info


def test_then_the_environment_then_credentials_json(tmp_path):
    key_file(tmp_path, "credentials.json", {**KEY, "client_email": "file@p.iam.gserviceaccount.com"})
    env_key = key_file(tmp_path, "env.json", {**KEY, "client_email": "env@p.iam.gserviceaccount.com"})
    assert find_service_account({}, {"GOOGLE_APPLICATION_CREDENTIALS": str(env_key)}, tmp_path).email.startswith("env@")
    found = find_service_account({}, {}, tmp_path)
    assert found.email.startswith("file@") and found.origin == "credentials.json"


def test_no_key_anywhere(tmp_path):
    assert find_service_account({"connections": {"gsheets": {"spreadsheet": SHEET_ID}}}, {}, tmp_path) is None


@pytest.mark.parametrize("content,words", [(None, "không có tệp này"), ("{not json", "không đọc được")],
                         ids=["missing", "not-json"])
def test_a_named_key_file_that_cannot_be_read(tmp_path, content, words):
    path = tmp_path / "key.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        find_service_account({}, {"GOOGLE_APPLICATION_CREDENTIALS": str(path)}, tmp_path)
    assert caught.value.reason == "bad_credentials"
    assert str(path) in caught.value.message_vi and words in caught.value.message_vi


def test_the_key_never_shows_in_a_repr(tmp_path):
    account = find_service_account({}, {"GOOGLE_APPLICATION_CREDENTIALS": str(key_file(tmp_path))}, tmp_path)
    plan = plan_source({}, {"DASHBOARD_SOURCE": SHEET_ID, "GOOGLE_APPLICATION_CREDENTIALS": str(key_file(tmp_path))},
                       tmp_path)
    for text in (repr(account), repr(plan), plan.cache_key):
        assert "BEGIN" not in text


def test_the_secrets_example_is_valid_toml_with_a_fake_key_that_is_refused():
    secrets = tomllib.loads((PROJECT_ROOT / ".streamlit" / "secrets.toml.example").read_text(encoding="utf-8"))
    section = gsheets_section(secrets)
    assert section["ttl_seconds"] == 60 and section["spreadsheet"].startswith("https://docs.google.com/")
    account = find_service_account(secrets, {}, PROJECT_ROOT)
    assert account.email.endswith(".iam.gserviceaccount.com")
    with pytest.raises(SheetError) as caught:
        GoogleSheet(SHEET_ID, account.info, key_origin=account.origin)
    assert caught.value.reason == "bad_credentials" and "NOT-A-REAL-KEY" not in caught.value.message_vi


def test_the_key_example_file_is_refused_the_same_way():
    info = json.loads((PROJECT_ROOT / "credentials.example.json").read_text(encoding="utf-8"))
    with pytest.raises(SheetError) as caught:
        GoogleSheet(SHEET_ID, info, key_origin="credentials.json")
    assert caught.value.reason == "bad_credentials" and "credentials.json" in caught.value.message_en


# ---------------------------------------------------------------- which source

@pytest.mark.parametrize("environ,secrets,kind,spec", [
    ({}, {}, "workbook", str(DEMO_WORKBOOK)),
    ({"DASHBOARD_SOURCE": "data/other.xlsx"}, {}, "workbook", "data/other.xlsx"),
    ({"DASHBOARD_SOURCE": f"https://docs.google.com/spreadsheets/d/{SHEET_ID}/edit#gid=0"}, {}, "google", SHEET_ID),
    ({"DASHBOARD_SOURCE": SHEET_ID}, {}, "google", SHEET_ID),
    ({}, {"spreadsheet": SHEET_ID}, "google", SHEET_ID),
    ({"DASHBOARD_SOURCE": "data/other.xlsx"}, {"spreadsheet": SHEET_ID}, "workbook", "data/other.xlsx"),
], ids=["demo", "workbook", "url", "id", "secrets", "env-wins"])
def test_the_plan(tmp_path, environ, secrets, kind, spec):
    environ = {**environ, "GOOGLE_APPLICATION_CREDENTIALS": str(key_file(tmp_path))}
    plan = plan_source({"connections": {"gsheets": secrets}}, environ, tmp_path)
    assert (plan.kind, plan.spec) == (kind, spec)


def test_ttl_from_the_environment_wins_over_the_secrets(tmp_path):
    plan = plan_source({"connections": {"gsheets": {"ttl_seconds": 30}}}, {"DASHBOARD_TTL_SECONDS": "5"}, tmp_path)
    assert plan.ttl == "5"


def test_a_sheet_without_a_key_shows_the_demo_and_says_so(tmp_path):
    plan = plan_source({}, {"DASHBOARD_SOURCE": SHEET_ID}, tmp_path)
    assert plan.kind == "workbook" and plan.spec == str(DEMO_WORKBOOK) and plan.wanted_sheet == SHEET_ID


def test_an_unreadable_key_is_kept_for_the_banner(tmp_path):
    plan = plan_source({}, {"DASHBOARD_SOURCE": SHEET_ID, "GOOGLE_APPLICATION_CREDENTIALS": str(tmp_path / "x.json")},
                       tmp_path)
    assert plan.kind == "google" and plan.account is None and plan.key_error.reason == "bad_credentials"


@pytest.mark.parametrize("spec,expected", [
    (SHEET_ID, SHEET_ID),
    (f"https://docs.google.com/spreadsheets/d/{SHEET_ID}/edit#gid=123", SHEET_ID),
    ("https://docs.google.com/spreadsheets/d/<ID>/edit", None),
    ("data/demo_khanh_hoa_2017.xlsx", None),
    ("short-id", None),
    (f"{SHEET_ID}.xlsx", None),
])
def test_google_sheet_id(spec, expected):
    assert google_sheet_id(spec) == expected


def test_read_source_asks_for_a_key_for_a_sheet(tmp_path, monkeypatch):
    monkeypatch.delenv("GOOGLE_APPLICATION_CREDENTIALS", raising=False)
    with pytest.raises(SourceError) as caught:
        require_service_account(SHEET_ID, {}, tmp_path)
    assert "GOOGLE_APPLICATION_CREDENTIALS" in caught.value.message_vi and "credentials.json" in caught.value.message_en


def test_read_source_refuses_what_it_cannot_name(tmp_path):
    with pytest.raises(SourceError) as caught:
        read_source(str(tmp_path / "so-lieu"))
    assert "Google Sheet" in caught.value.message_vi


def test_doctests():
    import doctest

    import lib.sources

    result = doctest.testmod(lib.sources)
    assert result.attempted > 0 and result.failed == 0
