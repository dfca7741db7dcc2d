"""The hostile-input corpus through every surface: cleaning, every page (AppTest), the map HTML and every export.

A workbook is generated from the template: under every tab's header, one row per corpus value,
rotated so that every column of every tab receives every value; each district tab also gets one
row per value that the cleaning keeps (a valid code, commune and type), carrying the value in its
name, notes and figures, so it reaches the tables, the map and the exports. Checks: no exception,
no row lost (rows read = kept + set aside = the rows written), no script or formula survives.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from lib import PROJECT_ROOT
from lib.cleaning import clean_workbook
from lib.coercion import is_blank
from lib.exports.excel import build_tables_workbook
from lib.exports.report import build_report_docx
from lib.exports.summary import build_summary_png
from lib.geography import load_geography, match_unit
from lib.metrics.rollout import compute_rollout
from lib.schema import POINT_TYPES
from lib.sources import SOURCE_ENV, read_source
from lib.conventions import tab_schema
from lib.authoring.template import save_workbook, template_grids
from lib.views.maps import build_readiness_map
from tests.security.corpus import CORPUS, FORMULA_VALUES, SCRIPT_VALUES

PAGES = sorted(path.name for path in (PROJECT_ROOT / "app_pages").glob("*.py"))
AS_OF = date(2017, 5, 20)
# A real tag carrying an event handler, or a script tag, that came from the sheet.
LIVE_HANDLER = re.compile(r"<[a-z]+[^<>]*\son[a-z]+\s*=", re.I)
STRIDE = 7  # column j of row i holds CORPUS[(i + STRIDE * j) % len(CORPUS)]


def test_the_corpus_is_big_and_varied():
    assert len(CORPUS) >= 100
    texts = [value for value in CORPUS if isinstance(value, str)]
    assert any(len(value) >= 10_000 for value in texts)
    assert any("\u200b" in value for value in texts) and any("\u202e" in value for value in texts)
    assert {value[:1] for value in FORMULA_VALUES} >= {"=", "+", "-", "@"}
    assert any("<script" in value for value in SCRIPT_VALUES) and any("${" in value for value in texts)


def _grids() -> dict[str, list[list]]:
    geography = load_geography()
    grids = template_grids(geography)
    count = len(CORPUS)
    for number, (title, grid) in enumerate(grids.items()):
        header = grid[0]
        for index in range(count):
            grid.append([CORPUS[(index + STRIDE * column) % count] for column in range(len(header))])
        if tab_schema(title).key != "points":
            continue
        unit = match_unit(title, geography.districts)
        commune = next(c["name"] for c in geography.communes if unit and c["district_code"] == unit["code"])
        for index, value in enumerate(CORPUS):
            row = {name: CORPUS[(index + STRIDE * column) % count] for column, name in enumerate(header)}
            row.update({"Mã điểm": f"H{number}-{index:03d}", "Tên điểm tiêm chủng": value,
                        "Xã/phường/thị trấn": commune, "Loại điểm": POINT_TYPES[index % len(POINT_TYPES)],
                        "Ghi chú": value})
            grid.append([row[name] for name in header])
    return grids


def _rows_written(grids: dict[str, list[list]]) -> int:
    return sum(1 for grid in grids.values() for row in grid[1:] if not all(is_blank(cell) for cell in row))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    grids = _grids()
    path = save_workbook(grids, tmp_path_factory.mktemp("corpus") / "corpus.xlsx")
    dataset = clean_workbook(read_source(str(path)), load_geography())
    rollout = compute_rollout(dataset, load_geography(), dataset.as_of or AS_OF)
    return {"path": path, "grids": grids, "dataset": dataset, "rollout": rollout}


def test_no_row_is_lost(hostile):
    dataset = hostile["dataset"]
    totals = dataset.totals()
    assert totals["rows_read"] == totals["rows_kept"] + totals["rows_set_aside"]
    assert totals["rows_read"] == _rows_written(hostile["grids"])
    for summary in dataset.summary:
        assert summary.rows_read == summary.rows_kept + summary.rows_set_aside, summary
    # The rows made to be kept are kept: the corpus reaches the tables, the map and the exports.
    assert len(dataset.points) >= len(CORPUS) * 8


def test_the_workbook_read_back_is_the_workbook_written(hostile):
    raw = read_source(str(hostile["path"]))
    for title, grid in hostile["grids"].items():
        read = raw.tabs[title]
        written = [row for row in grid if not all(is_blank(cell) for cell in row)]
        assert len([row for row in read if not all(is_blank(cell) for cell in row)]) == len(written), title


@pytest.mark.parametrize("page", PAGES)
def test_every_page_takes_the_corpus(hostile, page, monkeypatch):
    monkeypatch.setenv(SOURCE_ENV, str(hostile["path"]))
    app = AppTest.from_file(str(PROJECT_ROOT / "app_pages" / page), default_timeout=120)
    app.query_params["lang"] = "vi"
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    for element in (*app.markdown, *app.caption, *app.get("html")):
        text = str(getattr(element, "value", None) or getattr(element.proto, "body", ""))
        for value in SCRIPT_VALUES:
            if "<script" in value or "onerror" in value or "onload" in value:
                assert value not in text, (page, value)
        assert not LIVE_HANDLER.search(text), (page, text[:300])


def test_the_map_html_runs_nothing_from_the_sheet(hostile):
    rollout = hostile["rollout"]
    for lang in ("vi", "en"):
        html = build_readiness_map(load_geography(), rollout.district_readiness, rollout.point_status,
                                   lang=lang).get_root().render()
        for value in SCRIPT_VALUES + ["`${alert(2)}`", "${alert(1)}"]:
            assert value not in html, value
        assert not LIVE_HANDLER.search(html), LIVE_HANDLER.search(html).group(0)
        assert "<img src=x" not in html and "<svg onload" not in html


def test_the_excel_export_stores_formulas_as_text(hostile):
    rollout, province = hostile["rollout"], hostile["dataset"].province
    codes = list(hostile["dataset"].districts["district_code"].dropna())[:2]
    for district in (None, *codes):
        data = build_tables_workbook(rollout, province, "vi", district)
        book = load_workbook(io.BytesIO(data))
        seen = set()
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                    if isinstance(cell.value, str):
                        seen.add(cell.value)
        if district is None:
            assert {"=1+1", "@SUM(A1:A2)"} <= seen  # shown as typed, as text


def test_the_word_report_takes_the_corpus(hostile):
    dataset, rollout = hostile["dataset"], hostile["rollout"]
    code = str(dataset.districts["district_code"].dropna().iloc[0])
    for district in (None, code):
        data = build_report_docx(dataset, rollout, "vi", district)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read("word/document.xml").decode("utf-8")
        assert "<script" not in xml and "<img src=x" not in xml  # sheet text is XML-escaped text


def test_the_summary_image_takes_the_corpus(hostile):
    data = build_summary_png(hostile["rollout"], hostile["dataset"].province, "vi")
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
