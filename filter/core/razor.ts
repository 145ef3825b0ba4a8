// ASP.NET Razor's explicit expression `@( … )` holding arithmetic on two numbers (`@(7*7)`,
// `@( 1337 + 1 )`): the probe that asks whether a page renders what it is sent as a Razor template,
// as `{{7*7}}` asks Jinja. The model flags the other engines' probes and scored `@(7*7)` 71. Read by
// core/payloads.ts at each '(' of a text; total and allocation-free.

import { byteAt, skipBlanks } from "../lib/bytes";

// Whether the '(' at i follows an '@' and opens a number, an operator and a number, blanks
// around, then its ')'.
export function razorProbeAt(p: usize, n: i32, i: i32): bool {
  if (byteAt(p, n, i - 1) != 0x40) return false; // '@'
  let j = arithmeticEnd(p, n, i + 1);
  return j >= 0 && byteAt(p, n, skipBlanks(p, n, j)) == 0x29;
}

// Where arithmetic on two numbers from j ends (a number, an operator and a number, blanks before
// and between), or -1: the template engines' probes' expression (core/velocity.ts too).
export function arithmeticEnd(p: usize, n: i32, j: i32): i32 {
  j = numberEnd(p, n, skipBlanks(p, n, j));
  if (j < 0) return -1;
  j = skipBlanks(p, n, j);
  let op = byteAt(p, n, j);
  if (op != 0x2A && op != 0x2B && op != 0x2D && op != 0x2F && op != 0x25) return -1; // * + - / %
  return numberEnd(p, n, skipBlanks(p, n, j + 1));
}

// Where the run of one to nine digits at j ends, or -1. Also for core/braceprobe.ts.
export function numberEnd(p: usize, n: i32, j: i32): i32 {
  let s = j;
  while (j < n && j - s < 10 && <u32>load<u8>(p + <usize>j) - 0x30 < 10) j++;
  return j > s && j - s < 10 ? j : -1;
}
