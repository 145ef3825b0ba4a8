// Headers with a fixed grammar, and whether a value fits it: such a header is not scored when it
// fits (its value cannot carry an injection), and is scored like any other when it does not.
// Called by request/request.ts for every request header. A Chromium browser's request has four
// such headers besides the fixed-token ones (`Accept-Language` and three client hints): before
// they were parsed, each was a window for the model (`make profile-filter`: the browser GET's
// instructions -17%).

import { equalsCI, startsWithCI, isLetter, skipSpacesAndTabs } from "../lib/bytes";
import { groupWords } from "../lib/groups";

export const enum Grammar {
  NONE = 0,     // free text: always scored
  TOKENS = 1,   // tokens, numbers, media types, q-values, host names: [A-Za-z0-9 ,;=/.*+_:?-]
  MEDIA = 2,    // a Content-Type: TOKENS plus the quoting and parameter bytes a boundary may use
  LANGUAGE = 3, // an Accept-Language: language ranges and q-values, parsed (languageRanges)
  CLIENT_HINT = 4, // a user-agent client hint, a structured field as browsers send it (clientHint)
}

// Lower-case names of headers whose every legitimate value is TOKENS. Accept-Language is not one
// (Log4Shell was sent in it: its grammar is parsed, languageRanges), nor anything a client fills
// with free text or URLs.
export const TOKEN_HEADERS: StaticArray<string> = [
  ":method", ":scheme", ":authority", "host", "content-length", "accept", "accept-encoding",
  "accept-charset", "connection", "keep-alive", "te", "transfer-encoding", "upgrade", "cache-control",
  "pragma", "upgrade-insecure-requests", "dnt", "priority", "x-forwarded-proto", "x-request-id",
  "sec-fetch-dest", "sec-fetch-mode", "sec-fetch-site", "sec-fetch-user",
  "content-encoding", "expect", "x-envoy-expected-rq-timeout-ms", "x-envoy-internal",
];

// 1 for the bytes of a TOKENS value, 2 for those a MEDIA value adds ('"', '\'', '(', ')').
// 256 entries, generated from the two sets above.
const BYTES = memory.data<u8>([
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  1, 0, 2, 0, 0, 0, 0, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1,
  0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1,
  0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
]);

// The user-agent client hints a Chromium browser sends (every request: `Sec-CH-UA`, `-Mobile`,
// `-Platform`), or on a server's request for them.
export const CLIENT_HINT_HEADERS: StaticArray<string> = [
  "sec-ch-ua", "sec-ch-ua-mobile", "sec-ch-ua-platform", "sec-ch-ua-platform-version", "sec-ch-ua-arch",
  "sec-ch-ua-bitness", "sec-ch-ua-model", "sec-ch-ua-full-version", "sec-ch-ua-full-version-list",
  "sec-ch-ua-wow64", "sec-ch-ua-form-factors",
];

// Every header name above with its grammar, grouped by length, each length's range in
// LENGTH_RANGES (no name is as long as MAX_NAME_LENGTH), and each name's grammar in
// GRAMMAR_BY_LENGTH.
const MAX_NAME_LENGTH = 64;
export const GRAMMAR_HEADERS = grammarHeaders();
const BY_LENGTH = new StaticArray<string>(GRAMMAR_HEADERS.length);
const LENGTH_RANGES = groupWords(GRAMMAR_HEADERS, MAX_NAME_LENGTH, (w: string): i32 => w.length, BY_LENGTH);
const GRAMMAR_BY_LENGTH = grammarsOf(BY_LENGTH);

function grammarHeaders(): StaticArray<string> {
  let out = new StaticArray<string>(TOKEN_HEADERS.length + 1 + CLIENT_HINT_HEADERS.length);
  let k = 0;
  for (let i = 0; i < TOKEN_HEADERS.length; i++) out[k++] = TOKEN_HEADERS[i];
  out[k++] = "accept-language";
  for (let i = 0; i < CLIENT_HINT_HEADERS.length; i++) out[k++] = CLIENT_HINT_HEADERS[i];
  return out;
}

function grammarsOf(names: StaticArray<string>): StaticArray<u8> {
  let out = new StaticArray<u8>(names.length);
  for (let i = 0; i < names.length; i++) {
    let g = Grammar.TOKENS;
    if (names[i] == "accept-language") g = Grammar.LANGUAGE;
    else if (names[i].startsWith("sec-ch-ua")) g = Grammar.CLIENT_HINT;
    out[i] = <u8>g;
  }
  return out;
}

export function headerGrammar(name: usize, nameLen: i32): Grammar {
  if (equalsCI(name, nameLen, "content-type")) return Grammar.MEDIA;
  // Only the names of this length (every request's headers come here: a browser sends 16).
  if (nameLen < MAX_NAME_LENGTH) {
    let range = load<u16>(changetype<usize>(LENGTH_RANGES) + (<usize>nameLen << 1));
    for (let i = <i32>(range >> 8), end = <i32>(range & 0xFF); i < end; i++) {
      if (equalsCI(name, nameLen, unchecked(BY_LENGTH[i]))) return <Grammar>unchecked(GRAMMAR_BY_LENGTH[i]);
    }
  }
  // Envoy's own headers (x-envoy-*) are set or stripped by Envoy at the edge.
  if (startsWithCI(name, nameLen, "x-envoy-")) return Grammar.TOKENS;
  return Grammar.NONE;
}

// Whether the value fits the grammar: for TOKENS and MEDIA, every byte belongs to the set.
export function fitsGrammar(g: Grammar, p: usize, n: i32): bool {
  if (g == Grammar.LANGUAGE) return languageRanges(p, n);
  if (g == Grammar.CLIENT_HINT) return clientHint(p, n);
  let allowed: u32 = g == Grammar.MEDIA ? 3 : 1;
  let prev: u32 = 0;
  for (let i = 0; i < n; i++) {
    let c = <u32>load<u8>(p + i);
    if ((<u32>load<u8>(BYTES + <usize>c) & allowed) == 0) return false;
    // Two dots in a row are no token's, media type's or host's, and are a path's climb: a Rails
    // view read `Accept: ../../../../etc/passwd{{` as a template path (CVE-2019-5418).
    if (c == 0x2E && prev == 0x2E) return false;
    prev = c;
  }
  return true;
}

// ---- Accept-Language -------------------------------------------------------------------------
// Parsed, not a byte set: it is free text to a server that logs or stores it (Log4Shell and SQL
// injections were sent in it), and a set of its bytes would let `1 or 1=1` through. RFC 9110's
// language ranges: `*` or 1–8 letters, then `-` and 1–8 letters or digits, any number of times,
// each with an optional `;q=` weight, separated by `,` with optional blanks (`en-US,en;q=0.9`).
// A range holds no blank, so a value with words in it does not fit.
export function languageRanges(p: usize, n: i32): bool {
  let i = 0;
  if (n == 0) return false;
  while (true) {
    i = skipSpacesAndTabs(p, n, i);
    if (i < n && load<u8>(p + <usize>i) == 0x2A) i++; // '*'
    else {
      let k = runOf(p, n, i, false);
      if (k < 1 || k > 8) return false;
      i += k;
      while (i < n && load<u8>(p + <usize>i) == 0x2D) { // '-'
        k = runOf(p, n, i + 1, true);
        if (k < 1 || k > 8) return false;
        i += 1 + k;
      }
    }
    i = skipSpacesAndTabs(p, n, i);
    if (i < n && load<u8>(p + <usize>i) == 0x3B) { // ';q='
      i++;
      i = skipSpacesAndTabs(p, n, i);
      if (i + 2 > n || (<u32>load<u8>(p + <usize>i) | 0x20) != 0x71 || load<u8>(p + <usize>(i + 1)) != 0x3D) return false;
      i += 2;
      let s = i;
      while (i < n && (<u32>load<u8>(p + <usize>i) - 0x30 < 10 || load<u8>(p + <usize>i) == 0x2E) && i - s < 5) i++;
      if (i == s) return false;
      i = skipSpacesAndTabs(p, n, i);
    }
    if (i >= n) return true;
    if (load<u8>(p + <usize>i) != 0x2C) return false; // ','
    i++;
  }
}

// ---- User-agent client hints -----------------------------------------------------------------
// A structured field (RFC 8941) as Chromium writes the hints: a list of items, each a string
// (`"Chromium"`), a boolean (`?0`) or a number, with parameters (`;v="120"`), separated by `,`.
// A string holds letters, digits, blanks (at most two), `.`, `_` and `-`, or is the brand a
// browser makes up so that servers do not parse the list naively (`"Not_A Brand"`,
// `"Not/A)Brand"`, `" Not A;Brand"`: `Not`, one of ` ():-./;=?_`, `A`, one of them, `Brand`). No
// such value has room for an injection's syntax; any other value is scored.
export function clientHint(p: usize, n: i32): bool {
  let i = 0;
  if (n == 0 || n > MAX_CLIENT_HINT_BYTES) return false;
  while (true) {
    i = skipSpacesAndTabs(p, n, i);
    i = bareItem(p, n, i);
    if (i < 0) return false;
    while (i < n && load<u8>(p + <usize>i) == 0x3B) { // ';' key '=' item
      i++;
      let k = i;
      while (i < n && (isLetter(<u32>load<u8>(p + <usize>i)) || load<u8>(p + <usize>i) == 0x2D)) i++;
      if (i == k || i >= n || load<u8>(p + <usize>i) != 0x3D) return false;
      i = bareItem(p, n, i + 1);
      if (i < 0) return false;
    }
    i = skipSpacesAndTabs(p, n, i);
    if (i >= n) return true;
    if (load<u8>(p + <usize>i) != 0x2C) return false; // ','
    i++;
  }
}

const MAX_CLIENT_HINT_BYTES = 512;
const MAX_HINT_STRING_BYTES = 40;

// Where the item at i ends (a string, `?0`/`?1`, or digits and dots), or -1.
function bareItem(p: usize, n: i32, i: i32): i32 {
  if (i >= n) return -1;
  let c = <u32>load<u8>(p + <usize>i);
  if (c == 0x3F) return i + 1 < n && (load<u8>(p + <usize>(i + 1)) == 0x30 || load<u8>(p + <usize>(i + 1)) == 0x31) ? i + 2 : -1; // ?0 ?1
  if (c - 0x30 < 10) {
    while (i < n && (<u32>load<u8>(p + <usize>i) - 0x30 < 10 || load<u8>(p + <usize>i) == 0x2E)) i++;
    return i;
  }
  if (c != 0x22) return -1;
  let s = i + 1;
  let e = s;
  while (e < n && load<u8>(p + <usize>e) != 0x22) e++;
  if (e >= n || e - s > MAX_HINT_STRING_BYTES) return -1;
  return plainHintString(p, s, e) || greaseBrand(p, s, e) ? e + 1 : -1;
}

// Letters, digits, `.`, `_`, `-` and at most two blanks (`Google Chrome`, `120.0.6099.130`, `SM-G991B`).
function plainHintString(p: usize, s: i32, e: i32): bool {
  let blanks = 0;
  for (let i = s; i < e; i++) {
    let c = <u32>load<u8>(p + <usize>i);
    if (c == 0x20) { if (++blanks > 2) return false; continue; }
    if (!(isLetter(c) || c - 0x30 < 10 || c == 0x2E || c == 0x5F || c == 0x2D)) return false;
  }
  return true;
}

// Chromium's made-up brand: an optional leading blank, `Not`, a GREASE byte, `A`, a GREASE byte,
// `Brand`.
function greaseBrand(p: usize, s: i32, e: i32): bool {
  if (e - s == 12 && load<u8>(p + <usize>s) == 0x20) s++;
  if (e - s != 11) return false;
  return load<u8>(p + <usize>s) == 0x4E && load<u8>(p + <usize>(s + 1)) == 0x6F && load<u8>(p + <usize>(s + 2)) == 0x74 && // Not
    isGrease(<u32>load<u8>(p + <usize>(s + 3))) && load<u8>(p + <usize>(s + 4)) == 0x41 && isGrease(<u32>load<u8>(p + <usize>(s + 5))) &&
    load<u8>(p + <usize>(s + 6)) == 0x42 && load<u8>(p + <usize>(s + 7)) == 0x72 && load<u8>(p + <usize>(s + 8)) == 0x61 &&
    load<u8>(p + <usize>(s + 9)) == 0x6E && load<u8>(p + <usize>(s + 10)) == 0x64; // Brand
}

// @ts-ignore: decorator
@inline function isGrease(c: u32): bool {
  return c == 0x20 || c == 0x28 || c == 0x3A || c == 0x2D || c == 0x2E || c == 0x2F || c == 0x29 || c == 0x3B || c == 0x3D ||
    c == 0x3F || c == 0x5F;
}

// How many letters (and digits, when digits) run from i.
function runOf(p: usize, n: i32, i: i32, digits: bool): i32 {
  let k = i;
  while (k < n) {
    let c = <u32>load<u8>(p + <usize>k);
    if (!(isLetter(c) || (digits && c - 0x30 < 10))) break;
    k++;
  }
  return k - i;
}
