// The case owner's workspace tab. Everything a case holds is put on the page as text (textContent),
// never as HTML; nothing but a case reference ever goes into a URL; the token stays in memory.
"use strict";

(() => {
  const teams = window.microsoftTeams;
  const list = document.getElementById("cases");
  const status = document.getElementById("status");
  const filters = document.getElementById("filters");
  const pages = document.getElementById("pages");
  const detail = document.getElementById("case");
  let page = 1;

  const el = (tag, text, className) => {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  };

  const say = (text) => { status.textContent = text; };

  async function token() {
    // Teams single sign-on; asked for on every call so that an expired token is never reused.
    return teams.authentication.getAuthToken();
  }

  async function api(path, options = {}) {
    const response = await fetch(`/api/workspace${path}`, {
      ...options,
      headers: { ...(options.body ? { "Content-Type": "application/json" } : {}), Authorization: `Bearer ${await token()}` },
      credentials: "omit",
      cache: "no-store",
    });
    if (response.status === 404) throw new Error("not-found");
    if (!response.ok && response.status !== 409) throw new Error(`http-${response.status}`);
    return response.json();
  }

  function flags(item) {
    const shown = [];
    if (item.safetyConcern) shown.push(el("span", "Safety concern", "flag alert"));
    if (item.noContact) shown.push(el("span", "No contact", "flag warn"));
    if (item.overdue) shown.push(el("span", "Overdue", "flag alert"));
    if (item.needsReply) shown.push(el("span", "Reply waiting", "flag warn"));
    if (item.held) shown.push(el("span", "On hold", "flag"));
    return shown;
  }

  function query() {
    const form = new FormData(filters);
    const params = new URLSearchParams();
    for (const [name, value] of form.entries()) params.set(name, value);
    params.set("page", String(page));
    return params.toString();
  }

  async function showList() {
    say("Loading your cases…");
    const result = await api(`/cases?${query()}`);
    list.replaceChildren(...result.cases.map((item) => {
      const button = el("button");
      button.type = "button";
      button.dataset.reference = item.reference;
      button.append(el("span", item.reference, "ref"), el("span", item.status, "muted"), el("span", item.kind, "muted"), ...flags(item));
      if (item.deadlines.length > 0) button.append(el("span", `Due ${item.deadlines[0].due.slice(0, 10)}`, "muted"));
      button.addEventListener("click", () => showCase(item.reference));
      const row = el("li");
      row.append(button);
      return row;
    }));
    const last = Math.max(1, Math.ceil(result.total / result.pageSize));
    pages.replaceChildren();
    if (last > 1) {
      for (const [label, target] of [["Previous", page - 1], ["Next", page + 1]]) {
        if (target < 1 || target > last) continue;
        const button = el("button", label);
        button.type = "button";
        button.addEventListener("click", () => { page = target; showList().catch(failed); });
        pages.append(button);
      }
    }
    say(result.total === 0 ? "No cases match." : `${result.total} cases`);
  }

  function section(title, lines) {
    const part = el("div");
    part.append(el("h3", title));
    if (lines.length === 0) part.append(el("p", "None", "muted"));
    for (const line of lines) part.append(el("pre", line));
    return part;
  }

  async function act(reference, verb, body) {
    const outcome = await api(`/cases/${encodeURIComponent(reference)}/${verb}`, {
      method: "POST",
      body: JSON.stringify({ requestId: crypto.randomUUID(), ...body }),
    });
    say(outcome.outcome === "refused" ? `Not done: ${outcome.reason}` : outcome.outcome === "already" ? "Nothing to change." : "Done.");
    await showCase(reference);
    await showList();
  }

  async function showCase(reference) {
    const c = await api(`/cases/${encodeURIComponent(reference)}`);
    detail.hidden = false;
    const heading = el("h2", c.facts.reference);
    const facts = el("p");
    facts.append(el("span", `${c.facts.kind} · ${c.facts.status}`, "muted"), ...flags(c.facts));
    const answers = Object.entries(c.answers)
      .filter(([, value]) => value !== null && value !== "" && !(Array.isArray(value) && value.length === 0) && typeof value !== "boolean")
      .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join("\n") : typeof value === "object" ? JSON.stringify(value) : value}`);
    const evidence = el("div");
    evidence.append(el("h3", "Evidence"));
    for (const item of c.evidence) {
      const button = el("button", `${item.number}. ${item.name} (${item.size} bytes, SHA-256 ${item.sha256})`);
      button.type = "button";
      button.addEventListener("click", () => download(c.facts.reference, item).catch(failed));
      evidence.append(button);
    }

    const actions = el("div", null, "actions");
    const text = el("textarea");
    text.setAttribute("aria-label", "Message or note");
    for (const [label, verb, withText] of [["Acknowledge", "acknowledge", false], ["Message the reporter", "message", true], ["Add a note", "note", true], ["Close", "close", false]]) {
      const button = el("button", label);
      button.type = "button";
      button.addEventListener("click", () => act(c.facts.reference, verb, withText ? { text: text.value } : {}).catch(failed));
      actions.append(button);
    }

    detail.replaceChildren(
      heading, facts, actions, text,
      section("Answers", answers),
      section("Additions", c.additions.map((a) => `${a.at}: ${a.text}`)),
      section("Thread", c.messages.map((m) => `${m.at} ${m.from}: ${m.text}`)),
      section("Notes", c.notes.map((n) => `${n.at}: ${n.text}`)),
      evidence,
      section("Who can read the case file", c.access.map((r) => `${r.name} <${r.email}>`)),
      section("Audit", c.audit.map((a) => `${a.at} ${a.action} ${a.result}`)),
    );
    heading.tabIndex = -1;
    heading.focus();
  }

  async function download(reference, item) {
    const response = await fetch(`/api/workspace/cases/${encodeURIComponent(reference)}/evidence/${item.number}`, {
      headers: { Authorization: `Bearer ${await token()}` }, credentials: "omit", cache: "no-store",
    });
    if (!response.ok) throw new Error(`http-${response.status}`);
    const link = el("a");
    link.href = URL.createObjectURL(await response.blob());
    link.download = item.name;
    link.click();
    URL.revokeObjectURL(link.href);
  }

  function failed(error) {
    say(error.message === "not-found" ? "That case isn't among the cases you own." : "Something went wrong; nothing was changed that you weren't told about. Try again.");
  }

  function theme(name) { document.body.dataset.theme = name || "default"; }

  async function start() {
    await teams.app.initialize();
    const context = await teams.app.getContext();
    theme(context.app.theme);
    teams.app.registerOnThemeChangeHandler(theme);
    filters.addEventListener("change", () => { page = 1; showList().catch(failed); });
    await showList();
    // "Open in workspace" deep links carry the reference, and only it, as the tab's sub-page id.
    const reference = context.page && context.page.subPageId;
    if (reference && /^IR-[0-9A-Z]{8}$/.test(reference)) await showCase(reference);
  }

  start().catch(failed);
})();
