// The office's board of one form × period: who is on time, late, missing (a
// chart and the lists), the year at a glance, each unit's report to review,
// and the consolidated report (.docx, .xlsx) and its finalisation.
import { get, post } from "../api.js";
import { busy, dataTable, fmtDate, fmtTime, h, mount, toast } from "../ui.js";
import { go } from "../nav.js";
import { hasRole, isLeader } from "../session.js";
import { columns, donut, fmtNum, stackBar } from "./charts.js";
import { completenessSegments, lateBadge, reportBadge, shortPeriod, todayVN, yearSelect } from "./reportkit.js";

const API = "/api/v1/reports";

const FILTERS = [
  ["all", "Tất cả", () => true],
  ["submitted", "Chờ duyệt", (u) => u.status === "submitted"],
  ["on_time", "Đúng hạn", (u) => u.late === false],
  ["late", "Nộp muộn", (u) => u.late === true],
  ["missing", "Chưa nộp", (u) => u.late === null || u.late === undefined],
  ["returned", "Bị trả lại", (u) => u.status === "returned"],
  ["approved", "Đã duyệt", (u) => u.status === "approved"],
];

export async function render({ args, params }, form) {
  const periodId = args[1];
  const year = Number(params.get("nam")) || Number(periodId.slice(0, 4));
  const code = encodeURIComponent(form.code);
  const [data, yearBoard] = await Promise.all([
    get(`${API}/forms/${code}/periods/${encodeURIComponent(periodId)}/completeness`),
    get(`${API}/forms/${code}/board`, { year })]);
  const t = data.totals;
  const open = (pid) => go(`/bao-cao/${form.code}/${pid}`);

  const periodPicker = h("select", { "aria-label": "Kỳ báo cáo", onchange: () => open(periodPicker.value) },
    yearBoard.periods.map(({ period }) => h("option", { value: period.id, selected: period.id === periodId }, period.label)));
  if (!yearBoard.periods.some(({ period }) => period.id === periodId)) {
    periodPicker.prepend(h("option", { value: periodId, selected: true }, data.period.label));
  }
  const stat = (num, label, key, tone) => h("div", { class: `stat ${num && tone ? tone : ""}`, dataset: { stat: key } },
    h("span", { class: "num" }, String(num)), h("span", {}, label));

  mount(
    h("p", {}, h("a", { href: "#/bao-cao" }, "‹ Báo cáo định kỳ")),
    h("div", { class: "heading-row" }, h("h1", {}, `${data.form_title} — ${data.period.label}`),
      h("div", { class: "toolbar rtools" }, periodPicker,
        yearSelect(year, (y) => go(`/bao-cao/${form.code}/${periodId}?nam=${y}`), "Năm của biểu đồ"),
        h("button", { type: "button", onclick: () => go(`/bao-cao/${form.code}/${periodId}`) }, "Làm mới"))),
    h("p", { class: "report-meta" }, `Hạn nộp của trường: ${fmtTime(data.period.deadline)} · `,
      `Hạn Phòng gửi tổng hợp: ${fmtTime(data.office.deadline)} · `,
      data.office.finalized ? h("span", { class: "badge r-approved" }, `Đã chốt ${fmtTime(data.office.finalized_at)}${data.office.late ? " (muộn)" : ""}`)
        : h("span", { class: "badge r-draft" }, "Chưa chốt tổng hợp"),
      h("span", { class: "muted" }, ` · Số liệu từ ${fmtDate(data.period.cutoff_start)} đến ${fmtDate(data.period.cutoff_end)}`)),
    h("div", { class: "stats", id: "board-stats" },
      stat(t.expected, "Phải nộp", "expected"), stat(t.submitted, "Đã nộp", "submitted"),
      stat(t.on_time, "Đúng hạn", "on_time"), stat(t.late, "Nộp muộn", "late", "warn"),
      stat(t.missing, "Chưa nộp", "missing", "bad"), stat(t.awaiting_approval, "Chờ duyệt", "awaiting", "warn"),
      stat(t.approved, "Đã duyệt", "approved")),
    h("div", { class: "grid2 board-charts" },
      h("section", { class: "card", id: "completeness-chart" }, h("h2", {}, "Tình hình nộp báo cáo"),
        donut(completenessSegments(t), { total: t.expected, center: [`${t.submitted}/${t.expected}`, "đã nộp"],
          title: `Đã nộp ${t.submitted}/${t.expected}: đúng hạn ${t.on_time}, muộn ${t.late}, chưa nộp ${t.missing}` })),
      h("section", { class: "card", id: "approval-chart" }, h("h2", {}, "Duyệt báo cáo"),
        stackBar([
          { key: "approved", label: "Đã duyệt", value: t.approved, cls: "c-approved" },
          { key: "awaiting", label: "Chờ duyệt", value: t.awaiting_approval, cls: "c-awaiting" },
          { key: "returned", label: "Bị trả lại", value: t.returned, cls: "c-late" },
          { key: "rest", label: "Chưa nộp", value: t.expected - t.approved - t.awaiting_approval - t.returned, cls: "c-none" },
        ], t.expected, { label: "Duyệt" }),
        h("p", {}, `Đã duyệt ${t.approved}/${t.expected}`, t.approved_rate !== null ? ` (${fmtNum(t.approved_rate)}%)` : "",
          ` · chờ duyệt ${t.awaiting_approval} · bị trả lại ${t.returned}`),
        data.by_kind.length > 1 ? [h("h3", {}, "Theo cấp học"), h("div", { class: "kind-bars" }, data.by_kind.map((k) =>
          h("div", { class: "kind-row", dataset: { kind: k.kind } }, h("span", { class: "kind-label" }, k.label),
            stackBar(completenessSegments(k), k.expected, { label: k.label }),
            h("span", { class: "muted" }, `${k.submitted}/${k.expected}`))))] : null)),
    missingCard(data.missing_units, data.units),
    unitsCard(data.units),
    yearCard(yearBoard, periodId, open),
    consolidatedCard(form, data));
}

function missingCard(missing, units) {
  const byCode = new Map(units.map((u) => [u.code, u]));
  return h("section", { class: "card", id: "missing-units" },
    h("h2", {}, `Đơn vị chưa nộp (${missing.length})`),
    missing.length ? h("ul", { class: "chips" }, missing.map((u) => {
      const state = byCode.get(u.code);
      return h("li", { class: "chip" + (state?.status === "not_started" ? " missing" : " progress"), dataset: { unit: u.code } },
        u.name, " ", h("small", { class: "muted" }, state?.status === "not_started" ? "chưa thực hiện" : "đang soạn"));
    })) : h("p", { class: "ok-note" }, "Tất cả đơn vị đã nộp báo cáo."));
}

function unitsCard(units) {
  const body = h("div", {});
  const chips = h("div", { class: "filters", role: "tablist" });
  const show = (key) => {
    const [, , test] = FILTERS.find(([k]) => k === key);
    chips.querySelectorAll("button").forEach((b) => b.setAttribute("aria-selected", String(b.dataset.filter === key)));
    const rows = units.filter(test);
    body.replaceChildren(rows.length ? dataTable(["Đơn vị", "Cấp học", "Trạng thái", "Gửi lần đầu", ""], rows, (u) => [
      u.name, u.kind || "", h("span", {}, reportBadge(u.status, u.status_label), " ", u.late ? lateBadge() : null),
      u.first_submitted_at ? fmtTime(u.first_submitted_at) : "—",
      u.submission_id && u.status !== "draft" ? h("a", { href: `#/bao-cao/ho-so/${u.submission_id}`, class: "button small" },
        u.status === "submitted" ? "Xem và duyệt" : "Xem báo cáo") : ""]) : h("p", { class: "muted" }, "Không có đơn vị nào."));
    body.querySelector("table")?.setAttribute("id", "units-table");
  };
  for (const [key, label, test] of FILTERS) {
    chips.append(h("button", { type: "button", role: "tab", dataset: { filter: key }, onclick: () => show(key) },
      `${label} (${units.filter(test).length})`));
  }
  show(units.some((u) => u.status === "submitted") ? "submitted" : "all");
  return h("section", { class: "card", id: "units" }, h("h2", {}, "Các đơn vị"), chips, body);
}

function yearCard(board, periodId, open) {
  // a period whose data window has not begun is not "missing" yet: drawn pale
  const today = todayVN();
  const groups = board.periods.map(({ period, totals }) => ({ key: period.id, label: period.label,
    short: shortPeriod(period), active: period.id === periodId,
    segments: period.cutoff_start > today && !totals.submitted && !totals.in_progress
      ? [{ key: "future", label: "Chưa đến kỳ báo cáo", value: totals.expected, cls: "c-none" }]
      : completenessSegments(totals) }));
  return h("section", { class: "card", id: "year-chart" },
    h("h2", {}, `Tiến độ các kỳ năm ${board.year}`),
    groups.length ? columns(groups, { onPick: open, max: Math.max(1, board.units.length),
      title: `Số đơn vị nộp báo cáo theo kỳ năm ${board.year}` }) : h("p", { class: "muted" }, "Không có kỳ báo cáo."),
    h("p", { class: "muted" }, "Chọn một cột để mở kỳ đó."),
    gridTable(board));
}

// Units × periods: the state of each report at a glance.
function gridTable(board) {
  if (!board.units.length || !board.periods.length) return null;
  const mark = (cell) => {
    if (!cell || cell.status === "not_started") return ["g-missing", "Chưa thực hiện"];
    if (cell.status === "draft") return ["g-progress", "Đang soạn"];
    if (cell.status === "approved") return ["g-approved", "Đã duyệt"];
    if (cell.status === "returned") return ["g-returned", "Bị trả lại"];
    return [cell.late ? "g-late" : "g-ontime", cell.late ? "Nộp muộn" : "Nộp đúng hạn"];
  };
  return h("details", { class: "grid-details" }, h("summary", {}, "Bảng trạng thái từng đơn vị theo kỳ"),
    h("div", { class: "table-wrap" }, h("table", { class: "state-grid" },
      h("thead", {}, h("tr", {}, h("th", {}, "Đơn vị"), board.periods.map(({ period }) => h("th", { title: period.label }, shortPeriod(period))))),
      h("tbody", {}, board.units.map((u) => h("tr", {}, h("td", {}, u.name), board.periods.map(({ period }) => {
        const [cls, label] = mark(board.grid[u.code]?.[period.id]);
        return h("td", { class: `cell ${cls}`, title: `${u.name} — ${period.label}: ${label}` }, h("span", { class: "sr" }, label));
      })))))));
}

// ---------------------------------------------------------------- consolidation
function consolidatedCard(form, data) {
  const base = `${API}/forms/${encodeURIComponent(form.code)}/periods/${encodeURIComponent(data.period.id)}`;
  const basis = h("select", { "aria-label": "Cơ sở tổng hợp" },
    h("option", { value: "approved" }, "Báo cáo đã duyệt"), h("option", { value: "submitted" }, "Đã duyệt và đang chờ duyệt"));
  const table = h("div", { id: "consolidated" });
  const links = h("div", { class: "export-links", id: "export-links", "aria-live": "polite" });
  const load = async () => {
    const c = await get(`${base}/consolidated`, { basis: basis.value });
    table.replaceChildren(h("p", { class: "muted" }, `Tổng hợp từ ${c.units_included}/${c.units_expected} đơn vị.`),
      ...c.sections.map((s) => h("div", {}, h("h3", {}, `${s.code}. ${s.title}`), dataTable(
        ["Chỉ tiêu", "Đơn vị tính", "Tổng hợp", "Số đơn vị"], s.fields, (f) => [f.label, f.unit, resultText(f), String(f.reporting_units)]))));
    if (c.finalized) links.replaceChildren(exportLinks(c.finalized, "Báo cáo đã chốt"));
  };
  basis.addEventListener("change", () => load().catch((err) => toast(err.message, true)));
  const exportButton = h("button", { type: "button", class: "primary" }, "Xuất báo cáo tổng hợp");
  exportButton.addEventListener("click", () => busy(exportButton, async () => {
    const result = await post(`${base}/exports`, { basis: basis.value });
    links.replaceChildren(exportLinks(result, "Báo cáo vừa xuất"));
    toast("Đã tạo báo cáo tổng hợp.");
  }));
  const actions = h("div", { class: "actions" }, basis,
    hasRole("lanh_dao") || hasRole("chuyen_vien") || hasRole("van_thu") ? exportButton : null);
  if (isLeader() && !data.office.finalized) {
    const finalize = h("button", { type: "button" }, "Chốt báo cáo tổng hợp");
    finalize.addEventListener("click", () => busy(finalize, async () => {
      const result = await post(`${base}/finalize`);
      links.replaceChildren(exportLinks(result, "Báo cáo đã chốt"));
      finalize.remove();
      toast(result.late ? "Đã chốt báo cáo tổng hợp (sau hạn của Phòng)." : "Đã chốt báo cáo tổng hợp.");
    }));
    actions.append(finalize);
  }
  load().catch((err) => table.replaceChildren(h("p", { class: "form-error" }, err.message)));
  return h("section", { class: "card", id: "consolidation" }, h("h2", {}, "Báo cáo tổng hợp"),
    h("p", { class: "muted" }, "Số liệu các trường được cộng, lấy trung bình hoặc đếm theo quy định của biểu mẫu. ",
      "Chốt báo cáo tổng hợp dùng số liệu đã duyệt."),
    actions, links, table);
}

function exportLinks(result, title) {
  return h("div", { class: "ok-note" }, `${title} (${result.units_included}/${result.units_expected} đơn vị`,
    result.finalized ? `, chốt ${fmtTime(result.finalized_at)}${result.late ? ", sau hạn" : ""}` : "", "): ",
    h("a", { href: result.docx.url, download: result.docx.file.name, dataset: { format: "docx" } }, "Tải .docx"), " · ",
    h("a", { href: result.xlsx.url, download: result.xlsx.file.name, dataset: { format: "xlsx" } }, "Tải .xlsx"));
}

function resultText(f) {
  if (f.option_counts) return f.option_counts.map((o) => `${o.label}: ${o.count}`).join("; ");
  if (f.texts) return f.texts.length ? `${f.texts.length} ý kiến` : "—";
  if (f.value === null || f.value === undefined) return "—";
  if (f.aggregation === "count") return `${fmtNum(f.value)} đơn vị`;
  return f.type === "percent" && !f.unit ? `${fmtNum(f.value)}%` : fmtNum(f.value);
}
