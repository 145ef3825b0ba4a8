// core.wasm: the scoring core without proxy-wasm, for Node (training, eval, the CLI, tests).
// Entry of the second build; models/wasm.ts is its only caller. ABI: Node writes bytes at
// inputPtr(), calls a function with their length, and reads results or UTF-8 text at outputPtr().

import { parseConfig, Config } from "../config/config";
import { Model, modelErrorText } from "./model";
import { embeddedModel } from "./engine";
import { RequestScorer, PART_CAPACITY, EXPORT_FEATURES, EXPORT_WINDOWS } from "./scorer";
import { CLASS_NAMES, HEAD_COUNT } from "./classes";
import { FEATURE_SPEC_VERSION, extractFeatures, MAX_FEATURES, WINDOW_BYTES } from "./features";
import { MAX_FRAGMENTS } from "./explain";
import { Decision, Reason, decide } from "./decide";

const input = new StaticArray<u8>(PART_CAPACITY);
const output = new StaticArray<u8>(65536);
let outputLength = 0;

let model: Model = embeddedModel();
let config: Config = new Config();
let scorer: RequestScorer = new RequestScorer(model, config);

function writeOutput(s: string): i32 {
  // Messages are short; cap the UTF-16 units so the UTF-8 (3 bytes a unit at most) fits.
  let units = min(s.length, output.length / 3);
  outputLength = <i32>String.UTF8.encodeUnsafe(changetype<usize>(s), units, changetype<usize>(output));
  return outputLength;
}

export function inputPtr(): usize { return changetype<usize>(input); }
export function inputCapacity(): i32 { return PART_CAPACITY; }
export function outputPtr(): usize { return changetype<usize>(output); }
export function outputLen(): i32 { return outputLength; }
export function featureSpecVersion(): i32 { return FEATURE_SPEC_VERSION; }

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
  __pin(changetype<usize>(blob)); // the model's views point into it for the life of the module
  model = Model.load(changetype<usize>(blob), len);
  scorer = new RequestScorer(model, config);
  return modelStatus();
}

// Parses the plugin configuration at inputPtr() exactly as the filter does in onConfigure.
// Returns 1 and uses it, or 0 with "config.<field>: <reason>" in the output.
export function configure(len: i32): i32 {
  let r = parseConfig(changetype<usize>(input), len);
  if (!r.ok) { writeOutput(r.message()); return 0; }
  config = r.config!;
  scorer = new RequestScorer(model, config);
  outputLength = 0;
  return 1;
}

export function headCount(): i32 { return HEAD_COUNT; }
export function headName(k: i32): i32 { return writeOutput(CLASS_NAMES[k]); }

// A request is scored as begin, add (one call per wire part), then read the results.
export function beginRequest(): void {
  scorer.collecting = false;
  scorer.reset();
}
export function addWire(where: i32, len: i32): void {
  scorer.scoreWire(where, changetype<usize>(input), min(len, PART_CAPACITY));
}
export function requestScore(k: i32): i32 { return scorer.score(k); }
export function requestLogit(k: i32): f32 { return scorer.maxLogit[k]; }
export function requestWorstClass(): i32 { return scorer.worstClass(); }
export function requestWorstWhere(): i32 { return scorer.worstWhere; }
export function requestParts(): i32 { return scorer.parts; }
export function requestWindows(): i32 { return scorer.windows; }
// The decoded window behind the overall score, into the output; returns its length.
export function requestWorstText(): i32 {
  let n = min(scorer.worstTextLen, output.length);
  memory.copy(changetype<usize>(output), changetype<usize>(scorer.worstText), n);
  return n;
}
export function requestWorstName(): i32 {
  memory.copy(changetype<usize>(output), changetype<usize>(scorer.worstName), scorer.worstNameLen);
  return scorer.worstNameLen;
}

// Training export: the features of every window of one wire part, hashed to 2^bits buckets.
// Returns the window count (-1 if the export buffers overflowed); read the windows as
// u32 [featStart, featCount, where, flags] at exportWindowsPtr() and features at exportFeaturesPtr().
let exportFeatures: StaticArray<u32> | null = null;
let exportWindows: StaticArray<u32> | null = null;
export function featurize(where: i32, len: i32, bits: i32): i32 {
  if (exportFeatures == null) {
    exportFeatures = new StaticArray<u32>(EXPORT_FEATURES);
    exportWindows = new StaticArray<u32>(EXPORT_WINDOWS * 4);
  }
  scorer.reset();
  scorer.collecting = true;
  scorer.exportFeatures = exportFeatures;
  scorer.exportWindows = exportWindows;
  scorer.exportShift = <u32>(32 - bits);
  scorer.scoreWire(where, changetype<usize>(input), min(len, PART_CAPACITY));
  scorer.collecting = false;
  return scorer.exportOverflow ? -1 : scorer.windows;
}
export function exportFeaturesPtr(): usize { return changetype<usize>(exportFeatures); }
export function exportWindowsPtr(): usize { return changetype<usize>(exportWindows); }

// Splits and decodes one wire part, as the filter does, and scores it; the decoded parts are
// recorded at tracePtr() (layout in core/scorer.ts traceText). Returns the part count.
let traceBuf: StaticArray<u8> | null = null;
export function traceParts(where: i32, len: i32): i32 {
  if (traceBuf == null) traceBuf = new StaticArray<u8>(1 << 20);
  scorer.collecting = false;
  scorer.reset();
  scorer.trace = traceBuf;
  scorer.scoreWire(where, changetype<usize>(input), min(len, PART_CAPACITY));
  scorer.trace = null;
  return scorer.traceCount;
}
export function tracePtr(): usize { return changetype<usize>(traceBuf); }
export function traceLen(): i32 { return scorer.traceLength; }

// The fragments of requestWorstText() that drove the overall score: writes [start, length]
// i32 pairs at outputPtr() and returns how many.
const fragments = new StaticArray<i32>(2 * MAX_FRAGMENTS);
export function requestExplain(): i32 {
  let n = scorer.explain(fragments);
  memory.copy(changetype<usize>(output), changetype<usize>(fragments), <usize>(8 * n));
  return n;
}

// What the filter does with a request of this overall score under the configuration in use
// (configure()): action (0 pass, 1 tag, 2 block, 3 log) * 4 + flagged * 2 + reason is
// uninspectable. For tests of the decision table; the filter calls decide() the same way.
const decision = new Decision();
export function decideFor(score: i32, uninspectable: bool): i32 {
  decide(config, score, uninspectable, decision);
  return <i32>decision.action * 4 + (decision.flagged ? 2 : 0) + (decision.reason == Reason.UNINSPECTABLE ? 1 : 0);
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

// ---- test hooks: inflate (filter/decode/inflate.ts; the request parser will call it directly) ----
// Inflates the srcLen bytes at inputPtr() (format 1 gzip, 2 HTTP deflate, 3 raw) into a buffer
// at inflateOutputPtr(), capped at min(cap, INFLATE_TEST_BYTES); returns inflateBody's result.
import { inflateBody, inflatedLength } from "../decode/inflate";
const INFLATE_TEST_BYTES = 4 << 20; // 4 MiB: the tests' largest body (1 MiB) and caps beyond it
let inflateOut: StaticArray<u8> | null = null;
export function inflateInput(srcLen: i32, format: i32, cap: i32, ratio: i32): i32 {
  if (inflateOut == null) inflateOut = new StaticArray<u8>(INFLATE_TEST_BYTES);
  let n = min(srcLen, PART_CAPACITY);
  return inflateBody(changetype<usize>(input), n, format, changetype<usize>(inflateOut), min(cap, INFLATE_TEST_BYTES), ratio);
}
export function inflateOutputPtr(): usize { return changetype<usize>(inflateOut); }
export function inflateOutputLength(): i32 { return inflatedLength(); }
// ---- end test hooks: inflate ----
