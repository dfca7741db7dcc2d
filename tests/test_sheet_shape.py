"""Sheet shapes in isolation: merges filled as a person sees them, and what a file says beyond values."""

from __future__ import annotations

from lib.cleaning import clean_workbook
from lib.geography import load_geography
from lib.sheet_shape import fill_merges
from lib.sources import Provenance, RawWorkbook
from lib.sources.file_layout import _no_stored_result


def test_a_merge_is_clipped_to_the_grid():
    grid = [["Mã điểm", "Tên"], ["I. Trạm y tế", None], ["KH-1", "Trạm"]]
    filled_grid, filled = fill_merges(grid, [(1, 0, 1, 16383), (2, 0, 10, 0)])
    assert filled_grid[1] == ["I. Trạm y tế", "I. Trạm y tế"]  # two columns, not 16,384
    assert set(filled) == {(1, 1)}
    assert grid[1] == ["I. Trạm y tế", None]  # the input is left as it was


def test_a_title_merged_to_column_xfd_widens_no_row():
    # Rows widened to column XFD would make every later step walk 16,384 columns per row.
    rows = [["Mã điểm", "Tên điểm tiêm chủng", "Xã/phường/thị trấn", "Loại điểm"]]
    rows += [[f"KH-{n}", f"Trạm {n}", "Xã Cam Tân", "Trạm y tế"] for n in range(30)]
    filled_grid, filled = fill_merges(rows, [(1, 0, 1, 16383)])
    assert max(len(row) for row in filled_grid) == 4 and len(filled) == 3


def test_a_formula_giving_empty_text_is_not_unsaved():
    # Excel and LibreOffice save =IF(…,"","") as t="str" with an empty <v>; a tool that does not
    # calculate leaves <v> out (openpyxl) or empty without a type.
    assert _no_stored_result(None, None, None) is True
    assert _no_stored_result(object(), None, None) is True
    assert _no_stored_result(object(), None, "str") is False
    assert _no_stored_result(object(), "2", None) is False


def test_a_format_that_hides_errors_and_hidden_rows_says_so():
    raw = RawWorkbook({}, Provenance("bao-cao.xlsb", "workbook"), layout_known=False)
    dataset = clean_workbook(raw, load_geography())
    assert [(p.cell, p.rule, p.severity) for p in dataset.problems if p.rule == "layout_unknown"] == [
        ("bao-cao.xlsb", "layout_unknown", "warning")]
