// Loads the shared vectors from disk for the Node-side tests.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export * from "./vector-check.mjs";

const vectorsPath = process.env.HOOKGATE_VECTORS ?? fileURLToPath(new URL("../../../shared/vectors/webhooks.json", import.meta.url));

export function loadVectors() {
  return JSON.parse(readFileSync(vectorsPath, "utf8")).vectors;
}
