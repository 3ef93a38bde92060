// Báo cáo định kỳ. A school sees its reports of the year grouped as overdue,
// to do (due, returned, reopened) and sent; the office sees the forms it
// collects with each period's progress, each opening that period's board.
import { get } from "../api.js";
import { fmtDate, h, mount } from "../ui.js";
import { go, link } from "../nav.js";
import { fmtNum, stackBar } from "./charts.js";
import { completenessSegments, currentPeriod, deadlineLine, lateBadge, myUnit, reportBadge, todayVN,
  yearSelect } from "./reportkit.js";

export async function render({ params }) {
  const year = Number(params.get("nam")) || Number(todayVN().slice(0, 4));
  const [forms, mine] = await Promise.all([get("/api/v1/reports/forms"), get("/api/v1/reports/mine", { year })]);
  const owned = forms.items.filter((f) => f.owner_unit === myUnit());
  const boards = await Promise.all(owned.map((f) => get(`/api/v1/reports/forms/${encodeURIComponent(f.code)}/board`, { year })));
  const heading = h("div", { class: "heading-row" }, h("h1", {}, "Báo cáo định kỳ"),
    h("div", { class: "toolbar rtools" }, yearSelect(year, (y) => go(link("/bao-cao", { nam: y }).slice(1))),
      h("a", { class: "button", href: "#/chi-so" }, "Chỉ số cải cách hành chính")));
  mount(heading,
    owned.length ? officeView(owned, boards) : null,
    mine.items.length || !owned.length ? schoolView(mine.items, year) : null);
}

// ---------------------------------------------------------------- the school
function schoolView(rows, year) {
  const overdue = rows.filter((r) => r.overdue);
  const todo = rows.filter((r) => !r.overdue && (!r.submitted || ["returned", "reopened"].includes(r.status)));
  const sent = rows.filter((r) => r.submitted && !["returned", "reopened"].includes(r.status));
  const stat = (num, label, tone, key) => h("div", { class: `stat ${num && tone ? tone : ""}`, dataset: { stat: key } },
    h("span", { class: "num" }, String(num)), h("span", {}, label));
  return h("div", { id: "my-reports" },
    h("div", { class: "stats" },
      stat(overdue.length, "Quá hạn chưa nộp", "bad", "overdue"),
      stat(todo.length, "Cần thực hiện", "warn", "todo"),
      stat(rows.filter((r) => r.status === "returned").length, "Bị trả lại", "warn", "returned"),
      stat(sent.length, "Đã nộp", "", "sent")),
    group("Quá hạn", overdue, "overdue", "Không có báo cáo quá hạn."),
    group("Cần thực hiện", todo, "todo", "Không có báo cáo nào đang chờ đơn vị thực hiện."),
    group("Đã nộp", sent, "sent", `Chưa nộp báo cáo nào trong năm ${year}.`));
}

function group(title, rows, key, empty) {
  return h("section", { class: "report-group", dataset: { group: key } },
    h("h2", {}, title, " ", h("span", { class: "muted" }, `(${rows.length})`)),
    rows.length ? h("ul", { class: "doclist" }, rows.map(reportRow)) : h("p", { class: "muted" }, empty));
}

function reportRow(r) {
  const href = `#/bao-cao/${encodeURIComponent(r.form_code)}/${encodeURIComponent(r.period.id)}`;
  return h("li", {}, h("a", { class: "doc report" + (r.overdue ? " overdue" : "") + (r.status === "returned" ? " returned" : ""),
    href, dataset: { report: `${r.form_code}/${r.period.id}` } },
  h("div", { class: "top" }, h("strong", {}, r.period.label), reportBadge(r.status, r.status_label),
    r.late ? lateBadge() : null, deadlineLine(r.deadline, r.days_left, r.submitted && !["returned", "reopened"].includes(r.status))),
  h("div", { class: "summary" }, r.form_title),
  r.return_reason ? h("div", { class: "return-reason" }, "Lý do trả lại: ", r.return_reason) : null,
  h("div", { class: "muted" }, `Số liệu từ ${fmtDate(r.period.cutoff_start)} đến ${fmtDate(r.period.cutoff_end)}`)));
}

// ---------------------------------------------------------------- the office
function officeView(forms, boards) {
  return h("div", { id: "office-forms" }, forms.map((form, i) => formCard(form, boards[i])));
}

function formCard(form, board) {
  const current = currentPeriod(board.periods.map((p) => p.period));
  return h("section", { class: "card form-card", dataset: { form: form.code } },
    h("div", { class: "heading-row" },
      h("h2", {}, form.title, " ", h("span", { class: "muted" }, `(${form.code})`)),
      current ? h("a", { class: "button primary", href: `#/bao-cao/${encodeURIComponent(form.code)}/${current.id}` },
        `Theo dõi ${current.label}`) : null),
    h("p", { class: "muted" }, `Kỳ báo cáo: ${form.period_type_labels.join(", ")} · ${form.field_count} chỉ tiêu · `,
      `hạn nộp ngày ${form.deadline.day}${form.deadline.month_offset ? ` của tháng thứ ${form.deadline.month_offset} sau kỳ` : " tháng cuối kỳ"}`),
    board.periods.length ? h("div", { class: "table-wrap" }, h("table", { class: "period-table" },
      h("thead", {}, h("tr", {}, ["Kỳ", "Hạn nộp", "Tình hình nộp", "Đã nộp", "Đã duyệt", ""].map((t) => h("th", {}, t)))),
      h("tbody", {}, board.periods.map(({ period, totals }) => h("tr", {
        class: period.id === current?.id ? "current" : "", dataset: { period: period.id } },
      h("td", {}, h("a", { href: `#/bao-cao/${encodeURIComponent(form.code)}/${period.id}` }, period.label)),
      h("td", {}, fmtDate(period.deadline)),
      h("td", { class: "mini" }, stackBar(completenessSegments(totals), totals.expected, { label: period.label })),
      h("td", {}, `${totals.submitted}/${totals.expected}`, totals.late ? h("span", { class: "muted" }, ` (${totals.late} muộn)`) : null),
      h("td", {}, `${totals.approved}/${totals.expected}`),
      h("td", {}, totals.awaiting_approval ? h("span", { class: "badge r-submitted" }, `${fmtNum(totals.awaiting_approval)} chờ duyệt`) : null))))))
      : h("p", { class: "muted" }, "Biểu mẫu không có kỳ báo cáo nào trong năm."));
}
