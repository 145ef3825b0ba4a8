// Per-request policy through core.wasm: which route a request gets (request/policy.ts), whether its
// body streams, which source addresses and principals are trusted, and the decision with
// class_thresholds (core/decide.ts). Tables of cases; the filter's use of them is in
// test/host/policy.test.ts and test/e2e/policy.e2e.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Core, loadCore } from "../support/core";

let core: Core;
beforeAll(async () => {
  core = await loadCore();
});
afterAll(() => {
  core.configure("");
});

const use = (config: object) => expect(core.configure(JSON.stringify(config))).toBeNull();

describe("class_thresholds names the model's classes", () => {
  it("one entry per class head, in head order (lib/classes.ts CLASS_NAMES[1..])", () => {
    const f = core.description.config.find((c) => c.name === "class_thresholds")!;
    expect(f.fields!.map((c) => c.name)).toEqual(core.heads.slice(1));
  });
});

describe("routes: the first match wins", () => {
  const ROUTES = {
    routes: [
      { host: "api.example.com", path_prefix: "/v2/", threshold: 40 },
      { host: "api.example.com" },
      { host: "*.example.com", path_prefix: "/admin" },
      { path_prefix: "/upload/" },
      { host: "[2001:db8::1]" },
      { host: "localhost" },
    ],
  };
  const cases: Array<[authority: string, path: string, route: number]> = [
    ["api.example.com", "/v2/users", 0],
    ["api.example.com", "/v1/users", 1],
    ["API.Example.COM:8443", "/v2/x", 0],        // without case, without port
    ["api.example.com.", "/v2/x", 0],            // a trailing dot names the same host
    ["api.example.com", "/v2", 1],               // "/v2/" is a byte prefix of the normalized path
    ["api.example.com", "/static/../v2/x", 0],   // normalized first, as exclude_paths
    ["api.example.com", "/v%32/x", 0],
    ["www.example.com", "/admin/users", 2],
    ["a.b.example.com", "/admin", 2],
    ["example.com", "/admin", -1],               // "*.example.com" needs a label before the suffix
    ["evilexample.com", "/admin", -1],
    ["www.example.com", "/Admin", -1],           // paths compare byte for byte
    ["www.example.com", "/upload/x", 3],
    ["other.test", "/upload/x", 3],
    ["other.test", "/uploads/x", -1],
    ["other.test", "//upload//x", 3],
    ["[2001:db8::1]:443", "/", 4],
    ["[2001:DB8::1]", "/", 4],
    ["localhost:10000", "/", 5],
    ["", "/", -1],
    ["api.example.com.evil.test", "/", -1],
  ];
  beforeAll(() => use(ROUTES));
  it.each(cases)("%s %s -> route %i", (authority, path, route) => {
    expect(core.routeFor(authority, path)).toBe(route);
  });
  it("no routes: every request gets the top level", () => {
    use({});
    expect(core.routeFor("api.example.com", "/v2/users")).toBe(-1);
    use(ROUTES);
  });
});

describe("stream: media types whose bodies are not held", () => {
  const cases: Array<[contentType: string, streams: boolean]> = [
    ["application/grpc", true],
    ["application/grpc+proto", true],
    ["Application/GRPC; charset=utf-8", true],
    ["  application/grpc  ", true],
    ["application/grpc-web", false],
    ["application/grpc-web+proto", false],
    ["application/grpcx", false],
    ["text/event-stream", true],
    ["application/json", false],
    ["", false],
  ];
  it.each(cases)("default: %j -> %s", (ct, streams) => {
    use({});
    expect(core.streams(ct)).toBe(streams);
  });
  it("a route's own list replaces the top level's; one that sets none inherits it", () => {
    use({ stream: ["application/x-ndjson"], routes: [{ path_prefix: "/grpc/", stream: ["application/grpc"] }, { path_prefix: "/other/" }] });
    expect(core.streams("application/x-ndjson")).toBe(true);
    expect(core.streams("application/grpc")).toBe(false);
    expect(core.streams("application/grpc", 0)).toBe(true);
    expect(core.streams("application/x-ndjson", 0)).toBe(false);
    expect(core.streams("application/x-ndjson", 1)).toBe(true);
    use({ stream: [] });
    expect(core.streams("application/grpc")).toBe(false);
  });
});

describe("trusted_sources.cidrs against Envoy's source.address", () => {
  const cases: Array<[address: string, trusted: boolean]> = [
    ["10.1.2.3:5555", true],
    ["10.255.255.255:1", true],
    ["11.0.0.1:5555", false],
    ["192.168.1.7:80", true],
    ["192.168.1.8:80", false],
    ["[2001:db8::42]:443", true],
    ["[2001:db9::42]:443", false],
    ["[::1]:9000", true],
    ["[::2]:9000", false],
    ["[::ffff:10.9.9.9]:5555", true],       // IPv4-mapped, from a dual-stack listener
    ["[::ffff:172.16.5.1]:1", true],        // matches the ::ffff:172.16.0.0/108 range too
    ["172.16.5.1:1", true],
    ["172.32.0.1:1", false],
    ["[fe80::1%eth0]:22", true],            // a zone is ignored
    ["10.1.2.3", true],                     // without a port
    ["2001:db8::1", true],                  // IPv6 without brackets or port
    ["/var/run/envoy.sock", false],
    ["", false],
    ["10.1.2:5555", false],
    ["[2001:db8::42", false],
  ];
  beforeAll(() => use({ trusted_sources: { cidrs: ["10.0.0.0/8", "192.168.1.7", "2001:db8::/32", "::1/128", "::ffff:172.16.0.0/108", "fe80::/10"] } }));
  it.each(cases)("%j -> %s", (address, trusted) => {
    expect(core.trustedAddress(address)).toBe(trusted);
  });
  it("/0 trusts every address of its family (IPv4 ranges also match IPv4-mapped IPv6)", () => {
    use({ trusted_sources: { cidrs: ["0.0.0.0/0"] } });
    expect(core.trustedAddress("203.0.113.9:1")).toBe(true);
    expect(core.trustedAddress("[::ffff:203.0.113.9]:1")).toBe(true);
    expect(core.trustedAddress("[2001:db8::1]:1")).toBe(false);
  });
  it("no cidrs: nothing is trusted by address", () => {
    use({});
    expect(core.trustedAddress("10.1.2.3:5555")).toBe(false);
  });
});

describe("trusted_sources.principals", () => {
  it("a peer's URI SAN or subject, byte for byte", () => {
    use({ trusted_sources: { principals: ["spiffe://cluster.local/ns/ops/sa/scanner", "CN=scanner,O=Example"] } });
    expect(core.trustedPrincipal("spiffe://cluster.local/ns/ops/sa/scanner")).toBe(true);
    expect(core.trustedPrincipal("CN=scanner,O=Example")).toBe(true);
    expect(core.trustedPrincipal("spiffe://cluster.local/ns/ops/sa/Scanner")).toBe(false);
    expect(core.trustedPrincipal("spiffe://cluster.local/ns/ops/sa/scanner2")).toBe(false);
    expect(core.trustedPrincipal("")).toBe(false);
  });
});

describe("decision with class_thresholds", () => {
  type Row = [name: string, config: object, score: number, classes: Record<string, number>, worst: string,
    want: { action: string; flagged: boolean; reason: string; klass: string | null }];
  const SQLI30_XSSLOG = { class_thresholds: { sqli: { threshold: 30 }, xss: { action: "log" } } };
  const TABLE: Row[] = [
    ["sqli at 30: a sqli class score of 25 blocks though the overall 25 would not", SQLI30_XSSLOG, 25, { sqli: 25 }, "sqli",
      { action: "block", flagged: true, reason: "score", klass: "sqli" }],
    ["sqli at 30: 31 passes", SQLI30_XSSLOG, 31, { sqli: 31 }, "sqli", { action: "tag", flagged: false, reason: "none", klass: null }],
    ["xss only logged: an xss attack the overall score flags is logged, not blocked", SQLI30_XSSLOG, 5, { xss: 4 }, "xss",
      { action: "log", flagged: true, reason: "score", klass: "xss" }],
    ["both flag: the strongest action (block) wins, naming its class", SQLI30_XSSLOG, 5, { xss: 4, sqli: 20 }, "xss",
      { action: "block", flagged: true, reason: "score", klass: "sqli" }],
    ["an unlisted class flagged by the overall score: the mode's action", SQLI30_XSSLOG, 10, { rce: 8 }, "rce",
      { action: "block", flagged: true, reason: "score", klass: "rce" }],
    ["an unlisted class's low score alone flags nothing (the overall score decides)", SQLI30_XSSLOG, 40, { rce: 3 }, "rce",
      { action: "tag", flagged: false, reason: "none", klass: null }],
    ["log mode, sqli blocks at 30: the class action overrides the mode", { mode: "log", class_thresholds: { sqli: { threshold: 30, action: "block" } } }, 28, { sqli: 28 }, "sqli",
      { action: "block", flagged: true, reason: "score", klass: "sqli" }],
    ["log mode, the overall score flags an unlisted class: logged", { mode: "log", class_thresholds: { sqli: { threshold: 30, action: "block" } } }, 10, { rce: 9 }, "rce",
      { action: "log", flagged: true, reason: "score", klass: "rce" }],
    ["log mode, clean: passed", { mode: "log", class_thresholds: { sqli: { threshold: 30, action: "block" } } }, 80, {}, "sqli",
      { action: "pass", flagged: false, reason: "none", klass: null }],
    ["tag beats log", { class_thresholds: { xss: { action: "log" }, ssti: { threshold: 25, action: "tag" } } }, 10, { xss: 10, ssti: 20 }, "xss",
      { action: "tag", flagged: true, reason: "score", klass: "ssti" }],
    ["a tie keeps the overall score's class", { class_thresholds: { xss: { threshold: 30 }, sqli: { threshold: 30 } } }, 10, { xss: 10, sqli: 12 }, "xss",
      { action: "block", flagged: true, reason: "score", klass: "xss" }],
    ["undecodable still flags when no score does", SQLI30_XSSLOG, 80, {}, "sqli",
      { action: "block", flagged: true, reason: "undecodable", klass: null }],
  ];
  for (const [name, config, score, classes, worst, want] of TABLE) {
    it(name, () => {
      use(config);
      expect(core.decideClasses(score, classes, worst, false, name.startsWith("undecodable"))).toEqual(want);
    });
  }

  it("without class_thresholds the decision is the overall score's alone, as before", () => {
    use({ threshold: 20 });
    for (const score of [1, 20, 21, 99]) {
      const { action, flagged, reason } = core.decideClasses(score, { sqli: 1 }, "sqli");
      expect({ action, flagged, reason }).toEqual(core.decide(score));
    }
  });

  it("a route's class_thresholds merge over the top level's, class by class and member by member", () => {
    use({ class_thresholds: { xss: { action: "log" }, sqli: { threshold: 30 } }, routes: [{ path_prefix: "/api/", class_thresholds: { sqli: { action: "tag" } } }] });
    // The top level: sqli blocks at 30, xss is logged.
    expect(core.decideClasses(25, { sqli: 25 }, "sqli").action).toBe("block");
    expect(core.decideClasses(5, { xss: 5 }, "xss").action).toBe("log");
    // The route: sqli keeps its threshold of 30 and gets the action tag; xss is still logged.
    expect(core.decideClasses(25, { sqli: 25 }, "sqli", false, false, 0)).toMatchObject({ action: "tag", flagged: true, klass: "sqli" });
    expect(core.decideClasses(31, { sqli: 31 }, "sqli", false, false, 0)).toMatchObject({ flagged: false });
    expect(core.decideClasses(5, { xss: 5 }, "xss", false, false, 0).action).toBe("log");
  });

  it("a route's mode is its classes' default action; the top level's other fields carry over", () => {
    use({ threshold: 30, class_thresholds: { sqli: { threshold: 40 } }, routes: [{ host: "a.example", mode: "log" }, { host: "b.example", threshold: 10 }] });
    expect(core.decideClasses(35, { sqli: 35 }, "sqli", false, false, 0)).toMatchObject({ action: "log", klass: "sqli" });
    expect(core.decideClasses(25, { rce: 25 }, "rce", false, false, 0)).toMatchObject({ action: "log", klass: "rce" });
    expect(core.decideClasses(25, { rce: 25 }, "rce", false, false, 1)).toMatchObject({ action: "tag", flagged: false });
    expect(core.decideClasses(35, { sqli: 35 }, "sqli", false, false, 1)).toMatchObject({ action: "block", klass: "sqli" });
  });
});
