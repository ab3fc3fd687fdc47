// How the micro-benchmarks measure: tinybench, each task's median latency per round, the median over
// rounds; and how they print (a table per section, targets checked against the figures of this run).
import { Bench } from "tinybench";

export const ROUNDS = 3;

/** Median of the per-round median latencies (ns) of each task. @param {Record<string, () => unknown>} tasks @param {number} time */
export async function measure(tasks, time) {
  const rounds = [];
  for (let round = 0; round < ROUNDS; round++) {
    const bench = new Bench({ time, warmupTime: Math.min(200, time / 2), warmupIterations: 20 });
    for (const [name, fn] of Object.entries(tasks)) bench.add(name, fn);
    await bench.run();
    rounds.push(Object.fromEntries(bench.tasks.map((t) => [t.name, t.result.latency.p50 * 1e6])));
  }
  return Object.fromEntries(Object.keys(tasks).map((name) => [name, median(rounds.map((r) => r[name]))]));
}

/** @param {number[]} values */
export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
export const us = (/** @type {number} */ ns) => (ns / 1000).toFixed(ns < 10_000 ? 2 : 1);
export const x = (/** @type {number} */ a, /** @type {number} */ b) => `${(a / b).toFixed(2)}x`;

/** A report: lines of markdown, and targets with whether this run met them. */
export function report() {
  const lines = [];
  const targets = [];
  return {
    lines,
    targets,
    print(line = "") {
      console.log(line);
      lines.push(line);
    },
    /** @param {string} name @param {boolean} met @param {string} [figure] */
    target(name, met, figure = "") {
      targets.push({ name, met, figure });
    },
  };
}
