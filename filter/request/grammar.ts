// Headers with a fixed grammar, and whether a value fits it: such a header is not scored when it
// fits (its value cannot carry an injection), and is scored like any other when it does not.
// Called by request/request.ts for every request header.

import { equalsCI, startsWithCI } from "../lib/bytes";

export const enum Grammar {
  NONE = 0,     // free text: always scored
  TOKENS = 1,   // tokens, numbers, media types, q-values, host names: [A-Za-z0-9 ,;=/.*+_:?-]
  MEDIA = 2,    // a Content-Type: TOKENS plus the quoting and parameter bytes a boundary may use
}

// Lower-case names of headers whose every legitimate value is TOKENS. Accept-Language is not one
// (Log4Shell was sent in it), nor anything a client fills with free text or URLs.
export const TOKEN_HEADERS: StaticArray<string> = [
  ":method", ":scheme", ":authority", "host", "content-length", "accept", "accept-encoding",
  "accept-charset", "connection", "keep-alive", "te", "transfer-encoding", "upgrade", "cache-control",
  "pragma", "upgrade-insecure-requests", "dnt", "priority", "x-forwarded-proto", "x-request-id",
  "sec-fetch-dest", "sec-fetch-mode", "sec-fetch-site", "sec-fetch-user", "sec-ch-ua-mobile",
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

export function headerGrammar(name: usize, nameLen: i32): Grammar {
  if (equalsCI(name, nameLen, "content-type")) return Grammar.MEDIA;
  for (let i = 0; i < TOKEN_HEADERS.length; i++) {
    if (equalsCI(name, nameLen, unchecked(TOKEN_HEADERS[i]))) return Grammar.TOKENS;
  }
  // Envoy's own headers (x-envoy-*) are set or stripped by Envoy at the edge.
  if (startsWithCI(name, nameLen, "x-envoy-")) return Grammar.TOKENS;
  return Grammar.NONE;
}

// Whether every byte of the value belongs to the grammar's set.
export function fitsGrammar(g: Grammar, p: usize, n: i32): bool {
  let allowed: u32 = g == Grammar.MEDIA ? 3 : 1;
  for (let i = 0; i < n; i++) {
    if ((<u32>load<u8>(BYTES + <usize>load<u8>(p + i)) & allowed) == 0) return false;
  }
  return true;
}
