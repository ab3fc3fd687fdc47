// Loads the vectors from disk for the Node-side tests: the team's shared set (tests/vectors/shared/,
// or HOOKGATE_VECTORS) and ours (tests/vectors/<provider>.json).
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export * from "./vector-check.mjs";

const sharedPath = process.env.HOOKGATE_VECTORS ?? fileURLToPath(new URL("../vectors/shared/webhooks.json", import.meta.url));
const ownDir = new URL("../vectors/", import.meta.url);

const read = (path) => JSON.parse(readFileSync(path, "utf8")).vectors;

export function sharedVectors() {
  return read(sharedPath);
}

export function ownVectors() {
  return readdirSync(ownDir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .flatMap((f) => read(new URL(f, ownDir)));
}

export function loadVectors() {
  return [...sharedVectors(), ...ownVectors()];
}

/** Each provider's documented sample delivery (unsigned), from tests/vectors/<provider>.json. */
export function samples() {
  return Object.fromEntries(
    readdirSync(ownDir)
      .filter((f) => f.endsWith(".json"))
      .map((f) => [f.replace(/\.json$/, ""), JSON.parse(readFileSync(new URL(f, ownDir), "utf8")).sample]),
  );
}

/**
 * A secret for `id` made from `label`, in the form its sender's key takes (the registry's `key`:
 * `whsec_` and base64 for Standard Webhooks, hex for Adyen), so that every provider gets its own.
 * @param {{ id: string, credentials: { key?: string }[] }[]} registry @param {string} id @param {string} label
 */
export function secretFor(registry, id, label) {
  const key = registry.find((p) => p.id === id)?.credentials.find((c) => c.key)?.key;
  if (key === "whsec") return `whsec_${Buffer.from(label).toString("base64")}`;
  if (key === "hex") return Buffer.from(label).toString("hex");
  return label;
}

/** The declaration issue #25 writes as the contract for providers declared at run time. */
export const ACME = {
  id: "acme",
  name: "Acme",
  credential: {
    header: "X-Acme-Signature",
    algorithm: "sha256",
    encoding: "hex",
    prefix: "sha256=",
    signed: "{t}.{body}",
    timestampHeader: "X-Acme-Timestamp",
    idHeader: "X-Acme-Delivery",
  },
  event: { id: "{body.event_id}", type: "{body.kind}", occurredAt: "{body.created_at}", subject: { id: "{body.data.id}" } },
};
