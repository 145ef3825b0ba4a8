// Signatures (filter/core/signatures.ts): verdicts that score 1 in their class and overall, whatever
// the model makes of the text. An attack tool that names itself in the User-Agent (scanner; nowhere
// else, and not a browser, a library or a crawler); a serialized Java or PHP object as a value, and
// prototype pollution in a parameter name or JSON keys (rce).
import { beforeAll, describe, expect, it } from "vitest";
import { type Core, loadCore } from "../support/core";

let core: Core;
beforeAll(async () => { core = await loadCore(); expect(core.configure("")).toBeNull(); });

const TOOL_BANNERS = [
  "gobuster/3.6",
  "sqlmap/1.7.2#stable (https://sqlmap.org)",
  "Fuzz Faster U Fool v2.1.0-dev",
  "Mozilla/5.0 (compatible; Nuclei - Open-source project (github.com/projectdiscovery/nuclei))",
  "Mozilla/5.0 (compatible; Nmap Scripting Engine; https://nmap.org/book/nse.html)",
  "Mozilla/5.00 (Nikto/2.1.6) (Evasions:None) (Test:000001)",
  "WPScan v3.8.25 (https://wpscan.com/wordpress-security-scanner)",
];
const NOT_TOOLS = [
  "curl/8.4.0",
  "python-requests/2.31.0",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
  "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
];

describe("tool signatures", () => {
  it.each(TOOL_BANNERS)("%j in User-Agent scores 1, class scanner", (ua) => {
    const s = core.score("header:User-Agent", ua);
    expect(s.score).toBe(1);
    expect(s.classes.scanner).toBe(1);
    expect(s.worstClass).toBe("scanner");
    expect(s.worstText.startsWith(ua.slice(0, 12)), s.worstText).toBe(true); // decoded: runs of one byte are capped
  });

  it.each(NOT_TOOLS)("%j in User-Agent is left to the model", (ua) => {
    expect(core.score("header:User-Agent", ua).classes.scanner).toBeGreaterThan(20);
  });

  it("applies to the User-Agent only: a tool named in a query or another header is the model's to judge", () => {
    const banner = "gobuster/3.6";
    const viaModel = core.score("header:User-Agent", "curl/8.4.0").classes.scanner;
    expect(viaModel).toBeGreaterThan(1);
    for (const where of ["query", "header:X-Note", "body:text"]) expect(core.score(where, banner).classes.scanner, where).toBeGreaterThan(1);
  });
});

// A serialized java.util.HashMap (the stream magic AC ED 00 05 and a class descriptor), as base64.
const JAVA_B64 = "rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAAAx3CAAAABAAAAAA";
const javaRaw = Buffer.from(JAVA_B64, "base64");

const SERIALIZED: Array<[string, string | Uint8Array]> = [
  ["query", `state=${JAVA_B64}`],
  ["body:form", `javax.faces.ViewState=${encodeURIComponent(JAVA_B64)}`],
  ["header:Cookie", `session=${JAVA_B64}`],
  ["query", `data=aced0005${javaRaw.subarray(4).toString("hex")}`],
  ["body:text", new Uint8Array(javaRaw)],
  ["query", 'data=O:8:"stdClass":1:{s:4:"code";s:20:"ZXZhbCgkX0dFVFsnYyddKTs=";}'],
  ["body:json", JSON.stringify({ cart: 'O:19:"App\\Models\\Basket":1:{s:5:"items";a:0:{}}' })],
  ["header:Cookie", 'prefs=C:11:"ArrayObject":21:{x:i:0;a:0:{};m:a:0:{}}'],
];
const NOT_SERIALIZED: Array<[string, string]> = [
  ["query", 'cart=a:2:{i:0;s:3:"one";i:1;s:3:"two";}'], // a PHP array, no object: no gadget to run
  ["query", "token=rO0"],
  ["body:json", JSON.stringify({ note: "see rO0AB in the docs", id: "acedface" })],
  ["query", 'q=FOO:8:"Bar":1:{'], // O: inside a word
];

const POLLUTION: Array<[string, string]> = [
  ["query", "a[__proto__][isAdmin]=true"],
  ["query", "__proto__.isAdmin=true"],
  ["query", "%5F%5Fproto%5F%5F%5BisAdmin%5D=true"],
  ["query", "x[constructor][prototype][isAdmin]=true"],
  ["body:form", "settings.constructor.prototype.shell=/bin/sh"],
  ["header:Cookie", "a[__proto__][b]=1"],
  ["body:json", '{"__proto__":{"isAdmin":true}}'],
  ["body:json", '{"user":{"constructor":{"prototype":{"isAdmin":true}}}}'],
  ["body:json", '{"\\u005f_proto__":{"isAdmin":true}}'], // JSON.parse unescapes the key
  ["body:json", '{"a":1, "__proto__" : [{"isAdmin":true}]}'],
  ["body:json", '{"constructor": {"prototype": {"isAdmin":true}}}'],
  ["query", "a[constructor][prototype].isAdmin=1"],
];
const NOT_POLLUTION: Array<[string, string]> = [
  ["query", "proto=http&x__proto__y=1"],
  ["query", "constructor=Foo&prototype=bar"],
  ["body:json", '{"constructor":"Foo","prototype":"bar"}'],
  ["body:json", '{"kind":"constructor","name":"prototype"}'],
  ["body:json", '{"text":"JavaScript sets an object\u0027s __proto__ and its constructor.prototype, see MDN"}'],
  // A primitive assigned to __proto__ or prototype changes no prototype.
  ["body:json", '{"__proto__":12,"isAdmin":true}'],
  ["body:json", '{"__proto__":"x"}'],
  ["body:json", '{"path":"__proto__","value":{"a":1}}'],
  ["body:json", '{"constructor":{"prototype":"x"}}'],
  ["query", "a[__proto__]=1"],
  ["query", "__proto__=1&x=2"],
  ["body:form", "settings.constructor.prototype=1"],
];

describe.each([
  ["serialized-object", SERIALIZED, NOT_SERIALIZED],
  ["prototype-pollution", POLLUTION, NOT_POLLUTION],
] as Array<[string, Array<[string, string | Uint8Array]>, Array<[string, string]>]>)("%s signatures", (_kind, hits, misses) => {
  it.each(hits)("%s %j scores 1, class rce", (where, text) => {
    const s = core.score(where, text);
    expect(s.score).toBe(1);
    expect(s.classes.rce).toBe(1);
  });
  it.each(misses)("%s %j is left to the model", (where, text) => {
    expect(core.score(where, text).classes.rce).toBeGreaterThan(1);
  });
});

it("a path segment named __proto__ is not a parameter name", () => {
  expect(core.score("path", "/docs/__proto__/index.html").classes.rce).toBeGreaterThan(1);
});
