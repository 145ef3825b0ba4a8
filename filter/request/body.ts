// Picks a body's splitter from its Content-Type (or, without one, from its first byte) and runs
// it. Called by request/request.ts with the body bytes the filter buffered.

import { PartList, BINARY_RUN, FILE_CONTENT } from "./parts";
import { Where } from "./where";
import { splitPairs, isPlainName } from "./pairs";
import { splitMultipart, multipartBoundary } from "./multipart";
import { splitJson, splitJsonValues } from "./jsonbody";
import { splitXml } from "./xmlbody";
import { mayHoldGraphqlLiterals, splitGraphqlLiterals } from "./graphql";
import { startsWithCI, containsCI, looksLikeText, utf8SequenceAt, skipBlanks, isTextByte } from "../lib/bytes";
import { indexOf } from "../lib/scan";

// Maps a Content-Type value to the body's Where. A missing or generic type is sniffed,
// because servers and frameworks often parse a body whatever its declared type.
export function whereForContentType(ctPtr: usize, ctLen: i32, body: usize, bodyLen: i32): i32 {
  while (ctLen > 0 && load<u8>(ctPtr) == 0x20) { ctPtr++; ctLen--; }
  if (startsWithCI(ctPtr, ctLen, "application/x-www-form-urlencoded")) return Where.BODY_FORM;
  if (startsWithCI(ctPtr, ctLen, "multipart/")) return Where.BODY_MULTIPART;
  if (containsCI(ctPtr, ctLen, "json")) return Where.BODY_JSON;
  if (containsCI(ctPtr, ctLen, "xml")) return Where.BODY_XML;
  if (ctLen > 0 && !startsWithCI(ctPtr, ctLen, "text/plain")) return Where.BODY_TEXT;
  let i = 0;
  while (i < bodyLen && load<u8>(body + i) <= 0x20) i++;
  if (i == bodyLen) return Where.BODY_TEXT;
  let c = load<u8>(body + i);
  let where = Where.BODY_TEXT;
  if (c == 0x7B || c == 0x5B) where = Where.BODY_JSON;
  else if (c == 0x3C) where = Where.BODY_XML;
  // A body with no '=' has no pair to split: read as a form, its '&'s and '+'s would be taken for
  // the form's own and dropped (`&& uname -a`), where the application reads them in its text. Nor
  // is a body with a NUL byte a form, which no browser or client sends one in: split at its '&'s
  // and '='s, a binary upload's values held NULs and path bytes, which signatures.ts reads as a
  // payload's NUL (`make binary-bodies`: 99 of 100 random 128 KiB bodies sent as text/plain scored 1).
  else if (indexOf(body, i, bodyLen, 0x3D) < bodyLen && indexOf(body, i, bodyLen, 0) >= bodyLen) where = Where.BODY_FORM;
  // Bytes that are not text (a binary upload sent with no type, as fetch() sends an ArrayBuffer, or
  // as text/plain) are no JSON, XML or form: read as any binary body (splitBody, which tests a text
  // body itself).
  return where != Where.BODY_TEXT && !looksLikeText(body, bodyLen) ? Where.BODY_TEXT : where;
}

// Splits a body of the given Where into parts; ct is its Content-Type value (may be empty).
export function splitBody(where: i32, ptr: usize, len: i32, ctPtr: usize, ctLen: i32, out: PartList): void {
  if (len <= 0) return;
  switch (where) {
    case Where.BODY_FORM: {
      let first = out.count;
      splitPairs(ptr, len, 0x26, false, Where.BODY_FORM, true, out);
      splitJsonValues(out, first);
      return;
    }
    case Where.BODY_JSON:
      if (!splitJson(ptr, len, out)) addBinaryBody(ptr, len, out);
      return;
    case Where.BODY_MULTIPART: {
      // The boundary is the Content-Type's, as servers take it; without one no server reads the
      // body as multipart, so neither does the filter: it is text. A Content-Type with two
      // boundaries is split by each: busboy takes the first, servers that keep parameters in a
      // map the last, and what one reads as a part the other skips as a preamble.
      let b = multipartBoundary(ctPtr, ctLen);
      let l = multipartBoundary(ctPtr, ctLen, true);
      let first = out.count;
      let split = b != 0 && splitMultipart(ptr, len, ctPtr + <usize>(b >>> 32), <i32>(b & 0xFFFFFFFF), out);
      if (!sameSpan(ctPtr, b, l) && splitMultipart(ptr, len, ctPtr + <usize>(l >>> 32), <i32>(l & 0xFFFFFFFF), out)) split = true;
      if (!split) {
        out.add(Where.BODY_TEXT, ptr, 0, ptr, len, false);
        return;
      }
      addOddNames(out, first);
      splitJsonValues(out, first);
      return;
    }
    case Where.BODY_XML: {
      if (!looksLikeText(ptr, len)) { addBinaryBody(ptr, len, out); return; }
      out.add(Where.BODY_XML, ptr, 0, ptr, len, false);
      let first = out.count;
      splitXml(ptr, len, out, Where.BODY_XML, 0);
      // An element's text that is a JSON document (JSON carried in a SOAP element), or a CDATA
      // section that is an XML one: split as a form's value would be.
      splitJsonValues(out, first);
      return;
    }
  }
  if (!looksLikeText(ptr, len)) { addBinaryBody(ptr, len, out); return; }
  // A GraphQL document sent as the body (`application/graphql`, which express-graphql, graphql-yoga
  // and Apollo's older servers read) is a query: its literals are values, as under a JSON body's
  // `query`. Any other body sent under a type of its own (`application/octet-stream`, `text/html`,
  // `text/csv`, …; not text/plain, and not none, which is sniffed) is a file's content: a document PUT
  // or POSTed whole, as a multipart part carries one (decode/texts.ts keepFromModel: the model reads
  // its first window).
  let graphql = containsCI(ctPtr, ctLen, "graphql");
  let typeAt = skipBlanks(ctPtr, ctLen, 0);
  let file = !graphql && typeAt < ctLen && !startsWithCI(ctPtr + <usize>typeAt, ctLen - typeAt, "text/plain");
  if (file) out.filesOrRuns = true;
  out.add(Where.BODY_TEXT, ptr, 0, ptr, len, false, file ? FILE_CONTENT : 0);
  if (graphql && mayHoldGraphqlLiterals(ptr, len)) splitGraphqlLiterals(ptr, len, out, Where.BODY_TEXT, ptr, 0, 0);
}

// Whether span `other` (offset << 32 | length in p; 0: none) is none or holds the bytes `span` holds.
function sameSpan(p: usize, span: u64, other: u64): bool {
  let n = <i32>(span & 0xFFFFFFFF);
  return other == 0 || (n == <i32>(other & 0xFFFFFFFF) && memory.compare(p + <usize>(span >>> 32), p + <usize>(other >>> 32), n) == 0);
}

// A multipart field's name that is not a plain parameter name is scored as a part of its own, as
// pairs.ts does for query and form names (`name="1' or '1'='1"`): a server reads it as the
// parameter's name. Once per field: its value, filename and content parts share the name.
function addOddNames(out: PartList, first: i32): void {
  let end = out.count;
  let lastPtr: usize = 0, lastLen = -1;
  for (let i = first; i < end; i++) {
    let np = out.namePtr(i), nn = out.nameLen(i);
    if (nn <= 0 || isPlainName(np, nn)) continue;
    if (nn == lastLen && memory.compare(np, lastPtr, nn) == 0) continue;
    lastPtr = np; lastLen = nn;
    out.add(Where.BODY_MULTIPART, np, nn, np, nn, false);
  }
}

// A body that is not text by its bytes (an image, an archive, a PDF sent as itself; under a JSON or
// XML type, a gzip stream sent without its Content-Encoding) is read as a file's bytes are: its first
// BINARY_HEAD bytes, where a serialized Java object's or a pickle's stream opens
// (core/signatures.ts), and each run of at least MIN_TEXT_RUN bytes of text in it (as `strings`
// reads a file: a payload padded with binary bytes, which an application that reads the body as
// text still runs). They are parts the verdicts read and the model does not (BINARY_RUN): the model
// read a palette's printable bytes as punctuation (decode/texts.ts keepFromModel). Scored whole,
// random 128 KiB bodies of other types met a verdict's few-byte trigger (an OGNL `${#x`, LDAP's
// `*()&`) or the model's attack band in 0 to 3 of 100 (`make binary-bodies`).
//
// A NUL is text in a run (the decoders drop it: `s\0e\0l\0e\0c\0t` is a word), but two in a row end
// it, and its NULs do not count towards MIN_TEXT_RUN: a shared library's zeroed tables with a byte
// here and there were runs, which the decoders made into a few bytes (`` `iD ``, `|Ps`) that read as a
// command after a separator.
function addBinaryBody(ptr: usize, len: i32, out: PartList): void {
  out.filesOrRuns = true;
  out.add(Where.BODY_TEXT, ptr, 0, ptr, min(len, BINARY_HEAD), false, BINARY_RUN);
  // The run: from start; nuls, the NULs in it.
  let start = 0, nuls = 0, i = 0;
  while (i < len) {
    let k = textByteLength(ptr, len, i);
    if (k > 0) {
      if (k == 1 && load<u8>(ptr + <usize>i) == 0) {
        // A second NUL in a row: the run ends before the first.
        if (i > start && load<u8>(ptr + <usize>(i - 1)) == 0) {
          addRun(ptr, start, i - 1, nuls - 1, out);
          start = i + 1; nuls = 0; i++;
          continue;
        }
        nuls++;
      }
      i += k;
      continue;
    }
    addRun(ptr, start, i, nuls, out);
    start = ++i; nuls = 0;
  }
  addRun(ptr, start, len, nuls, out);
}

// Adds the run ptr[start..end) holding `nuls` NULs when it holds MIN_TEXT_RUN bytes besides them.
// @ts-ignore: decorator
@inline function addRun(ptr: usize, start: i32, end: i32, nuls: i32, out: PartList): void {
  if (end - start - nuls >= MIN_TEXT_RUN) out.add(Where.BODY_TEXT, ptr, 0, ptr + <usize>start, end - start, false, BINARY_RUN);
}

// The bytes a binary body is scored from its start: its stream's magic and header.
const BINARY_HEAD = 64;
// The shortest run of text in a binary body that is scored: random bytes hold runs this long once
// in about 4 MiB.
const MIN_TEXT_RUN = 16;

// How many bytes of text start at p[i]: 1 for printable ASCII, a blank or line break (VT too, which
// JavaScript, Python and MySQL read as a blank) or a NUL (which the decoders drop; two end a run), the
// length of a well-formed UTF-8 sequence, or 0 (a control byte, DEL, or UTF-8 that is not well formed).
// @ts-ignore: decorator
@inline function textByteLength(p: usize, n: i32, i: i32): i32 {
  let c = <u32>load<u8>(p + <usize>i);
  if (isTextByte(c) || c == 0) return 1;
  return max(utf8SequenceAt(p, n, i), 0);
}
