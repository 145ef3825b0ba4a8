// Total percent-decoding: %HH, %uXXXX and optionally '+' as space; never fails.
// Called by decode/normalize.ts; writes into caller memory and returns the new length.

import { DecodeFlag } from "./flags";
import { hexByte, hexQuad, writeUtf8 } from "../lib/escapes";
import { splat8 } from "../lib/splat";
import { canReadBlock, storePrefix } from "../lib/scan";

// Decodes src[0..len) into dst (which may equal src: output never runs ahead of input).
// Malformed sequences are copied as they are and flagged, so an attacker gains nothing
// by sending a broken escape, and the model sees that they did.
export function decodePercent(src: usize, len: i32, dst: usize, plusAsSpace: bool, flags: u32): u64 {
  let o = 0;
  let i = 0;
  let pct = splat8(0x25);
  let plus = splat8(0x2B);
  let space = splat8(0x20);
  // A disjoint dst (the first pass, into the arena) may take a whole block up to a '%'; in place,
  // bytes past o + k may not be read yet (storePrefix writes only those k).
  let apart = dst != src;
  while (i < len) {
    // 16 bytes at a time up to the next '%': a block without one is written whole, its '+'
    // turned into ' ' (dst + o never runs ahead of src + i, so in place it only overwrites
    // bytes already read). The last bytes of the span too, when 16 can be read there (one byte
    // at a time, they were most of the pass on form values): those are written exactly, so
    // nothing past dst's length or, in place, past the bytes read is touched.
    let rest = len - i;
    if (rest >= 16 || canReadBlock(src + <usize>i)) {
      let v = v128.load(src + i);
      let escapes = i8x16.bitmask(i8x16.eq(v, pct));
      // With plusAsSpace, '+' becomes ' ' (hex digits are neither, so an escape reads the same).
      let w = plusAsSpace ? v128.bitselect(space, v, i8x16.eq(v, plus)) : v;
      if (rest >= 16) {
        if (escapes == 0) {
          v128.store(dst + o, w);
          o += 16; i += 16;
          continue;
        }
        let k = ctz(escapes);
        // A disjoint dst (the first pass, into the arena) may take the whole block: its bytes
        // past the '%' are overwritten by what follows.
        if (apart || o == i) v128.store(dst + o, w);
        else storePrefix(dst + o, w, k);
        o += k; i += k;
      } else {
        let k = min(<i32>ctz(escapes), rest);
        storePrefix(dst + o, w, k);
        o += k; i += k;
        if (i >= len) break;
      }
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
      // What a lenient decoder may read further, traversal lists' `%2%e` (`%%32%%65` decoded once)
      // and IIS's `%bg`: flagged for core/lenient.ts, which reads the text where it is set.
      if (i + 3 < len) {
        let d = <u32>load<u8>(src + i + 2);
        if (d == 0x25 || ((<u32>load<u8>(src + i + 1) | 0x20) == 0x62 && (d | 0x20) == 0x67)) flags |= DecodeFlag.LENIENT;
      }
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
