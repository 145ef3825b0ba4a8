// models/data/real: how a recorded request is cut into wire parts (parts.ts), how fetched projects group into
// origins (origins.ts), and that the committed fetched.jsonl keeps its promises (schema, no duplicates, size, cap).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { bodyKind, cutRequest, headerName, holdsKey, isBinary, splitUrl, MAX_TEXT, type Req } from "../../models/data/real/parts";
import { originOf } from "../../models/data/origins";
import { requestsOf, urlsOf } from "../../models/data/real/formats";
import { siteOf } from "../../models/data/real/heldout";
import { loadJsonl, readRequests } from "../../models/data/load";

describe("cutRequest", () => {
  const cases: { name: string; req: Req; parts: [string, string][] }[] = [
    {
      name: "path and raw query, no decoding, fragment dropped",
      req: { url: "https://a.example/x/%7Ey;p=1?q=a%20b&r=#frag", headers: [] },
      parts: [["path", "/x/%7Ey;p=1"], ["query", "q=a%20b&r="]],
    },
    {
      name: "empty path is /; no query, no query part",
      req: { url: "https://a.example", headers: [] },
      parts: [["path", "/"]],
    },
    {
      name: "fixed-grammar, pseudo, credential headers and request-line junk left out; names canonical",
      req: {
        url: "https://a.example/",
        headers: [[":authority", "a.example"], ["accept-encoding", "gzip"], ["Host", "a.example"], ["authorization", "Bearer x"],
          ["user-agent", "UA/1"], ["sec-ch-ua-platform", '"Linux"'], ["x-request-id", "42"], ["GET /a?b HTTP/1.1", ""]],
      },
      parts: [["path", "/"], ["header:User-Agent", "UA/1"], ["header:Sec-CH-UA-Platform", '"Linux"'], ["header:X-Request-Id", "42"]],
    },
    {
      name: "HTTP/2 cookie headers joined into one",
      req: { url: "https://a.example/", headers: [["cookie", "a=1"], ["cookie", "b=2"]] },
      parts: [["path", "/"], ["header:Cookie", "a=1; b=2"]],
    },
    {
      name: "body kind from the Content-Type header",
      req: { url: "https://a.example/f", headers: [["Content-Type", "application/x-www-form-urlencoded; charset=utf-8"]], body: "a=1&b=2" },
      parts: [["path", "/f"], ["body:form", "a=1&b=2"]],
    },
    {
      name: "HAR mimeType wins over a header",
      req: { url: "https://a.example/f", headers: [["content-type", "text/plain"]], body: "{}", mimeType: "application/json" },
      parts: [["path", "/f"], ["body:json", "{}"]],
    },
    {
      name: "binary body dropped",
      req: { url: "https://a.example/u", headers: [], body: "PNG\u0000\u0001" },
      parts: [["path", "/u"]],
    },
    {
      name: "over-long body dropped",
      req: { url: "https://a.example/u", headers: [], body: "x".repeat(MAX_TEXT + 1) },
      parts: [["path", "/u"]],
    },
    {
      name: "data: URLs are not requests",
      req: { url: "data:image/png;base64,AAAA", headers: [["user-agent", "UA"]] },
      parts: [],
    },
  ];
  for (const c of cases) it(c.name, () => expect(cutRequest(c.req).map((p) => [p.where, p.text])).toEqual(c.parts));
});

describe("helpers", () => {
  it.each([
    ["", '{"a":1}', "body:json"],
    ["", "a=1&b=%20", "body:form"],
    ["", "<x/>", "body:xml"],
    ["", "hello world", "body:text"],
    ["application/vnd.api+json", "x", "body:json"],
    ["multipart/form-data; boundary=x", "--x", "body:multipart"],
    ["text/xml", "<a/>", "body:xml"],
  ])("bodyKind(%j, %j) = %s", (mime, body, kind) => expect(bodyKind(mime, body)).toBe(kind));
  it("headerName", () => {
    expect(headerName("x-okta-retry-for")).toBe("X-Okta-Retry-For");
    expect(headerName("SEC-CH-UA-MOBILE")).toBe("Sec-CH-UA-Mobile");
  });
  it("isBinary", () => {
    expect(isBinary("plain\ttext\r\n")).toBe(false);
    expect(isBinary("bad \ufffd decode")).toBe(true);
  });
  it("splitUrl rejects what is not scheme://host", () => expect(splitUrl("/relative")).toBeUndefined());
  it.each([
    ["q=the+matrix&api_key=bdfc018dbdb7c243", true],
    ['{"user":"a","token":"aPwSHwkLcNaavShx"}', true],
    ["user=u&password=hunter2hunter2", true],
    ["XSRF-TOKEN=eyJpdiI6IlArTWtJZm9saThscnA1", false], // a CSRF cookie: the name is not a key's
    ['{"max_tokens":4096}', false],
    ["token=short", false],
  ])("holdsKey(%j) = %s", (text, keyed) => expect(holdsKey(text)).toBe(keyed));
  it("credential-named headers are left out", () =>
    expect(cutRequest({ url: "https://a.example/", headers: [["trakt-api-key", "abc"], ["X-Session-Token", "t"], ["X-Client", "c"]] }).map((p) => p.where)).toEqual(["path", "header:X-Client"]));
});

describe("Chrome DevTools network logs (format cdp)", () => {
  const log = JSON.stringify([
    { method: "Network.requestWillBeSent", params: { requestId: "1", request: { url: "https://www.news.example/a?x=1", method: "GET", headers: { "User-Agent": "UA-asked" } } } },
    // the headers as sent, cookie included, come in an event of their own
    { method: "Network.requestWillBeSentExtraInfo", params: { requestId: "1", headers: { ":path": "/a?x=1", "user-agent": "UA-sent", cookie: "s=1; t=2" } } },
    { method: "Network.requestWillBeSent", params: { requestId: "2", request: { url: "https://ads.example/b", method: "POST", headers: { "Content-Type": "text/plain" }, postData: "a=b" } } },
    { method: "Network.responseReceived", params: { requestId: "1", response: { url: "https://www.news.example/a?x=1" } } },
    { method: "Network.requestWillBeSent", params: { requestId: "3", request: { url: "https://ads.example/c", method: "POST", headers: {}, postDataEntries: [{ bytes: Buffer.from("{\"k\":").toString("base64") }, { bytes: Buffer.from("1}").toString("base64") }] } } },
  ]);
  it("cuts each request with the headers it sent, and its body", () => {
    expect(requestsOf("cdp", log, "x.json").map((r) => r.map((p) => [p.where, p.text]))).toEqual([
      [["path", "/a"], ["query", "x=1"], ["header:User-Agent", "UA-sent"], ["header:Cookie", "s=1; t=2"]],
      [["path", "/b"], ["body:text", "a=b"]],
      [["path", "/c"], ["body:json", "{\"k\":1}"]],
    ]);
  });
  it("gives the URLs in order, and the site by the first", () => {
    expect(urlsOf("cdp", log)).toEqual(["https://www.news.example/a?x=1", "https://ads.example/b", "https://ads.example/c"]);
    expect(siteOf(urlsOf("cdp", log).map((url) => ({ url })))).toBe("news.example");
    expect(siteOf([{ url: "http://192.0.2.7:8080/x" }])).toBe("192.0.2.7");
  });
});

describe("origins of fetched projects", () => {
  it.each([
    ["praw-dev/praw:tests/integration/cassettes/TestX.test_a.json", "praw-dev/praw"],
    ["DataDog/datadog-api-client-python:tests/v2/cassettes/test_scenarios/a.yaml", "DataDog/datadog-api-client-python"],
    ["ropensci/taxize:tests/fixtures/apgFamilies.yml", "ropensci/taxize"],
    ["ropensci/rgbif:tests/fixtures/occ_search.yml", "ropensci/rgbif"],
    ["micmro/PerfCascade:src/test-data/chrome_github.com_home.har", "micmro/PerfCascade (github.com)"],
    ["micmro/PerfCascade:src/test-data/github.com.MODIFIED.151226_X7_b43d35e592fab70e0ba012fe11a41020.har", "micmro/PerfCascade (github.com)"],
    ["micmro/PerfCascade:src/test-data/wpt_h2_www.filamentgroup.com.har", "micmro/PerfCascade (filamentgroup.com)"],
    ["micmro/PerfCascade:src/test-data/www.bbc.co.uk.160529_8V_7R3.har", "micmro/PerfCascade (bbc.co.uk)"],
  ])("%s -> %s", (source, origin) => expect(originOf(source)).toBe(origin));
});

describe("fetched.jsonl.gz", () => {
  const rows = loadJsonl(resolve(__dirname, "../../models/data/real/fetched.jsonl.gz"));
  it("is benign request parts with a where, a repo:path source and a licence, each at most 16 KiB", () => {
    for (const r of rows) {
      expect(r.label).toBe(0);
      expect(r.where).toBe(r.kind);
      expect(r.where).toMatch(/^(path|query|body:(json|form|text|xml|multipart)|header:[A-Za-z0-9-]+)$/);
      expect(r.source).toMatch(/^[\w.-]+\/[\w.-]+:./);
      expect(["MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "ISC", "CC0-1.0", "CC-BY-4.0"]).toContain(r.licence);
      expect(r.text.length).toBeLessThanOrEqual(MAX_TEXT);
    }
  });
  it("has no duplicate (where, text) and no origin over the cap", () => {
    const keys = new Set(rows.map((r) => r.where + "\u0000" + r.text));
    expect(keys.size).toBe(rows.length);
    const perOrigin = new Map<string, number>();
    for (const r of rows) perOrigin.set(originOf(r.source), (perOrigin.get(originOf(r.source)) ?? 0) + 1);
    expect(Math.max(...perOrigin.values())).toBeLessThanOrEqual(800);
    expect(perOrigin.size).toBeGreaterThanOrEqual(15);
  });
  it("stays small enough to commit", () => expect(readFileSync(resolve(__dirname, "../../models/data/real/fetched.jsonl.gz")).length).toBeLessThan(4 << 20));
});

describe("requests.jsonl.gz (whole recorded requests, for false positives per request)", () => {
  const file = resolve(__dirname, "../../models/data/real/requests.jsonl.gz");
  const reqs = readRequests(file);
  const fetchedSources = new Set(loadJsonl(resolve(__dirname, "../../models/data/real/fetched.jsonl.gz")).map((r) => r.source));
  it("is requests of the fetched files, each with its parts as cutRequest writes them", () => {
    for (const r of reqs) {
      expect(Object.keys(r).sort()).toEqual(["parts", "source"]);
      expect(r.parts.length).toBeGreaterThan(0);
      for (const p of r.parts) {
        expect(p.where).toMatch(/^(path|query|body:(json|form|text|xml|multipart)|header:[A-Za-z0-9-]+)$/);
        expect(p.text.length).toBeLessThanOrEqual(MAX_TEXT);
      }
    }
    // a request's file also brought parts (those not already in the shared datasets) unless all of them were
    const sharedOnly = reqs.filter((r) => !fetchedSources.has(r.source)).length;
    expect(sharedOnly).toBeLessThan(reqs.length / 2);
  });
  it("holds each request once per origin and at most 300 per origin", () => {
    const perOrigin = new Map<string, Set<string>>();
    for (const r of reqs) {
      const o = originOf(r.source);
      if (!perOrigin.has(o)) perOrigin.set(o, new Set());
      perOrigin.get(o)!.add(JSON.stringify(r.parts));
    }
    expect([...perOrigin.values()].reduce((a, s) => a + s.size, 0)).toBe(reqs.length);
    expect(Math.max(...[...perOrigin.values()].map((s) => s.size))).toBeLessThanOrEqual(300);
  });
  it("stays small enough to commit", () => expect(readFileSync(file).length).toBeLessThan(4 << 20));
});
