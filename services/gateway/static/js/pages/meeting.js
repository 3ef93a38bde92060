// Một cuộc họp: details, my answer (attend / decline / delegate) and check-in,
// the agenda with its materials, participants with answers and presence,
// votes, written opinions, and the chair's and secretary's controls over the
// meeting's life (invitations, start/end, cancel, attendance, minutes).
import { api, del, get, post, uploadTo } from "../api.js";
import { busy, dataTable, field, fmtSize, fmtTime, h, mount, toast } from "../ui.js";
import { go } from "../nav.js";
import { metaList } from "./widgets.js";
import { allUnits, LIVE, meetingBadge, nameOf, peoplePicker, reasonForm, refList, whenText } from "./meeting_widgets.js";

const EDITABLE = ["scheduled", "invited"];
const RECORDING = ["in_progress", "ended"];
const OPINIONS_OPEN = ["scheduled", "invited", "in_progress", "ended"];
const put = (path, body) => api("PUT", path, { body });

export async function render({ args }) {
  const id = args[0];
  const [m, units] = await Promise.all([get(`/api/v1/meetings/${id}`), allUnits().catch(() => [])]);
  const unitName = Object.fromEntries(units.map((u) => [u.code, u.short_name || u.name]));
  const reload = () => go(`/hop/${id}`);
  const ctx = { id, m, me: m.me, people: m.people, unitName, reload,
    operator: m.me.is_chair || m.me.is_secretary, base: `/api/v1/meetings/${id}` };
  const opinions = await get(`${ctx.base}/opinions`).then((r) => r.items).catch(() => []);
  mount(header(ctx), info(ctx), myPart(ctx), controls(ctx), agenda(ctx), participants(ctx), votes(ctx),
    opinionsCard(ctx, opinions), auditCard(ctx));
}

// ---------------------------------------------------------------- header and details
function header({ m, id }) {
  const roomOpen = LIVE.includes(m.status) || m.status === "ended";
  return h("div", { class: "heading-row" },
    h("div", {}, h("h1", {}, m.title), h("p", { class: "muted" }, meetingBadge(m.status, m.status_label), " ", m.kind_label,
      " · ", m.unit_name || m.unit_code)),
    h("div", { class: "toolbar" }, h("a", { class: "button", href: "#/hop" }, "‹ Danh sách"),
      m.me.can_manage && EDITABLE.includes(m.status) ? h("a", { class: "button", href: `#/hop/${id}/sua` }, "Sửa") : null,
      roomOpen ? h("a", { class: "button primary", href: `#/hop/${id}/phong` }, "Vào phòng họp") : null));
}

function info({ m, people }) {
  const online = m.online_url ? h("a", { href: m.online_url, target: "_blank", rel: "noopener noreferrer" }, m.online_url) : null;
  return h("section", { class: "card" },
    m.status === "cancelled" ? h("p", { class: "form-error" }, `Cuộc họp đã hủy: ${m.cancel_reason || ""}`) : null,
    m.me.can_manage && m.invitation_outdated ? h("p", { class: "warn-note" },
      "Thời gian hoặc địa điểm đã thay đổi sau khi gửi giấy mời: hãy gửi lại giấy mời.") : null,
    metaList([["Thời gian", whenText(m.starts_at, m.ends_at)], ["Địa điểm", m.place], ["Họp trực tuyến", online],
      ["Chủ trì", nameOf(people, m.chair_id)], ["Thư ký", m.secretary_id ? nameOf(people, m.secretary_id) : null],
      ["Hình thức", m.paperless ? "Họp không giấy" : "Có tài liệu giấy"], ["Túc số", m.quorum_rule_label],
      ["Ngưỡng thông qua", m.vote_threshold_label], ["Bắt đầu lúc", m.started_at ? fmtTime(m.started_at) : null],
      ["Kết thúc lúc", m.ended_at ? fmtTime(m.ended_at) : null]]),
    m.description ? h("p", { class: "body-text" }, m.description) : null);
}

// ---------------------------------------------------------------- my answer, delegation, check-in
function myPart(ctx) {
  const { m, me, people, base, reload } = ctx;
  if (!me.participant) return null;
  const live = LIVE.includes(m.status);
  const card = h("section", { class: "card", id: "my-part" }, h("h2", {}, "Tham dự của tôi"));
  const state = [`Vai trò: ${me.role_label}`];
  if (me.role !== "delegate" && !me.is_chair && !me.is_secretary) {
    state.push(`Trả lời: ${m.participants.find((p) => p.user_id === me.user_id)?.response_label || "—"}`);
  }
  state.push(me.present ? "Đã điểm danh" : "Chưa điểm danh");
  card.append(h("p", { "data-test": "my-state" }, state.join(" · ")));
  if (me.holds_mandates_of.length) {
    card.append(h("p", { class: "ok-note" }, `Bạn dự họp và biểu quyết thay cho: ${me.holds_mandates_of.map((u) => nameOf(people, u)).join(", ")}.`));
  }
  if (me.delegated_to) {
    const revoke = h("button", { type: "button" }, "Thu hồi ủy quyền");
    revoke.addEventListener("click", () => busy(revoke, async () => {
      await del(`${base}/delegation`);
      toast("Đã thu hồi ủy quyền.");
      reload();
    }));
    card.append(h("p", { class: "warn-note" }, `Bạn đã ủy quyền cho ${nameOf(people, me.delegated_to)} dự họp thay.`),
      live && !me.mandate?.used ? h("div", { class: "actions" }, revoke) : null);
  }
  const actions = h("div", { class: "actions" });
  if (live && !me.present) {
    const checkIn = h("button", { type: "button", class: "primary" }, "Điểm danh");
    checkIn.addEventListener("click", () => busy(checkIn, async () => {
      await post(`${base}/check-in`, {});
      toast("Đã điểm danh.");
      reload();
    }));
    actions.append(checkIn);
  }
  const mayAnswer = live && !me.is_chair && !me.is_secretary && me.role !== "delegate" && !me.delegated_to;
  if (mayAnswer) {
    const attend = h("button", { type: "button" }, "Tham dự");
    attend.addEventListener("click", () => busy(attend, async () => {
      await post(`${base}/response`, { answer: "attend" });
      toast("Đã xác nhận tham dự.");
      reload();
    }));
    const decline = reasonForm("Không tham dự", "Lý do không tham dự", (reason, button, form) => busy(button, async () => {
      await post(`${base}/response`, { answer: "decline", reason });
      toast("Đã báo không tham dự.");
      reload();
    }, form));
    const delegateButton = h("button", { type: "button", "aria-expanded": "false" }, "Ủy quyền…");
    const delegateBox = h("div", { class: "delegate-box", hidden: true });
    delegateButton.addEventListener("click", () => busy(delegateButton, async () => {
      delegateBox.hidden = !delegateBox.hidden;
      delegateButton.setAttribute("aria-expanded", String(!delegateBox.hidden));
      if (!delegateBox.hidden && !delegateBox.childElementCount) delegateBox.append(await delegateForm(ctx));
    }));
    actions.append(attend, delegateButton);
    card.append(actions, decline, delegateBox);
  } else {
    card.append(actions);
  }
  return card;
}

async function delegateForm({ base, reload }) {
  const picker = await peoplePicker({ single: true, label: "Đơn vị người nhận ủy quyền" });
  const note = h("input", { type: "text", name: "note", placeholder: "VD: Trùng lịch công tác" });
  const submit = h("button", { type: "submit", class: "primary" }, "Xác nhận ủy quyền");
  const form = h("form", { novalidate: true, id: "delegate-form" }, h("p", { class: "muted" },
    "Người nhận ủy quyền dự họp và biểu quyết thay bạn; bạn không biểu quyết được nữa cho đến khi thu hồi."),
  picker.element, field("Lý do", note), h("div", { class: "actions" }, submit));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    busy(submit, async () => {
      await post(`${base}/delegation`, { delegate_id: picker.value(), note: note.value.trim() || null });
      toast(`Đã ủy quyền cho ${picker.name()}.`);
      reload();
    }, form);
  });
  return form;
}

// ---------------------------------------------------------------- chair and secretary controls
function controls(ctx) {
  const { m, me, base, reload, operator } = ctx;
  if (!me.can_manage && !(m.paperwork || m.invitations.length)) return null;
  const card = h("section", { class: "card", id: "controls" }, h("h2", {}, me.can_manage ? "Điều hành cuộc họp" : "Văn bản cuộc họp"));
  const buttons = h("div", { class: "actions" });
  const action = (text, path, done, cls = "") => {
    const b = h("button", { type: "button", class: cls }, text);
    b.addEventListener("click", () => busy(b, async () => { await post(path, {}); toast(done); reload(); }));
    buttons.append(b);
  };
  if (me.can_manage && EDITABLE.includes(m.status)) {
    action(m.invitations.length ? "Gửi lại giấy mời" : "Gửi giấy mời", `${base}/invitations`, "Đã phát hành giấy mời.",
      m.invitations.length && !m.invitation_outdated ? "" : "primary");
  }
  if (operator && EDITABLE.includes(m.status)) action("Bắt đầu họp", `${base}/start`, "Cuộc họp đã bắt đầu.");
  if (operator && m.status === "in_progress") action("Kết thúc họp", `${base}/end`, "Cuộc họp đã kết thúc.");
  if (me.can_manage && m.status !== "cancelled") {
    const exp = h("button", { type: "button" }, "Xuất danh sách điểm danh");
    const out = h("span", {});
    exp.addEventListener("click", () => busy(exp, async () => {
      const file = await post(`${base}/attendance/export`, {});
      out.replaceChildren(h("a", { href: file.url, download: file.name }, `Tải ${file.name}`));
    }));
    buttons.append(exp, out);
  }
  if (operator && m.status === "ended") {
    const gen = h("button", { type: "button", class: m.paperwork ? "" : "primary" }, m.paperwork ? "Lập lại biên bản" : "Lập biên bản");
    gen.addEventListener("click", () => busy(gen, async () => { await post(`${base}/minutes`, {}); toast("Đã lập biên bản và thông báo kết luận."); reload(); }));
    buttons.append(gen);
  }
  if (me.is_chair && m.status === "ended" && m.paperwork) {
    action("Duyệt biên bản, ban hành thông báo", `${base}/minutes/approve`, "Đã ban hành thông báo kết luận.", "primary");
  }
  card.append(buttons);
  const files = [];
  if (m.invitations.length) files.push(["invitation", `Giấy mời ${m.invitations[m.invitations.length - 1].symbol || ""}`.trim()]);
  if (m.paperwork?.minutes_file) files.push(["minutes", `Biên bản (lần ${m.paperwork.revision})`]);
  if (m.paperwork?.notice_file) files.push(["notice", `Thông báo kết luận${m.paperwork.notice_symbol ? " " + m.paperwork.notice_symbol : ""}`]);
  if (files.length) {
    card.append(h("ul", { class: "files" }, files.map(([which, label]) => h("li", {},
      h("a", { href: `${base}/files/${which}` }, label)))));
  }
  if (m.paperwork) {
    card.append(h("p", { class: "muted" }, `Biên bản lập lúc ${fmtTime(m.paperwork.generated_at)} bởi ${nameOf(ctx.people, m.paperwork.generated_by)}`,
      m.paperwork.approved_at ? ` · duyệt lúc ${fmtTime(m.paperwork.approved_at)}` : " · chưa duyệt"));
  }
  if (m.invitations.length && me.can_manage) {
    card.append(h("details", {}, h("summary", {}, `Giấy mời đã gửi (${m.invitations.length})`),
      h("ul", {}, m.invitations.map((i) => h("li", {}, `${i.symbol || "Nội bộ"} · ${fmtTime(i.sent_at)} · ${i.recipients.length} đơn vị nhận`)))));
  }
  if (me.can_manage && EDITABLE.includes(m.status)) {
    card.append(h("h3", {}, "Hủy cuộc họp"), reasonForm("Hủy cuộc họp", "Lý do hủy (gửi tới người dự họp)",
      (reason, button, form) => busy(button, async () => {
        await post(`${base}/cancel`, { reason });
        toast("Đã hủy cuộc họp.");
        reload();
      }, form), { danger: true }));
  }
  return card;
}

// ---------------------------------------------------------------- agenda and materials
function agenda(ctx) {
  const { m, me, people, base, reload, operator } = ctx;
  const editable = me.can_manage && ["scheduled", "invited", "in_progress"].includes(m.status);
  const ids = m.agenda.map((i) => i.item_id);
  const move = (index, delta) => async () => {
    const order = [...ids];
    [order[index], order[index + delta]] = [order[index + delta], order[index]];
    await put(`${base}/agenda/order`, { item_ids: order });
    reload();
  };
  const items = m.agenda.map((item, index) => {
    const li = h("li", { class: `agenda-item${item.item_id === m.current_item_id ? " current" : ""}`, dataset: { item: item.item_id } },
      h("div", { class: "agenda-head" }, h("strong", {}, `${item.position}. ${item.title}`),
        item.duration_minutes ? h("span", { class: "muted" }, ` (${item.duration_minutes} phút)`) : null,
        item.presenter_id ? h("span", { class: "muted" }, ` · Trình bày: ${nameOf(people, item.presenter_id)}`) : null,
        item.item_id === m.current_item_id && m.status === "in_progress" ? h("span", { class: "badge m-in_progress" }, "Đang thảo luận") : null),
      item.description ? h("p", { class: "body-text" }, item.description) : null,
      materialsList(ctx, item),
      item.conclusion ? h("p", { class: "conclusion" }, h("strong", {}, "Kết luận: "), item.conclusion) : null);
    const tools = h("div", { class: "actions" });
    const canSubmit = LIVE.includes(m.status) && (operator || item.presenter_id === me.user_id);
    if (canSubmit) tools.append(materialUpload(ctx, item));
    if (editable) {
      const up = h("button", { type: "button", disabled: index === 0, "aria-label": `Đưa “${item.title}” lên` }, "↑");
      const down = h("button", { type: "button", disabled: index === ids.length - 1, "aria-label": `Đưa “${item.title}” xuống` }, "↓");
      const remove = h("button", { type: "button", "aria-label": `Xóa “${item.title}”` }, "Xóa");
      up.addEventListener("click", () => busy(up, move(index, -1)));
      down.addEventListener("click", () => busy(down, move(index, 1)));
      remove.addEventListener("click", () => busy(remove, async () => {
        if (!window.confirm(`Xóa nội dung “${item.title}” khỏi chương trình?`)) return;
        await del(`${base}/agenda/${item.item_id}`);
        reload();
      }));
      const edit = h("button", { type: "button", "aria-label": `Sửa “${item.title}”` }, "Sửa");
      edit.addEventListener("click", () => { edit.disabled = true; li.append(editItemForm(ctx, item)); });
      tools.append(up, down, edit, remove);
    }
    if (operator && RECORDING.includes(m.status)) li.append(conclusionForm(ctx, item));
    if (tools.childElementCount) li.append(tools);
    return li;
  });
  return h("section", { class: "card", id: "agenda" }, h("h2", {}, "Chương trình họp"),
    items.length ? h("ol", { class: "agenda" }, items) : h("p", { class: "muted" }, "Chưa có nội dung."),
    editable ? addItemForm(ctx) : null);
}

function materialsList({ m, people, base, reload, operator }, item) {
  if (!item.materials.length) return null;
  return h("ul", { class: "files materials" }, item.materials.map((mat) => {
    const current = mat.versions.find((v) => v.version === mat.current_version);
    const shown = current || mat.versions[0];
    const extra = [];
    for (const v of mat.versions) {
      if (v.status !== "pending") continue;
      if (operator && LIVE.includes(m.status)) {
        const approve = h("button", { type: "button", class: "primary" }, `Duyệt bản ${v.version}`);
        approve.addEventListener("click", () => busy(approve, async () => {
          await post(`${base}/materials/${mat.material_id}/versions/${v.version}/approve`, {});
          toast("Đã duyệt tài liệu.");
          reload();
        }));
        const reject = reasonForm(`Không duyệt bản ${v.version}`, "Lý do không duyệt", (reason, button, form) => busy(button, async () => {
          await post(`${base}/materials/${mat.material_id}/versions/${v.version}/reject`, { reason });
          toast("Đã trả lại tài liệu.");
          reload();
        }, form));
        extra.push(h("div", { class: "pending-box" }, h("a", { href: `${base}/materials/${mat.material_id}?version=${v.version}` },
          `Xem bản ${v.version} (${v.name}) — ${nameOf(people, v.submitted_by)} nộp`), approve, reject));
      }
    }
    const statuses = mat.versions.length > 1 || !current ? h("span", { class: "muted" },
      mat.versions.map((v) => `bản ${v.version}: ${v.status_label}${v.reason ? " (" + v.reason + ")" : ""}`).join("; ")) : null;
    return h("li", { dataset: { material: mat.material_id } },
      h("a", { href: `${base}/materials/${mat.material_id}${current ? "" : "?version=" + shown.version}`, download: shown.name }, mat.title),
      h("span", { class: "muted" }, `${shown.name} · ${fmtSize(shown.size)}${mat.current_version > 1 ? " · phiên bản " + mat.current_version : ""}`),
      current ? null : h("span", { class: "badge m-pending" }, shown.status_label), statuses, extra);
  }));
}

function materialUpload({ base, reload }, item) {
  const input = h("input", { type: "file", "aria-label": `Nộp tài liệu cho “${item.title}”` });
  const progress = h("progress", { max: 1, value: 0, hidden: true });
  const label = h("label", { class: "button upload" }, "Nộp tài liệu…", input);
  input.addEventListener("change", async () => {
    const file = input.files[0];
    if (!file) return;
    progress.hidden = false;
    try {
      await uploadTo(`${base}/agenda/${item.item_id}/materials`, file, (f) => { progress.value = f; });
      toast("Đã nộp tài liệu.");
      reload();
    } catch (err) {
      toast(err.message, true);
      progress.hidden = true;
    }
  });
  return h("span", {}, label, progress);
}

function conclusionForm({ base, reload }, item) {
  const text = h("textarea", { name: "text", rows: 2, "aria-label": `Kết luận nội dung “${item.title}”` }, item.conclusion || "");
  const save = h("button", { type: "submit" }, "Lưu kết luận");
  const form = h("form", { class: "conclusion-form", novalidate: true }, text, save);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    busy(save, async () => { await put(`${base}/agenda/${item.item_id}/conclusion`, { text: text.value }); toast("Đã lưu kết luận."); reload(); }, form);
  });
  return form;
}

// Title, presenter and duration of an item already on the agenda.
function editItemForm({ m, base, reload }, item) {
  const title = h("input", { type: "text", name: "title", value: item.title, "aria-label": "Tên nội dung" });
  const presenter = h("select", { name: "presenter_id", "aria-label": "Người trình bày" },
    h("option", { value: "" }, "(Không có người trình bày)"),
    m.participants.filter((p) => p.role !== "delegate").map((p) => h("option", { value: p.user_id, selected: p.user_id === item.presenter_id }, p.full_name)));
  const minutes = h("input", { type: "number", name: "duration_minutes", min: 0, max: 600, value: item.duration_minutes, "aria-label": "Thời lượng (phút)" });
  const description = h("textarea", { name: "description", rows: 2, "aria-label": "Mô tả" }, item.description || "");
  const save = h("button", { type: "submit", class: "primary" }, "Lưu nội dung");
  const form = h("form", { class: "edit-item", novalidate: true }, h("div", { class: "row" }, field("Nội dung", title),
    field("Người trình bày", presenter), field("Thời lượng (phút)", minutes)), field("Mô tả", description), h("div", { class: "actions" }, save));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    busy(save, async () => {
      await api("PATCH", `${base}/agenda/${item.item_id}`, { body: { title: title.value, presenter_id: presenter.value || null,
        duration_minutes: Number(minutes.value || 0), description: description.value.trim() || null } });
      toast("Đã sửa nội dung.");
      reload();
    }, form);
  });
  return form;
}

function addItemForm({ m, base, reload }) {
  const title = h("input", { type: "text", name: "title", placeholder: "Nội dung mới" });
  const presenter = h("select", { name: "presenter_id" }, h("option", { value: "" }, "(Không có người trình bày)"),
    m.participants.filter((p) => p.role !== "delegate").map((p) => h("option", { value: p.user_id }, p.full_name)));
  const minutes = h("input", { type: "number", name: "duration_minutes", min: 0, max: 600, value: 15 });
  const add = h("button", { type: "submit" }, "Thêm nội dung");
  const form = h("form", { class: "row add-item", novalidate: true }, field("Nội dung", title), field("Người trình bày", presenter),
    field("Thời lượng (phút)", minutes), h("div", { class: "shrink" }, add));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    busy(add, async () => {
      await post(`${base}/agenda`, { title: title.value, presenter_id: presenter.value || null, duration_minutes: Number(minutes.value || 0) });
      reload();
    }, form);
  });
  return form;
}

// ---------------------------------------------------------------- participants
function participants(ctx) {
  const { m, me, people, unitName, base, reload, operator } = ctx;
  const a = m.attendance;
  const q = m.quorum;
  const summary = h("p", { "data-test": "attendance" },
    `Có mặt ${a.present}/${a.expected} (trực tiếp ${a.present_in_person}, ủy quyền ${a.represented}) · vắng ${a.absent} · đến muộn ${a.late}. `,
    h("span", { class: q.reached ? "badge s06" : "badge s02" }, `Túc số ${q.present_seats}/${q.total_seats} (cần ${q.required})`));
  const live = LIVE.includes(m.status);
  const rows = m.participants.map((p) => {
    const tools = [];
    if (operator && live && !p.present) {
      const b = h("button", { type: "button", class: "small" }, "Điểm danh hộ");
      b.addEventListener("click", () => busy(b, async () => { await post(`${base}/check-in`, { user_id: p.user_id }); reload(); }));
      tools.push(b);
    }
    if (operator && RECORDING.includes(m.status) && !p.present && !p.absence_reason && !p.delegated_to) {
      // the reason box opens on demand: a long list stays readable
      const open = h("button", { type: "button", class: "small" }, "Ghi vắng");
      open.addEventListener("click", () => open.replaceWith(reasonForm("Lưu", `Lý do vắng của ${p.full_name}`,
        (reason, button, form) => busy(button, async () => {
          await post(`${base}/absences`, { user_id: p.user_id, reason });
          reload();
        }, form), { minLength: 2 })));
      tools.push(open);
    }
    if (me.can_manage && live && !p.present && !["chair", "secretary"].includes(p.role)) {
      const b = h("button", { type: "button", class: "small" }, "Bớt");
      b.addEventListener("click", () => busy(b, async () => {
        if (!window.confirm(`Bớt ${p.full_name} khỏi cuộc họp?`)) return;
        await del(`${base}/participants/${p.user_id}`);
        reload();
      }));
      tools.push(b);
    }
    if (operator && p.delegated_to && live) {
      const b = h("button", { type: "button", class: "small" }, "Thu hồi ủy quyền");
      b.addEventListener("click", () => busy(b, async () => { await del(`${base}/delegation?member_id=${encodeURIComponent(p.user_id)}`); reload(); }));
      tools.push(b);
    }
    const answer = [p.response_label, p.response_reason ? `: ${p.response_reason}` : "",
      p.delegated_to ? ` → ${nameOf(people, p.delegated_to)}` : ""].join("");
    const presence = p.present ? `${fmtTime(p.checked_in_at)}${p.late ? ` (muộn ${p.minutes_late} phút)` : ""}`
      : p.absence_reason ? `Vắng: ${p.absence_reason}` : "—";
    return { p, cells: [h("span", {}, h("strong", {}, p.full_name), p.position ? h("div", { class: "muted" }, p.position) : null),
      unitName[p.unit_code] || p.unit_code || "", `${p.role_label}${p.voting ? "" : " (không biểu quyết)"}`,
      p.role === "delegate" ? `Thay cho ${p.holds_mandates_of.map((u) => nameOf(people, u)).join(", ")}` : answer,
      h("span", { class: p.present ? "present" : "absent" }, presence), tools.length ? h("div", { class: "row-tools" }, tools) : ""] };
  });
  const table = dataTable(["Họ tên", "Đơn vị", "Vai trò", "Trả lời", "Có mặt", ""], rows, (r) => r.cells);
  table.querySelectorAll("tbody tr").forEach((tr, i) => { tr.dataset.user = rows[i].p.user_id; });
  table.querySelector("table").id = "participants";
  return h("section", { class: "card" }, h("h2", {}, `Người dự họp (${m.participants.length})`), summary, table,
    me.can_manage && live ? addPeopleBox(ctx) : null);
}

function addPeopleBox({ base, reload }) {
  const box = h("details", { class: "add-people" }, h("summary", {}, "Mời thêm người"));
  box.addEventListener("toggle", async () => {
    if (!box.open || box.dataset.loaded) return;
    box.dataset.loaded = "1";
    const members = refList("add-member-list");
    const guests = refList("add-guest-list");
    const asGuest = h("input", { type: "checkbox" });
    const picker = await peoplePicker({ label: "Đơn vị", onAdd: (e) => (asGuest.checked ? guests : members).add(e) });
    const submit = h("button", { type: "button", class: "primary" }, "Mời");
    submit.addEventListener("click", () => busy(submit, async () => {
      await post(`${base}/participants`, { members: members.value(), guests: guests.value() });
      toast("Đã mời thêm người dự họp. Hãy gửi lại giấy mời nếu cần.");
      reload();
    }, box));
    box.append(h("label", { class: "check" }, asGuest, "Mời với tư cách khách mời (không biểu quyết)"), picker.element,
      h("h3", {}, "Đại biểu"), members.element, h("h3", {}, "Khách mời"), guests.element, h("div", { class: "actions" }, submit));
  });
  return box;
}

// ---------------------------------------------------------------- votes
function votes({ m, id }) {
  if (!m.votes.length) return null;
  return h("section", { class: "card", id: "votes" }, h("h2", {}, "Biểu quyết"),
    h("ul", { class: "vote-list" }, m.votes.map((v) => h("li", {},
      h("strong", {}, v.question), " ", h("span", { class: "muted" }, v.secret ? "(bỏ phiếu kín)" : "(công khai)"), " ",
      v.status === "open" ? h("span", { class: "badge m-in_progress" }, `Đang biểu quyết · ${v.ballots} phiếu`)
        : h("span", { class: v.results?.passed ? "badge s06" : "badge s02" }, v.results?.passed ? (v.kind === "yes_no" ? "Thông qua" : "Có phương án đạt") : (v.kind === "yes_no" ? "Không thông qua" : "Không có phương án đạt")),
      v.results ? h("div", { class: "muted" }, v.results.summary) : null))),
    LIVE.includes(m.status) ? h("a", { href: `#/hop/${id}/phong` }, "Mở phòng họp để biểu quyết") : null);
}

// ---------------------------------------------------------------- written opinions
function opinionsCard(ctx, opinions) {
  const { m, operator } = ctx;
  if (!opinions.length && !(operator && OPINIONS_OPEN.includes(m.status))) return null;
  return h("section", { class: "card", id: "opinions" }, h("h2", {}, "Lấy ý kiến bằng văn bản"),
    opinions.length ? h("ul", { class: "opinion-list" }, opinions.map((o) => opinionRow(ctx, o))) : h("p", { class: "muted" }, "Chưa có phiếu lấy ý kiến."),
    operator && OPINIONS_OPEN.includes(m.status) ? opinionRequestForm(ctx) : null);
}

function opinionRow(ctx, o) {
  const { me, base, reload, operator } = ctx;
  const li = h("li", { dataset: { opinion: o.request_id } }, h("strong", {}, o.title), " ",
    h("span", { class: "muted" }, `· Hạn ${fmtTime(o.deadline)} · ${o.open ? "đang lấy ý kiến" : "đã kết thúc"}`),
    o.text ? h("p", { class: "body-text" }, o.text) : null,
    o.file ? h("p", {}, h("a", { href: `${base}/opinions/${o.request_id}/file` }, `Dự thảo: ${o.file.name}`)) : null,
    o.my_answer ? h("p", { class: "ok-note" }, `Ý kiến của tôi: ${o.my_answer.agree ? "Đồng ý" : "Không đồng ý"}${o.my_answer.comment ? " — " + o.my_answer.comment : ""}`) : null);
  if (o.open && o.recipient_ids.includes(me.user_id)) {
    const agree = h("select", { name: "agree", "aria-label": "Ý kiến" }, h("option", { value: "true" }, "Đồng ý"),
      h("option", { value: "false", selected: o.my_answer && !o.my_answer.agree }, "Không đồng ý / có góp ý"));
    const comment = h("textarea", { name: "comment", rows: 2, "aria-label": "Góp ý" }, o.my_answer?.comment || "");
    const send = h("button", { type: "submit", class: "primary" }, o.my_answer ? "Sửa ý kiến" : "Gửi ý kiến");
    const form = h("form", { novalidate: true }, h("div", { class: "row" }, field("Ý kiến", agree), field("Góp ý", comment)),
      h("div", { class: "actions" }, send));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      busy(send, async () => {
        await post(`${base}/opinions/${o.request_id}/answer`, { agree: agree.value === "true", comment: comment.value.trim() || null });
        toast("Đã gửi ý kiến.");
        reload();
      }, form);
    });
    li.append(form);
  }
  if (operator) {
    const out = h("div", {});
    const show = h("button", { type: "button" }, "Xem tổng hợp");
    show.addEventListener("click", () => busy(show, async () => {
      const s = await get(`${base}/opinions/${o.request_id}/summary`);
      out.replaceChildren(...[h("p", {}, `Đã trả lời ${s.answered}/${s.expected}: đồng ý ${s.agree}, không đồng ý ${s.disagree}.`),
        s.answers.length ? dataTable(["Người góp ý", "Ý kiến", "Nội dung"], s.answers,
          (a) => [a.full_name || a.user_id, a.agree ? "Đồng ý" : "Không đồng ý", a.comment || ""]) : null,
        s.missing.length ? h("p", { class: "muted" }, `Chưa trả lời: ${s.missing.map((p) => p.full_name || p.user_id).join(", ")}`) : null]
        .filter(Boolean));
    }));
    const tools = h("div", { class: "actions" }, show);
    if (o.status === "open") {
      const close = h("button", { type: "button" }, "Kết thúc lấy ý kiến");
      close.addEventListener("click", () => busy(close, async () => { await post(`${base}/opinions/${o.request_id}/close`, {}); reload(); }));
      tools.append(close);
    }
    li.append(tools, out);
  }
  return li;
}

function opinionRequestForm({ base, reload }) {
  const title = h("input", { type: "text", name: "title", placeholder: "VD: Góp ý dự thảo quy chế làm việc" });
  const text = h("textarea", { name: "text", rows: 3 });
  const file = h("input", { type: "file", name: "upload_id", "aria-label": "Tệp dự thảo" });
  const deadline = h("input", { type: "date", name: "deadline" });
  const send = h("button", { type: "submit", class: "primary" }, "Gửi lấy ý kiến");
  const form = h("form", { novalidate: true, class: "opinion-form" }, h("h3", {}, "Lấy ý kiến mới (gửi tới mọi người dự họp)"),
    field("Tiêu đề", title), field("Nội dung dự thảo", text),
    h("div", { class: "row" }, field("Tệp dự thảo (nếu có)", file), field("Hạn góp ý", deadline)), h("div", { class: "actions" }, send));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    busy(send, async () => {
      let uploadId = null;
      if (file.files[0]) uploadId = (await uploadTo(`${base}/uploads`, file.files[0], () => {})).upload_id;
      await post(`${base}/opinions`, { title: title.value, text: text.value.trim() || null, deadline: deadline.value || null,
        upload_id: uploadId });
      toast("Đã gửi lấy ý kiến.");
      reload();
    }, form);
  });
  return form;
}

// ---------------------------------------------------------------- audit trail
const AUDIT = { schedule: "Lên lịch", update: "Sửa cuộc họp", cancel: "Hủy", send_invitations: "Gửi giấy mời", respond: "Trả lời giấy mời",
  delegate: "Ủy quyền", revoke_delegation: "Thu hồi ủy quyền", add_item: "Thêm nội dung", update_item: "Sửa nội dung",
  remove_item: "Xóa nội dung", reorder_items: "Sắp xếp chương trình", submit_material: "Nộp tài liệu", approve_material: "Duyệt tài liệu",
  reject_material: "Không duyệt tài liệu", download_material: "Tải tài liệu", check_in: "Điểm danh", record_absence: "Ghi vắng",
  start: "Bắt đầu họp", end: "Kết thúc họp", set_current_item: "Chuyển nội dung", register_speaker: "Đăng ký phát biểu",
  call_speaker: "Mời phát biểu", start_speaker: "Bắt đầu phát biểu", stop_speaker: "Dừng phát biểu", withdraw_speaker: "Rút đăng ký phát biểu",
  order_speakers: "Sắp xếp người phát biểu", open_vote: "Mở biểu quyết", cast_vote: "Biểu quyết", close_vote: "Kết thúc biểu quyết",
  request_opinions: "Lấy ý kiến", answer_opinion: "Góp ý", close_opinions: "Kết thúc lấy ý kiến", set_conclusion: "Ghi kết luận",
  generate_minutes: "Lập biên bản", approve_minutes: "Duyệt biên bản", export_attendance: "Xuất danh sách điểm danh",
  add_participants: "Mời thêm người", remove_participant: "Bớt người dự họp", download: "Tải văn bản" };

function auditCard({ me, base }) {
  if (!me.can_manage) return null;
  const box = h("details", { class: "card" }, h("summary", {}, "Nhật ký cuộc họp"));
  box.addEventListener("toggle", async () => {
    if (!box.open || box.dataset.loaded) return;
    box.dataset.loaded = "1";
    try {
      const { items } = await get(`${base}/audit`);
      box.append(dataTable(["Thời điểm", "Người thực hiện", "Thao tác"], items.slice().reverse(),
        (e) => [fmtTime(e.at), e.by_name || (e.by?.startsWith("system:") ? "Hệ thống" : e.by || "—"), AUDIT[e.action] || e.action]));
    } catch (err) {
      box.append(h("p", { class: "form-error" }, err.message));
    }
  });
  return box;
}

