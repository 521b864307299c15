// The case owner's workspace tab. Everything a case holds is put on the page as text (textContent),
// never as HTML; nothing but a case reference ever goes into a URL; the token stays in memory. Every
// word comes from the bot's catalog in the reader's language (GET /api/workspace/texts), and dates are
// written in the reader's culture, from the locale Teams gives.
"use strict";

(() => {
  const teams = window.microsoftTeams;
  const list = document.getElementById("cases");
  const status = document.getElementById("status");
  const filters = document.getElementById("filters");
  const pages = document.getElementById("pages");
  const detail = document.getElementById("case");
  let page = 1;
  let locale = "en";
  let words = {};

  const el = (tag, text, className) => {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  };

  // A catalog text with its {0}, {1}, ... filled in.
  const t = (key, ...values) => (words[key] ?? key).replace(/\{(\d+)\}/g, (_, i) => String(values[Number(i)] ?? ""));

  const say = (text) => { status.textContent = text; };

  const dateTime = (iso) => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
  const date = (iso) => new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(new Date(iso));

  const statusWord = (stored) => t({ submitted: "StatusSubmitted", acknowledged: "StatusAcknowledged", "in-review": "StatusInReview", closed: "StatusClosed" }[stored] ?? "StatusSubmitted");
  const kindWord = (stored) => (stored === "taken-by-responder" ? t("WorkspaceKindTakenByResponder") : t("WorkspaceKindSelfReport"));
  const deadlineWord = (stored) => (stored === "feedback" ? t("DeadlineFeedback") : t("DeadlineAcknowledgement"));

  // Why an action was not done, by the reason the API gives.
  const refusals = {
    empty: "WorkspaceRefusedEmpty", "too-long": "WorkspaceRefusedTooLong", "notes-full": "WorkspaceRefusedNotesFull",
    closed: "WorkspaceRefusedClosed", "no-reporter": "WorkspaceRefusedNoReporter", "thread-full": "WorkspaceRefusedThreadFull",
    "no-contact": "WorkspaceRefusedNoContact", "not-responder": "WorkspaceRefusedNotResponder", self: "WorkspaceRefusedSelf",
    group: "WorkspaceRefusedGroup", unavailable: "WorkspaceRefusedUnavailable", "held-by-hold-role": "WorkspaceRefusedHeldByHoldRole",
    "newer-version": "WorkspaceRefusedNewerVersion", reload: "WorkspaceRefusedReload",
  };

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

  async function loadWords() {
    const served = await api(`/texts?locale=${encodeURIComponent(locale)}`);
    words = served.texts;
    document.documentElement.lang = served.language;
    document.title = t("WorkspaceTitle");
    for (const node of document.querySelectorAll("[data-text]")) node.textContent = t(node.dataset.text);
    for (const node of document.querySelectorAll("[data-label]")) node.setAttribute("aria-label", t(node.dataset.label));
  }

  function flags(item) {
    const shown = [];
    if (item.safetyConcern) shown.push(el("span", t("WorkspaceFlagSafety"), "flag alert"));
    if (item.noContact) shown.push(el("span", t("WorkspaceFlagNoContact"), "flag warn"));
    if (item.overdue) shown.push(el("span", t("WorkspaceFlagOverdue"), "flag alert"));
    if (item.needsReply) shown.push(el("span", t("WorkspaceFlagNeedsReply"), "flag warn"));
    if (item.held) shown.push(el("span", t("WorkspaceFlagHeld"), "flag"));
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
    say(t("WorkspaceLoading"));
    const result = await api(`/cases?${query()}`);
    list.replaceChildren(...result.cases.map((item) => {
      const button = el("button");
      button.type = "button";
      button.dataset.reference = item.reference;
      button.append(el("span", item.reference, "ref"), el("span", statusWord(item.status), "muted"), el("span", kindWord(item.kind), "muted"), ...flags(item));
      if (item.summary) button.append(el("span", item.summary, "line-summary"));
      if (item.deadlines.length > 0) button.append(el("span", t("WorkspaceDue", deadlineWord(item.deadlines[0].kind), date(item.deadlines[0].due)), "muted"));
      button.append(el("span", t("WorkspaceLastActivity", dateTime(item.lastActivity)), "muted"));
      button.addEventListener("click", () => showCase(item.reference).catch(failed));
      const row = el("li");
      row.append(button);
      return row;
    }));
    const last = Math.max(1, Math.ceil(result.total / result.pageSize));
    pages.replaceChildren();
    if (last > 1) {
      for (const [label, target] of [["WorkspacePrevious", page - 1], ["WorkspaceNext", page + 1]]) {
        if (target < 1 || target > last) continue;
        const button = el("button", t(label));
        button.type = "button";
        button.addEventListener("click", () => { page = target; showList().catch(failed); });
        pages.append(button);
      }
    }
    say(result.total === 0 ? t("WorkspaceNoCases") : t("WorkspaceCaseCount", result.total));
  }

  function section(title, lines) {
    const part = el("div");
    part.append(el("h3", title));
    if (lines.length === 0) part.append(el("p", t("WorkspaceNone"), "muted"));
    for (const line of lines) part.append(el("pre", line));
    return part;
  }

  async function send(reference, verb, body) {
    const outcome = await api(`/cases/${encodeURIComponent(reference)}/${verb}`, {
      method: "POST",
      body: JSON.stringify({ requestId: crypto.randomUUID(), ...body }),
    });
    const said = outcome.outcome === "refused" ? t(refusals[outcome.reason] ?? "WorkspaceFailed") : outcome.outcome === "already" ? t("WorkspaceAlready") : t("WorkspaceDone");
    if (verb === "transfer" && outcome.outcome === "done") {
      // The case is no longer the caller's: it leaves their list and the view.
      detail.hidden = true;
      detail.replaceChildren();
    } else {
      await showCase(reference);
    }
    await showList();
    say(said);
  }

  function button(label, onClick) {
    const node = el("button", label);
    node.type = "button";
    node.addEventListener("click", () => onClick().catch(failed));
    return node;
  }

  // Only the actions that make sense for the case as it is now, each sent with the version shown, so that
  // one decided on what the page showed before someone else changed the case is not applied on top.
  function actions(c) {
    const reference = c.facts.reference;
    const act = (ref, verb, body) => send(ref, verb, { version: c.version, ...body });
    const open = c.facts.status !== "closed";
    const text = el("textarea");
    text.setAttribute("aria-label", t("WorkspaceTextLabel"));
    const withText = (verb) => () => act(reference, verb, { text: text.value });
    const moves = el("div", null, "actions");
    if (c.facts.status === "submitted") moves.append(button(t("WorkspaceActAcknowledge"), () => act(reference, "acknowledge", {})));
    moves.append(button(c.facts.held ? t("WorkspaceActRelease") : t("WorkspaceActHold"), () => act(reference, c.facts.held ? "release" : "hold", {})));
    if (open) moves.append(button(t("WorkspaceActClose"), () => act(reference, "close", {})));
    const writing = el("div", null, "actions");
    if (open && c.hasReporter) writing.append(button(t("WorkspaceActMessage"), withText("message")));
    writing.append(button(t("WorkspaceActNote"), withText("note")), button(t("WorkspaceActSummary"), withText("summary")));
    const to = el("input");
    to.type = "text";
    to.setAttribute("aria-label", t("WorkspaceTransferLabel"));
    to.placeholder = t("WorkspaceTransferLabel");
    const handing = el("div", null, "actions");
    handing.append(to, button(t("WorkspaceActTransfer"), () => act(reference, "transfer", { text: to.value })));
    return [moves, text, writing, handing];
  }

  async function showCase(reference) {
    const c = await api(`/cases/${encodeURIComponent(reference)}?locale=${encodeURIComponent(locale)}`);
    detail.hidden = false;
    const heading = el("h2", c.facts.reference);
    const facts = el("p");
    const submitted = c.facts.submittedAt ? ` · ${t("WorkspaceSubmitted", dateTime(c.facts.submittedAt))}` : "";
    facts.append(el("span", `${kindWord(c.facts.kind)} · ${statusWord(c.facts.status)}${submitted}`, "muted"), ...flags(c.facts));
    const summary = el("p", c.summary ?? "", "summary");
    const answers = el("div");
    answers.append(...c.answers.map((a) => section(a.title, a.lines.length === 0 ? [t("NotAnswered")] : a.lines)));
    const evidence = el("div");
    evidence.append(el("h3", t("TitleEvidence")));
    if (c.evidence.length === 0) evidence.append(el("p", t("WorkspaceNone"), "muted"));
    for (const item of c.evidence) {
      evidence.append(button(t("WorkspaceEvidenceLine", item.number, item.name, item.sizeText, item.sha256), () => download(c.facts.reference, item)));
    }

    detail.replaceChildren(
      heading, facts, summary, ...actions(c), answers,
      section(t("WorkspaceAdditions"), c.additions.map((a) => `${dateTime(a.at)}: ${a.text}`)),
      section(t("WorkspaceThread"), c.messages.map((m) => t(m.from === "owner" ? "CaseCardMessageFromOwner" : "CaseCardMessageFromReporter", dateTime(m.at), m.text))),
      section(t("WorkspaceNotes"), c.notes.map((n) => `${dateTime(n.at)}: ${n.text}`)),
      evidence,
      section(t("WorkspaceAccess"), c.access.map((r) => `${r.name} <${r.email}>`)),
      section(t("WorkspaceAudit"), c.audit.map((a) => `${dateTime(a.at)} ${a.action} ${a.result}`)),
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
    say(error.message === "not-found" ? t("WorkspaceNotFound") : t("WorkspaceFailed"));
  }

  // A locale the browser can write dates in; English when Teams gives none it knows.
  function culture(wanted) {
    try {
      return new Intl.DateTimeFormat(wanted || "en").resolvedOptions().locale;
    } catch {
      return "en";
    }
  }

  function theme(name) { document.body.dataset.theme = name || "default"; }

  async function start() {
    await teams.app.initialize();
    const context = await teams.app.getContext();
    locale = culture((context.app && context.app.locale) || navigator.language);
    theme(context.app.theme);
    teams.app.registerOnThemeChangeHandler(theme);
    await loadWords();
    filters.addEventListener("change", () => { page = 1; showList().catch(failed); });
    await showList();
    // "Open in workspace" deep links carry the reference, and only it, as the tab's sub-page id.
    const reference = context.page && context.page.subPageId;
    if (reference && /^IR-[0-9A-Z]{8}$/.test(reference)) await showCase(reference);
  }

  start().catch(failed);
})();
