"""AppTest fixtures: run one page file against a chosen workbook."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib import PROJECT_ROOT
from lib.sources import SOURCE_ENV

PAGES = PROJECT_ROOT / "app_pages"


@pytest.fixture
def run_page(monkeypatch):
    """run_page("overview.py", source=None, lang="vi") → the finished AppTest."""

    def run(page: str, source: Path | str | None = None, lang: str = "vi", **session) -> AppTest:
        if source is not None:
            monkeypatch.setenv(SOURCE_ENV, str(source))
        else:
            monkeypatch.delenv(SOURCE_ENV, raising=False)
        app = AppTest.from_file(str(PAGES / page), default_timeout=60)
        app.query_params["lang"] = lang
        for key, value in session.items():
            app.session_state[key] = value
        app.run()
        assert not app.exception, [e.value for e in app.exception]
        return app

    return run
