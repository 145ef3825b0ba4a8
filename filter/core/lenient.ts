// Path traversal written as traversal lists write it for lenient decoders (dotdotpwn's table, which
// CRS 930100 reads too): a `..` and a separator where one of the three is written in such an encoding.
// Read by core/payloads.ts for texts whose decoders flagged one of them (TRAVERSAL_FLAGS); total and
// allocation-free. The look-alikes sent as UTF-8 (`..%e2%88%95`) are left to the model unless another
// byte flags the text: flagging them in the percent decoder cost every escape of a form body (make
// profile: +10% in decodePercent), and the model reads them as traversal.
//
// The decoding stage (decode/normalize.ts) folds overlong UTF-8 (C0 AF) to the ASCII it hides, but
// not what only a lenient decoder reads, which these are:
// - a lead byte C0 or C1 before a byte without UTF-8's continuation bits, which such a decoder reads
//   as ((lead & 1) << 6) | (byte & 0x3F) (C0 2E '.', C0 2F '/', C1 1C '\', C0 EE '.');
// - IIS's hex after such a lead byte, which took any letter for a digit (`%c0%qf`, `%c0%9v` '/',
//   `%c1%8s`, `%c1%pc` '\'), and `%bg%qf`;
// - a double encoding's `%` left standing (`%%32%%66` decodes to `%2%f`, `%2%e`, `%5%c`);
// - the division slash and set minus (U+2215, U+2216), U+EFC8, U+F025, the one-dot leader U+2024,
//   E0 40 AE, and `0x2e`, `0x2f`, `0x5c` written out;
// - dotdotpwn's bit flips of C0 AE (C0 5E, C0 FE), and C0 5C.
// Beside those a `.` may stand for a dot with a control byte after it (`.%01`), and so may a `?`, as
// the lists pair them (`.?`, `?.`, `??`). Folding them in the decoder would change the text the model
// scores (the feature spec); read here, they change no score but this verdict's. No benign text holds
// the C0 and C1 forms (they are no UTF-8), and a `..` before the others is no mathematics.

import { DecodeFlag } from "../decode/flags";
import { twoByteAscii } from "../decode/normalize";
import { byteAt, isSlash, matchesLowerAt } from "../lib/bytes";

// The decoders' flags of a text such a form leaves: a C0 or C1 lead byte before a byte that is no
// continuation, or a `%` left where a lenient decoder reads more (LENIENT), an IIS `%u` (PERCENT_U),
// overlong UTF-8 folded beside a form written out (OVERLONG: `%c0%ae%c0%ae0x5c`). Not every `%` the
// percent decoder could not read (PERCENT_BAD): `100%` flags a few texts of many bodies, and reading
// them cost the 1 KiB form 2% (make profile).
export const TRAVERSAL_FLAGS: u32 = DecodeFlag.LENIENT | DecodeFlag.PERCENT_U | DecodeFlag.OVERLONG;

// The `..` must open the text or follow a separator, as a path's segment does (CRS 930100 asks the
// same), or a `%` a double encoding left (`%25%c0%6e%c0%6e%c0%2f` decodes to `%` and the unit): random
// bytes hold C0 and C1 before others, and random 256 KiB bodies tripped the verdict without it.
export function lenientTraversal(p: usize, n: i32): bool {
  // The three symbols read before this one (symbolAt's codes), the oldest first; the text's start
  // counts as a separator.
  let s0: u32 = 0, s1: u32 = 0, s2: u32 = SEP;
  let i = 0;
  while (i < n) {
    // Most bytes start no symbol: told by a table, without the call.
    if (load<u8>(STARTS + <usize>load<u8>(p + <usize>i)) == 0) { s0 = 0; s1 = 0; s2 = 0; i++; continue; }
    let s = symbolAt(p, n, i);
    if ((s & KIND) == SEP && (s2 & KIND) == DOT && (s1 & KIND) == DOT && ((s0 & KIND) == SEP || (s0 & PERCENT) != 0) &&
        ((s | s1 | s2) & ENCODED) != 0) return true;
    s0 = s1; s1 = s2; s2 = s;
    i += <i32>(s >> 8);
  }
  return false;
}

// symbolAt's codes: the kind (bits 0-1: neither, DOT or SEP), ENCODED when it is not the plain
// `.`, `?`, `/` or `\`, PERCENT for a `%` that starts none of them, and the bytes it spans from bit 8.
const DOT: u32 = 1, SEP: u32 = 2, KIND: u32 = 3, ENCODED: u32 = 4, PERCENT: u32 = 8;
const NEITHER: u32 = 1 << 8;

// The bytes a symbol may start with (symbolAt): . ? / \ % 0 C0 C1 E0 E2 EE EF.
const STARTS = memory.data(256);
store<u8>(STARTS + 0x2E, 1); store<u8>(STARTS + 0x3F, 1); store<u8>(STARTS + 0x2F, 1); store<u8>(STARTS + 0x5C, 1);
store<u8>(STARTS + 0x25, 1); store<u8>(STARTS + 0x30, 1); store<u8>(STARTS + 0xC0, 1); store<u8>(STARTS + 0xC1, 1);
store<u8>(STARTS + 0xE0, 1); store<u8>(STARTS + 0xE2, 1); store<u8>(STARTS + 0xEE, 1); store<u8>(STARTS + 0xEF, 1);

// @ts-ignore: decorator
@inline function encoded(kind: u32, len: u32): u32 { return kind | ENCODED | (len << 8); }

// What p[i..) starts with: a dot, a separator (plain or encoded, as the header says) or neither.
function symbolAt(p: usize, n: i32, i: i32): u32 {
  let b = <u32>load<u8>(p + <usize>i);
  let c = i + 1 < n ? <u32>load<u8>(p + <usize>(i + 1)) : 0x100;
  if (b == 0x2E) return c == 0x01 ? encoded(DOT, 2) : DOT | NEITHER;
  if (b == 0x3F) return DOT | NEITHER;
  if (isSlash(b)) return SEP | NEITHER;
  if (c == 0x100) return NEITHER;
  if (b == 0xC0 || b == 0xC1) {
    if (c == 0x25) {
      let sep = b == 0xC0 ? matchesLowerAt(p, n, i + 2, "qf") || matchesLowerAt(p, n, i + 2, "9v")
                          : matchesLowerAt(p, n, i + 2, "8s") || matchesLowerAt(p, n, i + 2, "pc");
      return sep ? encoded(SEP, 4) : NEITHER;
    }
    let a = twoByteAscii(b, c);
    if (a == 0x2E || (b == 0xC0 && (c == 0x5E || c == 0xFE))) return encoded(DOT, 2);
    if (a == 0x2F || a == 0x5C || (b == 0xC0 && c == 0x5C)) return encoded(SEP, 2);
    return NEITHER;
  }
  if (b == 0x25) {
    // `%2%e`, `%2%f`, `%5%c`: the byte after the next is a '%' (`100% / 2`'s is not).
    if (byteAt(p, n, i + 2) == 0x25) {
      let e = byteAt(p, n, i + 3) | 0x20;
      if (c == 0x32) return e == 0x65 ? encoded(DOT, 4) : e == 0x66 ? encoded(SEP, 4) : PERCENT | NEITHER;
      return c == 0x35 && e == 0x63 ? encoded(SEP, 4) : PERCENT | NEITHER;
    }
    return (c | 0x20) == 0x62 && matchesLowerAt(p, n, i + 1, "bg%qf") ? encoded(SEP, 6) : PERCENT | NEITHER;
  }
  if (b == 0x30 && (c | 0x20) == 0x78) {
    if (matchesLowerAt(p, n, i + 2, "2e")) return encoded(DOT, 4);
    return matchesLowerAt(p, n, i + 2, "2f") || matchesLowerAt(p, n, i + 2, "5c") ? encoded(SEP, 4) : NEITHER;
  }
  if (b < 0xE0 || i + 2 >= n) return NEITHER;
  let d = <u32>load<u8>(p + <usize>(i + 2));
  if ((b == 0xE0 && c == 0x40 && d == 0xAE) || (b == 0xE2 && c == 0x80 && d == 0xA4)) return encoded(DOT, 3);
  if ((b == 0xE2 && c == 0x88 && (d == 0x95 || d == 0x96)) || (b == 0xEE && c == 0xBF && d == 0x88) ||
      (b == 0xEF && c == 0x80 && d == 0xA5)) return encoded(SEP, 3);
  return NEITHER;
}
