// The request model: turns a request head (the host's serialized header map, pseudo-headers
// included) and its body into parts with their Where. Called by core/inspect.ts, for the filter
// and for Node (training, eval, the CLI, tests) alike, so both see the same parts.
//
// Parts: the path and each query parameter (from :path); every header value, whole, but for
// each cookie (Cookie is split) and the Referer, whose query parameters are parts too; headers
// with a fixed grammar (grammar.ts) only when their value does not fit it; the body by its
// Content-Type, sniffed when there is none. inspect_headers forces a header in, ignore_headers
// keeps one out. A body with a Content-Encoding other than identity is not split (compressed).

import { HeaderMap } from "./head";
import { PartList } from "./parts";
import { Where } from "./where";
import { splitPairs } from "./pairs";
import { splitBody, whereForContentType } from "./body";
import { Config } from "../config/config";
import { equalsCI } from "../lib/bytes";
import { headerGrammar, fitsGrammar, Grammar } from "./grammar";

// What the filter needs to know about a request besides its parts.
export class RequestFacts {
  bodyWhere: i32 = -1;         // the Where the body was split as; -1 without a body
  compressed: bool = false;    // a Content-Encoding other than identity: the body was not split
  requestIdPtr: usize = 0;     // x-request-id, for logs and the 403 body
  requestIdLen: i32 = 0;
  pathPtr: usize = 0;          // :path as sent, query included (exclude_paths)
  pathLen: i32 = 0;

  reset(): void {
    this.bodyWhere = -1;
    this.compressed = false;
    this.requestIdPtr = 0; this.requestIdLen = 0;
    this.pathPtr = 0; this.pathLen = 0;
  }
}

const head = new HeaderMap();

// Reads the facts only (no parts): what the filter needs before deciding whether to inspect.
export function readFacts(headPtr: usize, headLen: i32, facts: RequestFacts): void {
  facts.reset();
  if (!head.reset(headPtr, headLen) || !head.first()) return;
  do {
    if (head.nameIsCI(":path")) { facts.pathPtr = headPtr + head.valueOff; facts.pathLen = head.valueLen; }
    else if (head.nameIsCI("x-request-id")) { facts.requestIdPtr = headPtr + head.valueOff; facts.requestIdLen = head.valueLen; }
  } while (head.next());
}

export function splitRequest(headPtr: usize, headLen: i32, bodyPtr: usize, bodyLen: i32, cfg: Config, out: PartList, facts: RequestFacts): void {
  out.reset(cfg.excludeParamBytes, cfg.maxParts);
  facts.reset();
  let ctPtr: usize = 0, ctLen = 0;
  if (head.reset(headPtr, headLen) && head.first()) {
    do {
      let v = headPtr + head.valueOff;
      let n = head.valueLen;
      let name = headPtr + head.nameOff;
      let nameLen = head.nameLen;
      if (head.nameIsCI(":path")) {
        facts.pathPtr = v; facts.pathLen = n;
        let q = 0;
        while (q < n && load<u8>(v + q) != 0x3F) q++;
        out.add(Where.PATH, name, 0, v, q, false);
        if (q + 1 < n) splitPairs(v + q + 1, n - q - 1, 0x26, false, Where.QUERY, true, out);
        continue;
      }
      if (head.nameIsCI("content-type")) { ctPtr = v; ctLen = n; }
      else if (head.nameIsCI("content-encoding")) facts.compressed = !isIdentity(v, n);
      else if (head.nameIsCI("x-request-id")) { facts.requestIdPtr = v; facts.requestIdLen = n; }
      if (listed(name, nameLen, cfg.ignoreHeaderBytes)) continue;
      if (head.nameIsCI("cookie")) {
        splitPairs(v, n, 0x3B, true, Where.COOKIE, false, out);
        continue;
      }
      let g = headerGrammar(name, nameLen);
      if (g != Grammar.NONE && fitsGrammar(g, v, n) && !listed(name, nameLen, cfg.inspectHeaderBytes)) continue;
      out.add(Where.HEADER, name, nameLen, v, n, false);
      // A Referer's query is the parameters of the page before: a payload there is decoded and
      // named like any query parameter's.
      if (head.nameIsCI("referer")) {
        let q = 0;
        while (q < n && load<u8>(v + q) != 0x3F) q++;
        let end = q;
        while (end < n && load<u8>(v + end) != 0x23) end++; // up to a fragment
        if (q + 1 < end) splitPairs(v + q + 1, end - q - 1, 0x26, false, Where.QUERY, true, out);
      }
    } while (head.next());
  }
  if (bodyLen <= 0 || facts.compressed) return;
  let where = whereForContentType(ctPtr, ctLen, bodyPtr, bodyLen);
  facts.bodyWhere = where;
  splitBody(where, bodyPtr, bodyLen, ctPtr, ctLen, out);
}

// Whether a header name is on a configured list (inspect_headers, ignore_headers: lower-cased).
function listed(p: usize, n: i32, names: Array<ArrayBuffer>): bool {
  for (let i = 0, k = names.length; i < k; i++) if (equalsBytesCI(p, n, unchecked(names[i]))) return true;
  return false;
}

function equalsBytesCI(p: usize, n: i32, lower: ArrayBuffer): bool {
  if (n != lower.byteLength) return false;
  let q = changetype<usize>(lower);
  for (let i = 0; i < n; i++) {
    let c = <u32>load<u8>(p + i);
    if (c - 0x41 < 26) c |= 0x20;
    if (c != <u32>load<u8>(q + i)) return false;
  }
  return true;
}

// "identity" (any case, trailing spaces) or an empty value: the body is as sent.
function isIdentity(p: usize, n: i32): bool {
  while (n > 0 && load<u8>(p + n - 1) == 0x20) n--;
  return n == 0 || equalsCI(p, n, "identity");
}
