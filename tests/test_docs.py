"""`docs/sheet.md` is generated from the schema; fails when the committed page is stale."""

from __future__ import annotations

from lib import PROJECT_ROOT, schema
from lib.docs import render_sheet_reference

SHEET_DOC = PROJECT_ROOT / "docs" / "sheet.md"


def test_sheet_reference_is_current():
    assert SHEET_DOC.exists(), "docs/sheet.md is missing: run `python -m lib docs`"
    committed = SHEET_DOC.read_text(encoding="utf-8")
    assert committed == render_sheet_reference(), "docs/sheet.md is stale: run `python -m lib docs`"


def test_every_column_is_documented():
    text = render_sheet_reference()
    for tab in schema.ALL_TABS:
        assert f"`{tab.title}`" in text, tab.title
        for column in tab.columns:
            assert f"| {column.header_vi} |" in text, (tab.title, column.header_vi)
            assert f"(`{column.key}`)" in text, (tab.title, column.key)
    for setting in schema.SETTING_ROWS:
        assert setting.name_vi in text
