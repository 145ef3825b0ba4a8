// XML external entities (XXE) by the grammar of a DTD's internal subset: a value or a body that
// declares an entity the parser fetches (`<!ENTITY x SYSTEM "file:///etc/passwd">`, `PUBLIC` with
// its URL), or a parameter entity (`<!ENTITY % x …>`, the out-of-band and blind XXE's relay, which
// no document sent to a web application needs); or an XInclude of another resource
// (`<xi:include href="file:///etc/passwd" parse="text"/>` in the XInclude namespace). Read by
// core/payloads.ts in texts with a '<'; total and allocation-free.
//
// The model's xxe class learned these and scored most of the dataset's XXE rows 6 to 20, near the
// band's edge (a SOAP body's parameter entity 17, an SVG upload's external entity 15, an XInclude in
// a JSON string 16). A document's own DOCTYPE (`<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 …"
// "http://www.w3.org/…">`, an SVG's) names its DTD and declares no entity, and internal entities
// (`<!ENTITY ns_svg "http://www.w3.org/2000/svg">` of Illustrator's SVGs, DocBook's `&nbsp;`) fetch
// nothing.

import { byteAt, isLetter, isWhitespace, matchesLowerAt } from "../lib/bytes";
import { indexOf2 } from "../lib/scan";
import { skipWhitespace } from "./confirm";

export function externalEntity(p: usize, n: i32): bool {
  for (let i = nextDeclaration(p, 0, n); i + 8 < n; i = nextDeclaration(p, i + 1, n)) {
    if (matchesLowerAt(p, n, i + 2, "entity") && isWhitespace(byteAt(p, n, i + 8)) && entityFetches(p, n, i + 8)) return true; // `<!ENTITY`
  }
  // Tags are read for an XInclude only in a text that declares its namespace: most texts with a '<'
  // are markup, whose every tag the test would read.
  if (!hasXincludeNamespace(p, n)) return false;
  for (let i = indexOf2(p, 0, n, 0x3C, 0x3C); i + 8 < n; i = indexOf2(p, i + 1, n, 0x3C, 0x3C)) {
    if (isLetter(<u32>load<u8>(p + <usize>(i + 1))) && xincludeAt(p, n, i + 1)) return true;
  }
  return false;
}

// The index of the next `<!` from `from`, or n: 16 positions a step. Most texts with a '<' are
// markup, whose every tag a search for '<' stopped at: the verdict so written cost the bench bodies
// +0.3% to +0.45% of their instructions, this one +0.2% to +0.3% (make profile).
function nextDeclaration(p: usize, from: i32, n: i32): i32 {
  let i = from;
  for (; i + 17 <= n; i += 16) {
    let m = i8x16.bitmask(v128.and(i8x16.eq(v128.load(p + <usize>i), i8x16.splat(0x3C)), i8x16.eq(v128.load(p + <usize>(i + 1)), i8x16.splat(0x21))));
    if (m != 0) return i + ctz(m);
  }
  for (; i + 1 < n; i++) if (load<u8>(p + <usize>i) == 0x3C && load<u8>(p + <usize>(i + 1)) == 0x21) return i;
  return n;
}

// After `<!ENTITY` (at i, a blank): a parameter entity's `%`, or a name then `SYSTEM` or `PUBLIC`.
function entityFetches(p: usize, n: i32, i: i32): bool {
  i = skipWhitespace(p, n, i);
  if (byteAt(p, n, i) == 0x25 && isWhitespace(byteAt(p, n, i + 1))) return true; // `%` name
  let s = i;
  while (i < n && !isWhitespace(<u32>load<u8>(p + <usize>i)) && load<u8>(p + <usize>i) != 0x3E) i++;
  if (i == s) return false;
  i = skipWhitespace(p, n, i);
  return (matchesLowerAt(p, n, i, "system") || matchesLowerAt(p, n, i, "public")) && !isLetter(byteAt(p, n, i + 6));
}

// An `include` element (at i, its name) in a prefix (the text declares XInclude's namespace:
// hasXincludeNamespace), with an `href`.
function xincludeAt(p: usize, n: i32, i: i32): bool {
  // The prefix and `:include`.
  let j = i;
  while (j < n && j - i < 16 && isLetter(<u32>load<u8>(p + <usize>j))) j++;
  if (byteAt(p, n, j) != 0x3A || !matchesLowerAt(p, n, j + 1, "include") || !isWhitespace(byteAt(p, n, j + 8))) return false;
  // Its attributes, to the tag's end: an `href`.
  let e = j + 8;
  while (e < n && load<u8>(p + <usize>e) != 0x3E) e++;
  let href = false;
  for (let k = j + 8; k + 5 < e; k++) {
    if (isWhitespace(<u32>load<u8>(p + <usize>k)) && matchesLowerAt(p, n, k + 1, "href")) { href = true; break; }
  }
  return href;
}

// Whether the text names XInclude's namespace (`http://www.w3.org/2001/XInclude`), found by its
// `x`, a rare letter in prose and markup.
function hasXincludeNamespace(p: usize, n: i32): bool {
  for (let i = indexOf2(p, 5, n, 0x78, 0x58); i + 8 <= n; i = indexOf2(p, i + 1, n, 0x78, 0x58)) { // 'x'
    if (matchesLowerAt(p, n, i, "xinclude") && matchesLowerAt(p, n, i - 5, "2001/")) return true;
  }
  return false;
}
