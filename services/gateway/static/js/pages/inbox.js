// Hộp văn bản đến: filters live in the URL, so a filtered list can be bookmarked.
import { get } from "../api.js";
import { field, h, mount, pager } from "../ui.js";
import { go, link } from "../nav.js";
import { session } from "../session.js";
import { itemRow } from "./widgets.js";

const FILTERS = ["q", "status", "type_code", "urgent_only", "overdue", "date_from", "date_to", "assigned_to", "include_inactive"];

export async function render({ params }) {
  const query = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) || ""]));
  const page = Number(params.get("page") || 1);
  const result = await get("/api/v1/inbox", { ...query, page, page_size: 20 });

  const q = h("input", { type: "search", name: "q", value: query.q, placeholder: "Số ký hiệu, trích yếu (gõ có dấu hoặc không dấu)" });
  const status = h("select", { name: "status" }, h("option", { value: "" }, "Tất cả"),
    session.catalog.statuses.map((st) => h("option", { value: st.code, selected: st.code === query.status }, st.label)));
  const type = h("select", { name: "type_code" }, h("option", { value: "" }, "Tất cả"),
    session.catalog.document_types.map((t) => h("option", { value: t.code, selected: t.code === query.type_code }, t.label)));
  const dateFrom = h("input", { type: "date", name: "date_from", value: query.date_from });
  const dateTo = h("input", { type: "date", name: "date_to", value: query.date_to });
  const checkbox = (name, label) => h("label", { class: "check" },
    h("input", { type: "checkbox", name, checked: query[name] === "true" || (name === "assigned_to" && query[name] === "me") }), label);
  const form = h("form", { class: "card", role: "search" },
    h("div", { class: "row" }, field("Tìm kiếm", q), h("button", { type: "submit", class: "primary shrink" }, "Tìm")),
    h("div", { class: "row" }, field("Trạng thái", status), field("Loại văn bản", type), field("Từ ngày", dateFrom), field("Đến ngày", dateTo)),
    h("div", { class: "row" }, checkbox("urgent_only", "Chỉ văn bản khẩn"), checkbox("overdue", "Quá hạn"),
      checkbox("assigned_to", "Tôi chủ trì"), checkbox("include_inactive", "Cả văn bản đã thu hồi")));
  const apply = (nextPage = 1) => {
    const data = new FormData(form);
    const params = { q: data.get("q"), status: data.get("status"), type_code: data.get("type_code"),
      date_from: data.get("date_from"), date_to: data.get("date_to"),
      urgent_only: data.has("urgent_only") ? "true" : "", overdue: data.has("overdue") ? "true" : "",
      assigned_to: data.has("assigned_to") ? "me" : "", include_inactive: data.has("include_inactive") ? "true" : "",
      page: nextPage > 1 ? nextPage : "" };
    go(link("/den", params).slice(1));
  };
  form.addEventListener("submit", (e) => { e.preventDefault(); apply(); });
  form.addEventListener("change", (e) => { if (e.target.type !== "search") apply(); });

  mount(h("h1", {}, "Văn bản đến"), form,
    result.items.length ? h("ul", { class: "doclist", id: "inbox-list" }, result.items.map(itemRow))
      : h("p", { class: "muted" }, "Không có văn bản phù hợp."),
    pager(page, result.page_size, result.total, apply));
}
