// The web app: a hash router over small page modules.
import { post, whenLoggedOut } from "./api.js";
import { h, mount, toast } from "./ui.js";
import { go } from "./nav.js";
import { isAdmin, isClerk, loadSession, session } from "./session.js";
import { bell } from "./bell.js";
import * as login from "./pages/login.js";
import * as dashboard from "./pages/dashboard.js";
import * as inbox from "./pages/inbox.js";
import * as item from "./pages/item.js";
import * as outbox from "./pages/outbox.js";
import * as compose from "./pages/compose.js";
import * as documentPage from "./pages/document.js";
import * as registers from "./pages/registers.js";
import * as account from "./pages/account.js";
import * as admin from "./pages/admin.js";
import * as notifications from "./pages/notifications.js";
import * as preferences from "./pages/preferences.js";
import * as paper from "./pages/paper.js";
import * as meetings from "./pages/meetings.js";
import * as meeting from "./pages/meeting.js";
import * as room from "./pages/room.js";
import * as meetingForm from "./pages/meeting_form.js";
import * as reports from "./pages/reports.js";
import * as report from "./pages/report.js";
import * as kpis from "./pages/kpis.js";
import * as submission from "./pages/submission.js";

// [pattern, page, nav key]; the first match wins.
const ROUTES = [
  [/^\/dang-nhap$/, login, null],
  [/^\/$/, dashboard, "home"],
  [/^\/den$/, inbox, "in"],
  [/^\/vao-so$/, paper, "paper"],
  [/^\/den\/([\w-]+)$/, item, "in"],
  [/^\/di$/, outbox, "out"],
  [/^\/di\/soan$/, compose, "compose"],
  [/^\/di\/([\w-]+)\/sua$/, compose, "compose"],
  [/^\/di\/([\w-]+)$/, documentPage, "out"],
  [/^\/so-van-ban$/, registers, "registers"],
  [/^\/tai-khoan$/, account, null],
  [/^\/quan-tri$/, admin, "admin"],
  [/^\/thong-bao$/, notifications, null],
  [/^\/thong-bao\/cai-dat$/, preferences, null],
  [/^\/hop$/, meetings, "meetings"],
  [/^\/hop\/moi$/, meetingForm, "meetings"],
  [/^\/hop\/([\w-]+)\/sua$/, meetingForm, "meetings"],
  [/^\/hop\/([\w-]+)$/, meeting, "meetings"],
  [/^\/hop\/([\w-]+)\/phong$/, room, "meetings"],
  [/^\/bao-cao$/, reports, "reports"],
  [/^\/bao-cao\/ho-so\/([\w-]+)$/, submission, "reports"],
  [/^\/bao-cao\/([\w.-]+)\/([\w-]+)$/, report, "reports"],
  [/^\/chi-so$/, kpis, "reports"],
];

const NAV = [["home", "#/", "Tổng quan"], ["in", "#/den", "Văn bản đến"], ["out", "#/di", "Văn bản đi"],
  ["compose", "#/di/soan", "Soạn văn bản"], ["registers", "#/so-van-ban", "Sổ văn bản"],
  ["meetings", "#/hop", "Cuộc họp"], ["reports", "#/bao-cao", "Báo cáo"]];

function parseHash() {
  const raw = decodeURIComponent(location.hash.slice(1) || "/");
  const [path, query = ""] = raw.split("?");
  return { path, params: new URLSearchParams(query) };
}

async function render() {
  const { path, params } = parseHash();
  const route = ROUTES.find(([pattern]) => pattern.test(path));
  if (!route) { mount(h("h1", {}, "Không tìm thấy trang"), h("a", { href: "#/" }, "Về trang chủ")); return; }
  const [pattern, page, key] = route;
  if (page !== login && !session.me) {
    try { await loadSession(); } catch { return go("/dang-nhap?next=" + encodeURIComponent(path)); }
  }
  renderChrome(page === login ? null : key);
  try {
    await page.render({ params, args: path.match(pattern).slice(1) });
  } catch (err) {
    mount(h("h1", {}, "Không mở được trang"), h("p", { class: "form-error" }, err.message));
  }
}

function renderChrome(active) {
  const bar = document.getElementById("topbar");
  bar.hidden = active === null && !session.me;
  if (!session.me) return;
  const items = [...NAV, ...(isClerk() ? [["paper", "#/vao-so", "Vào sổ VB giấy"]] : []),
    ...(isAdmin() ? [["admin", "#/quan-tri", "Quản trị"]] : [])];
  document.getElementById("nav").replaceChildren(...items.map(([k, href, text]) =>
    h("a", { href, class: k === active ? "active" : "" }, text)));
  const { user, unit } = session.me;
  document.getElementById("who").replaceChildren(bell(),
    h("span", {}, `${user.full_name} · ${unit?.short_name ?? ""}`),
    h("a", { href: "#/tai-khoan" }, "Tài khoản"),
    h("button", { type: "button", onclick: logout }, "Đăng xuất"));
}

async function logout() {
  try { await post("/api/v1/auth/logout"); } catch { /* already gone */ }
  session.me = null;
  go("/dang-nhap");
}

whenLoggedOut(() => {
  if (!session.me) return;
  session.me = null;
  toast("Phiên đăng nhập đã kết thúc. Vui lòng đăng nhập lại.", true);
  go("/dang-nhap");
});
// Pages render one after another: a page still waiting for its data when the
// person moves on must not draw over the newer page when its answer comes in
// late. Each render reads the address when it starts, so one queued render is
// enough however many changes come meanwhile; a render that hangs holds the
// queue for at most RENDER_WAIT_MS.
const RENDER_WAIT_MS = 8000;
let queue = Promise.resolve();
let queued = false;
function scheduleRender() {
  if (queued) return;
  queued = true;
  const previous = queue;
  queue = Promise.race([previous, new Promise((done) => setTimeout(done, RENDER_WAIT_MS))])
    .then(() => { queued = false; return render(); })
    .catch(() => {});
}
window.addEventListener("hashchange", scheduleRender);
scheduleRender();
