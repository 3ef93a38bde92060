"""The official papers of a meeting, as plain data: the giấy mời (GM), the
biên bản (BB) and the thông báo kết luận (TB) — both the render input of the
Decree 30 renderer (``DocumentSpec`` of services.documents.formats) and the
draft the documents service numbers and sends. Pure: the service gathers the
facts (``facts`` below) and stores what is rendered.

``facts``: {title, kind_label, description, starts_at, ends_at, started_at,
ended_at, place, online_url, today (date), unit {code, name, short_name, kind,
superior_name, place}, chair {full_name, position}, secretary {…} | None,
invitees [text lines], participants [rows], delegations [{member_name,
delegate_name}], agenda [{title, presenter_name, duration_minutes, conclusion,
materials [names], speakers [{full_name, seconds}], votes [{question, secret,
results}]}], opinions [{title, answered, expected, agree}], attendance {…},
quorum {…}, recipient_names [unit names]}.
"""
from __future__ import annotations

from services.common.text import fold

from .domain.participants import DELEGATE, ROLE_LABELS
from .domain.wording import clock_time, day_text, duration_text, lower_first, when_text

INVITATION_TYPE, MINUTES_TYPE, NOTICE_TYPE = "GM", "BB", "TB"
_NAMED_EVENTS = ("hop ", "hoi nghi", "hoi thao", "tap huan", "cuoc hop")

# role (directory) -> how invitation lists call its holders
_ROLE_WORDS = {"lanh_dao": "Lãnh đạo", "van_thu": "Văn thư", "chuyen_vien": "Chuyên viên", "admin": "Quản trị viên"}
_KIND_WORDS = {"MN": "trường mầm non", "TH": "trường tiểu học", "TH&THCS": "trường TH&THCS",
               "THCS": "trường THCS", "office": "phòng giáo dục và đào tạo", "committee": "ủy ban nhân dân",
               "department": "sở giáo dục và đào tạo"}
_SCHOOLS = {"MN", "TH", "TH&THCS", "THCS"}


def meeting_phrase(title: str) -> str:
    """"Họp giao ban tháng 11" → "họp giao ban tháng 11"; "Triển khai năm học" →
    "cuộc họp triển khai năm học": so sentences read naturally."""
    if fold(title).startswith(_NAMED_EVENTS):
        return lower_first(title)
    return "cuộc họp " + lower_first(title)


def invitation_summary(title: str) -> str:
    """Trích yếu of the giấy mời: "Mời dự họp giao ban …" / "Mời họp …"."""
    if fold(title).startswith(_NAMED_EVENTS):
        return "Mời dự " + lower_first(title)
    return "Mời họp " + lower_first(title)


def notice_summary(title: str, chair: dict) -> str:
    return f"Kết luận của {_chair_words(chair)} tại {meeting_phrase(title)}"


def describe_ref(ref: dict, users: dict, units: dict) -> str:
    """One line of "Thành phần" for an invitee reference (see schemas.PersonRef)."""
    role = ref.get("role") or "lanh_dao"
    if ref.get("user_id"):
        user = users.get(ref["user_id"]) or {}
        unit = units.get(user.get("unit_code") or "") or {}
        parts = [f"Đồng chí {user.get('full_name') or ref['user_id']}", user.get("position"), unit.get("name")]
        return ", ".join(p for p in parts if p)
    if ref.get("unit_code"):
        unit = units.get(ref["unit_code"]) or {"name": ref["unit_code"], "kind": ""}
        who = "Hiệu trưởng" if role == "lanh_dao" and unit.get("kind") in _SCHOOLS else _ROLE_WORDS[role]
        return f"{who} {unit['name']}"
    kinds = list(ref.get("unit_kinds") or [])
    who = "Hiệu trưởng" if role == "lanh_dao" and set(kinds) <= _SCHOOLS else _ROLE_WORDS[role]
    return f"{who} các {', '.join(_KIND_WORDS.get(k, k) for k in kinds)}"


def signer(person: dict) -> dict:
    """The chair signs; a deputy signs "KT." for the head (Decree 30)."""
    position = person.get("position") or "Chủ trì cuộc họp"
    return {"authority": "KT." if fold(position).startswith("pho ") else "", "position": position,
            "full_name": person["full_name"]}


def _chair_words(chair: dict) -> str:
    """"Phó Trưởng phòng Nguyễn Văn Hà": a title before a name keeps its capitals."""
    position = (chair.get("position") or "").strip()
    return f"{position} {chair['full_name']}" if position else f"đồng chí {chair['full_name']}"


def _header(facts: dict, type_code: str, summary: str) -> dict:
    unit = facts["unit"]
    return {"type_code": type_code, "issuing_unit": unit["name"], "superior_unit": unit.get("superior_name"),
            "unit_symbol": unit.get("short_name"), "unit_kind": unit.get("kind"), "summary": summary,
            "place": unit.get("place"), "date": facts["today"].isoformat()}


def _where(facts: dict) -> str:
    parts = []
    if facts.get("place"):
        parts.append(facts["place"])
    if facts.get("online_url"):
        parts.append(f"trực tuyến tại {facts['online_url']}")
    return "; ".join(parts)


# ---------------------------------------------------------------- giấy mời
def invitation_body(facts: dict) -> list[str]:
    lines = [f"{facts['unit']['name']} trân trọng kính mời:"]
    lines += [f"- {line};" for line in facts["invitees"][:-1]] + [f"- {line}." for line in facts["invitees"][-1:]]
    lines.append(f"Tới dự {meeting_phrase(facts['title'])} do {_chair_words(facts['chair'])} chủ trì.")
    lines.append(f"Thời gian: {when_text(facts['starts_at'], facts['ends_at'])}.")
    lines.append(f"Địa điểm: {_where(facts)}.")
    if facts.get("description"):
        lines.append(f"Nội dung: {facts['description']}")
    if facts["agenda"]:
        lines.append("Chương trình họp:")
        for i, item in enumerate(facts["agenda"], 1):
            extra = [x for x in (item.get("presenter_name"),
                                 f"{item['duration_minutes']} phút" if item.get("duration_minutes") else None) if x]
            lines.append(f"{i}. {item['title']}" + (f" ({', '.join(extra)})" if extra else "") + ".")
    if facts.get("paperless", True):
        lines.append("Cuộc họp thực hiện không giấy tờ: tài liệu được đăng tải trên Hệ thống họp điện tử; "
                     "đề nghị đại biểu nghiên cứu trước, xác nhận tham dự trên hệ thống và mang theo thiết bị "
                     "để điểm danh, biểu quyết.")
    lines.append("Trường hợp vắng mặt, đề nghị đại biểu báo lý do hoặc ủy quyền người dự thay trên hệ thống.")
    lines.append("Rất mong đại biểu tham dự đúng thời gian./.")
    return lines


def invitation_spec(facts: dict) -> dict:
    """Render input of the giấy mời (an unnumbered draft: the number comes on issue)."""
    return {**_header(facts, INVITATION_TYPE, invitation_summary(facts["title"])),
            "body": invitation_body(facts), "recipients": ["Như thành phần mời"], "signer": signer(facts["chair"])}


def invitation_draft(facts: dict, recipients: list[str]) -> dict:
    """``documents.create_draft`` input of the giấy mời."""
    return {"type_code": INVITATION_TYPE, "summary": invitation_summary(facts["title"]),
            "body": "\n".join(invitation_body(facts)), "recipients": recipients, "signer": signer(facts["chair"])}


# ---------------------------------------------------------------- biên bản
def minutes_body(facts: dict) -> list[str]:
    att, quorum = facts["attendance"], facts["quorum"]
    started = facts.get("started_at") or facts["starts_at"]
    lines = [f"Thời gian: bắt đầu lúc {clock_time(started)}, {day_text(started)}.",
             f"Địa điểm: {_where(facts)}.",
             f"Chủ trì: {_person(facts['chair'])}."]
    if facts.get("secretary"):
        lines.append(f"Thư ký: {_person(facts['secretary'])}.")

    lines.append("I. THÀNH PHẦN THAM DỰ")
    lines.append(f"Tổng số đại biểu được triệu tập: {att['expected']}; có mặt: {att['present_in_person']}; "
                 f"dự thay theo ủy quyền: {att['represented']}; vắng mặt: {att['absent']}; "
                 f"đến muộn: {att['late']}.")
    if quorum["total_seats"]:
        verdict = "đủ" if quorum["reached"] else "không đủ"
        lines.append(f"Số đại biểu có quyền biểu quyết: {quorum['total_seats']}; có mặt hoặc có người dự thay: "
                     f"{quorum['present_seats']}. Cuộc họp {verdict} số lượng đại biểu theo quy định "
                     f"({lower_first(quorum['rule_label'])}: từ {quorum['required']} đại biểu).")
    present = [p for p in facts["participants"] if p.get("checked_in_at")]
    absent = [p for p in facts["participants"] if not p.get("checked_in_at") and p["role"] != DELEGATE]
    if present:
        lines.append("Đại biểu có mặt:")
        lines += [f"- {_person(p)} ({_role_word(p)})" + (f", đến muộn {p['minutes_late']} phút" if p.get("late") else "")
                  + ";" for p in present]
    if facts["delegations"]:
        lines.append("Ủy quyền dự họp:")
        lines += [f"- {d['delegate_name']} dự thay {d['member_name']};" for d in facts["delegations"]]
    if absent:
        lines.append("Đại biểu vắng mặt:")
        lines += [f"- {_person(p)}" + (f": {p['absence']}" if p.get("absence") else "") + ";" for p in absent]

    lines.append("II. NỘI DUNG CUỘC HỌP")
    for i, item in enumerate(facts["agenda"], 1):
        lines.append(f"{i}. {item['title']}")
        if item.get("presenter_name"):
            lines.append(f"Trình bày: {item['presenter_name']}.")
        if item.get("materials"):
            lines.append(f"Tài liệu: {'; '.join(item['materials'])}.")
        if item.get("speakers"):
            spoken = "; ".join(f"{s['full_name']} ({duration_text(s['seconds'])})" for s in item["speakers"])
            lines.append(f"Ý kiến phát biểu: {spoken}.")
        for vote in item.get("votes", []):
            how = "bỏ phiếu kín" if vote["secret"] else "biểu quyết công khai"
            lines.append(f"Biểu quyết ({how}): {vote['question']} — {vote['results']['summary']}")
        if item.get("conclusion"):
            lines.append(f"Kết luận: {item['conclusion']}")
    if facts.get("opinions"):
        lines.append("III. LẤY Ý KIẾN BẰNG VĂN BẢN")
        for op in facts["opinions"]:
            lines.append(f"- {op['title']}: {op['answered']}/{op['expected']} ý kiến, {op['agree']} đồng ý;")
    ended = facts.get("ended_at")
    if ended:
        same_day = day_text(ended) == day_text(started)
        lines.append(f"Cuộc họp kết thúc lúc {clock_time(ended)}" + (" cùng ngày." if same_day else f", {day_text(ended)}."))
    lines.append("Biên bản được lập thành bản điện tử và lưu trên Hệ thống họp điện tử./.")
    return lines


def minutes_spec(facts: dict) -> dict:
    secretary = facts.get("secretary") or facts["chair"]
    return {**_header(facts, MINUTES_TYPE, _capital(meeting_phrase(facts["title"]))),
            "body": minutes_body(facts), "recipients": [],
            "signer": {"position": "Chủ trì", "full_name": facts["chair"]["full_name"]},
            "co_signer": {"position": "Thư ký", "full_name": secretary["full_name"]}}


# ---------------------------------------------------------------- thông báo kết luận
def notice_body(facts: dict) -> list[str]:
    started = facts.get("started_at") or facts["starts_at"]
    chair = _chair_words(facts["chair"])
    lines = [f"Ngày {day_text(started).split('ngày ')[-1]}, tại {_where(facts)}, {chair} chủ trì "
             f"{meeting_phrase(facts['title'])}. Tham dự có {facts['attendance']['present']} đại biểu "
             f"theo giấy mời."]
    lines.append(f"Sau khi nghe báo cáo và ý kiến của các đại biểu dự họp, {chair} kết luận như sau:")
    n = 0
    for item in facts["agenda"]:
        passed = [v for v in item.get("votes", []) if v["results"].get("passed")]
        if not item.get("conclusion") and not passed:
            continue
        n += 1
        text = item.get("conclusion") or ""
        for vote in passed:
            text += (" " if text else "") + f"Nội dung “{vote['question']}” đã được biểu quyết thông qua."
        lines.append(f"{n}. {item['title']}: {text}")
    if n == 0:
        lines.append("Cuộc họp không có kết luận cần thông báo.")
    lines.append(f"{facts['unit']['name']} thông báo để các đơn vị, cá nhân liên quan biết, thực hiện./.")
    return lines


def notice_spec(facts: dict) -> dict:
    return {**_header(facts, NOTICE_TYPE, notice_summary(facts["title"], facts["chair"])),
            "body": notice_body(facts), "recipients": facts["recipient_names"], "signer": signer(facts["chair"])}


def notice_draft(facts: dict, recipients: list[str]) -> dict:
    return {"type_code": NOTICE_TYPE, "summary": notice_summary(facts["title"], facts["chair"]),
            "body": "\n".join(notice_body(facts)), "recipients": recipients, "signer": signer(facts["chair"])}


def _person(p: dict) -> str:
    return ", ".join(x for x in (p.get("full_name"), p.get("position"), p.get("unit_name")) if x)


def _role_word(p: dict) -> str:
    return ROLE_LABELS.get(p["role"], ROLE_LABELS["member"]).lower()


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
