"""The only module of `lib` that imports Streamlit: cached loading, language, the shared sidebar.

Pages call `page_context()` and lay out what it returns. "Today" is decided here and nowhere
else; everything below takes `as_of` as a parameter.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from datetime import date, datetime

import streamlit as st

from lib import PROJECT_ROOT
from lib.access import (DISTRICT, OPEN_VIEWER, REFUSED, AccessList, Viewer, auth_configured, auth_provider, decide,
                        restrict_dataset, restrict_rollout)
from lib.cleaning import Dataset, clean_workbook
from lib.geography import Geography, load_geography
from lib.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from lib.live import LiveResult, LiveSource, describe_age, open_live_source
from lib.metrics.rollout import Rollout, compute_rollout
from lib.security import describe_exception, install_log_scrubber, remember_secrets, secret_values
from lib.sources import Provenance, RawWorkbook
from lib.sources.plan import SourcePlan, plan_source
from lib.textnorm import fold
from lib.views.format import escape_markdown, format_date
from lib.views.offline import install_assets, use_local_assets

log = logging.getLogger(__name__)

CACHE_TTL_SECONDS = 60
REFRESH_FLAG = "_live_refresh_asked"
MIN_AUTO_REFRESH_SECONDS = 5


@dataclass
class LoadedData:
    """The shared live copy as this run got it: everything in it holds every district (the adapter's own)."""

    dataset: Dataset
    provenance: Provenance  # where the copy shown comes from, and when it was read
    live: LiveResult  # freshness and failure, for the sidebar and the banner
    raw: RawWorkbook  # the grids behind `dataset`, for the offline copy
    plan: SourcePlan  # which source, with which key, how often
    from_snapshot: bool = False  # the disk copy kept from before a restart


def _secrets() -> dict:
    """Streamlit's secrets as a plain dict; {} when there are none (no secrets.toml is normal)."""
    try:
        return st.secrets.to_dict() if st.secrets.load_if_toml_exists() else {}
    except Exception:  # noqa: BLE001 — a broken secrets.toml must not hide the dashboard
        return {}


def source_plan() -> SourcePlan:
    """The source plan for this run, from Streamlit's secrets and the environment."""
    return plan_source(_secrets())


@st.cache_resource(show_spinner=False, max_entries=8)
def _live_source(key: str, _plan: SourcePlan) -> LiveSource:
    """ONE LiveSource per source for the whole process: every session shares its reads."""
    return open_live_source(_plan, lambda raw: clean_workbook(raw, load_geography()))


def _ask_refresh() -> None:
    st.session_state[REFRESH_FLAG] = True


@st.cache_resource
def geography() -> Geography:
    """The province's geography, loaded once per process (Streamlit resource cache)."""
    return load_geography()


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def _rollout(source_key: str, read_at: datetime, as_of: date, district_codes: tuple[str, ...],
             _dataset: Dataset) -> Rollout:
    # The source and the time of its read identify the dataset, which is not hashed.
    return compute_rollout(_dataset, geography(), as_of, district_codes)


def lang() -> str:
    """The interface language: the `lang` query parameter, else Vietnamese."""
    chosen = st.query_params.get("lang", DEFAULT_LANGUAGE)
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def tr(key: str, **params) -> str:
    """`lib.i18n.t` in the viewer's language."""
    return t(key, lang(), **params)


def today() -> date:
    """The date the dashboard calls today (the server's local date): the one place "now" is decided."""
    return date.today()


@dataclass
class PageContext:
    """What one page may show, and nothing more: everything here is already cut to the viewer.

    The raw grids and the live copy (which hold every district) stay inside the adapter.
    """

    lang: str
    dataset: Dataset
    provenance: Provenance  # where the data comes from (links to cells on a Google Sheet)
    rollout: Rollout
    province_rollout: Rollout  # unfiltered, for comparisons and the map's other districts
    viewer: Viewer = OPEN_VIEWER  # who is looking


def load_or_stop() -> LoadedData:
    """The shared live copy; a banner when the source is failing; an error and a stop when there is no data at all."""
    current = lang()
    plan = source_plan()
    result = _live_source(plan.cache_key, plan).get(force=st.session_state.pop(REFRESH_FLAG, False))
    good = result.good
    if good is None:
        message = escape_markdown(result.failure.message(current)) if result.failure else ""
        st.error(t("live.no_data", current, message=message), icon=":material/cloud_off:")
        st.stop()
    if result.failure is not None:
        st.warning(_banner(result, good.provenance.label, current), icon=":material/cloud_off:")
    # A sheet in another locale misreads what districts type: every page says so until it is switched.
    locale = next((p for p in good.dataset.problems if p.rule == "sheet_locale"), None)
    if locale is not None:
        st.warning(escape_markdown(locale.message(current)), icon=":material/language:")
    return LoadedData(good.dataset, good.provenance, result, good.raw, plan, good.from_snapshot)


def _clock_text(moment: datetime, current: str) -> str:
    return f"{moment.strftime('%H:%M:%S')} {format_date(moment, current)}"


def _banner(result: LiveResult, source_label: str, current: str) -> str:
    failure = result.failure
    # Sheet text (its title, tab names in the message) is made inert in the markdown.
    return t("live.banner", current, source=escape_markdown(source_label),
             since=_clock_text(result.failing_since, current),
             since_age=describe_age(result.now - failure.since, current),
             message=escape_markdown(failure.message(current)),
             read_at=_clock_text(result.read_at, current), age=describe_age(result.age, current))


def _freshness_line(result: LiveResult, from_snapshot: bool, current: str) -> str:
    line = t("live.read_at", current, time=_clock_text(result.read_at, current), age=describe_age(result.age, current))
    note = f" ({t('live.from_snapshot', current)})" if from_snapshot else ""
    return f"**{t('side.read_at', current)}:** {line}{note}"


def _watch(plan: SourcePlan, shown: tuple, current: str) -> None:
    """Sidebar freshness line; on a timer (a fragment), it reruns the page when the shared copy changed."""
    result = _live_source(plan.cache_key, plan).get()
    if result.good is not None and _shown_state(result) != shown:
        st.rerun(scope="app")
    if result.good is not None:
        st.markdown(_freshness_line(result, result.good.from_snapshot, current))


def _shown_state(result: LiveResult) -> tuple:
    failure = result.failure
    return (result.good.read_at if result.good else None, failure.since if failure else None,
            failure.reason if failure else None)


def _source_sidebar(loaded: LoadedData, current: str, offline_copy: bool = True) -> None:
    """The data-source lines of the sidebar: kind, name, freshness, refresh, offline copy."""
    sidebar = st.sidebar
    plan = loaded.plan
    result = loaded.live
    shown = loaded.provenance
    sidebar.markdown(f"**{t('side.source', current)}:** {t(f'side.kind.{shown.kind}', current)}")
    sidebar.caption(escape_markdown(shown.label))
    origin = shown.copy_of
    if origin is not None:  # a snapshot file opened as the source
        sidebar.caption(t("live.snapshot_of", current, kind=t(f"side.kind.{origin.kind}", current),
                          source=escape_markdown(origin.label), time=_clock_text(origin.read_at, current)))
    if plan.wanted_sheet:
        sidebar.info(t("live.demo_fallback", current, sheet=escape_markdown(plan.wanted_sheet)),
                     icon=":material/key_off:")
    if plan.kind == "google":
        every = max(MIN_AUTO_REFRESH_SECONDS, round(result.ttl))
        with sidebar:
            fragment(_watch, run_every=every)(plan, _shown_state(result), current)
        sidebar.caption(t("live.every", current, seconds=every))
    else:
        sidebar.markdown(_freshness_line(result, loaded.from_snapshot, current))
    interval = _live_source(plan.cache_key, plan).min_refresh_interval
    sidebar.button(t("live.refresh", current), on_click=_ask_refresh, icon=":material/refresh:",
                   help=t("live.refresh_help", current, seconds=f"{interval:g}"), key="live_refresh")
    if result.refresh_wait > 0:
        sidebar.caption(t("live.refresh_wait", current, seconds=f"{result.refresh_wait:.0f}"))
    raw = loaded.raw
    if not offline_copy:  # the raw grids hold every district's points
        return
    sidebar.download_button(t("live.download", current), data=lambda: _snapshot_bytes(raw),
                            file_name=_snapshot_name(loaded), on_click="ignore", icon=":material/download:",
                            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            help=t("live.download_help", current), key="live_download")


def _snapshot_bytes(raw: RawWorkbook) -> bytes:
    from lib.sources.snapshot import snapshot_bytes

    return snapshot_bytes(raw)


def _snapshot_name(loaded: LoadedData) -> str:
    shown = loaded.provenance
    stem = "-".join(filter(None, [fold(word) for word in shown.label.removesuffix(".xlsx").split()]))
    return f"{stem or 'du-lieu'}-{shown.read_at:%Y%m%d-%H%M}.xlsx"


def language_switch() -> None:
    """The sidebar's language choice, kept in the URL (?lang=)."""
    labels = {"vi": "Tiếng Việt", "en": "English"}
    current = lang()
    choice = st.sidebar.segmented_control(t("side.language", current), options=list(LANGUAGES),
                                          format_func=labels.get, default=current, key="language_choice")
    if choice and choice != current:
        st.query_params["lang"] = choice
        st.rerun()


def _district_label(names: dict, code) -> str:
    """A district's name for a widget; its code when the sheet left the name blank (NA)."""
    name = names.get(code)
    return name if isinstance(name, str) and name else str(code)


def page_context() -> PageContext:
    """Sign-in and access, load (cached), draw the shared sidebar, and compute what the page may show."""
    current = lang()
    require_sign_in()
    loaded = load_or_stop()
    viewer = require_access(loaded.dataset)
    dataset = loaded.dataset
    as_of = dataset.as_of or today()
    sidebar = st.sidebar
    _access_sidebar(viewer, dataset, current)
    _source_sidebar(loaded, current, offline_copy=viewer.sees_everything)
    as_of_note = "" if dataset.as_of else f" ({t('side.as_of_today', current)})"
    sidebar.markdown(f"**{t('side.as_of', current)}:** {format_date(as_of, current)}{as_of_note}")
    names = dict(zip(dataset.districts["district_code"], dataset.districts["district_name"]))
    selected = sidebar.multiselect(t("side.districts", current), options=list(names),
                                   format_func=lambda code: _district_label(names, code),
                                   placeholder=t("side.all_districts", current), key="district_filter")
    language_switch()
    codes = tuple(sorted(selected))
    source_key = loaded.plan.cache_key
    read_at = loaded.provenance.read_at
    province = _rollout(source_key, read_at, as_of, (), dataset)
    rollout = province if not codes else _rollout(source_key, read_at, as_of, codes, dataset)
    # Figures are computed on the whole sheet (the province totals stay true), then cut to what the viewer may see.
    return PageContext(current, restrict_dataset(dataset, viewer), loaded.provenance, restrict_rollout(rollout, viewer),
                       restrict_rollout(province, viewer), viewer)


# ---------------------------------------------------------------- sign-in, access, secrets (lib.access and lib.security decide)

def protect_secrets() -> None:
    """Scrub every log line from now on, and teach the scrubber the secrets' own values and the sheet key's."""
    install_log_scrubber()
    secrets = _secrets()
    values = secret_values(secrets)
    try:
        account = source_plan().account
    except Exception:  # noqa: BLE001 — an unreadable key is reported by the loader, not here
        account = None
    if account is not None:
        values += secret_values(dict(account.info))
    remember_secrets(values)


def _user(name: str):
    try:
        return st.user.get(name)
    except Exception:  # noqa: BLE001 — no user information outside a signed-in session
        return None


def require_sign_in() -> None:
    """With `[auth]` in the secrets, nobody sees anything before signing in: a sign-in page, then a stop."""
    protect_secrets()
    secrets = _secrets()
    if not auth_configured(secrets) or _user("is_logged_in"):
        return
    current = lang()
    st.title(t("auth.title", current))
    st.markdown(t("auth.intro", current))
    st.button(t("auth.sign_in", current), type="primary", icon=":material/login:", key="auth_sign_in",
              on_click=st.login, args=(auth_provider(secrets),))
    st.stop()


def require_access(dataset: Dataset | None = None) -> Viewer:
    """Who is looking and what they may see; a polite refusal page (and a stop) for an e-mail on no list.

    The access list is the secrets' `[access]`, plus the Huyện tab's editor e-mails when
    `sheet_editors = true` (hence the dataset). Call `require_sign_in()` first (before loading anything).
    """
    secrets = _secrets()
    if not auth_configured(secrets):
        return OPEN_VIEWER
    access = AccessList.from_secrets(secrets).with_sheet(dataset.districts if dataset is not None else None)
    viewer = decide(_user("email"), access, _user("email_verified"))
    if viewer.role == REFUSED:
        current = lang()
        st.title(t("auth.refused_title", current))
        note = f" {t('auth.unverified', current)}" if _user("email_verified") is False else ""
        st.markdown(t("auth.refused", current, email=escape_markdown(viewer.email or "?")) + note)
        st.button(t("auth.sign_out", current), on_click=st.logout, icon=":material/logout:", key="auth_sign_out")
        st.stop()
    return viewer


def _access_sidebar(viewer: Viewer, dataset: Dataset, current: str) -> None:
    sidebar = st.sidebar
    if viewer.role == "open":
        sidebar.caption(":material/lock_open: " + t("auth.open", current))
        return
    sidebar.caption(":material/account_circle: " + t("auth.signed_in", current, email=escape_markdown(viewer.email)))
    if viewer.role == DISTRICT:
        names = dict(zip(dataset.districts["district_code"], dataset.districts["district_name"]))
        shown = ", ".join(escape_markdown(names.get(code, code)) for code in viewer.district_codes)
        sidebar.caption(t("auth.role.district", current, districts=shown))
    else:
        sidebar.caption(t("auth.role.province", current))
    sidebar.button(t("auth.sign_out", current), on_click=st.logout, icon=":material/logout:", key="auth_sign_out")


class PageFailure(Exception):
    """What a page shows of an unexpected error: its type and scrubbed message, no traceback."""


def _show_failure(where: str, error: Exception) -> None:
    log.error("%s failed", where, exc_info=error)
    st.error(tr("sec.page_failed"), icon=":material/error:")
    st.exception(PageFailure(describe_exception(error)))


def run_page(navigation) -> None:
    """Run the chosen page; an unexpected error is logged (scrubbed) and shown without keys or tokens."""
    try:
        navigation.run()
    except Exception as error:  # noqa: BLE001 — Streamlit's stop and rerun are not Exceptions and pass through
        _show_failure(f"page {getattr(navigation, 'url_path', '?')}", error)


def fragment(body=None, *, run_every=None):
    """`st.fragment` whose errors show as a page's do. A fragment's own reruns (a timer's tick)
    happen outside `run_page`, where Streamlit would print the raw message and traceback."""

    def decorate(function):
        @functools.wraps(function)
        def guarded(*args, **kwargs):
            try:
                return function(*args, **kwargs)
            except Exception as error:  # noqa: BLE001 — as in run_page
                _show_failure(f"fragment {function.__qualname__}", error)

        return st.fragment(guarded, run_every=run_every)

    return decorate(body) if body is not None else decorate


@st.cache_resource(show_spinner=False)
def _vendored_map_assets() -> bool:
    # Streamlit serves the `static/` folder next to the main script (app.py at the project root).
    install_assets(PROJECT_ROOT / "static")
    return True


def show_map(folium_map, key: str, height: int = 560) -> str | None:
    """Draw a folium map full width; returns the code of the district polygon last clicked, else None.

    Its scripts come from `./static/vendor/` (served at /app/static/), so it draws with no
    Internet. Only a click returns data: panning and zooming never rerun the app. The component
    forgets the click when the map changes (e.g. redrawn with the selection), so callers keep the
    selection in session state.
    """
    from streamlit_folium import st_folium

    _vendored_map_assets()
    use_local_assets(folium_map, base_url_path=st.get_option("server.baseUrlPath") or "")
    state = st_folium(folium_map, key=key, height=height, use_container_width=True,
                      returned_objects=["last_active_drawing"])
    drawing = (state or {}).get("last_active_drawing") or {}
    if (drawing.get("geometry") or {}).get("type") not in ("Polygon", "MultiPolygon"):
        return None  # a point marker (or nothing) was clicked
    code = (drawing.get("properties") or {}).get("code")
    return None if code is None else str(code)
