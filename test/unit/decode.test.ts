// The decoding pipeline (filter/decode/*.ts) seen through core.wasm's trace of decoded parts:
// what text the model scores for an input, and which anomaly flags the decoders set.
import { beforeAll, describe, expect, it } from "vitest";
import { type Core, flagNames, loadCore } from "../support/core";

let core: Core;
beforeAll(async () => {
  core = await loadCore();
});

interface Case {
  name: string;
  where: string;
  input: string | Uint8Array;
  /** The decoded text of the one part the input yields (for query/form: the value of `a`). */
  text: string;
  flags: string[];
}

const bytes = (...b: number[]) => new Uint8Array(b);

// Inputs with '&' (HTML entities) go in a header: in a query '&' separates parameters.
const cases: Case[] = [
  // Percent decoding: once, then more rounds while the text keeps shrinking.
  { name: "single %HH", where: "query", input: "a=%3Cscript%3E", text: "<script>", flags: ["percent"] },
  { name: "lower-case hex", where: "query", input: "a=%3cb%3e", text: "<b>", flags: ["percent"] },
  { name: "double %2527", where: "query", input: "a=%2527", text: "'", flags: ["percent", "percent_multi"] },
  { name: "triple %252527", where: "query", input: "a=%252527", text: "'", flags: ["percent", "percent_multi"] },
  { name: "IIS %u003c", where: "query", input: "a=%u003c", text: "<", flags: ["percent", "percent_u"] },
  { name: "%U003C upper", where: "query", input: "a=%U003C", text: "<", flags: ["percent", "percent_u"] },
  { name: "%2B is a plus, not a space", where: "query", input: "a=%2B", text: "+", flags: ["percent"] },
  { name: "%20 in a path", where: "path", input: "/a%20b", text: "/a b", flags: ["percent"] },
  { name: "%3C in a header", where: "header:User-Agent", input: "x%3Cy", text: "x<y", flags: ["percent"] },

  // '+' is a space in query strings and forms only.
  { name: "+ in a query", where: "query", input: "a=b+c", text: "b c", flags: [] },
  { name: "+ in a form", where: "body:form", input: "a=b+c", text: "b c", flags: [] },
  { name: "+ kept in a path", where: "path", input: "/b+c", text: "/b+c", flags: [] },
  { name: "+ kept in a header", where: "header:User-Agent", input: "b+c", text: "b+c", flags: [] },
  { name: "+ kept in a cookie", where: "header:Cookie", input: "a=b+c", text: "b+c", flags: [] },
  { name: "+ kept in XML", where: "body:xml", input: "b+c", text: "b+c", flags: [] },
  { name: "+ is a space in a text/plain body that reads as a form (servers parse it so)", where: "body:text", input: "a=b+c", text: "b c", flags: [] },
  { name: "+ is kept in a text/plain body with no '=' (no form: its text)", where: "body:text", input: "b+c", text: "b+c", flags: [] },

  // Malformed percent sequences are kept as they are, and flagged.
  { name: "%zz kept", where: "query", input: "a=%zz", text: "%zz", flags: ["percent_bad"] },
  { name: "truncated %4 kept", where: "query", input: "a=%4", text: "%4", flags: ["percent_bad"] },
  { name: "lone % kept", where: "query", input: "a=100%", text: "100%", flags: ["percent_bad"] },
  { name: "bad %uzzzz kept", where: "query", input: "a=%uzzzz", text: "%uzzzz", flags: ["percent_bad"] },
  { name: "good and bad mixed", where: "query", input: "a=%41%zz", text: "A%zz", flags: ["percent", "percent_bad"] },

  // HTML character references.
  { name: "&lt;", where: "header:User-Agent", input: "&lt;", text: "<", flags: ["entity"] },
  { name: "&lt without ;", where: "header:User-Agent", input: "&lt", text: "<", flags: ["entity"] },
  { name: "&LT upper case", where: "header:User-Agent", input: "&LT", text: "<", flags: ["entity"] },
  { name: "&quot;", where: "header:User-Agent", input: "&quot;x&quot;", text: '"x"', flags: ["entity"] },
  { name: "&#60;", where: "header:User-Agent", input: "&#60;", text: "<", flags: ["entity"] },
  { name: "&#60 without ;", where: "header:User-Agent", input: "&#60", text: "<", flags: ["entity"] },
  { name: "&#x3C;", where: "header:User-Agent", input: "&#x3C;", text: "<", flags: ["entity"] },
  { name: "&#X3c; upper X", where: "header:User-Agent", input: "&#X3c;", text: "<", flags: ["entity"] },
  { name: "&#0000060 leading zeros", where: "header:User-Agent", input: "&#0000060", text: "<", flags: ["entity"] },
  { name: "nested &amp;lt;", where: "header:User-Agent", input: "&amp;lt;", text: "<", flags: ["entity"] },
  { name: "&colon; named", where: "header:User-Agent", input: "javascript&colon;", text: "javascript:", flags: ["entity"] },
  { name: "&colon without ; kept (not a legacy name)", where: "header:User-Agent", input: "&colon", text: "&colon", flags: [] },
  { name: "unknown &yy; kept", where: "header:User-Agent", input: "x&yy;", text: "x&yy;", flags: [] },
  { name: "&# without digits kept", where: "header:User-Agent", input: "&#;", text: "&#;", flags: [] },
  { name: "entities in JSON", where: "body:json", input: '{"a":"&lt;b&gt;"}', text: "<b>", flags: ["entity"] },

  // JavaScript-style escapes.
  { name: "\\u003c", where: "query", input: "a=\\u003c", text: "<", flags: ["escape"] },
  { name: "\\x3c", where: "query", input: "a=\\x3c", text: "<", flags: ["escape"] },
  { name: "\\x3cscript\\x3e", where: "header:User-Agent", input: "\\x3cscript\\x3e", text: "<script>", flags: ["escape"] },
  { name: "bad \\u00zz kept", where: "header:User-Agent", input: "\\u00zz", text: "\\u00zz", flags: [] },
  { name: "bad \\xzz kept", where: "header:User-Agent", input: "\\xzz", text: "\\xzz", flags: [] },

  // Layers: percent, then entities or escapes.
  { name: "%26lt%3B", where: "query", input: "a=%26lt%3B", text: "<", flags: ["percent", "entity"] },
  { name: "%5Cu003c", where: "query", input: "a=%5Cu003c", text: "<", flags: ["percent", "escape"] },

  // Overlong UTF-8 folds to the ASCII it hides; NUL bytes go.
  { name: "%c0%af is /", where: "path", input: "/a%c0%af", text: "/a/", flags: ["percent", "overlong"] },
  { name: "%C0%AE%C0%AE%C0%AF is ../", where: "query", input: "a=%C0%AE%C0%AE%C0%AF", text: "../", flags: ["percent", "overlong"] },
  { name: "3-byte %e0%80%af is /", where: "query", input: "a=%e0%80%af", text: "/", flags: ["percent", "overlong"] },
  { name: "4-byte %f0%80%80%ae is .", where: "query", input: "a=%f0%80%80%ae%f0%80%80%ae%f0%80%80%af", text: "../", flags: ["percent", "overlong"] },
  { name: "5- and 6-byte forms too", where: "query", input: "a=%f8%80%80%80%ae%fc%80%80%80%80%ae%c0%afetc", text: "../etc", flags: ["percent", "overlong"] },
  { name: "raw F0 80 80 AF bytes", where: "path", input: bytes(0x2f, 0x61, 0xf0, 0x80, 0x80, 0xaf), text: "/a/", flags: ["overlong"] },
  { name: "a real 4-byte character is kept", where: "query", input: "a=%f0%9f%98%80", text: "\u{1F600}", flags: ["percent"] },
  { name: "raw C0 AF bytes", where: "path", input: bytes(0x2f, 0x61, 0xc0, 0xaf), text: "/a/", flags: ["overlong"] },
  { name: "full-width <script> (raw UTF-8) folds to ASCII", where: "header:User-Agent", input: "＜ｓｃｒｉｐｔ＞", text: "<script>", flags: [] },
  { name: "full-width forms percent-encoded fold after decoding", where: "query", input: "a=%EF%BC%9C%EF%BD%93%EF%BC%9E", text: "<s>", flags: ["percent"] },
  { name: "%uFF07 (full-width apostrophe) folds to '", where: "query", input: "a=1%uFF07", text: "1'", flags: ["percent", "percent_u"] },
  { name: "the ends of the full-width range: U+FF01 ! and U+FF5E ~", where: "header:User-Agent", input: "！～", text: "!~", flags: [] },
  { name: "just outside it: U+FF00 and U+FF5F stay", where: "header:User-Agent", input: "x\uFF00\uFF5Fy", text: "x\uFF00\uFF5Fy", flags: [] },
  { name: "CJK text keeps its ideographs; its full-width punctuation folds", where: "header:User-Agent", input: "你好，世界！", text: "你好,世界!", flags: [] },
  { name: "C0 A7 is an apostrophe", where: "query", input: "a=%c0%a7", text: "'", flags: ["percent", "overlong"] },
  { name: "%00 removed", where: "query", input: "a=x%00y", text: "xy", flags: ["percent", "nul"] },
  { name: "raw NUL removed", where: "header:User-Agent", input: "x\0y", text: "xy", flags: ["nul"] },
  { name: "\\u0000 removed", where: "header:User-Agent", input: "x\\u0000y", text: "xy", flags: ["escape", "nul"] },

  // Plain text passes unchanged.
  { name: "plain ASCII", where: "query", input: "a=hello", text: "hello", flags: [] },
  { name: "UTF-8 kept", where: "query", input: "a=caf%C3%A9", text: "café", flags: ["percent"] },
];

describe("decoding", () => {
  it.each(cases)("$name", ({ where, input, text, flags }) => {
    const parts = core.parts(where, input).filter((p) => !(p.where === "body:json" && p.text === p.name));
    expect(parts.map((p) => ({ text: p.text, flags: flagNames(core, p.flags) }))).toEqual([{ text, flags }]);
  });
});

const b64 = (s: string) => Buffer.from(s).toString("base64");

describe("base64 values", () => {
  it.each([
    { name: "<script> in base64", value: b64("<script>alert(1)</script>"), decoded: "<script>alert(1)</script>", flags: ["base64"] },
    { name: "SQLi in base64", value: b64("1' OR '1'='1' -- "), decoded: "1' OR '1'='1' -- ", flags: ["base64"] },
    { name: "URL-safe alphabet", value: Buffer.from("<a href=x>>>?").toString("base64url"), decoded: "<a href=x>>>?", flags: ["base64"] },
    // Both alphabets' 63rd and 64th digits: '+' '/' and '-' '_'.
    { name: "standard alphabet with '/'", value: b64("?>?>?<script>a"), decoded: "?>?>?<script>a", flags: ["base64"] },
    { name: "URL-safe alphabet with '_'", value: Buffer.from("?>?>?<script>a").toString("base64url"), decoded: "?>?>?<script>a", flags: ["base64"] },
    { name: "percent-encoded payload inside", value: b64("%3Cscript%3Ealert(1)"), decoded: "<script>alert(1)", flags: ["percent", "base64"] },
    // Under 16 characters, with its padding: no word or ID ends in `=`.
    { name: "a short payload, padded", value: b64("$(id)"), decoded: "$(id)", flags: ["base64"] },
    { name: "a short payload, padded twice", value: b64("{{7*7}}"), decoded: "{{7*7}}", flags: ["base64"] },
    // Under 16 characters without it, when shaped as the base64 of printable text is (test tools' "flat" base64).
    { name: "a short payload, unpadded", value: Buffer.from("<script>").toString("base64url"), decoded: "<script>", flags: ["base64"] },
    { name: "a short SQL payload, unpadded", value: b64("' or 1=1--").replace(/=+$/, ""), decoded: "' or 1=1--", flags: ["base64"] },
  ])("$name yields an extra decoded part flagged base64", ({ value, decoded, flags }) => {
    const parts = core.parts("query", `a=${value}`);
    expect(parts.map((p) => ({ name: p.name, text: p.text, flags: flagNames(core, p.flags) }))).toEqual([
      { name: "a", text: value, flags: [] },
      { name: "a", text: decoded, flags },
    ]);
  });

  it("base64 after a run of one character is decoded from where the run ends", () => {
    // The run is cut to 4 bytes, which would shift the digits: the piece after it is decoded on its own.
    const value = "a".repeat(32) + b64("1' OR '1'='1");
    expect(core.parts("query", `a=${value}`).map((p) => ({ text: p.text, flags: flagNames(core, p.flags) }))).toEqual([
      { text: "aaaa" + b64("1' OR '1'='1"), flags: [] },
      { text: "1' OR '1'='1", flags: ["base64"] },
    ]);
  });

  it("a run inside base64 is cut in the decoded text, and what follows it is scored alone too", () => {
    const value = b64("a".repeat(32) + "1; DROP TABLE users--");
    expect(core.parts("query", `a=${value}`).map((p) => p.text)).toEqual([value, "aaaa1; DROP TABLE users--", "1; DROP TABLE users--"]);
  });

  it.each([
    { name: "an ordinary word", value: "ThisIsAnOrdinaryWord" },
    { name: "a lower-case word", value: "helloworldhelloworld" },
    { name: "a UUID", value: "550e8400-e29b-41d4-a716-446655440000" },
    { name: "an MD5 hex hash", value: "d41d8cd98f00b204e9800998ecf8427e" },
    { name: "an upper-case SHA-1 hex hash", value: "DA39A3EE5E6B4B0D3255BFEF95601890AFD80709" },
    { name: "a random session id", value: "q3F9zX0aB1cD2eF3gH4iJ5kL" },
    { name: "a JWT", value: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U" },
    { name: "a base64 string under 16 characters without its padding, of binary bytes", value: Buffer.from([0x8f, 0x01, 0xfe, 0x22, 0x90, 0x11]).toString("base64url") },
    { name: "an ID under 16 characters", value: "Ia5fJq0bX2cT" },
    { name: "a camelCase word under 16 characters", value: "disabledItems" },
    { name: "a camelCase word", value: "userTriggered" },
    { name: "a short word padded with `=`", value: "abcdefgh=" },
  ])("$name yields no decoded part", ({ value }) => {
    const parts = core.parts("query", `a=${value}`);
    expect(parts.map((p) => ({ text: p.text, flags: flagNames(core, p.flags) }))).toEqual([{ text: value, flags: [] }]);
  });

  // Short unpadded base64 is decoded by its shape (decode/base64.ts shortTextBase64), which random
  // IDs of those lengths pass now and then: what they decode to must not flag. Seeded, so that a
  // failure names an ID that can be read again.
  it("random URL-safe IDs of 8 to 15 characters are never flagged, as a path segment, a query value or a JSON field", () => {
    const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let seed = 20261207;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8;
    const flagged: string[] = [];
    let decoded = 0;
    for (let i = 0; i < 20000; i++) {
      const len = 8 + (next() % 8);
      let id = "";
      for (let k = 0; k < len; k++) id += ALPHABET[next() & 63];
      if (core.parts("query", `a=${id}`).length > 1) decoded++;
      for (const [where, text] of [["path", `/files/${id}/view`], ["query", `id=${id}`], ["body:json", JSON.stringify({ id })]]) {
        if (core.score(where, text).score <= 20) flagged.push(`${where} ${id}`);
      }
    }
    expect(flagged).toEqual([]);
    // Some do decode, so that the test reads the decoded texts and not none.
    expect(decoded).toBeGreaterThan(0);
  });
});
