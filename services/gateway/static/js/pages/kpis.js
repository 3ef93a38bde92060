// #/chi-so: the administrative-reform KPIs of a period, built by the reporting
// service from the documents' and meetings' events — overall tiles, then a
// chart per measure with a bar for each unit, and the full table.
import { get } from "../api.js";
import { dataTable, h, mount } from "../ui.js";
import { go, link } from "../nav.js";
import { donut, fmtNum, fmtPct, hbars } from "./charts.js";
import { PERIOD_TYPES, currentPeriod, todayVN, yearSelect } from "./reportkit.js";

const TYPE_OF = { M: "monthly", Q: "quarterly", H: "half_yearly", "9M": "nine_months", Y: "yearly" };

function typeOf(periodId) {
  const m = /^\d{4}-(M|Q|H|9M|Y)/.exec(periodId || "");
  return m ? TYPE_OF[m[1]] : null;
}

export async function render({ params }) {
  let periodId = params.get("ky");
  const type = params.get("loai") || typeOf(periodId) || "quarterly";
  const year = Number(params.get("nam")) || Number((periodId || todayVN()).slice(0, 4));
  const periods = (await get("/api/v1/reports/periods", { period_type: type, year })).items;
  if (!periodId || !periods.some((p) => p.id === periodId)) periodId = currentPeriod(periods)?.id;
  const data = await get("/api/v1/kpis", { period_id: periodId });
  const showAll = params.get("tat-ca") === "1";
  const to = (changes) => go(link("/chi-so", { loai: type, nam: year, ky: periodId, "tat-ca": showAll ? "1" : "", ...changes }).slice(1));

  const typePicker = h("select", { "aria-label": "Loại kỳ", onchange: () => to({ loai: typePicker.value, ky: "" }) },
    PERIOD_TYPES.map(([v, label]) => h("option", { value: v, selected: v === type }, label)));
  const periodPicker = h("select", { "aria-label": "Kỳ", onchange: () => to({ ky: periodPicker.value }) },
    periods.map((p) => h("option", { value: p.id, selected: p.id === periodId }, p.label)));
  const all = h("input", { type: "checkbox", checked: showAll, onchange: () => to({ "tat-ca": all.checked ? "1" : "" }) });

  const t = data.total;
  const active = (u) => u.kpis.documents_received || u.kpis.documents_completed || u.kpis.documents_overdue || u.kpis.meetings_held;
  const units = showAll ? data.units : data.units.filter(active);
  const tile = (value, label, key, tone) => h("div", { class: `stat ${tone || ""}`, dataset: { kpi: key } },
    h("span", { class: "num" }, value), h("span", {}, label));
  const byValue = (pick) => units.map((u) => ({ key: u.code, label: u.name, value: pick(u.kpis), kpis: u.kpis }))
    .sort((a, b) => (b.value ?? -1) - (a.value ?? -1));

  mount(
    h("div", { class: "heading-row" }, h("h1", {}, "Chỉ số cải cách hành chính"),
      h("div", { class: "toolbar rtools" }, typePicker, yearSelect(year, (y) => to({ nam: y, ky: "" })), periodPicker)),
    h("p", { class: "muted" }, `${data.period.label} · số liệu từ ${data.period.cutoff_start.split("-").reverse().join("/")} `,
      `đến ${data.period.cutoff_end.split("-").reverse().join("/")} (Nghị định 09/2019/NĐ-CP), tự động từ văn bản và cuộc họp trên hệ thống.`),
    h("div", { class: "stats", id: "kpi-tiles" },
      tile(fmtNum(t.documents_received), "Văn bản đến", "received"),
      tile(fmtPct(t.on_time_rate), "Xử lý đúng hạn", "on_time_rate", t.on_time_rate !== null && t.on_time_rate < 80 ? "warn" : ""),
      tile(fmtNum(t.documents_overdue), "Văn bản quá hạn", "overdue", t.documents_overdue ? "bad" : ""),
      tile(t.average_processing_days === null ? "—" : `${fmtNum(t.average_processing_days)}`, "Ngày xử lý trung bình", "days"),
      tile(fmtNum(t.meetings_held), "Cuộc họp", "meetings"),
      tile(fmtPct(t.paperless_share), "Họp không giấy", "paperless"),
      tile(fmtPct(t.attendance_rate), "Tỷ lệ tham dự họp", "attendance")),
    h("label", { class: "check" }, all, "Hiện cả đơn vị chưa có số liệu trong kỳ"),
    h("div", { class: "grid2 kpi-charts" },
      chartCard("chart-on-time", "Tỷ lệ văn bản xử lý đúng hạn", hbars(
        byValue((k) => k.on_time_rate).filter((r) => r.value !== null || showAll).map((r) => ({ ...r,
          cls: r.value === null ? "none" : r.value >= 90 ? "ok" : r.value >= 70 ? "warn" : "bad",
          note: `${r.kpis.documents_on_time}/${r.kpis.documents_completed}` })),
        { max: 100, format: fmtPct, empty: "Chưa có văn bản hoàn thành trong kỳ." })),
      chartCard("chart-documents", "Văn bản đến và quá hạn", hbars(
        byValue((k) => k.documents_received).map((r) => ({ ...r, note: r.kpis.documents_overdue ? `${r.kpis.documents_overdue} quá hạn` : "" })),
        { cls: "brand", empty: "Chưa có văn bản đến trong kỳ." })),
      chartCard("chart-days", "Số ngày xử lý trung bình", hbars(
        byValue((k) => k.average_processing_days).filter((r) => r.value !== null),
        { cls: "brand", format: (v) => `${fmtNum(v)} ngày`, empty: "Chưa có văn bản hoàn thành trong kỳ." })),
      chartCard("chart-meetings", "Họp không giấy", t.meetings_held ? [
        donut([{ key: "paperless", label: "Không giấy", value: t.meetings_paperless, cls: "c-ontime" },
          { key: "paper", label: "Có dùng giấy", value: t.meetings_held - t.meetings_paperless, cls: "c-none" }],
        { center: [fmtPct(t.paperless_share), "không giấy"] }),
        h("h3", {}, "Tỷ lệ tham dự họp theo đơn vị"),
        hbars(byValue((k) => k.attendance_rate).filter((r) => r.value !== null),
          { max: 100, format: fmtPct, cls: "ok", empty: "Chưa có số liệu tham dự." })]
        : h("p", { class: "muted" }, "Chưa có cuộc họp nào trong kỳ."))),
    h("section", { class: "card" }, h("h2", {}, "Bảng chỉ số theo đơn vị"),
      units.length ? dataTable(["Đơn vị", "VB đến", "Hoàn thành", "Đúng hạn", "Quá hạn", "Ngày xử lý TB", "Cuộc họp", "Không giấy", "Tham dự"],
        units, (u) => [u.name, fmtNum(u.kpis.documents_received), fmtNum(u.kpis.documents_completed), fmtPct(u.kpis.on_time_rate),
          fmtNum(u.kpis.documents_overdue), fmtNum(u.kpis.average_processing_days), fmtNum(u.kpis.meetings_held),
          fmtPct(u.kpis.paperless_share), fmtPct(u.kpis.attendance_rate)])
        : h("p", { class: "muted" }, "Chưa có số liệu trong kỳ.")));
}

function chartCard(id, title, content) {
  return h("section", { class: "card", id }, h("h2", {}, title), content);
}
