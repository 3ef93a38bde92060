"""Rules of official documents (Decree 30/2020/NĐ-CP; edXML status codes, QCVN 102:2016).

Pure functions and constants: no broker, no database. The service calls these.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from services.common.errors import InvalidTransition, ValidationFailed

# ---------------------------------------------------------------- document types
# Type code -> name (Decree 30, Appendix III). "CV" stands for công văn, which has
# no type code in its symbol.
CONG_VAN = "CV"
DOCUMENT_TYPES = {
    "NQ": "Nghị quyết", "QĐ": "Quyết định", "CT": "Chỉ thị", "QC": "Quy chế", "QyĐ": "Quy định",
    "TB": "Thông báo", "HD": "Hướng dẫn", "CTr": "Chương trình", "KH": "Kế hoạch", "PA": "Phương án",
    "ĐA": "Đề án", "DA": "Dự án", "BC": "Báo cáo", "BB": "Biên bản", "TTr": "Tờ trình", "HĐ": "Hợp đồng",
    "CĐ": "Công điện", "BGN": "Bản ghi nhớ", "BTT": "Bản thỏa thuận", "GUQ": "Giấy ủy quyền",
    "GM": "Giấy mời", "GGT": "Giấy giới thiệu", "GNP": "Giấy nghỉ phép", "PG": "Phiếu gửi",
    "PC": "Phiếu chuyển", "PB": "Phiếu báo", CONG_VAN: "Công văn",
}

# edXML Priority: 0 Thường, 1 Khẩn, 2 Thượng khẩn, 3 Hỏa tốc, 4 Hỏa tốc hẹn giờ
URGENCY = {0: "Thường", 1: "Khẩn", 2: "Thượng khẩn", 3: "Hỏa tốc", 4: "Hỏa tốc hẹn giờ"}
URGENT_FROM = 1
CONFIDENTIALITY = {0: "Thường", 1: "Mật", 2: "Tối mật", 3: "Tuyệt mật"}
SIGNER_AUTHORITIES = ("", "TM.", "KT.", "Q.", "TL.", "TUQ.")

# ---------------------------------------------------------------- numbering
OUTGOING = "outgoing"
OUTGOING_CONFIDENTIAL = "outgoing_confidential"
INCOMING = "incoming"


# An issue takes milliseconds; a draft still claimed after this was left by a
# process that died mid-issue.
ISSUE_CLAIM_TIMEOUT = timedelta(minutes=5)
# An issue adds its saved event to the outbox within milliseconds; one still on the
# document after this was left by a crash.
PENDING_EVENT_GRACE = timedelta(minutes=1)


def outgoing_series(confidentiality: int) -> str:
    """Confidential documents are numbered in their own series (Decree 30, art. 15)."""
    return OUTGOING_CONFIDENTIAL if confidentiality else OUTGOING


def register_key(unit_code: str, year: int, series: str) -> str:
    """One register (sổ) per unit, year and series: numbers restart every 1 January."""
    return f"{unit_code}|{year}|{series}"


def format_number(number: int) -> str:
    """Numbers below 10 carry a leading zero: 5 -> "05"."""
    if number < 1:
        raise ValueError("document numbers start at 1")
    return f"{number:02d}"


def build_symbol(number: int, type_code: str, unit_symbol: str, section: str | None = None) -> str:
    """Số, ký hiệu: ``05/KH-GDĐT``; a công văn has no type code: ``123/GDĐT-TCCB``."""
    if type_code not in DOCUMENT_TYPES:
        raise ValidationFailed("Loại văn bản không hợp lệ.", {"type_code": "unknown"})
    if type_code == CONG_VAN:
        return f"{format_number(number)}/{unit_symbol}-{section}" if section else f"{format_number(number)}/{unit_symbol}"
    return f"{format_number(number)}/{type_code}-{unit_symbol}"


# ---------------------------------------------------------------- receiving workflow
# edXML status codes a receiver reports back.
ARRIVED, REFUSED, REGISTERED, ASSIGNED, PROCESSING, COMPLETED = "01", "02", "03", "04", "05", "06"
CHANGE_REQUESTED, CHANGE_ACCEPTED, CHANGE_REFUSED = "13", "15", "16"

STATUS_LABELS = {
    ARRIVED: "Đã đến", REFUSED: "Từ chối", REGISTERED: "Đã vào sổ", ASSIGNED: "Đã phân công",
    PROCESSING: "Đang xử lý", COMPLETED: "Hoàn thành",
    CHANGE_REQUESTED: "Yêu cầu thu hồi/cập nhật", CHANGE_ACCEPTED: "Đồng ý thu hồi/cập nhật",
    CHANGE_REFUSED: "Từ chối thu hồi/cập nhật",
}

# action -> {from status: to status}
TRANSITIONS = {
    "register": {ARRIVED: REGISTERED},
    "refuse": {ARRIVED: REFUSED},
    "assign": {REGISTERED: ASSIGNED, ASSIGNED: ASSIGNED},  # a leader may re-assign
    "start": {ASSIGNED: PROCESSING},
    "complete": {ASSIGNED: COMPLETED, PROCESSING: COMPLETED},
}

ACTION_LABELS = {"register": "vào sổ", "refuse": "từ chối", "assign": "phân công",
                 "start": "bắt đầu xử lý", "complete": "hoàn thành"}


def next_status(current: str, action: str) -> str:
    """The status after ``action``, or ``InvalidTransition``."""
    allowed = TRANSITIONS.get(action)
    if allowed is None:
        raise InvalidTransition(f"Thao tác không hợp lệ: {action}.")
    if current not in allowed:
        raise InvalidTransition(
            f"Không thể {ACTION_LABELS[action]} văn bản đang ở trạng thái “{STATUS_LABELS.get(current, current)}”.",
            {"status": current})
    return allowed[current]


# ---------------------------------------------------------------- recall / update / replace
# edXML BusinessDocType
RECALL, UPDATE, REPLACE = "recall", "update", "replace"
BUSINESS_DOC_TYPE = {"new": 0, RECALL: 1, UPDATE: 2, REPLACE: 3}
CHANGE_LABELS = {RECALL: "thu hồi", UPDATE: "cập nhật", REPLACE: "thay thế"}
UPDATABLE_FIELDS = ("summary", "response_deadline", "urgency", "body")


def check_change_request(kind: str, changes: dict | None, replacement_id: str | None) -> None:
    if kind not in CHANGE_LABELS:
        raise ValidationFailed("Loại yêu cầu phải là thu hồi, cập nhật hoặc thay thế.", {"kind": "invalid"})
    if kind == UPDATE:
        if not changes:
            raise ValidationFailed("Yêu cầu cập nhật cần nội dung thay đổi.", {"changes": "required"})
        unknown = set(changes) - set(UPDATABLE_FIELDS)
        if unknown:
            raise ValidationFailed("Chỉ được cập nhật: " + ", ".join(UPDATABLE_FIELDS) + ".",
                                   {"changes": "unsupported: " + ", ".join(sorted(unknown))})
    if kind == REPLACE and not replacement_id:
        raise ValidationFailed("Yêu cầu thay thế cần văn bản thay thế.", {"replacement_id": "required"})


def can_receive_change(item_status: str, pending_change: bool) -> bool:
    """A recipient can be asked to recall/update/replace unless it refused the
    document or is already answering another request."""
    return item_status != REFUSED and not pending_change


# ---------------------------------------------------------------- deadlines
def is_overdue(status: str, deadline: datetime | None, now: datetime) -> bool:
    """Assigned or in-progress, past its processing deadline (hạn xử lý)."""
    return deadline is not None and status in (ASSIGNED, PROCESSING) and now > deadline


def completed_on_time(deadline: datetime | None, completed_at: datetime) -> bool:
    return deadline is None or completed_at <= deadline
