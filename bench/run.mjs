// npm run bench (after npm run build; Node >= 22 for workerd): every figure issue #17 and #18 ask for,
// from one run, each against its target: verification as an application calls it, the gateway's forward
// path against its HMACs alone, the modules' sizes and each provider's share, the gateway's CPU per
// delivery, the gateway under load, and durable against synchronous mode. Prints as it goes and writes
// bench/RESULTS.md: the figures, the targets met or missed, the machine, then bench/what-we-tried.md.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { bundleGateway } from "../tests/js/gateway-harness.mjs";
import { gatewayCpu } from "./cpu.mjs";
import { durableLoad } from "./durable.mjs";
import { gatewayLoad } from "./gateway-load.mjs";
import { ROUNDS, report } from "./measure.mjs";
import { benchPackage } from "./package.mjs";
import { sizes } from "./size.mjs";
import { forwardPath, rereadyApplicationStyle, standardWebhooksApplicationStyle } from "./verify.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
if (!existsSync(`${root}pkg/hookgate_bg.wasm`)) throw new Error("build the package first: npm run build");
process.env.WRANGLER_SEND_METRICS = "false";

const out = report();
// The gateway as `wrangler deploy` bundles it now, not an earlier build.
bundleGateway({ force: true });
bundleGateway({ env: "durable", force: true });
const bench = await benchPackage();

await rereadyApplicationStyle(bench.hookgate, out);
await standardWebhooksApplicationStyle(bench.hookgate, out);
await forwardPath(bench.hookgate, bench, out);
await sizes(bench.namedWasm, out);
await gatewayCpu(out);
await gatewayLoad(out);
await durableLoad(out);

out.print("### Targets");
out.print();
for (const { name, met, figure } of out.targets) out.print(`- ${met ? "met" : "**MISSED**"}: ${name}${figure ? ` (${figure})` : ""}`);

const machine = `${cpus()[0].model}, ${cpus().length} cores, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
const tried = readFileSync(`${root}bench/what-we-tried.md`, "utf8");
writeFileSync(
  `${root}bench/RESULTS.md`,
  `# Benchmark results\n\nWritten by \`npm run bench\` (bench/run.mjs) on: ${machine}.\nRatios above 1x mean hookgate is faster; micro-benchmark figures are the median of ${ROUNDS} rounds of tinybench's median.\n\n${out.lines.join("\n")}\n\n${tried}`,
);
// Written as the test command's `biome ci` expects markdown (its tables aligned).
execFileSync(`${root}node_modules/.bin/biome`, ["format", "--write", `${root}bench/RESULTS.md`], { stdio: "ignore" });
