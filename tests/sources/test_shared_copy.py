"""The live Google Sheet end to end on the local Sheets server: the shared copy (`lib.live` over
`lib.sources.google_sheet`), the command line (`validate <id>`, `snapshot`), and the page's banner
(AppTest). The real gspread + google-auth stack throughout; never the Internet."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest
from streamlit.testing.v1 import AppTest

from lib import DEMO_WORKBOOK, PROJECT_ROOT
from lib.cleaning import clean_workbook
from lib.geography import load_geography
from lib.live import open_live_source
from lib.sources.plan import plan_source
from tests.helpers import at_once
from tests.sources.conftest import EMAIL, FAST, SHEET_ID, SHEET_TITLE
from tests.sources.sheets_server import Fault

SECRETS_FILE = PROJECT_ROOT / ".streamlit" / "secrets.toml"
LOCAL_KEY_FILE = PROJECT_ROOT / "credentials.json"


def live_source(environment, clock=time.time, **options):
    geography = load_geography()
    plan = plan_source({}, environment)
    assert plan.kind == "google" and plan.account.email == EMAIL
    return open_live_source(plan, lambda raw: clean_workbook(raw, geography), clock=clock, policy=FAST,
                            **options)


class Clock:
    def __init__(self):
        self.now = time.time()

    def __call__(self):
        return self.now


# ---------------------------------------------------------------- the shared copy

def test_fifty_sessions_inside_one_ttl_cause_one_batch_get(sheets, environment):
    live = live_source(environment)
    sheets.google.inject("batchGet", Fault(delay=0.3, times=1))  # all fifty arrive during the first read
    results = at_once(live.get, 50, timeout=20)
    assert len(results) == 50 and all(r.good is not None and r.failure is None for r in results)
    assert sheets.google.counts == {"token": 1, "metadata": 1, "batchGet": 1}
    # …and fifty more reruns, still inside the TTL
    for _ in range(50):
        live.get()
    assert sheets.google.counts["batchGet"] == 1


def test_one_batch_get_per_ttl(sheets, environment):
    clock = Clock()
    live = live_source(environment, clock)
    for _ in range(4):
        for _ in range(10):
            live.get()
            clock.now += 6  # ten reruns spread over one 60-second TTL
    assert sheets.google.counts["batchGet"] == 4
    assert sheets.google.counts["metadata"] == 1 and sheets.google.counts["token"] == 1


def test_an_edit_shows_after_one_ttl(sheets, environment):
    clock = Clock()
    live = live_source(environment, clock)
    before = int(live.get().dataset.points["children_entered"].sum())
    sheets.google.set_cell(SHEET_ID, "Nha Trang", 2, 15, 1100)  # O2: children entered, 1000 → 1100
    clock.now += 30
    assert int(live.get().dataset.points["children_entered"].sum()) == before
    clock.now += 30
    assert int(live.get().dataset.points["children_entered"].sum()) == before + 100


def test_a_forced_refresh_reads_the_tab_list_again(sheets, environment):
    clock = Clock()
    live = live_source(environment, clock)
    live.get()
    sheets.google.add_tab(SHEET_ID, "Ghi chú họp", [["Ngày", "Nội dung"]])
    clock.now += 60
    assert "Ghi chú họp" not in live.get().good.raw.tabs  # the tab list is cached for 10 minutes…
    clock.now += 10
    assert "Ghi chú họp" in live.get(force=True).good.raw.tabs  # …except when someone asks for "Làm mới"
    assert sheets.google.counts == {"token": 1, "metadata": 2, "batchGet": 3}


@pytest.mark.parametrize("fault,reason,words", [
    (Fault(status=403), "not_shared", [EMAIL, "Người xem"]),
    (Fault(status=404), "not_found", [SHEET_ID]),
    (Fault(status=429), "quota", ["429"]),
    (Fault(status=503), "server", ["503"]),
    (Fault(delay=1.5), "timeout", ["Internet"]),
    (Fault(malformed=True), "server", ["200"]),
], ids=["403", "404", "429", "503", "slow", "malformed"])
def test_each_fault_keeps_the_last_good_data(sheets, environment, fault, reason, words):
    clock = Clock()
    live = live_source(environment, clock)
    good = live.get().good
    sheets.google.inject("batchGet", fault)
    clock.now += 60
    result = live.get()
    assert result.failure is not None and result.failure.reason == reason
    for word in words:
        assert word in result.failure.message("vi")
    assert result.good is good and len(result.dataset.points) == 150
    calls = sheets.google.counts["batchGet"]
    clock.now += 5  # inside the failure back-off: no request at all
    assert live.get().failure is not None and sheets.google.counts["batchGet"] == calls


def test_a_renamed_tab_keeps_the_last_good_data(sheets, environment):
    clock = Clock()
    live = live_source(environment, clock)
    live.get()
    sheets.google.rename_tab(SHEET_ID, "Nha Trang", "NT")
    clock.now += 60
    result = live.get()
    assert result.failure.reason == "missing_tab" and "“Nha Trang”" in result.failure.message("vi")
    assert result.dataset.points["district_code"].eq("568").sum() == 31
    sheets.google.rename_tab(SHEET_ID, "NT", "Nha Trang")
    clock.now += 60
    assert live.get().failure is None


def test_a_restart_after_a_fault_still_shows_the_snapshot(sheets, environment):
    first = live_source(environment).get()
    snapshots = os.listdir(environment["DASHBOARD_SNAPSHOT_DIR"])
    assert snapshots == [f"google-{SHEET_ID}.xlsx"]
    sheets.google.inject("batchGet", Fault(status=403))
    restarted = live_source(environment).get()  # a new process: nothing in memory
    assert restarted.good.from_snapshot and restarted.failure.reason == "not_shared"
    shown, before = restarted.good.provenance, first.good.provenance
    assert (shown.label, shown.kind, shown.url, shown.tab_ids) == (SHEET_TITLE, "google", before.url, before.tab_ids)
    assert restarted.dataset.totals() == first.dataset.totals()
    assert abs((restarted.read_at - first.read_at).total_seconds()) < 1


def test_no_key_means_the_demo(sheets):
    plan = plan_source({}, {"DASHBOARD_SOURCE": SHEET_ID}, root=PROJECT_ROOT / "tests" / "sources")
    assert plan.kind == "workbook" and plan.spec == str(DEMO_WORKBOOK) and plan.wanted_sheet == SHEET_ID


def test_a_key_from_the_secrets(sheets, key_info):
    secrets = {"connections": {"gsheets": {"spreadsheet": f"https://docs.google.com/spreadsheets/d/{SHEET_ID}/edit",
                                           "ttl_seconds": 30, **key_info}}}
    plan = plan_source(secrets, {"DASHBOARD_SHEETS_API": sheets.base_url})
    assert plan.kind == "google" and plan.spec == SHEET_ID and plan.ttl == 30
    assert plan.account.origin == ".streamlit/secrets.toml" and "spreadsheet" not in plan.account.info
    assert "PRIVATE" not in repr(plan)


# ---------------------------------------------------------------- the command line

needs_no_local_secrets = pytest.mark.skipif(
    SECRETS_FILE.exists(), reason="a real .streamlit/secrets.toml would take precedence over the test key")


def run_cli(environment, *args):
    env = {**os.environ, **environment}
    env.pop("DASHBOARD_SOURCE", None)
    return subprocess.run([sys.executable, "-m", "lib", *map(str, args)], cwd=PROJECT_ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def report(result) -> dict:
    document = json.loads(result.stdout)
    document.pop("source")
    return document


@needs_no_local_secrets
def test_validate_a_sheet_by_id_or_url(environment):
    by_id = run_cli(environment, "validate", SHEET_ID, "--json")
    assert by_id.returncode == 1, by_id.stderr  # the demo's planted errors
    from_file = run_cli(environment, "validate", DEMO_WORKBOOK, "--json")
    assert report(by_id) == report(from_file)
    by_url = run_cli(environment, "validate", f"https://docs.google.com/spreadsheets/d/{SHEET_ID}/edit")
    assert by_url.returncode == 1 and SHEET_TITLE in by_url.stdout


@needs_no_local_secrets
def test_snapshot_validates_like_its_source(environment, tmp_path):
    out = tmp_path / "hop-giao-ban.xlsx"
    written = run_cli(environment, "snapshot", SHEET_ID, out)
    assert written.returncode == 0, written.stderr
    assert out.exists() and SHEET_TITLE in written.stdout
    live = report(run_cli(environment, "validate", SHEET_ID, "--json"))
    offline = report(run_cli({"NO_PROXY": "127.0.0.1"}, "validate", out, "--json"))  # no key, no server needed
    assert offline == live


@needs_no_local_secrets
def test_cli_errors_are_messages_not_tracebacks(environment, sheets):
    sheets.google.inject("metadata", Fault(status=403))
    result = run_cli(environment, "validate", SHEET_ID)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"thêm {EMAIL} với quyền Người xem" in result.stderr
    missing_key = {**environment, "GOOGLE_APPLICATION_CREDENTIALS": str(PROJECT_ROOT / "no-such-key.json")}
    result = run_cli(missing_key, "snapshot", SHEET_ID, PROJECT_ROOT / "test-artifacts" / "never.xlsx")
    assert result.returncode == 2 and "no-such-key.json" in result.stderr and "Traceback" not in result.stderr


# ---------------------------------------------------------------- the page

@pytest.fixture
def overview(environment, monkeypatch):
    """run() → the overview page run once more, in the same process (the shared copy persists)."""
    for name, value in {**environment, "DASHBOARD_TTL_SECONDS": "1"}.items():
        monkeypatch.setenv(name, value)
    if SECRETS_FILE.exists():
        pytest.skip("a real .streamlit/secrets.toml would take precedence over the test key")

    def run(lang: str = "vi") -> AppTest:
        app = AppTest.from_file(str(PROJECT_ROOT / "app_pages" / "overview.py"), default_timeout=60)
        app.query_params["lang"] = lang
        app.run()
        assert not app.exception, [e.value for e in app.exception]
        return app

    return run


def shown(markdown: str) -> str:
    """Markdown as read on the page: sheet text is escaped with backslashes."""
    return markdown.replace("\\", "")


def markdown_text(app) -> str:
    return shown("\n".join(element.value for element in app.sidebar.markdown))


def test_the_page_names_the_sheet_and_its_freshness(overview):
    app = overview()
    assert "Google Sheet" in markdown_text(app)
    assert SHEET_TITLE in [shown(caption.value) for caption in app.sidebar.caption]
    assert "vừa xong" in markdown_text(app) or "cách đây" in markdown_text(app)
    # "Làm mới", and the hidden button the page presses itself when the live copy moved
    assert [button.label for button in app.sidebar.button] == ["Hiện số liệu mới", "Làm mới"]
    assert not app.warning


def test_a_fault_shows_the_banner_over_the_last_good_data(overview, sheets):
    healthy = overview()
    figures = {metric.label: metric.value for metric in healthy.metric}
    sheets.google.inject("batchGet", Fault(status=403))
    reads = sheets.google.counts["batchGet"]
    sheets.google.set_cell(SHEET_ID, "Nha Trang", 2, 15, 1100)  # an edit: the poller sees the version move
    deadline = time.monotonic() + 15
    while sheets.google.counts["batchGet"] == reads and time.monotonic() < deadline:
        time.sleep(0.05)
    assert sheets.google.counts["batchGet"] > reads  # the read the edit asked for, refused
    app = overview()
    banners = [shown(warning.value) for warning in app.warning]
    assert len(banners) == 1
    assert "Không cập nhật được dữ liệu" in banners[0] and f"thêm {EMAIL} với quyền Người xem" in banners[0]
    assert "bản tốt gần nhất" in banners[0]
    assert {metric.label: metric.value for metric in app.metric} == figures  # the last good data
    english = overview("en")
    assert "add " + EMAIL + " as Viewer" in shown(english.warning[0].value)


def test_no_data_at_all_is_a_clear_error_not_a_traceback(overview, sheets):
    sheets.google.inject("metadata", Fault(status=404))
    app = overview()
    assert len(app.error) == 1 and "Chưa đọc được dữ liệu" in app.error[0].value
    assert SHEET_ID in shown(app.error[0].value)
    assert not app.metric


def test_the_refresh_button_reads_again(overview, sheets):
    app = overview()
    calls = sheets.google.counts["batchGet"]
    app.button(key="live_refresh").click().run()
    # read a moment ago: refused, and said so
    assert sheets.google.counts["batchGet"] == calls
    assert any("làm mới lại sau" in caption.value for caption in app.sidebar.caption)


def test_a_sheet_without_a_key_shows_the_demo_and_says_so(monkeypatch):
    if LOCAL_KEY_FILE.exists() or SECRETS_FILE.exists():
        pytest.skip("a real key at the project root would be used")
    monkeypatch.setenv("DASHBOARD_SOURCE", SHEET_ID)
    monkeypatch.delenv("GOOGLE_APPLICATION_CREDENTIALS", raising=False)
    app = AppTest.from_file(str(PROJECT_ROOT / "app_pages" / "overview.py"), default_timeout=60)
    app.run()
    assert not app.exception
    notes = [shown(info.value) for info in app.sidebar.info]
    assert len(notes) == 1 and "bảng tính mẫu" in notes[0] and SHEET_ID in notes[0]
    assert "Bảng tính mẫu (demo)" in markdown_text(app)
    assert {metric.label: metric.value for metric in app.metric}["Điểm tiêm chủng"] == "150"
