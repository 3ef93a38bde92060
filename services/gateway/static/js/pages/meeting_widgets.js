// Pieces the meetings pages share: times in Vietnam, status badges, and the
// people picker (one person, several people, whole units, all principals).
import { get } from "../api.js";
import { h } from "../ui.js";

const VN = "Asia/Ho_Chi_Minh";
const parts = (iso, opts) => Object.fromEntries(new Intl.DateTimeFormat("en-GB", { timeZone: VN, hourCycle: "h23", ...opts })
  .formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
const WEEKDAYS = ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];
export const SCHOOL_KINDS = ["MN", "TH", "TH&THCS", "THCS"];

export const KINDS = { giao_ban: "Họp giao ban", chuyen_de: "Họp chuyên đề", hoi_nghi: "Hội nghị", hoi_thao: "Hội thảo",
  tap_huan: "Tập huấn", hoi_dong: "Họp hội đồng", khac: "Cuộc họp" };
export const STATUSES = { scheduled: "Đã lên lịch", invited: "Đã gửi giấy mời", in_progress: "Đang họp",
  ended: "Đã kết thúc", published: "Đã ban hành kết luận", cancelled: "Đã hủy" };
export const QUORUM_RULES = { majority: "Quá nửa tổng số đại biểu", half: "Ít nhất một nửa tổng số đại biểu",
  two_thirds: "Ít nhất hai phần ba tổng số đại biểu", three_quarters: "Ít nhất ba phần tư tổng số đại biểu" };
export const THRESHOLDS = { majority_of_present: "Quá nửa số đại biểu có mặt", majority_of_all: "Quá nửa tổng số đại biểu",
  two_thirds_of_present: "Ít nhất hai phần ba số đại biểu có mặt", two_thirds_of_all: "Ít nhất hai phần ba tổng số đại biểu",
  majority_of_cast: "Quá nửa số phiếu biểu quyết" };
export const LIVE = ["scheduled", "invited", "in_progress"];

// "2026-03-10T08:00" (what a datetime-local input holds) for an instant, in Vietnam time.
export function localInput(iso) {
  if (!iso) return "";
  const p = parts(iso, { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

// The instant a datetime-local value means: the office works in Vietnam time, whatever the device says.
export const fromLocalInput = (value) => (value ? `${value}:00+07:00` : null);

// "YYYY-MM-DD" of an instant in Vietnam, and of today.
export function dayOf(iso) {
  const p = parts(iso, { year: "numeric", month: "2-digit", day: "2-digit" });
  return `${p.year}-${p.month}-${p.day}`;
}
export const today = () => dayOf(new Date().toISOString());

export const clock = (iso) => { const p = parts(iso, { hour: "2-digit", minute: "2-digit" }); return `${p.hour}:${p.minute}`; };

// "Thứ Hai, 10/03/2026" for a YYYY-MM-DD day.
export function dayLabel(day) {
  const [y, m, d] = day.split("-").map(Number);
  const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  return `${weekday}, ${String(d).padStart(2, "0")}/${String(m).padStart(2, "0")}/${y}`;
}

// "08:00–10:00, Thứ Hai, 10/03/2026" (the end's day too when it differs).
export function whenText(starts, ends) {
  const first = dayOf(starts);
  const last = dayOf(ends);
  return first === last ? `${clock(starts)}–${clock(ends)}, ${dayLabel(first)}`
    : `${clock(starts)}, ${dayLabel(first)} – ${clock(ends)}, ${dayLabel(last)}`;
}

export function addDays(day, n) {
  const [y, m, d] = day.split("-").map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return t.toISOString().slice(0, 10);
}

export const meetingBadge = (status, label) => h("span", { class: `badge m-${status}` }, label || STATUSES[status] || status);

export const nameOf = (people, id) => (id ? people?.[id] || "—" : "—");

let unitsCache = null;
export async function allUnits() {
  unitsCache = unitsCache || get("/api/v1/units").then((r) => r.items).catch((err) => { unitsCache = null; throw err; });
  return unitsCache;
}

// Pick people: a unit, then its staff. ``single`` picks one person (delegation);
// otherwise ``onAdd(refs, labels)`` receives person refs, or a whole unit / all principals.
export async function peoplePicker({ single = false, label = "Đơn vị", onAdd, ownUnit }) {
  const units = await allUnits();
  const unitSelect = h("select", { "aria-label": label },
    units.map((u) => h("option", { value: u.code, selected: u.code === ownUnit }, `${u.name} (${u.short_name})`)));
  const list = h("div", { class: "people-list", "data-test": "people-list" });
  const chosenPerson = h("select", { name: "delegate_id", "aria-label": "Người nhận ủy quyền" });
  const load = async () => {
    const code = unitSelect.value;
    const { items } = await get("/api/v1/meetings/people", { unit_code: code });
    if (single) {
      chosenPerson.replaceChildren(h("option", { value: "" }, "— Chọn người —"),
        ...items.map((u) => h("option", { value: u.user_id, dataset: { name: u.full_name } }, `${u.full_name} — ${u.position || ""}`)));
      return;
    }
    list.replaceChildren(...(items.length ? items.map((u) => h("label", { class: "check" },
      h("input", { type: "checkbox", value: u.user_id, dataset: { name: u.full_name } }),
      u.full_name, h("span", { class: "muted" }, ` — ${u.position || ""}`))) : [h("p", { class: "muted" }, "Đơn vị chưa có cán bộ.")]));
  };
  unitSelect.addEventListener("change", load);
  await load();
  if (single) {
    return { element: h("div", { class: "row" }, h("label", {}, label, unitSelect), h("label", {}, "Người nhận ủy quyền", chosenPerson)),
      value: () => chosenPerson.value, name: () => chosenPerson.selectedOptions[0]?.dataset.name || "" };
  }
  const unitName = () => unitSelect.selectedOptions[0]?.textContent || unitSelect.value;
  const addPeople = h("button", { type: "button", onclick: () => {
    const boxes = [...list.querySelectorAll("input:checked")];
    onAdd(boxes.map((b) => ({ ref: { user_id: b.value }, label: b.dataset.name })));
    boxes.forEach((b) => { b.checked = false; });
  } }, "Thêm người đã chọn");
  const addLeaders = h("button", { type: "button", onclick: () =>
    onAdd([{ ref: { unit_code: unitSelect.value, role: "lanh_dao" }, label: `Lãnh đạo ${unitName()}` }]) }, "Mời lãnh đạo cả đơn vị");
  const addPrincipals = h("button", { type: "button", onclick: () =>
    onAdd([{ ref: { unit_kinds: SCHOOL_KINDS, role: "lanh_dao" }, label: "Hiệu trưởng tất cả các trường" }]) },
  "Tất cả hiệu trưởng các trường");
  return { element: h("div", { class: "fieldset people-picker" }, h("label", {}, label, unitSelect), list,
    h("div", { class: "shortcuts" }, addPeople, addLeaders, addPrincipals)) };
}

// A list of chosen invitees (refs) with their labels, removable; ``value()`` gives the refs.
export function refList(testName) {
  const chosen = [];
  const box = h("ul", { class: "chips", "data-test": testName });
  const draw = () => box.replaceChildren(...(chosen.length ? chosen.map((c, i) => h("li", {}, c.label,
    h("button", { type: "button", class: "link", "aria-label": `Bỏ ${c.label}`, onclick: () => { chosen.splice(i, 1); draw(); } }, "×")))
    : [h("li", { class: "muted empty" }, "Chưa chọn ai.")]));
  draw();
  return {
    element: box,
    add(entries) {
      for (const e of entries) {
        if (!chosen.some((c) => JSON.stringify(c.ref) === JSON.stringify(e.ref))) chosen.push(e);
      }
      draw();
    },
    value: () => chosen.map((c) => c.ref),
    clear() { chosen.length = 0; draw(); },
  };
}

// A small inline form that asks for a reason, then runs ``action(reason)``.
export function reasonForm(buttonText, placeholder, action, { danger = false, minLength = 3 } = {}) {
  const input = h("input", { type: "text", name: "reason", placeholder, "aria-label": placeholder, minlength: minLength });
  const go = h("button", { type: "submit", class: danger ? "danger" : "" }, buttonText);
  const form = h("form", { class: "inline-form", novalidate: true }, input, go);
  form.addEventListener("submit", (e) => { e.preventDefault(); action(input.value.trim(), go, form); });
  return form;
}
