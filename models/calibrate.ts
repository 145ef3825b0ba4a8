// Maps a head's logit to the 1–99 score through CUTS descending cut points, as core/model.ts
// reads them (score = 1 + the number of cut points above the logit). Fitted by train.ts on a
// calibration slice held out from training, so that the bands mean what they say.

import { CUTS } from "./export";

/**
 * Band edges as false-positive rates on benign calibration requests: a score at or under S is
 * reached by at most this share of benign requests — of origins the edge was not fitted on, when
 * fitCuts is given the origins (train.ts does): each edge sits at the share whose
 * leave-one-origin-out rate meets the anchor (crossValidatedShare). Threshold 20 (the default) sits at the 0.1%
 * the project promises (it was 0.08% until the spec v4 model, whose validation false-positive
 * rate at 20 came out at 0.013%: the calibration slice is harder than validation); 50 and 80
 * bound "likely attack" and "likely clean", so 99% of benign requests score 81–99.
 */
export const ANCHORS: Array<[score: number, benignShare: number]> = [
  [20, 0.001],
  [50, 0.003],
  [80, 0.01],
  [98, 0.08],
];

/** Probability bands, for a model before calibration: score ≈ 99 - 98p. */
export function probabilityCuts(): Float32Array {
  const cuts = new Float32Array(CUTS);
  for (let i = 0; i < CUTS; i++) {
    const p = (97.5 - i) / 98;
    cuts[i] = Math.log(p / (1 - p));
  }
  return cuts;
}

/** The logit that a share `share` of `sorted` (descending) reaches or exceeds. */
function upperQuantile(sortedDesc: Float64Array, share: number): number {
  const i = Math.min(sortedDesc.length - 1, Math.max(0, Math.ceil(share * sortedDesc.length) - 1));
  return sortedDesc[i];
}

/**
 * Calibration rows counted once by where and text: one capture repeats a cookie or a body hundreds
 * of times (a fixture of page loads), and no single part of one origin may decide where a band
 * edge sits. train.ts calibrates on these; the yardstick's leave-one-origin-out estimate reads them.
 */
export function distinctParts<T extends { where: string[]; text: string }>(rows: T[]): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const k = `${r.where.join(",")}\u0000${r.text}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The benign share behind a band edge (ANCHORS): 0.001 for the default threshold 20. */
export function anchorShare(score: number): number {
  const a = ANCHORS.find(([s]) => s === score);
  if (!a) throw new Error(`no band edge is anchored at score ${score}`);
  return a[1];
}

/** B(s) for an anchor's benign share, before ties with the neighbouring edges are resolved. */
export function benignEdge(benignSortedDesc: Float64Array, share: number): number {
  return upperQuantile(benignSortedDesc, share) + 1e-3;
}

/** Benign logits of one head, by origin (models/data/origins.ts): what a band edge is cross-validated on. */
export type LogitsByOrigin = Map<string, number[]>;

/** Adds one part's logit to its origin's. */
export function addLogit(byOrigin: LogitsByOrigin, origin: string, logit: number): void {
  const own = byOrigin.get(origin);
  if (own) own.push(logit);
  else byOrigin.set(origin, [logit]);
}

/** All origins' logits in one array. */
export function allLogits(byOrigin: LogitsByOrigin): Float64Array {
  return Float64Array.from([...byOrigin.values()].flat());
}

/** Each origin's logits beside all the other origins' logits, sorted descending: a leave-one-origin-out table. */
export function leaveOneOriginOutTable(byOrigin: LogitsByOrigin): Array<{ origin: string; own: number[]; others: Float64Array }> {
  return [...byOrigin].map(([origin, own]) => ({ origin, own, others: othersSorted(byOrigin, origin) }));
}

/**
 * The share of all parts flagged when each origin in turn meets the edge fitted at `share` on the
 * other origins alone: how often a band edge errs on an origin it was not fitted on.
 */
export function leaveOneOriginOutRate(table: ReturnType<typeof leaveOneOriginOutTable>, share: number): number {
  let flagged = 0, parts = 0;
  for (const { own, others } of table) {
    const edge = benignEdge(others, share);
    flagged += own.filter((x) => x >= edge).length;
    parts += own.length;
  }
  return parts ? flagged / parts : 0;
}

/** Every origin's logits but `origin`'s, sorted descending. */
export function othersSorted(byOrigin: LogitsByOrigin, origin: string): Float64Array {
  return allLogits(new Map([...byOrigin].filter(([o]) => o !== origin))).sort().reverse();
}

// Shares tried below an anchor's, in steps of a twentieth of it.
const CV_STEPS = 20;

/**
 * The benign share to put a band edge at so that it keeps the anchor's promise on origins the
 * calibration never saw: the largest of share, 19/20 of it, … 1/20 of it whose leave-one-origin-out
 * rate is at most `share`. A quantile fitted on all origins holds on them by construction and errs
 * on a new one whenever that origin brings a cluster of its own (one webhook sender's repeated
 * `git@host:repo.git` set the edge of the round before, and its leave-one-origin-out rate was
 * 2.5 times the anchor's share).
 */
export function crossValidatedShare(table: ReturnType<typeof leaveOneOriginOutTable>, share: number): number {
  if (table.length < 2) return share; // nothing to cross-validate on
  for (let j = 0; j < CV_STEPS; j++) {
    const s = (share * (CV_STEPS - j)) / CV_STEPS;
    if (leaveOneOriginOutRate(table, s) <= share) return s;
  }
  return share / CV_STEPS;
}

/**
 * Cut points from request-level logits of one head: B(s), the logit at which the score becomes
 * <= s, sits at the ANCHORS' benign quantiles and is linear in s between them; B(1) is the
 * median attack logit (a typical attack scores 1), kept above B(20). Given the benign logits by
 * origin, each anchor's quantile is taken at its cross-validated share (crossValidatedShare).
 */
export function fitCuts(benign: Float64Array, attacks: Float64Array, byOrigin?: LogitsByOrigin): Float32Array {
  const b = Float64Array.from(benign).sort().reverse();
  const a = Float64Array.from(attacks).sort().reverse();
  const table = byOrigin ? leaveOneOriginOutTable(byOrigin) : null;
  const edges: Array<[number, number]> = [];
  for (const [s, share] of ANCHORS) edges.push([s, benignEdge(b, table ? crossValidatedShare(table, share) : share)]);
  const top = Math.max(a.length ? upperQuantile(a, 0.5) : -Infinity, edges[0][1] + 2);
  edges.unshift([1, top]);
  // Quantiles of a finite sample can tie; keep each edge strictly below the previous one.
  for (let i = 1; i < edges.length; i++) edges[i][1] = Math.min(edges[i][1], edges[i - 1][1] - 0.05);
  const cuts = new Float32Array(CUTS);
  for (let s = 1; s <= CUTS; s++) {
    let j = 0;
    while (j + 1 < edges.length && edges[j + 1][0] < s) j++;
    const [s0, z0] = edges[j];
    const [s1, z1] = edges[Math.min(j + 1, edges.length - 1)];
    cuts[s - 1] = s1 === s0 ? z0 : z0 + ((s - s0) / (s1 - s0)) * (z1 - z0);
  }
  for (let i = 1; i < CUTS; i++) cuts[i] = Math.min(cuts[i], Math.fround(cuts[i - 1] - 1e-4));
  return cuts;
}
