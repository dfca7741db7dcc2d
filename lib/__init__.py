"""Core of the immunization-system roll-out dashboard: sources → cleaning → metrics → views.

Nothing in this package imports Streamlit except `lib.streamlit_adapter`.
"""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
GEOGRAPHIES_DIR = DATA_DIR / "geographies"
# The bundled geography served when DASHBOARD_GEOGRAPHY is unset; its folder is named in data, not here.
DEFAULT_GEOGRAPHY = GEOGRAPHIES_DIR / (GEOGRAPHIES_DIR / "DEFAULT").read_text(encoding="utf-8").strip()
# The default geography's demo workbook (`lib.geography.Geography.demo_workbook` gives the selected one's).
DEMO_WORKBOOK = DEFAULT_GEOGRAPHY / "demo.xlsx"
