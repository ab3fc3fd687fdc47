// What the runtime tests share: a scratch project with the packed package installed as a user installs
// it, the code blocks of a Markdown section, and a server process awaited by what it prints.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../../", import.meta.url));

/**
 * A scratch project outside the repository, with pkg/ packed by `npm pack` and unpacked into
 * node_modules/hookgate: what `npm install <tarball>` does for a package with no dependencies, without
 * a symlink back into the repository (Deno's permissions are checked against the real path).
 */
export function packedProject() {
  const dir = mkdtempSync(join(tmpdir(), "hookgate-runtime-"));
  const packed = execFileSync("npm", ["pack", "--silent", "--pack-destination", dir], { cwd: `${root}pkg`, encoding: "utf8" });
  const tarball = packed.trim().split("\n").pop() ?? "";
  mkdirSync(join(dir, "node_modules/hookgate"), { recursive: true });
  execFileSync("tar", ["-xzf", join(dir, tarball), "-C", join(dir, "node_modules/hookgate"), "--strip-components=1"]);
  writeFileSync(join(dir, "package.json"), `${JSON.stringify({ private: true, type: "module" })}\n`);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The text of `file` (from the repository root) from the line `start` up to the next line starting with `end`. */
export function section(file, start, end) {
  const text = readFileSync(join(root, file), "utf8");
  const from = text.indexOf(`\n${start}\n`);
  if (from < 0) throw new Error(`${file} has no line "${start}"`);
  const to = text.indexOf(`\n${end}`, from + start.length + 2);
  return text.slice(from, to < 0 ? undefined : to);
}

/** The one fenced code block of language `lang` in `markdown`. */
export function block(markdown, lang) {
  const blocks = [...markdown.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)].filter((match) => match[1] === lang);
  if (blocks.length !== 1) throw new Error(`expected one \`\`\`${lang} block, found ${blocks.length}`);
  return blocks[0][2];
}

/**
 * Starts `command` in its own process group (so that what it starts stops with it) and resolves, with the
 * match, once its output matches `ready`; rejects when it exits first or has not matched within
 * `timeoutMs`. `stop()` ends the group and waits for the process to exit.
 * @param {string} command @param {string[]} args
 * @param {{ cwd: string, env?: Record<string, string>, ready: RegExp, timeoutMs?: number }} options
 */
export function startServer(command, args, { cwd, env = {}, ready, timeoutMs = 60_000 }) {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, NO_COLOR: "1", ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) process.kill(-(child.pid ?? 0), "SIGTERM");
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${command} printed nothing matching ${ready} within ${timeoutMs} ms:\n${output}`));
      stop();
    }, timeoutMs);
    const read = (/** @type {Buffer} */ chunk) => {
      output += chunk;
      const match = ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ match, stop, output: () => output });
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    exited.then((status) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited (${status}) before it was ready:\n${output}`));
    });
  });
}

/** A Stripe event, signed with `secret` for `url` (the tools module of the repository's own build). */
export async function stripeDelivery(url, secret) {
  const { signDelivery } = await import("hookgate");
  const body =
    '{"id":"evt_runtime","object":"event","type":"charge.refunded","created":1767225600,"livemode":false,"data":{"object":{"id":"ch_1","object":"charge"}}}';
  const { headers } = signDelivery("stripe", { body, url }, { secret });
  return { method: "POST", headers, body };
}
