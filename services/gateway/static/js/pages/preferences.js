// Cài đặt thông báo: per kind, in the app and/or by email; critical kinds stay
// in the app (locked, with why); quiet hours for email; the daily digest.
import { get, api } from "../api.js";
import { busy, field, h, mount, toast } from "../ui.js";

export async function render() {
  const prefs = await get("/api/v1/notifications/preferences");
  const kinds = Object.entries(prefs.kinds);
  const box = (kind, channel, spec) => {
    const locked = channel === "inapp" && spec.critical;
    return h("input", { type: "checkbox", name: `${kind}.${channel}`, dataset: { kind, channel },
      checked: locked || spec.channels.includes(channel), disabled: locked,
      "aria-label": `${spec.label}: ${channel === "inapp" ? "trong ứng dụng" : "email"}`,
      title: locked ? "Thông báo quan trọng luôn hiện trong ứng dụng" : null });
  };
  const rows = kinds.map(([kind, spec]) => h("tr", { dataset: { kind } },
    h("td", {}, spec.label, spec.critical ? h("span", { class: "badge critical", title: "Không thể tắt trong ứng dụng" }, "Quan trọng") : null),
    h("td", { class: "center" }, box(kind, "inapp", spec)),
    h("td", { class: "center" }, box(kind, "email", spec))));

  const quietStart = h("input", { type: "time", name: "quiet_start", value: prefs.quiet_start || "" });
  const quietEnd = h("input", { type: "time", name: "quiet_end", value: prefs.quiet_end || "" });
  const digest = h("input", { type: "checkbox", name: "digest", checked: prefs.digest });
  const form = h("form", { class: "card", novalidate: true },
    h("p", { class: "muted" }, "Chọn cách nhận từng loại thông báo. Các thông báo ",
      h("strong", {}, "quan trọng"), " (quá hạn xử lý, yêu cầu thu hồi, hủy họp, báo cáo quá hạn) luôn hiện trong ứng dụng ",
      "để không ai bỏ lỡ việc gấp; bạn chỉ có thể chọn thêm hoặc bỏ email. Văn bản khẩn luôn được báo ngay."),
    h("div", { class: "table-wrap" }, h("table", { class: "prefs" },
      h("thead", {}, h("tr", {}, h("th", {}, "Loại thông báo"), h("th", { class: "center" }, "Trong ứng dụng"),
        h("th", { class: "center" }, "Email"))),
      h("tbody", {}, rows))),
    h("h2", {}, "Giờ yên lặng (email)"),
    h("p", { class: "muted" }, "Trong khoảng này email không khẩn được giữ lại và gửi khi hết giờ yên lặng. Để trống cả hai để tắt."),
    h("div", { class: "row" }, field("Yên lặng từ", quietStart), field("Yên lặng đến", quietEnd)),
    h("h2", {}, "Email tổng hợp"),
    h("label", { class: "check" }, digest, "Nhận một email tổng hợp mỗi ngày thay cho từng email không khẩn"));

  const save = h("button", { type: "submit", class: "primary" }, "Lưu cài đặt");
  form.append(h("div", { class: "actions" }, save));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    busy(save, async () => {
      const chosen = {};
      for (const [kind] of kinds) {
        chosen[kind] = [...form.querySelectorAll(`input[data-kind="${CSS.escape(kind)}"]`)]
          .filter((input) => input.checked).map((input) => input.dataset.channel);
      }
      await api("PUT", "/api/v1/notifications/preferences", { body: {
        kinds: chosen, quiet_start: quietStart.value || null, quiet_end: quietEnd.value || null, digest: digest.checked } });
      toast("Đã lưu cài đặt thông báo.");
    }, form);
  });
  mount(h("div", { class: "heading-row" }, h("h1", {}, "Cài đặt thông báo"),
    h("a", { href: "#/thong-bao", class: "button" }, "‹ Danh sách thông báo")), form);
}
