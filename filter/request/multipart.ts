// Splits a multipart/form-data body into its fields and files as servers read them: the boundary
// from the Content-Type (multipartBoundary), then splitMultipart. Called by request/body.ts.
//
// Two views, because servers disagree and an attacker picks the one the WAF did not take:
// - strict: exactly as busboy (Node's parser; multer, fastify, …) splits: delimiters are CRLF "--"
//   boundary, part headers end in CRLF, a part needs a form-data Content-Disposition. Bodies that
//   follow RFC 7578 are read in this view only, so their parts are scored once.
// - lenient, only when the strict view skipped something a lenient server reads (a bare-LF
//   delimiter or header line, "--boundary " with trailing blanks, a malformed Content-Disposition,
//   a part without one): delimiters at any line start, LF or CRLF lines, parameters read past
//   errors, as PHP and Werkzeug do. Its parts are scored too, so no parser's reading is unscored.
// The preamble before the first delimiter and the epilogue after the close delimiter are ignored
// (servers drop them). A part is a file when its Content-Disposition has filename or filename*;
// a file's content is scored when its bytes are text (looksLikeText), whatever its declared type.
// Work is linear in the body: every scan moves forward, and a delimiter candidate is compared
// only from a line feed, which the boundary cannot contain (see findStrict).

import { PartList, MAX_PARTS, FILENAME, FILE_CONTENT } from "./parts";
import { startsWithCI, equalsCI, isSpaceOrTab, skipSpacesAndTabs, looksLikeText } from "../lib/bytes";
import { hexByte, decodeQuotedPrintable } from "../lib/escapes";
import { Where } from "./where";

// What the part being emitted is (multipartLastKind(), for core/index.ts's test recorder).
export const enum PartKind { FIELD = 0, FILENAME = 1, FILE = 2, ORPHAN = 3 }
export const KIND_LENIENT = 4;      // found by the lenient view only
export const KIND_UNTERMINATED = 8; // the body ended before the part's closing delimiter
export const KIND_ALT = 16;         // the filename busboy does not use (filename when filename* is there)

const CR: u8 = 0x0D;
const LF: u8 = 0x0A;
const DASH: u8 = 0x2D;
const MAX_HEADER_BYTES = 16384; // busboy's (and Node's) limit on a part's header block
const MAX_HEADER_PAIRS = 2000;  // busboy keeps the first 1999 headers of a part
// The lenient view reads this much of a part's header block; a longer one (no server takes it)
// is scored whole, as is a block without a blank line.
const MAX_LENIENT_HEADER_BYTES = 65536;
// A Content-Disposition value is unfolded and decoded here; longer values (lenient view only, as
// the strict view's header block is at most MAX_HEADER_BYTES) are read up to this length.
const scratch = new StaticArray<u8>(MAX_HEADER_BYTES);

// @ts-ignore: decorator
@inline function inScratch(p: usize): bool {
  return p - changetype<usize>(scratch) < <usize>MAX_HEADER_BYTES;
}

let lastKind: i32 = 0;
let lenientNeeded = false;
// The part being read declares Content-Transfer-Encoding: quoted-printable (see emitDecoded).
let quotedPrintable = false;
let work: i32 = 0;

// The kind of the part the last onPart call carried: PartKind | KIND_* flags.
export function multipartLastKind(): i32 { return lastKind; }

// The kind of each part this splitter added, by its index in the PartList (for the test hooks in
// core/index.ts, which check file/field/filename decisions against busboy's).
const partKinds = new StaticArray<u8>(MAX_PARTS);
export function multipartPartKind(i: i32): i32 { return i >= 0 && i < MAX_PARTS ? <i32>unchecked(partKinds[i]) : -1; }

// Names and filenames are decoded into this module's scratch, which the next part reuses; the
// PartList keeps spans until the request ends, so those are copied into its own scratch.
function emit(out: PartList, namePtr: usize, nameLen: i32, valPtr: usize, valLen: i32): void {
  if (inScratch(namePtr) && nameLen > 0) {
    let p = out.alloc(nameLen);
    if (p == 0) return;
    memory.copy(p, namePtr, nameLen);
    namePtr = p;
  }
  if (inScratch(valPtr) && valLen > 0) {
    let p = out.alloc(valLen);
    if (p == 0) return;
    memory.copy(p, valPtr, valLen);
    valPtr = p;
  }
  let i = out.count;
  if (i < MAX_PARTS) unchecked(partKinds[i] = <u8>lastKind);
  let kind = lastKind & 3;
  if (kind == PartKind.FILE) out.filesOrRuns = true;
  out.add(Where.BODY_MULTIPART, namePtr, nameLen, valPtr, valLen, false, kind == PartKind.FILENAME ? FILENAME : kind == PartKind.FILE ? FILE_CONTENT : 0);
}
// Bytes examined by the last splitMultipart call (the work-counting test reads it).
export function multipartWork(): i32 { return work; }

// The boundary parameter of a Content-Type value, as (offset << 32 | length) inside it, or 0 when
// there is none usable. Parameters are read as busboy reads them (name case-insensitive, token or
// quoted-string value, the first boundary wins; `last`: the last wins, as servers that keep
// parameters in a map read a Content-Type with two) but past a malformed parameter, where busboy
// rejects the whole request and lenient servers read on. A quoted boundary is the span inside the
// quotes; one with a backslash escape, an empty one or an unterminated quote is refused (0): no
// legitimate client sends them (RFC 2046 bchars have no '"' or '\'), and the body is then scored
// as text, which hides nothing.
export function multipartBoundary(ctPtr: usize, ctLen: i32, last: bool = false): u64 {
  let found: u64 = 0;
  let i = 0;
  while (i < ctLen && load<u8>(ctPtr + i) != 0x3B) i++; // the media type
  while (i < ctLen) {
    i++; // ';'
    i = skipSpacesAndTabs(ctPtr, ctLen, i);
    let nameStart = i;
    while (i < ctLen && isToken(load<u8>(ctPtr + i))) i++;
    let nameLen = i - nameStart;
    if (nameLen > 0 && i < ctLen && load<u8>(ctPtr + i) == 0x3D) {
      let isBoundary = nameLen == 8 && startsWithCI(ctPtr + nameStart, nameLen, "boundary");
      i++;
      if (i < ctLen && load<u8>(ctPtr + i) == 0x22) {
        let vStart = ++i;
        let escaped = false;
        while (i < ctLen && load<u8>(ctPtr + i) != 0x22) {
          let c = load<u8>(ctPtr + i);
          if (c == CR || c == LF) return 0;
          if (c == 0x5C) { escaped = true; i++; }
          i++;
        }
        if (i >= ctLen) return 0;
        let vLen = i - vStart;
        i++;
        if (isBoundary) {
          found = escaped || vLen == 0 ? 0 : (<u64>vStart << 32) | <u64>vLen;
          if (!last) return found;
        }
      } else {
        let vStart = i;
        while (i < ctLen && isToken(load<u8>(ctPtr + i))) i++;
        if (isBoundary) {
          found = i > vStart ? (<u64>vStart << 32) | <u64>(i - vStart) : 0;
          if (!last) return found;
        }
      }
    }
    while (i < ctLen && load<u8>(ctPtr + i) != 0x3B) i++;
  }
  return found;
}

// Splits the body with the given boundary (without its leading "--"). Returns false, emitting
// nothing, when the boundary is empty or has a line break, or when no delimiter is found: the
// caller then scores the body as text.
export function splitMultipart(ptr: usize, len: i32, boundaryPtr: usize, boundaryLen: i32, sink: PartList): bool {
  work = 0;
  lenientNeeded = false;
  if (len <= 0 || boundaryLen <= 0) return false;
  for (let k = 0; k < boundaryLen; k++) {
    let c = load<u8>(boundaryPtr + k);
    if (c == CR || c == LF) return false;
  }
  work += boundaryLen;
  let found = strictPass(ptr, len, boundaryPtr, boundaryLen, sink);
  if (lenientNeeded) found += lenientPass(ptr, len, boundaryPtr, boundaryLen, sink);
  return found > 0;
}

// ---- strict view: busboy's reading ----

// busboy searches for CRLF "--" boundary in CRLF + body. Returns the offset of the "--" of the
// first such delimiter whose CR is at or after `from` (or which opens the body, when from is 0),
// or -1. A "--boundary" after a bare LF is not one here; it asks for the lenient view.
// Linear: candidates are tried only at a line feed, and the bytes a failed compare read equal
// a prefix of "--" boundary, which has no line feed, so no two compares read the same byte.
function findStrict(ptr: usize, len: i32, from: i32, b: usize, bl: i32): i32 {
  if (from == 0 && delimiterPrefix(ptr, len, 0, b, bl) == bl + 2) return 0;
  let q = max(from + 1, 1);
  while (q < len) {
    work++;
    if (load<u8>(ptr + q) != LF) { q++; continue; }
    let m = delimiterPrefix(ptr, len, q + 1, b, bl);
    if (m == bl + 2) {
      if (load<u8>(ptr + q - 1) == CR) return q + 1;
      lenientNeeded = true;
    }
    q += m + 1; // the m bytes matched are '-' or boundary bytes: no line feed among them
  }
  return -1;
}

// How many bytes at p match "--" boundary (bl + 2 when the delimiter is there).
@inline function delimiterPrefix(ptr: usize, len: i32, p: i32, b: usize, bl: i32): i32 {
  if (p + 2 + bl > len || load<u8>(ptr + p) != DASH) return 0;
  if (load<u8>(ptr + p + 1) != DASH) return 1;
  let k = 0;
  while (k < bl && load<u8>(ptr + p + 2 + k) == load<u8>(b + k)) k++;
  work += k + 1;
  return k + 2;
}

function strictPass(ptr: usize, len: i32, b: usize, bl: i32, sink: PartList): i32 {
  let found = 0;
  let d = findStrict(ptr, len, 0, b, bl);
  while (d >= 0) {
    found++;
    let e = d + 2 + bl;
    let next = findStrict(ptr, len, e, b, bl);
    let segEnd = next < 0 ? trimLineBreak(ptr, e, len) : next - 2; // the CRLF before a delimiter belongs to it
    if (segEnd - e >= 2 && load<u8>(ptr + e) == DASH && load<u8>(ptr + e + 1) == DASH) break; // close
    if (segEnd - e >= 2 && load<u8>(ptr + e) == CR && load<u8>(ptr + e + 1) == LF) {
      strictPart(ptr, e + 2, segEnd, next < 0, sink);
    } else if (segEnd > e) {
      lenientNeeded = true; // busboy skips the segment ("--boundary " or "--boundaryX"); others may not
    }
    d = next;
  }
  return found;
}

// One part in busboy's reading: headers as its HeaderParser takes them, then the content.
// A part busboy drops (malformed headers, no form-data Content-Disposition) asks for the lenient view.
function strictPart(ptr: usize, hs: i32, segEnd: i32, unterminated: bool, sink: PartList): void {
  quotedPrintable = false;
  let pos = hs;
  let cdStart = -1;
  let cdEnd = -1;
  let pairs = 0;
  let contentStart = -1;
  let limit = min(segEnd, hs + MAX_HEADER_BYTES + 1); // busboy errors past its limit: stop reading there
  while (pos < limit) {
    let nameStart = pos;
    while (pos < limit && isToken(load<u8>(ptr + pos))) pos++;
    if (pos >= limit || pos == nameStart || load<u8>(ptr + pos) != 0x3A) break;
    let nameLen = pos - nameStart;
    pos++;
    pos = skipSpacesAndTabs(ptr, limit, pos);
    let vStart = pos;
    let ok = false;
    while (true) {
      while (pos < limit && isFieldVchar(load<u8>(ptr + pos))) pos++;
      if (pos + 2 >= limit || load<u8>(ptr + pos) != CR || load<u8>(ptr + pos + 1) != LF) break;
      pos += 2;
      if (!isSpaceOrTab(load<u8>(ptr + pos))) { ok = true; break; } // else a folded line: the value goes on
    }
    if (!ok) break;
    pairs++;
    if (cdStart < 0 && pairs < MAX_HEADER_PAIRS && nameLen == 19 && startsWithCI(ptr + nameStart, 19, "content-disposition")) {
      cdStart = vStart;
      cdEnd = pos - 2;
    }
    if (nameLen == 25 && startsWithCI(ptr + nameStart, 25, "content-transfer-encoding")) quotedPrintable = isQuotedPrintable(ptr + vStart, pos - 2 - vStart);
    if (load<u8>(ptr + pos) == CR) {
      if (pos + 1 < limit && load<u8>(ptr + pos + 1) == LF) contentStart = pos + 2;
      break;
    }
  }
  work += pos - hs;
  if (contentStart < 0 || contentStart - hs > MAX_HEADER_BYTES || cdStart < 0) {
    lenientNeeded = true;
    return;
  }
  let n = unfold(ptr + cdStart, cdEnd - cdStart);
  if (!parseDisposition(n, true) || !dispIsFormData) {
    lenientNeeded = true;
    return;
  }
  emitPart(ptr + contentStart, segEnd - contentStart, unterminated ? KIND_UNTERMINATED : 0, sink);
}

// The end of [start, end) without the CRLF or LF it ends with: a body cut before the part's
// closing delimiter most often ends with the line break that would have come before it.
function trimLineBreak(ptr: usize, start: i32, end: i32): i32 {
  if (end > start && load<u8>(ptr + end - 1) == LF) end--;
  if (end > start && load<u8>(ptr + end - 1) == CR) end--;
  return end;
}

// ---- lenient view: any line start, LF or CRLF, parameters read past errors ----

// Offset of the "--" of the next delimiter at a line start at or after `from`: "--" boundary then
// "--", or blanks (SP, HT, CR) and a line feed. -1 if none. Linear as findStrict; the blanks
// after a near-miss are not read again.
function findLenient(ptr: usize, len: i32, from: i32, b: usize, bl: i32): i32 {
  let p = from;
  while (p < len) {
    if (p == 0 || load<u8>(ptr + p - 1) == LF) {
      let m = delimiterPrefix(ptr, len, p, b, bl);
      if (m == bl + 2) {
        let e = p + m;
        if (e + 1 < len && load<u8>(ptr + e) == DASH && load<u8>(ptr + e + 1) == DASH) return p;
        while (e < len && (isSpaceOrTab(load<u8>(ptr + e)) || load<u8>(ptr + e) == CR)) { e++; work++; }
        if (e < len && load<u8>(ptr + e) == LF) return p;
        p = e; // no line feed in what was read: no delimiter can start before e + 1
        continue;
      }
      p += m; // likewise
    }
    work++;
    p++;
  }
  return -1;
}

function lenientPass(ptr: usize, len: i32, b: usize, bl: i32, sink: PartList): i32 {
  let found = 0;
  let d = findLenient(ptr, len, 0, b, bl);
  while (d >= 0) {
    found++;
    let e = d + 2 + bl;
    if (e + 1 < len && load<u8>(ptr + e) == DASH && load<u8>(ptr + e + 1) == DASH) break; // close
    while (load<u8>(ptr + e) != LF) e++; // findLenient saw the line feed
    let hs = e + 1;
    let next = findLenient(ptr, len, hs, b, bl);
    let segEnd = trimLineBreak(ptr, hs, len);
    if (next >= 0) {
      segEnd = next - 1; // the line break before a delimiter belongs to it
      if (segEnd > hs && load<u8>(ptr + segEnd - 1) == CR) segEnd--;
      if (segEnd < hs) segEnd = hs;
    }
    lenientPart(ptr, hs, segEnd, next < 0, sink);
    d = next;
  }
  return found;
}

function lenientPart(ptr: usize, hs: i32, segEnd: i32, unterminated: bool, sink: PartList): void {
  quotedPrintable = false;
  let flags = KIND_LENIENT | (unterminated ? KIND_UNTERMINATED : 0);
  let pos = hs;
  let cdStart = -1;
  let cdEnd = -1;
  let contentStart = -1;
  let limit = min(segEnd, hs + MAX_LENIENT_HEADER_BYTES);
  while (pos < limit) {
    let lineEnd = pos;
    while (lineEnd < limit && load<u8>(ptr + lineEnd) != LF) lineEnd++;
    let textEnd = lineEnd > pos && load<u8>(ptr + lineEnd - 1) == CR ? lineEnd - 1 : lineEnd;
    if (textEnd == pos && lineEnd < limit) { contentStart = lineEnd + 1; break; } // the blank line
    if (cdStart >= 0 && cdEnd < 0) {
      if (isSpaceOrTab(load<u8>(ptr + pos))) { pos = lineEnd + 1; continue; } // folded into the disposition
      cdEnd = pos;
    }
    if (cdStart < 0 && textEnd - pos > 20 && startsWithCI(ptr + pos, 20, "content-disposition:")) cdStart = pos + 20;
    else if (textEnd - pos > 26 && startsWithCI(ptr + pos, 26, "content-transfer-encoding:")) quotedPrintable = isQuotedPrintable(ptr + pos + 26, textEnd - pos - 26);
    pos = lineEnd + 1;
  }
  work += min(pos, segEnd) - hs;
  if (cdStart >= 0 && cdEnd < 0) cdEnd = min(pos, segEnd);
  // Headers, a line feed, then the delimiter's line feed: the blank line, with no content.
  if (contentStart < 0 && pos == segEnd && segEnd > hs && segEnd < limit + 1) contentStart = segEnd;
  if (contentStart < 0) {
    // No blank line: a server reads it all as (bad) headers; score it rather than guess.
    emitContent(ptr + hs, segEnd - hs, ptr, 0, PartKind.ORPHAN | flags, sink);
    return;
  }
  if (cdStart < 0) {
    emitContent(ptr + contentStart, segEnd - contentStart, ptr, 0, PartKind.ORPHAN | flags, sink);
    return;
  }
  let n = unfold(ptr + cdStart, cdEnd - cdStart);
  parseDisposition(n, false);
  emitPart(ptr + contentStart, segEnd - contentStart, flags, sink);
}

// ---- emitting ----

// Emits a part from the parsed disposition (parseDisposition's results in scratch).
function emitPart(cPtr: usize, cLen: i32, flags: i32, sink: PartList): void {
  let base = changetype<usize>(scratch);
  let namePtr = base + <usize>dispNameOff;
  let nameLen = dispNameLen;
  // busboy tests the filenames for truth: filename="" is a field there (and a field is always
  // scored, so taking it as one is also right for a server that calls it an empty file).
  let hasStar = dispStarLen > 0;
  if (!hasStar && dispFileLen <= 0) {
    lastKind = PartKind.FIELD | flags;
    if (cLen > 0) { emit(sink, namePtr, nameLen, cPtr, cLen); emitDecoded(sink, nameLen, cPtr, cLen); }
    return;
  }
  // busboy reads filename* when it is there; a server without RFC 5987 reads filename.
  let mainOff = hasStar ? dispStarOff : dispFileOff;
  let mainLen = hasStar ? dispStarLen : dispFileLen;
  lastKind = PartKind.FILENAME | flags;
  emit(sink, namePtr, nameLen, base + <usize>mainOff, mainLen);
  if (hasStar && dispFileLen > 0 &&
      (dispFileLen != dispStarLen || memory.compare(base + <usize>dispFileOff, base + <usize>dispStarOff, dispFileLen) != 0)) {
    lastKind = PartKind.FILENAME | flags | KIND_ALT;
    emit(sink, namePtr, nameLen, base + <usize>dispFileOff, dispFileLen);
  }
  emitContent(cPtr, cLen, namePtr, nameLen, PartKind.FILE | flags, sink);
}

// File content is scored when it is text: a PHP or JSP shell labelled image/png is text, and
// the label is the attacker's to choose. Binary bytes (images, archives) say nothing the model
// can read and are skipped.
function emitContent(cPtr: usize, cLen: i32, namePtr: usize, nameLen: i32, kind: i32, sink: PartList): void {
  if (cLen <= 0) return;
  work += cLen;
  if (!looksLikeText(cPtr, cLen)) return;
  lastKind = kind;
  emit(sink, namePtr, nameLen, cPtr, cLen);
  emitDecoded(sink, nameLen, cPtr, cLen);
}

// A part declared quoted-printable is emitted a second time decoded (lib/escapes.ts): Go's
// mime/multipart decodes it for the application (`=3Cscript=3E` is `<script>` there), busboy and
// most others hand over the bytes as sent, which the first emit scored. The name is the one emit
// stored for that part (its copy, when the name was decoded into this module's scratch).
function emitDecoded(sink: PartList, nameLen: i32, cPtr: usize, cLen: i32): void {
  if (!quotedPrintable) return;
  let d = sink.alloc(cLen);
  if (d == 0) return;
  let m = decodeQuotedPrintable(cPtr, cLen, d);
  let last = sink.count - 1;
  // Nothing was encoded (the part as sent is all there is), the part as sent was not emitted, or
  // the decoded bytes are binary (a file's, not scored: emitContent).
  if (m == cLen || last < 0 || sink.valPtr(last) != cPtr) { sink.shrinkLast(d, cLen, 0); return; }
  work += m;
  if (!looksLikeText(d, m)) { sink.shrinkLast(d, cLen, 0); return; }
  sink.shrinkLast(d, cLen, m);
  emit(sink, sink.namePtr(last), nameLen, d, m);
}

// Whether a Content-Transfer-Encoding value (blanks around it allowed) is quoted-printable.
function isQuotedPrintable(p: usize, n: i32): bool {
  let i = skipSpacesAndTabs(p, n, 0);
  return n - i >= 16 && startsWithCI(p + <usize>i, 16, "quoted-printable");
}

// ---- Content-Disposition ----

// Copies a header value into scratch without the CRLF (or LF) of folded lines, as busboy joins
// them (the blank that starts the next line stays). Returns its length (at most scratch's).
function unfold(p: usize, n: i32): i32 {
  let out = changetype<usize>(scratch);
  let cap = scratch.length;
  let o = 0;
  for (let i = 0; i < n && o < cap; i++) {
    let c = load<u8>(p + i);
    if (c == CR || c == LF) continue;
    store<u8>(out + o, c);
    o++;
  }
  work += n;
  return o;
}

// Results of parseDisposition: spans in scratch (values decoded in place), length -1 when absent.
let dispIsFormData = false;
let dispNameOff = 0;
let dispNameLen = 0;
let dispFileOff = 0;
let dispFileLen = -1;
let dispStarOff = 0;
let dispStarLen = -1;

// Parses the Content-Disposition value in scratch[0, n) with busboy's grammar (parseDisposition
// in busboy/lib/utils.js): a type token, then "; name=value" with token or quoted values
// (only \\ and \" are escapes; any other backslash stays) and RFC 5987 ext-values for names
// ending in '*' (charset'lang'percent-encoded), the first of a name wins. Strict: returns false
// where busboy would drop the part. Lenient: skips a bad parameter to the next ';' and goes on.
function parseDisposition(n: i32, strict: bool): bool {
  let s = changetype<usize>(scratch);
  dispNameOff = 0; dispNameLen = 0; dispFileLen = -1; dispStarLen = -1;
  let i = 0;
  if (!strict) i = skipSpacesAndTabs(s, n, i);
  let typeStart = i;
  while (i < n && isToken(load<u8>(s + i))) i++;
  dispIsFormData = i - typeStart == 9 && startsWithCI(s + typeStart, 9, "form-data");
  let haveName = false;
  while (i < n) {
    i = skipSpacesAndTabs(s, n, i);
    if (i == n) break;
    let ok = load<u8>(s + i) == 0x3B;
    if (ok) {
      i++;
      i = skipSpacesAndTabs(s, n, i);
      let nameStart = i;
      while (i < n && isToken(load<u8>(s + i))) i++;
      let nameLen = i - nameStart;
      ok = nameLen > 0 && i < n && load<u8>(s + i) == 0x3D;
      if (ok) {
        let ext = load<u8>(s + i - 1) == 0x2A; // '*'
        i++;
        let r = ext ? parseExtValue(s, i, n, strict) : parsePlainValue(s, i, n, strict);
        if (r < 0) {
          ok = false;
        } else {
          i = <i32>(r >> 32);
          let vOff = valueOff;
          let vLen = <i32>(r & 0xFFFFFFFF);
          if (!haveName && nameLen == 4 && startsWithCI(s + nameStart, 4, "name")) {
            haveName = true; dispNameOff = vOff; dispNameLen = vLen;
          } else if (dispFileLen < 0 && nameLen == 8 && startsWithCI(s + nameStart, 8, "filename")) {
            dispFileOff = vOff; dispFileLen = vLen;
          } else if (dispStarLen < 0 && nameLen == 9 && startsWithCI(s + nameStart, 9, "filename*")) {
            dispStarOff = vOff; dispStarLen = vLen;
          }
        }
      }
    }
    if (!ok) {
      if (strict) return false;
      while (i < n && load<u8>(s + i) != 0x3B) i++;
    }
  }
  return true;
}

let valueOff = 0;

// A token or quoted-string value at i; decoded in place at valueOff. Returns (end << 32 | length)
// or -1 when busboy calls it malformed (empty token, bad quoted character, no closing quote). Not
// strict, a quoted string takes any byte up to its closing quote, as PHP reads it: a control byte
// in a file's name (`filename="shell.php\0.jpg"`, the NUL that cuts the name where the server
// stores it) made the strict view drop the parameter, and the lenient one then read no name at all.
function parsePlainValue(s: usize, i: i32, n: i32, strict: bool): i64 {
  if (i >= n) return -1;
  valueOff = i;
  if (load<u8>(s + i) != 0x22) {
    let start = i;
    while (i < n && isToken(load<u8>(s + i))) i++;
    return i == start ? -1 : (<i64>i << 32) | <i64>(i - start);
  }
  i++;
  valueOff = i;
  let o = i;
  while (i < n) {
    let c = load<u8>(s + i);
    if (c == 0x22) return (<i64>(i + 1) << 32) | <i64>(o - valueOff);
    if (c == 0x5C && i + 1 < n && (load<u8>(s + i + 1) == 0x5C || load<u8>(s + i + 1) == 0x22)) {
      i++;
      c = load<u8>(s + i);
    } else if (c != 0x5C && !isQdtext(c) && strict) {
      return -1;
    }
    store<u8>(s + o, c);
    o++;
    i++;
  }
  return -1;
}

// An RFC 5987 ext-value at i: charset ' language ' percent-encoded bytes, decoded in place.
// busboy drops the part when the charset is one it cannot decode or a '%' is not followed by
// two hex digits; the value's bytes are kept as they are (busboy decodes them to a string). Not
// strict, the value runs on past bytes that are no attr-char up to the parameter's `;` or a
// blank, as Python's decode_rfc2231 reads it (`UTF-8''admin'--` is `admin'--` there, where the
// strict view, busboy's, drops the part at the quote), and a `%` without two hex digits stays.
function parseExtValue(s: usize, i: i32, n: i32, strict: bool): i64 {
  let csStart = i;
  while (i < n && isCharsetChar(load<u8>(s + i))) i++;
  if (i >= n || load<u8>(s + i) != 0x27) return -1;
  if (!knownCharset(s + csStart, i - csStart)) return -1;
  i++;
  while (i < n && load<u8>(s + i) != 0x27) i++;
  if (i >= n) return -1;
  i++;
  if (i >= n) return -1;
  valueOff = i;
  let o = i;
  while (i < n) {
    let c = load<u8>(s + i);
    if (c == 0x25) {
      let b = i + 2 < n ? hexByte(s + i + 1) : -1;
      if (b >= 0) {
        store<u8>(s + o, <u8>b);
        o++;
        i += 3;
        continue;
      }
      if (strict) return -1;
    } else if (!isAttrChar(c) && (strict || c == 0x3B || isSpaceOrTab(c))) break;
    store<u8>(s + o, c);
    o++;
    i++;
  }
  return (<i64>i << 32) | <i64>(o - valueOff);
}

// The charsets busboy's getDecoder knows (case-insensitive); any other makes it drop the part.
function knownCharset(p: usize, n: i32): bool {
  return equalsCI(p, n, "utf-8") || equalsCI(p, n, "utf8") || equalsCI(p, n, "latin1") || equalsCI(p, n, "ascii") ||
    equalsCI(p, n, "us-ascii") || equalsCI(p, n, "iso-8859-1") || equalsCI(p, n, "iso8859-1") || equalsCI(p, n, "iso88591") ||
    equalsCI(p, n, "iso_8859-1") || equalsCI(p, n, "windows-1252") || equalsCI(p, n, "cp1252") || equalsCI(p, n, "x-cp1252") ||
    equalsCI(p, n, "utf16le") || equalsCI(p, n, "utf-16le") || equalsCI(p, n, "ucs2") || equalsCI(p, n, "ucs-2") || equalsCI(p, n, "base64");
}

// ---- byte classes (RFC 7230 tchar, field-vchar and qdtext; RFC 5987 attr-char; busboy's tables) ----

function isToken(c: u8): bool {
  if (c <= 0x20 || c >= 0x7F) return false;
  // "(),/:;<=>?@[\]{}  are separators
  return !(c == 0x22 || c == 0x28 || c == 0x29 || c == 0x2C || c == 0x2F || (c >= 0x3A && c <= 0x40) ||
    (c >= 0x5B && c <= 0x5D) || c == 0x7B || c == 0x7D);
}

@inline function isFieldVchar(c: u8): bool { return c == 0x09 || (c >= 0x20 && c != 0x7F); }

@inline function isQdtext(c: u8): bool { return c == 0x09 || c == 0x20 || c == 0x21 || (c >= 0x23 && c != 0x5C && c != 0x7F); }

// busboy's CHARSET table: ! # $ % & + - digits letters ^ _ ` { } ~
function isCharsetChar(c: u8): bool {
  if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x5E && c <= 0x7B)) return true;
  return c == 0x21 || (c >= 0x23 && c <= 0x26) || c == 0x2B || c == 0x2D || c == 0x7D || c == 0x7E;
}

// RFC 5987 attr-char: ALPHA DIGIT ! # $ & + - . ^ _ ` | ~
function isAttrChar(c: u8): bool {
  if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x5E && c <= 0x7A)) return true;
  return c == 0x21 || c == 0x23 || c == 0x24 || c == 0x26 || c == 0x2B || c == 0x2D || c == 0x2E || c == 0x7C || c == 0x7E;
}



