// Splits name=value lists: query strings and urlencoded forms ('&'), Cookie headers ('; ').
// Called by request/request.ts (query, Cookie) and request/body.ts (forms); adds one part per value.

import { PartList, putPart } from "./parts";
import { Where } from "./where";
import { indexOf, canReadBlock } from "../lib/scan";
import { allIn } from "../lib/bytes";
import { splat8 } from "../lib/splat";

// A key is scored as a part of its own only when it holds bytes a parameter name does not
// need: attackers inject through names too (`a[$ne]`, `'or 1=1--=x`), ordinary names are noise.
// 1 for the bytes of a plain parameter name: [A-Za-z0-9_.\[\]-]. 256 entries, generated from that
// set, read by lib/bytes.ts allIn (plainNameBits tests the same set 16 bytes at a time).
const PLAIN_NAME = memory.data<u8>([
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
  0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1,
  0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
]);

// Bit j set when byte j of v is in PLAIN_NAME's set.
// @ts-ignore: decorator
@inline function plainNameBits(v: v128): i32 {
  // Ranges as le_u (two instructions in V8, lt_u four); '[' | 0x20 is '{', not a letter.
  let letter = i8x16.le_u(i8x16.sub(v128.or(v, splat8(0x20)), splat8(0x61)), splat8(25));
  let digit = i8x16.le_u(i8x16.sub(v, splat8(0x30)), splat8(9));
  let other = v128.or(v128.or(i8x16.eq(v, splat8(0x5F)), i8x16.eq(v, splat8(0x2E))),
    v128.or(v128.or(i8x16.eq(v, splat8(0x5B)), i8x16.eq(v, splat8(0x5D))), i8x16.eq(v, splat8(0x2D))));
  return i8x16.bitmask(v128.or(v128.or(letter, digit), other));
}

// Whether every byte of the name p[0..n) is in PLAIN_NAME's set: one block when it is shorter
// than 16 bytes (most are), its bits past n dropped.
// @ts-ignore: decorator
@inline function isPlainName(p: usize, n: i32): bool {
  if (n < 16 && canReadBlock(p)) {
    let mask = (1 << n) - 1;
    return (plainNameBits(v128.load(p)) & mask) == mask;
  }
  return allIn(p, n, PLAIN_NAME);
}

// Each pair's separator and first '=' come from one 16-byte block when the pair is shorter (most
// are); longer ones and the last bytes of the list are searched on with indexOf. Parts are
// written by address with their count in a local (PartList.endOffers): through PartList.add each
// part stored the list on the runtime's shadow stack several times (make profile).
export function splitPairs(ptr: usize, len: i32, sep: u8, trimSpaces: bool, where: i32, formEncoded: bool, out: PartList): void {
  let rows = out.rows;
  let limit = out.partLimit;
  let offered = out.count;
  // PartList.add's test of names against exclude_params: never for headers.
  let excludes = out.excludesNames && where != Where.HEADER;
  let seps = i8x16.splat(sep);
  let i = 0;
  while (i <= len) {
    let start = i;
    // end: the first separator at or after start (or len); eq: the first '=' in [start, end), or end.
    let end = len;
    let eq = len;
    if (start + 16 <= len) {
      let v = v128.load(ptr + <usize>start);
      let s = i8x16.bitmask(i8x16.eq(v, seps));
      let e = i8x16.bitmask(i8x16.eq(v, splat8(0x3D)));
      if (s != 0) {
        end = start + ctz(s);
        e &= (1 << ctz(s)) - 1;
      } else end = indexOf(ptr, start + 16, len, sep);
      eq = e != 0 ? start + ctz(e) : s != 0 ? end : indexOf(ptr, start + 16, end, 0x3D);
    } else {
      end = indexOf(ptr, start, len, sep);
      eq = indexOf(ptr, start, end, 0x3D);
    }
    i = end + 1; // past the separator
    if (trimSpaces) {
      while (start < end && load<u8>(ptr + start) == 0x20) start++;
      while (end > start && load<u8>(ptr + end - 1) == 0x20) end--;
      // A '=' is not a space, so only "none" moves: to the trimmed end.
      if (eq > end) eq = end;
    }
    if (end <= start) continue;
    let p = ptr + <usize>start;
    if (eq == end) {
      // No '=': a bare value (`?1'or'1'='1`), scored as a value without a name.
      if (offered < limit) putPart(rows, offered, where, p, 0, p, end - start, formEncoded);
      offered++;
      continue;
    }
    let nameLen = eq - start;
    // PartList.add's tests in its order: a value, then the name's exclusion, then room.
    let excluded = nameLen > 0 && excludes && out.isExcluded(p, nameLen);
    if (nameLen > 0 && !isPlainName(p, nameLen) && !excluded) {
      if (offered < limit) putPart(rows, offered, where, p, nameLen, p, nameLen, formEncoded);
      offered++;
    }
    let valLen = end - eq - 1;
    if (valLen > 0 && !excluded) {
      if (offered < limit) putPart(rows, offered, where, p, nameLen, ptr + <usize>(eq + 1), valLen, formEncoded);
      offered++;
    }
  }
  out.endOffers(offered);
}
