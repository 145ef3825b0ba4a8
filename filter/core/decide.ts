// Turns a request's scores, the mode, the threshold and class_thresholds into what the filter does.
// Called by glue/stream.ts once per request; pure, so its table is unit-tested through core.wasm.

import { Config, Mode, Uninspectable, Undecodable } from "../config/config";
import { HEAD_COUNT } from "./classes";

export const enum Action { PASS = 0, TAG = 1, BLOCK = 2, LOG = 3 }

export const enum Reason { NONE = 0, SCORE = 1, UNINSPECTABLE = 2, UNDECODABLE = 3 }

export class Decision {
  action: Action = Action.PASS;
  flagged: bool = false;       // at or under the threshold, or uninspectable/undecodable under a block policy
  reason: Reason = Reason.NONE;
  // Flagged by score: the class that decided (the overall score's worst class, or the class whose
  // own threshold flagged it); 0 when the caller passed no class scores (it names the worst itself).
  klass: i32 = 0;
}

// block: flagged requests get a 403, the rest go on with score headers.
// tag:   every request goes on with score headers.
// log:   nothing changes for the client; flagged requests are logged.
// A body the filter cannot decode (on_undecodable, default block) is flagged before one it could
// only partly inspect (on_uninspectable, default allow): an unknown encoding is the cheaper
// evasion, a long body the commoner legitimate case.
//
// class_thresholds (cfg.classRules; then `classes` holds every head's score and `worst` the worst
// class): the overall score flags a request as before, with the action of its worst class (that
// class's own action if it has one, else the mode's); a class with its own threshold flags it too
// when that class's score is at or under it, with that class's action. When several flag it, the
// strongest action wins: block, then tag, then log; on a tie the overall score's class is named.
export function decide(cfg: Config, score: i32, uninspectable: bool, undecodable: bool, out: Decision,
  classes: StaticArray<i32> | null = null, worst: i32 = 0): void {
  let flagged = score <= cfg.threshold;
  let reason = flagged ? Reason.SCORE : Reason.NONE;
  let mode = <i32>cfg.mode;
  let klass = 0;
  if (classes != null) {
    if (flagged && worst > 0 && worst < cfg.classModes.length) { klass = worst; mode = cfg.classModes[worst]; }
    for (let k = 1, n = min(HEAD_COUNT, cfg.classThresholds.length); k < n; k++) {
      let t = unchecked(cfg.classThresholds[k]);
      if (t == 0 || unchecked(classes[k]) > t) continue;
      let m = unchecked(cfg.classModes[k]);
      // Mode order is strength order: BLOCK 0, TAG 1, LOG 2.
      if (!flagged || m < mode) { flagged = true; reason = Reason.SCORE; mode = m; klass = k; }
    }
  }
  if (!flagged && undecodable && cfg.onUndecodable == Undecodable.BLOCK) {
    flagged = true;
    reason = Reason.UNDECODABLE;
  } else if (!flagged && uninspectable && cfg.onUninspectable == Uninspectable.BLOCK) {
    flagged = true;
    reason = Reason.UNINSPECTABLE;
  }
  out.flagged = flagged;
  out.reason = reason;
  out.klass = klass;
  if (flagged) out.action = mode == Mode.BLOCK ? Action.BLOCK : mode == Mode.TAG ? Action.TAG : Action.LOG;
  else out.action = cfg.mode == Mode.LOG ? Action.PASS : Action.TAG;
}
