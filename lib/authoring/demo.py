"""The demo workbook: a realistic sheet of the selected province as of 20/05/2017, with planted mistakes.

The demo is what the dashboard shows before a real Google Sheet is connected, and what meetings
fall back to when the room has no Internet, so it must look like the sheet districts really
fill in: uneven progress (the city well ahead, the mountains and the islands behind), a few
blank cells, the Có/Không variants people type, and a dozen typical data-entry mistakes that
the cleaning step must catch (`planted_mistakes`) next to odd-but-valid values it must accept
("1.234", "1,050", "12 người").

Tabs, headers and seed milestones come from `lib.schema`; districts and communes from the
geography folder. The province's story (how far each district had got, its training sessions,
hospitals, contacts, difficulties, where each mistake is planted) is data too: the folder's
`demo.json` when it has one, otherwise a story derived from the boundary files alone
(`derive_scenario`: the first district is the provincial city, the westernmost third are
mountain districts, offshore units are islands). Randomness comes from one
`random.Random(seed)`, and the saved file is byte-for-byte reproducible so that it can be
committed and diffed.
"""

from __future__ import annotations

import json
import math
import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from openpyxl.utils import get_column_letter

from lib.geography import Geography, load_geography
from lib.schema import (
    DIFFICULTIES,
    DISTRICTS,
    MILESTONES,
    NO,
    POINT_TYPES,
    POINTS,
    SEED_MILESTONES,
    SETTING_ROWS,
    SETTINGS,
    SUPERVISION_RESULTS,
    TRAINING,
    YES,
)
from lib.authoring.template import header_row, save_workbook, seed_value

AS_OF = date(2017, 5, 20)
SCENARIO_FILE = "demo.json"  # in the geography folder; optional

STATION, HOSPITAL, PRIVATE = POINT_TYPES[0], POINT_TYPES[1], POINT_TYPES[2]
PASS, FAIL = SUPERVISION_RESULTS
PROVINCIAL_HALL = "Hội trường TTYT dự phòng tỉnh"

# The rules the planted mistakes exercise: one of each in every province's demo.
MISTAKE_RULES = (
    "entered_exceeds_eligible", "negative_count", "trained_exceeds_staff", "invalid_count", "duplicate_code",
    "invalid_date", "outside_province", "commune_spelling", "invalid_yes_no", "date_out_of_window",
    "missing_required", "unknown_district",
)


@dataclass(frozen=True)
class _Profile:
    """How far a district had got by 20/05/2017: probabilities and ranges for its points."""

    computer: float
    printer: float
    internet: float
    trained: float  # share of points whose staff attended a session
    partial: float  # share of trained points where only part of the staff attended
    live: float  # chance that a trained, connected point has started using the System
    lag_days: tuple[int, int]  # training → go-live
    entered: tuple[float, float]  # share of eligible children entered, once live
    eligible: tuple[int, int]  # eligible children per commune station
    supervised: float  # chance that a point live for 5+ days has been supervised


@dataclass(frozen=True)
class Scenario:
    """One province's demo story; every district code is a string, every date a `date`.

    `sessions`: (date, district code, place); `hospitals`/`private_services`: district code →
    ((name, commune short name), ...); `mistakes`: dicts with `rule`, `district`, `point` (a
    point's name or the end of it) and the rule's own values; `odd_counts`: dicts with `form`,
    `district`, `point`; `expect_planted`: the (tab, cell, rule, raw) list the build must give,
    or None to take whatever it gives.
    """

    code_prefix: str
    capital: str
    mountain: tuple[str, ...]
    profiles: dict[str, _Profile]
    sessions: tuple[tuple[date, str, str], ...]
    make_up_district: str | None
    make_up_date: date | None
    make_up_note: str
    hospitals: dict[str, tuple[tuple[str, str], ...]]
    private_services: dict[str, tuple[tuple[str, str], ...]]
    unlisted_points: dict[str, int]
    contacts: dict[str, str]
    extra_editors: dict[str, tuple[str, ...]]
    early_reports: dict[str, date]
    difficulties: tuple[tuple, ...]
    mistakes: tuple[dict, ...]
    odd_counts: tuple[dict, ...]
    expect_planted: tuple[tuple, ...] | None = field(default=None)


def build_demo_grids(seed: int = 2017, geography: Geography | None = None) -> dict[str, list[list]]:
    """Every tab of the demo workbook as a grid: header row (schema order), then data rows.

    `geography` defaults to the selected one (`DASHBOARD_GEOGRAPHY`). Raises AssertionError when
    the folder's `demo.json` lists planted mistakes that the build no longer gives.
    """
    geography = geography or load_geography()
    scenario = load_scenario(geography)
    grids, planted = _build(seed, geography, scenario)
    if scenario.expect_planted is not None and tuple(planted) != scenario.expect_planted:
        # Geography or generator changed under the list: fail loudly rather than mislead tests.
        raise AssertionError(f"planted mistakes drifted from demo.json's expect_planted: {planted}")
    return grids


def planted_mistakes(geography: Geography | None = None, seed: int = 2017) -> tuple[tuple[str, str, str, object], ...]:
    """The deliberate mistakes of the demo: (tab title, A1 cell the cleaning reports, rule, raw value)."""
    geography = geography or load_geography()
    return tuple(_build(seed, geography, load_scenario(geography))[1])


def write_demo(path, geography: Geography | None = None) -> Path:
    """Write the demo workbook to `path`, reproducibly (same bytes every time); return the path."""
    return save_workbook(build_demo_grids(geography=geography), path)


# --- the province's story ----------------------------------------------------------------------


def load_scenario(geography: Geography) -> Scenario:
    """The folder's `demo.json`, or the story `derive_scenario` makes from the boundary files."""
    path = geography.folder / SCENARIO_FILE if geography.folder else None
    if path is None or not path.is_file():
        return derive_scenario(geography)
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    day = date.fromisoformat
    make_up = data.get("make_up") or {}
    expected = data.get("expect_planted")
    return Scenario(
        code_prefix=data["code_prefix"],
        capital=data["capital"],
        mountain=tuple(data.get("mountain", ())),
        profiles={code: _profile(values) for code, values in data["profiles"].items()},
        sessions=tuple((day(when), code, place) for when, code, place in data["sessions"]),
        make_up_district=make_up.get("district"),
        make_up_date=day(make_up["date"]) if make_up.get("date") else None,
        make_up_note=make_up.get("note", ""),
        hospitals={code: tuple(map(tuple, rows)) for code, rows in data.get("hospitals", {}).items()},
        private_services={code: tuple(map(tuple, rows)) for code, rows in data.get("private_services", {}).items()},
        unlisted_points=dict(data.get("unlisted_points", {})),
        contacts=dict(data.get("contacts", {})),
        extra_editors={code: tuple(emails) for code, emails in data.get("extra_editors", {}).items()},
        early_reports={code: day(when) for code, when in data.get("early_reports", {}).items()},
        difficulties=tuple((day(row[0]), *row[1:]) for row in data.get("difficulties", ())),
        mistakes=tuple(data["mistakes"]),
        odd_counts=tuple(data.get("odd_counts", ())),
        expect_planted=tuple(tuple(row) for row in expected) if expected is not None else None,
    )


def _profile(values: dict) -> _Profile:
    return _Profile(**{key: tuple(value) if isinstance(value, list) else value for key, value in values.items()})


_WELL_EQUIPPED = dict(computer=0.96, printer=0.86, internet=0.92, lag_days=(3, 21), supervised=0.55)
# Coastal and city districts, in turn: (trained, partial, live, entered, eligible).
_LOWLAND_PROGRESS = (
    (0.97, 0.12, 0.75, (0.65, 1.0), (500, 1500)),
    (0.9, 0.2, 0.85, (0.5, 0.95), (350, 1300)),
    (0.95, 0.15, 0.7, (0.5, 1.0), (300, 1200)),
    (0.9, 0.2, 0.75, (0.5, 0.9), (250, 1100)),
    (0.93, 0.2, 0.7, (0.5, 0.95), (300, 1300)),
    (0.97, 0.1, 0.85, (0.6, 1.0), (300, 1200)),
)
_MOUNTAIN = _Profile(computer=0.75, printer=0.5, internet=0.4, trained=0.45, partial=0.35, live=0.35,
                     lag_days=(2, 8), entered=(0.05, 0.3), eligible=(150, 500), supervised=0.0)
_ISLANDS = _Profile(computer=1.0, printer=0.5, internet=1.0, trained=1.0, partial=0.0, live=0.0,
                    lag_days=(0, 0), entered=(0.0, 0.0), eligible=(10, 60), supervised=0.0)
_SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý")
_GIVEN = ("Thị Thu Hà", "Quốc Thành", "Thị Mỹ Dung", "Văn Tâm", "Thị Ngọc Lan", "Đức Hùng", "Thị Kim Oanh",
          "Minh Quân", "Thị Hồng Nhung", "Văn Phúc", "Thị Bích Vân", "Quốc Bảo")


def derive_scenario(geography: Geography) -> Scenario:
    """A plausible story for a province known only by its boundary files (no `demo.json`).

    The first district (the lowest code: the provincial city in GSO order) trains first at the
    provincial hall; the westernmost third of the mainland districts are mountain districts,
    trained last and poorly equipped; offshore districts are islands, trained but not live.
    Mistakes are planted one rule per district in turn, so every rule appears once.
    Raises ValueError for a geography without a mainland district that has two communes.
    """
    districts = geography.districts
    mainland = [d for d in districts if not d.get("offshore") and len(geography.communes_of(d["code"])) >= 2]
    if not mainland:
        raise ValueError("the demo needs at least one mainland district with two communes")
    capital = mainland[0]["code"]
    by_west = sorted(mainland[1:], key=lambda d: d["label_lon"])
    mountain = tuple(d["code"] for d in by_west[:math.ceil(len(mainland) / 3)] if len(mainland) > 2)
    lowland = [d["code"] for d in mainland if d["code"] not in mountain]
    profiles: dict[str, _Profile] = {}
    for index, code in enumerate(lowland):
        trained, partial, live, entered, eligible = _LOWLAND_PROGRESS[index % len(_LOWLAND_PROGRESS)]
        profiles[code] = _Profile(**_WELL_EQUIPPED, trained=trained, partial=partial, live=live,
                                  entered=entered, eligible=eligible)
    profiles.update({code: _MOUNTAIN for code in mountain})
    profiles.update({d["code"]: _ISLANDS for d in districts if d["code"] not in profiles})

    def hall(district: dict) -> str:
        return f"Hội trường TTYT {district['type']} {district['name_short']}"

    by_code = {d["code"]: d for d in districts}
    sessions = [(date(2017, 4, 10), capital, PROVINCIAL_HALL), (date(2017, 4, 12), capital, PROVINCIAL_HALL)]
    day = date(2017, 4, 18)
    for code in lowland[1:]:
        sessions.append((day, code, hall(by_code[code])))
        day += timedelta(days=2)
    islands = [d["code"] for d in districts if d["code"] not in lowland and d["code"] not in mountain]
    for code in islands:
        sessions.append((date(2017, 5, 9), code, PROVINCIAL_HALL))
    for offset, code in enumerate(mountain):
        sessions.append((date(2017, 5, 11) + timedelta(days=2 * offset), code, hall(by_code[code])))
    make_up_district = lowland[1] if len(lowland) > 1 else None
    make_up_date = date(2017, 5, 18)
    if make_up_district:
        sessions.append((make_up_date, make_up_district, hall(by_code[make_up_district])))
    sessions.sort(key=lambda session: session[0])

    hospitals, private = {}, {}
    for district in mainland:
        communes = geography.communes_of(district["code"])
        seat = next((c for c in communes if c["type"] == "thị trấn"), communes[0])
        name = (f"Bệnh viện Đa khoa tỉnh {geography.province_name}" if district["code"] == capital
                else f"Trung tâm Y tế {district['type']} {district['name_short']}")
        hospitals[district["code"]] = ((name, seat["name_short"]),)
    capital_communes = geography.communes_of(capital)
    private[capital] = (("Phòng tiêm chủng dịch vụ TTYT dự phòng tỉnh", capital_communes[0]["name_short"]),
                        (f"Phòng tiêm chủng dịch vụ {_place(capital_communes[1])}", capital_communes[1]["name_short"]))

    names = random.Random(geography.province_code or geography.province_name)
    contacts = {d["code"]: f"{names.choice(_SURNAMES)} {names.choice(_GIVEN)} - 09{names.randint(10, 99)} "
                           f"{names.randint(100, 999)} {names.randint(100, 999)}" for d in districts}
    early = {code: date(2017, 5, 18 + n) for n, code in enumerate(lowland[-2:][::-1]) if code != capital}
    mistakes, odd_counts = _derive_mistakes(geography, capital, lowland, mountain)
    return Scenario(
        code_prefix="".join(word[0] for word in _plain_words(geography.province_name)).upper() or "DT",
        capital=capital, mountain=mountain, profiles=profiles, sessions=tuple(sessions),
        make_up_district=make_up_district, make_up_date=make_up_date if make_up_district else None,
        make_up_note=f"Cán bộ mới, tập huấn bổ sung ngày {make_up_date:%d/%m/%Y}",
        hospitals=hospitals, private_services=private,
        unlisted_points={make_up_district or capital: 1}, contacts=contacts, extra_editors={},
        early_reports=early,
        difficulties=_derive_difficulties(geography, capital, lowland, mountain, islands, make_up_district,
                                          make_up_date, private[capital][1][0], by_code),
        mistakes=mistakes, odd_counts=odd_counts)


def _plain_words(name: str) -> list[str]:
    """A name's words, accents removed, for initials: 'Đồng Xuân' → ['Dong', 'Xuan']."""
    plain = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in plain if not unicodedata.combining(ch)).split()


def _place(commune: dict) -> str:
    """How a commune is named inside a point's name: 'Phường 1' keeps its type, others their short name."""
    return commune["name"] if commune["name_short"].isdigit() else commune["name_short"]


def _derive_mistakes(geography: Geography, capital: str, lowland: list[str],
                     mountain: tuple[str, ...]) -> tuple[tuple[dict, ...], tuple[dict, ...]]:
    """One of each rule, spread over the districts in turn; stations picked by position, never twice."""
    order = lowland + list(mountain)
    taken: set[tuple[str, str]] = set()

    def station(district: str, position: int) -> str:
        communes = geography.communes_of(district)
        for commune in communes[position % len(communes):] + communes[:position % len(communes)]:
            name = f"Trạm Y tế {commune['type']} {commune['name_short']}"
            if (district, name) not in taken:
                taken.add((district, name))
                return name
        raise ValueError(f"no station left to plant a mistake in district {district}")

    def district(n: int) -> str:
        return order[n % len(order)]

    mistakes: list[dict] = [
        {"rule": "entered_exceeds_eligible", "district": capital, "point": station(capital, 1),
         "go_live": "2017-04-24", "training": "2017-04-12"},
        {"rule": "negative_count", "district": district(1), "point": station(district(1), 2)},
        {"rule": "trained_exceeds_staff", "district": district(2), "point": station(district(2), 1)},
        {"rule": "invalid_count", "district": district(3), "point": station(district(3), 1)},
    ]
    dup = district(3)
    communes = geography.communes_of(dup)
    last, before = (f"Trạm Y tế {c['type']} {c['name_short']}" for c in (communes[-1], communes[-2]))
    if (dup, last) in taken or (dup, before) in taken:
        last, before = station(dup, 3), station(dup, 4)
    taken.update({(dup, last), (dup, before)})
    mistakes.append({"rule": "duplicate_code", "district": dup, "point": last, "copy_of": before})
    hospital_district = district(4)
    mistakes += [
        {"rule": "invalid_date", "district": hospital_district, "point": station(hospital_district, 2)},
        {"rule": "outside_province", "district": hospital_district, "point": "__hospital__"},
    ]
    spelt = district(len(lowland)) if mountain else district(5)
    candidates = [c for c in geography.communes_of(spelt) if _without_marks(c["name"]) != c["name"]
                  and (spelt, f"Trạm Y tế {c['type']} {c['name_short']}") not in taken]
    commune = candidates[0] if candidates else geography.communes_of(spelt)[0]
    taken.add((spelt, f"Trạm Y tế {commune['type']} {commune['name_short']}"))
    mistakes.append({"rule": "commune_spelling", "district": spelt, "point": f"Trạm Y tế {commune['type']} "
                     f"{commune['name_short']}", "value": _without_last_marks(commune["name"])})
    six = district(5)
    mistakes += [
        {"rule": "invalid_yes_no", "district": six, "point": station(six, 1)},
        {"rule": "date_out_of_window", "district": six, "point": station(six, 2)},
    ]
    last_district = district(len(lowland) + 1) if len(mountain) > 1 else district(6)
    mistakes += [
        {"rule": "missing_required", "district": last_district, "point": station(last_district, 3)},
        {"rule": "unknown_district", "district": six},
    ]
    odd = (
        {"form": "dotted_thousands", "district": district(4), "point": station(district(4), 4)},
        {"form": "comma_thousands", "district": district(2), "point": station(district(2), 5)},
        {"form": "count_with_unit", "district": capital, "point": "__hospital__"},
    )
    return tuple(mistakes), odd


def _without_marks(text: str) -> str:
    plain = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(ch for ch in plain if not unicodedata.combining(ch)))


def _without_last_marks(name: str) -> str:
    """The name with its last accented word typed without accents: 'Xã An Mỹ' → 'Xã An My'."""
    words = name.split(" ")
    for index in range(len(words) - 1, 0, -1):
        if _without_marks(words[index]) != words[index]:
            words[index] = _without_marks(words[index])
            break
    return " ".join(words)


def _derive_difficulties(geography: Geography, capital: str, lowland: list[str], mountain: tuple[str, ...],
                         islands: list[str], make_up_district: str | None, make_up_date: date,
                         private_point: str, by_code: dict) -> tuple[tuple, ...]:
    def pick(codes, n: int) -> str:
        codes = list(codes) or lowland
        return codes[n % len(codes)]

    rows = [
        (date(2017, 4, 15), capital, private_point,
         "Dữ liệu trẻ trùng lặp giữa phòng tiêm dịch vụ và trạm y tế", "Đã giải quyết",
         "TTYT dự phòng hướng dẫn tìm trẻ theo họ tên, ngày sinh trước khi tạo mới; trạm y tế gộp các hồ sơ trùng."),
        (date(2017, 4, 21), pick(lowland, 2), "",
         "Chưa rõ cách nhập lại lịch sử tiêm của trẻ sinh năm 2015-2016", "Đã giải quyết",
         "Nhập bổ sung các mũi đã tiêm từ sổ tiêm chủng, ưu tiên trẻ dưới 1 tuổi (hướng dẫn của Cục Y tế dự phòng)."),
        (date(2017, 4, 28), pick(mountain, 0), "",
         "Mất kết nối Internet thường xuyên tại các trạm vùng cao", "Đang xử lý",
         "Đã đề nghị nhà mạng kiểm tra đường truyền; tạm thời nhập liệu tại TTYT huyện."),
        (date(2017, 5, 2), pick(lowland, 3), "",
         "Máy tính tại nhiều trạm đã cũ, cài Windows XP, trình duyệt không mở được Hệ thống", "Mới", ""),
        (date(2017, 5, 3), pick(mountain, 1), "",
         "Thiếu máy in tại các trạm y tế xã, chưa in được phiếu hẹn tiêm", "Mới", ""),
    ]
    if make_up_district:
        district = by_code[make_up_district]
        rows.append((date(2017, 5, 8), make_up_district, "", "Cán bộ mới chưa được tập huấn", "Đã giải quyết",
                     f"TTYT dự phòng mở lớp tập huấn bổ sung ngày {make_up_date:%d/%m/%Y} tại TTYT "
                     f"{district['type']} {district['name_short']}."))
    for code in islands[:1]:
        commune = geography.communes_of(code)[0]
        rows.append((date(2017, 5, 10), code, f"Trạm Y tế {commune['type']} {commune['name_short']}",
                     "Đường truyền vệ tinh chậm, không đăng nhập được Hệ thống", "Đang xử lý",
                     "Đề nghị Cục Y tế dự phòng hướng dẫn cách nhập liệu khi mất kết nối."))
    return tuple(sorted(rows, key=lambda row: row[0]))


# --- generation ------------------------------------------------------------------------------


def _build(seed: int, geography: Geography, scenario: Scenario) -> tuple[dict[str, list[list]], list[tuple]]:
    rng = random.Random(seed)
    districts = geography.districts
    points_by_district = {
        district["code"]: _generate_points(rng, scenario, district, geography.communes_of(district["code"]))
        for district in districts
    }
    _plant_point_mistakes(scenario, geography, points_by_district)

    grids: dict[str, list[list]] = {
        SETTINGS.title: _settings_grid(geography),
        MILESTONES.title: _milestones_grid(),
        DISTRICTS.title: _districts_grid(scenario, districts, points_by_district),
    }
    planted: list[tuple] = []
    for district in districts:
        tab = district["name_short"]
        grid, tab_planted = _points_grid(tab, points_by_district[district["code"]])
        grids[tab] = grid
        planted.extend(tab_planted)
    grids[TRAINING.title], training_planted = _training_grid(scenario, districts, points_by_district)
    grids[DIFFICULTIES.title] = _difficulties_grid(scenario, districts)
    planted.extend(training_planted)
    return grids, planted


def _settings_grid(geography: Geography) -> list[list]:
    values = {"province": geography.province_name, "as_of": AS_OF}
    return [header_row(SETTINGS)] + [[setting.name_vi, values.get(setting.key, seed_value(setting, geography))]
                                     for setting in SETTING_ROWS]


def _milestones_grid() -> list[list]:
    rows = [header_row(MILESTONES)]
    for code, description, deadline, responsible, measure in SEED_MILESTONES:
        rows.append([code, description, datetime.strptime(deadline, "%d/%m/%Y").date(), responsible, measure])
    return rows


def _districts_grid(scenario: Scenario, districts: list[dict], points_by_district: dict[str, list[dict]]) -> list[list]:
    rows = [header_row(DISTRICTS)]
    for district in districts:
        code = district["code"]
        editors = (f"tiemchung.{district['slug'].replace('-', '')}@example.org",) + scenario.extra_editors.get(code, ())
        values = {
            "district_code": code,
            "district_name": district["name"],
            "tab_name": district["name_short"],
            "expected_points": len(points_by_district[code]) + scenario.unlisted_points.get(code, 0),
            "report_date": scenario.early_reports.get(code),
            "contact": scenario.contacts.get(code),
            "editors": ", ".join(editors),
        }
        rows.append([values[column.key] for column in DISTRICTS.columns])
    return rows


def _generate_points(rng: random.Random, scenario: Scenario, district: dict, communes: list[dict]) -> list[dict]:
    code = district["code"]
    profile = scenario.profiles[code]
    by_short = {commune["name_short"]: commune for commune in communes}
    points = []
    for commune in communes:
        name = f"Trạm Y tế {commune['type']} {commune['name_short']}"
        points.append(_point(rng, scenario, profile, code, name, commune, STATION))
    for name, short in scenario.hospitals.get(code, ()):
        points.append(_point(rng, scenario, profile, code, name, by_short[short], HOSPITAL))
    for name, short in scenario.private_services.get(code, ()):
        points.append(_point(rng, scenario, profile, code, name, by_short[short], PRIVATE))
    for sequence, point in enumerate(points, start=1):
        point["point_code"] = f"{scenario.code_prefix}-{code}-{sequence:02d}"
    if code == scenario.make_up_district:
        _send_to_make_up_session(scenario, points)
    return points


def _point(rng: random.Random, scenario: Scenario, profile: _Profile, district_code: str, name: str,
           commune: dict, point_type: str) -> dict:
    """One point's values as the district would have typed them (before planted mistakes)."""
    offshore = bool(commune.get("offshore"))
    equipped_unit = point_type != STATION  # hospitals and private services bought their own kit
    mountain = district_code in scenario.mountain

    computer = equipped_unit or rng.random() < profile.computer
    printer = (equipped_unit or rng.random() < profile.printer) and (computer or rng.random() < 0.3)
    if offshore:
        printer = commune["type"] == "thị trấn"  # only the town's station got a printer
    internet = equipped_unit or rng.random() < profile.internet

    if point_type == STATION:
        staff = rng.randint(2, 3) if offshore else rng.randint(2, 6)
        low, high = profile.eligible
        if commune["type"] in ("phường", "thị trấn") and not offshore:
            low = (low + high) // 2  # towns have more children per station
        eligible = rng.randint(low, high)
    elif point_type == HOSPITAL:
        staff = rng.randint(5, 12)
        eligible = rng.randint(1800, 2500) if district_code == scenario.capital else rng.randint(300, 900)
    else:
        staff = rng.randint(3, 5)
        eligible = rng.randint(200, 800)

    sessions = [session for session, code, _ in scenario.sessions
                if code == district_code and session != scenario.make_up_date]
    trained = equipped_unit or rng.random() < profile.trained
    trained_staff = training_date = None
    if trained:
        training_date = sessions[-1] if point_type != STATION else rng.choice(sessions)
        trained_staff = rng.randint(1, staff - 1) if rng.random() < profile.partial else staff
    elif rng.random() < 0.6:
        trained_staff = 0  # some districts type 0 rather than leave it blank

    proficient = None
    if trained:
        chance = 0.92 if trained_staff == staff else 0.6
        proficient = YES if rng.random() < chance else NO
        if offshore:
            proficient = None  # nobody has been out to the islands to check

    go_live = None
    if trained and computer and internet and rng.random() < profile.live:
        candidate = training_date + timedelta(days=rng.randint(*profile.lag_days))
        if candidate <= AS_OF:
            go_live = candidate

    entered = None
    if go_live:
        entered = round(eligible * rng.uniform(*profile.entered))
    elif rng.random() < 0.3:
        entered = 0

    supervision_date = supervision_result = None
    if go_live and (AS_OF - go_live).days >= 5 and rng.random() < profile.supervised:
        visit = go_live + timedelta(days=rng.randint(4, 12))
        if visit < AS_OF:
            supervision_date = visit
            supervision_result = PASS if rng.random() < 0.9 else FAIL
            # Proficiency is what the supervisor judged, so it follows the visit's result.
            proficient = YES if supervision_result == PASS else NO

    notes = _notes(rng, point_type, computer, printer, internet, mountain, offshore, supervision_result)

    lat = lon = None
    if point_type != STATION:
        lat = round(commune["label_lat"] + rng.uniform(-0.004, 0.004), 5)
        lon = round(commune["label_lon"] + rng.uniform(-0.004, 0.004), 5)

    return {
        "point_code": None,
        "point_name": name,
        "commune": commune["name"],
        "point_type": point_type,
        "latitude": lat,
        "longitude": lon,
        "has_computer": _yes_no(rng, computer, offshore),
        "has_printer": _yes_no(rng, printer, offshore),
        "has_internet": _yes_no(rng, internet, offshore),
        "staff": staff,
        "trained_staff": trained_staff,
        "training_date": training_date,
        "proficient": proficient,
        "eligible_children": eligible,
        "children_entered": entered,
        "go_live_date": go_live,
        "supervision_date": supervision_date,
        "supervision_result": supervision_result,
        "notes": notes,
        # Not a column: staff sent to each session, from which the Tập huấn tab is summed.
        "_sessions": {training_date: trained_staff} if training_date else {},
        "_planted": {},
    }


def _yes_no(rng: random.Random, value: bool, exact: bool = False) -> str | None:
    """Có/Không mostly; now and then blank (not known) or the way an officer types it quickly."""
    draw = rng.random()
    if exact:  # the islands' rows are filled in by the provincial centre itself
        return YES if value else NO
    if draw < 0.015:
        return None
    # "Không" cells are rarer, so they get a higher share of variants to show up at all.
    if value and draw < 0.025:
        return rng.choice(("có", "x"))
    if not value and draw < 0.1:
        return rng.choice(("không", "K"))
    return YES if value else NO


def _notes(rng: random.Random, point_type: str, computer: bool, printer: bool, internet: bool,
           mountain: bool, offshore: bool, supervision_result: str | None) -> str | None:
    if offshore:
        return "Kết nối vệ tinh, chập chờn"
    if supervision_result == FAIL:
        return "Cán bộ còn lúng túng khi nhập mũi tiêm, cần hỗ trợ thêm"
    if point_type != STATION:
        return None
    if not computer:
        if mountain:
            return rng.choice(("Chưa có máy tính", "Chưa có máy tính", "Máy tính hỏng, đang sửa chữa"))
        return rng.choice(("Chờ TTYT huyện cấp máy tính", "Máy tính hỏng, đang sửa chữa"))
    if not internet:
        return "Chưa có đường truyền Internet" if mountain else "Đang chờ lắp đặt đường truyền Internet"
    if not printer and rng.random() < 0.4:
        return "Dùng chung máy in với UBND xã"
    if rng.random() < 0.06:
        return "Máy tính cũ, cài Windows XP, chạy chậm"
    return None


def _set_training(point: dict, day: date, trained: int) -> None:
    point.update(training_date=day, trained_staff=trained, _sessions={day: trained})


def _send_to_make_up_session(scenario: Scenario, points: list[dict]) -> None:
    """Stations with new staff who missed the district's class were trained at the make-up session.

    Untrained stations send their staff; partly trained ones not yet live send the rest, and
    the sheet then shows the later date (one date per point) with everyone trained.
    """
    day = scenario.make_up_date
    untrained = [p for p in points if p["point_type"] == STATION and p["training_date"] is None]
    partial = [p for p in points if p["point_type"] == STATION and p["go_live_date"] is None
               and p["training_date"] and p["trained_staff"] < p["staff"]]
    for point in (untrained + partial)[:3]:
        before = dict(point["_sessions"])
        newcomers = point["staff"] - sum(before.values()) - (0 if before else 1)
        _set_training(point, day, point["staff"] - (0 if before else 1))
        point["_sessions"] = {**before, day: newcomers}
        point.update(proficient=None, go_live_date=None, children_entered=None, supervision_date=None,
                     supervision_result=None, notes=scenario.make_up_note)


def _find(points: list[dict], commune_or_name: str) -> dict:
    if commune_or_name == "__hospital__":  # a derived story's first hospital, whatever its name
        return next(point for point in points if point["point_type"] == HOSPITAL)
    for point in points:
        if point["point_name"] == commune_or_name or point["point_name"].endswith(" " + commune_or_name):
            return point
    raise KeyError(commune_or_name)


def _plant(point: dict, key: str, rule: str, raw) -> None:
    point[key] = raw
    point["_planted"][key] = rule


def _not_live(point: dict) -> None:
    point.update(go_live_date=None, children_entered=None, supervision_date=None, supervision_result=None)


def _plant_point_mistakes(scenario: Scenario, geography: Geography, points_by_district: dict[str, list[dict]]) -> None:
    """The mistakes district officers really make, one of each, where the scenario says.

    Each planted row is first made consistent (trained, live, …) so that it shows exactly one
    problem and the cleaning reports it where it was planted.
    """
    sessions = {code: day for day, code, _ in scenario.sessions if day != scenario.make_up_date}
    for mistake in scenario.mistakes:
        rule, code = mistake["rule"], mistake["district"]
        if rule == "unknown_district":
            continue  # planted in the Tập huấn tab
        points = points_by_district[code]
        point = _find(points, mistake["point"])
        if rule == "entered_exceeds_eligible":
            # Digits swapped while typing children entered (684 eligible, 846 "entered").
            point.update(eligible_children=684, go_live_date=date.fromisoformat(mistake["go_live"]),
                         has_computer=YES, has_internet=YES, supervision_date=None, supervision_result=None)
            if point["training_date"] is None:
                _set_training(point, date.fromisoformat(mistake["training"]), point["staff"])
                point["proficient"] = YES
            _plant(point, "children_entered", rule, 846)
        elif rule == "negative_count":  # a stray minus sign in eligible children; nothing entered yet
            _not_live(point)
            _plant(point, "eligible_children", rule, -5)
        elif rule == "trained_exceeds_staff":  # attendance counted two visiting staff of the district centre
            point.update(staff=3, proficient=YES)
            _set_training(point, sessions[code], 5)
            _plant(point, "trained_staff", rule, 5)
        elif rule == "invalid_count":  # "nhiều" (many) instead of a number
            _not_live(point)
            _plant(point, "eligible_children", rule, "nhiều")
        elif rule == "duplicate_code":  # a new row that copied the code above it
            _plant(point, "point_code", rule, _find(points, mistake["copy_of"])["point_code"])
        elif rule == "invalid_date":  # a date that does not exist
            _set_training(point, sessions[code], point["trained_staff"] or point["staff"])
            _plant(point, "training_date", rule, "31/02/2017")
        elif rule == "outside_province":
            # Latitude and longitude swapped (fixed figures, so the list survives re-tuning).
            if "latitude" in mistake:
                latitude, longitude = mistake["latitude"], mistake["longitude"]
            else:
                commune = next(c for c in geography.communes_of(code) if c["name"] == point["commune"])
                latitude, longitude = round(commune["label_lon"], 4), round(commune["label_lat"], 4)
            point["longitude"] = longitude
            _plant(point, "latitude", rule, latitude)
        elif rule == "commune_spelling":  # the commune typed with a tone mark misplaced or missing
            _plant(point, "commune", rule, mistake["value"])
        elif rule == "invalid_yes_no":  # "chưa rõ" (not sure) in a yes/no cell
            _plant(point, "has_internet", rule, "chưa rõ")
        elif rule == "date_out_of_window":  # a go-live year typed 2107
            point.update(has_computer=YES, supervision_date=None, supervision_result=None,
                         children_entered=round(point["eligible_children"] * 0.3))
            if point["training_date"] is None:
                _set_training(point, sessions[code], point["staff"])
                point["proficient"] = YES
            _plant(point, "go_live_date", rule, "20/05/2107")
        elif rule == "missing_required":  # a new row whose code the officer forgot to fill in
            _plant(point, "point_code", rule, None)
        else:
            raise ValueError(f"demo.json: unknown mistake rule {rule!r}")

    # Values that look odd but are valid counts, which the cleaning must accept.
    for odd in scenario.odd_counts:
        point = _find(points_by_district[odd["district"]], odd["point"])
        if odd["form"] == "dotted_thousands":
            point.update(eligible_children="1.234", children_entered=None if point["children_entered"] is None
                         else min(point["children_entered"], 1234))
        elif odd["form"] == "comma_thousands":
            if point["children_entered"] is not None:
                point["children_entered"] = round(point["children_entered"] * 1050 / point["eligible_children"])
            point["eligible_children"] = "1,050"
        elif odd["form"] == "count_with_unit":
            point.update(staff="12 người", trained_staff=min(point["trained_staff"] or 12, 12))
        else:
            raise ValueError(f"demo.json: unknown odd count form {odd['form']!r}")


def _points_grid(tab: str, points: list[dict]) -> tuple[list[list], list[tuple]]:
    rows = [header_row(POINTS)]
    planted = []
    keys = [column.key for column in POINTS.columns]
    for row_number, point in enumerate(points, start=2):
        rows.append([point[key] for key in keys])
        for key, rule in point["_planted"].items():
            cell = f"{get_column_letter(keys.index(key) + 1)}{row_number}"
            planted.append((tab, cell, rule, point[key]))
    return rows, planted


def _training_grid(scenario: Scenario, districts: list[dict],
                   points_by_district: dict[str, list[dict]]) -> tuple[list[list], list]:
    names = {district["code"]: district["name_short"] for district in districts}
    keys = [column.key for column in TRAINING.columns]
    misspelt = next((m["district"] for m in scenario.mistakes if m["rule"] == "unknown_district"), None)
    rows = [header_row(TRAINING)]
    planted = []
    for day, code, place in scenario.sessions:
        attended = [p for p in points_by_district[code] if day in p["_sessions"]]
        values = {
            "session_date": day,
            "district": names[code],
            "place": place,
            "participants": sum(p["_sessions"][day] for p in attended),
            "points_covered": len(attended),
        }
        if code == misspelt and not planted:
            # The doubled last letter a hurried officer types: the district is not recognised.
            values["district"] = names[code] + names[code][-1]
            planted.append((TRAINING.title, f"B{len(rows) + 1}", "unknown_district", values["district"]))
        rows.append([values[key] for key in keys])
    return rows, planted


def _difficulties_grid(scenario: Scenario, districts: list[dict]) -> list[list]:
    names = {district["code"]: district["name_short"] for district in districts}
    rows = [header_row(DIFFICULTIES)]
    for day, code, point, description, status, response in scenario.difficulties:
        values = {"reported_date": day, "district": names[code], "point": point or None,
                  "description": description, "status": status, "response": response or None}
        rows.append([values[column.key] for column in DIFFICULTIES.columns])
    return rows
