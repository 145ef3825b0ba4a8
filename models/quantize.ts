// Symmetric int8 quantization of a trained Network, as core/model.ts reads it: the embedding
// per column (so the bag sums in integers), dense layers per row. Reports the error per tensor.

import { Network, DIM } from "./network";

export interface Quantized {
  e: Int8Array; es: Float32Array;
  w1: Int8Array; w1s: Float32Array; b1: Float32Array;
  w2: Int8Array; w2s: Float32Array; b2: Float32Array;
  maxError: Record<string, number>; // max |w - q * scale| per tensor
}

// A row or column whose largest weight is below this gets scale 0: dividing by ~0 would
// make NaN and inf out of unused hash buckets (llama.cpp #7313).
const EPSILON = 1e-8;

function quantizeGroups(w: Float32Array, groups: number, index: (g: number, i: number) => number, size: number) {
  const q = new Int8Array(w.length);
  const scale = new Float32Array(groups);
  let maxErr = 0;
  for (let g = 0; g < groups; g++) {
    let m = 0;
    for (let i = 0; i < size; i++) m = Math.max(m, Math.abs(w[index(g, i)]));
    const s = m < EPSILON ? 0 : m / 127;
    scale[g] = s;
    for (let i = 0; i < size; i++) {
      const j = index(g, i);
      const v = s === 0 ? 0 : Math.max(-127, Math.min(127, Math.round(w[j] / s)));
      q[j] = v;
      maxErr = Math.max(maxErr, Math.abs(w[j] - v * s));
    }
  }
  return { q, scale, maxErr };
}

export function quantize(net: Network): Quantized {
  const { hidden: H, heads: K } = net.shape;
  const B = net.buckets;
  const e = quantizeGroups(net.e, DIM, (d, i) => i * DIM + d, B);
  const w1 = quantizeGroups(net.w1, H, (r, i) => r * DIM + i, DIM);
  const w2 = quantizeGroups(net.w2, K, (r, i) => r * H + i, H);
  return {
    e: e.q, es: e.scale, w1: w1.q, w1s: w1.scale, b1: net.b1.slice(), w2: w2.q, w2s: w2.scale, b2: net.b2.slice(),
    maxError: { embedding: e.maxErr, dense1: w1.maxErr, dense2: w2.maxErr },
  };
}
