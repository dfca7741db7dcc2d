"""The dashboard on a leader's phone (390×844) and a meeting-room projector (1920×1080), in headless
Chromium: the language follows the user, the sidebar gets out of the way, what blocks the roll-out
reads in full without sideways scrolling, the presentation is usable on a phone and legible from the
back of the room, charts do not collide, and composite statuses say what they are made of.

Screenshots of every page at both sizes go to test-artifacts/screenshots/screens-*.png.
"""

from __future__ import annotations

import io

import pytest

from harness import SCREENSHOT_DIR, assert_no_exception, map_frame, next_slide, save_screenshot, wait_for_app
from lib.i18n import t
from lib.metrics.readiness import CHILDREN_ENTERED_SHARE, compute_blocking_points
from lib.views.format import format_share
from lib.views.meaning import describe_district_shares, describe_ready_short
from lib.views.tables import build_blocking_points_table, build_difficulties_table, build_pace_table

PHONE = {"width": 390, "height": 844}
PROJECTOR = {"width": 1920, "height": 1080}
SIZES = {"phone": PHONE, "projector": PROJECTOR}
PAGES = ("", "map", "training", "deadlines", "district", "difficulties", "data-quality")  # "" is the overview
SIDEBAR = '[data-testid="stSidebar"]'


@pytest.fixture
def screen(browser, recorder, request):
    """screen(size) → a fresh offline page of that viewport; a phone has touch."""
    contexts = []

    def make(size: dict):
        context = browser.new_context(viewport=size, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh",
                                      service_workers="block", has_touch=size["width"] < 600)
        contexts.append(context)
        page = context.new_page()
        recorder.attach(context, page)
        return page

    yield make
    report = getattr(request.node, "report_call", None)
    for index, context in enumerate(contexts):
        if report is not None and report.failed and context.pages:
            try:
                save_screenshot(context.pages[0], f"FAILED-{request.node.name}-{index}".replace("/", "_"))
            except Exception:  # noqa: BLE001 — a screenshot must not hide the real failure
                pass
        context.close()


def _open(page, base: str, path: str = "") -> None:
    page.goto(base + path)
    wait_for_app(page)
    assert_no_exception(page)


def _sidebar_open(page) -> bool:
    box = page.locator(SIDEBAR).bounding_box()
    return box is not None and box["x"] + box["width"] > 1


def _open_sidebar(page) -> None:
    if not _sidebar_open(page):
        page.locator('[data-testid="stExpandSidebarButton"]').click()
        page.wait_for_function(f"() => document.querySelector('{SIDEBAR}').getBoundingClientRect().right > 1")


def _follow_link(page, label: str) -> None:
    """Open `label` from the sidebar, as a user would (a tap on a phone, a click elsewhere)."""
    _open_sidebar(page)
    link = page.locator('[data-testid="stSidebarNavLink"]', has_text=label).first
    if page.viewport_size["width"] < 600:
        link.tap()
    else:
        link.click()
    wait_for_app(page)


def _h1(page) -> str:
    return page.locator("h1").first.inner_text().strip()


# ---------------------------------------------------------------- language

@pytest.mark.parametrize("size", SIZES)
def test_english_is_kept_across_pages_a_reload_and_the_presentation(dashboard_server, screen, size):
    page = screen(SIZES[size])
    _open(page, dashboard_server, "?lang=en")
    assert _h1(page) == t("app.title", "en")
    _follow_link(page, t("nav.training", "en"))
    page.wait_for_function(f"() => document.querySelector('h1')?.innerText.trim() === {t('nav.training', 'en')!r}",
                           timeout=15_000)
    assert "lang=en" in page.url, page.url  # so a reload or a shared link keeps it too
    page.reload()
    wait_for_app(page)
    assert _h1(page) == t("nav.training", "en")
    _follow_link(page, t("pres.title", "en"))
    page.locator(".exit-link").wait_for(timeout=15_000)
    assert page.locator(".exit-link").inner_text().strip() == f"✕ {t('pres.exit', 'en')}"
    assert page.get_by_role("button", name=t("pres.next", "en")).count() == 1


# ---------------------------------------------------------------- phone: the sidebar and the blocking columns

def test_a_tap_on_a_page_link_closes_the_sidebar_on_a_phone(dashboard_server, screen):
    page = screen(PHONE)
    _open(page, dashboard_server, "training")
    _follow_link(page, t("nav.deadlines"))
    page.wait_for_function(f"() => document.querySelector('h1')?.innerText.trim() === {t('nav.deadlines')!r}")
    page.wait_for_function(f"() => document.querySelector('{SIDEBAR}').getBoundingClientRect().right <= 1",
                           timeout=5_000)
    assert not _sidebar_open(page)


def test_on_a_wide_screen_the_sidebar_stays(dashboard_server, screen):
    page = screen(PROJECTOR)
    _open(page, dashboard_server, "training")
    _follow_link(page, t("nav.deadlines"))
    page.wait_for_timeout(500)
    assert _sidebar_open(page)


def _card_values(page, column: str) -> list[dict]:
    """Every card line headed `column` on the page: its text and whether it is shown whole, on screen."""
    return page.evaluate("""column => [...document.querySelectorAll('.row-card dt')]
      .filter(dt => dt.textContent === column && dt.offsetParent !== null)
      .map(dt => { const dd = dt.nextElementSibling; const box = dd.getBoundingClientRect();
        return {text: dd.textContent, left: box.left, right: box.right,
                whole: dd.scrollWidth <= dd.clientWidth + 1 && dd.scrollHeight <= dd.clientHeight + 1}; })""", column)


def _assert_read_in_full(page, column: str, expected: set[str]) -> None:
    page.wait_for_function("""column => [...document.querySelectorAll('.row-card dt')]
      .some(dt => dt.textContent === column && dt.offsetParent !== null)""", arg=column, timeout=15_000)
    shown = _card_values(page, column)
    assert {line["text"] for line in shown} >= expected, (column, expected - {line["text"] for line in shown})
    for line in shown:
        assert line["whole"] and line["left"] >= 0 and line["right"] <= PHONE["width"], (column, line)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1
    # The data grid (whose columns were cut) is not shown on a phone.
    assert page.evaluate("""() => [...document.querySelectorAll('[class*="st-key-wide-"]')]
      .every(e => getComputedStyle(e).display === 'none')""")


def test_what_blocks_each_district_reads_in_full_on_a_phone(dashboard_server, screen, demo_rollout):
    page = screen(PHONE)
    _open(page, dashboard_server)
    blocking = build_blocking_points_table(compute_blocking_points(demo_rollout.point_status))
    _assert_read_in_full(page, t("col.missing"), set(blocking[t("col.missing")]))
    pace = build_pace_table(demo_rollout.pace)
    _assert_read_in_full(page, t("col.forecast"), set(pace[t("col.forecast")]))

    _open(page, dashboard_server, "deadlines")
    _assert_read_in_full(page, t("col.forecast"), set(pace[t("col.forecast")]))

    _open(page, dashboard_server, "difficulties")
    difficulties = build_difficulties_table(demo_rollout.difficulties)
    _assert_read_in_full(page, t("col.description"), set(difficulties[t("col.description")]))


def test_on_a_wide_screen_the_tables_stay_grids(dashboard_server, screen):
    page = screen(PROJECTOR)
    _open(page, dashboard_server)
    page.locator('[data-testid="stDataFrame"]').first.wait_for(state="visible", timeout=15_000)
    assert page.evaluate("""() => [...document.querySelectorAll('[class*="st-key-narrow-"]')]
      .every(e => getComputedStyle(e).display === 'none')""")


# ---------------------------------------------------------------- the presentation on a phone and a projector

def _boxes_meet(a: dict, b: dict) -> bool:
    return a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"] and \
        a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]


def test_the_presentation_opened_on_a_phone_is_usable(dashboard_server, screen):
    page = screen(PHONE)
    _open(page, dashboard_server)
    _follow_link(page, t("pres.title"))
    page.locator(".slide-head h1").wait_for(timeout=15_000)
    wait_for_app(page)
    title = page.locator(".slide-head h1")
    lines = title.evaluate("h => h.getBoundingClientRect().height / parseFloat(getComputedStyle(h).lineHeight)")
    words = len(title.inner_text().split())
    assert lines <= 3 and lines < words, (lines, words)  # not one word per line
    bar = page.locator(".st-key-controls").bounding_box()
    for card in page.locator(".big-card").all():
        assert not _boxes_meet(bar, card.bounding_box()), "the controls cover a figure card"
    exit_box = page.locator(".exit-link").bounding_box()
    assert exit_box["x"] >= 0 and exit_box["x"] + exit_box["width"] <= PHONE["width"], exit_box
    assert exit_box["y"] >= 0 and exit_box["y"] + exit_box["height"] <= PHONE["height"], exit_box
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1
    save_screenshot(page, "screens-present-phone-opened-from-sidebar")


_SMALLEST_SVG_TEXT_JS = """() => [...document.querySelectorAll('.st-key-slide svg.marks')]
  .filter(svg => svg.getBoundingClientRect().width > 0)
  .map(svg => ({height: svg.getBoundingClientRect().height,
                smallest: Math.min(...[...svg.querySelectorAll('text')].filter(t => t.textContent.trim())
                  .map(t => parseFloat(getComputedStyle(t).fontSize)))}))"""


def test_every_slide_is_legible_on_a_projector(dashboard_server, screen):
    page = screen(PROJECTOR)
    _open(page, dashboard_server, "present?present=1&interval=600")
    page.locator(".exit-link").wait_for(timeout=15_000)
    page.locator(".big-card .label").first.wait_for(timeout=15_000)
    label_px = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.big-card .label')).fontSize)")
    # The controls' labels are whole: the slide's title and the interval are not cut.
    for key in ("present_jump", "present_interval"):
        cut = page.locator(f".st-key-{key} input").evaluate("i => i.scrollWidth - i.clientWidth")
        assert cut <= 1, (key, cut)
    # The controls do not cover the slide's figures, nor the note under them (as large as a card's label).
    bar = page.locator(".st-key-controls").bounding_box()
    for card in page.locator(".big-card, .countdown").all():
        assert not _boxes_meet(bar, card.bounding_box()), "the controls cover the slide"
    page.locator(".slide-note").wait_for(timeout=15_000)
    assert not _boxes_meet(bar, page.locator(".slide-note").bounding_box()), "the controls cover the note"
    assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('.slide-note')).fontSize)") >= label_px

    next_slide(page, 1)  # the map: labels and legend at least as large as a card's label, the map filling the slide
    frame = map_frame(page)
    frame.wait_for_selector(".nis-district-label div", timeout=20_000)
    label_sizes = frame.evaluate("""() => [...document.querySelectorAll('.nis-district-label div, .nis-legend > div')]
      .map(e => parseFloat(getComputedStyle(e).fontSize))""")
    assert label_sizes and min(label_sizes) >= label_px, (label_sizes, label_px)
    map_box = page.locator("iframe[title*='st_folium'], iframe[title*='streamlit_folium']").first.bounding_box()
    assert map_box["height"] >= 0.65 * PROJECTOR["height"] and map_box["width"] >= 0.9 * PROJECTOR["width"], map_box
    save_screenshot(page, "screens-present-map-projector")

    for index, kind in ((2, "training"), (3, "deadlines")):
        next_slide(page, index)
        page.wait_for_timeout(800)
        charts = page.evaluate(_SMALLEST_SVG_TEXT_JS)
        assert charts, kind
        for chart in charts:
            assert chart["smallest"] >= label_px, (kind, chart, label_px)
        if kind == "training":  # the charts fill the slide's height
            assert min(chart["height"] for chart in charts) >= 0.6 * PROJECTOR["height"], charts
        save_screenshot(page, f"screens-present-{kind}-projector")


# ---------------------------------------------------------------- charts: no collisions, names not codes

_AXIS_LABELS_JS = """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"] svg.marks')].map(svg =>
  [...svg.querySelectorAll('g.role-axis')].map(axis => [...axis.querySelectorAll('g.role-axis-label text')]
    .filter(t => t.textContent && getComputedStyle(t).opacity !== '0' && t.getAttribute('opacity') !== '0')
    .map(t => { const b = t.getBoundingClientRect(); return {text: t.textContent, x: b.x, y: b.y, width: b.width,
                                                            height: b.height}; })))"""


@pytest.mark.parametrize("size", SIZES)
def test_training_charts_have_no_overlapping_labels_and_no_clipped_bar(dashboard_server, screen, size):
    page = screen(SIZES[size])
    _open(page, dashboard_server, "training")
    page.wait_for_function("() => document.querySelectorAll('[data-testid=\"stVegaLiteChart\"] svg.marks').length >= 3")
    for chart in page.evaluate(_AXIS_LABELS_JS):
        for labels in chart:
            for first, second in zip(labels, labels[1:]):
                assert not _boxes_meet(first, second), (first, second)
    # The sessions chart (the third): its first and last bars lie whole inside the plot (its grid's width).
    bars = page.evaluate("""() => { const svg = document.querySelectorAll('[data-testid="stVegaLiteChart"] svg.marks')[2];
      const domain = svg.querySelector('g.role-axis-grid').getBoundingClientRect();  // the plot's width
      const rects = [...svg.querySelectorAll('g.mark-rect.role-mark path')].map(p => p.getBoundingClientRect());
      return {left: domain.left, right: domain.right, first: Math.min(...rects.map(r => r.left)),
              last: Math.max(...rects.map(r => r.right)), count: rects.length}; }""")
    assert bars["count"] > 0 and bars["last"] <= bars["right"] + 0.5 and bars["first"] >= bars["left"] - 0.5, bars


def test_english_charts_name_milestones_by_their_description(dashboard_server, screen, demo_rollout):
    page = screen(PROJECTOR)
    _open(page, dashboard_server, "deadlines?lang=en")
    page.wait_for_selector('[data-testid="stVegaLiteChart"] svg.marks')
    labels = page.evaluate("""() => [...document.querySelector('[data-testid="stVegaLiteChart"] svg.marks')
      .querySelectorAll('text')].map(t => t.textContent)""")
    codes = set(demo_rollout.countdowns["milestone_code"])
    assert not [label for label in labels if any(code in label for code in codes)], labels
    for description in demo_rollout.countdowns["description"]:
        start = description.split()[0]
        assert any(start in label for label in labels), (description, labels)


# ---------------------------------------------------------------- meaning, and a first page that shows itself

def test_ready_says_what_it_is_made_of(dashboard_server, screen):
    page = screen(PROJECTOR)
    _open(page, dashboard_server)
    caption = describe_district_shares("vi")
    assert format_share(CHILDREN_ENTERED_SHARE, "vi", digits=0) in caption
    assert page.get_by_text(caption, exact=False).count() >= 1
    _open(page, dashboard_server, "present?present=1&interval=600")
    page.locator(".slide-note").wait_for(timeout=15_000)
    assert page.locator(".slide-note").inner_text().strip() == describe_ready_short("vi")


def test_the_map_says_it_is_being_drawn_until_it_is(dashboard_server, screen):
    page = screen(PROJECTOR)
    page.goto(dashboard_server + "map")
    page.wait_for_function(f"() => document.querySelector('h1')?.innerText.trim() === {t('nav.map')!r}",
                           timeout=30_000)
    note = page.locator(".map-drawing")
    note.wait_for(state="attached", timeout=30_000)
    assert note.inner_text().strip() == t("help.map_drawing")
    frame = map_frame(page)
    frame.wait_for_selector("path.leaflet-interactive", timeout=20_000)
    # Drawn: the map's own opaque background now covers the note, which sits behind its frame.
    background = frame.evaluate("getComputedStyle(document.querySelector('.leaflet-container')).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), background
    layers = page.evaluate("""() => { const note = document.querySelector('.map-drawing');
      const n = note.closest('[data-testid="stElementContainer"]');
      const f = document.querySelector("iframe[title*='st_folium'], iframe[title*='streamlit_folium']");
      const nb = note.getBoundingClientRect(), fb = f.getBoundingClientRect();
      return {inside: nb.top >= fb.top - 1 && nb.bottom <= fb.bottom + 1,
              above: parseInt(getComputedStyle(f).zIndex || '0') > parseInt(getComputedStyle(n).zIndex || '0')}; }""")
    assert layers == {"inside": True, "above": True}, layers


# ---------------------------------------------------------------- screenshots of every page at both sizes

_SCROLLER_JS = """() => { const c = [...document.querySelectorAll('[data-testid="stMain"], [data-testid="stAppViewContainer"]')]
  .find(e => e.scrollHeight > e.clientHeight + 2 && getComputedStyle(e).overflowY !== 'visible');
  if (c) c.setAttribute('data-shot-scroller', '1'); return c ? [c.scrollHeight, c.clientHeight] : null; }"""


def _save_whole_page(page, name: str) -> None:
    """The page from top to bottom (Streamlit scrolls its main block, not the document), stitched."""
    from PIL import Image

    save_screenshot(page, name)  # waits for the page to be drawn; the first screen alone
    found = page.evaluate(_SCROLLER_JS)
    if not found:
        return
    total, view = found
    # Streamlit's header stays on top while the page scrolls: hide it, or it hides a strip of every screen.
    page.add_style_tag(content='header[data-testid="stHeader"] { visibility: hidden; }')
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    whole = Image.new("RGB", (width, total + height - view), "white")
    top = 0
    while True:
        # Scrolling moves what is drawn already; two animation frames later the screen shows it.
        page.evaluate(f"""() => new Promise(done => {{
            document.querySelector('[data-shot-scroller]').scrollTop = {top};
            requestAnimationFrame(() => requestAnimationFrame(done)); }})""")
        reached = page.evaluate("document.querySelector('[data-shot-scroller]').scrollTop")
        whole.paste(Image.open(io.BytesIO(page.screenshot())), (0, int(reached)))
        if reached + view >= total - 1:
            break
        top += view - 80
    page.evaluate("document.querySelector('[data-shot-scroller]').scrollTop = 0")
    whole.save(SCREENSHOT_DIR / f"{name}-whole.png")


@pytest.mark.parametrize("size", SIZES)
def test_screenshots_of_every_page(dashboard_server, screen, size):
    page = screen(SIZES[size])
    for slug in PAGES:
        _open(page, dashboard_server, slug)
        if slug == "map":
            map_frame(page).wait_for_selector("path.leaflet-interactive", timeout=20_000)
        page.wait_for_timeout(800)
        assert_no_exception(page)
        assert page.get_by_text("Page not found").count() == 0
        _save_whole_page(page, f"screens-{slug or 'overview'}-{size}")
    _open(page, dashboard_server, "present?present=1&interval=600")
    for index, kind in enumerate(("headline", "map", "training", "deadlines", "district")):
        if index:
            next_slide(page, index)
        if kind == "map":
            map_frame(page).wait_for_selector("path.leaflet-interactive", timeout=20_000)
        page.wait_for_timeout(800)
        save_screenshot(page, f"screens-present-{index + 1}-{kind}-{size}")
