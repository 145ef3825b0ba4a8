// The request model: turns a request head (the host's serialized header map, pseudo-headers
// included) and its body into parts with their Where. Called by core/inspect.ts, for the filter
// and for Node (training, eval, the CLI, tests) alike, so both see the same parts.
//
// Parts: the path and each query parameter (from :path); every header value, whole, but for
// each cookie (Cookie is split) and the Referer, whose query parameters are parts too; headers
// with a fixed grammar (grammar.ts) only when their value does not fit it; the body by its
// Content-Type, sniffed when there is none. inspect_headers forces a header in, ignore_headers
// keeps one out. A body sent with Content-Encoding gzip or deflate is inflated in the VM (capped
// at max_body_bytes and at MAX_INFLATE_RATIO) and split like any other; any other encoding, a
// list of two, a stream that does not inflate, or a charset whose ASCII bytes are not ASCII
// (charset.ts) is undecodable: not split, and said so.

import { HeaderMap } from "./head";
import { PartList } from "./parts";
import { Where } from "./where";
import { splitPairs } from "./pairs";
import { splitBody, whereForContentType } from "./body";
import { splitJsonValues } from "./jsonbody";
import { charsetReadable } from "./charset";
import { sniffWide, mostlyAsciiUnits, wideToUtf8, Wide } from "./utf16";
import { Config } from "../config/config";
import { allIn, equalsCI, containsCI, equalsLower, startsWithCI } from "../lib/bytes";
import { indexOf } from "../lib/scan";
import { headerGrammar, fitsGrammar, Grammar } from "./grammar";
import { inflateBody, inflatedLength, InflateStatus, FORMAT_GZIP, FORMAT_DEFLATE } from "./inflate";
import { MAX_MAX_BODY_BYTES } from "../config/schema";

// Inflated bytes per compressed byte at most: text compresses 3-10:1, a body of one repeated
// byte ~1000:1. Past this a stream is a decompression bomb, not a request.
export const MAX_INFLATE_RATIO = 200;
// What a cut stream's output may end in that the input never said (inflate.ts reads zero bytes
// past the end instead of testing for it).
const INFLATE_OVERREAD_BYTES = 1024;

// The Content-Encoding of a body, as far as the filter can undo it.
export const enum Encoding { IDENTITY = 0, GZIP = 1, DEFLATE = 2, UNDECODABLE = 3 }

// What the filter needs to know about a request besides its parts.
export class RequestFacts {
  bodyWhere: i32 = -1;         // the Where the body was split as; -1 without a body
  bodyLen: i32 = 0;            // the length of the body as split: inflated, or transcoded to UTF-8 (request/utf16.ts)
  encoding: Encoding = Encoding.IDENTITY;
  undecodable: bool = false;   // the body has an encoding the filter cannot undo, or a bad stream: not split
  inflatedPartly: bool = false; // the body inflated to more than max_body_bytes: only that much was split
  requestIdPtr: usize = 0;     // x-request-id, for logs and the 403 body
  requestIdLen: i32 = 0;
  pathPtr: usize = 0;          // :path as sent, query included (exclude_paths)
  pathLen: i32 = 0;
  // readFacts only (routes and stream): :authority (Host) as sent, and Content-Type.
  authorityPtr: usize = 0;
  authorityLen: i32 = 0;
  contentTypePtr: usize = 0;
  contentTypeLen: i32 = 0;
  // CONNECT (HTTP/1, or HTTP/2 including extended CONNECT), or Upgrade with Connection: upgrade,
  // as Envoy requires before it upgrades (it strips a lone Upgrade): a tunnel, no body to wait for.
  tunnel: bool = false;

  reset(): void {
    this.bodyWhere = -1;
    this.bodyLen = 0;
    this.encoding = Encoding.IDENTITY;
    this.undecodable = false;
    this.inflatedPartly = false;
    this.requestIdPtr = 0; this.requestIdLen = 0;
    this.pathPtr = 0; this.pathLen = 0;
    this.authorityPtr = 0; this.authorityLen = 0;
    this.contentTypePtr = 0; this.contentTypeLen = 0;
    this.tunnel = false;
  }
}

const head = new HeaderMap();

// Reads the facts only (no parts): what the filter needs before deciding whether to inspect.
export function readFacts(headPtr: usize, headLen: i32, facts: RequestFacts): void {
  facts.reset();
  if (!head.reset(headPtr, headLen) || !head.first()) return;
  let upgrade = false, connectionUpgrade = false;
  do {
    let v = headPtr + head.valueOff;
    let n = head.valueLen;
    if (head.nameIsCI(":path")) { facts.pathPtr = v; facts.pathLen = n; }
    else if (head.nameIsCI("x-request-id")) { facts.requestIdPtr = v; facts.requestIdLen = n; }
    else if (head.nameIsCI(":authority")) { facts.authorityPtr = v; facts.authorityLen = n; }
    else if (head.nameIsCI("content-type")) { facts.contentTypePtr = v; facts.contentTypeLen = n; }
    else if (head.nameIsCI(":method")) facts.tunnel = facts.tunnel || equalsCI(v, n, "CONNECT");
    else if (head.nameIsCI("upgrade")) upgrade = n > 0;
    else if (head.nameIsCI("connection")) connectionUpgrade = connectionUpgrade || containsCI(v, n, "upgrade");
  } while (head.next());
  if (upgrade && connectionUpgrade) facts.tunnel = true;
}

// bodyCut: the body is a prefix (the rest was past max_body_bytes), so an encoded stream ends early.
export function splitRequest(headPtr: usize, headLen: i32, bodyPtr: usize, bodyLen: i32, bodyCut: bool, cfg: Config, out: PartList, facts: RequestFacts): void {
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
        addPathSegments(v, q, name, out);
        if (q + 1 < n) splitPairs(v + q + 1, n - q - 1, 0x26, false, Where.QUERY, true, out);
        continue;
      }
      if (head.nameIsCI("content-type")) { ctPtr = v; ctLen = n; }
      else if (head.nameIsCI("content-encoding")) facts.encoding = encodingOf(v, n, facts.encoding);
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
  // The query's and the cookies' values that are JSON documents: their strings after every part of
  // the head, before the body's (payloads.ts reads the query's texts first).
  splitJsonValues(out, 0);
  if (bodyLen <= 0) return;
  if (facts.encoding == Encoding.UNDECODABLE) { facts.undecodable = true; return; }
  if (facts.encoding != Encoding.IDENTITY) {
    let format = facts.encoding == Encoding.GZIP ? FORMAT_GZIP : FORMAT_DEFLATE;
    let dst = changetype<usize>(inflated);
    let r = inflateBody(bodyPtr, bodyLen, format, dst, cfg.maxBodyBytes, MAX_INFLATE_RATIO);
    if (r == InflateStatus.TOO_LARGE) {
      facts.inflatedPartly = true;
      r = inflatedLength();
    } else if (r == InflateStatus.MALFORMED && bodyCut) {
      // A stream cut at max_body_bytes ends early, which is no sign of a bad one: split what it
      // gave, less the tail the decoder may have made from reading past the end.
      facts.inflatedPartly = true;
      r = max(0, inflatedLength() - INFLATE_OVERREAD_BYTES);
    }
    if (r < 0) { facts.undecodable = true; return; }
    bodyPtr = dst;
    bodyLen = r;
    if (bodyLen <= 0) return;
  }
  // A charset whose ASCII bytes are not ASCII (EBCDIC, UTF-16, UTF-7: request/charset.ts) is an
  // encoding too: the application reads other text than the bytes say.
  if (!charsetReadable(ctPtr, ctLen)) { facts.undecodable = true; return; }
  // A JSON or XML body (or one sniffed as either) in UTF-16 or UTF-32 without a charset that says so
  // (request/utf16.ts): read as the parser reads it, into the inflate buffer (a body inflated into
  // it already is undecodable).
  let wide = sniffWide(bodyPtr, bodyLen);
  if (wide != Wide.NONE && mayBeWideText(ctPtr, ctLen) && mostlyAsciiUnits(bodyPtr, bodyLen, wide)) {
    if (facts.encoding != Encoding.IDENTITY) { facts.undecodable = true; return; }
    let dst = changetype<usize>(inflated);
    let r = wideToUtf8(bodyPtr, bodyLen, wide, dst, MAX_MAX_BODY_BYTES);
    if (r < 0) { facts.inflatedPartly = true; r = ~r; }
    bodyPtr = dst;
    bodyLen = r;
    if (bodyLen <= 0) return;
  }
  let where = whereForContentType(ctPtr, ctLen, bodyPtr, bodyLen);
  facts.bodyWhere = where;
  facts.bodyLen = bodyLen;
  splitBody(where, bodyPtr, bodyLen, ctPtr, ctLen, out);
}

// Whether a header name is on a configured list (inspect_headers, ignore_headers: lower-cased).
// Inlined: both lists are empty by default, and the call cost every header more than the test.
// @ts-ignore: decorator
@inline function listed(p: usize, n: i32, names: Array<ArrayBuffer>): bool {
  let k = names.length;
  return k > 0 && listedIn(p, n, names, k);
}
function listedIn(p: usize, n: i32, names: Array<ArrayBuffer>, k: i32): bool {
  for (let i = 0; i < k; i++) if (equalsLower(p, n, unchecked(names[i]))) return true;
  return false;
}

// Whether a body of this Content-Type may be JSON or XML sent in UTF-16 or UTF-32: a JSON or XML
// type, or one that whereForContentType sniffs (none, text/plain). Not a binary type
// (application/octet-stream, protobuf), whose NULs mean nothing of the sort.
function mayBeWideText(ctPtr: usize, ctLen: i32): bool {
  while (ctLen > 0 && load<u8>(ctPtr) == 0x20) { ctPtr++; ctLen--; }
  return ctLen == 0 || startsWithCI(ctPtr, ctLen, "text/plain") || containsCI(ctPtr, ctLen, "json") || containsCI(ctPtr, ctLen, "xml");
}

// Bodies inflated from gzip or deflate; one request is inspected at a time per VM.
const inflated = new StaticArray<u8>(MAX_MAX_BODY_BYTES);

// The encoding a Content-Encoding value (a comma-separated list, case-insensitive) leaves the
// body in, combined with what earlier Content-Encoding headers said. identity entries change
// nothing; one gzip (x-gzip) or deflate can be undone; anything else, or two of them, cannot.
function encodingOf(p: usize, n: i32, before: Encoding): Encoding {
  let enc = before;
  let i = 0;
  while (i <= n) {
    let start = i;
    while (i < n && load<u8>(p + i) != 0x2C) i++;
    let a = start, b = i;
    i++;
    while (a < b && (load<u8>(p + a) == 0x20 || load<u8>(p + a) == 0x09)) a++;
    while (b > a && (load<u8>(p + b - 1) == 0x20 || load<u8>(p + b - 1) == 0x09)) b--;
    if (b == a || equalsCI(p + a, b - a, "identity")) continue;
    let one = equalsCI(p + a, b - a, "gzip") || equalsCI(p + a, b - a, "x-gzip") ? Encoding.GZIP
      : equalsCI(p + a, b - a, "deflate") ? Encoding.DEFLATE : Encoding.UNDECODABLE;
    enc = enc == Encoding.IDENTITY ? one : Encoding.UNDECODABLE;
  }
  return enc;
}

// Each segment of a path of several that holds more than name characters (`/files/127.0.0.1;id`,
// `/users/1'--`) is a part of its own as well: REST routes carry parameters in segments, and a value
// read alone scores as it would in a query, not diluted by the route around it. Plain segments
// (`/api/v1/users/42`) add nothing, unless they may be URL-safe base64 (`/PHN2ZyBvbmxvYWQ9…`): the
// decode stage decodes a part's base64, and a segment read inside the path is not one whole value.
function addPathSegments(p: usize, n: i32, name: usize, out: PartList): void {
  // One segment: the path itself is that part already.
  if (indexOf(p, indexOf(p, 0, n, 0x2F) + 1, n, 0x2F) >= n) return;
  let start = 0;
  let first = -1; // where the first odd segment starts
  while (start <= n) {
    let end = indexOf(p, start, n, 0x2F);
    if (end > start) {
      let odd = !allIn(p + start, end - start, UNRESERVED);
      if (odd || mayBeBase64Segment(p + start, end - start)) out.add(Where.PATH, name, 0, p + start, end - start, false);
      if (odd && first < 0) first = start;
    }
    start = end + 1;
  }
  // A parameter in a segment may itself hold '/' (`admin'/*…*/--`, `..%c0%af..`): the path from the
  // first odd segment on is a part too, unless that is the path itself or one segment.
  if (first > 1 && indexOf(p, first, n, 0x2F) < n) out.add(Where.PATH, name, 0, p + first, n - first, false);
}

// Whether a segment of unreserved characters p[0..n) may be URL-safe base64 without its padding:
// as long as the decode stage's shortest unpadded one (decode/base64.ts MIN_SHORT_BASE64_LENGTH, 8:
// the decode stage tests the shape of those under 16, shortTextBase64), of that alphabet only (no
// '.' or '~'), with upper- and lower-case letters, as encoded bytes mix them.
function mayBeBase64Segment(p: usize, n: i32): bool {
  if (n < 8) return false;
  let kinds = 0;
  for (let i = 0; i < n; i++) {
    let c = <u32>load<u8>(p + <usize>i);
    if (c == 0x2E || c == 0x7E) return false;
    kinds |= c - 0x41 < 26 ? 1 : c - 0x61 < 26 ? 2 : 0;
  }
  return kinds == 3;
}

// 1 for the unreserved characters of a URL (RFC 3986): [A-Za-z0-9._~-]. 256 entries, generated
// from that set, read by lib/bytes.ts allIn.
const UNRESERVED = memory.data<u8>([
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
  0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1,
  0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
]);
