"""AppTest fixtures: run one page file against a chosen workbook."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib.sources import SOURCE_ENV
from tests.helpers import run_app_page


@pytest.fixture
def run_page(monkeypatch):
    """run_page("overview.py", source=None, lang="vi") → the finished AppTest."""

    def run(page: str, source: Path | str | None = None, lang: str = "vi", **session) -> AppTest:
        if source is not None:
            monkeypatch.setenv(SOURCE_ENV, str(source))
        else:
            monkeypatch.delenv(SOURCE_ENV, raising=False)
        return run_app_page(page, lang, **session)

    return run
