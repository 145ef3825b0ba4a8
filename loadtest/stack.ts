// Starts the benchmark stacks through node/envoy.ts: the sink upstream, and Envoy with or without the
// wasm filter, pinned with taskset. Called by loadtest/envoy.ts, split.ts, soak.ts and scenarios.ts.
//
// Pinning: the caller runs under `taskset -c $BENCH_LOAD_CPU` (the Makefile does it), so the
// load generator and the upstream it spawns share that CPU; Envoy (main + one worker thread,
// --concurrency 1) gets $BENCH_ENVOY_CPU to itself. On a machine with fewer than 2 CPUs nothing is pinned.

import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import os, { cpus } from "node:os";
import { REPO_ROOT } from "../node/core.ts";
import { envoyBinary, startEnvoy as launchEnvoy, startUpstream as launchUpstream, type Upstream } from "../node/envoy.ts";

export const ENVOY_CPU = process.env.BENCH_ENVOY_CPU ?? "0";
export const LOAD_CPU = process.env.BENCH_LOAD_CPU ?? "1";
// cpus(), not availableParallelism(): the latter honours our own taskset mask and would say 1.
export const PINNED = cpus().length >= 2 && existsSync("/usr/bin/taskset");

/** What a results file says about the machine it was measured on (make bench, make bench-split). */
export function benchMachine() {
  let envoyVersion = "";
  try {
    envoyVersion = execFileSync(envoyBinary(), ["--version"], { encoding: "utf8" }).trim().split("\n").pop() ?? "";
  } catch { /* no Envoy binary: the version stays empty */ }
  return {
    cpu: os.cpus()[0]?.model ?? "unknown",
    cpus: os.cpus().length,
    mem_gib: Math.round(os.totalmem() / 2 ** 30),
    kernel: os.release(),
    node: process.version,
    envoy: envoyVersion.replace(/^.*version: /, ""),
    loadavg_at_start: os.loadavg().map((x) => Math.round(x * 100) / 100),
    pinning: PINNED ? `envoy on CPU ${ENVOY_CPU} (--concurrency 1); load generator + upstream on CPU ${LOAD_CPU}` : "none (fewer than 2 CPUs or no taskset)",
  };
}

/** The commit a results file was measured at, and whether tracked files (loadtest/results/ aside) had uncommitted changes. */
export function gitState(): { git: string; git_dirty: boolean } {
  return {
    git: execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: REPO_ROOT, encoding: "utf8" }).trim(),
    git_dirty: execFileSync("git", ["status", "--porcelain", "--untracked-files=no", "--", ".", ":!loadtest/results"], { cwd: REPO_ROOT, encoding: "utf8" }).trim() !== "",
  };
}

/** The plugin configuration the benchmark runs the filter with (the `make run` default). */
export const BENCH_PLUGIN_CONFIG = '{"mode":"block"}';

export type { Upstream };

/** The sink upstream (loadtest/sink-upstream.mjs): reads the body, answers 200 "ok". */
export function startUpstream(): Promise<Upstream> {
  return launchUpstream("loadtest/sink-upstream.mjs");
}

/** What the load generator drives and whose CPU it reads: an Envoy, or a peer's proxy (peer.ts). */
export interface BenchTarget {
  name: string;
  url: string;
  /** User + system CPU time of the proxy's processes so far, in µs (from /proc/PID/stat). */
  cpuMicros(): number;
}

export interface BenchEnvoy extends BenchTarget {
  adminUrl: string;
  pid: number;
  logs(): string;
  /** Resident set size in bytes (from /proc/PID/status VmRSS). */
  rssBytes(): number;
  stop(): Promise<void>;
}

const CLK_TCK = 100; // USER_HZ on Linux; /proc/PID/stat reports ticks in it.

/** wasmPath/name: another filter build under the same config (the bench's do-nothing filter). */
export async function startEnvoy(opts: { wasm: boolean; upstreamPort: number; pluginConfig?: string; timeoutMs?: number; wasmPath?: string; name?: string; wrapper?: string[]; extraYaml?: string }): Promise<BenchEnvoy> {
  const envoy = await launchEnvoy({
    upstreamPort: opts.upstreamPort,
    pluginConfig: opts.pluginConfig ?? BENCH_PLUGIN_CONFIG,
    wasm: opts.wasm,
    wasmPath: opts.wasmPath,
    logLevel: "warning",
    cpu: PINNED ? ENVOY_CPU : undefined,
    // Histogram quantiles are computed at each stats flush (5 s by default); the bench reads
    // wafscore_scoring_time_us right after a scenario.
    extraYaml: opts.extraYaml ?? "stats_flush_interval: 1s",
    timeoutMs: opts.timeoutMs ?? 30_000,
    wrapper: opts.wrapper,
  });
  const pid = envoy.pid;
  return {
    name: opts.name ?? (opts.wasm ? "wafscore" : "baseline"),
    url: envoy.url,
    adminUrl: envoy.adminUrl,
    pid,
    logs: envoy.logs,
    cpuMicros: () => {
      // Fields after the ")" of comm: state is [0], utime [11], stime [12].
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return ((Number(f[11]) + Number(f[12])) * 1e6) / CLK_TCK;
    },
    rssBytes: () => {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      return m ? Number(m[1]) * 1024 : NaN;
    },
    stop: envoy.stop,
  };
}

/** Envoy's /memory (tcmalloc) figures, in bytes. */
export async function envoyMemory(adminUrl: string): Promise<{ allocated: number; heapSize: number }> {
  const doc = (await (await fetch(`${adminUrl}/memory`)).json()) as Record<string, string>;
  return { allocated: Number(doc.allocated), heapSize: Number(doc.heap_size) };
}

/** A histogram's cumulative quantiles (since Envoy started) from admin /stats, as of the last stats flush. */
export async function envoyHistogram(adminUrl: string, name: string): Promise<Record<string, number> | null> {
  const text = await (await fetch(`${adminUrl}/stats?filter=${encodeURIComponent(name)}`)).text();
  const line = text.split("\n").find((l) => l.includes(`${name}:`)) ?? "";
  const out: Record<string, number> = {};
  for (const m of line.matchAll(/P([\d.]+)\(([^,]+),([^)]+)\)/g)) out[`p${m[1]}`] = Number(m[3]);
  return Object.keys(out).length ? out : null;
}

/** Envoy admin /stats as name → value (counters and gauges only). */
export async function envoyStats(adminUrl: string, filter = "wasm"): Promise<Record<string, number>> {
  const text = await (await fetch(`${adminUrl}/stats?filter=${encodeURIComponent(filter)}`)).text();
  const out: Record<string, number> = {};
  for (const line of text.split("\n")) {
    const m = /^([^:]+): (\d+)$/.exec(line);
    if (m) out[m[1]] = Number(m[2]);
  }
  return out;
}
