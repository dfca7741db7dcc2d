"""A geography is a folder: both bundled folders serve, and a wrong folder is named, in Vietnamese."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from lib import DEFAULT_GEOGRAPHY, GEOGRAPHIES_DIR, PROJECT_ROOT
from lib.geography import GEOGRAPHY_ENV, GeographyError, demo_workbook, geography_folder, load_geography

PHU_YEN = GEOGRAPHIES_DIR / "phu_yen"


@pytest.mark.parametrize("folder, province, code, districts, communes, offshore", [
    (GEOGRAPHIES_DIR / "khanh_hoa", "Khánh Hòa", "56", 9, 140, 1),
    (PHU_YEN, "Phú Yên", "54", 9, 112, 0),
])
def test_bundled_folders_serve(folder, province, code, districts, communes, offshore):
    geography = load_geography(folder)
    assert (geography.province_name, geography.province_code) == (province, code)
    assert (len(geography.districts), len(geography.communes)) == (districts, communes)
    assert sum(bool(d["offshore"]) for d in geography.districts) == offshore
    assert geography.folder == folder.resolve()
    assert sum(len(geography.communes_of(d["code"])) for d in geography.districts) == communes


def test_phu_yen_units_as_its_sources_say():
    """SOURCES.md: codes 555, 557..564, and the commune count of each district."""
    geography = load_geography(PHU_YEN)
    counts = {d["code"]: len(geography.communes_of(d["code"])) for d in geography.districts}
    assert counts == {"555": 16, "557": 14, "558": 11, "559": 16, "560": 14, "561": 11, "562": 11, "563": 9,
                      "564": 10}
    assert [d["name_short"] for d in geography.districts][:3] == ["Tuy Hòa", "Sông Cầu", "Đồng Xuân"]
    # Tuy Hòa's mainland box: the demo's hospital coordinates must fall inside, a swapped pair outside.
    assert geography.contains(13.09, 109.30) and not geography.contains(109.30, 13.09)


def test_the_environment_selects_the_folder(monkeypatch):
    monkeypatch.delenv(GEOGRAPHY_ENV, raising=False)
    assert geography_folder() == DEFAULT_GEOGRAPHY.resolve()
    monkeypatch.setenv(GEOGRAPHY_ENV, "data/geographies/phu_yen")  # relative to the project root
    assert geography_folder() == PHU_YEN.resolve()
    assert load_geography().province_name == "Phú Yên"
    assert demo_workbook() == PHU_YEN.resolve() / "demo.xlsx"


def _copy(tmp_path):
    folder = tmp_path / "tinh"
    shutil.copytree(PHU_YEN, folder)
    return folder


def _edit(folder, name, change):
    path = folder / name
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


def _no_code(document):
    document["features"][3]["properties"]["code"] = ""


def _stray_district(document):
    document["features"][5]["properties"]["district_code"] = "999"


def _swapped(document):
    geometry = document["features"][2]["geometry"]
    geometry["coordinates"] = [[[lat, lon] for lon, lat in ring] for ring in geometry["coordinates"]]


def _no_label(document):
    del document["features"][0]["properties"]["label_lat"]


def _no_province(document):
    del document["province"]


@pytest.mark.parametrize("break_it, expected", [
    (lambda f: (f / "phu_yen_communes.geojson").unlink(), "thiếu tệp phu_yen_communes.geojson"),
    (lambda f: (f / "geography.json").unlink(), "thiếu tệp geography.json"),
    (lambda f: (f / "phu_yen_communes.csv").unlink(), "thiếu tệp phu_yen_communes.csv"),
    (lambda f: (f / "SOURCES.md").unlink(), "thiếu tệp SOURCES.md"),
    (lambda f: _edit(f, "geography.json", _no_province), "tệp geography.json thiếu mục “province”"),
    (lambda f: (f / "phu_yen_districts.geojson").write_text("{nope", encoding="utf-8"),
     "không đọc được tệp phu_yen_districts.geojson"),
    (lambda f: _edit(f, "phu_yen_districts.geojson", _no_code),
     "đơn vị thứ 4 trong tệp phu_yen_districts.geojson (Huyện Tuy An) không có mã"),
    (lambda f: _edit(f, "phu_yen_communes.geojson", _stray_district),
     "thuộc huyện mã 999, nhưng tệp huyện phu_yen_communes.geojson không có huyện này"),
    (lambda f: _edit(f, "phu_yen_communes.geojson", _no_label),
     "đơn vị mã 22015 trong tệp phu_yen_communes.geojson không có điểm đặt nhãn"),
    (lambda f: _edit(f, "phu_yen_districts.geojson", _swapped),
     "tọa độ của Huyện Đồng Xuân (mã 558) trong tệp phu_yen_districts.geojson không nằm ở Việt Nam"),
])
def test_a_wrong_folder_is_named_in_vietnamese(tmp_path, break_it, expected):
    folder = _copy(tmp_path)
    break_it(folder)
    with pytest.raises(GeographyError) as raised:
        load_geography(folder)
    message = raised.value.message("vi")
    assert message.startswith(f"Thư mục địa giới {folder.resolve()} không dùng được: ")
    assert expected in message
    assert raised.value.message("en").startswith("The geography folder ")


def test_a_missing_folder_says_what_the_variable_must_be(tmp_path):
    with pytest.raises(GeographyError) as raised:
        load_geography(tmp_path / "khong-co")
    assert "biến DASHBOARD_GEOGRAPHY phải là đường dẫn tới một thư mục" in raised.value.message("vi")


def _cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "lib", *map(str, args)], cwd=PROJECT_ROOT, capture_output=True,
                          text=True, env=env, timeout=120)


def test_cli_checks_the_folder_before_anything_runs(tmp_path):
    folder = _copy(tmp_path)
    _edit(folder, "phu_yen_communes.geojson", _stray_district)
    result = _cli("check-geography", folder)
    assert result.returncode == 2
    assert "không dùng được" in result.stderr and "Traceback" not in result.stderr
    # Any command, not only the check: the variable selects the folder for all of them.
    import os
    result = _cli("validate", env={**os.environ, GEOGRAPHY_ENV: str(folder)})
    assert result.returncode == 2 and "huyện mã 999" in result.stderr and "Traceback" not in result.stderr
    ok = _cli("check-geography", PHU_YEN)
    assert ok.returncode == 0 and "tỉnh Phú Yên (mã 54), 9 huyện, 112 xã" in ok.stdout


def test_check_geography_writes_a_missing_demo(tmp_path):
    folder = _copy(tmp_path)
    (folder / "demo.xlsx").unlink()
    result = _cli("check-geography", folder, "--write-demo")
    assert result.returncode == 0, result.stderr
    from lib.authoring.demo import write_demo

    expected = write_demo(tmp_path / "expected.xlsx", load_geography(PHU_YEN))
    assert (folder / "demo.xlsx").read_bytes() == expected.read_bytes()


def test_new_province_writes_the_empty_workbook_of_the_folder(tmp_path):
    import openpyxl

    from lib import schema

    out = tmp_path / "phu-yen.xlsx"
    result = _cli("new-province", PHU_YEN, out)
    assert result.returncode == 0, result.stderr
    book = openpyxl.load_workbook(out)
    districts = [d["name_short"] for d in load_geography(PHU_YEN).districts]
    assert book.sheetnames == ["Cấu hình", "Mốc thời gian", "Huyện", *districts, "Tập huấn", "Khó khăn vướng mắc"]
    settings = {row[0]: row[1] for row in book["Cấu hình"].iter_rows(min_row=2, values_only=True)}
    # Phú Yên's folder names no order: left blank for the province to fill, not another's copied in.
    assert settings == {"Tên tỉnh": "Phú Yên", "Ngày số liệu": None, "Số công văn": None, "Ngày công văn": None}
    milestones = [row[0] for row in book["Mốc thời gian"].iter_rows(min_row=2, values_only=True)]
    assert milestones == [seed[0] for seed in schema.SEED_MILESTONES]
    rows = list(book["Huyện"].iter_rows(min_row=2, values_only=True))
    assert [(row[0], row[2], row[3]) for row in rows] == [("555", "Tuy Hòa", 16), ("557", "Sông Cầu", 14),
                                                          ("558", "Đồng Xuân", 11), ("559", "Tuy An", 16),
                                                          ("560", "Sơn Hòa", 14), ("561", "Sông Hinh", 11),
                                                          ("562", "Tây Hòa", 11), ("563", "Phú Hòa", 9),
                                                          ("564", "Đông Hòa", 10)]
    for tab in districts:  # empty: headers only
        assert all(value is None for row in book[tab].iter_rows(min_row=2, values_only=True) for value in row), tab


def test_demo_for_a_geography_from_the_command_line(tmp_path):
    out = tmp_path / "demo.xlsx"
    result = _cli("demo", "--geography", PHU_YEN, out)
    assert result.returncode == 0, result.stderr
    from lib.authoring.demo import write_demo

    assert out.read_bytes() == write_demo(tmp_path / "expected.xlsx", load_geography(PHU_YEN)).read_bytes()
    bad = _cli("demo", "--geography", tmp_path / "khong-co", tmp_path / "x.xlsx")
    assert bad.returncode == 2 and "không có thư mục này" in bad.stderr and not (tmp_path / "x.xlsx").exists()


def test_the_staff_guide_takes_its_examples_from_the_geography(tmp_path):
    from lib import PROJECT_ROOT as ROOT
    from lib.authoring.docs import GUIDE_FILE, render_district_guide

    result = _cli("docs", tmp_path, "--geography", PHU_YEN)
    assert result.returncode == 0, result.stderr
    guide = (tmp_path / GUIDE_FILE).read_text(encoding="utf-8")
    assert "ví dụ `Tuy Hòa`" in guide and "`Tuy Hòa!K3`" in guide and "`Tuy Hòa: c@...`" in guide
    # The committed guide serves every province: generic examples, the same text without a geography.
    assert (ROOT / "docs" / GUIDE_FILE).read_text(encoding="utf-8") == render_district_guide()
    assert "`<tên trang>!K3`" in render_district_guide()
