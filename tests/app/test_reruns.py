"""Reruns reuse what the adapter keeps across them (`remember`, `draw_once`, the prepared map) and
follow every change of what is shown: the data, the language, the district filter, the as-of date.

Each check compares what the rerun shows with what lib computes afresh for the new state.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from lib.authoring.demo import build_demo_grids
from lib.authoring.template import save_workbook
from lib.cleaning import clean_workbook
from lib.geography import load_geography
from lib.i18n import t
from lib.live import shared_live_source
from lib.metrics.rollout import compute_rollout
from lib.sources import SOURCE_ENV, read_source
from lib.streamlit_adapter import REFRESH_FLAG, source_plan
from lib.metrics.readiness import compute_blocking_districts
from lib.views.tables import build_district_table
from tests.helpers import PAGES
from tests.history.copies import set_as_of

DISTRICTS_TAB, FIRST_POINT_TAB = "Huyện", "Nha Trang"


def _write(path, as_of: date | None = date(2017, 5, 20), renamed: str | None = None):
    """The demo workbook at `path`: its as-of date (None: blank, the dashboard's today) and, with
    `renamed`, its first district (Nha Trang, 568) and that district's first point (KH-568-01) called
    `renamed` (the map names districts as its geography does, points as the sheet does)."""
    grids = build_demo_grids()
    set_as_of(grids, as_of)
    if renamed:
        grids[DISTRICTS_TAB][1][1] = renamed
        grids[FIRST_POINT_TAB][1][1] = renamed
    return save_workbook(grids, path)


def _rollout(path, as_of: date | None, codes: tuple[str, ...] = ()):
    geography = load_geography()
    dataset = clean_workbook(read_source(str(path)), geography)
    return compute_rollout(dataset, geography, dataset.as_of or as_of, codes)


def _expected_districts(path, as_of: date | None, lang: str, codes: tuple[str, ...] = ()):
    """The overview's district table as lib builds it for the workbook at `path` (no cache involved)."""
    rollout = _rollout(path, as_of, codes)
    return build_district_table(rollout.district_readiness, rollout.reports, rollout.pace, lang)[0]


def _expected_blocking_districts(path, as_of: date | None, lang: str, codes: tuple[str, ...] = ()):
    """The overview's table of the districts furthest from ready (reports and forecasts as of `as_of`)."""
    rollout = _rollout(path, as_of, codes)
    return build_district_table(compute_blocking_districts(rollout.district_readiness), rollout.reports, rollout.pace,
                                lang)[0]


def _shown_districts(app: AppTest, lang: str):
    """The district table the overview shows (its first dataframe), its columns those lib builds."""
    table = app.dataframe[0].value
    assert table.columns[0] == t("col.district", lang)
    return table


def _same(shown, expected) -> bool:
    return shown[list(expected.columns)].reset_index(drop=True).equals(expected)


def _switch_language(app: AppTest, lang: str) -> AppTest:
    """Pick `lang` in the sidebar, as a viewer does (it reruns the page in that language)."""
    app.button_group(key="language_choice").set_value(lang)
    return _run(app)


def _run(app: AppTest) -> AppTest:
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


@pytest.fixture
def overview(tmp_path, monkeypatch):
    """(the overview's AppTest on a copy of the demo at tmp_path/demo.xlsx, that path)."""
    path = _write(tmp_path / "demo.xlsx")
    monkeypatch.setenv(SOURCE_ENV, str(path))
    app = AppTest.from_file(str(PAGES / "overview.py"), default_timeout=60)
    app.query_params["lang"] = "vi"
    return app, path


def test_a_rerun_shows_the_same_tables_and_follows_language_and_filter(overview):
    app, path = overview
    first = _shown_districts(_run(app), "vi")
    assert _same(first, _expected_districts(path, None, "vi"))
    assert len(first) == 9
    again = _shown_districts(_run(app), "vi")
    assert again.equals(first)
    assert [m.value for m in app.metric] == [m.value for m in _run(app).metric]

    english = _shown_districts(_switch_language(app, "en"), "en")
    assert _same(english, _expected_districts(path, None, "en"))

    app.multiselect(key="district_filter").set_value(["575"])
    narrowed = _shown_districts(_run(app), "en")
    assert _same(narrowed, _expected_districts(path, None, "en", ("575",)))
    assert len(narrowed) == 1
    assert _same(app.dataframe[2].value, _expected_blocking_districts(path, None, "en", ("575",)))

    app.multiselect(key="district_filter").set_value([])
    assert _shown_districts(_switch_language(app, "vi"), "vi").equals(first)


def test_a_rerun_follows_new_data(overview):
    app, path = overview
    _run(app)
    _write(path, renamed="Nha Trang mới")
    live = shared_live_source(source_plan().cache_key, lambda: pytest.fail("the page opened no live source"))
    live.min_refresh_interval = 0.0  # the refresh button may read again at once
    app.session_state[REFRESH_FLAG] = True
    shown = _shown_districts(_run(app), "vi")
    assert "Nha Trang mới" in list(shown[t("col.district", "vi")])
    assert _same(shown, _expected_districts(path, None, "vi"))


def test_a_rerun_follows_the_as_of_date(tmp_path, monkeypatch):
    """A sheet without its as-of date is shown as of the dashboard's today: another day, other figures."""
    path = _write(tmp_path / "undated.xlsx", as_of=None)
    monkeypatch.setenv(SOURCE_ENV, str(path))
    app = AppTest.from_file(str(PAGES / "overview.py"), default_timeout=60)
    app.query_params["lang"] = "vi"
    shown, blocking = {}, {}
    for day in (date(2017, 5, 20), date(2017, 7, 1)):
        monkeypatch.setattr("lib.streamlit_adapter.today", lambda day=day: day)
        shown[day] = _shown_districts(_run(app), "vi")
        assert _same(shown[day], _expected_districts(path, day, "vi"))
        blocking[day] = app.dataframe[2].value
        assert _same(blocking[day], _expected_blocking_districts(path, day, "vi"))
    assert not shown[date(2017, 5, 20)].equals(shown[date(2017, 7, 1)])
    assert not blocking[date(2017, 5, 20)].equals(blocking[date(2017, 7, 1)])


def _has(script: str, text: str) -> bool:
    """Is `text` in the map's script, as written or as JSON writes it (non-ASCII letters as \\u escapes)?"""
    return text in script or json.dumps(text)[1:-1] in script


def _map_script(app: AppTest) -> str:
    """The script the map page sent its map component."""
    components = [element for element in app.get("component_instance")
                  if "folium" in element.proto.component_name]
    assert len(components) == 1
    return json.loads(components[0].proto.json_args)["script"]


def test_the_map_follows_measure_language_and_data(tmp_path, monkeypatch):
    path = _write(tmp_path / "map.xlsx")
    monkeypatch.setenv(SOURCE_ENV, str(path))
    app = AppTest.from_file(str(PAGES / "map.py"), default_timeout=60)
    app.query_params["lang"] = "vi"
    first = _map_script(_run(app))
    assert _map_script(_run(app)) == first  # the same map, not built again
    assert _has(first, t("map.measure.share_ready", "vi"))

    app.selectbox(key="map_measure").set_value("share_live")
    live_share = _map_script(_run(app))
    assert live_share != first and _has(live_share, t("map.measure.share_live", "vi"))

    _write(path, renamed="Nha Trang mới")
    live = shared_live_source(source_plan().cache_key, lambda: pytest.fail("the page opened no live source"))
    live.min_refresh_interval = 0.0
    app.session_state[REFRESH_FLAG] = True
    renamed = _map_script(_run(app))
    assert _has(renamed, "Nha Trang mới") and not _has(live_share, "Nha Trang mới")
    assert _has(renamed, t("map.measure.share_live", "vi"))

    english = _map_script(_switch_language(app, "en"))
    assert app.selectbox(key="map_measure").value == "share_live"  # the viewer's measure is kept (its key is its identity)
    assert _has(english, t("map.measure.share_live", "en")) and not _has(english, t("map.measure.share_live", "vi"))
    assert _has(english, "Nha Trang mới")


def test_what_one_viewer_was_shown_is_not_replayed_to_another(tmp_path, monkeypatch):
    """A province user, then Khánh Sơn's officer, then the province user again, each in a new session of
    one process: the points furthest from ready are the province's, then Khánh Sơn's only."""
    path = _write(tmp_path / "access.xlsx")
    monkeypatch.setenv(SOURCE_ENV, str(path))
    secrets = {"auth": {"redirect_uri": "http://127.0.0.1/oauth2callback", "cookie_secret": "s", "client_id": "c"},
               "access": {"province": ["pmc@example.vn"], "districts": {"575": ["khanhson@example.vn"]}}}
    monkeypatch.setattr("lib.streamlit_adapter._secrets", lambda: secrets)
    khanh_son = _rollout(path, None).district_readiness.set_index("district_code").loc["575", "district_name"]
    shown = {}
    for email in ("pmc@example.vn", "khanhson@example.vn", "pmc@example.vn"):
        user = {"is_logged_in": True, "email": email, "email_verified": True}
        monkeypatch.setattr("lib.streamlit_adapter._user", user.get)
        app = AppTest.from_file(str(PAGES / "overview.py"), default_timeout=60)
        app.query_params["lang"] = "vi"
        blocking = _run(app).dataframe[1].value
        assert blocking.columns[1] == t("col.district", "vi")
        districts = set(blocking[t("col.district", "vi")])
        if email.startswith("khanhson"):
            assert districts == {khanh_son}
        else:
            assert len(districts) > 1
            assert email not in shown or blocking.equals(shown[email])
        shown[email] = blocking


def test_the_data_quality_groups_follow_severities_and_language(tmp_path, monkeypatch):
    """The problem groups are drawn once per data version and severities chosen (`draw_once`)."""
    from lib.views.tables import build_problem_table, group_problems

    path = _write(tmp_path / "demo.xlsx")
    monkeypatch.setenv(SOURCE_ENV, str(path))
    dataset = clean_workbook(read_source(str(path)), load_geography())
    names = dict(zip(dataset.districts["district_code"], dataset.districts["district_name"]))

    def expected(severities: tuple[str, ...]) -> dict:
        return group_problems([p for p in dataset.problems if p.severity in severities], names)

    def shown_groups(app: AppTest) -> list[str]:
        return [expander.label for expander in app.expander][:-1]  # the last one is the row accounting

    app = AppTest.from_file(str(PAGES / "data_quality.py"), default_timeout=60)
    app.query_params["lang"] = "vi"
    every = expected(("error", "warning", "info"))
    first = shown_groups(_run(app))
    assert first == [f"{owner} · {len(owned)}" for owner, owned in every.items()] and len(first) > 3
    assert shown_groups(_run(app)) == first  # the same groups, replayed
    app.pills(key="dq_severity").set_value(["error"])
    errors = expected(("error",))
    assert shown_groups(_run(app)) == [f"{owner} · {len(owned)}" for owner, owned in errors.items()]
    first_owner, first_problems = next(iter(errors.items()))
    assert app.dataframe[1].value.equals(build_problem_table(first_problems, "vi"))
    english = _switch_language(app, "en")
    assert english.dataframe[1].value.equals(build_problem_table(first_problems, "en"))
    assert shown_groups(_switch_language(app, "vi"))[0] == f"{first_owner} · {len(first_problems)}"
    app.pills(key="dq_severity").set_value(["error", "warning", "info"])
    assert shown_groups(_run(app)) == first


def test_the_deadlines_tables_follow_the_as_of_date(tmp_path, monkeypatch):
    """The deadline tables are drawn once per data version (`draw_once`): another day, other reports."""
    from lib.views.tables import build_reports_table

    path = _write(tmp_path / "undated.xlsx", as_of=None)
    monkeypatch.setenv(SOURCE_ENV, str(path))
    app = AppTest.from_file(str(PAGES / "deadlines.py"), default_timeout=60)
    app.query_params["lang"] = "vi"
    shown = {}
    for day in (date(2017, 6, 1), date(2017, 6, 10), date(2017, 6, 1)):
        monkeypatch.setattr("lib.streamlit_adapter.today", lambda day=day: day)
        reports = next(frame.value for frame in _run(app).dataframe
                       if t("col.report", "vi") in frame.value.columns)
        assert reports.equals(build_reports_table(_rollout(path, day).reports, "vi"))
        shown.setdefault(day, reports)
    assert not shown[date(2017, 6, 1)].equals(shown[date(2017, 6, 10)])
