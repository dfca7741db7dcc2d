"""Entry point and frame: page config, translated navigation, then the chosen page runs."""

from pathlib import Path

import streamlit as st

from lib.streamlit_adapter import (close_sidebar_after_link, keep_language, require_geography, require_sign_in,
                                   run_page, tr)

keep_language()  # before the first string: a sidebar link drops `?lang=` from the URL
# `?present=1` on any page switches to presentation mode: no navigation, sidebar closed (the page hides it too).
PRESENTING = st.query_params.get("present") == "1"
st.set_page_config(page_title=tr("app.title"), page_icon="💉", layout="wide",
                   initial_sidebar_state="collapsed" if PRESENTING else "auto")
# With [auth] in the secrets, nothing (not even the page list) shows before signing in; logs are scrubbed from here on.
require_sign_in()
# A wrong DASHBOARD_GEOGRAPHY folder is said here, in Vietnamese, before any page or map runs.
require_geography()

PAGES_DIR = Path(__file__).parent / "app_pages"
# Page files live in app_pages/, not pages/: Streamlit auto-discovers a pages/ folder before this
# script has run once, so a cold deep link would run a page outside this frame.
PAGES = (
    ("overview.py", "nav.overview", "overview", ":material/dashboard:"),
    ("map.py", "nav.map", "map", ":material/map:"),
    ("training.py", "nav.training", "training", ":material/school:"),
    ("deadlines.py", "nav.deadlines", "deadlines", ":material/schedule:"),
    ("progress.py", "nav.progress", "progress", ":material/trending_up:"),
    ("district.py", "nav.district", "district", ":material/local_hospital:"),
    ("difficulties.py", "nav.difficulties", "difficulties", ":material/report_problem:"),
    ("data_quality.py", "nav.data_quality", "data-quality", ":material/rule:"),
    ("present.py", "pres.title", "present", ":material/slideshow:"),
)

pages = [st.Page(PAGES_DIR / file, title=tr(title), url_path=url, icon=icon, default=(url == "overview"))
         for file, title, url, icon in PAGES]
navigation = st.navigation(pages, position="hidden" if PRESENTING else "sidebar")
if PRESENTING and navigation.url_path != "present":
    st.switch_page(next(page for page in pages if page.url_path == "present"), query_params=st.query_params.to_dict())
if not PRESENTING:
    close_sidebar_after_link()
run_page(navigation)  # an unexpected error is shown and logged without keys or tokens
