"""Browser-test harness: a real dashboard server, an offline Chromium page, and checks on both.

The fixtures in `conftest.py` are built from these pieces; tests import the helpers
(`from harness import wait_for_app, save_screenshot, assert_no_exception`).
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Mapping
from urllib.parse import urlsplit

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS_DIR = REPO_ROOT / "test-artifacts"
SCREENSHOT_DIR = ARTIFACTS_DIR / "screenshots"
LOG_DIR = ARTIFACTS_DIR / "logs"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # An http_proxy in the environment must not sit between the browser and the local server.
    "--no-proxy-server",
]
VIEWPORT = {"width": 1366, "height": 900}
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})

SERVER_START_TIMEOUT_S = 60.0
_PORT_ATTEMPTS = 3
APP_IDLE_TIMEOUT_MS = 60_000
SETTLE_MS = 400

# Streamlit marks its root element with the connection and script-run state (1.67 frontend).
_APP_IS_IDLE_JS = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app) return false;
  if (app.dataset.testConnectionState !== 'CONNECTED') return false;
  if (!['notRunning', 'compilationError'].includes(app.dataset.testScriptState)) return false;
  return !document.querySelector(
    '[data-testid="stStatusWidgetRunningIcon"], [data-testid="stStatusWidgetRunningManIcon"]'
  );
}
"""


# --- the dashboard server -----------------------------------------------------------


def find_free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _health_says_ok(base_url: str) -> bool:
    # No proxy: the server is local, and an http_proxy from the environment would break this.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(base_url + "_stcore/health", timeout=2) as response:
            return response.status == 200 and response.read().decode().strip() == "ok"
    except OSError:
        return False


def _log_tail(log_path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(log_path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


@dataclass(frozen=True)
class DashboardProcess:
    base_url: str  # "http://127.0.0.1:PORT/"
    pid: int  # to weigh its memory (the benchmark)


@contextlib.contextmanager
def run_dashboard(env_overrides: Mapping[str, str | None] | None = None, extra_args: tuple[str, ...] = (),
                  log_dir: Path = LOG_DIR,
                  start_timeout_s: float = SERVER_START_TIMEOUT_S) -> Iterator[DashboardProcess]:
    """Run `streamlit run app.py` (through serve.py, which warms the data) from the repo root until it answers its health check.

    The server inherits this process's environment (so DASHBOARD_SOURCE passes through);
    `env_overrides` sets variables, or removes them when the value is None. The server's
    output goes to `log_dir`/streamlit-PORT.log. `extra_args` go to `streamlit run`
    (e.g. `("--secrets.files", path)`: a secrets file outside the repo).
    """
    env = dict(os.environ)
    for name, value in (env_overrides or {}).items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    env["PYTHONUNBUFFERED"] = "1"

    # The free port is picked before the server binds it, so another process (a parallel test
    # worker's server) can take it in between: then Streamlit says so and exits, and the start is
    # tried again on a new port.
    for attempt in range(1, _PORT_ATTEMPTS + 1):
        port = find_free_port()
        base_url = f"http://127.0.0.1:{port}/"
        log_dir.mkdir(parents=True, exist_ok=True)
        log_path = log_dir / f"streamlit-{port}.log"
        command = [
            sys.executable, "serve.py",  # `streamlit run app.py`, the source read while it starts
            "--server.port", str(port),
            "--server.address", "127.0.0.1",
            "--server.headless", "true",
            "--server.fileWatcherType", "none",
            "--browser.gatherUsageStats", "false",
            *extra_args,
        ]  # fmt: skip
        with open(log_path, "wb") as log:
            process = subprocess.Popen(
                command, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
            )
        try:
            deadline = time.monotonic() + start_timeout_s
            while not _health_says_ok(base_url):
                if process.poll() is not None:
                    tail = _log_tail(log_path)
                    if f"Port {port} is not available" in tail and attempt < _PORT_ATTEMPTS:
                        break  # taken meanwhile: try another port
                    raise RuntimeError(
                        f"streamlit exited with code {process.returncode} before it was healthy;"
                        f" log {log_path}:\n{tail}"
                    )
                if time.monotonic() > deadline:
                    raise RuntimeError(
                        f"streamlit did not answer {base_url}_stcore/health within"
                        f" {start_timeout_s:.0f} s; log {log_path}:\n{_log_tail(log_path)}"
                    )
                time.sleep(0.1)
            else:
                yield DashboardProcess(base_url, process.pid)
                return
        finally:
            _stop(process)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@contextlib.contextmanager
def start_dashboard(env_overrides: Mapping[str, str | None] | None = None,
                    extra_args: tuple[str, ...] = ()) -> Iterator[str]:
    """`run_dashboard` for a test: yields only the base URL ("http://127.0.0.1:PORT/")."""
    with run_dashboard(env_overrides, extra_args) as server:
        yield server.base_url


# --- what the page did ----------------------------------------------------------------


@dataclass
class BrowserRecorder:
    """What a page did that a test may want to forbid: outside requests, errors, dialogs."""

    blocked_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def attach(self, context, page) -> None:
        """Block every non-local request of `context` and listen to `page`."""
        context.route("**/*", self._route)
        # context.route does not see WebSockets; only non-local ones are routed (and refused)
        # so Streamlit's own socket stays a plain connection.
        context.route_web_socket(_is_outside_url, self._refuse_web_socket)
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.on("dialog", self._on_dialog)

    def _route(self, route) -> None:
        url = route.request.url
        if _is_outside_url(url):
            self.blocked_requests.append(url)
            route.abort("blockedbyclient")
        else:
            route.continue_()

    def _refuse_web_socket(self, web_socket) -> None:
        self.blocked_requests.append(web_socket.url)
        web_socket.close()

    def _on_console(self, message) -> None:
        if message.type == "error":
            location = message.location or {}
            where = location.get("url", "")
            self.console_errors.append(f"{message.text} ({where})" if where else message.text)

    def _on_dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()


def _is_outside_url(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return False
    return parts.hostname not in LOCAL_HOSTS


# --- helpers for tests --------------------------------------------------------------------


def wait_for_app(page, timeout_ms: int = APP_IDLE_TIMEOUT_MS, settle_ms: int = SETTLE_MS) -> None:
    """Wait until Streamlit is connected, has finished running the script, and stays idle.

    Idle must hold across `settle_ms`, because components (maps, charts) can trigger a rerun
    right after they mount.
    """
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        remaining_ms = max(1, int((deadline - time.monotonic()) * 1000))
        page.wait_for_function(_APP_IS_IDLE_JS, timeout=remaining_ms)
        page.evaluate("document.fonts.ready.then(() => true)")
        page.wait_for_timeout(settle_ms)
        if page.evaluate(_APP_IS_IDLE_JS):
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"the app did not stay idle within {timeout_ms} ms")


def next_slide(page, index: int, lang: str = "vi") -> None:
    """Press the presentation's "next" button and wait until slide `index` (0-based) is shown and the app idle."""
    from lib.i18n import t

    page.get_by_role("button", name=t("pres.next", lang)).click()
    page.wait_for_function(f"() => document.querySelector('.slide-head')?.dataset.index === '{index}'",
                           timeout=20_000)
    wait_for_app(page)


MAP_IFRAME = "iframe[title*='streamlit_folium'], iframe[title*='st_folium']"


def map_frame(page, timeout_ms: int = 30_000):
    """The frame that holds the Leaflet map, as soon as the map component has drawn it there."""
    page.wait_for_selector(MAP_IFRAME, timeout=timeout_ms)
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        for frame in page.frames:
            if frame.query_selector(".leaflet-container"):
                return frame
        if time.monotonic() > deadline:
            raise AssertionError(f"no frame drew a Leaflet map within {timeout_ms} ms")
        page.wait_for_timeout(100)


def settled_count(locator, interval_ms: int = 250, timeout_ms: int = 10_000) -> int:
    """`locator.count()` once two readings `interval_ms` apart agree (what is drawing has finished)."""
    deadline = time.monotonic() + timeout_ms / 1000
    count = locator.count()
    while True:
        locator.page.wait_for_timeout(interval_ms)
        again = locator.count()
        if again == count or time.monotonic() > deadline:
            return again
        count = again


# A table's grid sizes itself a moment after the script has finished; until then it is an empty
# box 52 px wide. Hidden grids (a closed expander) have no offsetParent. Elements still loading
# their code (HTML cards, components, download buttons) show as grey skeletons meanwhile.
_PAGE_DRAWN_JS = """
() => [...document.querySelectorAll('[data-testid="stDataFrameResizable"]')]
  .every(grid => grid.offsetParent === null || grid.offsetWidth > 60)
  && !document.querySelector('[data-testid^="stSkeleton"]')
"""


def save_screenshot(page, name: str, *, full_page: bool = False) -> Path:
    """Write test-artifacts/screenshots/NAME.png, once the page has drawn; return its path."""
    from playwright.sync_api import Error as PlaywrightError

    try:
        page.wait_for_function(_PAGE_DRAWN_JS, timeout=10_000)
    except PlaywrightError:
        pass  # a screenshot of a page still drawing is better than none (e.g. of a failed test)
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def assert_no_exception(page) -> None:
    """Fail if Streamlit shows an exception box, quoting the first one."""
    boxes = page.locator('[data-testid="stException"]')
    count = boxes.count()
    if count:
        raise AssertionError(
            f"{count} Streamlit exception box(es) shown; first:\n{boxes.first.inner_text()}"
        )
