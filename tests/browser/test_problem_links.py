"""From a problem to its cell, in headless Chromium: the dashboard reads a live sheet (the local
Sheets server), a district plants a mistake, and the data-quality page links that problem to
its exact cell — the right tab's gid and the A1 range — opening in a new browser tab.

The grid draws on a canvas, so the links are read from the accessible table the grid keeps
inside it, and pressing Enter on a link cell opens Streamlit's cell overlay, a real
<a href target=_blank>. Google is
never reached: the page's outside requests are blocked and recorded.
"""

from __future__ import annotations

import json

import pytest

from harness import assert_no_exception, save_screenshot, wait_for_app
from lib import DEMO_WORKBOOK
from tests.sources.sheets_server import SheetsServer, new_private_key, service_account_info, tabs_from_workbook

SHEET_ID = "1TestKhanhHoa2017RolloutSheet0123456789abcd"
EMAIL = "dashboard-reader@test-project.iam.gserviceaccount.com"
SHEET_URL = f"https://docs.google.com/spreadsheets/d/{SHEET_ID}/edit"
TAB, ROW, COLUMN = "Khánh Sơn", 2, 7  # "Có máy tính" of the tab's first point: G2
LINK_COLUMN = 2  # severity, cell, link, …: the link is the table's third column
HEADER_PX, ROW_PX = 36, 35


@pytest.fixture
def live_sheet(tmp_path):
    key = new_private_key()
    with SheetsServer() as server:
        server.google.register_account(EMAIL, key.public_key())
        server.google.add_spreadsheet(SHEET_ID, "Triển khai — máy chủ thử", tabs_from_workbook(DEMO_WORKBOOK),
                                      shared_with={EMAIL})
        server.google.set_cell(SHEET_ID, TAB, ROW, COLUMN, "có lẽ")  # the planted mistake: not Có/Không
        key_file = tmp_path / "key.json"
        key_file.write_text(json.dumps(service_account_info(key, server.token_uri, EMAIL)), encoding="utf-8")
        server.environment = {
            "DASHBOARD_SOURCE": SHEET_ID, "GOOGLE_APPLICATION_CREDENTIALS": str(key_file),
            "DASHBOARD_SHEETS_API": server.base_url, "DASHBOARD_SNAPSHOT_DIR": str(tmp_path / "snapshots"),
            "NO_PROXY": "127.0.0.1,localhost",
        }
        yield server


def link_hrefs(page, table, rows: int) -> list[str]:
    """The link of each row of a problem table, as the grid tells screen readers: once the
    canvas has focus, it holds an accessible <table> whose cells carry the values."""
    table.scroll_into_view_if_needed()
    canvas = table.locator('[data-testid="data-grid-canvas"]')
    canvas.wait_for(timeout=20_000)
    canvas.focus()
    cells = [canvas.locator(f'[data-testid="glide-cell-{LINK_COLUMN}-{row}"]') for row in range(rows)]
    for cell in cells:
        cell.wait_for(state="attached", timeout=20_000)
    return [cell.text_content() for cell in cells]


def open_link_overlay(page, table, row: int) -> dict:
    """Select the link cell of `row` with the keyboard and press Enter: Streamlit opens its cell
    overlay, a real <a>. Focus selects the first cell; each key press is confirmed in the
    accessible table before the next, so no press is lost while the grid is still drawing."""
    canvas = table.locator('[data-testid="data-grid-canvas"]')
    canvas.focus()

    def selected(column: int, at_row: int):
        return canvas.locator(f'[data-testid="glide-cell-{column}-{at_row}"][aria-selected="true"]')

    selected(0, 0).wait_for(state="attached", timeout=20_000)
    for column in range(1, LINK_COLUMN + 1):
        page.keyboard.press("ArrowRight")
        selected(column, 0).wait_for(state="attached", timeout=20_000)
    for at_row in range(1, row + 1):
        page.keyboard.press("ArrowDown")
        selected(LINK_COLUMN, at_row).wait_for(state="attached", timeout=20_000)
    page.keyboard.press("Enter")
    found = page.wait_for_function("""() => {
        // The grid's overlay link, not the phone's card view of the same table (hidden, but in the page).
        const a = [...document.querySelectorAll('a[href*="docs.google.com"]')].filter(a => !a.closest('.row-cards')).pop();
        return a && {href: a.getAttribute('href'), target: a.getAttribute('target'),
                     rel: a.getAttribute('rel') || '', text: a.innerText};
    }""", timeout=20_000)
    return found.json_value()


def test_a_problem_links_to_its_cell_in_a_new_tab(start_dashboard, page, recorder, live_sheet):
    gid = live_sheet.google.tab(SHEET_ID, TAB).gid
    expected = f"{SHEET_URL}#gid={gid}&range=G{ROW}"
    with start_dashboard(live_sheet.environment) as base_url:
        page.goto(base_url + "data-quality")
        wait_for_app(page)
        assert_no_exception(page)
        group = page.locator('[data-testid="stExpander"]', has_text=f"Huyện {TAB} ·")
        group.locator("summary").click()
        wait_for_app(page)
        table = group.locator('[data-testid="stDataFrame"]')
        rows = int(group.locator("summary").inner_text().rsplit("·", 1)[1])
        hrefs = link_hrefs(page, table, rows)
        assert expected in hrefs, (expected, hrefs)
        assert all(href.startswith(f"{SHEET_URL}#gid={gid}&range=") for href in hrefs), hrefs
        row = hrefs.index(expected)

        anchor = open_link_overlay(page, table, row)
        save_screenshot(page, "problem-link-overlay")
        assert anchor["href"] == expected
        assert anchor["target"] == "_blank" and "noopener" in anchor["rel"]
        assert anchor["text"] == "Mở ô ↗"

        # A click on the link opens a new tab (blocked: the test never reaches Google).
        page.keyboard.press("Escape")
        x, y = _link_position(page, table, row)
        with page.context.expect_page(timeout=10_000) as opened:
            page.mouse.click(x, y)
        new_tab = opened.value
        assert new_tab != page
        page.wait_for_timeout(500)
        save_screenshot(page, "problem-links", full_page=True)
        assert_no_exception(page)
    assert recorder.blocked_requests and set(recorder.blocked_requests) == {SHEET_URL}  # the fragment stays in the browser
    assert recorder.page_errors == []


def _link_position(page, table, row: int) -> tuple[float, float]:
    """Where the link of a row is on screen: the grid draws on a canvas, so walk right along the
    row until the mouse is over a link (the canvas shows a pointer cursor there)."""
    canvas = table.locator('[data-testid="data-grid-canvas"]')
    canvas.wait_for(timeout=20_000)
    box = canvas.bounding_box()
    y = box["y"] + HEADER_PX + ROW_PX * row + ROW_PX // 2
    for x in range(10, int(box["width"]), 6):
        page.mouse.move(box["x"] + x, y)
        if canvas.evaluate("e => getComputedStyle(e).cursor") == "pointer":
            return box["x"] + x, y
    raise AssertionError(f"no link under the mouse in row {row}")
