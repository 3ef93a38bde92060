// Cuộc họp của tôi: a list with filters, a week or day calendar, the .ics
// export for Outlook/Google Calendar, and "Lên lịch họp" for those who organise.
import { get } from "../api.js";
import { field, h, mount, pager } from "../ui.js";
import { go, link } from "../nav.js";
import { hasRole, isLeader } from "../session.js";
import { addDays, clock, dayLabel, meetingBadge, STATUSES, today, whenText } from "./meeting_widgets.js";

const VIEWS = [["list", "Danh sách"], ["week", "Lịch tuần"], ["day", "Lịch ngày"]];

export async function render({ params }) {
  const view = VIEWS.some(([v]) => v === params.get("view")) ? params.get("view") : "list";
  const tabs = h("div", { class: "tabs", role: "tablist" }, VIEWS.map(([v, label]) => h("a", {
    href: link("/hop", { view: v === "list" ? "" : v, date: v === "list" ? "" : params.get("date") || "" }),
    class: v === view ? "active" : "", role: "tab", "aria-selected": String(v === view) }, label)));
  const canSchedule = isLeader() || hasRole("chuyen_vien");
  const header = h("div", { class: "heading-row" }, h("h1", {}, "Cuộc họp"),
    h("div", { class: "toolbar" },
      h("a", { class: "button", href: "/api/v1/meetings/calendar.ics", download: "lich-hop.ics",
        title: "Nhập vào Outlook, Google Calendar hoặc lịch điện thoại" }, "Tải lịch (.ics)"),
      canSchedule ? h("a", { class: "button primary", href: "#/hop/moi" }, "Lên lịch họp") : null));
  const body = view === "list" ? await listView(params) : await calendarView(view, params);
  mount(header, tabs, body);
}

// ---------------------------------------------------------------- list
async function listView(params) {
  const query = { scope: params.get("scope") || "mine", q: params.get("q") || "", status: params.get("status") || "",
    date_from: params.get("date_from") || "", date_to: params.get("date_to") || "" };
  const page = Number(params.get("page") || 1);
  const result = await get("/api/v1/meetings", { ...query, page, page_size: 20 });
  const q = h("input", { type: "search", name: "q", value: query.q, placeholder: "Tên cuộc họp (có dấu hoặc không dấu)" });
  const status = h("select", { name: "status" }, h("option", { value: "" }, "Tất cả"),
    Object.entries(STATUSES).map(([v, label]) => h("option", { value: v, selected: v === query.status }, label)));
  const scope = h("select", { name: "scope" }, h("option", { value: "mine" }, "Tôi được mời"),
    h("option", { value: "unit", selected: query.scope === "unit" }, "Đơn vị tôi tổ chức"));
  const from = h("input", { type: "date", name: "date_from", value: query.date_from });
  const to = h("input", { type: "date", name: "date_to", value: query.date_to });
  const form = h("form", { class: "card", role: "search" },
    h("div", { class: "row" }, field("Tìm kiếm", q), h("button", { type: "submit", class: "primary shrink" }, "Tìm")),
    h("div", { class: "row" }, field("Trạng thái", status), isLeader() ? field("Phạm vi", scope) : null,
      field("Từ ngày", from), field("Đến ngày", to)));
  const apply = (next = 1) => {
    const data = new FormData(form);
    go(link("/hop", { q: data.get("q"), status: data.get("status"), scope: data.get("scope") === "unit" ? "unit" : "",
      date_from: data.get("date_from"), date_to: data.get("date_to"), page: next > 1 ? next : "" }).slice(1));
  };
  form.addEventListener("submit", (e) => { e.preventDefault(); apply(); });
  form.addEventListener("change", (e) => { if (e.target.type !== "search") apply(); });
  const p = pager(page, result.page_size, result.total, apply);
  p.querySelector("span").textContent = `Trang ${page}/${Math.max(1, Math.ceil(result.total / result.page_size))} · ${result.total} cuộc họp`;
  return h("div", {}, form,
    result.items.length ? h("ul", { class: "doclist", id: "meeting-list" }, result.items.map(meetingRow))
      : h("p", { class: "muted" }, "Không có cuộc họp phù hợp."), p);
}

export function meetingRow(m) {
  const live = m.status === "in_progress";
  return h("li", {}, h("a", { class: `doc meeting${live ? " live" : ""}${m.status === "cancelled" ? " cancelled" : ""}`,
    href: `#/hop/${m.meeting_id}`, dataset: { meeting: m.meeting_id } },
  h("div", { class: "top" }, meetingBadge(m.status, m.status_label), h("strong", {}, whenText(m.starts_at, m.ends_at)),
    h("span", {}, m.kind_label)),
  h("div", { class: "summary" }, m.title),
  h("div", { class: "muted" }, [m.place, m.online_url ? "Họp trực tuyến" : null, m.chair_name ? `Chủ trì: ${m.chair_name}` : null,
    m.my_role_label ? `Tôi: ${m.my_role_label}` : null, m.my_response_label && m.my_role !== "chair" && m.my_role !== "secretary"
      ? m.my_response_label : null].filter(Boolean).join(" · "),
  m.cancel_reason ? ` · Lý do hủy: ${m.cancel_reason}` : "")));
}

// ---------------------------------------------------------------- calendar
async function calendarView(view, params) {
  const day = params.get("date") || today();
  const data = await get("/api/v1/meetings/calendar", { view, date: day });
  const step = view === "week" ? 7 : 1;
  const nav = h("div", { class: "toolbar calendar-nav" },
    h("a", { class: "button", href: link("/hop", { view, date: addDays(day, -step) }), "aria-label": "Trước" }, "‹ Trước"),
    h("a", { class: "button", href: link("/hop", { view, date: today() }) }, "Hôm nay"),
    h("a", { class: "button", href: link("/hop", { view, date: addDays(day, step) }), "aria-label": "Sau" }, "Sau ›"),
    h("strong", {}, view === "week" ? `Tuần ${dayLabel(data.days[0].date).split(", ")[1]} – ${dayLabel(data.days[data.days.length - 1].date).split(", ")[1]}`
      : dayLabel(day)));
  const now = today();
  const columns = data.days.map((d) => h("section", { class: `cal-day${d.date === now ? " today" : ""}`, dataset: { date: d.date } },
    h("h3", {}, dayLabel(d.date)),
    d.meetings.length ? d.meetings.map((m) => h("a", { class: `cal-item m-${m.status}`, href: `#/hop/${m.meeting_id}` },
      h("span", { class: "cal-time" }, `${clock(m.starts_at)}–${clock(m.ends_at)}`),
      h("span", { class: "cal-title" }, m.title),
      h("span", { class: "muted" }, [m.place || (m.online_url ? "Trực tuyến" : ""), m.status === "cancelled" ? "Đã hủy" : ""]
        .filter(Boolean).join(" · "))))
      : h("p", { class: "muted" }, "Không có lịch họp.")));
  return h("div", {}, nav, h("div", { class: `calendar ${view}`, id: "meeting-calendar" }, columns));
}
