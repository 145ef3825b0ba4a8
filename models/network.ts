// The float model trained in Node, mirroring core/model.ts's forward pass: mean of embedding
// rows -> dense + ReLU -> dense -> one logit per head. Used by train.ts, quantize.ts, eval.

import { Rng } from "./data/rng";

export const DIM = 32; // fixed by the core (two v128 loads per feature)

export interface Shape { bucketBits: number; hidden: number; heads: number }

export class Network {
  readonly buckets: number;
  readonly e: Float32Array;   // [buckets][DIM]
  readonly w1: Float32Array;  // [hidden][DIM]
  readonly b1: Float32Array;
  readonly w2: Float32Array;  // [heads][hidden]
  readonly b2: Float32Array;
  // Scratch for one window, reused: the forward pass keeps what backward needs.
  readonly x = new Float32Array(DIM);
  readonly a: Float32Array;
  readonly z: Float32Array;
  private readonly gx = new Float32Array(DIM);
  private readonly ga: Float32Array;

  constructor(readonly shape: Shape, seed: number) {
    const { bucketBits, hidden, heads } = shape;
    this.buckets = 1 << bucketBits;
    this.e = new Float32Array(this.buckets * DIM);
    this.w1 = new Float32Array(hidden * DIM);
    this.b1 = new Float32Array(hidden);
    this.w2 = new Float32Array(heads * hidden);
    this.b2 = new Float32Array(heads);
    this.a = new Float32Array(hidden);
    this.z = new Float32Array(heads);
    this.ga = new Float32Array(hidden);
    const rng = new Rng(seed);
    // fastText's input init, and Glorot-uniform for the dense layers.
    for (let i = 0; i < this.e.length; i++) this.e[i] = (2 * rng.next() - 1) / DIM;
    const g1 = Math.sqrt(6 / (DIM + hidden));
    for (let i = 0; i < this.w1.length; i++) this.w1[i] = g1 * (2 * rng.next() - 1);
    const g2 = Math.sqrt(6 / (hidden + heads));
    for (let i = 0; i < this.w2.length; i++) this.w2[i] = g2 * (2 * rng.next() - 1);
    this.b1.fill(0.01);
  }

  /** Forward pass over one window's features (bucket indexes); fills x, a, z. */
  forward(feats: Uint16Array | Uint32Array, start: number, count: number): Float32Array {
    const { x, a, z, e, w1, b1, w2, b2 } = this;
    const H = this.shape.hidden, K = this.shape.heads;
    x.fill(0);
    for (let i = start; i < start + count; i++) {
      const row = feats[i] * DIM;
      for (let d = 0; d < DIM; d++) x[d] += e[row + d];
    }
    const inv = count > 0 ? 1 / count : 0;
    for (let d = 0; d < DIM; d++) x[d] *= inv;
    for (let j = 0; j < H; j++) {
      let s = b1[j];
      const r = j * DIM;
      for (let d = 0; d < DIM; d++) s += w1[r + d] * x[d];
      a[j] = s > 0 ? s : 0;
    }
    for (let k = 0; k < K; k++) {
      let s = b2[k];
      const r = k * H;
      for (let j = 0; j < H; j++) s += w2[r + j] * a[j];
      z[k] = s;
    }
    return z;
  }

  /**
   * Backward pass and SGD step for the window last passed to forward(), given dL/dz per head.
   * Sparse in the embedding: only the window's rows move. The dense layers take a smaller
   * rate: every sample moves them, and at the embedding's rate their ReLUs die off.
   */
  backward(feats: Uint16Array | Uint32Array, start: number, count: number, gz: Float32Array, lr: number, denseLr: number): void {
    const { x, a, gx, ga, e, w1, b1, w2, b2 } = this;
    const H = this.shape.hidden, K = this.shape.heads;
    ga.fill(0);
    for (let k = 0; k < K; k++) {
      const g = gz[k];
      if (g === 0) continue;
      const r = k * H;
      for (let j = 0; j < H; j++) {
        ga[j] += g * w2[r + j];
        w2[r + j] -= denseLr * g * a[j];
      }
      b2[k] -= denseLr * g;
    }
    gx.fill(0);
    for (let j = 0; j < H; j++) {
      if (a[j] <= 0) continue;
      const g = ga[j];
      const r = j * DIM;
      for (let d = 0; d < DIM; d++) {
        gx[d] += g * w1[r + d];
        w1[r + d] -= denseLr * g * x[d];
      }
      b1[j] -= denseLr * g;
    }
    const inv = count > 0 ? lr / count : 0;
    for (let d = 0; d < DIM; d++) gx[d] *= inv;
    for (let i = start; i < start + count; i++) {
      const row = feats[i] * DIM;
      for (let d = 0; d < DIM; d++) e[row + d] -= gx[d];
    }
  }
}
