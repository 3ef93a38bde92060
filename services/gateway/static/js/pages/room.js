// Phòng họp: the live meeting for participants — current item and its
// materials, the list of speakers, the vote when one is open and its result
// when published — and the chair's and secretary's controls. It polls the
// room every 2 seconds (only what changed since the last version comes back)
// and stops when the page is left.
import { api, get, post } from "../api.js";
import { busy, fmtSize, h, mount, toast } from "../ui.js";
import { clock, LIVE, meetingBadge, nameOf, THRESHOLDS, whenText } from "./meeting_widgets.js";

const POLL_MS = 2000;
const HIDDEN_POLL_MS = 10_000;
const SETTLED_POLL_MS = 30_000;
const put = (path, body) => api("PUT", path, { body });
// replaceChildren would write "null" for the parts a state leaves out
const fill = (el, ...kids) => el.replaceChildren(...kids.flat().filter((k) => k !== null && k !== undefined && k !== false));

export async function render({ args }) {
  const id = args[0];
  const hash = location.hash;
  const base = `/api/v1/meetings/${id}`;
  const state = { room: null, version: null, stopped: false, failures: 0, seq: 0, timer: null, ticker: null, ballots: new Map() };
  const el = {
    head: h("div", { class: "heading-row" }), status: h("div", { class: "room-status", "data-test": "room-status" }),
    notice: h("div", { class: "room-notice", role: "status" }), conn: h("div", { role: "alert" }), agenda: h("section", { class: "card room-agenda" }),
    item: h("section", { class: "card room-item" }), speakers: h("section", { class: "card room-speakers", id: "speakers" }),
    vote: h("section", { class: "card room-vote", id: "vote", "aria-live": "polite" }), controls: h("div", { class: "actions room-controls" }),
  };
  const voteForm = openVoteForm(base, () => poll(true));   // kept across refreshes: the chair may be typing
  const onPage = () => location.hash === hash && !state.stopped;
  const stop = () => {
    state.stopped = true;
    clearTimeout(state.timer);
    clearInterval(state.ticker);
    window.removeEventListener("hashchange", leave);
    document.removeEventListener("visibilitychange", comeBack);
  };
  const leave = () => { if (location.hash !== hash) stop(); };
  const comeBack = () => { if (!document.hidden && onPage()) poll(); };   // at once, not after the slow interval
  document.addEventListener("visibilitychange", comeBack);
  window.addEventListener("hashchange", leave);

  async function poll(now = false) {
    clearTimeout(state.timer);
    if (!onPage()) return stop();
    const seq = ++state.seq;   // an action polls at once: only the latest poll goes on, so one loop runs
    try {
      const room = await get(`${base}/room`, { since: now ? null : state.version });
      if (seq !== state.seq) return;
      state.failures = 0;
      fill(el.conn);
      if (room.changed) {
        state.room = room;
        state.version = room.version;
        draw();
      }
    } catch (err) {
      if (seq !== state.seq) return;
      if (err.status === 401 || err.status === 404) { stop(); if (err.status === 404) mount(h("h1", {}, "Không tìm thấy cuộc họp"), h("a", { href: "#/hop" }, "Về danh sách cuộc họp")); return; }
      state.failures += 1;
      fill(el.conn, h("p", { class: "warn-note" }, "Mất kết nối với máy chủ, đang thử lại…"));
    }
    if (onPage()) state.timer = setTimeout(poll, nextPollIn());
  }
  // Live meetings every 2 s; a hidden tab or a meeting that can no longer change
  // (published, cancelled) slowly, so idle tabs do not load the server.
  const nextPollIn = () => {
    const settled = ["published", "cancelled"].includes(state.room?.meeting?.status);
    const base = settled ? SETTLED_POLL_MS : document.hidden ? HIDDEN_POLL_MS : POLL_MS;
    return base * Math.min(1 + state.failures, 5);
  };
  const act = (button, action, done) => busy(button, async () => {
    await action();
    if (done) toast(done);
    await poll(true);
  });

  function draw() {
    const r = state.room;
    const m = r.meeting;
    const me = r.me;
    const operator = me.is_chair || me.is_secretary;
    const people = r.people || {};
    fill(el.head, h("div", {}, h("h1", {}, m.title),
      h("p", { class: "muted" }, meetingBadge(m.status, m.status_label), " ", whenText(m.starts_at, m.ends_at), m.place ? ` · ${m.place}` : "")),
    h("div", { class: "toolbar" }, m.online_url ? h("a", { class: "button", href: m.online_url, target: "_blank", rel: "noopener noreferrer" }, "Vào họp trực tuyến") : null,
      h("a", { class: "button", href: `#/hop/${id}` }, "Chi tiết cuộc họp")));

    const a = r.attendance;
    const q = r.quorum;
    const mine = me.present ? h("span", { class: "badge s06", "data-test": "me-present" }, "Bạn đã điểm danh") : null;
    const checkIn = !me.present && me.participant && LIVE.includes(m.status)
      ? h("button", { type: "button", class: "primary", onclick: (e) => act(e.currentTarget, () => post(`${base}/check-in`, {}), "Đã điểm danh.") }, "Điểm danh") : null;
    fill(el.status, h("span", {}, `Có mặt ${a.present}/${a.expected}`),
      h("span", { class: q.reached ? "badge s06" : "badge s02", "data-test": "quorum" },
        `${q.reached ? "Đủ" : "Chưa đủ"} túc số: ${q.present_seats}/${q.total_seats} (cần ${q.required})`),
      me.holds_mandates_of.length ? h("span", { class: "badge m-delegate" }, `Thay mặt: ${me.holds_mandates_of.map((u) => nameOf(people, u)).join(", ")}`) : null,
      me.delegated_to ? h("span", { class: "badge s02" }, `Đã ủy quyền cho ${nameOf(people, me.delegated_to)}`) : null,
      mine, checkIn);

    fill(el.controls);
    if (operator && ["scheduled", "invited"].includes(m.status)) {
      el.controls.append(h("button", { type: "button", class: "primary", onclick: (e) => act(e.currentTarget, () => post(`${base}/start`, {}), "Cuộc họp đã bắt đầu.") }, "Bắt đầu họp"));
    }
    if (operator && m.status === "in_progress") {
      el.controls.append(h("button", { type: "button", onclick: (e) => {
        if (window.confirm("Kết thúc cuộc họp?")) act(e.currentTarget, () => post(`${base}/end`, {}), "Cuộc họp đã kết thúc.");
      } }, "Kết thúc họp"));
    }
    if (m.status === "scheduled" || m.status === "invited") {
      fill(el.notice, h("p", { class: "muted" }, `Cuộc họp chưa bắt đầu (dự kiến ${clock(m.starts_at)}). Trang tự cập nhật khi chủ trì bắt đầu.`));
    } else if (m.status === "ended" || m.status === "published") {
      fill(el.notice, h("p", { class: "ok-note" }, "Cuộc họp đã kết thúc."));
    } else if (m.status === "cancelled") {
      fill(el.notice, h("p", { class: "form-error" }, `Cuộc họp đã hủy: ${m.cancel_reason || ""}`));
    } else {
      fill(el.notice);
    }

    drawAgenda(r, operator);
    drawItem(r, people);
    drawSpeakers(r, operator);
    drawVote(r, people);
  }

  function drawAgenda(r, operator) {
    const current = r.current_item?.item_id;
    fill(el.agenda, h("h2", {}, "Chương trình"), h("ol", { class: "room-agenda-list" }, r.agenda.map((i) => h("li", {
      class: i.item_id === current ? "current" : "", dataset: { item: i.item_id } }, i.title,
    operator && r.meeting.status === "in_progress" && i.item_id !== current ? h("button", { type: "button", class: "small",
      onclick: (e) => act(e.currentTarget, () => post(`${base}/current-item`, { item_id: i.item_id })) }, "Chuyển tới") : null))));
  }

  function drawItem(r, people) {
    const item = r.current_item;
    if (!item) { fill(el.item, h("h2", {}, "Nội dung đang họp"), h("p", { class: "muted" }, "Chưa có nội dung nào được chọn.")); return; }
    fill(el.item, h("h2", { "data-test": "current-item" }, `${item.position}. ${item.title}`),
      item.presenter_id ? h("p", { class: "muted" }, `Trình bày: ${nameOf(people, item.presenter_id)}`) : null,
      item.description ? h("p", { class: "body-text" }, item.description) : null,
      h("h3", {}, "Tài liệu"),
      item.materials.length ? h("ul", { class: "files" }, item.materials.map((mat) => {
        const v = mat.versions.find((x) => x.version === mat.current_version) || mat.versions[0];
        return h("li", {}, h("a", { href: `${base}/materials/${mat.material_id}${mat.current_version ? "" : "?version=" + v.version}`, download: v.name }, mat.title),
          h("span", { class: "muted" }, `${v.name} · ${fmtSize(v.size)}`), mat.current_version ? null : h("span", { class: "badge m-pending" }, v.status_label));
      })) : h("p", { class: "muted" }, "Không có tài liệu."),
      item.conclusion ? h("p", { class: "conclusion" }, h("strong", {}, "Kết luận: "), item.conclusion) : null);
  }

  function drawSpeakers(r, operator) {
    const m = r.meeting;
    const me = r.me;
    const item = r.current_item;
    const list = r.speakers;
    const queued = list.filter((s) => s.status === "waiting" || s.status === "called");
    const mineQueued = list.find((s) => s.user_id === me.user_id && (s.status === "waiting" || s.status === "called"));
    const speaking = r.speaking;
    clearInterval(state.ticker);
    const elapsed = h("span", { class: "timer", "data-test": "speaking-time" });
    if (speaking?.started_at) {
      const tick = () => {
        const s = Math.max(0, Math.floor((Date.now() - new Date(speaking.started_at).getTime()) / 1000));
        elapsed.textContent = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
      };
      tick();
      state.ticker = setInterval(() => { if (onPage()) tick(); else clearInterval(state.ticker); }, 1000);
    }
    const mine = [];
    if (item && me.participant && LIVE.includes(m.status)) {
      if (mineQueued) {
        mine.push(h("button", { type: "button", onclick: (e) => act(e.currentTarget, () => post(`${base}/speakers/${mineQueued.speaker_id}/withdraw`, {}), "Đã rút đăng ký phát biểu.") }, "Rút đăng ký"));
      } else {
        mine.push(h("button", { type: "button", class: "primary", onclick: (e) => act(e.currentTarget, () => post(`${base}/speakers`, { item_id: item.item_id }), "Đã đăng ký phát biểu.") }, "Đăng ký phát biểu"));
      }
    }
    if (operator && m.status === "in_progress" && queued.some((s) => s.status === "waiting")) {
      mine.push(h("button", { type: "button", onclick: (e) => act(e.currentTarget, () => post(`${base}/speakers/call`, {})) }, "Mời người kế tiếp"));
    }
    if (operator && speaking) {
      mine.push(h("button", { type: "button", onclick: (e) => act(e.currentTarget, () => post(`${base}/speakers/stop`, {})) }, "Dừng phát biểu"));
    }
    const move = (index, delta) => () => {
      const order = queued.map((s) => s.speaker_id);
      [order[index], order[index + delta]] = [order[index + delta], order[index]];
      return put(`${base}/speakers/order`, { item_id: item.item_id, speaker_ids: order });
    };
    const rows = list.filter((s) => s.status !== "withdrawn").map((s) => {
      const qi = queued.indexOf(s);
      const tools = [];
      if (operator && m.status === "in_progress") {
        if (s.status === "waiting") tools.push(h("button", { type: "button", class: "small", onclick: (e) => act(e.currentTarget, () => post(`${base}/speakers/call`, { speaker_id: s.speaker_id })) }, "Mời"));
        if (s.status === "waiting" || s.status === "called") tools.push(h("button", { type: "button", class: "small", onclick: (e) => act(e.currentTarget, () => post(`${base}/speakers/${s.speaker_id}/start`, {})) }, "Bắt đầu"));
      }
      if (operator && qi >= 0 && LIVE.includes(m.status)) {
        tools.push(h("button", { type: "button", class: "small", disabled: qi === 0, "aria-label": `Đưa ${s.full_name} lên`, onclick: (e) => act(e.currentTarget, move(qi, -1)) }, "↑"),
          h("button", { type: "button", class: "small", disabled: qi === queued.length - 1, "aria-label": `Đưa ${s.full_name} xuống`, onclick: (e) => act(e.currentTarget, move(qi, 1)) }, "↓"));
      }
      const spoken = s.status === "done" && s.seconds != null ? ` (${Math.floor(s.seconds / 60)} phút ${s.seconds % 60} giây)` : "";
      return h("li", { class: `speaker s-${s.status}`, dataset: { speaker: s.speaker_id } }, h("span", {}, s.full_name),
        h("span", { class: "muted" }, ` · ${s.status_label}${spoken}`), tools.length ? h("span", { class: "row-tools" }, tools) : null);
    });
    fill(el.speakers, h("h2", {}, "Phát biểu"),
      speaking ? h("p", { class: "speaking-now" }, "Đang phát biểu: ", h("strong", {}, speaking.full_name), " ", elapsed) : null,
      rows.length ? h("ol", { class: "speaker-list" }, rows) : h("p", { class: "muted" }, "Chưa có ai đăng ký phát biểu ở nội dung này."),
      mine.length ? h("div", { class: "actions" }, mine) : null);
  }

  function drawVote(r, people) {
    const v = r.vote;
    const me = r.me;
    const m = r.meeting;
    const children = [h("h2", {}, "Biểu quyết")];
    if (v) {
      children.push(h("p", { class: "vote-question", "data-test": "vote-question" }, v.question),
        h("p", { class: "muted" }, `${v.secret ? "Bỏ phiếu kín" : "Biểu quyết công khai"} · ${THRESHOLDS[v.threshold] || v.threshold}`));
      if (v.status === "open") {
        children.push(h("p", { "data-test": "ballot-count" }, `Đã nhận ${v.ballots}/${r.quorum.present_seats} phiếu của đại biểu có mặt`));
        for (const seat of v.my_seats) {
          const key = `${v.vote_id}:${seat.seat}`;
          if (seat.voted) {
            state.ballots.delete(key);
            children.push(h("p", { class: "ok-note", "data-test": "voted" },
              seat.seat === me.user_id ? "Bạn đã biểu quyết." : `Đã biểu quyết thay ${nameOf(people, seat.seat)}.`));
          } else if (v.can_vote) {
            if (!state.ballots.has(key)) state.ballots.set(key, ballotForm(v, seat.seat, me, people));
            children.push(state.ballots.get(key));
          }
        }
        if (v.my_seats.length && !me.present) children.push(h("p", { class: "warn-note" }, "Cần điểm danh trước khi biểu quyết."));
        if (!v.my_seats.length && !me.is_chair) {
          children.push(h("p", { class: "muted" }, me.delegated_to ? "Bạn đã ủy quyền biểu quyết cho người khác." : "Bạn không có quyền biểu quyết trong cuộc họp này."));
        }
        if (me.is_chair) {
          children.push(h("div", { class: "actions" }, h("button", { type: "button", class: "danger", onclick: (e) =>
            act(e.currentTarget, () => post(`${base}/votes/${v.vote_id}/close`, {}), "Đã kết thúc biểu quyết và công bố kết quả.") }, "Kết thúc biểu quyết")));
        }
      } else if (v.results) {
        children.push(resultsView(v, people));
      }
    } else {
      children.push(h("p", { class: "muted" }, "Chưa có biểu quyết."));
    }
    if (me.is_chair && m.status === "in_progress" && (!v || v.status !== "open")) children.push(voteForm);
    fill(el.vote, ...children);
  }

  function ballotForm(v, seat, me, people) {
    const forWhom = seat === me.user_id ? null : h("p", { class: "muted" }, `Phiếu thay mặt ${nameOf(people, seat)} (ủy quyền)`);
    const cast = (choices, button) => act(button, () => post(`${base}/votes/${v.vote_id}/ballots`, { choices, seat }), "Đã ghi nhận phiếu biểu quyết.");
    if (!v.multiple) {
      return h("div", { class: "ballot", dataset: { seat } }, forWhom, h("div", { class: "actions" }, v.options.map((o) =>
        h("button", { type: "button", class: `choice c-${o.id}`, onclick: (e) => cast([o.id], e.currentTarget) }, o.label))));
    }
    const boxes = v.options.map((o) => h("input", { type: "checkbox", value: o.id }));
    const send = h("button", { type: "button", class: "primary", onclick: () => cast(boxes.filter((b) => b.checked).map((b) => b.value), send) }, "Gửi phiếu");
    return h("div", { class: "ballot", dataset: { seat } }, forWhom,
      h("p", { class: "muted" }, `Chọn từ ${v.min_choices} đến ${v.max_choices} phương án.`),
      v.options.map((o, i) => h("label", { class: "check" }, boxes[i], o.label)), h("div", { class: "actions" }, send));
  }

  mount(el.head, el.conn, el.notice, el.status, el.controls,
    h("div", { class: "room" }, h("div", { class: "room-side" }, el.agenda, el.speakers), h("div", { class: "room-main" }, el.vote, el.item)));
  await poll(true);
  if (!state.room && !state.stopped) fill(el.conn, h("p", { class: "warn-note" }, "Chưa tải được phòng họp, đang thử lại…"));
}

function resultsView(v, people) {
  const res = v.results;
  const verdict = !res.quorum_reached ? "Không đủ túc số" : v.kind === "yes_no" ? (res.passed ? "Thông qua" : "Không thông qua")
    : (res.passed ? "Có phương án đạt" : "Không có phương án đạt");
  const pct = (x) => (x == null ? "—" : `${String(x.toFixed(2)).replace(".", ",")}%`);
  return h("div", { class: "vote-results", "data-test": "vote-results" },
    h("p", {}, h("span", { class: res.passed ? "badge s06 verdict" : "badge s02 verdict", "data-test": "verdict" }, verdict),
      ` ${res.ballots} phiếu / ${res.present_seats} đại biểu có mặt / ${res.total_seats} tổng số đại biểu`),
    h("table", {}, h("thead", {}, h("tr", {}, h("th", {}, "Phương án"), h("th", {}, "Số phiếu"), h("th", {}, "% có mặt"), h("th", {}, "% tổng số"))),
      h("tbody", {}, res.options.map((o) => h("tr", { dataset: { option: o.id } }, h("td", {}, o.label, res.adopted.includes(o.id) ? " ✓" : ""),
        h("td", { class: "count", "data-test": "count" }, String(o.count)), h("td", {}, pct(o.percent_of_present)), h("td", {}, pct(o.percent_of_all)))))),
    h("p", { class: "muted" }, res.summary),
    v.named_ballots?.length ? h("details", {}, h("summary", {}, "Phiếu công khai"), h("ul", {}, v.named_ballots.map((b) =>
      h("li", {}, `${nameOf(people, b.seat)}${b.cast_by !== b.seat ? ` (do ${nameOf(people, b.cast_by)} bỏ thay)` : ""}: `,
        b.choices.map((c) => v.options.find((o) => o.id === c)?.label || c).join(", "))))) : null);
}

// The chair's form to open a vote: a question, open or secret, agree/disagree/abstain or options.
function openVoteForm(base, after) {
  const question = h("input", { type: "text", name: "question", placeholder: "VD: Thông qua báo cáo công tác tháng 2" });
  const kind = h("select", { name: "kind" }, h("option", { value: "yes_no" }, "Tán thành / Không tán thành / Không biểu quyết"),
    h("option", { value: "options" }, "Các phương án"));
  const options = h("textarea", { name: "options", rows: 3, placeholder: "Mỗi dòng một phương án" });
  const multiple = h("input", { type: "checkbox", name: "multiple" });
  const secret = h("input", { type: "checkbox", name: "secret" });
  const threshold = h("select", { name: "threshold" }, h("option", { value: "" }, "Theo quy định của cuộc họp"),
    Object.entries(THRESHOLDS).map(([v, label]) => h("option", { value: v }, label)));
  const optionBox = h("div", { hidden: true }, h("label", {}, "Phương án", options), h("label", { class: "check" }, multiple, "Được chọn nhiều phương án"));
  kind.addEventListener("change", () => { optionBox.hidden = kind.value !== "options"; });
  const open = h("button", { type: "submit", class: "primary" }, "Mở biểu quyết");
  const form = h("form", { class: "open-vote", novalidate: true }, h("h3", {}, "Mở biểu quyết mới"),
    h("label", {}, "Nội dung biểu quyết", question), h("label", {}, "Hình thức", kind), optionBox,
    h("label", {}, "Ngưỡng thông qua", threshold), h("label", { class: "check" }, secret, "Bỏ phiếu kín"), h("div", { class: "actions" }, open));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    busy(open, async () => {
      const body = { question: question.value, kind: kind.value, secret: secret.checked, threshold: threshold.value || null };
      if (kind.value === "options") {
        body.options = options.value.split("\n").map((x) => x.trim()).filter(Boolean);
        body.multiple = multiple.checked;
      }
      await post(`${base}/votes`, body);
      toast("Đã mở biểu quyết.");
      form.reset();
      optionBox.hidden = true;
      await after();
    }, form);
  });
  return form;
}

