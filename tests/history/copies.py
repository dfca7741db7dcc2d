"""Edits of the demo's grids that make copies of it taken on other days, for the history tests."""

from __future__ import annotations

from datetime import date

POINT_TAB, FIRST_POINT_ROW = "Cam Lâm", 1  # KH-570-01, "Có máy in" = "Không" in the demo
PRINTER_COLUMN = 7  # 0-based: "Có máy in"


def set_as_of(tabs: dict, day: date) -> None:
    """The demo's grids with `day` as the sheet's as-of date (Cấu hình › Ngày số liệu)."""
    for row in tabs["Cấu hình"]:
        if row[0] == "Ngày số liệu":
            row[1] = day


def give_printer(tabs: dict) -> None:
    """KH-570-01 (Cam Lâm) gets its printer: it becomes equipped."""
    tabs[POINT_TAB][FIRST_POINT_ROW][PRINTER_COLUMN] = "Có"
