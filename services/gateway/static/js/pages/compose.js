// Soạn văn bản: a draft (created on first save), its attachments uploaded with
// a progress bar, recipients from the unit tree; the clerk issues it.
import { del, get, patch, post, upload } from "../api.js";
import { busy, field, inputDate, fmtSize, h, mount, showErrors, toast } from "../ui.js";
import { go } from "../nav.js";
import { isClerk, session } from "../session.js";
import { unitPicker } from "../unitpicker.js";

export async function render({ args }) {
  let documentId = args[0] || null;
  const [units, draft] = await Promise.all([get("/api/v1/units/tree"),
    documentId ? get(`/api/v1/documents/${documentId}`) : null]);
  if (draft && draft.status !== "draft") return go(`/di/${documentId}`);
  const d = draft || { type_code: "CV", urgency: 0, confidentiality: 0, copies: 1, recipients: [], attachments: [] };
  const c = session.catalog;
  const select = (name, options, value) => h("select", { name },
    options.map(([v, label]) => h("option", { value: v, selected: String(v) === String(value) }, label)));

  const type = select("type_code", c.document_types.map((t) => [t.code, `${t.label} (${t.code})`]), d.type_code);
  const summary = h("textarea", { name: "summary", rows: 2, required: true }, d.summary || "");
  const body = h("textarea", { name: "body", rows: 6 }, d.body || "");
  const urgency = select("urgency", c.urgency.map((u) => [u.value, u.label]), d.urgency);
  const secrecy = select("confidentiality", c.confidentiality.map((u) => [u.value, u.label]), d.confidentiality);
  const section = h("input", { type: "text", name: "section", value: d.section || "", placeholder: "VD: TCCB" });
  const deadline = h("input", { type: "date", name: "response_deadline", value: inputDate(d.response_deadline) });
  const copies = h("input", { type: "number", name: "copies", min: 1, max: 1000, value: d.copies || 1 });
  const authority = select("authority", c.signer_authorities.map((a) => [a, a || "(không)"]), d.signer?.authority || "");
  const position = h("input", { type: "text", name: "signer", value: d.signer?.position || "", placeholder: "VD: PHÓ TRƯỞNG PHÒNG" });
  const signerName = h("input", { type: "text", name: "signer_name", value: d.signer?.full_name || "" });
  const picker = unitPicker(units, d.recipients, session.me.user.unit_code);

  const files = h("ul", { class: "files", id: "attachments" });
  const fileInput = h("input", { type: "file", multiple: true, "aria-label": "Chọn tệp đính kèm" });
  const form = h("form", { class: "card", novalidate: true },
    h("div", { class: "row" }, field("Loại văn bản", type), field("Độ khẩn", urgency), field("Độ mật", secrecy)),
    field("Trích yếu", summary),
    field("Nội dung", body),
    h("div", { class: "row" }, field("Bộ phận soạn thảo", section, "(ký hiệu công văn)"), field("Hạn trả lời", deadline),
      field("Số bản", copies)),
    h("h2", {}, "Người ký"),
    h("div", { class: "row" }, field("Thẩm quyền", authority), field("Chức vụ", position), field("Họ tên", signerName)),
    h("h2", {}, "Nơi nhận"), picker.element,
    h("h2", {}, "Tệp đính kèm"), files, h("label", {}, "Thêm tệp", fileInput));

  const values = () => ({
    type_code: type.value, summary: summary.value, body: body.value || null, urgency: Number(urgency.value),
    confidentiality: Number(secrecy.value), section: section.value.trim() || null,
    response_deadline: deadline.value || null, copies: Number(copies.value || 1), recipients: picker.value(),
    signer: position.value.trim() || signerName.value.trim()
      ? { authority: authority.value, position: position.value, full_name: signerName.value } : null,
  });
  const save = async () => {
    const saved = documentId ? await patch(`/api/v1/documents/${documentId}`, values())
      : await post("/api/v1/documents", values());
    if (!documentId) {
      documentId = saved.document_id;
      history.replaceState(null, "", `#/di/${documentId}/sua`);
      removeButton.hidden = false;
    }
    return saved;
  };

  const showFile = (attachment) => files.append(h("li", { dataset: { attachment: attachment.attachment_id } },
    h("span", {}, attachment.name), h("span", { class: "muted" }, fmtSize(attachment.size)),
    h("button", { type: "button", onclick: async (e) => {
      await busy(e.target, () => del(`/api/v1/documents/${documentId}/attachments/${attachment.attachment_id}`));
      e.target.closest("li").remove();
    } }, "Gỡ")));
  d.attachments.forEach(showFile);

  fileInput.addEventListener("change", async () => {
    const chosen = [...fileInput.files];
    fileInput.value = "";
    try { if (!documentId) await save(); } catch (err) { showErrors(form, err); return; }
    for (const file of chosen) {
      const bar = h("progress", { max: 1, value: 0 });
      const row = h("li", { class: "uploading" }, h("span", {}, file.name), bar, h("span", { class: "muted" }, fmtSize(file.size)));
      files.append(row);
      try {
        const stored = await upload(documentId, file, (fraction) => { bar.value = fraction; });
        row.remove();
        showFile(stored);
      } catch (err) {
        row.remove();
        toast(`${file.name}: ${err.message}`, true);
      }
    }
  });

  const saveButton = h("button", { type: "button" }, "Lưu dự thảo");
  saveButton.addEventListener("click", () => busy(saveButton, async () => { await save(); toast("Đã lưu dự thảo."); }, form));
  // Recipients open a .docx carrying the number and date the register gives at issue.
  const attachOfficial = h("input", { type: "checkbox", name: "attach_official", checked: true });
  const issueButton = h("button", { type: "button", class: "primary", hidden: !isClerk() }, "Cấp số và phát hành");
  issueButton.addEventListener("click", () => busy(issueButton, async () => {
    await save();
    const issued = await post(`/api/v1/documents/${documentId}/issue`, { attach_official: attachOfficial.checked });
    toast(`Đã phát hành văn bản số ${issued.symbol}.`);
    go(`/di/${documentId}`);
  }, form));
  const removeButton = h("button", { type: "button", class: "danger", hidden: !documentId }, "Xóa dự thảo");
  removeButton.addEventListener("click", () => {
    if (!confirm("Xóa dự thảo này và các tệp đính kèm?")) return;
    busy(removeButton, async () => { await del(`/api/v1/documents/${documentId}`); go("/di"); });
  });
  if (isClerk()) {
    form.append(h("label", { class: "check" }, attachOfficial,
      "Khi phát hành, đính kèm bản .docx theo thể thức Nghị định 30 (có số và ngày ban hành)"));
  }
  form.append(h("div", { class: "actions" }, saveButton, issueButton, removeButton));
  mount(h("h1", {}, documentId ? "Sửa dự thảo" : "Soạn văn bản"), form);
}
