"""The forms the office's 2025 plan needs, installed by ``install_seed_forms``.

- ``CCHC``: a school's administrative-reform (cải cách hành chính) report, on the
  Decree 09 rhythm for such reports: quarter I, 6 months, quarter III, year (the
  6-month report replaces Q2 and the yearly one Q4).
- ``HDTHANG``: a school's monthly operations report.
"""
from __future__ import annotations

SCHOOL_KINDS = ["MN", "TH", "TH&THCS", "THCS"]


def _int(code, label, unit, required=True, **extra):
    return {"code": code, "label": label, "type": "integer", "unit": unit, "required": required, "min": 0, **extra}


CCHC = {
    "code": "CCHC",
    "title": "Báo cáo công tác cải cách hành chính",
    "description": "Báo cáo định kỳ của các trường học về kết quả thực hiện Kế hoạch cải cách hành chính, "
                   "chuyển đổi số (quý I, 6 tháng, quý III, năm).",
    "period_types": ["quarterly", "half_yearly", "yearly"],
    "longest_wins": True,
    "assigned_kinds": SCHOOL_KINDS,
    "deadline": {"day": 25, "month_offset": 0},
    "office_deadline": {"day": 31, "month_offset": 0},
    "sections": [
        {"code": "I", "title": "Công tác chỉ đạo, điều hành cải cách hành chính", "fields": [
            {"code": "plan_issued", "label": "Đã ban hành kế hoạch cải cách hành chính của đơn vị",
             "type": "yes_no", "required": True},
            _int("tasks_planned", "Số nhiệm vụ cải cách hành chính theo kế hoạch", "nhiệm vụ"),
            _int("tasks_done", "Số nhiệm vụ đã hoàn thành", "nhiệm vụ"),
            _int("self_inspections", "Số cuộc tự kiểm tra công tác cải cách hành chính", "cuộc", required=False),
        ]},
        {"code": "II", "title": "Cải cách thủ tục hành chính", "fields": [
            _int("procedures_total", "Số thủ tục hành chính thực hiện tại đơn vị", "thủ tục"),
            _int("procedures_public", "Số thủ tục hành chính được công khai", "thủ tục"),
            _int("applications_received", "Số hồ sơ thủ tục hành chính tiếp nhận", "hồ sơ"),
            _int("applications_online", "Số hồ sơ tiếp nhận trực tuyến", "hồ sơ"),
            _int("applications_on_time", "Số hồ sơ giải quyết đúng hạn", "hồ sơ"),
            _int("feedback_received", "Số phản ánh, kiến nghị của người dân, phụ huynh", "lượt",
                 required=False),
        ]},
        {"code": "III", "title": "Hiện đại hóa hành chính, chuyển đổi số", "fields": [
            _int("documents_received", "Tổng số văn bản đến", "văn bản"),
            _int("documents_on_time", "Số văn bản đến được xử lý đúng hạn", "văn bản"),
            _int("documents_overdue", "Số văn bản đến quá hạn xử lý", "văn bản"),
            _int("documents_sent", "Tổng số văn bản đi", "văn bản"),
            _int("documents_sent_electronic", "Số văn bản đi gửi bằng phương thức điện tử", "văn bản"),
            {"code": "digital_signature_rate", "label": "Tỷ lệ văn bản đi được ký số", "type": "percent",
             "required": True},
            _int("meetings_held", "Số cuộc họp đã tổ chức", "cuộc"),
            _int("meetings_paperless", "Số cuộc họp không giấy tờ", "cuộc"),
        ]},
        {"code": "IV", "title": "Xây dựng đội ngũ, bồi dưỡng kỹ năng số", "fields": [
            _int("staff_total", "Tổng số cán bộ, giáo viên, nhân viên", "người"),
            _int("staff_trained_it", "Số người được bồi dưỡng kỹ năng công nghệ thông tin, chuyển đổi số",
                 "người"),
            _int("staff_trained_ai", "Số người được bồi dưỡng về trí tuệ nhân tạo (AI)", "người"),
        ]},
        {"code": "V", "title": "Đánh giá chung", "fields": [
            {"code": "satisfaction_rate", "label": "Tỷ lệ hài lòng của người dân, phụ huynh", "type": "percent",
             "required": False},
            {"code": "self_assessment", "label": "Tự đánh giá kết quả thực hiện", "type": "select",
             "required": True, "options": [
                 {"value": "tot", "label": "Tốt"}, {"value": "kha", "label": "Khá"},
                 {"value": "trung_binh", "label": "Trung bình"}, {"value": "yeu", "label": "Yếu"}]},
            {"code": "difficulties", "label": "Khó khăn, vướng mắc", "type": "text", "required": False},
            {"code": "proposals", "label": "Đề xuất, kiến nghị", "type": "text", "required": False},
        ]},
    ],
    "rules": [
        {"expr": "tasks_done <= tasks_planned",
         "message": "Số nhiệm vụ đã hoàn thành không được vượt số nhiệm vụ theo kế hoạch."},
        {"expr": "procedures_public <= procedures_total"},
        {"expr": "applications_online <= applications_received"},
        {"expr": "applications_on_time <= applications_received"},
        {"expr": "documents_on_time + documents_overdue <= documents_received",
         "message": "Số văn bản xử lý đúng hạn cộng số văn bản quá hạn không được vượt tổng số văn bản đến."},
        {"expr": "documents_sent_electronic <= documents_sent"},
        {"expr": "meetings_paperless <= meetings_held"},
        {"expr": "staff_trained_it <= staff_total"},
        {"expr": "staff_trained_ai <= staff_total"},
    ],
}

HDTHANG = {
    "code": "HDTHANG",
    "title": "Báo cáo tình hình hoạt động tháng",
    "description": "Báo cáo hằng tháng của các trường về quy mô, đội ngũ, hoạt động và an toàn trường học.",
    "period_types": ["monthly"],
    "assigned_kinds": SCHOOL_KINDS,
    "deadline": {"day": 25, "month_offset": 0},
    "office_deadline": {"day": 28, "month_offset": 0},
    "reminder_offsets": [-3, -1, 1, 3],
    "sections": [
        {"code": "I", "title": "Quy mô trường, lớp", "fields": [
            _int("classes", "Số lớp (nhóm lớp)", "lớp"),
            _int("students", "Số học sinh (trẻ)", "học sinh"),
            _int("students_in", "Số học sinh chuyển đến trong tháng", "học sinh", required=False),
            _int("students_out", "Số học sinh chuyển đi, bỏ học trong tháng", "học sinh", required=False),
            {"code": "attendance_rate", "label": "Tỷ lệ chuyên cần", "type": "percent", "required": True},
        ]},
        {"code": "II", "title": "Đội ngũ", "fields": [
            _int("staff_total", "Tổng số cán bộ, giáo viên, nhân viên", "người"),
            _int("staff_long_leave", "Số người nghỉ dài ngày", "người", required=False),
        ]},
        {"code": "III", "title": "Hoạt động chuyên môn và an toàn trường học", "fields": [
            _int("professional_meetings", "Số buổi sinh hoạt chuyên môn", "buổi"),
            {"code": "extracurricular", "label": "Có tổ chức hoạt động ngoại khóa trong tháng", "type": "yes_no",
             "required": True},
            _int("safety_incidents", "Số vụ việc mất an toàn trường học", "vụ"),
            {"code": "last_incident_date", "label": "Ngày xảy ra vụ việc gần nhất", "type": "date",
             "required": False, "aggregation": "count"},
        ]},
        {"code": "IV", "title": "Tài chính", "fields": [
            {"code": "spending", "label": "Kinh phí đã chi trong tháng", "type": "decimal", "unit": "triệu đồng",
             "required": False, "min": 0, "decimals": 2},
        ]},
        {"code": "V", "title": "Nội dung khác", "fields": [
            {"code": "highlights", "label": "Kết quả nổi bật trong tháng", "type": "text", "required": False},
            {"code": "next_month_plan", "label": "Nhiệm vụ trọng tâm tháng tới", "type": "text",
             "required": False},
        ]},
    ],
    "rules": [
        {"expr": "students_out <= students"},
        {"expr": "staff_long_leave <= staff_total"},
    ],
}

SEED_FORMS = (CCHC, HDTHANG)
