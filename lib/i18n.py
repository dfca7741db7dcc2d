"""Every user-facing word, in Vietnamese (first) and English, behind one function `t`.

Keys are grouped by prefix: `nav.` navigation, `side.` sidebar, `ov.` overview, `map.`, `tr.`
training, `dl.` deadlines, `dist.` district, `diff.` difficulties, `dq.` data quality, `status.`,
`problem.` cleaning messages, `col.` table headers, `cli.` command line.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"

# key: (Vietnamese, English). Placeholders use str.format names.
STRINGS: dict[str, tuple[str, str]] = {
    "app.title": ("Triển khai Hệ thống thông tin tiêm chủng quốc gia", "Immunization Information System roll-out"),
    "app.subtitle": ("Tỉnh {province} · số liệu đến ngày {as_of}", "{province} province · data as of {as_of}"),
    # navigation and page titles
    "nav.overview": ("Tổng quan", "Overview"),
    "nav.map": ("Bản đồ", "Map"),
    "nav.training": ("Tập huấn", "Training"),
    "nav.deadlines": ("Thời hạn", "Deadlines"),
    "nav.district": ("Huyện", "District"),
    "nav.difficulties": ("Khó khăn", "Difficulties"),
    "nav.data_quality": ("Chất lượng dữ liệu", "Data quality"),
    # sidebar
    "side.language": ("Ngôn ngữ", "Language"),
    "side.source": ("Nguồn dữ liệu", "Data source"),
    "side.kind.demo": ("Bảng tính mẫu (demo)", "Demo workbook"),
    "side.kind.workbook": ("Tệp bảng tính", "Workbook file"),
    "side.kind.google": ("Google Sheet", "Google Sheet"),
    "side.read_at": ("Đọc lúc", "Read at"),
    "side.as_of": ("Số liệu đến ngày", "Data as of"),
    "side.as_of_today": ("hôm nay", "today"),
    "side.districts": ("Lọc theo huyện", "Filter districts"),
    "side.all_districts": ("Toàn tỉnh", "Whole province"),
    "diff.all_statuses": ("Mọi tình trạng", "Every status"),
    # overview
    "ov.points": ("Điểm tiêm chủng", "Vaccination points"),
    "ov.equipped": ("Đủ máy tính, máy in, Internet", "Computer, printer, Internet"),
    "ov.trained": ("Cán bộ đã tập huấn đủ", "All staff trained"),
    "ov.live": ("Đã triển khai Hệ thống", "Live on the System"),
    "ov.ready": ("Sẵn sàng (đủ 4 điều kiện)", "Ready (all 4 conditions)"),
    "ov.children": ("Trẻ đã nhập / thuộc đối tượng", "Children entered / eligible"),
    "ov.of_points": ("{share} số điểm", "{share} of points"),
    "ov.points_target": ("trên {target} điểm dự kiến", "of {target} expected"),
    "ov.countdowns": ("Đếm ngược đến các mốc", "Countdown to the milestones"),
    "ov.districts": ("Tiến độ theo huyện", "Progress by district"),
    "ov.blocking": ("Đang vướng ở đâu", "What is blocking us"),
    "ov.blocking_points": ("Điểm tiêm xa mức sẵn sàng nhất", "Points furthest from ready"),
    "ov.blocking_districts": ("Huyện chậm nhất", "Districts furthest behind"),
    "ov.no_points": ("Chưa có điểm tiêm nào trong số liệu.", "No vaccination points in the data yet."),
    "ov.all_ready": ("Tất cả điểm tiêm đã sẵn sàng.", "Every point is ready."),
    "ov.problems_note": ("Số liệu có {error} lỗi và {warning} cảnh báo — xem trang Chất lượng dữ liệu.",
                         "The data has {error} errors and {warning} warnings — see the Data quality page."),
    "ov.progress": ("Hoàn thành {share}", "{share} done"),
    "ov.forecast": ("Dự báo xong: {date}", "Forecast: {date}"),
    # what a composite status is made of (lib/views/meaning.py builds the sentences from the rules)
    "help.ready": ("Một điểm tiêm sẵn sàng khi đủ cả {n} điều kiện: {conditions}.",
                   "A vaccination point is ready when it meets all {n} conditions: {conditions}."),
    "help.equipped": ("có đủ máy tính, máy in và kết nối Internet", "it has a computer, a printer and Internet"),
    "help.trained": ("mọi cán bộ tiêm chủng của điểm đã được tập huấn (số đã tập huấn bằng số cán bộ)",
                     "every vaccination staff member of the point is trained (trained equals staff)"),
    "help.live": ("đã triển khai Hệ thống (có ngày triển khai, không sau ngày số liệu)",
                  "it is live on the System (a go-live date on or before the data's date)"),
    "help.children": ("đã nhập đủ trẻ: số trẻ đã nhập vào Hệ thống từ {share} số trẻ thuộc đối tượng trở lên "
                      "(ví dụ {yes} là đủ, {no} là chưa)",
                      "children entered: at least {share} of the eligible children are on the System "
                      "(e.g. {yes} counts, {no} does not)"),
    "help.district_shares": ("Mỗi cột điều kiện là tỉ lệ điểm của huyện đạt điều kiện đó; {ready}",
                             "Each condition column is the share of the district's points that meet it; {ready}"),
    "help.map_drawing": ("Đang vẽ bản đồ…", "Drawing the map…"),
    "help.ready_short": ("Sẵn sàng = đủ cả {n} điều kiện: {conditions}.", "Ready = all {n} conditions: {conditions}."),
    "help.children_short": ("từ {share} số trẻ thuộc đối tượng", "at least {share} of the eligible"),
    # map
    "map.measure": ("Tô màu huyện theo", "Colour districts by"),
    "map.selected": ("Huyện đã chọn trên bản đồ: {name}", "District selected on the map: {name}"),
    "map.click_hint": ("Bấm vào một huyện để xem chi tiết.", "Click a district to see its details."),
    "map.measure.share_ready": ("Sẵn sàng (đủ 4 điều kiện)", "Ready (all 4 conditions)"),
    "map.measure.share_equipped": ("Đủ máy tính, máy in, Internet", "Computer, printer and Internet"),
    "map.measure.share_trained": ("Cán bộ đã tập huấn đủ", "All staff trained"),
    "map.measure.share_live": ("Đã triển khai Hệ thống", "Live on the System"),
    "map.measure.share_children": ("Trẻ đã nhập / thuộc đối tượng", "Children entered / eligible"),
    "map.points_ready": ("Điểm tiêm sẵn sàng: {ready}/{total}", "Points ready: {ready}/{total}"),
    "map.no_data": ("Chưa có số liệu", "No data"),
    "map.legend.share": ("Tỷ lệ theo huyện", "Share by district"),
    "map.legend.status": ("Đánh giá", "Status"),
    "map.legend.points": ("Điểm tiêm chủng", "Vaccination points"),
    "map.staff": ("{pair} cán bộ", "{pair} staff"),
    "map.children": ("{pair} trẻ", "{pair} children"),
    "map.offshore": ("Huyện đảo, không theo tỷ lệ", "Island district, not to scale"),
    "map.offshore.more": ("… và {n} điểm khác", "… and {n} more points"),
    "map.offshore.none": ("Chưa có điểm tiêm trong số liệu", "No vaccination points in the data"),
    "map.tiles": ("Bản đồ nền OpenStreetMap (cần Internet)", "OpenStreetMap base map (needs Internet)"),
    # training
    "tr.curve": ("Số cán bộ được tập huấn (cộng dồn)", "Staff trained (cumulative)"),
    "tr.by_district": ("Tập huấn theo huyện", "Training by district"),
    "tr.sessions": ("Các lớp tập huấn đã tổ chức", "Training sessions held"),
    "tr.axis.date": ("Ngày", "Date"),
    "tr.axis.trained": ("Cán bộ đã tập huấn", "Staff trained"),
    "tr.axis.staff": ("Cán bộ tiêm chủng", "Vaccination staff"),
    "tr.axis.participants": ("Học viên", "Participants"),
    "tr.total_staff": ("Tổng số cán bộ: {n}", "Total staff: {n}"),
    "tr.undated": ("Chưa tính {n} cán bộ đã tập huấn nhưng chưa ghi ngày tập huấn",
                   "Not on the curve: {n} trained staff without a training date"),
    "tr.deadline": ("Hạn triển khai", "Go-live deadline"),
    "tr.as_of": ("Ngày số liệu", "As of"),
    "tr.part.trained": ("Đã tập huấn", "Trained"),
    "tr.part.not_trained": ("Chưa tập huấn", "Not trained"),
    "tr.share_trained": ("Tỷ lệ đã tập huấn", "Share trained"),
    "tr.share_proficient": ("Tỷ lệ điểm sử dụng thành thạo", "Share of points proficient"),
    "tr.province_wide": ("Toàn tỉnh", "Province-wide"),
    "tr.summary": ("{trained} / {staff} cán bộ đã tập huấn ({share}); {proficient} điểm sử dụng thành thạo.",
                   "{trained} of {staff} staff trained ({share}); {proficient} points proficient."),
    "tr.no_data": ("Chưa có ngày tập huấn nào trong số liệu.", "No training dates in the data yet."),
    "tr.no_sessions": ("Chưa có lớp tập huấn nào.", "No training sessions yet."),
    # deadlines
    "dl.timeline": ("Các mốc thời gian", "Milestones"),
    "dl.order": ("Các mốc theo Công văn số {number} ngày {date} của Sở Y tế.",
                 "Milestones of official letter No. {number} of {date} of the Department of Health."),
    "dl.order.undated": ("Các mốc theo Công văn số {number} của Sở Y tế.",
                         "Milestones of official letter No. {number} of the Department of Health."),
    "dl.reports": ("Báo cáo của các huyện", "District reports"),
    "dl.pace": ("Dự báo theo tốc độ hiện tại", "Forecast at the current pace"),
    "dl.pace_help": ("Tốc độ = số điểm đã triển khai ÷ số ngày từ lần tập huấn hoặc triển khai đầu tiên; "
                     "ngày dự báo là ngày tất cả điểm của huyện được triển khai nếu giữ tốc độ đó.",
                     "Pace = points live ÷ days since the first training or go-live; the forecast is when all "
                     "the district's points would be live at that pace."),
    "dl.today": ("hôm nay", "today"),
    "dl.days_left": ("còn {n} ngày", "{n} days left"),
    "dl.days_overdue": ("quá hạn {n} ngày", "{n} days overdue"),
    "dl.no_forecast": ("chưa có tiến độ", "no progress yet"),
    "dl.per_week": ("{n} điểm/tuần", "{n} points/week"),
    "dl.late": ("Trễ hạn", "Late"),
    "dl.on_time": ("Kịp hạn", "On time"),
    "dl.report.on_time": ("Đã nộp đúng hạn", "Received on time"),
    "dl.report.late": ("Nộp trễ", "Received late"),
    "dl.report.missing": ("Chưa nộp (quá hạn)", "Missing (overdue)"),
    "dl.report.pending": ("Chưa đến hạn", "Not yet due"),
    # district
    "dist.choose": ("Chọn huyện", "Choose a district"),
    "dist.points": ("Các điểm tiêm chủng", "Vaccination points"),
    "dist.problems": ("Lỗi số liệu của huyện", "The district's data problems"),
    "dist.no_points": ("Huyện này chưa có điểm tiêm nào trong bảng tính.", "This district has no points in the sheet yet."),
    "dist.no_problems": ("Không có lỗi số liệu.", "No data problems."),
    "dist.none": ("Chưa có huyện nào trong trang Huyện.", "No districts in the Huyện tab yet."),
    # difficulties
    "diff.status": ("Tình trạng", "Status"),
    "diff.status.Mới": ("Mới", "New"),
    "diff.status.Đang xử lý": ("Đang xử lý", "In progress"),
    "diff.status.Đã giải quyết": ("Đã giải quyết", "Resolved"),
    "diff.status.": ("Chưa rõ", "Unknown"),
    "diff.count": ("{shown} / {total} khó khăn", "{shown} of {total} difficulties"),
    "diff.none": ("Không có khó khăn nào phù hợp.", "No matching difficulties."),
    # data quality
    "dq.summary": ("Đọc {rows_read} dòng: dùng {rows_kept}, để riêng {rows_set_aside}.",
                   "{rows_read} rows read: {rows_kept} kept, {rows_set_aside} set aside."),
    "dq.by_district": ("Số lỗi theo huyện", "Problems per district"),
    "dq.severity": ("Mức độ", "Severity"),
    "dq.rows": ("Số dòng theo trang tính", "Rows per tab"),
    "dq.none": ("Không có lỗi nào.", "No problems."),
    # table headers
    "col.district": ("Huyện", "District"),
    "col.points": ("Số điểm", "Points"),
    "col.equipped": ("Trang bị", "Equipped"),
    "col.trained": ("Tập huấn", "Trained"),
    "col.live": ("Triển khai", "Live"),
    "col.children": ("Nhập trẻ", "Children"),
    "col.ready": ("Sẵn sàng", "Ready"),
    "col.forecast": ("Dự báo xong", "Forecast"),
    "col.report": ("Báo cáo", "Report"),
    "col.code": ("Mã", "Code"),
    "col.point": ("Điểm tiêm", "Point"),
    "col.commune": ("Xã/phường", "Commune"),
    "col.conditions": ("Điều kiện", "Conditions"),
    "col.notes": ("Ghi chú", "Notes"),
    "col.missing": ("Còn thiếu", "Missing"),
    "col.children_waiting": ("Trẻ chưa nhập", "Children not entered"),
    "col.description": ("Nội dung", "Description"),
    "col.deadline": ("Hạn chót", "Deadline"),
    "col.days": ("Thời gian", "Time"),
    "col.status": ("Tình trạng", "Status"),
    "col.responsible": ("Đơn vị", "Responsible"),
    "col.received": ("Ngày nhận", "Received"),
    "col.pace": ("Tốc độ", "Pace"),
    "col.verdict": ("Đánh giá", "Verdict"),
    "col.severity": ("Mức độ", "Severity"),
    "col.cell": ("Ô", "Cell"),
    "col.column": ("Cột", "Column"),
    "col.value": ("Giá trị đã nhập", "Value entered"),
    "col.message": ("Cần sửa", "What to fix"),
    "col.where": ("Huyện / trang", "District / tab"),
    "col.date": ("Ngày", "Date"),
    "col.response": ("Phản hồi", "Response"),
    "col.place": ("Địa điểm", "Place"),
    "col.tab": ("Trang tính", "Tab"),
    "col.rows_read": ("Đọc", "Read"),
    "col.rows_kept": ("Dùng", "Kept"),
    "col.rows_set_aside": ("Để riêng", "Set aside"),
    # statuses (symbols and colours in lib.theme)
    "status.good": ("Đúng tiến độ", "On track"),
    "status.warn": ("Chậm", "Behind"),
    "status.bad": ("Rất chậm", "Far behind"),
    "status.unknown": ("Chưa rõ", "Unknown"),
    # point conditions
    "cond.equipped": ("Đủ máy tính, máy in, Internet", "Computer, printer and Internet"),
    "cond.trained": ("Cán bộ đã tập huấn đủ", "All staff trained"),
    "cond.live": ("Đã triển khai Hệ thống", "Live on the System"),
    "cond.children": ("Đã nhập đủ trẻ", "Children entered"),
    "cond.met": ("{n}/4 điều kiện", "{n}/4 conditions"),
    "cond.capped": ("⚠ bảng tính ghi {raw}", "⚠ the sheet says {raw}"),
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
    "problem.invalid_count": ("“{value}” không phải số nguyên (ghi số, ví dụ 12).",
                              "“{value}” is not a whole number (write a number, e.g. 12)."),
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
    "problem.commune_spelling": ("“{value}” được hiểu là “{official}”; nên ghi đúng tên chính thức.",
                                 "“{value}” was read as “{official}”; please use the official spelling."),
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
    # sheets as offices shape them (lib.sheet_shape, lib.sources.file_layout)
    "problem.totals_row": ("Dòng tổng “{value}” không phải một điểm nên không được tính (bảng điều khiển tự cộng).",
                           "Totals row “{value}” is not a point and is not counted (the dashboard adds up itself)."),
    "problem.totals_mismatch": ("Dòng tổng ghi {total} nhưng các điểm bên trên cộng lại được {sum}: có thể thiếu, "
                                "trùng hoặc ghi sai một điểm. Bảng điều khiển cộng số của từng điểm.",
                                "The totals row says {total} but the points above add up to {sum}: a point may be "
                                "missing, repeated or mistyped. The dashboard adds up the points themselves."),
    "problem.repeated_header": ("Dòng tiêu đề lặp lại giữa bảng nên được bỏ qua.",
                                "The header row repeated inside the table is skipped."),
    "problem.section_row": ("Dòng tiêu đề nhóm “{value}” không phải dữ liệu nên được bỏ qua.",
                            "Section title “{value}” is not data and is skipped."),
    "problem.column_numbers_row": ("Dòng đánh số cột ({value}) không phải dữ liệu nên được bỏ qua.",
                                   "The column-numbering row ({value}) is not data and is skipped."),
    "problem.hidden_row": ("Dòng này đang bị ẩn nhưng vẫn được tính. Nếu điểm này không còn, hãy xoá hẳn dòng thay vì ẩn.",
                           "This row is hidden but still counted. If the point no longer exists, delete the row "
                           "instead of hiding it."),
    "problem.hidden_tab": ("Trang “{tab}” đang bị ẩn nhưng vẫn được đọc và tính.",
                           "Tab “{tab}” is hidden but is still read and counted."),
    "problem.unnamed_column": ("Cột này có {rows} ô có giá trị nhưng không có tiêu đề nên không được đọc; hãy ghi "
                               "tiêu đề theo mẫu hoặc chuyển số liệu sang đúng cột.",
                               "This column holds {rows} values but has no header, so it is not read; give it the "
                               "template's header or move the values to the right column."),
    "problem.missing_optional_column": ("Trang không có cột “{column}”; các ô của cột này được coi là để trống.",
                                        "The tab has no “{column}” column; its cells are read as blank."),
    "problem.formula_not_calculated": ("Ô có công thức nhưng chưa có kết quả (tệp được tạo bởi một phần mềm không tính "
                                       "công thức). Hãy mở tệp bằng Excel hoặc LibreOffice rồi lưu lại.",
                                       "The cell holds a formula with no stored result (the file was written by a tool "
                                       "that does not calculate). Open the file in Excel or LibreOffice and save it."),
    "problem.formula_error": ("Ô báo lỗi công thức {value}; sửa công thức hoặc ghi giá trị trực tiếp.",
                              "The cell shows the formula error {value}; fix the formula or type the value."),
    "problem.merged_count": ("Số liệu được gộp qua {cells} ô; số chỉ được tính một lần, ở ô đầu. Hãy bỏ gộp ô và "
                             "ghi số của từng điểm, từng cột.",
                             "This figure is merged over {cells} cells; it is counted once, in the first. Unmerge "
                             "the cells and give each point and column its own figure."),
    "problem.layout_unknown": ("Không xem được ô lỗi công thức và dòng ẩn của tệp này (.xlsb, hoặc tệp lạ), nên các ô "
                               "đó có thể bị đọc là trống. Hãy mở bằng Excel hoặc LibreOffice và lưu lại dưới dạng .xlsx.",
                               "Formula errors and hidden rows of this file cannot be seen (.xlsb, or an odd file), so "
                               "such cells may read as blank. Open it in Excel or LibreOffice and save it as .xlsx."),
    "problem.legacy_encoding": ("Chữ gõ theo bảng mã cũ {encoding} đã được đọc là “{text}”; nên gõ lại bằng Unicode.",
                                "Text typed in the old {encoding} encoding was read as “{text}”; retype it in Unicode."),
    "problem.legacy_encoding_uncertain": ("Có thể là chữ gõ theo bảng mã cũ {encoding}, đã đọc là “{text}”; hãy kiểm "
                                          "tra và gõ lại bằng Unicode.",
                                          "Possibly text in the old {encoding} encoding, read as “{text}”; check it and "
                                          "retype it in Unicode."),
    "problem.sheet_locale": ("Bảng tính đang đặt vùng “{locale}”, không phải Việt Nam: ngày gõ 05/06/2017 có thể bị lưu "
                             "thành 6 tháng 5 và 1.000 thành số 1. Cách sửa: Tệp → Cài đặt → Vùng: Việt Nam, rồi kiểm "
                             "tra lại các ngày và số đã nhập.",
                             "The spreadsheet's locale is “{locale}”, not Vietnam: 05/06/2017 may be stored as 6 May "
                             "and 1.000 as the number 1. To fix: File → Settings → Locale: Vietnam, then check the "
                             "dates and numbers already entered."),
    "problem.date_after_as_of": ("“{column}” ({value}) muộn hơn ngày số liệu {as_of}; kiểm tra ngày/tháng (có thể bị "
                                 "đảo).",
                                 "“{column}” ({value}) is after the data date {as_of}; check day and month (swapped?)."),
    "problem.go_live_before_training": ("Ngày triển khai ({value}) trước ngày tập huấn ({training}); kiểm tra lại.",
                                        "Go-live ({value}) is before training ({training}); please check."),
    "problem.percent_in_count": ("“{value}” là tỉ lệ, không phải số đếm; ghi số người hoặc số trẻ (ví dụ 12).",
                                 "“{value}” is a percentage, not a count; write the number of people or children "
                                 "(e.g. 12)."),
    "problem.decimal_count": ("“{value}” được lưu thành số thập phân, không phải số nguyên; nếu định ghi một nghìn "
                              "hai trăm ba mươi tư, ghi 1234 (không dấu chấm) hoặc đặt vùng của bảng tính là Việt Nam.",
                              "“{value}” was stored as a decimal, not a whole number; for one thousand two hundred "
                              "and thirty-four write 1234 (no dot) or set the spreadsheet's locale to Vietnam."),
    # command line
    "cli.description": ("Đọc, kiểm tra và tạo bảng tính triển khai Hệ thống.", "Read, check and create the roll-out sheet."),
    "cli.summary": ("{source}: đọc {rows_read} dòng, dùng {rows_kept}, để riêng {rows_set_aside}; "
                    "{error} lỗi, {warning} cảnh báo, {info} thông tin.",
                    "{source}: {rows_read} rows read, {rows_kept} kept, {rows_set_aside} set aside; "
                    "{error} errors, {warning} warnings, {info} notes."),
    "cli.tab_line": ("  {tab}: đọc {rows_read}, dùng {rows_kept}, để riêng {rows_set_aside}",
                     "  {tab}: read {rows_read}, kept {rows_kept}, set aside {rows_set_aside}"),
    # sources (`src.`): what failed while reading, and what to do about it
    "src.unknown_source": ("Không đọc được nguồn dữ liệu “{source}”: cần đường dẫn tới tệp bảng tính (.xlsx, .xlsm, "
                           ".xlsb, .xls, .ods), hoặc địa chỉ (hay mã) của một Google Sheet.",
                           "Cannot read the source “{source}”: expected a path to a spreadsheet file (.xlsx, .xlsm, "
                           ".xlsb, .xls, .ods), or a Google Sheet's address (or ID)."),
    "src.file.unreadable": ("Tệp “{name}” không phải bảng tính đọc được ({kind}). Hãy mở tệp bằng Excel hoặc "
                            "LibreOffice và lưu lại dưới dạng .xlsx.",
                            "“{name}” is not a readable spreadsheet ({kind}). Open it in Excel or LibreOffice and "
                            "save it again as .xlsx."),
    "src.file.missing": ("Không tìm thấy tệp “{path}”.", "File “{path}” not found."),
    "src.file.password": ("Tệp “{name}” có mật khẩu nên không đọc được. Hãy bỏ mật khẩu (Tệp → Thông tin → Bảo vệ) "
                          "rồi lưu lại.",
                          "“{name}” is password-protected and cannot be read. Remove the password and save it again."),
    "src.unexpected": ("Lỗi không mong đợi khi đọc dữ liệu ({error}); chi tiết trong nhật ký của máy chủ.",
                       "Unexpected error while reading the data ({error}); details are in the server log."),
    "src.google.not_shared": ("Google Sheet chưa được chia sẻ với tài khoản dịch vụ {email} (lỗi 403). Cách sửa: mở "
                              "bảng tính → Chia sẻ → thêm {email} với quyền Người xem.",
                              "The Google Sheet is not shared with the service account {email} (error 403). To fix: "
                              "open the sheet → Share → add {email} as Viewer."),
    "src.google.api_disabled": ("Google Sheets API chưa được bật trong dự án Google Cloud của tài khoản dịch vụ {email} "
                                "(lỗi 403). Cách sửa: trong Google Cloud Console, mở “API và dịch vụ” và bật "
                                "“Google Sheets API” cho dự án đó.",
                                "The Google Sheets API is not enabled in the Google Cloud project of the service "
                                "account {email} (error 403). To fix: in the Google Cloud console, open “APIs & "
                                "Services” and enable the “Google Sheets API” for that project."),
    "src.google.not_found": ("Không tìm thấy Google Sheet “{sheet}”: mã hoặc địa chỉ bảng tính sai, hoặc bảng tính đã bị "
                             "xóa. Cách sửa: kiểm tra địa chỉ trong DASHBOARD_SOURCE hoặc .streamlit/secrets.toml.",
                             "Google Sheet “{sheet}” was not found: the sheet's ID or address is wrong, or the sheet was "
                             "deleted. To fix: check the address in DASHBOARD_SOURCE or .streamlit/secrets.toml."),
    "src.google.quota": ("Google tạm từ chối vì bảng tính được đọc quá nhiều lần (hết hạn mức, lỗi 429). Bảng điều "
                         "khiển sẽ tự thử lại; nếu lặp lại thường xuyên, hãy tăng ttl_seconds.",
                         "Google is refusing for now because the sheet was read too often (quota exceeded, error "
                         "429). The dashboard will try again by itself; if this keeps happening, raise ttl_seconds."),
    "src.google.server": ("Máy chủ Google đang gặp lỗi ({status_text}). Bảng điều khiển sẽ tự thử lại sau ít phút.",
                          "Google's servers are failing ({status_text}). The dashboard will try again in a few "
                          "minutes."),
    "src.google.timeout": ("Google Sheets không trả lời trong {seconds} giây. Kiểm tra kết nối Internet; bảng điều "
                           "khiển sẽ tự thử lại.",
                           "Google Sheets did not answer within {seconds} seconds. Check the Internet connection; "
                           "the dashboard will try again by itself."),
    "src.google.network": ("Không kết nối được tới Google ({host}). Kiểm tra kết nối Internet của máy chủ; bảng điều "
                           "khiển sẽ tự thử lại.",
                           "Cannot connect to Google ({host}). Check the server's Internet connection; the dashboard "
                           "will try again by itself."),
    "src.google.bad_credentials": ("Khóa tài khoản dịch vụ ({origin}) không dùng được: {detail}. Cách sửa: trong Google "
                                   "Cloud, tạo khóa JSON mới cho tài khoản dịch vụ (IAM → Tài khoản dịch vụ → Khóa) "
                                   "rồi thay vào {origin}.",
                                   "The service-account key ({origin}) cannot be used: {detail}. To fix: in Google "
                                   "Cloud, create a new JSON key for the service account (IAM → Service accounts → "
                                   "Keys) and put it in {origin}."),
    "src.google.missing_tab": ("Không còn trang tính {tabs} trong Google Sheet (vừa bị đổi tên hoặc xóa?). Cách sửa: "
                               "đặt lại đúng tên trang tính như trong mẫu.",
                               "Tab {tabs} is no longer in the Google Sheet (renamed or deleted?). To fix: give the "
                               "tab back its name from the template."),
    "src.google.rejected": ("Google Sheets từ chối yêu cầu ({status_text}: {detail}).",
                            "Google Sheets refused the request ({status_text}: {detail})."),
    "src.cred.none": ("Cần khóa tài khoản dịch vụ để đọc Google Sheet “{sheet}”: đặt GOOGLE_APPLICATION_CREDENTIALS="
                      "đường/dẫn/khóa.json, hoặc lưu khóa thành credentials.json ở thư mục dự án, hoặc điền "
                      ".streamlit/secrets.toml theo tệp mẫu.",
                      "A service-account key is needed to read Google Sheet “{sheet}”: set GOOGLE_APPLICATION_"
                      "CREDENTIALS=path/to/key.json, or save the key as credentials.json in the project folder, or "
                      "fill in .streamlit/secrets.toml from its example."),
    "src.cred.no_file": ("không có tệp này", "the file does not exist"),
    "src.cred.unreadable": ("tệp không đọc được ({error})", "the file cannot be read ({error})"),
    "src.cred.missing_fields": ("thiếu trường {fields}", "the fields {fields} are missing"),
    "src.cred.bad_private_key": ("khóa riêng (private_key) không đọc được", "the private key (private_key) cannot be read"),
    "src.cred.refused": ("Google từ chối khóa ({error}); khóa có thể đã bị xóa hoặc tài khoản bị vô hiệu hóa",
                         "Google refused the key ({error}); it may have been deleted or the account disabled"),
    "src.cred.token_rejected": ("Google không chấp nhận mã truy cập của tài khoản dịch vụ (lỗi 401)",
                                "Google did not accept the service account's access token (error 401)"),
    "src.snapshot_written": ("Đã ghi {path}: {tabs} trang tính của “{source}”, đọc lúc {read_at}.",
                             "Wrote {path}: {tabs} tabs of “{source}”, read at {read_at}."),
    # live data (`live.`): freshness, refresh, failures, offline copy
    "live.age.now": ("vừa xong", "just now"),
    "live.age.seconds": ("cách đây {n} giây", "{n} seconds ago"),
    "live.age.minutes": ("cách đây {n} phút", "{n} minutes ago"),
    "live.age.hours": ("cách đây {n} giờ", "{n} hours ago"),
    "live.age.days": ("cách đây {n} ngày", "{n} days ago"),
    "live.read_at": ("{time} · {age}", "{time} · {age}"),
    "live.from_snapshot": ("bản lưu trên máy chủ", "copy saved on the server"),
    "live.snapshot_of": ("Bản lưu của {kind} “{source}”, đọc lúc {time}.", "Saved copy of {kind} “{source}”, read at {time}."),
    "live.every": ("Tự cập nhật mỗi {seconds} giây.", "Updates itself every {seconds} seconds."),
    "live.watching": ("Theo dõi thay đổi mỗi {seconds} giây; màn hình tự cập nhật.",
                      "Checks for changes every {seconds} seconds; the screen updates itself."),
    "live.updated_at": ("cập nhật lúc {time}", "updated at {time}"),
    "live.reload": ("Hiện số liệu mới", "Show the new figures"),
    "live.drive_fallback": ("Không theo dõi được thay đổi qua Google Drive ({why}), nên bảng tính được đọc lại mỗi "
                            "{seconds} giây.",
                            "Cannot follow changes through Google Drive ({why}), so the sheet is read again every "
                            "{seconds} seconds."),
    "live.drive.disabled": ("Google Drive API chưa được bật trong dự án Google Cloud của tài khoản dịch vụ",
                            "the Google Drive API is not enabled in the service account's Google Cloud project"),
    "live.drive.forbidden": ("tài khoản dịch vụ không xem được thông tin tệp trên Google Drive",
                             "the service account may not see the file's details on Google Drive"),
    "live.drive.unavailable": ("Google Drive không trả lời", "Google Drive does not answer"),
    "live.refresh": ("Làm mới", "Refresh now"),
    "live.refresh_help": ("Đọc lại nguồn dữ liệu ngay (nhiều nhất một lần mỗi {seconds} giây).",
                          "Read the source again now (at most once every {seconds} seconds)."),
    "live.refresh_wait": ("Vừa đọc xong; có thể làm mới lại sau {seconds} giây.",
                          "Just read; you can refresh again in {seconds} seconds."),
    "live.banner": ("**Không cập nhật được dữ liệu từ {source}** từ {since} ({since_age}). {message}\n\n"
                    "Số liệu đang hiển thị là bản tốt gần nhất, đọc lúc {read_at} ({age}).",
                    "**The data could not be updated from {source}** since {since} ({since_age}). {message}\n\n"
                    "The figures shown are the last good copy, read at {read_at} ({age})."),
    "live.no_data": ("**Chưa đọc được dữ liệu** và chưa có bản lưu nào để hiển thị. {message}",
                     "**No data could be read yet**, and there is no saved copy to show. {message}"),
    "live.demo_fallback": ("Chưa có khóa tài khoản dịch vụ nên đang hiển thị **bảng tính mẫu** thay cho Google Sheet "
                           "“{sheet}”. Xem mục “Connect a Google Sheet” trong README.",
                           "No service-account key was found, so the **demo workbook** is shown instead of Google "
                           "Sheet “{sheet}”. See “Connect a Google Sheet” in the README."),
    "live.download": ("Tải bản lưu (.xlsx)", "Download a copy (.xlsx)"),
    "live.download_help": ("Số liệu đang hiển thị, thành tệp .xlsx mở được bằng bảng điều khiển khi không có Internet "
                           "(DASHBOARD_SOURCE=tệp.xlsx ./run.sh).",
                           "The data shown, as an .xlsx the dashboard opens with no Internet "
                           "(DASHBOARD_SOURCE=file.xlsx ./run.sh)."),
    # severities
    "severity.error": ("Lỗi", "Error"),
    "severity.warning": ("Cảnh báo", "Warning"),
    "severity.info": ("Thông tin", "Info"),
    # meetings: take-away files (`exp.`), presentation mode (`pres.`), the official report (`rep.`)
    "exp.yes": ("Có", "Yes"),
    "exp.no": ("Không", "No"),
    "exp.total": ("Toàn tỉnh", "Province total"),
    "exp.sheet.districts": ("Theo huyện", "Districts"),
    "exp.sheet.points": ("Điểm tiêm chủng", "Vaccination points"),
    "exp.sheet.about": ("Thông tin", "About"),
    "exp.about.province": ("Tỉnh", "Province"),
    "exp.about.district": ("Huyện", "District"),
    "exp.about.as_of": ("Số liệu đến ngày", "Data as of"),
    "exp.about.note": ("Ghi chú", "Note"),
    "exp.about.note_text": ("Xuất từ bảng điều khiển triển khai Hệ thống thông tin tiêm chủng quốc gia; số liệu tính "
                            "như trên bảng điều khiển. Tỷ lệ điểm tiêm chia cho số điểm đã liệt kê hoặc số điểm dự "
                            "kiến (số lớn hơn); dòng toàn tỉnh chia cho tổng các số đó của các huyện. Số cán bộ đã "
                            "tập huấn tính không quá số cán bộ của điểm, số trẻ đã nhập không quá số trẻ thuộc đối "
                            "tượng.",
                            "Exported from the immunization information system roll-out dashboard; figures are "
                            "computed as on the dashboard. Shares of points divide by the points listed or the "
                            "points expected, whichever is larger; the province row divides by the sum of the "
                            "districts'. Staff trained count as at most the point's staff, children entered as at "
                            "most its eligible children."),
    "exp.col.district_code": ("Mã huyện", "District code"),
    "exp.col.points": ("Số điểm tiêm", "Points listed"),
    "exp.col.expected_points": ("Số điểm dự kiến", "Points expected"),
    "exp.col.points_target": ("Số điểm tính tỷ lệ", "Points the shares divide by"),
    "exp.col.points_equipped": ("Điểm đủ máy tính, máy in, Internet", "Points equipped"),
    "exp.col.share_equipped": ("Tỷ lệ đủ trang bị", "Share equipped"),
    "exp.col.staff": ("Số cán bộ tiêm chủng", "Vaccination staff"),
    "exp.col.trained_staff": ("Số cán bộ đã tập huấn", "Staff trained"),
    "exp.col.points_trained": ("Điểm có cán bộ tập huấn đủ", "Points with all staff trained"),
    "exp.col.share_trained": ("Tỷ lệ điểm tập huấn đủ", "Share of points trained"),
    "exp.col.proficient": ("Điểm sử dụng thành thạo", "Points proficient"),
    "exp.col.points_live": ("Điểm đã triển khai", "Points live"),
    "exp.col.share_live": ("Tỷ lệ đã triển khai", "Share live"),
    "exp.col.eligible_children": ("Số trẻ thuộc đối tượng", "Eligible children"),
    "exp.col.children_entered": ("Số trẻ đã nhập Hệ thống", "Children entered"),
    "exp.col.share_children": ("Tỷ lệ trẻ đã nhập", "Share of children entered"),
    "exp.col.points_ready": ("Điểm sẵn sàng (đủ 4 điều kiện)", "Points ready (all 4 conditions)"),
    "exp.col.share_ready": ("Tỷ lệ sẵn sàng", "Share ready"),
    "exp.col.forecast": ("Dự báo triển khai xong", "Forecast all live"),
    "exp.col.report": ("Báo cáo của huyện", "District report"),
    "exp.col.report_date": ("Ngày nhận báo cáo", "Report received"),
    "exp.col.conditions_met": ("Số điều kiện đạt (trên 4)", "Conditions met (of 4)"),
    "exp.summary.subtitle": ("Tỉnh {province} · tóm tắt tiến độ", "{province} province · progress summary"),
    "exp.summary.as_of": ("Số liệu đến ngày {as_of}", "Data as of {as_of}"),
    "exp.summary.legend": ("Tỷ lệ điểm tiêm theo huyện: {parts} (đúng tiến độ từ {good}, chậm từ {warn}). "
                           "Dự báo: kịp hay trễ hạn triển khai theo tốc độ hiện tại.",
                           "Share of points by district: {parts} (on track from {good}, behind from {warn}). "
                           "Forecast: on time or late for go-live at the current pace."),
    "exp.downloads": ("Tải về", "Take away"),
    "exp.png": ("Ảnh PNG", "PNG image"),
    "exp.png_help": ("Biểu đồ thành ảnh PNG, dùng cho bản trình chiếu hoặc gửi qua nhóm chat.",
                     "The chart as a PNG image, for slides or a chat group."),
    "exp.svg": ("Ảnh SVG", "SVG image"),
    "exp.svg_help": ("Biểu đồ thành ảnh vector SVG, phóng to không vỡ nét (dùng cho in ấn).",
                     "The chart as an SVG vector image that stays sharp at any size (for print)."),
    "exp.xlsx": ("Bảng số liệu (.xlsx)", "Figures (.xlsx)"),
    "exp.xlsx_help": ("Bảng theo huyện và danh sách điểm tiêm chủng thành tệp Excel đã định dạng.",
                      "The district table and the list of points as a formatted Excel file."),
    "exp.summary": ("Ảnh tóm tắt trong ngày", "Daily summary image"),
    "exp.summary_help": ("Một ảnh cỡ điện thoại (số liệu chính, đếm ngược, đèn tín hiệu các huyện) để gửi vào nhóm "
                         "chat.",
                         "One phone-sized image (headline figures, countdowns, district traffic lights) to drop into "
                         "the chat group."),
    "exp.report_province": ("Báo cáo của tỉnh (.docx)", "Province report (.docx)"),
    "exp.report_district": ("Báo cáo của huyện (.docx)", "District report (.docx)"),
    "exp.report_help": ("Báo cáo kết quả triển khai theo mẫu văn bản hành chính, số liệu như trên bảng điều khiển.",
                        "The roll-out report in the shape of an official document, with the dashboard's figures."),
    "exp.map_html": ("Bản đồ (.html)", "Map (.html)"),
    "exp.map_html_help": ("Bản đồ thành một tệp HTML mở được bằng trình duyệt, không cần Internet.",
                          "The map as one HTML file that opens in a browser with no Internet."),
    "exp.map_title": ("Bản đồ triển khai tỉnh {province} - số liệu đến ngày {as_of}",
                      "{province} roll-out map - data as of {as_of}"),
    "exp.file.tables": ("bang so lieu", "figures"),
    "exp.file.summary": ("tom tat", "summary"),
    "exp.file.report": ("bao cao trien khai", "roll-out report"),
    "exp.file.map": ("ban do", "map"),
    "pres.title": ("Trình chiếu", "Presentation"),
    "pres.slide.headline": ("Tỉnh {province}: tiến độ triển khai", "{province}: roll-out progress"),
    "pres.slide.map": ("Mức sẵn sàng theo huyện", "Readiness by district"),
    "pres.slide.since": ("Thay đổi từ buổi họp trước ({since})", "Since the last meeting ({since})"),
    "pres.since.equipped": ("Điểm đủ thiết bị", "Points equipped"),
    "pres.since.all_trained": ("Điểm tập huấn đủ", "Points all trained"),
    "pres.since.live": ("Điểm đã triển khai", "Points live"),
    "pres.since.children_entered": ("Điểm nhập đủ trẻ", "Points with children entered"),
    "pres.since.supervised": ("Điểm được giám sát", "Points supervised"),
    "pres.since.overdue": ("Báo cáo quá hạn", "Reports overdue"),
    "pres.since.changes": ("Thay đổi", "Change"),
    "pres.since.moved": ("{n} điểm tiêm có thay đổi.", "{n} points moved."),
    "pres.since.none": ("Không huyện nào có thay đổi.", "No district moved."),
    "pres.slide.training": ("Tập huấn cán bộ tiêm chủng", "Training of vaccination staff"),
    "pres.slide.deadlines": ("Thời hạn và dự báo", "Deadlines and forecast"),
    "pres.where": ("{province} · số liệu đến {as_of} · {n}/{total}", "{province} · data as of {as_of} · {n}/{total}"),
    "pres.prev": ("Trước", "Previous"),
    "pres.next": ("Tiếp", "Next"),
    "pres.pause": ("Tạm dừng", "Pause"),
    "pres.play": ("Tự chạy", "Play"),
    "pres.slide": ("Trang", "Slide"),
    "pres.interval": ("Thời gian mỗi trang", "Time per slide"),
    "pres.seconds": ("{n} giây/trang", "{n} s per slide"),
    "pres.auto": ("Thời gian còn lại đến trang tiếp ({n} giây/trang)", "Time left to the next slide ({n} s a slide)"),
    "pres.paused": ("Đang tạm dừng", "Paused"),
    "pres.exit": ("Thoát trình chiếu", "Leave presentation"),
    "pres.open_difficulties": ("Khó khăn chưa giải quyết", "Difficulties still open"),
    "rep.parent": ("Sở Y tế {province}", "{province} Department of Health"),
    "rep.pmc": ("Trung tâm Y tế dự phòng", "Preventive Medicine Center"),
    "rep.district_center": ("Trung tâm Y tế {district}", "{district} Health Center"),
    "rep.nation": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"),
    "rep.motto": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "rep.number": ("Số: ……/{symbol}", "No.: ……/{symbol}"),
    "rep.place_date": ("{place}, ngày {day} tháng {month} năm {year}", "{place}, {day}/{month}/{year}"),
    "rep.title": ("BÁO CÁO", "REPORT"),
    "rep.subtitle.province": ("Kết quả triển khai áp dụng Hệ thống quản lý thông tin tiêm chủng quốc gia "
                              "trên địa bàn tỉnh {province}",
                              "Results of the roll-out of the National Immunization Information System "
                              "in {province} province"),
    "rep.subtitle.district": ("Kết quả triển khai áp dụng Hệ thống quản lý thông tin tiêm chủng quốc gia "
                              "tại {district}",
                              "Results of the roll-out of the National Immunization Information System "
                              "in {district}"),
    "rep.as_of": ("(Số liệu đến ngày {as_of})", "(Data as of {as_of})"),
    "rep.to": ("Kính gửi:", "To:"),
    "rep.to.gdpm": ("Cục Y tế dự phòng - Bộ Y tế", "General Department of Preventive Medicine, Ministry of Health"),
    "rep.to.doh": ("Sở Y tế tỉnh {province}", "{province} Department of Health"),
    "rep.to.pmc": ("Trung tâm Y tế dự phòng tỉnh {province}", "{province} Preventive Medicine Center"),
    "rep.order": ("Công văn số {number} ngày {date} của Sở Y tế về việc triển khai áp dụng Hệ thống quản lý thông "
                  "tin tiêm chủng quốc gia",
                  "official letter No. {number} of {date} of the Department of Health on the roll-out of the "
                  "National Immunization Information System"),
    "rep.order.undated": ("Công văn số {number} của Sở Y tế về việc triển khai áp dụng Hệ thống quản lý thông tin "
                          "tiêm chủng quốc gia",
                          "official letter No. {number} of the Department of Health on the roll-out of the "
                          "National Immunization Information System"),
    "rep.intro.no_order": ("{issuer} báo cáo kết quả triển khai Hệ thống quản lý thông tin tiêm chủng quốc gia đến "
                           "ngày {as_of} như sau:",
                           "The {issuer} reports the results of the roll-out of the National Immunization "
                           "Information System as of {as_of}:"),
    "rep.intro": ("Thực hiện {order}, {issuer} báo cáo kết quả triển khai đến ngày {as_of} như sau:",
                  "Pursuant to the {order}, the {issuer} reports the results of the roll-out as of {as_of}:"),
    "rep.section.situation": ("I. TÌNH HÌNH TRIỂN KHAI", "I. THE ROLL-OUT"),
    "rep.section.results": ("II. KẾT QUẢ TRIỂN KHAI", "II. RESULTS"),
    "rep.results.overall": ("1. Kết quả chung", "1. Overall"),
    "rep.section.difficulties": ("III. KHÓ KHĂN, VƯỚNG MẮC", "III. DIFFICULTIES AND OBSTACLES"),
    "rep.section.proposals": ("IV. ĐỀ XUẤT, KIẾN NGHỊ", "IV. PROPOSALS"),
    "rep.scope.province": ("Toàn tỉnh {province}", "{province} province"),
    "rep.scope.district": ("{district}", "{district}"),
    "rep.situation.units": (" thuộc {districts} huyện, thị xã, thành phố", " in {districts} districts, towns and cities"),
    "rep.situation.points": ("{scope} có {points} điểm tiêm chủng{units} phải triển khai áp dụng Hệ thống.",
                             "{scope} has {points} vaccination points{units} that must use the System."),
    "rep.situation.training": ("Đã tổ chức {sessions} lớp tập huấn với {participants} lượt học viên; {trained}/{staff} "
                               "cán bộ tiêm chủng đã được tập huấn ({share}); {proficient} điểm tiêm chủng có cán bộ "
                               "sử dụng thành thạo Hệ thống.",
                               "{sessions} training sessions were held with {participants} participants; {trained} of "
                               "{staff} vaccination staff are trained ({share}); {proficient} vaccination points have "
                               "staff who use the System proficiently."),
    "rep.situation.reports": ("{received}/{districts} Trung tâm Y tế huyện, thị xã, thành phố đã gửi báo cáo kết quả "
                              "triển khai (hạn {deadline}).",
                              "{received} of {districts} district health centers have sent their roll-out report "
                              "(due {deadline})."),
    "rep.result.equipped": ("Số điểm tiêm chủng có đủ máy tính, máy in và kết nối Internet: {n}/{total} ({share}).",
                            "Vaccination points with a computer, a printer and Internet: {n} of {total} ({share})."),
    "rep.result.trained": ("Số điểm tiêm chủng có toàn bộ cán bộ tiêm chủng đã được tập huấn: {n}/{total} ({share}).",
                           "Vaccination points with all their staff trained: {n} of {total} ({share})."),
    "rep.result.live": ("Số điểm tiêm chủng đã triển khai áp dụng Hệ thống: {n}/{total} ({share}); hạn hoàn thành "
                        "{deadline}.",
                        "Vaccination points live on the System: {n} of {total} ({share}); deadline {deadline}."),
    "rep.result.children": ("Số trẻ thuộc đối tượng tiêm chủng đã được nhập, quản lý trên Hệ thống: {entered}/{eligible} "
                            "({share}).",
                            "Children eligible for vaccination entered and followed on the System: {entered} of "
                            "{eligible} ({share})."),
    "rep.result.ready": ("Số điểm tiêm chủng đáp ứng đủ 4 điều kiện (trang bị, tập huấn, triển khai, nhập trẻ): "
                         "{n}/{total} ({share}).",
                         "Vaccination points meeting all 4 conditions (equipment, training, go-live, children "
                         "entered): {n} of {total} ({share})."),
    "rep.result.supervised": ("Số điểm tiêm chủng đã được kiểm tra, giám sát: {n}/{total}, trong đó {passed} điểm đạt.",
                              "Vaccination points inspected and supervised: {n} of {total}, of which {passed} passed."),
    "rep.table.districts": ("2. Kết quả theo từng huyện, thị xã, thành phố", "2. Results by district"),
    "rep.table.points": ("2. Kết quả theo từng điểm tiêm chủng", "2. Results by vaccination point"),
    "rep.table.note_districts": ("Số điểm tiêm chủng: số điểm đã có trong số liệu (/ số điểm dự kiến, khi huyện chưa liệt "
                                 "kê đủ); tỷ lệ tính trên số lớn hơn, như trên bảng điều khiển.",
                                 "Vaccination points: points listed in the data (/ points expected, when a district "
                                 "has not listed them all); shares divide by the larger, as on the dashboard."),
    "rep.table.note_points": ("Số liệu theo bảng tính của huyện; “Chưa”: chưa thực hiện đến ngày số liệu.",
                              "Figures from the district's sheet; “Not yet”: not done by the as-of date."),
    "rep.col.number": ("TT", "No."),
    "rep.col.district": ("Huyện, thị xã, thành phố", "District"),
    "rep.col.points": ("Số điểm tiêm chủng", "Vaccination points"),
    "rep.col.equipped": ("Điểm đủ máy tính, máy in, Internet", "Points equipped"),
    "rep.col.trained": ("Cán bộ đã tập huấn / tổng số", "Staff trained / total"),
    "rep.col.proficient": ("Điểm sử dụng thành thạo", "Points proficient"),
    "rep.col.live": ("Điểm đã triển khai", "Points live"),
    "rep.col.children": ("Trẻ đã nhập / thuộc đối tượng", "Children entered / eligible"),
    "rep.col.supervised": ("Điểm đã giám sát", "Points supervised"),
    "rep.col.point": ("Điểm tiêm chủng", "Vaccination point"),
    "rep.col.equipped_point": ("Máy tính, máy in, Internet", "Computer, printer, Internet"),
    "rep.col.proficient_point": ("Sử dụng thành thạo", "Proficient"),
    "rep.col.live_point": ("Ngày triển khai", "Go-live date"),
    "rep.col.supervision": ("Kiểm tra, giám sát", "Supervision"),
    "rep.col.date": ("Ngày", "Date"),
    "rep.col.unit": ("Đơn vị", "Unit"),
    "rep.col.difficulty": ("Khó khăn, vướng mắc", "Difficulty"),
    "rep.col.status": ("Tình trạng", "Status"),
    "rep.col.response": ("Phản hồi, cách xử lý", "Response"),
    "rep.total": ("Tổng cộng", "Total"),
    "rep.computer": ("máy tính", "computer"),
    "rep.printer": ("máy in", "printer"),
    "rep.internet": ("Internet", "Internet"),
    "rep.enough": ("Đủ", "Complete"),
    "rep.lacking": ("Thiếu {what}", "Lacks {what}"),
    "rep.not_yet": ("Chưa", "Not yet"),
    "rep.no_difficulties": ("Chưa ghi nhận khó khăn, vướng mắc nào.", "No difficulties have been logged."),
    "rep.whole_area": ("toàn địa bàn", "the whole area"),
    "rep.addressee.province": ("Cục Y tế dự phòng và Sở Y tế", "the General Department of Preventive Medicine and "
                                                              "the Department of Health"),
    "rep.addressee.district": ("Trung tâm Y tế dự phòng", "the Preventive Medicine Center"),
    "rep.propose.difficulty": ("Đề nghị {addressee} xem xét, hỗ trợ giải quyết: {what} ({unit}).",
                               "We ask {addressee} to consider and help resolve: {what} ({unit})."),
    "rep.propose.equipment": ("Bổ sung máy tính, máy in, kết nối Internet cho {n} điểm tiêm chủng chưa đủ điều kiện "
                              "({where}).",
                              "Provide computers, printers and Internet to the {n} vaccination points that lack them "
                              "({where})."),
    "rep.propose.training": ("Tổ chức tập huấn bổ sung cho {n} cán bộ tiêm chủng chưa được tập huấn ({where}).",
                             "Hold further training for the {n} vaccination staff not yet trained ({where})."),
    "rep.propose.go_live": ("Đôn đốc {n} điểm tiêm chủng chưa triển khai hoàn thành việc áp dụng Hệ thống trước ngày "
                            "{deadline} ({where}).",
                            "Press the {n} vaccination points not yet live to go live before {deadline} ({where})."),
    "rep.propose.none": ("Không có đề xuất, kiến nghị.", "No proposals."),
    "rep.closing": ("Trên đây là báo cáo kết quả triển khai áp dụng Hệ thống quản lý thông tin tiêm chủng quốc gia "
                    "của {issuer}, kính báo cáo {addressees}./.",
                    "This is the report of the {issuer} on the roll-out of the National Immunization Information "
                    "System, respectfully submitted to {addressees}./."),
    "rep.closing.province": ("Cục Y tế dự phòng và Sở Y tế tỉnh {province}",
                             "the General Department of Preventive Medicine and the {province} Department of Health"),
    "rep.closing.district": ("Trung tâm Y tế dự phòng tỉnh {province}", "the {province} Preventive Medicine Center"),
    "rep.copies": ("Nơi nhận:", "Copies to:"),
    "rep.copy.above": ("Như trên", "As above"),
    "rep.copy.doh_leaders": ("Lãnh đạo Sở Y tế (để báo cáo)", "Department of Health leadership (for information)"),
    "rep.copy.districts": ("TTYT các huyện, thị xã, thành phố", "District health centers"),
    "rep.copy.district_office": ("Phòng Y tế {district}", "{district} Health Office"),
    "rep.copy.archive": ("Lưu: VT", "Archive"),
    "rep.signer": ("GIÁM ĐỐC", "DIRECTOR"),
    "rep.cli.written": ("Đã ghi báo cáo {path}", "Wrote the report {path}"),
    "rep.cli.unknown_district": ("Không có huyện “{name}” trong số liệu. Các huyện: {names}.",
                                 "No district “{name}” in the data. Districts: {names}."),
    # sign-in and access (lib.access decides; the adapter lays out)
    "auth.title": ("Đăng nhập để xem bảng điều khiển", "Sign in to see the dashboard"),
    "auth.intro": ("Bảng điều khiển có số liệu nội bộ của ngành y tế. Hãy đăng nhập bằng tài khoản đã được cấp quyền.",
                   "The dashboard holds the health service's internal figures. Sign in with an account that has been "
                   "given access."),
    "auth.sign_in": ("Đăng nhập", "Sign in"),
    "auth.sign_out": ("Đăng xuất", "Sign out"),
    "auth.refused_title": ("Tài khoản này chưa được cấp quyền xem", "This account has no access yet"),
    "auth.refused": ("Xin lỗi, tài khoản **{email}** chưa có trong danh sách được xem bảng điều khiển. "
                     "Nếu anh/chị cần xem, xin liên hệ Trung tâm Y tế dự phòng tỉnh để được thêm vào danh sách, "
                     "hoặc đăng nhập bằng tài khoản khác.",
                     "Sorry, the account **{email}** is not on the list of people who may see the dashboard. "
                     "If you need access, ask the provincial Preventive Medicine Center to add you, or sign in "
                     "with another account."),
    "auth.unverified": ("(địa chỉ email chưa được xác minh)", "(the e-mail address is not verified)"),
    "auth.open": ("Truy cập mở: chưa cấu hình đăng nhập, ai mở được địa chỉ này đều xem được mọi số liệu.",
                  "Open access: no sign-in is configured, so anyone who can reach this address sees everything."),
    "auth.signed_in": ("Đã đăng nhập: {email}", "Signed in: {email}"),
    "auth.role.province": ("Quyền: toàn tỉnh", "Access: whole province"),
    "auth.role.district": ("Quyền: {districts} (số liệu toàn tỉnh chỉ ở mức tổng hợp)",
                           "Access: {districts} (province figures as totals only)"),
    "sec.page_failed": ("Trang gặp lỗi không mong muốn; chi tiết đã ghi vào nhật ký máy chủ (đã ẩn khóa và mã bí mật).",
                        "The page hit an unexpected error; details are in the server log (keys and tokens hidden)."),
    # problem links (data-quality and district pages)
    "col.link": ("Sửa trên Google Sheet", "Fix in the Google Sheet"),
    "dq.open_cell": ("Mở ô ↗", "Open the cell ↗"),
    "dq.open_cell_where": ("Nút **{button}** chỉ có khi bảng điều khiển đọc một Google Sheet: bảng tính mở ra trong "
                           "thẻ mới, đúng ô cần sửa.",
                           "The **{button}** link shows only when the dashboard reads a Google Sheet: it opens the "
                           "sheet on the cell to fix, in a new tab."),
    "dq.workbook_cell": ("Số liệu đọc từ một tệp bảng tính: mở tệp đó, vào trang và ô ghi ở cột “{cell}” "
                         "(ví dụ {example} là trang {tab}, ô {local}) để sửa.",
                         "The data comes from a workbook file: open it at the tab and cell in the “{cell}” column "
                         "(e.g. {example} is tab {tab}, cell {local}) to fix it."),
    "dq.open_cell_help": ("Mở bảng tính Google ở đúng ô cần sửa (trong thẻ mới).",
                          "Opens the Google Sheet at the cell to fix (in a new tab)."),
    # init-sheet: laying the schema onto a Google Sheet
    "setup.add_tab": ("Thêm trang tính «{tab}»", "Add the tab «{tab}»"),
    "setup.headers": ("«{tab}»: ghi {n} tiêu đề cột vào hàng {row}", "«{tab}»: write {n} column headers in row {row}"),
    "setup.append_columns": ("«{tab}»: thêm cột {columns} vào cuối, từ cột {at}",
                             "«{tab}»: append the columns {columns} at the end, from column {at}"),
    "setup.seed": ("«{tab}»: ghi {n} dòng ban đầu như bảng tính mẫu", "«{tab}»: write {n} starting rows, as the template"),
    "setup.freeze": ("«{tab}»: cố định {n} hàng tiêu đề", "«{tab}»: freeze {n} header row(s)"),
    "setup.widths": ("«{tab}»: đặt độ rộng {n} cột", "«{tab}»: set the width of {n} columns"),
    "setup.formats": ("«{tab}»: định dạng số, ngày (dd/mm/yyyy), mã cho cột {columns}",
                      "«{tab}»: number, date (dd/mm/yyyy) and code formats for {columns}"),
    "setup.validation": ("«{tab}»: kiểm tra dữ liệu nhập (danh sách chọn, số nguyên ≥ 0, ngày) cho cột {columns}",
                         "«{tab}»: data validation (dropdowns, whole numbers ≥ 0, dates) for {columns}"),
    "setup.inconsistent": ("«{tab}»: tô màu dòng mâu thuẫn ({n} quy tắc: tập huấn nhiều hơn số cán bộ, "
                           "nhập nhiều trẻ hơn số đối tượng)",
                           "«{tab}»: tint inconsistent rows ({n} rules: more trained than staff, "
                           "more children entered than eligible)"),
    "setup.protect": ("«{tab}»: bảo vệ trang, chỉ những người sau được sửa: {editors}",
                      "«{tab}»: protect the tab, editable only by: {editors}"),
    "setup.protect_more": ("«{tab}»: thêm người được sửa: {editors}", "«{tab}»: add editors: {editors}"),
    "setup.locale": ("Đặt ngôn ngữ và khu vực của bảng tính thành {wanted} (đang là {locale}), để ngày gõ dạng "
                     "dd/mm/yyyy và số thập phân có dấu phẩy được hiểu đúng",
                     "Set the spreadsheet's locale to {wanted} (now {locale}), so that dates typed as dd/mm/yyyy "
                     "and decimal commas are read right"),
    "setup.protect.province": ("Trang {tab}: chỉ tuyến tỉnh được sửa", "Tab {tab}: the provincial team only"),
    "setup.protect.district": ("Trang {tab}: {district} và tuyến tỉnh được sửa",
                               "Tab {tab}: {district} and the provincial team"),
    "setup.note.bad_email": ("Bỏ qua “{entry}”: không phải địa chỉ email.", "Skipped “{entry}”: not an e-mail address."),
    "setup.note.no_district_editors": ("«{tab}»: chưa có email người nhập liệu của huyện (cột “Email người nhập "
                                       "liệu” trang Huyện, hoặc tệp --editors); tạm thời chỉ tuyến tỉnh sửa được.",
                                       "«{tab}»: no district editors yet (the Huyện tab's editors column, or "
                                       "--editors); for now only the provincial team can edit it."),
    "setup.note.unknown_header": ("«{tab}»: không nhận ra dòng tiêu đề; trang được để nguyên.",
                                  "«{tab}»: no recognisable header row; the tab is left as it is."),
    "setup.cli.dry_run": ("Chạy thử: {n} thay đổi dự kiến cho «{title}»; chưa gửi gì lên Google.",
                          "Dry run: {n} planned changes to «{title}»; nothing sent to Google."),
    "setup.cli.done": ("Đã áp dụng {n} thay đổi ({requests} yêu cầu) cho «{title}».",
                       "Applied {n} changes ({requests} requests) to «{title}»."),
    "setup.cli.nothing": ("«{title}» đã được thiết lập đầy đủ: không có gì cần thay đổi.",
                          "«{title}» is already set up: nothing to change."),
    "setup.cli.not_editor": ("Tài khoản dịch vụ {email} chưa được sửa bảng tính (lỗi 403). Cách sửa: chia sẻ bảng "
                             "tính với {email} với quyền Người chỉnh sửa rồi chạy lại lệnh.",
                             "The service account {email} may not edit the sheet (error 403). To fix: share the "
                             "sheet with {email} as Editor, then run the command again."),
    "setup.cli.editors_unreadable": ("Không đọc được tệp người nhập liệu {path}: {error}",
                                     "Cannot read the editors file {path}: {error}"),
    # A geography folder (DASHBOARD_GEOGRAPHY) that cannot serve: checked before the dashboard starts.
    "geo.error": ("Thư mục địa giới {folder} không dùng được: {reason}",
                  "The geography folder {folder} cannot be used: {reason}"),
    "geo.no_folder": ("không có thư mục này (biến DASHBOARD_GEOGRAPHY phải là đường dẫn tới một thư mục).",
                      "there is no such folder (DASHBOARD_GEOGRAPHY must be the path to a folder)."),
    "geo.missing_file": ("thiếu tệp {file}.", "the file {file} is missing."),
    "geo.unreadable_file": ("không đọc được tệp {file} ({error}).", "cannot read the file {file} ({error})."),
    "geo.missing_key": ("tệp {file} thiếu mục “{entry}”.", "{file} has no “{entry}” entry."),
    "geo.no_features": ("tệp {file} không có đơn vị nào.", "{file} holds no units."),
    "geo.no_code": ("đơn vị thứ {n} trong tệp {file} ({name}) không có mã (thuộc tính “code”).",
                    "unit {n} in {file} ({name}) has no code (property “code”)."),
    "geo.no_name": ("đơn vị mã {code} trong tệp {file} không có tên (thuộc tính “{entry}”).",
                    "unit {code} in {file} has no name (property “{entry}”)."),
    "geo.duplicate_code": ("mã {code} xuất hiện hai lần trong tệp {file}.", "the code {code} appears twice in {file}."),
    "geo.unknown_district": ("xã {commune} (mã {code}) thuộc huyện mã {district}, nhưng tệp huyện {file} không có "
                             "huyện này.",
                             "commune {commune} ({code}) belongs to district {district}, which the district file "
                             "{file} does not have."),
    "geo.outside_vietnam": ("tọa độ của {name} (mã {code}) trong tệp {file} không nằm ở Việt Nam: kinh độ {lon}, vĩ "
                            "độ {lat} (tọa độ phải là kinh độ, vĩ độ WGS 84, theo thứ tự đó).",
                            "the coordinates of {name} ({code}) in {file} are not in Viet Nam: longitude {lon}, "
                            "latitude {lat} (coordinates must be WGS 84 longitude, latitude, in that order)."),
    "geo.no_label": ("đơn vị mã {code} trong tệp {file} không có điểm đặt nhãn (thuộc tính “label_lon”, “label_lat”).",
                     "unit {code} in {file} has no label point (properties “label_lon”, “label_lat”)."),
    "geo.no_geometry": ("đơn vị mã {code} trong tệp {file} không có hình (geometry) đọc được.",
                        "unit {code} in {file} has no readable geometry."),
    "geo.bad_inset": ("mục “offshore_inset” của {file} nêu mã {code}, nhưng đó không phải một huyện được đánh dấu "
                      "ngoài khơi (offshore) trong tệp huyện.",
                      "“offshore_inset” in {file} names {code}, which is not a district marked offshore in the "
                      "district file."),
    "geo.cli.ok": ("Địa giới {folder}: tỉnh {province} (mã {code}), {districts} huyện, {communes} xã. Dùng được.",
                   "Geography {folder}: {province} province (code {code}), {districts} districts, {communes} "
                   "communes. Ready."),
    # The history (lib/history, `python -m lib history`) and progress over time (lib/metrics/progress.py).
    "hist.record_failed": ("Không ghi được lịch sử số liệu ({error}); trang vẫn hiện số liệu hiện tại. "
                           "Xem nhật ký của máy chủ.",
                           "Could not record the history of the figures ({error}); the page still shows the "
                           "current figures. See the server's log."),
    "hist.cli.recorded": ("{source}: đã ghi số liệu ngày {day} vào lịch sử.", "{source}: recorded the figures of {day}."),
    "hist.cli.replaced": ("{source}: đã thay số liệu ngày {day} bằng lần đọc mới hơn.",
                          "{source}: replaced the figures of {day} with this later read."),
    "hist.cli.unchanged": ("{source}: số liệu ngày {day} không đổi so với lần ghi trước; không ghi gì.",
                           "{source}: the figures of {day} are those already recorded; nothing recorded."),
    "hist.cli.older": ("{source}: ngày {day} đã có lần đọc muộn hơn; không ghi gì.",
                       "{source}: {day} already holds a later read; nothing recorded."),
    "hist.cli.store_failed": ("Không mở được kho lịch sử {url} ({error}). Kiểm tra DASHBOARD_HISTORY_URL.",
                              "Cannot open the history store {url} ({error}). Check DASHBOARD_HISTORY_URL."),
    "hist.cli.bad_date": ("Ngày “{value}” không đúng dạng DD/MM/YYYY (ví dụ 13/05/2017).",
                          "The date “{value}” is not DD/MM/YYYY (e.g. 13/05/2017)."),
    "hist.cli.empty": ("Chưa có lịch sử nào. Ghi bằng: python -m lib history record NGUỒN",
                       "No history yet. Record one with: python -m lib history record SOURCE"),
    "hist.cli.province": ("Toàn tỉnh", "Province"),
    "hist.cli.columns": ("Ngày|Đơn vị|Điểm|Thiết bị|Tập huấn|Triển khai|Nhập trẻ|Giám sát",
                         "Date|Unit|Points|Equipped|Trained|Live|Children|Supervised"),
    "nav.progress": ("Tiến độ theo thời gian", "Progress over time"),
    "prog.province": ("Toàn tỉnh", "Whole province"),
    "prog.unit": ("Đơn vị", "Unit"),
    "prog.history_unreadable": ("Không đọc được lịch sử số liệu; các trang khác vẫn dùng được. Xem nhật ký của máy chủ.",
                                "The history of the figures cannot be read; the other pages still work. See the "
                                "server's log."),
    "prog.no_history": ("Chưa có lịch sử số liệu của {province} đến ngày số liệu. Mỗi lần đọc bảng tính thấy số liệu "
                        "thay đổi sẽ được ghi lại; nhập các bản sao cũ bằng `python -m lib history import "
                        "bản-sao.xlsx …`.",
                        "No history of {province}'s figures up to the as-of date yet. Every read whose figures "
                        "changed is recorded; import old copies with `python -m lib history import copy.xlsx …`."),
    "prog.span": ("Lịch sử: {n} ngày đã ghi, từ {first} đến {last} ({weeks} tuần).",
                  "History: {n} recorded days, from {first} to {last} ({weeks} weeks)."),
    "prog.burn_up": ("Số điểm đạt từng điều kiện theo thời gian", "Points meeting each condition over time"),
    "prog.moves": ("Số điểm có tiến bộ mỗi tuần", "Points that moved each week"),
    "prog.no_moves": ("Cần ít nhất hai ngày đã ghi để thấy điểm nào tiến bộ.",
                      "At least two recorded days are needed to see which points moved."),
    "prog.pace": ("Tốc độ theo lịch sử và dự báo", "Pace from the history, and forecast"),
    "prog.pace_rests": ("Dự báo dựa trên {weeks} tuần lịch sử ({n} ngày đã ghi), theo hạn triển khai.",
                        "The forecast rests on {weeks} weeks of history ({n} recorded days), against the go-live "
                        "deadline."),
    "prog.pace_line": ("**{condition}**: {done}/{scope} điểm; {pace} điểm/tuần trong {weeks} tuần; {forecast}",
                       "**{condition}**: {done}/{scope} points; {pace} points a week over {weeks} weeks; {forecast}"),
    "prog.forecast_done": ("đã đạt ở mọi điểm", "met at every point"),
    "prog.forecast_none": ("chưa có tiến bộ nên chưa dự báo được", "no progress yet, so no forecast"),
    "prog.forecast_date": ("dự kiến đạt ngày {date}", "expected by {date}"),
    "prog.forecast_late": ("dự kiến đạt ngày {date}, sau hạn {deadline}", "expected by {date}, after the deadline {deadline}"),
    "prog.scope": ("Số điểm cần đạt", "Points to reach"),
    "prog.week_of": ("Tuần {date}", "Week of {date}"),
    "prog.axis.date": ("Ngày", "Date"),
    "prog.axis.points": ("Số điểm", "Points"),
    "prog.axis.week": ("Tuần (từ thứ Hai)", "Week (from Monday)"),
    "prog.axis.moved": ("Số điểm tiến bộ", "Points that moved"),
    "prog.axis.detail": ("Chi tiết", "Detail"),
    "prog.cond.supervised": ("Đã kiểm tra, giám sát", "Supervised"),
    "prog.cell.done": ("đã đạt", "met"),
    "prog.col.weeks": ("Số tuần lịch sử", "Weeks of history"),
    "dl.history_pace": ("Dự báo theo lịch sử, mọi điều kiện", "Forecast from the history, every condition"),
    "dl.history_pace_help": ("Tốc độ = (số điểm đạt điều kiện ngày ghi cuối − ngày ghi đầu) ÷ số tuần giữa hai ngày; "
                             "ngày dự kiến đạt = ngày ghi cuối + số điểm còn thiếu ÷ tốc độ. ✖: sau hạn triển khai.",
                             "Pace = (points meeting the condition on the last recorded day − on the first) ÷ the "
                             "weeks between them; expected = last recorded day + points left ÷ pace. ✖: after the "
                             "go-live deadline."),
    # "since": the change since a chosen date (lib/views/progress.py)
    "since.choose": ("So với ngày", "Compare with"),
    "since.choose_help": ("Mặc định: 7 ngày trước ngày số liệu; các ngày khác là những ngày đã ghi lịch sử.",
                          "Default: 7 days before the data's date; the other dates are the recorded days."),
    "since.compared": ("Thay đổi từ {since}: so số liệu ghi ngày {base} với ngày {current}.",
                       "Change since {since}: the figures recorded on {base} against those of {current}."),
    "since.same_day": ("Từ {since} chưa có lần ghi mới (số liệu mới nhất ghi ngày {day}).",
                       "Nothing recorded since {since} (the latest figures were recorded on {day})."),
    "since.no_history": ("Chưa có lịch sử số liệu để so với ngày {since}.", "No recorded history to compare with {since}."),
    "since.no_change": ("không thay đổi", "no change"),
    "since.card": ("{n} điểm từ {since}", "{n} points since {since}"),
    "since.column": ("Thay đổi từ {since}", "Change since {since}"),
    "since.change.equipped": ("{n} điểm đủ thiết bị", "{n} points equipped"),
    "since.change.all_trained": ("{n} điểm tập huấn đủ", "{n} points all trained"),
    "since.change.live": ("{n} điểm triển khai", "{n} points live"),
    "since.change.children_entered": ("{n} điểm nhập đủ trẻ", "{n} points with children entered"),
    "since.change.supervised": ("{n} điểm được giám sát", "{n} points supervised"),
    "since.change.overdue": ("{n} báo cáo quá hạn", "{n} reports overdue"),
    "since.moved": ("Điểm tiêm có thay đổi ({n})", "Points that moved ({n})"),
    "since.none_moved": ("Không điểm tiêm nào thay đổi.", "No point moved."),
    "since.gained": ("Đạt thêm", "Gained"),
    "since.lost": ("Không còn đạt", "Lost"),
    "since.short.equipped": ("{n} thiết bị", "{n} equipped"),
    "since.short.all_trained": ("{n} tập huấn", "{n} trained"),
    "since.short.live": ("{n} triển khai", "{n} live"),
    "since.short.children_entered": ("{n} nhập trẻ", "{n} children"),
    "since.short.supervised": ("{n} giám sát", "{n} supervised"),
    "since.short.overdue": ("{n} BC quá hạn", "{n} overdue"),
    "since.short.none": ("không đổi", "none"),
    "rep.col.change": ("Thay đổi từ {since}", "Change since {since}"),
    "rep.section.changes": ("Thay đổi so với báo cáo trước", "Changes since the previous report"),
    "rep.changes": ("So với số liệu ngày {base} (báo cáo trước, ngày {since}), đến ngày {current}: {changes}.",
                    "Against the figures of {base} (the previous report, {since}), as of {current}: {changes}."),
    "rep.changes.points": ("Có {n} điểm tiêm thay đổi; chi tiết ở cột “Thay đổi” của bảng dưới.",
                           "{n} vaccination points moved; see the “Change” column of the table below."),
    # the follow-up message to a district (lib/views/followup.py): plain text for a chat or an e-mail
    "fu.greeting": ("Kính gửi {district},", "To {district},"),
    "fu.intro": ("Tình hình triển khai Hệ thống thông tin tiêm chủng quốc gia đến ngày {as_of} ({points} điểm tiêm):",
                 "The Immunization Information System roll-out as of {as_of} ({points} vaccination points):"),
    "fu.missing": ("Còn thiếu:", "Still missing:"),
    "fu.nothing_missing": ("Các điểm tiêm đã đủ mọi điều kiện.", "Every point meets every condition."),
    "fu.no_computer": ("{n} điểm chưa có máy tính: {names}", "{n} points without a computer: {names}"),
    "fu.no_printer": ("{n} điểm chưa có máy in: {names}", "{n} points without a printer: {names}"),
    "fu.no_internet": ("{n} điểm chưa có Internet: {names}", "{n} points without Internet: {names}"),
    "fu.not_live": ("{n} điểm chưa triển khai Hệ thống: {names}", "{n} points not live on the System: {names}"),
    "fu.untrained": ("{n} cán bộ chưa được tập huấn, ở {points} điểm: {names}",
                     "{n} staff not trained, at {points} points: {names}"),
    "fu.children": ("{n} trẻ chưa nhập vào Hệ thống; {points} điểm chưa nhập đủ: {names}",
                    "{n} children not entered in the System; {points} points not complete: {names}"),
    "fu.and_more": (" và {n} điểm khác", " and {n} more"),
    "fu.changed": ("Thay đổi từ {since}: {changes}.", "Change since {since}: {changes}."),
    "fu.deadlines": ("Thời hạn:", "Deadlines:"),
    "fu.report_due": ("Báo cáo của huyện: hạn {deadline}, còn {days} ngày.",
                      "The district's report: due {deadline}, {days} days left."),
    "fu.report_overdue": ("Báo cáo của huyện: hạn {deadline}, đã quá hạn {days} ngày, chưa nhận được.",
                          "The district's report: due {deadline}, {days} days overdue, not received."),
    "fu.report_received": ("Báo cáo của huyện: {state}.", "The district's report: {state}."),
    "fu.milestone": ("{what}: hạn {deadline}, còn {days} ngày.", "{what}: due {deadline}, {days} days left."),
    "fu.cells": ("Cần sửa {n} ô trong bảng tính:", "{n} cells of the sheet to fix:"),
    "fu.more_cells": ("- và {n} ô khác (xem trang Chất lượng dữ liệu).", "- and {n} more (see the Data quality page)."),
    "fu.no_cells": ("Bảng tính của huyện không có ô nào cần sửa.", "The district's cells need no fixing."),
    "fu.closing": ("Đề nghị huyện khẩn trương hoàn thành. Trân trọng.", "Please complete these soon. Thank you."),
    "fu.title": ("Tin nhắn nhắc việc cho huyện", "Follow-up message for the district"),
    "fu.copy_hint": ("Bấm biểu tượng sao chép ở góc khung để dán vào Zalo hoặc thư điện tử.",
                     "Click the copy icon in the box's corner to paste it into a chat or an e-mail."),
    "fu.txt": ("Tin nhắn mọi huyện (.txt)", "Every district's message (.txt)"),
    "fu.docx": ("Tin nhắn mọi huyện (.docx)", "Every district's message (.docx)"),
    "fu.file": ("tin-nhan-nhac-viec", "follow-up"),
    "fu.cli.unknown_district": ("Không có huyện “{name}” trong bảng tính.", "No district “{name}” in the sheet."),
}


def t(key: str, lang: str = DEFAULT_LANGUAGE, **params) -> str:
    """The string for `key` in `lang`, with `params` filled in; a missing key shows itself."""
    pair = STRINGS.get(key)
    if pair is None:
        return key
    text = pair[1] if lang == "en" else pair[0]
    return text.format(**params) if params else text


@dataclass(frozen=True)
class Message:
    """A message as a key and its parameters, translated only when shown (`text(lang)`).

    A parameter may itself be a Message (a reason inside a failure); it is translated with it.
    Parameters are kept as a tuple of pairs so that a Message can be compared and hashed.

    >>> Message.of("problem.missing_value", column="Mã điểm").text("en")
    '“Mã điểm” is blank.'
    """

    key: str
    params: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, key: str, **params) -> "Message":
        """A Message of `key` with keyword parameters."""
        return cls(key, tuple(params.items()))

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The message in `lang`, nested messages translated too."""
        values = {name: value.text(lang) if isinstance(value, Message) else value for name, value in self.params}
        return t(self.key, lang, **values)


class Translated:
    """Something whose message is a `Message` in `text`, translated when shown."""

    text: Message

    def message(self, lang: str) -> str:
        """The message in `lang` ("vi" or "en")."""
        return self.text.text(lang)

    @property
    def message_vi(self) -> str:
        """The message in Vietnamese."""
        return self.message("vi")

    @property
    def message_en(self) -> str:
        """The message in English."""
        return self.message("en")
