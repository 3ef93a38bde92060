// Sổ văn bản: export the unit's outgoing or incoming register of a year (.docx).
import { post } from "../api.js";
import { busy, field, h, mount } from "../ui.js";

export async function render() {
  const year = new Date().getFullYear();
  const kind = h("select", { name: "kind" }, h("option", { value: "incoming" }, "Sổ văn bản đến"),
    h("option", { value: "outgoing" }, "Sổ văn bản đi"));
  const yearInput = h("input", { type: "number", name: "year", min: 2000, max: 2100, value: year });
  const result = h("div", { id: "export-result" });
  const button = h("button", { type: "button", class: "primary" }, "Xuất sổ");
  const form = h("form", { class: "card", novalidate: true },
    h("div", { class: "row" }, field("Loại sổ", kind), field("Năm", yearInput), h("div", { class: "shrink" }, button)));
  button.addEventListener("click", () => busy(button, async () => {
    const out = await post("/api/v1/registers/export", { kind: kind.value, year: Number(yearInput.value) });
    result.replaceChildren(h("p", {}, `Sổ gồm ${out.rows} văn bản. `,
      h("a", { href: out.url, download: out.name, class: "button" }, `Tải ${out.name}`)));
  }, form));
  mount(h("h1", {}, "Sổ văn bản"), h("p", { class: "muted" }, "Văn thư và lãnh đạo được xuất sổ của đơn vị mình."), form, result);
}
