// Times the scoring core in Node's V8 (build/core.wasm, the same core the filter embeds) per request body.
// Called by loadtest/bench.ts (make bench); `npx tsx loadtest/core.ts` runs it alone.
//
// Bodies come from scenarios.json (`core`): form and JSON, benign and with one attack row, at
// 64 B, 1 KiB, 16 KiB and 128 KiB. Each body is UTF-8-encoded once up front, so the time is
// Core.overallScore: copying the bytes into wasm memory and scoring them, what the filter does
// per request, without JS string encoding or building a result object (whose allocations and
// GC pauses once dominated the p99).

import path from "node:path";
import { Core, REPO_ROOT, serializeHead } from "../node/core.ts";
import { partRequest, toCoreRequest } from "../node/http.ts";
import { readScenarios, type BenchRequest, type ScenarioFile } from "./scenarios.ts";

export interface CoreRow {
  body: string;        // scenarios.json core key, e.g. form_benign_1024
  where: string;
  kind: string;
  bytes: number;
  iterations: number;
  p50_us: number;
  p99_us: number;
  mb_per_s: number;    // bytes / median time, in 10^6 bytes per second
  score: number;       // the core's overall score (flagged when <= threshold)
}

export function quantile(sorted: Float64Array | number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

export async function benchCore(file: ScenarioFile, iterations = Number(process.env.BENCH_CORE_ITERATIONS ?? 2000)): Promise<CoreRow[]> {
  const core = await Core.load();
  const enc = new TextEncoder();
  const rows: CoreRow[] = [];
  for (const [key, b] of Object.entries(file.core)) {
    const req = partRequest(b.where, enc.encode(b.text));
    const head = serializeHead(req.head);
    const body = req.body as Uint8Array | undefined;
    // Warm-up: let V8 tier the wasm up (Liftoff → TurboFan) before timing.
    const warm = Math.max(50, Math.min(500, Math.floor(iterations / 4)));
    for (let i = 0; i < warm; i++) core.overallScore(head, body);
    // Fewer iterations for the big bodies keep `make bench` short; their p99 (2nd worst of 100) is rough.
    const n = b.bytes >= 131072 ? Math.max(100, Math.floor(iterations / 10)) : b.bytes >= 16384 ? Math.max(200, Math.floor(iterations / 2)) : iterations;
    const t = new Float64Array(n);
    let score = 0;
    for (let i = 0; i < n; i++) {
      const t0 = process.hrtime.bigint();
      score = core.overallScore(head, body);
      t[i] = Number(process.hrtime.bigint() - t0) / 1000;
    }
    t.sort();
    const p50 = quantile(t, 0.5);
    rows.push({ body: key, where: b.where, kind: b.kind, bytes: b.bytes, iterations: n, p50_us: round(p50), p99_us: round(quantile(t, 0.99)), mb_per_s: round(b.bytes / p50), score });
  }
  return rows;
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

// Issue 11's yardstick for large bodies: scoring a benign JSON body ÷ JSON.parse of the same bytes
// (UTF-8 decoding included), in this process. The two are timed call by call in turn, so drift
// on a shared machine hits both alike; one ratio of medians per round.
export const JSON_PARSE_BODIES = { "16k": "json_benign_16384", "128k": "json_benign_131072" } as const;

export interface VsJsonParse { body: string; bytes: number; iterations: number; score_p50_us: number[]; parse_p50_us: number[]; ratio: number[] }

export async function benchVsJsonParse(file: ScenarioFile, rounds: number, iterations = Number(process.env.BENCH_CORE_ITERATIONS ?? 2000), loaded?: Core): Promise<Record<keyof typeof JSON_PARSE_BODIES, VsJsonParse>> {
  const core = loaded ?? await Core.load();
  const enc = new TextEncoder();
  const out = {} as Record<keyof typeof JSON_PARSE_BODIES, VsJsonParse>;
  for (const [size, key] of Object.entries(JSON_PARSE_BODIES) as Array<[keyof typeof JSON_PARSE_BODIES, string]>) {
    const b = file.core[key];
    const req = partRequest(b.where, enc.encode(b.text));
    const wire = { head: serializeHead(req.head), body: req.body as Uint8Array };
    const n = b.bytes >= 131072 ? Math.max(100, Math.floor(iterations / 10)) : Math.max(200, Math.floor(iterations / 2));
    out[size] = vsJsonParse(core, key, [wire], rounds, n);
  }
  return out;
}

/**
 * The same ratio over the ten distinct 16 KiB JSON bodies of Envoy's post_json_16k scenario, taken in turn, where the
 * goal's measure repeats one body: replayed byte for byte, a body trains the branch predictors of both sides, which
 * real traffic does not; this says how much that flatters the goal's measure (on the development machine, 2026-12-06,
 * three rounds each: 1.20–1.22 against 1.15–1.17 in a scratch run, 1.13–1.15 against 1.13–1.15 in `make bench`; both
 * sides are slower per body in turn). Not issue 11's measure: printed and recorded beside it
 * (`core.vs_json_parse.16k_cycled` in latest.json).
 */
export async function benchVsJsonParseCycled(file: ScenarioFile, rounds: number, iterations = Number(process.env.BENCH_CORE_ITERATIONS ?? 2000)): Promise<VsJsonParse> {
  const core = await Core.load();
  const enc = new TextEncoder();
  const wires = file.scenarios.post_json_16k.requests.map((r) => {
    const c = toCoreRequest(r);
    return { head: serializeHead(c.head), body: enc.encode(c.body as string) };
  });
  return vsJsonParse(core, "post_json_16k (its bodies in turn)", wires, rounds, Math.max(200, Math.floor(iterations / 2)));
}

// Scores the bodies in turn and JSON.parses the same bytes (UTF-8 decode included), call by call,
// n times a round after a warm-up, so that drift on a shared machine hits both alike; one ratio of
// medians per round.
function vsJsonParse(core: Core, name: string, wires: Array<{ head: Uint8Array; body: Uint8Array }>, rounds: number, n: number): VsJsonParse {
  const dec = new TextDecoder();
  let sink = 0;
  for (let i = 0; i < Math.max(50, n / 4); i++) { const w = wires[i % wires.length]; sink += core.overallScore(w.head, w.body); sink += JSON.parse(dec.decode(w.body)) ? 1 : 0; }
  const row: VsJsonParse = { body: name, bytes: wires[0].body.length, iterations: n, score_p50_us: [], parse_p50_us: [], ratio: [] };
  for (let r = 0; r < rounds; r++) {
    const ts = new Float64Array(n), tp = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const w = wires[i % wires.length];
      let t0 = process.hrtime.bigint();
      sink += core.overallScore(w.head, w.body);
      ts[i] = Number(process.hrtime.bigint() - t0) / 1000;
      t0 = process.hrtime.bigint();
      sink += JSON.parse(dec.decode(w.body)) ? 1 : 0;
      tp[i] = Number(process.hrtime.bigint() - t0) / 1000;
    }
    const s = quantile(ts.sort(), 0.5), p = quantile(tp.sort(), 0.5);
    row.score_p50_us.push(round(s)); row.parse_p50_us.push(round(p)); row.ratio.push(round(s / p, 3));
  }
  if (sink === -1) console.error(sink); // keeps the results alive
  return row;
}

/**
 * Times, in Node, the same parts the filter scores for each request of a scenario, cycling
 * through them as the load generator does: the Node side of the filter's
 * wafscore_scoring_time_us histogram (which also measures the header map walk). `cold` repeats
 * it writing EVICT_BYTES between requests, which pushes the core's code and data out of the
 * L1 and L2 caches as Envoy's own work between two requests does.
 */
export async function benchScenarioInNode(reqs: BenchRequest[], iterations: number): Promise<{ p50_us: number; p99_us: number; cold_p50_us: number }> {
  const core = await Core.load();
  const enc = new TextEncoder();
  const wire = reqs.map((r) => {
    const c = toCoreRequest(r);
    return { head: serializeHead(c.head), body: c.body === undefined ? undefined : enc.encode(c.body as string) };
  });
  const evict = new Uint8Array(EVICT_BYTES);
  const run = (n: number, cold: boolean) => {
    const t = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (cold) for (let j = 0; j < evict.length; j += 64) evict[j]++;
      const t0 = process.hrtime.bigint();
      const w = wire[i % wire.length];
      core.overallScore(w.head, w.body);
      t[i] = Number(process.hrtime.bigint() - t0) / 1000;
    }
    return t.sort();
  };
  run(Math.min(2000, iterations), false);
  const warm = run(iterations, false);
  const cold = run(Math.max(200, Math.floor(iterations / 10)), true);
  return { p50_us: round(quantile(warm, 0.5), 1), p99_us: round(quantile(warm, 0.99), 1), cold_p50_us: round(quantile(cold, 0.5), 1) };
}

// Twice this machine's L2 per core (2 MiB), so one pass evicts all of it.
const EVICT_BYTES = 4 << 20;

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(REPO_ROOT, "loadtest/core.ts")) {
  const file = readScenarios();
  benchCore(file).then((rows) => console.table(rows));
}
