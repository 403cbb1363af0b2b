// stancegraph review: the page's script. It builds every element with textContent (never
// innerHTML), so no text of a document can become markup; it sends each action as JSON
// with the page's token, then shows the view the server worked out again.
"use strict";
(() => {
  const token = document.querySelector('meta[name="review-token"]').content;
  const $ = (id) => document.getElementById(id);
  const TYPES = ["Person", "Organization", "State", "Group"];
  const POLARITIES = ["support", "oppose", "neutral"];
  const VERB = { support: "supports", oppose: "opposes", neutral: "comments on" };
  let state = null;
  let facets = null; // documents, actors, positions, cue types: read again when they change
  let offset = 0;
  let panel = null; // {kind: "actor" | "position", id}
  let lastEntry = null;
  let busy = 0;
  let loaded = false;
  let lastUpdateMs = null;

  // ---- small helpers ------------------------------------------------------------------

  function el(tag, attrs = {}, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  }

  function button(text, onclick, attrs = {}) {
    return el("button", { type: "button", onclick, ...attrs }, text);
  }

  function plural(n, word) {
    return `${n} ${word}${n === 1 ? "" : "s"}`;
  }

  function say(text, bad = false) {
    const s = $("status");
    s.textContent = text;
    s.className = bad ? "bad" : "";
  }

  async function api(path, body) {
    const options = body === undefined
      ? { credentials: "same-origin" }
      : {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", "X-Review-Token": token },
          body: JSON.stringify(body),
        };
    const response = await fetch(path, options);
    let data;
    try {
      data = await response.json();
    } catch (err) {
      data = { error: `${response.status} ${response.statusText}` };
    }
    if (!response.ok) throw new Error(data.error || `${response.status}`);
    return data;
  }

  function query(params) {
    const kept = Object.entries(params).filter(([, v]) => v !== "" && v !== null && v !== undefined);
    return new URLSearchParams(kept).toString();
  }

  function idOf(list, text) {
    const wanted = (text || "").trim().toLowerCase();
    const found = list.filter((r) => r.id.toLowerCase() === wanted || r.label.toLowerCase() === wanted);
    return found.length ? found[0].id : null;
  }

  function fill(select, options, keep = true) {
    const current = select.value;
    while (select.options.length > 1) select.remove(1);
    for (const [value, label] of options) select.append(el("option", { value }, label));
    if (keep && [...select.options].some((o) => o.value === current)) select.value = current;
  }

  // ---- loading ------------------------------------------------------------------------

  function filters() {
    return {
      doc: $("f-doc").value,
      actor: $("f-actor").value,
      position: $("f-position").value,
      polarity: $("f-polarity").value,
      cue: $("f-cue").value,
      source: $("f-source").value,
      status: $("f-status").value,
      max_confidence: $("f-confidence").value,
      sort: $("f-sort").value,
      limit: $("f-limit").value,
    };
  }

  async function loadState() {
    state = await api("/api/state");
    const c = state.counts;
    $("counts").textContent =
      `${c.statements} statements (${c.extracted} extracted) · ${c.confirmed} confirmed · ` +
      `${c.corrected} corrected · ${c.unreviewed} not reviewed · ${c.actors} actors · ` +
      `${c.positions} positions · ${c.documents} documents · ${c.entries} corrections` +
      (c.stale ? ` (${c.stale} change nothing)` : "");
    const problems = [state.error, state.warning].filter(Boolean);
    $("banner").hidden = !problems.length;
    $("banner").textContent = problems.join(" · ");
    if (!facets || facets.facets !== state.facets) await loadFacets();
    renderHistory();
  }

  async function loadFacets() {
    facets = await api("/api/facets");
    fill($("f-doc"), facets.documents.map((d) => [d.id, d.date ? `${d.title} (${d.date})` : d.title]));
    fill($("f-actor"), facets.actors.map((a) => [a.id, a.label]));
    fill($("f-position"), facets.positions.map((p) => [p.id, p.label]));
    fill($("f-cue"), facets.predicates.map((p) => [p, p.replace(/_/g, " ")]));
    fill($("f-source"), Object.entries(facets.sources).map(([k, about]) => [k, `${k}: ${about}`]));
    for (const [list, records] of [["actor-names", facets.actors], ["position-names", facets.positions]]) {
      $(list).replaceChildren(...records.map((r) => el("option", { value: r.label })));
    }
  }

  async function loadStatements() {
    const data = await api("/api/statements?" + query({ ...filters(), offset }));
    if (data.rows.length === 0 && offset > 0 && data.total > 0) {
      offset = Math.max(0, data.total - Number($("f-limit").value));
      return loadStatements();
    }
    const list = $("statements");
    list.replaceChildren(...data.rows.map(statementCard));
    if (!data.rows.length) list.append(el("p", { class: "hint", text: "No statements here." }));
    const last = Math.min(offset + data.rows.length, data.total);
    $("range").textContent = data.total ? `${offset + 1}–${last} of ${data.total}` : "0 of 0";
    $("prev").disabled = offset === 0;
    $("next").disabled = last >= data.total;
  }

  async function loadPanel() {
    if (!panel) return;
    try {
      const data = await api(`/api/${panel.kind}?` + query({ id: panel.id }));
      $("panel").replaceChildren(panel.kind === "actor" ? actorPanel(data) : positionPanel(data));
    } catch (err) {
      panel = null; // merged away or renamed: nothing to show
      $("panel").replaceChildren(el("p", { class: "hint", text: err.message }));
    }
  }

  async function refresh() {
    await Promise.all([loadState(), loadStatements(), loadPanel()]);
  }

  async function act(body, what) {
    const started = performance.now();
    busy++;
    say(`${what}…`);
    try {
      const result = await api("/api/action", body);
      lastEntry = result.entry;
      $("undo-last").disabled = false;
      await refresh();
      lastUpdateMs = performance.now() - started;
      say(`${what}: saved to the curation file (${Math.round(lastUpdateMs)} ms)`);
    } catch (err) {
      say(`${what}: ${err.message}`, true);
    } finally {
      busy--;
    }
  }

  async function undo(entry, what) {
    const started = performance.now();
    busy++;
    try {
      await api("/api/undo", { entry });
      if (lastEntry && lastEntry.fingerprint === entry) {
        lastEntry = null;
        $("undo-last").disabled = true;
      }
      await refresh();
      lastUpdateMs = performance.now() - started;
      say(`undone: ${what} (${Math.round(lastUpdateMs)} ms)`);
    } catch (err) {
      say(`undo: ${err.message}`, true);
    } finally {
      busy--;
    }
  }

  // ---- a statement --------------------------------------------------------------------

  function openPanel(kind, id) {
    panel = { kind, id };
    loadPanel();
  }

  function statementCard(row) {
    const evidence = el("p", { class: "evidence" });
    for (const run of row.segments) {
      evidence.append(run.mark ? el("mark", { class: run.mark, title: run.mark, text: run.text }) : run.text);
    }
    const flags = [row.hedged ? "hedged" : null, row.conditional ? "conditional" : null].filter(Boolean);
    const meta = el("div", { class: "meta" },
      el("span", { class: "title", text: row.title }),
      row.date ? el("span", { text: row.date }) : null,
      el("span", { text: `cue: ${row.cue || "—"} (${row.predicate.replace(/_/g, " ")})` }),
      el("span", { text: `source: ${row.source}` }),
      el("span", { text: `confidence ${row.confidence.toFixed(2)}` }),
      flags.length ? el("span", { text: flags.join(", ") }) : null,
      el("span", { class: `badge ${row.status}`, text: row.status === "unreviewed" ? "not reviewed" : row.status }),
    );
    const claim = el("div", { class: "claim" },
      row.actor_id
        ? button(row.actor, () => openPanel("actor", row.actor_id), { class: "link actor-link" })
        : el("span", { class: "none", text: row.actor || "(no actor)" }),
      el("span", { class: `polarity ${row.polarity}`, text: ` ${VERB[row.polarity] || row.polarity} ` }),
      row.position_id
        ? button(row.position, () => openPanel("position", row.position_id), { class: "link position-link" })
        : row.target_id
          ? button(row.position, () => openPanel("actor", row.target_id), { class: "link actor-link" })
          : el("span", { class: "none", text: "(no position: a claim)" }),
    );
    if (row.corrections.length) claim.append(el("span", { class: "done", text: ` corrected: ${row.corrections.join(", ")}` }));
    const about = `${row.actor} ${VERB[row.polarity] || row.polarity} ${row.position}`;
    const actions = el("div", { class: "actions" },
      button("Confirm", () => act({ action: "confirm", statement: row.id }, `confirm: ${about}`),
        { class: "confirm", disabled: row.status === "confirmed" }),
      ...POLARITIES.map((p) => button(p, () => act({ action: "polarity", statement: row.id, polarity: p }, `${p}: ${about}`),
        { class: `set-polarity ${p}`, disabled: row.polarity === p, "data-polarity": p })),
      button("Not a stance", () => act({ action: "drop", statement: row.id }, `dropped: ${about}`), { class: "drop" }),
    );
    const card = el("article", { class: `statement ${row.status}`, "data-id": row.id }, meta, evidence, claim, actions);
    actions.append(moveForm(row, "actor", about, card), moveForm(row, "position", about, card));
    return card;
  }

  function moveForm(row, what, about, card) {
    const input = el("input", { list: `${what}-names`, placeholder: `an ${what} or a new name`, "aria-label": `another ${what}` });
    const type = el("select", { "aria-label": "type of a new actor" }, el("option", { value: "" }, "type if new"),
      ...TYPES.map((t) => el("option", { value: t }, t)));
    const go = () => {
      const name = input.value.trim();
      if (!name) return say(`give the ${what} to move the statement to`, true);
      const body = { action: "move", statement: row.id };
      body[`to_${what}`] = name;
      if (what === "actor" && type.value) body.type = type.value;
      act(body, `moved to ${what} ${name}: ${about}`);
    };
    const form = el("span", { class: `move ${what}`, hidden: true }, input, what === "actor" ? type : null, button("Move", go));
    const open = button(`Another ${what}…`, () => {
      form.hidden = !form.hidden;
      if (!form.hidden) input.focus();
    }, { class: `open-move ${what}` });
    return el("span", {}, open, form);
  }

  // ---- panels -------------------------------------------------------------------------

  function field(label, control, go, text) {
    return el("div", { class: "field" }, el("label", {}, label, control), button(text, go));
  }

  function list(title, items, make) {
    if (!items.length) return document.createDocumentFragment(); // nothing to show
    return el("div", {}, el("h3", { text: `${title} (${items.length})` }), el("ul", {}, ...items.map((i) => el("li", {}, ...make(i)))));
  }

  function actorPanel(a) {
    const out = el("div", { class: "actor-panel", "data-id": a.id });
    out.append(el("h2", { text: a.label }));
    const facts = [a.type, plural(a.statements, "statement"), plural(a.mentions, "mention")];
    out.append(el("p", { class: "facts", text: facts.join(" · ") }));
    if (a.aliases.length) out.append(el("p", { text: `also: ${a.aliases.join("; ")}` }));
    if (a.wikidata && /^Q\d+$/.test(a.wikidata)) {
      out.append(el("p", {}, "Wikidata: ", el("a", { href: `https://www.wikidata.org/wiki/${a.wikidata}`, target: "_blank", rel: "noopener noreferrer", text: a.wikidata })));
    }
    out.append(el("img", { class: "chart", alt: `${a.label}: support and opposition over time`,
      src: "/api/actor/timeline.svg?" + query({ id: a.id, v: state ? state.version : 0 }) }));
    out.append(button("Show its statements", () => { $("f-actor").value = a.id; offset = 0; loadStatements(); }));
    const label = el("input", { value: a.label, "aria-label": "new label" });
    out.append(field("Rename ", label, () => act({ action: "rename_actor", actor: a.id, label: label.value }, `rename ${a.label}`), "Rename"));
    const type = el("select", { "aria-label": "type" }, ...TYPES.map((t) => el("option", { value: t, selected: t === a.type }, t)));
    out.append(field("Type ", type, () => act({ action: "set_actor", actor: a.id, type: type.value }, `type of ${a.label}`), "Set type"));
    const qid = el("input", { value: a.wikidata || "", placeholder: "Q…", "aria-label": "Wikidata id", size: 10 });
    out.append(field("Wikidata ", qid, () => act({ action: "set_actor", actor: a.id, wikidata: qid.value }, `Wikidata id of ${a.label}`), "Set"));
    const other = el("input", { list: "actor-names", placeholder: "another actor", "aria-label": "actor to merge" });
    out.append(field("Merge with ", other, () => {
      const id = idOf(facets.actors, other.value);
      if (!id) return say(`no actor named ${other.value}`, true);
      act({ action: "merge_actors", actors: [a.id, id], into: a.id }, `merge ${other.value} into ${a.label}`);
    }, "Merge into this"));
    if (a.aliases.length) {
      const alias = el("select", { "aria-label": "alias" }, ...a.aliases.map((x) => el("option", { value: x }, x)));
      const named = el("input", { placeholder: "label of the new actor", "aria-label": "label of the new actor" });
      out.append(field("Split alias ", alias, () => act({ action: "split_alias", actor: a.id, alias: alias.value, label: named.value || undefined },
        `split ${alias.value} off ${a.label}`), "Split off"));
      out.lastChild.insertBefore(named, out.lastChild.lastChild);
    }
    out.append(list("Positions", a.positions, (p) => [
      button(p.label, () => openPanel("position", p.id), { class: "link" }),
      ` ${p.support} support, ${p.oppose} oppose, ${p.neutral} neutral`,
    ]));
    out.append(list("Roles", a.roles, (r) => [
      r.of ? `${r.predicate.replace(/_/g, " ")} ` : `has ${r.predicate.replace(/_/g, " ")}: `,
      button(r.other, () => openPanel("actor", r.other_id), { class: "link" }),
      r.role ? ` (${r.role})` : "",
    ]));
    if (a.curated.length) out.append(el("p", { class: "curated", text: `corrections: ${a.curated.join("; ")}` }));
    return out;
  }

  function positionPanel(p) {
    const out = el("div", { class: "position-panel", "data-id": p.id });
    out.append(el("h2", { text: p.label }));
    out.append(el("p", { class: "facts", text: `${p.in_catalogue ? "catalogue position" : "new position"} · ${plural(p.statements, "statement")}` }));
    if (p.alt_labels.length) out.append(el("p", { text: `also: ${p.alt_labels.join("; ")}` }));
    if (p.definition) out.append(el("p", { class: "definition", text: p.definition }));
    out.append(el("img", { class: "chart", alt: `${p.label}: actors for and against`,
      src: "/api/position/sides.svg?" + query({ id: p.id, v: state ? state.version : 0 }) }));
    out.append(button("Show its statements", () => { $("f-position").value = p.id; offset = 0; loadStatements(); }));
    for (const [title, side] of [["For", p.for], ["Against", p.against], ["Comment only", p.neutral]]) {
      out.append(list(title, side, (a) => [button(a.label, () => openPanel("actor", a.id), { class: "link" }), ` ${a.count}`]));
    }
    const label = el("input", { value: p.label, "aria-label": "new label" });
    out.append(field("Rename ", label, () => act({ action: "rename_position", position: p.id, label: label.value }, `rename ${p.label}`), "Rename"));
    const other = el("input", { list: "position-names", placeholder: "another position", "aria-label": "position to merge" });
    out.append(field("Merge with ", other, () => {
      const id = idOf(facets.positions, other.value);
      if (!id) return say(`no position named ${other.value}`, true);
      act({ action: "merge_positions", positions: [p.id, id], into: p.id }, `merge ${other.value} into ${p.label}`);
    }, "Merge into this"));
    if (p.curated.length) out.append(el("p", { class: "curated", text: `corrections: ${p.curated.join("; ")}` }));
    return out;
  }

  function renderHistory() {
    const items = state.entries.map((e) => {
      const fields = Object.entries(e.fields).filter(([k]) => k !== "time")
        .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(", ") : v}`).join(" · ");
      const what = `${e.kind.replace(/_/g, " ")} — ${fields}`;
      return el("li", { class: e.stale ? "stale" : "", "data-fingerprint": e.fingerprint },
        el("span", { class: "what", text: what }),
        el("span", { class: "when", text: `${e.time || ""} · ${e.where}` }),
        e.stale ? el("span", { class: "why", text: `changes nothing: ${e.stale.split(": ").slice(2).join(": ")}` }) : null,
        button("Undo", () => undo(e.fingerprint, what), { class: "undo" }));
    });
    $("entries").replaceChildren(...items);
    if (!items.length) $("entries").append(el("li", { class: "hint", text: "None yet." }));
    const older = state.counts.entries - state.entries.length;
    if (older > 0) $("entries").append(el("li", { class: "hint", text: `and ${older} older ones in the file` }));
  }

  // ---- wiring -------------------------------------------------------------------------

  for (const id of ["f-doc", "f-actor", "f-position", "f-polarity", "f-cue", "f-source", "f-status", "f-confidence", "f-sort", "f-limit"]) {
    $(id).addEventListener("change", () => { offset = 0; loadStatements().catch((e) => say(e.message, true)); });
  }
  $("f-reset").addEventListener("click", () => {
    for (const id of ["f-doc", "f-actor", "f-position", "f-polarity", "f-cue", "f-source", "f-status", "f-confidence"]) $(id).value = "";
    offset = 0;
    loadStatements().catch((e) => say(e.message, true));
  });
  $("prev").addEventListener("click", () => { offset = Math.max(0, offset - Number($("f-limit").value)); loadStatements(); });
  $("next").addEventListener("click", () => { offset += Number($("f-limit").value); loadStatements(); });
  $("undo-last").addEventListener("click", () => {
    if (lastEntry) undo(lastEntry.fingerprint, `${lastEntry.kind.replace(/_/g, " ")}`);
  });

  window.stancegraphReview = {
    ready: () => loaded && busy === 0,
    lastUpdateMs: () => lastUpdateMs,
    version: () => (state ? state.version : null),
  };
  refresh()
    .then(() => { loaded = true; })
    .catch((err) => { loaded = true; say(err.message, true); });
})();
