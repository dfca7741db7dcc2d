"""The shared sheet's layout: every tab and column, defined once.

Reading, cleaning, validation messages, the empty template (`python -m lib template`) and the
reference page `docs/sheet.md` are all generated from the tables below. To add a column, add
one `Column` here; everything else follows.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from enum import Enum
from typing import TypeVar

T = TypeVar("T")


class Kind(str, Enum):
    """How a cell is read and cleaned."""

    TEXT = "text"  # free text, NFC, trimmed
    CODE = "code"  # identifier kept as text (leading zeros survive)
    COUNT = "count"  # whole number >= 0, "1.234", "1,234", "12 người"
    NUMBER = "number"  # decimal number (coordinates)
    DATE = "date"  # dd/mm/yyyy, d/m/yy, ISO, spreadsheet serial, real date cell
    YES_NO = "yes_no"  # Có/Không in the forms people type; blank = unknown
    CHOICE = "choice"  # one of `choices`, matched ignoring case and diacritics


@dataclass(frozen=True)
class Column:
    """One column of a tab: key, Vietnamese header, English label, kind, whether required, allowed values, help."""
    key: str
    header_vi: str
    label_en: str
    kind: Kind
    required: bool = False
    help_vi: str = ""
    help_en: str = ""
    choices: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # other headers people use for the same column
    width: int = 16  # template column width, in characters


@dataclass(frozen=True)
class Tab:
    """One tab of the sheet: its title, its columns in order, and the columns that identify a row."""
    key: str
    title: str  # tab name in the sheet (for district tabs: a stand-in, see `POINTS`)
    label_en: str
    help_vi: str
    help_en: str
    columns: tuple[Column, ...] = field(default_factory=tuple)
    # The columns that identify a row: a row with one of them blank is set aside.
    identity: tuple[str, ...] = ()

    def column(self, key: str) -> Column:
        """The column called `key`; KeyError for a key the tab does not have."""
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)


def per_tab(memo: dict, tab: Tab, key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()` once per tab schema object and `key`, kept in `memo` (the caller's dict) and shared:
    read the answer, never change it. Keyed by the schema's identity, as hashing a whole `Tab` costs
    more than the work saved (700 district tabs share the points schema); the schema is kept beside
    its answer, so that its id can never be another's."""
    known = memo.get((id(tab), key))
    if known is None or known[0] is not tab:
        known = memo[(id(tab), key)] = (tab, compute())
    return known[1]


POINT_TYPES = ("Trạm y tế", "Bệnh viện", "Phòng tiêm dịch vụ", "Khác")
SUPERVISION_RESULTS = ("Đạt", "Chưa đạt")
DIFFICULTY_STATUSES = ("Mới", "Đang xử lý", "Đã giải quyết")
# What a milestone's deadline is measured against; lets the sheet add milestones without code.
MILESTONE_MEASURES = ("Triển khai điểm tiêm", "Nhập trẻ", "Báo cáo huyện", "Báo cáo tỉnh", "Khác")
YES, NO = "Có", "Không"

SETTINGS = Tab(
    key="settings",
    title="Cấu hình",
    label_en="Settings",
    help_vi="Thông số chung của bảng tính, mỗi dòng một thông số.",
    help_en="General settings of the workbook, one per row.",
    columns=(
        Column("setting", "Thông số", "Setting", Kind.TEXT, required=True,
               help_vi="Tên thông số (xem danh sách bên dưới).", help_en="Setting name (see the list below).",
               width=24),
        Column("value", "Giá trị", "Value", Kind.TEXT,
               help_vi="Giá trị của thông số.", help_en="Its value.", width=30),
    ),
    identity=("setting",),
)


@dataclass(frozen=True)
class Setting:
    """One row of the settings tab (Cấu hình): its name, kind, whether required, and what the template seeds."""
    key: str
    name_vi: str  # what goes in the `Thông số` column
    label_en: str
    kind: Kind
    required: bool
    help_vi: str
    help_en: str
    seed: str | None = None  # what the template starts with, as a person would type it


# The order being carried out (the report cites it) is a setting, not a constant: each province
# (and the next roll-out) has its own. The template seeds it from the geography folder's
# `geography.json` ("order"), and leaves it blank for a province that gives none.
GEOGRAPHY_SEEDS = {"order_number": "order_number", "order_date": "order_date"}  # setting → Geography field

SETTING_ROWS = (
    Setting("province", "Tên tỉnh", "Province", Kind.TEXT, True,
            "Tên tỉnh hiển thị trên bảng điều khiển.", "Province name shown on the dashboard."),
    Setting("as_of", "Ngày số liệu", "As-of date", Kind.DATE, False,
            "Ngày chốt số liệu (dd/mm/yyyy); để trống = hôm nay.",
            "Date the figures refer to (dd/mm/yyyy); blank = today."),
    Setting("order_number", "Số công văn", "Order number", Kind.TEXT, False,
            "Số hiệu công văn giao nhiệm vụ triển khai; báo cáo trích dẫn công văn này.",
            "Number of the order being carried out; the report cites it."),
    Setting("order_date", "Ngày công văn", "Order date", Kind.DATE, False,
            "Ngày ban hành công văn (dd/mm/yyyy).", "Date of the order (dd/mm/yyyy)."),
)

MILESTONES = Tab(
    key="milestones",
    title="Mốc thời gian",
    label_en="Milestones",
    help_vi="Các mốc thời hạn của kế hoạch triển khai; thêm dòng để thêm mốc.",
    help_en="The roll-out's deadlines; add a row to add a milestone.",
    columns=(
        Column("milestone_code", "Mã mốc", "Code", Kind.CODE, required=True,
               help_vi="Mã ngắn, không trùng.", help_en="Short unique code.", width=12),
        Column("description", "Nội dung", "Description", Kind.TEXT, required=True,
               help_vi="Việc phải hoàn thành.", help_en="What must be done.", width=60),
        Column("deadline", "Hạn chót", "Deadline", Kind.DATE, required=True,
               help_vi="Ngày hết hạn (dd/mm/yyyy).", help_en="Deadline (dd/mm/yyyy).", width=14),
        Column("responsible", "Đơn vị chịu trách nhiệm", "Responsible unit", Kind.TEXT,
               help_vi="Đơn vị phải thực hiện.", help_en="Unit that must do it.", width=36),
        Column("measure", "Chỉ tiêu theo dõi", "Measured by", Kind.CHOICE, choices=MILESTONE_MEASURES,
               help_vi="Số liệu dùng để đánh giá mốc này có đạt hay không.",
               help_en="Which figures tell whether the milestone is met.", width=22),
    ),
    identity=("milestone_code",),
)

DISTRICTS = Tab(
    key="districts",
    title="Huyện",
    label_en="Districts",
    help_vi="Danh sách huyện, thị xã, thành phố; mỗi huyện có một trang tính riêng.",
    help_en="District-level units; each has its own tab.",
    columns=(
        Column("district_code", "Mã huyện", "District code", Kind.CODE, required=True,
               help_vi="Mã đơn vị hành chính cấp huyện (Tổng cục Thống kê), ba chữ số như trong danh mục.",
               help_en="Official district code (GSO), three digits as in the official list.", width=10),
        Column("district_name", "Tên huyện", "District", Kind.TEXT, required=True,
               help_vi="Tên chính thức, loại đơn vị đứng đầu (Huyện, Thị xã, Thành phố).",
               help_en="Official name, its type first (Huyện, Thị xã, Thành phố).", width=24),
        Column("tab_name", "Tên trang tính", "Tab name", Kind.TEXT, required=True,
               help_vi="Tên trang tính chứa các điểm tiêm của huyện.",
               help_en="Name of the tab that lists the district's points.", width=16),
        Column("expected_points", "Số điểm tiêm dự kiến", "Expected points", Kind.COUNT,
               help_vi="Số điểm tiêm chủng huyện phải triển khai.",
               help_en="Number of vaccination points the district must bring on.", width=12),
        Column("report_date", "Ngày nộp báo cáo", "Report received", Kind.DATE,
               help_vi="Ngày báo cáo kết quả của huyện đến TTYT dự phòng; trống = chưa nộp.",
               help_en="Date the district's report reached the PMC; blank = not yet.", width=14),
        Column("contact", "Người liên hệ", "Contact", Kind.TEXT,
               help_vi="Họ tên, điện thoại của cán bộ đầu mối.", help_en="Focal person's name and phone.",
               width=28),
        Column("editors", "Email người nhập liệu", "Editor e-mails", Kind.TEXT,
               help_vi="Các email được sửa trang của huyện, cách nhau bởi dấu phẩy.",
               help_en="E-mails allowed to edit the district's tab, comma-separated.", width=36),
    ),
    identity=("district_code", "tab_name"),
)

# One tab per district: its title is the district's `tab_name`, its columns these.
POINTS = Tab(
    key="points",
    title="<Tên huyện>",
    label_en="<District>",
    help_vi="Mỗi huyện một trang: mỗi dòng một điểm tiêm chủng.",
    help_en="One tab per district: one row per vaccination point.",
    columns=(
        Column("point_code", "Mã điểm", "Point code", Kind.CODE, required=True,
               help_vi="Mã điểm tiêm, không trùng trong toàn tỉnh.", help_en="Point code, unique in the province.",
               aliases=("Mã điểm tiêm", "Mã"), width=12),
        Column("point_name", "Tên điểm tiêm chủng", "Vaccination point", Kind.TEXT, required=True,
               help_vi="Ví dụ Trạm Y tế xã (tên xã), Bệnh viện Đa khoa tỉnh.",
               help_en="E.g. Trạm Y tế xã (the commune's name), a provincial hospital.",
               aliases=("Tên điểm tiêm", "Tên điểm"), width=36),
        Column("commune", "Xã/phường/thị trấn", "Commune", Kind.TEXT, required=True,
               help_vi="Xã, phường, thị trấn nơi đặt điểm tiêm.", help_en="Commune where the point is.",
               aliases=("Xã", "Xã phường"), width=24),
        Column("point_type", "Loại điểm", "Type", Kind.CHOICE, required=True, choices=POINT_TYPES,
               help_vi="Trạm y tế, bệnh viện, phòng tiêm dịch vụ hoặc khác.",
               help_en="Health station, hospital, private service or other.", width=18),
        Column("latitude", "Vĩ độ", "Latitude", Kind.NUMBER,
               help_vi="Không bắt buộc; trống = vẽ tại trung tâm xã.",
               help_en="Optional; blank = drawn at the commune's centre.", width=10),
        Column("longitude", "Kinh độ", "Longitude", Kind.NUMBER,
               help_vi="Không bắt buộc.", help_en="Optional.", width=10),
        Column("has_computer", "Có máy tính", "Computer", Kind.YES_NO,
               help_vi="Có/Không; trống = chưa rõ.", help_en="Yes/No; blank = unknown.",
               aliases=("Máy tính",), width=10),
        Column("has_printer", "Có máy in", "Printer", Kind.YES_NO,
               help_vi="Có/Không; trống = chưa rõ.", help_en="Yes/No; blank = unknown.",
               aliases=("Máy in",), width=10),
        Column("has_internet", "Có Internet", "Internet", Kind.YES_NO,
               help_vi="Có/Không; trống = chưa rõ.", help_en="Yes/No; blank = unknown.",
               aliases=("Kết nối Internet",), width=10),
        Column("staff", "Số cán bộ tiêm chủng", "Vaccination staff", Kind.COUNT,
               help_vi="Số cán bộ làm công tác tiêm chủng tại điểm.", help_en="Staff doing vaccination.",
               aliases=("Số cán bộ",), width=12),
        Column("trained_staff", "Số cán bộ đã tập huấn", "Staff trained", Kind.COUNT,
               help_vi="Không lớn hơn số cán bộ tiêm chủng.", help_en="At most the vaccination staff.",
               aliases=("Đã tập huấn",), width=12),
        Column("training_date", "Ngày tập huấn", "Training date", Kind.DATE,
               help_vi="Ngày cán bộ của điểm được tập huấn.", help_en="Date the point's staff were trained.",
               width=14),
        Column("proficient", "Sử dụng thành thạo", "Proficient", Kind.YES_NO,
               help_vi="Có/Không, theo kết quả giám sát.", help_en="Yes/No, from supervision.", width=12),
        Column("eligible_children", "Số trẻ thuộc đối tượng", "Eligible children", Kind.COUNT,
               help_vi="Số trẻ thuộc đối tượng tiêm chủng của điểm.", help_en="Children eligible at the point.",
               width=12),
        Column("children_entered", "Số trẻ đã nhập Hệ thống", "Children entered", Kind.COUNT,
               help_vi="Số trẻ đã được quản lý trên Hệ thống.", help_en="Children entered on the System.",
               width=12),
        Column("go_live_date", "Ngày triển khai", "Go-live date", Kind.DATE,
               help_vi="Ngày điểm bắt đầu dùng Hệ thống; trống = chưa.",
               help_en="Date the point started using the System; blank = not yet.", width=14),
        Column("supervision_date", "Ngày giám sát", "Supervision date", Kind.DATE,
               help_vi="Ngày kiểm tra, giám sát gần nhất.", help_en="Date of the last supervision visit.",
               width=14),
        Column("supervision_result", "Kết quả giám sát", "Supervision result", Kind.CHOICE,
               choices=SUPERVISION_RESULTS, help_vi="Đạt hoặc Chưa đạt.", help_en="Pass or fail.", width=12),
        Column("notes", "Ghi chú", "Notes", Kind.TEXT, help_vi="Ghi chú tự do.", help_en="Free notes.", width=36),
    ),
    identity=("point_code", "point_name"),
)

TRAINING = Tab(
    key="training",
    title="Tập huấn",
    label_en="Training",
    help_vi="Các lớp tập huấn đã tổ chức, mỗi dòng một lớp.",
    help_en="Training sessions held, one per row.",
    columns=(
        Column("session_date", "Ngày", "Date", Kind.DATE, required=True,
               help_vi="Ngày tổ chức lớp.", help_en="Date of the session.", width=14),
        Column("district", "Huyện", "District", Kind.TEXT, required=True,
               help_vi="Huyện có học viên (tên như trang Huyện).", help_en="District trained (as in Huyện).",
               width=24),
        Column("place", "Địa điểm", "Place", Kind.TEXT, help_vi="Nơi tổ chức.", help_en="Where.", width=30),
        Column("participants", "Số học viên", "Participants", Kind.COUNT,
               help_vi="Số cán bộ tham dự.", help_en="Staff who attended.", width=12),
        Column("points_covered", "Số điểm tiêm tham gia", "Points covered", Kind.COUNT,
               help_vi="Số điểm tiêm có cán bộ dự lớp.", help_en="Points whose staff attended.", width=12),
    ),
    identity=("session_date",),
)

DIFFICULTIES = Tab(
    key="difficulties",
    title="Khó khăn vướng mắc",
    label_en="Difficulties",
    help_vi="Khó khăn, vướng mắc gửi Sở Y tế qua TTYT dự phòng, mỗi dòng một việc.",
    help_en="Difficulties sent to the Department of Health through the PMC, one per row.",
    columns=(
        Column("reported_date", "Ngày", "Date", Kind.DATE, required=True,
               help_vi="Ngày phản ánh.", help_en="Date raised.", width=14),
        Column("district", "Huyện", "District", Kind.TEXT, required=True,
               help_vi="Huyện phản ánh.", help_en="District raising it.", width=24),
        Column("point", "Điểm tiêm", "Point", Kind.TEXT,
               help_vi="Điểm tiêm liên quan (nếu có).", help_en="Point concerned, if any.", width=30),
        Column("description", "Nội dung", "Description", Kind.TEXT, required=True,
               help_vi="Khó khăn, vướng mắc.", help_en="The difficulty.", width=60),
        Column("status", "Tình trạng", "Status", Kind.CHOICE, required=True, choices=DIFFICULTY_STATUSES,
               help_vi="Mới, Đang xử lý hoặc Đã giải quyết.", help_en="New, in progress or resolved.", width=14),
        Column("response", "Phản hồi", "Response", Kind.TEXT,
               help_vi="Cách giải quyết, đơn vị trả lời.", help_en="How it was answered.", width=40),
    ),
    identity=("description",),
)

# The tabs every workbook has, in sheet order; district tabs come after `DISTRICTS`.
FIXED_TABS = (SETTINGS, MILESTONES, DISTRICTS, TRAINING, DIFFICULTIES)
ALL_TABS = (SETTINGS, MILESTONES, DISTRICTS, POINTS, TRAINING, DIFFICULTIES)

# Seed rows for the template: the order's own deadlines (the order named in the settings above).
SEED_MILESTONES = (
    ("TRIEN-KHAI", "Triển khai Hệ thống đến toàn bộ điểm tiêm chủng; tất cả trẻ thuộc đối tượng "
     "được quản lý trên Hệ thống", "01/06/2017", "TTYT dự phòng, TTYT các huyện", "Triển khai điểm tiêm"),
    ("NHAP-TRE", "Tất cả trẻ em thuộc đối tượng tiêm chủng được quản lý, theo dõi trên Hệ thống",
     "01/06/2017", "Các điểm tiêm chủng", "Nhập trẻ"),
    ("BC-HUYEN", "TTYT các huyện báo cáo kết quả triển khai về TTYT dự phòng", "05/06/2017",
     "TTYT các huyện, thị xã, thành phố", "Báo cáo huyện"),
    ("BC-TINH", "TTYT dự phòng báo cáo kết quả về Cục Y tế dự phòng và Sở Y tế", "15/06/2017",
     "TTYT dự phòng", "Báo cáo tỉnh"),
)
