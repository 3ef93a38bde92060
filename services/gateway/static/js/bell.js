// The notification bell in the top bar: the unread count, polled every 30 s,
// and refreshed after any change the app makes and when the tab comes back.
import { get } from "./api.js";
import { h } from "./ui.js";
import { session } from "./session.js";

const POLL_MS = 30_000;

const count = h("span", { class: "bell-count", dataset: { test: "bell-count" }, hidden: true }, "0");
const element = h("a", { href: "#/thong-bao", class: "bell", title: "Thông báo", "aria-label": "Thông báo" },
  bellIcon(), count);
let timer = null;
let pending = null;

// The bell (one element, kept across pages), polling once the app is signed in.
export function bell() {
  if (!timer) {
    timer = setInterval(refreshBell, POLL_MS);
    window.addEventListener("eoffice:changed", () => { clearTimeout(pending); pending = setTimeout(refreshBell, 300); });
    document.addEventListener("visibilitychange", () => { if (!document.hidden) refreshBell(); });
  }
  refreshBell();
  return element;
}

export async function refreshBell() {
  if (!session.me || document.hidden) return;
  try {
    const { unread, available } = await get("/api/v1/notifications/unread-count");
    showCount(available ? unread : null);
  } catch { /* the next poll tries again */ }
}

export function showCount(unread) {
  const known = unread !== null && unread !== undefined;
  count.textContent = !known ? "?" : unread > 99 ? "99+" : String(unread);
  count.hidden = known && unread === 0;
  count.dataset.unread = known ? String(unread) : "";
  const label = !known ? "Thông báo (tạm thời không tải được)" : unread ? `Thông báo: ${unread} chưa đọc` : "Thông báo: không có thông báo mới";
  element.setAttribute("aria-label", label);
  element.title = label;
}

// A constant SVG (no server data), parsed by the HTML parser, which puts <svg>
// in the SVG namespace by itself.
function bellIcon() {
  const template = document.createElement("template");
  template.innerHTML = '<svg class="bell-icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M12 22a2.5 2.5 0 0 0 '
    + '2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1z"/></svg>';
  return template.content.firstElementChild;
}
