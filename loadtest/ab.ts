// `make ab`: two core.wasm builds timed side by side in one Node process on the bench bodies, as
// `make bench` times one (pre-encoded bytes, Core.overallScore): the two alternate round by round,
// so that a busy machine slows both alike. Prints each body's p50 µs per build (median of the
// rounds) and after ÷ before. For a change whose instructions (`make profile`) and time may part:
// cache misses and mispredicted branches cost time that instruction counts do not show.
// Usage: tsx loadtest/ab.ts before.wasm after.wasm; AB_BODIES=<regex> picks bodies, AB_ROUNDS (10).
// AB_BETWEEN says what runs between two timed calls, untimed: nothing (the default), `parse`
// (JSON.parse of the body's bytes, UTF-8 decode included, as issue 11's Node ratio alternates
// them in `make bench`; a body that is not JSON: the decode and the parse's error) or
// `sweep:<KiB>` (a read of every 64-byte line of a buffer that size). What ran before a call costs
// it time by what it left in the caches and predictors: on the 16 KiB JSON body, JSON.parse
// between calls cost the core 11–12% (loadtest/HISTORY.md, thirty-sixth round).
import { Core, serializeHead } from "../node/core.ts";
import { partRequest } from "../node/http.ts";
import { quantile } from "./core.ts";
import { readScenarios } from "./scenarios.ts";

const [before, after] = process.argv.slice(2);
if (!before || !after) { console.error("usage: tsx loadtest/ab.ts before.wasm after.wasm"); process.exit(2); }
const cores = [await Core.load(before), await Core.load(after)];
const file = readScenarios();
const pick = new RegExp(process.env.AB_BODIES ?? ".");
const rounds = Number(process.env.AB_ROUNDS ?? 10);
const enc = new TextEncoder();
const dec = new TextDecoder();
// What AB_BETWEEN runs adds into this, so that V8 cannot drop the work.
let sink = 0;
const between = betweenCalls(process.env.AB_BETWEEN ?? "none");
const median = (x: number[]) => quantile([...x].sort((a, b) => a - b), 0.5);

console.log(`| body | bytes | before p50 µs | after p50 µs | after ÷ before |`);
console.log(`|---|---:|---:|---:|---:|`);
for (const [key, b] of Object.entries(file.core)) {
  if (!pick.test(key)) continue;
  const req = partRequest(b.where, enc.encode(b.text));
  const head = serializeHead(req.head);
  const body = req.body as Uint8Array | undefined;
  // About 20 ms a round and build: enough calls that the clock's grain and one GC step average out.
  const n = Math.max(20, Math.round(20000 / Math.max(1, b.bytes / 64)));
  for (const c of cores) for (let i = 0; i < Math.max(50, n); i++) c.overallScore(head, body);
  const p50: number[][] = [[], []];
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < 2; k++) {
      // Which build goes first alternates, so neither always runs on the caches the other left.
      const which = (r + k) % 2;
      const t = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        between(body ?? head);
        const t0 = process.hrtime.bigint();
        cores[which].overallScore(head, body);
        t[i] = Number(process.hrtime.bigint() - t0) / 1000;
      }
      t.sort();
      p50[which].push(quantile(t, 0.5));
    }
  }
  const a = median(p50[0]), z = median(p50[1]);
  console.log(`| ${key} | ${b.bytes} | ${a.toFixed(2)} | ${z.toFixed(2)} | ${(z / a).toFixed(3)} |`);
}

// What runs between two timed calls (AB_BETWEEN).
function betweenCalls(spec: string): (bytes: Uint8Array) => void {
  if (spec === "none") return () => {};
  if (spec === "parse") {
    return (bytes) => {
      // A form body is no JSON: its decode and the parse's error run instead.
      try { sink += JSON.parse(dec.decode(bytes)) ? 1 : 0; } catch { sink += 2; }
    };
  }
  const m = /^sweep:(\d+)$/.exec(spec);
  if (m) {
    const buf = new Uint8Array(Number(m[1]) << 10);
    return () => { for (let i = 0; i < buf.length; i += 64) sink += buf[i]; };
  }
  console.error(`AB_BETWEEN=${spec}: expected none, parse or sweep:<KiB>`);
  process.exit(2);
}
process.on("exit", () => { if (sink === -1) console.log(sink); });
