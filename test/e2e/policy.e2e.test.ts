// e2e: per-route and per-class policy, trusted sources and streamed bodies in a real Envoy (the
// demo config): a route override and a class threshold act on real requests, a trusted hop's
// header, Envoy's source.address and an mTLS peer's SPIFFE ID skip scoring, and a gRPC body flows
// upstream before it is scored. Thresholds come from the core's scores for the same requests. Run by `make test` (e2e).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Core, loadCore } from "../support/core";
import { type Echo, type Stack, startStack, tail } from "./harness";

const CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
const SQLI = "/search?id=1%27%20OR%20%271%27%3D%271";
const XSS = "/search?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E";
const SECRET = "e2e-hop-secret-0123456789";
// Mild SQL-looking queries: one whose overall score is >= 2 with a sqli score < 99 is picked.
const MILD = ["q=select+name+from+users", "q=name+from+users+where", "sort=1+desc+limit+1", "q=1+and+1%3D1"];

interface Reply { status: number; text: string; headers: http.IncomingHttpHeaders }

/** One HTTP/1.1 request; `body` as pieces written 100 ms apart. */
function send(base: string, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string[] } = {}): Promise<Reply> {
  const url = new URL(base);
  const body = opts.body ?? [];
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path, method: opts.method ?? (body.length ? "POST" : "GET"), agent: false,
      headers: { "user-agent": CHROME, ...opts.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, text: Buffer.concat(chunks).toString("utf8"), headers: res.headers }));
      res.on("error", reject);
    });
    req.setTimeout(5000, () => req.destroy(new Error(`timeout: ${path}`)));
    req.on("error", reject);
    const write = (i: number) => {
      if (i >= body.length) { req.end(); return; }
      req.write(body[i]);
      setTimeout(() => write(i + 1), 100);
    };
    write(0);
  });
}

async function stat(s: Stack, name: string): Promise<number> {
  const text = await (await fetch(`${s.adminUrl}/stats?filter=wafscore`)).text();
  return Number(new RegExp(`^wasmcustom\\.${name.replace(/\./g, "\\.")}: (\\d+)$`, "m").exec(text)?.[1] ?? 0);
}

/** Waits up to waitMs for Envoy to write a log line (its log reaches us with a delay under load). */
async function envoyLog(s: Stack, re: RegExp, waitMs = 3000): Promise<boolean> {
  for (let i = 0; i < waitMs / 100; i++) {
    if (re.test(s.logs())) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

async function upstreamLine(s: Stack, re: RegExp, waitMs = 3000): Promise<string | undefined> {
  for (let i = 0; i < waitMs / 100; i++) {
    const hit = s.upstreamLogs().split("\n").find((l) => re.test(l));
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 100));
  }
  return undefined;
}

let core: Core;
let mild: { query: string; score: number; sqli: number };
const stacks: Stack[] = [];
let policy: Stack;
let byAddress: Stack;
let xffDefault: Stack;
let xffRemote: Stack;
const SPOOFED_RANGE = { trusted_sources: { cidrs: ["10.9.9.0/24"] } };
/** The demo config with the connection manager's use_remote_address: true. */
function useRemoteAddress(yaml: string): string {
  const out = yaml.replace(/^(\s+)stat_prefix: ingress_http\n/m, (m, indent: string) => `${m}${indent}use_remote_address: true\n`);
  if (out === yaml) throw new Error("the demo config has no stat_prefix: ingress_http line");
  return out;
}

beforeAll(async () => {
  core = await loadCore();
  const found = MILD.map((q) => ({ q, r: core.scoreParts([["path", "/search"], ["query", q]]) })).find(({ r }) => r.score >= 2 && r.classes.sqli < 99);
  if (!found) throw new Error("no mild SQL query with an overall score >= 2 and a sqli score < 99 for this model");
  mild = { query: found.q, score: found.r.score, sqli: found.r.classes.sqli };
  [policy, byAddress, xffDefault, xffRemote] = await Promise.all([
    startStack({
      pluginConfig: {
        // The overall score lets the mild query through; its sqli score blocks it.
        threshold: mild.score - 1,
        class_thresholds: { sqli: { threshold: mild.sqli }, xss: { action: "log" } },
        routes: [
          { path_prefix: "/reports/", mode: "log" },
          { host: "*.internal.example", class_thresholds: { xss: { action: "block" } } },
        ],
        trusted_sources: { header: { name: "x-trusted-hop", value: SECRET } },
      },
    }),
    // The client is 127.0.0.1: a range holding it trusts every request of this stack.
    startStack({ pluginConfig: { trusted_sources: { cidrs: ["127.0.0.0/8"] } } }),
    startStack({ pluginConfig: SPOOFED_RANGE }),
    startStack({ pluginConfig: SPOOFED_RANGE, editConfig: useRemoteAddress }),
  ]);
  stacks.push(policy, byAddress, xffDefault, xffRemote);
});

afterEach((ctx) => {
  if (ctx.task.result?.state === "fail") for (const s of stacks) console.error(`--- envoy log ---\n${tail(s.logs(), 80)}\n--- upstream ---\n${tail(s.upstreamLogs(), 20)}`);
});

afterAll(async () => {
  await Promise.all(stacks.map((s) => s.stop()));
});

describe("per-class thresholds", () => {
  it("block sqli at its class score: the mild query the overall threshold passes gets a 403", async () => {
    const before = await stat(policy, "wafscore_flagged_total.class.sqli.action.block");
    const r = await send(policy.url, `/search?${mild.query}`);
    expect(r.status).toBe(403);
    expect(await stat(policy, "wafscore_flagged_total.class.sqli.action.block")).toBe(before + 1);
  });

  it("only log xss: an xss attack reaches upstream, and the log line says action=log", async () => {
    const r = await send(policy.url, XSS, { headers: { "x-request-id": "e2e-xss-log" } });
    expect(r.status).toBe(200);
    expect((JSON.parse(r.text) as Echo).path).toBe(XSS);
    expect(await envoyLog(policy, /flagged action=log request_id=e2e-xss-log .*class=xss/)).toBe(true);
  });
});

describe("per-route overrides", () => {
  it("the top level blocks a SQLi; the /reports/ route (log mode) lets the same query through", async () => {
    expect((await send(policy.url, SQLI)).status).toBe(403);
    const r = await send(policy.url, `/reports${SQLI}`, { headers: { "x-request-id": "e2e-route-log" } });
    expect(r.status).toBe(200);
    expect(await envoyLog(policy, /flagged action=log request_id=e2e-route-log .*class=sqli/)).toBe(true);
  });

  it("a host route (*.internal.example, Host with a port) blocks the xss the top level only logs", async () => {
    expect((await send(policy.url, XSS, { headers: { host: "billing.internal.example:8080" } })).status).toBe(403);
    expect((await send(policy.url, XSS, { headers: { host: "internal.example" } })).status).toBe(200);
  });
});

describe("trusted sources", () => {
  it("the trusted hop's header skips scoring and is not passed upstream; a guessed value is scored and removed", async () => {
    const before = await stat(policy, "wafscore_requests_trusted_total");
    const ok = await send(policy.url, SQLI, { headers: { "x-trusted-hop": SECRET } });
    expect(ok.status).toBe(200);
    expect((JSON.parse(ok.text) as Echo).headers["x-trusted-hop"]).toBeUndefined();
    expect(await stat(policy, "wafscore_requests_trusted_total")).toBe(before + 1);
    expect((await send(policy.url, SQLI, { headers: { "x-trusted-hop": "guessed-guessed-guessed" } })).status).toBe(403);
    const clean = await send(policy.url, "/products?q=shoes", { headers: { "x-trusted-hop": "guessed-guessed-guessed" } });
    expect((JSON.parse(clean.text) as Echo).headers["x-trusted-hop"]).toBeUndefined();
  });

  it("Envoy's source.address (127.0.0.1:port here) parses and matches trusted_sources.cidrs", async () => {
    const r = await send(byAddress.url, SQLI);
    expect(r.status).toBe(200);
    expect(await stat(byAddress, "wafscore_requests_trusted_total")).toBeGreaterThanOrEqual(1);
    expect(await stat(byAddress, "wafscore_requests_scored_total")).toBe(0);
  });
});

describe("source.address and X-Forwarded-For (why the README says use_remote_address: true)", () => {
  it("Envoy's default (use_remote_address false) takes the last X-Forwarded-For entry as source.address: a client can claim a trusted range", async () => {
    expect((await send(xffDefault.url, SQLI)).status).toBe(403);
    expect((await send(xffDefault.url, SQLI, { headers: { "x-forwarded-for": "10.9.9.9" } })).status).toBe(200);
    expect((await send(xffDefault.url, SQLI, { headers: { "x-forwarded-for": "10.9.9.9, 192.0.2.1" } })).status).toBe(403);
  });

  it("with use_remote_address: true the peer's address counts, whatever the header says", async () => {
    expect((await send(xffRemote.url, SQLI, { headers: { "x-forwarded-for": "10.9.9.9" } })).status).toBe(403);
    expect(await stat(xffRemote, "wafscore_requests_trusted_total")).toBe(0);
  });
});

describe("trusted_sources.principals over mTLS", () => {
  const SCANNER = "spiffe://cluster.local/ns/ops/sa/scanner";
  const dir = mkdtempSync(path.join(tmpdir(), "wafscore-mtls-"));
  const file = (name: string) => path.join(dir, name);
  let mtls: Stack;
  let tlsPort = 0;

  /** An EC key and a certificate signed by the test CA, with the given subject and SAN. */
  function issue(name: string, subject: string, san: string): void {
    execFileSync("openssl", ["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", file(`${name}.key`),
      "-out", file(`${name}.csr`), "-subj", subject], { stdio: "pipe" });
    writeFileSync(file(`${name}.ext`), `subjectAltName=${san}\n`);
    execFileSync("openssl", ["x509", "-req", "-in", file(`${name}.csr`), "-CA", file("ca.crt"), "-CAkey", file("ca.key"), "-CAcreateserial",
      "-days", "1", "-out", file(`${name}.crt`), "-extfile", file(`${name}.ext`)], { stdio: "pipe" });
  }

  /** The demo config plus a second listener that requires a client certificate from the test CA. */
  function addTlsListener(yaml: string): string {
    const start = yaml.indexOf("    - name: wafscore_listener\n");
    const end = yaml.indexOf("\n  clusters:");
    if (start < 0 || end < 0) throw new Error("the demo config's listener block was not found");
    const tls = `        - transport_socket:
            name: envoy.transport_sockets.tls
            typed_config:
              "@type": type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext
              require_client_certificate: true
              common_tls_context:
                tls_certificates: [{ certificate_chain: { filename: ${JSON.stringify(file("server.crt"))} }, private_key: { filename: ${JSON.stringify(file("server.key"))} } }]
                validation_context: { trusted_ca: { filename: ${JSON.stringify(file("ca.crt"))} } }
          filters:
`;
    const copy = yaml.slice(start, end).replace("- name: wafscore_listener", "- name: wafscore_tls")
      .replace(/port_value: \d+/, "port_value: 0").replace("        - filters:\n", tls);
    return yaml.slice(0, end) + "\n" + copy + yaml.slice(end);
  }

  function get(cert: string, p: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = https.request({ host: "127.0.0.1", port: tlsPort, path: p, agent: false, ca: readFileSync(file("ca.crt")),
        cert: readFileSync(file(`${cert}.crt`)), key: readFileSync(file(`${cert}.key`)), headers: { "user-agent": CHROME } }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode!));
      });
      req.setTimeout(5000, () => req.destroy(new Error("timeout")));
      req.on("error", reject);
      req.end();
    });
  }

  beforeAll(async () => {
    execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", file("ca.key"),
      "-out", file("ca.crt"), "-days", "1", "-subj", "/CN=wafscore test CA"], { stdio: "pipe" });
    issue("server", "/CN=localhost", "IP:127.0.0.1");
    issue("scanner", "/CN=scanner", `URI:${SCANNER}`);
    issue("frontend", "/CN=frontend", "URI:spiffe://cluster.local/ns/web/sa/frontend");
    mtls = await startStack({ pluginConfig: { trusted_sources: { principals: [SCANNER] } }, editConfig: addTlsListener });
    stacks.push(mtls);
    const doc = await (await fetch(`${mtls.adminUrl}/listeners?format=json`)).json() as { listener_statuses: Array<{ name: string; local_address: { socket_address: { port_value: number } } }> };
    tlsPort = doc.listener_statuses.find((l) => l.name === "wafscore_tls")!.local_address.socket_address.port_value;
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("a peer whose URI SAN (connection.uri_san_peer_certificate) is trusted is not scored; another peer and plain HTTP are", async () => {
    expect(await get("scanner", SQLI)).toBe(200);
    expect(await stat(mtls, "wafscore_requests_trusted_total")).toBe(1);
    expect(await get("frontend", SQLI)).toBe(403);
    expect((await send(mtls.url, SQLI)).status).toBe(403);
    expect(await stat(mtls, "wafscore_requests_trusted_total")).toBe(1);
  });
});

describe("stream (application/grpc by default)", () => {
  it("the body flows upstream before it is scored; an attack in it is refused and the upstream request reset", async () => {
    const r = await send(policy.url, "/pkg.Tools/Ping", { headers: { "content-type": "application/grpc" }, body: ["count=3&host=%3Bcat%20", "%2Fetc%2Fpasswd"] });
    // Envoy answers a gRPC request's local 403 the gRPC way: HTTP 200, grpc-status 7 (PERMISSION_DENIED).
    expect([r.status, r.headers["grpc-status"]]).toEqual([200, "7"]);
    // Unlike a held body (hold_headers: false: "after 0 body bytes"), the first piece went on at once.
    const line = await upstreamLine(policy, /^aborted POST \/pkg\.Tools\/Ping /);
    expect(line).toMatch(/^aborted POST \/pkg\.Tools\/Ping after [1-9]\d* body bytes$/);
  });

  it("a clean streamed body reaches upstream whole", async () => {
    const r = await send(policy.url, "/pkg.Shop/Order", { headers: { "content-type": "application/grpc+proto" }, body: ["item=shoes&", "size=42"] });
    expect(r.status).toBe(200);
    expect((JSON.parse(r.text) as Echo).body).toBe("item=shoes&size=42");
  });
});
