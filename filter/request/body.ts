// Picks a body splitter from the Content-Type (or, without one, from the body's first byte)
// and runs it. Called by core/scorer.ts with the body bytes the filter buffered.

import { PartSink } from "./sink";
import { Where } from "./where";
import { splitPairs } from "./pairs";
import { splitMultipart, boundaryFromFirstLine, startsWithCI } from "./multipart";
import { JsonScanner, Tok, unescapeJson } from "./json";

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
  if (c == 0x7B || c == 0x5B) return Where.BODY_JSON;
  if (c == 0x3C) return Where.BODY_XML;
  if (c == 0x2D && i + 1 < bodyLen && load<u8>(body + i + 1) == 0x2D) return Where.BODY_MULTIPART;
  return Where.BODY_FORM;
}

function containsCI(p: usize, n: i32, s: string): bool {
  let k = s.length;
  for (let i = 0; i + k <= n; i++) if (startsWithCI(p + i, n - i, s)) return true;
  return false;
}

// Splits a body by its Where. `scanner` and `scratch` (len bytes at least) are the caller's
// reusable state, so that no request allocates.
export function splitBody(where: i32, ptr: usize, len: i32, sink: PartSink, scanner: JsonScanner, scratch: usize): void {
  if (len <= 0) return;
  switch (where) {
    case Where.BODY_FORM:
      splitPairs(ptr, len, 0x26, false, Where.BODY_FORM, true, sink);
      return;
    case Where.BODY_JSON:
      splitJson(ptr, len, sink, scanner, scratch);
      return;
    case Where.BODY_MULTIPART: {
      // TODO(lead): pass the Content-Type's boundary (multipartBoundary); this still sniffs the first line.
      let b = boundaryFromFirstLine(ptr, len);
      if (b == 0 || !splitMultipart(ptr, len, ptr + <usize>(b >>> 32), <i32>(b & 0xFFFFFFFF), sink)) {
        sink.onPart(Where.BODY_TEXT, ptr, 0, ptr, len, false);
      }
      return;
    }
    case Where.BODY_XML:
      sink.onPart(Where.BODY_XML, ptr, 0, ptr, len, false);
      return;
  }
  sink.onPart(Where.BODY_TEXT, ptr, 0, ptr, len, false);
}

// Every string, key or value, is a part; a value's name is the last key seen. Bytes outside
// strings that JSON does not allow (a raw payload after a lying Content-Type) make the whole
// body a text part too, so that invalid JSON is no hiding place.
function splitJson(ptr: usize, len: i32, sink: PartSink, s: JsonScanner, scratch: usize): void {
  s.reset(ptr, len);
  let keyPtr: usize = ptr;
  let keyLen = 0;
  let junk = false;
  let t = s.next();
  while (t != Tok.END) {
    if (t == Tok.ERROR) {
      junk = true;
      s.pos++;
      t = s.next();
      continue;
    }
    if (t != Tok.STRING) { t = s.next(); continue; }
    let off = s.tokOff;
    let n = s.tokLen;
    let rawLen = n;
    let esc = s.hasEscapes;
    let after = s.next();
    let vPtr = ptr + off;
    if (esc) {
      n = unescapeJson(ptr + off, n, scratch);
      vPtr = scratch;
    }
    if (after == Tok.COLON) {
      keyPtr = ptr + off;
      keyLen = rawLen;
      if (n > 0) sink.onPart(Where.BODY_JSON, keyPtr, keyLen, vPtr, n, false);
      t = s.next();
      continue;
    }
    if (n > 0) sink.onPart(Where.BODY_JSON, keyPtr, keyLen, vPtr, n, false);
    t = after;
  }
  if (junk) sink.onPart(Where.BODY_TEXT, ptr, 0, ptr, len, false);
}
