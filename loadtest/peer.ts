// The bench's peers: other WAFs driven with the same requests in the same run, each beside its own
// proxy without the WAF. Registered in bench.ts PEERS; started by envoy.ts benchEnvoy.
//
// modsecurity_pl1: nginx + ModSecurity v3 + OWASP CRS at paranoia level 1 (Debian's packages,
// installed by envoy/peer-modsecurity/ensure-peer.sh when missing), against the same nginx
// without the module. Two nginx instances (one worker each, pinned to Envoy's CPU), so each
// one's CPU per request is read from /proc like Envoy's: master plus workers.

import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../node/core.ts";
import { PEER_CONF_DIR, canConnect, freePort, peerVersions, superviseNginx } from "../node/compare/peer.ts";
import { ENVOY_CPU, PINNED, type BenchTarget } from "./stack.ts";

export interface PeerStack {
  /** The proxy without the WAF, and with it. */
  base: BenchTarget;
  waf: BenchTarget;
  info: Record<string, unknown>;
  stop(): Promise<void>;
}

export interface Peer {
  name: string;
  /** Null when the peer can run here, else why not (then the bench skips it and says so). */
  prepare(): string | null;
  start(upstreamPort: number): Promise<PeerStack>;
}

const CLK_TCK = 100;

/** utime + stime of a process, in µs; 0 once it is gone. */
function processCpuMicros(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(f[11]) + Number(f[12])) * 1e6) / CLK_TCK;
  } catch { return 0; }
}

/** A process's children (nginx's workers), from /proc/PID/task/PID/children or, without it, a scan of /proc. */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    const out: number[] = [];
    for (const p of spawnSync("ls", ["/proc"], { encoding: "utf8" }).stdout.split("\n")) {
      if (!/^\d+$/.test(p)) continue;
      try {
        const stat = readFileSync(`/proc/${p}/stat`, "utf8");
        if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid) out.push(Number(p));
      } catch { /* gone */ }
    }
    return out;
  }
}

/** One nginx in the foreground under build/bench-peer/<name>/, with or without ModSecurity + CRS PL1. */
async function startNginx(name: string, upstreamPort: number, modsecurity: boolean, timeoutMs = 20_000): Promise<BenchTarget & { stop(): Promise<void> }> {
  const dir = path.join(REPO_ROOT, "build/bench-peer", name);
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const conf = path.join(dir, "nginx.conf");
  writeFileSync(conf, readFileSync(path.join(REPO_ROOT, "loadtest/peer-nginx.template.conf"), "utf8")
    .replaceAll("@PREFIX@", dir).replaceAll("@PORT@", String(port)).replaceAll("@UPSTREAM_PORT@", String(upstreamPort))
    .replaceAll("@MODULE@", modsecurity ? "load_module /usr/lib/nginx/modules/ngx_http_modsecurity_module.so;" : "")
    .replaceAll("@MODSECURITY@", modsecurity ? `modsecurity on; modsecurity_rules_file ${PEER_CONF_DIR}/pl1.conf;` : ""));
  const args = ["-p", dir, "-c", conf, "-e", path.join(dir, "error.log")];
  // taskset execs nginx, so the pid is nginx's master; its worker inherits the CPU.
  const child = PINNED ? spawn("taskset", ["-c", ENVOY_CPU, "nginx", ...args], { stdio: ["ignore", "pipe", "pipe"] }) : spawn("nginx", args, { stdio: ["ignore", "pipe", "pipe"] });
  const nginx = superviseNginx(child);
  const stop = nginx.stop;
  const deadline = Date.now() + timeoutMs;
  while (!(await canConnect(port))) {
    if (nginx.exited() || Date.now() > deadline) {
      await stop();
      let log = "";
      try { log = readFileSync(path.join(dir, "error.log"), "utf8").split("\n").slice(-10).join("\n"); } catch { /* none */ }
      throw new Error(`nginx (${name}) did not start:\n${nginx.output()}${log}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const pid = child.pid!;
  return {
    name, url: `http://127.0.0.1:${port}`,
    cpuMicros: () => [pid, ...childrenOf(pid)].reduce((a, p) => a + processCpuMicros(p), 0),
    stop,
  };
}

export const modsecurityPl1: Peer = {
  name: "modsecurity_pl1",
  prepare() {
    // Installs the Debian packages when missing (as root, apt-get update first); fails with a reason otherwise.
    const r = spawnSync(path.join(PEER_CONF_DIR, "ensure-peer.sh"), { encoding: "utf8" });
    if (r.status !== 0) return `envoy/peer-modsecurity/ensure-peer.sh failed: ${(r.stderr || r.error?.message || "").trim().split("\n").slice(-3).join(" / ")}`;
    if (spawnSync("nginx", ["-v"]).status !== 0) return "nginx is not on the PATH";
    return null;
  },
  async start(upstreamPort) {
    const base = await startNginx("nginx", upstreamPort, false);
    let waf;
    try { waf = await startNginx("nginx_modsecurity_pl1", upstreamPort, true); } catch (e) { await base.stop(); throw e; }
    return {
      base, waf,
      info: { ...peerVersions(), workers: 1, paranoia_level: 1, rules: "envoy/peer-modsecurity/pl1.conf" },
      stop: async () => { await waf.stop(); await base.stop(); },
    };
  },
};
