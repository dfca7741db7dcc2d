"""What the pages offer for download: each file builds, has the right type and an ASCII, dated name."""

from __future__ import annotations

import io
import re
import zipfile

from PIL import Image

from lib.exports import file_stem
from lib.exports.downloads import (DOCX, HTML, PNG, SVG, XLSX, chart_downloads, map_download, report_download,
                                   summary_download, tables_download)
from lib.views.charts import build_sessions_chart
from lib.views.maps import build_readiness_map

NAME = re.compile(r"^[a-z0-9-]+-20170520\.(png|svg|xlsx|docx|html)$")


def _check(download, mime: str):
    assert download.mime == mime
    assert NAME.match(download.file_name), download.file_name
    kwargs = download.kwargs()
    assert kwargs["on_click"] == "ignore" and callable(kwargs["data"]) and kwargs["key"].startswith("download_")
    return download.data()


def test_chart_png_and_svg(demo_rollout):
    chart = build_sessions_chart(demo_rollout.sessions)
    png, svg = chart_downloads(chart, "lop-tap-huan", "Các lớp tập huấn", "Tỉnh Khánh Hòa", demo_rollout.as_of)
    assert png.file_name == "lop-tap-huan-20170520.png" and png.key != svg.key
    assert Image.open(io.BytesIO(_check(png, PNG))).format == "PNG"
    assert _check(svg, SVG).lstrip().startswith("<svg")


def test_office_files_are_zip_packages(demo_rollout, demo_dataset):
    for download, mime, part in ((tables_download(demo_rollout, "Khánh Hòa"), XLSX, "xl/workbook.xml"),
                                 (report_download(demo_dataset, demo_rollout), DOCX, "word/document.xml"),
                                 (report_download(demo_dataset, demo_rollout, "vi", "570", "Huyện Cam Lâm"), DOCX,
                                  "word/document.xml"),
                                 (tables_download(demo_rollout, "Khánh Hòa", "vi", "570", "Huyện Cam Lâm"), XLSX,
                                  "xl/workbook.xml")):
        with zipfile.ZipFile(io.BytesIO(_check(download, mime))) as package:
            assert part in package.namelist()
    assert report_download(demo_dataset, demo_rollout, "vi", "570", "Huyện Cam Lâm").file_name == \
        "bao-cao-trien-khai-huyen-cam-lam-20170520.docx"


def test_summary_image(demo_rollout):
    download = summary_download(demo_rollout, "Khánh Hòa")
    assert download.file_name == "tom-tat-khanh-hoa-20170520.png"
    assert Image.open(io.BytesIO(_check(download, PNG))).size == (1080, 1920)


def test_map_is_one_offline_html_file(demo_rollout, geography):
    folium_map = build_readiness_map(geography, demo_rollout.district_readiness, demo_rollout.point_status)
    document = _check(map_download(folium_map, "Khánh Hòa", demo_rollout.as_of), HTML)
    assert "<title>Bản đồ triển khai tỉnh Khánh Hòa - số liệu đến ngày 20/05/2017</title>" in document
    assert not re.search(r"<(script|link)[^>]+(src|href)=\"(https?:)?//", document)
    assert "L.map" in document or "L.Map" in document  # Leaflet is inlined, the map is drawn by it


def test_file_stem_is_ascii():
    assert file_stem("Bản đồ", "Khánh Hòa") == "ban-do-khanh-hoa"
    assert file_stem("  ") == "xuat"
