"""Larger sheets for the benchmark, generated deterministically in the demo workbook's shape.

`scaled_grids` copies the demo's point rows (their equipment, staff, dates, children and the few
typing mistakes they carry) round and round into more points, each with its own code, name and
coordinates:

- a large province: Khánh Hòa's nine real districts with as many points as asked for (2,000),
  so every district and commune is known to the map;
- the country: about 700 synthetic districts ("Huyện Mẫu 001" …, codes T001 …). The geography the
  dashboard ships only knows Khánh Hòa, so each of them draws a `district_not_on_map` warning (one
  per district: expected), and their points are scattered over Khánh Hòa's communes so the map
  has 13,000 markers to draw.

Schema headers come from `lib.schema` through the demo generator; one `random.Random(seed)`.
"""

from __future__ import annotations

import random
from pathlib import Path

from lib.authoring.demo import build_demo_grids
from lib.geography import load_geography
from lib.schema import DIFFICULTIES, DISTRICTS, MILESTONES, POINTS, SETTING_ROWS, SETTINGS, TRAINING
from lib.authoring.template import header_row, save_workbook

COUNTRY_NAME = "Toàn quốc"
JITTER_DEGREES = 0.01  # about 1 km around a commune's label point: inside the province's box
POINT_KEYS = [column.key for column in POINTS.columns]


def _demo_point_rows(demo: dict[str, list[list]]) -> dict[str, list[list]]:
    """The demo's point rows by district code (header rows dropped)."""
    district_rows = demo[DISTRICTS.title][1:]
    code_at, tab_at = DISTRICTS.columns.index(DISTRICTS.column("district_code")), \
        DISTRICTS.columns.index(DISTRICTS.column("tab_name"))
    return {row[code_at]: demo[row[tab_at]][1:] for row in district_rows}


def _point_row(template: list, code: str, name: str, commune: str, lat: float, lon: float) -> list:
    row = list(template) + [None] * (len(POINT_KEYS) - len(template))
    values = dict(zip(POINT_KEYS, row))
    values.update(point_code=code, point_name=name, commune=commune, latitude=lat, longitude=lon)
    return [values[key] for key in POINT_KEYS]


def _near(rng: random.Random, commune: dict) -> tuple[float, float]:
    return (round(commune["label_lat"] + rng.uniform(-JITTER_DEGREES, JITTER_DEGREES), 5),
            round(commune["label_lon"] + rng.uniform(-JITTER_DEGREES, JITTER_DEGREES), 5))


def _spread(total: int, parts: int) -> list[int]:
    """`total` split into `parts` counts differing by at most one."""
    base, extra = divmod(total, parts)
    return [base + (1 if index < extra else 0) for index in range(parts)]


def scaled_grids(points: int, districts: int | None = None, seed: int = 2017) -> dict[str, list[list]]:
    """A whole sheet with `points` points: Khánh Hòa's districts, or `districts` synthetic ones."""
    rng = random.Random(seed)
    demo = build_demo_grids()
    geography = load_geography()
    by_district = _demo_point_rows(demo)
    templates = [row for rows in by_district.values() for row in rows]
    grids: dict[str, list[list]] = {SETTINGS.title: [list(r) for r in demo[SETTINGS.title]],
                                    MILESTONES.title: [list(r) for r in demo[MILESTONES.title]]}
    district_header, district_rows, point_tabs = demo[DISTRICTS.title][0], [], {}

    if districts is None:  # a large province: the real districts, more points in each
        listed = {row[0]: row for row in demo[DISTRICTS.title][1:]}
        demo_total = sum(len(rows) for rows in by_district.values())
        shares = {unit["code"]: max(1, round(points * len(by_district[unit["code"]]) / demo_total))
                  for unit in geography.districts}
        largest = max(shares, key=shares.get)
        shares[largest] += points - sum(shares.values())  # rounding: the total is exact
        for unit in geography.districts:
            code = unit["code"]
            share = shares[code]
            communes = geography.communes_of(code)
            rows = [header_row(POINTS)]
            for sequence in range(1, share + 1):
                template = by_district[code][(sequence - 1) % len(by_district[code])]
                commune = communes[(sequence - 1) % len(communes)]
                rows.append(_point_row(template, f"KH-{code}-{sequence:04d}", f"Điểm tiêm chủng {code}-{sequence:04d}",
                                       commune["name"], *_near(rng, commune)))
            point_tabs[unit["name_short"]] = rows
            district_rows.append(_district_row(listed[code], share))
        training, difficulties = demo[TRAINING.title], demo[DIFFICULTIES.title]
    else:  # the country: synthetic districts, points placed over the province's communes
        province_row = next(s.name_vi for s in SETTING_ROWS if s.key == "province")
        grids[SETTINGS.title] = [[row[0], COUNTRY_NAME] if row[0] == province_row else row
                                 for row in grids[SETTINGS.title]]
        communes = [c for c in geography.communes if not c.get("offshore")]
        training = [demo[TRAINING.title][0]]
        session = demo[TRAINING.title][1]
        for index, count in enumerate(_spread(points, districts), start=1):
            code, tab = f"T{index:03d}", f"Huyện Mẫu {index:03d}"
            rows = [header_row(POINTS)]
            for sequence in range(1, count + 1):
                template = templates[rng.randrange(len(templates))]
                rows.append(_point_row(template, f"{code}-{sequence:03d}", f"Trạm Y tế xã Mẫu {index:03d}-{sequence:02d}",
                                       f"Xã Mẫu {index:03d}-{sequence:02d}", *_near(rng, rng.choice(communes))))
            point_tabs[tab] = rows
            district_rows.append(_district_row([code, f"Huyện Mẫu {index:03d}", tab, count, None, None, None],
                                               count))
            training.append([session[0], tab, f"Hội trường TTYT {tab}", session[3], min(count, session[4])])
        difficulties = demo[DIFFICULTIES.title]

    grids[DISTRICTS.title] = [district_header] + district_rows
    grids.update(point_tabs)
    grids[TRAINING.title] = [list(r) for r in training]
    grids[DIFFICULTIES.title] = [list(r) for r in difficulties]
    return grids


def _district_row(row: list, expected: int) -> list:
    values = dict(zip([c.key for c in DISTRICTS.columns], row))
    values["expected_points"] = expected
    return [values[c.key] for c in DISTRICTS.columns]


def point_count(grids: dict[str, list[list]]) -> int:
    fixed = {SETTINGS.title, MILESTONES.title, DISTRICTS.title, TRAINING.title, DIFFICULTIES.title}
    return sum(len(grid) - 1 for title, grid in grids.items() if title not in fixed)


def write_scaled(path: Path, points: int, districts: int | None = None, seed: int = 2017) -> Path:
    """The generated sheet as a formatted .xlsx (the same writer as the demo and the template)."""
    return save_workbook(scaled_grids(points, districts, seed), path)
