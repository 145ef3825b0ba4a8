// A `vbscript:` URL that calls something (`vbscript:msgbox(1)`, `vbscript:document.write(…)`):
// Internet Explorer ran VBScript from such a link, attribute or style, and XSS payload lists keep
// the form. No benign part of `make dataset`'s sides holds `vbscript:` at all; a mention in prose
// (`vbscript: a language`) calls nothing. The model scored the first 39. Read by core/payloads.ts
// at each '(' of a text; total and allocation-free.

import { blanksBefore, matchesLowerAt, nameStart, isWordChar } from "../lib/bytes";

// Whether the call whose name starts at s (members before it allowed: `document.write`) follows
// `vbscript:` and blanks.
export function vbscriptCallAt(p: usize, n: i32, s: i32): bool {
  while (s > 1 && load<u8>(p + <usize>(s - 1)) == 0x2E) {
    let m = nameStart(p, s - 1);
    if (m == s - 1) return false;
    s = m;
  }
  let c = blanksBefore(p, s) - 1;
  if (c < 8 || load<u8>(p + <usize>c) != 0x3A || !matchesLowerAt(p, n, c - 8, "vbscript")) return false; // ':'
  return c == 8 || !isWordChar(<u32>load<u8>(p + <usize>(c - 9)));
}
