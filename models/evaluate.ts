// `make eval`: scores build/dataset/valid.jsonl with the model embedded in build/core.wasm and
// regenerates models/REPORT.md and its charts, without training.

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Core, REPO_ROOT } from "../node/core";
import { readRows } from "../node/rows";
import { scoreRows, evaluate } from "../node/eval";
import { writeReport } from "./report";

async function main() {
  const core = await Core.load();
  const err = core.modelError();
  if (err) throw new Error(err);
  const manifest = JSON.parse(readFileSync(resolve(REPO_ROOT, "models/artifacts/manifest.json"), "utf8"));
  const scored = scoreRows(core, readRows(resolve(REPO_ROOT, "build/dataset/valid.jsonl")));
  writeReport({ scored, manifest, command: "make eval" });
  for (const t of [10, 20, 30, 40, 50]) {
    const r = evaluate(scored, t);
    console.log(`threshold ${t}: detection ${(100 * r.detection_rate!).toFixed(2)}%, false positives ${(100 * r.false_positive_rate!).toFixed(3)}%`);
  }
  console.log("wrote models/REPORT.md and models/report/*.svg");
}

main().catch((e) => { console.error(e); process.exit(1); });
