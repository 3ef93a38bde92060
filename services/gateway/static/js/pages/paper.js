// Vào sổ văn bản giấy/ngoài hệ thống (văn thư): upload the received file — a
// .docx fills the form from its header, number, date and signer; a PDF scan is
// only attached — check and correct, then register it with the next số đến.
import { post, uploadTo } from "../api.js";
import { busy, field, fmtSize, h, mount, toast } from "../ui.js";
import { go } from "../nav.js";
import { isClerk, session } from "../session.js";

export async function render() {
  if (!isClerk()) {
    mount(h("h1", {}, "Vào sổ văn bản giấy/ngoài hệ thống"), h("p", { class: "form-error" }, "Chỉ văn thư được vào sổ văn bản đến."));
    return;
  }
  const c = session.catalog;
  const select = (name, options, value) => h("select", { name },
    options.map(([v, label]) => h("option", { value: v, selected: String(v) === String(value) }, label)));
  const text = (name, placeholder) => h("input", { type: "text", name, placeholder });

  const inputs = {
    sender_name: text("sender_name", "VD: Phòng Giáo dục và Đào tạo quận Đồ Sơn"),
    symbol: text("symbol", "VD: 18/KH-GDĐT"),
    type_code: select("type_code", c.document_types.map((t) => [t.code, `${t.label} (${t.code})`]), "CV"),
    issued_date: h("input", { type: "date", name: "issued_date" }),
    summary: h("textarea", { name: "summary", rows: 2 }),
    urgency: select("urgency", c.urgency.map((u) => [u.value, u.label]), 0),
    confidentiality: select("confidentiality", c.confidentiality.map((u) => [u.value, u.label]), 0),
    response_deadline: h("input", { type: "date", name: "response_deadline" }),
    authority: select("authority", c.signer_authorities.map((a) => [a, a || "(không)"]), ""),
    position: text("signer", "VD: PHÓ TRƯỞNG PHÒNG"),
    full_name: text("signer_name", ""),
  };
  let uploadId = null;

  const fileInput = h("input", { type: "file", accept: ".docx,.pdf,.doc,.jpg,.jpeg,.png,.tif,.tiff",
    "aria-label": "Chọn tệp văn bản" });
  const fileBox = h("div", { class: "files", id: "paper-file" });
  const notice = h("p", { class: "muted", id: "prefill-status" },
    "Tệp .docx: hệ thống đọc số, ký hiệu, loại, trích yếu, ngày, người ký để điền sẵn. Bản quét (PDF, ảnh) chỉ được đính kèm.");

  const fill = (prefill) => {
    const set = (name, value) => {
      if (value === null || value === undefined || value === "") return;
      const input = inputs[name];
      if (input.tagName === "SELECT" && ![...input.options].some((o) => o.value === String(value))) return;
      input.value = String(value);
      input.classList.add("prefilled");
    };
    set("sender_name", prefill.issuing_unit);
    set("symbol", prefill.symbol);
    set("type_code", prefill.type_code);
    set("issued_date", prefill.date);
    set("summary", prefill.summary);
    set("urgency", prefill.urgency);
    set("confidentiality", prefill.confidentiality);
    set("authority", prefill.signer?.authority);
    set("position", prefill.signer?.position);
    set("full_name", prefill.signer?.full_name);
  };

  fileInput.addEventListener("change", async () => {
    const file = fileInput.files[0];
    fileInput.value = "";
    if (!file) return;
    const bar = h("progress", { max: 1, value: 0 });
    fileBox.replaceChildren(h("div", { class: "uploading" }, h("span", {}, file.name), bar, h("span", { class: "muted" }, fmtSize(file.size))));
    try {
      const stored = await uploadTo("/api/v1/inbox/external/files", file, (f) => { bar.value = f; });
      uploadId = stored.upload_id;
      fileBox.replaceChildren(h("div", { dataset: { upload: stored.upload_id } }, h("span", {}, stored.name),
        h("span", { class: "muted" }, fmtSize(stored.size)),
        h("button", { type: "button", onclick: () => { uploadId = null; fileBox.replaceChildren(); } }, "Bỏ tệp")));
      if (stored.prefill) {
        fill(stored.prefill);
        notice.textContent = "Đã điền sẵn thông tin đọc từ tệp (ô tô màu). Vui lòng kiểm tra và sửa nếu cần.";
        notice.className = "ok-note";
      } else {
        notice.textContent = stored.prefill_error || "Tệp đã được đính kèm; vui lòng nhập thông tin văn bản.";
        notice.className = stored.prefill_error ? "warn-note" : "muted";
      }
    } catch (err) {
      fileBox.replaceChildren();
      toast(`${file.name}: ${err.message}`, true);
    }
  });

  const form = h("form", { class: "card", novalidate: true },
    h("h2", {}, "Tệp văn bản"), field("Chọn tệp văn bản", fileInput), fileBox, notice,
    h("h2", {}, "Thông tin văn bản"),
    field("Cơ quan ban hành", inputs.sender_name),
    h("div", { class: "row" }, field("Số, ký hiệu", inputs.symbol), field("Loại văn bản", inputs.type_code),
      field("Ngày ban hành", inputs.issued_date)),
    field("Trích yếu", inputs.summary),
    h("div", { class: "row" }, field("Độ khẩn", inputs.urgency), field("Độ mật", inputs.confidentiality),
      field("Hạn trả lời", inputs.response_deadline)),
    h("h2", {}, "Người ký"),
    h("div", { class: "row" }, field("Thẩm quyền", inputs.authority), field("Chức vụ", inputs.position),
      field("Họ tên", inputs.full_name)));
  form.addEventListener("input", (e) => e.target.classList?.remove("prefilled"));

  const submit = h("button", { type: "submit", class: "primary" }, "Vào sổ văn bản đến");
  form.append(h("div", { class: "actions" }, submit));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    busy(submit, async () => {
      const v = (name) => inputs[name].value.trim();
      const signer = v("position") || v("full_name")
        ? { authority: inputs.authority.value, position: v("position"), full_name: v("full_name") } : null;
      const item = await post("/api/v1/inbox/external", {
        sender_name: v("sender_name"), symbol: v("symbol") || null, type_code: inputs.type_code.value,
        summary: v("summary"), issued_date: v("issued_date") || null, signer,
        urgency: Number(inputs.urgency.value), confidentiality: Number(inputs.confidentiality.value),
        response_deadline: v("response_deadline") || null, upload_id: uploadId });
      toast(`Đã vào sổ văn bản đến số ${item.incoming_number}.`);
      go(`/den/${item.item_id}`);
    }, form);
  });
  mount(h("h1", {}, "Vào sổ văn bản giấy/ngoài hệ thống"), form);
}
