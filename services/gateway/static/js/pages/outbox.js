import { get } from "../api.js";
import { field, h, mount, pager } from "../ui.js";
import { go, link } from "../nav.js";
import { documentRow } from "./widgets.js";

export async function render({ params }) {
  const q = params.get("q") || "";
  const status = params.get("status") || "";
  const page = Number(params.get("page") || 1);
  const result = await get("/api/v1/documents", { q, status, page, page_size: 20 });
  const search = h("input", { type: "search", name: "q", value: q, placeholder: "Số ký hiệu, trích yếu" });
  const select = h("select", { name: "status" }, h("option", { value: "" }, "Tất cả"),
    h("option", { value: "draft", selected: status === "draft" }, "Dự thảo"),
    h("option", { value: "issued", selected: status === "issued" }, "Đã phát hành"));
  const apply = (nextPage = 1) => go(link("/di", { q: search.value, status: select.value, page: nextPage > 1 ? nextPage : "" }).slice(1));
  const form = h("form", { class: "card", role: "search" },
    h("div", { class: "row" }, field("Tìm kiếm", search), field("Tình trạng", select),
      h("button", { type: "submit", class: "primary shrink" }, "Tìm")));
  form.addEventListener("submit", (e) => { e.preventDefault(); apply(); });
  select.addEventListener("change", () => apply());
  mount(h("div", { class: "row" }, h("h1", {}, "Văn bản đi"),
    h("a", { class: "button primary shrink", href: "#/di/soan" }, "+ Soạn văn bản")),
  form,
  result.items.length ? h("ul", { class: "doclist" }, result.items.map(documentRow)) : h("p", { class: "muted" }, "Chưa có văn bản."),
  pager(page, result.page_size, result.total, apply));
}
