"""Core of the immunization-system roll-out dashboard: sources → cleaning → metrics → views.

Nothing in this package imports Streamlit except `lib.streamlit_adapter`.
"""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
DEMO_WORKBOOK = DATA_DIR / "demo_khanh_hoa_2017.xlsx"
