"""The bundled demo workbook: a realistic Khánh Hòa sheet as of 20/05/2017, with planted mistakes.

The demo is what the dashboard shows before a real Google Sheet is connected, and what meetings
fall back to when the room has no Internet, so it must look like the sheet districts really
fill in: uneven progress (the coast well ahead, the mountains and the islands behind), a few
blank cells, the Có/Không variants people type, and a dozen typical data-entry mistakes that
the cleaning step must catch (`PLANTED_MISTAKES`) next to odd-but-valid values it must accept
("1.234", "1,050", "12 người").

Everything is derived from `lib.schema` (tabs, headers, seed milestones) and `lib.geography`
(districts, communes); randomness comes from one `random.Random(seed)`, and the saved file is
byte-for-byte reproducible so that it can be committed and diffed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from openpyxl.utils import get_column_letter

from lib.geography import PROVINCE_NAME, load_geography
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
# Point codes are "<province prefix>-<district code>-<sequence>", e.g. KH-568-01.
CODE_PREFIX = "KH"
# Fixed document timestamps (and zip entry times) so that two writes give the same bytes.

STATION, HOSPITAL, PRIVATE = POINT_TYPES[0], POINT_TYPES[1], POINT_TYPES[2]
PASS, FAIL = SUPERVISION_RESULTS

# The deliberate data-entry mistakes: (tab title, A1 cell the cleaning reports, rule, raw value).
# `build_demo_grids` checks that what it planted is exactly this list, so it cannot go stale.
PLANTED_MISTAKES: tuple[tuple[str, str, str, object], ...] = (
    ("Nha Trang", "O3", "entered_exceeds_eligible", 846),
    ("Cam Ranh", "N15", "negative_count", -5),
    ("Cam Lâm", "K3", "trained_exceeds_staff", 5),
    ("Vạn Ninh", "N3", "invalid_count", "nhiều"),
    ("Vạn Ninh", "A14", "duplicate_code", "KH-571-12"),
    ("Ninh Hòa", "L11", "invalid_date", "31/02/2017"),
    ("Ninh Hòa", "E29", "outside_province", 109.1329),
    ("Khánh Vĩnh", "C7", "commune_spelling", "Xã Khánh Thuợng"),
    ("Diên Khánh", "P8", "date_out_of_window", "20/05/2107"),
    ("Diên Khánh", "I12", "invalid_yes_no", "chưa rõ"),
    ("Khánh Sơn", "A7", "missing_required", None),
    ("Tập huấn", "B4", "unknown_district", "Diên Khánhh"),
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


_WELL_EQUIPPED = dict(computer=0.96, printer=0.86, internet=0.92, lag_days=(3, 21), supervised=0.55)
_PROFILES = {
    "568": _Profile(**_WELL_EQUIPPED, trained=0.97, partial=0.12, live=0.75, entered=(0.65, 1.0),
                    eligible=(500, 1500)),
    "569": _Profile(**_WELL_EQUIPPED, trained=0.9, partial=0.2, live=0.85, entered=(0.5, 0.95),
                    eligible=(350, 1300)),
    "570": _Profile(**_WELL_EQUIPPED, trained=0.95, partial=0.15, live=0.7, entered=(0.5, 1.0),
                    eligible=(300, 1200)),
    # Vạn Ninh trained late (04/05), so its points went live within days or not yet.
    "571": _Profile(**{**_WELL_EQUIPPED, "lag_days": (2, 12)}, trained=0.9, partial=0.2, live=0.75,
                    entered=(0.5, 0.9), eligible=(250, 1100)),
    "572": _Profile(**_WELL_EQUIPPED, trained=0.93, partial=0.2, live=0.7, entered=(0.5, 0.95),
                    eligible=(300, 1300)),
    "574": _Profile(**_WELL_EQUIPPED, trained=0.97, partial=0.1, live=0.85, entered=(0.6, 1.0),
                    eligible=(300, 1200)),
    # The mountain districts: no fixed line to many upland stations, few printers, training late.
    "573": _Profile(computer=0.75, printer=0.5, internet=0.4, trained=0.45, partial=0.35, live=0.35,
                    lag_days=(2, 8), entered=(0.05, 0.3), eligible=(150, 500), supervised=0.0),
    "575": _Profile(computer=0.7, printer=0.5, internet=0.3, trained=0.4, partial=0.35, live=0.35,
                    lag_days=(2, 4), entered=(0.05, 0.25), eligible=(150, 450), supervised=0.0),
    # The islands: computers and a satellite link, a handful of staff and children, not yet live.
    "576": _Profile(computer=1.0, printer=0.5, internet=1.0, trained=1.0, partial=0.0, live=0.0,
                    lag_days=(0, 0), entered=(0.0, 0.0), eligible=(10, 60), supervised=0.0),
}

# Training sessions (date, district code, place); points' training dates are drawn from these,
# and the Tập huấn tab's participant counts are summed from the points.
_PROVINCIAL_HALL = "Hội trường TTYT dự phòng tỉnh"
_SESSIONS = (
    (date(2017, 4, 10), "568", _PROVINCIAL_HALL),
    (date(2017, 4, 12), "568", _PROVINCIAL_HALL),
    (date(2017, 4, 18), "574", "Hội trường TTYT huyện Diên Khánh"),
    (date(2017, 4, 20), "569", "Hội trường TTYT thành phố Cam Ranh"),
    (date(2017, 4, 25), "572", "Hội trường TTYT thị xã Ninh Hòa"),
    (date(2017, 4, 26), "572", "Hội trường TTYT thị xã Ninh Hòa"),
    (date(2017, 4, 27), "570", "Hội trường TTYT huyện Cam Lâm"),
    (date(2017, 5, 4), "571", "Hội trường TTYT huyện Vạn Ninh"),
    (date(2017, 5, 9), "576", _PROVINCIAL_HALL),
    (date(2017, 5, 11), "573", "Hội trường TTYT huyện Khánh Vĩnh"),
    (date(2017, 5, 16), "575", "Hội trường TTYT huyện Khánh Sơn"),
    # A make-up class for Cam Ranh's newly recruited staff (see its difficulty below).
    (date(2017, 5, 18), "569", "Hội trường TTYT thành phố Cam Ranh"),
)
_MAKE_UP_SESSION = date(2017, 5, 18)

# Hospitals with a maternity ward give birth doses (hepatitis B, BCG): (name, commune short name).
_HOSPITALS = {
    "568": (("Bệnh viện Đa khoa tỉnh Khánh Hòa", "Lộc Thọ"),),
    "569": (("Bệnh viện Đa khoa khu vực Cam Ranh", "Cam Phúc Bắc"),),
    "570": (("Trung tâm Y tế huyện Cam Lâm", "Cam Đức"),),
    "571": (("Trung tâm Y tế huyện Vạn Ninh", "Vạn Giã"),),
    "572": (("Bệnh viện Đa khoa khu vực Ninh Hòa", "Ninh Hiệp"),),
    "573": (("Trung tâm Y tế huyện Khánh Vĩnh", "Khánh Vĩnh"),),
    "574": (("Trung tâm Y tế huyện Diên Khánh", "Diên Khánh"),),
    "575": (("Trung tâm Y tế huyện Khánh Sơn", "Tô Hạp"),),
}
_PRIVATE_SERVICES = {
    "568": (
        ("Phòng tiêm chủng dịch vụ TTYT dự phòng tỉnh", "Xương Huân"),
        ("Phòng tiêm chủng dịch vụ Phước Hải", "Phước Hải"),
        ("Phòng khám Nhi Vĩnh Hải - tiêm chủng dịch vụ", "Vĩnh Hải"),
    ),
    "569": (("Phòng tiêm chủng dịch vụ Ba Ngòi", "Ba Ngòi"),),
}
# Cam Ranh knows of one more point (a private service licensed in May) than it has listed.
_UNLISTED_POINTS = {"569": 1}

_CONTACTS = {
    "568": "Trần Thị Thu Hà - 0258 3822916",
    "569": "Nguyễn Văn Thành - 0258 3854127",
    "570": "Lê Thị Mỹ Dung - 0258 3983305",
    "571": "Phạm Văn Tâm - 0258 3840562",
    "572": "Võ Thị Ngọc Lan - 0258 3630218",
    "573": "Cao Văn Hùng - 0258 3790144",
    "574": "Huỳnh Thị Kim Oanh - 0258 3850379",
    "575": "Mấu Văn Sơn - 0258 3869021",
    "576": "Đỗ Minh Quân - 0258 3811573",
}
_EXTRA_EDITORS = {"568": ("ttyt.nhatrang@example.org",)}
# As of 20/05 the 05/06 report deadline has not come; two districts already reported early.
_EARLY_REPORTS = {"574": date(2017, 5, 18), "570": date(2017, 5, 19)}

# (date, district code, point or "", description, status, response)
_DIFFICULTY_ROWS = (
    (date(2017, 4, 15), "568", "Phòng tiêm chủng dịch vụ Phước Hải",
     "Dữ liệu trẻ trùng lặp giữa phòng tiêm dịch vụ và trạm y tế", "Đã giải quyết",
     "TTYT dự phòng hướng dẫn tìm trẻ theo họ tên, ngày sinh trước khi tạo mới; trạm y tế "
     "gộp các hồ sơ trùng."),
    (date(2017, 4, 21), "574", "",
     "Chưa rõ cách nhập lại lịch sử tiêm của trẻ sinh năm 2015-2016", "Đã giải quyết",
     "Nhập bổ sung các mũi đã tiêm từ sổ tiêm chủng, ưu tiên trẻ dưới 1 tuổi (hướng dẫn "
     "của Cục Y tế dự phòng)."),
    (date(2017, 4, 26), "572", "",
     "Cán bộ tiêm chủng một số trạm nghỉ việc, chuyển công tác; người thay thế chưa có tài "
     "khoản", "Đang xử lý",
     "Đã gửi danh sách đề nghị cấp tài khoản mới lên Cục Y tế dự phòng."),
    (date(2017, 4, 28), "575", "",
     "Mất kết nối Internet thường xuyên tại các trạm vùng cao", "Đang xử lý",
     "Đã đề nghị nhà mạng kiểm tra đường truyền; tạm thời nhập liệu tại TTYT huyện."),
    (date(2017, 5, 2), "571", "",
     "Máy tính tại nhiều trạm đã cũ, cài Windows XP, trình duyệt không mở được Hệ thống",
     "Mới", ""),
    (date(2017, 5, 3), "573", "",
     "Thiếu máy in tại các trạm y tế xã, chưa in được phiếu hẹn tiêm", "Mới", ""),
    (date(2017, 5, 8), "569", "",
     "Cán bộ mới chưa được tập huấn", "Đã giải quyết",
     "TTYT dự phòng mở lớp tập huấn bổ sung ngày 18/05/2017 tại TTYT thành phố Cam Ranh."),
    (date(2017, 5, 10), "576", "Trạm Y tế xã Sinh Tồn",
     "Đường truyền vệ tinh chậm, không đăng nhập được Hệ thống", "Đang xử lý",
     "Đề nghị Cục Y tế dự phòng hướng dẫn cách nhập liệu khi mất kết nối."),
    (date(2017, 5, 12), "570", "Trạm Y tế xã Suối Cát",
     "Tài khoản đăng nhập bị khóa sau khi đổi mật khẩu", "Đã giải quyết",
     "Quản trị Hệ thống đã mở khóa và cấp lại mật khẩu ngày 13/05/2017."),
)


def build_demo_grids(seed: int = 2017) -> dict[str, list[list]]:
    """Every tab of the demo workbook as a grid: header row (schema order), then data rows."""
    grids, planted = _build(seed)
    if tuple(planted) != PLANTED_MISTAKES:
        # Geography or generator changed under the list: fail loudly rather than mislead tests.
        raise AssertionError(f"planted mistakes drifted from PLANTED_MISTAKES: {planted}")
    return grids


def write_demo(path) -> Path:
    """Write the demo workbook to `path`, reproducibly (same bytes every time); return the path."""
    return save_workbook(build_demo_grids(), path)


# --- generation ------------------------------------------------------------------------------


def _build(seed: int) -> tuple[dict[str, list[list]], list[tuple]]:
    rng = random.Random(seed)
    geography = load_geography()
    districts = geography.districts
    points_by_district = {
        district["code"]: _generate_points(rng, district, geography.communes_of(district["code"]))
        for district in districts
    }
    _plant_point_mistakes(points_by_district)

    grids: dict[str, list[list]] = {
        SETTINGS.title: _settings_grid(),
        MILESTONES.title: _milestones_grid(),
        DISTRICTS.title: _districts_grid(districts, points_by_district),
    }
    planted: list[tuple] = []
    for district in districts:
        tab = district["name_short"]
        grid, tab_planted = _points_grid(tab, points_by_district[district["code"]])
        grids[tab] = grid
        planted.extend(tab_planted)
    grids[TRAINING.title], training_planted = _training_grid(districts, points_by_district)
    grids[DIFFICULTIES.title] = _difficulties_grid(districts)
    planted.extend(training_planted)
    return grids, planted


def _settings_grid() -> list[list]:
    values = {"province": PROVINCE_NAME, "as_of": AS_OF}
    return [header_row(SETTINGS)] + [[setting.name_vi, values.get(setting.key, seed_value(setting))]
                                     for setting in SETTING_ROWS]


def _milestones_grid() -> list[list]:
    rows = [header_row(MILESTONES)]
    for code, description, deadline, responsible, measure in SEED_MILESTONES:
        rows.append([code, description, datetime.strptime(deadline, "%d/%m/%Y").date(), responsible, measure])
    return rows


def _districts_grid(districts: list[dict], points_by_district: dict[str, list[dict]]) -> list[list]:
    rows = [header_row(DISTRICTS)]
    for district in districts:
        code = district["code"]
        editors = (f"tiemchung.{district['slug'].replace('-', '')}@example.org",) + _EXTRA_EDITORS.get(code, ())
        values = {
            "district_code": code,
            "district_name": district["name"],
            "tab_name": district["name_short"],
            "expected_points": len(points_by_district[code]) + _UNLISTED_POINTS.get(code, 0),
            "report_date": _EARLY_REPORTS.get(code),
            "contact": _CONTACTS.get(code),
            "editors": ", ".join(editors),
        }
        rows.append([values[column.key] for column in DISTRICTS.columns])
    return rows


def _generate_points(rng: random.Random, district: dict, communes: list[dict]) -> list[dict]:
    code = district["code"]
    profile = _PROFILES[code]
    by_short = {commune["name_short"]: commune for commune in communes}
    points = []
    for commune in communes:
        name = f"Trạm Y tế {commune['type']} {commune['name_short']}"
        points.append(_point(rng, profile, code, name, commune, STATION))
    for name, short in _HOSPITALS.get(code, ()):
        points.append(_point(rng, profile, code, name, by_short[short], HOSPITAL))
    for name, short in _PRIVATE_SERVICES.get(code, ()):
        points.append(_point(rng, profile, code, name, by_short[short], PRIVATE))
    for sequence, point in enumerate(points, start=1):
        point["point_code"] = f"{CODE_PREFIX}-{code}-{sequence:02d}"
    if code == "569":
        _send_to_make_up_session(points)
    return points


def _point(rng: random.Random, profile: _Profile, district_code: str, name: str, commune: dict,
           point_type: str) -> dict:
    """One point's values as the district would have typed them (before planted mistakes)."""
    offshore = bool(commune.get("offshore"))
    equipped_unit = point_type != STATION  # hospitals and private services bought their own kit
    mountain = district_code in ("573", "575")

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
        eligible = rng.randint(1800, 2500) if district_code == "568" else rng.randint(300, 900)
    else:
        staff = rng.randint(3, 5)
        eligible = rng.randint(200, 800)

    sessions = [session for session, code, _ in _SESSIONS if code == district_code and session != _MAKE_UP_SESSION]
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


def _send_to_make_up_session(points: list[dict]) -> None:
    """Cam Ranh: stations with new staff who missed April's class were trained on 18/05.

    Untrained stations send their staff; partly trained ones not yet live send the rest, and
    the sheet then shows the later date (one date per point) with everyone trained.
    """
    untrained = [p for p in points if p["point_type"] == STATION and p["training_date"] is None]
    partial = [p for p in points if p["point_type"] == STATION and p["go_live_date"] is None
               and p["training_date"] and p["trained_staff"] < p["staff"]]
    for point in (untrained + partial)[:3]:
        before = dict(point["_sessions"])
        newcomers = point["staff"] - sum(before.values()) - (0 if before else 1)
        _set_training(point, _MAKE_UP_SESSION, point["staff"] - (0 if before else 1))
        point["_sessions"] = {**before, _MAKE_UP_SESSION: newcomers}
        point.update(proficient=None, go_live_date=None, children_entered=None, supervision_date=None,
                     supervision_result=None, notes="Cán bộ mới, tập huấn bổ sung ngày 18/05/2017")


def _find(points: list[dict], commune_or_name: str) -> dict:
    for point in points:
        if point["point_name"] == commune_or_name or point["point_name"].endswith(" " + commune_or_name):
            return point
    raise KeyError(commune_or_name)


def _plant(point: dict, key: str, rule: str, raw) -> None:
    point[key] = raw
    point["_planted"][key] = rule


def _plant_point_mistakes(points_by_district: dict[str, list[dict]]) -> None:
    """The mistakes district officers really make, one of each, in different districts.

    Each planted row is first made consistent (trained, live, …) so that it shows exactly one
    problem and the cleaning reports it where `PLANTED_MISTAKES` says.
    """
    sessions = {code: day for day, code, _ in _SESSIONS}

    # Nha Trang: digits swapped while typing children entered (684 eligible, 846 "entered").
    point = _find(points_by_district["568"], "Vĩnh Hải")
    point.update(eligible_children=684, go_live_date=date(2017, 4, 24), has_computer=YES,
                 has_internet=YES, supervision_date=None, supervision_result=None)
    if point["training_date"] is None:
        _set_training(point, date(2017, 4, 12), point["staff"])
        point["proficient"] = YES
    _plant(point, "children_entered", "entered_exceeds_eligible", 846)

    # Cam Ranh: a stray minus sign in eligible children; nothing entered yet.
    point = _find(points_by_district["569"], "Cam Lập")
    point.update(go_live_date=None, children_entered=None, supervision_date=None, supervision_result=None)
    _plant(point, "eligible_children", "negative_count", -5)

    # Cam Lâm: trained counted attendance of two visiting staff from the district centre.
    point = _find(points_by_district["570"], "Cam Hòa")
    point.update(staff=3, proficient=YES)
    _set_training(point, sessions["570"], 5)
    _plant(point, "trained_staff", "trained_exceeds_staff", 5)

    # Vạn Ninh: "nhiều" instead of a number; and the last station copied the code above it.
    points = points_by_district["571"]
    point = _find(points, "Đại Lãnh")
    point.update(go_live_date=None, children_entered=None, supervision_date=None, supervision_result=None)
    _plant(point, "eligible_children", "invalid_count", "nhiều")
    previous, point = _find(points, "Xuân Sơn"), _find(points, "Vạn Hưng")
    _plant(point, "point_code", "duplicate_code", previous["point_code"])

    # Ninh Hòa: a date that does not exist; and a hospital with latitude and longitude swapped.
    points = points_by_district["572"]
    point = _find(points, "Ninh Xuân")
    ninh_hoa_day = max(day for day, code, _ in _SESSIONS if code == "572")
    _set_training(point, ninh_hoa_day, point["trained_staff"] or point["staff"])
    _plant(point, "training_date", "invalid_date", "31/02/2017")
    # (Fixed figures rather than the jittered ones, so the list above survives re-tuning.)
    point = _find(points, "Bệnh viện Đa khoa khu vực Ninh Hòa")
    point["longitude"] = 12.4934
    _plant(point, "latitude", "outside_province", 109.1329)

    # Khánh Vĩnh: the commune typed with the tone mark on the wrong vowel.
    _plant(_find(points_by_district["573"], "Khánh Thượng"), "commune", "commune_spelling", "Xã Khánh Thuợng")

    # Diên Khánh: "chưa rõ" (not sure) in a yes/no cell; a go-live year typed 2107.
    points = points_by_district["574"]
    _plant(_find(points, "Diên Tân"), "has_internet", "invalid_yes_no", "chưa rõ")
    point = _find(points, "Diên Phú")
    point.update(has_computer=YES, supervision_date=None, supervision_result=None,
                 children_entered=round(point["eligible_children"] * 0.3))
    if point["training_date"] is None:
        _set_training(point, sessions["574"], point["staff"])
        point["proficient"] = YES
    _plant(point, "go_live_date", "date_out_of_window", "20/05/2107")

    # Khánh Sơn: a new row whose code the officer forgot to fill in.
    _plant(_find(points_by_district["575"], "Sơn Trung"), "point_code", "missing_required", None)

    # Values that look odd but are valid counts, which the cleaning must accept.
    point = _find(points_by_district["572"], "Ninh Hiệp")
    point.update(eligible_children="1.234", children_entered=None if point["children_entered"] is None
                 else min(point["children_entered"], 1234))
    point = _find(points_by_district["570"], "Cam Đức")
    if point["children_entered"] is not None:
        point["children_entered"] = round(point["children_entered"] * 1050 / point["eligible_children"])
    point["eligible_children"] = "1,050"
    point = _find(points_by_district["568"], "Bệnh viện Đa khoa tỉnh Khánh Hòa")
    point.update(staff="12 người", trained_staff=min(point["trained_staff"] or 12, 12))


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


def _training_grid(districts: list[dict], points_by_district: dict[str, list[dict]]) -> tuple[list[list], list]:
    names = {district["code"]: district["name_short"] for district in districts}
    keys = [column.key for column in TRAINING.columns]
    rows = [header_row(TRAINING)]
    planted = []
    for day, code, place in _SESSIONS:
        attended = [p for p in points_by_district[code] if day in p["_sessions"]]
        values = {
            "session_date": day,
            "district": names[code],
            "place": place,
            "participants": sum(p["_sessions"][day] for p in attended),
            "points_covered": len(attended),
        }
        if code == "574":
            # The doubled last letter a hurried officer types: the district is not recognised.
            values["district"] = "Diên Khánhh"
            planted.append((TRAINING.title, f"B{len(rows) + 1}", "unknown_district", values["district"]))
        rows.append([values[key] for key in keys])
    return rows, planted


def _difficulties_grid(districts: list[dict]) -> list[list]:
    names = {district["code"]: district["name_short"] for district in districts}
    rows = [header_row(DIFFICULTIES)]
    for day, code, point, description, status, response in _DIFFICULTY_ROWS:
        values = {"reported_date": day, "district": names[code], "point": point or None,
                  "description": description, "status": status, "response": response or None}
        rows.append([values[column.key] for column in DIFFICULTIES.columns])
    return rows
