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
import { indexOf2 } from "../lib/scan";

const SUPERGLOBALS: StaticArray<string> = [
  "_GET", "_POST", "_SERVER", "_COOKIE", "_REQUEST", "_FILES", "_ENV", "_SESSION", "GLOBALS",
];

export function phpSuperglobal(p: usize, n: i32): bool {
  for (let i = indexOf2(p, 0, n, 0x24, 0x24); i < n; i = indexOf2(p, i + 1, n, 0x24, 0x24)) { // '$'
    let c = byteAt(p, n, i + 1);
    if (c != 0x5F && c != 0x47) continue; // '_', 'G'
    for (let k = 0; k < SUPERGLOBALS.length; k++) {
      let s = unchecked(SUPERGLOBALS[k]);
      if (!matchesAt(p, n, i + 1, s)) continue;
      let e = i + 1 + s.length;
      if (isIdentByte(byteAt(p, n, e))) break;
      while (e < n && (load<u8>(p + <usize>e) == 0x20 || load<u8>(p + <usize>e) == 0x09)) e++;
      let d = byteAt(p, n, e);
      if (d == 0x5B || d == 0x29 || d == 0x3B || d == 0x7D || d == 0x2C || d == 0x2E) return true;
      break;
    }
  }
  return false;
}
