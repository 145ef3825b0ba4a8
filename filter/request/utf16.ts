// A JSON or XML body sent in UTF-16 or UTF-32 (with a byte-order mark, or known by where its NULs
// fall, as RFC 4627 §3 and XML 1.0 Appendix F detect it) is transcoded to UTF-8 before it is
// split: Jackson and every XML parser read such a body by its bytes, whatever the Content-Type says,
// and the filter read it as bytes with a NUL between letters. An XML body in UTF-16 was split into
// nothing and scored whole (`;cat /etc/passwd` in an element 65, `admin'--` 75). Called by
// request/request.ts. Total and allocation-free.

import { writeUtf8 } from "../lib/escapes";

// What sniffWide found: how many bytes a code unit has, and the byte order.
export const enum Wide { NONE = 0, UTF16LE = 1, UTF16BE = 2, UTF32LE = 3, UTF32BE = 4 }

// The form of p[0..n), a body whose first bytes decide it: a byte-order mark (FF FE 00 00, 00 00 FE
// FF, FF FE, FE FF), or an ASCII character then NULs as one of the four forms lays it out (`{\0"\0`,
// `\0<\0?`, `<\0\0\0`, `\0\0\0<`). A UTF-8 body never holds a NUL among its first four bytes.
export function sniffWide(p: usize, n: i32): Wide {
  if (n < 4) return Wide.NONE;
  let b0 = <u32>load<u8>(p), b1 = <u32>load<u8>(p, 1);
  if (b0 - 1 < 0xFD && b1 != 0) return Wide.NONE; // every UTF-8 body: no NUL, no byte-order mark
  let b2 = <u32>load<u8>(p, 2), b3 = <u32>load<u8>(p, 3);
  if (b0 == 0xFF && b1 == 0xFE) return b2 == 0 && b3 == 0 ? Wide.UTF32LE : Wide.UTF16LE;
  if (b0 == 0xFE && b1 == 0xFF) return Wide.UTF16BE;
  if (b0 == 0 && b1 == 0 && b2 == 0xFE && b3 == 0xFF) return Wide.UTF32BE;
  if (b0 == 0 && b1 == 0 && b2 == 0 && b3 - 1 < 0x7F) return Wide.UTF32BE;
  if (b0 - 1 < 0x7F && b1 == 0 && b2 == 0 && b3 == 0) return Wide.UTF32LE;
  if (b0 == 0 && b1 - 1 < 0x7F && b2 == 0 && b3 - 1 < 0x7F) return Wide.UTF16BE;
  if (b0 - 1 < 0x7F && b1 == 0 && b2 - 1 < 0x7F && b3 == 0) return Wide.UTF16LE;
  return Wide.NONE;
}

// Whether at least a quarter of the code units of p[0..n), in the form `form`, are ASCII: JSON's and
// XML's punctuation, names and tags are, whatever language the text is in. UTF-8 read as UTF-16 (a
// body that only opens like it: `\0 \0"` and then UTF-8) is almost none, and is read as it was.
export function mostlyAsciiUnits(p: usize, n: i32, form: Wide): bool {
  let unit = form >= Wide.UTF32LE ? 4 : 2;
  let big = form == Wide.UTF16BE || form == Wide.UTF32BE;
  let ascii = 0, units = 0;
  for (let i = 0; i + unit <= n; i += unit) {
    let c = unit == 2 ? readUnit16(p + <usize>i, big) : readUnit32(p + <usize>i, big);
    ascii += i32(c < 0x80);
    units++;
  }
  return ascii * 4 >= units;
}

// Writes p[0..n), in the form `form`, to dst as UTF-8 and returns the length written, or, when a
// character would pass cap bytes, ~ the length written before it (negative: the text is cut). A
// byte-order mark is dropped; a lone surrogate and a cut last unit become U+FFFD, as decoders do.
export function wideToUtf8(p: usize, n: i32, form: Wide, dst: usize, cap: i32): i32 {
  let unit = form >= Wide.UTF32LE ? 4 : 2;
  let big = form == Wide.UTF16BE || form == Wide.UTF32BE;
  let i = 0, o = 0;
  while (i + unit <= n) {
    let c = unit == 2 ? readUnit16(p + <usize>i, big) : readUnit32(p + <usize>i, big);
    i += unit;
    if (unit == 2 && c - 0xD800 < 0x800) {
      // A surrogate: a high one and a low one after it make one character; anything else is U+FFFD.
      let lo = i + 2 <= n ? readUnit16(p + <usize>i, big) : 0;
      if (c < 0xDC00 && lo - 0xDC00 < 0x400) {
        c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
        i += 2;
      } else c = 0xFFFD;
    }
    if (c > 0x10FFFF || c - 0xD800 < 0x800) c = 0xFFFD;
    if (c == 0xFEFF && o == 0) continue; // the byte-order mark
    let k = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    if (o + k > cap) return ~o;
    o += writeUtf8(dst + <usize>o, c);
  }
  if (i < n) { // a cut last unit
    if (o + 3 > cap) return ~o;
    o += writeUtf8(dst + <usize>o, 0xFFFD);
  }
  return o;
}

// @ts-ignore: decorator
@inline function readUnit16(q: usize, big: bool): u32 {
  let v = <u32>load<u16>(q);
  return big ? ((v & 0xFF) << 8) | (v >> 8) : v;
}

// @ts-ignore: decorator
@inline function readUnit32(q: usize, big: bool): u32 {
  let v = load<u32>(q);
  return big ? bswap<u32>(v) : v;
}
