// `make bench-split`: where wafscore's cost in Envoy goes. Envoy CPU µs per request, and the load
// generator's p50 latency, for the same requests through configs that add wafscore's per-request
// host calls one kind at a time (the do-nothing filter, loadtest/nullfilter, with a step list), then
// wafscore with and without its score headers. Each step's difference is that step's cost. Pinned
// like `make bench`. Writes results/split-<date>[-<n>conn].json, and split-latest.json for a run
// at the default connections (the one the README quotes).

import { writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../node/core.ts";
import { DEFAULT_CONNECTIONS, drive, envoyOptionsFromEnv, median } from "./envoy.ts";
import { readScenarios } from "./scenarios.ts";
import { benchMachine, gitState, startEnvoy, startUpstream, type BenchEnvoy } from "./stack.ts";
import { ALL_STEPS, NULL_WASM, stepBefore } from "./steps.ts";

const SCENARIOS = ["get_query", "post_form_1k", "post_json_16k"] as const;
const EACH_TIMES = 50;
const EACH_OPS: Array<[string, string]> = [
  ["now", "clock read (proxy_get_current_time_nanoseconds)"], ["hist", "histogram value (proxy_record_metric)"],
  ["count", "counter increment (proxy_increment_metric)"], ["header", "request header write (proxy_add_header_map_value)"],
  ["pairs", "header map copy into the VM (proxy_get_header_map_pairs)"], ["prop", "filter state write (proxy_set_property)"],
];

async function main(): Promise<void> {
  const file = readScenarios();
  const opts = envoyOptionsFromEnv();
  const machine = benchMachine();
  const git = gitState(); // at the start: the code measured, whatever is edited while it runs
  const upstream = await startUpstream();
  const envoys: BenchEnvoy[] = [];
  try {
    for (const step of ALL_STEPS) envoys.push(await startEnvoy({ ...step, upstreamPort: upstream.port }));
    // Per scenario and step, the medians of rounds of Envoy's CPU per request and of the load
    // generator's p50 latency: with BENCH_CONNECTIONS=1, where the latency each step adds goes
    // (issue 11's latency row is measured at one connection).
    const out: Record<string, Record<string, number>> = {};
    const p50: Record<string, Record<string, number>> = {};
    const rounds: Record<string, Record<string, { cpu_us_per_req: number[]; p50_us: number[] }>> = {};
    for (const name of SCENARIOS) {
      const reqs = file.scenarios[name].requests;
      const cpu: Record<string, number[]> = {}, lat: Record<string, number[]> = {};
      for (const e of envoys) { cpu[e.name] = []; lat[e.name] = []; await drive(e, reqs, opts.warmupSeconds, opts.connections); }
      for (let round = 0; round < opts.rounds; round++) {
        const order = envoys.map((_, i) => envoys[(i + round) % envoys.length]);
        for (const e of order) {
          const r = await drive(e, reqs, opts.seconds, opts.connections);
          cpu[e.name].push(r.cpu_us_per_req);
          lat[e.name].push(r.p50_us);
        }
      }
      out[name] = Object.fromEntries(envoys.map((e) => [e.name, Math.round(median(cpu[e.name]) * 10) / 10]));
      p50[name] = Object.fromEntries(envoys.map((e) => [e.name, Math.round(median(lat[e.name]))]));
      const r1 = (x: number) => Math.round(x * 10) / 10;
      rounds[name] = Object.fromEntries(envoys.map((e) => [e.name, { cpu_us_per_req: cpu[e.name].map(r1), p50_us: lat[e.name].map(r1) }]));
    }
    console.log(stepTable(`Envoy CPU µs per request (median of rounds; ${opts.connections} connections); each null-filter row adds one kind of host call to the row above (Δ: its cost)`, envoys, out));
    console.log(stepTable(`p50 latency µs at the load generator (median of rounds; ${opts.connections} connections), the same steps`, envoys, p50));
    // One kind of host call made EACH_TIMES times per request, on get_query: its cost per call,
    // (CPU/req of the variant − CPU/req of "+ copy into VM") ÷ EACH_TIMES.
    const each: Record<string, number> = {};
    const copy = envoys.find((e) => e.name === "+ copy into VM")!;
    const eachEnvoys: BenchEnvoy[] = [];
    for (const [op, label] of EACH_OPS) eachEnvoys.push(await startEnvoy({ wasm: true, upstreamPort: upstream.port, wasmPath: NULL_WASM, pluginConfig: `"copy each:${op}*${EACH_TIMES}"`, name: label }));
    envoys.push(...eachEnvoys);
    const reqs = file.scenarios.get_query.requests;
    const cpu: Record<string, number[]> = {};
    for (const e of [copy, ...eachEnvoys]) { cpu[e.name] = []; await drive(e, reqs, opts.warmupSeconds, opts.connections); }
    const group = [copy, ...eachEnvoys];
    for (let round = 0; round < opts.rounds; round++) {
      for (const e of group.map((_, i) => group[(i + round) % group.length])) cpu[e.name].push((await drive(e, reqs, opts.seconds, opts.connections)).cpu_us_per_req);
    }
    const eachLines = ["", `Envoy CPU µs per host call (get_query; the call made ${EACH_TIMES} times per request, over "+ copy into VM"; median of rounds)`, "", "| host call | µs per call |", "|---|---:|"];
    for (const e of eachEnvoys) {
      each[e.name] = Math.round(((median(cpu[e.name]) - median(cpu[copy.name])) / EACH_TIMES) * 100) / 100;
      eachLines.push(`| ${e.name} | ${each[e.name]} |`);
    }
    console.log(eachLines.join("\n"));
    const dir = path.join(REPO_ROOT, "loadtest/results");
    mkdirSync(dir, { recursive: true });
    const date = new Date().toISOString();
    const json = JSON.stringify({ date, ...git, machine, options: opts, cpu_us_per_req: out, p50_us: p50, rounds, cpu_us_per_host_call: each }, null, 1) + "\n";
    const dated = `split-${date.replace(/[:]/g, "").replace(/\..*$/, "")}Z${opts.connections === DEFAULT_CONNECTIONS ? "" : `-${opts.connections}conn`}.json`;
    writeFileSync(path.join(dir, dated), json);
    if (opts.connections === DEFAULT_CONNECTIONS) writeFileSync(path.join(dir, "split-latest.json"), json);
    console.log(`\nbench-split: wrote loadtest/results/${dated}${opts.connections === DEFAULT_CONNECTIONS ? " and split-latest.json" : ""}`);
  } finally {
    for (const e of envoys) await e.stop();
    await upstream.stop();
  }
}

// A step table: each step's figure per scenario and its difference from the step before (wafscore's
// rows from the last null-filter row: every host call wafscore makes).
function stepTable(title: string, envoys: BenchEnvoy[], fig: Record<string, Record<string, number>>): string {
  const lines = ["", title, "", `| step | ${SCENARIOS.map((s) => `${s} | Δ`).join(" | ")} |`, `|---|${SCENARIOS.map(() => "---:|---:").join("|")}|`];
  const names = envoys.map((e) => e.name);
  envoys.forEach((e, i) => {
    const prev = stepBefore(names, i);
    lines.push(`| ${e.name} | ${SCENARIOS.map((s) => `${fig[s][e.name]} | ${prev ? Math.round((fig[s][e.name] - fig[s][prev]) * 10) / 10 : ""}`).join(" | ")} |`);
  });
  return lines.join("\n");
}

main().catch((e) => { console.error(e); process.exit(1); });
