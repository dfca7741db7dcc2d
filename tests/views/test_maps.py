"""The readiness map, judged on the HTML it renders (as folium's own tests do)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from lib import theme
from lib.geography import load_geography
from lib.i18n import t
from lib.views.maps import CLUSTER_THRESHOLD, build_readiness_map, escape_text
from lib.views.offline import install_assets, standalone_html, use_local_assets

HOSTILE_IMG = "<img src=x onerror=alert(1)>"
HOSTILE_TEMPLATE = "a`${alert(2)}`b"
HOSTILE_NOTES = "bad</script><script>alert(3)</script>"
HOSTILE_COMMUNE = "x\\`;alert(4);//"


@pytest.fixture(scope="module")
def geography():
    return load_geography()


def _districts(geography) -> pd.DataFrame:
    shares = (0.95, 0.7, 0.3, float("nan"), 1.0, 0.0, 0.853, 0.5, 0.6667)
    rows = []
    for district, share in zip(geography.districts, shares):
        rows.append({
            "district_code": district["code"], "district_name": district["name"], "points": 3, "points_target": 3,
            "points_ready": 0 if share != share else round(3 * share),
            "share_equipped": share, "share_trained": share, "share_live": share,
            "share_children": share, "share_ready": share,
        })
    return pd.DataFrame(rows)


def _point(code: str, name: str, district: str, lat: float, lon: float, met: int = 2, **extra) -> dict:
    flags = [i < met for i in range(4)]
    return {
        "point_code": code, "point_name": name, "district_code": district, "district_name": "",
        "commune": "Phường Vĩnh Hòa", "point_type": "trạm y tế", "map_lat": lat, "map_lon": lon,
        "equipped": flags[0], "all_trained": flags[1], "live": flags[2], "children_complete": flags[3],
        "conditions_met": met, "staff": 3, "trained_staff": 2, "eligible_children": 120,
        "children_entered": 100, "notes": pd.NA, **extra,
    }


def _points(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    for column in ("staff", "trained_staff", "eligible_children", "children_entered"):
        frame[column] = frame[column].astype("Int64")
    return frame


@pytest.fixture(scope="module")
def points():
    return _points([
        _point("P01", "Trạm Y tế Phường Vĩnh Hòa", "568", 12.27, 109.20, met=4),
        _point("P02", "Trạm Y tế Xã Cam Hải Đông", "570", 12.08, 109.15, met=0),
        _point("P03", HOSTILE_IMG, "572", 12.52, 109.06, met=1),
        _point("P04", HOSTILE_TEMPLATE, "573", 12.34, 108.82, met=3, commune=HOSTILE_COMMUNE),
        _point("P05", "Trạm Y tế Xã Sơn Bình", "575", 12.01, 108.92, notes=HOSTILE_NOTES),
        _point("P06", "Chưa có toạ độ", "574", float("nan"), float("nan")),
        _point("P07", "Trạm Y tế Thị trấn Trường Sa", "576", 8.64, 111.92, met=4),
        _point("P08", "Trạm Y tế Xã Sinh Tồn", "576", 9.88, 114.33, met=2),
    ])


def _render(geography, points, **options) -> str:
    return build_readiness_map(geography, _districts(geography), points, **options).get_root().render()


@pytest.fixture(scope="module")
def html_vi(geography, points):
    return _render(geography, points, lang="vi")


def _decoded(document: str) -> str:
    """The document with JSON's \\uXXXX escapes (used for text inside <script>) turned back into text."""
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda match: chr(int(match.group(1), 16)), document)


def _tags(document: str) -> list[str]:
    return re.findall(r"<(?:script|link)\b[^>]*>", document, flags=re.IGNORECASE)


def test_mainland_district_polygons_are_drawn(geography, html_vi):
    mainland = [d for d in geography.districts if not d["offshore"]]
    assert len(mainland) == 8
    for district in mainland:
        assert f'"code": "{district["code"]}"' in html_vi, district["name"]
    assert html_vi.count('"type": "MultiPolygon"') + html_vi.count('"type": "Polygon"') == 8


def test_offshore_district_is_a_panel_not_a_point(html_vi):
    assert '"type": "Point"' not in html_vi
    assert '"code": "576"' not in html_vi
    # The panel is JSON-encoded into a Leaflet control, so its text is \\u-escaped in the HTML.
    panel = _decoded(html_vi)
    assert "Huyện Trường Sa" in panel and "Trạm Y tế Xã Sinh Tồn" in panel and "Trạm Y tế Thị trấn Trường Sa" in panel


def test_each_mainland_point_with_coordinates_gets_one_circle_marker(html_vi):
    # 8 points: one without coordinates, two offshore (listed in the panel instead).
    assert html_vi.count("L.circleMarker(") == 5
    assert "L.marker(" not in html_vi.replace("return L.marker(", "")  # only the text labels
    assert "L.AwesomeMarkers" not in html_vi


def test_marker_colours_follow_conditions_met(html_vi):
    for met in (0, 1, 2, 3, 4):
        assert f'"fillColor": "{theme.CONDITION_COLOURS[met]}"' in html_vi


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_legend_and_tooltips_speak_the_language(geography, points, lang):
    document = _render(geography, points, lang=lang, measure="share_live")
    decoded = _decoded(document)
    for text in (t("map.measure.share_live", lang), t("map.legend.points", lang), t("map.no_data", lang),
                 t("cond.met", lang, n=4), t("status.good", lang), t("map.offshore", lang)):
        assert text in decoded, text
    if lang == "vi":
        assert "85,3 %" in decoded and "Điểm tiêm sẵn sàng: 3/3" in decoded
    else:
        assert "85.3%" in decoded and "Points ready: 3/3" in decoded


def test_selected_district_has_a_thicker_outline(geography, points):
    plain = _render(geography, points)
    chosen = _render(geography, points, selected_district="572")
    assert '"weight": 4' not in plain
    assert chosen.count('"weight": 4') == 1


def test_rendered_map_links_nothing_outside_the_app(html_vi):
    tags = _tags(html_vi)
    assert any('src="/app/static/vendor/leaflet.js"' in tag for tag in tags)
    for tag in tags:
        assert not re.search(r"https?://|cdn|//[a-z]", tag, flags=re.IGNORECASE), tag
    for unneeded in ("bootstrap", "font-awesome", "fontawesome", "awesome-markers"):
        assert unneeded not in html_vi.lower()


def test_cluster_links_are_local_too(geography, points):
    document = _render(geography, points, cluster=True)
    tags = _tags(document)
    assert any("/app/static/vendor/leaflet.markercluster.js" in tag for tag in tags)
    assert any("/app/static/vendor/MarkerCluster.Default.css" in tag for tag in tags)
    for tag in tags:
        assert not re.search(r"https?://|cdn", tag, flags=re.IGNORECASE), tag


def test_no_base_tiles_by_default_but_optional(geography, points, html_vi):
    assert "tileLayer" not in html_vi and "openstreetmap" not in html_vi.lower()
    online = _render(geography, points, tiles="OpenStreetMap")
    assert "L.tileLayer(" in online


def test_local_assets_follow_the_base_url_path(geography, points):
    folium_map = build_readiness_map(geography, _districts(geography), points, cluster=True)
    use_local_assets(folium_map, base_url_path="/dashboard/")
    tags = _tags(folium_map.get_root().render())
    assert any('src="/dashboard/app/static/vendor/leaflet.js"' in tag for tag in tags)
    assert not any('"/app/static' in tag for tag in tags)


def test_standalone_html_inlines_leaflet(geography, points):
    folium_map = build_readiness_map(geography, _districts(geography), points, cluster=True)
    document = standalone_html(folium_map, title="Bản đồ")
    assert "Leaflet" in document and "L.markerClusterGroup" in document and "jQuery" in document
    assert "<title>Bản đồ</title>" in document
    for tag in _tags(document):
        assert "src=" not in tag and "href=" not in tag, tag
    assert "url(images/" not in document  # the layer-control icon is a data URI


def test_a_shared_map_is_rendered_once_by_one_thread(geography, points, monkeypatch):
    # One map object serves every session with the same figures, and rendering changes it (folium adds
    # each layer's addTo again at every render): downloads at the same moment take turns, the map is
    # rendered once, and every download gets the same whole document.
    from concurrent.futures import ThreadPoolExecutor

    from lib.views.offline import RENDERING

    folium_map = build_readiness_map(geography, _districts(geography), points, cluster=True)
    root, held = folium_map.get_root(), []
    render = root.render
    monkeypatch.setattr(root, "render", lambda **options: held.append(RENDERING.locked()) or render(**options))
    with ThreadPoolExecutor(4) as pool:
        documents = list(pool.map(lambda _: standalone_html(folium_map), range(4)))
    assert held == [True]
    assert len(set(documents)) == 1 and "L.markerClusterGroup" in documents[0]
    assert standalone_html(folium_map) == documents[0] and held == [True]
    assert standalone_html(folium_map, title="Bản đồ") != documents[0] and held == [True, True]


def test_install_assets_copies_the_vendored_files(tmp_path):
    install_assets(tmp_path)
    install_assets(tmp_path)  # idempotent
    vendor = tmp_path / "vendor"
    for name in ("leaflet.js", "leaflet.css", "jquery.min.js", "leaflet.markercluster.js",
                 "MarkerCluster.css", "MarkerCluster.Default.css", "images/layers.png"):
        assert (vendor / name).stat().st_size > 0, name


@pytest.mark.parametrize("cluster", [False, True])
def test_sheet_text_cannot_inject(geography, points, cluster):
    document = _render(geography, points, cluster=cluster)
    for raw in (HOSTILE_IMG, HOSTILE_TEMPLATE, HOSTILE_NOTES, "${alert", "alert(3)</script>", HOSTILE_COMMUNE):
        assert raw not in document, raw
    # One </script> per <script>: nothing from the sheet closes a script element early.
    assert document.count("</script>") == len(re.findall(r"<script\b", document))
    if not cluster:
        assert escape_text(HOSTILE_IMG) in document and escape_text(HOSTILE_TEMPLATE) in document


def test_escape_text_neutralises_html_and_template_literals():
    assert escape_text("a`${b}`\\c<d>&'\"") == "a&#96;&#36;&#123;b&#125;&#96;&#92;c&lt;d&gt;&amp;&#x27;&quot;"
    assert escape_text(pd.NA) == "" and escape_text(None) == "" and escape_text(float("nan")) == ""


def test_offshore_and_hostile_district_names_are_escaped(geography, points):
    table = _districts(geography)
    table["district_name"] = HOSTILE_IMG
    document = build_readiness_map(geography, table, points).get_root().render()
    assert HOSTILE_IMG not in document


def test_many_points_are_clustered_in_one_loop(geography):
    rng = pd.Series(range(13_000))
    frame = _points([_point(f"P{i:05d}", f"Điểm {i}", "568", 12.0 + (i % 100) * 0.008, 108.7 + (i // 100) * 0.005,
                            met=i % 5) for i in rng])
    assert len(frame) > CLUSTER_THRESHOLD
    document = _render(geography, frame)
    assert document.count("L.circleMarker(") == 1
    assert "L.markerClusterGroup(" in document
    assert "Điểm 12999" in _decoded(document)


def test_map_has_a_zoom_range_without_tiles(html_vi):
    # Leaflet.markercluster throws "Map has no maxZoom specified" on a map with no tile layer.
    assert re.search(r'"maxZoom": \d+', html_vi) and re.search(r'"minZoom": \d+', html_vi)


def test_small_tables_are_not_clustered_unless_asked(geography, points, html_vi):
    assert "L.markerClusterGroup(" not in html_vi
    assert "L.markerClusterGroup(" in _render(geography, points, cluster=True)


def test_unknown_measure_is_refused(geography, points):
    with pytest.raises(ValueError):
        build_readiness_map(geography, _districts(geography), points, measure="share_bogus")


def test_empty_tables_still_draw_the_province(geography):
    empty_points = _points([_point("P", "x", "568", 12.2, 109.2)]).iloc[0:0]
    document = build_readiness_map(geography, pd.DataFrame(), empty_points).get_root().render()
    assert document.count('"type": "Feature"') == 8
    assert "L.circleMarker(" not in document


@pytest.mark.parametrize("folder, polygons, panels", [("khanh_hoa", 8, 1), ("phu_yen", 9, 0)])
def test_each_geography_draws_its_own_districts(folder, polygons, panels):
    """The same builder on each bundled folder: its mainland districts drawn, its islands (if any) in a
    corner panel, a point at a commune's label where the commune is, and only its own names."""
    from lib import GEOGRAPHIES_DIR
    from tests.test_geography_names import find_mentions, forbidden

    geography = load_geography(GEOGRAPHIES_DIR / folder)
    commune = next(c for c in geography.communes if not c["offshore"])
    points = _points([_point("P01", f"Trạm Y tế {commune['name']}", commune["district_code"],
                             commune["label_lat"], commune["label_lon"], met=4, commune=commune["name"])])
    document = _render(geography, points, lang="vi")
    mainland = [d for d in geography.districts if not d["offshore"]]
    assert len(mainland) == polygons
    assert document.count('"type": "MultiPolygon"') + document.count('"type": "Polygon"') == polygons
    for district in mainland:
        assert f'"code": "{district["code"]}"' in document, district["name"]
    assert document.count("L.circleMarker(") == 1
    text = _decoded(document)
    assert all(d["name_short"] in text for d in geography.districts)
    assert sum(f"{d['name']}" in text for d in geography.districts if d["offshore"]) == panels
    if folder == "phu_yen":
        names, codes, province_code = forbidden(geography.folder)
        assert find_mentions(text, names, codes, province_code, bare_codes=False) == []
