// A filter that does nothing, built with the same SDK, patch and settings as wafscore: `make bench`
// runs it as a third Envoy, so that the cost of running any proxy-wasm filter in Envoy (VM calls,
// context objects) is told apart from the cost of what wafscore does. Not shipped.
//
// Its plugin configuration adds wafscore's per-request host calls one kind at a time, for `make bench-split`:
//   "buffer"     hold the headers and buffer the body to its end, as wafscore does;
//   "copy"       also copy the header map and the body into the VM;
//   "clock"      also read the host's clock twice (wafscore times its scoring);
//   "histogram"  also record one histogram value (wafscore_scoring_time_us);
//   "counters"   also increment two counters (scored, and tagged or blocked);
//   "tag"        also add four request headers (the score headers);
//   "state"      also write eight filter state values (wafscore's wasm.wafscore.* for access logs).
// "copy each:<op>*<n>" copies, then makes one kind of host call n times per request, so that one
// call's cost stands out of the noise: op now (clock read), hist (histogram value), count (counter),
// header (header write), pairs (copy of the header map into the VM), prop (filter state write).
// "sweep:<KiB>" and "spin:<n>" (with any level) also read one byte of every 64 of a KiB-sized table, or
// run n rounds of integer arithmetic, per request, after the host calls: `make bench-dso`'s probes
// (BENCH_DSO_PROBES) for whether Envoy's own work after a filter's slows from the caches the filter's
// data evicted or from the time the filter took.
// Any other configuration (the bench uses "{}") does nothing at all.

export * from "../../filter/glue/abi";
import { RootContext, Context, registerRootContext, FilterHeadersStatusValues, FilterDataStatusValues } from "@solo-io/proxy-runtime/assembly";
import {
  getPluginConfiguration, getRequestHeaderPairsRaw, getRequestBody, addRequestHeaderBytes,
  nowNanos, defineCounter, defineHistogram, incrementCounter, recordMetric, setFilterState,
} from "../../filter/glue/host";
import "../../filter/glue/abort";

const NAME = String.UTF8.encode("x-null-score");
const VALUE = String.UTF8.encode("99");
// Distinct filter state keys ("null.k0".."null.k63"): a write per key, as wafscore writes one per key.
const KEYS = new StaticArray<ArrayBuffer>(64);
for (let i = 0; i < 64; i++) KEYS[i] = String.UTF8.encode("null.k" + i.toString());

class NullStream extends Context {
  constructor(id: u32, private root: NullRoot) { super(id, root); }

  onRequestHeaders(_n: u32, endOfStream: bool): FilterHeadersStatusValues {
    if (this.root.level == 0) return FilterHeadersStatusValues.Continue;
    if (endOfStream) { this.work(0); return FilterHeadersStatusValues.Continue; }
    return FilterHeadersStatusValues.StopIteration;
  }

  onRequestBody(size: usize, endOfStream: bool): FilterDataStatusValues {
    if (this.root.level == 0) return FilterDataStatusValues.Continue;
    if (!endOfStream) return FilterDataStatusValues.StopIterationAndBuffer;
    this.work(<u32>size);
    return FilterDataStatusValues.Continue;
  }

  private work(bodyBytes: u32): void {
    let level = this.root.level;
    if (level >= 2) {
      getRequestHeaderPairsRaw();
      if (bodyBytes > 0) getRequestBody(0, bodyBytes);
    }
    let root = this.root;
    if (level >= 3) {
      let t0 = nowNanos();
      let t1 = nowNanos();
      if (level >= 4 && t1 >= t0) recordMetric(root.histogram, (t1 - t0) / 1000);
    }
    if (level >= 5) { incrementCounter(root.counterA); incrementCounter(root.counterB); }
    if (level >= 6) for (let i = 0; i < 4; i++) addRequestHeaderBytes(NAME, VALUE);
    if (level >= 7) for (let i = 0; i < 8; i++) setFilterState(KEYS[i], VALUE);
    if (root.sweep != null) root.sink += sweepTable(root.sweep!);
    if (root.spinRounds > 0) root.sink += spin(root.spinRounds);
    let op = root.eachOp;
    for (let i = 0, n = root.eachTimes; i < n; i++) {
      if (op == 1) nowNanos();
      else if (op == 2) recordMetric(root.histogram, <u64>i);
      else if (op == 3) incrementCounter(root.counterA);
      else if (op == 4) addRequestHeaderBytes(NAME, VALUE);
      else if (op == 5) getRequestHeaderPairsRaw();
      else if (op == 6) setFilterState(KEYS[i & 63], VALUE);
    }
  }

  // Same overrides as wafscore's stream: the SDK's defaults log per request.
  onLog(): void {}
  onDone(): bool { return true; }
  onDelete(): void {}
}

// One read per 64-byte line: every line of the table comes into the caches.
function sweepTable(t: StaticArray<u64>): u64 {
  let sum: u64 = 0;
  for (let i = 0, n = t.length; i < n; i += 8) sum += unchecked(t[i]);
  return sum;
}

// Arithmetic on registers only: time in the VM that touches no memory.
function spin(rounds: i32): u64 {
  let x: u64 = 88172645463325252;
  for (let i = 0; i < rounds; i++) { x ^= x << 13; x ^= x >> 7; x ^= x << 17; }
  return x;
}

// The number after `key:` in c, or 0.
function numberAfter(c: string, key: string): i32 {
  let at = c.indexOf(key);
  if (at < 0) return 0;
  let n = 0;
  for (let i = at + key.length; i < c.length && c.charCodeAt(i) >= 48 && c.charCodeAt(i) <= 57; i++) n = n * 10 + c.charCodeAt(i) - 48;
  return n;
}

class NullRoot extends RootContext {
  sweep: StaticArray<u64> | null = null;
  spinRounds: i32 = 0;
  sink: u64 = 0;
  level: i32 = 0;
  histogram: u32 = 0;
  counterA: u32 = 0;
  counterB: u32 = 0;
  eachOp: i32 = 0;
  eachTimes: i32 = 0;
  onConfigure(configSizeBytes: u32): bool {
    let c = String.UTF8.decode(getPluginConfiguration(configSizeBytes));
    let at = c.indexOf("each:");
    if (at >= 0) {
      let star = c.indexOf("*", at);
      let op = c.substring(at + 5, star);
      this.eachOp = op == "now" ? 1 : op == "hist" ? 2 : op == "count" ? 3 : op == "header" ? 4 : op == "pairs" ? 5 : op == "prop" ? 6 : 0;
      this.eachTimes = numberAfter(c, "*");
      if (this.eachOp == 2) this.histogram = defineHistogram("null_time_us");
      if (this.eachOp == 3) this.counterA = defineCounter("null_a_total");
    }
    let kib = numberAfter(c, "sweep:");
    if (kib > 0) {
      let t = new StaticArray<u64>(kib * 128);
      for (let i = 0; i < t.length; i++) unchecked(t[i] = <u64>i);
      this.sweep = t;
    }
    this.spinRounds = numberAfter(c, "spin:");
    this.level = c.includes("state") ? 7 : c.includes("tag") ? 6 : c.includes("counters") ? 5 : c.includes("histogram") ? 4 :
      c.includes("clock") ? 3 : c.includes("copy") ? 2 : c.includes("buffer") ? 1 : 0;
    if (this.level >= 4) this.histogram = defineHistogram("null_time_us");
    if (this.level >= 5) { this.counterA = defineCounter("null_a_total"); this.counterB = defineCounter("null_b_total"); }
    return true;
  }
  createContext(contextId: u32): Context { return new NullStream(contextId, this); }
}

registerRootContext((contextId: u32): RootContext => new NullRoot(contextId), "wafscore");
