// A word a shell reads without its quotes (`c''at`, `w'h'o'am'i`, `wh""oami`, `/e't'c/pa""sswd`): a
// text with such a word gets a second text with those quotes left out (decode/texts.ts), which the
// model and the verdicts read as the command line the shell runs. The model read `c''at /etc/passwd`
// as 65 and `u'n'a'm'e -a` as 81, where `cat /etc/passwd` scores 5 and `uname -a` 13. A word is split
// when two quotes or more stand inside it (between its letters, digits, `_`, `-`, `.` or `/`): prose
// has one (`don't`, `O'Brien`), rarely two (`rock'n'roll`, whose second text is harmless).
// Allocation-free.

import { indexOf2 } from "../lib/scan";
import { isPathByte } from "../lib/bytes";

// Whether p[0..n) holds a word with two or more quotes inside it. Quote by quote (most texts with
// one have one or two, and prose's are inside words: `don't`); the bytes between two quotes inside
// words are read only to tell whether the two are in one word.
export function hasQuoteSplitWord(p: usize, n: i32): bool {
  let lastEnd = -1, inner = 0;
  let i = indexOf2(p, 0, n, 0x27, 0x22);
  while (i < n) {
    let j = quoteRunEnd(p, n, i);
    if (inWord(p, n, i, j)) {
      inner = lastEnd >= 0 && allWordBytes(p, lastEnd, i) ? inner + j - i : j - i;
      if (inner >= 2) return true;
      lastEnd = j;
    }
    i = indexOf2(p, j, n, 0x27, 0x22);
  }
  return false;
}

// Whether p[a..b) is word bytes only.
function allWordBytes(p: usize, a: i32, b: i32): bool {
  for (let k = a; k < b; k++) if (!isPathByte(<u32>load<u8>(p + <usize>k))) return false;
  return true;
}

// Writes p[0..n) to dst without the quotes that stand inside words (between two word bytes), and
// returns the length written (n at most).
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
    store<u8>(dst + <usize>o, <u8>c);
    o++;
    i++;
  }
  return o;
}

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
