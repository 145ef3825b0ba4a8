import { isOneOf, matchesLowerAt } from "./bytes";

// Word lists grouped by a key (a first letter, a length), built at start-up, so that a hot loop
// compares a text only with the words of its key. Read by core/confirm.ts (tool names, SQL
// keywords and JavaScript sinks by first letter) and request/grammar.ts (header names by length).

// Writes list's words to out grouped by key (0..keys-1) and returns, per key, the range of out
// that holds its words: first << 8 | end (at most 255 words). Plain arrays, not an object: the
// hot loops read them as a global's data, with no field to load first.
export function groupWords(list: StaticArray<string>, keys: i32, key: (w: string) => i32, out: StaticArray<string>): StaticArray<u16> {
  let ranges = new StaticArray<u16>(keys);
  let w = 0;
  for (let k = 0; k < keys; k++) {
    let first = w;
    for (let j = 0; j < list.length; j++) if (key(list[j]) == k) out[w++] = list[j];
    ranges[k] = <u16>((first << 8) | w);
  }
  return ranges;
}

// A bit per letter, bit 0 for `first` ('A' or 'a'), for each letter that opens one of list's words:
// a hot loop tests a byte with one shift before it compares any word (core/httpsplit.ts,
// core/mayconfirm.ts). Every word must open with one of the 32 bytes from `first`.
export function initialBits(list: StaticArray<string>, first: u32): u32 {
  let bits: u32 = 0;
  for (let j = 0; j < list.length; j++) bits |= 1 << (<u32>list[j].charCodeAt(0) - first);
  return bits;
}

// list's words grouped by first letter into out (groupWords' ranges, one per letter 'a' + k), for
// isOneOfByInitial. A word that does not start with a lower-case letter leaves out as list is and
// the ranges empty: the lookup is then a plain scan, never a wrong answer.
export function groupByInitial(list: StaticArray<string>, out: StaticArray<string>): StaticArray<u16> {
  let byLetter = list.length <= 255;
  for (let j = 0; j < list.length; j++) if (<u32>list[j].charCodeAt(0) - 0x61 >= 26) byLetter = false;
  if (byLetter) return groupWords(list, 26, (w: string): i32 => <i32>w.charCodeAt(0) - 0x61, out);
  for (let j = 0; j < list.length; j++) out[j] = list[j];
  return new StaticArray<u16>(0);
}

// For each letter 'a' + k, bit l set when a word of list starts with it and is l bytes long (l < 32),
// for isOneOfByInitial. A word that does not start with a lower-case letter, or is longer, sets
// every bit: the table then turns no word away.
export function lengthsByInitial(list: StaticArray<string>): StaticArray<u32> {
  let t = new StaticArray<u32>(26);
  for (let w = 0; w < list.length; w++) {
    let word = unchecked(list[w]);
    let a = <u32>word.charCodeAt(0) - 0x61;
    if (a >= 26 || word.length > 31) { for (let l = 0; l < 26; l++) unchecked(t[l] = 0xFFFFFFFF); continue; }
    unchecked(t[a] = t[a] | (<u32>1 << <u32>word.length));
  }
  return t;
}

// Whether some word of a list whose lengthsByInitial is lengths starts with the letter c (either
// case) and is len bytes long. Inlined: a caller that reads every word of a text asks it before the
// call to isOneOfByInitial.
// @ts-ignore: decorator
@inline export function initialAndLengthFit(c: u32, len: i32, lengths: StaticArray<u32>): bool {
  let k = (c | 0x20) - 0x61;
  return k < 26 && (len >= 32 || ((unchecked(lengths[k]) >>> <u32>len) & 1) != 0);
}

// Whether p[start, start + len) is one of the words groupByInitial grouped into words, without
// case: lengths (lengthsByInitial of the list) turns most words away by their first letter and
// length, and only the words of that letter are compared (a lexer asks this of every word of a window).
export function isOneOfByInitial(p: usize, n: i32, start: i32, len: i32, words: StaticArray<string>, ranges: StaticArray<u16>, lengths: StaticArray<u32>): bool {
  if (ranges.length == 0) return isOneOf(p, n, start, len, words);
  if (start < 0 || len <= 0 || start + len > n) return false;
  if (!initialAndLengthFit(load<u8>(p + <usize>start), len, lengths)) return false;
  let k = (<u32>load<u8>(p + <usize>start) | 0x20) - 0x61;
  let range = <i32>load<u16>(changetype<usize>(ranges) + (<usize>k << 1));
  for (let w = range >> 8, end = range & 0xFF; w < end; w++) {
    let word = unchecked(words[w]);
    if (word.length == len && matchesLowerAt(p, n, start, word)) return true;
  }
  return false;
}
