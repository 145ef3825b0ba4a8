// Smarty's tag holding a product of two numbers (`{7*7}`, `{1337*1337}`): the probe that asks whether
// a page renders what it is sent as a Smarty template, as `{{7*7}}` asks Jinja and `${7*7}`
// FreeMarker (which the model reads). The model scored `{73*13}` 81 and `/assets/{91*53}` 81. Only a
// value that opens with it, and only `*`: `{1-2}` and `{3/4}` are ranges and fractions in data and
// prose. No benign value of the dataset holds one (`make verdict-census`). Read by core/payloads.ts
// for a text that opens with `{` and a digit or a blank; total and allocation-free.

import { byteAt, skipBlanks } from "../lib/bytes";
import { numberEnd } from "./razor";

// Whether p[0..n) opens with `{`, a number, `*`, a number and `}` (blanks between allowed), the
// brace not one of a pair (`{{`, `}}`: Jinja's, which the model reads).
export function braceProbe(p: usize, n: i32): bool {
  if (n < 5 || load<u8>(p) != 0x7B) return false; // '{'
  let j = numberEnd(p, n, skipBlanks(p, n, 1));
  if (j < 0) return false;
  j = skipBlanks(p, n, j);
  if (byteAt(p, n, j) != 0x2A) return false; // '*'
  j = numberEnd(p, n, skipBlanks(p, n, j + 1));
  if (j < 0) return false;
  j = skipBlanks(p, n, j);
  return byteAt(p, n, j) == 0x7D && byteAt(p, n, j + 1) != 0x7D; // '}'
}
