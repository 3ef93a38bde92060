// #/bao-cao/ho-so/<submission_id>: one unit's report as the office reviews it —
// the values by section, attachments, history — and the decision: approve
// (leader; the data locks), return with a reason, or reopen an approved one.
import { get, post } from "../api.js";
import { busy, fmtDate, fmtTime, h, mount, toast } from "../ui.js";
import { go } from "../nav.js";
import { hasRole, isLeader } from "../session.js";
import { fmtNum } from "./charts.js";
import { lateBadge, myUnit, reportBadge, reportHistory } from "./reportkit.js";
import { attachmentList, metaList } from "./widgets.js";

const API = "/api/v1/reports";

export async function render({ args }) {
  const sub = await get(`${API}/submissions/${encodeURIComponent(args[0])}`);
  if (sub.unit_code === myUnit()) return go(`/bao-cao/${sub.form_code}/${sub.period_id}`);   // a school's own: its form page
  const boardHref = `#/bao-cao/${encodeURIComponent(sub.form_code)}/${encodeURIComponent(sub.period_id)}`;
  const person = (id) => (id ? sub.people[id] || "—" : null);
  mount(
    h("p", {}, h("a", { href: boardHref }, `‹ Bảng theo dõi ${sub.period_label}`)),
    h("div", { class: "heading-row" }, h("h1", {}, sub.unit_name),
      h("div", { class: "toolbar rtools" }, reportBadge(sub.status, sub.status_label), sub.late ? lateBadge() : null)),
    h("section", { class: "card" }, metaList([
      ["Báo cáo", `${sub.form?.title || sub.form_code} — ${sub.period_label}`],
      ["Hạn nộp", fmtTime(sub.deadline)],
      ["Gửi lần đầu", sub.first_submitted_at ? fmtTime(sub.first_submitted_at) + (sub.late ? " (muộn)" : " (đúng hạn)") : "Chưa gửi"],
      ["Gửi gần nhất", sub.submitted_at ? `${fmtTime(sub.submitted_at)} · ${person(sub.submitted_by)} · lần ${sub.revision}` : null],
      ["Duyệt", sub.approved_at && sub.status === "approved" ? `${fmtTime(sub.approved_at)} · ${person(sub.approved_by)}` : null],
      ["Lý do trả lại", sub.status === "returned" ? sub.return_reason : null],
      ["Số lần mở lại", sub.reopen_count ? String(sub.reopen_count) : null]])),
    decisionCard(sub),
    valuesCard(sub),
    h("section", { class: "card" }, h("h2", {}, "Tệp đính kèm"),
      attachmentList(sub.attachments, (a) => `${API}/submissions/${sub.submission_id}/attachments/${a.attachment_id}`)),
    h("section", { class: "card" }, h("h2", {}, "Lịch sử"), reportHistory(sub.history, sub.people)));
}

function decisionCard(sub) {
  const reload = () => go(`/bao-cao/ho-so/${sub.submission_id}`);
  const reviewer = hasRole("lanh_dao") || hasRole("chuyen_vien");
  if (sub.status === "submitted" && reviewer) {
    const note = h("textarea", { id: "approve-note", name: "note", rows: 2 });
    const reason = h("textarea", { id: "return-reason", name: "reason", rows: 2 });
    const approve = h("button", { type: "button", class: "primary" }, "Duyệt báo cáo");
    const giveBack = h("button", { type: "button", class: "danger" }, "Trả lại");
    const form = h("form", { class: "card decision", novalidate: true, onsubmit: (e) => e.preventDefault() },
      h("h2", {}, "Xem xét báo cáo"),
      isLeader() ? [h("label", { for: "approve-note" }, "Ý kiến khi duyệt (không bắt buộc)"), note,
        h("div", { class: "actions" }, approve)] : h("p", { class: "muted" }, "Lãnh đạo Phòng duyệt báo cáo; chuyên viên có thể trả lại."),
      h("div", { class: "fieldset" }, h("label", { for: "return-reason" }, "Lý do trả lại"), reason),
      h("div", { class: "actions" }, giveBack));
    approve.addEventListener("click", () => busy(approve, async () => {
      await post(`${API}/submissions/${sub.submission_id}/approve`, { note: note.value.trim() || null });
      toast("Đã duyệt báo cáo; số liệu đã khóa.");
      reload();
    }, form));
    giveBack.addEventListener("click", () => busy(giveBack, async () => {
      await post(`${API}/submissions/${sub.submission_id}/return`, { reason: reason.value });
      toast("Đã trả lại báo cáo cho đơn vị.");
      reload();
    }, form));
    return form;
  }
  if (sub.status === "approved" && isLeader()) {
    const reason = h("textarea", { id: "reopen-reason", name: "reason", rows: 2 });
    const reopen = h("button", { type: "button" }, "Mở lại để điều chỉnh");
    const form = h("form", { class: "card decision", novalidate: true, onsubmit: (e) => e.preventDefault() },
      h("h2", {}, "Mở lại báo cáo đã duyệt"),
      h("p", { class: "muted" }, "Đơn vị được sửa số liệu và gửi lại; việc mở lại được ghi nhận kèm lý do."),
      h("div", { class: "fieldset" }, h("label", { for: "reopen-reason" }, "Lý do mở lại"), reason),
      h("div", { class: "actions" }, reopen));
    reopen.addEventListener("click", () => busy(reopen, async () => {
      await post(`${API}/submissions/${sub.submission_id}/reopen`, { reason: reason.value });
      toast("Đã mở lại báo cáo.");
      reload();
    }, form));
    return form;
  }
  return null;
}

function valuesCard(sub) {
  if (!sub.form) return null;
  return h("section", { class: "card", id: "submission-values" }, h("h2", {}, "Số liệu báo cáo"),
    sub.form.sections.map((s) => h("div", {}, h("h3", {}, `${s.code}. ${s.title}`),
      h("div", { class: "table-wrap" }, h("table", { class: "values" },
        h("tbody", {}, s.fields.map((f) => h("tr", { dataset: { field: f.code } },
          h("th", { scope: "row" }, f.label), h("td", { class: "value" }, valueText(f, sub.values[f.code])),
          h("td", { class: "muted" }, f.unit)))))))));
}

export function valueText(field, value) {
  if (value === null || value === undefined || value === "") return "—";
  if (field.type === "yes_no") return value ? "Có" : "Không";
  if (field.type === "select") return field.options.find((o) => o.value === value)?.label || String(value);
  if (field.type === "date") return fmtDate(value);
  if (field.type === "percent") return field.unit ? fmtNum(value) : `${fmtNum(value)}%`;   // the unit column says %
  if (field.type === "text") return h("span", { class: "body-text" }, value);
  return fmtNum(value);
}
