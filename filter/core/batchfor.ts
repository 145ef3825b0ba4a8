// cmd.exe's FOR loop (`for /f %i in ('whoami') do echo %i`, `for /r C:\ %f in (*.config) do type
// %f`): a batch command that runs a command for each line or file, which an injected value uses to
// run one and read its output. CRS 932140 blocks it at paranoia level 1; the model scored the first
// 81 and the second 62. Its grammar is the verdict: `for`, its switches, a `%` variable, `in`, a set
// in parentheses, and `do`; prose has no `%x in (…) do`. Read by core/payloads.ts at each '(' after
// `in`; total and allocation-free.

import { blanksBefore, byteAt, isLetter, isSpaceOrTab, lowerAscii, matchesLowerAt, skipBlanks } from "../lib/bytes";

// How far before the variable `for` is looked for (its switches and `/f`'s quoted options), and how
// long the set is read for its ')'.
const MAX_SWITCHES_BYTES = 64;
const MAX_SET_BYTES = 256;

// Whether the '(' at i, after the word `in` at p[s..s+2), opens a FOR loop's set.
export function batchForAt(p: usize, n: i32, i: i32, s: i32): bool {
  // `%x ` or `%%x ` before `in`.
  let v = blanksBefore(p, s);
  if (v == s || !isLetter(byteAt(p, n, v - 1)) || byteAt(p, n, v - 2) != 0x25) return false;
  let k = v - 2;
  if (byteAt(p, n, k - 1) == 0x25) k--;
  if (!isSpaceOrTab(byteAt(p, n, k - 1))) return false;
  // `for` before it, a word of its own, on the same line.
  let found = false;
  for (let j = k - 4; j >= 0 && k - j <= MAX_SWITCHES_BYTES; j--) {
    let c = load<u8>(p + <usize>j);
    if (c == 0x0A || c == 0x0D) break;
    if (lowerAscii(c) == 0x66 && matchesLowerAt(p, n, j, "for") && isSpaceOrTab(byteAt(p, n, j + 3)) && !isLetter(byteAt(p, n, j - 1))) { found = true; break; }
  }
  if (!found) return false;
  // The set's ')', then `do`.
  let end = min(n, i + MAX_SET_BYTES);
  let j = i + 1;
  while (j < end && load<u8>(p + <usize>j) != 0x29) j++;
  if (j >= end) return false;
  let d = skipBlanks(p, n, j + 1);
  return matchesLowerAt(p, n, d, "do") && (d + 2 >= n || isSpaceOrTab(load<u8>(p + <usize>(d + 2))) || load<u8>(p + <usize>(d + 2)) == 0x28);
}
