"""A district's follow-up figures, counted by hand from the demo's Diên Khánh tab (20 points, 20/05/2017)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from lib.metrics.followup import compute_district_followup, compute_followups
from lib.metrics.progress import ChangeSince

# Diên Khánh's rows: (eligible, entered) per point, entered blank as 0.
ELIGIBLE = (947, 1152, 334, 941, 751, 1175, 369, 586, 481, 450, 505, 617, 871, 750, 1016, 434, 468, 1170, 660, 606)
ENTERED = (723, 0, 204, 0, 663, 0, 111, 569, 0, 273, 0, 0, 634, 589, 0, 276, 386, 1082, 0, 380)


def test_what_dien_khanh_still_misses(demo_rollout, demo_dataset):
    followup = compute_district_followup(demo_rollout, "574", demo_dataset.problems)
    assert (followup.district_name, followup.points, followup.points_target) == ("Huyện Diên Khánh", 20, 20)
    # "Có máy in" is "Không" at KH-574-01 and KH-574-14.
    assert followup.without_printer == ("Trạm Y tế thị trấn Diên Khánh", "Trạm Y tế xã Diên Toàn")
    assert followup.without_computer == ()
    # Internet "Không" at 04, 06, 19 and blank at 02, 11: blank counts as missing.
    assert len(followup.without_internet) == 5
    # No go-live date at 02, 04, 06, 07, 09, 11, 12, 15, 19.
    assert len(followup.not_live) == 9
    # KH-574-12: 3 staff, 2 trained.
    assert (followup.untrained_staff, followup.not_all_trained) == (1, ("Trạm Y tế xã Diên Hòa",))
    assert followup.children_missing == sum(ELIGIBLE) - sum(ENTERED) == 8393
    # Under 95 % entered everywhere but at KH-574-08 (569/586 = 97 %): Suối Hiệp's 1082/1170 is 92 %.
    assert len(followup.children_incomplete) == 19
    # Its report came in on time; the milestones ahead are go-live and children (01/06: 12 days left).
    assert followup.report_state == "on_time"
    assert [(deadline, days) for _, deadline, days in followup.milestones] == [(date(2017, 6, 1), 12)] * 2
    assert [p.cell for p in followup.problems] == ["Diên Khánh!P8", "Diên Khánh!I12"]
    assert (followup.since, followup.changes) == (None, None)


def test_a_district_whose_report_is_due(demo_rollout, demo_dataset):
    followup = compute_district_followup(demo_rollout, "573", demo_dataset.problems)  # Khánh Vĩnh
    # Due 05/06/2017, 16 days after 20/05/2017; no computer at KH-573-01, -08 and -12.
    assert (followup.report_state, followup.report_deadline, followup.report_days_left) == (
        "pending", date(2017, 6, 5), 16)
    assert followup.without_computer == ("Trạm Y tế thị trấn Khánh Vĩnh", "Trạm Y tế xã Sông Cầu",
                                         "Trạm Y tế xã Khánh Thành")


def test_the_change_since_is_the_districts_own(demo_rollout, demo_dataset):
    zero = dict.fromkeys(("equipped", "all_trained", "live", "children_entered", "supervised", "overdue"), 0)
    change = ChangeSince(date(2017, 5, 13), date(2017, 5, 13), date(2017, 5, 20),
                         pd.DataFrame([{"district_code": "574", "district_name": "Diên Khánh", **zero, "live": 2}]),
                         {**zero, "live": 2}, pd.DataFrame())
    assert compute_district_followup(demo_rollout, "574", [], change).changes == {**zero, "live": 2}
    assert compute_district_followup(demo_rollout, "568", [], change).changes == zero  # not in it: nothing moved


def test_every_district_in_the_table_order_and_an_unknown_one(demo_rollout):
    codes = [f.district_code for f in compute_followups(demo_rollout, [])]
    assert codes == list(demo_rollout.district_readiness["district_code"])
    assert [f.district_code for f in compute_followups(demo_rollout, [], district_codes=["574"])] == ["574"]
    with pytest.raises(KeyError):
        compute_district_followup(demo_rollout, "999", [])
