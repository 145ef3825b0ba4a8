// Loads build/core.wasm once and moves bytes in and out of it: the only Node code that
// touches the core's ABI (filter/core/index.ts). Used by the CLI, compare, models/, loadtest/, tests.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, resolve } from "node:path";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const CORE_WASM = resolve(REPO_ROOT, "build/core.wasm");

// Wire contexts, in the order of filter/request/where.ts.
export const WHERE = {
  path: 0, query: 1, "body:form": 2, "body:json": 3, "body:multipart": 4, "body:xml": 5,
  "body:text": 6, header: 7, cookie: 8,
} as const;

// Maps an eval row's `where` ("query", "body:json", "header:Cookie", ...) to a wire context.
export function whereCode(where: string): number {
  if (where.toLowerCase() === "header:cookie") return WHERE.cookie;
  if (where.startsWith("header:")) return WHERE.header;
  const code = (WHERE as Record<string, number>)[where];
  if (code === undefined) throw new Error(`unknown where "${where}"; expected path, query, body:json, body:form, body:multipart, body:xml, body:text or header:<Name>`);
  return code;
}

interface CoreExports {
  memory: WebAssembly.Memory;
  inputPtr(): number; inputCapacity(): number; outputPtr(): number; outputLen(): number;
  featureSpecVersion(): number;
  modelStatus(): number; modelBucketBits(): number;
  useModel(len: number): number;
  configure(len: number): number;
  headCount(): number; headName(k: number): number;
  beginRequest(): void; addWire(where: number, len: number): void;
  requestScore(k: number): number; requestLogit(k: number): number;
  requestWorstClass(): number; requestWorstWhere(): number;
  requestParts(): number; requestWindows(): number;
  requestWorstText(): number; requestWorstName(): number;
  featurize(where: number, len: number, bits: number): number;
  exportFeaturesPtr(): number; exportWindowsPtr(): number;
  traceParts(where: number, len: number): number; tracePtr(): number; traceLen(): number;
  requestExplain(): number;
  decideFor(score: number, uninspectable: boolean): number;
  featurePathsAgree(len: number, flags: number, bits: number): number;
}

/** One part as the filter sees it; `scored` is false for a lone word, number or ID, which the filter skips. */
export interface DecodedPart { where: string; name: string; text: string; flags: number; scored: boolean }
const TRACE_NOT_SCORED = 0x80000000; // filter/core/scorer.ts

/** Decode flags, in the bit order of filter/decode/flags.ts. */
export const DECODE_FLAGS = ["percent", "percent_multi", "percent_u", "percent_bad", "entity", "escape", "nul", "overlong", "base64"] as const;

export interface RequestScores {
  score: number;                    // overall, 1–99
  classes: Record<string, number>;  // per class, 1–99
  logits: number[];                 // per head, the worst over the request's parts
  worstClass: string;
  worstWhere: string | null;
  worstName: string;
  worstText: string;
  parts: number;
  windows: number;
}

export interface WindowFeatures { where: number; flags: number; features: Uint32Array }

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

export class Core {
  readonly heads: string[];
  private constructor(private x: CoreExports) {
    this.heads = [];
    for (let k = 0; k < x.headCount(); k++) this.heads.push(this.text(x.headName(k)));
  }

  static async load(path = CORE_WASM): Promise<Core> {
    const bytes = readFileSync(path);
    const { instance } = await WebAssembly.instantiate(bytes, {
      env: {
        abort(msg: number, file: number, line: number, col: number) {
          throw new Error(`core.wasm aborted at ${line}:${col}`);
        },
      },
    });
    return new Core(instance.exports as unknown as CoreExports);
  }

  private text(len: number): string {
    return fromUtf8.decode(new Uint8Array(this.x.memory.buffer, this.x.outputPtr(), len));
  }

  private put(data: string | Uint8Array): number {
    const bytes = typeof data === "string" ? utf8.encode(data) : data;
    const n = Math.min(bytes.length, this.x.inputCapacity());
    new Uint8Array(this.x.memory.buffer, this.x.inputPtr(), n).set(bytes.subarray(0, n));
    return n;
  }

  /** Validity of the model in use: null when it is valid, else the reason. */
  modelError(): string | null {
    return this.x.modelStatus() === 0 ? null : this.lastText();
  }

  get bucketBits(): number { return this.x.modelBucketBits(); }
  get featureSpecVersion(): number { return this.x.featureSpecVersion(); }

  /** Uses another model blob (as models/export.ts writes it) instead of the embedded one. */
  useModel(blob: Uint8Array): void {
    if (blob.length > this.x.inputCapacity()) throw new Error("model blob larger than the core's input buffer");
    const code = this.x.useModel(this.put(blob));
    if (code !== 0) throw new Error(`model rejected: ${this.lastText()}`);
  }
  private lastText(): string { return this.text(this.x.outputLen()); }

  /** Parses a plugin configuration as the filter does; returns null or "config.<field>: <reason>". */
  configure(json: string): string | null {
    const ok = this.x.configure(this.put(json));
    return ok ? null : this.lastText();
  }

  /** Scores a request given as its wire parts: [where, text] pairs. */
  scoreRequest(parts: Array<[string, string | Uint8Array]>): RequestScores {
    const x = this.x;
    x.beginRequest();
    for (const [where, text] of parts) x.addWire(whereCode(where), this.put(text));
    const classes: Record<string, number> = {};
    const logits: number[] = [];
    for (let k = 0; k < this.heads.length; k++) {
      logits.push(x.requestLogit(k));
      if (k > 0) classes[this.heads[k]] = x.requestScore(k);
    }
    const w = x.requestWorstWhere();
    return {
      score: x.requestScore(0),
      classes,
      logits,
      worstClass: this.heads[x.requestWorstClass()],
      worstWhere: w < 0 ? null : Object.keys(WHERE)[w],
      worstName: this.text(x.requestWorstName()),
      worstText: this.text(x.requestWorstText()),
      parts: x.requestParts(),
      windows: x.requestWindows(),
    };
  }

  /** Whether the scoring and the explaining feature paths agree on one window of text. */
  featurePathsAgree(text: string, flags = 0, bits = 16): boolean {
    return this.x.featurePathsAgree(this.put(text), flags, bits) === 1;
  }

  /** The decision the filter takes for an overall score under the configuration in use. */
  decide(score: number, uninspectable = false): { action: "pass" | "tag" | "block" | "log"; flagged: boolean; uninspectable: boolean } {
    const v = this.x.decideFor(score, uninspectable);
    return { action: (["pass", "tag", "block", "log"] as const)[v >> 2], flagged: (v & 2) !== 0, uninspectable: (v & 1) !== 0 };
  }

  /** The fragments of the last scored request's worst part that drove its overall score. */
  explain(): string[] {
    const x = this.x;
    const textLen = x.requestWorstText();
    const text = new Uint8Array(x.memory.buffer, x.outputPtr(), textLen).slice();
    const n = x.requestExplain();
    const pairs = new Int32Array(x.memory.buffer, x.outputPtr(), 2 * n).slice();
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(fromUtf8.decode(text.subarray(pairs[2 * i], pairs[2 * i] + pairs[2 * i + 1])));
    return out;
  }

  /**
   * The overall score only: what the filter computes per request, without building the result
   * object (benchmarks time this, so JS allocation and GC stay out of the figures).
   */
  overallScore(parts: Array<[string, Uint8Array]>): number {
    const x = this.x;
    x.beginRequest();
    for (const [where, bytes] of parts) x.addWire(whereCode(where), this.put(bytes));
    return x.requestScore(0);
  }

  score(where: string, text: string | Uint8Array): RequestScores {
    return this.scoreRequest([[where, text]]);
  }

  /**
   * The parts one wire part splits into, each decoded as the filter decodes it (text cut at
   * 4 KiB). Parts excluded by the configuration's exclude_params are left out.
   */
  parts(where: string, text: string | Uint8Array): DecodedPart[] {
    const x = this.x;
    const n = x.traceParts(whereCode(where), this.put(text));
    const mem = new Uint8Array(x.memory.buffer, x.tracePtr(), x.traceLen());
    const v = new DataView(x.memory.buffer, x.tracePtr(), x.traceLen());
    const names = Object.keys(WHERE);
    const out: DecodedPart[] = [];
    let o = 0;
    for (let i = 0; i < n; i++) {
      const w = v.getUint32(o, true), flags = v.getUint32(o + 4, true);
      const nl = v.getUint32(o + 8, true), tl = v.getUint32(o + 12, true);
      out.push({
        where: names[w], flags: (flags & ~TRACE_NOT_SCORED) >>> 0, scored: (flags & TRACE_NOT_SCORED) === 0,
        name: fromUtf8.decode(mem.subarray(o + 16, o + 16 + nl)),
        text: fromUtf8.decode(mem.subarray(o + 16 + nl, o + 16 + nl + tl)),
      });
      o += 16 + nl + tl;
    }
    return out;
  }

  /** The hashed features of every window of one wire part, as training sees them. */
  featurize(where: string, text: string | Uint8Array, bits: number): WindowFeatures[] {
    const x = this.x;
    const n = x.featurize(whereCode(where), this.put(text), bits);
    if (n < 0) throw new Error("featurize: export buffers overflowed");
    const wins = new Uint32Array(x.memory.buffer, x.exportWindowsPtr(), n * 4);
    const feats = new Uint32Array(x.memory.buffer, x.exportFeaturesPtr());
    const out: WindowFeatures[] = [];
    for (let i = 0; i < n; i++) {
      const start = wins[4 * i], count = wins[4 * i + 1];
      out.push({ where: wins[4 * i + 2], flags: wins[4 * i + 3], features: feats.slice(start, start + count) });
    }
    return out;
  }
}
