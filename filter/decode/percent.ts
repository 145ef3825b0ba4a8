// Total percent-decoding: %HH, %uXXXX and optionally '+' as space; never fails.
// Called by decode/normalize.ts; writes into caller memory and returns the new length.

import { DecodeFlag } from "./flags";
import { hexByte, hexQuad, writeUtf8 } from "../lib/escapes";

// Decodes src[0..len) into dst (which may equal src: output never runs ahead of input).
// Malformed sequences are copied as they are and flagged, so an attacker gains nothing
// by sending a broken escape, and the model sees that they did.
export function decodePercent(src: usize, len: i32, dst: usize, plusAsSpace: bool, flags: u32): u64 {
  let o = 0;
  let i = 0;
  while (i < len) {
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
