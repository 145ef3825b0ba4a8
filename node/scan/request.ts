// A request read from a file by one of the format readers (formats/*.ts), in the form the core
// scores it (head pairs with Envoy's pseudo-headers, body bytes), plus what the report shows.

import { latin1Bytes, utf8Text } from "../bytes";

/** What a format reader yields: a request, or a bad input it skipped (never a throw). */
export type ScanItem = { request: ScanRequest } | { bad: BadInput };

export interface BadInput { at: string; reason: string }

export interface ScanRequest {
  /** Where it came from: `file:line` (raw, logs) or `file#entries[i]` (HAR). */
  at: string;
  method: string;
  /** `:authority` (the Host header for HTTP/1.1), "" when the input has none. */
  authority: string;
  /** `:path` as sent, query included. */
  path: string;
  /** Header pairs as Envoy hands them to the filter: pseudo-headers first, names lower-cased. */
  head: Array<[string, Uint8Array]>;
  body?: Uint8Array;
}

/** The bytes of a string read as latin1 (one byte a char), which readers use to keep raw bytes. */
export { latin1Bytes };
const utf8 = new TextEncoder();
export const utf8Bytes = (s: string): Uint8Array => utf8.encode(s);
/** Text for the report from raw bytes (invalid UTF-8 shown as U+FFFD). */
export const display = utf8Text;

/** Splits an absolute-form target (`http://host/p?q`) into scheme, authority and path; null otherwise. */
export function splitAbsolute(target: string): { scheme: string; authority: string; path: string } | null {
  // Split by hand, not with URL: URL resolves dot segments and re-encodes, and the filter sees the bytes sent.
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^#]*)/.exec(target);
  if (!m) return null;
  const path = m[3] === "" ? "/" : m[3].startsWith("?") ? "/" + m[3] : m[3];
  return { scheme: m[1].toLowerCase(), authority: m[2], path };
}

/**
 * A request in the core's form from its pieces; text pieces are given as latin1 strings or
 * byte arrays. Host becomes `:authority` as Envoy's HTTP/1 codec does; pseudo-headers in the
 * input (a HAR from HTTP/2) are replaced by the ones built here.
 */
export function buildRequest(p: {
  at: string; method: string; target: string; authority?: string; scheme?: string;
  headers: Array<[string, string | Uint8Array]>; body?: Uint8Array; textAsUtf8?: boolean;
}): ScanRequest {
  const enc = p.textAsUtf8 ? utf8Bytes : latin1Bytes;
  const bytes = (v: string | Uint8Array) => (typeof v === "string" ? enc(v) : v);
  let path = p.target;
  let authority = p.authority ?? "";
  let scheme = p.scheme ?? "http";
  const abs = splitAbsolute(p.target);
  if (abs) { path = abs.path; authority ||= abs.authority; scheme = abs.scheme; }
  const rest: Array<[string, Uint8Array]> = [];
  for (const [name, value] of p.headers) {
    const n = name.toLowerCase();
    if (n.startsWith(":")) {
      if (n === ":authority" && !authority) authority = typeof value === "string" ? value : display(value);
      continue;
    }
    if (n === "host") {
      if (!authority) authority = typeof value === "string" ? value : display(value);
      continue;
    }
    rest.push([n, bytes(value)]);
  }
  const head: Array<[string, Uint8Array]> = [[":method", enc(p.method)], [":scheme", enc(scheme)]];
  if (authority) head.push([":authority", enc(authority)]);
  head.push([":path", enc(path)], ...rest);
  return {
    at: p.at, method: p.method, authority: p.textAsUtf8 ? authority : display(latin1Bytes(authority)),
    path: p.textAsUtf8 ? path : display(latin1Bytes(path)),
    head, body: p.body && p.body.length > 0 ? p.body : undefined,
  };
}
