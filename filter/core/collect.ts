// Training export: a WindowSink that appends each window's hashed features instead of scoring
// them, so the trainer sees exactly the windows the filter scores, and the pieces the zoom cuts
// from them (core/zoom.ts), which the filter scores too. Node only (core/index.ts).

import { WindowSink } from "./windows";
import { extractFeatures, MAX_FEATURES } from "./features";
import { confirmedClasses } from "./confirm";
import { mayConfirm } from "./mayconfirm";
import { zooms, zoomInto } from "./zoom";

// Set in an exported window's flags when it is a piece of the window before it. The flags the model
// reads are the bits under FLAG_COUNT; bit 31 means other things in other tables (decode/texts.ts
// TEXT_NOT_SCORED, core/score.ts NOT_OPENING), never in this one. node/binding.ts reads it from the
// core's description (core/describe.ts).
export const PIECE_FLAG: u32 = 1 << 31;

export const EXPORT_FEATURES = 1 << 21;
export const EXPORT_WINDOWS = 1 << 14;

export class FeatureCollector extends WindowSink {
  features: StaticArray<u32> = new StaticArray<u32>(EXPORT_FEATURES);
  // Per window: u32 featStart, featCount, text index, decode flags (| PIECE_FLAG for a piece).
  windows: StaticArray<u32> = new StaticArray<u32>(EXPORT_WINDOWS * 4);
  // Per window: bit k set when the confirming lexer of head k (core/confirm.ts) accepts its text.
  // Only such windows can score in the attack bands, so the trainer weighs them by it.
  confirmed: StaticArray<u32> = new StaticArray<u32>(EXPORT_WINDOWS);
  windowCount: i32 = 0;
  featureCount: i32 = 0;
  overflow: bool = false;
  shift: u32 = 32;

  reset(bucketBits: i32): void {
    this.windowCount = 0;
    this.featureCount = 0;
    this.overflow = false;
    this.shift = <u32>(32 - bucketBits);
  }

  // The confirmed mask of the window being zoomed: a piece confirms a class only when its window
  // does too (core/confirm.ts confirmsIn).
  private windowConfirmed: u32 = 0;

  // Every window, whether or not a lexer could confirm it (the scores leave those out only when
  // that cannot change a decision; the model scores them otherwise), and the pieces the scores cut.
  onWindow(text: i32, p: usize, n: i32, ln: i32, flags: u32, opensText: bool, closesText: bool): void {
    let confirmed = confirmedClasses(p, ln, opensText);
    this.push(text, p, n, flags, confirmed);
    if (zooms(mayConfirm(p, ln), p, n)) {
      this.windowConfirmed = confirmed;
      zoomInto<FeatureCollector>(this, text, p, n, ln, flags, opensText, closesText);
    }
  }

  onPiece(text: i32, p: usize, n: i32, ln: i32, flags: u32, opensText: bool, wp: usize, wln: i32, wOpensText: bool): void {
    this.push(text, p, n, flags | PIECE_FLAG, confirmedClasses(p, ln, opensText) & this.windowConfirmed);
  }

  private push(text: i32, p: usize, n: i32, flags: u32, confirmed: u32): void {
    let w = this.windowCount;
    if (this.overflow || w >= EXPORT_WINDOWS || this.featureCount + MAX_FEATURES > EXPORT_FEATURES) {
      this.overflow = true;
      return;
    }
    let start = this.featureCount;
    let count = extractFeatures(p, n, flags, changetype<usize>(this.features) + (<usize>start << 2), this.shift);
    this.featureCount += count;
    let row = changetype<usize>(this.windows) + (<usize>w << 4);
    store<u32>(row, start);
    store<u32>(row, count, 4);
    store<u32>(row, text, 8);
    store<u32>(row, flags, 12);
    unchecked(this.confirmed[w] = confirmed);
    this.windowCount = w + 1;
  }
}
