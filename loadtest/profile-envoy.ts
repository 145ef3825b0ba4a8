// `make profile-envoy`: instructions Envoy runs per request, counted by valgrind's callgrind on
// Envoy itself, without a filter, with the do-nothing filter and with wafscore, for the bench's
// Envoy scenarios. Issue 11's Envoy rows are CPU time ratios, which `make bench` reads with spreads
// of 25–165% on these shared machines; the same ratios as instruction counts repeat to within a few
// hundredths of a percent, so a change to the filter's cost inside Envoy can be read in one run.
// Counts are not time: a cache miss costs no instruction, and Envoy's own code runs at a different
// speed per instruction than the filter's. Read them beside `make bench`, not instead of it.
//
// Each step is one Envoy (--concurrency 1) under callgrind with instrumentation off until it has
// served a warm-up; then, per scenario, the requests of loadtest/scenarios.json are sent one at a
// time by the bench's load generator, the counters zeroed, PROFILE_ENVOY_REQUESTS more sent and a
// dump taken. Instructions are split by where they ran: Envoy's binary (V8's builtins are in it),
// the libraries, and the code V8 generated (the filter's wasm, and the stubs between it and Envoy).
// PROFILE_ENVOY_STEPS=1 also runs `make bench-split`'s steps, so that each host call's count shows.
// Writes build/profile-envoy.json.

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../node/core.ts";
import { envoyBinary } from "../node/envoy.ts";
import { ensureDebianTool } from "./apt.ts";
import { scenarioRequests } from "./browser.ts";
import { CACHE_SIM_FLAGS, GENERATED_CODE, mappedCode, readByOrigin } from "./callgrind.ts";
import { BENIGN_ENVOY_SCENARIOS as SCENARIOS, drive } from "./envoy.ts";
import { readScenarios, type BenchRequest, type ScenarioFile } from "./scenarios.ts";
import { gitState, startEnvoy, startUpstream, type BenchEnvoy } from "./stack.ts";
import { ALL_STEPS, NO_FILTER, NULL_FILTER, WAFSCORE, stepBefore, type Step } from "./steps.ts";

const OUT_DIR = path.join(REPO_ROOT, "build/profile-envoy");
// Enough requests that the filter's occasional collections (one per ~2 MiB copied in) and Envoy's
// timers average out; under callgrind a 16 KiB JSON POST takes tens of milliseconds.
const REQUESTS = Number(process.env.PROFILE_ENVOY_REQUESTS ?? 300);
const WARMUP = 50;
const STEPS: Step[] = process.env.PROFILE_ENVOY_STEPS === "1" ? ALL_STEPS : [NO_FILTER, NULL_FILTER, WAFSCORE];
const ENVOY = "Envoy";
// PROFILE_ENVOY_SIM=1: callgrind also simulates caches and branch prediction (the model of `make
// profile`'s PROFILE_SIM), so that what a request costs beyond its instructions in an Envoy that runs
// its own code between the filter's calls has a count too: L1i and L1d lines missed, mispredicted branches.
const SIM = process.env.PROFILE_ENVOY_SIM === "1";
const MISSES: Array<[string, string[]]> = [["L1i misses", ["I1mr"]], ["L1d misses", ["D1mr", "D1mw"]], ["last-level misses", ["ILmr", "DLmr", "DLmw"]], ["mispredicted branches", ["Bcm", "Bim"]]];

interface Count { total: number; by_origin: Record<string, number>; misses?: Record<string, { total: number; in_generated_code: number }> }

function callgrindControl(pid: number, ...args: string[]): void {
  execFileSync("callgrind_control", [...args, String(pid)], { stdio: "ignore" });
}

// Sends `n` requests one at a time (the bench's load generator, one connection); a request answered
// with another status than the scenario expects (all are benign: 200) is an error in the measurement.
async function send(envoy: BenchEnvoy, reqs: BenchRequest[], n: number): Promise<void> {
  const r = await drive(envoy, reqs, 0, 1, n);
  if (r.errors || r.unexpected) throw new Error(`profile-envoy: ${envoy.name}: ${r.errors} errors, ${r.unexpected} unexpected statuses in ${n} requests`);
}

// The dump callgrind writes for `callgrind_control -d`: <out>.<n>, complete once its totals line is.
async function waitForDump(file: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (existsSync(file) && /^totals: /m.test(readFileSync(file, "utf8"))) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`profile-envoy: no dump at ${file}`);
}

async function profileStep(step: Step, upstreamPort: number, file: ScenarioFile, binary: string): Promise<Record<string, Count>> {
  const dir = path.join(OUT_DIR, step.name.replace(/[^a-z0-9]+/gi, "-"));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const out = path.join(dir, "callgrind.out");
  const envoy = await startEnvoy({
    ...step, upstreamPort,
    wrapper: ["valgrind", "--tool=callgrind", "--instr-atstart=no", "--dump-instr=yes",
      // V8 writes and patches code at run time; valgrind must see every change.
      "--smc-check=all-non-file", `--callgrind-out-file=${out}`, ...(SIM ? CACHE_SIM_FLAGS : [])],
    // No stats flush inside a measurement: its timer's work is not the requests'.
    extraYaml: "stats_flush_interval: 290s",
    timeoutMs: 300_000,
  });
  const counts: Record<string, Count> = {};
  try {
    await send(envoy, scenarioRequests(file, SCENARIOS[0]), WARMUP);
    callgrindControl(envoy.pid, "-i", "on");
    let dumps = 0;
    for (const scenario of SCENARIOS) {
      const reqs = scenarioRequests(file, scenario);
      await send(envoy, reqs, 20);
      callgrindControl(envoy.pid, "-z");
      await send(envoy, reqs, REQUESTS);
      callgrindControl(envoy.pid, "-d");
      const dump = `${out}.${++dumps}`;
      await waitForDump(dump);
      const seg = readByOrigin(dump, mappedCode(readFileSync(`/proc/${envoy.pid}/maps`, "utf8"), binary, ENVOY), binary, ENVOY);
      counts[scenario] = { total: Math.round(seg.totals[0] / REQUESTS), by_origin: Object.fromEntries([...seg.byOrigin].map(([k, v]) => [k, Math.round(v[0] / REQUESTS)])) };
      if (SIM) {
        const sum = (row: number[] | undefined, names: string[]) => names.reduce((a, n) => a + (row?.[seg.events.indexOf(n)] ?? 0), 0) / REQUESTS;
        counts[scenario].misses = Object.fromEntries(MISSES.map(([label, names]) => [label, { total: Math.round(sum(seg.totals, names)), in_generated_code: Math.round(sum(seg.byOrigin.get(GENERATED_CODE), names)) }]));
      }
      console.error(`profile-envoy: ${step.name}, ${scenario}: ${counts[scenario].total.toLocaleString("en-US")} instructions a request`);
    }
  } finally {
    await envoy.stop();
  }
  return counts;
}

async function main(): Promise<void> {
  const vg = ensureDebianTool("valgrind", "valgrind", "profile-envoy");
  if (!vg.ok) throw new Error(`profile-envoy: ${vg.reason}`);
  const file = readScenarios();
  const binary = realpathSync(envoyBinary());
  const t0 = Date.now();
  const upstream = await startUpstream();
  const byStep: Record<string, Record<string, Count>> = {};
  try {
    for (const step of STEPS) byStep[step.name] = await profileStep(step, upstream.port, file, binary);
  } finally {
    await upstream.stop();
  }
  const fmt = (n: number) => n.toLocaleString("en-US");
  const lines = [`Envoy's instructions per request (callgrind; ${REQUESTS} requests a scenario, one at a time, after a warm-up)`, ""];
  for (const scenario of SCENARIOS) {
    lines.push(`${scenario}:`, "", "| step | instructions | Δ | Envoy | generated code (wasm, V8's stubs) | libraries |", "|---|---:|---:|---:|---:|---:|");
    STEPS.forEach((step, i) => {
      const c = byStep[step.name][scenario];
      // wafscore's rows are read against the last null-filter step when there is one: every host call wafscore makes.
      const prevName = stepBefore(STEPS.map((s) => s.name), i);
      const delta = prevName ? c.total - byStep[prevName][scenario].total : null;
      const envoy = c.by_origin[ENVOY] ?? 0, gen = c.by_origin[GENERATED_CODE] ?? 0;
      lines.push(`| ${step.name} | ${fmt(c.total)} | ${delta === null ? "" : (delta >= 0 ? "+" : "") + fmt(delta)} | ${fmt(envoy)} | ${fmt(gen)} | ${fmt(c.total - envoy - gen)} |`);
    });
    lines.push("");
  }
  // The numerator of issue 11's Envoy ratios, counted; beside it, Envoy's own count. Their quotient
  // is not the CPU ratio: a CPU second includes Envoy's time in the kernel (its socket calls), which
  // callgrind does not see, so Envoy's own share is smaller here than in CPU time.
  const added: Record<string, { envoy_alone: number; over_null: number; in_generated_code: number; ratio: number }> = {};
  lines.push("What wafscore adds over the do-nothing filter, per request (user-space instructions; the kernel's are not counted, so the last column is not issue 11's CPU ratio):", "",
    "| scenario | Envoy alone | wafscore adds | of it in generated code | in Envoy and libraries | added ÷ Envoy alone |", "|---|---:|---:|---:|---:|---:|");
  for (const scenario of SCENARIOS) {
    const base = byStep[NO_FILTER.name][scenario], nul = byStep[NULL_FILTER.name][scenario], waf = byStep[WAFSCORE.name][scenario];
    const gen = (c: Count) => c.by_origin[GENERATED_CODE] ?? 0;
    const over = waf.total - nul.total, inGen = gen(waf) - gen(nul);
    added[scenario] = { envoy_alone: base.total, over_null: over, in_generated_code: inGen, ratio: Math.round((over / base.total) * 1000) / 1000 };
    lines.push(`| ${scenario} | ${fmt(base.total)} | ${fmt(over)} | ${fmt(inGen)} | ${fmt(over - inGen)} | ${added[scenario].ratio} |`);
  }
  if (SIM) {
    lines.push("", "Simulated per request (PROFILE_ENVOY_SIM=1), all code / the generated code's:", "");
    for (const scenario of SCENARIOS) {
      lines.push(`${scenario}:`, "", `| step | ${MISSES.map(([m]) => m).join(" | ")} |`, `|---|${MISSES.map(() => "---:").join("|")}|`);
      for (const step of STEPS) {
        const m = byStep[step.name][scenario].misses!;
        lines.push(`| ${step.name} | ${MISSES.map(([label]) => `${fmt(m[label].total)} / ${fmt(m[label].in_generated_code)}`).join(" | ")} |`);
      }
      lines.push("");
    }
  }
  console.log(lines.join("\n"));
  const json = { date: new Date().toISOString(), ...gitState(), valgrind_s: Math.round((Date.now() - t0) / 1000), requests: REQUESTS, instructions_per_request: byStep, added_over_null: added };
  writeFileSync(path.join(REPO_ROOT, "build/profile-envoy.json"), JSON.stringify(json, null, 1) + "\n");
  console.log("\nprofile-envoy: wrote build/profile-envoy.json; callgrind dumps in build/profile-envoy/");
}

main().catch((e) => { console.error(e); process.exit(1); });
