// Turns a request's overall score, the mode and the threshold into what the filter does.
// Called by glue/stream.ts once per request; pure, so its table is unit-tested through core.wasm.

import { Config, Mode, Uninspectable, Undecodable } from "../config/config";

export const enum Action { PASS = 0, TAG = 1, BLOCK = 2, LOG = 3 }

export const enum Reason { NONE = 0, SCORE = 1, UNINSPECTABLE = 2, UNDECODABLE = 3 }

export class Decision {
  action: Action = Action.PASS;
  flagged: bool = false;       // at or under the threshold, or uninspectable/undecodable under a block policy
  reason: Reason = Reason.NONE;
}

// block: flagged requests get a 403, the rest go on with score headers.
// tag:   every request goes on with score headers.
// log:   nothing changes for the client; flagged requests are logged.
// A body the filter cannot decode (on_undecodable, default block) is flagged before one it could
// only partly inspect (on_uninspectable, default allow): an unknown encoding is the cheaper
// evasion, a long body the commoner legitimate case.
export function decide(cfg: Config, score: i32, uninspectable: bool, undecodable: bool, out: Decision): void {
  let flagged = score <= cfg.threshold;
  let reason = flagged ? Reason.SCORE : Reason.NONE;
  if (!flagged && undecodable && cfg.onUndecodable == Undecodable.BLOCK) {
    flagged = true;
    reason = Reason.UNDECODABLE;
  } else if (!flagged && uninspectable && cfg.onUninspectable == Uninspectable.BLOCK) {
    flagged = true;
    reason = Reason.UNINSPECTABLE;
  }
  out.flagged = flagged;
  out.reason = reason;
  if (cfg.mode == Mode.BLOCK) out.action = flagged ? Action.BLOCK : Action.TAG;
  else if (cfg.mode == Mode.TAG) out.action = Action.TAG;
  else out.action = flagged ? Action.LOG : Action.PASS;
}
