"""Chart files: valid PNG and SVG of the expected size, Vietnamese text and number formats intact."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ElementTree

import pytest
from PIL import Image

from lib.exports.charts import EXPORT_WIDTH, PNG_SCALE, export_spec, render_chart_png, render_chart_svg
from lib.views.charts import (build_district_training_chart, build_milestone_timeline_chart, build_sessions_chart,
                              build_training_curve_chart)


@pytest.fixture(scope="module")
def charts(demo_rollout):
    r = demo_rollout
    staff = int(r.district_readiness["staff"].sum())
    return {
        "curve": build_training_curve_chart(r.training_curve, staff, r.go_live_deadline, r.as_of, "vi"),
        "by_district": build_district_training_chart(r.training_by_district, "vi"),
        "sessions": build_sessions_chart(r.sessions, "vi"),
        "timeline": build_milestone_timeline_chart(r.countdowns, r.as_of, "vi"),  # dates held as `date` objects
    }


@pytest.mark.parametrize("name", ["curve", "by_district", "sessions", "timeline"])
def test_png_is_a_valid_image_at_twice_the_export_width(charts, name):
    data = render_chart_png(charts[name], title="Tập huấn", subtitle="Tỉnh Khánh Hòa")
    image = Image.open(io.BytesIO(data))
    image.verify()
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    width, height = image.size
    assert PNG_SCALE * EXPORT_WIDTH <= width <= PNG_SCALE * (EXPORT_WIDTH + 400), image.size
    assert height >= PNG_SCALE * 140
    assert image.convert("L").getextrema()[0] < 100  # something dark was drawn, not a blank page


@pytest.mark.parametrize("name", ["curve", "by_district", "sessions", "timeline"])
def test_svg_is_well_formed_and_keeps_vietnamese_text(charts, name):
    svg = render_chart_svg(charts[name], title="Số cán bộ được tập huấn", subtitle="Tỉnh Khánh Hòa")
    root = ElementTree.fromstring(svg)
    assert root.tag.endswith("svg")
    assert float(root.get("width")) >= EXPORT_WIDTH
    assert "Số cán bộ được tập huấn" in svg and "Tỉnh Khánh Hòa" in svg


def test_district_names_and_vietnamese_numbers_reach_the_file(charts):
    svg = render_chart_svg(charts["by_district"])
    assert "Huyện Khánh Vĩnh" in svg and "Thành phố Nha Trang" in svg
    curve = render_chart_svg(charts["curve"])
    assert "Tổng số cán bộ: 644" in curve


def test_the_page_chart_is_left_untouched(charts):
    before = charts["curve"].to_dict()
    spec, locale = export_spec(charts["curve"], title="x")
    assert spec["width"] == EXPORT_WIDTH and before.get("width") == "container"
    assert charts["curve"].to_dict() == before
    assert locale == {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " ₫"]}
    assert spec["config"]["font"]  # a system font with Vietnamese glyphs, or sans-serif
