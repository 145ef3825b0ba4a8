// Starts the CRS peer (nginx + ModSecurity + CRS at PL1 and PL2, envoy/peer-modsecurity/) in the
// foreground with its own prefix under build/, and stops it. Called by node/compare/main.ts.

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { REPO_ROOT } from "../core";

export const PEER_CONF_DIR = path.join(REPO_ROOT, "envoy/peer-modsecurity");
const STOP_GRACE_MS = 5000;

export interface Peer {
  pl1Port: number;
  pl2Port: number;
  runDir: string;
  /** Stops nginx (SIGTERM, then SIGKILL after a grace period); safe to call twice. */
  stop(): Promise<void>;
}

export interface PeerVersions { nginx: string; modsecurity_nginx: string; libmodsecurity: string; crs_package: string; crs: string }

/** Versions of what Debian installed, and the CRS version its rules declare. */
export function peerVersions(): PeerVersions {
  const v = (pkg: string) => spawnSync("dpkg-query", ["-W", "-f=${Version}", pkg], { encoding: "utf8" }).stdout.trim() || "(not installed)";
  let crs = "unknown";
  try {
    const init = readFileSync("/usr/share/modsecurity-crs/rules/REQUEST-901-INITIALIZATION.conf", "utf8");
    crs = /SecComponentSignature "OWASP_CRS\/([0-9.]+)"/.exec(init)?.[1] ?? "unknown";
  } catch { /* reported as unknown */ }
  return { nginx: v("nginx"), modsecurity_nginx: v("libnginx-mod-http-modsecurity"), libmodsecurity: v("libmodsecurity3"), crs_package: v("modsecurity-crs"), crs };
}

/** A port the kernel says is free now (it may be taken again before nginx binds it; start retries). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Whether something accepts connections on the loopback port now. */
export function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: "127.0.0.1", port });
    s.once("connect", () => { s.destroy(); resolve(true); });
    s.once("error", () => resolve(false));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Every nginx still running; SIGTERMed if this process exits without stop(). SIGKILL would
// leave the workers running, holding the ports: the master must get a signal it can act on.
const live = new Set<ChildProcess>();
process.on("exit", () => { for (const c of live) c.kill("SIGTERM"); });

/** A spawned nginx, watched: its output so far, whether it exited, and a stop that waits for it. */
export interface Supervised { output(): string; exited(): boolean; stop(): Promise<void> }

/** Watches a foreground nginx: collects its output, forgets it on exit, and stops it on SIGTERM
 *  (the master stops its workers), SIGKILL after STOP_GRACE_MS. Kills it if this process exits. */
export function superviseNginx(child: ChildProcess): Supervised {
  live.add(child);
  let out = "", exited = false;
  child.stdout!.on("data", (b: Buffer) => { out += b.toString(); });
  child.stderr!.on("data", (b: Buffer) => { out += b.toString(); });
  child.on("error", (e) => { out += `spawn nginx: ${e.message}\n`; });
  const done = new Promise<void>((resolve) => child.on("close", () => { exited = true; live.delete(child); resolve(); }));
  return {
    output: () => out,
    exited: () => exited,
    stop: async () => {
      if (exited) return;
      child.kill("SIGTERM");
      const t = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
      await done;
      clearTimeout(t);
    },
  };
}

export async function startPeer(runDir: string, timeoutMs = 20_000): Promise<Peer> {
  mkdirSync(runDir, { recursive: true });
  const [pl1Port, pl2Port, backendPort] = [await freePort(), await freePort(), await freePort()];
  const conf = path.join(runDir, "nginx.conf");
  const template = readFileSync(path.join(PEER_CONF_DIR, "nginx.template.conf"), "utf8");
  writeFileSync(conf, template
    .replaceAll("@PREFIX@", runDir).replaceAll("@CONF_DIR@", PEER_CONF_DIR)
    .replaceAll("@PL1_PORT@", String(pl1Port)).replaceAll("@PL2_PORT@", String(pl2Port))
    .replaceAll("@BACKEND_PORT@", String(backendPort)));

  // -e: the start-up error log too goes under runDir, not /var/log/nginx.
  const child = spawn("nginx", ["-p", runDir, "-c", conf, "-e", path.join(runDir, "error.log")], { stdio: ["ignore", "pipe", "pipe"] });
  const nginx = superviseNginx(child);
  const stop = nginx.stop;

  const deadline = Date.now() + timeoutMs;
  while (true) {
    if (nginx.exited()) throw new Error(`nginx exited before it was ready:\n${nginx.output()}${tailOf(path.join(runDir, "error.log"))}`);
    if (await canConnect(pl1Port) && await canConnect(pl2Port) && await canConnect(backendPort)) break;
    if (Date.now() > deadline) { await stop(); throw new Error(`nginx not ready in ${timeoutMs} ms:\n${nginx.output()}`); }
    await sleep(50);
  }
  return { pl1Port, pl2Port, runDir, stop };
}

function tailOf(file: string, lines = 20): string {
  try { return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n"); } catch { return ""; }
}
