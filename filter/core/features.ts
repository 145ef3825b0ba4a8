// Hashed features of one decoded window of text: character 3/4/5-grams of its shape,
// word and punctuation tokens and token bigrams, decoder flags and a length bucket.
// Called by core/score.ts and core/collect.ts for every window; models/ reads the same hashes through core.wasm.
//
// Feature spec version 7 (bump FEATURE_SPEC_VERSION with any change; golden vectors pin it). v7
// is v6's over text with the 4- to 6-byte overlong forms folded too (decode/normalize.ts), and over
// one more part for a path whose odd segments are not its last: the path from the first of them on
// (request/request.ts), and over the base64 decoding of a piece after a cut run (decode/texts.ts). v6
// is v5's features over more texts: a path's odd segments (request/request.ts) and the text after
// each cut run (decode/texts.ts). v5 is v4's over text decoded with overlong and full-width forms
// folded each round and runs of one byte capped at 4 (decode/normalize.ts, decode/texts.ts):
//   shape: ASCII lower-cased, digits -> '0', whitespace runs -> one ' ', other controls -> 0x01,
//          each run of non-ASCII bytes -> one 0x80; framed by 0x02 ... 0x02;
//   n-grams of the shape for n = 3, 4, 5: fnv1a(bytes) ^ n;
//   tokens: runs of [a-z0-9_\x80] (hashed up to 24 bytes) and single punctuation bytes:
//          finalize(fnv1a(TOKEN_SEED, bytes)) and mix2(previous token, token); tokens of at
//          most 3 bytes hash their digits as they are (127, 169, 254, 10: addresses matter to
//          SSRF), longer ones the folded shape (IDs and timestamps would only add noise);
//   flags: finalize(FLAG_SEED + bit) per decode flag; length: finalize(LEN_SEED + log2(len));
//   bucket of a 32-bit feature hash h: (h * 0x9E3779B1) >> (32 - bucket bits), the high bits
//   of a multiplicative hash (one multiply, where a finaliser per n-gram cost twice as much).

import { FNV_OFFSET, FNV_PRIME, fnvByte, finalize, mix2 } from "./hash";
import { FLAG_COUNT } from "../decode/flags";
import { splat8 } from "../lib/splat";
import { canReadBlock } from "../lib/scan";

export const FEATURE_SPEC_VERSION: u16 = 7;
// Windows of 256 bytes, overlapping by 64 so that no payload of up to 64 bytes is cut in two.
// The bag of features is a mean: in a 1 KiB window, a payload behind ~1 KB of prose in the same
// value was averaged away (a known evasion of such models); in 256 bytes it keeps a share.
export const WINDOW_BYTES = 256;
export const WINDOW_STEP = 192;
export const MAX_FEATURES = 3 * (WINDOW_BYTES + 2) + 2 * WINDOW_BYTES + FLAG_COUNT + 1;

const TOKEN_SEED: u32 = 0x2545F491;
const FLAG_SEED: u32 = 0x6A09E667;
const LEN_SEED: u32 = 0x3C6EF372;
const MAX_TOKEN_HASH_BYTES = 24;
const RAW_DIGIT_TOKEN_BYTES = 3;

// The shape of the current window (2 bytes of frame), and where each shape byte starts in
// the text, so that explanations can point at the text a feature came from.
// Both have 16 entries to spare: shape() writes its last partial block whole.
const shapeBuf = new StaticArray<u8>(WINDOW_BYTES + 2 + 16);
const shapePos = new StaticArray<u16>(WINDOW_BYTES + 3 + 16);

// @ts-ignore: decorator
@inline export function bucketOf(h: u32, shift: u32): u32 {
  return (h * 0x9E3779B1) >> shift;
}

// A feature as the fast path writes it: the address of its embedding row, rows + bucket * 32,
// so that core/model.ts forward() reads the row without a shift and an add per feature (for
// buckets, rows = 0 and a last pass divides by 32).
// @ts-ignore: decorator
@inline function rowOf(h: u32, shift: u32, rows: u32): u32 {
  return (((h * 0x9E3779B1) >> shift) << 5) + rows;
}

// `rows` for the n-gram loop, as a vector it loads (V8 rebuilds a splat of a local at each use).
const ROWS_SPLAT = memory.data<u32>([0, 0, 0, 0], 16);

// Writes bucket indexes (feature hashes reduced to 32 - shift bits) to out (u32s) and returns
// their count; with rows != 0 (an embedding of 32 int8 per bucket), the addresses of their
// embedding rows instead (rowOf).
// With spans != 0, also writes each feature's text span as u32 (start << 16 | length); the
// flag and length features have no span (0). Spans come with buckets only.
export function extractFeatures(p: usize, len: i32, flags: u32, out: usize, shift: u32, spans: usize = 0, rows: usize = 0): i32 {
  if (len > WINDOW_BYTES) len = WINDOW_BYTES;
  let s = changetype<usize>(shapeBuf);
  let m = shape(p, len, s);
  let n = 0;
  if (spans != 0) return extractWithSpans(p, s, m, len, flags, out, shift, spans);
  let rbase = <u32>rows;

  // Character n-grams: one FNV pass per start position, emitting at lengths 3, 4 and 5.
  // Four start positions a step while all four have a 5-gram: each lane runs the scalar loop's
  // FNV chain (the same 32-bit products), and the three bucket vectors are interleaved back
  // into its order (3-, 4-, 5-gram of i, then of i + 1, ...). About a quarter of the scalar
  // loop's instructions (make profile); the scalar loop does the last positions.
  // The vector constants are loaded once (NGRAM_CONSTS): V8 rebuilds a constant splat at each
  // use inside the loop (three instructions each, eight uses a turn), a loaded value it keeps.
  let i = 0;
  let zero = i8x16.splat(0);
  let offset = v128.load(NGRAM_CONSTS);
  let prime = v128.load(NGRAM_CONSTS, 16);
  let gold = v128.load(NGRAM_CONSTS, 32);
  let n3 = v128.load(NGRAM_CONSTS, 48), n4 = v128.load(NGRAM_CONSTS, 64), n5 = v128.load(NGRAM_CONSTS, 80);
  v128.store(ROWS_SPLAT, i32x4.splat(rbase));
  let basev = v128.load(ROWS_SPLAT);
  for (; i + 8 <= m; i += 4) {
    let b = v128.load64_zero(s + <usize>i);
    let h = offset;
    // Lane k gets shape byte i + k + j, zero-extended (index 16 is a zero byte of `zero`).
    h = i32x4.mul(v128.xor(h, i8x16.shuffle(b, zero, 0, 16, 16, 16, 1, 16, 16, 16, 2, 16, 16, 16, 3, 16, 16, 16)), prime);
    h = i32x4.mul(v128.xor(h, i8x16.shuffle(b, zero, 1, 16, 16, 16, 2, 16, 16, 16, 3, 16, 16, 16, 4, 16, 16, 16)), prime);
    h = i32x4.mul(v128.xor(h, i8x16.shuffle(b, zero, 2, 16, 16, 16, 3, 16, 16, 16, 4, 16, 16, 16, 5, 16, 16, 16)), prime);
    let g3 = i32x4.add(i32x4.shl(i32x4.shr_u(i32x4.mul(v128.xor(h, n3), gold), shift), 5), basev);
    h = i32x4.mul(v128.xor(h, i8x16.shuffle(b, zero, 3, 16, 16, 16, 4, 16, 16, 16, 5, 16, 16, 16, 6, 16, 16, 16)), prime);
    let g4 = i32x4.add(i32x4.shl(i32x4.shr_u(i32x4.mul(v128.xor(h, n4), gold), shift), 5), basev);
    h = i32x4.mul(v128.xor(h, i8x16.shuffle(b, zero, 4, 16, 16, 16, 5, 16, 16, 16, 6, 16, 16, 16, 7, 16, 16, 16)), prime);
    let g5 = i32x4.add(i32x4.shl(i32x4.shr_u(i32x4.mul(v128.xor(h, n5), gold), shift), 5), basev);
    // g3 = a0..a3, g4 = b0..b3, g5 = c0..c3 -> a0 b0 c0 a1 | b1 c1 a2 b2 | c2 a3 b3 c3.
    let o = out + (<usize>n << 2);
    v128.store(o, i32x4.shuffle(i32x4.shuffle(g3, g4, 0, 4, 1, 5), g5, 0, 1, 4, 2));
    v128.store(o, i32x4.shuffle(i32x4.shuffle(g3, g4, 2, 5, 6, 3), g5, 1, 5, 0, 2), 16);
    v128.store(o, i32x4.shuffle(g5, i32x4.shuffle(g3, g4, 3, 7, 0, 0), 2, 4, 5, 3), 32);
    n += 12;
  }
  for (; i + 3 <= m; i++) {
    let h = FNV_OFFSET;
    h = fnvByte(h, load<u8>(s + i));
    h = fnvByte(h, load<u8>(s + i + 1));
    h = fnvByte(h, load<u8>(s + i + 2));
    store<u32>(out + (<usize>n << 2), rowOf(h ^ 3, shift, rbase)); n++;
    if (i + 4 > m) continue;
    h = fnvByte(h, load<u8>(s + i + 3));
    store<u32>(out + (<usize>n << 2), rowOf(h ^ 4, shift, rbase)); n++;
    if (i + 5 > m) continue;
    h = fnvByte(h, load<u8>(s + i + 4));
    store<u32>(out + (<usize>n << 2), rowOf(h ^ 5, shift, rbase)); n++;
  }

  // Tokens and token bigrams, on the shape without its frame.
  let prev: u32 = 0;
  i = 1;
  let end = m - 1;
  while (i < end) {
    let c = <u32>load<u8>(s + i);
    if (c == 0x20) { i++; continue; }
    let t = tokenHash(p, s, i, end);
    i = tokenEnd;
    store<u32>(out + (<usize>n << 2), rowOf(t, shift, rbase)); n++;
    if (prev != 0) { store<u32>(out + (<usize>n << 2), rowOf(mix2(prev, t), shift, rbase)); n++; }
    prev = t;
  }

  n += extractGlobal(flags, len, out + (<usize>n << 2), shift, rbase);
  if (rows == 0) for (let j = 0; j < n; j++) store<u32>(out + (<usize>j << 2), load<u32>(out + (<usize>j << 2)) >> 5);
  return n;
}

// The n-gram loop's vector constants: FNV offset, FNV prime, the bucket multiplier, n = 3, 4, 5.
const NGRAM_CONSTS = memory.data<u32>([
  FNV_OFFSET, FNV_OFFSET, FNV_OFFSET, FNV_OFFSET, FNV_PRIME, FNV_PRIME, FNV_PRIME, FNV_PRIME,
  0x9E3779B1, 0x9E3779B1, 0x9E3779B1, 0x9E3779B1, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5,
], 16);

// The features that belong to the whole window: decode flags and the length bucket, as rowOf
// writes them, or as buckets with buckets set.
function extractGlobal(flags: u32, len: i32, out: usize, shift: u32, rows: u32, buckets: bool = false): i32 {
  let n = 0;
  // The set bits only, lowest first (most windows have none; the loop over every bit cost each
  // window its nine turns).
  let bits = flags & ((1 << FLAG_COUNT) - 1);
  while (bits != 0) {
    let b = ctz(bits);
    bits &= bits - 1;
    let h = finalize(FLAG_SEED + b);
    store<u32>(out + (<usize>n << 2), buckets ? bucketOf(h, shift) : rowOf(h, shift, rows)); n++;
  }
  let h = finalize(LEN_SEED + (32 - clz<u32>(<u32>len)));
  store<u32>(out + (<usize>n << 2), buckets ? bucketOf(h, shift) : rowOf(h, shift, rows)); n++;
  return n;
}

// Where the token that tokenHash read ends (shape index); a module global so that the hot
// loop gets two results without allocating.
let tokenEnd = 0;

// The hash of the token at shape index i: a word run or one punctuation byte (see the spec).
// A word's bytes go in three phases (the raw and the folded hash up to RAW_DIGIT_TOKEN_BYTES,
// the folded one up to MAX_TOKEN_HASH_BYTES, then only to the word's end), so that no byte pays
// the other phases' tests. No bound test either: the shape's closing frame (0x02, at `end`) is
// not a word byte and stops every run.
// @ts-ignore: decorator
@inline function tokenHash(p: usize, s: usize, i: i32, end: i32): u32 {
  let pos = changetype<usize>(shapePos);
  let c = <u32>load<u8>(s + i);
  let h = fnvByte(TOKEN_SEED, c);
  if (!isWordByte(c)) { tokenEnd = i + 1; return finalize(h); } // punctuation: raw is h
  let raw = fnvByte(TOKEN_SEED, c == 0x30 ? <u32>load<u8>(p + <usize>load<u16>(pos + (<usize>i << 1))) : c);
  let j = i + 1;
  let rawEnd = i + RAW_DIGIT_TOKEN_BYTES;
  for (; j < rawEnd; j++) {
    let b = <u32>load<u8>(s + j);
    if (!isWordByte(b)) { tokenEnd = j; return finalize(raw); }
    h = fnvByte(h, b);
    raw = fnvByte(raw, b == 0x30 ? <u32>load<u8>(p + <usize>load<u16>(pos + (<usize>j << 1))) : b);
  }
  if (!isWordByte(<u32>load<u8>(s + j))) { tokenEnd = j; return finalize(raw); }
  let hashEnd = i + MAX_TOKEN_HASH_BYTES;
  for (; j < hashEnd; j++) {
    let b = <u32>load<u8>(s + j);
    if (!isWordByte(b)) { tokenEnd = j; return finalize(h); }
    h = fnvByte(h, b);
  }
  while (isWordByte(<u32>load<u8>(s + j))) j++;
  tokenEnd = j;
  return finalize(h);
}

// @ts-ignore: decorator
@inline function span(from: i32, to: i32): u32 {
  let a = <u32>load<u16>(changetype<usize>(shapePos) + (<usize>from << 1));
  let b = <u32>load<u16>(changetype<usize>(shapePos) + (<usize>to << 1));
  return (a << 16) | (b > a ? b - a : 0);
}

// The same features in the same order as the fast path above, plus their text spans; only
// explanations call it, for one window of a flagged request. Kept beside the fast path so a
// change to one shows in the other: test/unit/golden.test.ts checks that both give the same.
function extractWithSpans(p: usize, s: usize, m: i32, len: i32, flags: u32, out: usize, shift: u32, spans: usize): i32 {
  let n = 0;
  for (let i = 0; i + 3 <= m; i++) {
    let h = FNV_OFFSET;
    h = fnvByte(h, load<u8>(s + i));
    h = fnvByte(h, load<u8>(s + i + 1));
    h = fnvByte(h, load<u8>(s + i + 2));
    for (let k = 3; k <= 5 && i + k <= m; k++) {
      if (k > 3) h = fnvByte(h, load<u8>(s + i + k - 1));
      store<u32>(out + (<usize>n << 2), bucketOf(h ^ <u32>k, shift));
      store<u32>(spans + (<usize>n << 2), span(i, i + k));
      n++;
    }
  }
  let prev: u32 = 0;
  let prevStart = 0;
  let i = 1;
  let end = m - 1;
  while (i < end) {
    let c = <u32>load<u8>(s + i);
    if (c == 0x20) { i++; continue; }
    let start = i;
    let t = tokenHash(p, s, i, end);
    i = tokenEnd;
    store<u32>(out + (<usize>n << 2), bucketOf(t, shift));
    store<u32>(spans + (<usize>n << 2), span(start, i));
    n++;
    if (prev != 0) {
      store<u32>(out + (<usize>n << 2), bucketOf(mix2(prev, t), shift));
      store<u32>(spans + (<usize>n << 2), span(prevStart, i));
      n++;
    }
    prev = t;
    prevStart = start;
  }
  let g = extractGlobal(flags, len, out + (<usize>n << 2), shift, 0, true);
  for (let j = 0; j < g; j++) store<u32>(spans + (<usize>(n + j) << 2), 0);
  return n + g;
}

// 1 for the shape bytes tokens are made of: [a-z], '0', '_' and 0x80 (a run of non-ASCII).
const WORD = memory.data<u8>([
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
  1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
]);

// @ts-ignore: decorator
@inline function isWordByte(c: u32): bool {
  return load<u8>(WORD + <usize>c) != 0;
}

// The shape byte of each text byte (see the spec above); a table, because the chain of range
// tests it replaced mispredicted on mixed text.
const SHAPE = memory.data<u8>([
  0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x20, 0x20, 0x20, 0x20, 0x20, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01,
  0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2A, 0x2B, 0x2C, 0x2D, 0x2E, 0x2F, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x3A, 0x3B, 0x3C, 0x3D, 0x3E, 0x3F,
  0x40, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F, 0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7A, 0x5B, 0x5C, 0x5D, 0x5E, 0x5F,
  0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F, 0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7A, 0x7B, 0x7C, 0x7D, 0x7E, 0x01,
  0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
  0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
  0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
  0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
]);

const LANE_INDEX = i16x8(0, 1, 2, 3, 4, 5, 6, 7);

// SHAPE for 16 bytes at once: >= 0x80 -> 0x80; 0x09-0x0D -> ' '; other controls and 0x7F ->
// 0x01; 'A'-'Z' lower-cased; '0'-'9' -> '0'; the rest as they are (the table, range by range).
// Constants as splat8 loads and ranges as le_u (V8: two instructions, lt_u four).
// @ts-ignore: decorator
@inline function shapeBlock(v: v128): v128 {
  let upper = i8x16.le_u(i8x16.sub(v, splat8(0x41)), splat8(25));
  let digit = i8x16.le_u(i8x16.sub(v, splat8(0x30)), splat8(9));
  let control = v128.or(i8x16.le_u(v, splat8(0x1F)), i8x16.eq(v, splat8(0x7F)));
  let space = i8x16.le_u(i8x16.sub(v, splat8(0x09)), splat8(4));
  let r = v128.bitselect(v128.or(v, splat8(0x20)), v, upper);
  r = v128.bitselect(splat8(0x30), r, digit);
  r = v128.bitselect(v128.bitselect(splat8(0x20), splat8(0x01), space), r, control);
  return v128.bitselect(splat8(0x80), r, i8x16.lt_s(v, i8x16.splat(0)));
}

// Writes the framed shape of p[0..len) to s and returns its length (at most len + 2).
function shape(p: usize, len: i32, s: usize): i32 {
  let pos = changetype<usize>(shapePos);
  store<u8>(s, 0x02);
  store<u16>(pos, 0);
  let o = 1;
  let last: u32 = 0x02;
  let i = 0;
  // 16 bytes a step where no two neighbours make a run of ' ' or 0x80 (most text): the shape
  // bytes go out as one vector and their positions as i..i+15. A block with a run goes byte
  // by byte below. shapePos has room: o + 16 <= len + 1 <= WINDOW_BYTES + 1.
  for (; i + 16 <= len; i += 16) {
    let v = shapeBlock(v128.load(p + <usize>i));
    // prev lane j: the shape byte before byte i + j (`last` before lane 0).
    let prev = i8x16.shuffle(i8x16.splat(<i8>last), v, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30);
    let runs = v128.and(i8x16.eq(v, prev), v128.or(i8x16.eq(v, splat8(0x20)), i8x16.eq(v, splat8(0x80))));
    if (v128.any_true(runs)) {
      for (let j = i, e = i + 16; j < e; j++) {
        let c = <u32>load<u8>(SHAPE + <usize>load<u8>(p + j));
        store<u8>(s + o, <u8>c);
        store<u16>(pos + (<usize>o << 1), <u16>j);
        o += 1 - <i32>(c == last && (c == 0x20 || c == 0x80));
        last = c;
      }
      continue;
    }
    v128.store(s + o, v);
    let q = pos + (<usize>o << 1);
    v128.store(q, i16x8.add(i16x8.splat(<i16>i), LANE_INDEX));
    v128.store(q, i16x8.add(i16x8.splat(<i16>(i + 8)), LANE_INDEX), 16);
    o += 16;
    last = <u32>i8x16.extract_lane_u(v, 15);
  }
  // The last r < 16 bytes as one block too, when the 16 bytes at p + i can be read (bytes past
  // len are read, never used: their lanes are masked here, and what they write past o is
  // overwritten by the frame or lies past it; the buffers have 16 entries to spare). Short
  // windows (most JSON and form values) are all tail: byte by byte, it was a third of shape().
  let r = len - i;
  if (r > 0 && canReadBlock(p + <usize>i)) {
    let v = shapeBlock(v128.load(p + <usize>i));
    let prev = i8x16.shuffle(i8x16.splat(<i8>last), v, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30);
    let runs = v128.and(i8x16.eq(v, prev), v128.or(i8x16.eq(v, splat8(0x20)), i8x16.eq(v, splat8(0x80))));
    if ((i8x16.bitmask(runs) & ((1 << r) - 1)) == 0) {
      v128.store(s + o, v);
      let q = pos + (<usize>o << 1);
      v128.store(q, i16x8.add(i16x8.splat(<i16>i), LANE_INDEX));
      v128.store(q, i16x8.add(i16x8.splat(<i16>(i + 8)), LANE_INDEX), 16);
      o += r;
      i = len;
    }
  }
  for (; i < len; i++) {
    let v = <u32>load<u8>(SHAPE + <usize>load<u8>(p + i));
    // Always written; a run's repeat (of ' ' or 0x80) does not advance o, so the next byte
    // overwrites it.
    store<u8>(s + o, <u8>v);
    store<u16>(pos + (<usize>o << 1), <u16>i);
    o += 1 - <i32>(v == last && (v == 0x20 || v == 0x80));
    last = v;
  }
  store<u8>(s + o, 0x02);
  // The closing frame and one past it both map to the end of the text.
  store<u16>(pos + (<usize>o << 1), <u16>len);
  store<u16>(pos + (<usize>(o + 1) << 1), <u16>len);
  return o + 1;
}
