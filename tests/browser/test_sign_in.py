"""Sign-in and access in headless Chromium, against a local OpenID Connect provider on 127.0.0.1.

The dashboard reads the demo sheet from the local Sheets-API stand-in, with a secrets file kept
outside the repo (`--secrets.files`): an `[auth]` section pointing at `oidc-provider-mock`, and an
access list (one province e-mail in the secrets, district officers from the Huyện tab's editor
column). A province user sees everything, Cam Lâm's officer sees the province totals and Cam Lâm
only, a stranger gets the refusal page. Planted secrets (the service account's private key, the
OIDC client secret, the cookie secret, the access tokens the stand-in issues) never reach a page
or the server log, on success or on failure (a bad key, a sheet not shared: 403).
"""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path

import pytest
import werkzeug.serving

from harness import (LOG_DIR, assert_no_exception, map_frame, save_screenshot, settled_count, start_dashboard,
                     wait_for_app)
from lib import DEMO_WORKBOOK
from tests.sources.sheets_server import SheetsServer, new_private_key, service_account_info, tabs_from_workbook

SHEET_ID = "1TestKhanhHoa2017AccessSheet0123456789abcdef"
SHEET_TITLE = "Triển khai TTTC — Khánh Hòa (thử đăng nhập)"
ACCOUNT = "dashboard-reader@test-project.iam.gserviceaccount.com"
PROVINCE_USER = "giamdoc.ttytdp@khanhhoa.test"
DISTRICT_USER = "tiemchung.camlam@example.org"  # the demo's Huyện tab lists it for Cam Lâm (570)
STRANGER = "nguoi.la@example.org"
CLIENT_SECRET = "PLANTED-oidc-client-secret-7f3a9c2e1b"
COOKIE_SECRET = "PLANTED-cookie-secret-0d8e6b4a2c9f71e5"
PLANTED_TOKEN = "ya29.PLANTED-access-token-5c1e9a7b3d"
ALL_DISTRICTS = 9
TITLE_SIGN_IN = "Đăng nhập để xem bảng điều khiển"
TITLE_REFUSED = "Tài khoản này chưa được cấp quyền xem"


def _toml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string


def write_secrets(path: Path, sections: dict[str, dict]) -> Path:
    lines = []
    for name, values in sections.items():
        lines.append(f"[{name}]")
        for key, value in values.items():
            if isinstance(value, bool):
                lines.append(f"{key} = {'true' if value else 'false'}")
            elif isinstance(value, list):
                lines.append(f"{key} = [{', '.join(_toml_string(v) for v in value)}]")
            else:
                lines.append(f"{key} = {_toml_string(str(value))}")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def key_lines(info: dict) -> list[str]:
    """The private key's body lines: any one of them in a page or a log is a leak."""
    return [line for line in info["private_key"].splitlines() if line and not line.startswith("-----")]


@pytest.fixture(scope="module")
def oidc_provider():
    """oidc-provider-mock on 127.0.0.1 (any client id and secret are accepted; the e-mail is the subject)."""
    import oidc_provider_mock

    server = werkzeug.serving.make_server("127.0.0.1", 0, oidc_provider_mock.app(), threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def signed_in_dashboard(oidc_provider, tmp_path_factory):
    folder = tmp_path_factory.mktemp("sign-in")
    key = new_private_key()
    with SheetsServer() as sheets:
        sheets.google.register_account(ACCOUNT, key.public_key())
        sheets.google.add_spreadsheet(SHEET_ID, SHEET_TITLE, tabs_from_workbook(DEMO_WORKBOOK), shared_with={ACCOUNT})
        info = service_account_info(key, sheets.token_uri, ACCOUNT)
        secrets = write_secrets(folder / "secrets.toml", {
            "auth": {"redirect_uri": "http://127.0.0.1:{port}/oauth2callback", "cookie_secret": COOKIE_SECRET,
                     "client_id": "khanh-hoa-dashboard", "client_secret": CLIENT_SECRET,
                     "server_metadata_url": f"{oidc_provider}/.well-known/openid-configuration"},
            "access": {"province": [PROVINCE_USER], "sheet_editors": True},
            "connections.gsheets": {"spreadsheet": SHEET_ID, **info},
            "planted": {"api_token": PLANTED_TOKEN},
        })
        environment = _environment(sheets, folder)
        with start_dashboard(environment, extra_args=("--secrets.files", str(secrets))) as base_url:
            yield {"url": base_url, "sheets": sheets, "secrets": [*key_lines(info), CLIENT_SECRET, COOKIE_SECRET,
                                                                  PLANTED_TOKEN], "pages": []}


def _environment(sheets: SheetsServer, folder: Path) -> dict:
    return {"DASHBOARD_SOURCE": None, "GOOGLE_APPLICATION_CREDENTIALS": None, "DASHBOARD_SHEETS_API": sheets.base_url,
            "DASHBOARD_SNAPSHOT_DIR": str(folder / "snapshots"), "NO_PROXY": "127.0.0.1,localhost",
            "no_proxy": "127.0.0.1,localhost"}


def _url(base: str, slug: str = "") -> str:
    return f"{base.rstrip('/')}/{slug}"


def sign_in(page, base_url: str, email: str) -> None:
    page.goto(base_url)
    wait_for_app(page)
    assert page.locator("h1").first.inner_text().strip() == TITLE_SIGN_IN
    # Nothing of the data before signing in: no figures, no tables, no page list.
    assert page.locator('[data-testid="stMetric"], [data-testid="stDataFrame"]').count() == 0
    assert page.locator('[data-testid="stSidebarNav"]').count() == 0
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_selector("input[name=sub]", timeout=30_000)  # the provider's form
    page.fill("input[name=sub]", email)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(re.compile(re.escape(base_url.rstrip("/")) + r"/?(\?.*)?$"), timeout=30_000)
    wait_for_app(page)


def metric(page, label: str):
    return page.locator('[data-testid="stMetric"]', has_text=label).locator('[data-testid="stMetricValue"]')


def district_options(page) -> list[str]:
    page.get_by_label("Chọn huyện").click()
    options = page.get_by_role("option").all_inner_texts()
    page.keyboard.press("Escape")
    return options


def map_shapes(page) -> int:
    frame = map_frame(page)
    frame.wait_for_selector("path.leaflet-interactive", timeout=20_000)
    return settled_count(frame.locator("path.leaflet-interactive"))


def expander_labels(page) -> list[str]:
    """The data-quality page's problem groups: "<owner> · <count>" (the row-count expander left out)."""
    return [label for label in page.locator('[data-testid="stExpander"] summary').all_inner_texts() if " · " in label]


def keep(dashboard: dict, page) -> None:
    """Remember what the browser was shown, for the leak check at the end."""
    dashboard["pages"].append(page.content())
    for frame in page.frames:
        try:
            dashboard["pages"].append(frame.content())
        except Exception:  # noqa: BLE001 — a frame that went away shows nothing
            pass


def test_province_user_sees_everything(signed_in_dashboard, page, recorder):
    base = signed_in_dashboard["url"]
    sign_in(page, base, PROVINCE_USER)
    assert_no_exception(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.get_by_text(f"Đã đăng nhập: {PROVINCE_USER}").count() == 1
    assert sidebar.get_by_text("Quyền: toàn tỉnh").count() == 1
    assert metric(page, "Điểm tiêm chủng").inner_text() == "150"
    assert sidebar.locator('[data-testid="stDownloadButton"]').count() == 1  # the offline copy of every tab
    save_screenshot(page, "sign-in-province-overview", full_page=True)
    keep(signed_in_dashboard, page)

    page.goto(_url(base, "district"))
    wait_for_app(page)
    assert len(district_options(page)) == ALL_DISTRICTS
    page.goto(_url(base, "map"))
    wait_for_app(page)
    assert map_shapes(page) >= 8 + 140  # every district and every point
    page.goto(_url(base, "data-quality"))
    wait_for_app(page)
    owners = expander_labels(page)
    assert len(owners) > 1, owners
    keep(signed_in_dashboard, page)
    assert recorder.page_errors == []


def test_district_officer_sees_province_totals_and_their_district_only(signed_in_dashboard, page, recorder):
    base = signed_in_dashboard["url"]
    sign_in(page, base, DISTRICT_USER)
    assert_no_exception(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.get_by_text(f"Đã đăng nhập: {DISTRICT_USER}").count() == 1
    assert sidebar.get_by_text("Cam Lâm", exact=False).count() >= 1
    # The province overview: its totals are the whole province's.
    assert metric(page, "Điểm tiêm chủng").inner_text() == "150"
    # No offline copy of the raw sheet (it holds every district's points).
    assert sidebar.locator('[data-testid="stDownloadButton"]').count() == 0
    save_screenshot(page, "sign-in-district-overview", full_page=True)
    keep(signed_in_dashboard, page)

    page.goto(_url(base, "district"))
    wait_for_app(page)
    options = district_options(page)
    assert len(options) == 1 and "Cam Lâm" in options[0], options
    assert metric(page, "Điểm tiêm chủng").inner_text() == "15"
    save_screenshot(page, "sign-in-district-page", full_page=True)

    page.goto(_url(base, "map"))
    wait_for_app(page)
    shapes = map_shapes(page)
    assert 8 <= shapes <= 8 + 20, shapes  # the district colours, and Cam Lâm's 15 points only
    save_screenshot(page, "sign-in-district-map")

    page.goto(_url(base, "data-quality"))
    wait_for_app(page)
    owners = expander_labels(page)
    assert all("Cam Lâm" in owner for owner in owners), owners
    keep(signed_in_dashboard, page)
    assert recorder.page_errors == []


def test_a_stranger_gets_the_refusal_page(signed_in_dashboard, page):
    base = signed_in_dashboard["url"]
    sign_in(page, base, STRANGER)
    assert page.locator("h1").first.inner_text().strip() == TITLE_REFUSED
    assert page.get_by_text(STRANGER).count() >= 1
    assert page.get_by_role("button", name="Đăng xuất").count() == 1
    assert page.locator('[data-testid="stMetric"], [data-testid="stDataFrame"], iframe').count() == 0
    assert page.get_by_text("Nguồn dữ liệu").count() == 0
    save_screenshot(page, "sign-in-refused", full_page=True)
    keep(signed_in_dashboard, page)
    for slug in ("map", "district", "data-quality"):  # a deep link is refused too
        page.goto(_url(base, slug))
        wait_for_app(page)
        assert page.locator("h1").first.inner_text().strip() == TITLE_REFUSED
        assert page.locator('[data-testid="stMetric"], [data-testid="stDataFrame"], iframe').count() == 0
        keep(signed_in_dashboard, page)


def test_no_planted_secret_reaches_a_page_or_the_log(signed_in_dashboard):
    port = signed_in_dashboard["url"].rstrip("/").rsplit(":", 1)[1]
    shown = "\n".join(signed_in_dashboard["pages"])
    assert shown, "the tests above should have kept what the pages showed"
    log = (LOG_DIR / f"streamlit-{port}.log").read_text(errors="replace")
    issued = list(signed_in_dashboard["sheets"].google.tokens)
    assert issued, "the dashboard should have asked the stand-in for an access token"
    for secret in [*signed_in_dashboard["secrets"], *issued]:
        assert secret not in shown, f"a planted secret is on a page: {secret[:12]}…"
        assert secret not in log, f"a planted secret is in the server log: {secret[:12]}…"


@pytest.mark.parametrize("failure", ("bad_key", "not_shared"))
def test_failures_show_no_secret(failure, page, tmp_path):
    """A key Google cannot use, and a sheet not shared (403): the page explains, and neither it nor the log holds a secret."""
    key = new_private_key()
    with SheetsServer() as sheets:
        sheets.google.register_account(ACCOUNT, key.public_key())
        sheets.google.add_spreadsheet(SHEET_ID, SHEET_TITLE, tabs_from_workbook(DEMO_WORKBOOK),
                                      shared_with=set() if failure == "not_shared" else {ACCOUNT})
        info = service_account_info(key, sheets.token_uri, ACCOUNT)
        planted = [*key_lines(info), PLANTED_TOKEN]
        if failure == "bad_key":  # a key mangled on copying, with a token pasted into it
            body = key_lines(info)
            info["private_key"] = ("-----BEGIN PRIVATE KEY-----\n" + "\n".join(body[:5]) + f"\n{PLANTED_TOKEN}\n"
                                   + "\n".join(body[9:]) + "\n-----END PRIVATE KEY-----\n")
        secrets = write_secrets(tmp_path / "secrets.toml", {"connections.gsheets": {"spreadsheet": SHEET_ID, **info},
                                                              "planted": {"api_token": PLANTED_TOKEN}})
        with start_dashboard(_environment(sheets, tmp_path), extra_args=("--secrets.files", str(secrets))) as base:
            shown = []
            for slug in ("", "data-quality"):
                page.goto(_url(base, slug))
                wait_for_app(page)
                shown.append(page.content())
            save_screenshot(page, f"secrets-{failure}", full_page=True)
            port = base.rstrip("/").rsplit(":", 1)[1]
            log = (LOG_DIR / f"streamlit-{port}.log").read_text(errors="replace")
        issued = list(sheets.google.tokens)
    text = "\n".join(shown)
    if failure == "not_shared":
        assert ACCOUNT in text  # the account's e-mail is shown: people need it to share the sheet
    else:
        assert "private_key" in text  # the message names what is wrong, not what it holds
    for secret in [*planted, *issued]:
        assert secret not in text, f"a planted secret is on the page: {secret[:12]}…"
        assert secret not in log, f"a planted secret is in the server log: {secret[:12]}…"
