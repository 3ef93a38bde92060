// Thông báo: my notices, newest first; opening one marks it read and goes to
// what it is about. Urgent ones stand out; the filter lives in the URL.
import { get, post } from "../api.js";
import { busy, fmtTime, h, mount, toast } from "../ui.js";
import { go, link } from "../nav.js";
import { showCount } from "../bell.js";

const PAGE_SIZE = 20;

// The notices' links (/app/...) as the web app's pages; null: no page here yet.
// The server answers the same links (from e-mails) with services/gateway/links.py.
const APP_ROUTES = [
  [/^\/app\/incoming\/([\w-]+)$/, (id) => `/den/${id}`],
  [/^\/app\/incoming$/, () => "/den"],
  [/^\/app\/outgoing\/([\w-]+)$/, (id) => `/di/${id}`],
  [/^\/app\/meetings\/([\w-]+)\/room$/, (id) => `/hop/${id}/phong`],
  [/^\/app\/meetings\/([\w-]+)$/, (id) => `/hop/${id}`],
  [/^\/app\/reports\/([\w.-]+)\/([\w-]+)$/, (form, period) => `/bao-cao/${form}/${period}`],
  [/^\/app\/notifications\/preferences$/, () => "/thong-bao/cai-dat"],
];

export function appRoute(target) {
  for (const [pattern, page] of APP_ROUTES) {
    const m = pattern.exec(target || "");
    if (m) return page(...m.slice(1));
  }
  return null;
}

export async function render({ params }) {
  const unreadOnly = params.get("unread") === "1";
  const page = Number(params.get("page") || 1);
  const result = await get("/api/v1/notifications", { unread_only: unreadOnly, page, page_size: PAGE_SIZE });
  showCount(result.unread);
  const reload = (changes) => go(link("/thong-bao", { unread: unreadOnly ? "1" : "", page: "", ...changes }).slice(1));

  const filter = h("input", { type: "checkbox", name: "unread", checked: unreadOnly,
    onchange: (e) => reload({ unread: e.target.checked ? "1" : "" }) });
  const readAll = h("button", { type: "button", disabled: !result.unread }, "Đánh dấu tất cả đã đọc");
  readAll.addEventListener("click", () => busy(readAll, async () => {
    const done = await post("/api/v1/notifications/read-all");
    showCount(done.unread);
    toast(`Đã đánh dấu ${done.updated} thông báo là đã đọc.`);
    reload({});
  }));

  const open = async (event, note) => {
    event.preventDefault();
    try {
      if (!note.read) showCount((await post("/api/v1/notifications/read", { ids: [note.notification_id] })).unread);
    } catch (err) { toast(err.message, true); }
    const route = appRoute(note.link);
    if (route) go(route);
    else { toast("Nội dung này chưa có trang trong ứng dụng web."); reload({ page: page > 1 ? page : "" }); }
  };
  const row = (note) => h("li", {}, h("a", {
    class: "note" + (note.read ? "" : " unread") + (note.urgent ? " urgent" : ""),
    href: appRoute(note.link) ? "#" + appRoute(note.link) : "#/thong-bao",
    dataset: { notification: note.notification_id }, onclick: (e) => open(e, note) },
  h("div", { class: "top" },
    note.read ? null : h("span", { class: "dot", title: "Chưa đọc" }),
    note.urgent ? h("span", { class: "badge urgent" }, "Khẩn") : null,
    h("span", {}, fmtTime(note.created_at))),
  h("div", { class: "title" }, note.title),
  note.text ? h("div", { class: "muted" }, note.text) : null));

  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  mount(
    h("div", { class: "heading-row" }, h("h1", {}, "Thông báo"),
      h("a", { href: "#/thong-bao/cai-dat", class: "button" }, "Cài đặt thông báo")),
    h("div", { class: "card toolbar" },
      h("label", { class: "check" }, filter, "Chỉ thông báo chưa đọc"),
      h("span", { class: "muted", dataset: { test: "unread-total" } }, `${result.unread} chưa đọc`), readAll),
    result.items.length ? h("ul", { class: "doclist", id: "notification-list" }, result.items.map(row))
      : h("p", { class: "muted" }, unreadOnly ? "Không có thông báo chưa đọc." : "Chưa có thông báo nào."),
    h("div", { class: "pager" },
      h("button", { disabled: page <= 1, onclick: () => reload({ page: page - 1 > 1 ? page - 1 : "" }) }, "‹ Trước"),
      h("span", { class: "muted" }, `Trang ${page}/${pages} · ${result.total} thông báo`),
      h("button", { disabled: page >= pages, onclick: () => reload({ page: page + 1 }) }, "Sau ›")));
}
