// Headers with a fixed grammar, and whether a value fits it: such a header is not scored when it
// fits (its value cannot carry an injection), and is scored like any other when it does not.
// Called by request/request.ts for every request header.

import { equalsCI, startsWithCI } from "../lib/bytes";
import { groupWords } from "../lib/groups";

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

// TOKEN_HEADERS grouped by length, each length's range in LENGTH_RANGES (no name is as long as
// MAX_NAME_LENGTH).
const MAX_NAME_LENGTH = 64;
const BY_LENGTH = new StaticArray<string>(TOKEN_HEADERS.length);
const LENGTH_RANGES = groupWords(TOKEN_HEADERS, MAX_NAME_LENGTH, (w: string): i32 => w.length, BY_LENGTH);

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
  // Only the names of this length (every request's headers come here: a browser sends 16).
  if (nameLen < MAX_NAME_LENGTH) {
    let range = load<u16>(changetype<usize>(LENGTH_RANGES) + (<usize>nameLen << 1));
    for (let i = <i32>(range >> 8), end = <i32>(range & 0xFF); i < end; i++) {
      if (equalsCI(name, nameLen, unchecked(BY_LENGTH[i]))) return Grammar.TOKENS;
    }
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
