// Pieces the reporting pages share: status badges, deadlines, the completeness
// segments (on time / late / started / not started), period choices.
import { fmtDate, fmtTime, h } from "../ui.js";
import { session } from "../session.js";

export const SCHOOL_KINDS = ["MN", "TH", "TH&THCS", "THCS"];
export const isSchool = () => SCHOOL_KINDS.includes(session.me?.unit?.kind);
export const myUnit = () => session.me?.user.unit_code;

export const REPORT_STATUS = { not_started: "Chưa thực hiện", draft: "Đang soạn", submitted: "Đã gửi, chờ duyệt",
  returned: "Bị trả lại", approved: "Đã duyệt", reopened: "Mở lại để điều chỉnh" };

export function reportBadge(status, label) {
  return h("span", { class: `badge r-${status}`, dataset: { status } }, label || REPORT_STATUS[status] || status);
}

export const lateBadge = () => h("span", { class: "badge late" }, "Nộp muộn");

// "còn 5 ngày", "hạn hôm nay", "quá hạn 3 ngày" from the server's day count.
export function daysText(days) {
  if (days === null || days === undefined) return "";
  if (days > 0) return `còn ${days} ngày`;
  if (days === 0) return "hạn hôm nay";
  return `quá hạn ${-days} ngày`;
}

export function deadlineLine(deadline, days, done) {
  return h("span", { class: "deadline" + (!done && days < 0 ? " over" : !done && days <= 3 ? " soon" : "") },
    `Hạn nộp ${fmtDate(deadline)}`, done ? "" : ` · ${daysText(days)}`);
}

// The parts of "expected" on the board: each unit is in exactly one.
export function completenessSegments(t) {
  return [
    { key: "on_time", label: "Nộp đúng hạn", value: t.on_time, cls: "c-ontime" },
    { key: "late", label: "Nộp muộn", value: t.late, cls: "c-late" },
    { key: "in_progress", label: "Đang soạn, chưa gửi", value: t.in_progress, cls: "c-progress" },
    { key: "not_started", label: "Chưa thực hiện", value: t.missing - t.in_progress, cls: "c-missing" },
  ];
}

export const ACTION_LABELS = { create: "Tạo báo cáo", submit: "Gửi báo cáo", approve: "Duyệt", return: "Trả lại",
  reopen: "Mở lại để điều chỉnh", upgrade: "Cập nhật theo biểu mẫu mới" };

export function reportHistory(history, people) {
  if (!history?.length) return h("p", { class: "muted" }, "Chưa có.");
  return h("ol", { class: "timeline" }, history.slice().reverse().map((e) => h("li", {},
    h("div", { class: "when" }, fmtTime(e.at), e.by ? ` · ${people?.[e.by] || "—"}` : ""),
    h("div", {}, ACTION_LABELS[e.action] || e.action, e.to ? " → " : "", e.to ? reportBadge(e.to) : null),
    e.note ? h("div", { class: "muted" }, e.note) : null)));
}

// The Vietnamese calendar date today (YYYY-MM-DD), whatever the device's zone.
export function todayVN() {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric", month: "2-digit",
    day: "2-digit" }).format(new Date());
}

// The period whose Decree 09 data window holds today, else the last one begun.
export function currentPeriod(periods, today = todayVN()) {
  return periods.find((p) => p.cutoff_start <= today && today <= p.cutoff_end)
    || periods.filter((p) => p.cutoff_start <= today).pop() || periods[0];
}

export const PERIOD_TYPES = [["monthly", "Tháng"], ["quarterly", "Quý"], ["half_yearly", "6 tháng"],
  ["nine_months", "9 tháng"], ["yearly", "Năm"]];

export function yearSelect(year, onChange, label = "Năm") {
  const now = Number(todayVN().slice(0, 4));
  const years = [];
  for (let y = Math.max(now, year) + 1; y >= Math.min(now, year) - 4; y--) years.push(y);
  const select = h("select", { "aria-label": label, onchange: () => onChange(Number(select.value)) },
    years.map((y) => h("option", { value: y, selected: y === year }, String(y))));
  return select;
}

// A short period label for chart axes: "Q1", "6T", "T3", "Năm".
export function shortPeriod(p) {
  return { monthly: `T${p.index}`, quarterly: `Q${p.index}`, half_yearly: p.index === 1 ? "6T đầu" : "6T cuối",
    nine_months: "9T", yearly: "Năm" }[p.type] || p.id;
}
