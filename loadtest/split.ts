// `make bench-split`: where wafscore's cost in Envoy goes. Envoy CPU µs per request for the same
// requests through six configs: no filter; the do-nothing wasm filter; the same filter holding
// the headers and buffering the body; plus copying headers and body into the VM; plus four header
// writes; and wafscore. Each step's difference is that step's cost. Pinned like `make bench`.

import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../node/core.ts";
import { drive, envoyOptionsFromEnv, median } from "./envoy.ts";
import type { ScenarioFile } from "./scenarios.ts";
import { startEnvoy, startUpstream, type BenchEnvoy } from "./stack.ts";

const SCENARIOS = ["post_form_1k", "post_json_16k"] as const;
const NULL_WASM = path.join(REPO_ROOT, "build/null.wasm");

async function main(): Promise<void> {
  const file = JSON.parse(readFileSync(path.join(REPO_ROOT, "loadtest/scenarios.json"), "utf8")) as ScenarioFile;
  const opts = envoyOptionsFromEnv();
  const upstream = await startUpstream();
  const envoys: BenchEnvoy[] = [];
  try {
    const variants: Array<[string, () => Promise<BenchEnvoy>]> = [
      ["no filter", () => startEnvoy({ wasm: false, upstreamPort: upstream.port, name: "no filter" })],
      ["null", () => startEnvoy({ wasm: true, upstreamPort: upstream.port, wasmPath: NULL_WASM, pluginConfig: "{}", name: "null" })],
      ["+ buffer body", () => startEnvoy({ wasm: true, upstreamPort: upstream.port, wasmPath: NULL_WASM, pluginConfig: '"buffer"', name: "+ buffer body" })],
      ["+ copy into VM", () => startEnvoy({ wasm: true, upstreamPort: upstream.port, wasmPath: NULL_WASM, pluginConfig: '"copy"', name: "+ copy into VM" })],
      ["+ 4 header writes", () => startEnvoy({ wasm: true, upstreamPort: upstream.port, wasmPath: NULL_WASM, pluginConfig: '"tag"', name: "+ 4 header writes" })],
      ["wafscore", () => startEnvoy({ wasm: true, upstreamPort: upstream.port, name: "wafscore" })],
    ];
    for (const [, start] of variants) envoys.push(await start());
    const out: Record<string, Record<string, number>> = {};
    for (const name of SCENARIOS) {
      const reqs = file.scenarios[name].requests;
      const cpu: Record<string, number[]> = {};
      for (const e of envoys) { cpu[e.name] = []; await drive(e, reqs, opts.warmupSeconds, opts.connections); }
      for (let round = 0; round < opts.rounds; round++) {
        const order = envoys.map((_, i) => envoys[(i + round) % envoys.length]);
        for (const e of order) cpu[e.name].push((await drive(e, reqs, opts.seconds, opts.connections)).cpu_us_per_req);
      }
      out[name] = Object.fromEntries(envoys.map((e) => [e.name, Math.round(median(cpu[e.name]) * 10) / 10]));
    }
    const lines = ["Envoy CPU µs per request (median of rounds); each row adds one step to the one above", "", `| step | ${SCENARIOS.join(" | ")} |`, `|---|${SCENARIOS.map(() => "---:").join("|")}|`];
    for (const e of envoys) lines.push(`| ${e.name} | ${SCENARIOS.map((s) => out[s][e.name]).join(" | ")} |`);
    console.log(lines.join("\n"));
    const dir = path.join(REPO_ROOT, "loadtest/results");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "split-latest.json"), JSON.stringify({ date: new Date().toISOString(), options: opts, cpu_us_per_req: out }, null, 1) + "\n");
  } finally {
    for (const e of envoys) await e.stop();
    await upstream.stop();
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
