// core.wasm: the scoring core without proxy-wasm, for Node (training, eval, the CLI, tests).
// Entry of the second build; node/core.ts is its only caller. ABI: Node writes bytes at
// inputPtr(), calls a function with their length, and reads results or UTF-8 text at outputPtr().
//
// A request is the host's serialized header map (pseudo-headers included) followed by the body,
// both at inputPtr(): inspectRequest(headLen, bodyLen) runs the same pipeline as the filter.
//
// Built, as the filter is, on AssemblyScript's minimal runtime (asconfig.json): no shadow stack,
// and no collection but collectGarbage(), which Node calls after the exports that allocate
// (configure, useModel). Scoring a request allocates nothing.

import { parseConfig, Config } from "../config/config";
import { Model, modelErrorText } from "./model";
import { embeddedModel } from "./engine";
import { Inspection } from "./inspect";
import { FeatureCollector } from "./collect";
import { extractFeatures, MAX_FEATURES, WINDOW_BYTES } from "./features";
import { MAX_FRAGMENTS } from "./explain";
import { Decision, Reason, decide } from "./decide";
import { describeCore } from "./describe";
import { confirms, classesRuledOut, lexedLength } from "./confirm";
import { plainQuery } from "./sqlquery";
import { normalizePath, normalizedLength } from "../request/path";
import { matchRoute, streamsBody, trustedAddress, trustedPrincipal } from "../request/policy";
import { HEAD_COUNT } from "./classes";
import { MAX_REQUEST_BYTES } from "../request/parts";
import { TEXT_NOT_SCORED, textPtr, textLen } from "../decode/texts";
import { DecodeFlag } from "../decode/flags";

const INPUT_BYTES = MAX_REQUEST_BYTES;
const input = new StaticArray<u8>(INPUT_BYTES);
const output = new StaticArray<u8>(65536);
let outputLength = 0;

let model: Model = embeddedModel();
// The bytes of a model given to useModel, which its views point into: held here, so that they
// live while it is in use and are collected when another replaces it.
let modelBlob: ArrayBuffer | null = null;
let config: Config = Config.defaults();
let inspection = new Inspection(model);

function writeOutput(s: string): i32 {
  // Messages are short; cap the UTF-16 units so the UTF-8 (3 bytes a unit at most) fits.
  let units = min(s.length, output.length / 3);
  outputLength = <i32>String.UTF8.encodeUnsafe(changetype<usize>(s), units, changetype<usize>(output));
  return outputLength;
}

function writeBytes(p: usize, n: i32): i32 {
  n = min(n, output.length);
  memory.copy(changetype<usize>(output), p, n);
  outputLength = n;
  return n;
}

export function inputPtr(): usize { return changetype<usize>(input); }
export function inputCapacity(): i32 { return INPUT_BYTES; }
export function outputPtr(): usize { return changetype<usize>(output); }
export function outputLen(): i32 { return outputLength; }

// The core's self-description (JSON) into the output; returns its length.
export function describe(): i32 { return writeOutput(describeCore()); }

// 0 when the model in use is valid; otherwise the error code, with its text in the output.
export function modelStatus(): i32 {
  writeOutput(modelErrorText(model.error));
  return model.error;
}
export function modelBucketBits(): i32 { return model.bucketBits; }

// Replaces the embedded model with the len bytes at inputPtr() (for evaluating a candidate).
export function useModel(len: i32): i32 {
  let blob = new ArrayBuffer(len);
  memory.copy(changetype<usize>(blob), changetype<usize>(input), len);
  modelBlob = blob;
  model = Model.load(changetype<usize>(blob), len);
  inspection = new Inspection(model);
  return modelStatus();
}

// Frees what the exports before left behind. Only safe from outside the module: the minimal
// runtime sees no managed value on the wasm stack.
export function collectGarbage(): void { __collect(); }

// Parses the plugin configuration at inputPtr() exactly as the filter does in onConfigure.
// Returns 1 and uses it, or 0 with "config.<field>: <reason>" in the output.
export function configure(len: i32): i32 {
  let r = parseConfig(changetype<usize>(input), len);
  if (!r.ok) { writeOutput(r.message()); return 0; }
  config = r.config!;
  outputLength = 0;
  return 1;
}

// ---- one request -------------------------------------------------------------------------

function clampBody(headLen: i32, bodyLen: i32): i32 {
  return max(0, min(bodyLen, INPUT_BYTES - headLen));
}

// Scores the request at inputPtr() (head, then body); read the results with request*().
export function inspectRequest(headLen: i32, bodyLen: i32): void {
  headLen = max(0, min(headLen, INPUT_BYTES));
  let p = changetype<usize>(input);
  inspection.score(config, p, headLen, p + headLen, clampBody(headLen, bodyLen));
}

export function requestScore(k: i32): i32 { return inspection.scores.score(k); }
export function requestLogit(k: i32): f32 { return inspection.scores.maxLogit[k]; }
export function requestWorstClass(): i32 { return inspection.scores.worstClass(); }
export function requestWindows(): i32 { return inspection.windows; }
export function requestFeatures(): i32 { return inspection.scores.features; }
export function requestOverflow(): bool { return inspection.overflow; }
export function requestUndecodable(): bool { return inspection.facts.undecodable; }
export function requestEncoding(): i32 { return <i32>inspection.facts.encoding; }
export function requestBodyWhere(): i32 { return inspection.facts.bodyWhere; }
// The length of the body as it was split (inflated, or transcoded from UTF-16/32): what a body
// part's text is at most as long as (the fuzzer's bound).
export function requestBodyLength(): i32 { return inspection.facts.bodyLen; }

// Parts the model scored (not counting base64 decodings, which are the same part again).
export function requestParts(): i32 {
  let t = inspection.texts;
  let n = 0;
  for (let i = 0, k = t.count; i < k; i++) if (t.scored(i) && (t.flags(i) & DecodeFlag.BASE64) == 0) n++;
  return n;
}

function worstPart(): i32 {
  let t = inspection.scores.worstTextIndex;
  return t < 0 ? -1 : inspection.texts.part(t);
}
export function requestWorstWhere(): i32 {
  let p = worstPart();
  return p < 0 ? -1 : inspection.parts.where(p);
}
export function requestWorstName(): i32 {
  let p = worstPart();
  return p < 0 ? writeBytes(0, 0) : writeBytes(inspection.parts.namePtr(p), inspection.parts.nameLen(p));
}
// The decoded window behind the overall score, into the output; returns its length.
export function requestWorstText(): i32 {
  let s = inspection.scores;
  return writeBytes(changetype<usize>(s.worstText), s.worstTextLen);
}

// The fragments of requestWorstText() that drove the overall score: writes [start, length]
// i32 pairs at outputPtr() and returns how many.
const fragments = new StaticArray<i32>(2 * MAX_FRAGMENTS);
export function requestExplain(): i32 {
  let n = inspection.scores.explain(fragments);
  writeBytes(changetype<usize>(fragments), 8 * n);
  return n;
}

// The decoded texts of the last request, as the filter split and decoded them, at tracePtr():
// per text u32 where, u32 flags (bit 31: not scored), u32 nameLen, u32 textLen, name bytes,
// text bytes (cut at 4 KiB). Returns the text count.
let traceBuf: StaticArray<u8> | null = null;
let traceLength = 0;
export function traceTexts(): i32 {
  if (traceBuf == null) traceBuf = new StaticArray<u8>(1 << 20);
  let buf = traceBuf!;
  let t = inspection.texts;
  let parts = inspection.parts;
  traceLength = 0;
  let count = 0;
  for (let i = 0, k = t.count; i < k; i++) {
    let part = t.part(i);
    let nameLen = parts.nameLen(part);
    let textLen = min(t.len(i), 4096);
    let need = 16 + nameLen + textLen;
    if (traceLength + need > buf.length) break;
    let o = changetype<usize>(buf) + traceLength;
    store<u32>(o, parts.where(part));
    store<u32>(o, t.flags(i) | (t.scored(i) ? 0 : TEXT_NOT_SCORED), 4);
    store<u32>(o, nameLen, 8);
    store<u32>(o, textLen, 12);
    memory.copy(o + 16, parts.namePtr(part), nameLen);
    memory.copy(o + 16 + nameLen, t.ptr(i), textLen);
    traceLength += need;
    count++;
  }
  return count;
}
// The parts of the last request, names only, at tracePtr(): per part u32 where, u32 nameLen, name
// bytes. Every parameter the request carries, also those with no text (a JSON body's bare keys).
// Returns the part count written.
export function traceParts(): i32 {
  if (traceBuf == null) traceBuf = new StaticArray<u8>(1 << 20);
  let buf = traceBuf!;
  let parts = inspection.parts;
  traceLength = 0;
  let count = 0;
  for (let i = 0, k = parts.count; i < k; i++) {
    let nameLen = parts.nameLen(i);
    let need = 8 + nameLen;
    if (traceLength + need > buf.length) break;
    let o = changetype<usize>(buf) + traceLength;
    store<u32>(o, parts.where(i));
    store<u32>(o, nameLen, 4);
    memory.copy(o + 8, parts.namePtr(i), nameLen);
    traceLength += need;
    count++;
  }
  return count;
}
export function tracePtr(): usize { return changetype<usize>(traceBuf); }
export function traceLen(): i32 { return traceLength; }

// Training export: the features of every window of the request at inputPtr() and of the pieces the
// zoom cuts from them (core/zoom.ts), hashed to 2^bits buckets. Returns the number of instances (-1
// if the export buffers overflowed); read them as u32 [featStart, featCount, where, flags] at
// exportWindowsPtr() (flags | core/collect.ts PIECE_FLAG for a piece, after its window) and
// features at exportFeaturesPtr().
let collector: FeatureCollector | null = null;
export function featurizeRequest(headLen: i32, bodyLen: i32, bits: i32): i32 {
  if (collector == null) collector = new FeatureCollector();
  let c = collector!;
  c.reset(bits);
  headLen = max(0, min(headLen, INPUT_BYTES));
  let p = changetype<usize>(input);
  inspection.run(config, p, headLen, p + headLen, clampBody(headLen, bodyLen), false, c);
  if (c.overflow) return -1;
  // The collector records text indexes; the trainer wants each window's Where, and no class
  // confirmed that the part's place rules out, as the scores' gate does (confirm.ts classesRuledOut).
  // A text's windows come one after another: what it rules out is read once per text, as the
  // scores' gate reads it (core/score.ts readRuledOut).
  let rows = changetype<usize>(c.windows);
  let trows = inspection.texts.rows;
  let lastText = -1;
  let ruled: u32 = 0;
  for (let w = 0; w < c.windowCount; w++) {
    let row = rows + (<usize>w << 4);
    let t = <i32>load<u32>(row, 8);
    let part = inspection.texts.part(t);
    store<u32>(row, inspection.parts.where(part), 8);
    if (t != lastText) { lastText = t; ruled = classesRuledOut(inspection.parts.rows, part, trows, t); }
    unchecked(c.confirmed[w] = unchecked(c.confirmed[w]) & ~ruled);
  }
  return c.windowCount;
}
export function exportFeaturesPtr(): usize { return changetype<usize>(collector!.features); }
export function exportWindowsPtr(): usize { return changetype<usize>(collector!.windows); }
export function exportConfirmedPtr(): usize { return changetype<usize>(collector!.confirmed); }

// Whether the semantic-confirmation lexer of head k (core/confirm.ts) accepts the len bytes at
// inputPtr(), as a text's start (opensText 1) or as a window further into one (0): 1 or 0. For
// tests and for measuring what the lexers reject.
export function confirmsText(k: i32, len: i32, opensText: i32): i32 {
  return confirms(k, changetype<usize>(input), min(len, INPUT_BYTES), opensText != 0) ? 1 : 0;
}

// Whether the len bytes at inputPtr() are one plain SQL query (core/sqlquery.ts), whose text the
// gate holds the model's sqli class for: 1 or 0. For tests.
export function plainQueryText(len: i32): i32 {
  return plainQuery(changetype<usize>(input), min(len, INPUT_BYTES)) ? 1 : 0;
}

// How many of the first len bytes at inputPtr() the lexers read as a window (core/confirm.ts
// lexedLength): closesText 0 when the text goes on at inputPtr() + len. For tests.
export function lexedLengthOf(len: i32, closesText: i32): i32 {
  return lexedLength(changetype<usize>(input), min(len, INPUT_BYTES - 1), closesText != 0);
}

// The path exclude_paths is matched on, for the len bytes of a :path at inputPtr(); into the output.
export function normalizedPath(len: i32): i32 {
  let p = normalizePath(changetype<usize>(input), min(len, INPUT_BYTES));
  return writeBytes(p, normalizedLength());
}

// What the filter does with a request of this overall score under the configuration in use
// (configure()): action (0 pass, 1 tag, 2 block, 3 log) * 16 + flagged * 8 + reason (0 none,
// 1 score, 2 uninspectable, 3 undecodable). For tests of the decision table; the filter calls
// decide() the same way.
const decision = new Decision();
export function decideFor(score: i32, uninspectable: bool, undecodable: bool): i32 {
  decide(config, score, uninspectable, undecodable, decision);
  return <i32>decision.action * 16 + (decision.flagged ? 8 : 0) + <i32>decision.reason;
}

// The same with class scores (class_thresholds), as the filter calls it when the configuration
// has any: set each head's score with setClassScore first. Returns decideFor's code + the
// deciding class * 256.
const classScores = new StaticArray<i32>(HEAD_COUNT);
export function setClassScore(k: i32, score: i32): void {
  if (k >= 0 && k < HEAD_COUNT) classScores[k] = score;
}
// `route`: the index of the route whose Config decides (-1: the top level's).
export function decideWithClasses(score: i32, uninspectable: bool, undecodable: bool, worst: i32, route: i32): i32 {
  let c = route < 0 || route >= config.routes.length ? config : config.routes[route].config;
  decide(c, score, uninspectable, undecodable, decision, c.classRules ? classScores : null, worst);
  return decision.klass * 256 + <i32>decision.action * 16 + (decision.flagged ? 8 : 0) + <i32>decision.reason;
}

// ---- per-request policy (request/policy.ts), for tests ---------------------------------------

// The route an authority (input[0..authLen)) and :path (input[authLen..authLen+pathLen)) get:
// its index in `routes`, or -1 for the top level.
export function routeFor(authLen: i32, pathLen: i32): i32 {
  let p = changetype<usize>(input);
  let np = normalizePath(p + authLen, pathLen);
  let c = matchRoute(config, p, authLen, np, normalizedLength());
  for (let i = 0; i < config.routes.length; i++) if (config.routes[i].config == c) return i;
  return -1;
}

// Whether a Content-Type at inputPtr() streams under route `route` (-1: the top level).
export function streamsFor(route: i32, len: i32): bool {
  let c = route < 0 || route >= config.routes.length ? config : config.routes[route].config;
  return streamsBody(c, changetype<usize>(input), len);
}

// Whether a `source.address` value at inputPtr() is trusted (trusted_sources.cidrs).
const ipScratch = new StaticArray<u8>(16);
export function trustedAddressFor(len: i32): bool {
  return trustedAddress(config, changetype<usize>(input), len, changetype<usize>(ipScratch));
}
export function trustedPrincipalFor(len: i32): bool {
  return trustedPrincipal(config, changetype<usize>(input), len);
}

// 1 when the fast feature path and the one explanations use (with spans) give the same
// features for the first window of the input at inputPtr(); 0 otherwise. For tests.
const fastFeats = new StaticArray<u32>(MAX_FEATURES);
const spanFeats = new StaticArray<u32>(MAX_FEATURES);
const spanBuf = new StaticArray<u32>(MAX_FEATURES);
export function featurePathsAgree(len: i32, flags: u32, bits: i32): i32 {
  let n = min(len, WINDOW_BYTES);
  let shift = <u32>(32 - bits);
  let a = extractFeatures(changetype<usize>(input), n, flags, changetype<usize>(fastFeats), shift);
  let b = extractFeatures(changetype<usize>(input), n, flags, changetype<usize>(spanFeats), shift, changetype<usize>(spanBuf));
  if (a != b) return 0;
  return memory.compare(changetype<usize>(fastFeats), changetype<usize>(spanFeats), <usize>a << 2) == 0 ? 1 : 0;
}

// ---- test hooks: multipart ----
// multipartFields(ctLen, bodyLen): a Content-Type value then a body, back to back at inputPtr(),
// split by request/multipart.ts; each part is recorded at multipartRecordsPtr() as u32 kind
// (PartKind | KIND_* flags), u32 name length, u32 value length, then the name and value bytes.
// Returns the record count; -1 when the Content-Type has no usable boundary, -2 when
// splitMultipart returns false (the body would be scored as text), -3 when the records overflow.
// multipartBoundarySpan(ctLen) is multipartBoundary itself; multipartWorkDone() the bytes examined.
import { multipartBoundary, splitMultipart, multipartPartKind, multipartWork } from "../request/multipart";
import { PartList } from "../request/parts";

const MULTIPART_RECORD_BYTES = 4 << 20;
let multipartRecords: StaticArray<u8> | null = null;
let multipartParts: PartList | null = null;
let multipartRecordsLength = 0;
export function multipartBoundarySpan(ctLen: i32): u64 {
  return multipartBoundary(changetype<usize>(input), min(ctLen, INPUT_BYTES));
}
export function multipartFields(ctLen: i32, bodyLen: i32): i32 {
  if (multipartRecords == null) { multipartRecords = new StaticArray<u8>(MULTIPART_RECORD_BYTES); multipartParts = new PartList(); }
  multipartRecordsLength = 0;
  if (ctLen < 0 || bodyLen < 0 || ctLen + bodyLen > INPUT_BYTES) return -1;
  let ct = changetype<usize>(input);
  let b = multipartBoundary(ct, ctLen);
  if (b == 0) return -1;
  let parts = multipartParts!;
  parts.reset([], i32.MAX_VALUE);
  if (!splitMultipart(ct + <usize>ctLen, bodyLen, ct + <usize>(b >>> 32), <i32>(b & 0xFFFFFFFF), parts)) return -2;
  let buf = changetype<usize>(multipartRecords);
  for (let i = 0; i < parts.count; i++) {
    let nameLen = parts.nameLen(i), valLen = parts.valLen(i);
    let need = 12 + nameLen + valLen;
    if (multipartRecordsLength + need > MULTIPART_RECORD_BYTES) return -3;
    let p = buf + <usize>multipartRecordsLength;
    store<u32>(p, <u32>multipartPartKind(i));
    store<u32>(p + 4, <u32>nameLen);
    store<u32>(p + 8, <u32>valLen);
    memory.copy(p + 12, parts.namePtr(i), nameLen);
    memory.copy(p + 12 + <usize>nameLen, parts.valPtr(i), valLen);
    multipartRecordsLength += need;
  }
  return parts.overflow ? -3 : parts.count;
}
export function multipartRecordsPtr(): usize { return changetype<usize>(multipartRecords); }
export function multipartRecordsLen(): i32 { return multipartRecordsLength; }
export function multipartWorkDone(): i32 { return multipartWork(); }

// ---- test hooks: inflate (request/inflate.ts, which request/request.ts calls for encoded bodies) ----
// Inflates the srcLen bytes at inputPtr() (format 1 gzip, 2 HTTP deflate, 3 raw) into a buffer
// at inflateOutputPtr(), capped at min(cap, INFLATE_TEST_BYTES); returns inflateBody's result.
import { inflateBody, inflatedLength } from "../request/inflate";
const INFLATE_TEST_BYTES = 4 << 20; // 4 MiB: the tests' largest body (1 MiB) and caps beyond it
let inflateOut: StaticArray<u8> | null = null;
export function inflateInput(srcLen: i32, format: i32, cap: i32, ratio: i32): i32 {
  if (inflateOut == null) inflateOut = new StaticArray<u8>(INFLATE_TEST_BYTES);
  let n = min(srcLen, INPUT_BYTES);
  return inflateBody(changetype<usize>(input), n, format, changetype<usize>(inflateOut), min(cap, INFLATE_TEST_BYTES), ratio);
}
export function inflateOutputPtr(): usize { return changetype<usize>(inflateOut); }
export function inflateOutputLength(): i32 { return inflatedLength(); }
// ---- end test hooks: inflate ----

// ---- test hooks: which windows a lexer could confirm (core/census.ts) ----
// windowCensus(headLen, bodyLen): splits and decodes the request at inputPtr() as inspectRequest
// does and, without scoring, counts its windows; writes 7 i32 at outputPtr(): windows, their bytes,
// windows some lexer confirms, their bytes, windows mayConfirm rules out, their bytes, and
// violations (ruled out yet confirmed). Returns the window count.
import { ConfirmCensus } from "./census";
import { mayConfirm } from "./mayconfirm";
const census = new ConfirmCensus();
export function windowCensus(headLen: i32, bodyLen: i32): i32 {
  census.reset();
  headLen = max(0, min(headLen, INPUT_BYTES));
  let p = changetype<usize>(input);
  inspection.run(config, p, headLen, p + headLen, clampBody(headLen, bodyLen), false, census);
  writeBytes(changetype<usize>(census.counts), 28);
  return census.counts[0];
}

// Whether mayConfirm (core/mayconfirm.ts) lets the len bytes at inputPtr() through: 1 or 0.
export function mayConfirmText(len: i32): i32 {
  return mayConfirm(changetype<usize>(input), min(len, INPUT_BYTES)) ? 1 : 0;
}

// ---- test hooks: which heads the verdicts that need no model raise (core/signatures.ts, core/payloads.ts) ----
// verdictHeads(headLen, bodyLen): splits and decodes the request at inputPtr() as inspectRequest
// does, scores no window, applies the verdicts, and returns a bit per head they raised to the top
// (bit 0: overall). For `make verdict-census`: no benign part of the dataset may raise one.
import { NoWindows } from "./census";
import { applySignatures } from "./signatures";
import { applyPayloadVerdicts } from "./payloads";
const noWindows = new NoWindows();
export function verdictHeads(headLen: i32, bodyLen: i32): i32 {
  if (!model.ok) return 0;
  headLen = max(0, min(headLen, INPUT_BYTES));
  let p = changetype<usize>(input);
  inspection.run(config, p, headLen, p + headLen, clampBody(headLen, bodyLen), false, noWindows);
  let scores = inspection.scores;
  applySignatures(inspection.parts, inspection.texts, scores);
  applyPayloadVerdicts(inspection.parts, inspection.texts, scores);
  let bits = 0;
  for (let k = 0; k < HEAD_COUNT; k++) if (unchecked(scores.maxLogit[k]) >= model.topLogit(k)) bits |= 1 << k;
  return bits;
}
