"""lib.access: who is who from the secrets and the sheet, and what each may see of the demo data."""

from __future__ import annotations

from datetime import date

import pytest

from lib import DEMO_WORKBOOK
from lib.access import (DISTRICT, OPEN_VIEWER, PROVINCE, REFUSED, AccessList, Viewer, auth_configured, auth_provider,
                        decide, restrict_dataset, restrict_rollout, split_emails)
from lib.cleaning import clean_workbook
from lib.geography import load_geography
from lib.metrics.rollout import compute_rollout
from lib.sources import read_source

AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32, "client_id": "id",
        "client_secret": "s", "server_metadata_url": "https://accounts.google.com/.well-known/openid-configuration"}
SECRETS = {"auth": AUTH, "access": {"province": ["PMC@KhanhHoa.gov.vn", "  so.yte@khanhhoa.gov.vn "],
                                    "districts": {"570": ["camlam@khanhhoa.gov.vn"], 568: "nt1@x.vn, nt2@x.vn"}}}
CAM_LAM = "570"


@pytest.fixture(scope="module")
def demo():
    dataset = clean_workbook(read_source(str(DEMO_WORKBOOK)), load_geography())
    return dataset, compute_rollout(dataset, load_geography(), dataset.as_of or date(2017, 5, 20))


@pytest.mark.parametrize("secrets, configured", [
    ({}, False),
    ({"auth": {}}, False),
    ({"auth": {"client_id": "id"}}, False),  # no redirect_uri: Streamlit could not sign anyone in
    ({"auth": AUTH}, True),
    ({"auth": {"redirect_uri": "u", "cookie_secret": "c", "google": {"client_id": "id"}}}, True),
    ({"access": {"province": ["a@x.vn"]}}, False),  # an access list alone does not turn sign-in on
])
def test_auth_configured(secrets, configured):
    assert auth_configured(secrets) is configured


def test_auth_provider_names_the_first_configured_one():
    assert auth_provider({"auth": AUTH}) is None
    assert auth_provider({"auth": {"redirect_uri": "u", "other": {"x": 1}, "microsoft": {"client_id": "m"}}}) == "microsoft"


@pytest.mark.parametrize("email, role, codes", [
    ("pmc@khanhhoa.gov.vn", PROVINCE, ()),
    ("So.Yte@KhanhHoa.gov.vn", PROVINCE, ()),
    ("camlam@khanhhoa.gov.vn", DISTRICT, ("570",)),
    ("NT2@x.vn", DISTRICT, ("568",)),
    ("stranger@gmail.com", REFUSED, ()),
    ("", REFUSED, ()),
    (None, REFUSED, ()),
    ("not an e-mail", REFUSED, ()),
])
def test_decide_from_the_secrets(email, role, codes):
    viewer = decide(email, AccessList.from_secrets(SECRETS))
    assert (viewer.role, viewer.district_codes) == (role, codes)


def test_an_unverified_email_is_refused():
    assert decide("pmc@khanhhoa.gov.vn", AccessList.from_secrets(SECRETS), email_verified=False).role == REFUSED
    assert decide("pmc@khanhhoa.gov.vn", AccessList.from_secrets(SECRETS), email_verified=True).role == PROVINCE


def test_no_access_list_refuses_everyone():
    assert AccessList.from_secrets({"auth": AUTH}).empty
    assert decide("pmc@khanhhoa.gov.vn", AccessList.from_secrets({"auth": AUTH})).role == REFUSED


def test_the_sheet_grants_district_roles_only_when_asked(demo):
    dataset, _ = demo
    secrets = {"access": {"province": ["pmc@x.vn"]}}
    assert decide("tiemchung.camlam@example.org", AccessList.from_secrets(secrets).with_sheet(dataset.districts)).role \
        == REFUSED
    secrets["access"]["sheet_editors"] = True
    viewer = decide("tiemchung.camlam@example.org", AccessList.from_secrets(secrets).with_sheet(dataset.districts))
    assert (viewer.role, viewer.district_codes) == (DISTRICT, (CAM_LAM,))
    # The sheet never makes anyone a province user.
    assert all(decide(email, AccessList(sheet_editors=True).with_sheet(dataset.districts)).role != PROVINCE
               for cell in dataset.districts["editors"].dropna() for email in split_emails(cell))


def test_province_and_open_viewers_see_everything_unchanged(demo):
    dataset, rollout = demo
    for viewer in (OPEN_VIEWER, Viewer(PROVINCE, "pmc@x.vn")):
        assert restrict_dataset(dataset, viewer) is dataset
        assert restrict_rollout(rollout, viewer) is rollout


def test_a_district_officer_sees_province_totals_and_their_points_only(demo):
    dataset, rollout = demo
    viewer = Viewer(DISTRICT, "camlam@x.vn", (CAM_LAM,))
    seen = restrict_rollout(rollout, viewer)
    # Aggregates: the whole province.
    assert seen.headline == rollout.headline
    assert seen.district_readiness.equals(rollout.district_readiness)
    assert seen.countdowns.equals(rollout.countdowns) and seen.training_curve.equals(rollout.training_curve)
    # Points, sessions, difficulties: Cam Lâm's only, and all of them.
    for name in ("point_status", "sessions", "difficulties"):
        table, whole = getattr(seen, name), getattr(rollout, name)
        assert set(table["district_code"].dropna()) <= {CAM_LAM}, name
        assert len(table) == int((whole["district_code"] == CAM_LAM).sum()), name
    assert len(seen.point_status) == 15


def test_a_district_officers_dataset_names_no_other_districts_points_or_people(demo):
    dataset, _ = demo
    viewer = Viewer(DISTRICT, "camlam@x.vn", (CAM_LAM,))
    seen = restrict_dataset(dataset, viewer)
    assert set(seen.points["district_code"]) == {CAM_LAM}
    assert all(problem.district_code == CAM_LAM for problem in seen.problems)
    assert len(seen.problems) == sum(problem.district_code == CAM_LAM for problem in dataset.problems)
    others = seen.districts.loc[seen.districts["district_code"] != CAM_LAM]
    assert others["editors"].isna().all() and others["contact"].isna().all()
    assert len(seen.districts) == len(dataset.districts)  # names and expected points stay: the totals need them
    own = seen.districts.loc[seen.districts["district_code"] == CAM_LAM]
    assert own["editors"].notna().all()
    point_tabs = {row.tab for row in seen.summary if row.kind == "points"}
    assert point_tabs == {"Cam Lâm"}
    for name in point_tabs | {p.tab for p in seen.problems}:
        assert name in ("Cam Lâm",) or name not in set(dataset.districts["tab_name"]), name
