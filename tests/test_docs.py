"""`docs/sheet.md` and the district guide are generated from the schema; fails when a committed page is stale."""

from __future__ import annotations

from lib import PROJECT_ROOT, schema
from lib.authoring.docs import GUIDE_FILE, POINT_USES, cell_rule_vi, render_district_guide, render_sheet_reference
from lib.i18n import t
from lib.authoring.template import INCONSISTENT_ROWS

SHEET_DOC = PROJECT_ROOT / "docs" / "sheet.md"
GUIDE = PROJECT_ROOT / "docs" / GUIDE_FILE


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


def test_district_guide_is_current():
    assert GUIDE.exists(), f"docs/{GUIDE_FILE} is missing: run `python -m lib docs`"
    assert GUIDE.read_text(encoding="utf-8") == render_district_guide(), \
        f"docs/{GUIDE_FILE} is stale: run `python -m lib docs`"


def test_district_guide_covers_every_column_of_a_district_tab():
    text = render_district_guide()
    assert set(POINT_USES) == {column.key for column in schema.POINTS.columns}, "say what the dashboard does with it"
    for column in schema.POINTS.columns:
        assert f"| {column.header_vi} |" in text, column.key
        assert cell_rule_vi(column) in text, column.key
    for more, limit in INCONSISTENT_ROWS:
        assert f"“{schema.POINTS.column(more).header_vi}” lớn hơn “{schema.POINTS.column(limit).header_vi}”" in text
    assert t("dq.open_cell") in text  # the button named as the dashboard names it
