// Lên lịch họp / sửa cuộc họp: title, kind, time, place or online link, chair
// and secretary, quorum and pass rules; when scheduling also the members and
// guests (people, whole units, all principals) and the first agenda items.
import { get, patch, post } from "../api.js";
import { busy, field, h, mount, toast } from "../ui.js";
import { go } from "../nav.js";
import { session } from "../session.js";
import { fromLocalInput, KINDS, localInput, peoplePicker, QUORUM_RULES, refList, THRESHOLDS } from "./meeting_widgets.js";

export async function render({ args }) {
  const meetingId = args[0] || null;
  const me = session.me.user;
  const [existing, staff] = await Promise.all([meetingId ? get(`/api/v1/meetings/${meetingId}`) : null,
    get("/api/v1/meetings/people", { unit_code: me.unit_code })]);
  if (existing && !existing.me.can_manage) return go(`/hop/${meetingId}`);
  const m = existing || { kind: "giao_ban", paperless: true, chair_id: me.roles.includes("lanh_dao") ? me.user_id : "",
    secretary_id: me.roles.includes("lanh_dao") ? "" : me.user_id, quorum_rule: "", vote_threshold: "" };
  const people = staff.items;
  if (existing) {   // the chair or secretary may be from another unit: keep them selectable
    for (const id of [m.chair_id, m.secretary_id]) {
      if (id && !people.some((u) => u.user_id === id)) people.push({ user_id: id, full_name: existing.people[id] || id, position: "" });
    }
  }
  const personOptions = (value, blank) => [blank ? h("option", { value: "" }, blank) : null,
    ...people.map((u) => h("option", { value: u.user_id, selected: u.user_id === value }, `${u.full_name}${u.position ? " — " + u.position : ""}`))];
  const select = (name, entries, value, blank) => h("select", { name },
    blank ? h("option", { value: "" }, blank) : null,
    Object.entries(entries).map(([v, label]) => h("option", { value: v, selected: v === value }, label)));

  const title = h("input", { type: "text", name: "title", value: m.title || "", required: true });
  const kind = select("kind", KINDS, m.kind);
  const description = h("textarea", { name: "description", rows: 3 }, m.description || "");
  const starts = h("input", { type: "datetime-local", name: "starts_at", value: localInput(m.starts_at) });
  const ends = h("input", { type: "datetime-local", name: "ends_at", value: localInput(m.ends_at) });
  const place = h("input", { type: "text", name: "place", value: m.place || "", placeholder: "VD: Phòng họp tầng 2, Phòng GD&ĐT" });
  const online = h("input", { type: "text", name: "online_url", value: m.online_url || "", placeholder: "Dán đường dẫn Zoom, Google Meet, Teams..." });
  const paperless = h("input", { type: "checkbox", name: "paperless", checked: m.paperless });
  const chair = h("select", { name: "chair_id" }, personOptions(m.chair_id, "— Chọn người chủ trì —"));
  const secretary = h("select", { name: "secretary_id" }, personOptions(m.secretary_id, "(Không có thư ký)"));
  const quorum = select("quorum_rule", QUORUM_RULES, m.quorum_rule, "Theo mặc định của hệ thống");
  const threshold = select("vote_threshold", THRESHOLDS, m.vote_threshold, "Theo mặc định của hệ thống");
  // a new meeting starts on the hour after the next
  if (!existing && !starts.value) {
    const start = new Date(Date.now() + 2 * 3600 * 1000);
    start.setUTCMinutes(0, 0, 0);
    starts.value = localInput(start.toISOString());
    ends.value = localInput(new Date(start.getTime() + 2 * 3600 * 1000).toISOString());
  }
  starts.addEventListener("change", () => {   // keep the length when the start moves
    if (!ends.value || ends.value <= starts.value) {
      const s = new Date(fromLocalInput(starts.value));
      ends.value = localInput(new Date(s.getTime() + 2 * 3600 * 1000).toISOString());
    }
  });

  const form = h("form", { class: "card", novalidate: true, id: "meeting-form" },
    field("Tên cuộc họp", title),
    h("div", { class: "row" }, field("Loại cuộc họp", kind), field("Bắt đầu", starts), field("Kết thúc", ends)),
    h("div", { class: "row" }, field("Địa điểm", place), field("Đường dẫn họp trực tuyến", online)),
    h("label", { class: "check" }, paperless, "Họp không giấy (tài liệu, biểu quyết, biên bản điện tử)"),
    field("Nội dung, mục đích", description),
    h("div", { class: "row" }, field("Chủ trì", chair), field("Thư ký", secretary)),
    h("details", {}, h("summary", {}, "Túc số và ngưỡng thông qua"),
      h("div", { class: "row" }, field("Túc số", quorum), field("Ngưỡng thông qua biểu quyết", threshold))));

  let members = null;
  let guests = null;
  let agendaRows = null;
  if (!existing) {
    members = refList("member-list");
    guests = refList("guest-list");
    const memberPicker = await peoplePicker({ label: "Chọn đại biểu theo đơn vị", ownUnit: me.unit_code,
      onAdd: (entries) => members.add(entries) });
    const guestPicker = await peoplePicker({ label: "Chọn khách mời theo đơn vị", ownUnit: me.unit_code,
      onAdd: (entries) => guests.add(entries) });
    agendaRows = h("div", { id: "agenda-rows" });
    const addRow = () => agendaRows.append(agendaRow(people));
    addRow();
    form.append(
      h("h2", {}, "Đại biểu (có quyền biểu quyết)"), members.element, memberPicker.element,
      h("h2", {}, "Khách mời"), guests.element, guestPicker.element,
      h("h2", {}, "Chương trình họp"), agendaRows,
      h("button", { type: "button", onclick: addRow }, "Thêm nội dung"));
  }
  const save = h("button", { type: "submit", class: "primary" }, existing ? "Lưu thay đổi" : "Lên lịch họp");
  const cancel = h("a", { class: "button", href: existing ? `#/hop/${meetingId}` : "#/hop" }, "Quay lại");
  form.append(h("div", { class: "actions" }, save, cancel));

  const values = () => ({
    title: title.value, kind: kind.value, description: description.value.trim() || null,
    starts_at: fromLocalInput(starts.value), ends_at: fromLocalInput(ends.value),
    place: place.value.trim() || null, online_url: online.value.trim() || null, paperless: paperless.checked,
    chair_id: chair.value || null, secretary_id: secretary.value || null,
    quorum_rule: quorum.value || null, vote_threshold: threshold.value || null,
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    busy(save, async () => {
      if (existing) {
        const now = values();
        const before = { title: m.title, kind: m.kind, description: m.description || null, starts_at: localInput(m.starts_at),
          ends_at: localInput(m.ends_at), place: m.place || null, online_url: m.online_url || null, paperless: m.paperless,
          chair_id: m.chair_id, secretary_id: m.secretary_id || null, quorum_rule: m.quorum_rule, vote_threshold: m.vote_threshold };
        const changes = {};
        for (const [k, v] of Object.entries(now)) {
          const old = before[k];
          const same = k === "starts_at" || k === "ends_at" ? localInput(v) === old : v === old;
          if (!same && !(v === null && (k === "quorum_rule" || k === "vote_threshold"))) changes[k] = v;
        }
        await patch(`/api/v1/meetings/${meetingId}`, changes);
        toast("Đã lưu thay đổi cuộc họp.");
        return go(`/hop/${meetingId}`);
      }
      const agenda = [...agendaRows.querySelectorAll(".agenda-row")].map((row) => ({
        title: row.querySelector("[name=agenda_title]").value.trim(),
        presenter_id: row.querySelector("[name=presenter_id]").value || null,
        duration_minutes: Number(row.querySelector("[name=duration_minutes]").value || 0),
      })).filter((i) => i.title);
      const spec = Object.fromEntries(Object.entries({ ...values(), members: members.value(), guests: guests.value(), agenda })
        .filter(([, v]) => v !== null));
      const created = await post("/api/v1/meetings", spec);
      toast("Đã lên lịch cuộc họp.");
      return go(`/hop/${created.meeting_id}`);
    }, form);
  });
  mount(h("h1", {}, existing ? `Sửa cuộc họp: ${existing.title}` : "Lên lịch họp"),
    existing?.invitations.length ? h("p", { class: "warn-note" },
      "Giấy mời đã được gửi: nếu đổi thời gian hoặc địa điểm, hãy gửi lại giấy mời sau khi lưu.") : null,
    form);
}

function agendaRow(people) {
  const row = h("div", { class: "row agenda-row" },
    field("Nội dung", h("input", { type: "text", name: "agenda_title", placeholder: "VD: Đánh giá công tác tháng trước" })),
    field("Người trình bày", h("select", { name: "presenter_id" }, h("option", { value: "" }, "(Không)"),
      people.map((u) => h("option", { value: u.user_id }, u.full_name)))),
    field("Thời lượng (phút)", h("input", { type: "number", name: "duration_minutes", min: 0, max: 600, value: 15 })),
    h("button", { type: "button", class: "shrink", "aria-label": "Bỏ nội dung này", onclick: () => row.remove() }, "Bỏ"));
  return row;
}
