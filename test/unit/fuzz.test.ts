// Property tests of core.wasm with a seeded PRNG: whatever bytes arrive, in whatever place, the
// core never aborts, scores stay in 1..99, decoding never grows a part, memory stays flat.
// Plus build guards: core.wasm imports only env.abort; the release filter stays under 3 MiB.
import { readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ALL_WHERES, type Core, CORE_PATH, loadCore, REPO_ROOT } from "../support/core";
import { prng } from "../../node/prng";

const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed);


// Fragments that poke at every decoder and splitter, including broken and truncated ones.
const FRAGMENTS = [
  "%", "%2", "%25", "%2527", "%zz", "%u", "%u00", "%u003c", "%c0", "%c0%af", "%e0%80%af", "%00", "+",
  "&", "&#", "&#x", "&#60", "&#x3c;", "&#0000000000000000060;", "&#99999999999;", "&#x10FFFF;", "&lt", "&lt;", "&amp;", "&", ";",
  "\\", "\\u", "\\u00", "\\u003c", "\\ud800", "\\x", "\\x3", "\\x3c", "'", '"', "`", "{", "}", "[", "]", ":", ",", "=",
  "--", "--boundary", "--b\r\n", "\r\n", "\n", "\r\n\r\n", 'Content-Disposition: form-data; name="', '"; filename="',
  "Content-Type: image/png", "<script>", "</", "<!--", "${jndi:", "{{", "}}", "$(", ")", "|", " OR 1=1--", "../",
  "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "YWFh", "==", "\0", "\xc0\xaf", "é", "東", "\u{1F600}", " ", "a", "0", "null", "true",
];

function randomBytes(rnd: () => number, n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (rnd() * 256) | 0;
  return b;
}

function randomMix(rnd: () => number, pieces: number): Uint8Array {
  let s = "";
  for (let i = 0; i < pieces; i++) s += FRAGMENTS[(rnd() * FRAGMENTS.length) | 0];
  // Raw bytes (not UTF-8 text): encode code units below 256 as single bytes.
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 256) out.push(c);
    else out.push(...new TextEncoder().encode(ch));
  }
  return Uint8Array.from(out);
}

function checkScores(core: Core, where: string, input: Uint8Array): void {
  const r = core.score(where, input);
  for (const v of [r.score, ...Object.values(r.classes)]) {
    if (!Number.isInteger(v) || v < 1 || v > 99) throw new Error(`score ${v} out of range for ${where} ${Buffer.from(input).toString("hex").slice(0, 200)}`);
  }
}

function checkParts(core: Core, where: string, input: Uint8Array): void {
  // A body's request carries a Content-Type made from the body (a multipart boundary), itself a part.
  for (const p of core.parts(where, input).filter((q) => q.name !== "content-type")) {
    // UTF-16 units of the decoded text <= its bytes <= the input's bytes (the trace cuts at 4 KiB);
    // a path gets the leading '/' every request line has.
    if (p.text.length > input.length + (where === "path" ? 1 : 0)) {
      throw new Error(`part longer than its input: ${where} ${JSON.stringify(p.text).slice(0, 200)} from ${Buffer.from(input).toString("hex").slice(0, 200)}`);
    }
  }
}

let core: Core;
beforeAll(async () => {
  core = await loadCore();
});

describe("fuzz", () => {
  it("random bytes in every where: no abort, scores 1..99, parts never longer than input", () => {
    const rnd = prng(SEED);
    for (let i = 0; i < 1500; i++) {
      const where = ALL_WHERES[i % ALL_WHERES.length];
      const input = randomBytes(rnd, (rnd() * 600) | 0);
      checkScores(core, where, input);
      checkParts(core, where, input);
    }
  });

  it("random mixes of escapes, quotes, braces and boundaries in every where", () => {
    const rnd = prng(SEED + 1);
    for (let i = 0; i < 3000; i++) {
      const where = ALL_WHERES[i % ALL_WHERES.length];
      const input = randomMix(rnd, 1 + ((rnd() * 80) | 0));
      checkScores(core, where, input);
      checkParts(core, where, input);
    }
  });

  it("random mixes as a whole request, and through featurize", () => {
    const rnd = prng(SEED + 2);
    for (let i = 0; i < 300; i++) {
      // A request has one body: all the other wheres, and one body kind in turn.
      const bodies = ALL_WHERES.filter((w) => w.startsWith("body:"));
      const wheres = [...ALL_WHERES.filter((w) => !w.startsWith("body:")), bodies[i % bodies.length]];
      const parts = wheres.map((w) => [w, randomMix(rnd, (rnd() * 40) | 0)] as [string, Uint8Array]);
      const r = core.scoreParts(parts);
      expect(r.score >= 1 && r.score <= 99).toBe(true);
      const [w, t] = parts[i % parts.length];
      for (const win of core.featurize(w, t, 16)) for (const h of win.features) expect(h).toBeLessThan(1 << 16);
    }
  });

  it("random configurations are parsed or refused, never abort", () => {
    const rnd = prng(SEED + 3);
    const keys = ['"mode"', '"threshold"', '"max_body_bytes"', '"inspect_headers"', '"exclude_paths"', '"exclude_params"', '"header_prefix"', '"on_uninspectable"', '"x"'];
    const values = ['"block"', '"tag"', "20", "0", "-1", "1e9", "20.5", "[]", '["/a"]', '["a",1]', "{}", "null", "true", '"x-waf-"', '"\\u0041"', '"'];
    try {
      for (let i = 0; i < 500; i++) {
        let s = "{";
        const n = (rnd() * 4) | 0;
        for (let k = 0; k < n; k++) s += `${k ? "," : ""}${keys[(rnd() * keys.length) | 0]}:${values[(rnd() * values.length) | 0]}`;
        s += rnd() < 0.9 ? "}" : "";
        if (rnd() < 0.2) s = s.slice(0, (rnd() * s.length) | 0);
        const err = core.configure(s);
        if (err !== null) expect(err).toMatch(/^config\./);
      }
      for (let i = 0; i < 200; i++) {
        const err = core.configure(Buffer.from(randomBytes(rnd, (rnd() * 100) | 0)).toString("latin1"));
        if (err !== null) expect(err).toMatch(/^config\./);
      }
    } finally {
      expect(core.configure("")).toBeNull();
    }
  });

  it("empty input in every where scores 99 with no parts", () => {
    for (const where of ALL_WHERES) {
      const r = core.score(where, "");
      expect([where, r.score, r.parts]).toEqual([where, 99, 0]);
      expect(core.parts(where, "")).toEqual([]);
    }
  });

  it("1 MiB inputs in every where, and 2 MiB (cut to the core's input buffer)", () => {
    const rnd = prng(SEED + 4);
    const mib = randomMix(rnd, 300_000).subarray(0, 1 << 20);
    expect(mib.length).toBe(1 << 20);
    const two = new Uint8Array(2 << 20).fill(0x41);
    for (const where of ALL_WHERES) {
      checkScores(core, where, mib);
      checkParts(core, where, mib);
      checkScores(core, where, two);
    }
    // Whether a payload after 1 MiB of padding is still found: score.test.ts "a payload after ordinary text".
  });

  it("memory stays flat over 10k score calls after warm-up", () => {
    const rnd = prng(SEED + 5);
    const inputs = Array.from({ length: 200 }, () => randomMix(rnd, (rnd() * 60) | 0));
    const run = (n: number) => {
      for (let i = 0; i < n; i++) core.score(ALL_WHERES[i % ALL_WHERES.length], inputs[i % inputs.length]);
    };
    // The Core keeps its exports private; the memory is what a leak would grow.
    const memory = (core as unknown as { x: { memory: WebAssembly.Memory } }).x.memory;
    run(2000);
    const before = memory.buffer.byteLength;
    run(10_000);
    expect(memory.buffer.byteLength).toBe(before);
  });
});

describe("guards", () => {
  it("core.wasm imports nothing but env.abort", () => {
    const imports = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(CORE_PATH)));
    expect(imports).toEqual([{ module: "env", name: "abort", kind: "function" }]);
  });

  // Envoy calls every proxy_on_* a module exports, on every request; the filter exports only
  // those it acts on (filter/glue/abi.ts).
  it("the filter exports only the proxy-wasm callbacks it acts on", () => {
    const mod = new WebAssembly.Module(readFileSync(resolve(REPO_ROOT, process.env.WAFSCORE_WASM ?? "build/wafscore.wasm")));
    const callbacks = WebAssembly.Module.exports(mod).map((e) => e.name).filter((n) => n.startsWith("proxy_on_")).sort();
    expect(callbacks).toEqual([
      "proxy_on_configure", "proxy_on_context_create", "proxy_on_delete", "proxy_on_request_body",
      "proxy_on_request_headers", "proxy_on_request_trailers", "proxy_on_vm_start",
    ]);
  });

  it("the release build/wafscore.wasm stays under 3 MiB", () => {
    const size = statSync(resolve(REPO_ROOT, process.env.WAFSCORE_WASM ?? "build/wafscore.wasm")).size;
    expect(size).toBeLessThan(3 * 1024 * 1024);
  });
});
