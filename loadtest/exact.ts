// `make exact`: whether a change to the core kept every result. Scores every dataset row, recorded
// request and bench body, and synthetic inputs (token soups with escapes, verdict triggers and odd
// bytes; base64 near decodeBase64Text's printable line; with EXACT_PAIRS=1 every byte pair in a
// short value) with two core.wasm builds, and compares everything each returns — logits, class
// scores, worst class, where, name and text, parts, windows, features, overflow — and the decoded
// texts (lastParts). For speedups that must change no score (README, Performance). Usage: tsx
// loadtest/exact.ts before.wasm after.wasm [rows.jsonl ...]; EXACT_CONFIG: a plugin configuration
// for both (exclude_params, a low max_parts ...). Exits 1 on any difference.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Core, REPO_ROOT } from "../node/core";
import { partRequest, requestOf } from "../node/http";

const [a, b, ...files] = process.argv.slice(2);
if (!a || !b) { console.error("usage: tsx loadtest/exact.ts before.wasm after.wasm [rows.jsonl ...]"); process.exit(2); }
const A = await Core.load(a), B = await Core.load(b);
if (process.env.EXACT_CONFIG) for (const c of [A, B]) { const e = c.configure(process.env.EXACT_CONFIG); if (e) throw new Error(e); }
let rows = 0, diffs = 0;
function cmp(label: string, f: (c: Core) => unknown) {
  rows++;
  const ra = JSON.stringify(f(A)), pa = JSON.stringify(A.lastParts());
  const rb = JSON.stringify(f(B)), pb = JSON.stringify(B.lastParts());
  if (ra !== rb || pa !== pb) {
    diffs++;
    if (diffs <= 5) console.log("DIFF", label, ra === rb ? "(parts only)" : "", "\n A", ra.slice(0, 400), "\n B", rb.slice(0, 400));
  }
}
const enc = new TextEncoder();
interface Body { where: string; text: string }
const scen = JSON.parse(readFileSync(resolve(REPO_ROOT, "loadtest/scenarios.json"), "utf8")) as { core: Record<string, Body> };
for (const [name, s] of Object.entries(scen.core)) cmp(name, (c) => c.scoreRequest(partRequest(s.where, enc.encode(s.text))));
for (const f of files) {
  for (const line of readFileSync(f, "utf8").split("\n")) {
    if (!line) continue;
    // A dataset row ({where, text}) or a recorded request ({parts: [{where, text}]}).
    const r = JSON.parse(line) as { parts?: Body[]; where: string | string[]; text: string };
    let parts: Array<[string, string]>;
    if (r.parts) parts = r.parts.map((p) => [p.where, p.text]);
    else parts = (Array.isArray(r.where) ? r.where : [r.where]).map((w: string) => [w, r.text]);
    cmp(f + ":" + rows, (c) => c.scoreRequest(requestOf(parts)));
  }
}
// Synthetic bodies from a fixed seed: JSON-ish and form-ish token soups (junk, escapes, words,
// unterminated strings, deep nesting, percent and overlong bytes, long runs, base64-like values).
let seed = 12345;
const rnd = (n: number) => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return (seed >>> 8) % n; };
const toks = ['{', '}', '[', ']', ':', ',', '"', '"', '"', '\\', '\\"', '\\u0041', '\\u00', '\\ud83d\\ude00', '\\n', 'true', 'tru', 'null', 'false', 'fals', '-1.5e3', '42', ' ', '\n  ', '\t',
  'abc', 'user', 'name', 'a.b', 'x..y', '%41', '%2', '%u0041', '%25%34%31', '+', '&', '=', ';', '; ', '&amp;', '&#x3c;', '\\x41', 'aaaaaaaaaa', 'QUJDREVGR0hJSktMTU5PUA==', 'dGVzdCBzdHJpbmcgaGVyZQ',
  '<script>', "' or 1=1--", '__proto__', 'constructor', 'prototype', '\u00c0\u00af', '\u00ef\u00bc\u009c', '\u0000', 'x'.repeat(40), '0123456789abcdef0123', 'é', '漢字', '~!', '$ne', 'a[b]', '%00', '%C0%AF', '%E0%80%AF', '%F0%80%80%AE', 'ఏ వ్యక్తిని', '＜ｓｃｒｉｐｔ＞', '\u00e0\u00b0\u008f', '\u0000', 'x%00y', '&lt;&#60;&#x3C', '%%', '%u00', '\\u00', 'pass\\u0000word', '@type', 'com.sun.rowset.JdbcRowSetImpl', 'Bcc: x@y.z', '\\r\\nBcc:', '\r\nRCPT TO:', 'classLoader', '"__proto__":{', '"constructor":{"prototype":{'];
const kinds = ['body:json', 'body:form', 'query', 'header:Cookie', 'body:text', 'path'];
const latin1 = (s: string) => Uint8Array.from(s, (ch) => ch.charCodeAt(0) & 0xff);
for (let r = 0; r < Number(process.env.EXACT_SOUPS ?? 30000); r++) {
  let s = '';
  const n = 1 + rnd(r % 10 === 0 ? 400 : 40);
  for (let k = 0; k < n; k++) s += toks[rnd(toks.length)];
  const where = kinds[r % kinds.length];
  const bytes = r % 3 === 0 ? latin1(s) : enc.encode(s);
  cmp('synth:' + r, (c) => c.scoreRequest(partRequest(where, bytes)));
}
// Base64 of bytes printable 8, 9 or 9.5 times in 10: decodeBase64Text's 9-in-10 line.
for (let r = 0; r < Number(process.env.EXACT_BASE64 ?? 20000); r++) {
  const n = 12 + rnd(150), p = [80, 90, 95][r % 3];
  const bytes = Buffer.alloc(n);
  for (let k = 0; k < n; k++) bytes[k] = rnd(100) < p ? 0x20 + rnd(95) : rnd(2) ? rnd(0x20) : 0x80 + rnd(128);
  let b = bytes.toString(r % 2 ? 'base64' : 'base64url');
  if (r % 5 === 0) b = b.replace(/=+$/, '');
  cmp('b64:' + r, (c) => c.scoreRequest(partRequest(['query', 'body:json', 'body:form'][r % 3], r % 3 === 1 ? `{"t":"${b}"}` : 't=' + b)));
}
// Every byte pair inside a short value, in two places (the byte-class tables and block tests).
if (process.env.EXACT_PAIRS) for (let b1 = 0; b1 < 256; b1++) for (let b2 = 0; b2 < 256; b2++) {
  const v = Uint8Array.from([0x61, b1, b2, 0x62]);
  cmp(`pair:${b1},${b2}`, (c) => c.scoreRequest(partRequest(b2 & 1 ? 'query' : 'body:text', v)));
}
console.log(`rows=${rows} diffs=${diffs}`);
process.exit(diffs ? 1 : 0);
