"""The map's JavaScript and CSS served by the app itself (or inlined), never fetched from a CDN.

folium points every map at jsdelivr, cdnjs and code.jquery.com, and asks for Bootstrap and Font
Awesome it does not need for our vector-only maps. Leaflet, Leaflet.markercluster and jQuery
come instead from the installed XStatic packages: `install_assets` copies them into
`<project>/static/vendor/`, which Streamlit serves at `/app/static/vendor/` when
`server.enableStaticServing` is on; `use_local_assets` rewrites a map's links to those URLs;
`standalone_html` inlines them for a map file that opens with no server and no Internet.
"""

from __future__ import annotations

import base64
import html
import importlib
import re
import shutil
import threading
import weakref
from pathlib import Path

from branca.element import Element
from folium.elements import JSCSSMixin

VENDOR_FOLDER = "vendor"
# A map is changed while it is rendered (asset addresses set, scripts added to its figure), and one
# map object is shared by every session that shows the same figures: whoever renders or prepares a
# map holds this lock (`standalone_html`, and the adapter's component preparation).
RENDERING = threading.Lock()
# Streamlit serves `<main script folder>/static/` at this path (server.enableStaticServing).
APP_STATIC_PATH = "/app/static"

# Vendored file name → (XStatic package, file inside its BASE_DIR).
_FILES: dict[str, tuple[str, str]] = {
    "leaflet.js": ("xstatic.pkg.leaflet", "leaflet.js"),
    "leaflet.css": ("xstatic.pkg.leaflet", "leaflet.css"),
    "images/layers.png": ("xstatic.pkg.leaflet", "images/layers.png"),
    "images/layers-2x.png": ("xstatic.pkg.leaflet", "images/layers-2x.png"),
    "images/marker-icon.png": ("xstatic.pkg.leaflet", "images/marker-icon.png"),
    "images/marker-icon-2x.png": ("xstatic.pkg.leaflet", "images/marker-icon-2x.png"),
    "images/marker-shadow.png": ("xstatic.pkg.leaflet", "images/marker-shadow.png"),
    "jquery.min.js": ("xstatic.pkg.jquery", "jquery.min.js"),
    "leaflet.markercluster.js": ("xstatic.pkg.leaflet_markercluster", "leaflet.markercluster.js"),
    "MarkerCluster.css": ("xstatic.pkg.leaflet_markercluster", "MarkerCluster.css"),
    "MarkerCluster.Default.css": ("xstatic.pkg.leaflet_markercluster", "MarkerCluster.Default.css"),
}

# folium's resource names (Map, MarkerCluster) → vendored file; None = not needed, dropped.
# Bootstrap, Font Awesome and Awesome Markers only serve folium's icon markers, which we never use.
_BY_NAME: dict[str, str | None] = {
    "leaflet": "leaflet.js",
    "jquery": "jquery.min.js",
    "bootstrap": None,
    "awesome_markers": None,
    "leaflet_css": "leaflet.css",
    "bootstrap_css": None,
    "glyphicons_css": None,
    "awesome_markers_font_css": None,
    "awesome_markers_css": None,
    "awesome_rotate_css": None,
    "markerclusterjs": "leaflet.markercluster.js",
    "markerclustercss": "MarkerCluster.css",
    "markerclusterdefaultcss": "MarkerCluster.Default.css",
}


def vendor_url(base_url_path: str = "") -> str:
    """URL prefix of the vendored files, e.g. '/app/static/vendor' (or under server.baseUrlPath)."""
    base = base_url_path.strip("/")
    return f"{'/' + base if base else ''}{APP_STATIC_PATH}/{VENDOR_FOLDER}"


def _source(file_name: str) -> Path:
    package, relative = _FILES[file_name]
    return Path(importlib.import_module(package).BASE_DIR) / relative


def install_assets(static_dir: Path) -> None:
    """Copy the vendored files into `static_dir/vendor/`; files already up to date are left alone."""
    target_dir = Path(static_dir) / VENDOR_FOLDER
    for file_name in _FILES:
        source, target = _source(file_name), target_dir / file_name
        if target.exists() and target.stat().st_size == source.stat().st_size \
                and target.stat().st_mtime >= source.stat().st_mtime:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)


def _localized(links: list[tuple[str, str]], prefix: str, owner: str) -> list[tuple[str, str]]:
    result = []
    for name, url in links:
        if name not in _BY_NAME:
            if url.startswith(prefix + "/"):
                result.append((name, url))
                continue
            raise ValueError(f"{owner} needs '{name}' from {url}, which is not vendored in {__name__}")
        if _BY_NAME[name] is not None:
            result.append((name, f"{prefix}/{_BY_NAME[name]}"))
    return result


def _walk(element: Element):
    yield element
    for child in list(getattr(element, "_children", {}).values()):
        yield from _walk(child)


def asset_elements(element: Element):
    """The elements under `element` (itself first, then its children depth first, as st_folium walks
    them) that bring scripts and stylesheets: folium's `JSCSSMixin`."""
    return (node for node in _walk(element) if isinstance(node, JSCSSMixin))


def use_local_assets(element: Element, base_url_path: str = "") -> Element:
    """Point the map (and every plugin in it) at the vendored files; idempotent, returns `element`.

    Sets `default_js`/`default_css` on the instances, which is what both folium's HTML header
    and streamlit-folium's component (which loads `js_links`/`css_links` itself) read.
    Raises ValueError for a plugin whose files are not vendored, rather than reach a CDN.
    """
    prefix = vendor_url(base_url_path)
    root = element.get_root() if hasattr(element, "get_root") else element
    for node in asset_elements(root):
        owner = type(node).__name__
        node.default_js = _localized(list(node.default_js), prefix, owner)
        node.default_css = _localized(list(node.default_css), prefix, owner)
    return element


_SCRIPT_SRC = re.compile(r'<script\b[^>]*\bsrc="([^"]+)"[^>]*>\s*</script>', re.IGNORECASE)
_STYLESHEET = re.compile(r'<link\b[^>]*\brel="stylesheet"[^>]*\bhref="([^"]+)"[^>]*/?>', re.IGNORECASE)
_EXTERNAL_TAG = re.compile(r'<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*["\']?(?:https?:)?//', re.IGNORECASE)
_SOURCE_MAP = re.compile(r"^\s*//# sourceMappingURL=.*$", re.MULTILINE)
_CSS_URL = re.compile(r"url\((['\"]?)(images/[^)'\"]+)\1\)")


def _vendored_name(url: str) -> str:
    name = url.rsplit(f"/{VENDOR_FOLDER}/", 1)[-1]
    if f"/{VENDOR_FOLDER}/" not in url or name not in _FILES:
        raise ValueError(f"cannot inline {url}: not a vendored file")
    return name


def _inline_script(match: re.Match) -> str:
    code = _SOURCE_MAP.sub("", _source(_vendored_name(html.unescape(match.group(1)))).read_text("utf-8"))
    # An inlined script ends at the first "</script", wherever it is; "<\/" means the same in JS.
    return "<script>" + re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE) + "</script>"


def _inline_stylesheet(match: re.Match) -> str:
    name = _vendored_name(html.unescape(match.group(1)))
    folder = name.rsplit("/", 1)[0] + "/" if "/" in name else ""

    def data_uri(url_match: re.Match) -> str:
        image = folder + url_match.group(2)
        if image not in _FILES:
            return url_match.group(0)
        encoded = base64.b64encode(_source(image).read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{encoded})"

    css = _CSS_URL.sub(data_uri, _source(name).read_text("utf-8"))
    return "<style>" + css.replace("</", "<\\/") + "</style>"


def standalone_html(folium_map: Element, title: str | None = None) -> str:
    """A complete HTML document of the map with Leaflet & co. inlined: opens offline, anywhere.

    Made once per map object and title: folium (0.20) adds each layer's `addTo` script again at
    every render, so a shared map downloaded again would grow, and differ, each time.
    """
    with RENDERING:
        known = _DOCUMENTS.setdefault(folium_map, {})
        if title not in known:
            known[title] = _standalone_document(folium_map, title)
        return known[title]


_DOCUMENTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # map → {title: document}


def _standalone_document(folium_map: Element, title: str | None) -> str:
    use_local_assets(folium_map)
    document = folium_map.get_root().render()
    document = _SCRIPT_SRC.sub(_inline_script, document)
    document = _STYLESHEET.sub(_inline_stylesheet, document)
    if title:
        document = document.replace("<head>", f"<head>\n<title>{html.escape(title)}</title>", 1)
    if _EXTERNAL_TAG.search(document):
        raise ValueError("the map still links to an external script or stylesheet")
    return document
