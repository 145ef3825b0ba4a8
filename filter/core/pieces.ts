// The pieces core/zoom.ts cuts: whether a window reads as prose with a little syntax in it,
// where its bytes of syntax are, and where the words around them start and end. Pure reads of a
// window's bytes; allocation-free.

import { canReadBlock, nibbleSetBits, indexOf, indexOf2 } from "../lib/scan";
import { byteAt, isLetter, isWordChar, isSpaceOrBreak, skipSpacesAndBreaks, matchesLowerAt } from "../lib/bytes";
import { shellWordEnd, isCommandWord, headerFieldColon } from "./confirm";

// Whether p[0..n) reads as prose with a little syntax in it: longer than ZOOM_MIN_BYTES, a byte
// of syntax (SYNTAX) or more, and at most one in PROSE_SHARE bytes and MAX_SYNTAX in all, or more
// in one span (below). Code and markup have syntax throughout (a 256-byte window of JavaScript
// holds 30 or more, one in 8 bytes); a payload in a few hundred bytes of prose holds a few.
// Counted 16 bytes at a time: it runs for every window that may confirm.
export function proseWithSyntax(p: usize, n: i32): bool {
  if (n <= ZOOM_MIN_BYTES) return false;
  let lo = v128.load(SYNTAX_NIBBLES), hi = v128.load(SYNTAX_NIBBLES, 16);
  let most = min(MAX_SYNTAX, n / PROSE_SHARE);
  let count = 0, i = 0, first = -1, last = 0;
  for (; i + 16 <= n; i += 16) {
    let mask = nibbleSetBits(v128.load(p + <usize>i), lo, hi);
    if (mask == 0) continue;
    if (first < 0) first = i + ctz(mask);
    last = i + 31 - clz(mask);
    count += popcnt(mask);
    if (count > MAX_DENSE) return false;
  }
  if (i < n) {
    if (!canReadBlock(p + <usize>i)) return false; // at the very end of memory: not zoomed
    let mask = syntaxBits(p + <usize>i, n - i);
    if (mask != 0) {
      if (first < 0) first = i + ctz(mask);
      last = i + 31 - clz(mask);
      count += popcnt(mask);
    }
  }
  // Over the share, the syntax may still be one payload's in prose: all of it in one span of
  // ONE_SPAN bytes in a short window (`… within a day. admin' || '1'=='1`), or up to MAX_DENSE
  // bytes of it in a span of under half the window and DENSE_SPAN bytes (a tag soup after a
  // sentence); code has its syntax throughout the window.
  if (count == 0 || count > MAX_DENSE) return false;
  let span = last - first;
  return count <= most || span < ONE_SPAN || (2 * span < n && span < DENSE_SPAN);
}

// Bit j set when byte j of the 16 at q (the first `left` of them, when fewer) is of SYNTAX. The
// block is readable: proseWithSyntax returned true for the window it is in.
// @ts-ignore: decorator
@inline export function syntaxBits(q: usize, left: i32): i32 {
  let mask = nibbleSetBits(v128.load(q), v128.load(SYNTAX_NIBBLES), v128.load(SYNTAX_NIBBLES, 16));
  return left < 16 ? mask & ((1 << left) - 1) : mask;
}

// Whether the run of count bytes of syntax from first to last is prose's own. A lone byte is, but
// for a shell's separator before a command (`;id`, `| whoami`, not a sentence's `; order one size
// up`) and a quote that ends a word before SQL's comment (`admin'--`, not the students' work); so
// is a pair of quotes or parentheses a blank opens around words (`as character "Connor Price".`,
// `(see above)`, not a call's `alert(document.cookie)`). A payload holds more.
export function proseRun(p: usize, n: i32, first: i32, last: i32, count: i32): bool {
  let c = load<u8>(p + <usize>first);
  if (count == 1) {
    return !((c == 0x3B || c == 0x7C || c == 0x60) && commandFollows(p, n, first + 1)) &&
      !(quoteEndsWord(p, n, first) && sqlCommentFollows(p, n, first + 1));
  }
  return count == 2 && enclosesWords(c, load<u8>(p + <usize>last)) && isSpaceOrBreak(<u8>byteAt(p, n, first - 1));
}

// Whether p[i] opens a shell's next command: `;`, a lone `|` (not `||`), or `$(`.
// @ts-ignore: decorator
@inline export function opensCommand(p: usize, n: i32, i: i32): bool {
  let c = load<u8>(p + <usize>i), d = byteAt(p, n, i + 1);
  return c == 0x3B || (c == 0x7C && d != 0x7C) || (c == 0x24 && d == 0x28);
}

// Whether the quote p[i] ends a word (`admin'`, `1'`): where an injection closes the string it
// breaks out of. Prose's quotes open after a blank or end a phrase the run opened before them.
// @ts-ignore: decorator
@inline export function quoteEndsWord(p: usize, n: i32, i: i32): bool {
  let c = load<u8>(p + <usize>i);
  return (c == 0x27 || c == 0x22) && isWordChar(byteAt(p, n, i - 1));
}

// Whether SQL's line comment `--` follows the blanks at i (`admin'--`, `admin' -- x`).
export function sqlCommentFollows(p: usize, n: i32, i: i32): bool {
  i = skipSpacesAndBreaks(p, n, i);
  return byteAt(p, n, i) == 0x2D && byteAt(p, n, i + 1) == 0x2D;
}

// Whether p[i] opens markup or a template's expression: a tag (`<svg`, `</`, `<!`), `{{`, `${`, `#{`
// or `<%`. Prose has no `<` before a letter.
// @ts-ignore: decorator
@inline export function opensMarkup(p: usize, n: i32, i: i32): bool {
  let c = load<u8>(p + <usize>i), d = byteAt(p, n, i + 1);
  return c == 0x3C ? isLetter(d) || d == 0x2F || d == 0x21 || d == 0x25 : d == 0x7B && (c == 0x7B || c == 0x24 || c == 0x23);
}

// Whether a script's URL scheme opens the word at i (`javascript:alert(1)`, `vbscript:msgbox(1)`),
// which runs only where the value starts: a link's target or a redirect's.
export function opensScriptScheme(p: usize, n: i32, i: i32): bool {
  return matchesLowerAt(p, n, i, "javascript:") || matchesLowerAt(p, n, i, "vbscript:");
}

// Where a command's options end: end, past up to two words after it that start with `-` and a
// letter (`ls -la`, `nc -e /bin/sh`).
export function optionsEnd(p: usize, n: i32, end: i32): i32 {
  for (let k = 0; k < 2; k++) {
    let i = skipSpacesAndBreaks(p, n, end);
    if (byteAt(p, n, i) != 0x2D || !isLetter(byteAt(p, n, i + 1))) break;
    end = wordEnd(p, n, i);
  }
  return end;
}

// Where, from i on, the next line break that opens a header line is (`\r\nSet-Cookie: a=b`), or -1:
// the bytes of a response splitting, which hold little syntax of their own.
export function headerBreakFrom(p: usize, n: i32, i: i32): i32 {
  while (i < n) {
    // The next \n or \r, or a UTF-8 lead byte E5 before it (most zoomed windows hold neither).
    let j = indexOf2(p, i, n, 0x0A, 0x0D);
    j = indexOf(p, i, j, 0xE5);
    if (j >= n) break;
    if (headerLineColon(p, n, j) >= 0) return j;
    i = j + 1;
  }
  return -1;
}

// Where the header line ends whose break is at i (headerBreakFrom): after the word that follows its `:`.
export function headerLineEnd(p: usize, n: i32, i: i32): i32 {
  return wordEnd(p, n, headerLineColon(p, n, i) + 1);
}

// The `:` of the header line when a line break at i opens one, else -1. The break may be spelled
// \r or \n, or hidden in U+560A/U+560D (嘊 嘍), whose low bytes servers that truncate to Latin-1 keep.
function headerLineColon(p: usize, n: i32, i: i32): i32 {
  let c = load<u8>(p + <usize>i);
  let after = c == 0x0A || c == 0x0D ? i + 1 :
    c == 0xE5 && byteAt(p, n, i + 1) == 0x98 && (byteAt(p, n, i + 2) == 0x8A || byteAt(p, n, i + 2) == 0x8D) ? i + 3 : -1;
  return after < 0 ? -1 : headerFieldColon(p, n, skipSpacesAndBreaks(p, n, after));
}

// Whether the first word at or after the blanks at i is a command's name (core/confirm.ts COMMANDS).
export function commandFollows(p: usize, n: i32, i: i32): bool {
  shellWordEnd(p, n, skipSpacesAndBreaks(p, n, i));
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
  while (i > 0 && isSpaceOrBreak(load<u8>(p + <usize>i))) i--;
  while (i > 0 && !isSpaceOrBreak(load<u8>(p + <usize>(i - 1)))) i--;
  return i;
}

// Where the run of non-blank bytes at or after the blanks at i ends, or n.
export function wordEnd(p: usize, n: i32, i: i32): i32 {
  i = skipSpacesAndBreaks(p, n, i);
  while (i < n && !isSpaceOrBreak(load<u8>(p + <usize>i))) i++;
  return i;
}

// A window this short holds too little prose to dilute a payload (after 50 bytes of it, the
// tautology still scored 15).
const ZOOM_MIN_BYTES = 56;
const PROSE_SHARE = 16;
const MAX_SYNTAX = 16;
const ONE_SPAN = 16;
const MAX_DENSE = 48;
const DENSE_SPAN = 128;
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
