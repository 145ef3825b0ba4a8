// Log4Shell (CVE-2021-44228): a Log4j lookup that resolves to `${jndi:…}`, however its name is
// spelled with nested lookups (`${${::-j}ndi:`, `${${lower:J}ndi:`, `${${env:X:-j}ndi:`), as
// CRS 944150 blocks it at paranoia level 1. Read by core/payloads.ts; total and allocation-free.
// The model scored `${jNdI:ldAp://…}` in a User-Agent 69, and obfuscated spellings in prose 98.
// A `base64:` lookup is read as its decoding (`${${base64:JHtqbmRpOmxkYXA6Ly94fQ==}}`,
// `${jn${base64:ZGk=}:ldap://…}`): Log4j's manual listed one until 2023 (LOG4J2-3504), scanners
// send it, and Log4Shell's detection rules (Sigma's, log4shell-detector's) decode it; the model
// scored log4shell-detector's test strings 56 to 63 behind a User-Agent.

import { matchesLowerAt, skipBlanks } from "../lib/bytes";
import { indexOf2 } from "../lib/scan";
import { decodeBase64Text } from "../decode/base64";

// A lookup is resolved within this many bytes from its `${`.
const SPAN = 256;
// Scratch: the span being resolved.
const BUF = memory.data(SPAN);

// Whether the lookup whose `${` is at i resolves to a jndi lookup. Read by core/payloads.ts at
// each `${` of a text, which goes on from lookupEnd: the lookups inside this one's span were
// resolved with it.
export function jndiLookupAt(p: usize, n: i32, i: i32): bool {
  let len = min(SPAN, n - i);
  memory.copy(BUF, p + <usize>i, len);
  return resolvesToJndi(len);
}

// @ts-ignore: decorator
@inline export function lookupEnd(n: i32, i: i32): i32 { return i + min(SPAN, n - i); }

// Resolves BUF[0..len)'s innermost lookups one by one, each to the text Log4j would put in its
// place (the default after `:-`, the argument of lower: and upper:, base64:'s decoding, nothing for
// any other), until one is a jndi lookup or none is left.
function resolvesToJndi(len: i32): bool {
  while (true) {
    let close = indexOf2(BUF, 0, len, 0x7D, 0x7D); // '}'
    if (close >= len) return false;
    let open = -1;
    for (let j = close - 2; j >= 0; j--) {
      if (load<u8>(BUF + <usize>j) == 0x24 && load<u8>(BUF + <usize>(j + 1)) == 0x7B) { open = j; break; }
    }
    if (open < 0) {
      // A `}` that closes nothing: drop it and go on.
      memory.copy(BUF + <usize>close, BUF + <usize>(close + 1), len - close - 1);
      len--;
      continue;
    }
    let from = skipBlanks(BUF, close, open + 2);
    if (matchesLowerAt(BUF, close, from, "jndi")) {
      let j = skipBlanks(BUF, close, from + 4);
      if (j < close && load<u8>(BUF + <usize>j) == 0x3A) return true; // ':'
    }
    let v = valueOf(open + 2, from, close);
    // BUF[open, close] becomes BUF[v, close): the value, then the rest.
    let keep = close - v;
    memory.copy(BUF + <usize>open, BUF + <usize>v, keep);
    memory.copy(BUF + <usize>(open + keep), BUF + <usize>(close + 1), len - close - 1);
    len -= (close + 1 - open) - keep;
  }
  return false;
}

// Where the value of the lookup whose name runs from s (from: its first byte that is no blank) to
// close starts: after its first `:-`, after `lower:` or `upper:`, or at close (an empty value). A
// `base64:` lookup's argument is decoded in place and moved to end at close (a decoding is never
// longer than its encoding); one that is no base64 of text is an empty value.
function valueOf(s: i32, from: i32, close: i32): i32 {
  for (let j = s; j + 1 < close; j++) {
    if (load<u8>(BUF + <usize>j) == 0x3A && load<u8>(BUF + <usize>(j + 1)) == 0x2D) return j + 2;
  }
  if (matchesLowerAt(BUF, close, s, "lower:") || matchesLowerAt(BUF, close, s, "upper:")) return s + 6;
  if (matchesLowerAt(BUF, close, from, "base64:")) {
    let a = from + 7;
    let m = max(0, decodeBase64Text(BUF + <usize>a, close - a, BUF + <usize>a));
    memory.copy(BUF + <usize>(close - m), BUF + <usize>a, m);
    return close - m;
  }
  return close;
}
