// Shellshock (CVE-2014-6271): a bash function definition in any value a CGI script receives as
// an environment variable (CRS 932170/932171 block it at paranoia level 1): a value that starts
// with `() {`, or `() { :; }` and its `_` spelling anywhere. Read by core/payloads.ts; total and
// allocation-free. Method definitions in code (`render() { return …`) do neither.

import { indexOf2 } from "../lib/scan";
import { skipBlanks } from "../lib/bytes";

export function shellshock(p: usize, n: i32): bool {
  if (functionImport(p, n)) return true;
  for (let i = indexOf2(p, 0, n, 0x28, 0x28); i + 6 <= n; i = indexOf2(p, i + 1, n, 0x28, 0x28)) { // '('
    let j = skipBlanks(p, n, i + 1);
    if (!isAt(p, n, j, 0x29)) continue; // ')'
    j = skipBlanks(p, n, j + 1);
    if (!isAt(p, n, j, 0x7B)) continue; // '{'
    j = skipBlanks(p, n, j + 1);
    if (!isAt(p, n, j, 0x3A) && !isAt(p, n, j, 0x5F)) continue; // ':' or '_'
    j = skipBlanks(p, n, j + 1);
    if (isAt(p, n, j, 0x3B)) return true; // ';'
  }
  return false;
}

// Whether the value starts (blanks aside) with `() {`: what bash took for a function to import
// from any environment variable, whatever followed. A cookie's value is cut at its `;` before
// the body (`x=() { :; };` leaves `() { :`).
function functionImport(p: usize, n: i32): bool {
  let j = skipBlanks(p, n, 0);
  if (!isAt(p, n, j, 0x28)) return false; // '('
  j = skipBlanks(p, n, j + 1);
  if (!isAt(p, n, j, 0x29)) return false; // ')'
  return isAt(p, n, skipBlanks(p, n, j + 1), 0x7B); // '{'
}

// @ts-ignore: decorator
@inline function isAt(p: usize, n: i32, j: i32, c: u8): bool { return j < n && load<u8>(p + <usize>j) == c; }
