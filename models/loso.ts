// `make eval-loso`: leave-one-source-out. For each payload collection in data/origins.ts FOLDS, trains a
// model without its rows (train.ts's fitModel, same hyperparameters), calibrates it on the real-benign
// calibration origins and measures detection on every row of the collection at threshold 20, and the
// fold model's false positives on the real-traffic test origins. Writes build/loso.json (read by
// `make eval`) and the fold models to build/loso/<fold>.bin; nothing here is committed.
// Knobs: LOSO_FOLDS=a,b (only those folds), LOSO_BENIGN=0.5 (subsample benign training rows, to save time).

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { Core, REPO_ROOT } from "./wasm";
import { readRows, EvalRow } from "./rows";
import { scoreRows } from "./eval";
import { sha256 } from "./export";
import { fitModel, HYPER } from "./train";
import { FOLDS, foldOf } from "./data/origins";
import { hash32 } from "./data/rng";
import { DEFAULT_THRESHOLD, LOSO_FILE, formatLoso, type Loso, type LosoFold } from "./yardstick";

const DATASET = resolve(REPO_ROOT, "build/dataset");

async function main() {
  const t0 = Date.now();
  const core = await Core.load();
  const trainRows = readRows(resolve(DATASET, "train.jsonl"));
  const validRows = readRows(resolve(DATASET, "valid.jsonl"));
  const calibRows = readRows(resolve(DATASET, "calib.jsonl"));
  const testRows = readRows(resolve(DATASET, "test.jsonl"));
  const benignShare = process.env.LOSO_BENIGN ? Number(process.env.LOSO_BENIGN) : 1;
  const only = process.env.LOSO_FOLDS ? new Set(process.env.LOSO_FOLDS.split(",")) : null;
  // Subsampling (only when asked) is by text hash: the same rows for every fold.
  const keepBenign = (r: EvalRow) => benignShare >= 1 || hash32("loso\u0000" + r.text) / 4294967296 < benignShare;
  const dataHash = sha256(readFileSync(resolve(DATASET, "train.jsonl")));
  const folds: LosoFold[] = [];
  mkdirSync(resolve(REPO_ROOT, "build/loso"), { recursive: true });
  for (const fold of FOLDS) {
    if (only && !only.has(fold.name)) continue;
    const t1 = Date.now();
    const inFold = (r: EvalRow) => foldOf(r.source) === fold.name;
    const heldOut = [...trainRows, ...validRows].filter((r) => r.label === 1 && inFold(r));
    const fit = trainRows.filter((r) => !inFold(r) && (r.label === 1 || keepBenign(r)));
    process.stderr.write(`[loso] ${fold.name}: training on ${fit.length} rows without ${heldOut.length} attack rows of ${fold.about}\n`);
    const { blob } = fitModel(core, fit, calibRows, dataHash);
    writeFileSync(resolve(REPO_ROOT, `build/loso/${fold.name}.bin`), blob);
    const detected = scoreRows(core, heldOut).filter((s) => s.score <= DEFAULT_THRESHOLD).length;
    const testFlagged = scoreRows(core, testRows).filter((s) => s.score <= DEFAULT_THRESHOLD).length;
    const seconds = Math.round((Date.now() - t1) / 1000);
    folds.push({ name: fold.name, about: fold.about, sources: new Set(heldOut.map((r) => r.source)).size, attacks: heldOut.length, detected, testFlagged, testParts: testRows.length, seconds });
    process.stderr.write(`[loso] ${fold.name}: detection ${((100 * detected) / heldOut.length).toFixed(1)}% (${detected}/${heldOut.length}), real-traffic FP ${testFlagged}/${testRows.length}, ${seconds} s\n`);
  }
  const loso: Loso = {
    generated: new Date().toISOString(),
    model: `fold models trained from build/dataset/train.jsonl sha256 ${dataHash.slice(0, 8)}…`,
    epochs: HYPER.epochs,
    benignSubsample: benignShare,
    folds,
  };
  writeFileSync(LOSO_FILE, JSON.stringify(loso, null, 2) + "\n");
  for (const line of formatLoso(loso)) console.log(line);
  console.log(`wrote build/loso.json in ${Math.round((Date.now() - t0) / 1000)} s`);
}

main().catch((e) => { console.error(e); process.exit(1); });
