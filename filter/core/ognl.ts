// Struts' OGNL expressions, which no form field or API argument of a site carries: a context
// variable read at the start of an expression or of a group in it (`%{#context['xwork.…']=false}`,
// `${#_memberAccess[…]}`, `%{(#a=…).(#b=…)}`), the guards its payloads switch off anywhere
// (`#_memberAccess`, `#context['xwork.…']`), and a Java class's static member reached with OGNL's
// `@class@member(` (`%{@java.lang.System@getProperty('user.dir')}`). CRS blocks Struts' payloads
// at paranoia level 1 by the Java class names in them (944130); the model saw few and scored
// `%{#context['xwork.MethodAccessor.denyMethodExecution']=false}` 99. Read by core/payloads.ts;
// total and allocation-free.

import { byteAt, matchesAt, nameStart } from "../lib/bytes";
import { indexOf } from "../lib/scan";

// Whether p[0..n) reads an OGNL context variable right after an expression's opening `%{` or `${`,
// past any `(` and blanks. Mustache's `{{#each}}` and Ruby's `#{…}` have no such opening.
export function ognlContextRead(p: usize, n: i32): bool {
  for (let i = indexOf(p, 0, n, 0x23); i < n; i = indexOf(p, i + 1, n, 0x23)) { // '#'
    let c = byteAt(p, n, i + 1);
    if (!((c | 0x20) - 0x61 < 26 || c == 0x5F)) continue;
    let j = i - 1;
    while (j >= 0 && (load<u8>(p + <usize>j) == 0x28 || load<u8>(p + <usize>j) <= 0x20)) j--;
    if (byteAt(p, n, j) == 0x7B && (byteAt(p, n, j - 1) == 0x25 || byteAt(p, n, j - 1) == 0x24)) return true;
    if (strutsGuard(p, n, i + 1)) return true;
  }
  return false;
}

// Whether the context variable at i (after its '#') is one of the guards Struts' payloads switch off,
// wherever it stands (`method:#_memberAccess=…` of S2-032, `(#context["xwork.MethodAccessor.…"]=false)`
// bare in a parameter): `_memberAccess`, or `context[` with a quoted XWork key.
function strutsGuard(p: usize, n: i32, i: i32): bool {
  if (matchesAt(p, n, i, "_memberAccess")) return true;
  if (!matchesAt(p, n, i, "context[")) return false;
  let q = byteAt(p, n, i + 8);
  return (q == 0x22 || q == 0x27) && (matchesAt(p, n, i + 9, "xwork.") || matchesAt(p, n, i + 9, "com.opensymphony."));
}

// Whether the call whose '(' is at i is OGNL's static call `@pkg.Class@member(`: a qualified name
// of two or more segments whose last (the class) starts with a capital, between two '@'. An
// address (`@mail.example.com@x(`) has no capitalised last segment. p[s..e): the name before the
// '(' (the member). Called by core/payloads.ts codeCall for each '(' of a text after a name.
export function ognlStaticCallAt(p: usize, n: i32, s: i32, e: i32): bool {
  if (byteAt(p, n, s - 1) != 0x40) return false; // '@' before the member
  let k = s - 1;
  let c = nameStart(p, k);
  if (c == k || byteAt(p, n, c) - 0x41 >= 26) return false; // the class, capitalised
  let segments = 1;
  while (byteAt(p, n, c - 1) == 0x2E) { // '.'
    let d = nameStart(p, c - 1);
    if (d == c - 1) return false;
    c = d;
    segments++;
  }
  return segments >= 2 && byteAt(p, n, c - 1) == 0x40;
}
