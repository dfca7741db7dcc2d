"""Pages and sessions: AppTest server time per page, the map and the overview in headless Chromium,
and the Streamlit server's resident memory with many browser sessions open.

`python bench/pages.py apptest PAGE SOURCE RERUNS` runs one page in a fresh process (the first
run is the cold one) and prints one JSON line; the rest is called by `bench/run.py`.
"""

from __future__ import annotations

import contextlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from harness import CHROMIUM, CHROMIUM_ARGS, VIEWPORT, run_dashboard  # noqa: E402

MAINLAND_DISTRICTS = 8  # polygons the map draws (Trường Sa sits in a corner panel)
SERVER_START_TIMEOUT_S = 90.0
DRAW_TIMEOUT_S = 120.0
# Streamlit's root element carries the connection and script-run state (1.67 frontend).
_OVERVIEW_DRAWN_JS = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.dataset.testConnectionState === 'CONNECTED'
    && app.dataset.testScriptState === 'notRunning'
    && document.querySelectorAll('[data-testid="stMetric"]').length >= 4;
}
"""
_CONNECTED_JS = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.dataset.testConnectionState === 'CONNECTED';
}
"""
_APP_IDLE_JS = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.dataset.testConnectionState === 'CONNECTED' && app.dataset.testScriptState === 'notRunning';
}
"""


# ---------------------------------------------------------------- AppTest, one page per process

def apptest_worker(page: str, source: str, reruns: int) -> dict:
    os.environ["DASHBOARD_SOURCE"] = source
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(ROOT / "app_pages" / page), default_timeout=600)
    timings = []
    for _ in range(reruns + 1):
        started = time.perf_counter()
        app.run()
        timings.append(time.perf_counter() - started)
        if app.exception:
            raise RuntimeError(f"{page}: {[e.value for e in app.exception]}")
    return {"cold": timings[0], "warm": statistics.median(timings[1:]) if reruns else None}


def apptest(page: str, source: Path, reruns: int) -> dict:
    done = subprocess.run([sys.executable, __file__, "apptest", page, str(source), str(reruns)], cwd=ROOT,
                          capture_output=True, text=True, timeout=1200)
    if done.returncode != 0:
        raise RuntimeError(f"AppTest {page} failed: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- a dashboard server we can weigh

@contextlib.contextmanager
def dashboard(source: Path, log_dir: Path):
    """`streamlit run app.py` on `source`; yields (base URL, pid) — the pid to read its memory."""
    with run_dashboard({"DASHBOARD_SOURCE": str(source)}, log_dir=log_dir,
                       start_timeout_s=SERVER_START_TIMEOUT_S) as server:
        yield server.base_url, server.pid


def rss_mb(pid: int) -> float:
    """VmRSS of a process, from /proc/<pid>/status."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


@contextlib.contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


# ---------------------------------------------------------------- timing pages in the browser

def time_overview(browser, base_url: str) -> float:
    """Seconds from navigation to the overview drawn (its metric cards shown, the script finished)."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        started = time.perf_counter()
        page.goto(base_url)
        page.wait_for_function(_OVERVIEW_DRAWN_JS, polling=50, timeout=DRAW_TIMEOUT_S * 1000)
        return time.perf_counter() - started
    finally:
        context.close()


def _map_frame(page):
    for frame in page.frames:
        if frame != page.main_frame and frame.query_selector(".leaflet-container"):
            return frame
    return None


def _map_drawn(page, clustered: bool, points_on_map: int) -> bool:
    """The district polygons are drawn, and the markers (or their clusters) too."""
    frame = _map_frame(page)
    if frame is None:
        return False
    paths = frame.locator("path.leaflet-interactive").count()
    clusters = frame.locator(".nis-cluster, .marker-cluster").count()
    return paths >= MAINLAND_DISTRICTS and (clusters > 0 if clustered else paths >= MAINLAND_DISTRICTS + points_on_map)


def time_map(browser, base_url: str, clustered: bool, points_on_map: int) -> dict:
    """Navigation → map fully drawn (district polygons, and the markers or their clusters), with
    what the map put into the DOM and the bytes it took to get there."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        socket_bytes = [0]

        def on_socket(socket):
            def count(payload):
                socket_bytes[0] += len(payload.encode("utf-8") if isinstance(payload, str) else payload)
            socket.on("framereceived", count)

        finished = []
        page.on("websocket", on_socket)
        page.on("requestfinished", lambda request: finished.append(request))
        started = time.perf_counter()
        page.goto(base_url + "map")
        deadline = started + DRAW_TIMEOUT_S
        shell = None  # Streamlit's frontend booted and connected: the part of the wait that is not the map
        while True:
            if shell is None and page.evaluate(_CONNECTED_JS):
                shell = time.perf_counter() - started
            if _map_drawn(page, clustered, points_on_map):
                break
            if time.perf_counter() > deadline:
                raise TimeoutError(f"the map was not drawn within {DRAW_TIMEOUT_S:.0f} s")
            page.wait_for_timeout(50)
        drawn = time.perf_counter() - started
        page.wait_for_function(_APP_IDLE_JS, polling=100, timeout=DRAW_TIMEOUT_S * 1000)
        page.wait_for_timeout(1000)
        frame = _map_frame(page)
        dom = frame.evaluate("""() => ({
            icons: document.querySelectorAll('.leaflet-marker-icon').length,
            clusters: document.querySelectorAll(".nis-cluster, .marker-cluster").length,
            paths: document.querySelectorAll('path.leaflet-interactive').length,
            nodes: document.querySelectorAll('*').length})""")
        http = 0
        for request in finished:
            if "streamlit_folium" in request.url or "/app/static/vendor/" in request.url:
                http += max(0, request.sizes().get("responseBodySize", 0))
        return {"drawn": drawn, "shell": shell if shell is not None else drawn, "socket_bytes": socket_bytes[0], "http_bytes": http, **dom}
    finally:
        context.close()


def time_map_in_session(browser, base_url: str, clustered: bool, points_on_map: int) -> float:
    """Seconds from clicking the map's link in the sidebar of an open session to the map drawn:
    what a viewer already looking at the dashboard waits (Streamlit's frontend is loaded)."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        page.goto(base_url)
        page.wait_for_function(_OVERVIEW_DRAWN_JS, polling=100, timeout=DRAW_TIMEOUT_S * 1000)
        link = page.locator('[data-testid="stSidebarNav"] a[href$="/map"]')
        started = time.perf_counter()
        link.click()
        deadline = started + DRAW_TIMEOUT_S
        while True:
            if _map_drawn(page, clustered, points_on_map):
                return time.perf_counter() - started
            if time.perf_counter() > deadline:
                raise TimeoutError(f"the map was not drawn within {DRAW_TIMEOUT_S:.0f} s")
            page.wait_for_timeout(50)
    finally:
        context.close()


def browser_timings(source: Path, log_dir: Path, repeats: int, clustered: bool, points_on_map: int) -> dict:
    """First overview after the server started (it reads and cleans the sheet), then medians."""
    with dashboard(source, log_dir) as (base_url, _pid), chromium() as browser:
        first = time_overview(browser, base_url)
        maps = [time_map(browser, base_url, clustered, points_on_map) for _ in range(repeats)]
        overviews = [time_overview(browser, base_url) for _ in range(repeats)]
        clicks = [time_map_in_session(browser, base_url, clustered, points_on_map) for _ in range(repeats)]
    last = maps[-1]
    return {"first_overview": first, "overview": statistics.median(overviews),
            "map": statistics.median(m["drawn"] for m in maps), "shell": statistics.median(m["shell"] for m in maps),
            "map_click": statistics.median(clicks),
            **{k: last[k] for k in last if k not in ("drawn", "shell")}}


def session_memory(source: Path, log_dir: Path, counts: tuple[int, ...]) -> list[tuple[int, float]]:
    """(open sessions, server VmRSS in MB): 0 first, then each count of contexts showing the overview."""
    with dashboard(source, log_dir) as (base_url, pid), chromium() as browser:
        time.sleep(1.0)
        readings = [(0, rss_mb(pid))]
        contexts = []
        try:
            for target in counts:
                while len(contexts) < target:
                    context = browser.new_context(viewport=VIEWPORT)
                    page = context.new_page()
                    page.goto(base_url)
                    page.wait_for_function(_OVERVIEW_DRAWN_JS, polling=100, timeout=DRAW_TIMEOUT_S * 1000)
                    contexts.append(context)
                time.sleep(2.0)
                readings.append((target, rss_mb(pid)))
        finally:
            for context in contexts:
                context.close()
    return readings


if __name__ == "__main__":
    if sys.argv[1] == "apptest":
        print(json.dumps(apptest_worker(sys.argv[2], sys.argv[3], int(sys.argv[4]))))
