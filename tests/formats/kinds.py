"""One render input per document kind, shared by the render tests."""
from __future__ import annotations

SIGNER = {"authority": "KT.", "position": "Phó Trưởng phòng", "full_name": "Nguyễn Văn Hà"}
BASE = {"superior_unit": "UBND quận Đồ Sơn", "issuing_unit": "Phòng Giáo dục và Đào tạo", "unit_symbol": "GDĐT",
        "unit_kind": "office", "place": "Đồ Sơn", "date": "2025-01-12", "section": "KHTC", "signer": SIGNER,
        "recipients": ["UBND quận (để b/c)", "Các trường MN, TH, THCS"]}

KINDS = {
    "KH": {**BASE, "type_code": "KH", "symbol": "18/KH-GDĐT", "summary": "Cải cách hành chính năm 2025",
           "body": "Thực hiện Kế hoạch số 25/KH-UBND, Phòng xây dựng kế hoạch như sau:\nI. MỤC ĐÍCH, YÊU CẦU\n"
                   + "\n".join(f"{i}. Các trường rà soát thủ tục hành chính, báo cáo kết quả đúng hạn." for i in range(1, 40)),
           "urgency": 1},
    "CV": {**BASE, "type_code": "CV", "symbol": "123/GDĐT-TCCB", "summary": "cử cán bộ dự tập huấn chuyển đổi số",
           "addressees": ["Hiệu trưởng các trường THCS"], "recipients": [],
           "body": "Phòng Giáo dục và Đào tạo đề nghị các trường cử cán bộ tham dự.\nTrân trọng./.",
           "urgency": 3, "confidentiality": 1},
    "QĐ": {**BASE, "type_code": "QĐ", "symbol": "05/QĐ-GDĐT", "summary": "Về việc thành lập Tổ kiểm tra",
           "body": "TRƯỞNG PHÒNG GIÁO DỤC VÀ ĐÀO TẠO\nCăn cứ Quyết định số 12/QĐ-UBND;\nQUYẾT ĐỊNH:\n"
                   "Điều 1. Thành lập Tổ kiểm tra.\nĐiều 2. Quyết định có hiệu lực kể từ ngày ký.",
           "signer": {"position": "Trưởng phòng", "full_name": "Trần Văn Nam"}},
    "TB": {**BASE, "type_code": "TB", "symbol": "07/TB-GDĐT", "summary": "Lịch công tác tháng 02 năm 2025",
           "body": "Phòng thông báo lịch công tác như sau.", "urgency": 2,
           "signer": {"authority": "TL.", "position": "Tổ trưởng tổ hành chính", "full_name": "Ngô Quang Dũng"}},
    "BC": {**BASE, "type_code": "BC", "symbol": "11/BC-GDĐT", "summary": "Kết quả học kỳ I năm học 2024-2025",
           "body": "Phòng báo cáo kết quả như sau.",
           "signer": {"authority": "Q.", "position": "Trưởng phòng", "full_name": "Hoàng Thu Thảo"}},
    "GM": {**BASE, "type_code": "GM", "symbol": "09/GM-GDĐT", "summary": "Dự hội nghị tổng kết năm học",
           "body": "Trân trọng kính mời Hiệu trưởng các trường.\nThời gian: 8 giờ 00, ngày 15/01/2025.\n"
                   "Địa điểm: Hội trường Phòng."},
    "BB": {**BASE, "type_code": "BB", "symbol": "02/BB-GDĐT", "summary": "Họp giao ban tháng 01 năm 2025",
           "body": "Hôm nay, vào lúc 8 giờ 00 ngày 15 tháng 01 năm 2025, tại phòng họp.", "recipients": [],
           "section": None, "signer": {"position": "Chủ trì", "full_name": "Trần Văn Nam"},
           "co_signer": {"position": "Thư ký", "full_name": "Vũ Thị Yến"}},
}
