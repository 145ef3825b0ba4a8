// Commands run through Java's process API, which no form field or API argument of a site
// carries: `Runtime.getRuntime().exec(` and `new ProcessBuilder(`, in SpEL, OGNL and EL injections
// (CRS 944100–944130 block them at paranoia level 1). Read by core/payloads.ts; total and
// allocation-free.

import { blanksBefore, byteAt, isIdentByte, matchesLowerAt, skipBlanks } from "../lib/bytes";

// Whether the call whose '(' is at i, after the name p[s..e), runs a command through Java's process
// API. Called by core/payloads.ts codeCall for each '(' of a text after a name.
export function javaExecAt(p: usize, n: i32, i: i32, s: i32, e: i32): bool {
  let len = e - s;
  if (len == 10 && matchesLowerAt(p, n, s, "getruntime")) {
    // `getRuntime()` then `.exec(`
    let j = skipBlanks(p, n, i + 1);
    if (byteAt(p, n, j) != 0x29) return false;
    j = skipBlanks(p, n, j + 1);
    if (byteAt(p, n, j) != 0x2E) return false;
    j = skipBlanks(p, n, j + 1);
    return matchesLowerAt(p, n, j, "exec") && byteAt(p, n, skipBlanks(p, n, j + 4)) == 0x28;
  }
  if (len == 14 && matchesLowerAt(p, n, s, "processbuilder")) {
    // `new [java.lang.]ProcessBuilder(`
    let k = s;
    if (k >= 10 && matchesLowerAt(p, n, k - 10, "java.lang.")) k -= 10;
    k = blanksBefore(p, k);
    return k >= 3 && matchesLowerAt(p, n, k - 3, "new") && !isIdentByte(byteAt(p, n, k - 4)) && k < s;
  }
  return false;
}
