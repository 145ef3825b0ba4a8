// Writes deflate streams bit by bit (RFC 1951), for crafted test streams zlib would never emit.
// Used by test/unit/inflate.test.ts and loadtest/inflate-speed.ts.

// Writes deflate bits first bit lowest, as RFC 1951 packs them.
export class BitWriter {
  private bytes: number[] = [];
  private acc = 0;
  private n = 0;
  bits(value: number, count: number): this {
    for (let i = 0; i < count; i++) this.bit((value >> i) & 1);
    return this;
  }
  // Huffman codes go most significant bit first.
  code(value: number, count: number): this {
    for (let i = count - 1; i >= 0; i--) this.bit((value >> i) & 1);
    return this;
  }
  private bit(b: number): void {
    this.acc |= b << this.n;
    if (++this.n === 8) { this.bytes.push(this.acc); this.acc = 0; this.n = 0; }
  }
  align(): this { while (this.n) this.bit(0); return this; }
  raw(bytes: number[]): this { this.align(); this.bytes.push(...bytes); return this; }
  done(): Buffer { this.align(); return Buffer.from(this.bytes); }
  length(): number { return this.bytes.length; }
}
// Fixed-code symbols (RFC 1951 section 3.2.6).
export function fixedLit(w: BitWriter, sym: number): BitWriter {
  if (sym < 144) return w.code(0x30 + sym, 8);
  if (sym < 256) return w.code(0x190 + sym - 144, 9);
  if (sym < 280) return w.code(sym - 256, 7);
  return w.code(0xc0 + sym - 280, 8);
}
export const fixedBlock = (final: number) => new BitWriter().bits(final, 1).bits(1, 2);

// A dynamic block with the given code lengths (litlen: at least 257, distance: at least 1),
// appended to w. The code length code is fixed and complete: symbols 0..13 four bits, 14, 15,
// 17 and 18 five bits; runs of 3+ zero lengths use 17 and 18, as a compact header would. `body`
// then writes symbols with the canonical codes of `lit` and `dist`.
export function canonicalCodes(lengths: number[]): number[] {
  const count = new Array(16).fill(0);
  for (const l of lengths) if (l) count[l]++;
  const next: number[] = [];
  let code = 0;
  for (let b = 1; b < 16; b++) { code = (code + (b > 1 ? count[b - 1] : 0)) << 1; next[b] = code; }
  return lengths.map((l) => (l ? next[l]++ : -1));
}
export function lengths(n: number, set: Record<number, number>): number[] {
  const a = new Array(n).fill(0);
  for (const [k, v] of Object.entries(set)) a[Number(k)] = v;
  return a;
}
export interface Emit { lit(sym: number): void; dist(sym: number): void; writer: BitWriter }
export const writerOf = (e: Emit) => e.writer;
const CODELEN_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
const CODELEN_LENGTHS = lengths(19, { 0: 4, 1: 4, 2: 4, 3: 4, 4: 4, 5: 4, 6: 4, 7: 4, 8: 4, 9: 4, 10: 4, 11: 4, 12: 4, 13: 4, 14: 5, 15: 5, 17: 5, 18: 5 });
const CODELEN_CODES = canonicalCodes(CODELEN_LENGTHS);
export function writeDynamicBlock(w: BitWriter, final: number, lit: number[], dist: number[], body: (e: Emit) => void): void {
  w.bits(final, 1).bits(2, 2).bits(lit.length - 257, 5).bits(dist.length - 1, 5).bits(15, 4);
  for (const sym of CODELEN_ORDER) w.bits(CODELEN_LENGTHS[sym], 3);
  const put = (sym: number) => w.code(CODELEN_CODES[sym], CODELEN_LENGTHS[sym]);
  const all = [...lit, ...dist];
  for (let i = 0; i < all.length;) {
    let run = 0;
    while (all[i + run] === 0 && run < 138) run++;
    if (run >= 11) { put(18); w.bits(run - 11, 7); i += run; }
    else if (run >= 3) { put(17); w.bits(run - 3, 3); i += run; }
    else { put(all[i]); i++; }
  }
  const lc = canonicalCodes(lit), dc = canonicalCodes(dist);
  body({ lit: (sym) => { w.code(lc[sym], lit[sym]); }, dist: (sym) => { w.code(dc[sym], dist[sym]); }, writer: w });
}
export function dynamicBlock(lit: number[], dist: number[], body: (e: Emit) => void): Buffer {
  const w = new BitWriter();
  writeDynamicBlock(w, 1, lit, dist, body);
  return w.done();
}
