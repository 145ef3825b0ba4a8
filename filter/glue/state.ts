// Writes a scored request's result into Envoy's filter state, where access logs read it
// (%FILTER_STATE(wasm.wafscore.score:PLAIN)%). Built by plugin.ts; written by stream.ts once per scored request.
//
// Keys (Envoy adds the "wasm." prefix) and values, all text:
//   wafscore.score        1..99, the overall score (1: certainly an attack)
//   wafscore.action       block | tag | log | pass: what the decision was; skip: not scored, from
//                         a trusted source (then only wafscore.skipped is written besides it)
//   wafscore.skipped      trusted requests only: why (cidr | principal | header, trusted_sources)
//   wafscore.flagged      true | false: at or under the threshold, or flagged by on_uninspectable/on_undecodable
//   wafscore.class        flagged requests only: the class named in the flagged log line (sqli, xss, ...,
//                         or uninspectable / undecodable when that, not the score, flagged it)
//   wafscore.class_score  flagged by score only: that class's score
//   wafscore.sqli, .xss, .rce  the class scores the score headers carry
//   wafscore.inspection   full | partial | undecodable
//   wafscore.model        the embedded model's training-data hash (8 hex digits: the start of
//                         training_data_sha256 in models/artifacts/manifest.json)
// Every key and value is encoded at configure time, so a request allocates nothing here.

import { setFilterState } from "./host";
import { Action } from "../core/decide";
import { CLASS_NAMES, HEAD_COUNT } from "../core/classes";
import { RequestScores } from "../core/score";
import { Model } from "../core/model";
import { FLAGGED_UNINSPECTABLE, FLAGGED_UNDECODABLE } from "./metrics";
import { Trusted } from "./trust";

// `named` when the request was not flagged; otherwise it is the class the metrics count it under:
// a model class (1..HEAD_COUNT-1), FLAGGED_UNINSPECTABLE or FLAGGED_UNDECODABLE.
export const NOT_FLAGGED: i32 = 0;

export const enum Inspected { FULL = 0, PARTIAL = 1, UNDECODABLE = 2 }

const enc = (s: string): ArrayBuffer => String.UTF8.encode(s);

const KEY_SCORE = enc("wafscore.score");
const KEY_ACTION = enc("wafscore.action");
const KEY_FLAGGED = enc("wafscore.flagged");
const KEY_CLASS = enc("wafscore.class");
const KEY_CLASS_SCORE = enc("wafscore.class_score");
const KEY_INSPECTION = enc("wafscore.inspection");
const KEY_MODEL = enc("wafscore.model");
const KEY_SKIPPED = enc("wafscore.skipped");
const SKIP = enc("skip");
// Indexed by Trusted (glue/trust.ts) less one: CIDR, PRINCIPAL, HEADER.
const SKIPPED: StaticArray<ArrayBuffer> = [enc("cidr"), enc("principal"), enc("header")];
// The classes with a score header, in header order (heads 1..3).
const KEY_CLASSES: StaticArray<ArrayBuffer> = [enc("wafscore.sqli"), enc("wafscore.xss"), enc("wafscore.rce")];

// Indexed by Action (PASS, TAG, BLOCK, LOG) and Inspected.
const ACTIONS: StaticArray<ArrayBuffer> = [enc("pass"), enc("tag"), enc("block"), enc("log")];
const INSPECTIONS: StaticArray<ArrayBuffer> = [enc("full"), enc("partial"), enc("undecodable")];
const TRUE = enc("true");
const FALSE = enc("false");

export class ResultState {
  private classNames: StaticArray<ArrayBuffer> = new StaticArray<ArrayBuffer>(FLAGGED_UNDECODABLE + 1);
  private model: ArrayBuffer;

  // `scoreValues` holds "0".."99" encoded (plugin.ts shares its header values).
  constructor(model: Model, private scoreValues: StaticArray<ArrayBuffer>) {
    this.model = enc(hex8(model.dataHash));
    for (let k = 0; k < HEAD_COUNT; k++) this.classNames[k] = enc(CLASS_NAMES[k]);
    this.classNames[FLAGGED_UNINSPECTABLE] = enc("uninspectable");
    this.classNames[FLAGGED_UNDECODABLE] = enc("undecodable");
  }

  // A host that keeps no filter state (one without set_property for these keys) refuses each
  // write; the request goes on as if nothing was written.
  write(action: Action, score: i32, s: RequestScores, named: i32, inspected: Inspected): void {
    let v = this.scoreValues;
    setFilterState(KEY_SCORE, v[score]);
    setFilterState(KEY_ACTION, ACTIONS[<i32>action]);
    setFilterState(KEY_FLAGGED, named != NOT_FLAGGED ? TRUE : FALSE);
    if (named > 0 && named <= FLAGGED_UNDECODABLE) setFilterState(KEY_CLASS, this.classNames[named]);
    if (named > 0 && named < HEAD_COUNT) setFilterState(KEY_CLASS_SCORE, v[s.score(named)]);
    for (let k = 0; k < KEY_CLASSES.length; k++) setFilterState(KEY_CLASSES[k], v[s.score(k + 1)]);
    setFilterState(KEY_INSPECTION, INSPECTIONS[<i32>inspected]);
    setFilterState(KEY_MODEL, this.model);
  }
}

// A request not scored because it came from a trusted source; `why` is a Trusted other than NO.
export function writeSkipped(why: Trusted): void {
  setFilterState(KEY_ACTION, SKIP);
  setFilterState(KEY_SKIPPED, SKIPPED[<i32>why - 1]);
}

// u32 as exactly 8 lower-case hex digits (configure time only).
function hex8(x: u32): string {
  let s = x.toString(16);
  while (s.length < 8) s = "0" + s;
  return s;
}
