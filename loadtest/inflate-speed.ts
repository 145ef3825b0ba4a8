// Times filter/decode/inflate.ts in Node's V8 (build/core.wasm's inflate test hooks) against Node's zlib.
// Run by hand: `npx tsx loadtest/inflate-speed.ts`; prints MB/s, not part of `make test` or `make bench`.
//
// The body is scenarios.json's 128 KiB benign JSON (dataset rows, so it compresses like real
// traffic, not like a repeated template). Throughput is output bytes per second, both sides
// decoding the same bytes from memory; zlib's figure includes its Buffer allocation, ours
// the copy of the compressed bytes into wasm memory. Last line: a hostile stream of tiny
// dynamic blocks with 15-bit codes, whose cost is table building per input byte.

import { readFileSync } from "node:fs";
import zlib from "node:zlib";
import { CORE_WASM } from "../node/core.ts";
import { BitWriter, lengths, writeDynamicBlock } from "../test/support/deflate.ts";
import { readScenarios } from "./scenarios.ts";

const GZIP = 1, DEFLATE = 2, RAW = 3;
const BODY_KEY = "json_benign_131072";
const OUT_CAP = 4 << 20;
const MIN_SECONDS = 1;

interface InflateExports {
  memory: WebAssembly.Memory;
  inputPtr(): number;
  inflateInput(srcLen: number, format: number, cap: number, ratio: number): number;
}

function timeLoop(fn: () => void): number { // seconds per call: repeat for MIN_SECONDS after a warm-up
  for (let i = 0; i < 50; i++) fn();
  let calls = 0;
  const t0 = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < MIN_SECONDS) {
    for (let i = 0; i < 20; i++) fn();
    calls += 20;
    elapsed = Number(process.hrtime.bigint() - t0) / 1e9;
  }
  return elapsed / calls;
}

const { instance } = await WebAssembly.instantiate(readFileSync(CORE_WASM), {
  env: { abort() { throw new Error("core.wasm aborted"); } },
});
const x = instance.exports as unknown as InflateExports;
function ours(z: Buffer, format: number): () => void {
  return () => {
    new Uint8Array(x.memory.buffer, x.inputPtr(), z.length).set(z);
    if (x.inflateInput(z.length, format, OUT_CAP, 0) < 0) throw new Error("inflate failed");
  };
}

const file = readScenarios();
const body = Buffer.from(file.core[BODY_KEY].text);
const mb = (bytes: number, seconds: number) => (bytes / seconds / 1e6).toFixed(0).padStart(6);

console.log(`inflate: ${BODY_KEY} (${body.length} bytes), output MB/s in Node ${process.version}`);
for (const [name, format, z, nodeDecode] of [
  ["deflate (zlib) level 6", DEFLATE, zlib.deflateSync(body), zlib.inflateSync],
  ["gzip level 6", GZIP, zlib.gzipSync(body), zlib.gunzipSync],
  ["gzip level 1", GZIP, zlib.gzipSync(body, { level: 1 }), zlib.gunzipSync],
  ["gzip level 9", GZIP, zlib.gzipSync(body, { level: 9 }), zlib.gunzipSync],
] as const) {
  const a = timeLoop(ours(z, format));
  const b = timeLoop(() => nodeDecode(z));
  console.log(`  ${name.padEnd(24)} ${String(z.length).padStart(6)} B in   wafscore ${mb(body.length, a)}   zlib ${mb(body.length, b)}`);
}

// Hostile: non-final dynamic blocks that each hold only an end-of-block, under a litlen code
// with every length 1..15 (a full 10-bit root table plus subtables to build per ~20 bytes).
const w = new BitWriter();
const lit = lengths(257, { 256: 15 });
for (let i = 0; i < 15; i++) lit[i] = i + 1;
let blocks = 0;
while (w.length() < 1 << 20) { writeDynamicBlock(w, 0, lit, [1], (e) => e.lit(256)); blocks++; }
w.bits(1, 1).bits(1, 2).code(0, 7); // a final fixed block with only end-of-block
const hostile = w.done();
zlib.inflateRawSync(hostile); // valid
const h = timeLoop(ours(hostile, RAW));
const hn = timeLoop(() => zlib.inflateRawSync(hostile));
console.log(`  hostile: ${blocks} empty dynamic blocks in ${hostile.length} B: wafscore ${(h * 1e3).toFixed(1)} ms ` +
  `(${mb(hostile.length, h)} MB/s of input), zlib ${(hn * 1e3).toFixed(1)} ms`);
