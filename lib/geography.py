"""The province's units and boundaries, read from a geography folder (geography is data).

A geography is a folder holding `geography.json` (the province's name and GSO code, the names of
its boundary files, its offshore inset), the district and commune GeoJSON, the communes CSV and
its `SOURCES.md`. `DASHBOARD_GEOGRAPHY` names the folder; without it, the bundled one named in
`data/geographies/DEFAULT` serves. Serving another province means pointing at another folder:
nothing in the code names a province. A folder that cannot serve raises `GeographyError` with a
Vietnamese (and English) message naming the file and the unit, before anything is drawn.
"""

from __future__ import annotations

import csv
import difflib
import json
import os
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from lib import DEFAULT_GEOGRAPHY, PROJECT_ROOT
from lib.i18n import Message, Translated
from lib.textnorm import fold

GEOGRAPHY_ENV = "DASHBOARD_GEOGRAPHY"
MANIFEST = "geography.json"
DEMO_FILE = "demo.xlsx"  # a geography's demo workbook, bundled or written by `python -m lib demo --geography`
REQUIRED_KEYS = ("province", "province_code", "districts", "communes")

# Viet Nam's extent with its islands (the Spratlys reach 6.5°N and 117.8°E), in WGS 84 degrees:
# a point outside is a swapped pair, a projected coordinate or another country's file.
VIETNAM_LON = (102.0, 118.0)
VIETNAM_LAT = (6.0, 23.5)
CONTAINS_MARGIN = 0.05  # degrees around the mainland box that still count as inside the province

# Prefixes people may or may not type before a unit's name.
_UNIT_PREFIXES = ("thanh pho", "thi xa", "huyen", "quan", "phuong", "xa", "thi tran", "tp", "tx", "tt")
_COMPACT_PREFIXES = tuple(prefix.replace(" ", "") for prefix in sorted(_UNIT_PREFIXES, key=len, reverse=True))


class GeographyError(Translated, Exception):
    """The geography folder cannot serve; `text` (message key `geo.error`) names the folder and why."""

    def __init__(self, folder: Path, reason: Message):
        self.text = Message.of("geo.error", folder=str(folder), reason=reason)
        super().__init__(self.text.text("en"))


@dataclass(frozen=True)
class Geography:
    """The province's district and commune boundaries, their codes, names and label positions.

    `province_name` is the name without "Tỉnh", `province_code` the GSO code as a string;
    `folder` is where the files were read from (None for a geography built in code).
    """
    districts_geojson: dict
    communes_geojson: dict
    province_name: str = ""
    province_code: str = ""
    folder: Path | None = field(default=None, compare=False)
    order_number: str = ""  # the province's order the report cites ("" when the folder names none)
    order_date: str = ""  # its date, dd/mm/yyyy

    # Cached: cleaning asks for these once per point row (13,000 rows rebuilt the lists in 0.4 s).
    # The boundary files never change while a Geography lives; callers only read the lists.
    @cached_property
    def districts(self) -> list[dict]:
        """One dict per district: code, name, name_short, label_lat, label_lon."""
        return [feature["properties"] for feature in self.districts_geojson["features"]]

    @cached_property
    def communes(self) -> list[dict]:
        """One dict per commune: code, name, name_short, district_code, label_lat, label_lon."""
        return [feature["properties"] for feature in self.communes_geojson["features"]]

    @property
    def demo_workbook(self) -> Path | None:
        """The folder's demo workbook (`demo.xlsx`, which may not exist yet); None without a folder."""
        return self.folder / DEMO_FILE if self.folder else None

    @cached_property
    def _offshore_communes(self) -> tuple[dict, ...]:
        return tuple(unit for unit in self.communes if unit.get("offshore"))

    @cached_property
    def _communes_by_district(self) -> dict[str, tuple[dict, ...]]:
        by_district: dict[str, list[dict]] = {}
        for commune in self.communes:
            by_district.setdefault(commune["district_code"], []).append(commune)
        return {code: tuple(communes) for code, communes in by_district.items()}

    def mainland_bounds(self) -> tuple[float, float, float, float]:
        """(min_lon, min_lat, max_lon, max_lat) of the non-offshore polygons."""
        return self._mainland_bounds

    @cached_property  # `contains` asks once per point: walking every polygon each time cost seconds
    def _mainland_bounds(self) -> tuple[float, float, float, float]:
        lons, lats = [], []
        for feature in self.districts_geojson["features"]:
            if feature["properties"].get("offshore"):
                continue
            for lon, lat in _coordinates(feature["geometry"]):
                lons.append(lon)
                lats.append(lat)
        return min(lons), min(lats), max(lons), max(lats)

    def contains(self, lat: float, lon: float, margin: float = CONTAINS_MARGIN) -> bool:
        """Whether a point lies in the province's mainland box (with a margin) or on an offshore unit."""
        min_lon, min_lat, max_lon, max_lat = self.mainland_bounds()
        if min_lon - margin <= lon <= max_lon + margin and min_lat - margin <= lat <= max_lat + margin:
            return True
        return any(
            abs(unit["label_lat"] - lat) <= 0.2 and abs(unit["label_lon"] - lon) <= 0.2
            for unit in self._offshore_communes
        )

    def contains_all(self, lats: list, lons: list) -> list[bool]:
        """`contains` for many points at once (None for a point with a coordinate missing): the mainland
        box is tested inline, and only points outside it are asked of the offshore units."""
        min_lon, min_lat, max_lon, max_lat = self.mainland_bounds()
        margin = CONTAINS_MARGIN
        return [None if lat is None or lon is None
                else (min_lon - margin <= lon <= max_lon + margin and min_lat - margin <= lat <= max_lat + margin)
                or self.contains(lat, lon)
                for lat, lon in zip(lats, lons)]

    def communes_of(self, district_code: str) -> tuple[dict, ...]:
        """The communes of one district (by its code)."""
        return self._communes_by_district.get(district_code, ())


def _coordinates(geometry: dict):
    def walk(node):
        if node and isinstance(node[0], (int, float)):
            yield node[0], node[1]
        else:
            for child in node:
                yield from walk(child)

    yield from walk(geometry["coordinates"])


def geography_folder(folder: str | Path | None = None) -> Path:
    """The folder to read: `folder`, else `$DASHBOARD_GEOGRAPHY`, else the bundled default.

    A relative path is taken from the working directory, then from the project root (so that
    `DASHBOARD_GEOGRAPHY=data/geographies/<name>` works wherever the command is started).
    """
    chosen = folder or os.environ.get(GEOGRAPHY_ENV) or DEFAULT_GEOGRAPHY
    path = Path(chosen).expanduser()
    if not path.is_absolute() and not path.exists() and (PROJECT_ROOT / path).exists():
        path = PROJECT_ROOT / path
    return path.resolve()


def demo_workbook(folder: str | Path | None = None) -> Path:
    """The demo workbook of the selected geography (`geography_folder(folder)/demo.xlsx`); it may not exist yet."""
    return geography_folder(folder) / DEMO_FILE


def is_demo_workbook(path: str | Path) -> bool:
    """Whether `path` is a geography folder's demo workbook (the dashboard then says it shows a demo)."""
    path = Path(path)
    return path.name == DEMO_FILE and (path.parent / MANIFEST).is_file()


def load_geography(folder: str | Path | None = None) -> Geography:
    """The geography of `folder` (default: `geography_folder()`), checked, loaded once per process.

    Raises GeographyError (in Vietnamese and English) for a missing folder or file, a manifest
    without the province's name or code, a unit without a code or a name, a commune whose
    district is not in the district file, or coordinates outside Viet Nam.
    """
    return _load(geography_folder(folder))


@lru_cache(maxsize=8)
def _load(folder: Path) -> Geography:
    if not folder.is_dir():
        raise GeographyError(folder, Message.of("geo.no_folder"))
    manifest = _read_json(folder, MANIFEST)
    for key in REQUIRED_KEYS:
        if not str(manifest.get(key) or "").strip():
            raise GeographyError(folder, Message.of("geo.missing_key", file=MANIFEST, entry=key))
    districts = _read_json(folder, manifest["districts"])
    communes = _read_json(folder, manifest["communes"])
    if manifest.get("communes_csv"):
        _check_csv(folder, manifest["communes_csv"])
    if manifest.get("sources") and not (folder / manifest["sources"]).is_file():
        raise GeographyError(folder, Message.of("geo.missing_file", file=manifest["sources"]))
    district_codes = _check_units(folder, manifest["districts"], districts)
    _check_units(folder, manifest["communes"], communes, district_codes)
    offshore = {str(f["properties"]["code"]) for f in districts["features"] if f["properties"].get("offshore")}
    for code in manifest.get("offshore_inset") or []:
        if str(code) not in offshore:
            raise GeographyError(folder, Message.of("geo.bad_inset", file=MANIFEST, code=code))
    order = manifest.get("order") or {}
    return Geography(districts, communes, str(manifest["province"]).strip(), str(manifest["province_code"]).strip(),
                     folder, str(order.get("number") or "").strip(), str(order.get("date") or "").strip())


def _read_json(folder: Path, name: str) -> dict:
    path = folder / name
    if not path.is_file():
        raise GeographyError(folder, Message.of("geo.missing_file", file=name))
    try:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise GeographyError(folder, Message.of("geo.unreadable_file", file=name, error=str(error)[:200])) from None
    if not isinstance(document, dict):
        raise GeographyError(folder, Message.of("geo.unreadable_file", file=name, error="not a JSON object"))
    return document


def _check_csv(folder: Path, name: str) -> None:
    path = folder / name
    if not path.is_file():
        raise GeographyError(folder, Message.of("geo.missing_file", file=name))
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            next(csv.reader(handle), None)
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise GeographyError(folder, Message.of("geo.unreadable_file", file=name, error=str(error)[:200])) from None


def _check_units(folder: Path, name: str, collection: dict, district_codes: set[str] | None = None) -> set[str]:
    """The codes of a checked feature collection; communes (with `district_codes`) must name a known district."""
    features = collection.get("features")
    if not isinstance(features, list) or not features:
        raise GeographyError(folder, Message.of("geo.no_features", file=name))
    codes: set[str] = set()
    for number, feature in enumerate(features, start=1):
        properties = feature.get("properties") or {}
        code = str(properties.get("code") or "").strip()
        if not code:
            raise GeographyError(folder, Message.of("geo.no_code", file=name, n=number,
                                                    name=properties.get("name") or "?"))
        if code in codes:
            raise GeographyError(folder, Message.of("geo.duplicate_code", file=name, code=code))
        codes.add(code)
        properties["code"] = code  # codes are text ("022"), whatever type the file gave them
        for key in ("name", "name_short"):
            if not str(properties.get(key) or "").strip():
                raise GeographyError(folder, Message.of("geo.no_name", file=name, code=code, entry=key))
        if district_codes is not None:
            district = str(properties.get("district_code") or "").strip()
            if district not in district_codes:
                raise GeographyError(folder, Message.of("geo.unknown_district", commune=properties["name"], code=code,
                                                        district=district or "?", file=name))
            properties["district_code"] = district
        _check_in_vietnam(folder, name, feature, properties)
    return codes


def _check_in_vietnam(folder: Path, name: str, feature: dict, properties: dict) -> None:
    try:
        points = [(float(properties["label_lon"]), float(properties["label_lat"]))]
    except (KeyError, TypeError, ValueError):
        raise GeographyError(folder, Message.of("geo.no_label", file=name, code=properties["code"])) from None
    try:
        points += list(_coordinates(feature["geometry"]))
    except (KeyError, TypeError, IndexError):
        raise GeographyError(folder, Message.of("geo.no_geometry", file=name, code=properties["code"])) from None
    for lon, lat in points:
        if not (VIETNAM_LON[0] <= lon <= VIETNAM_LON[1] and VIETNAM_LAT[0] <= lat <= VIETNAM_LAT[1]):
            raise GeographyError(folder, Message.of("geo.outside_vietnam", name=properties["name"],
                                                    code=properties["code"], file=name, lon=lon, lat=lat))


def fold_unit_name(name: str) -> str:
    """A unit's name folded, without its type prefix: 'Xã Bình An' → 'binhan'."""
    folded = fold(name)
    for compact in _COMPACT_PREFIXES:
        if folded.startswith(compact) and len(folded) > len(compact) + 2:
            return folded[len(compact):]
    return folded


def match_unit(name: str, units: list[dict]) -> dict | None:
    """The unit whose name (with or without its prefix) equals `name` ignoring case and accents."""
    return UnitIndex(units).match(name)


class UnitIndex:
    """`match_unit` for many names against the same units: the units indexed once by folded name.

    Scanning instead folds every unit's names once per name matched: 490,000 times for a log of 700
    rows against 700 districts.
    """

    def __init__(self, units: list[dict] | tuple[dict, ...]):
        self._by_name: dict[str, dict] = {}  # folded name or short name → the first unit carrying it
        self._by_bare: dict[str, dict] = {}  # folded name without its prefix → the first unit carrying it
        for unit in units:
            self._by_name.setdefault(fold(unit["name"]), unit)
            self._by_name.setdefault(fold(unit["name_short"]), unit)
        for unit in units:
            self._by_bare.setdefault(fold_unit_name(unit["name"]), unit)

    def match(self, name: str) -> dict | None:
        """The unit `match_unit(name, units)` gives: a full or short name first, then a name without its prefix."""
        unit = self._by_name.get(fold(name))
        return unit if unit is not None else self._by_bare.get(fold_unit_name(name))


def suggest_unit(name: str, units: list[dict]) -> str | None:
    """The official name closest to a name that matched nothing, if one is close enough."""
    by_folded = {fold_unit_name(unit["name"]): unit["name"] for unit in units}
    close = difflib.get_close_matches(fold_unit_name(name), list(by_folded), n=1, cutoff=0.6)
    return by_folded[close[0]] if close else None
