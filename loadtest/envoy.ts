// Drives Envoy with and without the wasm filter with autocannon, scenario by scenario, and compares them.
// Called by loadtest/bench.ts (make bench); `npx tsx loadtest/envoy.ts` runs it alone (run it under taskset, see stack.ts).
//
// Both Envoys run at once (same config but for the filter, --concurrency 1, pinned to
// $BENCH_ENVOY_CPU) in front of one sink upstream; only one is loaded at a time. Runs alternate
// A/B, B/A, A/B... so drift on this shared machine hits both sides alike; each figure is the
// median over the runs. Latency is taken per response from autocannon's 'response' event
// (hrtime, float ms), because autocannon's own histogram keeps whole milliseconds and only 2xx.

import { scenarioRequests } from "./browser.ts";
import autocannon from "autocannon";
import path from "node:path";
import { REPO_ROOT } from "../node/core.ts";
import { benchScenarioInNode, quantile } from "./core.ts";
import { readScenarios, type BenchRequest, type ScenarioFile } from "./scenarios.ts";
import type { Peer, PeerStack } from "./peer.ts";
import { envoyHistogram, startEnvoy, startUpstream, type BenchEnvoy, type BenchTarget } from "./stack.ts";

// get_browser is get_query's requests with a browser's headers (browser.ts), made here rather
// than stored in scenarios.json. The benign ones are what the profiles and `make ab-envoy` drive:
// each request answered 200.
export const BENIGN_ENVOY_SCENARIOS = ["get_query", "get_browser", "post_form_1k", "post_json_16k"] as const;
export const ENVOY_SCENARIOS = [...BENIGN_ENVOY_SCENARIOS, "attack_mix_10"] as const;

export interface RunStats { rps: number; p50_us: number; p99_us: number; cpu_us_per_req: number; envoy_cpu_util: number; unexpected: number; errors: number; requests: number }
export interface VariantStats { rps: number; p50_us: number; p99_us: number; cpu_us_per_req: number; envoy_cpu_util: number; unexpected: number; errors: number; runs: RunStats[] }
// What scoring one request costs: inside Envoy's V8 (the filter's wafscore_scoring_time_us
// histogram over every request of the scenario's runs) and in Node for the same parts.
export interface ScoringTime { envoy_p50_us: number; envoy_p99_us: number; node_p50_us: number; node_p99_us: number; node_cold_p50_us: number }
// Latency with one connection: no request waits behind another in Envoy's one worker, so the
// added latency is the filter's own time on the request path.
export interface SingleConnection {
  baseline_p50_us: number; null_wasm_p50_us: number; wafscore_p50_us: number; p50_added_us: number; p50_added_over_null_us: number;
  baseline_p99_us: number; wafscore_p99_us: number; p99_added_us: number;
  p50_us_by_round: { baseline: number[]; null_wasm: number[]; wafscore: number[] };
}
// A peer WAF driven with the same requests in the same rounds (peer.ts): its proxy without and with the WAF.
export interface PeerResult { baseline: VariantStats; waf: VariantStats; cpu_added_us_per_req: number }
export interface ScenarioResult {
  scenario: string;
  scoring: ScoringTime;
  single_connection?: SingleConnection;
  baseline: VariantStats;
  null_wasm: VariantStats;  // a filter that does nothing (loadtest/nullfilter): any wasm filter's cost
  wafscore: VariantStats;
  rps_ratio: number;
  p50_added_us: number;
  p99_added_us: number;
  cpu_added_us_per_req: number;
  cpu_added_us_per_req_over_null: number; // what wafscore's own work costs Envoy, per request
  peers?: Record<string, PeerResult>;
}

export interface EnvoyBenchOptions { connections: number; seconds: number; rounds: number; warmupSeconds: number }

/** The load generator's connections when BENCH_CONNECTIONS is not set. */
export const DEFAULT_CONNECTIONS = 4;

export function envoyOptionsFromEnv(): EnvoyBenchOptions {
  return {
    connections: Number(process.env.BENCH_CONNECTIONS ?? DEFAULT_CONNECTIONS),
    seconds: Number(process.env.BENCH_SECONDS ?? 5),
    rounds: Number(process.env.BENCH_ROUNDS ?? 3),
    warmupSeconds: Number(process.env.BENCH_WARMUP_SECONDS ?? 1),
  };
}

/** One closed-loop autocannon run against `envoy`; requests cycle through `reqs` on every connection. */
export async function drive(envoy: BenchTarget, reqs: BenchRequest[], seconds: number, connections: number, amount?: number): Promise<RunStats> {
  const lat: number[] = [];
  let unexpected = 0;
  const cpu0 = envoy.cpuMicros();
  const t0 = process.hrtime.bigint();
  // The callback form: autocannon's typings give the instance (for 'response') only with a callback.
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({
      url: envoy.url,
      connections,
      pipelining: 1,
      ...(amount ? { amount } : { duration: seconds }),
      // autocannon pairs each response with the request it sent; onResponse checks the status
      // the filter answered at generation time (scenarios.json `expect`).
      requests: reqs.map((r) => ({
        method: r.method, path: r.path, headers: r.headers, body: r.body,
        onResponse: (status: number) => {
          if (status === r.expect) return;
          unexpected++;
          if (process.env.BENCH_DEBUG) console.error(`unexpected ${status} for ${r.kind} ${r.method} ${r.path.slice(0, 120)} (${r.body?.length ?? 0} B)`);
        },
      })),
    }, (err, res) => (err ? reject(err) : resolve(res)));
    instance.on("response", (_client: unknown, _status: number, _bytes: number, ms: number) => {
      lat.push(ms * 1000);
    });
  });
  const wallUs = Number(process.hrtime.bigint() - t0) / 1000;
  const cpuUs = envoy.cpuMicros() - cpu0;
  const sorted = Float64Array.from(lat).sort();
  const n = sorted.length;
  return {
    rps: n / (wallUs / 1e6),
    p50_us: quantile(sorted, 0.5),
    p99_us: quantile(sorted, 0.99),
    cpu_us_per_req: n ? cpuUs / n : NaN,
    envoy_cpu_util: cpuUs / wallUs,
    unexpected,
    errors: result.errors + result.timeouts,
    requests: n,
  };
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const r1 = (x: number) => Math.round(x * 10) / 10;
const r3 = (x: number) => Math.round(x * 1000) / 1000;

function summarise(runs: RunStats[]): VariantStats {
  const m = (k: keyof RunStats) => r1(median(runs.map((r) => r[k])));
  return {
    rps: m("rps"), p50_us: m("p50_us"), p99_us: m("p99_us"), cpu_us_per_req: m("cpu_us_per_req"),
    envoy_cpu_util: r3(median(runs.map((r) => r.envoy_cpu_util))),
    unexpected: runs.reduce((a, r) => a + r.unexpected, 0),
    errors: runs.reduce((a, r) => a + r.errors, 0),
    runs: runs.map((r) => ({ ...r, rps: r1(r.rps), p50_us: r1(r.p50_us), p99_us: r1(r.p99_us), cpu_us_per_req: r1(r.cpu_us_per_req), envoy_cpu_util: r3(r.envoy_cpu_util) })),
  };
}

// Scenarios whose latency is also measured with one connection.
const SINGLE_CONNECTION_SCENARIOS = new Set(["post_form_1k"]);
// Scenarios the peers are driven with (issue 11's ratio is the 1 KiB form POST's).
export const PEER_SCENARIOS = new Set(["post_form_1k"]);

/** A peer that started, or why it did not (skipped, with the reason in the results). */
export type PeerOutcome = { name: string; info: Record<string, unknown> } | { name: string; skipped: string };

export async function benchEnvoy(file: ScenarioFile, opts: EnvoyBenchOptions, log: (s: string) => void = console.error, peers: Peer[] = [], outcomes: PeerOutcome[] = []): Promise<ScenarioResult[]> {
  const upstream = await startUpstream();
  const envoys: BenchEnvoy[] = [];
  const stacks: Array<[string, PeerStack]> = [];
  try {
    const base = await startEnvoy({ wasm: false, upstreamPort: upstream.port });
    envoys.push(base);
    const nul = await startEnvoy({ wasm: true, upstreamPort: upstream.port, wasmPath: path.join(REPO_ROOT, "build/null.wasm"), name: "null_wasm" });
    envoys.push(nul);
    for (const p of peers) {
      try {
        const st = await p.start(upstream.port);
        stacks.push([p.name, st]);
        outcomes.push({ name: p.name, info: st.info });
      } catch (e) {
        const why = `could not start: ${e instanceof Error ? e.message.split("\n").slice(0, 4).join(" / ") : e}`;
        log(`bench: peer ${p.name} skipped, ${why}`);
        outcomes.push({ name: p.name, skipped: why });
      }
    }
    const out: ScenarioResult[] = [];
    for (const name of ENVOY_SCENARIOS) {
      const reqs = scenarioRequests(file, name);
      // A fresh wafscore Envoy per scenario, so its scoring-time histogram holds this scenario only.
      const waf = await startEnvoy({ wasm: true, upstreamPort: upstream.port });
      envoys.push(waf);
      const peerStacks = PEER_SCENARIOS.has(name) ? stacks : [];
      for (const e of [base, nul, waf, ...peerStacks.flatMap(([, st]) => [st.base, st.waf])]) await drive(e, reqs, opts.warmupSeconds, opts.connections);
      const runs: Record<string, RunStats[]> = { baseline: [], null_wasm: [], wafscore: [] };
      const single: Record<string, RunStats[]> = { baseline: [], null_wasm: [], wafscore: [] };
      const peerRuns = new Map(peerStacks.map(([n]) => [n, { base: [] as RunStats[], waf: [] as RunStats[] }]));
      for (let round = 0; round < opts.rounds; round++) {
        // Rotate who goes first, so drift on a shared machine does not favour one side.
        const order = [[base, nul, waf], [waf, base, nul], [nul, waf, base]][round % 3];
        for (const e of order) {
          const s = await drive(e, reqs, opts.seconds, opts.connections);
          runs[e.name].push(s);
          log(`bench: ${name} ${e.name} round ${round + 1}/${opts.rounds}: ${s.rps.toFixed(0)} req/s, p50 ${s.p50_us.toFixed(0)} µs, p99 ${s.p99_us.toFixed(0)} µs, Envoy CPU ${(s.envoy_cpu_util * 100).toFixed(0)}%`);
        }
        // The peers in the same round, right after Envoy, their two sides in turn.
        for (const [pn, st] of peerStacks) {
          for (const [side, t] of (round % 2 ? [["waf", st.waf], ["base", st.base]] : [["base", st.base], ["waf", st.waf]]) as Array<["base" | "waf", BenchTarget]>) {
            const s = await drive(t, reqs, opts.seconds, opts.connections);
            peerRuns.get(pn)![side].push(s);
            log(`bench: ${name} peer ${t.name} round ${round + 1}/${opts.rounds}: ${s.rps.toFixed(0)} req/s, p50 ${s.p50_us.toFixed(0)} µs, CPU ${(s.envoy_cpu_util * 100).toFixed(0)}%, unexpected ${s.unexpected}`);
          }
        }
        if (SINGLE_CONNECTION_SCENARIOS.has(name)) {
          for (const e of [[base, nul, waf], [waf, base, nul], [nul, waf, base]][round % 3]) {
            const s = await drive(e, reqs, opts.seconds, 1);
            single[e.name].push(s);
            log(`bench: ${name} ${e.name} 1 connection round ${round + 1}/${opts.rounds}: p50 ${s.p50_us.toFixed(0)} µs, p99 ${s.p99_us.toFixed(0)} µs`);
          }
        }
      }
      // Let a stats flush (1 s in the bench's config) compute the histogram's quantiles.
      await new Promise((r) => setTimeout(r, 2500));
      const hist = await envoyHistogram(waf.adminUrl, "wafscore_scoring_time_us");
      await waf.stop();
      envoys.splice(envoys.indexOf(waf), 1);
      const node = await benchScenarioInNode(reqs, name.includes("16k") ? 3000 : 20000);
      const b = summarise(runs.baseline), n = summarise(runs.null_wasm), w = summarise(runs.wafscore);
      const result: ScenarioResult = {
        scenario: name,
        scoring: { envoy_p50_us: r1(hist?.p50 ?? NaN), envoy_p99_us: r1(hist?.p99 ?? NaN), node_p50_us: node.p50_us, node_p99_us: node.p99_us, node_cold_p50_us: node.cold_p50_us },
        baseline: b, null_wasm: n, wafscore: w,
        rps_ratio: r3(w.rps / b.rps),
        p50_added_us: r1(w.p50_us - b.p50_us),
        p99_added_us: r1(w.p99_us - b.p99_us),
        cpu_added_us_per_req: r1(w.cpu_us_per_req - b.cpu_us_per_req),
        cpu_added_us_per_req_over_null: r1(w.cpu_us_per_req - n.cpu_us_per_req),
      };
      if (single.baseline.length) {
        const sb = summarise(single.baseline), sn = summarise(single.null_wasm), sw = summarise(single.wafscore);
        const p50s = (rs: RunStats[]) => rs.map((r) => r1(r.p50_us));
        result.single_connection = {
          baseline_p50_us: sb.p50_us, null_wasm_p50_us: sn.p50_us, wafscore_p50_us: sw.p50_us,
          p50_added_us: r1(sw.p50_us - sb.p50_us), p50_added_over_null_us: r1(sw.p50_us - sn.p50_us),
          baseline_p99_us: sb.p99_us, wafscore_p99_us: sw.p99_us, p99_added_us: r1(sw.p99_us - sb.p99_us),
          p50_us_by_round: { baseline: p50s(single.baseline), null_wasm: p50s(single.null_wasm), wafscore: p50s(single.wafscore) },
        };
      }
      if (peerRuns.size) {
        result.peers = {};
        for (const [pn, pr] of peerRuns) {
          const pb = summarise(pr.base), pw = summarise(pr.waf);
          result.peers[pn] = { baseline: pb, waf: pw, cpu_added_us_per_req: r1(pw.cpu_us_per_req - pb.cpu_us_per_req) };
        }
      }
      log(`bench: ${name} scoring per request: Envoy's V8 p50 ${result.scoring.envoy_p50_us} µs p99 ${result.scoring.envoy_p99_us}; Node p50 ${node.p50_us} p99 ${node.p99_us}, with caches evicted p50 ${node.cold_p50_us}`);
      out.push(result);
    }
    return out;
  } finally {
    for (const e of envoys) await e.stop();
    for (const [, st] of stacks) await st.stop();
    await upstream.stop();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(REPO_ROOT, "loadtest/envoy.ts")) {
  const file = readScenarios();
  benchEnvoy(file, envoyOptionsFromEnv()).then((r) => console.log(JSON.stringify(r, null, 1)));
}
