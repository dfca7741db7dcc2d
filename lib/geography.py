"""The province's units and boundaries, read from the files in `data/` (geography is data).

Another province is served by replacing the boundary files; nothing here names Khánh Hòa.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from lib import DATA_DIR
from lib.textnorm import fold

PROVINCE_NAME = "Khánh Hòa"  # the province these boundary files draw
DISTRICTS_FILE = "khanh_hoa_districts.geojson"
COMMUNES_FILE = "khanh_hoa_communes.geojson"

# Prefixes people may or may not type before a unit's name.
_UNIT_PREFIXES = ("thanh pho", "thi xa", "huyen", "quan", "phuong", "xa", "thi tran", "tp", "tx", "tt")


@dataclass(frozen=True)
class Geography:
    """The province's district and commune boundaries, their codes, names and label positions."""
    districts_geojson: dict
    communes_geojson: dict

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

    def contains(self, lat: float, lon: float, margin: float = 0.05) -> bool:
        """Whether a point lies in the province's mainland box (with a margin) or on an offshore unit."""
        min_lon, min_lat, max_lon, max_lat = self.mainland_bounds()
        if min_lon - margin <= lon <= max_lon + margin and min_lat - margin <= lat <= max_lat + margin:
            return True
        return any(
            abs(unit["label_lat"] - lat) <= 0.2 and abs(unit["label_lon"] - lon) <= 0.2
            for unit in self._offshore_communes
        )

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


@lru_cache(maxsize=4)
def load_geography(data_dir: Path = DATA_DIR) -> Geography:
    """The bundled geography (`data/`: districts and communes GeoJSON, communes CSV), loaded once per process."""
    with open(Path(data_dir) / DISTRICTS_FILE, encoding="utf-8") as districts_file:
        districts = json.load(districts_file)
    with open(Path(data_dir) / COMMUNES_FILE, encoding="utf-8") as communes_file:
        communes = json.load(communes_file)
    return Geography(districts, communes)


def fold_unit_name(name: str) -> str:
    """A unit's name folded, without its type prefix: 'Xã Cam Hải Đông' → 'camhaidong'."""
    folded = fold(name)
    for prefix in sorted(_UNIT_PREFIXES, key=len, reverse=True):
        compact = prefix.replace(" ", "")
        if folded.startswith(compact) and len(folded) > len(compact) + 2:
            return folded[len(compact):]
    return folded


def match_unit(name: str, units: list[dict]) -> dict | None:
    """The unit whose name (with or without its prefix) equals `name` ignoring case and accents."""
    target = fold(name)
    target_bare = fold_unit_name(name)
    for unit in units:
        if target in (fold(unit["name"]), fold(unit["name_short"])):
            return unit
    for unit in units:
        if target_bare == fold_unit_name(unit["name"]):
            return unit
    return None


def suggest_unit(name: str, units: list[dict]) -> str | None:
    """The official name closest to a name that matched nothing, if one is close enough."""
    by_folded = {fold_unit_name(unit["name"]): unit["name"] for unit in units}
    close = difflib.get_close_matches(fold_unit_name(name), list(by_folded), n=1, cutoff=0.6)
    return by_folded[close[0]] if close else None

