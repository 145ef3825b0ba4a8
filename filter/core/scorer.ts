// Scores one request: splits each wire part, decodes it, extracts features per window and
// keeps, per head, the worst (highest) logit and the part that drove the overall one.
// Called by glue/stream.ts once per request, and by core/index.ts for Node (score, features).

import { PartSink } from "../request/sink";
import { Where } from "../request/where";
import { splitPairs } from "../request/pairs";
import { splitBody } from "../request/body";
import { JsonScanner } from "../request/json";
import { normalizePart, needsDecoding, decodePart } from "../decode/normalize";
import { DecodeFlag } from "../decode/flags";
import { looksLikeBase64, decodeBase64Text } from "../decode/base64";
import { extractFeatures, MAX_FEATURES, WINDOW_BYTES, WINDOW_STEP } from "./features";
import { Model, forward } from "./model";
import { HEAD_COUNT, HEAD_ATTACK } from "./classes";
import { explainWindow } from "./explain";
import { Config } from "../config/config";

// The largest part scored: a body at the largest max_body_bytes, or Envoy's largest headers.
export const PART_CAPACITY = 1048576 + 98304;
export const MAX_NAME_BYTES = 64;
// Training export (Node only): features and one row per window.
export const EXPORT_FEATURES = 1 << 21;
export const EXPORT_WINDOWS = 1 << 14;

// Buffers reused by every request of this VM; a VM runs one request callback at a time.
const normBuf = new StaticArray<u8>(PART_CAPACITY);
const b64Buf = new StaticArray<u8>(PART_CAPACITY * 3 / 4 + 4);
const jsonBuf = new StaticArray<u8>(PART_CAPACITY);
const featBuf = new StaticArray<u32>(MAX_FEATURES);
const logitBuf = new StaticArray<f32>(HEAD_COUNT);

const MAX_PLAIN_TOKEN_BYTES = 64;
// Set in a trace record's flags for a part that was split and decoded but not scored.
export const TRACE_NOT_SCORED: u32 = 0x80000000;

// 1 for [A-Za-z0-9_.@-], the bytes of a word, number, ID or email address.
const PLAIN = memory.data<u8>([
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
]);

// Plain bytes only, without "..": a word, number, ID or email address, not a path step.
// @ts-ignore: decorator
@inline function isPlainToken(p: usize, n: i32): bool {
  if (n > MAX_PLAIN_TOKEN_BYTES) return false;
  let prev: u32 = 0;
  for (let i = 0; i < n; i++) {
    let c = <u32>load<u8>(p + i);
    if (load<u8>(PLAIN + <usize>c) == 0 || (c == 0x2E && prev == 0x2E)) return false;
    prev = c;
  }
  return true;
}

export class RequestScorer extends PartSink {
  maxLogit: StaticArray<f32> = new StaticArray<f32>(HEAD_COUNT);
  // The part behind the overall score: where, its name, the decoded window and its flags.
  worstWhere: i32 = -1;
  worstName: StaticArray<u8> = new StaticArray<u8>(MAX_NAME_BYTES);
  worstNameLen: i32 = 0;
  worstText: StaticArray<u8> = new StaticArray<u8>(WINDOW_BYTES);
  worstTextLen: i32 = 0;
  worstFlags: u32 = 0;
  parts: i32 = 0;
  windows: i32 = 0;
  private scanner: JsonScanner = new JsonScanner(0, 0);

  // Training export: when collecting, windows' features are appended instead of scored.
  collecting: bool = false;
  exportShift: u32 = 32;
  exportFeatures: StaticArray<u32> | null = null;
  exportWindows: StaticArray<u32> | null = null; // [featStart, featCount, where, flags] per window
  exportFeatureCount: i32 = 0;
  exportOverflow: bool = false;

  // Tracing (Node only: `wafscore parts`, tests): every decoded part is recorded as
  // u32 where, u32 flags, u32 nameLen, u32 textLen, name bytes, text bytes (text cut at 4 KiB).
  trace: StaticArray<u8> | null = null;
  traceLength: i32 = 0;
  traceCount: i32 = 0;

  constructor(public model: Model, public config: Config) {
    super();
    this.reset();
  }

  reset(): void {
    for (let k = 0; k < HEAD_COUNT; k++) unchecked(this.maxLogit[k] = -Infinity);
    this.worstWhere = -1;
    this.worstNameLen = 0;
    this.worstTextLen = 0;
    this.worstFlags = 0;
    this.parts = 0;
    this.windows = 0;
    this.exportFeatureCount = 0;
    this.exportOverflow = false;
    this.traceLength = 0;
    this.traceCount = 0;
  }

  // Splits one wire part of the request (a path, a query string, a header value, a body).
  scoreWire(where: i32, ptr: usize, len: i32): void {
    if (len <= 0) return;
    switch (where) {
      case Where.PATH:
      case Where.HEADER:
        this.onPart(where, ptr, 0, ptr, len, false);
        return;
      case Where.QUERY:
        splitPairs(ptr, len, 0x26, false, Where.QUERY, true, this);
        return;
      case Where.COOKIE:
        splitPairs(ptr, len, 0x3B, true, Where.COOKIE, false, this);
        return;
    }
    splitBody(where, ptr, len, this, this.scanner, changetype<usize>(jsonBuf));
  }

  onPart(where: i32, namePtr: usize, nameLen: i32, valPtr: usize, valLen: i32, formEncoded: bool): void {
    if (nameLen > 0 && this.isExcluded(namePtr, nameLen)) return;
    if (valLen > PART_CAPACITY) valLen = PART_CAPACITY;
    // Most parts need no decoding: read those where they are (a memory.copy per part is a call
    // out of the compiled code in V8, and JSON bodies have hundreds of parts).
    let text = valPtr;
    let n = valLen;
    let flags: u32 = 0;
    if (needsDecoding(valPtr, valLen, formEncoded)) {
      text = changetype<usize>(normBuf);
      let r = decodePart(valPtr, valLen, text, formEncoded);
      n = <i32>(r & 0xFFFFFFFF);
      flags = <u32>(r >> 32);
    }
    // A lone word, number, ID or email address (no space, nothing but [A-Za-z0-9_.@-]) cannot
    // carry an injection on its own, and JSON and forms are full of them: skip the model for
    // those, unless it may be base64 (URL-safe base64 is all word characters) and so is decoded
    // below, or its decoding was more than one plain round of percent-escapes (forms send '@'
    // as %40; double encoding, entities or escapes are themselves a sign).
    let base64 = looksLikeBase64(text, n);
    let skip = (flags & ~DecodeFlag.PERCENT) == 0 && !base64 && isPlainToken(text, n);
    if (this.trace != null) this.traceText(where, namePtr, nameLen, text, n, skip ? flags | TRACE_NOT_SCORED : flags);
    if (skip) return;
    this.parts++;
    this.scoreText(where, namePtr, nameLen, text, n, flags);
    if (base64) {
      let b = changetype<usize>(b64Buf);
      let m = decodeBase64Text(text, n, b);
      if (m > 0) {
        let r = normalizePart(b, m, b, false);
        let bn = <i32>(r & 0xFFFFFFFF);
        let bflags = <u32>(r >> 32) | DecodeFlag.BASE64;
        if (this.trace != null) this.traceText(where, namePtr, nameLen, b, bn, bflags);
        this.scoreText(where, namePtr, nameLen, b, bn, bflags);
      }
    }
  }

  private traceText(where: i32, namePtr: usize, nameLen: i32, p: usize, n: i32, flags: u32): void {
    let t = this.trace!;
    let textLen = min(n, 4096);
    let need = 16 + nameLen + textLen;
    if (this.traceLength + need > t.length) return;
    let o = changetype<usize>(t) + this.traceLength;
    store<u32>(o, where);
    store<u32>(o, flags, 4);
    store<u32>(o, nameLen, 8);
    store<u32>(o, textLen, 12);
    memory.copy(o + 16, namePtr, nameLen);
    memory.copy(o + 16 + nameLen, p, textLen);
    this.traceLength += need;
    this.traceCount++;
  }

  private isExcluded(namePtr: usize, nameLen: i32): bool {
    let names = this.config.excludeParamBytes;
    for (let i = 0, k = names.length; i < k; i++) {
      let b = unchecked(names[i]);
      if (b.byteLength == nameLen && memory.compare(changetype<usize>(b), namePtr, nameLen) == 0) return true;
    }
    return false;
  }

  // Long texts are scored in overlapping windows: the bag of features is a mean, and a
  // payload inside 100 KiB of prose must not be averaged away.
  private scoreText(where: i32, namePtr: usize, nameLen: i32, p: usize, n: i32, flags: u32): void {
    if (n <= 0) return;
    let off = 0;
    while (true) {
      let w = min(WINDOW_BYTES, n - off);
      this.scoreWindow(where, namePtr, nameLen, p + off, w, flags);
      if (off + w >= n) break;
      off += WINDOW_STEP;
    }
  }

  private scoreWindow(where: i32, namePtr: usize, nameLen: i32, p: usize, n: i32, flags: u32): void {
    this.windows++;
    if (this.collecting) { this.exportWindow(where, p, n, flags); return; }
    if (!this.model.ok) return; // an unusable model scores nothing (the filter refuses to start with one)
    let feats = changetype<usize>(featBuf);
    let count = extractFeatures(p, n, flags, feats, this.model.shift);
    let logits = changetype<usize>(logitBuf);
    forward(this.model, feats, count, logits);
    let worse = load<f32>(logits) > unchecked(this.maxLogit[HEAD_ATTACK]);
    for (let k = 0; k < HEAD_COUNT; k++) {
      let v = load<f32>(logits + (<usize>k << 2));
      if (v > unchecked(this.maxLogit[k])) unchecked(this.maxLogit[k] = v);
    }
    if (worse) {
      this.worstWhere = where;
      let nl = min(nameLen, MAX_NAME_BYTES);
      memory.copy(changetype<usize>(this.worstName), namePtr, nl);
      this.worstNameLen = nl;
      memory.copy(changetype<usize>(this.worstText), p, n);
      this.worstTextLen = n;
      this.worstFlags = flags;
    }
  }

  private exportWindow(where: i32, p: usize, n: i32, flags: u32): void {
    let feats = this.exportFeatures!;
    let wins = this.exportWindows!;
    let w = this.windows - 1;
    if (this.exportOverflow || w >= EXPORT_WINDOWS || this.exportFeatureCount + MAX_FEATURES > EXPORT_FEATURES) {
      this.exportOverflow = true;
      this.windows--;
      return;
    }
    let start = this.exportFeatureCount;
    let count = extractFeatures(p, n, flags, changetype<usize>(feats) + (<usize>start << 2), this.exportShift);
    this.exportFeatureCount += count;
    let row = changetype<usize>(wins) + (<usize>w << 4);
    store<u32>(row, start);
    store<u32>(row, count, 4);
    store<u32>(row, where, 8);
    store<u32>(row, flags, 12);
  }

  // The 1–99 score of head k for the request so far (99 when nothing was scored).
  score(k: i32): i32 {
    let v = unchecked(this.maxLogit[k]);
    if (v == -Infinity) return 99;
    return this.model.scoreOf(k, v);
  }

  // The fragments of the worst window that drove the overall score, as [start, length] pairs
  // into worstText; returns how many (at most explain.ts MAX_FRAGMENTS).
  explain(out: StaticArray<i32>): i32 {
    return explainWindow(this.model, changetype<usize>(this.worstText), this.worstTextLen, this.worstFlags, HEAD_ATTACK, out);
  }

  // The attack class with the lowest score (ties: the first), for "class" in logs and 403s.
  worstClass(): i32 {
    let best = 1;
    for (let k = 2; k < HEAD_COUNT; k++) {
      if (unchecked(this.maxLogit[k]) > unchecked(this.maxLogit[best])) best = k;
    }
    return best;
  }
}
