// Starts the benchmark stacks: the sink upstream, and Envoy with or without the wasm filter, pinned with taskset.
// Called by loadtest/envoy.ts (make bench), loadtest/soak.ts (make soak) and loadtest/run.ts.
//
// Pinning: the caller runs under `taskset -c $BENCH_LOAD_CPU` (the Makefile does it), so the
// load generator and the upstream it spawns share that CPU; Envoy (main + one worker thread,
// --concurrency 1) gets $BENCH_ENVOY_CPU to itself. On a machine with fewer than 2 CPUs nothing is pinned.

import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { envoyBinary, REPO_ROOT } from "../test/e2e/harness.ts";
// @ts-expect-error: plain ESM module without type declarations
import { renderEnvoyConfig } from "../envoy/render.mjs";

export const ENVOY_CPU = process.env.BENCH_ENVOY_CPU ?? "0";
export const LOAD_CPU = process.env.BENCH_LOAD_CPU ?? "1";
// cpus(), not availableParallelism(): the latter honours our own taskset mask and would say 1.
export const PINNED = cpus().length >= 2 && existsSync("/usr/bin/taskset");

/** The plugin configuration the benchmark runs the filter with (the `make run` default). */
export const BENCH_PLUGIN_CONFIG = '{"mode":"block"}';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function collect(child: ChildProcess): () => string {
  let out = "";
  const add = (b: Buffer) => {
    out += b.toString("utf8");
    if (out.length > 1 << 20) out = out.slice(-(1 << 19));
  };
  child.stdout?.on("data", add);
  child.stderr?.on("data", add);
  return () => out;
}

const live = new Set<ChildProcess>();
process.on("exit", () => {
  for (const c of live) c.kill("SIGKILL");
});

async function stopChild(c: ChildProcess): Promise<void> {
  if (c.exitCode !== null || c.signalCode !== null) return;
  const done = new Promise((r) => c.once("close", r));
  c.kill("SIGTERM");
  const t = setTimeout(() => c.kill("SIGKILL"), 5000);
  await done;
  clearTimeout(t);
  live.delete(c);
}

export interface Upstream { port: number; pid: number; stop(): Promise<void> }

export async function startUpstream(): Promise<Upstream> {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, "loadtest/sink-upstream.mjs"), "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
  live.add(child);
  const logs = collect(child);
  for (let i = 0; i < 200; i++) {
    const m = /listening on [^\s]+:(\d+)/.exec(logs());
    if (m) return { port: Number(m[1]), pid: child.pid!, stop: () => stopChild(child) };
    await sleep(25);
  }
  await stopChild(child);
  throw new Error(`sink upstream did not start:\n${logs()}`);
}

export interface BenchEnvoy {
  name: string;
  url: string;
  adminUrl: string;
  pid: number;
  logs(): string;
  /** User + system CPU time of the Envoy process so far, in µs (from /proc/PID/stat). */
  cpuMicros(): number;
  /** Resident set size in bytes (from /proc/PID/status VmRSS). */
  rssBytes(): number;
  stop(): Promise<void>;
}

const CLK_TCK = 100; // USER_HZ on Linux; /proc/PID/stat reports ticks in it.

/** wasmPath/name: another filter build under the same config (the bench's do-nothing filter). */
export async function startEnvoy(opts: { wasm: boolean; upstreamPort: number; pluginConfig?: string; timeoutMs?: number; wasmPath?: string; name?: string }): Promise<BenchEnvoy> {
  const dir = mkdtempSync(path.join(tmpdir(), "wafscore-bench-"));
  const config = path.join(dir, "envoy.yaml");
  const addrFile = path.join(dir, "admin-address");
  const rendered = renderEnvoyConfig({
    listenPort: 0, adminPort: 0, upstreamPort: opts.upstreamPort,
    wasmPath: opts.wasmPath ?? path.join(REPO_ROOT, "build/wafscore.wasm"),
    pluginConfig: opts.pluginConfig ?? BENCH_PLUGIN_CONFIG,
    wasm: opts.wasm,
  });
  // Histogram quantiles are computed at each stats flush (5 s by default); the bench reads
  // wafscore_scoring_time_us right after a scenario.
  writeFileSync(config, rendered + "stats_flush_interval: 1s\n");
  const envoyArgs = ["-c", config, "--concurrency", "1", "--disable-hot-restart", "--admin-address-path", addrFile, "-l", "warning"];
  // taskset execs Envoy, so the pid is Envoy's.
  const child = PINNED
    ? spawn("taskset", ["-c", ENVOY_CPU, envoyBinary(), ...envoyArgs], { stdio: ["ignore", "pipe", "pipe"] })
    : spawn(envoyBinary(), envoyArgs, { stdio: ["ignore", "pipe", "pipe"] });
  live.add(child);
  const logs = collect(child);
  const stop = async () => {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`Envoy exited with ${child.exitCode}`);
      if (existsSync(addrFile)) {
        const addr = readFileSync(addrFile, "utf8").trim();
        if (addr) {
          const adminUrl = `http://${addr}`;
          const port = await listenerPort(adminUrl);
          if (port) {
            const pid = child.pid!;
            return {
              name: opts.name ?? (opts.wasm ? "wafscore" : "baseline"),
              url: `http://127.0.0.1:${port}`,
              adminUrl,
              pid,
              logs,
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
              stop,
            };
          }
        }
      }
      await sleep(50);
    }
    throw new Error("Envoy not ready in time");
  } catch (e) {
    const text = logs();
    await stop();
    throw new Error(`${(e as Error).message}\n--- envoy log (tail) ---\n${text.split("\n").slice(-30).join("\n")}`);
  }
}

async function listenerPort(adminUrl: string): Promise<number | null> {
  try {
    const ready = await fetch(`${adminUrl}/ready`, { signal: AbortSignal.timeout(2000) });
    if (ready.status !== 200 || (await ready.text()).trim() !== "LIVE") return null;
    const res = await fetch(`${adminUrl}/listeners?format=json`, { signal: AbortSignal.timeout(2000) });
    const doc = (await res.json()) as { listener_statuses?: { local_address?: { socket_address?: { port_value?: number } } }[] };
    return doc.listener_statuses?.[0]?.local_address?.socket_address?.port_value ?? null;
  } catch {
    return null;
  }
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
