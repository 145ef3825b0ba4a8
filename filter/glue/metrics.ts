// The filter's metrics (counters, a gauge and a histogram), defined once in onConfigure; a request
// only increments or records by id. Owned by root.ts, used by stream.ts. Envoy shows them as wasmcustom.wafscore_*.
//
// Labels travel in the name, Envoy's way: wafscore_flagged_total.class.sqli.action.block, which the
// stats_tags in envoy/envoy.template.yaml turn into wafscore_flagged_total{class="sqli",action="block"}
// (without them Prometheus sees wafscore_flagged_total_class_sqli_action_block). A host that refuses
// define_metric (some ngx_wasm_module versions) leaves every id INVALID_METRIC_ID: nothing is counted
// and the filter still starts.

import { defineCounter, defineGauge, defineHistogram, incrementCounter, recordMetric } from "./host";
import { CLASS_NAMES, HEAD_COUNT } from "../core/classes";
import { Action } from "../core/decide";

const MEMORY_SAMPLE_EVERY: u32 = 256;

// The "class" label: the model's classes (heads 1..HEAD_COUNT-1), then a request flagged for
// its inspection rather than its score.
export const FLAGGED_UNINSPECTABLE = HEAD_COUNT;
export const FLAGGED_UNDECODABLE = HEAD_COUNT + 1;
const FLAGGED_CLASSES = HEAD_COUNT + 2;
// The "action" label: a flagged request is blocked, tagged or logged (Action 1..3; never PASS).
const ACTION_SLOTS = 4;
const ACTION_LABELS: StaticArray<string> = ["pass", "tag", "block", "log"];

export class Metrics {
  scored: u32;        // requests scored
  flagged: u32;       // scored at or under the threshold (any mode)
  blocked: u32;       // answered 403
  tagged: u32;        // sent upstream with score headers (counted only when the host took them)
  logged: u32;        // flagged in log mode
  excluded: u32;      // skipped by exclude_paths
  trusted: u32;       // skipped: from a trusted source (trusted_sources)
  truncated: u32;     // body longer than max_body_bytes: only its prefix was scored
  uninspectable: u32; // not wholly inspected (body past max_body_bytes, more parts or windows than allowed)
  undecodable: u32;   // body in an encoding the filter cannot undo, or a stream that does not inflate
  spoofedRemoved: u32; // client-sent header lines under header_prefix, removed
  logsDropped: u32;    // flagged-request log lines over max_flagged_logs_per_second
  // Flagged, by class and action: [class * ACTION_SLOTS + action]; the PASS slots stay unused.
  private flaggedBy: StaticArray<u32> = new StaticArray<u32>(FLAGGED_CLASSES * ACTION_SLOTS);
  // The VM's linear memory in bytes: Envoy has no gauge for a wasm VM's memory, and a soak
  // test needs one. Set at configure time and every MEMORY_SAMPLE_EVERY scored requests.
  vmMemory: u32;
  // Microseconds to split, decode and score one request (not copying it out of Envoy): the
  // scoring cost in the V8 that Envoy runs, where `make bench` reads it and users can watch it.
  scoringTime: u32;
  private sinceSample: u32 = 0;

  constructor() {
    this.scored = defineCounter("wafscore_requests_scored_total");
    this.flagged = defineCounter("wafscore_requests_flagged_total");
    this.blocked = defineCounter("wafscore_requests_blocked_total");
    this.tagged = defineCounter("wafscore_requests_tagged_total");
    this.logged = defineCounter("wafscore_requests_logged_total");
    this.excluded = defineCounter("wafscore_requests_excluded_total");
    this.trusted = defineCounter("wafscore_requests_trusted_total");
    this.truncated = defineCounter("wafscore_body_truncated_total");
    this.uninspectable = defineCounter("wafscore_body_uninspectable_total");
    this.undecodable = defineCounter("wafscore_body_undecodable_total");
    this.spoofedRemoved = defineCounter("wafscore_spoofed_headers_removed_total");
    this.logsDropped = defineCounter("wafscore_flagged_logs_dropped_total");
    for (let k = 1; k < FLAGGED_CLASSES; k++) {
      let klass = k == FLAGGED_UNINSPECTABLE ? "uninspectable" : k == FLAGGED_UNDECODABLE ? "undecodable" : CLASS_NAMES[k];
      for (let a = <i32>Action.TAG; a <= <i32>Action.LOG; a++) {
        this.flaggedBy[k * ACTION_SLOTS + a] = defineCounter("wafscore_flagged_total.class." + klass + ".action." + ACTION_LABELS[a]);
      }
    }
    this.vmMemory = defineGauge("wafscore_vm_memory_bytes");
    this.scoringTime = defineHistogram("wafscore_scoring_time_us");
    this.sampleMemory();
  }

  inc(id: u32, n: i64 = 1): void { incrementCounter(id, n); }

  // One flagged request: `klass` a model class (1..HEAD_COUNT-1), FLAGGED_UNINSPECTABLE or FLAGGED_UNDECODABLE.
  incFlagged(klass: i32, action: Action): void {
    if (klass < 1 || klass >= FLAGGED_CLASSES || action == Action.PASS) return;
    incrementCounter(unchecked(this.flaggedBy[klass * ACTION_SLOTS + <i32>action]));
  }

  recordScoringTime(startNanos: u64, endNanos: u64): void {
    if (endNanos >= startNanos) recordMetric(this.scoringTime, (endNanos - startNanos) / 1000);
  }

  // Called once per scored request; records the memory size every MEMORY_SAMPLE_EVERY calls.
  tick(): void {
    if (++this.sinceSample < MEMORY_SAMPLE_EVERY) return;
    this.sinceSample = 0;
    this.sampleMemory();
  }

  sampleMemory(): void {
    recordMetric(this.vmMemory, <u64>memory.size() << 16);
  }
}
