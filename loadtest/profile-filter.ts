// `make profile-filter`: instructions the whole filter runs per request inside its wasm VM, by
// part (scoring core, glue, SDK, AssemblyScript runtime: allocation and GC), counted by callgrind
// on Node driving build/wafscore.profile.wasm through the host emulator (test/host/emulator.ts).
//
// What Envoy itself does for the host calls (header copies and writes, filter state, metrics) is
// not here: `make bench-split` measures that. Runs loadtest/profile-filter-worker.ts under
// callgrind as loadtest/profile.ts runs the core (TurboFan only, a dump per os.loadavg()), for
// three requests from loadtest/scenarios.json (get_query, post_form_1k, post_json_16k) and
// get_query's first as a browser sends it (loadtest/browser.ts: get_browser), each under the
// plugin configurations in CONFIGS. Writes build/profile-filter.json.

import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../node/core.ts";
import { readSegment, wasmCodeRanges, type Segment } from "./callgrind.ts";
import { readScenarios } from "./scenarios.ts";
import { scenarioRequests } from "./browser.ts";
import { BENIGN_ENVOY_SCENARIOS } from "./envoy.ts";

const PROFILE_WASM = path.join(REPO_ROOT, "build/wafscore.profile.wasm");
const OUT_DIR = path.join(REPO_ROOT, "build/profile-filter");
const SCENARIOS = BENIGN_ENVOY_SCENARIOS;
// The configurations compared: the defaults (block mode), and without the per-request host calls
// users can turn off.
const CONFIGS: Record<string, object> = {
  default: {},
  "score_headers none, filter_state false": { score_headers: "none", filter_state: false },
};

// Which part of the filter a wasm function belongs to, by its name in the name section.
function partOf(fn: string): string {
  if (/^filter\/glue\//.test(fn)) return "glue";
  if (/^filter\//.test(fn)) return "core";
  if (/proxy-runtime/.test(fn)) return "sdk";
  if (/^~lib\/rt\/|^~lib\/memory|__new|__collect|__pin|__unpin|__renew|__link|__visit|~lib\/shared\/|itcms|tlsf/.test(fn)) return "runtime";
  if (/^~lib\//.test(fn)) return "stdlib";
  return "other wasm";
}

async function main(): Promise<void> {
  const file = readScenarios();
  const runs = [];
  for (const [configName, config] of Object.entries(CONFIGS)) {
    for (const name of SCENARIOS) {
      const req = scenarioRequests(file, name)[0];
      const head: Array<[string, string]> = [[":method", req.method], [":path", req.path], [":authority", "bench.local"], [":scheme", "http"],
        ...Object.entries(req.headers ?? {}), ["x-request-id", "9f3b2c1d-0000-4000-8000-000000000001"]];
      const body = req.body === undefined || req.body === null ? null : Buffer.from(req.body).toString("base64");
      const iters = name === "post_json_16k" ? 20 : 200;
      runs.push({ name: `${name} (${configName})`, config, warm: iters, iters, head, body });
    }
  }
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  const spec = path.join(OUT_DIR, "spec.json");
  writeFileSync(spec, JSON.stringify({ wasm: PROFILE_WASM, runs }));
  console.error(`profile-filter: callgrind on ${runs.length} runs (a minute or two)...`);
  const vg = spawnSync("valgrind", [
    "--tool=callgrind", "--dump-before=uv_loadavg", "--separate-threads=yes", "--dump-instr=yes", "--dump-line=no", "--compress-strings=no",
    "--smc-check=all-non-file", `--callgrind-out-file=${path.join(OUT_DIR, "callgrind.out")}`,
    process.execPath, "--import", "tsx", "--print-wasm-code", "--no-liftoff", "--no-wasm-tier-up",
    path.join(REPO_ROOT, "loadtest/profile-filter-worker.ts"), spec,
  ], { encoding: "utf8", maxBuffer: 1 << 30, cwd: REPO_ROOT });
  if (vg.status !== 0) throw new Error(`profile-filter: valgrind failed (${vg.status}):\n${vg.stderr.split("\n").slice(-20).join("\n")}`);
  writeFileSync(path.join(OUT_DIR, "wasm-code.txt"), vg.stdout);
  const ranges = wasmCodeRanges(vg.stdout);
  const dumps = readdirSync(OUT_DIR).filter((f) => /^callgrind\.out\.\d+-01$/.test(f)).sort((a, b) => Number(a.split(".")[2].split("-")[0]) - Number(b.split(".")[2].split("-")[0]));
  // Dumps come in pairs per run (warm-up, timed); tsx's start-up may add some first: count from the end.
  const timed = dumps.slice(dumps.length - 2 * runs.length).filter((_, i) => i % 2 === 1);
  if (timed.length !== runs.length) throw new Error(`profile-filter: ${dumps.length} dumps for ${runs.length} runs`);
  const rows = runs.map((r, i) => {
    const seg: Segment = readSegment(path.join(OUT_DIR, timed[i]), ranges);
    const parts: Record<string, number> = {};
    for (const [fn, n] of seg.byFunction) {
      if (!ranges.some((x) => x.name === fn)) continue;
      const p = partOf(fn);
      parts[p] = (parts[p] ?? 0) + n / r.iters;
    }
    const top = [...seg.byFunction.entries()].filter(([fn]) => partOf(fn) !== "core" && ranges.some((x) => x.name === fn))
      .sort((a, b) => b[1] - a[1]).slice(0, 6).map(([fn, n]) => ({ fn, instructions: Math.round(n / r.iters) }));
    const topCore = [...seg.byFunction.entries()].filter(([fn]) => partOf(fn) === "core" && ranges.some((x) => x.name === fn))
      .sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.PROFILE_TOP ?? 8)).map(([fn, n]) => ({ fn, instructions: Math.round(n / r.iters) }));
    return { run: r.name, in_wasm: Math.round(seg.inWasm / r.iters), parts: Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, Math.round(v)])), top_outside_core: top, top_in_core: topCore };
  });
  const lines = ["Instructions per request inside the filter's wasm (callgrind; host emulator, so Envoy's own work is not counted)",
    "| request (config) | in wasm | core | glue | sdk | runtime (alloc, GC) | stdlib |", "|---|---:|---:|---:|---:|---:|---:|"];
  const f = (n?: number) => (n ?? 0).toLocaleString("en-US");
  for (const r of rows) lines.push(`| ${r.run} | ${f(r.in_wasm)} | ${f(r.parts.core)} | ${f(r.parts.glue)} | ${f(r.parts.sdk)} | ${f(r.parts.runtime)} | ${f(r.parts.stdlib)} |`);
  for (const r of rows.slice(0, SCENARIOS.length)) {
    lines.push("", `Outside the core, ${r.run}:`);
    for (const t of r.top_outside_core) lines.push(`  ${String(t.instructions).padStart(8)}  ${t.fn}`);
  }
  console.log(lines.join("\n"));
  writeFileSync(path.join(REPO_ROOT, "build/profile-filter.json"), JSON.stringify({ date: new Date().toISOString(), rows }, null, 1) + "\n");
}

main().catch((e) => { console.error(e instanceof Error ? e.message : e); process.exit(1); });
