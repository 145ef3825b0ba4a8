// PHP code by its superglobals: `$_GET[`, `$_POST[`, `$_SERVER[`, `$_COOKIE[`, `$_REQUEST[`,
// `$_FILES[`, `$_ENV[`, `$_SESSION[` and `$GLOBALS[` read the request or the server's state, the
// first thing a PHP web shell or an injected `eval(…)` does (`<?php system($_GET['c']); ?>`). CRS
// 933130 blocks these names at paranoia level 1. Read by core/payloads.ts; total and
// allocation-free.
//
// PHP's names are upper case: written so, and followed by what reads or passes them (`[`, `)`,
// `;`, `}`, `,`, `.`), they are code. No benign part of the dataset names one (`make
// verdict-census`): prose about PHP writes them with their name only.

import { byteAt, isIdentByte, matchesAt } from "../lib/bytes";

const SUPERGLOBALS: StaticArray<string> = [
  "_GET", "_POST", "_SERVER", "_COOKIE", "_REQUEST", "_FILES", "_ENV", "_SESSION", "GLOBALS",
];

// Whether a superglobal's name starts after the '$' at i, whole, and something reads or passes it.
// Read by core/payloads.ts at each '$' of a text that a '_' or a 'G' follows.
export function superglobalAt(p: usize, n: i32, i: i32): bool {
  for (let k = 0; k < SUPERGLOBALS.length; k++) {
    let s = unchecked(SUPERGLOBALS[k]);
    if (!matchesAt(p, n, i + 1, s)) continue;
    let e = i + 1 + s.length;
    if (isIdentByte(byteAt(p, n, e))) return false;
    while (e < n && (load<u8>(p + <usize>e) == 0x20 || load<u8>(p + <usize>e) == 0x09)) e++;
    let d = byteAt(p, n, e);
    return d == 0x5B || d == 0x29 || d == 0x3B || d == 0x7D || d == 0x2C || d == 0x2E;
  }
  return false;
}
