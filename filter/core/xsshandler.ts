// Cross-site scripting by its grammar: an HTML tag whose event handler attribute calls script
// (`<samp onmouseup="alert(1)">`, `<svg/onload=alert(1)>`, `<ol onkeydown="eval(x)" contenteditable>`),
// as XSS filters block at paranoia level 1 (CRS 941100, libinjection's HTML tokenizer). Read by
// core/payloads.ts; total and allocation-free.
//
// The model scored such tags 21–46 when prose around them diluted their window, in the folds that
// held payloadbox's and libinjection's lists out. Rich text a site lets users post is sanitized
// HTML without handlers, and no benign part of the dataset has one (`make verdict-census`).

import { byteAt, isIdentByte, isLetter, isWhitespace } from "../lib/bytes";
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

// An event handler attribute that calls script outside any tag: a value that breaks out of the
// attribute it was written into (`" onmouseover=alert(1) x="`, a User-Agent's `Safari/605.1.15
// onmouseover=alert(1);`). Its name must stand at the text's start or after a blank, a quote or a
// '/', and its value must call (a name, `]` or `)` right before a `(` or a backquote): a property
// set in code (`window.onload = init()`) has a '.' before it, and a value that only reads one
// (`online=v1.2`) calls nothing. The model scored such values 38-57 after a browser's User-Agent.
export function eventHandlerAttribute(p: usize, n: i32): bool {
  // At each '=' (rarer than an 'o' in prose): the name before it, back over blanks and letters.
  for (let j = indexOf2(p, 0, n, 0x3D, 0x3D); j < n; j = indexOf2(p, j + 1, n, 0x3D, 0x3D)) {
    let o = handlerNameBefore(p, n, j);
    if (o < 0 || (o > 0 && !isSeparator(<u32>load<u8>(p + <usize>(o - 1))))) continue;
    if (handlerRuns(p, n, j + 1, true)) return true;
  }
  return false;
}

// Where the event handler's name whose `=` stands at j starts (handlerNameEnd's), read back over
// blanks and letters; -1 when the letters there are no handler's name. Also for core/mayconfirm.ts.
// @ts-ignore: decorator
@inline export function handlerNameBefore(p: usize, n: i32, j: i32): i32 {
  let e = j;
  while (e > 0 && isWhitespace(load<u8>(p + <usize>(e - 1)))) e--;
  let o = e;
  while (o > 0 && isLetter(load<u8>(p + <usize>(o - 1)))) o--;
  return e - o >= 5 && handlerNameEnd(p, n, o) == j ? o : -1;
}

// Whether an event handler attribute starts at i (handlerNameEnd) with a value that calls or reads
// script (`(`, a backquote or a `.` before its end).
function handlerAt(p: usize, n: i32, i: i32): bool {
  let j = handlerNameEnd(p, n, i);
  return j >= 0 && handlerRuns(p, n, j + 1, false);
}

// Whether a handler's value from i (past its '=') runs script before it ends (its quote, or a blank
// or '>' when unquoted; at most 256 bytes): with `calls`, a '(' or a backquote right after a name
// byte, ']' or ')' (eventHandlerAttribute); else any '(', backquote or '.' (in a tag, handlerAt).
function handlerRuns(p: usize, n: i32, i: i32, calls: bool): bool {
  while (i < n && isWhitespace(load<u8>(p + <usize>i))) i++;
  let q = byteAt(p, n, i);
  let quoted = q == 0x22 || q == 0x27;
  if (quoted) i++;
  let prev: u32 = 0;
  for (let k = i; k < n && k < i + 256; k++) {
    let c = <u32>load<u8>(p + <usize>k);
    if (quoted ? c == q : (isWhitespace(<u8>c) || c == 0x3E)) return false;
    if (calls) {
      if ((c == 0x28 || c == 0x60) && (isIdentByte(prev) || prev == 0x5D || prev == 0x29)) return true; // '(' '`'
      prev = c;
    } else if (c == 0x28 || c == 0x60 || c == 0x2E) return true; // '(', '`', '.'
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
