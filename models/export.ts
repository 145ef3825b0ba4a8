// Writes a quantized model as the blob core/model.ts loads (format 1; the layout is documented
// there), and its manifest. Called by train.ts; models/embed.ts turns the blob into wasm data.

import { createHash } from "node:crypto";
import { Quantized } from "./quantize";
import { DIM } from "./network";

export const MAGIC = 0x53464157;
export const FORMAT_VERSION = 1;
export const CUTS = 98;
const HEADER = 64;

const pad16 = (n: number) => (n + 15) & ~15;

function fnv1a(bytes: Uint8Array, from: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193) >>> 0;
  return h >>> 0;
}

export interface BlobShape { bucketBits: number; hidden: number; heads: number }

/** cuts: per head, CUTS logit cut points in descending order (score = 1 + #(cut > logit)). */
/** featureSpecVersion: the core's (Core.featureSpecVersion), which computed the features trained on. */
export function writeBlob(q: Quantized, shape: BlobShape, cuts: Float32Array[], dataHash: string, featureSpecVersion: number): Uint8Array {
  const { bucketBits, hidden: H, heads: K } = shape;
  const B = 1 << bucketBits;
  const sections: Array<Int8Array | Float32Array> = [q.e, q.es, q.w1, q.w1s, q.b1, q.w2, q.w2s, q.b2];
  const cal = new Float32Array(K * CUTS);
  for (let k = 0; k < K; k++) {
    if (cuts[k].length !== CUTS) throw new Error(`head ${k}: ${cuts[k].length} cut points, expected ${CUTS}`);
    for (let i = 1; i < CUTS; i++) if (!(cuts[k][i] <= cuts[k][i - 1])) throw new Error(`head ${k}: cut points not descending at ${i}`);
    cal.set(cuts[k], k * CUTS);
  }
  sections.push(cal);
  const expected = [B * DIM, DIM, H * DIM, H, H, K * H, K, K, K * CUTS];
  sections.forEach((s, i) => { if (s.length !== expected[i]) throw new Error(`section ${i}: ${s.length} values, expected ${expected[i]}`); });
  let total = HEADER;
  for (const s of sections) total = pad16(total + s.byteLength);
  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  v.setUint32(0, MAGIC, true);
  v.setUint16(4, FORMAT_VERSION, true);
  v.setUint16(6, featureSpecVersion, true);
  v.setUint16(8, bucketBits, true);
  v.setUint16(10, DIM, true);
  v.setUint16(12, H, true);
  v.setUint16(14, K, true);
  v.setUint16(16, 1, true);
  v.setUint32(20, parseInt(dataHash.slice(0, 8), 16) >>> 0, true);
  v.setUint32(24, total, true);
  let o = HEADER;
  for (const s of sections) {
    out.set(new Uint8Array(s.buffer, s.byteOffset, s.byteLength), o);
    o = pad16(o + s.byteLength);
  }
  v.setUint32(28, fnv1a(out, HEADER), true);
  return out;
}

export function sha256(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}
