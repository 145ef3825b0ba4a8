// The filter driven the way ngx_wasm_module calls it, with the plugin configuration of
// envoy/nginx-wasm/nginx.conf: what the README's nginx table says, shown in the host emulator
// (not in nginx, which is not installed here). Run by `make test` (unit).
//
// ngx_wasm_module's request lifecycle, as read from its source (prerelease-0.6.0,
// src/http/proxy_wasm/ngx_http_proxy_wasm.c and src/wasm/ngx_wasm_ops.c): on_http_request_headers
// always gets end_of_stream false; nginx reads the whole body in the content phase and calls
// on_http_request_body once, with end_of_stream true, and not at all when there is no body; a
// body nginx wrote to a temp file reads as none (get_buffer logs an error and returns nothing).
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/core";
import { Host, type HttpStream, type Pairs } from "./emulator";

const NGINX_CONFIG = JSON.parse(/proxy_wasm\s+\S+\s+'([^']*)'/.exec(readFileSync(path.join(REPO_ROOT, "envoy/nginx-wasm/nginx.conf"), "utf8"))![1]) as Record<string, unknown>;
const FORM = [["content-type", "application/x-www-form-urlencoded"]] as Pairs;
const SQLI_QUERY = "/search?id=1%27%20OR%20%271%27%3D%271";

const head = (method: string, p: string, extra: Pairs = []): Pairs =>
  [[":authority", "shop.example"], [":path", p], [":method", method], [":scheme", "http"], ["user-agent", "Mozilla/5.0"], ...extra];

/** One request as ngx_wasm_module delivers it: headers never at end of stream, then the whole body once, if any. */
function ngxRequest(host: Host, method: string, p: string, body?: string): HttpStream {
  const s = host.request();
  s.headers(head(method, p, body === undefined ? [] : FORM), false);
  if (body !== undefined) s.body(body, true);
  s.close();
  return s;
}

const counter = (host: Host, name: string) => host.metric(`wafscore_${name}_total`) ?? 0;

const hosts = new Map<string, Host>();
async function hostFor(overrides: Record<string, unknown> = {}): Promise<Host> {
  const key = JSON.stringify(overrides);
  if (!hosts.has(key)) {
    const h = await Host.create({ pluginConfig: { ...NGINX_CONFIG, ...overrides } });
    expect(h.configured, h.messages("critical").join("; ")).toBe(true);
    hosts.set(key, h);
  }
  return hosts.get(key)!;
}

beforeAll(() => {
  expect(NGINX_CONFIG).toMatchObject({ mode: "block", hold_headers: false, filter_state: false });
});

describe("under ngx_wasm_module's lifecycle, with envoy/nginx-wasm/nginx.conf's configuration", () => {
  it("an attack in the query of a GET is answered 403 on the headers", async () => {
    const s = ngxRequest(await hostFor(), "GET", SQLI_QUERY);
    expect(s.localResponse?.status).toBe(403);
  });

  it("an attack in a body is answered 403 from the one body callback", async () => {
    const s = ngxRequest(await hostFor(), "POST", "/tools/ping", "host=127.0.0.1%3Bcat%20%2Fetc%2Fpasswd");
    expect(s.statuses).toEqual(["headers:Continue", "body:StopIterationNoBuffer"]);
    expect(s.localResponse?.status).toBe(403);
  });

  it("a clean POST passes, scored once with its body", async () => {
    const host = await hostFor();
    const before = counter(host, "requests_scored");
    const s = ngxRequest(host, "POST", "/checkout", "first=Sean&last=Murphy");
    expect(s.localResponse).toBeNull();
    expect(counter(host, "requests_scored") - before).toBe(1);
  });

  it("hold_headers true would hold every request: the headers pause, and a GET gets no later callback", async () => {
    const s = ngxRequest(await hostFor({ hold_headers: true }), "GET", "/products?q=shoes");
    expect(s.statuses).toEqual(["headers:StopIteration"]);
    expect(s.localResponse).toBeNull();
  });

  // A request without a body gets no body callback from ngx_wasm_module: it is decided in onLog.
  it("log mode logs a flagged request without a body", async () => {
    const host = await hostFor({ mode: "log" });
    const s = ngxRequest(host, "GET", SQLI_QUERY);
    expect(s.logs().filter((l) => l.startsWith("flagged "))).toHaveLength(1);
  });

  it("a clean GET is counted as scored", async () => {
    const host = await hostFor();
    const before = counter(host, "requests_scored");
    ngxRequest(host, "GET", "/products?q=shoes");
    expect(counter(host, "requests_scored") - before).toBe(1);
  });
});
