"""One figure, one value: what every surface shows, read back from the surface itself, must agree.

For the province and for each district of the demo workbook and of a generated large province
(`bench/workbooks.py`, 2,000 points), the figures are read from what the user sees or takes away:
the overview cards and district table and the district page (AppTest element values), the training
page's summary and charts, the map's district tooltips (folium), the slides' cards and facts (HTML),
the Excel workbook (openpyxl) and the Word reports (python-docx). Each reading is filed under
(scope, figure) with the surface it came from; a figure that two surfaces show differently fails.

Besides what is printed, three readings are derived from the printed numbers themselves, so that a
total row or a share cannot follow a rule of its own: "Σ rows" (the province as the sum of the
district rows printed above it), "count/target" (a printed share against its printed count and
denominator) and the report's "staff to train" against its own table.
"""

from __future__ import annotations

import functools
import html
import io
import re
from collections import defaultdict
from contextlib import contextmanager
from datetime import date

import openpyxl
import pyarrow as pa
import pytest
from docx import Document

from bench.workbooks import write_scaled
from lib import DEMO_WORKBOOK, GEOGRAPHIES_DIR
from lib.cleaning import clean_workbook
from lib.exports import slides as deck
from lib.exports.excel import build_tables_workbook
from lib.exports.report import build_report_docx
from lib.geography import GEOGRAPHY_ENV, load_geography
from lib.i18n import t
from lib.metrics.readiness import MEASURES
from lib.metrics.rollout import compute_rollout
from lib.sources import SOURCE_ENV, read_source
from lib.views.format import format_share
from lib.views.maps import build_readiness_map
from tests.helpers import run_app_page

PROVINCE = "province"
CARD_FIGURES = (("ov.equipped", "equipped"), ("ov.trained", "trained"), ("ov.live", "live"), ("ov.ready", "ready"))


def _int(text) -> int:
    """A whole number written the Vietnamese way ("1.234") or already a number."""
    if isinstance(text, (int, float)):
        return int(text)
    return int(re.search(r"-?[\d.]+", str(text)).group(0).replace(".", ""))


def _share_text(text: str) -> str:
    """The share in a display text: '✓ 82,4 %' → '82,4 %'; '—' stays."""
    found = re.search(r"\d+,\d %", text)
    return found.group(0) if found else "—"


def _template_pattern(key: str) -> re.Pattern:
    """A regex from an i18n template: each {name} captures a number or a share."""
    parts = re.split(r"(\{\w+\})", t(key, "vi"))
    def group(name: str) -> str:
        return f"(?P<{name}>[\\d/—]+)" if name == "deadline" else f"(?P<{name}>[^\\s()/]+(?: %)?)"

    pattern = "".join(group(part[1:-1]) if part.startswith("{") else re.escape(part) for part in parts)
    return re.compile(pattern)


class Readings:
    """(scope, figure) → {surface: value}."""

    def __init__(self):
        self.values: dict[tuple[str, str], dict[str, object]] = defaultdict(dict)

    def add(self, surface: str, scope: str, **figures) -> None:
        for figure, value in figures.items():
            self.values[(str(scope), figure)][surface] = value

    def add_shares(self, surface: str, scope: str, counts: dict[str, int], target: int) -> None:
        """A printed count over its printed denominator, as a share text, to hold against the printed share."""
        self.add(surface + " count/target", scope,
                 **{f"share_{name}": format_share(count / target if target else None) for name, count in counts.items()})

    def disagreements(self) -> list[str]:
        found = []
        for (scope, figure), seen in sorted(self.values.items()):
            if len({repr(value) for value in seen.values()}) > 1:
                found.append(f"{scope} {figure}: " + ", ".join(f"{surface}={value!r}" for surface, value in
                                                            sorted(seen.items())))
        return found

    def surfaces(self) -> set[str]:
        return {surface for seen in self.values.values() for surface in seen}


# ---------------------------------------------------------------- reading each surface


def _cards(surface: str, scope: str, cards: dict[str, tuple[str, str]], readings: Readings) -> None:
    """Headline cards: label → (value, detail), as the overview, district page and slides show them."""
    readings.add(surface, scope, points=_int(cards[t("ov.points")][0]))
    counts, targets = {}, set()
    for key, figure in CARD_FIGURES:
        value, detail = cards[t(key)]
        count, target = (_int(part) for part in value.split("/"))
        counts[figure] = count
        targets.add(target)
        readings.add(surface, scope, **{figure: count, "target": target, f"share_{figure}": _share_text(detail)})
    assert len(targets) == 1, (surface, scope, cards)  # one denominator on one set of cards
    readings.add_shares(surface, scope, counts, targets.pop())
    value, detail = cards[t("ov.children")]
    entered, eligible = (_int(part) for part in value.split("/"))
    readings.add(surface, scope, children_entered=entered, eligible_children=eligible,
                 share_children=_share_text(detail))


def _metric_cards(app) -> dict[str, tuple[str, str]]:
    return {metric.label: (metric.value, metric.delta or "") for metric in app.metric}


def _html_cards(text: str) -> dict[str, tuple[str, str]]:
    found = re.findall(r'<div class="label">(.*?)</div><div class="value">(.*?)</div><div class="detail">(.*?)</div>',
                       text)
    return {html.unescape(label): (html.unescape(value), html.unescape(detail).replace("\xa0", ""))
            for label, value, detail in found}


def read_overview(rollout, readings: Readings, codes: list[str]) -> None:
    app = run_app_page("overview.py")
    _cards("overview cards", PROVINCE, _metric_cards(app), readings)
    table = app.dataframe[0].value
    names = dict(zip(rollout.district_readiness["district_name"], rollout.district_readiness["district_code"]))
    columns = {"share_equipped": "col.equipped", "share_trained": "col.trained", "share_live": "col.live",
               "share_children": "col.children", "share_ready": "col.ready"}
    for row in table.to_dict("records"):
        readings.add("overview table", names[row[t("col.district")]], points=_int(row[t("col.points")]),
                     **{figure: _share_text(row[t(key)]) for figure, key in columns.items()})
    for code in codes:
        _cards("overview cards", code, _metric_cards(run_app_page("overview.py", district_filter=[code])), readings)


def read_district_page(readings: Readings, codes: list[str]) -> None:
    for code in codes:
        app = run_app_page("district.py", district_page_choice=code)
        _cards("district page", code, _metric_cards(app), readings)


def _chart_tables(app) -> list[list[dict]]:
    """The rows of every dataset of every chart on a page, as Streamlit sent them (Arrow)."""
    tables = []
    for chart in app.get("vega_lite_chart"):
        rows = []
        for dataset in chart.proto.datasets:
            rows += pa.ipc.open_stream(dataset.data.data).read_all().to_pylist()
        tables.append(rows)
    return tables


def read_training(rollout, readings: Readings, codes: list[str]) -> None:
    pattern = _template_pattern("tr.summary")
    names = dict(zip(rollout.district_readiness["district_name"], rollout.district_readiness["district_code"]))
    for scope in (PROVINCE, *codes):
        app = run_app_page("training.py", **({} if scope == PROVINCE else {"district_filter": [scope]}))
        summary = next(pattern.search(m.value) for m in app.markdown if pattern.search(m.value))
        readings.add("training page", scope, trained_staff=_int(summary["trained"]), staff=_int(summary["staff"]),
                     share_trained_staff=summary["share"], proficient=_int(summary["proficient"]))
        tables = _chart_tables(app)
        curve = next((rows for rows in tables if any(row.get("cumulative") is not None for row in rows)), None)
        bars = next((rows for rows in tables if any(row.get("part") is not None for row in rows)), [])
        if curve is not None:  # no training date at all: the page says so instead of drawing
            # The curve ends at the staff trained on a known date; its note says how many have none.
            cumulative = [row["cumulative"] for row in curve if row.get("cumulative") is not None]
            undated = [row["undated"] for row in curve if row.get("undated") is not None]
            totals = [row["total"] for row in curve if row.get("total") is not None]
            readings.add("training curve", scope, trained_staff=max(cumulative) + sum(undated), staff=totals[0])
        if scope != PROVINCE:
            continue
        staff, trained = defaultdict(int), defaultdict(int)
        for row in bars:
            code = names[row["district"]]
            staff[code] += row["staff"]
            if row["part"] == t("tr.part.trained"):
                trained[code] += row["staff"]
        for code in staff:
            readings.add("training by district chart", code, staff=staff[code], trained_staff=trained[code])


def read_map(rollout, geography, readings: Readings) -> None:
    for measure in MEASURES:
        folium_map = build_readiness_map(geography, rollout.district_readiness, rollout.point_status,
                                         measure=measure, lang="vi")
        tooltips = {}
        offshore = [str(f["properties"]["code"]) for f in geography.districts_geojson["features"]
                    if f["properties"].get("offshore")]
        panels = []
        for child in folium_map._children.values():
            data = getattr(child, "data", None)
            if isinstance(data, dict) and data.get("type") == "FeatureCollection":
                for feature in data["features"]:
                    tooltips[feature["properties"]["code"]] = feature["properties"]["tooltip"]
            if getattr(child, "css_class", None) == "nis-offshore":
                panels.append(child.html)
        tooltips.update(zip(offshore, panels))
        ready = _template_pattern("map.points_ready")
        for code, tooltip in tooltips.items():
            text = html.unescape(tooltip)
            share = re.search(re.escape(t("map.measure." + measure)) + r": <b>([^<]*)</b>", text).group(1)
            counts = ready.search(text)
            readings.add("map tooltip", code, **{measure: _share_text(share) if "%" in share else "—",
                                                 "ready": _int(counts["ready"]), "target": _int(counts["total"])})


def read_slides(rollout, readings: Readings, codes: list[str]) -> None:
    _cards("slides", PROVINCE, _html_cards(deck.build_headline_cards_html(rollout.headline, "vi")), readings)
    labels = {t("map.measure." + key): key for key in MEASURES}
    for code in codes:
        _cards("slides", code, _html_cards(deck.build_headline_cards_html(deck.district_headline(rollout, code),
                                                                          "vi")), readings)
        for label, value in deck.district_facts(rollout, code, "vi"):
            if label in labels:
                readings.add("slide facts", code, **{labels[label]: _share_text(value)})
            elif label == t("pres.open_difficulties"):
                readings.add("slide facts", code, open_difficulties=_int(value))


def read_excel(rollout, province: str, readings: Readings) -> None:
    book = openpyxl.load_workbook(io.BytesIO(build_tables_workbook(rollout, province, "vi")))
    sheet = book[t("exp.sheet.districts")]
    header = [cell.value for cell in sheet[1]]

    def column(key):
        label = t(key)
        return header.index(label) if label in header else None

    figures = {"points": "exp.col.points", "equipped": "exp.col.points_equipped", "trained": "exp.col.points_trained",
               "live": "exp.col.points_live", "ready": "exp.col.points_ready", "staff": "exp.col.staff",
               "trained_staff": "exp.col.trained_staff", "proficient": "exp.col.proficient",
               "eligible_children": "exp.col.eligible_children", "children_entered": "exp.col.children_entered"}
    shares = {f"share_{name}": f"exp.col.share_{name}" for name in ("equipped", "trained", "live", "ready", "children")}
    sums, targets = defaultdict(int), 0
    for row in sheet.iter_rows(min_row=2, values_only=True):
        is_total = row[column("col.district")] == t("exp.total")
        scope = PROVINCE if is_total else row[column("exp.col.district_code")]
        values = {name: int(row[column(key)] or 0) for name, key in figures.items()}
        target_column = column("exp.col.points_target")
        if target_column is not None:
            target = int(row[target_column])
        else:  # the rule the workbook's note states: the larger of points listed and expected
            target = max(values["points"], int(row[column("exp.col.expected_points")] or 0))
        readings.add("excel", scope, target=target, **values,
                     **{name: format_share(row[column(key)]) for name, key in shares.items()})
        counts = {name: values[name] for name in ("equipped", "trained", "live", "ready")}
        readings.add_shares("excel", scope, counts, target)
        if not is_total:
            targets += target
            for name, value in values.items():
                sums[name] += value
    readings.add("excel Σ rows", PROVINCE, target=targets, **sums)
    readings.add_shares("excel Σ rows", PROVINCE, {name: sums[name] for name in ("equipped", "trained", "live",
                                                                                   "ready")}, targets)
    readings.add("excel Σ rows", PROVINCE,
                 share_children=format_share(sums["children_entered"] / sums["eligible_children"]
                                             if sums["eligible_children"] else None))


def _document_text(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def _report_results(surface: str, scope: str, paragraphs: list[str], readings: Readings) -> None:
    counts = {}
    for key, figure in (("rep.result.equipped", "equipped"), ("rep.result.trained", "trained"),
                        ("rep.result.live", "live"), ("rep.result.ready", "ready")):
        pattern = _template_pattern(key)
        found = next(pattern.search(p) for p in paragraphs if pattern.search(p))
        counts[figure] = _int(found["n"])
        readings.add(surface, scope, **{figure: _int(found["n"]), "target": _int(found["total"]),
                                        f"share_{figure}": found["share"]})
        readings.add_shares(surface, scope, {figure: _int(found["n"])}, _int(found["total"]))
    pattern = _template_pattern("rep.result.children")
    found = next(pattern.search(p) for p in paragraphs if pattern.search(p))
    readings.add(surface, scope, children_entered=_int(found["entered"]), eligible_children=_int(found["eligible"]),
                 share_children=found["share"])
    pattern = _template_pattern("rep.situation.training")
    found = next(pattern.search(p) for p in paragraphs if pattern.search(p))
    readings.add(surface, scope, trained_staff=_int(found["trained"]), staff=_int(found["staff"]),
                 share_trained_staff=found["share"], proficient=_int(found["proficient"]))
    pattern = re.compile(re.escape(t("rep.propose.training").split("{n}")[0]) + r"([\d.]+)")
    asked = [pattern.search(p) for p in paragraphs if pattern.search(p)]
    readings.add(surface + " proposals", scope, staff_to_train=_int(asked[0].group(1)) if asked else 0)
    readings.add(surface + " staff − trained", scope, staff_to_train=_int(found["staff"]) - _int(found["trained"]))


def read_province_report(dataset, rollout, readings: Readings) -> None:
    document = Document(io.BytesIO(build_report_docx(dataset, rollout, "vi")))
    paragraphs = _document_text(document)
    _report_results("report", PROVINCE, paragraphs, readings)
    table = next(table for table in document.tables
                 if [cell.text for cell in table.rows[0].cells][:2] == [t("rep.col.number"), t("rep.col.district")])
    header = [cell.text for cell in table.rows[0].cells]
    names = dict(zip(rollout.district_readiness["district_name"], rollout.district_readiness["district_code"]))
    sums, targets = defaultdict(int), 0
    for row in table.rows[1:]:
        cells = {name: cell.text for name, cell in zip(header, row.cells)}
        is_total = cells[t("rep.col.district")] == t("rep.total")
        scope = PROVINCE if is_total else names[cells[t("rep.col.district")]]
        listed = cells[t("rep.col.points")].split("/")
        points, target = _int(listed[0]), _int(listed[-1])
        equipped, live = (_int(cells[t(key)].split("\n")[0]) for key in ("rep.col.equipped", "rep.col.live"))
        trained_staff, staff = (_int(part) for part in cells[t("rep.col.trained")].split("\n")[0].split("/"))
        entered, eligible = (_int(part) for part in cells[t("rep.col.children")].split("\n")[0].split("/"))
        values = {"points": points, "target": target, "equipped": equipped, "live": live,
                  "trained_staff": trained_staff, "staff": staff, "proficient": _int(cells[t("rep.col.proficient")]),
                  "children_entered": entered, "eligible_children": eligible,
                  "supervised": _int(cells[t("rep.col.supervised")])}
        readings.add("report table", scope, **values,
                     share_equipped=_share_text(cells[t("rep.col.equipped")]),
                     share_live=_share_text(cells[t("rep.col.live")]),
                     share_children=_share_text(cells[t("rep.col.children")]))
        readings.add_shares("report table", scope, {"equipped": equipped, "live": live}, target)
        if not is_total:
            for name, value in values.items():
                sums[name] += value
    readings.add("report table Σ rows", PROVINCE, **sums)
    readings.add_shares("report table Σ rows", PROVINCE, {"equipped": sums["equipped"], "live": sums["live"]},
                        sums["target"])
    # The training proposal's brackets: staff still to train, per district.
    pattern = re.compile(re.escape(t("rep.propose.training").split("{n}")[0]) + r"[\d.]+.*?\((.*)\)")
    asked = next((pattern.search(p) for p in paragraphs if pattern.search(p)), None)
    for part in (asked.group(1).split("; ") if asked else []):
        name, count = part.rsplit(": ", 1)
        readings.add("report proposals", names[name], staff_to_train=_int(count))


def read_district_reports(dataset, rollout, readings: Readings, codes: list[str]) -> None:
    for code in codes:
        document = Document(io.BytesIO(build_report_docx(dataset, rollout, "vi", district_code=code)))
        _report_results("district report", code, _document_text(document), readings)
        total = [cell.text for cell in document.tables[1].rows[-1].cells]
        header = [cell.text for cell in document.tables[1].rows[0].cells]
        cells = dict(zip(header, total))
        trained_staff, staff = (_int(part) for part in cells[t("rep.col.trained")].split("/"))
        readings.add("district report table", code, trained_staff=trained_staff, staff=staff,
                     equipped=_int(cells[t("rep.col.equipped_point")].split("\n")[0]),
                     live=_int(cells[t("rep.col.live_point")].split("\n")[0]))
        # Its point rows add up to its total row.
        rows = [[cell.text for cell in row.cells] for row in document.tables[1].rows[1:-1]]
        trained_column = header.index(t("rep.col.trained"))
        pairs = [[0 if part.strip() == "—" else _int(part) for part in row[trained_column].split("/")]
                 for row in rows]
        readings.add("district report Σ point rows", code, trained_staff=sum(p[0] for p in pairs),
                     staff=sum(p[1] for p in pairs))


# ---------------------------------------------------------------- the provinces


@contextmanager
def _source(path, geography_folder=None):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(SOURCE_ENV, str(path))
        if geography_folder is not None:
            patch.setenv(GEOGRAPHY_ENV, str(geography_folder))
        yield


@functools.cache  # the demo's readings serve two tests; nothing changes them once read
def _readings(path, geography_folder=None) -> tuple[Readings, object]:
    geography = load_geography(geography_folder)
    dataset = clean_workbook(read_source(str(path)), geography)
    rollout = compute_rollout(dataset, geography, dataset.as_of or date(2017, 5, 20))
    codes = [str(code) for code in rollout.district_readiness["district_code"]]
    readings = Readings()
    with _source(path, geography_folder):
        read_overview(rollout, readings, codes)
        read_district_page(readings, codes)
        read_training(rollout, readings, codes)
    read_map(rollout, geography, readings)
    read_slides(rollout, readings, codes)
    read_excel(rollout, dataset.province, readings)
    read_province_report(dataset, rollout, readings)
    read_district_reports(dataset, rollout, readings, codes)
    return readings, rollout


@pytest.fixture(scope="module")
def large_province(tmp_path_factory):
    return write_scaled(tmp_path_factory.mktemp("large") / "large-province.xlsx", 2000)


@pytest.mark.parametrize("which", ["demo", "large", "phu_yen_demo"])
def test_every_surface_shows_the_same_figures(which, large_province):
    if which == "phu_yen_demo":  # another province by data alone: its demo, on its own geography
        folder = GEOGRAPHIES_DIR / "phu_yen"
        readings, rollout = _readings(folder / "demo.xlsx", folder)
    else:
        readings, rollout = _readings(DEMO_WORKBOOK if which == "demo" else large_province)
    assert {"overview cards", "overview table", "district page", "training page", "training curve",
            "training by district chart", "map tooltip", "slides", "slide facts", "excel", "excel Σ rows",
            "report", "report table", "report table Σ rows", "district report"} <= readings.surfaces()
    # Every district was read on every per-district surface.
    codes = {str(code) for code in rollout.district_readiness["district_code"]}
    for surface in ("overview cards", "district page", "map tooltip", "slides", "excel", "report table",
                    "district report"):
        seen = {scope for (scope, _), values in readings.values.items() if surface in values}
        assert codes <= seen, surface
    problems = readings.disagreements()
    assert not problems, f"{len(problems)} figures disagree:\n" + "\n".join(problems[:60])


def test_the_demo_figures_named_in_the_issue():
    """Cam Ranh, Vạn Ninh, Khánh Sơn and Cam Lâm, as the issue found them, now agree on one value."""
    readings, _ = _readings(DEMO_WORKBOOK)
    values = readings.values
    assert set(values[("569", "share_equipped")].values()) == {"77,8 %"}  # 14/18, not 14/17
    assert set(values[("569", "share_live")].values()) == {"61,1 %"}  # 11/18
    assert set(values[("571", "share_equipped")].values()) == {"64,3 %"}  # 9/14, not 9/13
    assert set(values[("575", "target")].values()) == {9}  # Khánh Sơn expects 9, lists 8
    assert set(values[("570", "trained_staff")].values()) == {67}  # Cam Lâm!K3: 5 trained of 3 staff counts 3
    assert set(values[(PROVINCE, "target")].values()) == {153}
    assert set(values[(PROVINCE, "trained_staff")].values()) == {524}
    assert set(values[(PROVINCE, "staff_to_train")].values()) == {120}
