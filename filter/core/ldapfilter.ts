// LDAP injection by its grammar (RFC 4515): a value that closes the application's filter and opens
// terms of its own: `)(|(`, `)(&(`, `)(!(` (an OR, AND or NOT), `)(&)` at the value's end (the
// filter that is always true), or a wildcard's `*)(` before an attribute's test (`*)(uid=*))(|(uid=*`);
// or the fuzz lists' probe `*()|&'` (wildcardEmptyGroupAt). Read by core/payloads.ts; total and
// allocation-free.
//
// The model saw few LDAP payloads (its ldapi class is the smallest) and scored
// `admin)(|(password=*))` 81. Parentheses in prose or code (`f(a)(b)`, `(see 2)(3)`) open no
// filter term.

import { byteAt } from "../lib/bytes";
import { indexOf2 } from "../lib/scan";

export function ldapInjection(p: usize, n: i32): bool {
  for (let i = indexOf2(p, 0, n, 0x29, 0x29); i + 1 < n; i = indexOf2(p, i + 1, n, 0x29, 0x29)) { // ')'
    if (wildcardEmptyGroupAt(p, n, i)) return true;
    if (i + 3 >= n || load<u8>(p + <usize>(i + 1)) != 0x28) continue; // ')('
    let c = <u32>load<u8>(p + <usize>(i + 2));
    let d = <u32>load<u8>(p + <usize>(i + 3));
    if ((c == 0x7C || c == 0x26 || c == 0x21) && d == 0x28) return true; // )(|(  )(&(  )(!(
    if (c == 0x26 && d == 0x29 && closesValue(p, n, i + 4)) return true; // )(&) at the value's end
    if (byteAt(p, n, i - 1) == 0x2A && attributeTest(p, n, i + 2)) return true; // *)(uid=
  }
  return false;
}

// Whether the `)` at i closes a wildcard's empty group before an operator (`*()|&'`, `*()&`): the
// probe LDAP fuzz lists send to break a filter's value (`(uid=*()|&')` is no filter RFC 4515 allows,
// and a server that answers it differently built the filter from the value). Also for
// core/confirm.ts's ldapi lexer.
export function wildcardEmptyGroupAt(p: usize, n: i32, i: i32): bool {
  let d = byteAt(p, n, i + 1);
  return byteAt(p, n, i - 1) == 0x28 && byteAt(p, n, i - 2) == 0x2A && (d == 0x7C || d == 0x26); // '*(' ')' '|' '&'
}

// Whether only closing parentheses (and blanks) follow i.
function closesValue(p: usize, n: i32, i: i32): bool {
  while (i < n && (load<u8>(p + <usize>i) == 0x29 || load<u8>(p + <usize>i) <= 0x20)) i++;
  return i >= n;
}

// An attribute description at i, then `=`, `~=`, `>=` or `<=`.
function attributeTest(p: usize, n: i32, i: i32): bool {
  let j = attributeEnd(p, n, i);
  if (j == i) return false;
  let c = byteAt(p, n, j);
  return c == 0x3D || ((c == 0x7E || c == 0x3E || c == 0x3C) && byteAt(p, n, j + 1) == 0x3D);
}

// Where the attribute description (letters, digits, `-`, `.`, `;`, `_`) that starts at i ends. Also
// for core/confirm.ts's ldapi lexer.
export function attributeEnd(p: usize, n: i32, i: i32): i32 {
  while (i < n && isAttributeByte(load<u8>(p + <usize>i))) i++;
  return i;
}

// @ts-ignore: decorator
@inline function isAttributeByte(c: u32): bool {
  return (c | 0x20) - 0x61 < 26 || c - 0x30 < 10 || c == 0x2D || c == 0x2E || c == 0x3B || c == 0x5F;
}
