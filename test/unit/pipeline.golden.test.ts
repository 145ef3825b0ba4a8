// Pins what the split, decode and feature stages produce on a corpus of ~2,000 requests (the
// bench bodies, fuzz inputs, and texts that put every decoder's trigger at every offset of a
// 16-byte block), so that speedups of those stages (issue 11) are checked to change nothing.
// Compares digests of core.wasm's featurizeRequest and decoded parts against
// test/fixtures/pipeline.golden.json, written by the code before the speedups. Regenerate only
// when the feature spec changes on purpose: UPDATE_GOLDEN=1 npx vitest run --project unit pipeline.golden
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type CoreRequest, serializeHead } from "../../node/core";
import { partRequest } from "../../node/http";
import { concat, InputMaker, type RawInput } from "../fuzz/inputs";
import { type Core, loadCore, REPO_ROOT } from "../support/core";

const GOLDEN = resolve(REPO_ROOT, "test/fixtures/pipeline.golden.json");
const UPDATE = process.env.UPDATE_GOLDEN === "1";
// 20 bits: the widest buckets, so that any change of a feature hash shows.
const BITS = 20;
const FUZZ_INPUTS = 1500;
const FUZZ_SEED = 0x11;
// Decode flags past FLAG_COUNT (filter/decode/flags.ts) are no features: hints to the verdicts
// (LENIENT, 512, for core/lenient.ts), left out of the digests.
const HINT_FLAGS = 512;
// Inputs per digest: a failure names the group, and the fixture stays small.
const GROUP = 25;

interface Exports {
  memory: WebAssembly.Memory;
  inputPtr(): number; inputCapacity(): number;
  featurizeRequest(h: number, b: number, bits: number): number;
  exportWindowsPtr(): number; exportFeaturesPtr(): number;
}

const utf8 = new TextEncoder();
const RAW_SPECIALS = [[0xc0, 0xaf], [0xc1, 0x9c], [0xc0], [0xe0, 0x80, 0xaf], [0xe0, 0x41], [0xef, 0xbc, 0x9c], [0xef, 0xbd, 0x80], [0x80, 0x80, 0x80, 0x80, 0x80, 0x80], [0xff, 0xfe]];
const enc = (s: string) => utf8.encode(s);

const rawOf = (req: CoreRequest): RawInput => ({ head: serializeHead(req.head), body: req.body === undefined ? new Uint8Array(0) : typeof req.body === "string" ? enc(req.body) : req.body });

// Short texts with one decoder trigger (or a long run, a 0x80 run, spaces) at every offset of
// two 16-byte blocks, in each body kind: block-at-a-time scans must find it wherever it sits.
function edgeInputs(): RawInput[] {
  const out: RawInput[] = [];
  const specials = ["%27", "%2", "+", "&lt;", "&", "\\u003c", "\\", "\u0000", "\xc0\xaf", "\u00e9", "\uff1c", "aaaaaaa", "       ", "\u00e9\u00e9\u00e9", "=", ";", "\"", "..", "@"];
  const wheres = ["query", "body:form", "body:json", "body:text", "header:Cookie", "path"];
  for (const where of wheres) {
    for (const sp of specials) {
      for (let at = 0; at < 34; at += where === "body:form" || where === "body:json" ? 1 : 3) {
        const filler = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ";
        const text = filler.slice(0, at) + sp + filler.slice(0, 34 - at);
        const value = where === "body:json" ? JSON.stringify({ k: text }) : where === "body:form" || where === "query" ? `k=${text}&x=${text.slice(at)}` : text;
        const req = partRequest(where, enc(value));
        out.push(rawOf(req));
      }
    }
    // Raw bytes no JavaScript string encodes to: overlong lead bytes, a lone E0, 0x80 runs.
    for (const raw of RAW_SPECIALS) {
      for (let at = 0; at < 34; at++) {
        const filler = enc("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ");
        const text = concat([filler.subarray(0, at), Uint8Array.from(raw), filler.subarray(0, 34 - at)]);
        const req = partRequest(where, where === "body:form" || where === "query" ? concat([enc("k="), text]) : text);
        out.push(rawOf(req));
      }
    }
  }
  return out;
}

function corpus(): { name: string; inputs: RawInput[] }[] {
  const scenarios = JSON.parse(readFileSync(resolve(REPO_ROOT, "loadtest/scenarios.json"), "utf8")) as { core: Record<string, { where: string; text: string }> };
  const bench = Object.values(scenarios.core).map((b) => {
    const req = partRequest(b.where, enc(b.text));
    return rawOf(req);
  });
  const maker = new InputMaker(FUZZ_SEED);
  const fuzz = Array.from({ length: FUZZ_INPUTS }, () => maker.next());
  return [{ name: "bench", inputs: bench }, { name: "edge", inputs: edgeInputs() }, { name: "fuzz", inputs: fuzz }];
}

let core: Core;
let x: Exports;
beforeAll(async () => {
  core = await loadCore();
  x = (core as unknown as { x: Exports }).x;
});

// Every window's where, flags and features in order, then every decoded part: what the model
// is given, and what logs and `wafscore scan` read.
function digestOne(h: ReturnType<typeof createHash>, input: RawInput): void {
  const cap = x.inputCapacity();
  const head = input.head.subarray(0, cap);
  const body = input.body.subarray(0, cap - head.length);
  const mem = new Uint8Array(x.memory.buffer, x.inputPtr(), cap);
  mem.set(head, 0);
  mem.set(body, head.length);
  const n = x.featurizeRequest(head.length, body.length, BITS);
  h.update(`w${n};`);
  if (n > 0) {
    const wins = new Uint32Array(x.memory.buffer, x.exportWindowsPtr(), n * 4);
    const feats = new Uint32Array(x.memory.buffer, x.exportFeaturesPtr());
    for (let i = 0; i < n; i++) {
      const start = wins[4 * i], count = wins[4 * i + 1];
      h.update(Uint32Array.of(wins[4 * i + 2], wins[4 * i + 3] & ~HINT_FLAGS, count));
      h.update(feats.slice(start, start + count));
    }
  }
  for (const p of core.lastParts(true)) h.update(`${p.where}|${p.flags & ~HINT_FLAGS}|${p.scored}|${p.name}|${p.text}\n`);
}

function compute(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const { name, inputs } of corpus()) {
    out[name] = [];
    for (let g = 0; g < inputs.length; g += GROUP) {
      const h = createHash("sha256");
      for (const input of inputs.slice(g, g + GROUP)) digestOne(h, input);
      out[name].push(h.digest("hex").slice(0, 16));
    }
  }
  return out;
}

describe("split, decode and features on a corpus", () => {
  it(UPDATE ? "writes test/fixtures/pipeline.golden.json" : "match test/fixtures/pipeline.golden.json", () => {
    const actual = compute();
    if (UPDATE) {
      writeFileSync(GOLDEN, `${JSON.stringify({ bits: BITS, group: GROUP, fuzz_seed: FUZZ_SEED, fuzz_inputs: FUZZ_INPUTS, digests: actual }, null, 1)}\n`);
      return;
    }
    if (!existsSync(GOLDEN)) throw new Error(`${GOLDEN} missing; create it with UPDATE_GOLDEN=1`);
    const golden = JSON.parse(readFileSync(GOLDEN, "utf8")) as { digests: Record<string, string[]> };
    for (const [name, digests] of Object.entries(golden.digests)) {
      for (let g = 0; g < digests.length; g++) {
        expect(actual[name]?.[g], `${name} inputs ${g * GROUP}..${g * GROUP + GROUP - 1}: windows, features or decoded parts changed`).toBe(digests[g]);
      }
    }
  }, 30_000); // ~3 s alone; more beside the other suites on a shared 2-core machine
});
