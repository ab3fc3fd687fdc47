// @ts-check
// The operator's console: a static page (no secret in it) served by the durable gateway at /admin/. It
// asks the admin API for everything, with the token the operator types (kept in sessionStorage). The
// files are bundled as text (wrangler.toml's [[rules]]), so the page needs no asset router in front of
// the webhooks.

import base from "../../style/base.css";
import css from "./page/console.css";
import script from "./page/console.js";
import html from "./page/index.html";

/** The page may load only its own script and style and talk only to this gateway; nothing may frame it. */
export const PAGE_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

/** @type {Record<string, { body: string, type: string }>} */
const FILES = {
  "/admin/": { body: html, type: "text/html; charset=utf-8" },
  "/admin/base.css": { body: base, type: "text/css; charset=utf-8" },
  "/admin/console.css": { body: css, type: "text/css; charset=utf-8" },
  "/admin/console.js": { body: script, type: "text/javascript; charset=utf-8" },
};

/** The console's file at `pathname` as a GET answer, or null when it is not one of them. @param {string} pathname */
export function consoleFile(pathname) {
  const file = FILES[pathname];
  return file ? new Response(file.body, { headers: { "content-type": file.type, "content-security-policy": PAGE_POLICY } }) : null;
}
