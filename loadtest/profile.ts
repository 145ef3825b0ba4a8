// `make profile`: instructions the scoring core runs per bench body, counted by valgrind's callgrind
// (stable on a noisy machine, unlike time), printed beside Node's timings, with the top functions.
//
// Runs loadtest/profile-worker.mjs under callgrind on build/core.profile.wasm (the release core
// with a name section), with TurboFan only (--no-liftoff --no-wasm-tier-up: the steady state,
// compiled once, so code addresses do not move). callgrind dumps at each os.loadavg() the worker
// calls, so each body's timed calls are one dump; loadtest/callgrind.ts maps its instruction
// addresses to wasm functions. Writes build/profile.json. PROFILE_BODIES=<regex> picks bodies.
// PROFILE_CALLS=<regex>: also how often each function calls the functions whose short name
// matches, per request and by caller (a small function is hot because of whom?).

import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT, serializeHead } from "../node/core.ts";
import { partRequest } from "../node/http.ts";
import { CACHE_SIM_FLAGS, readCalls, readSegment, wasmCodeRanges, type Segment } from "./callgrind.ts";
import { ensureDebianTool } from "./apt.ts";
import { benchCore, benchVsJsonParse, JSON_PARSE_BODIES } from "./core.ts";
import { readScenarios } from "./scenarios.ts";

const PROFILE_WASM = path.join(REPO_ROOT, "build/core.profile.wasm");
const OUT_DIR = path.join(REPO_ROOT, "build/profile");
const TOP = Number(process.env.PROFILE_TOP ?? 8);
const CALLS = process.env.PROFILE_CALLS ? new RegExp(process.env.PROFILE_CALLS) : null;
// PROFILE_SIM=1: callgrind also simulates caches (callgrind.ts CACHE_SIM_FLAGS: 48 KiB L1d, 32 KiB L1i, a 2 MiB
// per-core L2 as the last level) and branch prediction, about twice as slow. It says what each
// body's instructions cost beyond their count: data lines missed, instruction lines missed, and
// mispredicted branches. PROFILE_SIM_BY (l1d, i1 or branch; l1d by default) says which of them the
// top functions are ranked by.
const SIM = process.env.PROFILE_SIM === "1";
const SIM_BY: Record<string, { events: string[]; name: string }> = {
  l1d: { events: ["D1mr", "D1mw"], name: "L1d misses" },
  i1: { events: ["I1mr"], name: "L1i misses" },
  branch: { events: ["Bcm", "Bim"], name: "mispredicted branches" },
};
const SIM_TOP = SIM_BY[process.env.PROFILE_SIM_BY ?? "l1d"];
if (!SIM_TOP) throw new Error(`PROFILE_SIM_BY=${process.env.PROFILE_SIM_BY}: expected ${Object.keys(SIM_BY).join(", ")}`);

interface Run { name: string; kind: "score" | "json"; bytes: number; head: string; body: string | null; warm: number; iters: number }

// Calls per body under callgrind (~50× slower than native): enough that one call's noise (a GC
// step, a cache refill) averages out, few enough that the whole profile takes about a minute.
function iterations(bytes: number): number {
  return bytes >= 131072 ? 3 : bytes >= 16384 ? 10 : bytes >= 1024 ? 60 : 300;
}

function ensureValgrind(): void {
  const r = ensureDebianTool("valgrind", "valgrind", "profile");
  if (!r.ok) throw new Error(`profile: ${r.reason}`);
}

const share = (seg: Segment, k: string) => Math.round((1000 * (seg.byFunction.get(k) ?? 0)) / seg.total) / 10;
// "filter/core/features/extractFeatures" -> "features/extractFeatures"
// "v8::internal::JsonParser<unsigned short>::ParseJsonValue<false>(...) [clone .isra.0]" -> "v8::internal::JsonParser::ParseJsonValue"
function short(name: string): string {
  let s = name.replace(/^filter\/(core|decode|request|lib)\//, "").replace(/^~lib\//, "lib/");
  if (s.includes("::")) {
    s = s.replace(/\(anonymous namespace\)/g, "anon").replace(/ \[clone[^\]]*\]/g, "").replace(/\(.*$/, "");
    for (let prev = ""; prev !== s;) { prev = s; s = s.replace(/<[^<>]*>/g, ""); }
    s = s.replace(/^.* (?=\S+$)/, ""); // a return type left in front
  }
  return s;
}

async function main(): Promise<void> {
  ensureValgrind();
  const file = readScenarios();
  const pick = new RegExp(process.env.PROFILE_BODIES ?? ".");
  const enc = new TextEncoder();
  const runs: Run[] = [];
  for (const [name, b] of Object.entries(file.core)) {
    if (!pick.test(name)) continue;
    const req = partRequest(b.where, enc.encode(b.text));
    const body = req.body === undefined ? null : Buffer.from(req.body as Uint8Array).toString("base64");
    const n = iterations(b.bytes);
    runs.push({ name, kind: "score", bytes: b.bytes, head: Buffer.from(serializeHead(req.head)).toString("base64"), body, warm: Math.max(n, 20), iters: n });
  }
  for (const key of Object.values(JSON_PARSE_BODIES)) {
    const run = runs.find((r) => r.name === key);
    if (run) runs.push({ ...run, name: `JSON.parse ${key}`, kind: "json" });
  }
  if (!runs.length) throw new Error(`profile: no body matches PROFILE_BODIES=${process.env.PROFILE_BODIES}`);

  console.error("profile: native timings (Node, build/core.wasm)...");
  const timings = new Map((await benchCore(file, Number(process.env.BENCH_CORE_ITERATIONS ?? 1000))).map((r) => [r.body, r.p50_us]));
  const parse = await benchVsJsonParse(file, 1, Number(process.env.BENCH_CORE_ITERATIONS ?? 1000));
  for (const p of Object.values(parse)) timings.set(`JSON.parse ${p.body}`, p.parse_p50_us[0]);

  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  const spec = path.join(OUT_DIR, "spec.json");
  writeFileSync(spec, JSON.stringify({ wasm: PROFILE_WASM, runs }));
  console.error(`profile: callgrind on ${runs.length} bodies (about a minute)...`);
  const t0 = Date.now();
  const vg = spawnSync("valgrind", [
    "--tool=callgrind", "--dump-before=uv_loadavg", "--separate-threads=yes", "--dump-instr=yes", "--dump-line=no", "--compress-strings=no",
    // V8 writes and patches code at run time; valgrind must see every change.
    ...(SIM ? CACHE_SIM_FLAGS : []),
    "--smc-check=all-non-file", `--callgrind-out-file=${path.join(OUT_DIR, "callgrind.out")}`,
    process.execPath, "--print-wasm-code", "--no-liftoff", "--no-wasm-tier-up",
    path.join(REPO_ROOT, "loadtest/profile-worker.mjs"), spec,
  ], { encoding: "utf8", maxBuffer: 1 << 30 });
  if (vg.status !== 0) throw new Error(`profile: valgrind failed (${vg.status}):\n${vg.stderr.split("\n").slice(-20).join("\n")}`);
  writeFileSync(path.join(OUT_DIR, "wasm-code.txt"), vg.stdout);
  const ranges = wasmCodeRanges(vg.stdout);
  const dumps = new Set(readdirSync(OUT_DIR));

  const rows = runs.map((r, i) => {
    // Dump 2i+1 ends with run i's warm-up, dump 2i+2 holds its timed calls (thread 1, the main thread).
    const f = `callgrind.out.${2 * i + 2}-01`;
    if (!dumps.has(f)) throw new Error(`profile: no ${f} in ${OUT_DIR}`);
    const seg = readSegment(path.join(OUT_DIR, f), ranges);
    const top = [...seg.byFunction.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP).map(([k]) => ({ fn: short(k), pct: share(seg, k) }));
    const callers = CALLS ? callsInto(path.join(OUT_DIR, f), ranges, CALLS, r.iters) : undefined;
    return {
      callers,
      sim: SIM ? simulated(seg, r.iters) : undefined,
      body: r.name, bytes: r.bytes, calls: r.iters, p50_us: timings.get(r.name) ?? null,
      instructions: Math.round(seg.total / r.iters),
      instructions_in_wasm: Math.round(seg.inWasm / r.iters),
      instructions_per_byte: Math.round((seg.total / r.iters / Math.max(1, r.bytes)) * 10) / 10,
      top,
    };
  });

  const lines = [
    "Instructions per request (callgrind, Node running build/core.profile.wasm, TurboFan; native p50 from build/core.wasm)",
    "| body | bytes | p50 µs | instructions | in core.wasm | per byte | top functions (self %) |",
    "|---|---:|---:|---:|---:|---:|---|",
  ];
  for (const r of rows) {
    lines.push(`| ${r.body} | ${r.bytes} | ${r.p50_us ?? ""} | ${r.instructions.toLocaleString("en-US")} | ${r.instructions_in_wasm.toLocaleString("en-US")} | ${r.instructions_per_byte} | ${r.top.slice(0, 4).map((t) => `${t.fn} ${t.pct}`).join(", ")} |`);
  }
  if (SIM) {
    lines.push("", `Simulated per request (PROFILE_SIM=1): data reads and writes, L1d misses, L1i misses, L2 misses (the last level simulated), mispredicted branches; top functions by ${SIM_TOP.name}`,
      `| body | data refs | L1d misses | L1i misses | L2 misses | branches | mispredicted | top ${SIM_TOP.name} |`, "|---|---:|---:|---:|---:|---:|---:|---|");
    const n = (x: number) => Math.round(x).toLocaleString("en-US");
    for (const r of rows) {
      const m = r.sim!;
      lines.push(`| ${r.body} | ${n(m.dataRefs)} | ${n(m.l1dMisses)} | ${n(m.l1iMisses)} | ${n(m.llMisses)} | ${n(m.branches)} | ${n(m.mispredicted)} | ${m.top.map((t) => `${t.fn} ${t.pct}`).join(", ")} |`);
    }
  }
  const ratio = Object.entries(JSON_PARSE_BODIES).flatMap(([size, key]) => {
    const s = rows.find((r) => r.body === key), p = rows.find((r) => r.body === `JSON.parse ${key}`);
    return s && p ? [`${size}: ${Math.round((s.instructions / p.instructions) * 100) / 100}`] : [];
  });
  if (ratio.length) lines.push("", `core ÷ JSON.parse, instructions (goal ≤ 1.0): ${ratio.join(", ")}`);
  for (const r of rows.filter((x) => /^\w+_benign_(1024|16384)$/.test(x.body))) {
    lines.push("", `Top functions, ${r.body} (self instructions, % of the request):`);
    for (const t of r.top) lines.push(`  ${String(t.pct).padStart(5)}%  ${t.fn}`);
  }
  if (CALLS) {
    for (const r of rows) {
      lines.push("", `Calls per request into /${CALLS.source}/, ${r.body} (caller → callee):`);
      if (!r.callers!.length) lines.push("  (none)");
      for (const c of r.callers!) lines.push(`  ${String(c.per_request).padStart(9)}  ${c.caller} → ${c.callee}`);
    }
  }
  console.log(lines.join("\n"));
  const out = path.join(REPO_ROOT, "build/profile.json");
  writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), valgrind_s: Math.round((Date.now() - t0) / 1000), wasm_functions: ranges.length, rows }, null, 1) + "\n");
  console.log(`\nprofile: wrote ${path.relative(REPO_ROOT, out)}; callgrind dumps in ${path.relative(REPO_ROOT, OUT_DIR)}/ (callgrind_annotate reads them; JIT code shows as addresses)`);
}

// The calls into functions whose short name matches `into`, per request, most first (PROFILE_TOP of them).
function callsInto(file: string, ranges: ReturnType<typeof wasmCodeRanges>, into: RegExp, iters: number) {
  return [...readCalls(file, ranges).entries()]
    .map(([k, n]) => { const [caller, callee] = k.split(" → ").map(short); return { caller, callee, per_request: Math.round((n / iters) * 10) / 10 }; })
    .filter((c) => into.test(c.callee))
    .sort((a, b) => b.per_request - a.per_request)
    .slice(0, TOP);
}

interface Simulated { dataRefs: number; l1dMisses: number; l1iMisses: number; llMisses: number; branches: number; mispredicted: number; top: Array<{ fn: string; pct: number }> }

// Per request, from callgrind's events with --cache-sim and --branch-sim (Dr Dw I1mr D1mr D1mw DLmr DLmw Bc Bcm Bi Bim);
// the top functions by SIM_TOP's events.
function simulated(seg: Segment, calls: number): Simulated {
  const at = (names: string[], row: number[]) => names.reduce((sum, e) => sum + (seg.events.includes(e) ? row[seg.events.indexOf(e)] : 0), 0);
  const ranked = at(SIM_TOP.events, seg.eventTotals);
  const top = [...seg.eventsByFunction.entries()].map(([k, row]) => [k, at(SIM_TOP.events, row)] as const)
    .sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, v]) => ({ fn: short(k), pct: Math.round((1000 * v) / Math.max(1, ranked)) / 10 }));
  return {
    dataRefs: at(["Dr", "Dw"], seg.eventTotals) / calls,
    l1dMisses: at(["D1mr", "D1mw"], seg.eventTotals) / calls,
    l1iMisses: at(["I1mr"], seg.eventTotals) / calls,
    llMisses: at(["DLmr", "DLmw"], seg.eventTotals) / calls,
    branches: at(["Bc", "Bi"], seg.eventTotals) / calls,
    mispredicted: at(["Bcm", "Bim"], seg.eventTotals) / calls,
    top,
  };
}

main().catch((e) => { console.error(e instanceof Error ? e.message : e); process.exit(1); });
