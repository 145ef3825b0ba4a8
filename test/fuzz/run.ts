// `make fuzz`, part 2: FUZZ_INPUTS (default 10,000,000) generated requests through core.wasm's
// inspectRequest on worker threads (FUZZ_WORKERS, default one per core), in batches; fails on the
// first trap, abort, score outside 1..99 or part longer than its source. Prints count and time.

import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { existsSync } from "node:fs";
import { CORE_PATH } from "../support/core";

const total = Number(process.env.FUZZ_INPUTS ?? 10_000_000);
const workers = Number(process.env.FUZZ_WORKERS ?? availableParallelism());
const seed = Number(process.env.FUZZ_SEED ?? 0x5eed);
const batch = 20_000;
const corePath = CORE_PATH; // $WAFSCORE_CORE (e.g. a debug build) or build/core.wasm
if (!existsSync(corePath)) throw new Error(`${corePath} not found; run \`make build\``);

const t0 = performance.now();
let scored = 0;
let lastReport = 0;
const per = Math.ceil(total / workers);
console.log(`fuzz: ${total.toLocaleString("en")} inputs on ${workers} worker(s), seed ${seed}`);

const runs = Array.from({ length: workers }, (_, i) => new Promise<void>((ok, fail) => {
  const count = Math.min(per, total - per * i);
  const w = new Worker(new URL("./worker.mjs", import.meta.url), {
    workerData: { seed: seed + i * 0x9e3779b1, count, batch, corePath },
  });
  w.on("message", (m) => {
    if (m.kind === "batch") {
      scored += m.n;
      const s = (performance.now() - t0) / 1000;
      if (s - lastReport >= 30) {
        lastReport = s;
        console.log(`  ${scored.toLocaleString("en")} inputs, ${s.toFixed(0)} s, ${Math.round(scored / s).toLocaleString("en")}/s`);
      }
    } else if (m.kind === "fail") {
      console.error(`FAIL worker seed ${m.seed} input #${m.index}: ${m.err}\n  head ${m.head}\n  body ${m.body}`);
      fail(new Error(m.err));
    } else if (m.kind === "done") ok();
  });
  w.on("error", fail);
  w.on("exit", (code) => (code === 0 ? ok() : fail(new Error(`worker exited with ${code}`))));
}));

try {
  await Promise.all(runs);
} catch (e) {
  console.error(`fuzz: failed after ${scored.toLocaleString("en")} inputs: ${(e as Error).message}`);
  process.exit(1);
}
const secs = (performance.now() - t0) / 1000;
console.log(`fuzz: ${scored.toLocaleString("en")} core inputs in ${secs.toFixed(1)} s (${Math.round(scored / secs).toLocaleString("en")}/s): no trap, no abort, scores in 1..99, no part longer than its source`);
