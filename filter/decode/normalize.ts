// The fixed decoding pipeline that turns one request part into the text the model scores.
// Called by decode/texts.ts for every part; total, allocation-free, and never grows the text.
//
// Order and caps (part of the feature spec; change them and FEATURE_SPEC_VERSION together):
//   1. percent-decode once, '+' as space when the part came from a query or form;
//   2. up to MAX_ROUNDS more rounds of: the folding of step 3, percent-decode, HTML references
//      and \u/\x escapes, stopping as soon as a round changes nothing. Every decoder strictly
//      shortens what it decodes, so "changed" is "got shorter"; folding comes first in a round so
//      that an overlong '%' (%C0%A5) opens an escape the round then decodes;
//   3. drop NUL bytes, fold overlong UTF-8 (C0 AF, E0 80 AF, and since spec v7 the 4- to 6-byte
//      forms F0 80 80 AF …) to the ASCII it hides, and fold the
//      full-width forms of ASCII (U+FF01-FF5E, `＜ｓｃｒｉｐｔ＞`) to ASCII, as IIS/ASP.NET and some
//      databases do (feature spec v5).

import { DecodeFlag } from "./flags";
import { decodePercent } from "./percent";
import { decodeEntities } from "./entities";
import { canReadBlock, nibbleSetBits } from "../lib/scan";
import { splat8 } from "../lib/splat";

const MAX_ROUNDS = 3;

// 256 entries: 1 for a byte that starts something a decoder acts on ('%', '&', '\\', NUL, the
// overlong lead bytes C0, C1, E0, F0, F8, FC, the full-width lead byte EF), 2 for '+' (acts only in
// form-encoded parts), else 0.
// Generated from that list; most benign parts contain none and skip every pass.
const TRIGGER = memory.data<u8>([
  1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0,
]);

// The lead bytes of the 4-, 5- and 6-byte overlong forms (F0, F8, FC), as a lane mask.
// @ts-ignore: decorator
@inline function longOverlongLeads(v: v128): v128 {
  return v128.or(v128.or(i8x16.eq(v, splat8(0xF0)), i8x16.eq(v, splat8(0xF8))), i8x16.eq(v, splat8(0xFC)));
}

// Whether src[0..len) holds a byte any decoder acts on; when not, the part is its own decoding
// (normalizePart would copy it unchanged), and callers can read it where it is.
export function needsDecoding(src: usize, len: i32, plusAsSpace: bool): bool {
  return hasTrigger(src, len, plusAsSpace);
}

// Decodes src[0..len) into dst, which must hold len bytes (dst may equal src).
// Returns (flags << 32) | decodedLength.
export function normalizePart(src: usize, len: i32, dst: usize, plusAsSpace: bool): u64 {
  if (!needsDecoding(src, len, plusAsSpace)) {
    if (dst != src) memory.copy(dst, src, len);
    return <u64>len;
  }
  return decodePart(src, len, dst, plusAsSpace);
}

// normalizePart for a part that needsDecoding.
export function decodePart(src: usize, len: i32, dst: usize, plusAsSpace: bool): u64 {
  let r = decodePercent(src, len, dst, plusAsSpace, 0);
  let n = <i32>(r & 0xFFFFFFFF);
  let flags = <u32>(r >> 32);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    // Nothing a pass would act on: done. sanitize's bytes are triggers too, so it would change
    // nothing either; tested before it, this spares most parts (one round of plain
    // percent-escapes) its scan.
    if (!hasTrigger(dst, n)) return (<u64>flags << 32) | <u64>n;
    // Folding first: an overlong or full-width '%' or '&' (%C0%A5 is '%') starts an escape the
    // next pass must see.
    r = sanitize(dst, n, flags);
    n = <i32>(r & 0xFFFFFFFF);
    flags = <u32>(r >> 32);
    // Nothing left that a pass would act on (the sanitizer's bytes are triggers too): done.
    if (!hasTrigger(dst, n)) return (<u64>flags << 32) | <u64>n;
    let before = n;
    r = decodePercent(dst, n, dst, false, flags);
    let afterPercent = <i32>(r & 0xFFFFFFFF);
    flags = <u32>(r >> 32);
    if (afterPercent < n) flags |= DecodeFlag.PERCENT_MULTI;
    r = decodeEntities(dst, afterPercent, dst, flags);
    n = <i32>(r & 0xFFFFFFFF);
    flags = <u32>(r >> 32);
    if (n == before) break;
  }
  r = sanitize(dst, n, flags);
  return r;
}

// Whether p[0..len) holds a trigger byte: TRIGGER & 1, and '+' too when plus. Spans of 16 bytes
// or more go a block at a time (triggerBits; the last block overlaps the one before), shorter
// ones through the table. Most parts have no trigger, so this runs over nearly every byte.
// @ts-ignore: decorator
@inline function hasTrigger(p: usize, len: i32, plus: bool = false): bool {
  // The high-nibble table with or without '+' (see TRIGGER_NIBBLES).
  let hi = v128.load(TRIGGER_NIBBLES + <usize>(plus ? 32 : 16));
  if (len < 16) {
    // Most parts are this short: one block, its bits past len dropped.
    if (canReadBlock(p)) return (triggerBits(p, hi) & ((1 << len) - 1)) != 0;
    let kinds: u32 = plus ? 3 : 1;
    for (let i = 0; i < len; i++) {
      if ((<u32>load<u8>(TRIGGER + <usize>load<u8>(p + i)) & kinds) != 0) return true;
    }
    return false;
  }
  let i = 0;
  for (; i + 16 <= len; i += 16) if (triggerBits(p + <usize>i, hi) != 0) return true;
  return i < len && triggerBits(p + <usize>(len - 16), hi) != 0;
}

// Bit j set when byte j of the 16 at p is a trigger: the same set as the table, by the bytes'
// nibbles (two table lookups, i8x16.swizzle, where eleven compares and ten constant loads took
// about twice the instructions per block, make profile). hi: a high-nibble table of
// TRIGGER_NIBBLES.
// @ts-ignore: decorator
@inline function triggerBits(p: usize, hi: v128): i32 {
  return nibbleSetBits(v128.load(p), v128.load(TRIGGER_NIBBLES), hi);
}

// TRIGGER by nibbles: byte b is a trigger when TRIGGER_NIBBLES[b & 15] & hi[b >> 4] is not 0, hi
// being the 16 entries at 16 (kind 1) or at 32 (kind 1 and '+'). Bits 0-5 stand for the high
// nibbles 0, 2, 5, C, E, F, bit 6 for '+' (high nibble 2 in the second table only); a low-nibble
// entry has the bits of the high nibbles that make a trigger with it. Generated from TRIGGER's
// list and checked against it for all 256 bytes, with and without '+'.
const TRIGGER_NIBBLES = memory.data<u8>([
  0x39, 0x08, 0x00, 0x00, 0x00, 0x02, 0x02, 0x00, 0x20, 0x00, 0x00, 0x40, 0x24, 0x00, 0x00, 0x10,
  0x01, 0x00, 0x02, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x08, 0x00, 0x10, 0x20,
  0x01, 0x00, 0x42, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x08, 0x00, 0x10, 0x20,
]);

// Bit j set when byte j of v is one sanitize acts on: NUL, C0, C1, E0, EF, F0, F8 or FC.
// @ts-ignore: decorator
@inline function sanitizeBits(v: v128): i32 {
  let m = v128.or(i8x16.eq(v, i8x16.splat(0)), i8x16.eq(v128.and(v, splat8(0xFE)), splat8(0xC0)));
  m = v128.or(m, v128.or(i8x16.eq(v, splat8(0xE0)), i8x16.eq(v, splat8(0xEF))));
  m = v128.or(m, longOverlongLeads(v));
  return i8x16.bitmask(m);
}

// Where sanitize has work: the first NUL, C0, C1, E0, EF, F0, F8 or FC byte of p[0..len), or len.
function firstSanitizeByte(p: usize, len: i32): i32 {
  let i = 0;
  for (; i + 16 <= len; i += 16) {
    let bits = sanitizeBits(v128.load(p + <usize>i));
    if (bits != 0) return i + ctz(bits);
  }
  // The last bytes as one block too, its bits past len dropped (byte by byte, they were most
  // of the scan for short values).
  if (i < len && canReadBlock(p + <usize>i)) {
    let bits = sanitizeBits(v128.load(p + <usize>i)) & ((1 << (len - i)) - 1);
    return bits != 0 ? i + ctz(bits) : len;
  }
  for (; i < len; i++) {
    let c = <u32>load<u8>(p + <usize>i);
    if (c == 0 || (c & 0xFE) == 0xC0 || c == 0xE0 || c == 0xEF || c == 0xF0 || c == 0xF8 || c == 0xFC) return i;
  }
  return len;
}

// What a two-byte sequence with lead byte C0 or C1 stands for to a decoder that reads it (also
// core/lenient.ts's, for a second byte without UTF-8's continuation bits: C0 2F is '/').
// @ts-ignore: decorator
@inline export function twoByteAscii(lead: u32, next: u32): u32 { return ((lead & 1) << 6) | (next & 0x3F); }

// Removes NUL bytes and folds overlong UTF-8 encodings of ASCII and full-width ASCII, in place.
// The bytes before the first one it acts on stay where they are.
function sanitize(p: usize, len: i32, flags: u32): u64 {
  let i = firstSanitizeByte(p, len);
  if (i == len) return (<u64>flags << 32) | <u64>len;
  let o = i;
  while (i < len) {
    let c = <u32>load<u8>(p + i);
    // ASCII but NUL, and UTF-8 continuation bytes: kept, by one test (each of the tests below
    // ran for every byte after the first one acted on; text whose UTF-8 has E0 or EF lead bytes,
    // Indic scripts, goes through here whole).
    if (c - 1 < 0xBF) { store<u8>(p + o, <u8>c); o++; i++; continue; }
    if (c == 0) { flags |= DecodeFlag.NUL; i++; continue; }
    if ((c == 0xC0 || c == 0xC1) && i + 1 < len) {
      let c1 = <u32>load<u8>(p + i + 1);
      if ((c1 & 0xC0) == 0x80) {
        store<u8>(p + o, <u8>twoByteAscii(c, c1));
        o++; i += 2;
        flags |= DecodeFlag.OVERLONG;
        continue;
      }
      // Kept as is: core/lenient.ts reads it (C0 2E, and dotdotpwn's C0 FE).
      if (c1 < 0x80 || c1 >= 0xC0) flags |= DecodeFlag.LENIENT;
    }
    if (c == 0xE0 && i + 2 < len) {
      let c1 = <u32>load<u8>(p + i + 1);
      let c2 = <u32>load<u8>(p + i + 2);
      if ((c1 & 0xE0) == 0x80 && (c2 & 0xC0) == 0x80) {
        let cp = ((c1 & 0x3F) << 6) | (c2 & 0x3F);
        if (cp < 0x80) {
          store<u8>(p + o, <u8>cp);
          o++; i += 3;
          flags |= DecodeFlag.OVERLONG;
          continue;
        }
      }
    }
    if (c == 0xF0 || c == 0xF8 || c == 0xFC) {
      // The 4-, 5- and 6-byte overlong forms (F0 80 80 AE, F8 80 80 80 AE, FC 80 80 80 80 AE are
      // '.'): lenient decoders of the IIS era read them, and traversal lists carry them.
      let k = c == 0xF0 ? 3 : c == 0xF8 ? 4 : 5;
      if (i + k < len) {
        let ok = true;
        for (let j = 1; j < k; j++) if (load<u8>(p + i + j) != 0x80) { ok = false; break; }
        let last = <u32>load<u8>(p + i + k);
        if (ok && (last & 0xC0) == 0x80) {
          store<u8>(p + o, <u8>(last & 0x3F));
          o++; i += k + 1;
          flags |= DecodeFlag.OVERLONG;
          continue;
        }
      }
    }
    if (c == 0xEF && i + 2 < len) {
      // U+FF01-FF3F is EF BC 81-BF, U+FF40-FF5E is EF BD 80-9E: ASCII 0x21-0x7E.
      let c1 = <u32>load<u8>(p + i + 1);
      let c2 = <u32>load<u8>(p + i + 2);
      let a: u32 = c1 == 0xBC && c2 - 0x81 < 0x3F ? c2 - 0x60 : c1 == 0xBD && c2 - 0x80 < 0x1F ? c2 - 0x20 : 0;
      if (a != 0) {
        store<u8>(p + o, <u8>a);
        o++; i += 3;
        continue;
      }
    }
    store<u8>(p + o, <u8>c);
    o++; i++;
  }
  return (<u64>flags << 32) | <u64>o;
}
