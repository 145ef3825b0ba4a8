// A token bucket for flagged-request log lines (max_flagged_logs_per_second), so a flood of attacks
// cannot flood the log. Owned by plugin.ts (one per configuration and VM, i.e. per Envoy worker);
// stream.ts asks it before building a line, with the host's clock.

const NANOS_PER_SECOND: u64 = 1_000_000_000;

export class LogBudget {
  // Credit in line-nanoseconds: a line costs NANOS_PER_SECOND, and each elapsed nanosecond adds
  // `perSecond`; integer arithmetic, so no drift. Capped at one second's worth (the burst).
  private credit: u64;
  private capacity: u64;
  private lastNanos: u64 = 0;

  constructor(private perSecond: u32) {
    this.capacity = <u64>perSecond * NANOS_PER_SECOND;
    this.credit = this.capacity;
  }

  // Whether a line may be logged now; takes its token if so. perSecond 0 means no limit. A clock
  // that stands still or goes back adds nothing (a host that gives no clock, 0, never refills).
  take(nowNanos: u64): bool {
    if (this.perSecond == 0) return true;
    if (nowNanos > this.lastNanos) {
      // Capped before multiplying: past one second the bucket is full anyway, and the product
      // stays below 2^64 (1e9 × 1e6).
      let elapsed = min(nowNanos - this.lastNanos, NANOS_PER_SECOND);
      this.credit = min(this.capacity, this.credit + elapsed * <u64>this.perSecond);
      this.lastNanos = nowNanos;
    }
    if (this.credit < NANOS_PER_SECOND) return false;
    this.credit -= NANOS_PER_SECOND;
    return true;
  }
}
