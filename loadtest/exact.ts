// `make exact`: whether a change to the core kept every result. Scores every input of
// loadtest/exact-inputs.ts (dataset rows, recorded requests, bench bodies, synthetic soups) with two
// core.wasm builds, and compares everything each returns — logits, class scores, worst class,
// where, name and text, parts, windows, features, overflow — and the decoded texts (lastParts). For
// speedups that must change no score (README, Performance). Usage: tsx loadtest/exact.ts before.wasm
// after.wasm [rows.jsonl ...]; EXACT_CONFIG: a plugin configuration for both (exclude_params, a low
// max_parts ...), EXACT_CONFIG_AFTER one for the second alone.
//
// EXACT_DECISIONS=1 compares only what a decision can read: each head's score where it is 80 or
// under (a score over 80 counts as 81), which fixes the decision at every threshold up to 80
// (20, 50 and 80 among them), overall and per class, and the worst class and worst window (where,
// name, text) of a request whose overall score is 80 or under. It counts rows whose overall or class results differ apart, and
// rows that differ field by field, which it allows. For speedups that may move benign-range scores
// (core/mayconfirm.ts). Exits 1 on any difference it compares. EXACT_SHOW=N prints the first N
// differences (5).
//
// Either way it counts the dataset rows whose overall score crosses the default threshold (20)
// between the two cores, into the band and out of it, attack rows (label 1) and benign (label 0)
// apart: what a verdict or decoder change does to decisions.
import { Core } from "../node/core";
import { exactInputs } from "./exact-inputs";

const [a, b, ...files] = process.argv.slice(2);
if (!a || !b) { console.error("usage: tsx loadtest/exact.ts before.wasm after.wasm [rows.jsonl ...]"); process.exit(2); }
const A = await Core.load(a), B = await Core.load(b);
if (process.env.EXACT_CONFIG) for (const c of [A, B]) { const e = c.configure(process.env.EXACT_CONFIG); if (e) throw new Error(e); }
// EXACT_CONFIG_AFTER: the second core's own configuration, to compare one build under two (a
// threshold that turns the model skip on against one that turns it off).
if (process.env.EXACT_CONFIG_AFTER) { const e = B.configure(process.env.EXACT_CONFIG_AFTER); if (e) throw new Error(e); }
const decisionsOnly = !!process.env.EXACT_DECISIONS;
// How many differing rows are printed (all are counted).
const SHOW = Number(process.env.EXACT_SHOW ?? 5);
// A score as a decision at any threshold up to 80 reads it.
const band = (s: number) => Math.min(s, 81);
let rows = 0, diffs = 0, fieldDiffs = 0, overallDiffs = 0, classDiffs = 0, worstClassDiffs = 0, worstClassDiffs20 = 0, worstWindowDiffs = 0;
const byClass = new Map<string, number>();
// Rows across the threshold 20, by the row's label: [into the band, out of it].
const crossed = { attack: [0, 0], benign: [0, 0] };
for (const [label, req, row] of exactInputs(files)) {
  rows++;
  const sa = A.scoreRequest(req), pa = JSON.stringify(A.lastParts());
  const sb = B.scoreRequest(req), pb = JSON.stringify(B.lastParts());
  const side = row?.label === 1 ? crossed.attack : row?.label === 0 ? crossed.benign : null;
  if (side && (sa.score <= 20) !== (sb.score <= 20)) side[sb.score <= 20 ? 0 : 1]++;
  const ra = JSON.stringify(sa), rb = JSON.stringify(sb);
  const fieldDiff = ra !== rb || pa !== pb;
  if (fieldDiff) fieldDiffs++;
  if (!decisionsOnly) {
    if (fieldDiff && ++diffs <= SHOW) console.log("DIFF", label, ra === rb ? "(parts only)" : "", "\n A", ra.slice(0, 400), "\n B", rb.slice(0, 400));
    continue;
  }
  const overall = band(sa.score) !== band(sb.score);
  const classes = Object.keys(sa.classes).filter((k) => band(sa.classes[k]) !== band(sb.classes[k]));
  const worst = sa.score <= 80 && sa.worstClass !== sb.worstClass;
  const worstWindow = sa.score <= 80 && (sa.worstWhere !== sb.worstWhere || sa.worstName !== sb.worstName || sa.worstText !== sb.worstText);
  if (worstWindow) worstWindowDiffs++;
  for (const k of classes) byClass.set(k, (byClass.get(k) ?? 0) + 1);
  if (overall) overallDiffs++;
  if (classes.length) classDiffs++;
  if (worst) worstClassDiffs++;
  if (worst && sa.score <= 20) worstClassDiffs20++;
  if ((overall || classes.length || worst || worstWindow) && ++diffs <= SHOW) {
    console.log("DIFF", label, overall ? "overall" : "", classes.join(","), worst ? "worst class" : "", worstWindow ? "worst window" : "",
      "\n A", sa.score, JSON.stringify(sa.classes), sa.worstClass, "\n B", sb.score, JSON.stringify(sb.classes), sb.worstClass);
  }
}
if (decisionsOnly) {
  console.log(`rows=${rows} decision_diffs=${diffs} overall=${overallDiffs} class=${classDiffs} worst_class=${worstClassDiffs} (overall score 20 or under: ${worstClassDiffs20}) worst_window=${worstWindowDiffs} field_diffs=${fieldDiffs}`);
  if (byClass.size) console.log("rows whose class score moved across 80 or within it, by class:", JSON.stringify(Object.fromEntries(byClass)));
} else console.log(`rows=${rows} diffs=${diffs}`);
console.log(`at 20: attack rows into the band ${crossed.attack[0]}, out ${crossed.attack[1]}; benign rows into the band ${crossed.benign[0]}, out ${crossed.benign[1]}`);
process.exit(diffs ? 1 : 0);
