// The readers formats.ts gained for heldout4.ts: Lighthouse reports (format lhr), recorded requests saved one a JSON
// file (request-json, Datadog's dd-trace-js cassettes) and Go httprr traces (httprr, LangChainGo's recordings).
import { describe, expect, it } from "vitest";
import { requestsOf, urlsOf } from "../../models/data/real/formats";
import { siteOf } from "../../models/data/real/heldout";

const cut = (format: Parameters<typeof requestsOf>[0], text: string, file = "x") => requestsOf(format, text, file).map((r) => r.map((p) => [p.where, p.text]));

describe("Lighthouse reports (format lhr)", () => {
  const items = [{ url: "https://www.news.example/" }, { url: "https://ads.example/px?id=7&t=1" }, { url: "data:image/png;base64,AAAA" }, { transferSize: 3 }];
  const lhr = JSON.stringify({ requestedUrl: "https://www.news.example/", audits: { "network-requests": { details: { type: "table", items } } } });
  it("cuts each listed request into its path and query (no headers, no body are recorded)", () => {
    expect(cut("lhr", lhr)).toEqual([[["path", "/"]], [["path", "/px"], ["query", "id=7&t=1"]]]);
  });
  it("gives every request the User-Agent the report says the browser sent", () => {
    const withUa = JSON.stringify({ ...JSON.parse(lhr), environment: { networkUserAgent: "Mozilla/5.0 Chrome/1", hostUserAgent: "host" } });
    expect(cut("lhr", withUa)).toEqual([[["path", "/"], ["header:User-Agent", "Mozilla/5.0 Chrome/1"]], [["path", "/px"], ["query", "id=7&t=1"], ["header:User-Agent", "Mozilla/5.0 Chrome/1"]]]);
  });
  it("reads a PageSpeed Insights response's lighthouseResult the same way", () => {
    expect(cut("lhr", JSON.stringify({ lighthouseResult: JSON.parse(lhr) }))).toEqual(cut("lhr", lhr));
  });
  it("gives the URLs in order, and the site by the first", () => {
    expect(urlsOf("lhr", lhr).slice(0, 2)).toEqual(["https://www.news.example/", "https://ads.example/px?id=7&t=1"]);
    expect(siteOf(urlsOf("lhr", lhr).map((url) => ({ url })))).toBe("news.example");
  });
  it("holds no request when the report has no network-requests audit", () => expect(cut("lhr", JSON.stringify({ audits: {} }))).toEqual([]));
});

describe("recorded requests one a JSON file (format request-json)", () => {
  const one = { request: { method: "POST", url: "https://api.llm.example/v1/chat?beta=true", headers: { "User-Agent": "SDK/1.2", "Content-Type": "application/json", "X-Client-Lang": "js" }, body: "{\"m\":1}" }, response: { status: { code: 200 } } };
  it("cuts the request as a cassette's: path, query, kept headers, body by its content type", () => {
    expect(cut("request-json", JSON.stringify(one), "a.json")).toEqual([
      [["path", "/v1/chat"], ["query", "beta=true"], ["header:User-Agent", "SDK/1.2"], ["header:X-Client-Lang", "js"], ["body:json", "{\"m\":1}"]],
    ]);
  });
  it("reads a list of them, and leaves out an entry without a request URL", () => {
    expect(cut("request-json", JSON.stringify([one, { request: { method: "GET" } }, { response: {} }]), "a.json")).toHaveLength(1);
  });
});

describe("Go httprr traces (format httprr)", () => {
  const req1 = "POST https://api.llm.example/v1/chat HTTP/1.1\r\nHost: api.llm.example\r\nUser-Agent: recorder-name\nContent-Length: 7\r\nAnthropic-Version: 2023-06-01\r\nContent-Type: application/json\r\n\r\n{\"m\":1}";
  const resp1 = "HTTP/2.0 200 OK\r\nContent-Length: 2\r\n\r\n{}";
  const req2 = "GET https://search.example/find?q=caf%C3%A9 HTTP/1.1\r\nHost: search.example\r\n\r\n";
  const resp2 = "HTTP/1.1 200 OK\r\n\r\n\u00e9";
  const len = (s: string) => Buffer.byteLength(s, "utf8");
  const trace = `httprr trace v1\n${len(req1)} ${len(resp1)}\n${req1}${resp1}${len(req2)} ${len(resp2)}\n${req2}${resp2}`;
  it("cuts each request by its byte count, leaving out the recorder's User-Agent and the response", () => {
    expect(cut("httprr", trace, "t.httprr")).toEqual([
      [["path", "/v1/chat"], ["header:Anthropic-Version", "2023-06-01"], ["body:json", "{\"m\":1}"]],
      [["path", "/find"], ["query", "q=caf%C3%A9"]],
    ]);
  });
  it("is not read without its first line", () => expect(() => requestsOf("httprr", trace.slice(16), "t.httprr")).toThrow());
});

describe("Ruby VCR cassettes with Psych's !binary strings (format cassette)", () => {
  // Ruby VCR records an ASCII-8BIT body (here a multipart upload) as `string: !binary |-` and base64, under
  // Psych's local tag, not YAML's `!!binary`.
  const body = Buffer.from("--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.txt\"\r\n\r\nhello\r\n--b--\r\n");
  const b64 = body.toString("base64").replace(/(.{60})/g, "$1\n        ");
  const cassette = `---\nhttp_interactions:\n- request:\n    method: post\n    uri: https://api.example/upload?x=1\n    body:\n      encoding: ASCII-8BIT\n      string: !binary |-\n        ${b64}\n    headers:\n      Content-Type:\n      - multipart/form-data; boundary=b\n      X-Trace:\n      - !binary |-\n        ${Buffer.from("t-1").toString("base64")}\n`;
  it("reads the body as the bytes the tag stands for, not as its base64", () => {
    const parts = cut("cassette", cassette, "c.yml")[0];
    const texts = parts.map(([, t]) => t).join("\n");
    expect(texts).toContain("hello");
    expect(texts).not.toContain(body.toString("base64").slice(0, 20));
  });
  it("reads a header value under the tag as its text", () => {
    expect(cut("cassette", cassette, "c.yml")[0]).toContainEqual(["header:X-Trace", "t-1"]);
  });
});
