// Small comparisons of request bytes against ASCII strings, case-insensitive, allocation-free.
// Called by request/*.ts (Content-Type, header values, multipart headers, names and hosts from the
// configuration) and glue/ (header names from the configuration); byteAt by the core's lexers
// (core/confirm.ts, core/signatures.ts).

import { splat8 } from "./splat";

// Byte i of p[0..n), or 0 outside it: lexers look around a position without bounds checks of their own.
export function byteAt(p: usize, n: i32, i: i32): u32 { return i >= 0 && i < n ? <u32>load<u8>(p + <usize>i) : 0; }

// An ASCII upper-case letter in lower case; every other byte as it is.
// @ts-ignore: decorator
@inline export function lowerAscii(c: u32): u32 { return c - 0x41 < 26 ? c | 0x20 : c; }

// An ASCII letter, either case.
// @ts-ignore: decorator
@inline export function isLetter(c: u32): bool { return (c | 0x20) - 0x61 < 26; }

// A byte of a word as regular expressions' \w reads one: a letter, a digit or '_'.
// @ts-ignore: decorator
@inline export function isWordChar(c: u32): bool { return isLetter(c) || c - 0x30 < 10 || c == 0x5F; }

// Whitespace as JavaScript, SQL and HTML read it between tokens: a space, or \t \n \v \f \r.
// @ts-ignore: decorator
@inline export function isWhitespace(c: u32): bool { return c == 0x20 || c - 0x09 < 5; }

// A path's separator: `/`, or `\` as Windows and IIS read it.
// @ts-ignore: decorator
@inline export function isSlash(c: u32): bool { return c == 0x2F || c == 0x5C; }

// A blank within a line, as HTTP's optional whitespace and a shell's word splitting (where a line
// break ends the command instead) read it: a space or a tab.
// @ts-ignore: decorator
@inline export function isSpaceOrTab(c: u32): bool { return c == 0x20 || c == 0x09; }

// What ends a word of prose or a line's indent: a space, a tab or a line break (isWhitespace also
// takes \v and \f, which prose does not hold and a payload may).
// @ts-ignore: decorator
@inline export function isSpaceOrBreak(c: u32): bool { return c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D; }

// The index of the first byte at or after i that is not isSpaceOrTab, or n.
export function skipSpacesAndTabs(p: usize, n: i32, i: i32): i32 {
  while (i < n && isSpaceOrTab(load<u8>(p + <usize>i))) i++;
  return i;
}

// The index of the first byte at or after i that is isSpaceOrTab, or n: where a command line's word
// that opens at i ends.
// @ts-ignore: decorator
@inline export function nextSpaceOrTab(p: usize, n: i32, i: i32): i32 {
  while (i < n && !isSpaceOrTab(load<u8>(p + <usize>i))) i++;
  return i;
}

// The index of the first byte at or after i that is not isSpaceOrBreak, or n.
export function skipSpacesAndBreaks(p: usize, n: i32, i: i32): i32 {
  while (i < n && isSpaceOrBreak(load<u8>(p + <usize>i))) i++;
  return i;
}

// A byte of a file's path as shells and URLs spell it: a word's, '-', '/' or '.'.
// @ts-ignore: decorator
@inline export function isPathByte(c: u32): bool { return isWordChar(c) || c == 0x2D || c == 0x2F || c == 0x2E; }

// A byte of a JavaScript or Java identifier: a word's, or '$'.
// @ts-ignore: decorator
@inline export function isIdentByte(c: u32): bool { return isWordChar(c) || c == 0x24; }

// Whether s occurs in p[0..n) at i (which may be out of it), byte for byte. The string's UTF-16
// units are read in place (see startsWithCI).
export function matchesAt(p: usize, n: i32, i: i32, s: string): bool {
  let k = s.length;
  if (i < 0 || i + k > n) return false;
  let q = changetype<usize>(s);
  for (let j = 0; j < k; j++) if (<u32>load<u8>(p + <usize>(i + j)) != <u32>load<u16>(q + (<usize>j << 1))) return false;
  return true;
}

// Whether s, lower-case ASCII, occurs in p[0..n) at i (which may be out of it), the request's
// letters compared without case and every other byte exactly (unlike startsWithCI's `| 0x20`).
export function matchesLowerAt(p: usize, n: i32, i: i32, s: string): bool {
  let k = s.length;
  if (i < 0 || i + k > n) return false;
  let q = changetype<usize>(s);
  for (let j = 0; j < k; j++) if (lowerAscii(<u32>load<u8>(p + <usize>(i + j))) != <u32>load<u16>(q + (<usize>j << 1))) return false;
  return true;
}

// The index of the first byte at or after i that is not a blank (a byte <= 0x20: space, tab, line
// breaks and the other controls the lexers treat alike), or n.
// @ts-ignore: decorator
@inline export function skipBlanks(p: usize, n: i32, i: i32): i32 {
  while (i < n && load<u8>(p + <usize>i) <= 0x20) i++;
  return i;
}

// The index where the blanks that end at i begin (i itself when the byte before it is not one).
// @ts-ignore: decorator
@inline export function blanksBefore(p: usize, i: i32): i32 {
  while (i > 0 && load<u8>(p + <usize>(i - 1)) <= 0x20) i--;
  return i;
}

// Where the run of name bytes (isIdentByte) that ends at e starts: the name a call or a keyword
// before e spells.
// @ts-ignore: decorator
@inline export function nameStart(p: usize, e: i32): i32 {
  while (e > 0 && isIdentByte(load<u8>(p + <usize>(e - 1)))) e--;
  return e;
}

// Where the run of name bytes (isIdentByte) that starts at s ends.
// @ts-ignore: decorator
@inline export function nameEnd(p: usize, n: i32, s: i32): i32 {
  while (s < n && isIdentByte(load<u8>(p + <usize>s))) s++;
  return s;
}

// Where the last path segment of p[0..e) starts: after its last '/' or '\\' (a file's base name).
export function segmentStart(p: usize, e: i32): i32 {
  while (e > 0 && load<u8>(p + <usize>(e - 1)) != 0x2F && load<u8>(p + <usize>(e - 1)) != 0x5C) e--;
  return e;
}

// Where the extension of the name p[b..e) starts (after its last '.'), or -1 when it has none or
// is a dot file's name (`.env`, `.old`).
export function extensionStart(p: usize, b: i32, e: i32): i32 {
  let d = e;
  while (d > b && load<u8>(p + <usize>(d - 1)) != 0x2E) d--;
  return d > b + 1 ? d : -1;
}

// Which of words (lower case) p[start, start + len) is, without case, or -1: the lexers' keyword
// lists (core/confirm.ts, core/sqlverdict.ts).
// The first byte is compared before the call that compares the rest: a lexer asks it of every word
// of a window, and most words share a length with some listed word but not its first letter.
export function indexOfWord(p: usize, n: i32, start: i32, len: i32, words: StaticArray<string>): i32 {
  // No list holds an empty word.
  if (start < 0 || len <= 0 || start + len > n) return -1;
  let first = lowerAscii(<u32>load<u8>(p + <usize>start));
  for (let w = 0, k = words.length; w < k; w++) {
    let word = unchecked(words[w]);
    if (word.length == len && <u32>load<u16>(changetype<usize>(word)) == first && matchesLowerAt(p, n, start, word)) return w;
  }
  return -1;
}

// Whether one of words (lower case) starts at i, without case (a prefix list: SMTP commands,
// stream wrappers).
export function startsOneOf(p: usize, n: i32, i: i32, words: StaticArray<string>): bool {
  for (let w = 0, k = words.length; w < k; w++) if (matchesLowerAt(p, n, i, unchecked(words[w]))) return true;
  return false;
}

// Whether p[start, start + len) is one of words (lower case), without case.
// @ts-ignore: decorator
@inline export function isOneOf(p: usize, n: i32, start: i32, len: i32, words: StaticArray<string>): bool {
  return indexOfWord(p, n, start, len, words) >= 0;
}

// Whether p[0..n) starts with s, ASCII letters compared without case.
export function startsWithCI(p: usize, n: i32, s: string): bool {
  let k = s.length;
  if (n < k) return false;
  // The string's UTF-16 units read in place (i < k = s.length): charCodeAt stayed a call per
  // byte, with its own bounds check, ~10% of a small request's instructions (make profile).
  let q = changetype<usize>(s);
  for (let i = 0; i < k; i++) {
    if ((<u32>load<u8>(p + i) | 0x20) != (<u32>load<u16>(q + (<usize>i << 1)) | 0x20)) return false;
  }
  return true;
}

// Whether s occurs anywhere in p[0..n), ASCII letters compared without case.
export function containsCI(p: usize, n: i32, s: string): bool {
  let k = s.length;
  for (let i = 0; i + k <= n; i++) if (startsWithCI(p + i, n - i, s)) return true;
  return false;
}

// Whether p[0..n) is s exactly, ASCII letters compared without case. Inlined: callers test a
// header name against many names, and the length and first byte rule most out without a call.
// @ts-ignore: decorator
@inline export function equalsCI(p: usize, n: i32, s: string): bool {
  return n == s.length && (n == 0 || (<u32>load<u8>(p) | 0x20) == (<u32>load<u16>(changetype<usize>(s)) | 0x20)) &&
    startsWithCI(p, n, s);
}

// Whether p[0..n) starts with `lower`, bytes the configuration lower-cased (a header name, a host,
// a media type), the request's ASCII letters compared without case.
export function startsWithLower(p: usize, n: i32, lower: ArrayBuffer): bool {
  let k = lower.byteLength;
  if (n < k) return false;
  let q = changetype<usize>(lower);
  for (let i = 0; i < k; i++) {
    let c = <u32>load<u8>(p + i);
    if (c - 0x41 < 26) c |= 0x20;
    if (c != <u32>load<u8>(q + i)) return false;
  }
  return true;
}

// Whether p[0..n) is `lower` exactly (see startsWithLower).
// @ts-ignore: decorator
@inline export function equalsLower(p: usize, n: i32, lower: ArrayBuffer): bool {
  return n == lower.byteLength && startsWithLower(p, n, lower);
}

// Whether every byte of p[0..n) is in a character class: `table`, 256 bytes, non-zero for a member
// (a table, because a chain of range tests costs several times more a byte).
export function allIn(p: usize, n: i32, table: usize): bool {
  for (let i = 0; i < n; i++) if (load<u8>(table + <usize>load<u8>(p + i)) == 0) return false;
  return true;
}

// Whether the quote p[i] closes a string opened before it in p: an odd number of the same quote
// before it (a window's guess when it starts mid-text, as the lexers' quote parity is).
export function closesQuoteAt(p: usize, i: i32): bool {
  let q = load<u8>(p + <usize>i);
  let odd = false;
  for (let j = 0; j < i; j++) if (load<u8>(p + <usize>j) == q) odd = !odd;
  return odd;
}

// Text when at most one byte in ten (over the whole span, so that a few leading binary bytes
// cannot turn a script into "binary") is a NUL, another control character other than TAB, LF,
// VT (a blank to JavaScript, Python and MySQL: a payload's words may be parted by it), FF, CR and
// ESC, DEL, or not part of a well-formed UTF-8 sequence. Real PNG, JPEG, ZIP and PDF
// streams are far above that. A polyglot padded with 9× its size of binary bytes still passes
// as binary: no byte test can tell such a file from an image (request/body.ts then reads a body's
// runs of text; request/multipart.ts skips a file's content).
export function looksLikeText(p: usize, n: i32): bool {
  let bad = 0;
  let i = 0;
  // Where the byte-by-byte reading may stop and try 16 plain bytes again.
  let blockEnd = 0;
  while (i < n) {
    // 16 bytes a step while they are printable ASCII, TAB, LF or CR (most text is only these: a
    // byte at a time, a 16 KiB text body cost 17% more to score).
    if (i >= blockEnd && i + 16 <= n) {
      let v = v128.load(p + <usize>i);
      let plain = v128.and(i8x16.gt_s(v, splat8(0x1F)), i8x16.lt_s(v, splat8(0x7F)));
      plain = v128.or(plain, v128.or(i8x16.eq(v, splat8(0x09)), v128.or(i8x16.eq(v, splat8(0x0A)), i8x16.eq(v, splat8(0x0D)))));
      if (i8x16.all_true(plain)) { i += 16; continue; }
      blockEnd = i + 16;
    }
    if (isTextByte(<u32>load<u8>(p + i))) { i++; continue; }
    // A UTF-8 sequence, whole or cut by the end of the span.
    let u = utf8SequenceAt(p, n, i);
    if (u != 0) { i += abs(u); continue; }
    bad++;
    i++;
  }
  return bad * 10 <= n;
}

// A byte of text on its own: printable ASCII, TAB, LF, VT, FF, CR or ESC (looksLikeText, and
// request/body.ts's runs of text in a binary body).
// @ts-ignore: decorator
@inline export function isTextByte(c: u32): bool { return c - 0x20 < 0x5F || c - 0x09 < 5 || c == 0x1B; }

// The length of the well-formed UTF-8 sequence of two to four bytes at p[i] (a lead byte C2-F4 and its
// continuation bytes), the negated length of the bytes read when p[0..n) ends inside one, or 0.
export function utf8SequenceAt(p: usize, n: i32, i: i32): i32 {
  let c = <u32>load<u8>(p + <usize>i);
  if (c - 0xC2 > 0xF4 - 0xC2) return 0;
  let need = c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
  let k = 1;
  while (k <= need && i + k < n && (load<u8>(p + <usize>(i + k)) & 0xC0) == 0x80) k++;
  if (k > need) return k;
  return i + k == n ? -k : 0;
}
