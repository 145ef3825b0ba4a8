// The filter's metrics (counters, a gauge and a histogram), defined once in onConfigure; a request
// only increments or records by id. Owned by root.ts, used by stream.ts. Envoy shows them as wasmcustom.wafscore_*.

import { defineCounter, defineGauge, defineHistogram, incrementCounter, recordMetric } from "./host";
import { CLASS_NAMES, HEAD_COUNT } from "../core/classes";

const MEMORY_SAMPLE_EVERY: u32 = 256;

export class Metrics {
  scored: u32;        // requests scored
  flagged: u32;       // scored at or under the threshold (any mode)
  blocked: u32;       // answered 403
  tagged: u32;        // sent upstream with score headers
  logged: u32;        // flagged in log mode
  excluded: u32;      // skipped by exclude_paths
  truncated: u32;     // body longer than max_body_bytes: only its prefix was scored
  uninspectable: u32; // not wholly inspected (body past max_body_bytes, more parts or windows than allowed)
  undecodable: u32;   // body in an encoding the filter cannot undo, or a stream that does not inflate
  spoofedRemoved: u32; // client-sent header lines under header_prefix, removed
  logsDropped: u32;    // flagged-request log lines over max_flagged_logs_per_second
  perClass: StaticArray<u32> = new StaticArray<u32>(HEAD_COUNT); // flagged, by worst class
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
    this.truncated = defineCounter("wafscore_body_truncated_total");
    this.uninspectable = defineCounter("wafscore_body_uninspectable_total");
    this.undecodable = defineCounter("wafscore_body_undecodable_total");
    this.spoofedRemoved = defineCounter("wafscore_spoofed_headers_removed_total");
    this.logsDropped = defineCounter("wafscore_flagged_logs_dropped_total");
    for (let k = 1; k < HEAD_COUNT; k++) {
      this.perClass[k] = defineCounter("wafscore_flagged_" + CLASS_NAMES[k] + "_total");
    }
    this.vmMemory = defineGauge("wafscore_vm_memory_bytes");
    this.scoringTime = defineHistogram("wafscore_scoring_time_us");
    this.sampleMemory();
  }

  inc(id: u32, n: i64 = 1): void { incrementCounter(id, n); }

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
