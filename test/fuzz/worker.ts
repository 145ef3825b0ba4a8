// One fuzz worker: scores batches of generated inputs through core.wasm's inspectRequest and
// checks each result. Started by test/fuzz/run.ts (worker_threads); reports counts per batch,
// or the first failing input (hex) with the seed and index that reproduce it.

import { parentPort, workerData } from "node:worker_threads";
import { Core } from "../support/core";
import { InputMaker } from "./inputs";

interface Job { seed: number; count: number; batch: number; corePath?: string }
const job = workerData as Job;

// The core's own exports: the fuzzer writes raw (possibly malformed) heads, which Core's
// request API cannot express. The names are filter/core/index.ts's.
interface Exports {
  memory: WebAssembly.Memory;
  inputPtr(): number; inputCapacity(): number;
  inspectRequest(headLen: number, bodyLen: number): void;
  requestScore(k: number): number; requestBodyLength(): number;
  traceTexts(): number; tracePtr(): number; traceLen(): number;
}

const core = await Core.load(job.corePath);
const x = (core as unknown as { x: Exports }).x;
const heads = core.heads.length;
const wheres = core.description.wheres;
const BODY_WHERE = wheres.map((w) => w.startsWith("body:"));
const capacity = x.inputCapacity();
const maker = new InputMaker(job.seed);

function hex(b: Uint8Array): string { return Buffer.from(b.subarray(0, 4096)).toString("hex"); }

function check(head: Uint8Array, body: Uint8Array): string | null {
  const h = Math.min(head.length, capacity);
  const b = Math.min(body.length, capacity - h);
  const mem = new Uint8Array(x.memory.buffer);
  const p = x.inputPtr();
  mem.set(head.subarray(0, h), p);
  mem.set(body.subarray(0, b), p + h);
  try {
    x.inspectRequest(h, b);
    for (let k = 0; k < heads; k++) {
      const s = x.requestScore(k);
      if (!Number.isInteger(s) || s < 1 || s > 99) return `score ${s} out of 1..99 (head ${k})`;
    }
    // Parts never longer than what they came from: the body (as split: inflated, or transcoded from
    // UTF-16/32, whose UTF-8 may be longer than its bytes), or the head.
    const bodyLimit = Math.max(b, x.requestBodyLength());
    const n = x.traceTexts();
    const v = new DataView(x.memory.buffer, x.tracePtr(), x.traceLen());
    let o = 0;
    for (let i = 0; i < n; i++) {
      const w = v.getUint32(o, true), nl = v.getUint32(o + 8, true), tl = v.getUint32(o + 12, true);
      const limit = BODY_WHERE[w] ? bodyLimit : h;
      if (w >= wheres.length) return `part ${i} has where ${w}`;
      if (tl > limit) return `part ${i} (${wheres[w]}) is ${tl} bytes from ${limit}`;
      o += 16 + nl + tl;
    }
    return null;
  } catch (e) {
    return `trap or abort: ${(e as Error).message}`;
  }
}

let done = 0;
while (done < job.count) {
  const n = Math.min(job.batch, job.count - done);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const { head, body } = maker.next();
    const err = check(head, body);
    if (err) {
      parentPort!.postMessage({ kind: "fail", seed: job.seed, index: done + i, err, head: hex(head), body: hex(body) });
      process.exit(1);
    }
  }
  done += n;
  parentPort!.postMessage({ kind: "batch", n, ms: performance.now() - t0 });
}
parentPort!.postMessage({ kind: "done" });
