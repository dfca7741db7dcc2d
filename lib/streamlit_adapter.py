"""The only module of `lib` that imports Streamlit: cached loading, language, the shared sidebar.

Pages call `page_context()` and lay out what it returns. "Today" is decided here and nowhere
else; everything below takes `as_of` as a parameter.
"""

from __future__ import annotations

import contextvars
import functools
import hashlib
import json
import logging
import os
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import streamlit as st

from lib import PROJECT_ROOT
from lib.access import (DISTRICT, OPEN_VIEWER, REFUSED, AccessList, Viewer, auth_configured, auth_provider, decide,
                        restrict_dataset, restrict_rollout)
from lib.authoring.demo_history import demo_history_url, ensure_demo_history
from lib.cleaning import Dataset, clean_workbook
from lib.geography import Geography, GeographyError, geography_folder, load_geography
from lib.history.recorder import LiveRecorder
from lib.history.store import HISTORY_URL_ENV, history_url, open_history
from lib.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from lib.live import LiveResult, LiveSource, describe_age, open_live_source, shared_live_source
from lib.metrics.progress import (DISTRICT_HISTORY_COLUMNS, POINT_HISTORY_COLUMNS, ChangeSince, compute_change_since,
                                  compute_since_choices)
from lib.metrics.rollout import Rollout, compute_rollout
from lib.security import describe_exception, install_log_scrubber, remember_secrets, secret_values
from lib.sources import Provenance, RawWorkbook
from lib.sources.plan import SourcePlan, plan_source
from lib.textnorm import fold
from lib.views.format import escape_markdown, format_date
from lib.views.offline import RENDERING, asset_elements, install_assets, use_local_assets
from lib.views.tables import build_row_cards_html

log = logging.getLogger(__name__)

CACHE_TTL_SECONDS = 60
REFRESH_FLAG = "_live_refresh_asked"
HISTORY_FAILURE_SHOWN = "_history_failure_shown"
# How often each open page asks the process's live copy whether it moved: a look at one number in
# memory, no request to the source (the one poller per process does those).
SCREEN_CHECK_SECONDS = 3
LIVE_STATIC_DIR = PROJECT_ROOT / "static" / "live"  # generations published for the pages (git-ignored)


class _Memo:
    """Values computed once per key in this process and shared by every session, NOT copied (unlike
    `st.cache_data`): whoever gets one must not change it. The least recently used go beyond `size`
    entries; an entry with a `ttl` (seconds) is computed again once that old. Thread-safe: two sessions
    asking for the same missing key compute it once.

    `identity(value)` names a value it holds, (key, serial number of the computation), so what is
    drawn from that value can be cached in turn and follows it when it is computed again."""

    def __init__(self, size: int):
        self.size = size
        self._entries: OrderedDict[Hashable, tuple[object, int, float]] = OrderedDict()  # key → value, serial, expiry
        self._identities: dict[int, tuple[Hashable, int]] = {}  # id(value) → (key, serial)
        self._lock = threading.Lock()
        self._computing: dict[Hashable, threading.Lock] = {}
        self._serial = 0

    def get(self, key: Hashable, compute: Callable[[], object], ttl: float | None = None):
        """The value of `key`, from `compute()` when missing or expired. Raises what `compute` raises (nothing kept)."""
        found = self._fresh(key)
        if found is not None:
            return found[0]
        with self._lock:
            computing = self._computing.setdefault(key, threading.Lock())
        with computing:
            found = self._fresh(key)
            if found is not None:
                return found[0]
            try:
                value = compute()
            finally:
                with self._lock:
                    self._computing.pop(key, None)
            with self._lock:
                self._serial += 1
                self._drop(key)
                expiry = time.monotonic() + ttl if ttl is not None else float("inf")
                self._entries[key] = (value, self._serial, expiry)
                self._identities[id(value)] = (key, self._serial)
                while len(self._entries) > self.size:
                    self._drop(next(iter(self._entries)))
            return value

    def identity(self, value) -> tuple[Hashable, int] | None:
        """(key, serial) of a value this memo holds; None for any other value."""
        with self._lock:
            return self._identities.get(id(value))

    def _fresh(self, key: Hashable) -> tuple[object] | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry[2] <= time.monotonic():
                return None
            self._entries.move_to_end(key)
            return (entry[0],)

    def _drop(self, key: Hashable) -> None:  # under the lock
        entry = self._entries.pop(key, None)
        if entry is not None and self._identities.get(id(entry[0])) == (key, entry[1]):
            del self._identities[id(entry[0])]


# What sessions share: the province's figures per (data, as-of date, filter), the history read once a
# minute, and what pages draw from them (a country's tables and map take seconds to build and draw).
_ROLLOUTS = _Memo(size=8)
_HISTORIES = _Memo(size=8)
_VIEWS = _Memo(size=64)
_LARGE_VIEWS = _Memo(size=6)  # maps: a country's holds 13,000 points and megabytes of script


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


def _live_source(key: str, plan: SourcePlan) -> LiveSource:
    """ONE LiveSource per source for the whole process, its poller started: every session shares its
    reads; each move of its generation is published for the open pages (`_watch_screen`)."""
    published = _generation_file(key)

    def open_source() -> LiveSource:
        live = open_live_source(plan, lambda raw: clean_workbook(raw, load_geography()),
                                on_read=_history_recorder().on_read,
                                on_change=lambda generation: _publish_generation(published, generation))
        _publish_generation(published, live.generation)
        return live

    return shared_live_source(key, open_source)


@st.cache_resource(show_spinner=False)
def _history_recorder() -> LiveRecorder:
    """The process's recorder of good reads into the history (lib.history; it opens the store on first use)."""
    return LiveRecorder(load_geography())


def _history_tables(url: str, province: str, demo: bool = False) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    # Read once a minute per store and province, shared by every session (not copied: read-only).
    return _HISTORIES.get((url, province, demo), lambda: _read_history_tables(url, province, demo),
                          ttl=CACHE_TTL_SECONDS)


def _read_history_tables(url: str, province: str, demo: bool) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    try:
        store = ensure_demo_history(load_geography(), url) if demo else open_history(url)
        try:
            return (store.district_history(province, columns=DISTRICT_HISTORY_COLUMNS),
                    store.point_history(province, columns=POINT_HISTORY_COLUMNS))
        finally:
            store.dispose()
    except Exception:  # noqa: BLE001 — a page says the history cannot be read; it never shows a traceback
        logging.getLogger(__name__).exception("could not read the history")
        return None


def history_tables(context: "PageContext") -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """The recorded history of the page's province: (`HistoryStore.district_history`, `.point_history`),
    cached for a minute; None when the store cannot be read (logged). The bundled demo's history is its
    own (`lib.authoring.demo_history`, recorded on first use) unless $DASHBOARD_HISTORY_URL names a store."""
    demo = context.provenance.original.kind == "demo" and not os.environ.get(HISTORY_URL_ENV)
    return _history_tables(demo_history_url() if demo else history_url(), context.dataset.province, demo)


def since_change(context: "PageContext", key: str = "since_day", rollout: Rollout | None = None,
                 picker: bool = True) -> ChangeSince | None:
    """The "since" picker (the dates `progress.compute_since_choices` offers) and the change since the date
    picked, for the districts of `rollout` (default: the page's, `context.rollout`); None, and no picker,
    when there is no history to compare. `picker` False: no picker, the default date (a week before)."""
    history = history_tables(context)
    if history is None or history[0].empty:
        return None
    district_history, point_history = history
    rollout = rollout or context.rollout
    as_of = rollout.as_of
    choices, default = compute_since_choices(district_history["day"].unique(), as_of)
    since = default
    if picker:
        since = st.selectbox(tr("since.choose"), choices, index=choices.index(default), key=key,
                             format_func=lambda day: format_date(day, context.lang), help=tr("since.choose_help"))
    narrowed = rollout.district_codes or not context.viewer.sees_everything
    codes = tuple(rollout.district_readiness["district_code"]) if narrowed else ()
    identity = _HISTORIES.identity(history)  # None: that read was dropped meanwhile, nothing names it
    compute = functools.partial(compute_change_since, district_history, point_history, since, as_of, codes)
    return compute() if identity is None else _VIEWS.get(("since", identity, since, as_of, codes), compute)


def show_moved_points(moved, district_names: dict) -> None:
    """The points that moved (`ChangeSince.points` or a district's part of it) in a folded section."""
    from lib.views.progress import build_moved_points_table

    with st.expander(tr("since.moved", n=len(moved))):
        table = build_moved_points_table(moved, district_names, lang())
        if len(table):
            show_table(table, table, "moved-points")
        else:
            st.caption(tr("since.none_moved"))


def _history_failure_once(current: str) -> None:
    """A failure to record the history, told once per session (a toast); the page goes on."""
    failure = _history_recorder().failure
    if failure is not None and not st.session_state.get(HISTORY_FAILURE_SHOWN):
        st.session_state[HISTORY_FAILURE_SHOWN] = True
        st.toast(failure.text.text(current), icon=":material/history:")


def warm_start() -> None:
    """Read and clean the configured source, and draw nothing: the server calls it when it starts
    (serve.py) so the first viewer finds the data, the province's figures and the page code ready."""
    protect_secrets()  # log lines are scrubbed from the start, not from the first viewer's
    plan = source_plan()
    result = _live_source(plan.cache_key, plan).get()
    if result.good is None:
        return  # the first viewer sees why (the failure), as always
    dataset = result.good.dataset
    _rollout(plan.cache_key, result.good.provenance.read_at, dataset.as_of or today(), (), dataset)
    import lib.exports.downloads  # noqa: F401 — what the overview imports, so its first run does not
    import lib.views.maps  # noqa: F401
    import lib.views.tables  # noqa: F401


def _ask_refresh() -> None:
    st.session_state[REFRESH_FLAG] = True


@st.cache_resource
def _geography(folder: str) -> Geography:
    return load_geography(folder)


def geography() -> Geography:
    """The selected province's geography (`DASHBOARD_GEOGRAPHY`), loaded once per process and folder."""
    return _geography(str(geography_folder()))


def require_geography() -> Geography:
    """The selected geography (`DASHBOARD_GEOGRAPHY`); a folder that cannot serve stops the app with
    its message, in the viewer's language, before any page runs (no traceback)."""
    try:
        return geography()
    except GeographyError as error:
        st.error(escape_markdown(error.message(lang())), icon=":material/map:")
        st.stop()


def _rollout(source_key: str, read_at: datetime, as_of: date, district_codes: tuple[str, ...],
             dataset: Dataset) -> Rollout:
    # The source and the time of its read identify the dataset (which is not hashed), the folder the geography.
    folder = str(geography_folder())
    return _ROLLOUTS.get((source_key, read_at, as_of, district_codes, folder),
                         lambda: compute_rollout(dataset, geography(), as_of, district_codes))


LANGUAGE_KEY = "_language"  # the session's language, kept when a sidebar link drops the query string


def lang() -> str:
    """The interface language: the `lang` query parameter, else the one this session chose, else Vietnamese."""
    chosen = st.query_params.get("lang")
    if chosen in LANGUAGES:
        return chosen
    remembered = st.session_state.get(LANGUAGE_KEY)
    return remembered if remembered in LANGUAGES else DEFAULT_LANGUAGE


def keep_language() -> None:
    """Remember the language for the session and write it back into the URL.

    Streamlit's sidebar links open a page without the query string, so `?lang=en` is lost on the
    next click; the session remembers it, and putting it back in the URL makes a reload (a new
    session) and a shared link keep it too. Call once per run, before anything is drawn.
    """
    current = lang()
    st.session_state[LANGUAGE_KEY] = current
    if current != DEFAULT_LANGUAGE and st.query_params.get("lang") != current:
        st.query_params["lang"] = current


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
    # What makes this context what it is: the copy of the data, the as-of date, the filter, what the viewer
    # may see, the geography, the language. Everything cached across reruns (`remember`, `draw_once`) is keyed on it.
    version: tuple = ()


def _key_part(value) -> Hashable | None:
    """`value` as part of a cache key: itself when it is plain (str, number, date, None, tuples of those),
    the identity of the computation that made it when `remember`, `since_change` or `history_tables` did;
    None for anything else, whose content no key would follow (or a value dropped from the memo meanwhile)."""
    if value is None or isinstance(value, (str, int, float, date, datetime)):
        return ("plain", value)
    identity = (_VIEWS.identity(value) or _LARGE_VIEWS.identity(value) or _ROLLOUTS.identity(value)
                or _HISTORIES.identity(value))
    if identity is not None:  # before tuples: the history is a tuple of two tables
        return ("memo", identity)
    if isinstance(value, tuple):
        parts = tuple(_key_part(item) for item in value)
        return None if None in parts else ("tuple", parts)
    return None


def _cache_key(context: PageContext, name: str, depends_on: tuple) -> tuple | None:
    """(name, context.version, the parts of `depends_on`); None when one of them cannot key a cache
    (the caller then works without the cache: right, only slower; logged, as it should not happen)."""
    parts = tuple(_key_part(value) for value in depends_on)
    if None in parts:
        log.warning("%s: a value with no cache identity (%s); computed again", name,
                    ", ".join(type(v).__name__ for v, part in zip(depends_on, parts) if part is None))
        return None
    return (name, context.version, *parts)


def remember(context: PageContext, name: str, compute: Callable[[], object], *depends_on, large: bool = False):
    """`compute()` once per (`name`, the page's `context.version`, `depends_on`) in this process, shared by
    every session and NOT copied: the value must not be changed. `compute` may read only the context and
    `depends_on` (plain values, or values `remember`/`since_change` returned); anything else it reads
    would not be followed by the key. `large` (a map): one of the few such values kept."""
    key = _cache_key(context, name, depends_on)
    return compute() if key is None else (_LARGE_VIEWS if large else _VIEWS).get(key, compute)


@st.cache_data(max_entries=32, show_spinner=False)
def _drawn(key: tuple, _draw: Callable[[], None]) -> None:
    # Streamlit records the elements `_draw` sends and replays them on the next call with this key.
    _draw()


def draw_once(context: PageContext, name: str, draw: Callable[[], None], *depends_on) -> None:
    """Run `draw()` (which lays out elements, no widgets) once per (`name`, `context.version`, `depends_on`)
    in this process; later runs get the same elements replayed by Streamlit, without building or
    serialising them again (a country's 700-row tinted table takes a second). Same rules as `remember`."""
    key = _cache_key(context, name, depends_on)
    if key is None:
        draw()
        return
    # Style-only HTML goes to the page's event container, which a replay cannot reach: sent here, every run.
    st.html(_ROW_CARDS_SWITCH_CSS)
    token = _drawing_once.set(True)
    try:
        _drawn(key, draw)
    finally:
        _drawing_once.reset(token)


_drawing_once = contextvars.ContextVar("drawing_once", default=False)


def _row_cards_switch() -> None:
    """The CSS that shows a table's grid or its cards by screen width (sent by `draw_once` around its drawing)."""
    if not _drawing_once.get():
        st.html(_ROW_CARDS_SWITCH_CSS)


def load_or_stop() -> LoadedData:
    """The shared live copy; a banner when the source is failing; an error and a stop when there is no data at all."""
    current = lang()
    plan = source_plan()
    result = _live_source(plan.cache_key, plan).get(force=st.session_state.pop(REFRESH_FLAG, False))
    good = result.good
    if good is None:
        message = escape_markdown(result.failure.message(current)) if result.failure else ""
        st.error(t("live.no_data", current, message=message), icon=":material/cloud_off:")
        _watch_screen(plan, result, current)  # the page draws itself once data comes
        st.stop()
    if result.failure is not None:
        st.warning(_banner(result, good.provenance.label, current), icon=":material/cloud_off:")
    # A sheet in another locale misreads what districts type: every page says so until it is switched.
    locale = next((p for p in good.dataset.problems if p.rule == "sheet_locale"), None)
    if locale is not None:
        st.warning(escape_markdown(locale.message(current)), icon=":material/language:")
    _history_failure_once(current)
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


# Each open page asks the server every SCREEN_CHECK_SECONDS whether the live copy moved, by fetching
# one small static file (no script run, so no widget state is sent: a timer fragment's run would
# carry the page's widget values, and one sent while a run changes a widget, e.g. the presentation's
# slide, brought the old value back). When it moved, the page presses its hidden button: one rerun,
# which keeps filters, language, scroll and slide.
_WATCH_HTML = """<style>.st-key-live_watch { display: none !important; }</style>
<script>
(() => {
  const url = "%(url)s", shown = %(shown)d;
  clearInterval(window.__liveWatch);
  window.__liveWatch = setInterval(async () => {
    try {
      const answer = await fetch(url + "?t=" + Date.now(), {cache: "no-store"});
      if (!answer.ok || (await answer.json()).generation <= shown) return;
      const button = document.querySelector(".st-key-live_reload button");
      if (button) { clearInterval(window.__liveWatch); button.click(); }
    } catch (error) { /* the server restarting: the page reconnects and reruns by itself */ }
  }, %(every)d);
})();
</script>"""
# In front of a room the sidebar is hidden: the stamp floats faint in the bottom-left corner instead.
_PRESENTATION_STAMP_CSS = """<style>.st-key-live_stamp { position: fixed; left: .7rem; bottom: .9rem; z-index: 999989;
  width: auto !important; opacity: .55; } .st-key-live_stamp p { font-size: .72rem; margin: 0; }</style>"""


def _generation_file(key: str) -> Path:
    """Where the process publishes the generation of the live copy of source `key` (served at /app/static/)."""
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return LIVE_STATIC_DIR / f"{os.getpid()}-{digest}.json"


def _publish_generation(path: Path, generation: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    written = path.with_suffix(".part")
    written.write_text(json.dumps({"generation": generation}), encoding="utf-8")
    written.replace(path)  # a page never reads half a file


def _watch_screen(plan: SourcePlan, result: LiveResult, current: str) -> None:
    """The page's watcher (hidden, in the sidebar) following the copy it shows, and the stamp
    "cập nhật lúc HH:MM:SS": in the sidebar, or in a corner of a presentation."""
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    url = "/" + (f"{base}/" if base else "") + "app/static/live/" + _generation_file(plan.cache_key).name
    with st.sidebar.container(key="live_watch"):
        st.html(_WATCH_HTML % {"url": url, "shown": result.generation, "every": SCREEN_CHECK_SECONDS * 1000},
                unsafe_allow_javascript=True)
        st.button(t("live.reload", current), key="live_reload")
    if result.good is None:
        return
    stamp = t("live.updated_at", current, time=result.read_at.strftime("%H:%M:%S"))
    if st.query_params.get("present") == "1":
        with st.container(key="live_stamp"):
            st.html(_PRESENTATION_STAMP_CSS)
            st.caption(stamp)
    else:
        st.sidebar.caption(stamp)


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
    sidebar.markdown(_freshness_line(result, loaded.from_snapshot, current))
    _watch_screen(plan, result, current)
    if plan.kind == "google" and result.probe_failure is not None:  # one line, while it lasts
        sidebar.caption(t("live.drive_fallback", current, why=result.probe_failure.message(current),
                          seconds=f"{result.ttl:g}"))
    elif result.watching:
        sidebar.caption(t("live.watching", current, seconds=f"{_live_source(plan.cache_key, plan).probe_interval:g}"))
    else:
        sidebar.caption(t("live.every", current, seconds=f"{result.ttl:g}"))
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


# Streamlit closes the sidebar after a page link only when the browser's user agent says "mobile";
# a phone in desktop mode, a tablet or a narrow window keeps it open over the page it just opened.
# Below Streamlit's own breakpoint (where the sidebar covers the page) a tap on a page link closes it.
_CLOSE_SIDEBAR_AFTER_LINK_JS = """<script>
(() => {
  if (window.__closeSidebarAfterLink) return;
  window.__closeSidebarAfterLink = true;
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest('[data-testid="stSidebarNavLink"]');
    if (!link || !window.matchMedia("(max-width: 767.98px)").matches) return;
    setTimeout(() => {
      const close = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
      if (close && close.getAttribute("aria-expanded") === "true") close.click();
    }, 60);
  }, true);
})();
</script>"""


def close_sidebar_after_link() -> None:
    """On a narrow screen, a tap on a sidebar page link closes the sidebar (a script, installed once per tab)."""
    st.html(_CLOSE_SIDEBAR_AFTER_LINK_JS, unsafe_allow_javascript=True, width="content")


NARROW_SCREEN_PX = 640  # at or below this width a table shows as cards (its columns would be cut)
_ROW_CARDS_SWITCH_CSS = f"""<style>
[class*="st-key-narrow-"] {{ display: none !important; }}
@media (max-width: {NARROW_SCREEN_PX}px) {{
  [class*="st-key-wide-"] {{ display: none !important; }}
  [class*="st-key-narrow-"] {{ display: flex !important; }}
}}
</style>"""


def show_chart(wide_chart, narrow_chart, key: str) -> None:
    """One chart in two sizes of type: `wide_chart` on a wide screen (a projector), `narrow_chart`
    (the page's own) on a phone, where a projector's type would leave no room for the data."""
    _row_cards_switch()
    with st.container(key=f"wide-{key}"):
        st.altair_chart(wide_chart, width="stretch")
    with st.container(key=f"narrow-{key}"):
        st.altair_chart(narrow_chart, width="stretch")


def show_table(table, frame, key: str, column_config: dict | None = None, links: dict | None = None) -> None:
    """A display table: a data grid on a wide screen, one card per row on a phone (CSS picks one).

    `table` is what the grid shows (a DataFrame or its Styler), `frame` the same rows as a
    DataFrame for the cards; `key` names the pair (unique on the page); `links` maps a link
    column to its link text in the cards (the grid's LinkColumn in `column_config` shows it there).
    """
    _row_cards_switch()
    with st.container(key=f"wide-{key}"):
        st.dataframe(table, hide_index=True, width="stretch", column_config=column_config)
    with st.container(key=f"narrow-{key}"):
        st.html(build_row_cards_html(frame, links))


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


def page_context(title: str | None = None) -> PageContext:
    """Sign-in and access, load (cached), draw the shared sidebar, and compute what the page may show.

    With a `title`, the page's title is drawn first, before the data is read, so the page has a shape
    at once; but only where that reveals nothing: an open dashboard, or a viewer admitted earlier in
    this session. Anyone else sees it only once sign-in and the access list let them in."""
    current = lang()
    early = title is not None and _admitted_before()
    if early:
        st.title(title)
    require_sign_in()
    loaded = load_or_stop()
    viewer = require_access(loaded.dataset)
    st.session_state[_ADMITTED] = True
    if title is not None and not early:
        st.title(title)
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
    version = (source_key, read_at, as_of, codes, viewer.role, viewer.district_codes, str(geography_folder()), current)
    # Figures are computed on the whole sheet (the province totals stay true), then cut to what the viewer may see.
    return PageContext(current, restrict_dataset(dataset, viewer), loaded.provenance, restrict_rollout(rollout, viewer),
                       restrict_rollout(province, viewer), viewer, version)


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


_ADMITTED = "_page_context_admitted"  # session key: this session has passed sign-in and the access list


def _admitted_before() -> bool:
    return not auth_configured(_secrets()) or bool(st.session_state.get(_ADMITTED))


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


_MAP_DRAWING_CSS = """<style>
.st-key-drawing-KEY { position: relative; }
.st-key-drawing-KEY > div:first-child { position: absolute; inset: 0; z-index: 0; display: flex; align-items: center;
  justify-content: center; pointer-events: none; }
.st-key-drawing-KEY .map-drawing { font-size: 1.1rem; color: #4b5563; background: #f2f5f9; padding: .4rem .9rem; text-align: center;
  border-radius: 6px; }
.st-key-drawing-KEY iframe { position: relative; z-index: 1; }
</style>"""


def show_map(folium_map, key: str, height: int = 560) -> str | None:
    """Draw a folium map full width; returns the code of the district polygon last clicked, else None.

    Its scripts come from `./static/vendor/` (served at /app/static/), so it draws with no
    Internet. Only a click returns data: panning and zooming never rerun the app. The component
    forgets the click when the map changes (e.g. redrawn with the selection), so callers keep the
    selection in session state.
    """
    _vendored_map_assets()
    with st.container(key=f"drawing-{key}"):
        # Behind the map's frame until the map paints over it: the frame is an empty box for seconds.
        st.html(_MAP_DRAWING_CSS.replace("KEY", key) + f'<div class="map-drawing" role="status">{tr("help.map_drawing")}</div>')
        state = _map_component(folium_map, key, height)
    drawing = (state or {}).get("last_active_drawing") or {}
    if (drawing.get("geometry") or {}).get("type") not in ("Polygon", "MultiPolygon"):
        return None  # a point marker (or nothing) was clicked
    code = (drawing.get("properties") or {}).get("code")
    return None if code is None else str(code)


# ---------------------------------------------------------------- the map component, prepared once per map

MAP_RETURNED_OBJECTS = ["last_active_drawing"]  # only a click on a district reruns the page
_prepared_maps: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # folium map → {(key, height): arguments}


def _map_component(folium_map, key: str, height: int):
    """`streamlit_folium.st_folium(folium_map, key=key, height=height, use_container_width=True,
    returned_objects=MAP_RETURNED_OBJECTS)`, with what st_folium prepares from the map (render it, turn
    it into the component's script, hash that) done once per map object: a map kept across reruns
    (`remember`) is sent again as it is. At country scale that preparation is most of a second.
    tests/test_streamlit_adapter.py checks the arguments against st_folium's own."""
    import streamlit_folium

    with RENDERING:  # the map is changed while prepared (ids renamed, assets set): one render at a time
        prepared = _prepared_maps.setdefault(folium_map, {})
        arguments = prepared.get((key, height))
        if arguments is None:
            use_local_assets(folium_map, base_url_path=st.get_option("server.baseUrlPath") or "")
            arguments = prepared[(key, height)] = _map_component_arguments(folium_map, key, height)
    hash_key = arguments["key"]

    def on_change():  # what st_folium's own callback does: the map's state under the caller's key
        st.session_state[key] = st.session_state.get(hash_key, {})

    return streamlit_folium._component_func(**arguments, on_change=on_change)


def _map_component_arguments(folium_map, key: str, height: int) -> dict:
    """The arguments st_folium (streamlit-folium 0.27) passes its component for a folium.Map drawn full
    width that returns MAP_RETURNED_OBJECTS, made by its own functions in its order (they change the map)."""
    import streamlit_folium as sf

    folium_map.get_root().render()
    folium_map.render()
    html_text, header = sf._get_html(folium_map), sf._get_header(folium_map)
    leaflet = sf._get_map_string(folium_map)
    css_links, js_links = [], []
    for element in asset_elements(folium_map):
        css_links.extend(href for _, href in element.default_css)
        js_links.extend(src for _, src in element.default_js)
    return dict(script=leaflet, header=header, html=html_text, id=sf.get_full_id(folium_map),
                key=sf.generate_js_hash(leaflet, key, False), height=height, width=None,
                returned_objects=MAP_RETURNED_OBJECTS, default={"last_active_drawing": None}, zoom=None, center=None,
                feature_group=None, return_on_hover=False, layer_control=None, pixelated=False,
                css_links=list(dict.fromkeys(css_links)), js_links=list(dict.fromkeys(js_links)), wrap_longitude=False)

