// Test-only sinks for Node (core/index.ts): ConfirmCensus, a WindowSink that scores nothing and counts, per window, whether some class's lexer
// confirms it (core/confirm.ts) and whether mayConfirm (core/mayconfirm.ts) lets it through: the
// share of windows core/score.ts skips, and the violations (a window a lexer confirms that
// mayConfirm would skip), which must be none. Node only (core/index.ts windowCensus).

import { WindowSink } from "./windows";
import { confirmedClasses } from "./confirm";
import { mayConfirm } from "./mayconfirm";

export class ConfirmCensus extends WindowSink {
  // windows, bytes; confirmed windows, bytes; skipped windows, bytes; violations
  counts: StaticArray<i32> = new StaticArray<i32>(7);

  reset(): void { for (let i = 0; i < 7; i++) unchecked(this.counts[i] = 0); }

  onWindow(text: i32, p: usize, n: i32, ln: i32, flags: u32, opensText: bool, closesText: bool): void {
    let c = this.counts;
    c[0]++; c[1] += n;
    let confirmed = confirmedClasses(p, ln, opensText) != 0;
    if (confirmed) { c[2]++; c[3] += n; }
    if (!mayConfirm(p, ln)) {
      c[4]++; c[5] += n;
      if (confirmed) c[6]++;
    }
  }
}

// A WindowSink that takes no window: the verdicts that need no model alone raise the scores
// (core/index.ts verdictHeads).
export class NoWindows extends WindowSink {
  onWindow(text: i32, p: usize, n: i32, ln: i32, flags: u32, opensText: bool, closesText: bool): void {}
}
