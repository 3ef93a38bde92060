import { get } from "../api.js";
import { h, mount } from "../ui.js";
import { link } from "../nav.js";
import { session } from "../session.js";
import { itemRow } from "./widgets.js";

export async function render() {
  const data = await get("/api/v1/dashboard");
  const c = data.counts;
  const stat = (num, label, href, tone) => h("a", { class: `stat ${tone || ""}`, href, dataset: { stat: label } },
    h("span", { class: "num" }, num), h("span", {}, label));
  mount(
    h("h1", {}, `Xin chào, ${session.me.user.full_name}`),
    h("div", { class: "stats" },
      stat(c.unprocessed, "Chưa xử lý", link("/den")),
      stat(c.to_register, "Chờ vào sổ", link("/den", { status: "01" })),
      stat(c.overdue, "Quá hạn", link("/den", { overdue: "true" }), c.overdue ? "bad" : ""),
      stat(c.due_soon, "Sắp đến hạn", link("/den", { assigned_to: "me" }), c.due_soon ? "warn" : "")),
    data.my_tasks.length ? [h("h2", {}, "Việc tôi chủ trì"), h("ul", { class: "doclist" }, data.my_tasks.map(itemRow))] : null,
    h("h2", {}, "Văn bản đến mới nhất"),
    data.latest.length ? h("ul", { class: "doclist" }, data.latest.map(itemRow))
      : h("p", { class: "muted" }, "Chưa có văn bản đến."),
    h("p", {}, h("a", { href: "#/den" }, "Xem tất cả văn bản đến ›")));
}
