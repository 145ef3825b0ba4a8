// Hashed features of one decoded window of text: character 3/4/5-grams of its shape,
// word and punctuation tokens and token bigrams, decoder flags and a length bucket.
// Called by core/scorer.ts for every window; models/ reads the same hashes through core.wasm.
//
// Feature spec version 1 (bump FEATURE_SPEC_VERSION with any change; golden vectors pin it):
//   shape: ASCII lower-cased, digits -> '0', whitespace runs -> one ' ', other controls -> 0x01,
//          each run of non-ASCII bytes -> one 0x80; framed by 0x02 ... 0x02;
//   n-grams of the shape for n = 3, 4, 5: finalize(fnv1a(bytes) + n);
//   tokens: runs of [a-z0-9_\x80] (hashed up to 24 bytes) and single punctuation bytes:
//          finalize(fnv1a(TOKEN_SEED, bytes)) and mix2(previous token, token);
//   flags: finalize(FLAG_SEED + bit) per decode flag; length: finalize(LEN_SEED + log2(len)).

import { FNV_OFFSET, fnvByte, finalize, mix2 } from "./hash";
import { FLAG_COUNT } from "../decode/flags";

export const FEATURE_SPEC_VERSION: u16 = 1;
export const WINDOW_BYTES = 1024;
export const WINDOW_STEP = 896; // windows overlap by 128 bytes, so no short payload is cut in two
export const MAX_FEATURES = 3 * (WINDOW_BYTES + 2) + 2 * WINDOW_BYTES + FLAG_COUNT + 1;

const TOKEN_SEED: u32 = 0x2545F491;
const FLAG_SEED: u32 = 0x6A09E667;
const LEN_SEED: u32 = 0x3C6EF372;
const MAX_TOKEN_HASH_BYTES = 24;

// The shape of the current window; 2 bytes of frame.
const shapeBuf = new StaticArray<u8>(WINDOW_BYTES + 2);

// Writes feature hashes (masked to bucket indexes) to out (u32s) and returns their count.
export function extractFeatures(p: usize, len: i32, flags: u32, out: usize, mask: u32): i32 {
  if (len > WINDOW_BYTES) len = WINDOW_BYTES;
  let s = changetype<usize>(shapeBuf);
  let m = shape(p, len, s);
  let n = 0;

  // Character n-grams: one FNV pass per start position, emitting at lengths 3, 4 and 5.
  for (let i = 0; i + 3 <= m; i++) {
    let h = FNV_OFFSET;
    h = fnvByte(h, load<u8>(s + i));
    h = fnvByte(h, load<u8>(s + i + 1));
    h = fnvByte(h, load<u8>(s + i + 2));
    store<u32>(out + (<usize>n << 2), finalize(h + 3) & mask); n++;
    if (i + 4 > m) continue;
    h = fnvByte(h, load<u8>(s + i + 3));
    store<u32>(out + (<usize>n << 2), finalize(h + 4) & mask); n++;
    if (i + 5 > m) continue;
    h = fnvByte(h, load<u8>(s + i + 4));
    store<u32>(out + (<usize>n << 2), finalize(h + 5) & mask); n++;
  }

  // Tokens and token bigrams, on the shape without its frame.
  let prev: u32 = 0;
  let i = 1;
  let end = m - 1;
  while (i < end) {
    let c = <u32>load<u8>(s + i);
    if (c == 0x20) { i++; continue; }
    let h = fnvByte(TOKEN_SEED, c);
    i++;
    if (isWordByte(c)) {
      let k = 1;
      while (i < end && isWordByte(<u32>load<u8>(s + i))) {
        if (k < MAX_TOKEN_HASH_BYTES) h = fnvByte(h, load<u8>(s + i));
        k++; i++;
      }
    }
    let t = finalize(h);
    store<u32>(out + (<usize>n << 2), t & mask); n++;
    if (prev != 0) { store<u32>(out + (<usize>n << 2), mix2(prev, t) & mask); n++; }
    prev = t;
  }

  for (let b = 0; b < FLAG_COUNT; b++) {
    if ((flags >> b) & 1) { store<u32>(out + (<usize>n << 2), finalize(FLAG_SEED + <u32>b) & mask); n++; }
  }
  store<u32>(out + (<usize>n << 2), finalize(LEN_SEED + (32 - clz<u32>(<u32>len))) & mask); n++;
  return n;
}

// @ts-ignore: decorator
@inline function isWordByte(c: u32): bool {
  return c - 0x61 < 26 || c == 0x30 || c == 0x5F || c == 0x80;
}

// Writes the framed shape of p[0..len) to s and returns its length (at most len + 2).
function shape(p: usize, len: i32, s: usize): i32 {
  store<u8>(s, 0x02);
  let o = 1;
  let last: u32 = 0x02;
  for (let i = 0; i < len; i++) {
    let c = <u32>load<u8>(p + i);
    let v: u32;
    if (c - 0x41 < 26) v = c | 0x20;
    else if (c - 0x30 < 10) v = 0x30;
    else if (c == 0x20 || c - 0x09 < 5) v = 0x20;  // \t \n \v \f \r
    else if (c < 0x20 || c == 0x7F) v = 0x01;
    else if (c >= 0x80) v = 0x80;
    else v = c;
    if ((v == 0x20 || v == 0x80) && v == last) continue;
    store<u8>(s + o, <u8>v);
    o++;
    last = v;
  }
  store<u8>(s + o, 0x02);
  return o + 1;
}
