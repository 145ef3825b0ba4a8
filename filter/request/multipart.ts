// Splits a multipart/form-data body into its fields: each field's value and each filename.
// Called by request/body.ts; the boundary is read from the body's first line, which is what
// a server does in effect, so a lying Content-Type cannot hide the fields. Returns false when
// the body is not multipart after all (the caller then scores it as text).

import { PartList } from "./parts";
import { startsWithCI } from "../lib/bytes";
import { Where } from "./where";

const MAX_BOUNDARY = 200; // RFC 2046 allows 70; be lenient, not unbounded

export function splitMultipart(ptr: usize, len: i32, sink: PartList): bool {
  // Skip a preamble of blank lines, then expect "--boundary".
  let i = 0;
  while (i < len && (load<u8>(ptr + i) == 0x0D || load<u8>(ptr + i) == 0x0A)) i++;
  if (i + 2 >= len || load<u8>(ptr + i) != 0x2D || load<u8>(ptr + i + 1) != 0x2D) return false;
  let bStart = i; // the delimiter includes the leading "--"
  let j = i + 2;
  while (j < len && load<u8>(ptr + j) != 0x0D && load<u8>(ptr + j) != 0x0A) j++;
  let bLen = j - bStart;
  if (bLen <= 2 || bLen > MAX_BOUNDARY + 2) return false;

  let pos = j;
  let fields = 0;
  while (pos < len) {
    // After a delimiter: "--" ends the body, otherwise a line break and the field headers.
    if (pos + 1 < len && load<u8>(ptr + pos) == 0x2D && load<u8>(ptr + pos + 1) == 0x2D) break;
    pos = skipLineBreak(ptr, len, pos);
    let headersEnd = findBlankLine(ptr, len, pos);
    if (headersEnd < 0) break;
    let contentStart = skipBlankLine(ptr, len, headersEnd);
    let next = findDelimiter(ptr, len, contentStart, ptr + bStart, bLen);
    let contentEnd = next < 0 ? len : next;
    // The line break before the delimiter belongs to the delimiter.
    if (contentEnd > contentStart && load<u8>(ptr + contentEnd - 1) == 0x0A) contentEnd--;
    if (contentEnd > contentStart && load<u8>(ptr + contentEnd - 1) == 0x0D) contentEnd--;
    emitField(ptr, pos, headersEnd, contentStart, contentEnd, sink);
    fields++;
    if (next < 0) break;
    pos = next + bLen;
  }
  return fields > 0;
}

function emitField(ptr: usize, hStart: i32, hEnd: i32, cStart: i32, cEnd: i32, sink: PartList): void {
  let nameOff = findParam(ptr, hStart, hEnd, "name=");
  let nameLen = nameOff >= 0 ? quotedLength(ptr, nameOff, hEnd) : 0;
  let fileOff = findParam(ptr, hStart, hEnd, "filename=");
  let namePtr = nameOff >= 0 ? ptr + nameOff : ptr;
  if (fileOff >= 0) {
    let fileLen = quotedLength(ptr, fileOff, hEnd);
    if (fileLen > 0) sink.add(Where.BODY_MULTIPART, namePtr, nameLen, ptr + fileOff, fileLen, false);
  }
  // File contents that are not text are not scored: a JPEG's bytes say nothing about intent
  // and would only add noise. Text uploads (scripts, HTML, SVG, XML) are scored.
  if (fileOff >= 0 && !hasTextContentType(ptr, hStart, hEnd)) return;
  if (cEnd > cStart) sink.add(Where.BODY_MULTIPART, namePtr, nameLen, ptr + cStart, cEnd - cStart, false);
}

// Finds `key` (case-insensitive) preceded by ';', ' ', a line break or the start; returns the value's
// offset (past an opening quote when there is one), or -1. "filename=" must not match "name=".
function findParam(ptr: usize, start: i32, end: i32, key: string): i32 {
  let k = key.length;
  for (let i = start; i + k <= end; i++) {
    if (i > start) {
      let prev = load<u8>(ptr + i - 1);
      if (prev != 0x3B && prev != 0x20 && prev != 0x09 && prev != 0x0A) continue;
    }
    let j = 0;
    while (j < k && (<i32>load<u8>(ptr + i + j) | 0x20) == key.charCodeAt(j)) j++;
    if (j < k) continue;
    let v = i + k;
    if (v < end && load<u8>(ptr + v) == 0x22) v++;
    return v;
  }
  return -1;
}

function quotedLength(ptr: usize, off: i32, end: i32): i32 {
  let quoted = off > 0 && load<u8>(ptr + off - 1) == 0x22;
  let i = off;
  while (i < end) {
    let c = load<u8>(ptr + i);
    if (quoted ? c == 0x22 : (c == 0x3B || c == 0x0D || c == 0x0A)) break;
    i++;
  }
  return i - off;
}

function hasTextContentType(ptr: usize, start: i32, end: i32): bool {
  let v = findParam(ptr, start, end, "content-type:");
  if (v < 0) return true; // no type given: browsers send text/plain or the file's guess
  while (v < end && load<u8>(ptr + v) == 0x20) v++;
  return startsWithCI(ptr + v, end - v, "text/") || startsWithCI(ptr + v, end - v, "application/json") ||
    startsWithCI(ptr + v, end - v, "application/xml") || startsWithCI(ptr + v, end - v, "image/svg") ||
    startsWithCI(ptr + v, end - v, "application/x-www-form-urlencoded") ||
    startsWithCI(ptr + v, end - v, "application/javascript") || startsWithCI(ptr + v, end - v, "application/x-sh") ||
    startsWithCI(ptr + v, end - v, "application/x-php");
}

function skipLineBreak(ptr: usize, len: i32, i: i32): i32 {
  if (i < len && load<u8>(ptr + i) == 0x0D) i++;
  if (i < len && load<u8>(ptr + i) == 0x0A) i++;
  return i;
}

// Offset of the blank line that ends the field headers (at its first byte), or -1.
function findBlankLine(ptr: usize, len: i32, i: i32): i32 {
  if (i < len && (load<u8>(ptr + i) == 0x0D || load<u8>(ptr + i) == 0x0A)) return i; // no headers
  while (i + 1 < len) {
    let c = load<u8>(ptr + i);
    if (c == 0x0A) {
      let d = load<u8>(ptr + i + 1);
      if (d == 0x0A) return i + 1;
      if (d == 0x0D && i + 2 < len && load<u8>(ptr + i + 2) == 0x0A) return i + 1;
    }
    i++;
  }
  return -1;
}

function skipBlankLine(ptr: usize, len: i32, i: i32): i32 {
  return skipLineBreak(ptr, len, i);
}

// Next "\n--boundary" at or after i; returns the offset of the "--", or -1.
function findDelimiter(ptr: usize, len: i32, i: i32, bPtr: usize, bLen: i32): i32 {
  let first = load<u8>(bPtr);
  let last = len - bLen;
  for (let k = i; k <= last; k++) {
    if (load<u8>(ptr + k) != first) continue;
    if (k > 0 && load<u8>(ptr + k - 1) != 0x0A) continue;
    if (memory.compare(ptr + k, bPtr, bLen) == 0) return k;
  }
  return -1;
}
