// Launches the installed Chromium (CHROME_PATH, else the usual locations: scripts/find-chromium.mjs)
// through playwright-core, headless, with no background networking. (Playwright gives every launch a
// fresh temporary profile, so no --user-data-dir is passed.)
import { chromium } from "playwright-core";
import { findChromium } from "../../scripts/find-chromium.mjs";
import { serveStatic } from "./static-server.mjs";

export function launchChromium() {
  const executablePath = findChromium();
  if (!executablePath) throw new Error("no Chromium found: run `node scripts/find-chromium.mjs` for what to do");
  return chromium.launch({
    executablePath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * Serves `routes` on loopback, opens its root in a fresh Chromium page and runs `check(page, errors,
 * server)`, where `errors` collects the page's uncaught errors; closes everything afterwards.
 */
export async function inChromiumPage(routes, check) {
  const server = await serveStatic(routes);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${server.url}/`);
    return await check(page, errors, server);
  } finally {
    await browser.close();
    await server.close();
  }
}
