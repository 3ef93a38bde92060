// #/bao-cao/<form>/<period>. For a school: the form to fill — sections, typed
// inputs, inline validation as one types (the reporting service judges every
// value, the page only shows what it says), draft saving, attachments, and
// the principal's submission. For the office that collects the form: the
// completeness board of that period (board.js).
import { ApiError, del, get, patch, post, uploadTo } from "../api.js";
import { busy, fmtDate, fmtSize, fmtTime, h, mount, toast } from "../ui.js";
import { hasRole, isLeader } from "../session.js";
import * as board from "./board.js";
import { deadlineLine, lateBadge, myUnit, reportBadge, reportHistory } from "./reportkit.js";

const API = "/api/v1/reports";
const CHECK_DELAY = 450;   // ms after the last keystroke before asking the server

export async function render(ctx) {
  const [formCode, periodId] = ctx.args;
  const form = await get(`${API}/forms/${encodeURIComponent(formCode)}`);
  if (form.owner_unit === myUnit()) return board.render(ctx, form);
  const sub = await openSubmission(form.code, periodId);
  // the server's view of the deadline (days left, overdue), not the device clock's
  const mine = await get(`${API}/mine`, { year: Number(periodId.slice(0, 4)) }).catch(() => ({ items: [] }));
  new ReportPage(form, sub, mine.items.find((r) => r.form_code === form.code && r.period.id === periodId)).render();
}

// The unit's report for the period, opened (a draft the first time) by those who
// fill it; others of the school (văn thư) may still read one that exists.
async function openSubmission(formCode, periodId) {
  try {
    return await post(`${API}/forms/${encodeURIComponent(formCode)}/periods/${encodeURIComponent(periodId)}/open`);
  } catch (err) {
    if (err.status !== 403) throw err;
    const found = await get(`${API}/submissions`, { form_code: formCode, period_id: periodId });
    if (!found.items.length) throw err;
    return get(`${API}/submissions/${found.items[0].submission_id}`);
  }
}

// A field's value as the input shows it, and back as it is sent.
function shown(field, value) {
  if (value === null || value === undefined) return "";
  if (field.type === "yes_no") return value ? "true" : "false";
  if (field.type === "decimal" || field.type === "percent") return String(value).replace(".", ",");
  return String(value);
}

function sent(field, text) {
  if (field.type === "yes_no") return text === "" ? null : text === "true";
  const value = field.type === "text" ? text : text.trim();
  return value === "" ? null : value;
}

function rangeHint(field) {
  const num = (n) => String(n).replace(".", ",");
  if (field.min !== null && field.min !== undefined && field.max !== null && field.max !== undefined) return `Từ ${num(field.min)} đến ${num(field.max)}`;
  if (field.min !== null && field.min !== undefined) return `Không nhỏ hơn ${num(field.min)}`;
  if (field.max !== null && field.max !== undefined) return `Không lớn hơn ${num(field.max)}`;
  return "";
}

class ReportPage {
  constructor(form, sub, row) {
    this.formMeta = form;
    this.sub = sub;
    this.row = row;                 // this report in "my reports": period window, days left, overdue
    this.period = row?.period;
    this.fields = new Map();        // code -> {field, input, error, box}
    this.touched = new Set();       // fields the person has left: "required" shows from then on
    this.dirty = new Set();         // changed since the last save
    this.errors = {};               // the server's last verdict, per field
    this.showAll = false;           // after a refused submission every message shows
    this.seq = 0;
  }

  get editable() { return this.sub.editable && this.sub.unit_code === myUnit() && (hasRole("chuyen_vien") || isLeader()); }

  render() {
    const sub = this.sub;
    this.fields.clear();
    this.errors = { ...(sub.problems || {}) };
    this.formEl = h("form", { class: "report-form", novalidate: true, onsubmit: (e) => e.preventDefault() },
      sub.form.sections.map((s) => this.section(s)));
    this.summaryEl = h("div", { class: "fill-summary", "aria-live": "polite" });
    this.savedEl = h("span", { class: "muted", dataset: { test: "saved" } }, `Cập nhật ${fmtTime(sub.updated_at)}`);
    mount(
      h("p", {}, h("a", { href: "#/bao-cao" }, "‹ Báo cáo định kỳ")),
      h("div", { class: "heading-row" }, h("h1", {}, sub.form.title),
        h("div", { class: "toolbar rtools" }, reportBadge(sub.status, sub.status_label), sub.late ? lateBadge() : null)),
      h("p", { class: "report-meta" }, h("strong", {}, sub.period_label), " · ", sub.unit_name, " · ",
        deadlineLine(sub.deadline, this.daysLeft(), Boolean(sub.first_submitted_at) && !sub.editable),
        this.period ? h("span", { class: "muted" }, ` · Số liệu từ ${fmtDate(this.period.cutoff_start)} đến ${fmtDate(this.period.cutoff_end)}`) : null),
      this.banner(),
      this.editable ? this.summaryEl : null,
      this.formEl,
      this.rulesBox(),
      this.attachmentsCard(),
      this.editable ? this.actionsBar() : null,
      h("section", { class: "card" }, h("h2", {}, "Lịch sử"), reportHistory(sub.history, sub.people)));
    this.paint();
  }

  daysLeft() {
    if (this.row) return this.row.days_left;
    // whole Vietnamese calendar days from today to the deadline's day
    const day = (d) => Date.parse(new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(d));
    return Math.round((day(new Date(this.sub.deadline)) - day(new Date())) / 86400000);
  }

  banner() {
    const s = this.sub;
    const lastNote = (action) => s.history.filter((e) => e.action === action).pop()?.note;
    if (s.status === "returned") {
      return h("div", { class: "banner warn", role: "status", dataset: { banner: "returned" } },
        h("strong", {}, `Phòng đã trả lại báo cáo (${fmtTime(s.returned_at)}).`), " Lý do: ", s.return_reason || "—",
        h("div", {}, "Đơn vị điều chỉnh số liệu rồi gửi lại."));
    }
    if (s.status === "reopened") {
      return h("div", { class: "banner warn", role: "status", dataset: { banner: "reopened" } },
        h("strong", {}, "Phòng đã mở lại báo cáo để điều chỉnh."), " Lý do: ", lastNote("reopen") || "—");
    }
    if (s.status === "submitted") {
      return h("div", { class: "banner info", role: "status", dataset: { banner: "submitted" } },
        h("strong", {}, `Đã gửi lúc ${fmtTime(s.submitted_at)}, đang chờ Phòng duyệt.`),
        " Số liệu không sửa được; nếu cần điều chỉnh, đề nghị Phòng trả lại.");
    }
    if (s.status === "approved") {
      return h("div", { class: "banner ok", role: "status", dataset: { banner: "approved" } },
        h("strong", {}, `Phòng đã duyệt lúc ${fmtTime(s.approved_at)}.`), " Số liệu đã khóa.");
    }
    if (!s.first_submitted_at && (this.row ? this.row.overdue : Date.now() > Date.parse(s.deadline))) {
      return h("div", { class: "banner bad", role: "status", dataset: { banner: "overdue" } },
        h("strong", {}, `Đã quá hạn nộp (${fmtTime(s.deadline)}).`), " Báo cáo vẫn được nhận nhưng ghi nhận nộp muộn.");
    }
    return null;
  }

  // ---------------------------------------------------------------- the form
  section(section) {
    return h("fieldset", { class: "card report-section", dataset: { section: section.code } },
      h("legend", {}, `${section.code}. ${section.title}`),
      h("div", { class: "rgrid" }, section.fields.map((f) => this.fieldBox(f))));
  }

  fieldBox(field) {
    const id = `f-${field.code}`;
    const value = shown(field, this.sub.values[field.code]);
    const disabled = !this.editable;
    let input;
    if (field.type === "text") {
      input = h("textarea", { id, name: field.code, rows: 3, disabled }, value);
    } else if (field.type === "yes_no") {
      input = h("select", { id, name: field.code, disabled },
        h("option", { value: "" }, "— Chọn —"), h("option", { value: "true" }, "Có"), h("option", { value: "false" }, "Không"));
      input.value = value;
    } else if (field.type === "select") {
      input = h("select", { id, name: field.code, disabled }, h("option", { value: "" }, "— Chọn —"),
        field.options.map((o) => h("option", { value: o.value }, o.label)));
      input.value = value;
    } else if (field.type === "date") {
      input = h("input", { id, name: field.code, type: "date", value, disabled });
    } else {
      // text, not type=number: the browser would hide what was typed ("mười")
      // from the page, and the server's message is what the person needs to see
      input = h("input", { id, name: field.code, type: "text", value, disabled, autocomplete: "off",
        inputmode: field.type === "integer" ? "numeric" : "decimal" });
    }
    const error = h("div", { class: "field-error", id: `${id}-error`, role: "alert", hidden: true });
    input.setAttribute("aria-describedby", `${id}-error ${id}-hint`);
    const hint = [field.unit ? `Đơn vị tính: ${field.unit}` : "", rangeHint(field), field.help].filter(Boolean).join(" · ");
    const box = h("div", { class: "rfield" + (field.type === "text" ? " wide" : ""), dataset: { field: field.code } },
      h("label", { for: id }, h("span", {}, field.label, field.required ? h("abbr", { class: "req", title: "Bắt buộc" }, " *") : null)),
      h("div", { class: "input-line" }, input,
        field.type === "percent" ? h("span", { class: "suffix" }, "%") : null),
      hint ? h("small", { class: "muted", id: `${id}-hint` }, hint) : null,
      error);
    this.fields.set(field.code, { field, input, error, box });
    if (!disabled) {
      const changed = () => { this.dirty.add(field.code); this.markUnsaved(); };
      input.addEventListener("input", () => { changed(); this.scheduleCheck(); });
      input.addEventListener("change", () => { changed(); this.touched.add(field.code); this.check(); });
      input.addEventListener("blur", () => { if (!this.touched.has(field.code)) { this.touched.add(field.code); this.paint(); } });
    }
    return box;
  }

  values(onlyDirty = false) {
    const out = {};
    for (const [code, { field, input }] of this.fields) {
      if (onlyDirty && !this.dirty.has(code)) continue;
      const value = sent(field, input.value);
      if (value !== null || onlyDirty) out[code] = value;
    }
    return out;
  }

  scheduleCheck() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.check(), CHECK_DELAY);
  }

  // Ask the server what it thinks of the values as they stand (nothing stored).
  async check() {
    clearTimeout(this.timer);
    const seq = ++this.seq;
    try {
      const result = await post(`${API}/forms/${encodeURIComponent(this.sub.form_code)}/check`,
        { values: this.values(), complete: true, version: this.sub.form_version });
      if (seq !== this.seq) return;   // a newer check is on its way
      this.errors = result.errors;
      this.paint();
    } catch (err) {
      if (seq === this.seq && err.status === 0) toast(err.message, true);
    }
  }

  // Messages beside the fields: wrong values at once; "required" only once the
  // person has been through the field, or after a refused submission.
  paint() {
    let requiredDone = 0;
    let requiredTotal = 0;
    for (const [code, { field, input, error, box }] of this.fields) {
      const blank = sent(field, input.value) === null;
      if (field.required) { requiredTotal += 1; if (!blank) requiredDone += 1; }
      const message = this.errors[code];
      const visible = Boolean(message) && this.editable && !(blank && !this.touched.has(code) && !this.showAll);
      error.hidden = !visible;
      error.textContent = visible ? message : "";
      box.classList.toggle("invalid", visible);
      if (visible) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    }
    if (!this.summaryEl) return;
    const problems = Object.keys(this.errors).length;
    const bar = h("progress", { max: requiredTotal || 1, value: requiredDone });
    this.summaryEl.replaceChildren(h("div", { class: "fill-progress" },
      h("span", {}, `Đã nhập ${requiredDone}/${requiredTotal} chỉ tiêu bắt buộc`), bar,
      problems ? h("button", { type: "button", class: "linkish", onclick: () => this.focusFirstError(true) },
        `${problems} chỉ tiêu cần xem lại`) : h("span", { class: "ok-note" }, "Số liệu hợp lệ, có thể gửi.")));
  }

  focusFirstError(all = false) {
    if (all) { this.showAll = true; this.paint(); }
    const first = [...this.fields.values()].find(({ error }) => !error.hidden);
    if (first) { first.box.scrollIntoView({ block: "center" }); first.input.focus(); }
  }

  markUnsaved() {
    this.savedEl.textContent = "Có thay đổi chưa lưu";
    this.savedEl.classList.add("unsaved");
  }

  rulesBox() {
    const rules = this.sub.form.rules;
    if (!rules.length) return null;
    const labels = new Map(this.sub.form.sections.flatMap((s) => s.fields.map((f) => [f.code, f.label])));
    const readable = (expr) => expr.replace(/[a-z][a-z0-9_]*/g, (code) => (labels.has(code) ? `“${labels.get(code)}”` : code))
      .replace(/<=/g, "≤").replace(/>=/g, "≥").replace(/!=/g, "≠").replace(/==/g, "=");
    return h("details", { class: "card rules" }, h("summary", {}, `Ràng buộc giữa các chỉ tiêu (${rules.length})`),
      h("ul", {}, rules.map((r) => h("li", {}, r.message || readable(r.expr)))));
  }

  // ---------------------------------------------------------------- attachments
  attachmentsCard() {
    const sub = this.sub;
    const list = h("ul", { class: "files", id: "report-files" }, sub.attachments.map((a) => this.fileRow(a)));
    const card = h("section", { class: "card" }, h("h2", {}, "Tệp đính kèm"),
      sub.attachments.length || this.editable ? null : h("p", { class: "muted" }, "Không có tệp đính kèm."), list);
    if (this.editable) {
      const picker = h("input", { type: "file", id: "report-file", multiple: true });
      picker.addEventListener("change", async () => {
        for (const file of [...picker.files]) await this.upload(file, list);
        picker.value = "";
      });
      card.append(h("label", { for: "report-file" }, "Chọn tệp đính kèm"), picker,
        h("small", { class: "muted" }, "Biên bản, minh chứng... (PDF, Word, Excel, ảnh)"));
    }
    return card;
  }

  fileRow(a) {
    const href = `${API}/submissions/${this.sub.submission_id}/attachments/${a.attachment_id}`;
    const row = h("li", { dataset: { attachment: a.attachment_id } },
      h("a", { href, download: a.name }, a.name), h("span", { class: "muted" }, fmtSize(a.size)));
    if (this.editable) {
      const remove = h("button", { type: "button", class: "small" }, "Gỡ");
      remove.addEventListener("click", () => busy(remove, async () => {
        await del(`${API}/submissions/${this.sub.submission_id}/attachments/${a.attachment_id}`);
        row.remove();
        toast(`Đã gỡ tệp ${a.name}.`);
      }));
      row.append(remove);
    }
    return row;
  }

  async upload(file, list) {
    const bar = h("progress", { max: 1, value: 0 });
    const row = h("li", { class: "uploading" }, h("span", {}, file.name), bar, h("span", { class: "muted" }, fmtSize(file.size)));
    list.append(row);
    try {
      const stored = await uploadTo(`${API}/submissions/${this.sub.submission_id}/attachments`, file, (f) => { bar.value = f; });
      row.replaceWith(this.fileRow(stored));
    } catch (err) {
      row.replaceWith(h("li", { class: "field-error" }, `${file.name}: ${err.message}`));
    }
  }

  // ---------------------------------------------------------------- saving, sending
  actionsBar() {
    const save = h("button", { type: "button" }, "Lưu nháp");
    save.addEventListener("click", () => busy(save, () => this.save(true)));
    const bar = h("div", { class: "actions sticky-actions" }, save);
    if (isLeader()) {
      const submit = h("button", { type: "button", class: "primary" }, "Gửi báo cáo");
      const confirmBox = h("div", { class: "confirm", hidden: true });
      submit.addEventListener("click", () => this.confirmSubmit(confirmBox, submit));
      bar.append(submit, this.savedEl, confirmBox);
    } else {
      bar.append(this.savedEl, h("p", { class: "muted" }, "Nhập xong, hiệu trưởng (lãnh đạo đơn vị) kiểm tra và gửi báo cáo lên Phòng."));
    }
    return bar;
  }

  async save(announce) {
    const values = this.values(true);
    if (!Object.keys(values).length) { if (announce) toast("Không có thay đổi để lưu."); return true; }
    try {
      this.sub = await patch(`${API}/submissions/${this.sub.submission_id}`, { values });
    } catch (err) {
      if (err.status === 422 && Object.keys(err.fields).length) {
        Object.keys(err.fields).forEach((c) => this.touched.add(c));
        this.errors = { ...this.errors, ...err.fields };
        this.paint();
        this.focusFirstError();
      }
      throw err;
    }
    this.dirty.clear();
    this.errors = { ...this.sub.problems };
    this.savedEl.textContent = `Đã lưu lúc ${fmtTime(this.sub.updated_at)}`;
    this.savedEl.classList.remove("unsaved");
    this.paint();
    if (announce) toast("Đã lưu bản nháp.");
    return true;
  }

  confirmSubmit(box, submit) {
    const yes = h("button", { type: "button", class: "primary" }, "Xác nhận gửi");
    const no = h("button", { type: "button" }, "Hủy");
    box.replaceChildren(h("p", {}, `Gửi “${this.sub.form.title}” — ${this.sub.period_label} lên Phòng? `,
      "Sau khi gửi, số liệu không sửa được cho đến khi Phòng trả lại."), h("div", { class: "actions" }, yes, no));
    box.hidden = false;
    submit.disabled = true;
    no.addEventListener("click", () => { box.hidden = true; submit.disabled = false; });
    yes.addEventListener("click", () => busy(yes, async () => {
      try {
        await this.save(false);
        // what is saved is what is sent: show what still stops it before trying
        if (Object.keys(this.sub.problems || {}).length) {
          throw new ApiError(422, { message: "Báo cáo chưa đủ điều kiện gửi: còn chỉ tiêu thiếu hoặc chưa hợp lệ.",
            fields: this.sub.problems });
        }
        this.sub = await post(`${API}/submissions/${this.sub.submission_id}/submit`);
      } catch (err) {
        box.hidden = true;
        submit.disabled = false;
        if (err instanceof ApiError && err.status === 422 && Object.keys(err.fields).length) {
          this.errors = err.fields;
          this.showAll = true;
          this.paint();
          this.focusFirstError();
        }
        throw err;
      }
      toast(this.sub.late ? "Đã gửi báo cáo (nộp muộn)." : "Đã gửi báo cáo lên Phòng.");
      this.render();
    }));
  }
}
