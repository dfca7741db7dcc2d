"""Every user-facing word, in Vietnamese (first) and English, behind one function `t`.

Keys are grouped by prefix: `nav.` navigation, `side.` sidebar, `ov.` overview, `map.`, `tr.`
training, `dl.` deadlines, `dist.` district, `diff.` difficulties, `dq.` data quality, `status.`,
`problem.` cleaning messages, `col.` table headers, `cli.` command line.
"""

from __future__ import annotations

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"

# key: (Vietnamese, English). Placeholders use str.format names.
STRINGS: dict[str, tuple[str, str]] = {
    "app.title": ("Triển khai Hệ thống thông tin tiêm chủng quốc gia", "Immunization Information System roll-out"),
    "app.subtitle": ("Tỉnh {province} · số liệu đến ngày {as_of}", "{province} province · data as of {as_of}"),
    # statuses (symbols and colours in lib.theme)
    "status.good": ("Đạt", "On track"),
    "status.warn": ("Chậm", "Behind"),
    "status.bad": ("Rất chậm", "Far behind"),
    "status.unknown": ("Chưa rõ", "Unknown"),
    # point conditions
    "cond.equipped": ("Đủ máy tính, máy in, Internet", "Computer, printer and Internet"),
    "cond.trained": ("Cán bộ đã tập huấn đủ", "All staff trained"),
    "cond.live": ("Đã triển khai Hệ thống", "Live on the System"),
    "cond.children": ("Đã nhập đủ trẻ", "Children entered"),
    "cond.met": ("{n}/4 điều kiện", "{n}/4 conditions"),
    # cleaning problems: {column} is the column's header, {value} the raw cell (shortened)
    "problem.header_not_found": ("Không tìm thấy dòng tiêu đề của trang “{tab}”; {rows} dòng không được đọc.",
                                 "No header row found in tab “{tab}”; {rows} rows not read."),
    "problem.missing_column": ("Thiếu cột bắt buộc “{column}”; {rows} dòng của trang bị để riêng.",
                               "Required column “{column}” is missing; {rows} rows of this tab set aside."),
    "problem.extra_column": ("Cột “{value}” không có trong mẫu nên được bỏ qua.",
                             "Column “{value}” is not in the template and was ignored."),
    "problem.duplicate_column": ("Cột “{column}” xuất hiện hai lần; chỉ đọc cột đầu tiên.",
                                 "Column “{column}” appears twice; only the first is read."),
    "problem.missing_tab": ("Không có trang tính “{tab}” trong bảng tính.", "Tab “{tab}” is missing from the workbook."),
    "problem.extra_tab": ("Trang tính “{tab}” không thuộc mẫu nên được bỏ qua.",
                          "Tab “{tab}” is not part of the template and was ignored."),
    "problem.unlisted_district_tab": ("Trang “{tab}” có các điểm tiêm nhưng chưa có trong trang Huyện; đã đọc như huyện {district}.",
                                      "Tab “{tab}” lists points but is not in the Huyện tab; read as district {district}."),
    "problem.missing_required": ("Thiếu “{column}”: dòng này bị để riêng, không được tính.",
                                 "“{column}” is blank: this row is set aside and not counted."),
    "problem.missing_value": ("Chưa điền “{column}”.", "“{column}” is blank."),
    "problem.invalid_yes_no": ("“{value}” không phải Có/Không (ghi Có hoặc Không; để trống nếu chưa rõ).",
                               "“{value}” is not Yes/No (write Có or Không; leave blank if unknown)."),
    "problem.invalid_count": ("“{value}” không phải số nguyên (ví dụ 12 hoặc 1.234).",
                              "“{value}” is not a whole number (e.g. 12 or 1.234)."),
    "problem.negative_count": ("“{value}” là số âm; số lượng phải từ 0 trở lên.", "“{value}” is negative; counts are 0 or more."),
    "problem.count_with_text": ("“{value}” được đọc là {number}; chỉ nên ghi số.", "“{value}” was read as {number}; write the number only."),
    "problem.invalid_number": ("“{value}” không phải số.", "“{value}” is not a number."),
    "problem.invalid_date": ("“{value}” không phải ngày hợp lệ (ghi dd/mm/yyyy, ví dụ 01/06/2017).",
                             "“{value}” is not a valid date (write dd/mm/yyyy, e.g. 01/06/2017)."),
    "problem.date_out_of_window": ("Ngày “{value}” nằm ngoài khoảng hợp lý {start}–{end}; kiểm tra lại năm.",
                                   "Date “{value}” is outside the plausible window {start}–{end}; check the year."),
    "problem.invalid_choice": ("“{value}” không có trong danh sách: {choices}.", "“{value}” is not one of: {choices}."),
    "problem.trained_exceeds_staff": ("Số cán bộ đã tập huấn ({trained}) lớn hơn số cán bộ tiêm chủng ({staff}).",
                                      "Staff trained ({trained}) exceeds vaccination staff ({staff})."),
    "problem.entered_exceeds_eligible": ("Số trẻ đã nhập ({entered}) lớn hơn số trẻ thuộc đối tượng ({eligible}).",
                                         "Children entered ({entered}) exceed eligible children ({eligible})."),
    "problem.duplicate_code": ("Mã “{value}” trùng với {first}; dòng này bị để riêng.",
                               "Code “{value}” duplicates {first}; this row is set aside."),
    "problem.unknown_commune": ("Không có xã/phường/thị trấn “{value}” trong {district}.{suggestion}",
                                "No commune “{value}” in {district}.{suggestion}"),
    "problem.unknown_district": ("Không có huyện “{value}”.{suggestion}", "No district “{value}”.{suggestion}"),
    "problem.district_not_on_map": ("Mã huyện “{value}” không có trong tệp ranh giới nên không vẽ được trên bản đồ.",
                                    "District code “{value}” is not in the boundary file, so it cannot be mapped."),
    "problem.outside_province": ("Tọa độ ({lat}, {lon}) nằm ngoài tỉnh (có thể đảo vĩ độ/kinh độ); điểm được vẽ tại trung tâm xã.",
                                 "Coordinates ({lat}, {lon}) are outside the province (latitude/longitude swapped?); drawn at the commune centre."),
    "problem.incomplete_coordinates": ("Chỉ có một trong hai tọa độ; điểm được vẽ tại trung tâm xã.",
                                       "Only one of the two coordinates is given; drawn at the commune centre."),
    "problem.unknown_setting": ("Thông số “{value}” không có trong mẫu nên được bỏ qua.", "Setting “{value}” is unknown and was ignored."),
    "problem.missing_setting": ("Chưa điền thông số “{column}”.", "Setting “{column}” is not filled in."),
    "problem.suggestion": (" Có phải “{name}”?", " Did you mean “{name}”?"),
    # command line
    "cli.description": ("Đọc, kiểm tra và tạo bảng tính triển khai Hệ thống.", "Read, check and create the roll-out sheet."),
    "cli.summary": ("{source}: đọc {rows_read} dòng, dùng {rows_kept}, để riêng {rows_set_aside}; "
                    "{error} lỗi, {warning} cảnh báo, {info} thông tin.",
                    "{source}: {rows_read} rows read, {rows_kept} kept, {rows_set_aside} set aside; "
                    "{error} errors, {warning} warnings, {info} notes."),
    "cli.tab_line": ("  {tab}: đọc {rows_read}, dùng {rows_kept}, để riêng {rows_set_aside}",
                     "  {tab}: read {rows_read}, kept {rows_kept}, set aside {rows_set_aside}"),
    # severities
    "severity.error": ("Lỗi", "Error"),
    "severity.warning": ("Cảnh báo", "Warning"),
    "severity.info": ("Thông tin", "Info"),
}


def t(key: str, lang: str = DEFAULT_LANGUAGE, **params) -> str:
    """The string for `key` in `lang`, with `params` filled in; a missing key shows itself."""
    pair = STRINGS.get(key)
    if pair is None:
        return key
    text = pair[1] if lang == "en" else pair[0]
    return text.format(**params) if params else text
