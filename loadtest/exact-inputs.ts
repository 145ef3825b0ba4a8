// The requests `make exact` scores with two cores, in a fixed order: every bench body, every row
// of the given files (dataset rows and recorded requests), and synthetic inputs from a fixed seed
// (token soups with escapes, verdict triggers and odd bytes; base64 near decodeBase64Text's
// printable line; random binary bodies; with EXACT_PAIRS=1 every byte pair in a short value). Read by loadtest/exact.ts
// and loadtest/gate-census.ts.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { REPO_ROOT, type CoreRequest } from "../node/core";
import { partRequest, requestOf } from "../node/http";
import { BINARY_BODY_TYPES, fillRandom, bodyRequest } from "./uploads";

interface Body { where: string; text: string }
/** A line of a rows file: a dataset row ({where, text, label}) or a recorded request ({parts}). */
export interface Row { parts?: Body[]; where: string | string[]; text: string; label?: number; source?: string }

/**
 * [label, request, row] for each input; label names the group (bench, the file, synth, b64, pair)
 * and the row; row is the line it came from, for inputs read from files.
 */
export function* exactInputs(files: string[]): Generator<[string, CoreRequest, Row?]> {
  const enc = new TextEncoder();
  const scen = JSON.parse(readFileSync(resolve(REPO_ROOT, "loadtest/scenarios.json"), "utf8")) as { core: Record<string, Body> };
  for (const [name, s] of Object.entries(scen.core)) yield ["bench " + name, partRequest(s.where, enc.encode(s.text))];
  let row = 0;
  for (const f of files) {
    for (const line of readFileSync(f, "utf8").split("\n")) {
      if (!line) continue;
      row++;
      const r = JSON.parse(line) as Row;
      let parts: Array<[string, string]>;
      if (r.parts) parts = r.parts.map((p) => [p.where, p.text]);
      else parts = (Array.isArray(r.where) ? r.where : [r.where]).map((w: string) => [w, r.text]);
      yield [f + ":" + row, requestOf(parts), r];
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
    yield ['synth:' + r, partRequest(where, bytes)];
  }
  // Base64 of bytes printable 8, 9 or 9.5 times in 10: decodeBase64Text's 9-in-10 line.
  for (let r = 0; r < Number(process.env.EXACT_BASE64 ?? 20000); r++) {
    const n = 12 + rnd(150), p = [80, 90, 95][r % 3];
    const bytes = Buffer.alloc(n);
    for (let k = 0; k < n; k++) bytes[k] = rnd(100) < p ? 0x20 + rnd(95) : rnd(2) ? rnd(0x20) : 0x80 + rnd(128);
    let b = bytes.toString(r % 2 ? 'base64' : 'base64url');
    if (r % 5 === 0) b = b.replace(/=+$/, '');
    yield ['b64:' + r, partRequest(['query', 'body:json', 'body:form'][r % 3], r % 3 === 1 ? `{"t":"${b}"}` : 't=' + b)];
  }
  // Binary uploads: random 128 KiB bodies sent as application/octet-stream, image/jpeg, text/plain,
  // with no type (fetch() of an ArrayBuffer), and as JSON or XML (a gzip stream without its
  // Content-Encoding). Scored whole, such bodies were raised by a verdict's few-byte trigger met by
  // chance (`make binary-bodies` counts them; request/body.ts now reads a binary body's text runs).
  for (let r = 0; r < Number(process.env.EXACT_BINARY ?? 240); r++) {
    const bytes = new Uint8Array(131072);
    seed = fillRandom(bytes, seed);
    yield ['bin:' + r, bodyRequest(BINARY_BODY_TYPES[r % BINARY_BODY_TYPES.length], bytes)];
  }
  // Every byte pair inside a short value, in two places (the byte-class tables and block tests).
  if (process.env.EXACT_PAIRS) for (let b1 = 0; b1 < 256; b1++) for (let b2 = 0; b2 < 256; b2++) {
    const v = Uint8Array.from([0x61, b1, b2, 0x62]);
    yield [`pair:${b1},${b2}`, partRequest(b2 & 1 ? 'query' : 'body:text', v)];
  }
}
