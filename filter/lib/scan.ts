// Finds bytes 16 at a time (wasm SIMD: compare, then one bitmask). Called by request/pairs.ts,
// lib/json.ts and decode/*.ts for the scans that ran a byte per loop turn (issue 11: each was
// 5-10 instructions a byte under callgrind). indexOf2 reads only inside the span it is given;
// canReadBlock lets a caller read past a short span's end, inside linear memory, bits masked
// (keepFirst zeroes the lanes past it);
// storePrefix writes a block's first bytes only.

import { splat8 } from "./splat";

// Each byte b of v classified by its nibbles: lo[b & 15] & hi[b >> 4]. Two table lookups
// (i8x16.swizzle) for any set of bytes, or up to 8 sets a bit each (core/payloads.ts TRIGGER_LO),
// where range tests and one compare per member took about twice the instructions.
// @ts-ignore: decorator
@inline export function nibbleClasses(v: v128, lo: v128, hi: v128): v128 {
  let l = v128.and(v, splat8(0x0F));
  let h = v128.and(i16x8.shr_u(v, 4), splat8(0x0F));
  return v128.and(i8x16.swizzle(lo, l), i8x16.swizzle(hi, h));
}

// Bit j set when byte j of v is in a set given by its nibbles (nibbleClasses not 0; decode/texts.ts
// PLAIN_NIBBLES, decode/normalize.ts TRIGGER_NIBBLES).
// @ts-ignore: decorator
@inline export function nibbleSetBits(v: v128, lo: v128, hi: v128): i32 {
  return ~i8x16.bitmask(i8x16.eq(nibbleClasses(v, lo, hi), i8x16.splat(0))) & 0xFFFF;
}

// Bit j set when byte j of the 16 at p is a or b.
// @ts-ignore: decorator
@inline export function blockOf2(p: usize, a: v128, b: v128): i32 {
  let v = v128.load(p);
  return i8x16.bitmask(v128.or(i8x16.eq(v, a), i8x16.eq(v, b)));
}

// The index of the first byte in p[from..len) that is a or b (pass a twice for one byte), or len.
export function indexOf2(p: usize, from: i32, len: i32, a: u8, b: u8): i32 {
  return indexOf2Inline(p, from, len, a, b);
}

// indexOf2, inlined: for a loop that makes no other call (V8 spills every value live across a
// call, and one call in a loop had the loop store its state at every turn: request/jsonbody.ts).
// @ts-ignore: decorator
@inline export function indexOf2Inline(p: usize, from: i32, len: i32, a: u8, b: u8): i32 {
  let va = splat8(a), vb = splat8(b);
  let i = from;
  while (i + 16 <= len) {
    let m = blockOf2(p + <usize>i, va, vb);
    if (m != 0) return i + ctz(m);
    i += 16;
  }
  if (i >= len) return len;
  if (len >= 16) {
    // The last 16 bytes of the span, which overlap bytes already seen: drop their bits.
    let m = blockOf2(p + <usize>(len - 16), va, vb) >> (16 - (len - i));
    return m != 0 ? i + ctz(m) : len;
  }
  for (; i < len; i++) {
    let c = load<u8>(p + <usize>i);
    if (c == a || c == b) return i;
  }
  return len;
}

// v with its lanes from k (0..16) on zeroed: a short span read as one block keeps its own bytes.
// @ts-ignore: decorator
@inline export function keepFirst(v: v128, k: i32): v128 {
  return v128.and(v, v128.load(FIRST_BYTES + <usize>(16 - k)));
}

// 16 lanes of 0xFF, then 16 of 0: the 16 bytes at FIRST_BYTES + 16 - k keep a block's first k bytes.
const FIRST_BYTES = memory.data<u8>([
  255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
]);

// Whether the 16 bytes at p lie inside linear memory, so that a span shorter than 16 bytes can be
// tested as one block, the bits past its end masked off (the bytes there are read, never used).
// Conservative at the 4 GiB limit, where the product wraps to 0.
// @ts-ignore: decorator
@inline export function canReadBlock(p: usize): bool {
  return p + 16 <= (<usize>memory.size() << 16);
}

// Writes the first k (0..15) bytes of v at p, 8, 4, 2 and 1 at a time, and nothing past them: for
// the decoders' last block of a span, and in place, where bytes past those k are not read yet.
// @ts-ignore: decorator
@inline export function storePrefix(p: usize, v: v128, k: i32): void {
  let x = i64x2.extract_lane(v, 0);
  if (k >= 8) { store<u64>(p, x); p += 8; x = i64x2.extract_lane(v, 1); }
  if (k & 4) { store<u32>(p, <u32>x); p += 4; x >>= 32; }
  if (k & 2) { store<u16>(p, <u16>x); p += 2; x >>= 16; }
  if (k & 1) store<u8>(p, <u8>x);
}

// @ts-ignore: decorator
@inline export function indexOf(p: usize, from: i32, len: i32, a: u8): i32 {
  return indexOf2(p, from, len, a, a);
}
