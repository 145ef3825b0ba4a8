// Script run from a string decoded at run time, as filter bypasses write it: `eval(` (or the
// timers, the Function constructor, IE's execScript, `document.write(`) called on
// `String.fromCharCode(…)`, `atob(…)`, `unescape(…)` or `decodeURIComponent(…)`, so that no keyword
// of the payload appears in the request (`eval(String.fromCharCode(97,108,101,114,116,40,49,41))`,
// `document.write(String.fromCharCode(60,115,99,…))`). Script run from what the page's URL or
// window name holds, as DOM-based XSS proofs carry their payload outside the request's text
// (`eval(location.hash.slice(1))`, `setTimeout(name)`, `eval(document.referrer)`). And JSFuck,
// script written in the six characters `[]()!+` (`(![]+[])[+[]]`), which CRS 941360 blocks at
// paranoia level 1. A site's script decodes data, not code to run, evaluates no URL, and nothing
// but JSFuck writes `![]` over and over. The model scored the first 99, `document.write(String.
// fromCharCode(…))` 99, `eval(location.hash.slice(1))` 25 and a JSFuck fragment 91. Read by
// core/payloads.ts for texts with a '('; total and allocation-free.

import { byteAt, isOneOf, nameEnd, skipBlanks, matchesLowerAt } from "../lib/bytes";
import { indexOf2 } from "../lib/scan";

// What runs a string as script (lower case); `write` and `writeln` only as `document.`'s.
const RUNNERS: StaticArray<string> = ["eval", "settimeout", "setinterval", "function", "execscript", "write", "writeln"];
// What decodes one; `window.` or `self.` may come first.
const DECODERS: StaticArray<string> = ["atob", "unescape", "decodeuri", "decodeuricomponent"];
// What of `document` a DOM-based XSS reads its payload from (lower case, after `document.`).
const DOCUMENT_SOURCES: StaticArray<string> = ["referrer", "url", "documenturi", "baseuri"];

// Whether the call whose '(' is at i, after the name p[s..e), runs a decoded string, or one the
// page's URL or window name holds.
export function decodedScriptAt(p: usize, n: i32, i: i32, s: i32, e: i32): bool {
  // The runners' initials first: most calls are named otherwise.
  let c = <u32>load<u8>(p + <usize>s) | 0x20;
  if ((c != 0x65 && c != 0x73 && c != 0x66 && c != 0x77) || e - s < 4 || e - s > 11 || !isOneOf(p, n, s, e - s, RUNNERS)) return false;
  let writes = c == 0x77;
  if (writes && !matchesLowerAt(p, n, s - 9, "document.")) return false;
  let j = skipBlanks(p, n, i + 1);
  if (matchesLowerAt(p, n, j, "window.")) j += 7;
  else if (matchesLowerAt(p, n, j, "self.")) j += 5;
  if (decoderCallAt(p, n, j)) return true;
  // The URL and the window's name, to what runs script only: `function(name)` and
  // `document.write(location.href)` are a site's code.
  if (writes || c == 0x66) return false;
  return urlSourceAt(p, n, j, nameEnd(p, n, j));
}

// Whether a decoder's call opens at j: `String.fromCharCode(`, `atob(`, `unescape(`, `decodeURI(`,
// `decodeURIComponent(`.
export function decoderCallAt(p: usize, n: i32, j: i32): bool {
  if (matchesLowerAt(p, n, j, "string.fromcharcode")) return byteAt(p, n, skipBlanks(p, n, j + 19)) == 0x28;
  let k = nameEnd(p, n, j);
  return k - j >= 4 && isOneOf(p, n, j, k - j, DECODERS) && byteAt(p, n, skipBlanks(p, n, k)) == 0x28;
}

// Whether the name p[j..k) (after the runner's '(') is where a DOM-based XSS keeps its payload:
// `location` and a member of it (`location.hash`), the window's `name` alone, or `document.`'s
// referrer or URL.
function urlSourceAt(p: usize, n: i32, j: i32, k: i32): bool {
  let after = byteAt(p, n, skipBlanks(p, n, k));
  if (k - j == 8 && matchesLowerAt(p, n, j, "location")) return after == 0x2E || after == 0x29; // '.', ')'
  if (k - j == 4 && matchesLowerAt(p, n, j, "name")) return after == 0x29;
  if (k - j != 8 || !matchesLowerAt(p, n, j, "document") || byteAt(p, n, k) != 0x2E) return false;
  let m = nameEnd(p, n, k + 1);
  return isOneOf(p, n, k + 1, m - k - 1, DOCUMENT_SOURCES);
}

// How many JSFuck atoms make a text JSFuck (CRS blocks one `!![]`; a short run of them is still
// nothing a site writes).
const MIN_ATOMS = 4;

// Whether p[0..n) holds at least MIN_ATOMS empty arrays `[]` next to a `!` or a `+` (`![]`, `+[]`,
// `[]+`), one of them after a `!`. A query or form decodes `+` to a space, and JSFuck sent without
// encoding it still runs where the value is pasted as `! []`: there a `[]` after a space after
// `!`, `(`, `[`, `)` or `]` counts too.
export function jsfuck(p: usize, n: i32): bool {
  let atoms = 0;
  let negated = false;
  for (let i = indexOf2(p, 0, n, 0x5B, 0x5B); i + 1 < n; i = indexOf2(p, i + 1, n, 0x5B, 0x5B)) { // '['
    if (load<u8>(p + <usize>(i + 1)) != 0x5D) continue; // "[]"
    let before = i > 0 ? <u32>load<u8>(p + <usize>(i - 1)) : 0;
    if (before == 0x20 && i > 1) {
      let c = <u32>load<u8>(p + <usize>(i - 2));
      if (c == 0x21 || c == 0x28 || c == 0x5B || c == 0x29 || c == 0x5D) before = c == 0x21 ? 0x21 : 0x2B;
    }
    if (before == 0x21 || before == 0x2B || byteAt(p, n, i + 2) == 0x2B) {
      negated = negated || before == 0x21;
      if (++atoms >= MIN_ATOMS && negated) return true;
    }
  }
  return false;
}
