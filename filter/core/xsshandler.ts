// Cross-site scripting by its grammar: an HTML tag whose event handler attribute calls script
// (`<samp onmouseup="alert(1)">`, `<svg/onload=alert(1)>`, `<ol onkeydown="eval(x)" contenteditable>`),
// as XSS filters block at paranoia level 1 (CRS 941100, libinjection's HTML tokenizer). Read by
// core/payloads.ts; total and allocation-free.
//
// The model scored such tags 21–46 when prose around them diluted their window, in the folds that
// held payloadbox's and libinjection's lists out. Rich text a site lets users post is sanitized
// HTML without handlers, and no benign part of the dataset has one (`make verdict-census`).

import { byteAt, isLetter, isWhitespace } from "../lib/bytes";
import { indexOf2 } from "../lib/scan";

// How far past a tag's `<` its attributes are read.
const MAX_TAG_BYTES = 512;

export function eventHandlerTag(p: usize, n: i32): bool {
  for (let i = indexOf2(p, 0, n, 0x3C, 0x3C); i < n; i = indexOf2(p, i + 1, n, 0x3C, 0x3C)) { // '<'
    let j = i + 1;
    if (!isLetter(byteAt(p, n, j))) continue;
    while (j < n && isNameByte(load<u8>(p + <usize>j))) j++;
    // The tag's attributes, to its '>' (or the next '<', or MAX_TAG_BYTES): an `o` after a blank,
    // '/' or a quote that closed the attribute before it may start a handler's name.
    let end = indexOf2(p, j, min(n, i + MAX_TAG_BYTES), 0x3E, 0x3C);
    for (let o = indexOf2(p, j, end, 0x6F, 0x4F); o < end; o = indexOf2(p, o + 1, end, 0x6F, 0x4F)) {
      if (isSeparator(<u32>load<u8>(p + <usize>(o - 1))) && handlerAt(p, n, o)) return true;
    }
    i = end - 1;
  }
  return false;
}

// Whether an event handler attribute starts at i (handlerNameEnd) with a value that calls or reads
// script (`(`, a backquote or a `.` before its end).
function handlerAt(p: usize, n: i32, i: i32): bool {
  let j = handlerNameEnd(p, n, i);
  if (j < 0) return false;
  j++;
  while (j < n && isWhitespace(load<u8>(p + <usize>j))) j++;
  let q = byteAt(p, n, j);
  let quoted = q == 0x22 || q == 0x27;
  if (quoted) j++;
  for (let k = j; k < n && k < j + 256; k++) {
    let c = <u32>load<u8>(p + <usize>k);
    if (quoted ? c == q : (isWhitespace(<u8>c) || c == 0x3E)) return false;
    if (c == 0x28 || c == 0x60 || c == 0x2E) return true; // '(', '`', '.'
  }
  return false;
}

// Where the `=` after an event handler attribute's name at i stands (`on` and three or more letters,
// blanks): -1 when there is none. Also for core/confirm.ts's xss lexer.
export function handlerNameEnd(p: usize, n: i32, i: i32): i32 {
  if ((byteAt(p, n, i) | 0x20) != 0x6F || (byteAt(p, n, i + 1) | 0x20) != 0x6E) return -1; // "on"
  let j = i + 2;
  while (j < n && isLetter(load<u8>(p + <usize>j))) j++;
  if (j - i < 5) return -1;
  while (j < n && isWhitespace(load<u8>(p + <usize>j))) j++;
  return byteAt(p, n, j) == 0x3D ? j : -1; // '='
}

// @ts-ignore: decorator
@inline function isNameByte(c: u32): bool { return isLetter(c) || c - 0x30 < 10 || c == 0x2D || c == 0x3A; }
// A blank, '/', or a quote: what may stand before an attribute's name in a tag browsers parse.
// @ts-ignore: decorator
@inline function isSeparator(c: u32): bool { return isWhitespace(<u8>c) || c == 0x2F || c == 0x22 || c == 0x27; }
