// Văn bản đi: details, attachments, the per-recipient status table, history,
// and recall / update / replace for the clerk.
import { get, post } from "../api.js";
import { busy, field, fmtDate, fmtTime, h, mount, statusBadge, timeline, toast, urgencyBadge } from "../ui.js";
import { go } from "../nav.js";
import { isClerk } from "../session.js";
import { attachmentList, metaList, signerText } from "./widgets.js";

const STEPS = [["01", "Đến"], ["03", "Vào sổ"], ["04", "Phân công"], ["05", "Xử lý"], ["06", "Hoàn thành"]];
const KINDS = { recall: "Thu hồi", update: "Cập nhật", replace: "Thay thế" };

export async function render({ args }) {
  const id = args[0];
  const [doc, tracking] = await Promise.all([get(`/api/v1/documents/${id}`), get(`/api/v1/documents/${id}/tracking`)]);
  if (doc.status === "draft") return go(`/di/${id}/sua`);
  const summary = Object.entries(tracking.summary).map(([code, n]) =>
    h("span", {}, statusBadge(code === "pending" ? "" : code, code === "pending" ? "Đang gửi" : tracking.recipients.find((r) => r.status === code)?.status_label), ` ${n} `));
  mount(
    h("h1", {}, `${doc.symbol} — ${doc.type_name}`, " ", urgencyBadge(doc.urgency)),
    h("section", { class: "card" }, metaList([
      ["Trích yếu", doc.summary], ["Đơn vị ban hành", doc.unit_name], ["Ngày phát hành", fmtTime(doc.issued_at)],
      ["Người ký", signerText(doc.signer)], ["Độ khẩn", doc.urgency_label], ["Hạn trả lời", doc.response_deadline ? fmtDate(doc.response_deadline) : null],
      ["Nơi nhận", doc.recipient_names.join("; ")]]),
    doc.body ? h("p", { class: "body-text" }, doc.body) : null,
    h("h2", {}, "Tệp đính kèm"),
    attachmentList(doc.attachments, (a) => `/api/v1/documents/${id}/attachments/${a.attachment_id}`),
    renderButton(id)),
    h("section", { class: "card" }, h("h2", {}, "Tình hình xử lý tại nơi nhận"), h("p", {}, summary),
      h("div", { class: "table-wrap" }, trackingTable(tracking.recipients))),
    isClerk() ? changeForm(id) : null,
    doc.change_requests.length ? h("section", { class: "card" }, h("h2", {}, "Yêu cầu thu hồi / cập nhật"),
      h("ul", {}, doc.change_requests.map((r) => h("li", {}, `${fmtTime(r.requested_at)} · ${KINDS[r.kind]}: ${r.reason}`)))) : null,
    h("section", { class: "card" }, h("h2", {}, "Lịch sử"), timeline(doc.history, doc.people)));
}

// The Decree 30 layout of the document as .docx, made on demand.
export function renderButton(documentId, attach = false) {
  const out = h("span", {});
  const button = h("button", { type: "button" }, attach ? "Tạo và đính kèm bản .docx" : "Tạo bản .docx");
  button.addEventListener("click", () => busy(button, async () => {
    const result = await post(`/api/v1/documents/${documentId}/render`, { attach });
    out.replaceChildren(" ", h("a", { href: result.url, download: result.name }, `Tải ${result.name}`));
  }));
  return h("div", { class: "actions" }, button, out);
}

function trackingTable(rows) {
  return h("table", { id: "tracking" },
    h("thead", {}, h("tr", {}, h("th", {}, "Nơi nhận"), h("th", {}, "Trạng thái"), STEPS.map(([, label]) => h("th", {}, label)), h("th", {}, "Ghi chú"))),
    h("tbody", {}, rows.map((row) => h("tr", { dataset: { unit: row.unit_code } },
      h("td", {}, row.unit_name || row.unit_code, row.via === "edxml" ? h("div", { class: "muted" }, "Ngoài hệ thống (edXML)") : null),
      h("td", { class: "status" }, statusBadge(row.status, row.status_label), row.overdue ? h("span", { class: "badge late" }, " Quá hạn") : null,
        row.change ? h("div", {}, statusBadge(row.change.status, { 13: "Chờ trả lời thu hồi", 15: "Đồng ý thu hồi", 16: "Từ chối thu hồi" }[row.change.status])) : null),
      STEPS.map(([code]) => h("td", { class: "muted" }, row.steps[code] ? fmtTime(row.steps[code]) : "")),
      h("td", {}, row.refusal_reason || row.reply_symbol || row.change?.note || row.note || "")))));
}

function changeForm(documentId) {
  const kind = h("select", { name: "kind" }, Object.entries(KINDS).map(([v, label]) => h("option", { value: v }, label)));
  const reason = h("textarea", { name: "reason", rows: 2 });
  const newSummary = h("input", { type: "text", name: "changes", placeholder: "Trích yếu mới (nếu cập nhật)" });
  const newDeadline = h("input", { type: "date", "aria-label": "Hạn trả lời mới" });
  const replacement = h("input", { type: "text", name: "replacement_id", placeholder: "Mã văn bản thay thế" });
  const button = h("button", { type: "button", class: "danger" }, "Gửi yêu cầu");
  const form = h("form", { class: "card", novalidate: true }, h("h2", {}, "Thu hồi, cập nhật hoặc thay thế"),
    h("div", { class: "row" }, field("Loại yêu cầu", kind), field("Lý do", reason)),
    h("div", { class: "row" }, field("Trích yếu mới", newSummary), field("Hạn trả lời mới", newDeadline), field("Văn bản thay thế", replacement)),
    h("div", { class: "actions" }, button));
  button.addEventListener("click", () => busy(button, async () => {
    const changes = {};
    if (newSummary.value.trim()) changes.summary = newSummary.value.trim();
    if (newDeadline.value) changes.response_deadline = newDeadline.value;
    const result = await post(`/api/v1/documents/${documentId}/change-requests`, {
      kind: kind.value, reason: reason.value, changes: kind.value === "update" ? changes : null,
      replacement_id: kind.value === "replace" ? replacement.value.trim() || null : null });
    toast(`Đã gửi yêu cầu tới ${result.recipients.length} nơi nhận.`);
    go(`/di/${documentId}`);
  }, form));
  return form;
}
