// Splits name=value lists: query strings and urlencoded forms ('&'), Cookie headers ('; ').
// Called by request/request.ts (query, Cookie) and request/body.ts (forms); adds one part per value.

import { PartList } from "./parts";
import { indexOf } from "../lib/scan";
import { allIn } from "../lib/bytes";

// A key is scored as a part of its own only when it holds bytes a parameter name does not
// need: attackers inject through names too (`a[$ne]`, `'or 1=1--=x`), ordinary names are noise.
// 1 for the bytes of a plain parameter name: [A-Za-z0-9_.\[\]-]. 256 entries, generated from that
// set, read by lib/bytes.ts allIn.
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

export function splitPairs(ptr: usize, len: i32, sep: u8, trimSpaces: bool, where: i32, formEncoded: bool, out: PartList): void {
  let i = 0;
  while (i <= len) {
    let start = i;
    i = indexOf(ptr, i, len, sep);
    let end = i;
    i++; // past the separator
    if (trimSpaces) {
      while (start < end && load<u8>(ptr + start) == 0x20) start++;
      while (end > start && load<u8>(ptr + end - 1) == 0x20) end--;
    }
    if (end <= start) continue;
    let eq = indexOf(ptr, start, end, 0x3D);
    if (eq == end) {
      // No '=': a bare value (`?1'or'1'='1`), scored as a value without a name.
      out.add(where, ptr + start, 0, ptr + start, end - start, formEncoded);
      continue;
    }
    let nameLen = eq - start;
    if (nameLen > 0 && !allIn(ptr + start, nameLen, PLAIN_NAME)) {
      out.add(where, ptr + start, nameLen, ptr + start, nameLen, formEncoded);
    }
    if (end - eq - 1 > 0) out.add(where, ptr + start, nameLen, ptr + eq + 1, end - eq - 1, formEncoded);
  }
}
