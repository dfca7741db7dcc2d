"""Every page on each bundled geography's demo: the province is data, the pages name only its units.

The Phú Yên run is the proof of "another province by data alone": every page in both languages,
and not one Khánh Hòa name or code in anything a page shows (texts, tables, the map's HTML).
"""

from __future__ import annotations

import json

import openpyxl
import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from lib import GEOGRAPHIES_DIR, PROJECT_ROOT
from lib.geography import GEOGRAPHY_ENV
from lib.sources import SOURCE_ENV
from tests.helpers import run_app_page
from tests.test_geography_names import find_mentions, forbidden

PAGE_FILES = sorted(path.name for path in (PROJECT_ROOT / "app_pages").glob("*.py"))


def page_text(app: AppTest) -> str:
    """Everything the page put on screen: each element's fields as JSON, each table as CSV."""
    out: list[str] = []

    def walk(node) -> None:
        children = getattr(node, "children", None)
        if children:
            for child in children.values():
                walk(child)
            return
        if getattr(node, "type", "") in ("arrow_data_frame", "dataframe"):
            out.append(node.value.to_csv())
        elif getattr(node, "proto", None) is not None:
            out.append(json.dumps(MessageToDict(node.proto), ensure_ascii=False))

    walk(app._tree)
    return "\n".join(out)


@pytest.fixture
def use_geography(monkeypatch):
    def use(name: str):
        folder = GEOGRAPHIES_DIR / name
        monkeypatch.setenv(GEOGRAPHY_ENV, str(folder))
        monkeypatch.setenv(SOURCE_ENV, str(folder / "demo.xlsx"))
        return folder

    return use


@pytest.mark.parametrize("name, province", [("khanh_hoa", "Khánh Hòa"), ("phu_yen", "Phú Yên")])
def test_every_page_runs_on_each_geographys_demo(use_geography, name, province):
    use_geography(name)
    texts = {}
    for page in PAGE_FILES:
        for lang in ("vi", "en"):
            texts[page, lang] = page_text(run_app_page(page, lang))
    assert province in texts["overview.py", "vi"]
    if name == "phu_yen":
        names, codes, province_code = forbidden(GEOGRAPHIES_DIR / name)
        mentions = {key: sorted(set(found)) for key, text in texts.items()
                    if (found := find_mentions(text, names, codes, province_code, bare_codes=False))}
        assert mentions == {}, "a Khánh Hòa name or code on a Phú Yên page"


def _points(book) -> list[dict]:
    """Point rows of the demo as plain dicts: the first row of each code, rows with a code and a name."""
    seen, points = set(), []
    for tab in [row[2] for row in book["Huyện"].iter_rows(min_row=2, values_only=True)]:
        rows = list(book[tab].iter_rows(values_only=True))
        for row in rows[1:]:
            record = dict(zip(rows[0], row))
            if record["Mã điểm"] and record["Tên điểm tiêm chủng"] and record["Mã điểm"] not in seen:
                seen.add(record["Mã điểm"])
                points.append(record)
    return points


def test_phu_yen_overview_counts_its_own_points(use_geography):
    """Phú Yên's demo: 123 rows on nine tabs, a duplicate code and a row without code set aside
    (121 points); Sông Cầu expects one point more than it lists, and the two rows set aside still
    count as expected points of Tây Hòa and Sơn Hòa, so the target is 121 + 1 + 2 = 124."""
    folder = use_geography("phu_yen")
    book = openpyxl.load_workbook(folder / "demo.xlsx", data_only=True)
    rows = sum(book[tab].max_row - 1 for tab in [row[2] for row in book["Huyện"].iter_rows(min_row=2,
                                                                                           values_only=True)])
    assert rows == 123 and len(_points(book)) == 121
    app = run_app_page("overview.py", "vi")
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics["Điểm tiêm chủng"] == "121"
    assert metrics["Đã triển khai Hệ thống"].endswith("/ 124")
    assert app.get("html") and "Phú Yên" in page_text(app)


def test_a_wrong_geography_folder_is_said_before_any_page(monkeypatch, tmp_path):
    (tmp_path / "geography.json").write_text('{"province": "Thử", "province_code": "99"}', encoding="utf-8")
    monkeypatch.setenv(GEOGRAPHY_ENV, str(tmp_path))
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    app.run()
    assert not app.exception
    assert len(app.error) == 1
    assert "không dùng được: tệp geography.json thiếu mục “districts”" in app.error[0].value.replace("\\", "")
    assert "Traceback" not in page_text(app)
