// Launches Debian's Chromium through playwright-core with the flags this machine needs.
// (Playwright gives every launch a fresh temporary profile, so no --user-data-dir is passed.)
import { chromium } from "playwright-core";
import { serveStatic } from "./static-server.mjs";

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
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
