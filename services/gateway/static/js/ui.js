// Small DOM helpers. Text always goes in as text (never innerHTML), so data
// from the server cannot inject markup.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (key === "class") el.className = value;
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key in el && typeof value !== "string") el[key] = value;
    else el.setAttribute(key, value === true ? "" : value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function mount(...children) {
  const main = document.getElementById("main");
  main.replaceChildren(...children.flat().filter(Boolean));
  window.scrollTo(0, 0);
  return main;
}

const VN = "Asia/Ho_Chi_Minh";
const dateFmt = new Intl.DateTimeFormat("vi-VN", { timeZone: VN, day: "2-digit", month: "2-digit", year: "numeric" });
const timeFmt = new Intl.DateTimeFormat("vi-VN", { timeZone: VN, day: "2-digit", month: "2-digit", year: "numeric",
  hour: "2-digit", minute: "2-digit" });

export const fmtDate = (iso) => (iso ? dateFmt.format(new Date(iso)) : "—");
// The Vietnamese calendar day of an instant, as a date input wants it (YYYY-MM-DD).
const isoDay = new Intl.DateTimeFormat("en-CA", { timeZone: VN, year: "numeric", month: "2-digit", day: "2-digit" });
export const inputDate = (iso) => (iso ? isoDay.format(new Date(iso)) : "");
export const fmtTime = (iso) => (iso ? timeFmt.format(new Date(iso)) : "—");
export function fmtSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(0)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

export const URGENCY = { 0: "Thường", 1: "Khẩn", 2: "Thượng khẩn", 3: "Hỏa tốc", 4: "Hỏa tốc hẹn giờ" };

export function urgencyBadge(level) {
  if (!level) return null;
  return h("span", { class: `badge urgent u${level}`, title: "Độ khẩn" }, URGENCY[level]);
}

export function statusBadge(code, label) {
  return h("span", { class: `badge s${code}` }, label || code || "Đang gửi");
}

export function toast(message, isError = false) {
  const el = document.getElementById("toast");
  el.textContent = message;
  el.className = "toast" + (isError ? " error" : "");
  el.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { el.hidden = true; }, isError ? 6000 : 3500);
}

// A form's error area plus per-field messages from an ApiError.
export function showErrors(form, err) {
  form.querySelectorAll(".field-error").forEach((e) => e.remove());
  let box = form.querySelector(".form-error");
  if (!box) { box = h("div", { class: "form-error", role: "alert" }); form.prepend(box); }
  box.textContent = err.message;
  for (const [field, message] of Object.entries(err.fields || {})) {
    const input = form.querySelector(`[name="${CSS.escape(field.split(".")[0])}"]`);
    if (input) input.closest("label, .fieldset, div")?.append(h("div", { class: "field-error" }, message));
  }
}

export function clearErrors(form) {
  form.querySelectorAll(".field-error, .form-error").forEach((e) => e.remove());
}

// Run an async action from a button: disabled while running, errors shown.
export async function busy(button, action, form) {
  button.disabled = true;
  try {
    if (form) clearErrors(form);
    return await action();
  } catch (err) {
    if (form) showErrors(form, err);
    else toast(err.message, true);
    return undefined;
  } finally {
    button.disabled = false;
  }
}

// A table: column titles, and for each row the cells (text or elements).
export function dataTable(titles, rows, cellsOf) {
  return h("div", { class: "table-wrap" }, h("table", {},
    h("thead", {}, h("tr", {}, titles.map((t) => h("th", {}, t)))),
    h("tbody", {}, rows.map((row) => h("tr", {}, cellsOf(row).map((cell) => h("td", {}, cell)))))));
}

export function field(labelText, input, hint) {
  return h("label", {}, labelText, input, hint ? h("small", { class: "muted" }, " ", hint) : null);
}

export function pager(page, pageSize, total, go) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return h("div", { class: "pager" },
    h("button", { disabled: page <= 1, onclick: () => go(page - 1) }, "‹ Trước"),
    h("span", { class: "muted" }, `Trang ${page}/${pages} · ${total} văn bản`),
    h("button", { disabled: page >= pages, onclick: () => go(page + 1) }, "Sau ›"));
}

export function timeline(history, people) {
  return h("ol", { class: "timeline" }, history.map((entry) =>
    h("li", {}, h("div", { class: "when" }, fmtTime(entry.at), entry.by ? ` · ${people[entry.by] || "—"}` : ""),
      h("div", {}, ACTIONS[entry.action] || entry.action, entry.to ? " → " : "", entry.to ? statusBadge(entry.to, STATUS[entry.to]) : null),
      entry.note ? h("div", { class: "muted" }, entry.note) : null)));
}

export const STATUS = { issued: "Đã phát hành", "01": "Đã đến", "02": "Từ chối", "03": "Đã vào sổ", "04": "Đã phân công", "05": "Đang xử lý",
  "06": "Hoàn thành", "13": "Yêu cầu thu hồi/cập nhật", "15": "Đồng ý thu hồi/cập nhật", "16": "Từ chối thu hồi/cập nhật" };

const ACTIONS = { create: "Tạo dự thảo", update: "Sửa dự thảo", issue: "Phát hành",
  issue_interrupted: "Phát hành bị gián đoạn", deliver: "Nhận văn bản", register: "Vào sổ", refuse: "Từ chối",
  assign: "Phân công", start: "Bắt đầu xử lý", complete: "Hoàn thành",
  overdue: "Quá hạn", request_recall: "Yêu cầu thu hồi", request_update: "Yêu cầu cập nhật",
  request_replace: "Yêu cầu thay thế", answer_recall: "Trả lời thu hồi", answer_update: "Trả lời cập nhật",
  answer_replace: "Trả lời thay thế" };
