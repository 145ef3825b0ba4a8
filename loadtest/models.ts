// `make bench-models MODELS="a.bin b.bin"`: the core in Node with each model blob, timed against JSON.parse
// of the same bodies as `make bench`'s large-body rows are (loadtest/core.ts benchVsJsonParse), the models
// taking turns round by round in one process, so that a shape's cost (the embedding table's size, which
// instructions alone do not show: make profile counts the same instructions for any table) is read side by
// side on a shared machine. One core instance per model, each with its own memory, as one filter VM has.

import { readFileSync } from "node:fs";
import path from "node:path";
import { Core } from "../node/core.ts";
import { benchVsJsonParse, JSON_PARSE_BODIES } from "./core.ts";
import { median } from "./envoy.ts";
import { readScenarios } from "./scenarios.ts";

const spread = (xs: number[]) => `${Math.min(...xs).toFixed(3)}–${Math.max(...xs).toFixed(3)}`;

async function main() {
  const blobs = (process.env.MODELS ?? "").split(/\s+/).filter(Boolean);
  const wasms = (process.env.CORES ?? "").split(/\s+/).filter(Boolean);
  if (blobs.length === 0 && wasms.length === 0) throw new Error('MODELS: give one or more model blobs, e.g. MODELS="models/artifacts/model.bin build/model/model.bin" (or CORES="a.wasm b.wasm" to compare cores)');
  if (wasms.length > 0 && blobs.length > 1) throw new Error("CORES: compare cores with one model at most (MODELS)");
  const models = wasms.length > 0 ? wasms : blobs;
  const rounds = Number(process.env.BENCH_ROUNDS ?? 7);
  const file = readScenarios();
  const cores: Core[] = [];
  for (const m of models) {
    const core = wasms.length > 0 ? await Core.load(path.resolve(m)) : await Core.load();
    const blob = wasms.length > 0 ? blobs[0] : m;
    if (blob) core.useModel(readFileSync(path.resolve(blob)));
    cores.push(core);
  }
  const ratios = models.map(() => ({ "16k": [] as number[], "128k": [] as number[] }));
  const micros = models.map(() => ({ "16k": [] as number[], "128k": [] as number[] }));
  for (let r = 0; r < rounds; r++) {
    // Turns rotate, so no model always runs first in a round.
    for (let k = 0; k < models.length; k++) {
      const i = (r + k) % models.length;
      const out = await benchVsJsonParse(file, 1, undefined, cores[i]);
      for (const size of Object.keys(JSON_PARSE_BODIES) as Array<keyof typeof JSON_PARSE_BODIES>) {
        ratios[i][size].push(out[size].ratio[0]);
        micros[i][size].push(out[size].score_p50_us[0]);
      }
    }
    process.stderr.write(`[bench-models] round ${r + 1}/${rounds}\n`);
  }
  console.log(`core ÷ JSON.parse (p50 per round), ${rounds} rounds, medians (min–max); the ${wasms.length > 0 ? "cores" : "models"} took turns in one process:`);
  console.log(`| ${wasms.length > 0 ? "core" : "model"} | 16 KiB JSON | 128 KiB JSON | core p50 µs, 16 / 128 KiB |`);
  console.log("|---|---:|---:|---:|");
  models.forEach((m, i) => {
    const r = ratios[i], u = micros[i];
    console.log(`| ${m} | ${median(r["16k"]).toFixed(3)} (${spread(r["16k"])}) | ${median(r["128k"]).toFixed(3)} (${spread(r["128k"])}) | ${median(u["16k"]).toFixed(1)} / ${median(u["128k"]).toFixed(1)} |`);
  });
}

main().catch((e) => { console.error(e); process.exit(1); });
