// `make bench-dso`: where Envoy's CPU goes, by the code that runs it, at one request rate, for the
// do-nothing filter, the same filter making every host call wafscore makes, and wafscore: the wasm
// code V8 compiled (perf's "[JIT]"), Envoy's own binary (which holds V8's runtime and builtins, and
// its host calls' side), the kernel, libc. At one rate, not closed loop, so that the Envoys batch
// their event loop alike and a difference is per-request work. Sampled with `perf record`
// (cpu-clock, no call graph; Debian's linux-perf, installed with apt-get when missing); prints µs
// per request by part and writes loadtest/results/dso-latest.json (dso-<date>.json for a run with
// BENCH_DSO_SCENARIOS or BENCH_DSO_PROBES). Pinned like `make bench`.
// Env: BENCH_DSO_SCENARIOS (get_query,post_form_1k,post_json_16k; each scenario's first request),
// BENCH_DSO_RATE (req/s, 1000), BENCH_DSO_SECONDS (8); BENCH_DSO_PROBES (e.g. "sweep:1536,spin:400000") adds, for
// each probe, the do-nothing filter making wafscore's host calls and then reading a table of that many KiB
// (sweep) or computing that many rounds on registers (spin) per request (loadtest/nullfilter/main.ts), and
// prints each one's cost over the host calls alone: whether Envoy's own work slows after a filter's from
// the caches it evicted or from the time it took.

import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { REPO_ROOT } from "../node/core.ts";
import { readScenarios, type ScenarioFile } from "./scenarios.ts";
import { startEnvoy, startUpstream, type BenchEnvoy } from "./stack.ts";
import { ensureDebianTool } from "./apt.ts";

const SCENARIOS = (process.env.BENCH_DSO_SCENARIOS ?? "get_query,post_form_1k,post_json_16k").split(",");
const RATE = Number(process.env.BENCH_DSO_RATE ?? 1000);
const SECONDS = Number(process.env.BENCH_DSO_SECONDS ?? 8);
const PROBES = (process.env.BENCH_DSO_PROBES ?? "").split(",").filter(Boolean);
const NULL_WASM = path.join(REPO_ROOT, "build/null.wasm");
const OUT_DIR = path.join(REPO_ROOT, "build/dso");

// perf's share of samples by DSO ("envoy", "[JIT] tid N", "[kernel.kallsyms]", "libc.so.6", …).
function shares(data: string): Record<string, number> {
  const out = execFileSync("perf", ["report", "-i", data, "--sort", "dso", "--stdio"], { encoding: "utf8", maxBuffer: 1 << 26, stdio: ["ignore", "pipe", "ignore"] });
  const byPart: Record<string, number> = {};
  for (const line of out.split("\n")) {
    const m = /^\s*([\d.]+)%\s+(.+?)\s*$/.exec(line);
    if (!m) continue;
    const dso = m[2];
    const part = dso.startsWith("[JIT]") ? "wasm (JIT)" : dso === "envoy" ? "envoy binary" : dso.startsWith("[kernel") ? "kernel" : dso.startsWith("libc") ? "libc" : "other";
    byPart[part] = (byPart[part] ?? 0) + Number(m[1]) / 100;
  }
  return byPart;
}

async function measure(envoy: BenchEnvoy, file: ScenarioFile, scenario: string): Promise<{ rps: number; cpu_us_per_req: number; us_per_req: Record<string, number> }> {
  // The scenario's first request, sent over and over (autocannon paces a list of requests badly).
  const r = file.scenarios[scenario].requests[0];
  const load = (seconds: number) => autocannon({
    url: envoy.url + r.path, method: r.method as autocannon.Request["method"], headers: r.headers, body: r.body,
    connections: 4, pipelining: 1, overallRate: RATE, duration: seconds,
  });
  await load(2); // warm-up: every function compiled, caches and pools filled
  const data = path.join(OUT_DIR, `${scenario}-${envoy.name}.data`);
  const running = load(SECONDS + 2);
  await new Promise((r) => setTimeout(r, 1000));
  const cpu0 = envoy.cpuMicros();
  const t0 = Date.now();
  // Not spawnSync: the load generator runs in this process's event loop.
  const rec = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
    const child = spawn("perf", ["record", "-q", "-o", data, "-F", "999", "-p", String(envoy.pid), "--", "sleep", String(SECONDS)], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => { stderr += d.toString(); });
    child.on("close", (status) => resolve({ status, stderr }));
  });
  const wall = (Date.now() - t0) / 1000;
  const cpu = envoy.cpuMicros() - cpu0;
  const result = await running;
  if (rec.status !== 0) throw new Error(`bench-dso: perf record failed: ${rec.stderr}`);
  if (result.non2xx || result.errors || result.timeouts) console.error(`bench-dso: ${scenario} ${envoy.name}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  const rps = result.requests.total / (SECONDS + 2);
  const perReq = cpu / (rps * wall);
  const us_per_req = Object.fromEntries(Object.entries(shares(data)).map(([k, v]) => [k, Math.round(v * perReq * 10) / 10]));
  return { rps: Math.round(rps), cpu_us_per_req: Math.round(perReq * 10) / 10, us_per_req };
}

type Row = Awaited<ReturnType<typeof measure>>;

async function main(): Promise<void> {
  const perf = ensureDebianTool("perf", "linux-perf", "bench-dso");
  if (!perf.ok) { console.error(`bench-dso: skipped: ${perf.reason}`); return; }
  const file = readScenarios();
  for (const sc of SCENARIOS) if (!file.scenarios[sc]) throw new Error(`bench-dso: no scenario ${sc}`);
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  const upstream = await startUpstream();
  const rows: Record<string, Record<string, Row>> = {};
  try {
    for (const [name, start] of [
      ["null", () => startEnvoy({ wasm: true, upstreamPort: upstream.port, wasmPath: NULL_WASM, pluginConfig: "{}", name: "null" })],
      // The do-nothing filter making every host call wafscore makes (make bench-split's last step).
      ["host calls", () => startEnvoy({ wasm: true, upstreamPort: upstream.port, wasmPath: NULL_WASM, pluginConfig: '"state"', name: "host-calls" })],
      ["wafscore", () => startEnvoy({ wasm: true, upstreamPort: upstream.port, name: "wafscore" })],
      ...PROBES.map((probe): [string, () => Promise<BenchEnvoy>] =>
        [probe, () => startEnvoy({ wasm: true, upstreamPort: upstream.port, wasmPath: NULL_WASM, pluginConfig: JSON.stringify(`state ${probe}`), name: probe.replace(/\W/g, "-") })]),
    ] as Array<[string, () => Promise<BenchEnvoy>]>) {
      const envoy = await start();
      try {
        for (const sc of SCENARIOS) {
          const row = await measure(envoy, file, sc);
          (rows[sc] ??= {})[name] = row;
          console.error(`bench-dso: ${sc} ${name}: ${row.rps} req/s, Envoy CPU ${row.cpu_us_per_req} µs/request`);
        }
      } finally { await envoy.stop(); }
    }
  } finally {
    await upstream.stop();
  }
  const parts = ["wasm (JIT)", "envoy binary", "kernel", "libc", "other"];
  const us = (sc: string, variant: string, p: string) => p === "all" ? rows[sc][variant].cpu_us_per_req : rows[sc][variant].us_per_req[p] ?? 0;
  const lines = [
    `Envoy CPU µs per request over the do-nothing filter, by the code that ran it (perf record, cpu-clock), at ${RATE} req/s, ${SECONDS} s: wafscore, and the do-nothing filter making wafscore's host calls; the do-nothing filter's own in brackets`,
    `| part | ${SCENARIOS.map((sc) => `${sc}: wafscore | host calls`).join(" | ")} |`,
    `|---|${SCENARIOS.map(() => "---:|---:").join("|")}|`,
  ];
  for (const p of [...parts, "all"]) {
    const cells = SCENARIOS.map((sc) => {
      const base = us(sc, "null", p);
      return `${(us(sc, "wafscore", p) - base).toFixed(1)} (${base.toFixed(1)}) | ${(us(sc, "host calls", p) - base).toFixed(1)}`;
    });
    lines.push(`| ${p} | ${cells.join(" | ")} |`);
  }
  if (PROBES.length) {
    lines.push("", "Probes: the do-nothing filter making wafscore's host calls, then the probe; µs per request over the host calls alone", "",
      `| part | ${SCENARIOS.flatMap((sc) => PROBES.map((pr) => `${sc}: ${pr}`)).join(" | ")} |`,
      `|---|${SCENARIOS.flatMap(() => PROBES.map(() => "---:")).join("|")}|`);
    for (const p of [...parts, "all"]) {
      lines.push(`| ${p} | ${SCENARIOS.flatMap((sc) => PROBES.map((pr) => (us(sc, pr, p) - us(sc, "host calls", p)).toFixed(1))).join(" | ")} |`);
    }
  }
  console.log(lines.join("\n"));
  // A run with probes or other scenarios is dated, so that it never stands in for the default run's latest.
  const stamp = new Date().toISOString().replace(/:/g, "").replace(/\.\d+Z$/, "Z");
  const custom = PROBES.length > 0 || process.env.BENCH_DSO_SCENARIOS !== undefined;
  const out = path.join(REPO_ROOT, `loadtest/results/${custom ? `dso-${stamp}` : "dso-latest"}.json`);
  writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), rate: RATE, seconds: SECONDS, rows }, null, 1) + "\n");
  console.log(`\nbench-dso: wrote ${path.relative(REPO_ROOT, out)}`);
}

main().catch((e) => { console.error(e instanceof Error ? e.message : e); process.exit(1); });
