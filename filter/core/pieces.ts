// The pieces core/score.ts zooms into: whether a window reads as prose with a little syntax in it,
// where its bytes of syntax are, and where the words around them start and end. Pure reads of a
// window's bytes; allocation-free.

import { canReadBlock, nibbleSetBits } from "../lib/scan";
import { byteAt, isLetter } from "../lib/bytes";
import { shellWordEnd, isCommandWord } from "./confirm";

// Whether p[0..n) reads as prose with a little syntax in it: longer than ZOOM_MIN_BYTES, a byte
// of syntax (SYNTAX) or more, and at most one in PROSE_SHARE bytes and MAX_SYNTAX in all. Code
// and markup have syntax throughout (a 256-byte window of JavaScript holds 30 or more, one in 8
// bytes); a payload in a few hundred bytes of prose holds a few. Counted 16 bytes at a time: it
// runs for every window that may confirm.
export function proseWithSyntax(p: usize, n: i32): bool {
  if (n <= ZOOM_MIN_BYTES) return false;
  let lo = v128.load(SYNTAX_NIBBLES), hi = v128.load(SYNTAX_NIBBLES, 16);
  let most = min(MAX_SYNTAX, n / PROSE_SHARE);
  let count = 0, i = 0;
  for (; i + 16 <= n; i += 16) {
    count += popcnt(nibbleSetBits(v128.load(p + <usize>i), lo, hi));
    if (count > most) return false;
  }
  if (i < n) {
    if (!canReadBlock(p + <usize>i)) return false; // at the very end of memory: not zoomed
    count += popcnt(syntaxBits(p + <usize>i, n - i));
  }
  return count >= 1 && count <= most;
}

// Bit j set when byte j of the 16 at q (the first `left` of them, when fewer) is of SYNTAX. The
// block is readable: proseWithSyntax returned true for the window it is in.
// @ts-ignore: decorator
@inline export function syntaxBits(q: usize, left: i32): i32 {
  let mask = nibbleSetBits(v128.load(q), v128.load(SYNTAX_NIBBLES), v128.load(SYNTAX_NIBBLES, 16));
  return left < 16 ? mask & ((1 << left) - 1) : mask;
}

// Whether the first word at or after the blanks at i is a command's name (core/confirm.ts COMMANDS).
export function commandFollows(p: usize, n: i32, i: i32): bool {
  while (i < n && isBlankByte(load<u8>(p + <usize>i))) i++;
  shellWordEnd(p, n, i);
  return isCommandWord();
}

// Whether a and b are a pair that encloses words: quotes, or parentheses.
// @ts-ignore: decorator
@inline export function enclosesWords(a: u8, b: u8): bool {
  return (a == b && (a == 0x22 || a == 0x27)) || (a == 0x28 && b == 0x29);
}

// Whether the byte of syntax p[i] is an apostrophe between two letters (`don't`): prose's.
// @ts-ignore: decorator
@inline export function proseApostrophe(p: usize, n: i32, i: i32): bool {
  return load<u8>(p + <usize>i) == 0x27 && isLetter(byteAt(p, n, i - 1)) && isLetter(byteAt(p, n, i + 1));
}

// Where the run of non-blank bytes that holds p[i] starts (i itself when p[i] is a blank, after the
// blanks before it: the previous word's start), or 0.
export function wordStart(p: usize, i: i32): i32 {
  if (i <= 0) return 0;
  while (i > 0 && isBlankByte(load<u8>(p + <usize>i))) i--;
  while (i > 0 && !isBlankByte(load<u8>(p + <usize>(i - 1)))) i--;
  return i;
}

// Where the run of non-blank bytes at or after the blanks at i ends, or n.
export function wordEnd(p: usize, n: i32, i: i32): i32 {
  while (i < n && isBlankByte(load<u8>(p + <usize>i))) i++;
  while (i < n && !isBlankByte(load<u8>(p + <usize>i))) i++;
  return i;
}

// @ts-ignore: decorator
@inline export function isBlankByte(c: u8): bool { return c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D; }

// A window this short holds too little prose to dilute a payload (after 50 bytes of it, the
// tautology still scored 15).
const ZOOM_MIN_BYTES = 56;
const PROSE_SHARE = 16;
const MAX_SYNTAX = 16;
// Bytes of syntax this close are one run; a piece in context grows to PIECE_MIN bytes.
export const SYNTAX_GAP = 16;
export const PIECE_MIN = 32;
const SYNTAX = "'\"`()<>{}[];=*#$%&|\\@^~/";
// The same set by nibbles (lib/scan.ts nibbleSetBits): a bit for each high nibble in the set.
const SYNTAX_NIBBLES = memory.data(32, 16);
initSyntaxNibbles();

function initSyntaxNibbles(): void {
  let highs: u32 = 0;
  for (let i = 0; i < SYNTAX.length; i++) {
    let c = <u32>SYNTAX.charCodeAt(i);
    let h = c >> 4;
    let bit = <u32>load<u8>(SYNTAX_NIBBLES + 16 + <usize>h);
    if (bit == 0) { bit = 1 << highs++; store<u8>(SYNTAX_NIBBLES + 16 + <usize>h, <u8>bit); }
    store<u8>(SYNTAX_NIBBLES + <usize>(c & 15), load<u8>(SYNTAX_NIBBLES + <usize>(c & 15)) | <u8>bit);
  }
}
