// Apache Velocity's `#set` directive assigning arithmetic on two numbers (`#set($x=7*7)$x`,
// `#{set}( $a = 1337 + 1 )`): the probe that asks whether a page renders what it is sent as a Velocity
// template, as `{{7*7}}` asks Jinja and `@(7*7)` Razor (core/razor.ts). The model flags it alone (5)
// but scored it 31 to 64 behind a User-Agent or in prose, where ten validation rows carry it. A
// template that means to compute a constant writes it. Read by core/payloads.ts at each '(' of a text;
// total and allocation-free.

import { byteAt, isWordChar, matchesAt, skipBlanks } from "../lib/bytes";
import { arithmeticEnd } from "./razor";

// Whether the '(' at i opens `#set(` or `#{set}(` whose reference (`$x`, `$!x`, `${x}`) is assigned
// arithmetic on two numbers, blanks around, then its ')'.
export function velocityProbeAt(p: usize, n: i32, i: i32): bool {
  let k = i;
  if (byteAt(p, n, k - 1) == 0x7D) k--; // `#{set}`
  if (!matchesAt(p, n, k - 3, "set")) return false;
  let h = k - 4;
  if (k < i) { if (byteAt(p, n, h) != 0x7B) return false; h--; } // '{'
  if (byteAt(p, n, h) != 0x23) return false; // '#'
  let j = skipBlanks(p, n, i + 1);
  if (byteAt(p, n, j) != 0x24) return false; // '$'
  j++;
  if (byteAt(p, n, j) == 0x21) j++; // `$!x`
  let braced = byteAt(p, n, j) == 0x7B;
  if (braced) j++;
  let s = j;
  while (j < n && (isWordChar(<u32>load<u8>(p + <usize>j)) || load<u8>(p + <usize>j) == 0x2D)) j++;
  if (j == s) return false;
  if (braced) { if (byteAt(p, n, j) != 0x7D) return false; j++; }
  j = skipBlanks(p, n, j);
  if (byteAt(p, n, j) != 0x3D) return false; // '='
  j = arithmeticEnd(p, n, j + 1);
  return j >= 0 && byteAt(p, n, skipBlanks(p, n, j)) == 0x29;
}
