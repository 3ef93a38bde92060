// Văn bản đến: details, attachments, history, and the next step the signed-in
// person may take (register / refuse, assign, start, complete, answer a recall).
import { get, post } from "../api.js";
import { busy, field, inputDate, fmtDate, fmtTime, h, mount, statusBadge, timeline, toast, urgencyBadge } from "../ui.js";
import { go } from "../nav.js";
import { isClerk, isLeader, myId } from "../session.js";
import { attachmentList, metaList, signerText } from "./widgets.js";

export async function render({ args }) {
  const id = args[0];
  const item = await get(`/api/v1/items/${id}`);
  const people = item.people;
  const a = item.assignment;
  mount(
    h("h1", {}, `${item.symbol} — ${item.type_name}`, " ", urgencyBadge(item.urgency), " ",
      statusBadge(item.status, item.status_label), item.overdue ? h("span", { class: "badge late" }, " Quá hạn") : null),
    !item.active ? h("p", { class: "form-error" }, "Văn bản đã được thu hồi hoặc thay thế.") : null,
    item.integrity_ok === false ? h("p", { class: "form-error" }, "Cảnh báo: tệp đính kèm không khớp mã băm khi nhận.") : null,
    h("section", { class: "card" }, metaList([
      ["Trích yếu", item.summary], ["Cơ quan ban hành", item.sender_name], ["Ngày ban hành", fmtDate(item.issued_at)],
      ["Ngày đến", fmtTime(item.received_at)], ["Số đến", item.incoming_number], ["Người ký", signerText(item.signer)],
      ["Hạn trả lời", item.response_deadline ? fmtDate(item.response_deadline) : null],
      ["Chủ trì", a ? people[a.lead_user_id] : null],
      ["Phối hợp", a?.coordinator_ids.length ? a.coordinator_ids.map((u) => people[u] || u).join(", ") : null],
      ["Hạn xử lý", a?.deadline ? fmtDate(a.deadline) : null], ["Ý kiến chỉ đạo", a?.direction],
      ["Lý do từ chối", item.refusal_reason], ["Văn bản trả lời", item.reply_symbol]]),
    item.body ? h("p", { class: "body-text" }, item.body) : null,
    h("h2", {}, "Tệp đính kèm"),
    attachmentList(item.attachments, (f) => `/api/v1/items/${id}/attachments/${f.attachment_id}`)),
    await actions(item),
    h("section", { class: "card" }, h("h2", {}, "Lịch sử xử lý"), timeline(item.history, people)));
}

async function actions(item) {
  if (!item.active) return null;
  const panels = [];
  const change = item.change;
  if (change?.status === "13" && isClerk()) panels.push(answerPanel(item));
  if (item.status === "01" && isClerk()) panels.push(receivePanel(item));
  if (["03", "04"].includes(item.status) && isLeader()) panels.push(await assignPanel(item));
  if (["04", "05"].includes(item.status) && item.assignment?.lead_user_id === myId()) panels.push(progressPanel(item));
  return panels.length ? panels : null;
}

const step = (itemId, action, body, message) => async () => {
  await post(`/api/v1/items/${itemId}/${action}`, body ? body() : {});
  toast(message);
  go(`/den/${itemId}`);
};

function receivePanel(item) {
  const reason = h("textarea", { name: "reason", rows: 2, placeholder: "Lý do trả lại (khi từ chối)" });
  const register = h("button", { type: "button", class: "primary" }, "Vào sổ văn bản đến");
  const refuse = h("button", { type: "button", class: "danger" }, "Từ chối, trả lại");
  const form = h("form", { class: "card", novalidate: true }, h("h2", {}, "Tiếp nhận"), field("Lý do từ chối", reason),
    h("div", { class: "actions" }, register, refuse));
  register.addEventListener("click", () => busy(register, step(item.item_id, "register", null, "Đã vào sổ văn bản đến."), form));
  refuse.addEventListener("click", () => busy(refuse, step(item.item_id, "refuse", () => ({ reason: reason.value }), "Đã trả lại văn bản."), form));
  return form;
}

async function assignPanel(item) {
  const users = (await get("/api/v1/my-unit/users")).items;
  const current = item.assignment;
  const lead = h("select", { name: "lead_user_id" }, h("option", { value: "" }, "— Chọn người chủ trì —"),
    users.map((u) => h("option", { value: u.user_id, selected: current?.lead_user_id === u.user_id }, `${u.full_name} (${u.position || ""})`)));
  const coordinators = h("div", { class: "fieldset", name: "coordinator_ids" }, users.map((u) => h("label", { class: "check" },
    h("input", { type: "checkbox", value: u.user_id, checked: current?.coordinator_ids.includes(u.user_id) }), u.full_name)));
  const deadline = h("input", { type: "date", name: "deadline", value: inputDate(current?.deadline) });
  const direction = h("textarea", { name: "direction", rows: 3 }, current?.direction || "");
  const button = h("button", { type: "button", class: "primary" }, current ? "Phân công lại" : "Phân công");
  const form = h("form", { class: "card", novalidate: true }, h("h2", {}, "Phân công xử lý"),
    field("Người chủ trì", lead), h("label", {}, "Người phối hợp"), coordinators,
    h("div", { class: "row" }, field("Hạn xử lý", deadline)), field("Ý kiến chỉ đạo", direction),
    h("div", { class: "actions" }, button));
  button.addEventListener("click", () => busy(button, step(item.item_id, "assign", () => ({
    lead_user_id: lead.value, deadline: deadline.value || null, direction: direction.value || null,
    coordinator_ids: [...coordinators.querySelectorAll("input:checked")].map((i) => i.value).filter((v) => v !== lead.value),
  }), "Đã phân công xử lý."), form));
  return form;
}

function progressPanel(item) {
  const reply = h("input", { type: "text", name: "reply_symbol", placeholder: "VD: 12/BC-THCS" });
  const note = h("textarea", { name: "note", rows: 2 });
  const start = h("button", { type: "button", hidden: item.status !== "04" }, "Bắt đầu xử lý");
  const complete = h("button", { type: "button", class: "primary" }, "Hoàn thành");
  const form = h("form", { class: "card", novalidate: true }, h("h2", {}, "Xử lý"),
    h("div", { class: "row" }, field("Số, ký hiệu văn bản trả lời", reply)), field("Ghi chú", note),
    h("div", { class: "actions" }, start, complete));
  start.addEventListener("click", () => busy(start, step(item.item_id, "start", null, "Đã chuyển sang đang xử lý."), form));
  complete.addEventListener("click", () => busy(complete, step(item.item_id, "complete",
    () => ({ reply_symbol: reply.value.trim() || null, note: note.value.trim() || null }), "Đã hoàn thành xử lý."), form));
  return form;
}

function answerPanel(item) {
  const kind = { recall: "thu hồi", update: "cập nhật", replace: "thay thế" }[item.change.kind];
  const note = h("textarea", { name: "note", rows: 2, placeholder: "Bắt buộc khi từ chối" });
  const accept = h("button", { type: "button", class: "primary" }, `Đồng ý ${kind}`);
  const refuse = h("button", { type: "button", class: "danger" }, `Từ chối ${kind}`);
  const form = h("form", { class: "card", novalidate: true },
    h("h2", {}, `Yêu cầu ${kind} văn bản`), h("p", {}, `Lý do: ${item.change.reason}`), field("Ý kiến", note),
    h("div", { class: "actions" }, accept, refuse));
  const answer = (ok) => step(item.item_id, "change-answer", () => ({ accept: ok, note: note.value.trim() || null }),
    ok ? "Đã đồng ý yêu cầu." : "Đã từ chối yêu cầu.");
  accept.addEventListener("click", () => busy(accept, answer(true), form));
  refuse.addEventListener("click", () => busy(refuse, answer(false), form));
  return form;
}
