// `make eval`: the honest yardstick first (false positives on real traffic of test origins, detection
// on leave-one-source-out folds from build/loso.json), then today's validation split; regenerates
// models/REPORT.md and its charts, without training. `--model <blob>` scores a model trained into build/.

import { readFileSync } from "node:fs";
import { dirname, resolve, relative } from "node:path";
import { Core, REPO_ROOT } from "../node/core";
import { readRows } from "../node/rows";
import { scoreRows, evaluate } from "../node/eval";
import { writeReport } from "./report";
import { evasionFailures, worstTechniques } from "../node/evasion";
import { realTrafficFp, formatRealFp, formatLoso, realFpMarkdown, readLoso, realRequestFp, formatRequestFp, calibrationLoo, formatCalibrationLoo, evalSetFp, formatEvalSet, HELD_OUT_FIRST_DRAW, HELD_OUT_SECOND_DRAW, HELD_OUT_THIRD_DRAW, HELD_OUT_FOURTH_DRAW, HELD_OUT_FIFTH_DRAW, HELD_OUT_SIXTH_DRAW, HELD_OUT_SEVENTH_DRAW, HELD_OUT_EIGHTH_DRAW, HELD_OUT_NINTH_DRAW, PAGE_LOADS, frozenTogether, frozenTogetherLine, staleDataWarning, trainingDataSha256, type EvalSet, type EvalSetFp } from "./yardstick";

/** The held-out draws not yet spent: scored by every `make eval` (but `EVAL_HELDOUT=0`), read by nothing else. */
const FROZEN: EvalSet[] = [HELD_OUT_FIFTH_DRAW, HELD_OUT_SIXTH_DRAW, HELD_OUT_SEVENTH_DRAW, HELD_OUT_EIGHTH_DRAW, HELD_OUT_NINTH_DRAW];

async function main() {
  const core = await Core.load();
  const i = process.argv.indexOf("--model");
  const blobFile = i > 0 ? resolve(process.argv[i + 1]) : null;
  if (blobFile) core.useModel(readFileSync(blobFile));
  const err = core.modelError();
  if (err) throw new Error(err);
  const manifestFile = blobFile ? resolve(dirname(blobFile), "manifest.json") : resolve(REPO_ROOT, "models/artifacts/manifest.json");
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8"));
  const modelName = `${blobFile ? relative(REPO_ROOT, blobFile) : "the embedded model"} (sha256 ${String(manifest.blob_sha256).slice(0, 8)}…)`;

  const dataset = resolve(REPO_ROOT, "build/dataset");
  const loso = readLoso();
  const dataHash = trainingDataSha256();
  for (const warning of [
    staleDataWarning(dataHash, `${modelName} was`, manifest.training_data_sha256, "retrain (make model)"),
    loso && staleDataWarning(dataHash, "the leave-one-source-out fold models were", loso.trainingDataSha256, "retrain them (make eval-loso)"),
  ]) if (warning) console.log(warning);
  const fp = realTrafficFp(scoreRows(core, readRows(resolve(dataset, "test.jsonl"))));
  const requests = realRequestFp(core);
  // EVAL_HELDOUT=0 leaves the frozen held-out draws unscored: for judging a change on the other figures first (every
  // scoring of them is counted). The earlier draws are spent or steered, and always scored.
  const heldUnscored = process.env.EVAL_HELDOUT === "0" ? "Not scored (`EVAL_HELDOUT=0`)." : undefined;
  const frozenScored = FROZEN.map((set) => (heldUnscored ? null : evalSetFp(core, set)));
  const sets: Array<[EvalSet, EvalSetFp | null, string?]> = [
    ...FROZEN.map((set, i): [EvalSet, EvalSetFp | null, string?] => [set, frozenScored[i], heldUnscored]),
    ...[HELD_OUT_FOURTH_DRAW, HELD_OUT_THIRD_DRAW, HELD_OUT_SECOND_DRAW, HELD_OUT_FIRST_DRAW, PAGE_LOADS].map((set): [EvalSet, EvalSetFp | null] => [set, evalSetFp(core, set)]),
  ];
  const frozen = frozenTogether(frozenScored);
  const calib = calibrationLoo(core);
  const scored = scoreRows(core, readRows(resolve(dataset, "valid.jsonl")));
  for (const line of formatRealFp(fp)) console.log(line);
  for (const line of formatRequestFp(requests)) console.log(line);
  if (frozen) console.log(frozenTogetherLine(frozen));
  for (const [set, h, why] of sets) for (const line of formatEvalSet(set, h, why)) console.log(line);
  for (const line of formatCalibrationLoo(calib)) console.log(line);
  console.log(`  (model: ${modelName})`);
  for (const line of formatLoso(loso)) console.log(line);
  // The evasion suite with this model (make fuzz runs it on the shipped one): what a candidate of
  // make model must pass to be chosen (models/train.ts chooseModel).
  const evasion = evasionFailures(core);
  const worst = worstTechniques(evasion.byTechnique);
  console.log(`evasion suite (every variant): ${evasion.failing} failing${worst ? ` (${worst})` : ""}`);
  console.log("today's validation split (held out by source + payload family; near-duplicates of real captures on both sides):");
  for (const t of [10, 20, 30, 40, 50]) {
    const r = evaluate(scored, t);
    console.log(`  threshold ${t}: detection ${(100 * r.detection_rate!).toFixed(2)}%, false positives ${(100 * r.false_positive_rate!).toFixed(3)}%`);
  }
  const note = `False positives below: ${modelName}, scored through core.wasm like the filter.`;
  writeReport({ scored, manifest, command: blobFile ? `make eval MODEL=${relative(REPO_ROOT, blobFile)}` : "make eval", headline: realFpMarkdown(fp, requests, sets, calib, loso, note, frozen) });
  console.log("wrote models/REPORT.md and models/report/*.svg");
}

main().catch((e) => { console.error(e); process.exit(1); });
