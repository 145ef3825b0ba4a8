// Validates a model blob and runs its forward pass: int8 embedding bag -> int8 dense (ReLU)
// -> int8 dense -> one logit per head. Called by core/score.ts; the blob is embedded by
// core/model.gen.ts (generated) or handed over by Node for evaluation.
//
// Blob format 1 (little-endian; written by models/export.ts):
//   0  u32 magic "WAFS"       4 u16 format version      6 u16 feature spec version
//   8  u16 bucket bits       10 u16 dim (must be 32)    12 u16 hidden   14 u16 heads
//   16 u16 quant scheme (1: int8 symmetric; embedding per column, dense layers per row)
//   20 u32 training data hash (low 32 bits)   24 u32 total bytes   28 u32 FNV-1a of [64, total)
//   64 sections, each padded to 16 bytes:
//      E  i8[buckets*dim]   Es f32[dim]
//      W1 i8[hidden*dim]    W1s f32[hidden]   b1 f32[hidden]
//      W2 i8[heads*hidden]  W2s f32[heads]    b2 f32[heads]
//      CAL f32[heads*98]    logit cut points, descending: score = 1 + #(cut > logit)

import { FEATURE_SPEC_VERSION } from "./features";
import { HEAD_COUNT } from "./classes";
import { FNV_OFFSET, fnvByte } from "./hash";

export const MODEL_MAGIC: u32 = 0x53464157; // "WAFS"
export const MODEL_FORMAT_VERSION: u16 = 1;
export const QUANT_INT8_SYMMETRIC: u16 = 1;
export const MODEL_DIM = 32;
export const MAX_HIDDEN = 128;
export const CUTS = 98;
export const HEADER_BYTES = 64;

export const enum ModelError {
  OK = 0, TOO_SHORT = 1, BAD_MAGIC = 2, BAD_VERSION = 3, BAD_FEATURE_SPEC = 4,
  BAD_SHAPE = 5, BAD_SIZE = 6, BAD_CHECKSUM = 7, UNTRAINED = 8,
}

export function modelErrorText(e: i32): string {
  switch (e) {
    case ModelError.TOO_SHORT: return "model blob shorter than its header";
    case ModelError.BAD_MAGIC: return "model blob has no WAFS magic";
    case ModelError.BAD_VERSION: return "model format version is not 1";
    case ModelError.BAD_FEATURE_SPEC: return "model was trained on another feature spec version";
    case ModelError.BAD_SHAPE: return "model dimensions are not supported (dim 32, hidden a multiple of 16 up to 128, 14 heads, 2^8 to 2^20 buckets)";
    case ModelError.BAD_SIZE: return "model blob size does not match its dimensions";
    case ModelError.BAD_CHECKSUM: return "model blob checksum mismatch";
    case ModelError.UNTRAINED: return "no trained model is embedded (run `make model`)";
  }
  return "ok";
}

@inline function pad16(n: usize): usize { return (n + 15) & ~15; }

export class Model {
  error: i32 = ModelError.UNTRAINED;
  bucketBits: i32 = 0;
  shift: u32 = 32; // feature hash -> bucket: the top bucketBits bits (features.ts bucketOf)
  hidden: i32 = 0;
  heads: i32 = 0;
  dataHash: u32 = 0;
  e: usize = 0; es: usize = 0;
  w1: usize = 0; w1s: usize = 0; b1: usize = 0;
  w2: usize = 0; w2s: usize = 0; b2: usize = 0;
  cal: usize = 0;
  // The dense layers' weights widened to i16 and laid out for dense() (packDense); the arrays
  // keep them alive, the pointers are what the hot path reads.
  private packed1: StaticArray<i16> = new StaticArray<i16>(0);
  private packed2: StaticArray<i16> = new StaticArray<i16>(0);
  p1: usize = 0; p2: usize = 0;
  // Every head's cut points are in descending order (as models/export.ts writes them), so that
  // scoreOf can search them; a blob where they are not is still scored, by counting.
  cutsDescending: bool = false;

  // Checks the blob and points the views into it; the blob must outlive the model.
  static load(p: usize, len: i32): Model {
    let m = new Model();
    m.error = m.init(p, len);
    return m;
  }

  // Inlined: core/score.ts reads it for every window, and as a call it was 0.4% of a JSON body.
  // @ts-ignore: decorator
  @inline get ok(): bool { return this.error == ModelError.OK; }

  private init(p: usize, len: i32): i32 {
    if (len < HEADER_BYTES) return ModelError.TOO_SHORT;
    if (load<u32>(p) != MODEL_MAGIC) return ModelError.BAD_MAGIC;
    if (load<u16>(p + 4) != MODEL_FORMAT_VERSION) return ModelError.BAD_VERSION;
    if (load<u16>(p + 14) == 0) return ModelError.UNTRAINED;
    if (load<u16>(p + 6) != FEATURE_SPEC_VERSION) return ModelError.BAD_FEATURE_SPEC;
    let bits = <i32>load<u16>(p + 8);
    let dim = <i32>load<u16>(p + 10);
    let hidden = <i32>load<u16>(p + 12);
    let heads = <i32>load<u16>(p + 14);
    if (heads == 0) return ModelError.UNTRAINED;
    if (bits < 8 || bits > 20 || dim != MODEL_DIM || hidden < 16 || hidden > MAX_HIDDEN || (hidden & 15) != 0 ||
        heads != HEAD_COUNT || load<u16>(p + 16) != QUANT_INT8_SYMMETRIC) return ModelError.BAD_SHAPE;
    let buckets = <usize>1 << bits;
    let o: usize = HEADER_BYTES;
    let e = o; o = pad16(o + buckets * dim);
    let es = o; o = pad16(o + 4 * dim);
    let w1 = o; o = pad16(o + <usize>(hidden * dim));
    let w1s = o; o = pad16(o + 4 * hidden);
    let b1 = o; o = pad16(o + 4 * hidden);
    let w2 = o; o = pad16(o + <usize>(heads * hidden));
    let w2s = o; o = pad16(o + 4 * heads);
    let b2 = o; o = pad16(o + 4 * heads);
    let cal = o; o = pad16(o + 4 * heads * CUTS);
    if (<usize>load<u32>(p + 24) != o || <usize>len != o) return ModelError.BAD_SIZE;
    let h = FNV_OFFSET;
    for (let i: usize = HEADER_BYTES; i < o; i++) h = fnvByte(h, load<u8>(p + i));
    if (h != load<u32>(p + 28)) return ModelError.BAD_CHECKSUM;
    this.bucketBits = bits; this.shift = <u32>(32 - bits);
    this.hidden = hidden; this.heads = heads; this.dataHash = load<u32>(p + 20);
    this.e = p + e; this.es = p + es; this.w1 = p + w1; this.w1s = p + w1s; this.b1 = p + b1;
    this.w2 = p + w2; this.w2s = p + w2s; this.b2 = p + b2; this.cal = p + cal;
    let descending = true;
    for (let k = 0; k < heads; k++) {
      let c = this.cal + <usize>(k * CUTS * 4);
      // !(a >= b) also catches a NaN.
      for (let i = 0; i + 1 < CUTS; i++) if (!(load<f32>(c + (<usize>i << 2)) >= load<f32>(c + (<usize>(i + 1) << 2)))) descending = false;
    }
    this.cutsDescending = descending;
    this.packed1 = packDense(this.w1, hidden, dim);
    this.packed2 = packDense(this.w2, heads, hidden);
    this.p1 = changetype<usize>(this.packed1);
    this.p2 = changetype<usize>(this.packed2);
    return ModelError.OK;
  }

  // The lowest logit that scores 1 in head k (its first cut point).
  topLogit(head: i32): f32 { return load<f32>(this.cal + <usize>(head * CUTS * 4)); }

  // Maps a head's logit to the 1–99 score (1: certainly an attack).
  scoreOf(head: i32, logit: f32): i32 {
    let c = this.cal + <usize>(head * CUTS * 4);
    if (this.cutsDescending) {
      // The cuts above the logit are a prefix: its length by bisection, 7 steps for 98 cuts
      // where counting read all 98 (each request asks for four or more scores).
      let lo = 0, hi = CUTS;
      while (lo < hi) {
        let mid = (lo + hi) >>> 1;
        if (load<f32>(c + (<usize>mid << 2)) > logit) lo = mid + 1;
        else hi = mid;
      }
      return 1 + lo;
    }
    let s = 1;
    for (let i = 0; i < CUTS; i++) if (load<f32>(c + (<usize>i << 2)) > logit) s++;
    return s;
  }
}

// Scratch for the forward pass; sized for the largest model the loader accepts.
const embedBuf = new StaticArray<f32>(MODEL_DIM);
const hiddenBuf = new StaticArray<f32>(MAX_HIDDEN);
const quantBuf = new StaticArray<i16>(MAX_HIDDEN); // the layer input as int8 values, widened to i16

// The hidden layer of the last forward pass (post-ReLU), for explanations.
export function lastHidden(): usize { return changetype<usize>(hiddenBuf); }

// Hot: runs once per window of every part. feats: the n features as the addresses of their
// embedding rows (features.ts extractFeatures with rows = m.e). Sums int8 embedding rows in i16
// lanes (four widening loads per feature, one instruction each on x86), widening to i32 every
// 256 features before i16 could overflow (256 * 127 < 32767), then two small dense layers with
// one float multiply per row.
export function forward(m: Model, feats: usize, n: i32, logits: usize): void {
  let a0 = i32x4.splat(0), a1 = i32x4.splat(0), a2 = i32x4.splat(0), a3 = i32x4.splat(0);
  let a4 = i32x4.splat(0), a5 = i32x4.splat(0), a6 = i32x4.splat(0), a7 = i32x4.splat(0);
  let i = 0;
  while (i < n) {
    let blockEnd = min(n, i + 256);
    let s0 = i16x8.splat(0), s1 = i16x8.splat(0), s2 = i16x8.splat(0), s3 = i16x8.splat(0);
    // Four features a turn: the loop's own instructions (V8's interrupt check, the compare and
    // the branch) were a third of a feature's; i16 sums do not depend on the order of adds.
    for (; i + 4 <= blockEnd; i += 4) {
      let f = feats + (<usize>i << 2);
      let r0 = <usize>load<u32>(f), r1 = <usize>load<u32>(f, 4);
      let r2 = <usize>load<u32>(f, 8), r3 = <usize>load<u32>(f, 12);
      s0 = i16x8.add(s0, v128.load8x8_s(r0)); s1 = i16x8.add(s1, v128.load8x8_s(r0, 8));
      s2 = i16x8.add(s2, v128.load8x8_s(r0, 16)); s3 = i16x8.add(s3, v128.load8x8_s(r0, 24));
      s0 = i16x8.add(s0, v128.load8x8_s(r1)); s1 = i16x8.add(s1, v128.load8x8_s(r1, 8));
      s2 = i16x8.add(s2, v128.load8x8_s(r1, 16)); s3 = i16x8.add(s3, v128.load8x8_s(r1, 24));
      s0 = i16x8.add(s0, v128.load8x8_s(r2)); s1 = i16x8.add(s1, v128.load8x8_s(r2, 8));
      s2 = i16x8.add(s2, v128.load8x8_s(r2, 16)); s3 = i16x8.add(s3, v128.load8x8_s(r2, 24));
      s0 = i16x8.add(s0, v128.load8x8_s(r3)); s1 = i16x8.add(s1, v128.load8x8_s(r3, 8));
      s2 = i16x8.add(s2, v128.load8x8_s(r3, 16)); s3 = i16x8.add(s3, v128.load8x8_s(r3, 24));
    }
    for (; i < blockEnd; i++) {
      let row = <usize>load<u32>(feats + (<usize>i << 2));
      s0 = i16x8.add(s0, v128.load8x8_s(row));
      s1 = i16x8.add(s1, v128.load8x8_s(row, 8));
      s2 = i16x8.add(s2, v128.load8x8_s(row, 16));
      s3 = i16x8.add(s3, v128.load8x8_s(row, 24));
    }
    a0 = i32x4.add(a0, i32x4.extend_low_i16x8_s(s0)); a1 = i32x4.add(a1, i32x4.extend_high_i16x8_s(s0));
    a2 = i32x4.add(a2, i32x4.extend_low_i16x8_s(s1)); a3 = i32x4.add(a3, i32x4.extend_high_i16x8_s(s1));
    a4 = i32x4.add(a4, i32x4.extend_low_i16x8_s(s2)); a5 = i32x4.add(a5, i32x4.extend_high_i16x8_s(s2));
    a6 = i32x4.add(a6, i32x4.extend_low_i16x8_s(s3)); a7 = i32x4.add(a7, i32x4.extend_high_i16x8_s(s3));
  }
  // Mean of the bag, with the per-column embedding scale folded in.
  let inv: f32 = n > 0 ? <f32>1 / <f32>n : 0;
  let x = changetype<usize>(embedBuf);
  let es = m.es;
  storeLanes(x, 0, a0, es, inv); storeLanes(x, 4, a1, es, inv);
  storeLanes(x, 8, a2, es, inv); storeLanes(x, 12, a3, es, inv);
  storeLanes(x, 16, a4, es, inv); storeLanes(x, 20, a5, es, inv);
  storeLanes(x, 24, a6, es, inv); storeLanes(x, 28, a7, es, inv);

  let h = changetype<usize>(hiddenBuf);
  dense(x, MODEL_DIM, m.p1, m.w1s, m.b1, m.hidden, h, true);
  dense(h, m.hidden, m.p2, m.w2s, m.b2, m.heads, logits, false);
}

// @ts-ignore: decorator
@inline function storeLanes(x: usize, d: i32, acc: v128, es: usize, inv: f32): void {
  let f = f32x4.mul(f32x4.convert_i32x4_s(acc), f32x4.mul(v128.load(es + (<usize>d << 2)), f32x4.splat(inv)));
  v128.store(x + (<usize>d << 2), f);
}

// A dense layer's int8 weights W (rows x cols, row-major; cols even) as dense() reads them:
// i16, in blocks of 16 rows (the last padded with zero rows), and within a block, for each pair
// of columns (c, c + 1), four vectors of four rows each, [W[r][c], W[r][c + 1]] per row. Built
// once per model (Model.init), off the request path.
function packDense(w: usize, rows: i32, cols: i32): StaticArray<i16> {
  let blocks = (rows + 15) >> 4;
  let out = new StaticArray<i16>(blocks * 16 * cols);
  let o = changetype<usize>(out);
  for (let blk = 0; blk < blocks; blk++) {
    for (let c = 0; c < cols; c += 2) {
      for (let k = 0; k < 16; k++) {
        let r = (blk << 4) + k;
        let a: i16 = 0, b: i16 = 0;
        if (r < rows) { a = <i16>load<i8>(w + <usize>(r * cols + c)); b = <i16>load<i8>(w + <usize>(r * cols + c + 1)); }
        store<i16>(o, a); store<i16>(o, b, 2);
        o += 4;
      }
    }
  }
  return out;
}

// out[r] = act(scale[r] * sx * sum(W[r] * q(x)) + b[r]), with x quantized to int8 on the fly;
// pw: the weights as packDense lays them out. Runs once per window too (for every short JSON or
// form value). cols must be a multiple of 16 (the loader checks).
// Integer sums are exact, so this matches the scalar definition bit for bit.
function dense(x: usize, cols: i32, pw: usize, ws: usize, b: usize, rows: i32, out: usize, relu: bool): void {
  // Quantize the input, 8 values a step: the largest magnitude by pmax (the inputs are finite,
  // and wasm's NaN-propagating max costs V8 a sequence of instructions per use where pmax is one
  // maxps), then round to nearest even and narrow; all exact, so this equals the scalar loop it
  // replaced.
  let m4 = f32x4.splat(0);
  for (let c = 0; c < cols; c += 16) {
    let p = x + (<usize>c << 2);
    m4 = f32x4.pmax(f32x4.pmax(m4, f32x4.abs(v128.load(p))), f32x4.abs(v128.load(p, 16)));
    m4 = f32x4.pmax(f32x4.pmax(m4, f32x4.abs(v128.load(p, 32))), f32x4.abs(v128.load(p, 48)));
  }
  m4 = f32x4.pmax(m4, v128.shuffle<f32>(m4, m4, 2, 3, 0, 1));
  m4 = f32x4.pmax(m4, v128.shuffle<f32>(m4, m4, 1, 0, 3, 2));
  let maxAbs = f32x4.extract_lane(m4, 0);
  let sx: f32 = maxAbs > 0 ? maxAbs / 127 : 1;
  let q = changetype<usize>(quantBuf);
  let inv = f32x4.splat(<f32>1 / sx);
  for (let c = 0; c < cols; c += 8) {
    let a = roundToInt(f32x4.mul(v128.load(x + (<usize>c << 2)), inv));
    let b = roundToInt(f32x4.mul(v128.load(x + (<usize>c << 2), 16), inv));
    v128.store(q + (<usize>c << 1), i16x8.narrow_i32x4_s(a, b));
  }
  // Sixteen rows at a time, in four vectors of four rows: each pair of inputs, broadcast,
  // multiplies a pair of columns of four rows in one dot_i16x8_s, so each vector ends up holding
  // its four rows' sums with no horizontal adds (the row-by-row dot products spent as much on
  // summing lanes and on widening int8 weights as on the products).
  let sxv = f32x4.splat(sx);
  for (let r = 0; r < rows; r += 16) {
    let a0 = i32x4.splat(0), a1 = i32x4.splat(0), a2 = i32x4.splat(0), a3 = i32x4.splat(0);
    for (let c = 0; c < cols; c += 4) {
      let x0 = v128.load32_splat(q + (<usize>c << 1));
      a0 = i32x4.add(a0, i32x4.dot_i16x8_s(v128.load(pw), x0));
      a1 = i32x4.add(a1, i32x4.dot_i16x8_s(v128.load(pw, 16), x0));
      a2 = i32x4.add(a2, i32x4.dot_i16x8_s(v128.load(pw, 32), x0));
      a3 = i32x4.add(a3, i32x4.dot_i16x8_s(v128.load(pw, 48), x0));
      let x1 = v128.load32_splat(q + (<usize>c << 1), 4);
      a0 = i32x4.add(a0, i32x4.dot_i16x8_s(v128.load(pw, 64), x1));
      a1 = i32x4.add(a1, i32x4.dot_i16x8_s(v128.load(pw, 80), x1));
      a2 = i32x4.add(a2, i32x4.dot_i16x8_s(v128.load(pw, 96), x1));
      a3 = i32x4.add(a3, i32x4.dot_i16x8_s(v128.load(pw, 112), x1));
      pw += 128;
    }
    storeRows4(out, ws, b, sxv, r, rows, a0, relu);
    storeRows4(out, ws, b, sxv, r + 4, rows, a1, relu);
    storeRows4(out, ws, b, sxv, r + 8, rows, a2, relu);
    storeRows4(out, ws, b, sxv, r + 12, rows, a3, relu);
  }
}

// Rounds four floats of magnitude at most ~127 to the nearest integer, ties to even: adding
// 1.5 * 2^23 leaves the rounded integer in the low mantissa bits (float addition rounds to
// nearest even). Equals nearest + trunc_sat for these values, in two instructions where V8
// spends several on trunc_sat's saturation.
// @ts-ignore: decorator
@inline function roundToInt(v: v128): v128 {
  return i32x4.sub(f32x4.add(v, f32x4.splat(12582912.0)), i32x4.splat(0x4B400000));
}

// Rows r..r+3 from their sums, those below `rows` stored: scale, bias and ReLU for four rows in
// one step, each lane's float operations in the scalar definition's order ((sum * scale) * sx +
// bias), so a lane gives the bits a row computed alone would. Past `rows`, ws and b are read in
// their sections' padding (each is padded to 16 bytes) and the lanes dropped.
// @ts-ignore: decorator
@inline function storeRows4(out: usize, ws: usize, b: usize, sxv: v128, r: i32, rows: i32, sum: v128, relu: bool): void {
  let left = rows - r;
  if (left <= 0) return;
  let o = <usize>r << 2;
  let y = f32x4.add(f32x4.mul(f32x4.mul(f32x4.convert_i32x4_s(sum), v128.load(ws + o)), sxv), v128.load(b + o));
  if (relu) y = f32x4.pmax(y, f32x4.splat(0));
  if (left >= 4) { v128.store(out + o, y); return; }
  if (left >= 2) {
    v128.store64_lane(out + o, y, 0);
    if (left == 3) v128.store32_lane(out + o, y, 2, 8);
  } else v128.store32_lane(out + o, y, 0);
}
