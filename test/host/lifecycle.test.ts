// The filter's request lifecycle through the proxy-wasm host emulator: headers only, a body in
// chunks, trailers, oversize and compressed bodies, tunnels (CONNECT, upgrades), exclusions, modes and bad configuration.
// Asserts only what the ABI shows (statuses, local responses, header edits, logs, metrics); the
// same requests against real Envoy are in test/e2e/filter.e2e.test.ts. Run by `make test` (unit).
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { type Core, loadCore } from "../support/core";
import { type Bytes, Host, HostError, type HttpStream, type Pairs, ROOT_ID } from "./emulator";

// ---- requests -----------------------------------------------------------------------------------

const CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
const FORM = { "content-type": "application/x-www-form-urlencoded" };
const JSON_CT = { "content-type": "application/json" };
const SQLI_QUERY = "/search?id=1%27%20OR%20%271%27%3D%271";
const CLEAN_QUERY = "/products?q=running+shoes&page=2";
// Benign prose, as the e2e test uses (a long run of one letter is a known model weakness:
// KNOWN-DEVIATIONS model-fp-letter-run).
const PROSE = `comment=${"All good here, thanks for the fast shipping. ".repeat(100)}`;
const prose = (n: number, from = 0) => PROSE.slice(from, from + n);

let nextId = 0;
/** Request headers as Envoy hands them to a filter: pseudo-headers, then the client's, and the x-request-id Envoy adds. */
/** An x-request-id in `extra` is sent instead of the generated one (as Envoy keeps a trusted client's). */
function head(method: string, path: string, extra: Record<string, string | Uint8Array> = {}): { pairs: Pairs; rid: string } {
  const { "x-request-id": given, ...rest } = extra;
  const rid = typeof given === "string" ? given : `req-${++nextId}`;
  const h: Record<string, string | Uint8Array> = { "user-agent": CHROME, ...rest };
  return {
    rid,
    pairs: [[":authority", "shop.example"], [":path", path], [":method", method], [":scheme", "http"], ...Object.entries(h), ["x-request-id", rid]],
  };
}

interface Req {
  method?: string;
  path: string;
  headers?: Record<string, string | Uint8Array>;
  /** Body chunks; none means a headers-only request (end_of_stream on the headers). */
  chunks?: Bytes[];
  /** Sent after the chunks, which then end without end_of_stream (HTTP/2 with trailers). */
  trailers?: Pairs;
}

/** Drives one request through a new stream of `host` as Envoy would. */
function send(host: Host, r: Req): { s: HttpStream; rid: string } {
  const chunks = r.chunks ?? [];
  const { pairs, rid } = head(r.method ?? (chunks.length ? "POST" : "GET"), r.path, r.headers);
  const s = host.request();
  s.headers(pairs, chunks.length === 0 && !r.trailers);
  chunks.forEach((c, i) => s.body(c, i === chunks.length - 1 && !r.trailers));
  if (r.trailers) s.trailers(r.trailers);
  return { s, rid };
}

/**
 * Counter changes made by `fn`, keyed without the "wafscore_" prefix and "_total" suffix; a name's
 * labels (".class.sqli.action.block") as their values: "flagged{sqli,block}".
 */
function counterChanges<T>(host: Host, fn: () => T): { result: T; counters: Record<string, number> } {
  const key = (name: string) => {
    const [base, ...labels] = name.replace(/^wafscore_/, "").split(".");
    const values = labels.filter((_, i) => i % 2 === 1);
    return base.replace(/_total$/, "") + (values.length ? `{${values.join(",")}}` : "");
  };
  const snap = () => Object.fromEntries(Object.values(host.metrics()).filter((m) => m.type === "counter").map((m) => [key(m.name), m.value]));
  const before = snap();
  const result = fn();
  const after = snap();
  const counters: Record<string, number> = {};
  for (const [k, v] of Object.entries(after)) if (v !== (before[k] ?? 0)) counters[k] = v - (before[k] ?? 0);
  return { result, counters };
}

const SCORE_HEADERS = ["x-waf-attack-score", "x-waf-sqli-score", "x-waf-xss-score", "x-waf-rce-score"];

/** The x-waf-* headers that reached upstream, as name → value. */
function wafHeaders(s: HttpStream, prefix = "x-waf-"): Record<string, string> {
  return Object.fromEntries((s.upstream.headers ?? []).filter(([k]) => k.startsWith(prefix)));
}

interface Verdict { score: number; class: string; request_id: string }

/**
 * A flagged line's fields, logfmt-style: key=value, key="escaped value", and explain's
 * "a","b" list kept as written. Throws on a field given twice (a forged one would be).
 */
function logFields(line: string): Record<string, string> {
  expect(line.startsWith("flagged ")).toBe(true);
  const out: Record<string, string> = {};
  let i = "flagged ".length;
  const quoted = () => { // at a '"': the escaped string, unquoted
    let v = "";
    for (i++; i < line.length && line[i] !== '"'; i++) v += line[i] === "\\" ? line[++i] : line[i];
    i++;
    return v;
  };
  while (i < line.length) {
    const eq = line.indexOf("=", i);
    if (eq < 0) throw new Error(`no '=' after ${line.slice(i)}`);
    const key = line.slice(i, eq);
    expect(key, `a key in: ${line}`).toMatch(/^[a-z_]+$/);
    i = eq + 1;
    let v: string;
    if (line[i] === '"') {
      v = quoted();
      while (line[i] === "," && line[i + 1] === '"') { i++; v += `","${quoted()}`; }
    } else {
      const sp = line.indexOf(" ", i);
      v = line.slice(i, sp < 0 ? line.length : sp);
      i += v.length;
    }
    if (key in out) throw new Error(`field ${key} twice in: ${line}`);
    out[key] = v;
    if (line[i] === " ") i++;
    else if (i < line.length) throw new Error(`junk after ${key}= in: ${line}`);
  }
  return out;
}

/** The stream's one flagged line, as fields. */
function flagged(s: HttpStream): Record<string, string> {
  const lines = s.logs("info").filter((l) => l.startsWith("flagged "));
  expect(lines).toHaveLength(1);
  return logFields(lines[0]);
}

/**
 * Checks the local response is the filter's 403 (the request id only, or with the score and
 * class when `details`) and returns the verdict from the flagged line.
 */
function expectBlocked(s: HttpStream, rid: string, cls: string, details = false): Verdict {
  const lr = s.localResponse;
  expect(lr, "a local response").not.toBeNull();
  expect(lr!.fromHost).toBe(false);
  expect(lr!.status).toBe(403);
  expect(lr!.headers).toEqual([["content-type", "application/json"]]);
  expect(lr!.details).toBe("wafscore_blocked");
  // Nothing went upstream, and the flagged line names the request, the score and the class.
  expect(s.upstream.headers).toBeNull();
  expect(s.upstream.body.length).toBe(0);
  const f = flagged(s);
  expect(f).toMatchObject({ action: "block", request_id: rid, class: cls });
  const v = { score: Number(f.score), class: f.class, request_id: f.request_id };
  expect(v.score).toBeGreaterThanOrEqual(1);
  // Blocked by policy (uninspectable, undecodable), not by score: the score is whatever it was.
  if (cls !== "uninspectable" && cls !== "undecodable") expect(v.score).toBeLessThanOrEqual(20);
  const body = JSON.parse(lr!.bodyText) as Record<string, unknown>;
  expect(body).toEqual(details ? { error: "request blocked", score: v.score, class: cls, request_id: rid } : { error: "request blocked", request_id: rid });
  expect(Object.keys(body)).toEqual(details ? ["error", "score", "class", "request_id"] : ["error", "request_id"]);
  return v;
}

/** Checks the request went upstream with the four score headers (and x-waf-inspection when partial). */
function expectTagged(s: HttpStream, opts: { partial?: boolean; clean?: boolean } = {}): Record<string, string> {
  expect(s.localResponse).toBeNull();
  const tags = wafHeaders(s);
  expect(Object.keys(tags).sort()).toEqual([...SCORE_HEADERS, ...(opts.partial ? ["x-waf-inspection"] : [])].sort());
  for (const h of SCORE_HEADERS) expect(tags[h], h).toMatch(/^[1-9][0-9]?$/);
  if (opts.partial) expect(tags["x-waf-inspection"]).toBe("partial");
  if (opts.clean) expect(Number(tags["x-waf-attack-score"])).toBeGreaterThan(20);
  return tags;
}

// ---- hosts, one per configuration ----------------------------------------------------------------

const BLOCK = { mode: "block", max_body_bytes: 1024, exclude_paths: ["/static/"] };
const hosts = new Map<string, Host>();
async function hostFor(config: object | string): Promise<Host> {
  const key = typeof config === "string" ? `raw:${config}` : JSON.stringify(config);
  let h = hosts.get(key);
  if (!h) {
    h = await Host.create({ pluginConfig: config });
    expect(h.configured, `configure(${key}): ${h.messages("critical").join("; ")}`).toBe(true);
    hosts.set(key, h);
  }
  return h;
}

// ---- lifecycle -----------------------------------------------------------------------------------

interface LifecycleCase extends Req {
  name: string;
  statuses: string[];
  /** The sizes the body callbacks were passed (cumulative while buffering). */
  sizes?: number[];
  outcome: { block: string } | { tagged: "clean" | "partial" | "any" } | "untouched";
  counters: Record<string, number>;
  /** A substring of the flagged log line (e.g. the part's text, which proves the chunks were joined). */
  logged?: string;
}

const SPLIT_RCE = ["count=3&host=%3Bcat%20", "%2Fetc%2Fpasswd"];
/** The sizes Envoy passes while the filter buffers: each chunk added to what came before. */
const cumulative = (chunks: string[]) => chunks.map((_, i) => chunks.slice(0, i + 1).join("").length);
const LONG_SQLI = `q=1%27%20UNION%20SELECT%20password%20FROM%20users--&${prose(600)}`;

const LIFECYCLE: LifecycleCase[] = [
  {
    name: "headers-only GET, clean: decided on headers, continues with score headers",
    path: CLEAN_QUERY, statuses: ["headers:Continue"], outcome: { tagged: "clean" },
    counters: { requests_scored: 1, requests_tagged: 1 },
  },
  {
    name: "headers-only GET, SQLi in the query: 403 with a JSON verdict, headers stop",
    path: SQLI_QUERY, statuses: ["headers:StopIteration"], outcome: { block: "sqli" },
    counters: { requests_scored: 1, requests_flagged: 1, requests_blocked: 1, "flagged{sqli,block}": 1 },
    logged: "part=query:id text=\"1' OR '1'='1\"",
  },
  {
    name: "POST in three chunks, clean: buffered until end of stream, then tagged",
    path: "/checkout", headers: FORM, chunks: ["first=Sean&last=", "O%27Brien&comment=Please+select+", "express+delivery"],
    statuses: ["headers:StopIteration", "body:StopIterationAndBuffer", "body:StopIterationAndBuffer", "body:Continue"],
    sizes: cumulative(["first=Sean&last=", "O%27Brien&comment=Please+select+", "express+delivery"]), outcome: { tagged: "clean" },
    counters: { requests_scored: 1, requests_tagged: 1 },
  },
  {
    name: "command injection split across two chunks: the joined value is scored and blocked",
    path: "/tools/ping", headers: FORM, chunks: SPLIT_RCE,
    statuses: ["headers:StopIteration", "body:StopIterationAndBuffer", "body:StopIterationNoBuffer"],
    sizes: cumulative(SPLIT_RCE), outcome: { block: "rce" },
    counters: { requests_scored: 1, requests_flagged: 1, requests_blocked: 1, "flagged{rce,block}": 1 },
    logged: "part=body:form:host text=\";cat /etc/passwd\"",
  },
  {
    name: "body then trailers, no end_of_stream on the body, clean: decided on trailers",
    path: "/h2/form", headers: FORM, chunks: ["first=Sean&last=Murphy"], trailers: [["x-checksum", "c0ffee"]],
    statuses: ["headers:StopIteration", "body:StopIterationAndBuffer", "trailers:Continue"], sizes: [22],
    outcome: { tagged: "clean" }, counters: { requests_scored: 1, requests_tagged: 1 },
  },
  {
    name: "body then trailers, attack in the body: blocked on trailers",
    path: "/h2/ping", headers: FORM, chunks: ["host=%3Bcat%20", "%2Fetc%2Fpasswd"], trailers: [["x-checksum", "c0ffee"]],
    statuses: ["headers:StopIteration", "body:StopIterationAndBuffer", "body:StopIterationAndBuffer", "trailers:StopIteration"],
    outcome: { block: "rce" }, counters: { requests_scored: 1, requests_flagged: 1, requests_blocked: 1, "flagged{rce,block}": 1 },
  },
  {
    name: "trailers and no body at all: decided on trailers",
    path: CLEAN_QUERY, trailers: [["grpc-timeout", "1S"]],
    statuses: ["headers:StopIteration", "trailers:Continue"], outcome: { tagged: "clean" },
    counters: { requests_scored: 1, requests_tagged: 1 },
  },
  {
    name: "empty final chunk with end_of_stream: decided, not partial",
    path: "/ping", headers: FORM, chunks: [""], statuses: ["headers:StopIteration", "body:Continue"], sizes: [0],
    outcome: { tagged: "clean" }, counters: { requests_scored: 1, requests_tagged: 1 },
  },
  {
    name: "body over max_body_bytes: decided on the first 1024 bytes, partial, the rest streams on",
    path: "/review", headers: FORM, chunks: [prose(600), prose(600, 600), prose(600, 1200)],
    statuses: ["headers:StopIteration", "body:StopIterationAndBuffer", "body:Continue", "body:Continue"],
    // After the decision the buffer went upstream: the third call sees only its own chunk.
    sizes: [600, 1200, 600], outcome: { tagged: "partial" },
    counters: { requests_scored: 1, requests_tagged: 1, body_truncated: 1, body_uninspectable: 1 },
  },
  {
    name: "one chunk over max_body_bytes with end_of_stream: partial",
    path: "/review", headers: FORM, chunks: [prose(2000)], statuses: ["headers:StopIteration", "body:Continue"], sizes: [2000],
    outcome: { tagged: "partial" }, counters: { requests_scored: 1, requests_tagged: 1, body_truncated: 1, body_uninspectable: 1 },
  },
  {
    name: "exactly max_body_bytes with end_of_stream: inspected whole",
    path: "/review", headers: FORM, chunks: [prose(1000), prose(24, 1000)],
    statuses: ["headers:StopIteration", "body:StopIterationAndBuffer", "body:Continue"], sizes: [1000, 1024],
    outcome: { tagged: "clean" }, counters: { requests_scored: 1, requests_tagged: 1 },
  },
  {
    name: "attack in the first KiB of a long body: blocked on the prefix; later chunks never reach the filter",
    path: "/long", headers: FORM, chunks: [LONG_SQLI, prose(600, 600), prose(100)],
    statuses: ["headers:StopIteration", "body:StopIterationAndBuffer", "body:StopIterationNoBuffer", "body:not-delivered"],
    outcome: { block: "sqli" },
    counters: { requests_scored: 1, requests_flagged: 1, requests_blocked: 1, "flagged{sqli,block}": 1, body_truncated: 1, body_uninspectable: 1 },
    logged: "inspection=partial",
  },
  {
    name: "attack past max_body_bytes: not inspected, passes tagged partial (the documented limit)",
    path: "/long", headers: FORM, chunks: [prose(1100), "&q=1%27%20UNION%20SELECT%20password%20FROM%20users--"],
    statuses: ["headers:StopIteration", "body:Continue", "body:Continue"],
    outcome: { tagged: "partial" }, counters: { requests_scored: 1, requests_tagged: 1, body_truncated: 1, body_uninspectable: 1 },
  },
  {
    name: "exclude_paths: an attack under /static/ is not scored",
    path: "/static/app.js?id=1%27%20OR%20%271%27%3D%271", statuses: ["headers:Continue"], outcome: "untouched",
    counters: { requests_excluded: 1 },
  },
  {
    name: "exclude_paths with a body: decided on headers, the body is not buffered",
    path: "/static/upload", headers: FORM, chunks: ["a=%3Bcat%20%2Fetc%2Fpasswd", "&b=2"],
    statuses: ["headers:Continue", "body:Continue", "body:Continue"], sizes: [26, 4], outcome: "untouched",
    counters: { requests_excluded: 1 },
  },
  {
    name: "exclude_paths is matched on the normalized path: /static/../s is scored",
    path: "/static/../s?id=1%27%20OR%20%271%27%3D%271", statuses: ["headers:StopIteration"], outcome: { block: "sqli" },
    counters: { requests_scored: 1, requests_flagged: 1, requests_blocked: 1, "flagged{sqli,block}": 1 },
  },
  {
    name: "exclude_paths, encoded walk-around: /static/%2e%2e/s is scored",
    path: "/static/%2e%2e/s?id=1%27%20OR%20%271%27%3D%271", statuses: ["headers:StopIteration"], outcome: { block: "sqli" },
    counters: { requests_scored: 1, requests_flagged: 1, requests_blocked: 1, "flagged{sqli,block}": 1 },
  },
  {
    name: "exclude_paths, doubled slashes still excluded: //static//app.js",
    path: "//static//app.js?id=1%27%20OR%20%271%27%3D%271", statuses: ["headers:Continue"], outcome: "untouched",
    counters: { requests_excluded: 1 },
  },
  {
    name: "exclude_paths is a prefix of :path: /staticx is scored",
    path: "/staticx?id=1%27%20OR%20%271%27%3D%271", statuses: ["headers:StopIteration"], outcome: { block: "sqli" },
    counters: { requests_scored: 1, requests_flagged: 1, requests_blocked: 1, "flagged{sqli,block}": 1 },
  },
  {
    name: "Content-Encoding: gzip: the body is inflated and scored, clean",
    path: "/api/gz", headers: { ...JSON_CT, "content-encoding": "gzip" }, chunks: [gzipSync('{"comment":"hello"}')],
    statuses: ["headers:StopIteration", "body:Continue"], outcome: { tagged: "clean" },
    counters: { requests_scored: 1, requests_tagged: 1 },
  },
  {
    name: "Content-Encoding: gzip, in two chunks: an attack in the inflated body is blocked",
    path: "/api/gz", headers: { ...JSON_CT, "content-encoding": "gzip" },
    chunks: [gzipSync('{"comment":"<img src=x onerror=alert(1)>"}').subarray(0, 12), gzipSync('{"comment":"<img src=x onerror=alert(1)>"}').subarray(12)],
    statuses: ["headers:StopIteration", "body:StopIterationAndBuffer", "body:StopIterationNoBuffer"], outcome: { block: "xss" },
    counters: { requests_scored: 1, requests_flagged: 1, requests_blocked: 1, "flagged{xss,block}": 1 },
  },
  {
    name: "Content-Encoding: br (not decodable in the VM): blocked by on_undecodable's default",
    path: "/api/br", headers: { ...JSON_CT, "content-encoding": "br" }, chunks: ['{"comment":"hello"}'],
    statuses: ["headers:StopIteration", "body:StopIterationNoBuffer"], outcome: { block: "undecodable" },
    counters: { requests_scored: 1, requests_flagged: 1, requests_blocked: 1, "flagged{undecodable,block}": 1, body_undecodable: 1 },
  },
  {
    name: "Content-Encoding: gzip over a body that is not gzip: undecodable, blocked",
    path: "/api/gz", headers: { ...JSON_CT, "content-encoding": "gzip" }, chunks: ['{"q":"1 OR 1=1"}'],
    statuses: ["headers:StopIteration", "body:StopIterationNoBuffer"], outcome: { block: "undecodable" },
    counters: { requests_scored: 1, requests_flagged: 1, requests_blocked: 1, "flagged{undecodable,block}": 1, body_undecodable: 1 },
  },
  {
    name: "Content-Encoding: identity is inspected: an attack is blocked",
    path: "/api/comments", headers: { ...JSON_CT, "content-encoding": "identity" }, chunks: ['{"comment":"<img src=x onerror=alert(1)>"}'],
    statuses: ["headers:StopIteration", "body:StopIterationNoBuffer"], outcome: { block: "xss" },
    counters: { requests_scored: 1, requests_flagged: 1, requests_blocked: 1, "flagged{xss,block}": 1 },
  },
  // A tunnel's end_of_stream comes only when it closes: held for it, a CONNECT waited for a timeout.
  {
    name: "CONNECT: decided on headers, the tunnel's bytes flow on uninspected, partial",
    method: "CONNECT", path: "/", chunks: ["\x16\x03\x01 client hello", "GET / HTTP/1.1\r\n\r\n"],
    statuses: ["headers:Continue", "body:Continue", "body:Continue"], outcome: { tagged: "partial" },
    counters: { requests_scored: 1, requests_tagged: 1, body_truncated: 1, body_uninspectable: 1 },
  },
  {
    name: "WebSocket upgrade: decided on headers, frames flow on uninspected, partial",
    path: "/chat?room=1", headers: { connection: "Upgrade", upgrade: "websocket", "sec-websocket-version": "13" }, method: "GET",
    chunks: ["\x81\x05hello"], statuses: ["headers:Continue", "body:Continue"], outcome: { tagged: "partial" },
    counters: { requests_scored: 1, requests_tagged: 1, body_truncated: 1, body_uninspectable: 1 },
  },
  {
    name: "WebSocket upgrade with SQLi in the query: blocked on headers",
    path: SQLI_QUERY, headers: { connection: "keep-alive, Upgrade", upgrade: "websocket" }, method: "GET", chunks: ["\x81\x05hello"],
    statuses: ["headers:StopIteration", "body:not-delivered"], outcome: { block: "sqli" },
    counters: { requests_scored: 1, requests_flagged: 1, requests_blocked: 1, "flagged{sqli,block}": 1, body_truncated: 1, body_uninspectable: 1 },
  },
  {
    name: "Upgrade without Connection: upgrade is no tunnel: the body is buffered and inspected",
    path: "/tools/ping", headers: { ...FORM, upgrade: "websocket" }, chunks: SPLIT_RCE,
    statuses: ["headers:StopIteration", "body:StopIterationAndBuffer", "body:StopIterationNoBuffer"], outcome: { block: "rce" },
    counters: { requests_scored: 1, requests_flagged: 1, requests_blocked: 1, "flagged{rce,block}": 1 },
  },
];

describe("lifecycle (block mode, max_body_bytes 1024, exclude_paths /static/)", () => {
  let host: Host;
  beforeAll(async () => {
    host = await hostFor(BLOCK);
  });

  it.each(LIFECYCLE)("$name", (c) => {
    const { result: { s, rid }, counters } = counterChanges(host, () => send(host, c));
    expect(s.statuses).toEqual(c.statuses);
    if (c.sizes) expect(s.calls.filter((k) => k.callback === "body").map((k) => k.sizeBytes)).toEqual(c.sizes);
    expect(counters).toEqual(c.counters);
    if (c.outcome === "untouched") {
      expect(s.localResponse).toBeNull();
      expect(s.headerOps).toEqual([]);
      expect(s.logs()).toEqual([]);
    } else if ("block" in c.outcome) {
      expectBlocked(s, rid, c.outcome.block);
    } else {
      expectTagged(s, { partial: c.outcome.tagged === "partial", clean: c.outcome.tagged === "clean" });
      // Everything the client sent went upstream, unchanged.
      const sent = (c.chunks ?? []).map((b) => Buffer.from(b as Uint8Array | string));
      expect(Buffer.from(s.upstream.body).equals(Buffer.concat(sent))).toBe(true);
      if (c.trailers) expect(s.upstream.trailers).toEqual(c.trailers);
    }
    if (c.logged) expect(s.logs("info").join("\n")).toContain(c.logged);
    // The filter tags only while the headers are held, so no edit is ever refused.
    expect(s.headerOps.filter((o) => o.result !== 0)).toEqual([]);
  });

  it("records the scoring time of every scored request in a histogram (µs)", () => {
    const before = host.metrics().wafscore_scoring_time_us.values.length;
    send(host, { path: CLEAN_QUERY });
    send(host, { path: "/checkout", headers: FORM, chunks: ["a=1", "&b=2"] });
    send(host, { path: "/static/x" }); // excluded: not scored
    const values = host.metrics().wafscore_scoring_time_us.values.slice(before);
    expect(values).toHaveLength(2);
    for (const v of values) expect(v).toBeLessThan(1_000_000);
  });

  it("keeps two interleaved streams apart on one VM", () => {
    const a = host.request(), b = host.request();
    const ha = head("POST", "/checkout", FORM), hb = head("POST", "/tools/ping", FORM);
    expect(a.headers(ha.pairs)).toBe("StopIteration");
    expect(b.headers(hb.pairs)).toBe("StopIteration");
    expect(a.body("first=Sean&")).toBe("StopIterationAndBuffer");
    expect(b.body(SPLIT_RCE[0])).toBe("StopIterationAndBuffer");
    expect(a.body("last=Murphy", true)).toBe("Continue");
    expect(b.body(SPLIT_RCE[1], true)).toBe("StopIterationNoBuffer");
    expectTagged(a, { clean: true });
    expect(Buffer.from(a.upstream.body).toString()).toBe("first=Sean&last=Murphy");
    expectBlocked(b, hb.rid, "rce");
  });

  it("stops buffering at max_body_bytes, so Envoy's buffer limit (413) is not reached", async () => {
    // A listener limit just above max_body_bytes plus one read, as README advises.
    const h = await Host.create({ pluginConfig: BLOCK, bufferLimitBytes: 1024 + 512 });
    const s = h.request();
    s.headers(head("POST", "/upload", { "content-type": "text/plain" }).pairs);
    for (let i = 0; i < 8; i++) s.body(prose(512, 512 * i), i === 7);
    expect(s.localResponse).toBeNull();
    expect(s.upstream.body.length).toBe(8 * 512);
    expect(s.statuses).toEqual(["headers:StopIteration", "body:StopIterationAndBuffer", ...Array(7).fill("body:Continue")]);
    expectTagged(s, { partial: true });
  });

  it("runs on non-UTF-8 header bytes (an overlong apostrophe in the user-agent) without trapping", () => {
    const ua = new Uint8Array([...Buffer.from("Mozilla/5.0 x"), 0xc0, 0xa7, ...Buffer.from(" OR 1=1--")]);
    const { s } = send(host, { path: "/", headers: { "user-agent": ua } });
    expect(s.statuses).toHaveLength(1);
    expect(host.failed).toBeNull();
  });

  // The 403 must not pass 0 as proxy_send_local_response's grpc_status: Envoy maps 0..16 to a gRPC status
  // and 0 is OK, so a blocked gRPC call would reach its client as a trailers-only OK (Envoy's
  // context.cc: "SDKs use -1 (InvalidCode) as the default value if gRPC code is not set").
  it("a block does not tell a gRPC client OK (grpc_status is not 0)", () => {
    const { s } = send(host, { path: SQLI_QUERY, headers: { "content-type": "application/grpc" } });
    expect(s.localResponse?.status).toBe(403);
    expect(s.localResponse?.grpcStatus).not.toBe(0);
  });
});

// ---- modes ---------------------------------------------------------------------------------------

const MODES: Array<{ mode: string; attack: "block" | "tag" | "log"; counters: Record<string, number> }> = [
  { mode: "block", attack: "block", counters: { requests_scored: 1, requests_flagged: 1, requests_blocked: 1, "flagged{sqli,block}": 1 } },
  { mode: "tag", attack: "tag", counters: { requests_scored: 1, requests_flagged: 1, requests_tagged: 1, "flagged{sqli,tag}": 1 } },
  { mode: "log", attack: "log", counters: { requests_scored: 1, requests_flagged: 1, requests_logged: 1, "flagged{sqli,log}": 1 } },
];

describe("modes", () => {
  it.each(MODES)("$mode: an attack is handled ($attack) and logged, a clean request is not logged", async ({ mode, attack, counters }) => {
    const host = await hostFor({ mode });
    expect(host.messages("info")).toContain(`configured: mode ${mode}, threshold 20, max_body_bytes 131072`);
    const a = counterChanges(host, () => send(host, { path: SQLI_QUERY }));
    expect(a.counters).toEqual(counters);
    const { s, rid } = a.result;
    expect(s.logs("info").filter((l) => l.startsWith(`flagged action=${attack} request_id=${rid} `))).toHaveLength(1);
    if (attack === "block") expectBlocked(s, rid, "sqli");
    if (attack === "tag") {
      expect(s.statuses).toEqual(["headers:Continue"]);
      const tags = expectTagged(s);
      expect(Number(tags["x-waf-attack-score"])).toBeLessThanOrEqual(20);
      expect(Number(tags["x-waf-sqli-score"])).toBeLessThanOrEqual(20);
    }
    if (attack === "log") {
      expect(s.statuses).toEqual(["headers:Continue"]);
      expect(s.localResponse).toBeNull();
      expect(s.headerOps).toEqual([]);
      expect(s.upstream.headers).toEqual(s.requestHeaderPairs);
    }

    const clean = counterChanges(host, () => send(host, { path: CLEAN_QUERY }));
    expect(clean.result.s.statuses).toEqual(["headers:Continue"]);
    expect(clean.result.s.logs()).toEqual([]);
    if (mode === "log") {
      expect(clean.counters).toEqual({ requests_scored: 1 });
      expect(clean.result.s.headerOps).toEqual([]);
    } else {
      expect(clean.counters).toEqual({ requests_scored: 1, requests_tagged: 1 });
      expectTagged(clean.result.s, { clean: true });
    }
  });

  // score_headers: which requests going upstream carry the score headers (each one a host call).
  // tags: "score" the four score headers, "partial" those and x-waf-inspection, "none" no header write at all.
  const SCORE_HEADER_CASES: Array<{ mode: string; score_headers: string; req: "clean" | "attack" | "partial"; tags: "score" | "partial" | "none" | "blocked"; counters: Record<string, number> }> = [
    { mode: "block", score_headers: "all", req: "clean", tags: "score", counters: { requests_scored: 1, requests_tagged: 1 } },
    { mode: "block", score_headers: "flagged", req: "clean", tags: "none", counters: { requests_scored: 1 } },
    { mode: "block", score_headers: "none", req: "clean", tags: "none", counters: { requests_scored: 1 } },
    { mode: "block", score_headers: "flagged", req: "partial", tags: "partial", counters: { requests_scored: 1, requests_tagged: 1, body_truncated: 1, body_uninspectable: 1 } },
    { mode: "block", score_headers: "none", req: "partial", tags: "none", counters: { requests_scored: 1, body_truncated: 1, body_uninspectable: 1 } },
    { mode: "block", score_headers: "none", req: "attack", tags: "blocked", counters: { requests_scored: 1, requests_flagged: 1, requests_blocked: 1, "flagged{sqli,block}": 1 } },
    { mode: "tag", score_headers: "all", req: "clean", tags: "score", counters: { requests_scored: 1, requests_tagged: 1 } },
    { mode: "tag", score_headers: "flagged", req: "clean", tags: "none", counters: { requests_scored: 1 } },
    { mode: "tag", score_headers: "flagged", req: "attack", tags: "score", counters: { requests_scored: 1, requests_flagged: 1, requests_tagged: 1, "flagged{sqli,tag}": 1 } },
    { mode: "tag", score_headers: "none", req: "attack", tags: "none", counters: { requests_scored: 1, requests_flagged: 1, "flagged{sqli,tag}": 1 } },
  ];
  it.each(SCORE_HEADER_CASES)("score_headers $score_headers, mode $mode, $req request: $tags", async ({ mode, score_headers, req, tags, counters }) => {
    const host = await hostFor({ mode, score_headers, max_body_bytes: 1024 });
    const r: Req = req === "attack" ? { path: SQLI_QUERY } : req === "clean" ? { path: CLEAN_QUERY } : { path: "/review", headers: FORM, chunks: [prose(2000)] };
    const c = counterChanges(host, () => send(host, r));
    const { s, rid } = c.result;
    expect(c.counters).toEqual(counters);
    if (tags === "blocked") { expectBlocked(s, rid, "sqli"); return; }
    expect(s.localResponse).toBeNull();
    if (tags === "none") {
      expect(s.headerOps).toEqual([]);
      expect(s.upstream.headers).toEqual(s.requestHeaderPairs);
    } else {
      const t = expectTagged(s, { partial: tags === "partial", clean: req !== "attack" });
      if (req === "attack") expect(Number(t["x-waf-attack-score"])).toBeLessThanOrEqual(20);
    }
    // The flagged line does not depend on the headers.
    expect(s.logs("info").filter((l) => l.startsWith("flagged "))).toHaveLength(req === "attack" ? 1 : 0);
  });

  it("header_prefix renames the score headers", async () => {
    const host = await hostFor({ mode: "tag", header_prefix: "x-sec-", max_body_bytes: 1024 });
    const { s } = send(host, { path: "/review", headers: FORM, chunks: [prose(2000)] });
    expect(Object.keys(wafHeaders(s))).toEqual([]);
    expect(Object.keys(wafHeaders(s, "x-sec-")).sort()).toEqual(["x-sec-attack-score", "x-sec-inspection", "x-sec-rce-score", "x-sec-sqli-score", "x-sec-xss-score"]);
  });

  it("on_uninspectable: block answers a gzip body that inflates past max_body_bytes with 403, class uninspectable", async () => {
    const host = await hostFor({ mode: "block", max_body_bytes: 1024, on_uninspectable: "block" });
    const { s, rid } = send(host, { path: "/api/gz", headers: { ...JSON_CT, "content-encoding": "gzip" }, chunks: [gzipSync(JSON.stringify({ a: "b ".repeat(2048) }))] });
    expect(s.statuses).toEqual(["headers:StopIteration", "body:StopIterationNoBuffer"]);
    expectBlocked(s, rid, "uninspectable");
    expect(flagged(s)["inspection"]).toBe("partial");
  });

  it("on_undecodable: allow passes a br body upstream, tagged undecodable", async () => {
    const host = await hostFor({ mode: "block", on_undecodable: "allow" });
    const { s } = send(host, { path: "/api/br", headers: { ...JSON_CT, "content-encoding": "br" }, chunks: ['{"a":"b"}'] });
    expect(s.localResponse).toBeNull();
    expect(wafHeaders(s)["x-waf-inspection"]).toBe("undecodable");
  });

  it("max_body_bytes 0: decided on headers, the body streams through unbuffered, marked partial", async () => {
    const host = await hostFor({ mode: "block", max_body_bytes: 0 });
    const { s } = send(host, { path: "/upload", headers: FORM, chunks: ["a=1&", "b=2"] });
    expect(s.statuses).toEqual(["headers:Continue", "body:Continue", "body:Continue"]);
    expect(s.calls.filter((k) => k.callback === "body").map((k) => k.sizeBytes)).toEqual([4, 3]);
    expectTagged(s, { partial: true });
    const get = send(host, { path: "/upload" }).s;
    expectTagged(get); // no body: nothing left uninspected
  });

  it("max_body_bytes 0 with on_uninspectable block: a request with a body is blocked, one without passes", async () => {
    const host = await hostFor({ mode: "block", max_body_bytes: 0, on_uninspectable: "block" });
    expect(send(host, { path: "/upload", headers: FORM, chunks: ["a=1"] }).s.localResponse?.status).toBe(403);
    expect(send(host, { path: "/upload" }).s.localResponse).toBeNull();
  });
});

// ---- hold_headers: false (a host without allow_on_headers_stop_iteration) -----------------------

interface HoldCase extends Req {
  name: string;
  config: object;
  statuses: string[];
  /** block: a 403 (reset: after the headers went upstream); tagged: what upstream saw; untagged: no x-waf-* at all. */
  outcome: { block: string; reset: boolean; untagged?: true } | { tagged: "clean" | "partial" } | "untagged";
  counters: Record<string, number>;
}

const NO_HOLD = { mode: "block", max_body_bytes: 1024, hold_headers: false };
const HOLD_CASES: HoldCase[] = [
  {
    name: "clean POST in two chunks: headers go on at once, tagged partial; the body is held, then passes",
    config: NO_HOLD, path: "/checkout", headers: FORM, chunks: ["first=Sean&last=", "Murphy"],
    statuses: ["headers:Continue", "body:StopIterationAndBuffer", "body:Continue"], outcome: { tagged: "partial" },
    counters: { requests_scored: 1, requests_tagged: 1 },
  },
  {
    name: "command injection in the body: 403 after the headers left, the upstream request is reset",
    config: NO_HOLD, path: "/tools/ping", headers: FORM, chunks: SPLIT_RCE,
    statuses: ["headers:Continue", "body:StopIterationAndBuffer", "body:StopIterationNoBuffer"], outcome: { block: "rce", reset: true },
    counters: { requests_scored: 1, requests_tagged: 1, requests_flagged: 1, requests_blocked: 1, "flagged{rce,block}": 1 },
  },
  {
    name: "SQLi in the query of a POST: blocked on the headers, nothing goes upstream",
    config: NO_HOLD, path: SQLI_QUERY, headers: FORM, chunks: ["a=1"],
    statuses: ["headers:StopIteration", "body:not-delivered"], outcome: { block: "sqli", reset: false },
    counters: { requests_scored: 1, requests_flagged: 1, requests_blocked: 1, "flagged{sqli,block}": 1 },
  },
  {
    name: "body then trailers, attack in the body: blocked on trailers, upstream reset",
    config: NO_HOLD, path: "/h2/ping", headers: FORM, chunks: ["host=%3Bcat%20", "%2Fetc%2Fpasswd"], trailers: [["x-checksum", "c0ffee"]],
    statuses: ["headers:Continue", "body:StopIterationAndBuffer", "body:StopIterationAndBuffer", "trailers:StopIteration"],
    outcome: { block: "rce", reset: true },
    counters: { requests_scored: 1, requests_tagged: 1, requests_flagged: 1, requests_blocked: 1, "flagged{rce,block}": 1 },
  },
  {
    name: "headers-only GET: decided on headers as with hold_headers true, not partial",
    config: NO_HOLD, path: CLEAN_QUERY, statuses: ["headers:Continue"], outcome: { tagged: "clean" },
    counters: { requests_scored: 1, requests_tagged: 1 },
  },
  {
    name: "tag mode, attack in the body: the tags upstream are the headers' (clean, partial); the log names the body's attack",
    config: { ...NO_HOLD, mode: "tag" }, path: "/tools/ping", headers: FORM, chunks: SPLIT_RCE,
    statuses: ["headers:Continue", "body:StopIterationAndBuffer", "body:Continue"], outcome: { tagged: "partial" },
    counters: { requests_scored: 1, requests_tagged: 1, requests_flagged: 1, "flagged{rce,tag}": 1 },
  },
  {
    name: "log mode, attack in the body: no header written, one flagged line",
    config: { ...NO_HOLD, mode: "log" }, path: "/tools/ping", headers: FORM, chunks: SPLIT_RCE,
    statuses: ["headers:Continue", "body:StopIterationAndBuffer", "body:Continue"], outcome: "untagged",
    counters: { requests_scored: 1, requests_flagged: 1, requests_logged: 1, "flagged{rce,log}": 1 },
  },
  {
    name: "score_headers flagged: a clean POST's headers go on untagged (partial only by construction), the body passes",
    config: { ...NO_HOLD, score_headers: "flagged" }, path: "/checkout", headers: FORM, chunks: ["first=Sean&last=", "Murphy"],
    statuses: ["headers:Continue", "body:StopIterationAndBuffer", "body:Continue"], outcome: "untagged",
    counters: { requests_scored: 1 },
  },
  {
    name: "score_headers none, attack in the body: still a 403 after the headers left, untagged",
    config: { ...NO_HOLD, score_headers: "none" }, path: "/tools/ping", headers: FORM, chunks: SPLIT_RCE,
    statuses: ["headers:Continue", "body:StopIterationAndBuffer", "body:StopIterationNoBuffer"], outcome: { block: "rce", reset: true, untagged: true },
    counters: { requests_scored: 1, requests_flagged: 1, requests_blocked: 1, "flagged{rce,block}": 1 },
  },
  {
    name: "hold_headers true on the same host: StopIteration becomes StopAll, the body never comes (why the setting exists)",
    config: { mode: "block", max_body_bytes: 1024 }, path: "/checkout", headers: FORM, chunks: ["a=1&", "b=2"],
    statuses: ["headers:StopIteration", "body:not-delivered", "body:not-delivered"], outcome: "untagged",
    counters: {},
  },
];

describe("hold_headers: false, on a host without allow_on_headers_stop_iteration", () => {
  const noFlagHosts = new Map<string, Host>();
  async function noFlagHost(config: object): Promise<Host> {
    const key = JSON.stringify(config);
    let h = noFlagHosts.get(key);
    if (!h) {
      h = await Host.create({ pluginConfig: config, allowOnHeadersStopIteration: false });
      expect(h.configured, h.messages("critical").join("; ")).toBe(true);
      noFlagHosts.set(key, h);
    }
    return h;
  }

  it.each(HOLD_CASES)("$name", async (c) => {
    const host = await noFlagHost(c.config);
    const { result: { s, rid }, counters } = counterChanges(host, () => send(host, c));
    expect(s.statuses).toEqual(c.statuses);
    expect(counters).toEqual(c.counters);
    // A tag is only ever written while the headers are still here: no edit is refused.
    expect(s.headerOps.filter((o) => o.result !== 0)).toEqual([]);
    if (c.outcome === "untagged") {
      expect(s.localResponse).toBeNull();
      expect(s.headerOps).toEqual([]);
      return;
    }
    if ("block" in c.outcome) {
      const lr = s.localResponse!;
      expect(lr.status).toBe(403);
      expect(JSON.parse(lr.bodyText)).toEqual({ error: "request blocked", request_id: rid });
      expect(flagged(s)).toMatchObject({ action: "block", class: c.outcome.block });
      expect(s.upstreamReset).toBe(c.outcome.reset);
      // The body never reached upstream; the headers did exactly when the upstream was reset.
      expect(s.upstream.body.length).toBe(0);
      expect(s.upstream.headers !== null).toBe(c.outcome.reset);
      if (c.outcome.reset && c.outcome.untagged) expect(s.headerOps).toEqual([]);
      else if (c.outcome.reset) expectTaggedUpstream(s, "partial");
      return;
    }
    expect(s.upstreamReset).toBe(false);
    expectTaggedUpstream(s, c.outcome.tagged);
    const sent = (c.chunks ?? []).map((b) => Buffer.from(b as Uint8Array | string));
    expect(Buffer.from(s.upstream.body).equals(Buffer.concat(sent))).toBe(true);
  });

  /** The score headers as they went upstream (before any body was scored, for a request with one). */
  function expectTaggedUpstream(s: HttpStream, kind: "clean" | "partial"): void {
    const up = Object.fromEntries((s.upstream.headers ?? []).filter(([k]) => k.startsWith("x-waf-")));
    expect(Object.keys(up).sort()).toEqual([...SCORE_HEADERS, ...(kind === "partial" ? ["x-waf-inspection"] : [])].sort());
    if (kind === "partial") expect(up["x-waf-inspection"]).toBe("partial");
    // Written once, on the headers: the body's decision adds none.
    expect(s.headerOps.filter((o) => o.op === "add").length).toBe(Object.keys(up).length);
    for (const h of SCORE_HEADERS) expect(Number(up[h]), h).toBeGreaterThan(20);
  }

  it("the tags upstream are the headers' own scores: the same as a headers-only request scores", async () => {
    const host = await noFlagHost({ ...NO_HOLD, mode: "tag" });
    const withBody = send(host, { path: "/tools/ping?x=1", headers: FORM, chunks: SPLIT_RCE }).s;
    const alone = send(host, { path: "/tools/ping?x=1", headers: FORM }).s;
    const pick = (t: HttpStream) => SCORE_HEADERS.map((h) => (t.upstream.headers ?? []).find(([k]) => k === h)?.[1]);
    expect(pick(withBody)).toEqual(pick(alone));
    expect(Number(flagged(withBody).score)).toBeLessThanOrEqual(20); // the body's attack, scored after they left
  });
});

// ---- trustworthy output: spoofed score headers, the 403 body ---------------------------------------

// What a client might send to pass for the filter's verdict, and two it may keep.
const SPOOF = { "x-waf-attack-score": "99", "X-Waf-Sqli-Score": "99", "x-waf-inspection": "complete", "x-wafer": "kept", "x-sec-attack-score": "99" };

/** The first value of `name` among the headers that went upstream. */
const upstreamHeader = (s: HttpStream, name: string) => (s.upstream.headers ?? []).find(([k]) => k === name)?.[1];

interface SpoofCase extends Req {
  name: string;
  config: object;
  /** Header lines removed (the counter), and the names the filter asked the host to remove. */
  removed: string[];
  /** What upstream sees under the configured prefix: the filter's own four tags, nothing, or no request at all (403). */
  upstream: "tags" | "none" | "blocked";
  /** Headers that must reach upstream as the client sent them. */
  kept?: Record<string, string>;
}

const WAF_REMOVED = ["x-waf-attack-score", "x-waf-sqli-score", "x-waf-inspection"];
const SPOOF_CASES: SpoofCase[] = [
  { name: "block mode, clean request: the client's x-waf-* are replaced by the filter's", config: BLOCK, path: CLEAN_QUERY, headers: SPOOF, removed: WAF_REMOVED, upstream: "tags", kept: { "x-wafer": "kept", "x-sec-attack-score": "99" } },
  { name: "block mode, attack: removed before the 403", config: BLOCK, path: SQLI_QUERY, headers: SPOOF, removed: WAF_REMOVED, upstream: "blocked" },
  { name: "block mode, excluded path: removed though not scored", config: BLOCK, path: "/static/app.js", headers: SPOOF, removed: WAF_REMOVED, upstream: "none", kept: { "x-wafer": "kept" } },
  { name: "tag mode, attack: upstream sees the filter's low score, not the client's 99", config: { mode: "tag" }, path: SQLI_QUERY, headers: SPOOF, removed: WAF_REMOVED, upstream: "tags" },
  { name: "tag mode, body request: removed on headers, tagged after the body", config: { mode: "tag" }, path: "/checkout", headers: { ...FORM, ...SPOOF }, chunks: ["a=1&", "b=2"], removed: WAF_REMOVED, upstream: "tags" },
  { name: "log mode: removed, and nothing under the prefix goes upstream", config: { mode: "log" }, path: SQLI_QUERY, headers: SPOOF, removed: WAF_REMOVED, upstream: "none", kept: { "x-wafer": "kept" } },
  { name: "header_prefix x-sec-: only x-sec-* is removed; x-waf-* is then just a header", config: { mode: "tag", header_prefix: "x-sec-" }, path: CLEAN_QUERY, headers: SPOOF, removed: ["x-sec-attack-score"], upstream: "tags", kept: { "x-waf-attack-score": "99", "x-waf-inspection": "complete" } },
  { name: "no spoofed header: nothing removed, nothing counted", config: { mode: "tag" }, path: CLEAN_QUERY, headers: { "x-wafer": "kept" }, removed: [], upstream: "tags", kept: { "x-wafer": "kept" } },
];

describe("client-sent score headers (header_prefix) never reach upstream", () => {
  it.each(SPOOF_CASES)("$name", async (c) => {
    const host = await hostFor(c.config);
    const prefix = (c.config as { header_prefix?: string }).header_prefix ?? "x-waf-";
    const { result: { s }, counters } = counterChanges(host, () => send(host, c));
    expect(counters["spoofed_headers_removed"] ?? 0).toBe(c.removed.length);
    expect(s.headerOps.filter((o) => o.op === "remove").map((o) => o.name)).toEqual(c.removed);
    // The removals come first, while the headers are held: none refused.
    expect(s.headerOps.filter((o) => o.result !== 0)).toEqual([]);
    if (c.upstream === "blocked") {
      expect(s.localResponse?.status).toBe(403);
      return;
    }
    const under = (s.upstream.headers ?? []).filter(([k]) => k.startsWith(prefix));
    if (c.upstream === "none") expect(under).toEqual([]);
    else {
      // Exactly the filter's tags, each once, with the values it added.
      const added = s.headerOps.filter((o) => o.op === "add").map((o): [string, string] => [o.name, o.value!]);
      expect(under).toEqual(added);
      expect(under.map(([k]) => k).sort()).toEqual(SCORE_HEADERS.map((h) => h.replace("x-waf-", prefix)).sort());
      if (c.path === SQLI_QUERY) expect(Number(wafHeaders(s)["x-waf-attack-score"])).toBeLessThanOrEqual(20);
    }
    for (const [k, v] of Object.entries(c.kept ?? {})) expect(upstreamHeader(s, k), k).toBe(v);
  });

  it("a spoofed header sent twice is removed with all its values, each line counted", async () => {
    const host = await hostFor({ mode: "tag" });
    const { pairs } = head("GET", CLEAN_QUERY);
    const { result: s, counters } = counterChanges(host, () => {
      const st = host.request();
      st.headers([...pairs, ["x-waf-attack-score", "7"], ["x-waf-attack-score", "3"]], true);
      return st;
    });
    expect(counters["spoofed_headers_removed"]).toBe(2);
    expect((s.upstream.headers ?? []).filter(([k]) => k === "x-waf-attack-score")).toHaveLength(1);
    expect(upstreamHeader(s, "x-waf-attack-score")).not.toMatch(/^[73]$/); // the filter's own, a clean score
  });
});

interface BodyCase extends Req { name: string; config: object; cls: string; details: boolean }
const BODY_CASES: BodyCase[] = [
  { name: "by default: the request id only", config: BLOCK, path: SQLI_QUERY, cls: "sqli", details: false },
  { name: "block_response_details false: the request id only", config: { mode: "block", block_response_details: false }, path: SQLI_QUERY, cls: "sqli", details: false },
  { name: "block_response_details true: score and class too", config: { mode: "block", block_response_details: true }, path: SQLI_QUERY, cls: "sqli", details: true },
  { name: "block_response_details true, uninspectable: class uninspectable", config: { mode: "block", block_response_details: true, max_body_bytes: 1024, on_uninspectable: "block" }, path: "/review", headers: FORM, chunks: [prose(2000)], cls: "uninspectable", details: true },
  { name: "block_response_details true, undecodable: class undecodable", config: { mode: "block", block_response_details: true }, path: "/api/br", headers: { ...JSON_CT, "content-encoding": "br" }, chunks: ['{"a":"b"}'], cls: "undecodable", details: true },
  { name: "a request id with quotes and backslashes stays one JSON string", config: BLOCK, path: SQLI_QUERY, headers: { "x-request-id": 'abc","score":99,"x":"\\' }, cls: "sqli", details: false },
];

describe("the 403 body", () => {
  it.each(BODY_CASES)("$name", async (c) => {
    const host = await hostFor(c.config);
    const { s, rid } = send(host, c);
    expectBlocked(s, rid, c.cls, c.details);
  });
});

// ---- safe logs ----------------------------------------------------------------------------------

const LOG = { mode: "log", inspect_headers: ["authorization"] };
const SQLI_VALUE = "1%27%20UNION%20SELECT%20password%20FROM%20users--";
const BEARER_SQLI = "Bearer ' UNION SELECT password FROM users--";
const COOKIE_XSS = "<script>alert(document.cookie)</script>";

interface LogCase extends Req {
  name: string;
  config: object;
  /** Fields of the flagged line, exactly (as parsed: quotes and escapes undone). */
  fields: Record<string, string>;
  /** Fields the line must not have. */
  absent?: string[];
  /** Fragments of the secret that must not appear anywhere in the line. */
  hidden?: string[];
  /** The line as written contains this (how a value was quoted or escaped). */
  raw?: string;
}

const LOG_CASES: LogCase[] = [
  {
    name: "a form field named password: text redacted, no explain",
    config: LOG, path: "/login", headers: FORM, chunks: [`user=alice&password=${SQLI_VALUE}`],
    fields: { part: "body:form:password", text: "[redacted]" }, absent: ["explain"], hidden: ["UNION", "users"],
  },
  {
    name: "a Rails-style user[Password] field: matched as a substring, without case",
    config: LOG, path: "/login", headers: FORM, chunks: [`user%5BPassword%5D=${SQLI_VALUE}`],
    fields: { part: "body:form:user%5BPassword%5D", text: "[redacted]" }, absent: ["explain"], hidden: ["UNION"],
  },
  {
    name: "a JSON api_token",
    config: LOG, path: "/api/keys", headers: JSON_CT, chunks: ['{"user":"bob","api_token":"<script>alert(1)</script>"}'],
    fields: { part: "body:json:api_token", text: "[redacted]" }, absent: ["explain"], hidden: ["script", "alert"],
  },
  {
    name: "an inspected Authorization header: redacted by name (auth)",
    config: LOG, path: "/me", headers: { authorization: BEARER_SQLI },
    fields: { part: "header:authorization", text: "[redacted]" }, absent: ["explain"], hidden: ["Bearer", "UNION"],
  },
  {
    name: "Authorization with redact_names []: still no more than 8 bytes",
    config: { ...LOG, redact_names: [] }, path: "/me", headers: { authorization: BEARER_SQLI },
    fields: { part: "header:authorization", text: "Bearer '..." }, absent: ["explain"], hidden: ["UNION"],
  },
  {
    name: "a cookie whose name is not secret: 8 bytes",
    config: LOG, path: "/me", headers: { cookie: `theme=${COOKIE_XSS}` },
    fields: { part: "cookie:theme", text: "<script>..." }, absent: ["explain"], hidden: ["alert"],
  },
  {
    name: "a session cookie: redacted",
    config: LOG, path: "/me", headers: { cookie: `lang=en; sessionid=${COOKIE_XSS}` },
    fields: { part: "cookie:sessionid", text: "[redacted]" }, absent: ["explain"], hidden: ["script"],
  },
  {
    name: "redact_names [] logs a password field's text (the list is the configuration's)",
    config: { ...LOG, redact_names: [] }, path: "/login", headers: FORM, chunks: [`password=${SQLI_VALUE}`],
    fields: { part: "body:form:password", text: "1' UNION SELECT password FROM users--" },
  },
  {
    name: "redact_names [\"SSN\"]: user_ssn redacted (names lower-cased)",
    config: { mode: "log", redact_names: ["SSN"] }, path: `/search?user_ssn=${SQLI_VALUE}`,
    fields: { part: "query:user_ssn", text: "[redacted]" }, hidden: ["UNION"],
  },
  {
    name: "redact_names [\"SSN\"]: a password field is no longer redacted",
    config: { mode: "log", redact_names: ["SSN"] }, path: `/search?password=${SQLI_VALUE}`,
    fields: { part: "query:password", text: "1' UNION SELECT password FROM users--" },
  },
  {
    name: "log_text false: part and scores, no text, no explain",
    config: { mode: "log", log_text: false }, path: SQLI_QUERY,
    fields: { part: "query:id", class: "sqli" }, absent: ["text", "explain"], hidden: ["OR"],
  },
  {
    name: "log_text false with a secret part",
    config: { mode: "log", log_text: false }, path: "/login", headers: FORM, chunks: [`password=${SQLI_VALUE}`],
    fields: { part: "body:form:password" }, absent: ["text", "explain"], hidden: ["UNION"],
  },
  {
    name: "a forged X-Request-Id cannot add fields: quoted",
    config: LOG, path: SQLI_QUERY, headers: { "x-request-id": "abc score=99 class=none" },
    fields: { request_id: "abc score=99 class=none", class: "sqli", part: "query:id" }, raw: 'request_id="abc score=99 class=none" score=',
  },
  {
    name: "an X-Request-Id with quotes and a backslash: escaped inside the quotes",
    config: LOG, path: SQLI_QUERY, headers: { "x-request-id": 'a" class=none x="\\' },
    fields: { request_id: 'a" class=none x="\\', class: "sqli" }, raw: 'request_id="a\\" class=none x=\\"\\\\" score=',
  },
  {
    name: "an X-Request-Id with a newline cannot start a second line",
    config: LOG, path: SQLI_QUERY, headers: { "x-request-id": "a\nflagged action=none score=99" },
    fields: { request_id: "ax0aflagged action=none score=99", class: "sqli" }, raw: 'request_id="a\\x0aflagged action=none score=99" score=',
  },
  {
    name: "an ordinary request id is written bare",
    config: LOG, path: SQLI_QUERY, headers: { "x-request-id": "d47bb75c-1a2b-4c3d-8e9f-0a1b2c3d4e5f" },
    fields: { request_id: "d47bb75c-1a2b-4c3d-8e9f-0a1b2c3d4e5f", class: "sqli" }, raw: "request_id=d47bb75c-1a2b-4c3d-8e9f-0a1b2c3d4e5f score=",
  },
  {
    name: "a JSON key with a space and '=': the part is quoted",
    config: LOG, path: "/api/comments", headers: JSON_CT, chunks: ['{"a b=c":"<script>alert(1)</script>"}'],
    fields: { part: "body:json:a b=c", text: "<script>alert(1)</script>" }, raw: ' part="body:json:a b=c" text=',
  },
];

describe("safe logs: redaction, log_text, escaping", () => {
  it.each(LOG_CASES)("$name", async (c) => {
    const host = await hostFor(c.config);
    const { s } = send(host, c);
    const line = s.logs("info").find((l) => l.startsWith("flagged "))!;
    expect(line, "a flagged line").toBeDefined();
    expect(line).not.toContain("\n");
    const f = flagged(s);
    expect(f).toMatchObject(c.fields);
    // The verdict is the filter's, whatever the client wrote into its values.
    expect(f.action).toBe("log");
    expect(Number(f.score)).toBeLessThanOrEqual(20);
    for (const k of c.absent ?? []) expect(f, k).not.toHaveProperty(k);
    for (const h of c.hidden ?? []) expect(line).not.toContain(h);
    if (c.raw) expect(line).toContain(c.raw);
  });
});

// The flagged-line budget: max_flagged_logs_per_second tokens a second, a second's worth of burst,
// on the host's clock. Every attack is still blocked and counted; only lines are dropped.
interface RateCase { name: string; perSecond?: number; steps: Array<{ atMs: number; attacks: number; logged: number }> }
const RATE_CASES: RateCase[] = [
  {
    name: "3 a second: a burst of 3, then one per third of a second, then full again (not more) after a pause",
    perSecond: 3,
    steps: [{ atMs: 0, attacks: 5, logged: 3 }, { atMs: 334, attacks: 2, logged: 1 }, { atMs: 400, attacks: 1, logged: 0 }, { atMs: 10_000, attacks: 5, logged: 3 }],
  },
  { name: "the default, 100 a second", steps: [{ atMs: 0, attacks: 120, logged: 100 }, { atMs: 500, attacks: 60, logged: 50 }] },
  { name: "0: no limit", perSecond: 0, steps: [{ atMs: 0, attacks: 150, logged: 150 }] },
];

describe("flagged log lines are rate-limited (max_flagged_logs_per_second)", () => {
  it.each(RATE_CASES)("$name", async ({ perSecond, steps }) => {
    let nowNs = 1_700_000_000_000_000_000n;
    const t0 = nowNs;
    const config = perSecond === undefined ? { mode: "block" } : { mode: "block", max_flagged_logs_per_second: perSecond };
    const host = await Host.create({ pluginConfig: config, now: () => nowNs });
    expect(host.configured).toBe(true);
    for (const { atMs, attacks, logged } of steps) {
      nowNs = t0 + BigInt(atMs) * 1_000_000n;
      const { result: streams, counters } = counterChanges(host, () => Array.from({ length: attacks }, () => send(host, { path: SQLI_QUERY }).s));
      expect(streams.every((s) => s.localResponse?.status === 403)).toBe(true);
      expect(streams.flatMap((s) => s.logs("info")).filter((l) => l.startsWith("flagged ")), `at ${atMs} ms`).toHaveLength(logged);
      expect(counters).toEqual({
        requests_scored: attacks, requests_flagged: attacks, requests_blocked: attacks, "flagged{sqli,block}": attacks,
        ...(attacks > logged ? { flagged_logs_dropped: attacks - logged } : {}),
      });
    }
  });
});

// ---- configuration -------------------------------------------------------------------------------

const BAD_CONFIGS: Array<{ name: string; config: object | string; message: string }> = [
  { name: "threshold out of range", config: { threshold: 150 }, message: "config.threshold: must be an integer within [1,99], got 150" },
  { name: "not JSON", config: "not json", message: "config.(root): must be a JSON object" },
  { name: "unknown mode", config: { mode: "deny" }, message: 'config.mode: must be one of block, tag, log, got "deny"' },
  { name: "unknown field", config: { colour: "red" }, message: "config.colour: unknown field" },
  { name: "max_body_bytes too large", config: { max_body_bytes: 2_000_000 }, message: "config.max_body_bytes: must be an integer within [0,1048576], got 2000000" },
  { name: "exclude_paths entry without /", config: { exclude_paths: ["static"] }, message: "config.exclude_paths[0]: must start with '/'" },
];

describe("plugin configuration", () => {
  it.each(BAD_CONFIGS)("$name: configure returns false with one critical line naming the field", async ({ config, message }) => {
    const host = await Host.create({ pluginConfig: config });
    expect(host.vmStarted).toBe(true);
    expect(host.configured).toBe(false);
    const critical = host.messages("critical");
    expect(critical).toHaveLength(1);
    expect(critical[0]).toContain(`invalid plugin configuration: ${message}`);
    expect(host.messages("info").filter((l) => l.startsWith("configured:"))).toEqual([]);
    expect(() => host.request()).toThrow(HostError);
  });

  it.each([
    { name: "no configuration", config: undefined },
    { name: "an empty string", config: "" },
    { name: "an empty object", config: {} },
  ])("$name means every default: block, threshold 20, 128 KiB of body", async ({ config }) => {
    const host = await Host.create({ pluginConfig: config });
    expect(host.configured).toBe(true);
    expect(host.messages("critical")).toEqual([]);
    expect(host.messages("info")).toContain("configured: mode block, threshold 20, max_body_bytes 131072");
    const attack = send(host, { path: SQLI_QUERY });
    expectBlocked(attack.s, attack.rid, "sqli");
    // 128 KiB buffered before deciding: a 100 KiB body in 4 chunks is inspected whole.
    const chunk = prose(4000).repeat(7).slice(0, 25_600);
    const big = send(host, { path: "/review", headers: FORM, chunks: [chunk, chunk, chunk, chunk] });
    expect(big.s.statuses.at(-1)).toBe("body:Continue");
    expect(big.s.statuses.filter((x) => x === "body:StopIterationAndBuffer")).toHaveLength(3);
    expectTagged(big.s);
  });

  it("a root_id without a registered factory aborts the VM with a critical line (proxy-runtime #79)", async () => {
    await expect(Host.create({ pluginConfig: {}, rootId: "not-wafscore" })).rejects.toThrow(/Missing root context factory for root id: not-wafscore/);
  });

  it("the root id the emulator uses is the filter's ROOT_ID", async () => {
    const host = await hostFor(BLOCK);
    expect(ROOT_ID).toBe("wafscore");
    expect(host.propertiesAsked).toContain("plugin_root_id");
  });
});

// ---- the filter scores as the core does ------------------------------------------------------------

// The filter walks :path (path, then query), user-agent, referer, cookie and the inspect_headers,
// then the body by its type; the core's scoreParts takes the same parts. Equal scores show the
// emulator hands the filter the bytes Envoy would (and that the glue splits the request as the
// Node side does).
interface ScoreCase extends Req { name: string; parts: Array<[string, string | Uint8Array]> }
const UA_BYTES = new Uint8Array([...Buffer.from("Mozilla/5.0 x"), 0xc0, 0xa7, ...Buffer.from(" OR 1=1--")]);
const SCORE_CASES: ScoreCase[] = [
  { name: "clean GET", path: CLEAN_QUERY, parts: [["path", "/products"], ["query", "q=running+shoes&page=2"]] },
  { name: "SQLi in the query", path: SQLI_QUERY, parts: [["path", "/search"], ["query", "id=1%27%20OR%20%271%27%3D%271"]] },
  {
    name: "referer and cookie", path: "/products/42?ref=email", headers: { referer: "https://x.example/?q=<script>alert(1)</script>", cookie: "session=abc; theme=dark" },
    parts: [["path", "/products/42"], ["query", "ref=email"], ["header:Referer", "https://x.example/?q=<script>alert(1)</script>"], ["header:Cookie", "session=abc; theme=dark"]],
  },
  {
    name: "an inspected header", path: "/api/v1/items", headers: { "x-api-key": "' OR 1=1--" },
    parts: [["path", "/api/v1/items"], ["header:X-Api-Key", "' OR 1=1--"]],
  },
  {
    name: "XSS JSON body in two chunks", path: "/api/comments", headers: JSON_CT, chunks: ['{"post":42,"comment":"<img src=x ', 'onerror=alert(1)>"}'],
    parts: [["path", "/api/comments"], ["body:json", '{"post":42,"comment":"<img src=x onerror=alert(1)>"}']],
  },
  {
    name: "clean form body with trailers", path: "/login", headers: FORM, chunks: ["user=alice&pass=hunter2&remember=on"], trailers: [["x-checksum", "1"]],
    parts: [["path", "/login"], ["body:form", "user=alice&pass=hunter2&remember=on"]],
  },
  {
    name: "the first 1024 bytes of a long body", path: "/review", headers: FORM, chunks: [prose(700), prose(700, 700)],
    parts: [["path", "/review"], ["body:form", prose(1024)]],
  },
  { name: "non-UTF-8 user-agent bytes", path: "/", headers: { "user-agent": UA_BYTES }, parts: [["path", "/"], ["header:User-Agent", UA_BYTES]] },
];

/** A case's parts plus the user-agent send() adds when the case sets none. */
const partsOf = (c: ScoreCase): Array<[string, string | Uint8Array]> => (c.headers?.["user-agent"] ? c.parts : [...c.parts, ["header:User-Agent", CHROME]]);

describe("the filter scores as core.wasm does", () => {
  const config = { mode: "tag", max_body_bytes: 1024, inspect_headers: ["x-api-key"] };
  let core: Core;
  let host: Host;
  beforeAll(async () => {
    core = await loadCore();
    expect(core.configure(JSON.stringify(config))).toBeNull();
    host = await hostFor(config);
  });

  it.each(SCORE_CASES)("$name", (c) => {
    const { s } = send(host, c);
    const tags = wafHeaders(s);
    const want = core.scoreParts(partsOf(c));
    expect({ attack: tags["x-waf-attack-score"], sqli: tags["x-waf-sqli-score"], xss: tags["x-waf-xss-score"], rce: tags["x-waf-rce-score"] })
      .toEqual({ attack: `${want.score}`, sqli: `${want.classes.sqli}`, xss: `${want.classes.xss}`, rce: `${want.classes.rce}` });
  });

  it("the cases include clean and flagged requests", () => {
    const scores = SCORE_CASES.map((c) => core.scoreParts(partsOf(c)).score);
    expect(scores.filter((x) => x <= 20).length).toBeGreaterThanOrEqual(3);
    expect(scores.filter((x) => x > 50).length).toBeGreaterThanOrEqual(2);
  });

  it("the 403's score is the core's score for the same request", async () => {
    const block = await hostFor(BLOCK);
    const { s, rid } = send(block, { path: "/tools/ping", headers: FORM, chunks: SPLIT_RCE });
    const v = expectBlocked(s, rid, "rce");
    expect(v.score).toBe(core.scoreParts([["path", "/tools/ping"], ["header:User-Agent", CHROME], ["body:form", SPLIT_RCE.join("")]]).score);
  });
});
