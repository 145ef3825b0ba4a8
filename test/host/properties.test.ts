// What the filter writes into Envoy's filter state (set_property, read by access logs as
// %FILTER_STATE(wasm.wafscore.<name>:PLAIN)%) for every scored request, and that it starts and
// decides on a host without metrics or filter state. Run by `make test` (unit), through the host
// emulator; the same properties in a real Envoy's access log are in test/e2e/observe.e2e.test.ts.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type Core, loadCore, REPO_ROOT } from "../support/core";
import { Host, type HttpStream, type Pairs } from "./emulator";

const CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
const FORM = { "content-type": "application/x-www-form-urlencoded" };
const SQLI = "/search?id=1%27%20OR%20%271%27%3D%271";
const CLEAN = "/products?q=running+shoes&page=2";
const PROSE = `comment=${"All good here, thanks for the fast shipping. ".repeat(100)}`.slice(0, 3000);

// The model's training-data hash, as export wrote it beside the blob.
const MANIFEST = JSON.parse(readFileSync(resolve(REPO_ROOT, "models/artifacts/manifest.json"), "utf8")) as { training_data_sha256: string };
const MODEL = MANIFEST.training_data_sha256.slice(0, 8);

interface Req { path: string; headers?: Record<string, string>; body?: string }

function send(host: Host, r: Req): HttpStream {
  const pairs: Pairs = [[":authority", "shop.example"], [":path", r.path], [":method", r.body ? "POST" : "GET"], [":scheme", "http"],
    ["user-agent", CHROME], ...Object.entries(r.headers ?? {}), ["x-request-id", "rid-1"]];
  const s = host.request();
  s.headers(pairs, r.body === undefined);
  if (r.body !== undefined) s.body(r.body, true);
  s.close();
  return s;
}

const hosts = new Map<string, Promise<Host>>();
const hostFor = (config: object) => {
  const key = JSON.stringify(config);
  if (!hosts.has(key)) hosts.set(key, Host.create({ pluginConfig: config }));
  return hosts.get(key)!;
};

interface Case {
  name: string;
  config: object;
  req: Req;
  /** The properties that do not depend on the model's scores. */
  want: { action: string; flagged: "true" | "false"; inspection: string; class?: string };
  /** The parts the filter scores, for the core to score too; without them the scores are taken
   *  from the score headers the same request gets in tag mode. */
  parts?: Array<[string, string]>;
}

const CASES: Case[] = [
  { name: "block, SQLi in the query: blocked, class sqli", config: { mode: "block" }, req: { path: SQLI },
    want: { action: "block", flagged: "true", inspection: "full", class: "sqli" }, parts: [["path", "/search"], ["query", "id=1%27%20OR%20%271%27%3D%271"]] },
  { name: "block, a clean GET: tagged, not flagged, no class", config: { mode: "block" }, req: { path: CLEAN },
    want: { action: "tag", flagged: "false", inspection: "full" }, parts: [["path", "/products"], ["query", "q=running+shoes&page=2"]] },
  { name: "tag, SQLi in the query: tagged and flagged", config: { mode: "tag" }, req: { path: SQLI },
    want: { action: "tag", flagged: "true", inspection: "full", class: "sqli" }, parts: [["path", "/search"], ["query", "id=1%27%20OR%20%271%27%3D%271"]] },
  { name: "log, SQLi in the query: logged", config: { mode: "log" }, req: { path: SQLI },
    want: { action: "log", flagged: "true", inspection: "full", class: "sqli" }, parts: [["path", "/search"], ["query", "id=1%27%20OR%20%271%27%3D%271"]] },
  { name: "log, a clean GET: passed", config: { mode: "log" }, req: { path: CLEAN },
    want: { action: "pass", flagged: "false", inspection: "full" }, parts: [["path", "/products"], ["query", "q=running+shoes&page=2"]] },
  { name: "block, a br body: blocked as undecodable", config: { mode: "block" }, req: { path: "/api/br", headers: { "content-type": "application/json", "content-encoding": "br" }, body: '{"a":"b"}' },
    want: { action: "block", flagged: "true", inspection: "undecodable", class: "undecodable" } },
  { name: "block, a clean body past max_body_bytes: partial, passed", config: { mode: "block", max_body_bytes: 1024 }, req: { path: "/review", headers: FORM, body: PROSE },
    want: { action: "tag", flagged: "false", inspection: "partial" } },
  { name: "block, on_uninspectable block: blocked as uninspectable", config: { mode: "block", max_body_bytes: 1024, on_uninspectable: "block" }, req: { path: "/review", headers: FORM, body: PROSE },
    want: { action: "block", flagged: "true", inspection: "partial", class: "uninspectable" } },
];

describe("filter state for access logs (wasm.wafscore.*)", () => {
  let core: Core;
  beforeAll(async () => {
    core = await loadCore();
  });

  it.each(CASES)("$name", async (c) => {
    const s = send(await hostFor(c.config), c.req);
    const state = s.state("wafscore.");
    // The scores: the core's for the same parts, or the score headers of the same request in tag mode.
    let scores: Record<string, string>;
    if (c.parts) {
      expect(core.configure(JSON.stringify(c.config))).toBeNull();
      const r = core.scoreParts([...c.parts, ["header:User-Agent", CHROME]]);
      scores = { score: `${r.score}`, sqli: `${r.classes.sqli}`, xss: `${r.classes.xss}`, rce: `${r.classes.rce}` };
      if (c.want.class && r.worstClass === c.want.class) scores.class_score = `${r.classes[r.worstClass]}`;
    } else {
      const twin = send(await hostFor({ ...c.config, mode: "tag" }), c.req);
      const h = (n: string) => twin.header(`x-waf-${n}-score`)!;
      scores = { score: h("attack"), sqli: h("sqli"), xss: h("xss"), rce: h("rce") };
    }
    expect(state).toEqual({ ...c.want, ...scores, model: MODEL });
    // What the 403 and the flagged log line say agrees with the filter state.
    if (c.want.flagged === "true") expect(s.logs("info").find((l) => l.startsWith("flagged "))).toContain(` score=${state.score} class=${state.class}`);
  });

  it("writes nothing for a request exclude_paths skips", async () => {
    const s = send(await hostFor({ mode: "block", exclude_paths: ["/static/"] }), { path: "/static/app.js?id=1%27%20OR%201=1--" });
    expect(s.filterState.size).toBe(0);
  });

  it("filter_state false writes nothing, and blocks and tags as before", async () => {
    const blocked = send(await hostFor({ mode: "block", filter_state: false }), { path: SQLI });
    expect(blocked.filterState.size).toBe(0);
    expect(blocked.localResponse?.status).toBe(403);
    const tagged = send(await hostFor({ mode: "tag", filter_state: false }), { path: SQLI });
    expect(tagged.filterState.size).toBe(0);
    expect(Number(tagged.header("x-waf-attack-score"))).toBeLessThanOrEqual(20);
  });

  it("keys are Envoy's: wasm. plus one dotted name, no NUL", async () => {
    const s = send(await hostFor({ mode: "block" }), { path: SQLI });
    expect([...s.filterState.keys()].sort()).toEqual(
      ["action", "class", "class_score", "flagged", "inspection", "model", "rce", "score", "sqli", "xss"].map((k) => `wasm.wafscore.${k}`),
    );
  });
});

describe("a host without metrics or filter state", () => {
  it.each([
    { name: "define_metric refused (ngx_wasm_module versions without metrics)", refuse: ["proxy_define_metric"] },
    { name: "set_property refused (a host without filter state)", refuse: ["proxy_set_property"] },
    { name: "both refused", refuse: ["proxy_define_metric", "proxy_set_property"] },
  ])("$name: the filter starts, blocks and tags as usual", async ({ refuse }) => {
    const host = await Host.create({ pluginConfig: { mode: "block" }, refuse });
    expect(host.configured).toBe(true);
    const attack = send(host, { path: SQLI });
    expect(attack.localResponse?.status).toBe(403);
    const clean = send(host, { path: CLEAN });
    expect(clean.upstream.headers?.some(([k]) => k === "x-waf-attack-score")).toBe(true);
    expect(Object.keys(host.metrics()).length > 0).toBe(!refuse.includes("proxy_define_metric"));
    expect(attack.filterState.size > 0).toBe(!refuse.includes("proxy_set_property"));
  });

  it("counts a request as tagged only when the host took its score headers", async () => {
    const host = await Host.create({ pluginConfig: { mode: "tag" }, refuse: ["proxy_add_header_map_value"] });
    const s = send(host, { path: CLEAN });
    expect(s.upstream.headers?.some(([k]) => k.startsWith("x-waf-"))).toBe(false);
    expect(host.metric("wafscore_requests_scored_total")).toBe(1);
    expect(host.metric("wafscore_requests_tagged_total")).toBe(0);
    const ok = await Host.create({ pluginConfig: { mode: "tag" } });
    send(ok, { path: CLEAN });
    expect(ok.metric("wafscore_requests_tagged_total")).toBe(1);
  });

  it("refuse names only host functions", async () => {
    await expect(Host.create({ refuse: ["proxy_no_such_call"] })).rejects.toThrow(/refuse: proxy_no_such_call is not a proxy-wasm host function/);
  });
});
