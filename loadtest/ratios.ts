// Issue 11's measures: cost relative to Envoy itself, large bodies against JSON.parse, latency over
// the do-nothing filter and the CRS peer's cost, each round by round with its spread. Called by bench.ts.
//
// Every measure is computed per round from that round's runs (the sides of a round run back to
// back, so they share the machine's state), then reported as min / median / max over rounds.

import type { VsJsonParse } from "./core.ts";
import type { ScenarioResult } from "./envoy.ts";

export type Goal = { max: number } | { min: number };

export interface Measure {
  value: number | null;       // the median over rounds; null when it could not be measured
  min: number | null;
  max: number | null;
  spread_pct: number | null;  // (max - min) / |median|, in %
  rounds: number[];
  goal: string;
  ok: boolean | null;
  what: string;
  note?: string;              // why it is missing
}

export const SPREAD_WARN_PCT = 25;

// Names are the fields of latest.json (dotted: object, then key); goals are the issue's.
export const GOALS: Record<string, { goal: Goal; what: string }> = {
  "envoy.cpu_over_null_ratio_1k": { goal: { max: 0.15 }, what: "Envoy CPU/req wafscore adds over the do-nothing filter ÷ Envoy's own CPU/req, 1 KiB form POST" },
  "envoy.cpu_over_null_ratio_get": { goal: { max: 0.10 }, what: "same, short GET query" },
  "envoy.cpu_over_null_ratio_get_browser": { goal: { max: 0.10 }, what: "same, the short GET with the 16 headers Chrome sends (browser.ts; the short GET's goal)" },
  "envoy.cpu_over_null_ratio_16k": { goal: { max: 0.60 }, what: "same, 16 KiB JSON POST" },
  "core.vs_json_parse_16k": { goal: { max: 1.0 }, what: "scoring a 16 KiB benign JSON body in Node ÷ JSON.parse of its bytes (UTF-8 decode included)" },
  "core.vs_json_parse_128k": { goal: { max: 1.0 }, what: "same, 128 KiB" },
  "envoy.p50_added_over_null_us_1conn": { goal: { max: 30 }, what: "p50 µs wafscore adds over the do-nothing filter, 1 KiB POST, one connection" },
  "peers.modsecurity_pl1.cpu_ratio": { goal: { min: 20 }, what: "CPU/req ModSecurity+CRS PL1 adds to nginx ÷ CPU/req wafscore adds to Envoy (each over its proxy alone), 1 KiB form POST" },
};

const r3 = (x: number) => Math.round(x * 1000) / 1000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export function measure(name: string, rounds: number[], note?: string): Measure {
  const { goal, what } = GOALS[name];
  const goalText = "max" in goal ? `≤ ${goal.max}` : `≥ ${goal.min}`;
  const xs = rounds.filter((x) => Number.isFinite(x));
  if (!xs.length) return { value: null, min: null, max: null, spread_pct: null, rounds: [], goal: goalText, ok: null, what, note: note ?? "not measured" };
  const m = median(xs), lo = Math.min(...xs), hi = Math.max(...xs);
  return {
    value: r3(m), min: r3(lo), max: r3(hi),
    spread_pct: m === 0 ? null : Math.round(((hi - lo) / Math.abs(m)) * 1000) / 10,
    rounds: xs.map(r3), goal: goalText,
    ok: "max" in goal ? m <= goal.max : m >= goal.min,
    what,
  };
}

/** Per-round values of a scenario's measure: f(round index). */
function perRound(n: number, f: (i: number) => number): number[] {
  return Array.from({ length: n }, (_, i) => f(i));
}

export function issueMeasures(envoy: ScenarioResult[], vsJson: Record<string, VsJsonParse>, peerSkipped: Record<string, string>): Record<string, Measure> {
  const out: Record<string, Measure> = {};
  const sc = (name: string) => envoy.find((s) => s.scenario === name);
  const cpuOverNull = (s: ScenarioResult | undefined) => !s ? [] : perRound(s.wafscore.runs.length, (i) =>
    (s.wafscore.runs[i].cpu_us_per_req - s.null_wasm.runs[i].cpu_us_per_req) / s.baseline.runs[i].cpu_us_per_req);
  out["envoy.cpu_over_null_ratio_1k"] = measure("envoy.cpu_over_null_ratio_1k", cpuOverNull(sc("post_form_1k")));
  out["envoy.cpu_over_null_ratio_get"] = measure("envoy.cpu_over_null_ratio_get", cpuOverNull(sc("get_query")));
  out["envoy.cpu_over_null_ratio_get_browser"] = measure("envoy.cpu_over_null_ratio_get_browser", cpuOverNull(sc("get_browser")));
  out["envoy.cpu_over_null_ratio_16k"] = measure("envoy.cpu_over_null_ratio_16k", cpuOverNull(sc("post_json_16k")));
  out["core.vs_json_parse_16k"] = measure("core.vs_json_parse_16k", vsJson["16k"]?.ratio ?? []);
  out["core.vs_json_parse_128k"] = measure("core.vs_json_parse_128k", vsJson["128k"]?.ratio ?? []);
  const form = sc("post_form_1k");
  const single = form?.single_connection?.p50_us_by_round;
  out["envoy.p50_added_over_null_us_1conn"] = measure("envoy.p50_added_over_null_us_1conn",
    single ? perRound(single.wafscore.length, (i) => single.wafscore[i] - single.null_wasm[i]) : []);
  const peer = form?.peers?.modsecurity_pl1;
  out["peers.modsecurity_pl1.cpu_ratio"] = measure("peers.modsecurity_pl1.cpu_ratio", !form || !peer ? [] : perRound(peer.waf.runs.length, (i) =>
    (peer.waf.runs[i].cpu_us_per_req - peer.baseline.runs[i].cpu_us_per_req) / (form.wafscore.runs[i].cpu_us_per_req - form.baseline.runs[i].cpu_us_per_req)),
  peerSkipped.modsecurity_pl1 ? `peer skipped: ${peerSkipped.modsecurity_pl1}` : undefined);
  return out;
}

const fmt = (x: number | null) => (x === null ? "—" : String(x));

/** The table printed first by `make bench`, and the lines naming each spread over SPREAD_WARN_PCT. */
export function formatMeasures(ms: Record<string, Measure>, rounds: number): string {
  const lines = [
    `Issue 11 ratios (median over ${rounds} round${rounds === 1 ? "" : "s"}; min / max; goal)`,
    "| measure | value | min | max | spread | goal | |",
    "|---|---:|---:|---:|---:|---|---|",
  ];
  for (const [name, m] of Object.entries(ms)) {
    lines.push(`| ${name} | ${fmt(m.value)} | ${fmt(m.min)} | ${fmt(m.max)} | ${m.spread_pct === null ? "—" : `${m.spread_pct}%`} | ${m.goal} | ${m.ok === null ? "not measured" : m.ok ? "ok" : "MISSED"} |`);
  }
  for (const [name, m] of Object.entries(ms)) {
    if (m.note) lines.push(`${name}: ${m.note}`);
    if (m.spread_pct !== null && m.spread_pct > SPREAD_WARN_PCT) {
      lines.push(`SPREAD: ${name} varies by ${m.spread_pct}% over rounds (${m.min} to ${m.max}), over ${SPREAD_WARN_PCT}%: the machine was noisy, read it with care`);
    }
  }
  if (rounds < 3) lines.push(`(${rounds} round${rounds === 1 ? "" : "s"}: no spread to speak of; BENCH_ROUNDS=3 or more for a figure to quote)`);
  return lines.join("\n");
}
