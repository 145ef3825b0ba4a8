// e2e harness: starts a real Envoy with build/wafscore.wasm in front of the echo upstream, and tears it down.
// Called by test/e2e/*.e2e.test.ts through startStack / startEnvoyExpectFailure.
//
// Ports default to 0: the kernel picks free ones, and the harness reads back
// what was bound (echo's first stdout line, Envoy's --admin-address-path file
// and admin /listeners). So stacks never collide with each other or with
// `make run` (10000/10001/9901).

import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
// @ts-expect-error: plain ESM module without type declarations
import { renderEnvoyConfig } from "../../envoy/render.mjs";

import { REPO_ROOT } from "../../models/wasm.ts";
export { REPO_ROOT };
const ECHO_SCRIPT = path.join(REPO_ROOT, "envoy/echo-upstream.mjs");
const MAX_LOG_CHARS = 4 * 1024 * 1024;

export interface StackOptions {
  /** Plugin configuration: an object is JSON-encoded, a string is passed as-is. */
  pluginConfig: object | string;
  /** Ports on 127.0.0.1; 0 or absent = pick a free one. */
  envoyPort?: number;
  adminPort?: number;
  upstreamPort?: number;
  /** Defaults to $WAFSCORE_WASM or build/wafscore.wasm. */
  wasmPath?: string;
  /** Envoy -l level (default "info"). */
  logLevel?: string;
  /** Give up waiting for readiness / exit after this many ms (default 20000). */
  timeoutMs?: number;
  /** A last edit to the rendered Envoy config, for settings the template fixes (e.g. failure_policy). */
  editConfig?: (yaml: string) => string;
}

export interface Stack {
  /** Downstream base URL, e.g. http://127.0.0.1:40123 (no trailing slash). */
  url: string;
  adminUrl: string;
  upstreamUrl: string;
  /** Envoy's log so far (stdout + stderr). */
  logs(): string;
  /** The echo upstream's output so far. */
  upstreamLogs(): string;
  /** Stops Envoy and the upstream; safe to call twice. */
  stop(): Promise<void>;
}

export interface EnvoyFailure {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  logs: string;
}

export class StackError extends Error {
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
  throw new Error("harness: no Envoy binary; run `make envoy` (or set WAFSCORE_ENVOY)");
}

function wasmPathOf(opts: StackOptions): string {
  const p = path.resolve(REPO_ROOT, opts.wasmPath ?? process.env.WAFSCORE_WASM ?? "build/wafscore.wasm");
  if (!existsSync(p)) throw new Error(`harness: ${p} not found; run \`make build\``);
  return p;
}

// ---- child processes --------------------------------------------------------

class Proc {
  readonly child: ChildProcess;
  private out = "";
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  exitInfo: { code: number | null; signal: NodeJS.Signals | null } | null = null;

  constructor(cmd: string, args: string[], cwd: string) {
    this.child = spawn(cmd, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    const append = (b: Buffer) => {
      this.out += b.toString("utf8");
      if (this.out.length > MAX_LOG_CHARS) this.out = this.out.slice(this.out.length - MAX_LOG_CHARS / 2);
    };
    this.child.stdout!.on("data", append);
    this.child.stderr!.on("data", append);
    this.exited = new Promise((resolve) => {
      this.child.on("error", (e) => {
        this.out += `\n[harness] spawn ${cmd} failed: ${e.message}\n`;
      });
      this.child.on("close", (code, signal) => {
        this.exitInfo = { code, signal };
        resolve(this.exitInfo);
      });
    });
    live.add(this);
    void this.exited.then(() => live.delete(this));
  }

  logs(): string {
    return this.out;
  }

  async stop(graceMs = 5000): Promise<void> {
    if (this.exitInfo) return;
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

// Every child still running; killed if the test process exits without stop().
const live = new Set<Proc>();
process.on("exit", () => {
  for (const p of live) p.child.kill("SIGKILL");
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startEcho(port: number, deadline: number): Promise<{ proc: Proc; port: number }> {
  const proc = new Proc(process.execPath, [ECHO_SCRIPT, "--port", String(port)], REPO_ROOT);
  while (Date.now() < deadline) {
    const m = /echo-upstream listening on [^\s]+:(\d+)/.exec(proc.logs());
    if (m) return { proc, port: Number(m[1]) };
    if (proc.exitInfo) break;
    await sleep(20);
  }
  await proc.stop();
  throw new Error(`harness: echo upstream did not start:\n${proc.logs()}`);
}

async function get(url: string): Promise<{ status: number; text: string } | null> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return { status: res.status, text: await res.text() };
  } catch {
    return null;
  }
}

interface Launched {
  proc: Proc;
  dir: string;
  adminAddressFile: string;
}

function launchEnvoy(opts: StackOptions, upstreamPort: number): Launched {
  const dir = mkdtempSync(path.join(tmpdir(), "wafscore-e2e-"));
  const configPath = path.join(dir, "envoy.yaml");
  const adminAddressFile = path.join(dir, "admin-address");
  const yaml = renderEnvoyConfig({
    listenPort: opts.envoyPort ?? 0,
    adminPort: opts.adminPort ?? 0,
    upstreamPort,
    wasmPath: wasmPathOf(opts),
    pluginConfig: opts.pluginConfig,
  });
  writeFileSync(configPath, opts.editConfig ? opts.editConfig(yaml) : yaml);
  const args = [
    "-c", configPath,
    "--concurrency", "1",
    // No hot-restart shared memory or domain sockets, so any number of Envoys
    // coexist without coordinating --base-id values across test workers.
    "--disable-hot-restart",
    "--admin-address-path", adminAddressFile,
    "-l", opts.logLevel ?? "info",
  ];
  return { proc: new Proc(envoyBinary(), args, REPO_ROOT), dir, adminAddressFile };
}

/**
 * Starts echo upstream + Envoy and resolves once admin /ready says LIVE and the
 * listener answers. Rejects with a StackError carrying Envoy's log if Envoy
 * exits first (e.g. a refused plugin config) or does not get ready in time.
 * Nothing is left running when it rejects.
 */
export async function startStack(opts: StackOptions): Promise<Stack> {
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  const echo = await startEcho(opts.upstreamPort ?? 0, deadline);
  let envoy: Launched | null = null;
  const stopAll = async () => {
    await Promise.all([envoy?.proc.stop(), echo.proc.stop()]);
    if (envoy) rmSync(envoy.dir, { recursive: true, force: true });
  };
  try {
    envoy = launchEnvoy(opts, echo.port);
    const proc = envoy.proc;
    let adminUrl = "";
    let url = "";
    while (!url) {
      if (proc.exitInfo) {
        throw new StackError(`harness: Envoy exited (code ${proc.exitInfo.code}, signal ${proc.exitInfo.signal}) before it was ready`, proc.logs());
      }
      if (Date.now() > deadline) throw new StackError("harness: Envoy not ready in time", proc.logs());
      if (!adminUrl && existsSync(envoy.adminAddressFile)) {
        const addr = readFileSync(envoy.adminAddressFile, "utf8").trim();
        if (addr) adminUrl = `http://${addr}`;
      }
      if (adminUrl) {
        const ready = await get(`${adminUrl}/ready`);
        if (ready?.status === 200 && ready.text.trim() === "LIVE") {
          const listeners = await get(`${adminUrl}/listeners?format=json`);
          const port = listeners && listenerPort(listeners.text);
          if (port) {
            const probe = await get(`http://127.0.0.1:${port}/__harness_ready`);
            if (probe) url = `http://127.0.0.1:${port}`;
          }
        }
      }
      if (!url) await sleep(50);
    }
    return {
      url,
      adminUrl,
      upstreamUrl: `http://127.0.0.1:${echo.port}`,
      logs: () => proc.logs(),
      upstreamLogs: () => echo.proc.logs(),
      stop: stopAll,
    };
  } catch (e) {
    await stopAll();
    throw e;
  }
}

function listenerPort(json: string): number | null {
  try {
    const doc = JSON.parse(json) as { listener_statuses?: { local_address?: { socket_address?: { port_value?: number } } }[] };
    return doc.listener_statuses?.[0]?.local_address?.socket_address?.port_value ?? null;
  } catch {
    return null;
  }
}

/**
 * Starts Envoy with a config it is expected to refuse (e.g. a plugin
 * configuration onConfigure rejects) and resolves with its exit status and log.
 * Envoy 1.40 with a static listener exits with code 1 and logs
 * "Unable to create Wasm plugin <name>". Rejects if Envoy gets ready instead.
 */
export async function startEnvoyExpectFailure(opts: StackOptions): Promise<EnvoyFailure> {
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  // Envoy never connects upstream here; port 1 is a placeholder.
  const envoy = launchEnvoy(opts, 1);
  try {
    while (!envoy.proc.exitInfo) {
      if (Date.now() > deadline) throw new StackError("harness: Envoy neither failed nor exited in time", envoy.proc.logs());
      if (existsSync(envoy.adminAddressFile)) {
        const addr = readFileSync(envoy.adminAddressFile, "utf8").trim();
        const ready = addr ? await get(`http://${addr}/ready`) : null;
        if (ready?.status === 200 && ready.text.trim() === "LIVE") {
          throw new StackError("harness: Envoy accepted the config (expected a failure)", envoy.proc.logs());
        }
      }
      await sleep(50);
    }
    const { code, signal } = envoy.proc.exitInfo;
    return { exitCode: code, signal, logs: envoy.proc.logs() };
  } finally {
    await envoy.proc.stop();
    rmSync(envoy.dir, { recursive: true, force: true });
  }
}

/** The JSON the echo upstream answers with. */
export interface Echo {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  body_bytes: number;
}
