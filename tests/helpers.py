"""Helpers that several test folders share: one page under AppTest, many sessions at once, LibreOffice."""

from __future__ import annotations

import os
import shutil
import threading
from typing import Callable

import pytest

from streamlit.testing.v1 import AppTest

from lib import PROJECT_ROOT

PAGES = PROJECT_ROOT / "app_pages"


def run_app_page(page: str, lang: str = "vi", **session) -> AppTest:
    """Run app_pages/`page` once in `lang` with `session` state set; it must raise nothing.

    The data source comes from the environment, so callers set it (monkeypatch) first."""
    app = AppTest.from_file(str(PAGES / page), default_timeout=60)
    app.query_params["lang"] = lang
    for key, value in session.items():
        app.session_state[key] = value
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def at_once(call: Callable, sessions: int, timeout: float) -> list:
    """`call()` from `sessions` threads released together; the results of those that finished."""
    start = threading.Barrier(sessions)
    results = []

    def session():
        start.wait()
        results.append(call())

    threads = [threading.Thread(target=session) for _ in range(sessions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    return results


def skip_unless_ci(reason: str, check: str) -> None:
    """Skip `check` for `reason` (something the set-up script installs is missing); under CI, fail instead."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; the {check} cannot be skipped under CI", pytrace=False)
    pytest.skip(reason)


def libreoffice_or_skip(check: str) -> str:
    """The `soffice` command; without it `check` is skipped, or fails under CI (scripts/setup.sh installs it)."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        skip_unless_ci("LibreOffice (soffice) is missing: scripts/setup.sh --browser installs it", check)
    return office
