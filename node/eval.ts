// Scores labelled rows through core.wasm (the same splitting, decoding and int8 model as the
// filter) and computes detection and false-positive rates overall, per class and per where.
// Used by `wafscore eval` and the training pipeline (models/train.ts validation, evaluate.ts, report.ts).

import { Core } from "./core";
import { EvalRow } from "./rows";

export interface Scored { row: EvalRow; score: number; classScores: Record<string, number>; worstClass: string; worstText: string }

export interface Rates {
  attacks: number; benign: number; detected: number; false_positives: number;
  detection_rate: number | null; false_positive_rate: number | null;
  class_right?: number | null;
}

export interface EvalResult extends Rates {
  threshold: number;
  by_class: Record<string, Rates>;
  by_where: Record<string, Rates>;
}

/** Scores each row as a request that carries its text in each of its wheres. */
export function scoreRows(core: Core, rows: EvalRow[]): Scored[] {
  return rows.map((row) => {
    const r = core.scoreParts(row.where.map((w) => [w, row.text] as [string, string]));
    return { row, score: r.score, classScores: r.classes, worstClass: r.worstClass, worstText: r.worstText };
  });
}

function rates(items: Scored[], threshold: number): Rates {
  let attacks = 0, benign = 0, detected = 0, fps = 0, right = 0;
  for (const s of items) {
    const hit = s.score <= threshold;
    if (s.row.label === 1) {
      attacks++;
      if (hit) { detected++; if (s.worstClass === s.row.class) right++; }
    } else {
      benign++;
      if (hit) fps++;
    }
  }
  return {
    attacks, benign, detected, false_positives: fps,
    detection_rate: attacks ? detected / attacks : null,
    false_positive_rate: benign ? fps / benign : null,
    class_right: detected ? right / detected : null,
  };
}

function groupBy(items: Scored[], key: (s: Scored) => string[]): Map<string, Scored[]> {
  const m = new Map<string, Scored[]>();
  for (const s of items) for (const k of key(s)) {
    if (!m.has(k)) m.set(k, []);
    m.get(k)!.push(s);
  }
  return new Map([...m.entries()].sort((a, b) => a[0].localeCompare(b[0])));
}

export function evaluate(scored: Scored[], threshold: number): EvalResult {
  const byClass: Record<string, Rates> = {};
  for (const [k, v] of groupBy(scored.filter((s) => s.row.label === 1), (s) => [s.row.class || "(none)"])) byClass[k] = rates(v, threshold);
  const byWhere: Record<string, Rates> = {};
  for (const [k, v] of groupBy(scored, (s) => s.row.where)) byWhere[k] = rates(v, threshold);
  return { threshold, ...rates(scored, threshold), by_class: byClass, by_where: byWhere };
}

const pct = (x: number | null | undefined) => (x === null || x === undefined ? "–" : (100 * x).toFixed(2) + "%");

export function formatEval(r: EvalResult): string {
  const out: string[] = [];
  out.push(`threshold ${r.threshold} (a request is flagged when its score is <= ${r.threshold})`);
  out.push(`overall: detection ${pct(r.detection_rate)} (${r.detected}/${r.attacks}), false positives ${pct(r.false_positive_rate)} (${r.false_positives}/${r.benign})`);
  out.push("", "by class        attacks  detection  class right");
  for (const [k, v] of Object.entries(r.by_class)) out.push(`  ${k.padEnd(14)}${String(v.attacks).padStart(7)}  ${pct(v.detection_rate).padStart(9)}  ${pct(v.class_right).padStart(11)}`);
  out.push("", "by where                 attacks  detection   benign  false pos.");
  for (const [k, v] of Object.entries(r.by_where)) out.push(`  ${k.padEnd(23)}${String(v.attacks).padStart(7)}  ${pct(v.detection_rate).padStart(9)}  ${String(v.benign).padStart(7)}  ${pct(v.false_positive_rate).padStart(10)}`);
  return out.join("\n");
}
