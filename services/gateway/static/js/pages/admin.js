// Quản trị: people of a unit (add, roles, lock/unlock, reset password), units,
// webhooks (other systems receiving notices) and the audit log.
import { api, del, get, patch, post } from "../api.js";
import { busy, dataTable, field, fmtTime, h, mount, toast } from "../ui.js";
import { go, link } from "../nav.js";
import { session } from "../session.js";

const ROLE_NAMES = () => Object.fromEntries(session.catalog.roles.map((r) => [r.code, r.label]));

export async function render({ params }) {
  const [units, audit] = await Promise.all([get("/api/v1/admin/units"), get("/api/v1/admin/audit", { page_size: 30 })]);
  // webhooks live in the notifications service: the rest of the page works without it
  const [hooks, prefs] = await Promise.all([get("/api/v1/admin/webhooks"), get("/api/v1/notifications/preferences")])
    .catch(() => [null, null]);
  const unitCode = params.get("unit") || session.me.user.unit_code;
  const users = (await get("/api/v1/admin/users", { unit_code: unitCode, include_inactive: true })).items;
  const unitSelect = h("select", { name: "unit", onchange: () => go(link("/quan-tri", { unit: unitSelect.value }).slice(1)) },
    units.items.map((u) => h("option", { value: u.code, selected: u.code === unitCode }, `${u.name}${u.active ? "" : " (ngừng)"}`)));
  mount(h("h1", {}, "Quản trị"),
    h("section", { class: "card" }, h("h2", {}, "Người dùng"), field("Đơn vị", unitSelect), usersTable(users), userForm(unitCode)),
    h("section", { class: "card" }, h("h2", {}, "Đơn vị"), unitsTable(units.items), unitForm(units.items)),
    h("section", { class: "card", id: "webhooks" }, h("h2", {}, "Webhook nhận thông báo"),
      h("p", { class: "muted" }, "Hệ thống khác (bot chat, cổng thông tin) nhận thông báo dạng JSON có chữ ký HMAC."),
      hooks ? [webhooksTable(hooks.items.filter((w) => w.active)), webhookForm(prefs.kinds)]
        : h("p", { class: "form-error" }, "Dịch vụ thông báo tạm thời không trả lời; thử lại sau.")),
    h("section", { class: "card" }, h("h2", {}, "Nhật ký thao tác gần đây"), auditTable(audit.items)));
}

function usersTable(users) {
  const roles = ROLE_NAMES();
  return dataTable(["Họ tên", "Tên đăng nhập", "Vai trò", "Trạng thái", ""], users, (u) => [
    [u.full_name, h("div", { class: "muted" }, u.position || "")], u.username,
    u.roles.map((r) => roles[r] || r).join(", "), u.active ? "Hoạt động" : "Đã khóa",
    h("div", { class: "actions" },
      h("button", { type: "button", onclick: (e) => busy(e.target, async () => {
        await patch(`/api/v1/admin/users/${u.user_id}`, { active: !u.active });
        toast(u.active ? "Đã khóa tài khoản." : "Đã mở khóa tài khoản.");
        go(location.hash.slice(1));
      }) }, u.active ? "Khóa" : "Mở khóa"),
      h("button", { type: "button", onclick: (e) => {
        const password = prompt(`Mật khẩu mới cho ${u.username} (ít nhất 8 ký tự):`);
        if (password) busy(e.target, async () => {
          await post(`/api/v1/admin/users/${u.user_id}/password`, { new_password: password });
          toast("Đã đặt lại mật khẩu.");
        });
      } }, "Đặt lại mật khẩu"))]);
}

function userForm(unitCode) {
  const input = (name, type = "text") => h("input", { type, name });
  const username = input("username"), fullName = input("full_name"), position = input("position");
  const password = input("password", "password");
  const roles = h("div", { class: "fieldset", name: "roles" }, session.catalog.roles.map((r) =>
    h("label", { class: "check" }, h("input", { type: "checkbox", value: r.code }), r.label)));
  const button = h("button", { type: "button", class: "primary" }, "Thêm người dùng");
  const form = h("form", { novalidate: true }, h("h2", {}, "Thêm người dùng"),
    h("div", { class: "row" }, field("Tên đăng nhập", username), field("Họ tên", fullName), field("Chức vụ", position),
      field("Mật khẩu", password)), h("label", {}, "Vai trò"), roles, h("div", { class: "actions" }, button));
  button.addEventListener("click", () => busy(button, async () => {
    await post("/api/v1/admin/users", { username: username.value.trim(), full_name: fullName.value, unit_code: unitCode,
      position: position.value || null, password: password.value,
      roles: [...roles.querySelectorAll("input:checked")].map((i) => i.value) });
    toast("Đã thêm người dùng.");
    go(location.hash.slice(1));
  }, form));
  return form;
}

function unitsTable(units) {
  const kinds = Object.fromEntries(session.catalog.unit_kinds.map((k) => [k.code, k.label]));
  return dataTable(["Mã định danh", "Tên đơn vị", "Ký hiệu", "Loại", "Trạng thái"], units,
    (u) => [u.code, u.name, u.short_name, kinds[u.kind] || u.kind, u.active ? "Hoạt động" : "Ngừng"]);
}

function unitForm(units) {
  const code = h("input", { type: "text", name: "code", placeholder: "000.00.31.H26" });
  const name = h("input", { type: "text", name: "name" });
  const shortName = h("input", { type: "text", name: "short_name" });
  const kind = h("select", { name: "kind" }, session.catalog.unit_kinds.map((k) => h("option", { value: k.code }, k.label)));
  const parent = h("select", { name: "parent" }, h("option", { value: "" }, "(không)"), units.map((u) => h("option", { value: u.code }, u.name)));
  const button = h("button", { type: "button", class: "primary" }, "Lưu đơn vị");
  const form = h("form", { novalidate: true }, h("h2", {}, "Thêm hoặc sửa đơn vị"),
    h("div", { class: "row" }, field("Mã định danh", code), field("Tên đơn vị", name), field("Ký hiệu", shortName)),
    h("div", { class: "row" }, field("Loại", kind), field("Đơn vị cấp trên", parent)), h("div", { class: "actions" }, button));
  button.addEventListener("click", () => busy(button, async () => {
    if (!code.value.trim()) throw Object.assign(new Error("Cần mã định danh."), { fields: { code: "Trường bắt buộc." } });
    await api("PUT", `/api/v1/admin/units/${encodeURIComponent(code.value.trim())}`,
      { body: { name: name.value, short_name: shortName.value, kind: kind.value, parent: parent.value || null } });
    toast("Đã lưu đơn vị.");
    go(location.hash.slice(1));
  }, form));
  return form;
}

function auditTable(rows) {
  return dataTable(["Thời điểm", "Người dùng", "Thao tác", "Đối tượng", "Kết quả", "IP"], rows,
    (r) => [fmtTime(r.at), r.username || "—", r.action, r.target || "", String(r.status), r.ip || ""]);
}

const TEST_RESULT = { delivered: "Đã nhận", queued: "Lỗi tạm thời, sẽ gửi lại", sending: "Đang gửi", failed: "Lỗi" };

function webhooksTable(hooks) {
  if (!hooks.length) return h("p", { class: "muted" }, "Chưa có webhook nào.");
  return dataTable(["Tên", "Địa chỉ", "Đã gửi / lỗi / chờ", "Lỗi gần nhất", ""], hooks, (w) => [
    [w.name, h("div", { class: "muted" }, w.kinds.length ? `${w.kinds.length} loại thông báo` : "Mọi loại thông báo")],
    h("code", {}, w.url),
    `${w.deliveries?.delivered ?? 0} / ${w.deliveries?.failed ?? 0} / ${w.deliveries?.pending ?? 0}`,
    w.last_failure ? [fmtTime(w.last_failure.at), h("div", { class: "muted" }, w.last_failure.detail || "")] : "—",
    h("div", { class: "actions" },
      h("button", { type: "button", onclick: (e) => busy(e.target, async () => {
        const result = await post(`/api/v1/admin/webhooks/${w.subscription_id}/test`);
        const last = result.attempts[result.attempts.length - 1];
        toast(`Gửi thử: ${TEST_RESULT[result.status] || result.status}${last?.detail ? ` (${last.detail})` : ""}`,
          result.status !== "delivered");
        go(location.hash.slice(1));   // the counts now include this delivery
      }) }, "Gửi thử"),
      h("button", { type: "button", class: "danger", onclick: (e) => {
        if (!confirm(`Ngừng gửi thông báo tới “${w.name}”?`)) return;
        busy(e.target, async () => {
          await del(`/api/v1/admin/webhooks/${w.subscription_id}`);
          toast("Đã ngừng webhook.");
          go(location.hash.slice(1));
        });
      } }, "Ngừng"))]);
}

function webhookForm(kinds) {
  const name = h("input", { type: "text", name: "name" });
  const url = h("input", { type: "url", name: "url", placeholder: "Địa chỉ HTTPS của hệ thống nhận" });
  const secret = h("input", { type: "text", name: "secret", autocomplete: "off", placeholder: "ít nhất 16 ký tự" });
  const choices = h("div", { class: "fieldset", name: "kinds" }, Object.entries(kinds).map(([code, kind]) =>
    h("label", { class: "check" }, h("input", { type: "checkbox", value: code }), kind.label)));
  const button = h("button", { type: "button", class: "primary" }, "Thêm webhook");
  const form = h("form", { novalidate: true }, h("h2", {}, "Thêm webhook"),
    h("div", { class: "row" }, field("Tên", name), field("Địa chỉ nhận", url), field("Khóa ký", secret)),
    h("label", {}, "Loại thông báo (không chọn: mọi loại)"), choices, h("div", { class: "actions" }, button));
  button.addEventListener("click", () => busy(button, async () => {
    await post("/api/v1/admin/webhooks", { name: name.value, url: url.value.trim(), secret: secret.value,
      kinds: [...choices.querySelectorAll("input:checked")].map((i) => i.value) });
    toast("Đã thêm webhook.");
    go(location.hash.slice(1));
  }, form));
  return form;
}
