// HTML character references and backslash escapes (\uXXXX, \xHH), decoded in one pass.
// Called by decode/normalize.ts; total: anything it does not recognise is copied as-is.

import { DecodeFlag } from "./flags";
import { hexValue, hexByte, hexQuad, writeUtf8 } from "../lib/escapes";
import { splat8 } from "../lib/splat";
import { canReadBlock, storePrefix } from "../lib/scan";

// Named references that carry attack syntax, plus the common ones. Browsers accept the
// four legacy names without ';' (and in any case), so attackers use them that way too.
const NAMES: StaticArray<string> = [
  "lt", "gt", "amp", "quot", "apos", "nbsp", "sol", "bsol", "colon", "semi", "lpar",
  "rpar", "equals", "tab", "newline", "period", "comma", "excl", "num", "lsqb", "rsqb",
  "lcub", "rcub", "grave", "vert", "ast", "plus", "dollar", "percnt", "quest", "commat",
];
const VALUES: StaticArray<u8> = [
  0x3C, 0x3E, 0x26, 0x22, 0x27, 0x20, 0x2F, 0x5C, 0x3A, 0x3B, 0x28,
  0x29, 0x3D, 0x09, 0x0A, 0x2E, 0x2C, 0x21, 0x23, 0x5B, 0x5D,
  0x7B, 0x7D, 0x60, 0x7C, 0x2A, 0x2B, 0x24, 0x25, 0x3F, 0x40,
];
const LEGACY_NAMES: i32 = 4; // the first four may omit ';'

// Decodes src[0..len) into dst (dst may equal src; output never outruns input).
// Returns (flags << 32) | newLength.
export function decodeEntities(src: usize, len: i32, dst: usize, flags: u32): u64 {
  let o = 0;
  let i = 0;
  let amp = splat8(0x26), backslash = splat8(0x5C);
  let inPlace = dst == src;
  while (i < len) {
    // 16 bytes at a time up to the next '&' or '\\' (byte by byte, the copy was most of this
    // pass): a block without one is written whole (dst + o never runs ahead of src + i, so in
    // place it only overwrites bytes already read), and in place with nothing decoded yet
    // (o == i) not written at all. In place behind (o < i), only the bytes before the '&' are
    // written (storePrefix): a whole block would overwrite bytes not yet read. The last bytes of
    // the span go the same way when 16 can be read there, written exactly.
    let rest = len - i;
    if (rest >= 16 || canReadBlock(src + <usize>i)) {
      let v = v128.load(src + i);
      let m = i8x16.bitmask(v128.or(i8x16.eq(v, amp), i8x16.eq(v, backslash)));
      if (rest >= 16 && m == 0) {
        if (!inPlace || o != i) v128.store(dst + o, v);
        o += 16; i += 16;
        continue;
      }
      let k = min(<i32>ctz(m), rest);
      if (!inPlace && rest >= 16) v128.store(dst + o, v);
      else if (!inPlace || o != i) storePrefix(dst + o, v, k);
      o += k; i += k;
      if (i >= len) break;
    }
    let c = <u32>load<u8>(src + i);
    if (c == 0x26 /* & */ && i + 2 < len) {
      let used = decodeReference(src + i, len - i, dst + o);
      if (used > 0) {
        o += <i32>(used & 0xFF);
        i += <i32>(used >> 8);
        flags |= DecodeFlag.ENTITY;
        continue;
      }
    } else if (c == 0x5C /* \ */ && i + 3 < len) {
      let n = load<u8>(src + i + 1) | 0x20;
      if (n == 0x75 /* u */ && i + 5 < len) {
        let v = hexQuad(src + i + 2);
        if (v >= 0) {
          o += writeUtf8(dst + o, <u32>v);
          i += 6;
          flags |= DecodeFlag.ESCAPE;
          continue;
        }
      } else if (n == 0x78 /* x */) {
        let v = hexByte(src + i + 2);
        if (v >= 0) {
          store<u8>(dst + o, <u8>v);
          o++; i += 4;
          flags |= DecodeFlag.ESCAPE;
          continue;
        }
      }
    }
    store<u8>(dst + o, <u8>c);
    o++; i++;
  }
  return (<u64>flags << 32) | <u64>o;
}

// Decodes one reference starting at '&'. Returns (consumed << 8) | written, or 0.
function decodeReference(p: usize, avail: i32, dst: usize): u32 {
  if (load<u8>(p + 1) == 0x23 /* # */) return decodeNumeric(p, avail, dst);
  for (let k = 0; k < NAMES.length; k++) {
    let name = unchecked(NAMES[k]);
    let n = name.length;
    if (n + 1 > avail) continue;
    let j = 0;
    // The name's UTF-16 units read in place (j < n): charCodeAt is a call with a bounds check.
    while (j < n && (<u32>load<u8>(p + 1 + j) | 0x20) == <u32>load<u16>(changetype<usize>(name) + (<usize>j << 1))) j++;
    if (j < n) continue;
    let hasSemi = n + 1 < avail && load<u8>(p + 1 + n) == 0x3B;
    if (!hasSemi && k >= LEGACY_NAMES) continue;
    store<u8>(dst, unchecked(VALUES[k]));
    return ((<u32>(n + 1 + (hasSemi ? 1 : 0))) << 8) | 1;
  }
  return 0;
}

// &#DDDD; or &#xHHHH; with the ';' optional, as browsers accept. Leading zeros are
// allowed without bound (a known evasion), the value is capped so it cannot overflow.
function decodeNumeric(p: usize, avail: i32, dst: usize): u32 {
  let i = 2;
  let hex = i < avail && (load<u8>(p + i) | 0x20) == 0x78;
  if (hex) i++;
  let start = i;
  let v: u32 = 0;
  while (i < avail) {
    let d = hexValue(load<u8>(p + i));
    if (d < 0 || (!hex && d > 9)) break;
    v = hex ? (v << 4) | <u32>d : v * 10 + <u32>d;
    if (v > 0x10FFFF) v = 0x110000; // keeps it bounded; written as U+FFFD
    i++;
  }
  if (i == start) return 0;
  if (i < avail && load<u8>(p + i) == 0x3B) i++;
  // A code point needs at most 4 bytes, and i >= 3 here; a 4-byte one has >= 5 digits.
  let w = writeUtf8(dst, v);
  return (<u32>i << 8) | <u32>w;
}
