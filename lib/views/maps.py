"""The readiness map: districts coloured by a readiness share, vaccination points by conditions met.

Pure vector and offline: no base tiles unless asked, no image icons, every script from the app
(see `lib.views.offline`). Offshore units (an island district hundreds of kilometres out) are
not drawn at their place, which would shrink the mainland to a corner, but in a corner panel.
Every string that comes from the sheet passes through `escape_text` before it reaches the map.
"""

from __future__ import annotations

import html
import json
import math

import folium
import pandas as pd
from folium.plugins import FastMarkerCluster
from folium.template import Template

from lib import theme
from lib.geography import Geography
from lib.i18n import t
from lib.metrics.readiness import CONDITIONS, MEASURE_LABELS, MEASURES
from lib.views.format import format_counted, format_number, format_share
from lib.views.offline import use_local_assets

# Above this many points the markers are clustered in the browser (one script loop, no DOM
# element per point until zoomed in); below it each point is its own CircleMarker.
CLUSTER_THRESHOLD = 500
POINT_RADIUS = 6
NOTES_LIMIT = 200
MIN_ZOOM, MAX_ZOOM = 5, 18
TEXT_PX = 12  # labels, tooltips and panels on a page; a projector asks for more (`text_px`)
FOLD_PANELS_BELOW_PX = 560  # a map narrower than this (a phone) starts with its legend and inset folded

# What a point's marker, tooltip and offshore line read of `readiness.compute_point_status`'s table.
POINT_COLUMNS = ("district_code", "map_lat", "map_lon", "point_name", "commune", "conditions_met",
                 *(condition.key for condition in CONDITIONS), "trained_counted", "staff", "trained_staff",
                 "children_counted", "eligible_children", "children_entered", "notes")

_NEUTRALISE = str.maketrans({"`": "&#96;", "$": "&#36;", "{": "&#123;", "}": "&#125;", "\\": "&#92;"})


def escape_text(value) -> str:
    """Sheet text made inert in HTML *and* inside a JavaScript template literal ('' for blanks).

    folium puts tooltip HTML between backticks, so a backtick, `${`, or a backslash in a name
    would otherwise end the literal or run code; `<` and `&` are escaped as usual.
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True).translate(_NEUTRALISE)


def _is_missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _flag(value) -> bool:
    return False if _is_missing(value) else bool(value)


def _mark(met: bool) -> str:
    status = theme.GOOD if met else theme.BAD
    return f'<span style="color:{status.colour};font-weight:bold">{status.symbol}</span>'


def _swatch(colour: str, round_: bool = False, opacity: float = 1.0) -> str:
    radius = "50%" if round_ else "2px"
    return (f'<span style="display:inline-block;width:12px;height:12px;margin-right:6px;'
            f'vertical-align:-1px;background:{colour};opacity:{opacity};border:1px solid {theme.BOUNDARY};'
            f'border-radius:{radius}"></span>')


def _status_html(share, lang: str) -> str:
    status = theme.status_of_share(share)
    return (f'<span style="color:{status.colour};font-weight:bold">{status.symbol}</span> '
            f'{escape_text(t("status." + status.key, lang))}')


def _panel_style(extra: str = "") -> str:
    return (f"display:inline-block;box-sizing:border-box;background:{theme.PANEL};color:{theme.INK};"
            f"padding:6px 9px;border-radius:4px;border:1px solid {theme.BOUNDARY};font:12px/1.45 sans-serif;"
            f"max-width:300px;{extra}")


def _folding(title: str, body: str) -> str:
    """A panel's content that folds to its title (a <details>, open unless the map is narrow)."""
    return f'<details open><summary>{title}</summary>{body}</details>'


class _HtmlControl(folium.MacroElement):
    """A Leaflet control holding fixed HTML (already escaped), e.g. the legend or an inset."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: {{ this.position|tojson }}});
        {{ this.get_name() }}.onAdd = function (map) {
            var div = L.DomUtil.create("div", {{ this.css_class|tojson }});
            div.innerHTML = {{ this.html|tojson }};
            // On a phone the open panels would cover the province: fold them to their title, and
            // again whenever the map crosses that width (a phone turned, a window resized).
            var details = div.querySelector("details"), narrow = null;
            function fold() {
                var now = (map.getSize().x || window.innerWidth) < {{ this.fold_below }};
                if (details && now !== narrow) { details.open = !now; narrow = now; }
            }
            fold();
            map.on("resize", fold);
            L.DomEvent.disableClickPropagation(div);
            L.DomEvent.disableScrollPropagation(div);
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, html_text: str, position: str, css_class: str, fold_below: int = FOLD_PANELS_BELOW_PX):
        super().__init__()
        self._name = "HtmlControl"
        self.html = html_text
        self.position = position
        self.css_class = css_class
        self.fold_below = int(fold_below)


class _Labels(folium.MacroElement):
    """District names as text at their label points; not interactive, so clicks reach the polygon."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        // Own pane: above the district fills, below the point clusters (markerPane is 600).
        if (!{{ this._parent.get_name() }}.getPane("nisLabels")) {
            var pane = {{ this._parent.get_name() }}.createPane("nisLabels");
            pane.style.zIndex = 450;
            pane.style.pointerEvents = "none";
        }
        var {{ this.get_name() }} = L.layerGroup({{ this.labels|tojson }}.map(function (label) {
            return L.marker([label[0], label[1]], {
                interactive: false, keyboard: false, pane: "nisLabels",
                icon: L.divIcon({className: "nis-district-label", html: label[2], iconSize: null})
            });
        })).addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, labels: list[list]):
        super().__init__()
        self._name = "Labels"
        self.labels = labels


class _PointMarkers(folium.MacroElement):
    """Every point as a circle marker with its (already escaped) tooltip, all in one element.

    Not one folium CircleMarker + Tooltip per point: branca compiles each element's rendered
    script as a Jinja template, about 2 ms an element, which made most of a map page's rerun.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        {%- for point in this.points %}
        L.circleMarker({{ point.location|tojson }}, {{ point.options|tojson }})
            .bindTooltip(`{{ point.tooltip }}`, {"sticky": true})
            .addTo({{ this._parent.get_name() }});
        {%- endfor %}
        {% endmacro %}
    """)

    def __init__(self, points: list[dict]):
        super().__init__()
        self._name = "PointMarkers"
        self.points = points


class _Surface(folium.MacroElement):
    """Map background and label styling, set from script so it also works inside streamlit-folium."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.getContainer().style.background = {{ this.background|tojson }};
        L.control.scale({imperial: false}).addTo({{ this._parent.get_name() }});  // kilometres only
        {{ this._parent.get_name() }}.attributionControl.setPrefix(
            '<a href="https://leafletjs.com" target="_blank" rel="noopener">Leaflet</a>');
        (function () {
            var style = document.createElement("style");
            style.textContent = {{ this.css|tojson }};
            document.head.appendChild(style);
        })();
        {% endmacro %}
    """)

    def __init__(self, text_px: int = TEXT_PX):
        super().__init__()
        self._name = "Surface"
        self.background = theme.MAP_BACKGROUND
        halo = theme.PANEL
        self.css = (
            ".nis-district-label{background:none;border:none;width:auto!important;height:auto!important;}"
            ".nis-district-label div{transform:translate(-50%,-50%);white-space:nowrap;text-align:center;"
            f"font:bold {text_px}px/1.2 sans-serif;color:{theme.INK};pointer-events:none;"
            f"text-shadow:0 0 3px {halo},0 0 3px {halo},0 0 2px {halo};}}"
            ".nis-district-label span{font-weight:normal;}"
            f".leaflet-tooltip{{font:{text_px}px/1.45 sans-serif;color:{theme.INK};}}"
            ".nis-legend summary,.nis-offshore summary{cursor:pointer;}"
        )
        if text_px != TEXT_PX:  # the panels' inline 12 px type, scaled with their width and swatches
            scale = text_px / TEXT_PX
            self.css += (f".nis-legend>div,.nis-offshore>div{{font-size:{text_px}px!important;"
                         f"max-width:{round(300 * scale)}px!important;padding:{round(6 * scale)}px {round(9 * scale)}px!important}}"
                         f".nis-legend>div span[style*='width:12px'],.nis-offshore>div span[style*='width:12px']"
                         f"{{width:{text_px}px!important;height:{text_px}px!important}}")


class _FitMainland(folium.MacroElement):
    """Fit the mainland, keeping it clear of the corner panels when the map is wide enough for that."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map) {
            var container = map.getContainer();
            // Measure the panel's own box (inline-block): leaflet.css may not have loaded yet.
            function width(selector) {
                var panel = container.querySelector(selector + " > div");
                return panel ? panel.offsetWidth + 20 : 8;
            }
            var left = width(".nis-offshore"), right = width(".nis-legend"), room = map.getSize().x;
            // Clear both panels when there is room; on a narrow map clearing one pushes the
            // province under the other, so centre it and let the panels overlap its corners.
            if (room - left - right < {{ this.min_width|tojson }}) { left = right = 8; }
            map.fitBounds({{ this.bounds|tojson }}, {paddingTopLeft: [left, 8], paddingBottomRight: [right, 8]});
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, bounds: list[list[float]], min_width: int = 320):
        super().__init__()
        self._name = "FitMainland"
        self.bounds = bounds
        self.min_width = min_width


def _district_rows(district_readiness: pd.DataFrame, codes: set[str]) -> dict[str, dict]:
    """The rows of the districts the map draws (`codes`), by code: a country's table has hundreds of others."""
    if district_readiness is None or district_readiness.empty:
        return {}
    drawn = district_readiness.loc[[str(code) in codes for code in district_readiness["district_code"]]]
    return {str(row["district_code"]): row.to_dict() for _, row in drawn.iterrows()}


def _share(row: dict | None, measure: str) -> float:
    value = None if row is None else row.get(measure)
    return float("nan") if _is_missing(value) else float(value)


def _points_counts(row: dict | None) -> tuple[int, int]:
    """(points ready, points target): the count and the denominator of the district's shares."""
    if row is None:
        return 0, 0
    ready = 0 if _is_missing(row.get("points_ready")) else int(row["points_ready"])
    total = 0 if _is_missing(row.get("points_target")) else int(row["points_target"])
    return ready, total


def _district_summary(row: dict | None, measure: str, lang: str) -> str:
    share = _share(row, measure)
    ready, total = _points_counts(row)
    value = format_share(share, lang) if not math.isnan(share) else t("map.no_data", lang)
    return (f"{escape_text(t(MEASURE_LABELS[measure], lang))}: <b>{escape_text(value)}</b><br>"
            f"{escape_text(t('map.points_ready', lang, ready=format_number(ready, lang), total=format_number(total, lang)))}"
            f"<br>{_status_html(share, lang)}")


def _district_tooltip(name: str, row: dict | None, measure: str, lang: str) -> str:
    return f"<b>{escape_text(name)}</b><br>{_district_summary(row, measure, lang)}"


def _count_pair(key: str, lang: str, counted, total, raw) -> str:
    """' (12/15 cán bộ)' from an i18n key ('{pair} cán bộ'), the count as counted, its total and
    the sheet's own value (said when it differs); '' when nothing is known."""
    if _is_missing(total) and _is_missing(raw):
        return ""
    return " (" + escape_text(t(key, lang, pair=format_counted(counted, total, raw, lang))) + ")"


def _point_tooltip(point: dict, lang: str) -> str:
    """Name, commune, n/4 conditions and each condition ✔/✖ (with staff and children counts)."""
    met = _met(point)
    lines = [f"<b>{escape_text(point.get('point_name'))}</b>"]
    if escape_text(point.get("commune")):
        lines.append(escape_text(point.get("commune")))
    lines.append(f"<b>{escape_text(t('cond.met', lang, n=met))}</b>")
    details = {
        "all_trained": _count_pair("map.staff", lang, point.get("trained_counted"), point.get("staff"),
                                   point.get("trained_staff")),
        "children_complete": _count_pair("map.children", lang, point.get("children_counted"),
                                         point.get("eligible_children"), point.get("children_entered")),
    }
    for condition in CONDITIONS:
        lines.append(f"{_mark(_flag(point.get(condition.key)))} {escape_text(t(condition.label, lang))}"
                     f"{details.get(condition.key, '')}")
    notes = escape_text(_truncate(point.get("notes")))
    if notes:
        lines.append(f'<i style="color:{theme.MUTED}">{notes}</i>')
    return '<div style="min-width:200px;max-width:300px;white-space:normal">' + "<br>".join(lines) + "</div>"


def _truncate(value) -> str | None:
    if _is_missing(value):
        return None
    text = str(value)
    return text if len(text) <= NOTES_LIMIT else text[: NOTES_LIMIT - 1] + "…"


def _met(point: dict) -> int:
    value = point.get("conditions_met")
    return 0 if _is_missing(value) else max(0, min(4, int(value)))


def _cluster_callback(lang: str) -> str:
    """JavaScript that draws one clustered point from a compact row [lat, lon, met, flags, name, commune].

    Mirrors `_point_tooltip` without the counts and notes, to keep country-scale data small.
    Every string in it is already escaped; json + \\u003c keeps it inert inside <script>.
    """
    constants = {
        "colours": list(theme.CONDITION_COLOURS),
        "met": [escape_text(t("cond.met", lang, n=n)) for n in range(5)],
        "conditions": [escape_text(t(condition.label, lang)) for condition in CONDITIONS],
        "yes": _mark(True),
        "no": _mark(False),
        "ink": theme.INK,
        "radius": POINT_RADIUS,
    }
    encoded = json.dumps(constants).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return """(function () {
        var c = %s;
        return function (row) {
            var marker = L.circleMarker(new L.LatLng(row[0], row[1]), {
                radius: c.radius, color: c.ink, weight: 1, fillColor: c.colours[row[2]], fillOpacity: 1
            });
            var lines = ["<b>" + row[4] + "</b>"];
            if (row[5]) { lines.push(row[5]); }
            lines.push("<b>" + c.met[row[2]] + "</b>");
            for (var i = 0; i < c.conditions.length; i++) {
                lines.push(((row[3] >> i) & 1 ? c.yes : c.no) + " " + c.conditions[i]);
            }
            marker.bindTooltip('<div style="min-width:200px;max-width:300px;white-space:normal">' + lines.join("<br>") + "</div>",
                               {sticky: true});
            return marker;
        };
    })()""" % encoded


def _cluster_icon() -> str:
    # Dark grey, not a colour of the share ramp or of the markers: a count, not a status.
    return """function (cluster) {
        var n = cluster.getChildCount();
        var size = n < 100 ? 30 : (n < 1000 ? 36 : 44);
        return L.divIcon({
            html: '<div style="box-sizing:border-box;width:' + size + 'px;height:' + size + 'px;'
                + 'font:bold 12px/' + (size - 4) + 'px sans-serif;text-align:center;border-radius:50%%;'
                + 'background:%s;color:%s;opacity:0.85;border:2px solid %s">' + n + '</div>',
            className: "nis-cluster", iconSize: L.point(size, size)
        });
    }""" % (theme.INK, theme.PANEL, theme.PANEL)


def _heading(text: str) -> str:
    return f'<div style="font-weight:bold;margin-top:5px">{escape_text(text)}</div>'


def _legend_html(measure: str, lang: str, fill_opacity: float) -> str:
    rows = [f"<b>{escape_text(t(MEASURE_LABELS[measure], lang))}</b>",
            f'<span style="color:{theme.MUTED}">{escape_text(t("map.legend.share", lang))}</span>']
    bins = theme.SHARE_BINS
    for lower, upper, colour in zip(bins[:-1], bins[1:], theme.SHARE_COLOURS):
        low = format_share(lower, lang, digits=0).replace("%", "").strip()
        rows.append(f"{_swatch(colour, opacity=fill_opacity)}{escape_text(low)}–{escape_text(format_share(upper, lang, digits=0))}")
    rows.append(f"{_swatch(theme.UNKNOWN.colour, opacity=fill_opacity)}{escape_text(t('map.no_data', lang))}")
    rows.append(_heading(t("map.legend.status", lang)))
    good, warn = theme.GOOD_SHARE, theme.WARN_SHARE
    thresholds = {
        "good": f"≥ {format_share(good, lang, digits=0)}",
        "warn": f"{format_share(warn, lang, digits=0)} – {format_share(good, lang, digits=0)}",
        "bad": f"< {format_share(warn, lang, digits=0)}",
    }
    for status in (theme.GOOD, theme.WARN, theme.BAD):
        rows.append(f'<span style="color:{status.colour};font-weight:bold">{status.symbol}</span> '
                    f"{escape_text(t('status.' + status.key, lang))} {escape_text(thresholds[status.key])}")
    rows.append(_heading(t("map.legend.points", lang)))
    for n in range(4, -1, -1):
        rows.append(f"{_swatch(theme.CONDITION_COLOURS[n], round_=True)}{escape_text(t('cond.met', lang, n=n))}")
    body = "".join(f"<div>{row}</div>" for row in rows[1:])
    return f'<div style="{_panel_style()}">' + _folding(rows[0], body) + "</div>"


def _offshore_html(unit: dict, row: dict | None, points: list[dict], measure: str, lang: str,
                   selected: bool, limit: int = 6) -> str:
    share = _share(row, measure)
    border = f"border:{3 if selected else 1}px solid {theme.INK if selected else theme.BOUNDARY};"
    lines = [f"{_swatch(theme.share_colour(share))}<b>{escape_text(unit.get('name'))}</b>",
             f'<span style="color:{theme.MUTED}">{escape_text(t("map.offshore", lang))}</span>',
             _district_summary(row, measure, lang)]
    if not points:
        lines.append(f'<span style="color:{theme.MUTED}">{escape_text(t("map.offshore.none", lang))}</span>')
    for point in points[:limit]:
        met = _met(point)
        lines.append(f'<span title="{escape_text(t("cond.met", lang, n=met))}">'
                     f"{_swatch(theme.CONDITION_COLOURS[met], round_=True)}</span>"
                     f"{escape_text(point.get('point_name'))} · {escape_text(t('cond.met', lang, n=met))}")
    if len(points) > limit:
        lines.append(escape_text(t("map.offshore.more", lang, n=format_number(len(points) - limit, lang))))
    return f'<div style="{_panel_style(border)}">' + _folding(lines[0], "<br>".join(lines[1:])) + "</div>"


def build_readiness_map(
    geography: Geography,
    district_readiness: pd.DataFrame,
    point_status: pd.DataFrame,
    measure: str = "share_ready",
    lang: str = "vi",
    selected_district: str | None = None,
    cluster: bool | None = None,
    tiles: str | None = None,
    text_px: int = TEXT_PX,
) -> folium.Map:
    """Districts coloured by `measure`, points by conditions met, offshore units in a corner panel.

    `district_readiness` is `readiness.compute_district_readiness`'s table (a district's tooltip
    shows its `measure` share and `points_ready` of `points_target`); `point_status` is
    `readiness.compute_point_status`'s (a point's tooltip shows its conditions and its counted
    staff and children). Raises ValueError for a measure not in `readiness.MEASURES`.

    `cluster=None` clusters the points when there are more than CLUSTER_THRESHOLD of them.
    `tiles` (e.g. "OpenStreetMap") adds a switchable base map that needs Internet; by default
    there is none and the map is complete offline. `text_px` is the size of the district labels,
    tooltips and corner panels (a presentation asks for type readable across a room).
    """
    if measure not in MEASURES:
        raise ValueError(f"unknown measure {measure!r}; expected one of {MEASURES}")
    selected = None if selected_district is None else str(selected_district)
    rows = _district_rows(district_readiness,
                          {str(feature["properties"]["code"]) for feature in geography.districts_geojson["features"]})
    # Opaque fills match the legend exactly; over base tiles, let the streets show through.
    fill_opacity = 0.7 if tiles else 1.0

    min_lon, min_lat, max_lon, max_lat = geography.mainland_bounds()
    folium_map = folium.Map(location=[(min_lat + max_lat) / 2, (min_lon + max_lon) / 2], zoom_start=9,
                            tiles=None, zoom_snap=0.25, control_scale=False)
    # Without tiles the map has no zoom range of its own, and the marker cluster refuses to start.
    folium_map.options.update(min_zoom=MIN_ZOOM, max_zoom=MAX_ZOOM)
    _Surface(text_px).add_to(folium_map)
    if tiles:
        folium.TileLayer(tiles, name=t("map.tiles", lang), overlay=False, show=True).add_to(folium_map)

    mainland, offshore = [], []
    for feature in geography.districts_geojson["features"]:
        (offshore if feature["properties"].get("offshore") else mainland).append(feature)
    offshore_codes = {str(feature["properties"]["code"]) for feature in offshore}

    # The polygons carry only what the tooltip and a click need: the click returns `code`.
    features = []
    labels = []
    for feature in mainland:
        props = feature["properties"]
        code = str(props["code"])
        row = rows.get(code)
        share = _share(row, measure)
        features.append({
            "type": "Feature",
            "id": code,
            "geometry": feature["geometry"],
            "properties": {
                "code": code,
                "name": escape_text(props.get("name")),
                "fill": theme.share_colour(share),
                "tooltip": _district_tooltip(props.get("name"), row, measure, lang),
            },
        })
        value = format_share(share, lang, digits=0) if not math.isnan(share) else ""
        labels.append([props["label_lat"], props["label_lon"],
                       f"<div>{escape_text(props.get('name_short') or props.get('name'))}"
                       f"<br><span>{escape_text(value)}</span></div>"])

    def style(feature):
        chosen = feature["properties"]["code"] == selected
        return {"fillColor": feature["properties"]["fill"], "fillOpacity": fill_opacity, "color": theme.INK if chosen
                else theme.BOUNDARY, "weight": 4 if chosen else 1.2, "opacity": 1}

    def highlight(feature):
        return {"weight": 3, "color": theme.INK}

    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name=t("map.legend.share", lang),
        style_function=style,
        highlight_function=highlight,
        tooltip=folium.GeoJsonTooltip(fields=["tooltip"], labels=False, sticky=True),
    ).add_to(folium_map)
    _Labels(labels).add_to(folium_map)

    # Points: mainland ones on the map, offshore ones listed in their unit's panel (only the columns they show).
    points = [] if point_status is None else point_status[
        [column for column in POINT_COLUMNS if column in point_status.columns]].to_dict("records")
    on_map, by_offshore = [], {code: [] for code in offshore_codes}
    for point in points:
        code = str(point.get("district_code"))
        if code in offshore_codes:
            by_offshore[code].append(point)
        elif not (_is_missing(point.get("map_lat")) or _is_missing(point.get("map_lon"))):
            on_map.append(point)

    use_cluster = len(on_map) > CLUSTER_THRESHOLD if cluster is None else bool(cluster)
    if use_cluster:
        data = [[float(p["map_lat"]), float(p["map_lon"]), _met(p),
                 sum(1 << i for i, condition in enumerate(CONDITIONS) if _flag(p.get(condition.key))),
                 escape_text(p.get("point_name")), escape_text(p.get("commune"))] for p in on_map]
        FastMarkerCluster(data, callback=_cluster_callback(lang), name=t("map.legend.points", lang),
                          icon_create_function=_cluster_icon(), disable_clustering_at_zoom=13,
                          show_coverage_on_hover=False).add_to(folium_map)
    else:
        layer = folium.FeatureGroup(name=t("map.legend.points", lang)).add_to(folium_map)
        _PointMarkers([{
            "location": [float(point["map_lat"]), float(point["map_lon"])],
            "options": {"radius": POINT_RADIUS, "color": theme.INK, "weight": 1, "fill": True,
                        "fillColor": theme.CONDITION_COLOURS[_met(point)], "fillOpacity": 1},
            "tooltip": _point_tooltip(point, lang),
        } for point in on_map]).add_to(layer)

    for feature in offshore:
        code = str(feature["properties"]["code"])
        _HtmlControl(_offshore_html(feature["properties"], rows.get(code), by_offshore[code], measure, lang,
                                    selected == code), position="bottomleft", css_class="nis-offshore").add_to(folium_map)
    _HtmlControl(_legend_html(measure, lang, fill_opacity), position="bottomright", css_class="nis-legend").add_to(folium_map)
    if tiles:
        folium.LayerControl(collapsed=True).add_to(folium_map)

    _FitMainland([[min_lat, min_lon], [max_lat, max_lon]]).add_to(folium_map)
    return use_local_assets(folium_map)
