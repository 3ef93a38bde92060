import { post } from "../api.js";
import { busy, field, h, mount } from "../ui.js";
import { loadSession } from "../session.js";
import { go } from "../nav.js";

export async function render({ params }) {
  const username = h("input", { type: "text", name: "username", autocomplete: "username", required: true, autofocus: true });
  const password = h("input", { type: "password", name: "password", autocomplete: "current-password", required: true });
  const submit = h("button", { type: "submit", class: "primary" }, "Đăng nhập");
  const form = h("form", { class: "card", novalidate: true },
    field("Tên đăng nhập", username), field("Mật khẩu", password), h("div", { class: "actions" }, submit));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    busy(submit, async () => {
      await post("/api/v1/auth/login", { username: username.value.trim(), password: password.value });
      await loadSession();
      go(params.get("next") || "/");
    }, form);
  });
  mount(h("section", { class: "login" },
    h("h1", {}, "Văn phòng điện tử"),
    h("p", { class: "muted center" }, "Phòng Giáo dục và Đào tạo và các trường trực thuộc"),
    form));
}
