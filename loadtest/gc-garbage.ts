// `make gc-garbage`: what a stream leaves in the filter's memory for filter/glue/gc.ts to collect,
// the figure its per-stream charge stands on. Drives build/wafscore.nogc.wasm (the release filter
// built with collection off: `--use WAFSCORE_GC_BUDGET=2147483647`) through the host emulator
// (test/host/emulator.ts) with the default configuration: a warm-up, then many streams of one kind,
// and the linear memory's growth over them divided by their number (memory grows in 64 KiB pages,
// hence the many streams). Kinds: a short GET as the bench sends it, a 1 KiB form POST, a 16 KiB
// JSON POST (loadtest/scenarios.json's bodies). Then a collection's time: short GETs through
// build/wafscore.gcevery.wasm (a budget of 1 byte: a collection at every stream's end) and the
// filter without collection, alternating, in Node on this machine.

import path from "node:path";
import { REPO_ROOT } from "../node/core.ts";
import { Host, type Pairs } from "../test/host/emulator.ts";
import { median } from "./envoy.ts";
import { readScenarios } from "./scenarios.ts";

const WASM = path.join(REPO_ROOT, "build/wafscore.nogc.wasm");
const WASM_GC_EVERY = path.join(REPO_ROOT, "build/wafscore.gcevery.wasm");

function getHead(i: number, contentType: string | null, method: string): Pairs {
  const head: Pairs = [[":authority", "shop.example"], [":path", `/products?q=running+shoes&page=${i}`],
    [":method", method], [":scheme", "http"], ["user-agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/124.0"],
    ["accept", "text/html"], ["x-request-id", `gc-${i}`]];
  if (contentType) head.push(["content-type", contentType]);
  return head;
}

async function main(): Promise<void> {
  const file = readScenarios();
  const kinds: Array<{ name: string; contentType: string | null; body: string | null; streams: number }> = [
    { name: "short GET", contentType: null, body: null, streams: 20000 },
    { name: "1 KiB form POST", contentType: "application/x-www-form-urlencoded", body: file.core.form_benign_1024.text, streams: 20000 },
    { name: "16 KiB JSON POST", contentType: "application/json", body: file.core.json_benign_16384.text, streams: 2000 },
  ];
  console.log("| stream | bytes left per stream | of which the host copied in |\n|---|---:|---:|");
  for (const k of kinds) {
    const host = await Host.create({ wasmPath: WASM, pluginConfig: {} });
    let copied = 0;
    const run = (n: number) => {
      for (let i = 0; i < n; i++) {
        const head = getHead(i, k.contentType, k.body === null ? "GET" : "POST");
        const s = host.request();
        s.headers(head, k.body === null);
        if (k.body !== null) s.body(k.body, true);
        s.close();
        copied += head.reduce((sum, [a, b]) => sum + a.length + b.length + 10, 4) + (k.body?.length ?? 0);
      }
    };
    run(200);
    const before = host.memoryBytes;
    copied = 0;
    run(k.streams);
    if (host.failed) throw new Error(`gc-garbage: the VM trapped: ${host.failed.message}`);
    console.log(`| ${k.name} | ${Math.round((host.memoryBytes - before) / k.streams)} | ~${Math.round(copied / k.streams)} |`);
  }

  // A collection's time: µs per short GET with a collection at its end, less without one.
  const hosts = [await Host.create({ wasmPath: WASM, pluginConfig: {} }), await Host.create({ wasmPath: WASM_GC_EVERY, pluginConfig: {} })];
  const perStream = (host: Host, n: number) => {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const s = host.request();
      s.headers(getHead(i, null, "GET"), true);
      s.close();
    }
    return ((performance.now() - t0) * 1000) / n;
  };
  for (const h of hosts) perStream(h, 500);
  const rounds: number[][] = [[], []];
  for (let r = 0; r < 7; r++) hosts.forEach((h, k) => rounds[k].push(perStream(h, 1000)));
  const [off, every] = rounds.map(median);
  console.log(`\nshort GET through the emulator, µs per stream (median of 7 rounds of 1,000): collection off ${off.toFixed(1)}, ` +
    `a collection at each stream's end ${every.toFixed(1)}: a collection ~${(every - off).toFixed(0)} µs`);
}

main().catch((e) => { console.error(e instanceof Error ? e.message : e); process.exit(1); });
