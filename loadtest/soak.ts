// `make soak`: a million mixed-size requests through Envoy with the filter; Envoy's memory must stay flat.
// Called by the Makefile (Bench group) under `taskset -c $BENCH_LOAD_CPU`; SOAK_REQUESTS= shortens it.
//
// Envoy 1.40 has no wasm VM memory gauge (its wasm stats are wasm.<runtime>.created/active and
// wasm.wasm_vm_count), so the filter reports its own: the gauge wafscore_vm_memory_bytes, the
// VM's linear memory (memory.size() x 64 KiB; it grows when the VM leaks and never shrinks).
// Beside it: admin /memory `allocated` (tcmalloc heap, Envoy's own allocations) and the
// process RSS, which includes the V8 wasm linear memory (V8 maps it outside tcmalloc).
// The first sample is taken after a warm-up, so JIT tiering and pool growth are not counted.

import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../node/core.ts";
import { drive } from "./envoy.ts";
import { readScenarios, type BenchRequest, type ScenarioFile } from "./scenarios.ts";
import { envoyMemory, envoyStats, startEnvoy, startUpstream } from "./stack.ts";

const TOTAL = Number(process.env.SOAK_REQUESTS ?? 1_000_000);
const SAMPLES = 10;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4);
// Growth allowed between the warm sample and the end, in bytes: a leak of 4 bytes per request
// over a million requests would already exceed it.
const MAX_GROWTH_BYTES = Number(process.env.SOAK_MAX_GROWTH_BYTES ?? 4 * 2 ** 20);

/** Mostly small requests (benign and attack rows), 1 in 25 a 16 KiB JSON, 1 in 500 a 128 KiB body. */
function soakMix(file: ScenarioFile): BenchRequest[] {
  const s = file.scenarios;
  const small = [...s.benign_mix.requests, ...s.attack_mix.requests, ...s.get_query.requests, ...s.post_form_1k.requests];
  const out: BenchRequest[] = [];
  for (let i = 0; i < 500; i++) {
    if (i % 500 === 250) out.push(s.large_bodies.requests[Math.floor(i / 500) % s.large_bodies.requests.length]);
    else if (i % 25 === 12) out.push(s.post_json_16k.requests[Math.floor(i / 25) % s.post_json_16k.requests.length]);
    else out.push(small[i % small.length]);
  }
  return out;
}

const mib = (b: number) => Math.round((b / 2 ** 20) * 100) / 100;

async function main(): Promise<void> {
  const file = readScenarios();
  const reqs = soakMix(file);
  const upstream = await startUpstream();
  const envoy = await startEnvoy({ wasm: true, upstreamPort: upstream.port });
  const t0 = Date.now();
  try {
    const sample = async (sent: number) => {
      const m = await envoyMemory(envoy.adminUrl);
      const vm = (await envoyStats(envoy.adminUrl, "wafscore_vm_memory_bytes"))["wasmcustom.wafscore_vm_memory_bytes"] ?? NaN;
      const s = { sent, vm_memory_bytes: vm, allocated_bytes: m.allocated, heap_size_bytes: m.heapSize, rss_bytes: envoy.rssBytes() };
      console.error(`soak: ${sent} requests: VM ${mib(s.vm_memory_bytes)} MiB, allocated ${mib(s.allocated_bytes)} MiB, heap ${mib(s.heap_size_bytes)} MiB, RSS ${mib(s.rss_bytes)} MiB`);
      return s;
    };
    const warm = Math.min(20_000, Math.max(1000, Math.floor(TOTAL / 20)));
    await drive(envoy, reqs, 0, CONNECTIONS, warm);
    const samples = [await sample(0)];
    let unexpected = 0, errors = 0;
    for (let k = 1; k <= SAMPLES; k++) {
      const n = Math.floor((TOTAL * k) / SAMPLES) - Math.floor((TOTAL * (k - 1)) / SAMPLES);
      const r = await drive(envoy, reqs, 0, CONNECTIONS, n);
      unexpected += r.unexpected;
      errors += r.errors;
      samples.push(await sample(Math.floor((TOTAL * k) / SAMPLES)));
    }
    const first = samples[0], last = samples[samples.length - 1];
    const growth = {
      vm_memory_bytes: last.vm_memory_bytes - first.vm_memory_bytes,
      allocated_bytes: last.allocated_bytes - first.allocated_bytes, rss_bytes: last.rss_bytes - first.rss_bytes,
    };
    // The VM's memory must not grow at all after warm-up; Envoy's own gets the allowance.
    const flat = growth.vm_memory_bytes === 0 && growth.allocated_bytes <= MAX_GROWTH_BYTES && growth.rss_bytes <= MAX_GROWTH_BYTES;
    const result = {
      date: new Date().toISOString(),
      requests: TOTAL, warmup_requests: warm, connections: CONNECTIONS,
      wall_s: Math.round((Date.now() - t0) / 1000),
      unexpected_status: unexpected, errors,
      wasm_stats: await envoyStats(envoy.adminUrl, "wasm"),
      memory_source: "the filter's gauge wafscore_vm_memory_bytes (wasm linear memory), admin /memory allocated (tcmalloc) and /proc VmRSS",
      samples, growth, max_growth_bytes: MAX_GROWTH_BYTES, flat,
    };
    const dir = path.join(REPO_ROOT, "loadtest/results");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "soak-latest.json"), JSON.stringify(result, null, 1) + "\n");
    console.log(`soak: ${TOTAL} requests in ${result.wall_s} s; VM memory ${mib(first.vm_memory_bytes)} → ${mib(last.vm_memory_bytes)} MiB, allocated ${mib(first.allocated_bytes)} → ${mib(last.allocated_bytes)} MiB, ` +
      `RSS ${mib(first.rss_bytes)} → ${mib(last.rss_bytes)} MiB; ${flat ? "flat" : "GREW"} (limit ${mib(MAX_GROWTH_BYTES)} MiB); ` +
      `${unexpected} unexpected statuses, ${errors} errors; wrote loadtest/results/soak-latest.json`);
    if (!flat) process.exitCode = 1;
  } finally {
    await envoy.stop();
    await upstream.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
