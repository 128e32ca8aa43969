/*
 * School-safety FAQ chat widget for a Rasa REST channel. Plain modern JavaScript, no
 * dependencies. scripts/build_widget.py writes web/dist/widget.js from this file by
 * filling in the "%%...%%" placeholders; serve that file, not this one.
 *
 * Embed:  <script src="/widget.js" data-server="http://localhost:5005" data-title="..."
 *           data-greeting="..." data-accent="#0b5394" data-position="right|left"
 *           data-open="true|false" data-lang="en"></script>
 * Strict-CSP portals: <iframe src=".../chat.html?server=...&title=..."> instead
 * (chat.html loads this script with data-mode="page" and reads the query string).
 */
(() => {
  "use strict";

  // Filled in at build time: contact details from the `contact:` block of
  // data/knowledge_base.yml (their single source), defaults from web/settings.yml.
  const CONTACT = {
    name: "%%CONTACT_NAME%%",
    phone: "%%CONTACT_PHONE%%",
    tty: "%%CONTACT_TTY%%",
    address: "%%CONTACT_ADDRESS%%",
  };
  const DEFAULTS = {
    title: "%%DEFAULT_TITLE%%",
    greeting: "%%DEFAULT_GREETING%%",
    accent: "%%DEFAULT_ACCENT%%",
    position: "%%DEFAULT_POSITION%%",
    server: "http://localhost:5005",
  };
  const TIMEOUT_MS = 6000; // then tell the person and give the phone number, never spin
  const MAX_STORED = 100; // messages kept in sessionStorage
  const TAG = "ssc-chat-widget"; // a custom tag name, so host-page `div {...}` rules miss it

  const script =
    document.currentScript || document.querySelector('script[src*="widget.js"]');
  if (!script || document.querySelector(TAG)) return; // one widget per page

  // ---- settings ---------------------------------------------------------------------
  const pageMode = script.dataset.mode === "page";
  // In page mode (chat.html in an iframe) the embedding portal can only pass settings
  // through the iframe's src, so read the query string instead of data- attributes.
  const given = pageMode
    ? Object.fromEntries(new URLSearchParams(location.search))
    : { ...script.dataset };
  const cfg = {
    server: httpUrl(given.server) || DEFAULTS.server,
    title: given.title || DEFAULTS.title,
    greeting: given.greeting ?? DEFAULTS.greeting,
    // Only #rgb/#rrggbb: the value ends up in a style sheet, so nothing else may pass.
    accent: /^#([0-9a-f]{3}){1,2}$/i.test(given.accent || "") ? given.accent : DEFAULTS.accent,
    position: ["left", "right"].includes(given.position) ? given.position : DEFAULTS.position,
    open: pageMode || given.open === "true",
    lang: /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(given.lang || "") ? given.lang : "en",
  };
  const storeKey = "ssc-chat:" + cfg.server;

  function httpUrl(value) {
    try {
      const url = new URL(value);
      return /^https?:$/.test(url.protocol) ? url.href.replace(/\/+$/, "") : null;
    } catch {
      return null;
    }
  }

  // ---- colours: keep every text/background pair at >= 4.5:1 whatever data-accent is ----
  const WHITE = [255, 255, 255];
  const INK = [26, 26, 26]; // body text colour
  const SURFACE = [243, 244, 246]; // bot bubbles and the help line, the darkest light bg

  function rgb(hex) {
    const h = hex.length === 4 ? hex.replace(/[0-9a-f]/gi, "$&$&") : hex;
    return [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
  }
  function luminance(c) {
    const [r, g, b] = c.map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }
  function contrast(a, b) {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  }
  // Move `color` towards black (on a light `against`) or white (on a dark one) in small
  // steps until it reaches `min` contrast. Integer channels, so the browser's computed
  // colour is exactly the one that was checked.
  function ensureContrast(color, against, min = 4.5) {
    const target = luminance(against) > 0.18 ? [0, 0, 0] : WHITE;
    for (let t = 0; t <= 1; t += 0.02) {
      const c = color.map((v, i) => Math.round(v + (target[i] - v) * t));
      if (contrast(c, against) >= min) return c;
    }
    return target;
  }
  const accent = rgb(cfg.accent);
  const onAccent = contrast(accent, WHITE) >= contrast(accent, INK) ? WHITE : INK;
  const colors = {
    accent: ensureContrast(accent, onAccent), // launcher, header, send, user bubbles
    "on-accent": onAccent, // text on those
    "accent-ink": ensureContrast(accent, SURFACE), // links and focus rings on light bgs
  };

  // ---- DOM helpers: text only ever goes in as text nodes, never as HTML -------------
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v);
    }
    node.append(...children); // strings become text nodes
    return node;
  }

  // https URLs, e-mail addresses and phone numbers become links; nothing else does. The
  // text is not parsed as HTML or markdown, so "[x](javascript:...)" stays literal text.
  const LINKS =
    /(https:\/\/[^\s<>"']+)|((?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+)|((?:\+?1[\s.-]?)?(?:\(\d{3}\)|\b\d{3})[\s.-]?\d{3}[\s.-]\d{4}\b)/g;
  function linkify(text) {
    const out = document.createDocumentFragment();
    let last = 0;
    for (const m of text.matchAll(LINKS)) {
      let found = m[0];
      if (m[1]) found = found.replace(/[.,;:!?)\]}]+$/, ""); // sentence punctuation
      const href = m[1]
        ? httpsHref(found)
        : m[2]
          ? "mailto:" + found.replace(/^mailto:/, "")
          : telHref(found);
      out.append(text.slice(last, m.index), href ? link(href, found) : found);
      last = m.index + found.length;
    }
    out.append(text.slice(last));
    return out;
  }
  function httpsHref(s) {
    try {
      const url = new URL(s);
      return url.protocol === "https:" ? url.href : null;
    } catch {
      return null;
    }
  }
  function telHref(s) {
    const digits = s.replace(/\D/g, "");
    return digits.length === 10 ? "tel:+1" + digits : digits.length === 11 ? "tel:+" + digits : null;
  }
  function link(href, text) {
    const external = href.startsWith("https:");
    return el("a", external ? { href, target: "_blank", rel: "noopener noreferrer" } : { href }, text);
  }

  // ---- markup -----------------------------------------------------------------------
  const host = document.createElement(TAG);
  // Open shadow root: styles stay isolated both ways, and accessibility checkers and
  // tests can still look inside.
  const shadow = host.attachShadow({ mode: "open" });
  applyStyles(shadow, styles());

  const titleId = "ssc-title";
  const launcher = el(
    "button",
    {
      type: "button",
      class: "launcher",
      "aria-label": "Chat: " + cfg.title,
      "aria-expanded": "false",
      "aria-controls": "ssc-panel",
      onclick: () => setOpen(!state.open),
    },
    bubbleIcon(),
    el("span", {}, "Chat"),
  );
  const newButton = el(
    "button",
    { type: "button", class: "new", "aria-label": "New conversation", onclick: reset },
    "New",
  );
  const closeButton = el(
    "button",
    { type: "button", class: "close", "aria-label": "Close chat", onclick: () => setOpen(false) },
    "\u00d7",
  );
  // WCAG 2.2 Consistent Help: the same help line in the same place, always.
  const help = el(
    "p",
    { class: "help" },
    "Talk to a person: " + CONTACT.name + " ",
    link(telHref(CONTACT.phone), CONTACT.phone),
    " \u00b7 TTY ",
    link(telHref(CONTACT.tty), CONTACT.tty),
  );
  const log = el("div", {
    class: "log",
    role: "log",
    "aria-live": "polite",
    "aria-label": "Conversation",
    tabindex: "0", // lets keyboard users scroll a long conversation
  });
  const typing = el("div", { class: "typing", role: "status" });
  const privacy = el(
    "p",
    { class: "privacy" },
    "Automated assistant, not a person. Please don't enter students' names or other personal details.",
  );
  const input = el("input", {
    type: "text",
    class: "input",
    "aria-label": "Type your question",
    placeholder: "Type your question\u2026",
    autocomplete: "off",
    maxlength: "500",
  });
  const form = el(
    "form",
    { class: "composer", onsubmit: onSubmit },
    input,
    el("button", { type: "submit", class: "send", "aria-label": "Send message" }, "Send"),
  );
  const panel = el(
    "div",
    {
      id: "ssc-panel",
      class: "panel",
      role: pageMode ? "region" : "dialog",
      "aria-labelledby": titleId,
      hidden: "",
      onkeydown: (e) => {
        if (e.key === "Escape" && !pageMode) {
          e.stopPropagation();
          setOpen(false);
        }
      },
    },
    el(
      "div",
      { class: "header" },
      el(pageMode ? "h1" : "h2", { id: titleId }, cfg.title), // chat.html: the page's own heading
      newButton,
      ...(pageMode ? [] : [closeButton]),
    ),
    help,
    log,
    typing,
    privacy,
    form,
  );
  // A landmark around everything keeps the widget out of the host page's own regions.
  const root = el(pageMode ? "main" : "aside", {
    class: `root ${cfg.position}${pageMode ? " page" : ""}`,
    lang: cfg.lang,
    "aria-label": cfg.title,
  });
  root.append(...(pageMode ? [panel] : [panel, launcher]));
  shadow.append(root);

  function bubbleIcon() {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    const path = document.createElementNS(ns, "path");
    path.setAttribute("d", "M4 4h16a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H9l-5 4v-4H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1z");
    svg.append(path);
    return svg;
  }

  // Constructed style sheets are not blocked by a CSP without 'unsafe-inline' for
  // styles; the <style> fallback is only for browsers without them.
  function applyStyles(target, css) {
    const vars = Object.entries(colors)
      .map(([name, c]) => `--${name}:rgb(${c.join(",")});`)
      .join("");
    css = `:host{${vars}}` + css;
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      target.adoptedStyleSheets = [sheet];
    } catch {
      target.append(el("style", {}, css));
    }
  }

  // ---- conversation state, kept per browser tab in sessionStorage (never in persistent
  // storage, so nothing outlives the tab on a shared computer) ----------------------------------
  let state = load() || fresh();
  let busy = false;

  function fresh() {
    const bytes = crypto.getRandomValues(new Uint8Array(16)); // works on http: too
    const sender = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    return { sender, open: false, messages: [] };
  }
  function load() {
    try {
      const s = JSON.parse(sessionStorage.getItem(storeKey));
      return s && typeof s.sender === "string" && Array.isArray(s.messages) ? s : null;
    } catch {
      return null; // storage blocked (privacy mode, sandboxed iframe): start fresh
    }
  }
  function save() {
    try {
      state.messages = state.messages.slice(-MAX_STORED);
      sessionStorage.setItem(storeKey, JSON.stringify(state));
    } catch {
      /* not stored; the chat still works */
    }
  }

  // ---- rendering --------------------------------------------------------------------
  function render(msg) {
    log.querySelector(".choices")?.remove(); // only the latest question's buttons apply
    if (msg.text) {
      log.append(
        el(
          "div",
          { class: `msg ${msg.who}${msg.error ? " error" : ""}` },
          el("span", { class: "sr-only" }, msg.who === "user" ? "You said: " : "Assistant: "),
          el("span", { class: "body" }, linkify(msg.text)),
        ),
      );
    }
    if (msg.buttons?.length) {
      log.append(
        el(
          "div",
          { class: "choices", role: "group", "aria-label": "Suggested replies" },
          ...msg.buttons.map((b) =>
            el(
              "button",
              { type: "button", class: "choice", onclick: () => send(b.payload || b.title, b.title) },
              b.title,
            ),
          ),
        ),
      );
    }
    log.scrollTop = log.scrollHeight;
  }
  function add(msg) {
    state.messages.push(msg);
    save();
    render(msg);
  }
  function renderAll() {
    log.replaceChildren();
    if (cfg.greeting) render({ who: "bot", text: cfg.greeting });
    state.messages.forEach(render);
  }
  function setBusy(value) {
    busy = value;
    log.setAttribute("aria-busy", String(value));
    typing.classList.toggle("on", value);
    typing.replaceChildren(
      ...(value
        ? ["Assistant is typing", el("span", { class: "dots", "aria-hidden": "true" }, el("i"), el("i"), el("i"))]
        : []),
    );
  }

  // ---- behaviour --------------------------------------------------------------------
  function setOpen(open, moveFocus = true) {
    state.open = open;
    save();
    panel.hidden = !open;
    launcher.setAttribute("aria-expanded", String(open));
    if (open) log.scrollTop = log.scrollHeight;
    if (moveFocus) (open ? input : launcher).focus(); // focus returns to the launcher
  }
  function reset() {
    state = { ...fresh(), open: state.open }; // new sender id = new Rasa conversation
    save();
    renderAll();
    input.focus();
  }
  function onSubmit(event) {
    event.preventDefault();
    if (!busy && input.value.trim()) {
      send(input.value.trim());
      input.value = "";
    }
  }

  // Sends `message` (a button's payload or typed text) and shows `shown` as the
  // person's message (the button's title rather than "/inform_role{...}").
  async function send(message, shown = message) {
    if (busy) return;
    add({ who: "user", text: shown });
    input.focus(); // a clicked suggestion button disappears; keep focus somewhere useful
    setBusy(true);
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
    try {
      const res = await fetch(cfg.server + "/webhooks/rest/webhook", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ sender: state.sender, message }),
        credentials: "omit",
        signal: abort.signal,
      });
      if (!res.ok) throw new Error("HTTP " + res.status);
      const replies = await res.json();
      if (!Array.isArray(replies)) throw new Error("unexpected reply");
      setBusy(false);
      let shownAny = false;
      for (const r of replies) {
        const text = typeof r?.text === "string" ? r.text : "";
        const buttons = (Array.isArray(r?.buttons) ? r.buttons : [])
          .filter((b) => b && b.title != null)
          .map((b) => ({ title: String(b.title), payload: String(b.payload ?? b.title) }));
        if (text || buttons.length) {
          add({ who: "bot", text, buttons });
          shownAny = true;
        }
      }
      if (!shownAny) fail("I don't have an answer to that.");
    } catch (err) {
      setBusy(false);
      fail(
        err.name === "AbortError"
          ? "Sorry, the assistant is not answering right now."
          : "Sorry, the assistant can't be reached right now.",
      );
    } finally {
      clearTimeout(timer);
    }
  }
  // Shown but not stored: a failed call is not part of the conversation.
  function fail(reason) {
    render({
      who: "bot",
      error: true,
      text: `${reason} You can call the ${CONTACT.name} at ${CONTACT.phone} (TTY ${CONTACT.tty}), or write to ${CONTACT.address}.`,
    });
  }

  // ---- styles (in the shadow root: the host page's CSS can't reach in, ours can't leak)
  function styles() {
    return `
:host { all: initial !important; }
*, *::before, *::after { box-sizing: border-box; }
.root { font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: rgb(${INK}); }
.sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
button, input { font: inherit; }
button { cursor: pointer; }
a { color: var(--accent-ink); text-decoration: underline; }
a[href^="tel:"] { white-space: nowrap; }
:focus-visible { outline: 3px solid var(--accent-ink); outline-offset: 2px; }

.launcher { position: fixed; bottom: 16px; right: 16px; z-index: 2147483000; display: flex;
  align-items: center; gap: 8px; min-height: 48px; padding: 10px 18px; border: 2px solid transparent;
  border-radius: 999px; background: var(--accent); color: var(--on-accent); font-weight: 600;
  box-shadow: 0 2px 8px rgba(0, 0, 0, .3); }
.launcher svg { width: 22px; height: 22px; fill: currentColor; }
/* A white halo under the ring keeps it visible on any host-page background. */
.launcher:focus-visible { outline-offset: 3px; box-shadow: 0 0 0 3px #fff; }

.panel { position: fixed; bottom: 80px; right: 16px; z-index: 2147483001; display: flex;
  flex-direction: column; width: min(380px, calc(100vw - 32px)); height: min(600px, calc(100vh - 96px));
  background: #fff; border: 1px solid #767676; border-radius: 12px; overflow: hidden;
  box-shadow: 0 8px 28px rgba(0, 0, 0, .3); }
.panel[hidden] { display: none; }
.left .launcher, .left .panel { right: auto; left: 16px; }

.header { display: flex; align-items: center; gap: 6px; padding: 6px 8px 6px 16px;
  background: var(--accent); color: var(--on-accent); }
.header h1, .header h2 { flex: 1; margin: 0; font-size: 17px; line-height: 1.3; }
.header button { min-width: 44px; min-height: 44px; padding: 0 10px; border: 1px solid currentColor;
  border-radius: 8px; background: transparent; color: inherit; }
.header .close { font-size: 24px; line-height: 1; }
.header :focus-visible { outline-color: var(--on-accent); }

.help, .privacy { margin: 0; padding: 6px 16px; font-size: 14px; }
.help { background: rgb(${SURFACE}); border-bottom: 1px solid #c4c8cc; }
.privacy { color: #4a4a4a; border-top: 1px solid #c4c8cc; }

.log { flex: 1; display: flex; flex-direction: column; gap: 8px; padding: 12px 16px; overflow-y: auto; }
.log:focus-visible { outline-offset: -3px; }
.msg { max-width: 88%; padding: 8px 12px; border: 1px solid transparent; border-radius: 12px;
  white-space: pre-wrap; overflow-wrap: anywhere; }
.msg.bot { align-self: flex-start; background: rgb(${SURFACE}); border-bottom-left-radius: 4px; }
.msg.user { align-self: flex-end; background: var(--accent); color: var(--on-accent);
  border-bottom-right-radius: 4px; }
.msg.user a { color: inherit; }
.msg.error { border-left: 4px solid #b3261e; }
.choices { display: flex; flex-wrap: wrap; gap: 8px; }
.choice { min-height: 44px; padding: 8px 14px; border: 2px solid var(--accent-ink); border-radius: 22px;
  background: #fff; color: var(--accent-ink); text-align: left; }
.choice:hover { background: rgb(${SURFACE}); }

.typing { padding: 0 16px; font-size: 14px; color: #4a4a4a; }
.typing.on { padding: 4px 16px; }
.dots i { display: inline-block; width: 6px; height: 6px; margin-left: 4px; border-radius: 50%;
  background: currentColor; }

.composer { display: flex; gap: 8px; padding: 8px 12px 12px; }
.input { flex: 1; min-width: 0; min-height: 44px; padding: 8px 12px; border: 1px solid #767676;
  border-radius: 8px; background: #fff; color: rgb(${INK}); }
.input::placeholder { color: #595959; opacity: 1; }
.input:focus-visible { outline-offset: 1px; }
.send { min-height: 44px; padding: 0 16px; border: 2px solid transparent; border-radius: 8px;
  background: var(--accent); color: var(--on-accent); font-weight: 600; }

/* Full-window panel: chat.html in an iframe, narrow phones (320px) and 200% zoom. */
.root.page .panel { inset: 0; width: auto; height: auto; border: 0; border-radius: 0; box-shadow: none; }
@media (max-width: 480px), (max-height: 480px) {
  .root .panel { inset: 0; width: auto; height: auto; border: 0; border-radius: 0; }
}
@media (prefers-reduced-motion: no-preference) {
  .root:not(.page) .panel { animation: pop .15s ease-out; }
  .dots i { animation: blink 1.2s infinite; }
  .dots i:nth-child(2) { animation-delay: .2s; }
  .dots i:nth-child(3) { animation-delay: .4s; }
}
@keyframes pop { from { opacity: 0; transform: translateY(8px); } }
@keyframes blink { 0%, 80%, 100% { opacity: .25; } 40% { opacity: 1; } }
`;
  }

  // ---- start ------------------------------------------------------------------------
  function start() {
    setBusy(false);
    renderAll();
    document.body.append(host);
    // data-open and a restored open panel open without stealing focus from the page.
    if (cfg.open || state.open) setOpen(true, false);
  }
  // The tag may sit in <head>, before <body> exists.
  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
