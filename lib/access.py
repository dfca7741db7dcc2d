"""Who may see what: sign-in configuration, the access list, and a dataset cut down to what one viewer may see.

Pure Python (the adapter passes `st.secrets` and `st.user` as plain values). The access list lives
in the secrets, beside Streamlit's `[auth]` section:

    [access]
    province = ["giamdoc@soyte.example.vn"]     # sees everything
    sheet_editors = true                         # also: the Huyện tab's "Email người nhập liệu" column
    [access.districts]
    "101" = ["tiemchung@huyen.example.vn"]     # district code → its officers

Province roles see everything. A district officer sees the province aggregates (headline, the
district table, countdowns, the map's district colours) and everything about their own district
(its points, its problems, its training sessions and difficulties), and nothing that names another
district's points. Without `[auth]` the dashboard is open (local use, the demo) and says so. A
signed-in e-mail on no list is refused. The sheet can only grant district roles: district staff can
type into the sheet, so it never decides who sees the whole province.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

import pandas as pd

from lib import schema
from lib.cleaning import Dataset
from lib.metrics.rollout import Rollout
from lib.textnorm import fold

OPEN, PROVINCE, DISTRICT, REFUSED = "open", "province", "district", "refused"
ROLES = (OPEN, PROVINCE, DISTRICT, REFUSED)
_EMAIL = re.compile(r"[^\s<>,;()\"']+@[^\s<>,;()\"']+\.[^\s<>,;()\"']+")
# District columns that name people rather than count things: blanked for other districts.
PERSONAL_DISTRICT_COLUMNS = ("contact", "editors")


@dataclass(frozen=True)
class Viewer:
    """The person looking, and what they may see."""

    role: str  # one of ROLES
    email: str | None = None
    district_codes: tuple[str, ...] = ()  # a district officer's own districts

    @property
    def sees_everything(self) -> bool:
        """True for a viewer who may see every district."""
        return self.role in (OPEN, PROVINCE)

    def sees_district(self, code) -> bool:
        """May this viewer see the points and problems of district `code`?

        >>> Viewer(DISTRICT, "a@x.vn", ("101",)).sees_district("101"), Viewer(DISTRICT, "a@x.vn", ("101",)).sees_district("102")
        (True, False)
        >>> Viewer(PROVINCE, "b@x.vn").sees_district("102")
        True
        """
        return self.sees_everything or (self.role == DISTRICT and str(code) in self.district_codes)


OPEN_VIEWER = Viewer(OPEN)


def normalise_email(text) -> str:
    """An e-mail as compared: trimmed, case-folded, the display name dropped.

    >>> normalise_email("  Bình Sơn <BinhSon@SoYTe.example.vn> ")
    'binhson@soyte.example.vn'
    """
    text = str(text or "").strip()
    found = _EMAIL.search(text)
    return (found.group(0) if found else text).casefold()


def split_emails(cell) -> list[str]:
    """Every e-mail in a cell written the way people write lists (commas, semicolons, new lines).

    >>> split_emails("a@x.vn, B@x.vn;\\nc@y.vn  không phải email")
    ['a@x.vn', 'b@x.vn', 'c@y.vn']
    """
    if cell is None or (isinstance(cell, float) and cell != cell) or cell is pd.NA:
        return []
    return [match.casefold() for match in _EMAIL.findall(str(cell))]


def _as_list(value) -> list:
    if value is None:
        return []
    if isinstance(value, str):
        return split_emails(value)
    if isinstance(value, Iterable):
        return [email for item in value for email in split_emails(item)]
    return []


def auth_provider(secrets: Mapping | None) -> str | None:
    """The provider name for `st.login`: None for a single provider written straight into `[auth]`,
    else the first `[auth.NAME]` subsection that names a client.

    >>> auth_provider({"auth": {"client_id": "x", "redirect_uri": "http://h/oauth2callback"}}) is None
    True
    >>> auth_provider({"auth": {"redirect_uri": "u", "cookie_secret": "s", "google": {"client_id": "x"}}})
    'google'
    """
    section = (secrets or {}).get("auth")
    if not isinstance(section, Mapping) or section.get("client_id"):
        return None
    return next((name for name, value in section.items() if isinstance(value, Mapping) and value.get("client_id")),
                None)


def auth_configured(secrets: Mapping | None) -> bool:
    """True when the secrets hold an `[auth]` section Streamlit can sign people in with.

    >>> auth_configured({}), auth_configured({"auth": {}})
    (False, False)
    >>> auth_configured({"auth": {"redirect_uri": "u", "cookie_secret": "s", "client_id": "c"}})
    True
    """
    section = (secrets or {}).get("auth")
    if not isinstance(section, Mapping) or not section.get("redirect_uri"):
        return False
    return bool(section.get("client_id")) or auth_provider(secrets) is not None


@dataclass(frozen=True)
class AccessList:
    """Who may see what: the province's e-mails (everything) and each district's (their district only)."""
    province: frozenset[str] = frozenset()
    districts: Mapping[str, frozenset[str]] = field(default_factory=dict)  # district code → e-mails
    sheet_editors: bool = False  # also read the Huyện tab's editor e-mails

    @classmethod
    def from_secrets(cls, secrets: Mapping | None) -> "AccessList":
        """The access list from secrets.toml's [access] section (and, when asked, the sheet's editors)."""
        section = (secrets or {}).get("access")
        if not isinstance(section, Mapping):
            return cls()
        districts = section.get("districts")
        districts = districts if isinstance(districts, Mapping) else {}
        return cls(frozenset(_as_list(section.get("province"))),
                   {str(code).strip(): frozenset(_as_list(emails)) for code, emails in districts.items()},
                   bool(section.get("sheet_editors", False)))

    def with_sheet(self, districts: pd.DataFrame | None) -> "AccessList":
        """This list plus the editors the Huyện tab names for each district (when `sheet_editors` is on)."""
        if not self.sheet_editors or districts is None or "editors" not in getattr(districts, "columns", ()):
            return self
        merged = {code: set(emails) for code, emails in self.districts.items()}
        for code, cell in zip(districts["district_code"], districts["editors"]):
            if code is None or code is pd.NA:
                continue
            merged.setdefault(str(code), set()).update(split_emails(cell))
        return replace(self, districts={code: frozenset(emails) for code, emails in merged.items()})

    @property
    def empty(self) -> bool:
        """No access list: the dashboard is open (local use, the demo)."""
        return not self.province and not any(self.districts.values())


def decide(email, access: AccessList, email_verified=None) -> Viewer:
    """What a signed-in person may see. Province wins over district; an unverified e-mail is refused.

    >>> access = AccessList(frozenset({"pmc@x.vn"}), {"102": frozenset({"cl@x.vn"}), "101": frozenset({"cl@x.vn"})})
    >>> decide("PMC@x.vn", access)
    Viewer(role='province', email='pmc@x.vn', district_codes=())
    >>> decide("cl@x.vn", access)
    Viewer(role='district', email='cl@x.vn', district_codes=('101', '102'))
    >>> decide("someone@else.vn", access).role, decide("", access).role, decide("cl@x.vn", access, False).role
    ('refused', 'refused', 'refused')
    """
    address = normalise_email(email)
    if not address or "@" not in address or email_verified is False:
        return Viewer(REFUSED, address or None)
    if address in access.province:
        return Viewer(PROVINCE, address)
    codes = tuple(sorted(code for code, emails in access.districts.items() if address in emails))
    if codes:
        return Viewer(DISTRICT, address, codes)
    return Viewer(REFUSED, address)


# ---------------------------------------------------------------- what a viewer may see

def _own(table: pd.DataFrame, viewer: Viewer, column: str = "district_code") -> pd.DataFrame:
    if viewer.sees_everything or column not in table.columns:
        return table
    return table.loc[table[column].isin(viewer.district_codes)].reset_index(drop=True)


def restrict_dataset(dataset: Dataset, viewer: Viewer) -> Dataset:
    """The dataset as `viewer` may see it: other districts' points, log rows, problems and people removed.

    The district list stays whole (names, expected points, report dates), so the province
    aggregates still add up; its contact and editor columns are blanked for the other districts.
    """
    if viewer.sees_everything:
        return dataset
    districts = dataset.districts.copy()
    others = ~districts["district_code"].isin(viewer.district_codes)
    for column in PERSONAL_DISTRICT_COLUMNS:
        if column in districts.columns:
            districts.loc[others, column] = pd.NA
    own_tabs = {fold(name) for name in districts.loc[~others, "tab_name"].dropna()} if "tab_name" in districts else set()
    own_tabs |= {fold(problem.tab) for problem in dataset.problems
                 if problem.district_code in viewer.district_codes}
    summary = [row for row in dataset.summary if row.kind != schema.POINTS.key or fold(row.tab) in own_tabs]
    return replace(
        dataset,
        districts=districts,
        points=_own(dataset.points, viewer),
        training=_own(dataset.training, viewer),
        difficulties=_own(dataset.difficulties, viewer),
        problems=[problem for problem in dataset.problems if problem.district_code in viewer.district_codes],
        summary=summary,
    )


def restrict_rollout(rollout: Rollout, viewer: Viewer) -> Rollout:
    """The figures as `viewer` may see them: every aggregate kept, point-level rows of other districts removed.

    Kept: the headline, the per-district table, countdowns, reports, pace, the training curve and
    per-district training (sums over points, naming none). Cut to the viewer's districts: the
    points themselves (tables, map markers, exports), training sessions and difficulties (they
    name places and points).
    """
    if viewer.sees_everything:
        return rollout
    return replace(
        rollout,
        point_status=_own(rollout.point_status, viewer),
        sessions=_own(rollout.sessions, viewer),
        difficulties=_own(rollout.difficulties, viewer),
    )
