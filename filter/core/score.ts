// The aggregate stage: scores each window with the model and keeps, per head, the worst (highest)
// logit of the request, and the window behind the overall one. A WindowSink fed by
// core/windows.ts; read by core/inspect.ts, the glue (scores, logs) and core/index.ts.

import { WindowSink } from "./windows";
import { extractFeatures, MAX_FEATURES, WINDOW_BYTES } from "./features";
import { Model, forward } from "./model";
import { HEAD_COUNT, HEAD_ATTACK } from "./classes";
import { explainWindow } from "./explain";
import { gateLogits } from "./confirm";

const featBuf = new StaticArray<u32>(MAX_FEATURES);
const logitBuf = new StaticArray<f32>(HEAD_COUNT);

export class RequestScores extends WindowSink {
  maxLogit: StaticArray<f32> = new StaticArray<f32>(HEAD_COUNT);
  // score(k) once computed for this request (0: not yet): the glue asks for each score two or
  // three times (decision, headers, filter state).
  private scores: StaticArray<i32> = new StaticArray<i32>(HEAD_COUNT);
  // The window behind the overall score: its text's index, a copy of its bytes, its flags.
  worstTextIndex: i32 = -1;
  worstText: StaticArray<u8> = new StaticArray<u8>(WINDOW_BYTES);
  worstTextLen: i32 = 0;
  worstFlags: u32 = 0;
  // The work done: features looked up in the embedding (windows are counted by core/inspect.ts).
  features: i32 = 0;

  constructor(public model: Model) {
    super();
    this.reset();
  }

  reset(): void {
    for (let k = 0; k < HEAD_COUNT; k++) { unchecked(this.maxLogit[k] = -Infinity); unchecked(this.scores[k] = 0); }
    this.worstTextIndex = -1;
    this.worstTextLen = 0;
    this.worstFlags = 0;
    this.features = 0;
  }

  // Hot: once per window of every scored text.
  onWindow(text: i32, p: usize, n: i32, flags: u32): void {
    if (!this.model.ok) return; // an unusable model scores nothing (the filter refuses to start with one)
    let feats = changetype<usize>(featBuf);
    let count = extractFeatures(p, n, flags, feats, this.model.shift);
    this.features += count;
    let logits = changetype<usize>(logitBuf);
    forward(this.model, feats, count, logits);
    gateLogits(logits, p, n);
    let worse = load<f32>(logits) > unchecked(this.maxLogit[HEAD_ATTACK]);
    for (let k = 0; k < HEAD_COUNT; k++) {
      let v = load<f32>(logits + (<usize>k << 2));
      if (v > unchecked(this.maxLogit[k])) { unchecked(this.maxLogit[k] = v); unchecked(this.scores[k] = 0); }
    }
    if (worse) {
      this.worstTextIndex = text;
      memory.copy(changetype<usize>(this.worstText), p, n);
      this.worstTextLen = n;
      this.worstFlags = flags;
    }
  }

  // A signature's verdict (core/signatures.ts): head k and the overall head score 1 whatever the
  // model made of text t, which becomes the worst window when it raised the overall logit.
  raiseToTop(k: i32, t: i32, p: usize, n: i32, flags: u32): void {
    if (!this.model.ok) return;
    let top = this.model.topLogit(k);
    if (unchecked(this.maxLogit[k]) < top) { unchecked(this.maxLogit[k] = top); unchecked(this.scores[k] = 0); }
    top = this.model.topLogit(HEAD_ATTACK);
    if (unchecked(this.maxLogit[HEAD_ATTACK]) < top) {
      unchecked(this.maxLogit[HEAD_ATTACK] = top);
      unchecked(this.scores[HEAD_ATTACK] = 0);
      this.worstTextIndex = t;
      this.worstTextLen = min(n, WINDOW_BYTES);
      memory.copy(changetype<usize>(this.worstText), p, this.worstTextLen);
      this.worstFlags = flags;
    }
  }

  // The 1–99 score of head k for the request (99 when nothing was scored).
  score(k: i32): i32 {
    let s = unchecked(this.scores[k]);
    if (s != 0) return s;
    let v = unchecked(this.maxLogit[k]);
    s = v == -Infinity ? 99 : this.model.scoreOf(k, v);
    unchecked(this.scores[k] = s);
    return s;
  }

  // The attack class with the lowest score (ties: the first), for "class" in logs and 403s.
  worstClass(): i32 {
    let best = 1;
    for (let k = 2; k < HEAD_COUNT; k++) {
      if (unchecked(this.maxLogit[k]) > unchecked(this.maxLogit[best])) best = k;
    }
    return best;
  }

  // The fragments of the worst window that drove the overall score, as [start, length] pairs
  // into worstText; returns how many (at most explain.ts MAX_FRAGMENTS).
  explain(out: StaticArray<i32>): i32 {
    return explainWindow(this.model, changetype<usize>(this.worstText), this.worstTextLen, this.worstFlags, HEAD_ATTACK, out);
  }
}
