import { post } from "../api.js";
import { busy, field, h, mount, toast } from "../ui.js";
import { session } from "../session.js";
import { metaList } from "./widgets.js";

export async function render() {
  const { user, unit, role_labels: roles } = session.me;
  const current = h("input", { type: "password", name: "current_password", autocomplete: "current-password" });
  const next = h("input", { type: "password", name: "new_password", autocomplete: "new-password" });
  const again = h("input", { type: "password", autocomplete: "new-password" });
  const button = h("button", { type: "button", class: "primary" }, "Đổi mật khẩu");
  const form = h("form", { class: "card", novalidate: true }, h("h2", {}, "Đổi mật khẩu"),
    field("Mật khẩu hiện tại", current), field("Mật khẩu mới", next, "(ít nhất 8 ký tự)"), field("Nhập lại mật khẩu mới", again),
    h("div", { class: "actions" }, button));
  button.addEventListener("click", () => busy(button, async () => {
    if (next.value !== again.value) throw Object.assign(new Error("Hai lần nhập mật khẩu mới không khớp."), { fields: {} });
    await post("/api/v1/auth/password", { current_password: current.value, new_password: next.value });
    form.reset();
    toast("Đã đổi mật khẩu. Các phiên đăng nhập khác đã bị đăng xuất.");
  }, form));
  mount(h("h1", {}, "Tài khoản"),
    h("section", { class: "card" }, metaList([["Họ tên", user.full_name], ["Tên đăng nhập", user.username],
      ["Chức vụ", user.position], ["Đơn vị", unit?.name], ["Vai trò", roles.join(", ")]])),
    form);
}
