"""Altair charts as PNG and SVG files (vl-convert, no browser, no network).

A chart drawn on a page is as wide as its container; a file has no container, so "container"
widths become `EXPORT_WIDTH`. Text uses a system font with Vietnamese glyphs (`lib.exports.fonts`),
and numbers keep the chart's Vietnamese or English number format.
"""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache

import altair as alt
import vl_convert

from lib.exports import fonts

EXPORT_WIDTH = 900  # px of the plotting area; a PNG is `scale` times this (plus axes and legend)
PNG_SCALE = 2


@lru_cache(maxsize=None)
def _register_fonts() -> str:
    """Make the chosen font known to vl-convert once per process; returns its family."""
    path = fonts.font_file()
    if path is not None:
        vl_convert.register_font_directory(str(path.parent))
    return fonts.font_family()


def _json_value(value):
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _fixed_width(spec: dict, width: int) -> None:
    if spec.get("width") == "container":
        spec["width"] = width
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for part in spec.get(key, []):
            _fixed_width(part, width)


def export_spec(chart: alt.TopLevelMixin, width: int = EXPORT_WIDTH, title: str | None = None,
                subtitle: str | None = None) -> tuple[dict, dict | None]:
    """(Vega-Lite spec ready for a file, its number-format locale) from a chart built for a page.

    A file travels without the page around it, so it can carry its own title and subtitle (the
    as-of date, the province).
    """
    # Tables may hold `date` objects (Streamlit sends them as Arrow); a file needs them as text.
    spec = json.loads(json.dumps(chart.to_dict(), default=_json_value))
    _fixed_width(spec, width)
    family = _register_fonts()
    config = spec.setdefault("config", {})
    config["font"] = family
    config.setdefault("background", "white")
    config.setdefault("legend", {})["labelLimit"] = 0  # whole legend labels: a file cannot be widened to read one
    if title:
        spec["title"] = {"text": title, "anchor": "start", "fontSize": 18, "offset": 12,
                         **({"subtitle": subtitle, "subtitleFontSize": 13} if subtitle else {})}
    locale = ((spec.get("usermeta") or {}).get("embedOptions") or {}).get("formatLocale")
    return spec, locale


def render_chart_png(chart: alt.TopLevelMixin, scale: float = PNG_SCALE, width: int = EXPORT_WIDTH,
                     title: str | None = None, subtitle: str | None = None) -> bytes:
    """An altair chart as PNG bytes (vl-convert, no browser), `width` CSS pixels × `scale`, titled for taking away."""
    spec, locale = export_spec(chart, width, title, subtitle)
    return vl_convert.vegalite_to_png(spec, scale=scale, format_locale=locale, allowed_base_urls=[])


def render_chart_svg(chart: alt.TopLevelMixin, width: int = EXPORT_WIDTH, title: str | None = None,
                     subtitle: str | None = None) -> str:
    """An altair chart as SVG text (vl-convert, no browser), `width` CSS pixels wide, titled for taking away."""
    spec, locale = export_spec(chart, width, title, subtitle)
    return vl_convert.vegalite_to_svg(spec, format_locale=locale, allowed_base_urls=[])
