// Maps a head's logit to the 1–99 score through CUTS descending cut points (score = 1 + the
// number of cut points above the logit), as core/model.ts reads them. Used by train.ts.

import { CUTS } from "./export";

/**
 * Probability bands: score s covers p in ((98.5 - s) / 98, (99.5 - s) / 98], so score 1 means
 * p > 0.995 and 99 means p < 0.005, and score ≈ 99 - 98p.
 */
export function calibrationCuts(): Float32Array {
  const cuts = new Float32Array(CUTS);
  for (let i = 0; i < CUTS; i++) {
    const p = (97.5 - i) / 98;
    cuts[i] = Math.log(p / (1 - p));
  }
  return cuts;
}
