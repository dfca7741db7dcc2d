"""The only module of `lib` that imports Streamlit: cached loading, language, the shared sidebar.

Pages call `page_context()` and lay out what it returns. "Today" is decided here and nowhere
else; everything below takes `as_of` as a parameter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import streamlit as st

from lib.cleaning import Dataset, clean_workbook
from lib.geography import Geography, load_geography
from lib.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from lib.metrics.rollout import Rollout, compute_rollout
from lib.sources import SourceError, read_source, resolve_source
from lib.views.format import format_date

CACHE_TTL_SECONDS = 60


@dataclass
class LoadedData:
    dataset: Dataset
    source_label: str
    source_kind: str
    read_at: datetime
    url: str | None
    tab_ids: dict


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def _load(source: str) -> LoadedData:
    raw = read_source(source)
    return LoadedData(clean_workbook(raw, load_geography()), raw.source_label, raw.source_kind, raw.read_at,
                      raw.url, raw.tab_ids)


@st.cache_resource
def geography() -> Geography:
    return load_geography()


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def _rollout(source: str, read_at: datetime, as_of: date, district_codes: tuple[str, ...]) -> Rollout:
    # read_at is part of the key so a fresh read recomputes; the dataset comes from the same cache.
    return compute_rollout(_load(source).dataset, geography(), as_of, district_codes)


def lang() -> str:
    """The interface language: the `lang` query parameter, else Vietnamese."""
    chosen = st.query_params.get("lang", DEFAULT_LANGUAGE)
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def tr(key: str, **params) -> str:
    return t(key, lang(), **params)


def today() -> date:
    return date.today()


@dataclass
class PageContext:
    lang: str
    loaded: LoadedData
    rollout: Rollout
    province_rollout: Rollout  # unfiltered, for comparisons and the map's other districts

    @property
    def dataset(self) -> Dataset:
        return self.loaded.dataset


def load_or_stop() -> LoadedData:
    source = resolve_source()
    try:
        return _load(source)
    except SourceError as error:
        st.error(error.message_en if lang() == "en" else error.message_vi)
        st.stop()


def language_switch() -> None:
    labels = {"vi": "Tiếng Việt", "en": "English"}
    current = lang()
    choice = st.sidebar.segmented_control(t("side.language", current), options=list(LANGUAGES),
                                          format_func=labels.get, default=current, key="language_choice")
    if choice and choice != current:
        st.query_params["lang"] = choice
        st.rerun()


def page_context() -> PageContext:
    """Load (cached), draw the shared sidebar, and compute what the page needs."""
    current = lang()
    loaded = load_or_stop()
    dataset = loaded.dataset
    as_of = dataset.as_of or today()
    sidebar = st.sidebar
    kind_label = t(f"side.kind.{loaded.source_kind}", current)
    sidebar.markdown(f"**{t('side.source', current)}:** {kind_label}")
    sidebar.caption(loaded.source_label)
    sidebar.markdown(f"**{t('side.read_at', current)}:** {loaded.read_at.strftime('%H:%M:%S')} "
                     f"{format_date(loaded.read_at, current)}")
    as_of_note = "" if dataset.as_of else f" ({t('side.as_of_today', current)})"
    sidebar.markdown(f"**{t('side.as_of', current)}:** {format_date(as_of, current)}{as_of_note}")
    names = dict(zip(dataset.districts["district_code"], dataset.districts["district_name"]))
    selected = sidebar.multiselect(t("side.districts", current), options=list(names), format_func=names.get,
                                   placeholder=t("side.all_districts", current), key="district_filter")
    language_switch()
    codes = tuple(sorted(selected))
    province = _rollout(resolve_source(), loaded.read_at, as_of, ())
    rollout = province if not codes else _rollout(resolve_source(), loaded.read_at, as_of, codes)
    return PageContext(current, loaded, rollout, province)


def show_map(folium_map, key: str, height: int = 560) -> str | None:
    """Draw a folium map; returns the code of a clicked district, else None."""
    from streamlit_folium import st_folium

    state = st_folium(folium_map, key=key, height=height, use_container_width=True,
                      returned_objects=["last_active_drawing"])
    drawing = (state or {}).get("last_active_drawing") or {}
    return (drawing.get("properties") or {}).get("code")
