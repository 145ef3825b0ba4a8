// `make ab-envoy`: two filter builds side by side in Envoy, as `make ab` times two cores in Node.
// Each round starts a fresh Envoy for each build (pinned as `make bench` pins one) beside one that
// runs the do-nothing filter throughout; for each scenario the three are driven in turn, the order
// rotating round by round, so that a busy machine slows them alike. Prints, per scenario, the Envoy CPU µs
// per request each build adds over the do-nothing filter (median of the rounds, with the rounds'
// spread) and after ÷ before of that. Envoy's CPU time is what issue 11's ratios are made of, and a
// filter's time there parts from its time in Node: Envoy's own code runs between the filter's calls
// and leaves the caches and predictors cold (`make profile-envoy` PROFILE_ENVOY_SIM=1 counts that).
// Usage: tsx loadtest/ab-envoy.ts before.wasm after.wasm; AB_SCENARIOS=<regex> picks scenarios,
// AB_ROUNDS (10) and AB_SECONDS (2) size the runs; connections as in `make bench` (BENCH_CONNECTIONS).

import path from "node:path";
import { scenarioRequests } from "./browser.ts";
import { BENIGN_ENVOY_SCENARIOS, DEFAULT_CONNECTIONS, drive, median } from "./envoy.ts";
import { readScenarios } from "./scenarios.ts";
import { startEnvoy, startUpstream, type BenchEnvoy } from "./stack.ts";
import { NULL_FILTER, WAFSCORE } from "./steps.ts";

// Before each timed run, untimed: the Envoy's caches and the connections warm again after the
// other two ran.
const WARMUP_SECONDS = 0.5;

async function main(): Promise<void> {
  const [before, after] = process.argv.slice(2);
  if (!before || !after) { console.error("usage: tsx loadtest/ab-envoy.ts before.wasm after.wasm"); process.exit(2); }
  const scenarios = BENIGN_ENVOY_SCENARIOS.filter((s) => new RegExp(process.env.AB_SCENARIOS ?? ".").test(s));
  const rounds = Number(process.env.AB_ROUNDS ?? 10);
  const seconds = Number(process.env.AB_SECONDS ?? 2);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? DEFAULT_CONNECTIONS);
  const file = readScenarios();
  const upstream = await startUpstream();
  const added: Record<string, { before: number[]; after: number[]; ratio: number[] }> = {};
  for (const s of scenarios) added[s] = { before: [], after: [], ratio: [] };
  const nul = await startEnvoy({ ...NULL_FILTER, upstreamPort: upstream.port });
  let pair: BenchEnvoy[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      // Fresh Envoys each round: two Envoys running the same build differ by up to ~10% on a short
      // GET, run after run (an A/A comparison with one Envoy a side read 0.91), so that each round
      // draws its own.
      pair = [
        await startEnvoy({ ...WAFSCORE, wasmPath: path.resolve(before), name: "before", upstreamPort: upstream.port }),
        await startEnvoy({ ...WAFSCORE, wasmPath: path.resolve(after), name: "after", upstreamPort: upstream.port }),
      ];
      for (const scenario of scenarios) {
        const reqs = scenarioRequests(file, scenario);
        const cpu = new Map<string, number>();
        // The three back to back, the order rotating so that none always runs first.
        const order = [nul, ...pair];
        for (let i = 0; i < 3; i++) {
          const e = order[(i + round) % 3];
          await drive(e, reqs, WARMUP_SECONDS, connections);
          const r = await drive(e, reqs, seconds, connections);
          if (r.errors || r.unexpected) throw new Error(`ab-envoy: ${e.name}, ${scenario}: ${r.errors} errors, ${r.unexpected} unexpected statuses`);
          cpu.set(e.name, r.cpu_us_per_req);
        }
        const x = cpu.get("before")! - cpu.get(nul.name)!, y = cpu.get("after")! - cpu.get(nul.name)!;
        added[scenario].before.push(x);
        added[scenario].after.push(y);
        added[scenario].ratio.push(y / x);
      }
      for (const e of pair) await e.stop();
      pair = [];
      console.error(`ab-envoy: round ${round + 1}/${rounds}: ${scenarios.map((s) => `${s} ${added[s].ratio[round].toFixed(3)}`).join(", ")}`);
    }
  } finally {
    for (const e of pair) await e.stop();
    await nul.stop();
    await upstream.stop();
  }
  const r1 = (v: number) => Math.round(v * 10) / 10, r3 = (v: number) => Math.round(v * 1000) / 1000;
  console.log(`Envoy CPU µs per request over the do-nothing filter (median of ${rounds} rounds of ${seconds} s, fresh Envoys each round, ${connections} connections; min–max over rounds)`);
  console.log("");
  console.log("| scenario | before | after | after ÷ before (min–max) |");
  console.log("|---|---:|---:|---:|");
  for (const s of scenarios) {
    const a = added[s];
    console.log(`| ${s} | ${r1(median(a.before))} | ${r1(median(a.after))} | ${r3(median(a.ratio))} (${r3(Math.min(...a.ratio))}–${r3(Math.max(...a.ratio))}) |`);
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
