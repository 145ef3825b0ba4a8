// The decode stage: turns each split part into the text the model scores (all decoding, base64
// included), applies the skip rule and caps runs of one byte. Called by core/inspect.ts after
// request/request.ts; reads a PartList, fills a TextList that core/windows.ts reads.

import { PartList, SCRATCH_BYTES } from "../request/parts";
import { needsDecoding, decodePart, normalizePart } from "./normalize";
import { DecodeFlag } from "./flags";
import { looksLikeBase64, decodeBase64Text, MIN_BASE64_LENGTH } from "./base64";
import { canReadBlock } from "../lib/scan";
import { splat8 } from "../lib/splat";

// A part gives one text, a second when it looks like base64 and decodes to text, and more when runs
// were cut in it (pieces, and their base64); past this the request is inspected in part.
export const MAX_TEXTS = 2 * 16384;
// Decoded texts are written here; decoding never grows a part, and base64 shrinks it by a quarter.
const ARENA_BYTES = 2 * SCRATCH_BYTES;
const MAX_PLAIN_TOKEN_BYTES = 64;
// Runs of one byte are cut to this length: padding (`q=` + `a`x32 + `<script>`, 8 KiB of `a`
// before a payload) would otherwise dilute the bag of features of the payload's windows, and
// capping it in the text keeps every window's sum additive. Part of feature spec v5.
export const MAX_RUN_BYTES = 4;
const STRIDE = 4; // u32 per text: part index, ptr, len, flags (bit 31: not scored)
export const TEXT_NOT_SCORED: u32 = 0x80000000;

// Text i of the table at rows (TextList.rows): its part's index, address, length, decode flags.
// @ts-ignore: decorator
@inline function rowAt(rows: usize, i: i32): usize { return rows + (<usize>(i * STRIDE) << 2); }
// @ts-ignore: decorator
@inline export function textPart(rows: usize, i: i32): i32 { return <i32>load<u32>(rowAt(rows, i)); }
// @ts-ignore: decorator
@inline export function textPtr(rows: usize, i: i32): usize { return <usize>load<u32>(rowAt(rows, i), 4); }
// @ts-ignore: decorator
@inline export function textLen(rows: usize, i: i32): i32 { return <i32>load<u32>(rowAt(rows, i), 8); }
// @ts-ignore: decorator
@inline export function textFlags(rows: usize, i: i32): u32 { return load<u32>(rowAt(rows, i), 12) & ~TEXT_NOT_SCORED; }
// A lone word, number, ID or address, which the model skips (TEXT_NOT_SCORED).
// @ts-ignore: decorator
@inline export function textIsPlainToken(rows: usize, i: i32): bool { return (load<u32>(rowAt(rows, i), 12) & TEXT_NOT_SCORED) != 0; }

export class TextList {
  count: i32 = 0;
  overflow: bool = false;       // texts were dropped for want of room
  private table: StaticArray<u32> = new StaticArray<u32>(MAX_TEXTS * STRIDE);
  private arena: StaticArray<u8> = new StaticArray<u8>(ARENA_BYTES);
  private arenaUsed: i32 = 0;

  reset(): void { this.count = 0; this.overflow = false; this.arenaUsed = 0; }

  // The table's address, for a hot loop that reads it with textPart … textFlags: through the
  // methods, each read stores the list on the runtime's shadow stack when the loop makes calls.
  // @ts-ignore: decorator
  @inline get rows(): usize { return changetype<usize>(this.table); }
  // @ts-ignore: decorator
  @inline private row(i: i32): usize { return rowAt(this.rows, i); }
  // @ts-ignore: decorator
  @inline part(i: i32): i32 { return textPart(this.rows, i); }
  // @ts-ignore: decorator
  @inline ptr(i: i32): usize { return textPtr(this.rows, i); }
  // @ts-ignore: decorator
  @inline len(i: i32): i32 { return textLen(this.rows, i); }
  // @ts-ignore: decorator
  @inline flags(i: i32): u32 { return textFlags(this.rows, i); }
  // @ts-ignore: decorator
  @inline scored(i: i32): bool { return (load<u32>(this.row(i), 12) & TEXT_NOT_SCORED) == 0; }

  // Inlined: as a call, every text paid a frame on the runtime's shadow stack (make profile).
  // @ts-ignore: decorator
  @inline add(part: i32, p: usize, n: i32, flags: u32): void {
    let i = this.count;
    if (i >= MAX_TEXTS) { this.overflow = true; return; }
    let row = this.row(i);
    store<u32>(row, <u32>part);
    store<u32>(row, <u32>p, 4);
    store<u32>(row, <u32>n, 8);
    store<u32>(row, flags, 12);
    this.count = i + 1;
  }

  alloc(n: i32): usize {
    if (this.arenaUsed + n > ARENA_BYTES) { this.overflow = true; return 0; }
    let p = changetype<usize>(this.arena) + <usize>this.arenaUsed;
    this.arenaUsed += n;
    return p;
  }

  // Keeps only the first `used` bytes of the last alloc of `reserved` bytes at p.
  shrinkLast(p: usize, reserved: i32, used: i32): void {
    if (p + <usize>reserved == changetype<usize>(this.arena) + <usize>this.arenaUsed) this.arenaUsed -= reserved - used;
  }
}

export function decodeParts(parts: PartList, out: TextList): void {
  out.reset();
  for (let i = 0, k = parts.count; i < k; i++) {
    decodeOne(i, parts.valPtr(i), parts.valLen(i), parts.formEncoded(i), out);
  }
}

// Inlined into decodeParts' loop: a call per part was a shadow-stack frame per part.
// @ts-ignore: decorator
@inline function decodeOne(part: i32, valPtr: usize, valLen: i32, formEncoded: bool, out: TextList): void {
  // Most parts need no decoding: read those where they are (a memory.copy per part is a call
  // out of the compiled code in V8, and JSON bodies have hundreds of parts).
  let text = valPtr;
  let n = valLen;
  let flags: u32 = 0;
  if (needsDecoding(valPtr, valLen, formEncoded)) {
    text = out.alloc(valLen);
    if (text == 0) return;
    let r = decodePart(valPtr, valLen, text, formEncoded);
    n = <i32>(r & 0xFFFFFFFF);
    flags = <u32>(r >> 32);
    out.shrinkLast(text, valLen, n);
  }
  // A lone word, number, ID or email address (no space, nothing but [A-Za-z0-9_.@-]) cannot
  // carry an injection on its own, and JSON and forms are full of them: skip the model for
  // those, unless it may be base64 (URL-safe base64 is all word characters) and so is decoded
  // below, or its decoding was more than one plain round of percent-escapes (forms send '@'
  // as %40; double encoding, entities or escapes are themselves a sign).
  let base64 = n >= MIN_BASE64_LENGTH && looksLikeBase64(text, n);
  let skip = (flags & ~DecodeFlag.PERCENT) == 0 && !base64 && isPlainToken(text, n);
  let pieces = 0;
  if (!skip) {
    let run = longRunAt(text, n);
    if (run >= 0) {
      let dst = text == valPtr ? out.alloc(n) : text; // decoded text is in the arena already: in place
      if (dst != 0) {
        let m = capRuns(text, n, dst, run, true);
        if (text == valPtr) out.shrinkLast(dst, n, m);
        text = dst;
        n = m;
        pieces = runEndCount;
      }
    }
  }
  out.add(part, text, n, skip ? flags | TEXT_NOT_SCORED : flags);
  if (pieces > 0) addPieces(part, text, n, pieces, flags, out, true);
  if (base64) addBase64(part, text, n, out, true);
}

// What follows a cut run is scored on its own too, up to the next cut run: `a`x32 + payload is
// then scored as the payload alone as well, whatever the model makes of the 4 `a`s left in front
// of it. The pieces partition the text, so they at most double its windows. With `base64`, a piece
// that looks like base64 is decoded too: `a`x32 + base64(payload) leaves 4 `a`s in front of the
// payload's digits, and the whole text then decodes to junk bytes before the payload. Reads the
// `count` runEnds of the capRuns call that cut `text`.
function addPieces(part: i32, text: usize, n: i32, count: i32, flags: u32, out: TextList, base64: bool): void {
  for (let j = 0; j < count; j++) {
    let from = unchecked(runEnds[j]);
    let to = j + 1 < count ? unchecked(runEnds[j + 1]) - MAX_RUN_BYTES : n;
    if (to - from <= 0) continue;
    let q = text + <usize>from;
    if (!isPlainToken(q, to - from)) out.add(part, q, to - from, flags);
    if (base64 && looksLikeBase64(q, to - from)) addBase64(part, q, to - from, out, false);
  }
}

// Adds the text p[0..n) decodes to as base64, when it is text, flagged BASE64; with `pieces`, also
// what follows each run cut in it (base64 of `a`x32 + payload), as for any text. Only a whole text's
// decoding has pieces: a piece's own is decoded while addPieces still reads runEnds.
function addBase64(part: i32, p: usize, n: i32, out: TextList, pieces: bool): void {
  let cap = n * 3 / 4 + 4;
  let b = out.alloc(cap);
  if (b == 0) return;
  let m = decodeBase64Text(p, n, b);
  if (m <= 0) { out.shrinkLast(b, cap, 0); return; }
  let r = normalizePart(b, m, b, false);
  let bn = <i32>(r & 0xFFFFFFFF);
  let flags = <u32>(r >> 32) | DecodeFlag.BASE64;
  let run = longRunAt(b, bn);
  let count = 0;
  if (run >= 0) {
    bn = capRuns(b, bn, b, run, pieces);
    if (pieces) count = runEndCount;
  }
  out.shrinkLast(b, cap, bn);
  out.add(part, b, bn, flags);
  addPieces(part, b, bn, count, flags, out, false);
}

// Where the first run of more than MAX_RUN_BYTES of one byte starts, or -1.
function longRunAt(p: usize, n: i32): i32 {
  // 13 starts at a time: bit j of `same` says byte i + j equals the next one, and a run of five
  // starts where four such bits follow each other (j <= 12 of 16 bits). Runs that start before i
  // were looked for by the blocks before, so the scalar tail starts counting at i.
  let i = 0;
  for (; i + 17 <= n; i += 13) {
    let same = i8x16.bitmask(i8x16.eq(v128.load(p + <usize>i), v128.load(p + <usize>i, 1)));
    let starts = same & (same >> 1) & (same >> 2) & (same >> 3);
    if (starts != 0) return i + ctz(starts);
  }
  // The last n - i <= 16 bytes as one block when it can be read: `same` bits for pairs inside
  // p[i..n) only (bit j compares bytes i + j and i + j + 1).
  if (n - i >= 2 && canReadBlock(p + <usize>i + 1)) {
    let same = i8x16.bitmask(i8x16.eq(v128.load(p + <usize>i), v128.load(p + <usize>i, 1))) & ((1 << (n - i - 1)) - 1);
    let starts = same & (same >> 1) & (same >> 2) & (same >> 3);
    return starts != 0 ? i + ctz(starts) : -1;
  }
  return longRunFrom(p, i, n);
}

// longRunAt's scalar form, from byte `from` on.
function longRunFrom(p: usize, from: i32, n: i32): i32 {
  let run = 1;
  for (let i = from + 1; i < n; i++) {
    if (load<u8>(p + i) == load<u8>(p + i - 1)) {
      if (++run > MAX_RUN_BYTES) return i - MAX_RUN_BYTES;
    } else run = 1;
  }
  return -1;
}

// Where, in capRuns' output, the text after each cut run starts: the first MAX_PIECES - 1 cuts and
// the last (an attacker's decoy runs before a padded payload do not hide it). Module state written
// by a recording capRuns call and read right after it.
const MAX_PIECES = 4;
const runEnds = new StaticArray<i32>(MAX_PIECES);
let runEndCount = 0;

// Copies p[0..n) to dst (which may be p) with every run of one byte cut to MAX_RUN_BYTES; the
// bytes before `from` have no long run. Returns the new length; when `record`, runEnds says where
// the cuts were.
function capRuns(p: usize, n: i32, dst: usize, from: i32, record: bool): i32 {
  if (dst != p) memory.copy(dst, p, from);
  if (record) runEndCount = 0;
  let o = from;
  let run = 0;
  let prev: i32 = -1;
  let cut = false;
  for (let i = from; i < n; i++) {
    let c = <i32>load<u8>(p + i);
    if (c != prev && cut) {
      // The run before this byte was cut: what follows starts a piece.
      if (record) {
        if (runEndCount < MAX_PIECES) runEndCount++;
        unchecked(runEnds[runEndCount - 1] = o);
      }
      cut = false;
    }
    run = c == prev ? run + 1 : 1;
    prev = c;
    if (run > MAX_RUN_BYTES) { cut = true; continue; }
    store<u8>(dst + o, <u8>c);
    o++;
  }
  return o;
}

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
  if (n >= 16) return isPlainTokenBlocks(p, n);
  if (canReadBlock(p)) {
    // One block, its bits past n dropped.
    let mask = (1 << n) - 1;
    let v = v128.load(p);
    let dots = i8x16.bitmask(i8x16.eq(v, splat8(0x2E))) & mask;
    return (plainBits(v) & mask) == mask && (dots & (dots << 1)) == 0;
  }
  let prev: u32 = 0;
  for (let i = 0; i < n; i++) {
    let c = <u32>load<u8>(p + i);
    if (load<u8>(PLAIN + <usize>c) == 0 || (c == 0x2E && prev == 0x2E)) return false;
    prev = c;
  }
  return true;
}

// isPlainToken for n >= 16, 16 bytes a step (the last block overlaps the one before): every
// byte in PLAIN's set, and no '.' right after a '.' (within a block, or across two).
function isPlainTokenBlocks(p: usize, n: i32): bool {
  let lastDot = 0;
  let i = 0;
  while (true) {
    let at = min(i, n - 16);
    let v = v128.load(p + <usize>at);
    if (plainBits(v) != 0xFFFF) return false;
    let dots = i8x16.bitmask(i8x16.eq(v, splat8(0x2E)));
    // A dot in the last byte of the block before (at == i) or anywhere before it (overlap: those
    // bytes are in this block too).
    if ((dots & ((dots << 1) | (at == i ? lastDot : 0))) != 0) return false;
    lastDot = dots >> 15;
    i = at + 16;
    if (i >= n) return true;
  }
  return true;
}

// Bit j set when byte j of v is in PLAIN's set: [A-Za-z0-9_.@-].
// @ts-ignore: decorator
@inline function plainBits(v: v128): i32 {
  // Ranges as le_u: V8 has an unsigned min for it (two instructions), where lt_u takes four.
  let letter = i8x16.le_u(i8x16.sub(v128.or(v, splat8(0x20)), splat8(0x61)), splat8(25));
  let digit = i8x16.le_u(i8x16.sub(v, splat8(0x30)), splat8(9));
  let other = v128.or(v128.or(i8x16.eq(v, splat8(0x5F)), i8x16.eq(v, splat8(0x40))),
    v128.or(i8x16.eq(v, splat8(0x2D)), i8x16.eq(v, splat8(0x2E))));
  return i8x16.bitmask(v128.or(v128.or(letter, digit), other));
}
