// A JavaScript sandbox escape: the Function constructor reached through any object's
// constructor's constructor (`this.constructor.constructor('return process')()`,
// `[]['constructor']['constructor']('…')()`, AngularJS's `{{constructor.constructor('…')()}}`),
// which turns a string into code in template engines, vm contexts, client-side templates and
// Mongo `$where` clauses (CRS 934 and the AngularJS sandbox escapes of 941). No application's data calls it so; code that needs
// Function names it. Read by core/payloads.ts; total and allocation-free.

import { byteAt, isIdentByte, matchesLowerAt } from "../lib/bytes";

// Whether the call whose '(' is at i calls a constructor's constructor: back over `constructor`
// and its accessor, then `constructor` again, accessed or bare (AngularJS's
// `{{constructor.constructor('…')()}}` reads it off the scope). Called by core/payloads.ts
// codeCall for each '(' of a text.
export function constructorCallAt(p: usize, n: i32, i: i32): bool {
  let k = accessedBefore(p, n, i);
  if (k < 0) return false;
  return accessedBefore(p, n, k) >= 0 || (k >= 11 && matchesLowerAt(p, n, k - 11, "constructor") && !isIdentByte(byteAt(p, n, k - 12)));
}

// Where `constructor` accessed as `.constructor` or `['constructor']` ends at e (blanks before e
// aside) starts, its accessor included; -1 if it does not.
function accessedBefore(p: usize, n: i32, e: i32): i32 {
  let k = e;
  while (k > 0 && load<u8>(p + <usize>(k - 1)) <= 0x20) k--;
  let quoted = false;
  if (k > 0 && load<u8>(p + <usize>(k - 1)) == 0x5D) { // ']'
    k--;
    let q = byteAt(p, n, k - 1);
    if (q != 0x27 && q != 0x22 && q != 0x60) return -1;
    k--;
    quoted = true;
  }
  if (k < 11 || !matchesLowerAt(p, n, k - 11, "constructor")) return -1;
  k -= 11;
  if (quoted) {
    let q = byteAt(p, n, k - 1);
    if ((q != 0x27 && q != 0x22 && q != 0x60) || byteAt(p, n, k - 2) != 0x5B) return -1; // '['
    return k - 2;
  }
  return byteAt(p, n, k - 1) == 0x2E ? k - 1 : -1; // '.'
}
