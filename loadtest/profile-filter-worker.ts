// Drives the whole filter (build/wafscore.profile.wasm) through the proxy-wasm host emulator for
// loadtest/profile-filter.ts, which starts it under callgrind: os.loadavg() (libuv's uv_loadavg)
// marks where callgrind dumps, so the dump between two calls holds one scenario's timed requests.
// Each request is a new stream: headers, the body in one chunk, then the stream's end, as Envoy
// calls a filter; each run has its own plugin configuration (a new VM).

import { readFileSync } from "node:fs";
import os from "node:os";
import { Host } from "../test/host/emulator.ts";

interface Spec { wasm: string; runs: { name: string; config: object; warm: number; iters: number; head: Array<[string, string]>; body: string | null }[] }

const spec = JSON.parse(readFileSync(process.argv[2], "utf8")) as Spec;
let blocked = 0;
for (const r of spec.runs) {
  const host = await Host.create({ wasmPath: spec.wasm, pluginConfig: r.config });
  const body = r.body === null ? null : Buffer.from(r.body, "base64");
  const once = () => {
    const s = host.request();
    s.headers(r.head, body === null);
    if (body !== null) s.body(body, true);
    if (s.localResponse) blocked++;
    s.close();
  };
  for (let i = 0; i < r.warm; i++) once();
  os.loadavg();
  for (let i = 0; i < r.iters; i++) once();
  os.loadavg();
}
if (blocked === -1) console.log(blocked);
