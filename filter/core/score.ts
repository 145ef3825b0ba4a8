// The aggregate stage: scores each window with the model and keeps, per head, the worst (highest)
// logit of the request, and the window behind the overall one. A WindowSink fed by
// core/windows.ts; read by core/inspect.ts, the glue (scores, logs) and core/index.ts.

import { WindowSink } from "./windows";
import { extractFeatures, MAX_FEATURES, WINDOW_BYTES } from "./features";
import { Model, forward } from "./model";
import { HEAD_COUNT, HEAD_ATTACK } from "./classes";
import { explainWindow } from "./explain";
import { gateLogits, classesRuledOut, GATE_LOGIT } from "./confirm";
import { mayConfirm } from "./mayconfirm";
import { canReadBlock, keepFirst } from "../lib/scan";
import { partNamePtr, partNameLen } from "../request/parts";
import { textPart, textPtr, textLen } from "../decode/texts";
import { namesSecret } from "./secrets";
import { zooms, zoomInto } from "./zoom";

const featBuf = new StaticArray<u32>(MAX_FEATURES);
// The per-head arrays hold HEAD_LANES entries, a whole number of vectors, so that onWindow
// handles four heads a step; the entries past HEAD_COUNT are never read.
const HEAD_LANES = (HEAD_COUNT + 3) & ~3;
// onWindow reads the heads as four vectors.
// @ts-ignore: compile-time check
if (HEAD_LANES != 16) ERROR("score.ts: onWindow reads 16 head lanes; HEAD_COUNT changed");
const logitBuf = new StaticArray<f32>(HEAD_LANES);

export class RequestScores extends WindowSink {
  maxLogit: StaticArray<f32> = new StaticArray<f32>(HEAD_LANES);
  // score(k) once computed for this request (0: not yet): the glue asks for each score two or
  // three times (decision, headers, filter state).
  private scores: StaticArray<i32> = new StaticArray<i32>(HEAD_LANES);
  // The window behind the overall score: its text's index, a copy of its bytes, its flags.
  worstTextIndex: i32 = -1;
  worstText: StaticArray<u8> = new StaticArray<u8>(WINDOW_BYTES);
  worstTextLen: i32 = 0;
  worstFlags: u32 = 0;
  // The class that window's own logits name (after the gate): worstClass() when no class logit of
  // the request is over the gate.
  worstWindowClass: i32 = 1;
  // The work done: features looked up in the embedding (windows are counted by core/inspect.ts).
  features: i32 = 0;
  // The overall score of a window held at the gate (81 for the shipped model: the overall head's
  // score-80 edge lies above GATE_LOGIT), the floor of every head's score at or under the gate
  // (score()), and whether this request leaves out the windows no lexer can confirm (set per
  // request by core/inspect.ts: only when that changes no decision).
  gateScore: i32 = 0;
  skipUnconfirmable: bool = false;
  // Windows already scored in this request, by a key of their bytes (seenBefore). A slot belongs
  // to this request when its epoch is this request's, so reset() need not clear the table.
  private seen: StaticArray<u32> = new StaticArray<u32>(SEEN_SLOTS * SEEN_STRIDE);
  private epoch: u32 = 0;
  // The slot seenBefore last recorded a window in (its epoch word).
  private lastSeenSlot: usize = 0;
  // The heads the text of the windows over the gate cannot hold (confirm.ts classesRuledOut), read
  // once per text: a text's windows and pieces come one after another.
  private ruledText: i32 = -1;
  private ruledMask: u32 = 0;
  // The windows over the gate of the part being scored (pendingPart) are held here, apart from the
  // request's maxima, until its last: how many of them there are (pendingOver) sets how far their
  // logits are lowered (crowdShift) before they count. pendingText..pendingClass: the worst of
  // them, as setWorst and worstWindowClass keep the request's.
  private pendingPart: i32 = -1;
  private pendingOver: i32 = 0;
  private pendingMax: StaticArray<f32> = new StaticArray<f32>(HEAD_LANES);
  private pendingText: StaticArray<u8> = new StaticArray<u8>(WINDOW_BYTES);
  private pendingTextLen: i32 = 0;
  private pendingTextIndex: i32 = -1;
  private pendingFlags: u32 = 0;
  private pendingClass: i32 = 1;

  // partRows, textRows: the tables of the parts and texts its windows come from (PartList.rows,
  // TextList.rows, core/inspect.ts's): which part a window's text is of, for the gate (scoreWindow).
  constructor(public model: Model, private partRows: usize, private textRows: usize) {
    super();
    if (model.ok) this.gateScore = model.scoreOf(HEAD_ATTACK, GATE_LOGIT);
    this.reset();
  }

  reset(): void {
    for (let k = 0; k < HEAD_LANES; k++) { unchecked(this.maxLogit[k] = -Infinity); unchecked(this.scores[k] = 0); }
    this.worstTextIndex = -1;
    this.worstTextLen = 0;
    this.worstFlags = 0;
    this.worstWindowClass = 1;
    this.features = 0;
    this.ruledText = -1;
    this.pendingPart = -1;
    this.pendingOver = 0;
    clearLogits(changetype<usize>(this.pendingMax));
    // A fresh epoch orphans every slot; at the wrap (once in 2^32 requests) the table is cleared.
    if (++this.epoch == 0) { memory.fill(changetype<usize>(this.seen), 0, SEEN_SLOTS * SEEN_STRIDE * 4); this.epoch = 1; }
  }

  // Hot: once per window of every scored text.
  onWindow(text: i32, p: usize, n: i32, ln: i32, flags: u32, opensText: bool, closesText: bool): void {
    if (!this.model.ok) return; // an unusable model scores nothing (the filter refuses to start with one)
    // A window with the same bytes and flags as one scored before in this request has the same
    // logits, which can raise no maximum and, not being greater, cannot become the worst window:
    // skipping it changes no score. Real requests repeat values (arrays of like objects in JSON,
    // one field many times in a form). Whether it opens its text is part of the key: the gate reads
    // a text's start as a command's position (confirm.ts confirms), so a payload's text must not
    // be skipped for the same bytes seen further into another text. Whether it closes its text is,
    // too: the lexers leave out a last word the window cuts (confirm.ts lexedLength).
    if (this.seenBefore(text, p, n, (opensText ? flags : flags | NOT_OPENING) | (closesText ? 0 : NOT_CLOSING))) return;
    // A window no lexer can confirm (core/mayconfirm.ts) ends with every logit at or under
    // GATE_LOGIT whatever the model makes of it, so every score it could give is gateScore or more:
    // when every threshold is under that, it cannot flag the request, and it is left out like a
    // window never scored (no features, no maximum raised, never the worst window). That changes
    // scores only from gateScore up. Such a window is not zoomed into either, whether or not the
    // configuration skips it.
    let may = mayConfirm(p, ln);
    this.scoreWindow(text, p, n, ln, flags, opensText, may);
    if (zooms(may, p, n)) zoomInto<RequestScores>(this, text, p, n, ln, flags, opensText, closesText);
  }

  // A piece of a zoomed window (core/zoom.ts), scored as a window whose lexers' answers need its
  // window's too.
  onPiece(text: i32, p: usize, n: i32, ln: i32, flags: u32, opensText: bool, wp: usize, wln: i32, wOpensText: bool): void {
    this.scoreWindow(text, p, n, ln, flags, opensText, !this.skipUnconfirmable || mayConfirm(p, ln), wp, wln, wOpensText);
  }

  // Scores window p[0..n) into the request's maxima; the lexers read p[0..ln) (confirm.ts
  // lexedLength). mayConfirm: core/mayconfirm.ts's answer for that (see onWindow). wp[0..wln): for a
  // piece, what the lexers read of the window it was cut from (wp 0: none), which must confirm too
  // (confirm.ts confirmsIn).
  // @ts-ignore: decorator
  @inline private scoreWindow(text: i32, p: usize, n: i32, ln: i32, flags: u32, opensText: bool, mayConfirm: bool,
                              wp: usize = 0, wln: i32 = 0, wOpensText: bool = false): void {
    if (this.skipUnconfirmable && !mayConfirm) return;
    let feats = changetype<usize>(featBuf);
    let count = extractFeatures(p, n, flags, feats, this.model.shift, 0, this.model.e);
    this.features += count;
    let logits = changetype<usize>(logitBuf);
    forward(this.model, feats, count, logits);
    // Four heads a step (the scalar loops were a third of the window's work outside the model).
    let v0 = v128.load(logits), v1 = v128.load(logits, 16), v2 = v128.load(logits, 32), v3 = v128.load(logits, 48);
    if (!underGate(v0, v1, v2, v3)) {
      // In a password's value a class under the gate keeps no overall logit (core/secrets.ts).
      let part = textPart(this.textRows, text);
      if (text != this.ruledText) this.readRuledOut(text, part);
      let ruled = this.ruledMask;
      // The same bytes in a text that rules nothing out must be scored again there: this window is
      // forgotten by the table of windows seen (a piece's is its window's, forgotten with it).
      if (ruled != 0 && wp == 0) store<u32>(this.lastSeenSlot, 0);
      gateLogits(logits, p, ln, opensText, !this.secretPart(part), ruled, wp, wln, wOpensText);
      v0 = v128.load(logits); v1 = v128.load(logits, 16); v2 = v128.load(logits, 32); v3 = v128.load(logits, 48);
      if (!underGate(v0, v1, v2, v3)) { this.hold(part, text, p, n, flags, wp == 0 && ruled == 0, wp == 0); return; }
    }
    let mp = changetype<usize>(this.maxLogit);
    let sp = changetype<usize>(this.scores);
    let worse = f32x4.extract_lane(v0, 0) > load<f32>(mp, HEAD_ATTACK << 2);
    raiseMax(mp, sp, 0, v0); raiseMax(mp, sp, 16, v1); raiseMax(mp, sp, 32, v2); raiseMax(mp, sp, 48, v3);
    if (worse) { this.setWorst(text, p, n, flags); this.worstWindowClass = likeliestClass(logits); }
  }

  // Holds window p[0..n) of text `text` (of part `part`), whose logits (logitBuf, gated) are over the
  // gate, among its part's (flushPart); `counts`: a window, not a piece. `noted`: it stays in the
  // table of windows seen, which notes its part: in another part, which may be lowered less, the
  // same bytes are scored again (seenBefore); in this one they are counted once.
  private hold(part: i32, text: i32, p: usize, n: i32, flags: u32, noted: bool, counts: bool): void {
    if (noted) store<u32>(this.lastSeenSlot, <u32>part + 1, SEEN_PART);
    if (part != this.pendingPart) this.flushPart(part);
    if (counts) this.pendingOver++;
    let logits = changetype<usize>(logitBuf);
    let pp = changetype<usize>(this.pendingMax);
    let v0 = v128.load(logits);
    let worse = f32x4.extract_lane(v0, 0) > load<f32>(pp, HEAD_ATTACK << 2);
    v128.store(pp, f32x4.pmax(v128.load(pp), v0));
    v128.store(pp, f32x4.pmax(v128.load(pp, 16), v128.load(logits, 16)), 16);
    v128.store(pp, f32x4.pmax(v128.load(pp, 32), v128.load(logits, 32)), 32);
    v128.store(pp, f32x4.pmax(v128.load(pp, 48), v128.load(logits, 48)), 48);
    if (worse) {
      this.pendingTextIndex = text;
      this.pendingTextLen = copyWindow(this.pendingText, p, n);
      this.pendingFlags = flags;
      this.pendingClass = likeliestClass(logits);
    }
  }

  // After the request's last window, before the verdicts read the maxima.
  onEnd(): void {
    this.flushPart(-1);
  }

  // The held windows of the part scored last count into the request's maxima, lowered by
  // crowdShift; `next` is the part whose windows over the gate are held from now on (-1: none).
  private flushPart(next: i32): void {
    if (this.pendingPart >= 0) {
      let pp = changetype<usize>(this.pendingMax);
      let s = f32x4.splat(crowdShift(this.pendingOver));
      let v0 = f32x4.sub(v128.load(pp), s), v1 = f32x4.sub(v128.load(pp, 16), s);
      let v2 = f32x4.sub(v128.load(pp, 32), s), v3 = f32x4.sub(v128.load(pp, 48), s);
      let mp = changetype<usize>(this.maxLogit);
      let sp = changetype<usize>(this.scores);
      let worse = f32x4.extract_lane(v0, 0) > load<f32>(mp, HEAD_ATTACK << 2);
      raiseMax(mp, sp, 0, v0); raiseMax(mp, sp, 16, v1); raiseMax(mp, sp, 32, v2); raiseMax(mp, sp, 48, v3);
      if (worse) {
        // The held copy becomes the worst window's: the buffers trade places.
        let t = this.worstText;
        this.worstText = this.pendingText;
        this.pendingText = t;
        this.worstTextIndex = this.pendingTextIndex;
        this.worstTextLen = this.pendingTextLen;
        this.worstFlags = this.pendingFlags;
        this.worstWindowClass = this.pendingClass;
      }
      clearLogits(pp);
    }
    this.pendingPart = next;
    this.pendingOver = 0;
  }

  // Text t's (of part `part`) ruled-out heads into ruledMask.
  private readRuledOut(t: i32, part: i32): void {
    this.ruledText = t;
    this.ruledMask = classesRuledOut(this.partRows, part, this.textRows, t);
  }

  // Whether a part is named as a password (core/secrets.ts): read only for a window over the gate.
  // The tables are core/inspect.ts's for the request being scored.
  private secretPart(part: i32): bool {
    return namesSecret(partNamePtr(this.partRows, part), partNameLen(this.partRows, part));
  }

  // Whether window p[0..n) with these flags was scored before in this request; if not, it is
  // recorded (over whatever held its slot: a miss only costs a scoring). The key is the length,
  // the flags and the first and last 16 bytes; a key match is confirmed byte for byte. A window
  // held over the gate (hold) counts as seen in its own part only: in another, whose windows may be
  // lowered less, it is scored again.
  // @ts-ignore: decorator
  @inline private seenBefore(text: i32, p: usize, n: i32, flags: u32): bool {
    let key = windowKey(p, n, flags);
    let slot = changetype<usize>(this.seen) + ((<usize>(key & (SEEN_SLOTS - 1)) * SEEN_STRIDE) << 2);
    if (load<u32>(slot) == this.epoch && load<u32>(slot, 4) == key && load<u32>(slot, 12) == <u32>n &&
        load<u32>(slot, 16) == flags && memory.compare(<usize>load<u32>(slot, 8), p, n) == 0) {
      let held = load<u32>(slot, SEEN_PART);
      if (held == 0 || held - 1 == <u32>textPart(this.textRows, text)) return true;
    }
    store<u32>(slot, this.epoch);
    store<u32>(slot, 0, SEEN_PART);
    this.lastSeenSlot = slot;
    store<u32>(slot, key, 4);
    store<u32>(slot, <u32>p, 8);
    store<u32>(slot, <u32>n, 12);
    store<u32>(slot, flags, 16);
    return false;
  }

  // Text t's window (its first WINDOW_BYTES) becomes the one behind the overall score.
  // @ts-ignore: decorator
  @inline private setWorst(t: i32, p: usize, n: i32, flags: u32): void {
    this.worstTextIndex = t;
    this.worstTextLen = copyWindow(this.worstText, p, n);
    this.worstFlags = flags;
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
      this.setWorst(t, p, n, flags);
      this.worstWindowClass = k;
    }
  }

  // The 1–99 score of head k for the request (99 when nothing was scored). A logit at or under
  // GATE_LOGIT scores no lower than gateScore in any head: the gate holds there every class the
  // text does not confirm, so a class score in the attack bands says a lexer found its syntax. The
  // class heads' own bands put GATE_LOGIT at 21 (sqli, xss, ...) to 51 (ssrf), which showed held
  // windows as likely attacks in the score headers and class_thresholds.
  score(k: i32): i32 {
    let s = unchecked(this.scores[k]);
    if (s != 0) return s;
    let v = unchecked(this.maxLogit[k]);
    s = v == -Infinity ? 99 : this.model.scoreOf(k, v);
    if (v <= GATE_LOGIT && s < this.gateScore) s = this.gateScore;
    unchecked(this.scores[k] = s);
    return s;
  }

  // The attack class for "class" in logs and 403s and for class_thresholds' actions: the class
  // with the highest logit over the gate (ties: the first), which a lexer confirmed; when none is
  // over it, the class the worst window names. Logits under the gate are not compared across
  // windows: there a benign window's held class would outrank the flagged window's own, and
  // whether it did would depend on which windows were scored (core/mayconfirm.ts skips some).
  worstClass(): i32 {
    return this.confirmedClass(this.worstWindowClass);
  }

  // The class with the highest logit over the gate (one a lexer confirmed), or `otherwise`.
  confirmedClass(otherwise: i32): i32 {
    let best = likeliestClass(changetype<usize>(this.maxLogit));
    return unchecked(this.maxLogit[best]) > GATE_LOGIT ? best : otherwise;
  }

  // The fragments of the worst window that drove the overall score, as [start, length] pairs
  // into worstText; returns how many (at most explain.ts MAX_FRAGMENTS).
  explain(out: StaticArray<i32>): i32 {
    return explainWindow(this.model, changetype<usize>(this.worstText), this.worstTextLen, this.worstFlags, HEAD_ATTACK, out);
  }
}

// How far the logits of a part's windows over the gate are lowered when it has `over` of them (its
// pieces aside): 2 per doubling past 4, at most 6 (from 32). The score bands were calibrated per
// part, and most parts have a window or two: a document in one field (a CMS's article, a gist's
// code) has hundreds, markup or code that the lexers confirm throughout, and its worst window is the
// most extreme of many draws. 96 of 602 documents sent as a JSON field were flagged, most by one
// window scored 11-20 of hundreds (`make upload-bodies`). The count is of windows over the gate, not
// of all windows: an attacker's padding of prose around a payload is under the gate and lowers
// nothing, and a repeated window is counted once (seenBefore). A score of 10 or under (logit 22
// and up) stays in the attack band at the most lowered; verdicts are not lowered.
const CROWD_FROM: i32 = 4;
const CROWD_PER_DOUBLING: f32 = 2.0;
const CROWD_MAX: f32 = 6.0;
function crowdShift(over: i32): f32 {
  if (over <= CROWD_FROM) return 0;
  return min(CROWD_MAX, CROWD_PER_DOUBLING * <f32>Math.log2(<f64>over / <f64>CROWD_FROM));
}

// The class head (1..HEAD_COUNT-1) with the highest of the logits at l (ties: the first).
function likeliestClass(l: usize): i32 {
  let best = 1;
  let v = load<f32>(l, 4);
  for (let k = 2; k < HEAD_COUNT; k++) {
    let w = load<f32>(l + (<usize>k << 2));
    if (w > v) { best = k; v = w; }
  }
  return best;
}

// A bit of seenBefore's flags past the decode flags: the window does not open its text.
const NOT_OPENING: u32 = 1 << 31;
// Another: it does not close its text.
const NOT_CLOSING: u32 = 1 << 30;

// The table of windows seen (RequestScores.seenBefore): slots of epoch, key, address, length,
// flags and part (SEEN_PART); a power of two of them, many more than most requests have windows.
const SEEN_SLOTS = 512;
const SEEN_STRIDE = 6;
// The slot's word after those: for a window over the gate not forgotten, its part + 1; else 0.
const SEEN_PART = 20;

// A window's key: its length and flags, and its first and last 16 bytes (the same block when it is
// shorter, its lanes past n zeroed), mixed by multiplication. Windows that differ only in their
// middle share a key and are told apart by the byte comparison; a short window at the very end of
// memory keys on its length and flags alone.
// @ts-ignore: decorator
@inline function windowKey(p: usize, n: i32, flags: u32): u32 {
  let a = i32x4.splat(0), b = a;
  if (n >= 16) { a = v128.load(p); b = v128.load(p + <usize>(n - 16)); }
  else if (canReadBlock(p)) { a = keepFirst(v128.load(p), n); b = a; }
  let m = i32x4.add(i32x4.mul(a, i32x4.splat(0x9E3779B1)), i32x4.mul(b, i32x4.splat(0x85EBCA77)));
  let h = (<u32>i32x4.extract_lane(m, 0) * 0x27D4EB2F) ^ <u32>i32x4.extract_lane(m, 1);
  h = (h * 0x165667B1) ^ <u32>i32x4.extract_lane(m, 2);
  h = (h * 0x27D4EB2F) ^ <u32>i32x4.extract_lane(m, 3);
  h = (h ^ <u32>n ^ (flags << 16)) * 0x9E3779B1;
  return h ^ (h >> 15);
}

// Whether gateLogits would return at once: the overall logit at most GATE_LOGIT and no class
// logit above it (the same comparisons, so a NaN goes the same way).
// @ts-ignore: decorator
@inline function underGate(v0: v128, v1: v128, v2: v128, v3: v128): bool {
  let g = f32x4.splat(GATE_LOGIT);
  let over = (i32x4.bitmask(f32x4.gt(v0, g)) & 0xE) | (i32x4.bitmask(f32x4.gt(v1, g)) << 4) |
    (i32x4.bitmask(f32x4.gt(v2, g)) << 8) | (i32x4.bitmask(f32x4.gt(v3, g)) << 12);
  return (i32x4.bitmask(f32x4.le(v0, g)) & 1) != 0 && (over & ((1 << HEAD_COUNT) - 1)) == 0;
}

// Copies window p[0..n)'s first WINDOW_BYTES into buf; returns how many.
// @ts-ignore: decorator
@inline function copyWindow(buf: StaticArray<u8>, p: usize, n: i32): i32 {
  let len = min(n, WINDOW_BYTES);
  memory.copy(changetype<usize>(buf), p, len);
  return len;
}

// Sets the HEAD_LANES logits at l to -Infinity, which any window's raise.
// @ts-ignore: decorator
@inline function clearLogits(l: usize): void {
  let none = f32x4.splat(-Infinity);
  v128.store(l, none); v128.store(l, none, 16); v128.store(l, none, 32); v128.store(l, none, 48);
}

// For the four heads at byte offset o: where the window's logit v is above the request's
// maximum, it becomes the maximum and the head's cached score is cleared (pmax(m, v) is
// m < v ? v : m, the scalar loop's choice).
// @ts-ignore: decorator
@inline function raiseMax(mp: usize, sp: usize, o: usize, v: v128): void {
  let m = v128.load(mp + o);
  let up = f32x4.lt(m, v);
  v128.store(mp + o, f32x4.pmax(m, v));
  v128.store(sp + o, v128.andnot(v128.load(sp + o), up));
}
