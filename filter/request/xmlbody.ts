// Splits an XML body: the document stays one part (its DOCTYPE's entities, XInclude and the tags
// themselves are read there), and each element's text, each CDATA section and each attribute's
// value is a part too, named by its element or attribute, as the application that parses the
// document reads them. Called by request/body.ts, and by request/jsonbody.ts for a value that is an
// XML document.
//
// Why: a value read inside the whole document shares its 256-byte window with the markup around
// it, and a SOAP or XML-RPC envelope dilutes it: `'; cat /etc/passwd #` scored 1 as a JSON string
// and 90 in an XML-RPC <value>. A lenient reader, not a validating parser: what does not parse is
// skipped, never refused, and the document part still holds every byte.

import { PartList } from "./parts";
import { indexOf2 } from "../lib/scan";
import { matchesAt, isSpaceOrBreak, skipSpacesAndBreaks } from "../lib/bytes";

// The names of the open elements, kept for their text (deeper ones name theirs by the deepest kept).
const MAX_DEPTH = 64;
const NAME_PTRS = memory.data(MAX_DEPTH * 4);
const NAME_LENS = memory.data(MAX_DEPTH * 4);

// Adds the document's texts and attribute values to out as parts of `where` (BODY_XML for a body; a
// value's own where for a document that is a value: request/jsonbody.ts), marked `marks`.
export function splitXml(ptr: usize, len: i32, out: PartList, where: i32, marks: u32): void {
  let depth = 0;
  let i = 0;
  while (i < len) {
    let lt = indexOf2(ptr, i, len, 0x3C, 0x3C); // '<'
    // Text outside every element is no element's (XML allows only blanks there; a body with no tag
    // at all is its document part alone).
    if (depth > 0) addText(out, ptr, i, lt, depth, where, marks);
    if (lt >= len) return;
    i = lt + 1;
    if (i >= len) return;
    let c = <u32>load<u8>(ptr + <usize>i);
    if (c == 0x21) { // '!': a comment, a CDATA section or a declaration
      if (matchesAt(ptr, len, i, "!--")) { i = endOf(ptr, len, i + 3, "-->"); continue; }
      if (matchesAt(ptr, len, i, "![CDATA[")) {
        let s = i + 8;
        let e = indexOfString(ptr, len, s, "]]>");
        if (depth > 0) addText(out, ptr, s, e, depth, where, marks);
        i = e + 3;
        continue;
      }
      i = declarationEnd(ptr, len, i);
      continue;
    }
    if (c == 0x3F) { i = endOf(ptr, len, i + 1, "?>"); continue; } // a processing instruction
    if (c == 0x2F) { // an end tag: back to the enclosing element
      if (depth > 0) depth--;
      i = endOf(ptr, len, i + 1, ">");
      continue;
    }
    // A start tag: its name, then its attributes, to '>' or '/>'.
    let ns = i;
    while (i < len && isNameByte(load<u8>(ptr + <usize>i))) i++;
    if (i == ns) continue; // '<' before no name: text (a stray '<' in lenient input)
    let tagPtr = ptr + <usize>ns, tagLen = i - ns;
    let empty = false;
    while (i < len) {
      let b = <u32>load<u8>(ptr + <usize>i);
      if (b == 0x3E) { i++; break; } // '>'
      if (b == 0x2F && i + 1 < len && load<u8>(ptr + <usize>(i + 1)) == 0x3E) { empty = true; i += 2; break; }
      if (!isNameByte(b)) { i++; continue; }
      // An attribute: name, '=', a quoted value.
      let as = i;
      while (i < len && isNameByte(load<u8>(ptr + <usize>i))) i++;
      let ae = i;
      i = skipSpacesAndBreaks(ptr, len, i);
      if (i >= len || load<u8>(ptr + <usize>i) != 0x3D) continue; // '='
      i++;
      i = skipSpacesAndBreaks(ptr, len, i);
      if (i >= len) break;
      let q = load<u8>(ptr + <usize>i);
      if (q != 0x22 && q != 0x27) continue; // unquoted: not XML, read on as bytes
      let vs = i + 1;
      let ve = indexOf2(ptr, vs, len, q, q);
      // Namespace declarations are the document's plumbing (every SOAP envelope names the same
      // URIs): read in the document part only.
      if (!isNamespaceDeclaration(ptr + <usize>as, ae - as)) out.add(where, ptr + <usize>as, ae - as, ptr + <usize>vs, min(ve, len) - vs, false, marks);
      i = ve + 1;
    }
    if (empty) continue;
    if (depth < MAX_DEPTH) {
      store<u32>(NAME_PTRS + (<usize>depth << 2), <u32>tagPtr);
      store<i32>(NAME_LENS + (<usize>depth << 2), tagLen);
    }
    depth++;
  }
}

// Text p[s..e) inside `depth` open elements (depth > 0) as a part named by the innermost one kept
// (past MAX_DEPTH, the deepest kept), when it holds more than blanks; its ends' blanks (the
// document's indentation) left out.
function addText(out: PartList, p: usize, s: i32, e: i32, depth: i32, where: i32, marks: u32): void {
  s = skipSpacesAndBreaks(p, e, s);
  while (e > s && isSpaceOrBreak(load<u8>(p + <usize>(e - 1)))) e--;
  if (e <= s) return;
  let top = <usize>(min(depth, MAX_DEPTH) - 1) << 2;
  out.add(where, <usize>load<u32>(NAME_PTRS + top), load<i32>(NAME_LENS + top), p + <usize>s, e - s, false, marks);
}

// The index just past `end` from i on, or n when it does not come.
function endOf(p: usize, n: i32, i: i32, end: string): i32 {
  let k = indexOfString(p, n, i, end);
  return k >= n ? n : k + end.length;
}

// The index of `s` (ASCII) in p[i..n), or n.
function indexOfString(p: usize, n: i32, i: i32, s: string): i32 {
  let first = <u8>load<u16>(changetype<usize>(s));
  for (let k = indexOf2(p, i, n, first, first); k < n; k = indexOf2(p, k + 1, n, first, first)) {
    if (matchesAt(p, n, k, s)) return k;
  }
  return n;
}

// The end of a declaration at p[i] ('!'): to its '>', past an internal subset in brackets
// (`<!DOCTYPE r [<!ENTITY x SYSTEM "…">]>`).
function declarationEnd(p: usize, n: i32, i: i32): i32 {
  let bracket = 0;
  for (; i < n; i++) {
    let c = load<u8>(p + <usize>i);
    if (c == 0x5B) bracket++;
    else if (c == 0x5D) { if (bracket > 0) bracket--; }
    else if (c == 0x3E && bracket == 0) return i + 1;
  }
  return n;
}

// `xmlns` or `xmlns:prefix`.
function isNamespaceDeclaration(p: usize, n: i32): bool {
  return n >= 5 && matchesAt(p, n, 0, "xmlns") && (n == 5 || load<u8>(p + 5) == 0x3A);
}

// Bytes of XML names, leniently: letters, digits, '_', '-', '.', ':' and every non-ASCII byte.
// @ts-ignore: decorator
@inline function isNameByte(c: u32): bool {
  return (c | 0x20) - 0x61 < 26 || c - 0x30 < 10 || c == 0x5F || c == 0x2D || c == 0x2E || c == 0x3A || c >= 0x80;
}
