// Recipient picker: the unit tree with checkboxes, a filter box and shortcuts
// ("Tất cả các trường", "Tất cả trường Mầm non (MN)", ...).
import { h } from "./ui.js";

const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();

export function unitPicker({ tree, groups }, selected, ownUnit) {
  const chosen = new Set(selected);
  const boxes = new Map();
  const count = h("span", { class: "muted", "data-test": "recipient-count" });
  const refresh = () => {
    for (const [code, box] of boxes) box.checked = chosen.has(code);
    count.textContent = `Đã chọn ${chosen.size} đơn vị`;
  };
  const node = (unit) => {
    const box = h("input", { type: "checkbox", value: unit.code, disabled: unit.code === ownUnit,
      onchange: () => { box.checked ? chosen.add(unit.code) : chosen.delete(unit.code); refresh(); } });
    boxes.set(unit.code, box);
    return h("li", { dataset: { name: fold(unit.name) } },
      h("label", { class: "check" }, box, unit.name, h("span", { class: "muted" }, ` (${unit.short_name})`)),
      unit.children?.length ? h("ul", {}, unit.children.map(node)) : null);
  };
  const list = h("ul", {}, tree.map(node));
  const filter = h("input", { type: "search", placeholder: "Lọc theo tên đơn vị", "aria-label": "Lọc đơn vị",
    oninput: () => {
      const term = fold(filter.value.trim());
      list.querySelectorAll("li").forEach((li) => {
        li.hidden = Boolean(term) && !fold(li.textContent).includes(term);
      });
    } });
  const shortcuts = h("div", { class: "shortcuts" },
    groups.map((g) => h("button", { type: "button", title: `${g.codes.length} đơn vị`,
      onclick: () => { g.codes.forEach((c) => chosen.add(c)); refresh(); } }, g.label)),
    h("button", { type: "button", onclick: () => { chosen.clear(); refresh(); } }, "Bỏ chọn tất cả"));
  refresh();
  const element = h("div", { class: "fieldset" }, shortcuts, filter, h("div", { class: "picker", name: "recipients" }, list), count);
  return { element, value: () => [...chosen] };
}
