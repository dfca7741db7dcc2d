"""Map embedding for Streamlit (to be folded into `lib.streamlit_adapter`, the one module that imports it).

The map's scripts come from `./static/vendor/` (served at /app/static/ by enableStaticServing),
so it draws with no Internet. Only a click returns data to Python: panning and zooming never
rerun the app.
"""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from lib import PROJECT_ROOT
from lib.views.offline import install_assets, use_local_assets

# Only clicks change this value; bounds, zoom and centre (which change on every pan) are not returned.
_RETURNED = ["last_active_drawing"]


@st.cache_resource(show_spinner=False)
def _vendored_assets() -> bool:
    # Streamlit serves the `static/` folder next to the main script (app.py at the project root).
    install_assets(PROJECT_ROOT / "static")
    return True


def show_map(folium_map, key: str, height: int = 560) -> str | None:
    """Draw a folium map full width; returns the code of the district polygon last clicked, else None.

    The component remounts (and forgets the click) when the map's script changes, e.g. after
    redrawing with `selected_district`: keep the selection in session state, not in this value.
    """
    _vendored_assets()
    use_local_assets(folium_map, base_url_path=st.get_option("server.baseUrlPath") or "")
    state = st_folium(folium_map, key=key, height=height, use_container_width=True, returned_objects=_RETURNED)
    drawing = (state or {}).get("last_active_drawing") or {}
    if (drawing.get("geometry") or {}).get("type") not in ("Polygon", "MultiPolygon"):
        return None  # a point marker (or nothing) was clicked
    code = (drawing.get("properties") or {}).get("code")
    return None if code is None else str(code)
