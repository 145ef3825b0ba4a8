// Trains the attack scorer on build/dataset/train.jsonl, with features computed by core.wasm,
// quantizes it to int8, calibrates its score bands on the real-benign calibration origins
// (build/dataset/calib.jsonl) and writes models/artifacts/{model.bin,manifest.json}; then validates the
// int8 model through core.wasm on build/dataset/valid.jsonl. Run by `make model`; fitModel() is
// reused by loso.ts (`make eval-loso`). WAFSCORE_MODEL_OUT=<dir> writes the model there instead
// (e.g. build/model, to measure without touching the committed model) and skips REPORT.md.
//
// Deterministic: fixed seeds, a fixed visiting order, single-threaded float32 arithmetic; the
// same inputs write the same bytes.

import { mkdirSync, writeFileSync } from "node:fs";
import { resolve, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { Core, REPO_ROOT } from "../node/core";
import { readRows, EvalRow } from "../node/rows";
import { Featurized } from "./featurized";
import { Network } from "./network";
import { Rng } from "./data/rng";
import { quantize } from "./quantize";
import { writeBlob, sha256 } from "./export";
import { fitCuts, probabilityCuts, distinctParts, addLogit, allLogits, type LogitsByOrigin } from "./calibrate";
import { originOf } from "./data/origins";
import { skeleton, splitOf } from "./data/split";
import { scoreRows, evaluate } from "../node/eval";
import { writeReport } from "./report";
import { DEFAULT_THRESHOLD, trainingDataSha256, selectionFlagged } from "./yardstick";
import { evasionFailures, worstTechniques } from "../node/evasion";

export const HYPER = {
  seed: 1337,
  // 16,384 buckets x 32 dims = 512 KiB of int8 embedding, half what models before 2026-12-06 carried
  // (issue 11: the table every window reads from); the twenty-first round's 14-bit seeds flagged 4 to 8
  // parts of the spent draws where 15 bits' flagged 9 to 18, at the same leave-one-source-out mean.
  bucketBits: 14,
  hidden: 32,         // 64 cost twice the dense work per window for no better validation figures
  epochs: 8,
  lr: 0.25,           // embedding rate; linear decay to 0, as fastText does
  denseLr: 0.05,      // dense layers' rate, decayed alike
  classHeadWeight: 1.0,
  benignWeight: 1.5,  // a false positive costs more than a miss: users turn noisy WAFs off
  maxWindowsPerRow: 64,
  // 1: a row's instances are its windows and the pieces the zoom cuts from them (core/zoom.ts), as
  // the filter scores them; 0: its windows only, as every model before 2026-12-06 was trained.
  pieceInstances: 1,
  // Weights by what the semantic gate (core/confirm.ts) does with a window at serving time: a window
  // no class's lexer confirms is held under the attack bands whatever its logits, so only windows
  // some lexer confirms can be false positives or detections. Multipliers of a benign window's
  // weight when some lexer confirms it and when none does, and of an attack row's when none of its
  // windows is confirmed by any lexer; confirmedInstances 1 chooses an attack row's instance among
  // the windows the gate lets its class through. Off (1, 1, 1, 0): measured on 2026-12-05 with 3, 0.5,
  // 0.25 and 1 (WAFSCORE_HYPER), every seed failed no evasion variant (1 / 130 / 116 before) and the
  // calibration side's leave-one-origin-out false positives fell (47 -> 30 parts over three seeds),
  // but leave-one-source-out detection fell from a mean of 92.3% to 87.2% (with the choice of seed
  // tried with it; the two folds measured with chooseModel's read the same) and the shipped model's
  // false positives on the frozen held-out origins did not fall (0.222% -> 0.260% of parts at 20).
  confirmedBenignWeight: 1.0,
  unconfirmedBenignWeight: 1.0,
  unconfirmedAttackWeight: 1.0,
  confirmedInstances: 0,
  // The weights written are the mean of snapshots taken every quarter epoch over the last
  // averageEpochs epochs (stochastic weight averaging): one run's last steps move the benign tail,
  // and so the false positives at the band edges, more than anything else a retrain changes.
  averageEpochs: 2,
  snapshotsPerEpoch: 4,
};

/**
 * `make model` trains one model per seed and ships one by chooseModel's rule: retrains that differ only in
 * their seed flag two to three times as many real parts as each other, and only real origins rank them.
 * Fold models (loso.ts) are chosen alike, from the first LOSO_SEEDS of these (3 unless set). Fixed on
 * 2026-12-06, before any model of them was trained: seeds 1337, 4242 and 7 had been measured with the
 * rule's draws, so choosing among them would have been choosing on figures already seen.
 */
export const SEEDS: number[] = process.env.WAFSCORE_SEED ? [Number(process.env.WAFSCORE_SEED)] : [2027, 31337, 99, 555, 8128];
if (process.env.WAFSCORE_AVERAGE_EPOCHS) HYPER.averageEpochs = Number(process.env.WAFSCORE_AVERAGE_EPOCHS);
// For experiments: WAFSCORE_HYPER='{"confirmedBenignWeight":3}' overrides hyperparameters by name.
if (process.env.WAFSCORE_HYPER) {
  for (const [k, v] of Object.entries(JSON.parse(process.env.WAFSCORE_HYPER) as Record<string, number>)) {
    if (!(k in HYPER)) throw new Error(`WAFSCORE_HYPER: no hyperparameter "${k}" (${Object.keys(HYPER).join(", ")})`);
    (HYPER as Record<string, number>)[k] = v;
  }
}

const DATASET = resolve(REPO_ROOT, "build/dataset");
const ARTIFACTS = resolve(REPO_ROOT, "models/artifacts");

function log(msg: string) { process.stderr.write(`[train] ${msg}\n`); }

export function train(data: Featurized, heads: number): Network {
  const H = HYPER;
  const net = new Network({ bucketBits: H.bucketBits, hidden: H.hidden, heads }, H.seed);
  const rng = new Rng(H.seed + 1);
  const order = Array.from({ length: data.rows }, (_, i) => i);
  const gz = new Float32Array(heads);
  const total = H.epochs * data.rows;
  const average = new WeightAverage(net);
  const every = Math.max(1, Math.floor(data.rows / H.snapshotsPerEpoch));
  let step = 0;
  for (let epoch = 0; epoch < H.epochs; epoch++) {
    rng.shuffle(order);
    let loss = 0, seen = 0;
    const averaging = epoch >= H.epochs - H.averageEpochs;
    for (const r of order) {
      if (averaging && step % every === every - 1) average.add();
      const decay = 1 - step / total;
      const lr = H.lr * decay, denseLr = H.denseLr * decay;
      step++;
      const w0 = data.rowWin[r], w1 = data.rowWin[r + 1];
      if (w1 === w0) continue;
      const attack = data.label[r] === 1;
      let first = w0, last = w1;
      // With confirmedInstances, an attack row's instance is one of the windows the gate lets its
      // class through, else any class; a row with neither weighs unconfirmedAttackWeight.
      let need = 0, attackWeight = 1;
      if (attack && H.confirmedInstances) {
        need = 1 << data.klass[r];
        if (!anyConfirmed(data, w0, w1, need)) need = ~0 >>> 0;
        if (!anyConfirmed(data, w0, w1, need)) { need = 0; attackWeight = H.unconfirmedAttackWeight; }
      }
      if (attack && w1 - w0 > 1) {
        // Multiple-instance learning: an attack row's label belongs to the window that looks
        // most like an attack; its other windows (the benign rest of a long body) get no label.
        let best = w0, bestZ = -Infinity;
        for (let w = w0; w < w1; w++) {
          if (need !== 0 && (data.winConfirmed[w] & need) === 0) continue;
          const z = net.forward(data.feats, data.winStart[w], data.winCount[w])[0];
          if (z > bestZ) { bestZ = z; best = w; }
        }
        first = best; last = best + 1;
      }
      for (let w = first; w < last; w++) {
        const weight = attack ? attackWeight
          : H.benignWeight * (data.winConfirmed[w] !== 0 ? H.confirmedBenignWeight : H.unconfirmedBenignWeight);
        if (weight === 0) continue;
        const z = net.forward(data.feats, data.winStart[w], data.winCount[w]);
        for (let k = 0; k < heads; k++) {
          const t = k === 0 ? (attack ? 1 : 0) : (attack && data.klass[r] === k ? 1 : 0);
          const p = 1 / (1 + Math.exp(-z[k]));
          const hw = k === 0 ? 1 : H.classHeadWeight;
          gz[k] = weight * hw * (p - t);
          if (k === 0) loss += -Math.log(Math.max(1e-7, t ? p : 1 - p));
        }
        net.backward(data.feats, data.winStart[w], data.winCount[w], gz, lr, denseLr);
        seen++;
      }
    }
    log(`epoch ${epoch + 1}/${H.epochs}: attack-head log loss ${(loss / seen).toFixed(4)} over ${seen} windows`);
  }
  if (average.count > 0) {
    average.add(); // the last step's weights, too
    average.write();
    log(`weights: the mean of ${average.count} snapshots over the last ${H.averageEpochs} epochs`);
  }
  return net;
}

/** Whether some window of w0..w1 is confirmed by a lexer of the heads in `mask`. */
function anyConfirmed(data: Featurized, w0: number, w1: number, mask: number): boolean {
  for (let w = w0; w < w1; w++) if ((data.winConfirmed[w] & mask) !== 0) return true;
  return false;
}

/** Running sums of a network's weights, for the mean of snapshots (float64: a million sums of eight). */
class WeightAverage {
  count = 0;
  private readonly sums: Float64Array[];
  constructor(private readonly net: Network) {
    this.sums = this.params().map((p) => new Float64Array(p.length));
  }
  private params(): Float32Array[] { return [this.net.e, this.net.w1, this.net.b1, this.net.w2, this.net.b2]; }
  add(): void {
    const ps = this.params();
    for (let i = 0; i < ps.length; i++) {
      const p = ps[i], s = this.sums[i];
      for (let j = 0; j < p.length; j++) s[j] += p[j];
    }
    this.count++;
  }
  /** Writes the mean into the network's weights. */
  write(): void {
    const ps = this.params();
    for (let i = 0; i < ps.length; i++) {
      const p = ps[i], s = this.sums[i];
      for (let j = 0; j < p.length; j++) p[j] = s[j] / this.count;
    }
  }
}

/** The attack rows held out of fitting to anchor score 1 (the median attack); by source and skeleton. */
export const isAttackCalib = (r: EvalRow) => r.label === 1 && splitOf("calibration\u0000" + r.source + "\u0000" + skeleton(r.text)) === "valid";

export interface Fitted { blob: Uint8Array; manifest: Record<string, unknown> }

/**
 * Fits, quantizes and calibrates one model. Benign bands come from `calibBenign` (real traffic of
 * origins that are neither trained nor tested on), so a score at or under 20 means "reached by at
 * most 0.1% of the distinct real request parts of an origin the edge was not fitted on"
 * (calibrate.ts crossValidatedShare); score 1 sits at the median held-out attack. core
 * ends up running the new model.
 */
export function fitModel(core: Core, trainRows: EvalRow[], calibBenign: EvalRow[], dataHash: string): Fitted {
  const t0 = Date.now();
  calibBenign = distinctParts(calibBenign);
  const calibAttacks = trainRows.filter(isAttackCalib);
  const fitRows = trainRows.filter((r) => !isAttackCalib(r));
  log(`${fitRows.length} rows to fit; calibration: ${calibBenign.length} real benign (held-out origins), ${calibAttacks.length} attacks`);
  const rows = fitRows.map((r: EvalRow) => ({ text: r.text, label: r.label, class: r.class, where: r.where[0], source: r.source }));
  const data = Featurized.build(core, rows, HYPER.bucketBits, core.heads, HYPER.maxWindowsPerRow, HYPER.pieceInstances === 1);
  log(`featurized: ${data.windows} instances (${data.pieces} of them pieces), ${data.featCount} features (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

  const net = train(data, core.heads.length);
  log(`trained (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

  const q = quantize(net);
  const shape = { bucketBits: HYPER.bucketBits, hidden: HYPER.hidden, heads: core.heads.length };
  // Calibrate on the int8 model as the filter runs it: request logits through core.wasm.
  core.useModel(writeBlob(q, shape, core.heads.map(() => probabilityCuts()), dataHash, core.featureSpecVersion));
  const benignByOrigin = core.heads.map((): LogitsByOrigin => new Map());
  const attackLogits = core.heads.map(() => [] as number[]);
  for (const r of [...calibBenign, ...calibAttacks]) {
    const s = core.scoreParts(r.where.map((w) => [w, r.text] as [string, string]));
    const origin = originOf(r.source);
    for (let k = 0; k < core.heads.length; k++) {
      if (r.label === 0) addLogit(benignByOrigin[k], origin, s.logits[k]);
      else if (k === 0 || core.heads[k] === r.class) attackLogits[k].push(s.logits[k]);
    }
  }
  // Edges cross-validated by origin: the bands promise their shares on traffic they were not fitted on.
  const cuts = core.heads.map((_, k) => fitCuts(allLogits(benignByOrigin[k]), Float64Array.from(attackLogits[k]), benignByOrigin[k]));
  const blob = writeBlob(q, shape, cuts, dataHash, core.featureSpecVersion);
  core.useModel(blob);
  const manifest = {
    format_version: 1, feature_spec_version: core.featureSpecVersion,
    blob_sha256: sha256(blob), blob_bytes: blob.length,
    training_data_sha256: dataHash, training_rows: fitRows.length,
    calibration_rows: calibBenign.length + calibAttacks.length, calibration_benign: "real benign of calibration origins (build/dataset/calib.jsonl); band edges cross-validated by origin",
    heads: core.heads, shape: { ...shape, dim: 32 }, hyperparameters: { ...HYPER },
    quantization: { scheme: "int8 symmetric; embedding per column, dense per row", max_abs_error: q.maxError },
  };
  return { blob, manifest };
}

/** The validation false-positive rate at 20 a model may have to be chosen on detection. */
const MAX_VALID_FP = 0.001;

/**
 * Of the candidates within MAX_VALID_FP on validation, those failing the fewest evasion-suite variants; of
 * those, the fewest parts and whole requests of the selection draws (yardstick.ts SELECTION_DRAWS) flagged
 * at the default threshold, counted together; then the most detecting on validation. When none is within,
 * the one with the fewest false positives. (Validation detection decided where the selection draws now do
 * until 2026-12-06: it chose, among seeds passing the suite, one flagging 24 test-side parts over one
 * flagging 12; models/HISTORY.md, the twenty-first round.)
 */
export function chooseModel<C extends { detection: number; falsePositives: number; evasionFailures: number; selectionFlagged: number }>(candidates: C[]): C {
  const within = candidates.filter((c) => c.falsePositives <= MAX_VALID_FP);
  if (!within.length) return candidates.reduce((a, b) => (b.falsePositives < a.falsePositives ? b : a));
  const fewest = Math.min(...within.map((c) => c.evasionFailures));
  const passing = within.filter((c) => c.evasionFailures === fewest);
  const quietest = Math.min(...passing.map((c) => c.selectionFlagged));
  return passing.filter((c) => c.selectionFlagged === quietest).reduce((a, b) => (b.detection > a.detection ? b : a));
}

export interface Candidate { seed: number; fitted: Fitted; detection: number; falsePositives: number; evasionFailures: number; selectionFlagged: number }

/** One model per seed, each measured as chooseModel reads it: validation at 20, evasion-suite failures, the selection draws at 20. */
export function fitCandidates(core: Core, seeds: number[], trainRows: EvalRow[], calibBenign: EvalRow[], validRows: EvalRow[], dataHash: string): Candidate[] {
  return seeds.map((seed) => {
    HYPER.seed = seed;
    const fitted = fitModel(core, trainRows, calibBenign, dataHash);
    const v = evaluate(scoreRows(core, validRows), DEFAULT_THRESHOLD);
    const evasion = evasionFailures(core);
    const drawn = selectionFlagged(core);
    if (!drawn) throw new Error("the selection draws (models/yardstick.ts SELECTION_DRAWS) are missing: chooseModel needs them");
    const c = { seed, fitted, detection: v.detection_rate!, falsePositives: v.false_positive_rate!, evasionFailures: evasion.failing, selectionFlagged: drawn.parts + drawn.requests };
    const where = worstTechniques(evasion.byTechnique);
    log(`seed ${seed}: validation at threshold ${DEFAULT_THRESHOLD}: detection ${(100 * c.detection).toFixed(2)}%, false positives ${(100 * c.falsePositives).toFixed(3)}%; evasion suite: ${c.evasionFailures} variants failing${where ? ` (${where})` : ""}; selection draws at ${DEFAULT_THRESHOLD}: ${drawn.parts} parts, ${drawn.requests} requests`);
    return c;
  });
}

async function main() {
  const t0 = Date.now();
  const core = await Core.load();
  const trainRows = readRows(resolve(DATASET, "train.jsonl"));
  const validRows = readRows(resolve(DATASET, "valid.jsonl"));
  const calibRows = readRows(resolve(DATASET, "calib.jsonl"));
  const dataHash = trainingDataSha256();
  log(`${trainRows.length} training rows, ${validRows.length} validation rows, ${calibRows.length} calibration rows`);
  const candidates = fitCandidates(core, SEEDS, trainRows, calibRows, validRows, dataHash);
  const chosen = chooseModel(candidates);
  // Every candidate, for measuring the ones not shipped (make eval MODEL=build/candidates/seed-<n>/model.bin).
  for (const c of candidates) {
    const dir = resolve(REPO_ROOT, `build/candidates/seed-${c.seed}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(resolve(dir, "model.bin"), c.fitted.blob);
    writeFileSync(resolve(dir, "manifest.json"), JSON.stringify(c.fitted.manifest, null, 2) + "\n");
  }
  const { blob } = chosen.fitted;
  const manifest: Record<string, unknown> = {
    ...chosen.fitted.manifest,
    selection: {
      rule: `of one model per seed, among those with validation false positives at ${DEFAULT_THRESHOLD} <= ${100 * MAX_VALID_FP}%, the fewest failing evasion-suite variants, then the fewest parts and whole requests of the spent held-out draws flagged at ${DEFAULT_THRESHOLD}, then the highest validation detection at ${DEFAULT_THRESHOLD}; if none is within, the fewest false positives`,
      candidates: candidates.map((c) => ({ seed: c.seed, blob_sha256: c.fitted.manifest.blob_sha256, validation_detection: c.detection, validation_false_positives: c.falsePositives, evasion_failures: c.evasionFailures, selection_draws_flagged: c.selectionFlagged })),
      chosen_seed: chosen.seed,
    },
  };
  core.useModel(blob);

  const out = process.env.WAFSCORE_MODEL_OUT ? resolve(process.env.WAFSCORE_MODEL_OUT) : ARTIFACTS;
  mkdirSync(out, { recursive: true });
  writeFileSync(resolve(out, "model.bin"), blob);
  writeFileSync(resolve(out, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  log(`wrote ${relative(REPO_ROOT, out)}/model.bin (${blob.length} bytes), quantization max error ${JSON.stringify((manifest.quantization as { max_abs_error: unknown }).max_abs_error)}`);

  const scored = scoreRows(core, validRows);
  if (out === ARTIFACTS) writeReport({ scored, manifest, command: "make model" });
  const r = evaluate(scored, DEFAULT_THRESHOLD);
  log(`validation at threshold ${DEFAULT_THRESHOLD}: detection ${(100 * r.detection_rate!).toFixed(2)}%, false positives ${(100 * r.false_positive_rate!).toFixed(3)}%`);
  log(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main().catch((e) => { console.error(e); process.exit(1); });
