// @ts-check
// The operator's console for durable mode (served at /admin/ by the gateway itself): sign in with the
// admin token, then the last 24 hours' counters, the events with their routes' statuses, one event's
// attempts with replay, and the dead letters with redrive. The token lives in this tab's sessionStorage
// only and goes out in the Authorization header of each request to this origin; a 401 forgets it.
// Everything the API returns came from senders or origins: it is written with textContent, never as HTML.

/**
 * @typedef {"queued" | "delivered" | "dead"} Status
 * @typedef {{ at: string, status: number | null, error: string | null, ms: number }} Attempt
 * @typedef {{ status: Status, attempts: number, lastError: string | null, lastStatus?: number | null,
 *   lastAttemptAt?: string | null, history?: Attempt[] }} RouteDelivery
 * @typedef {{ id: string, provider: string, type: string, subject?: string | null, test?: boolean,
 *   acceptedAt?: string, status: Status, attempts: number, lastError: string | null,
 *   routes: Record<string, RouteDelivery> }} AdminEvent
 * @typedef {AdminEvent & { route: string, failedAt: string }} DeadLetter
 * @typedef {{ items: any[], next: string | null }} Page
 * @typedef {{ accepted: number, duplicate: number, rejected: Record<string, number> }} ProviderCounts
 * @typedef {{ delivered: number, retrying: number, dead: number }} RouteCounts
 * @typedef {{ from: string, to: string, providers: Record<string, ProviderCounts>, routes: Record<string, RouteCounts> }} Counters
 */

/** Where the token is kept: this tab's session only, never localStorage, a cookie or a URL. */
const TOKEN_KEY = "hookgate-admin-token";
const EVENTS_PAGE = 50;
const DEAD_LETTERS_PAGE = 200;
const SIGNATURE_MISMATCH = "signature_mismatch";

/** The query the list was last loaded with, its next page's cursor, and a counter that drops late answers. */
const listing = { query: "", next: /** @type {string | null} */ (null), generation: 0 };

/** The dead letters loaded so far, and the cursor to the next page of them. */
const dead = { items: /** @type {DeadLetter[]} */ ([]), next: /** @type {string | null} */ (null) };

/** The event shown, and the control that opened it (focus goes back there). */
let current = /** @type {{ id: string, provider: string, opener: HTMLElement | null } | null} */ (null);

// ---------------------------------------------------------------------------------------------------
// DOM helpers

/** The element with `id` (index.html has every id this script uses). @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
/** A form field by id. @param {string} id */
const field = (id) => /** @type {HTMLInputElement & HTMLSelectElement} */ (document.getElementById(id));
const button = (/** @type {string} */ id) => /** @type {HTMLButtonElement} */ (document.getElementById(id));

/**
 * An element with a class and children (text or nodes).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag @param {string} [className] @param {...(string | Node)} children
 * @returns {HTMLElementTagNameMap[K]}
 */
function el(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
}

/** A button of `type="button"`. @param {string} label @param {string} [className] */
function actionButton(label, className) {
  const node = el("button", className, label);
  node.type = "button";
  return node;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

/** A time in the browser's local time, its ISO value in `title` and `datetime`. @param {string | null | undefined} iso */
function localTime(iso) {
  const date = iso ? new Date(iso) : null;
  if (!iso || !date || Number.isNaN(date.getTime())) return el("span", "muted", "—");
  const node = el("time", "", timeFormat.format(date));
  node.dateTime = iso;
  node.title = iso;
  return node;
}

/** A small status badge: `label` (a route name) before the status when given. @param {Status} status @param {string} [label] */
function statusBadge(status, label) {
  const badge = el("span", `badge ${status}`);
  if (label) badge.append(el("span", "badge-route", label), " ");
  badge.append(status);
  return badge;
}

/** Shows `text` in the element `id`, or hides it when there is none. @param {string} id @param {string} text */
function say(id, text) {
  const node = byId(id);
  node.textContent = text;
  node.hidden = text === "";
}

// ---------------------------------------------------------------------------------------------------
// The API: every call carries the token; a 401 signs out.

/** An answer other than 2xx, with the API's error code. */
class ApiError extends Error {
  /** @param {number} status @param {any} body */
  constructor(status, body) {
    super(body?.error ?? `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

/** Thrown when there is no token (any more): the sign-in form is already shown, nothing else to say. */
class SignedOut extends Error {}

/** Plain words for the codes a person meets here; the code itself is always shown too. */
const EXPLAINED = {
  archive_gone: "the archive no longer holds this event (it keeps events ARCHIVE_DAYS days)",
  unknown_event: "no event with this id",
  invalid_request: "the gateway did not accept these parameters",
  network_error: "the gateway did not answer",
};

/** An error in words: the code, what it means, and what the API expected when it said. @param {unknown} error */
function describe(error) {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const { error: code = `HTTP ${error.status}`, expected, ids, message } = error.body ?? {};
  const parts = [`${code}${error.status ? ` (HTTP ${error.status})` : ""}`];
  const meaning = EXPLAINED[/** @type {keyof typeof EXPLAINED} */ (code)];
  if (meaning) parts.push(meaning);
  if (message) parts.push(String(message));
  if (expected) parts.push(`expected ${expected}`);
  if (Array.isArray(ids) && ids.length > 0) parts.push(`ids: ${ids.join(", ")}`);
  return parts.join(": ");
}

const storedToken = () => sessionStorage.getItem(TOKEN_KEY);

/**
 * Calls the admin API with the token and returns its JSON; throws ApiError for an answer other than 2xx.
 * @param {string} path @param {{ method?: string, body?: unknown }} [options]
 */
async function api(path, { method = "GET", body } = {}) {
  const token = storedToken();
  if (!token) {
    signOut("Sign in to continue.");
    throw new SignedOut();
  }
  /** @type {Record<string, string>} */
  const headers = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
      credentials: "omit",
    });
  } catch (error) {
    throw new ApiError(0, { error: "network_error", message: error instanceof Error ? error.message : String(error) });
  }
  const answer = await response.json().catch(() => null);
  if (response.status === 401) {
    signOut("The gateway refused this token (401 unauthorized). Sign in again with its ADMIN_TOKEN.");
    throw new SignedOut();
  }
  if (!response.ok) throw new ApiError(response.status, answer);
  return answer;
}

/** Runs `task`; its failure is shown in the element `errorId` (a sign-out needs no message there). @param {string} errorId @param {() => Promise<void>} task */
async function guarded(errorId, task) {
  say(errorId, "");
  try {
    await task();
  } catch (error) {
    if (!(error instanceof SignedOut)) say(errorId, describe(error));
  }
}

/** Runs `task` with `control` disabled meanwhile, so one click sends one request. @param {HTMLButtonElement} control @param {() => Promise<void>} task */
async function whileBusy(control, task) {
  control.disabled = true;
  control.setAttribute("aria-busy", "true");
  try {
    await task();
  } finally {
    control.disabled = false;
    control.removeAttribute("aria-busy");
  }
}

// ---------------------------------------------------------------------------------------------------
// Signing in and out

function showSignIn(/** @type {string} */ message) {
  byId("console").hidden = true;
  byId("sign-out").hidden = true;
  byId("signin").hidden = false;
  say("signin-message", message);
  field("token").focus();
}

/** Forgets the token and everything shown with it, then asks for a token again. @param {string} message */
function signOut(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  const shownData = ["health-window", "health-providers", "health-routes", "health-hints", "events-body", "events-status", "dead-groups"];
  for (const id of [...shownData, "event-record", "event-routes", "event-body", "event-announce", "dead-announce"])
    byId(id).replaceChildren();
  for (const id of ["event", "events-more", "events-empty", "dead-more", "dead-empty"]) byId(id).hidden = true;
  current = null;
  dead.items = [];
  showSignIn(message);
}

async function startConsole() {
  byId("signin").hidden = true;
  say("signin-message", "");
  byId("console").hidden = false;
  byId("sign-out").hidden = false;
  // The counters first: a wrong token is told once, not by three requests.
  await guarded("health-error", loadHealth);
  if (!storedToken()) return;
  await Promise.all([guarded("events-error", () => loadEvents()), guarded("dead-error", () => loadDeadLetters())]);
}

byId("signin-form").addEventListener("submit", (submitted) => {
  submitted.preventDefault();
  const token = field("token").value.trim();
  if (!token) return;
  sessionStorage.setItem(TOKEN_KEY, token);
  field("token").value = "";
  startConsole();
});

byId("sign-out").addEventListener("click", () => signOut("Signed out: the token is forgotten."));

// ---------------------------------------------------------------------------------------------------
// Health at a glance

/** @param {Counters} counters */
function renderHealth(counters) {
  byId("health-window").replaceChildren("From ", localTime(counters.from), " to ", localTime(counters.to), ", in this browser's time.");
  const providers = Object.entries(counters.providers ?? {});
  byId("health-providers").replaceChildren(
    ...(providers.length > 0 ? providers.map(([name, counts]) => providerRow(name, counts)) : [emptyRow(4, "No delivery in this window.")]),
  );
  const routes = Object.entries(counters.routes ?? {});
  byId("health-routes").replaceChildren(
    ...(routes.length > 0 ? routes.map(([name, counts]) => routeRow(name, counts)) : [emptyRow(4, "No attempt in this window.")]),
  );
  byId("health-hints").replaceChildren(
    ...providers.filter(([, counts]) => mismatches(counts) > 0).map(([name, counts]) => rotationHint(name, counts)),
  );
}

/** An error code that may wrap after each underscore. @param {string} code */
const breakable = (code) => code.split("_").flatMap((part, i, parts) => (i < parts.length - 1 ? [`${part}_`, el("wbr")] : [part]));

const mismatches = (/** @type {ProviderCounts} */ counts) => counts.rejected?.[SIGNATURE_MISMATCH] ?? 0;

/** A sender's counts: rejections by code, a signature mismatch marked. @param {string} name @param {ProviderCounts} counts */
function providerRow(name, counts) {
  const rejected = Object.entries(counts.rejected ?? {}).filter(([, n]) => n > 0);
  const codes = rejected.map(([code, n]) =>
    el("span", `badge ${code === SIGNATURE_MISMATCH ? "warn" : "dead"}`, ...breakable(code), ` ${n}`),
  );
  const row = el(
    "tr",
    rejected.some(([code]) => code === SIGNATURE_MISMATCH) ? "flagged" : "",
    el("th", "", name),
    el("td", "num", String(counts.accepted ?? 0)),
    el("td", "num", String(counts.duplicate ?? 0)),
    el("td", "codes", ...(codes.length > 0 ? codes : [el("span", "muted", "none")])),
  );
  row.querySelector("th")?.setAttribute("scope", "row");
  row.dataset.provider = name;
  return row;
}

/** A route's counts, the retrying and dead ones marked when not zero. @param {string} name @param {RouteCounts} counts */
function routeRow(name, counts) {
  const cell = (/** @type {number} */ n, /** @type {string} */ mark) => el("td", n > 0 ? `num ${mark}` : "num", String(n ?? 0));
  const row = el(
    "tr",
    "",
    el("th", "", name),
    cell(counts.delivered, ""),
    cell(counts.retrying, "warn-text"),
    cell(counts.dead, "fail-text"),
  );
  row.querySelector("th")?.setAttribute("scope", "row");
  row.dataset.route = name;
  return row;
}

function emptyRow(/** @type {number} */ columns, /** @type {string} */ text) {
  const cell = el("td", "muted", text);
  cell.colSpan = columns;
  return el("tr", "", cell);
}

/** Signature mismatches usually mean the sender signs with a new secret. @param {string} name @param {ProviderCounts} counts */
function rotationHint(name, counts) {
  const n = mismatches(counts);
  const hint = el(
    "p",
    "note warn",
    el("strong", "", `${name}: ${n} ${SIGNATURE_MISMATCH}`),
    ` — ${n === 1 ? "a delivery" : "deliveries"} whose signature did not match. A burst of these usually means the sender's signing secret was rotated: set the new secret in the gateway (keep the old one beside it until the change is done).`,
  );
  hint.dataset.hintFor = name;
  return hint;
}

async function loadHealth() {
  renderHealth(/** @type {Counters} */ (await api("/admin/counters?hours=24")));
}

button("health-refresh").addEventListener("click", () => whileBusy(button("health-refresh"), () => guarded("health-error", loadHealth)));

// ---------------------------------------------------------------------------------------------------
// Events

/** A datetime-local value (the browser's local time) as ISO 8601, or "" when empty. @param {string} value */
function isoOf(value) {
  const date = value ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : "";
}

/** The filter form as the API's query parameters (empty ones left out). */
function filterQuery() {
  const params = new URLSearchParams();
  const text = (/** @type {string} */ name) => field(`filter-${name}`).value.trim();
  for (const name of ["provider", "type", "status", "route", "q"]) if (text(name)) params.set(name, text(name));
  for (const name of ["from", "to"]) if (isoOf(text(name))) params.set(name, isoOf(text(name)));
  params.set("limit", String(EVENTS_PAGE));
  return params.toString();
}

/** Loads the first page for the filters, or (`more`) the next page of the same list. */
async function loadEvents({ more = false } = {}) {
  if (!more) listing.query = filterQuery();
  const generation = more ? listing.generation : ++listing.generation;
  const params = new URLSearchParams(listing.query);
  if (more && listing.next) params.set("cursor", listing.next);
  const page = /** @type {Page} */ (await api(`/admin/events?${params}`));
  if (generation !== listing.generation) return; // a newer search has replaced this list
  const body = byId("events-body");
  if (!more) body.replaceChildren();
  body.append(...page.items.map(eventRow));
  listing.next = page.next ?? null;
  button("events-more").hidden = !listing.next;
  byId("events-empty").hidden = body.children.length > 0;
  say(
    "events-status",
    `${body.children.length} event${body.children.length === 1 ? "" : "s"} shown${listing.next ? ", more to load" : ""}.`,
  );
}

/** A table cell labelled for the phone layout, where each row is shown as a card. @param {string} label @param {...(string | Node)} content */
function labelledCell(label, ...content) {
  const cell = el("td", "", ...content);
  cell.dataset.label = label;
  return cell;
}

/** @param {Record<string, RouteDelivery>} routes */
const routeBadges = (routes) =>
  Object.entries(routes ?? {}).map(([name, route]) => {
    const badge = statusBadge(route.status, name);
    if (route.lastError) badge.title = route.lastError;
    return badge;
  });

/** One event of the list; its id is the button that opens it. @param {AdminEvent} event */
function eventRow(event) {
  const open = actionButton("", "link open-event");
  open.append(el("span", "visually-hidden", "Open event "), event.id);
  open.addEventListener("click", () => openEvent(event.id, event.provider, open));
  const type = el("span", "", el("code", "", event.type));
  if (event.test) type.append(" ", el("span", "badge test", "test"));
  const row = el(
    "tr",
    "",
    labelledCell("Accepted", localTime(event.acceptedAt)),
    labelledCell("Provider", event.provider),
    labelledCell("Type", type),
    labelledCell("Id", open),
    labelledCell("Subject", event.subject ? el("code", "", event.subject) : el("span", "muted", "—")),
    labelledCell("Routes", el("span", "badges", ...routeBadges(event.routes))),
    labelledCell("Attempts", String(event.attempts)),
  );
  row.children[2].classList.add("type");
  row.lastElementChild?.classList.add("num");
  row.dataset.id = event.id;
  row.dataset.provider = event.provider;
  row.dataset.status = event.status;
  return row;
}

byId("filters").addEventListener("submit", (submitted) => {
  submitted.preventDefault();
  whileBusy(button("filters-apply"), () => guarded("events-error", () => loadEvents()));
});
button("filters-clear").addEventListener("click", () => {
  /** @type {HTMLFormElement} */ (byId("filters")).reset();
  guarded("events-error", () => loadEvents());
});
button("events-more").addEventListener("click", () =>
  whileBusy(button("events-more"), () => guarded("events-error", () => loadEvents({ more: true }))),
);

/** The providers and routes this gateway serves, for the filters (GET /healthz needs no token). */
async function loadFilterChoices() {
  try {
    const health = await (await fetch("/healthz", { cache: "no-store", credentials: "omit" })).json();
    const providers = [...new Set((health.providers ?? []).map((/** @type {string} */ endpoint) => endpoint.split("/")[0]))];
    for (const provider of providers) field("filter-provider").append(new Option(String(provider), String(provider)));
    for (const route of health.routes ?? []) field("filter-route").append(new Option(route, route));
  } catch {
    // Without it the filters still take "Any"; the list itself says what went wrong if the gateway is down.
  }
}

// ---------------------------------------------------------------------------------------------------
// One event

const eventPath = (/** @type {string} */ suffix = "") =>
  current ? `/admin/events/${encodeURIComponent(current.id)}${suffix}?provider=${encodeURIComponent(current.provider)}` : "";

/** @param {string} id @param {string} provider @param {HTMLElement | null} opener */
async function openEvent(id, provider, opener) {
  current = { id, provider, opener };
  const section = byId("event");
  section.hidden = false;
  section.dataset.id = id;
  section.dataset.provider = provider;
  byId("event-title").replaceChildren("Event ", el("code", "", id));
  byId("event-record").replaceChildren();
  byId("event-routes").replaceChildren();
  byId("event-body").hidden = true;
  button("event-show-body").textContent = "Show the event";
  say("event-announce", "");
  byId("event-title").focus();
  await guarded("event-error", loadEvent);
}

async function loadEvent() {
  if (!current) return;
  const shown = current;
  const event = /** @type {AdminEvent} */ (await api(eventPath()));
  if (current !== shown) return; // another event was opened meanwhile
  renderRecord(event);
  byId("event-routes").replaceChildren(...Object.entries(event.routes ?? {}).map(([name, route]) => routeCard(name, route)));
}

/** @param {AdminEvent} event */
function renderRecord(event) {
  /** @type {[string, string | Node][]} */
  const entries = [
    ["Provider", event.provider],
    ["Type", el("code", "", event.type)],
    ["Subject", event.subject ? el("code", "", event.subject) : "—"],
    ["Test event", event.test ? "yes" : "no"],
    ["Accepted", localTime(event.acceptedAt)],
    ["Status", statusBadge(event.status)],
    ["Attempts", String(event.attempts)],
    ["Last error", event.lastError ?? "—"],
  ];
  byId("event-record").replaceChildren(...entries.map(([term, value]) => el("div", "", el("dt", "", term), el("dd", "", value))));
}

/** A route's delivery: its status, its attempts (oldest first) and its replay button. @param {string} name @param {RouteDelivery} route */
function routeCard(name, route) {
  const replayButton = actionButton(`Replay to ${name}`, "secondary");
  replayButton.dataset.replayRoute = name;
  replayButton.addEventListener("click", () => whileBusy(replayButton, () => guarded("event-error", () => replay(name))));
  const heading = el("div", "route-head", el("h3", "", name), statusBadge(route.status));
  const summary = el(
    "p",
    "hint",
    `${route.attempts} attempt${route.attempts === 1 ? "" : "s"}`,
    ...(route.lastStatus != null ? [`, origin last answered ${route.lastStatus}`] : []),
    ...(route.lastAttemptAt ? [", last at ", localTime(route.lastAttemptAt)] : []),
  );
  const card = el("section", "route-card", heading, summary);
  if (route.lastError) card.append(el("p", "error", `Last error: ${route.lastError}`));
  card.append(historyTable(name, route.history ?? []), el("div", "actions", replayButton));
  card.dataset.route = name;
  return card;
}

/** @param {string} name @param {Attempt[]} history */
function historyTable(name, history) {
  if (history.length === 0) return el("p", "muted", "No attempt recorded yet.");
  const rows = history.map((attempt) =>
    el(
      "tr",
      attempt.error || (attempt.status ?? 0) >= 300 ? "failed" : "",
      el("td", "", localTime(attempt.at)),
      el("td", "", attempt.error ?? (attempt.status === null ? "—" : `the origin answered ${attempt.status}`)),
      el("td", "num", String(attempt.ms)),
    ),
  );
  const table = el(
    "table",
    "history",
    el("caption", "visually-hidden", `Attempts to ${name}, oldest first`),
    el("thead", "", el("tr", "", el("th", "", "Time"), el("th", "", "Result"), el("th", "num", "ms"))),
    el("tbody", "", ...rows),
  );
  for (const th of table.querySelectorAll("thead th")) th.setAttribute("scope", "col");
  return el("div", "scroll", table);
}

/** Sends the event again to `route`, or to all its routes. @param {string} [route] */
async function replay(route) {
  if (!current) return;
  const answer = await api("/admin/replay", {
    method: "POST",
    body: { ids: [current.id], provider: current.provider, ...(route ? { route } : {}) },
  });
  say("event-announce", `Replay to ${route ?? "all routes"} queued: replayed: ${answer.replayed}.`);
  await loadEvent();
}

/** Shows (fetching it) or hides the archived event itself. */
async function toggleBody() {
  const pre = byId("event-body");
  const toggle = button("event-show-body");
  if (!pre.hidden) {
    pre.hidden = true;
    toggle.textContent = "Show the event";
    toggle.setAttribute("aria-expanded", "false");
    return;
  }
  const body = await api(eventPath("/body"));
  pre.textContent = JSON.stringify(body, null, 2);
  pre.hidden = false;
  toggle.textContent = "Hide the event";
  toggle.setAttribute("aria-expanded", "true");
}

button("event-show-body").addEventListener("click", () => whileBusy(button("event-show-body"), () => guarded("event-error", toggleBody)));
button("event-replay-all").addEventListener("click", () =>
  whileBusy(button("event-replay-all"), () => guarded("event-error", () => replay())),
);
button("event-refresh").addEventListener("click", () => whileBusy(button("event-refresh"), () => guarded("event-error", loadEvent)));
button("event-close").addEventListener("click", () => {
  const opener = current?.opener;
  current = null;
  byId("event").hidden = true;
  if (opener?.isConnected) opener.focus();
  else byId("events-title").focus();
});

// ---------------------------------------------------------------------------------------------------
// Dead letters

/** A dead letter's identity in the page (an event is dead on one route, in one provider). @param {{ route: string, provider: string, id: string }} item */
const deadKey = ({ route, provider, id }) => JSON.stringify([route, provider, id]);

/** @param {{ more?: boolean }} [options] */
async function loadDeadLetters({ more = false } = {}) {
  const params = new URLSearchParams({ limit: String(DEAD_LETTERS_PAGE) });
  if (more && dead.next) params.set("cursor", dead.next);
  const page = /** @type {Page} */ (await api(`/admin/dead-letters?${params}`));
  dead.items = more ? [...dead.items, ...page.items] : page.items;
  dead.next = page.next ?? null;
  renderDeadLetters();
}

function checkedKeys() {
  return new Set(
    [...byId("dead-groups").querySelectorAll("input[type=checkbox]:checked")].map((box) =>
      deadKey(/** @type {any} */ (/** @type {HTMLInputElement} */ (box).dataset)),
    ),
  );
}

/** Groups the dead letters by route, keeping what was ticked. */
function renderDeadLetters() {
  const ticked = checkedKeys();
  /** @type {Map<string, DeadLetter[]>} */
  const byRoute = new Map();
  for (const item of dead.items) byRoute.set(item.route, [...(byRoute.get(item.route) ?? []), item]);
  byId("dead-groups").replaceChildren(...[...byRoute].map(([route, items]) => deadGroup(route, items, ticked)));
  byId("dead-empty").hidden = dead.items.length > 0;
  button("dead-more").hidden = !dead.next;
  updateRedriveSelected();
}

/** @param {string} route @param {DeadLetter[]} items @param {Set<string>} ticked */
function deadGroup(route, items, ticked) {
  const all = actionButton(`Redrive all of ${route}`, "secondary");
  all.dataset.redriveRoute = route;
  all.addEventListener("click", () => whileBusy(all, () => guarded("dead-error", () => redriveRoute(route))));
  const heading = el("div", "route-head", el("h3", "", route), el("span", "badge dead", `${items.length} dead`), all);
  const group = el("section", "dead-group", heading, el("ul", "dead-list", ...items.map((item) => deadItem(item, ticked))));
  group.dataset.route = route;
  group.setAttribute("aria-label", `Dead letters of ${route}`);
  return group;
}

/** @param {DeadLetter} item @param {Set<string>} ticked */
function deadItem(item, ticked) {
  const box = el("input");
  box.type = "checkbox";
  box.id = `dead-${crypto.randomUUID()}`;
  box.checked = ticked.has(deadKey(item));
  Object.assign(box.dataset, { id: item.id, provider: item.provider, route: item.route });
  box.addEventListener("change", updateRedriveSelected);
  const label = el("label", "check", box, el("code", "", item.id));
  label.htmlFor = box.id;
  const open = actionButton("Open", "link");
  open.setAttribute("aria-label", `Open event ${item.id}`);
  open.addEventListener("click", () => openEvent(item.id, item.provider, open));
  const facts = el(
    "p",
    "hint",
    `${item.provider} · `,
    el("code", "", item.type),
    ` · ${item.attempts} attempt${item.attempts === 1 ? "" : "s"} · failed `,
    localTime(item.failedAt),
    " · ",
    open,
  );
  const entry = el("li", "", label, facts, el("p", "error", item.lastError ?? "no error recorded"));
  entry.dataset.id = item.id;
  entry.dataset.provider = item.provider;
  return entry;
}

function updateRedriveSelected() {
  const count = checkedKeys().size;
  const redrive = button("dead-redrive-selected");
  redrive.disabled = count === 0;
  redrive.textContent = count > 0 ? `Redrive selected (${count})` : "Redrive selected";
}

/** One POST per route and provider with the ticked ids. */
async function redriveSelected() {
  /** @type {Map<string, { route: string, provider: string, ids: string[] }>} */
  const requests = new Map();
  for (const key of checkedKeys()) {
    const [route, provider, id] = JSON.parse(key);
    const group = JSON.stringify([route, provider]);
    if (!requests.has(group)) requests.set(group, { route, provider, ids: [] });
    requests.get(group)?.ids.push(id);
  }
  let redriven = 0;
  for (const body of requests.values()) redriven += (await api("/admin/dead-letters/redrive", { method: "POST", body })).redriven;
  say("dead-announce", `Redriven: ${redriven}.`);
  await afterRedrive();
}

/** @param {string} route */
async function redriveRoute(route) {
  const answer = await api("/admin/dead-letters/redrive", { method: "POST", body: { route } });
  say("dead-announce", `Redriven from ${route}: ${answer.redriven}.`);
  await afterRedrive();
}

/** A redrive changes the dead letters, the events' statuses and the counters: all three are read again. */
async function afterRedrive() {
  await Promise.all([
    guarded("dead-error", () => loadDeadLetters()),
    guarded("events-error", () => loadEvents()),
    guarded("health-error", loadHealth),
  ]);
}

button("dead-redrive-selected").addEventListener("click", async () => {
  await whileBusy(button("dead-redrive-selected"), () => guarded("dead-error", redriveSelected));
  updateRedriveSelected(); // enabled again only when something is still ticked
});
button("dead-refresh").addEventListener("click", () =>
  whileBusy(button("dead-refresh"), () => guarded("dead-error", () => loadDeadLetters())),
);
button("dead-more").addEventListener("click", () =>
  whileBusy(button("dead-more"), () => guarded("dead-error", () => loadDeadLetters({ more: true }))),
);

// ---------------------------------------------------------------------------------------------------

loadFilterChoices();
if (storedToken()) startConsole();
else showSignIn("");
document.body.dataset.ready = "true";
