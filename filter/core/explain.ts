// Explains a window's attack logit: which fragments of its text pushed it up. Called for a
// flagged request only (glue/verdict.ts, and `wafscore score --explain` through core/index.ts).
//
// Each feature's contribution is its embedding row dotted with the gradient of the attack logit
// with respect to the bag's mean (exact for the linear part, and for the ReLU pattern of this
// window), over the feature count. Contributions are spread over the bytes each feature covers;
// fragments are the runs of bytes whose share stands out.

import { Model, forward, lastHidden, MODEL_DIM } from "./model";
import { extractFeatures, MAX_FEATURES, WINDOW_BYTES } from "./features";
import { HEAD_COUNT } from "./classes";

export const MAX_FRAGMENTS = 3;

const feats = new StaticArray<u32>(MAX_FEATURES);
const spans = new StaticArray<u32>(MAX_FEATURES);
const byteScore = new StaticArray<f32>(WINDOW_BYTES);
const grad = new StaticArray<f32>(MODEL_DIM);
const logits = new StaticArray<f32>(HEAD_COUNT);

// Fragments as [start, length] pairs (text offsets), strongest first; returns how many.
export function explainWindow(m: Model, p: usize, n: i32, flags: u32, head: i32, out: StaticArray<i32>): i32 {
  if (n <= 0 || !m.ok) return 0;
  n = min(n, WINDOW_BYTES);
  let fp = changetype<usize>(feats);
  let sp = changetype<usize>(spans);
  let count = extractFeatures(p, n, flags, fp, m.shift, sp);
  // forward() reads embedding rows by address: the buckets become addresses, read below too.
  for (let i = 0; i < count; i++) store<u32>(fp + (<usize>i << 2), <u32>(m.e + (<usize>load<u32>(fp + (<usize>i << 2)) << 5)));
  forward(m, fp, count, changetype<usize>(logits));

  // d logit[head] / d x, with the ReLU pattern of this window; dequantized weights.
  let h = lastHidden();
  let H = m.hidden;
  let w2row = m.w2 + <usize>(head * H);
  let w2s = load<f32>(m.w2s + (<usize>head << 2));
  for (let d = 0; d < MODEL_DIM; d++) unchecked(grad[d] = 0);
  for (let j = 0; j < H; j++) {
    if (load<f32>(h + (<usize>j << 2)) <= 0) continue;
    let gj = <f32>load<i8>(w2row + j) * w2s * load<f32>(m.w1s + (<usize>j << 2));
    let w1row = m.w1 + <usize>(j * MODEL_DIM);
    for (let d = 0; d < MODEL_DIM; d++) unchecked(grad[d] += gj * <f32>load<i8>(w1row + d));
  }
  for (let d = 0; d < MODEL_DIM; d++) unchecked(grad[d] *= load<f32>(m.es + (<usize>d << 2)) / <f32>count);

  for (let i = 0; i < n; i++) unchecked(byteScore[i] = 0);
  for (let i = 0; i < count; i++) {
    let sp32 = load<u32>(sp + (<usize>i << 2));
    let len = <i32>(sp32 & 0xFFFF);
    if (len == 0) continue;
    let start = <i32>(sp32 >> 16);
    let row = <usize>load<u32>(fp + (<usize>i << 2));
    let c: f32 = 0;
    for (let d = 0; d < MODEL_DIM; d++) c += <f32>load<i8>(row + d) * unchecked(grad[d]);
    let share = c / <f32>len;
    for (let k = start; k < start + len && k < n; k++) unchecked(byteScore[k] += share);
  }

  // Greedy: take the strongest byte, grow while neighbours keep a third of its weight, repeat.
  let found = 0;
  while (found < MAX_FRAGMENTS) {
    let best = -1;
    let bestV: f32 = 0;
    for (let i = 0; i < n; i++) {
      let v = unchecked(byteScore[i]);
      if (v > bestV) { bestV = v; best = i; }
    }
    if (best < 0) break;
    let floor = bestV / 3;
    let a = best, b = best + 1;
    while (a > 0 && unchecked(byteScore[a - 1]) > floor) a--;
    while (b < n && unchecked(byteScore[b]) > floor) b++;
    for (let i = a; i < b; i++) unchecked(byteScore[i] = 0);
    out[2 * found] = a;
    out[2 * found + 1] = b - a;
    found++;
  }
  return found;
}
