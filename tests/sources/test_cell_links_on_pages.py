"""The data-quality and district pages on a Google Sheet link each problem to its cell; on a
workbook they show the cell as text only (AppTest, the local Sheets server standing in for Google)."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from lib import DEMO_WORKBOOK, PROJECT_ROOT
from lib.sources.credentials import SECRETS_FILE
from tests.helpers import run_app_page
from tests.sources.conftest import SHEET_ID

LINK, CELL = "Sửa trên Google Sheet", "Ô"
SHEET_URL = f"https://docs.google.com/spreadsheets/d/{SHEET_ID}/edit"


@pytest.fixture
def run(monkeypatch):
    if (PROJECT_ROOT / SECRETS_FILE).exists():
        pytest.skip("a real .streamlit/secrets.toml would take precedence over the test key")

    def run_page(page: str, environment: dict, **session) -> AppTest:
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        return run_app_page(page, **session)

    return run_page


@pytest.fixture
def google(sheets, key_info, tmp_path):
    key_file = tmp_path / "key.json"
    key_file.write_text(json.dumps(key_info), encoding="utf-8")
    return {"DASHBOARD_SOURCE": SHEET_ID, "GOOGLE_APPLICATION_CREDENTIALS": str(key_file),
            "DASHBOARD_SHEETS_API": sheets.base_url, "DASHBOARD_SNAPSHOT_DIR": str(tmp_path / "snapshots")}


def problem_tables(app):
    return [table.value for table in app.dataframe if CELL in table.value.columns]


def test_data_quality_links_every_problem_to_its_cell(run, google, sheets):
    gids = {tab.title: tab.gid for tab in sheets.google.spreadsheets[SHEET_ID].tabs}
    tables = problem_tables(run("data_quality.py", google))
    assert tables
    for table in tables:
        for cell, link in zip(table[CELL], table[LINK]):
            tab, _, a1 = cell.partition("!")
            expected = f"{SHEET_URL}#gid={gids[tab]}" + (f"&range={a1}" if a1 else "")
            assert link == expected
    cam_lam = [t for t in tables if "Cam Lâm!K3" in set(t[CELL])][0]  # the demo's "more trained than staff"
    assert f"{SHEET_URL}#gid={gids['Cam Lâm']}&range=K3" in set(cam_lam[LINK])


def test_district_page_links_its_problems(run, google, sheets):
    gid = sheets.google.tab(SHEET_ID, "Cam Lâm").gid
    (table,) = problem_tables(run("district.py", google, district_page_choice="570"))
    assert f"{SHEET_URL}#gid={gid}&range=K3" in set(table[LINK])


@pytest.mark.parametrize("page, session", [("data_quality.py", {}), ("district.py", {"district_page_choice": "570"})])
def test_a_workbook_shows_the_cell_as_text(run, page, session, monkeypatch):
    monkeypatch.delenv("GOOGLE_APPLICATION_CREDENTIALS", raising=False)
    tables = problem_tables(run(page, {"DASHBOARD_SOURCE": str(DEMO_WORKBOOK)}, **session))
    assert tables and all(LINK not in table.columns for table in tables)
    assert any("Cam Lâm!K3" in set(table[CELL]) for table in tables)
