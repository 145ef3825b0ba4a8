// Runs the scoring core (a core.wasm) on the bodies of a spec file, for loadtest/profile.ts, which
// starts it under `valgrind --tool=callgrind --dump-before=uv_loadavg`: plain JavaScript, no tsx.
//
// Each body: a warm-up (every function the body reaches is compiled), then os.loadavg(), then
// `iters` timed calls, then os.loadavg() again. os.loadavg() is libuv's uv_loadavg, so callgrind
// dumps its counters right before it: the dump between two calls holds the `iters` calls alone.
// Kinds: "score" (the core, what the filter does per request) or "json" (JSON.parse of the body's
// UTF-8 decoding, the yardstick of issue 11).

import { readFileSync } from "node:fs";
import os from "node:os";

const spec = JSON.parse(readFileSync(process.argv[2], "utf8"));
const { instance } = await WebAssembly.instantiate(readFileSync(spec.wasm), {
  env: { abort() { throw new Error("core.wasm aborted"); } },
});
const x = instance.exports;
const utf8 = new TextDecoder();

// Node's Core.put (node/core.ts): the bytes into the core's input buffer.
function put(bytes, offset) {
  const n = Math.max(0, Math.min(bytes.length, x.inputCapacity() - offset));
  new Uint8Array(x.memory.buffer, x.inputPtr() + offset, n).set(bytes.subarray(0, n));
  return n;
}

function score(head, body) {
  const h = put(head, 0);
  const b = body === undefined ? 0 : put(body, h);
  x.inspectRequest(h, b);
  return x.requestScore(0);
}

let sink = 0;
for (const s of spec.runs) {
  const head = Buffer.from(s.head, "base64");
  const body = s.body === null ? undefined : new Uint8Array(Buffer.from(s.body, "base64"));
  const once = s.kind === "json" ? () => JSON.parse(utf8.decode(body)) : () => score(head, body);
  for (let i = 0; i < s.warm; i++) sink += once() ? 1 : 0;
  os.loadavg();
  for (let i = 0; i < s.iters; i++) sink += once() ? 1 : 0;
  os.loadavg();
}
// Keeps the results alive, so no call can be optimised away.
if (sink === -1) console.log(sink);
