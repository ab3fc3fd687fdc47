// Where a Chromium or Chrome is on this machine, for the browser tests: $CHROME_PATH when set, else the
// usual install locations on Linux and macOS. `node scripts/find-chromium.mjs` prints the path, or says
// what to do and exits 1 (scripts/setup.sh then installs Debian's chromium where apt-get exists).
import { accessSync, constants } from "node:fs";
import { fileURLToPath } from "node:url";

const USUAL = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/snap/bin/chromium",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
];

const runnable = (path) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** The browser to drive, or null. */
export function findChromium() {
  const chosen = process.env.CHROME_PATH;
  if (chosen) return runnable(chosen) ? chosen : null;
  return USUAL.find(runnable) ?? null;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const found = findChromium();
  if (found) console.log(found);
  else {
    const why = process.env.CHROME_PATH
      ? `CHROME_PATH=${process.env.CHROME_PATH} is not an executable file`
      : "no Chromium or Chrome found";
    console.error(
      `${why}. Install Chromium (Debian/Ubuntu: apt-get install chromium; macOS: brew install --cask chromium)\nor point CHROME_PATH at a Chromium or Chrome executable.`,
    );
    process.exitCode = 1;
  }
}
