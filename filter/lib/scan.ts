// Finds bytes 16 at a time (wasm SIMD: compare, then one bitmask). Called by request/pairs.ts,
// lib/json.ts and decode/*.ts for the scans that ran a byte per loop turn (issue 11: each was
// 5-10 instructions a byte under callgrind). indexOf2 reads only inside the span it is given;
// canReadBlock lets a caller read past a short span's end, inside linear memory, bits masked.

// Bit j set when byte j of the 16 at p is a or b.
// @ts-ignore: decorator
@inline export function blockOf2(p: usize, a: v128, b: v128): i32 {
  let v = v128.load(p);
  return i8x16.bitmask(v128.or(i8x16.eq(v, a), i8x16.eq(v, b)));
}

// The index of the first byte in p[from..len) that is a or b (pass a twice for one byte), or len.
export function indexOf2(p: usize, from: i32, len: i32, a: u8, b: u8): i32 {
  let va = i8x16.splat(a), vb = i8x16.splat(b);
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

// Whether the 16 bytes at p lie inside linear memory, so that a span shorter than 16 bytes can be
// tested as one block, the bits past its end masked off (the bytes there are read, never used).
// Conservative at the 4 GiB limit, where the product wraps to 0.
// @ts-ignore: decorator
@inline export function canReadBlock(p: usize): bool {
  return p + 16 <= (<usize>memory.size() << 16);
}

// @ts-ignore: decorator
@inline export function indexOf(p: usize, from: i32, len: i32, a: u8): i32 {
  return indexOf2(p, from, len, a, a);
}
