"""What the sheet lets in, what the guide says and what the dashboard enforces agree, by construction."""

from __future__ import annotations

from datetime import timedelta

import pytest

from lib import schema
from lib.cleaning import clean_workbook
from lib.coercion import parse_date
from lib.conventions import CELL_RULES, cell_prompt_vi, plausible_dates
from lib.authoring.docs import cell_rule_vi
from lib.geography import load_geography
from lib.schema import Kind
from lib.authoring.sheet_setup import validation_rule
from lib.sources import Provenance, RawWorkbook
from lib.authoring.template import PLAUSIBLE_DATES, _validation, template_grids

GEOGRAPHY = load_geography()


def test_every_kind_has_one_rule():
    assert set(CELL_RULES) == set(Kind)


@pytest.mark.parametrize("column", schema.POINTS.columns, ids=lambda c: c.key)
def test_template_google_and_guide_render_the_same_rule(column):
    rule = CELL_RULES[column.kind]
    workbook = _validation(column, "A2", "A100")
    google = validation_rule(column, "A", 2)
    if rule.check is None:
        assert workbook is None and google is None
        return
    assert workbook.type == {"list": "list", "whole": "whole", "date": "date"}[rule.check]
    assert google["strict"] is rule.strict
    assert (workbook.errorStyle in (None, "stop")) is rule.strict  # a warning where Google only warns
    # The prompt shown on selecting a cell is the same words in the workbook and on Google.
    assert workbook.prompt == cell_prompt_vi(column) and google["inputMessage"].endswith(cell_prompt_vi(column))
    guide = cell_rule_vi(column)
    if rule.check == "date":
        start, end = PLAUSIBLE_DATES
        assert start.strftime("%d/%m/%Y") in guide and end.strftime("%d/%m/%Y") in guide


def test_the_sheets_date_window_is_the_one_the_dashboard_enforces():
    grids = template_grids(GEOGRAPHY)
    seeded = [deadline for _, _, deadline, _, _ in schema.SEED_MILESTONES]
    assert PLAUSIBLE_DATES == plausible_dates(parse_date(d)[0] for d in seeded)
    start, end = PLAUSIBLE_DATES
    cam_lam = grids["Cam Lâm"]
    header = cam_lam[0]
    keys = [c.key for c in schema.POINTS.columns]

    def row(code, training_date):
        values = dict.fromkeys(keys)
        values.update(point_code=code, point_name="Trạm Y tế xã Cam Tân", commune="Xã Cam Tân",
                      point_type=schema.POINT_TYPES[0], training_date=training_date)
        return [values[k] for k in keys]

    grids["Cam Lâm"] = [header, row("A", start), row("B", end), row("C", start - timedelta(days=1)),
                        row("D", end + timedelta(days=1))]
    dataset = clean_workbook(RawWorkbook(grids, Provenance("template.xlsx", "workbook")), GEOGRAPHY)
    out_of_window = sorted(p.cell for p in dataset.problems if p.rule == "date_out_of_window")
    assert out_of_window == ["Cam Lâm!L4", "Cam Lâm!L5"]  # the two days just outside; the edges are inside
