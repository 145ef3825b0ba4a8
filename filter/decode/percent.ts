// Total percent-decoding: %HH, %uXXXX and optionally '+' as space; never fails.
// Called by decode/normalize.ts; writes into caller memory and returns the new length.

import { DecodeFlag } from "./flags";
import { hexByte, hexQuad, writeUtf8 } from "../lib/escapes";
import { blockOf2 } from "../lib/scan";

// Decodes src[0..len) into dst (which may equal src: output never runs ahead of input).
// Malformed sequences are copied as they are and flagged, so an attacker gains nothing
// by sending a broken escape, and the model sees that they did.
export function decodePercent(src: usize, len: i32, dst: usize, plusAsSpace: bool, flags: u32): u64 {
  let o = 0;
  let i = 0;
  let pct = i8x16.splat(0x25);
  let plus = i8x16.splat(plusAsSpace ? 0x2B : 0x25);
  while (i < len) {
    // 16 bytes at a time up to the next '%' (or '+'): a block without one is copied whole
    // (dst + o never runs ahead of src + i, so in place it only overwrites bytes already read).
    if (i + 16 <= len) {
      let m = blockOf2(src + i, pct, plus);
      if (m == 0) {
        v128.store(dst + o, v128.load(src + i));
        o += 16; i += 16;
        continue;
      }
      for (let k = ctz(m); k > 0; k--) { store<u8>(dst + o, load<u8>(src + i)); o++; i++; }
    }
    let c = <u32>load<u8>(src + i);
    if (c == 0x25 /* % */) {
      if (i + 2 < len) {
        let v = hexByte(src + i + 1);
        if (v >= 0) {
          store<u8>(dst + o, <u8>v);
          o++; i += 3;
          flags |= DecodeFlag.PERCENT;
          continue;
        }
      }
      if (i + 5 < len && (load<u8>(src + i + 1) | 0x20) == 0x75 /* u */) {
        let v = hexQuad(src + i + 2);
        if (v >= 0) {
          o += writeUtf8(dst + o, <u32>v);
          i += 6;
          flags |= DecodeFlag.PERCENT | DecodeFlag.PERCENT_U;
          continue;
        }
      }
      flags |= DecodeFlag.PERCENT_BAD;
      store<u8>(dst + o, <u8>c);
    } else if (c == 0x2B /* + */ && plusAsSpace) {
      store<u8>(dst + o, 0x20);
    } else {
      store<u8>(dst + o, <u8>c);
    }
    o++; i++;
  }
  return (<u64>flags << 32) | <u64>o;
}
