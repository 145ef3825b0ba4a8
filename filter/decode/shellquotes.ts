// A word a shell reads without its quotes (`c''at`, `w'h'o'am'i`, `wh""oami`, `/e't'c/pa""sswd`) or
// without the expansions that come to nothing inside it (`who$@ami`, `c$9at`, `who$()ami`,
// `who``ami`: the arguments of `sh -c`, of which there are none, and an empty command's output):
// a text with such a word gets a second text with those left out (decode/texts.ts), which the
// model and the verdicts read as the command line the shell runs. The model read `c''at /etc/passwd`
// as 65 and `u'n'a'm'e -a` as 81, where `cat /etc/passwd` scores 5 and `uname -a` 13; `1;who$9ami`
// as 99. A word is split when two quotes or more stand inside it (between its letters, digits, `_`,
// `-`, `.` or `/`): prose has one (`don't`, `O'Brien`), rarely two (`rock'n'roll`, whose second text
// is harmless); or one empty expansion, which prose does not hold.
// Allocation-free.

import { canReadBlock } from "../lib/scan";
import { splat8 } from "../lib/splat";
import { isPathByte, isLetter } from "../lib/bytes";

// Whether p[0..n) holds a word with two or more quotes inside it, or an empty expansion
// (emptyExpansionEnd) inside it. Byte by byte of those (most texts with one have one or two, and
// prose's quotes are inside words: `don't`); the bytes between two quotes inside words are read only
// to tell whether the two are in one word.
export function hasQuoteSplitWord(p: usize, n: i32): bool {
  let lastEnd = -1, inner = 0;
  let i = nextShellByte(p, 0, n);
  while (i < n) {
    let c = <u32>load<u8>(p + <usize>i);
    if (!isQuote(c)) {
      let j = emptyExpansionEnd(p, n, i);
      if (j > i && expansionInWord(p, n, i, j)) return true;
      i = nextShellByte(p, i + 1, n);
      continue;
    }
    let j = quoteRunEnd(p, n, i);
    if (inWord(p, n, i, j)) {
      inner = lastEnd >= 0 && allWordBytes(p, lastEnd, i) ? inner + j - i : j - i;
      if (inner >= 2) return true;
      lastEnd = j;
    }
    i = nextShellByte(p, j, n);
  }
  return false;
}

// The first `'`, `"`, `$` or backquote in p[from..n), or n: 16 bytes a step.
function nextShellByte(p: usize, from: i32, n: i32): i32 {
  let i = from;
  let q1 = splat8(0x27), q2 = splat8(0x22), q3 = splat8(0x24), q4 = splat8(0x60);
  for (; i < n && (i + 16 <= n || canReadBlock(p + <usize>i)); i += 16) {
    let v = v128.load(p + <usize>i);
    let m = i8x16.bitmask(v128.or(v128.or(i8x16.eq(v, q1), i8x16.eq(v, q2)), v128.or(i8x16.eq(v, q3), i8x16.eq(v, q4))));
    if (m != 0) return min(i + ctz(m), n);
  }
  for (; i < n; i++) {
    let c = <u32>load<u8>(p + <usize>i);
    if (isQuote(c) || isExpansionByte(c)) return i;
  }
  return n;
}

// Whether p[a..b) is word bytes only.
function allWordBytes(p: usize, a: i32, b: i32): bool {
  for (let k = a; k < b; k++) if (!isPathByte(<u32>load<u8>(p + <usize>k))) return false;
  return true;
}

// Writes p[0..n) to dst without the quotes and the empty expansions that stand inside words (between
// two word bytes), and returns the length written (n at most).
export function unquoteWords(p: usize, n: i32, dst: usize): i32 {
  let o = 0;
  let i = 0;
  while (i < n) {
    let c = <u32>load<u8>(p + <usize>i);
    if (isQuote(c)) {
      let j = quoteRunEnd(p, n, i);
      if (!inWord(p, n, i, j)) {
        memory.copy(dst + <usize>o, p + <usize>i, <usize>(j - i));
        o += j - i;
      }
      i = j;
      continue;
    }
    if (isExpansionByte(c)) {
      let j = emptyExpansionEnd(p, n, i);
      if (j > i && expansionInWord(p, n, i, j)) { i = j; continue; }
    }
    store<u8>(dst + <usize>o, <u8>c);
    o++;
    i++;
  }
  return o;
}

// Where an expansion a shell makes nothing of ends, when one starts at p[i] (a `$` or a backquote),
// else i: `$@`, `$*` and `$1` to `$9` (`sh -c` is given no arguments; `$0` is the shell's name), and
// an empty command substitution, `$()` or two backquotes.
function emptyExpansionEnd(p: usize, n: i32, i: i32): i32 {
  if (i + 1 >= n) return i;
  let c = <u32>load<u8>(p + <usize>i), d = <u32>load<u8>(p + <usize>(i + 1));
  if (c == 0x60) return d == 0x60 ? i + 2 : i;
  if (d == 0x40 || d == 0x2A || d - 0x31 < 9) return i + 2;
  return d == 0x28 && i + 2 < n && load<u8>(p + <usize>(i + 2)) == 0x29 ? i + 3 : i;
}

// Whether the empty expansion p[i..j) stands inside a word, before a letter: a command's name or a
// path's word goes on there (`who$@ami`, `/e$@tc`), where a price's or a password's digits and
// punctuation do not make one (`CA$15`, `C$5-&…`: `$1` and `$5` are as empty there).
// @ts-ignore: decorator
@inline function expansionInWord(p: usize, n: i32, i: i32, j: i32): bool {
  return inWord(p, n, i, j) && isLetter(<u32>load<u8>(p + <usize>j));
}

// A byte an empty expansion opens with: `$` or a backquote (emptyExpansionEnd).
// @ts-ignore: decorator
@inline function isExpansionByte(c: u32): bool { return c == 0x24 || c == 0x60; }

// @ts-ignore: decorator
@inline function isQuote(c: u32): bool { return c == 0x27 || c == 0x22; }

// Where the run of quotes at p[i] ends.
function quoteRunEnd(p: usize, n: i32, i: i32): i32 {
  let j = i + 1;
  while (j < n && isQuote(<u32>load<u8>(p + <usize>j))) j++;
  return j;
}

// Whether the quotes p[i..j) stand inside a word: between two bytes of a word or a path a command
// names (lib/bytes isPathByte: letters, digits, `_`, `-`, `.`, `/`).
// @ts-ignore: decorator
@inline function inWord(p: usize, n: i32, i: i32, j: i32): bool {
  return i > 0 && j < n && isPathByte(<u32>load<u8>(p + <usize>(i - 1))) && isPathByte(<u32>load<u8>(p + <usize>j));
}
