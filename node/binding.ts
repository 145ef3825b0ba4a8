// The core's ABI (filter/core/index.ts) from JavaScript: moves bytes in and out of a core.wasm
// instance. Browser-safe (no Node API): node/core.ts adds loading from build/core.wasm for the CLI,
// scan, compare, models/, loadtest/ and tests; node/playground/page.ts loads it in a browser.

import { partRequest, requestOf } from "./http";

export interface CoreExports {
  memory: WebAssembly.Memory;
  inputPtr(): number; inputCapacity(): number; outputPtr(): number; outputLen(): number;
  describe(): number;
  modelStatus(): number; modelBucketBits(): number;
  useModel(len: number): number;
  configure(len: number): number;
  /** Absent from cores built before the minimal runtime, whose collector ran by itself. */
  collectGarbage?(): void;
  inspectRequest(headLen: number, bodyLen: number): void;
  requestScore(k: number): number; requestLogit(k: number): number;
  requestWorstClass(): number; requestWorstWhere(): number;
  requestParts(): number; requestWindows(): number; requestFeatures(): number;
  requestOverflow(): number; requestUndecodable(): number; requestEncoding(): number; requestBodyWhere(): number; requestBodyLength(): number;
  requestWorstText(): number; requestWorstName(): number;
  traceTexts(): number; traceParts(): number; tracePtr(): number; traceLen(): number;
  featurizeRequest(headLen: number, bodyLen: number, bits: number): number;
  exportFeaturesPtr(): number; exportWindowsPtr(): number; exportConfirmedPtr(): number;
  requestExplain(): number;
  decideFor(score: number, uninspectable: boolean, undecodable: boolean): number;
  setClassScore(k: number, score: number): void;
  decideWithClasses(score: number, uninspectable: boolean, undecodable: boolean, worst: number, route: number): number;
  routeFor(authLen: number, pathLen: number): number;
  streamsFor(route: number, len: number): number;
  trustedAddressFor(len: number): number;
  trustedPrincipalFor(len: number): number;
  normalizedPath(len: number): number;
  confirmsText(k: number, len: number, opensText: number): number;
  mayConfirmText(len: number): number;
  lexedLengthOf(len: number, closesText: number): number;
  plainQueryText(len: number): number;
  windowCensus(headLen: number, bodyLen: number): number;
  verdictHeads(headLen: number, bodyLen: number): number;
  featurePathsAgree(len: number, flags: number, bits: number): number;
}

/** What core.wasm says of itself (filter/core/describe.ts): read once, never mirrored here. */
export interface CoreDescription {
  wheres: string[];
  decode_flags: string[];
  heads: string[];
  header_classes: number;
  feature_spec_version: number;
  window_bytes: number;
  window_step: number;
  max_parts: number;
  /** core/collect.ts PIECE_FLAG: set in an exported window's flags when it is a piece of the window before it. */
  piece_flag: number;
  /** Headers not scored while their value fits their fixed grammar (every other header is scored). */
  grammar_headers: string[];
  config: ConfigField[];
}
export interface ConfigField {
  name: string; type: "enum" | "integer" | "string" | "string_list" | "object" | "boolean" | "object_list";
  /** null for a field that is not set unless given (a route's overrides) or that must be given (`required`). */
  default: unknown; required?: boolean; min?: number; max?: number; max_items?: number; enum?: string[]; fields?: ConfigField[];
}

/**
 * A request as the core takes it: the head as header pairs (pseudo-headers such as `:path`
 * included, as Envoy hands them to the filter) and the body. See node/http.ts for building one.
 */
export interface CoreRequest { head: Array<[string, string | Uint8Array]>; body?: string | Uint8Array }

/** One part as the filter sees it; `scored` is false for a lone word, number or ID, which the filter skips. */
export interface DecodedPart { where: string; name: string; text: string; flags: number; scored: boolean }
const TRACE_NOT_SCORED = 0x80000000; // filter/decode/texts.ts TEXT_NOT_SCORED: the trace record's own bit

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
  /** Features looked up in the embedding: the scoring work, counted rather than timed. */
  features: number;
  /** The request had more parts than the core's tables hold: inspected in part. */
  overflow: boolean;
  /** The body had a Content-Encoding the core cannot undo (or a stream that did not inflate) and was not split. */
  undecodable: boolean;
}

/**
 * One instance the model scores, as training sees it: a window, or a piece the zoom cut from the window before it
 * (core/zoom.ts); `confirmed`: bit k set when head k's confirming lexer accepts its text (for a piece, and its window's).
 */
export interface WindowFeatures { where: number; flags: number; piece: boolean; confirmed: number; features: Uint32Array }

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/**
 * A request head in the host's serialized header map form, as Envoy hands it to the filter
 * (proxy-wasm get_header_map_pairs): u32 count, count × (u32 name length, u32 value length),
 * then each name and value followed by a NUL byte. Names are lower-cased, as Envoy's are.
 */
export function serializeHead(head: Array<[string, string | Uint8Array]>): Uint8Array {
  const pairs = head.map(([n, v]) => [utf8.encode(n.toLowerCase()), typeof v === "string" ? utf8.encode(v) : v] as const);
  let size = 4 + 8 * pairs.length;
  for (const [n, v] of pairs) size += n.length + v.length + 2;
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, pairs.length, true);
  let o = 4 + 8 * pairs.length;
  pairs.forEach(([n, v], i) => {
    dv.setUint32(4 + 8 * i, n.length, true);
    dv.setUint32(8 + 8 * i, v.length, true);
    out.set(n, o); o += n.length + 1;
    out.set(v, o); o += v.length + 1;
  });
  return out;
}

/** What a score means to a person (scores run 1–99, low is attack-like): `wafscore score` prints it, the playground shows it. */
export function scoreBand(score: number): "attack" | "likely attack" | "likely clean" | "clean" {
  return score <= 20 ? "attack" : score <= 50 ? "likely attack" : score <= 80 ? "likely clean" : "clean";
}

/** The core's only import: AssemblyScript's abort, turned into a JavaScript error. */
const CORE_IMPORTS = {
  env: {
    abort(_msg: number, _file: number, line: number, col: number) {
      throw new Error(`core.wasm aborted at ${line}:${col}`);
    },
  },
};

/** Instantiates core.wasm from its bytes; the exports are read through Core (or describeCore). */
export async function instantiateCore(bytes: Uint8Array | ArrayBuffer): Promise<CoreExports> {
  // The cast picks the bytes overload under both the DOM's types and node/webassembly.d.ts (a view is fine at run time).
  const { instance } = await WebAssembly.instantiate(bytes as ArrayBuffer, CORE_IMPORTS);
  return instance.exports as unknown as CoreExports;
}

/** Synchronous form, for a module already compiled (Node compiles one of any size synchronously). */
export function instantiateCoreSync(module: WebAssembly.Module): CoreExports {
  return new WebAssembly.Instance(module, CORE_IMPORTS).exports as unknown as CoreExports;
}

/** What a core instance says of itself (filter/core/describe.ts). */
export function describeCore(x: CoreExports): CoreDescription {
  return JSON.parse(fromUtf8.decode(new Uint8Array(x.memory.buffer, x.outputPtr(), x.describe()))) as CoreDescription;
}

export class Core {
  readonly description: CoreDescription;
  readonly heads: string[];
  protected constructor(private x: CoreExports) {
    this.description = JSON.parse(this.text(x.describe())) as CoreDescription;
    this.heads = this.description.heads;
  }

  /** Compiles and instantiates core.wasm from its bytes (fetched in a browser, read from a file in Node). */
  static async fromBytes(bytes: Uint8Array | ArrayBuffer): Promise<Core> {
    return new Core(await instantiateCore(bytes));
  }

  /** Decode flag names, in bit order. */
  get decodeFlags(): string[] { return this.description.decode_flags; }
  /** The default of a configuration field, from the core's schema. */
  configDefault(field: string): unknown {
    const f = this.description.config.find((c) => c.name === field);
    if (!f) throw new Error(`core.wasm has no configuration field ${field}`);
    return f.default;
  }

  private text(len: number): string {
    return fromUtf8.decode(new Uint8Array(this.x.memory.buffer, this.x.outputPtr(), len));
  }

  private put(data: string | Uint8Array, offset = 0): number {
    const bytes = typeof data === "string" ? utf8.encode(data) : data;
    const n = Math.max(0, Math.min(bytes.length, this.x.inputCapacity() - offset));
    new Uint8Array(this.x.memory.buffer, this.x.inputPtr() + offset, n).set(bytes.subarray(0, n));
    return n;
  }

  /** Writes a request (head, then body) into the core's input; returns [headLen, bodyLen]. */
  private putRequest(req: CoreRequest): [number, number] {
    const headLen = this.put(serializeHead(req.head));
    const bodyLen = req.body === undefined ? 0 : this.put(req.body, headLen);
    return [headLen, bodyLen];
  }

  /** Validity of the model in use: null when it is valid, else the reason. */
  modelError(): string | null {
    return this.x.modelStatus() === 0 ? null : this.lastText();
  }

  get bucketBits(): number { return this.x.modelBucketBits(); }
  get featureSpecVersion(): number { return this.description.feature_spec_version; }

  /** Uses another model blob (as models/export.ts writes it) instead of the embedded one. */
  useModel(blob: Uint8Array): void {
    if (blob.length > this.x.inputCapacity()) throw new Error("model blob larger than the core's input buffer");
    const code = this.x.useModel(this.put(blob));
    this.x.collectGarbage?.();
    if (code !== 0) throw new Error(`model rejected: ${this.lastText()}`);
  }
  private lastText(): string { return this.text(this.x.outputLen()); }

  /** Parses a plugin configuration as the filter does; returns null or "config.<field>: <reason>". */
  configure(json: string): string | null {
    const ok = this.x.configure(this.put(json));
    this.x.collectGarbage?.();
    return ok ? null : this.lastText();
  }

  /** Scores a whole request exactly as the filter does (same splitting, decoding and model). */
  scoreRequest(req: CoreRequest): RequestScores {
    const x = this.x;
    const [h, b] = this.putRequest(req);
    x.inspectRequest(h, b);
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
      worstWhere: w < 0 ? null : this.description.wheres[w],
      worstName: this.text(x.requestWorstName()),
      worstText: this.text(x.requestWorstText()),
      parts: x.requestParts(),
      windows: x.requestWindows(),
      features: x.requestFeatures(),
      overflow: x.requestOverflow() !== 0,
      undecodable: x.requestUndecodable() !== 0,
    };
  }

  /** Scores the request that carries these labelled parts (node/http.ts requestOf). */
  scoreParts(parts: Array<[string, string | Uint8Array]>): RequestScores {
    return this.scoreRequest(requestOf(parts));
  }

  /** Scores the request that carries one labelled part (`where` as in eval rows: query, body:json, header:User-Agent ...). */
  score(where: string, text: string | Uint8Array): RequestScores {
    return this.scoreRequest(partRequest(where, text));
  }

  /** Whether the scoring and the explaining feature paths agree on one window of text. */
  featurePathsAgree(text: string, flags = 0, bits = 16): boolean {
    return this.x.featurePathsAgree(this.put(text), flags, bits) === 1;
  }

  /**
   * Whether the semantic-confirmation lexer of a class (filter/core/confirm.ts) accepts a text, or
   * (opensText false) a window that starts further into its text.
   */
  confirms(klass: string, text: string | Uint8Array, opensText = true): boolean {
    const k = this.heads.indexOf(klass);
    if (k < 1) throw new Error(`no class ${klass}`);
    return this.x.confirmsText(k, this.put(text), opensText ? 1 : 0) === 1;
  }

  /** Whether a text is one plain SQL query (filter/core/sqlquery.ts): the gate holds sqli for it. */
  plainQuery(text: string): boolean {
    return this.x.plainQueryText(this.put(text)) === 1;
  }

  /**
   * How much of a window the lexers read (filter/core/confirm.ts lexedLength): the first `window`
   * bytes of `text`, which goes on past them unless the window closes it.
   */
  lexedLength(text: string, window: number, closesText: boolean): number {
    this.put(text);
    return this.x.lexedLengthOf(window, closesText ? 1 : 0);
  }

  /** Whether core/mayconfirm.ts lets a text through to the lexers (false: no lexer can confirm it). */
  mayConfirm(text: string | Uint8Array): boolean {
    return this.x.mayConfirmText(this.put(text)) === 1;
  }

  /**
   * The windows of a request, not scored (filter/core/census.ts): [windows, bytes, windows some
   * lexer confirms, bytes, windows mayConfirm rules out, bytes, violations].
   */
  windowCensus(req: CoreRequest): number[] {
    const [h, b] = this.putRequest(req);
    this.x.windowCensus(h, b);
    return Array.from(new Int32Array(this.x.memory.buffer, this.x.outputPtr(), 7));
  }

  /**
   * The classes the verdicts that need no model (core/signatures.ts, core/payloads.ts) raise to a
   * score of 1 in a request, no window scored: empty for a request none of them matches.
   */
  verdictClasses(req: CoreRequest): string[] {
    const [h, b] = this.putRequest(req);
    const bits = this.x.verdictHeads(h, b);
    return this.heads.filter((_, k) => k > 0 && (bits & (1 << k)) !== 0);
  }

  /** The path exclude_paths is matched on for a :path (the filter's request/path.ts). */
  normalizePath(path: string): string {
    return this.text(this.x.normalizedPath(this.put(path)));
  }

  /** The decision the filter takes for an overall score under the configuration in use. */
  decide(score: number, uninspectable = false, undecodable = false): { action: "pass" | "tag" | "block" | "log"; flagged: boolean; reason: "none" | "score" | "uninspectable" | "undecodable" } {
    const v = this.x.decideFor(score, uninspectable, undecodable);
    return {
      action: (["pass", "tag", "block", "log"] as const)[v >> 4],
      flagged: (v & 8) !== 0,
      reason: (["none", "score", "uninspectable", "undecodable"] as const)[v & 7],
    };
  }

  /**
   * The decision with class scores (class_thresholds): `classes` by class name (unnamed classes
   * score 99), `worst` the class the overall score names, under route `route` (-1: the top level).
   * `klass` is the class that decided.
   */
  decideClasses(score: number, classes: Record<string, number>, worst: string, uninspectable = false, undecodable = false, route = -1): { action: "pass" | "tag" | "block" | "log"; flagged: boolean; reason: "none" | "score" | "uninspectable" | "undecodable"; klass: string | null } {
    const heads = this.heads;
    for (let k = 1; k < heads.length; k++) this.x.setClassScore(k, classes[heads[k]] ?? 99);
    const w = heads.indexOf(worst);
    if (w < 1) throw new Error(`no class ${worst}`);
    const v = this.x.decideWithClasses(score, uninspectable, undecodable, w, route);
    return {
      action: (["pass", "tag", "block", "log"] as const)[(v >> 4) & 15],
      flagged: (v & 8) !== 0,
      reason: (["none", "score", "uninspectable", "undecodable"] as const)[v & 7],
      klass: v >> 8 === 0 ? null : heads[v >> 8],
    };
  }

  /** The index in `routes` of the route a request to `authority` and `path` gets, or -1 (the top level). */
  routeFor(authority: string, path: string): number {
    const a = this.put(authority);
    return this.x.routeFor(a, this.put(path, a));
  }

  /** Whether a request body of this Content-Type streams, under route `route` (-1: the top level). */
  streams(contentType: string, route = -1): boolean {
    return this.x.streamsFor(route, this.put(contentType)) === 1;
  }

  /** Whether Envoy's `source.address` value is in trusted_sources.cidrs. */
  trustedAddress(sourceAddress: string): boolean {
    return this.x.trustedAddressFor(this.put(sourceAddress)) === 1;
  }

  /** Whether a peer certificate URI SAN or subject is one of trusted_sources.principals. */
  trustedPrincipal(principal: string): boolean {
    return this.x.trustedPrincipalFor(this.put(principal)) === 1;
  }

  /** The fragments of the last scored request's worst part that drove its overall score. */
  explain(): string[] {
    const { text, spans } = this.explainSpans();
    return spans.map(([o, n]) => fromUtf8.decode(text.subarray(o, o + n)));
  }

  /**
   * The last scored request's worst part (worstText) cut into pieces in order, the pieces inside
   * an explain() fragment marked: what the playground highlights. Fragments that overlap merge.
   */
  explainSegments(): Array<{ text: string; fragment: boolean }> {
    const { text, spans } = this.explainSpans();
    const sorted = spans.map(([o, n]) => [o, o + n]).sort((a, b) => a[0] - b[0]);
    const out: Array<{ text: string; fragment: boolean }> = [];
    const piece = (from: number, to: number, fragment: boolean) => {
      if (to > from) out.push({ text: fromUtf8.decode(text.subarray(from, to)), fragment });
    };
    let at = 0;
    for (let i = 0; i < sorted.length;) {
      const start = sorted[i][0];
      let end = sorted[i][1];
      for (i++; i < sorted.length && sorted[i][0] <= end; i++) end = Math.max(end, sorted[i][1]);
      piece(at, start, false);
      piece(Math.max(at, start), end, true);
      at = Math.max(at, end);
    }
    piece(at, text.length, false);
    return out;
  }

  /** The worst part's bytes and the fragments' (offset, length) in them (core/explain.ts). */
  private explainSpans(): { text: Uint8Array; spans: Array<[number, number]> } {
    const x = this.x;
    const textLen = x.requestWorstText();
    const text = new Uint8Array(x.memory.buffer, x.outputPtr(), textLen).slice();
    const n = x.requestExplain();
    const pairs = new Int32Array(x.memory.buffer, x.outputPtr(), 2 * n).slice();
    const spans: Array<[number, number]> = [];
    for (let i = 0; i < n; i++) spans.push([pairs[2 * i], pairs[2 * i + 1]]);
    return { text, spans };
  }

  /**
   * The overall score only: what the filter computes per request, without building the result
   * object (benchmarks time this, so JS allocation and GC stay out of the figures). The head is
   * serialized by the caller once (serializeHead).
   */
  overallScore(head: Uint8Array, body?: Uint8Array): number {
    const x = this.x;
    const h = this.put(head);
    const b = body === undefined ? 0 : this.put(body, h);
    x.inspectRequest(h, b);
    return x.requestScore(0);
  }

  /**
   * The parts of a request as the filter splits and decodes them (text cut at 4 KiB), in
   * request order, base64 decodings after the part they decode. Parts excluded by the
   * configuration's exclude_params are left out.
   */
  requestParts(req: CoreRequest): DecodedPart[] {
    const [h, b] = this.putRequest(req);
    this.x.inspectRequest(h, b);
    return this.lastParts();
  }

  /**
   * The decoded texts of the request scored last (scoreRequest), without inspecting it again, each
   * with its part's `where` and name (withText false: names only, text left empty, which saves
   * decoding every text). A part without a text (a JSON body's bare key) is not here: lastPartNames.
   */
  lastParts(withText = true): DecodedPart[] {
    const x = this.x;
    const n = x.traceTexts();
    const mem = new Uint8Array(x.memory.buffer, x.tracePtr(), x.traceLen());
    const v = new DataView(x.memory.buffer, x.tracePtr(), x.traceLen());
    const names = this.description.wheres;
    const out: DecodedPart[] = [];
    let o = 0;
    for (let i = 0; i < n; i++) {
      const w = v.getUint32(o, true), flags = v.getUint32(o + 4, true);
      const nl = v.getUint32(o + 8, true), tl = v.getUint32(o + 12, true);
      out.push({
        where: names[w], flags: (flags & ~TRACE_NOT_SCORED) >>> 0, scored: (flags & TRACE_NOT_SCORED) === 0,
        name: fromUtf8.decode(mem.subarray(o + 16, o + 16 + nl)),
        text: withText ? fromUtf8.decode(mem.subarray(o + 16 + nl, o + 16 + nl + tl)) : "",
      });
      o += 16 + nl + tl;
    }
    return out;
  }

  /**
   * The `where` and name of every part of the request scored last, texts or not: the parameters it
   * carries, for `wafscore scan`'s counts (a JSON body's bare keys are parts without a text).
   */
  lastPartNames(): Array<{ where: string; name: string }> {
    const x = this.x;
    const n = x.traceParts();
    const mem = new Uint8Array(x.memory.buffer, x.tracePtr(), x.traceLen());
    const v = new DataView(x.memory.buffer, x.tracePtr(), x.traceLen());
    const names = this.description.wheres;
    const out: Array<{ where: string; name: string }> = [];
    let o = 0;
    for (let i = 0; i < n; i++) {
      const w = v.getUint32(o, true), nl = v.getUint32(o + 4, true);
      out.push({ where: names[w], name: fromUtf8.decode(mem.subarray(o + 8, o + 8 + nl)) });
      o += 8 + nl;
    }
    return out;
  }

  /** The parts of the request that carries one labelled part (see score). */
  parts(where: string, text: string | Uint8Array): DecodedPart[] {
    return this.requestParts(partRequest(where, text));
  }

  /** The hashed features of every window of a request and of the pieces the zoom cuts from them, as training sees them. */
  featurizeRequest(req: CoreRequest, bits: number): WindowFeatures[] {
    const x = this.x;
    const [h, b] = this.putRequest(req);
    const n = x.featurizeRequest(h, b, bits);
    if (n < 0) throw new Error("featurize: export buffers overflowed");
    const wins = new Uint32Array(x.memory.buffer, x.exportWindowsPtr(), n * 4);
    const feats = new Uint32Array(x.memory.buffer, x.exportFeaturesPtr());
    const confirmed = new Uint32Array(x.memory.buffer, x.exportConfirmedPtr(), n);
    const piece = this.description.piece_flag;
    const out: WindowFeatures[] = [];
    for (let i = 0; i < n; i++) {
      const start = wins[4 * i], count = wins[4 * i + 1];
      const flags = wins[4 * i + 3];
      out.push({ where: wins[4 * i + 2], flags: flags & ~piece, piece: (flags & piece) !== 0, confirmed: confirmed[i], features: feats.slice(start, start + count) });
    }
    return out;
  }

  /** The windows of the request that carries one labelled part (see score). */
  featurize(where: string, text: string | Uint8Array, bits: number): WindowFeatures[] {
    return this.featurizeRequest(partRequest(where, text), bits);
  }
}
