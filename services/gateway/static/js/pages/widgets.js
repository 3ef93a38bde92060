// Pieces several pages share: document rows, attachment lists, metadata.
import { fmtDate, fmtSize, fmtTime, h, statusBadge, urgencyBadge } from "../ui.js";

export function itemRow(item) {
  const late = item.overdue ? h("span", { class: "badge late" }, "Quá hạn") : null;
  return h("li", {}, h("a", {
    class: "doc" + (item.urgent ? " urgent" : "") + (item.overdue ? " overdue" : ""),
    href: `#/den/${item.item_id}`, dataset: { item: item.item_id } },
  h("div", { class: "top" }, h("strong", {}, item.symbol || "—"), urgencyBadge(item.urgency),
    statusBadge(item.status, item.status_label), late,
    h("span", {}, item.incoming_number ? `Số đến ${item.incoming_number}` : ""),
    h("span", {}, `Đến ${fmtTime(item.received_at)}`)),
  h("div", { class: "summary" }, `${item.type_name || ""}: ${item.summary || ""}`),
  h("div", { class: "muted" }, item.sender_name || item.sender_unit,
    item.assignment?.deadline ? ` · Hạn xử lý ${fmtDate(item.assignment.deadline)}` : "")));
}

export function documentRow(doc) {
  const status = doc.status === "draft" ? h("span", { class: "badge draft" }, "Dự thảo") : h("span", { class: "badge s06" }, "Đã phát hành");
  return h("li", {}, h("a", {
    class: "doc" + (doc.urgency ? " urgent" : ""),
    href: doc.status === "draft" ? `#/di/${doc.document_id}/sua` : `#/di/${doc.document_id}`,
    dataset: { document: doc.document_id } },
  h("div", { class: "top" }, h("strong", {}, doc.symbol || "Chưa cấp số"), urgencyBadge(doc.urgency), status,
    h("span", {}, doc.issued_at ? `Phát hành ${fmtTime(doc.issued_at)}` : `Tạo ${fmtTime(doc.created_at)}`)),
  h("div", { class: "summary" }, `${doc.type_name || ""}: ${doc.summary}`),
  h("div", { class: "muted" }, `Nơi nhận: ${doc.recipient_names.length ? doc.recipient_names.length + " đơn vị" : doc.recipients.length + " đơn vị"}`)));
}

export function attachmentList(attachments, hrefOf, extra) {
  if (!attachments.length) return h("p", { class: "muted" }, "Không có tệp đính kèm.");
  return h("ul", { class: "files" }, attachments.map((a) => h("li", {},
    h("a", { href: hrefOf(a), download: a.name }, a.name), h("span", { class: "muted" }, fmtSize(a.size)),
    extra ? extra(a) : null)));
}

export function metaList(pairs) {
  return h("dl", { class: "meta" }, pairs.filter(([, v]) => v !== null && v !== undefined && v !== "").map(([k, v]) =>
    [h("dt", {}, k), h("dd", {}, v)]));
}

export function signerText(signer) {
  return signer ? `${signer.authority ? signer.authority + " " : ""}${signer.position} — ${signer.full_name}` : "—";
}
