// Commands run through Java's process API, which no form field or API argument of a site
// carries: `Runtime.getRuntime().exec(` and `new ProcessBuilder(`, in SpEL, OGNL and EL injections
// (CRS 944100–944130 block them at paranoia level 1). Read by core/payloads.ts; total and
// allocation-free.

import { blanksBefore, byteAt, isIdentByte, matchesLowerAt, skipBlanks } from "../lib/bytes";
import { indexOf2 } from "../lib/scan";

export function javaExec(p: usize, n: i32): bool {
  for (let i = indexOf2(p, 0, n, 0x28, 0x28); i < n; i = indexOf2(p, i + 1, n, 0x28, 0x28)) { // '('
    let e = blanksBefore(p, i);
    let s = e;
    while (s > 0 && isIdentByte(load<u8>(p + <usize>(s - 1)))) s--;
    let len = e - s;
    if (len == 10 && matchesLowerAt(p, n, s, "getruntime")) {
      // `getRuntime()` then `.exec(`
      let j = skipBlanks(p, n, i + 1);
      if (byteAt(p, n, j) != 0x29) continue;
      j = skipBlanks(p, n, j + 1);
      if (byteAt(p, n, j) != 0x2E) continue;
      j = skipBlanks(p, n, j + 1);
      if (matchesLowerAt(p, n, j, "exec") && byteAt(p, n, skipBlanks(p, n, j + 4)) == 0x28) return true;
    } else if (len == 14 && matchesLowerAt(p, n, s, "processbuilder")) {
      // `new [java.lang.]ProcessBuilder(`
      let k = s;
      if (k >= 10 && matchesLowerAt(p, n, k - 10, "java.lang.")) k -= 10;
      k = blanksBefore(p, k);
      if (k >= 3 && matchesLowerAt(p, n, k - 3, "new") && !isIdentByte(byteAt(p, n, k - 4)) && k < s) return true;
    }
  }
  return false;
}
