// Training export: a WindowSink that appends each window's hashed features instead of scoring
// them, so the trainer sees exactly the windows the filter scores. Node only (core/index.ts).

import { WindowSink } from "./windows";
import { extractFeatures, MAX_FEATURES } from "./features";
import { confirmedClasses } from "./confirm";

export const EXPORT_FEATURES = 1 << 21;
export const EXPORT_WINDOWS = 1 << 14;

export class FeatureCollector extends WindowSink {
  features: StaticArray<u32> = new StaticArray<u32>(EXPORT_FEATURES);
  // Per window: u32 featStart, featCount, text index, decode flags.
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

  onWindow(text: i32, p: usize, n: i32, flags: u32, opensText: bool): void {
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
    unchecked(this.confirmed[w] = confirmedClasses(p, n, opensText));
    this.windowCount = w + 1;
  }
}
