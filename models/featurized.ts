// A labelled set featurized through core.wasm, packed for training: every window of every row and
// the pieces the zoom cuts from them (core/zoom.ts), its hashed features as bucket indexes. Built by
// train.ts; the core computes every feature.

import { Core } from "../node/core";

export interface Row { text: string; label: 0 | 1; class: string; where: string; source: string }

export class Featurized {
  feats: Uint16Array;
  featCount = 0;
  winStart: Int32Array;
  winCount: Int32Array;
  winConfirmed: Uint32Array; // per window: bit k when head k's confirming lexer accepts its text
  windows = 0;             // instances: windows and pieces
  pieces = 0;
  rowWin: Int32Array;      // first window of each row; rowWin[i + 1] ends it
  label: Uint8Array;
  klass: Int8Array;        // head index of the row's class (0 for benign)

  constructor(readonly rows: number) {
    this.feats = new Uint16Array(1 << 24);
    this.winStart = new Int32Array(1 << 18);
    this.winCount = new Int32Array(1 << 18);
    this.winConfirmed = new Uint32Array(1 << 18);
    this.rowWin = new Int32Array(rows + 1);
    this.label = new Uint8Array(rows);
    this.klass = new Int8Array(rows);
  }

  /** pieces: false leaves the zoom's pieces out: windows alone, the instances every model before 2026-12-06 was trained on. */
  static build(core: Core, rows: Row[], bits: number, heads: string[], maxWindowsPerRow = 32, pieces = true): Featurized {
    if (bits > 16) throw new Error("bucket bits above 16 do not fit the packed Uint16 features");
    const f = new Featurized(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      f.rowWin[i] = f.windows;
      f.label[i] = r.label;
      const k = r.label ? heads.indexOf(r.class) : 0;
      if (r.label && k < 1) throw new Error(`row ${i}: class "${r.class}" is not a model head (${heads.slice(1).join(", ")})`);
      f.klass[i] = k;
      // maxWindowsPerRow counts windows alone: a piece follows its window, so the last window taken
      // keeps its pieces, and pieces never push out a later window the filter scores.
      let windows = 0;
      for (const w of core.featurize(r.where, r.text, bits)) {
        if (w.piece) {
          if (pieces) { f.push(w.features, w.confirmed); f.pieces++; }
          continue;
        }
        if (windows++ >= maxWindowsPerRow) break;
        f.push(w.features, w.confirmed);
      }
    }
    f.rowWin[rows.length] = f.windows;
    return f;
  }

  private push(features: Uint32Array, confirmed: number): void {
    if (this.featCount + features.length > this.feats.length) this.feats = grow(this.feats, this.featCount + features.length);
    if (this.windows + 1 > this.winStart.length) {
      this.winStart = grow(this.winStart, this.windows + 1);
      this.winCount = grow(this.winCount, this.windows + 1);
      this.winConfirmed = grow(this.winConfirmed, this.windows + 1);
    }
    this.feats.set(features, this.featCount);
    this.winStart[this.windows] = this.featCount;
    this.winCount[this.windows] = features.length;
    this.winConfirmed[this.windows] = confirmed;
    this.featCount += features.length;
    this.windows++;
  }
}

function grow<T extends Uint16Array | Int32Array | Uint32Array>(a: T, need: number): T {
  let n = a.length;
  while (n < need) n *= 2;
  const b = new (a.constructor as { new(n: number): T })(n);
  b.set(a);
  return b;
}
