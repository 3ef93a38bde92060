"""Văn bản đến: inbox, dashboard, the receiving workflow, answers to recalls,
and register exports."""
from __future__ import annotations

from .. import schemas
from ..http import api
from .people import with_people

TAG = "Văn bản đến"
ITEM = "/api/v1/items/<item_id>"
OPEN = {"04", "05"}  # assigned, processing: still on the assignee's desk


class IncomingEndpoints:
    @api("GET", "/api/v1/inbox", "Hộp văn bản đến (lọc, tìm không dấu, phân trang)", tag=TAG,
         query=schemas.InboxQuery, response=schemas.ItemPage)
    def inbox(self, call):
        query = call.query.model_dump(mode="json", exclude_none=True)
        if query.get("assigned_to") == "me":
            query["assigned_to"] = call.actor["user_id"]
        return self.documents.inbox(call.actor, query)

    @api("GET", "/api/v1/inbox/counts", "Số văn bản chưa xử lý, quá hạn, sắp đến hạn", tag=TAG,
         query=schemas.CountsQuery, response=schemas.Counts)
    def counts(self, call):
        return self.documents.counts(call.actor, call.query.due_within_days)

    @api("GET", "/api/v1/dashboard", "Bảng điều khiển: số liệu, văn bản mới, việc của tôi", tag=TAG,
         response=schemas.Dashboard)
    def dashboard(self, call):
        actor = call.actor
        mine = self.documents.inbox(actor, {"assigned_to": actor["user_id"], "page_size": 50})["items"]
        return {"counts": self.documents.counts(actor),
                "latest": self.documents.inbox(actor, {"page_size": 8})["items"],
                "my_tasks": [i for i in mine if i["status"] in OPEN]}

    @api("GET", ITEM, "Chi tiết văn bản đến", tag=TAG, response=schemas.Item)
    def get_item(self, call, item_id):
        return with_people(self.directory, self.documents.get_item(call.actor, item_id))

    @api("GET", ITEM + "/attachments/<attachment_id>", "Tải tệp đính kèm (chuyển hướng tới đường dẫn có thời hạn)",
         tag=TAG, redirect=True)
    def download_item_attachment(self, call, item_id, attachment_id):
        return self.documents.attachment_url(call.actor, attachment_id, item_id=item_id)["url"]

    @api("POST", ITEM + "/register", "Vào sổ văn bản đến (văn thư)", tag=TAG, body=schemas.RegisterIn,
         response=schemas.Item, audit="item.register")
    def register(self, call, item_id):
        return with_people(self.directory, self.documents.register(call.actor, item_id, call.body.note))

    @api("POST", ITEM + "/refuse", "Từ chối nhận, trả lại văn bản (văn thư)", tag=TAG, body=schemas.RefuseIn,
         response=schemas.Item, audit="item.refuse")
    def refuse(self, call, item_id):
        return with_people(self.directory, self.documents.refuse(call.actor, item_id, call.body.reason))

    @api("POST", ITEM + "/assign", "Phân công xử lý (lãnh đạo)", tag=TAG, body=schemas.AssignIn,
         response=schemas.Item, audit="item.assign")
    def assign(self, call, item_id):
        spec = call.body.model_dump(mode="json", exclude_none=True)
        return with_people(self.directory, self.documents.assign(call.actor, item_id, spec))

    @api("POST", ITEM + "/start", "Bắt đầu xử lý (người chủ trì)", tag=TAG, response=schemas.Item,
         audit="item.start")
    def start_processing(self, call, item_id):
        return with_people(self.directory, self.documents.start_processing(call.actor, item_id))

    @api("POST", ITEM + "/complete", "Hoàn thành xử lý (người chủ trì)", tag=TAG, body=schemas.CompleteIn,
         response=schemas.Item, audit="item.complete")
    def complete(self, call, item_id):
        return with_people(self.directory, self.documents.complete(call.actor, item_id, call.body.reply_symbol, call.body.note))

    @api("POST", ITEM + "/change-answer", "Trả lời yêu cầu thu hồi/cập nhật/thay thế (văn thư)", tag=TAG,
         body=schemas.AnswerChangeIn, response=schemas.Item, audit="item.answer_change")
    def answer_change(self, call, item_id):
        return with_people(self.directory, self.documents.answer_change(call.actor, item_id, call.body.accept, call.body.note))

    @api("POST", "/api/v1/registers/export", "Xuất sổ văn bản đi/đến của năm (.docx)", tag="Sổ văn bản",
         body=schemas.ExportIn, response=schemas.ExportResult, audit="register.export")
    def export_register(self, call):
        result = self.documents.export_register(call.actor, call.body.kind, call.body.year)
        return {"url": result["url"], "name": result["file"]["name"], "size": result["file"]["size"],
                "rows": result["rows"]}

