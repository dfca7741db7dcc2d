"""Every page that shows a chart, the map, a table or the report offers it for download."""

from __future__ import annotations

import pytest

EXPECTED = {
    "overview.py": ["Báo cáo của tỉnh (.docx)", "Ảnh tóm tắt trong ngày", "Bảng số liệu (.xlsx)"],
    "training.py": ["Ảnh PNG", "Ảnh SVG"] * 3,
    "deadlines.py": ["Ảnh PNG", "Ảnh SVG"],
    "district.py": ["Báo cáo của huyện (.docx)", "Bảng số liệu (.xlsx)", "Tin nhắn mọi huyện (.txt)",
                    "Tin nhắn mọi huyện (.docx)"],
    "map.py": ["Bản đồ (.html)"],
}


def _main_downloads(app) -> list[str]:
    """Labels of the download buttons in the page body (the sidebar has its own snapshot button)."""
    return [element.proto.label for element in app.main.get("download_button")]


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_page_offers_its_take_away_files(run_page, page):
    app = run_page(page)
    assert _main_downloads(app) == EXPECTED[page]
    for element in app.main.get("download_button"):
        assert element.proto.deferred_file_id  # built on click, not on every run


def test_english_labels(run_page):
    app = run_page("overview.py", lang="en")
    assert _main_downloads(app) == ["Province report (.docx)", "Daily summary image", "Figures (.xlsx)"]
