// Splits name=value lists: query strings and urlencoded forms ('&'), Cookie headers ('; ').
// Called by request/request.ts (query, Cookie) and request/body.ts (forms); adds one part per value.

import { PartList, putPart } from "./parts";
import { Where } from "./where";
import { indexOf2Inline, canReadBlock } from "../lib/scan";
import { splat8 } from "../lib/splat";

// A key is scored as a part of its own only when it holds bytes a parameter name does not
// need: attackers inject through names too (`a[$ne]`, `'or 1=1--=x`), ordinary names are noise.
// 1 for the bytes of a plain parameter name: [A-Za-z0-9_.\[\]-]. 256 entries, generated from that
// set, read by isPlainName where a block cannot be read (plainNameBits tests the same set 16
// bytes at a time).
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
// than 16 bytes (most are), its bits past n dropped; longer ones a block at a time, the last
// block overlapping the one before. No call (see splitPairs).
// @ts-ignore: decorator
@inline export function isPlainName(p: usize, n: i32): bool {
  let plain = true;
  if (n < 16) {
    if (canReadBlock(p)) {
      let mask = (1 << n) - 1;
      plain = (plainNameBits(v128.load(p)) & mask) == mask;
    } else {
      for (let i = 0; i < n; i++) if (load<u8>(PLAIN_NAME + <usize>load<u8>(p + <usize>i)) == 0) { plain = false; break; }
    }
  } else {
    for (let i = 0; ; i += 16) {
      let at = min(i, n - 16);
      if (plainNameBits(v128.load(p + <usize>at)) != 0xFFFF) { plain = false; break; }
      if (at + 16 >= n) break;
    }
  }
  return plain;
}

// Whether a name that is not a plain name is one but for its brackets, percent-encoded
// (`contact%5Bfirst_name%5D`: browsers send a Rails or PHP form's names so). Such a name is no
// payload cut at its '=', and a text of the whole pair for every field of such a form cost 6% of
// the 128 KiB form bench body's instructions (make profile). Inlined: the pair loop makes no call.
// @ts-ignore: decorator
@inline function onlyEncodedBrackets(p: usize, n: i32): bool {
  for (let i = 0; i < n; i++) {
    let c = load<u8>(p + <usize>i);
    if (load<u8>(PLAIN_NAME + <usize>c) != 0) continue;
    if (c != 0x25 || i + 2 >= n || load<u8>(p + <usize>(i + 1)) != 0x35) return false; // "%5"
    let d = load<u8>(p + <usize>(i + 2)) | 0x20;
    if (d != 0x62 && d != 0x64) return false; // 'B', 'D' in either case
    i += 2;
  }
  return true;
}

// The shortest plain name whose pair offerLeftPair reads as a base64 token padded with '=': a token
// that short holds no serialized object, and short names with an empty value are a form's blank fields.
const MIN_PADDED_TOKEN = 16;

// Each pair's separator and first '=' come from one 16-byte block when the pair is shorter (most
// are); longer ones and the last bytes of the list are searched on (lib/scan.ts indexOf2Inline).
// Parts are written by address, counting the parts offered (PartList.endOffers): through
// PartList.add each part stored the list on the runtime's shadow stack several times (make
// profile). The pair loop makes no call: a named pair when exclude_params has names leaves it
// for the code after it, which tests the name and goes back. V8 spills every value live across a
// call, and a call anywhere in the loop had it store its state at every pair.
// Offers a named pair's parts, in PartList.add's order of tests (a value, then room): its name
// when that is not a plain name, and then the whole pair too (a payload's own '=' cut it:
// `#set($x=7*7)$x`, `<%= 7*7 %>` in a text/plain body, which is split as a form), then its value
// when there is one; returns the count offered.
// @ts-ignore: decorator
@inline function offerPair(rows: usize, offered: i32, limit: i32, where: i32, p: usize, nameLen: i32, valPtr: usize, valLen: i32, formEncoded: bool): i32 {
  if (nameLen > 0 && !isPlainName(p, nameLen)) {
    if (offered < limit) putPart(rows, offered, where, p, nameLen, p, nameLen, formEncoded);
    offered++;
    if (valLen > 0 && !onlyEncodedBrackets(p, nameLen)) {
      if (offered < limit) putPart(rows, offered, where, p, nameLen, p, nameLen + 1 + valLen, formEncoded);
      offered++;
    }
  }
  if (valLen > 0) {
    if (offered < limit) putPart(rows, offered, where, p, nameLen, valPtr, valLen, formEncoded);
    offered++;
  }
  return offered;
}

// Offers the pair p[0..len) whose '=' is at nameLen that left splitPairs' loop, as offerPair does,
// unless exclude_params names it; returns the count offered. Out of the loop, which makes no call.
function offerLeftPair(out: PartList, offered: i32, excludes: bool, where: i32, p: usize, nameLen: i32, len: i32, formEncoded: bool): i32 {
  if (excludes && out.isExcluded(p, nameLen)) return offered;
  let tail = len - nameLen;
  if (nameLen >= MIN_PADDED_TOKEN && <u32>(tail - 1) <= 1 && (tail == 1 || load<u8>(p + <usize>nameLen + 1) == 0x3D) && isPlainName(p, nameLen)) {
    if (offered < out.partLimit) putPart(out.rows, offered, where, p, 0, p, len, formEncoded);
    return offered + 1;
  }
  return offerPair(out.rows, offered, out.partLimit, where, p, nameLen, p + <usize>(nameLen + 1), tail - 1, formEncoded);
}

export function splitPairs(ptr: usize, len: i32, sep: u8, trimSpaces: bool, where: i32, formEncoded: bool, out: PartList): void {
  let rows = out.rows;
  let limit = out.partLimit;
  let offered = out.count;
  // PartList.add's test of names against exclude_params: never for headers.
  let excludes = out.excludesNames && where != Where.HEADER;
  let seps = splat8(sep);
  let i = 0;
  while (true) {
    // The pair that left the loop: its start, '=' and end.
    let start = 0, eq = 0, end = 0;
    let pending = false;
    while (i <= len) {
      start = i;
      // end: the first separator at or after start (or len); eq: the first '=' in [start, end), or end.
      if (start + 16 <= len) {
        let v = v128.load(ptr + <usize>start);
        let s = i8x16.bitmask(i8x16.eq(v, seps));
        let e = i8x16.bitmask(i8x16.eq(v, splat8(0x3D)));
        if (s != 0) {
          end = start + ctz(s);
          e &= (1 << ctz(s)) - 1;
        } else end = indexOf2Inline(ptr, start + 16, len, sep, sep);
        eq = e != 0 ? start + ctz(e) : s != 0 ? end : indexOf2Inline(ptr, start + 16, end, 0x3D, 0x3D);
      } else {
        end = indexOf2Inline(ptr, start, len, sep, sep);
        eq = indexOf2Inline(ptr, start, end, 0x3D, 0x3D);
      }
      i = end + 1; // past the separator
      if (trimSpaces) {
        while (start < end && load<u8>(ptr + <usize>start) == 0x20) start++;
        while (end > start && load<u8>(ptr + <usize>(end - 1)) == 0x20) end--;
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
      if ((excludes && nameLen > 0) || (end - eq <= 2 && nameLen >= MIN_PADDED_TOKEN)) { pending = true; break; }
      offered = offerPair(rows, offered, limit, where, p, nameLen, ptr + <usize>(eq + 1), end - eq - 1, formEncoded);
    }
    if (!pending) break;
    // The named pair that left the loop, as there, with its name tested against exclude_params; and a
    // long plain name with no value but '=' is a base64 token's padding (`rO0ABXNy…==`: a Java
    // serialized object, in a query or a text/plain body sniffed as a form), the whole token a bare
    // value, as it is without the padding.
    offered = offerLeftPair(out, offered, excludes, where, ptr + <usize>start, eq - start, end - start, formEncoded);
  }
  out.endOffers(offered);
}
