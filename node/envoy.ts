// The one Envoy launcher: finds the binary, renders envoy/envoy.template.yaml, starts Envoy and the
// Node upstream in front of it, waits until both serve, stops them. Used by test/e2e, loadtest/, node/compare.
//
// Ports default to 0: the kernel picks free ones, and the launcher reads back what was bound
// (the upstream's first stdout line, Envoy's --admin-address-path file and admin /listeners).
// So Envoys never collide with each other or with `make run` (10000/10001/9901).

import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { renderEnvoyConfig } from "../envoy/render.mjs";
import { REPO_ROOT } from "./core.ts";

const MAX_LOG_CHARS = 4 * 1024 * 1024;
const STOP_GRACE_MS = 5000;

export interface EnvoyOptions {
  /** The upstream Envoy forwards to, on 127.0.0.1. */
  upstreamPort: number;
  /** Plugin configuration: an object is JSON-encoded, a string is passed as-is. */
  pluginConfig: object | string;
  /** false renders the same config without the wasm filter (the bench's baseline). Default true. */
  wasm?: boolean;
  /** Filter build, relative to the repo root; defaults to $WAFSCORE_WASM or build/wafscore.wasm. */
  wasmPath?: string;
  /** Ports on 127.0.0.1; 0 or absent = pick a free one. */
  listenPort?: number;
  adminPort?: number;
  /** Envoy -l level (default "info"). */
  logLevel?: string;
  /** Pin Envoy to this CPU list with `taskset -c` (taskset execs Envoy, so pid stays Envoy's). */
  cpu?: string;
  /** A command Envoy runs under (its arguments first, Envoy's command line appended), e.g.
   *  valgrind for `make profile-envoy`; the pid is then the wrapper's. */
  wrapper?: string[];
  /** YAML appended to the rendered config (top-level keys, e.g. "stats_flush_interval: 1s"). */
  extraYaml?: string;
  /** A last edit to the rendered config, for settings the template fixes (a test's own listener
   *  options, failure_policy); the demo's template stays as it is. */
  editConfig?: (yaml: string) => string;
  /** Before resolving, send one GET through the listener (the e2e harness wants a served request). */
  probe?: boolean;
  /** Give up waiting for readiness / exit after this many ms (default 20000). */
  timeoutMs?: number;
}

export interface Envoy {
  /** Downstream base URL, e.g. http://127.0.0.1:40123 (no trailing slash). */
  url: string;
  adminUrl: string;
  pid: number;
  /** Envoy's log so far (stdout + stderr). */
  logs(): string;
  /** Stops Envoy and removes its temporary config; safe to call twice. */
  stop(): Promise<void>;
}

export interface Upstream {
  port: number;
  url: string;
  pid: number;
  /** The upstream's output so far. */
  logs(): string;
  stop(): Promise<void>;
}

export interface EnvoyFailure {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  logs: string;
}

/** An error that carries Envoy's whole log; its message ends with the log's tail. */
export class EnvoyError extends Error {
  declare readonly logs: string;
  constructor(message: string, logs: string) {
    super(`${message}\n--- envoy log (tail) ---\n${tail(logs, 40)}`);
    // Non-enumerable, so printing the error shows the tail once, not the whole log.
    Object.defineProperty(this, "logs", { value: logs, enumerable: false });
  }
}

export function tail(text: string, lines: number): string {
  const all = text.split("\n");
  return all.slice(Math.max(0, all.length - lines)).join("\n");
}

/** The Envoy binary: $WAFSCORE_ENVOY, else what `make envoy` wrote to build/envoy-path. */
export function envoyBinary(): string {
  const fromEnv = process.env.WAFSCORE_ENVOY;
  if (fromEnv) return fromEnv;
  const file = path.join(REPO_ROOT, "build/envoy-path");
  if (existsSync(file)) {
    const bin = readFileSync(file, "utf8").trim();
    if (bin && existsSync(bin)) return bin;
  }
  throw new Error("envoy: no Envoy binary; run `make envoy` (or set WAFSCORE_ENVOY)");
}

function wasmPathOf(opts: EnvoyOptions): string {
  const p = path.resolve(REPO_ROOT, opts.wasmPath ?? process.env.WAFSCORE_WASM ?? "build/wafscore.wasm");
  // Without the filter the path is never read; do not demand a build for the baseline.
  if (opts.wasm !== false && !existsSync(p)) throw new Error(`envoy: ${p} not found; run \`make build\``);
  return p;
}

// ---- child processes --------------------------------------------------------

type ExitInfo = { code: number | null; signal: NodeJS.Signals | null };

class Proc {
  readonly child: ChildProcess;
  private out = "";
  readonly exited: Promise<ExitInfo>;
  exitInfo: ExitInfo | null = null;

  constructor(cmd: string, args: string[]) {
    this.child = spawn(cmd, args, { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] });
    const append = (b: Buffer) => {
      this.out += b.toString("utf8");
      if (this.out.length > MAX_LOG_CHARS) this.out = this.out.slice(this.out.length - MAX_LOG_CHARS / 2);
    };
    this.child.stdout?.on("data", append);
    this.child.stderr?.on("data", append);
    this.exited = new Promise((resolve) => {
      this.child.on("error", (e) => {
        this.out += `\n[envoy.ts] spawn ${cmd} failed: ${e.message}\n`;
      });
      this.child.on("close", (code, signal) => {
        this.exitInfo = { code, signal };
        resolve(this.exitInfo);
      });
    });
    live.add(this);
    void this.exited.then(() => live.delete(this));
  }

  /** The child's pid; spawn failures (no pid) surface as an exit before readiness. */
  get pid(): number {
    return this.child.pid ?? -1;
  }

  logs(): string {
    return this.out;
  }

  async stop(): Promise<void> {
    if (this.exitInfo) return;
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), STOP_GRACE_MS);
    await this.exited;
    clearTimeout(timer);
  }
}

// Every child still running; killed if this process exits without stop().
const live = new Set<Proc>();
process.on("exit", () => {
  for (const p of live) p.child.kill("SIGKILL");
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function get(url: string): Promise<{ status: number; text: string } | null> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return { status: res.status, text: await res.text() };
  } catch {
    return null;
  }
}

/**
 * Starts a plain Node HTTP server script with `--port 0` and resolves once its first stdout line
 * ("<name> listening on HOST:PORT") names the port: envoy/echo-upstream.mjs, loadtest/sink-upstream.mjs.
 */
export async function startUpstream(script: string, timeoutMs = 5000): Promise<Upstream> {
  const deadline = Date.now() + timeoutMs;
  const proc = new Proc(process.execPath, [path.resolve(REPO_ROOT, script), "--port", "0"]);
  while (Date.now() < deadline) {
    const m = /listening on [^\s]+:(\d+)/.exec(proc.logs());
    if (m) {
      const port = Number(m[1]);
      return { port, url: `http://127.0.0.1:${port}`, pid: proc.pid, logs: () => proc.logs(), stop: () => proc.stop() };
    }
    if (proc.exitInfo) break;
    await sleep(20);
  }
  await proc.stop();
  throw new Error(`envoy: upstream ${script} did not start:\n${proc.logs()}`);
}

interface Launched {
  proc: Proc;
  adminAddressFile: string;
  /** Stops Envoy, then removes its temporary directory. */
  stop(): Promise<void>;
}

function launch(opts: EnvoyOptions): Launched {
  const dir = mkdtempSync(path.join(tmpdir(), "wafscore-envoy-"));
  const configPath = path.join(dir, "envoy.yaml");
  const adminAddressFile = path.join(dir, "admin-address");
  const rendered = renderEnvoyConfig({
    listenPort: opts.listenPort ?? 0,
    adminPort: opts.adminPort ?? 0,
    upstreamPort: opts.upstreamPort,
    wasmPath: wasmPathOf(opts),
    pluginConfig: opts.pluginConfig,
    wasm: opts.wasm ?? true,
  });
  const yaml = rendered + (opts.extraYaml ? `${opts.extraYaml.trimEnd()}\n` : "");
  writeFileSync(configPath, opts.editConfig ? opts.editConfig(yaml) : yaml);
  const args = [
    "-c", configPath,
    "--concurrency", "1",
    // No hot-restart shared memory or domain sockets, so any number of Envoys
    // coexist without coordinating --base-id values.
    "--disable-hot-restart",
    "--admin-address-path", adminAddressFile,
    "-l", opts.logLevel ?? "info",
  ];
  const command = [...(opts.cpu ? ["taskset", "-c", opts.cpu] : []), ...(opts.wrapper ?? []), envoyBinary(), ...args];
  const proc = new Proc(command[0], command.slice(1));
  return {
    proc,
    adminAddressFile,
    stop: async () => {
      await proc.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function adminUrlOf(launched: Launched): string | null {
  if (!existsSync(launched.adminAddressFile)) return null;
  const addr = readFileSync(launched.adminAddressFile, "utf8").trim();
  return addr ? `http://${addr}` : null;
}

async function isLive(adminUrl: string): Promise<boolean> {
  const ready = await get(`${adminUrl}/ready`);
  return ready?.status === 200 && ready.text.trim() === "LIVE";
}

async function listenerPort(adminUrl: string): Promise<number | null> {
  const listeners = await get(`${adminUrl}/listeners?format=json`);
  if (!listeners) return null;
  try {
    const doc = JSON.parse(listeners.text) as { listener_statuses?: { local_address?: { socket_address?: { port_value?: number } } }[] };
    return doc.listener_statuses?.[0]?.local_address?.socket_address?.port_value ?? null;
  } catch {
    return null;
  }
}

/**
 * Starts Envoy and resolves once admin /ready says LIVE and the listener's port is known (and,
 * with `probe`, answers). Rejects with an EnvoyError carrying Envoy's log if Envoy exits first
 * (e.g. a refused plugin configuration) or is not ready in time; nothing is left running then.
 */
export async function startEnvoy(opts: EnvoyOptions): Promise<Envoy> {
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  const envoy = launch(opts);
  const proc = envoy.proc;
  try {
    let adminUrl: string | null = null;
    for (;;) {
      if (proc.exitInfo) {
        throw new EnvoyError(`Envoy exited (code ${proc.exitInfo.code}, signal ${proc.exitInfo.signal}) before it was ready`, proc.logs());
      }
      if (Date.now() > deadline) throw new EnvoyError("Envoy not ready in time", proc.logs());
      adminUrl ??= adminUrlOf(envoy);
      if (adminUrl && (await isLive(adminUrl))) {
        const port = await listenerPort(adminUrl);
        const url = `http://127.0.0.1:${port}`;
        if (port && (!opts.probe || (await get(`${url}/__envoy_ready`)))) {
          return { url, adminUrl, pid: proc.pid, logs: () => proc.logs(), stop: envoy.stop };
        }
      }
      await sleep(50);
    }
  } catch (e) {
    await envoy.stop();
    throw e;
  }
}

/**
 * Starts Envoy with a config it is expected to refuse (e.g. a plugin configuration
 * onConfigure rejects) and resolves with its exit status and log. Envoy 1.40 with a static
 * listener exits with code 1 and logs "Unable to create Wasm plugin <name>".
 * Rejects if Envoy gets ready instead.
 */
export async function startEnvoyExpectFailure(opts: EnvoyOptions): Promise<EnvoyFailure> {
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  const envoy = launch(opts);
  const proc = envoy.proc;
  try {
    while (!proc.exitInfo) {
      if (Date.now() > deadline) throw new EnvoyError("Envoy neither failed nor exited in time", proc.logs());
      const adminUrl = adminUrlOf(envoy);
      if (adminUrl && (await isLive(adminUrl))) {
        throw new EnvoyError("Envoy accepted the config (expected a failure)", proc.logs());
      }
      await sleep(50);
    }
    const { code, signal } = proc.exitInfo;
    return { exitCode: code, signal, logs: proc.logs() };
  } finally {
    await envoy.stop();
  }
}
