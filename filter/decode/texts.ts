// The decode stage: turns each split part into the text the model scores (all decoding, base64
// included), applies the skip rule and caps runs of one byte. Called by core/inspect.ts after
// request/request.ts; reads a PartList, fills a TextList that core/windows.ts reads.

import { PartList, SCRATCH_BYTES, partValPtr, partValLen, partFormEncoded, partWhere, partIsBinaryRun, partIsFileContent } from "../request/parts";
import { Where } from "../request/where";
import { needsDecoding, decodePart, normalizePart } from "./normalize";
import { DecodeFlag } from "./flags";
import { looksLikeBase64, decodeBase64Text, MIN_BASE64_LENGTH, MIN_SHORT_BASE64_LENGTH, tooShortForBase64, mayOpenAsTextBase64, shortTextBase64 } from "./base64";
import { canReadBlock, nibbleSetBits } from "../lib/scan";
import { hasQuoteSplitWord, unquoteWords } from "./shellquotes";
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
const STRIDE = 4; // u32 per text: part index, ptr, len, flags (bit 31: not scored; bit 30: not windowed; bit 29: head only; bit 28: a piece)
export const TEXT_NOT_SCORED: u32 = 0x80000000;
// A text the verdicts read and the model does not (keepFromModel).
const TEXT_NOT_WINDOWED: u32 = 0x40000000;
// A text the model reads in its first window only, the verdicts whole (keepFromModel).
const TEXT_HEAD_ONLY: u32 = 0x20000000;
// A piece of its part's text, after a cut run (addPieces).
const TEXT_PIECE: u32 = 0x10000000;
const TEXT_MARKS: u32 = TEXT_NOT_SCORED | TEXT_NOT_WINDOWED | TEXT_HEAD_ONLY | TEXT_PIECE;
// The model's window (core/features.ts WINDOW_BYTES, which core/windows.ts checks this against): a
// file's head.
export const FILE_HEAD_BYTES = 256;

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
@inline export function textFlags(rows: usize, i: i32): u32 { return load<u32>(rowAt(rows, i), 12) & ~TEXT_MARKS; }
// Whether text i is a piece of its part's text, after a cut run (addPieces): it does not open where
// that text does.
// @ts-ignore: decorator
@inline export function textIsPiece(rows: usize, i: i32): bool { return (load<u32>(rowAt(rows, i), 12) & TEXT_PIECE) != 0; }
// A lone word, number, ID or address, which the model skips (TEXT_NOT_SCORED).
// @ts-ignore: decorator
@inline export function textIsPlainToken(rows: usize, i: i32): bool { return (load<u32>(rowAt(rows, i), 12) & TEXT_NOT_SCORED) != 0; }
// @ts-ignore: decorator
@inline export function textScored(rows: usize, i: i32): bool { return (load<u32>(rowAt(rows, i), 12) & TEXT_NOT_SCORED) == 0; }
// Whether the model scores text i's windows: a scored text that is not a binary body's.
// @ts-ignore: decorator
@inline export function textWindowed(rows: usize, i: i32): bool { return (load<u32>(rowAt(rows, i), 12) & (TEXT_NOT_SCORED | TEXT_NOT_WINDOWED)) == 0; }
// Whether the model reads only text i's first window: a file's content (keepFromModel).
// @ts-ignore: decorator
@inline export function textHeadOnly(rows: usize, i: i32): bool { return (load<u32>(rowAt(rows, i), 12) & TEXT_HEAD_ONLY) != 0; }
// Writes text i of the table at rows (TextList.add's row; decodeParts keeps the count in a local).
// @ts-ignore: decorator
@inline function putText(rows: usize, i: i32, part: i32, p: usize, n: i32, flags: u32): void {
  let row = rowAt(rows, i);
  store<u32>(row, <u32>part);
  store<u32>(row, <u32>p, 4);
  store<u32>(row, <u32>n, 8);
  store<u32>(row, flags, 12);
}

export class TextList {
  count: i32 = 0;
  overflow: bool = false;       // texts were dropped for want of room
  private table: StaticArray<u32> = new StaticArray<u32>(MAX_TEXTS * STRIDE);
  private arena: StaticArray<u8> = new StaticArray<u8>(ARENA_BYTES);
  private arenaUsed: i32 = 0;

  // The decoders' flags of every part decodePart decoded in this request, ORed: what a verdict that
  // needs one flag (core/signatures.ts, a NUL) tests once instead of at every text.
  decodedFlags: u32 = 0;

  reset(): void { this.count = 0; this.overflow = false; this.arenaUsed = 0; this.decodedFlags = 0; }

  // The table's address, for a hot loop that reads it with textPart … textFlags: through the
  // methods, each read stored the list on the incremental runtime's shadow stack when the loop
  // made calls.
  // @ts-ignore: decorator
  @inline get rows(): usize { return changetype<usize>(this.table); }
  // @ts-ignore: decorator
  @inline part(i: i32): i32 { return textPart(this.rows, i); }
  // @ts-ignore: decorator
  @inline ptr(i: i32): usize { return textPtr(this.rows, i); }
  // @ts-ignore: decorator
  @inline len(i: i32): i32 { return textLen(this.rows, i); }
  // @ts-ignore: decorator
  @inline flags(i: i32): u32 { return textFlags(this.rows, i); }
  // @ts-ignore: decorator
  @inline scored(i: i32): bool { return textScored(this.rows, i); }

  // Inlined: as a call, every text paid a frame on the runtime's shadow stack (make profile).
  // @ts-ignore: decorator
  @inline add(part: i32, p: usize, n: i32, flags: u32): void {
    let i = this.count;
    if (i >= MAX_TEXTS) { this.overflow = true; return; }
    putText(this.rows, i, part, p, n, flags);
    this.count = i + 1;
  }

  // alloc and shrinkLast inlined: as calls, they were about 1% of a form body's instructions
  // (every decoded part makes one of each).
  // @ts-ignore: decorator
  @inline alloc(n: i32): usize {
    if (this.arenaUsed + n > ARENA_BYTES) { this.overflow = true; return 0; }
    let p = changetype<usize>(this.arena) + <usize>this.arenaUsed;
    this.arenaUsed += n;
    return p;
  }

  // Keeps only the first `used` bytes of the last alloc of `reserved` bytes at p.
  // @ts-ignore: decorator
  @inline shrinkLast(p: usize, reserved: i32, used: i32): void {
    if (p + <usize>reserved == changetype<usize>(this.arena) + <usize>this.arenaUsed) this.arenaUsed -= reserved - used;
  }
}

// The tables are read and written by address, with the text count in a local: through the lists'
// methods, every part stored both lists on the runtime's shadow stack several times (make
// profile). A short plain token (most JSON strings) is settled in this loop, which makes no call
// for it: V8 spills every live value around a call, and the calls of the other parts' path had
// the loop spill and reload its state for every part. The rest go to decodeOne.
export function decodeParts(parts: PartList, out: TextList): void {
  out.reset();
  let prows = parts.rows, trows = out.rows;
  let count = 0;
  for (let i = 0, k = parts.count; i < k; i++) {
    let valPtr = partValPtr(prows, i), valLen = partValLen(prows, i);
    // A plain token (see decodeOne) holds no byte a decoder acts on, so it is its own decoding;
    // shorter than MIN_BASE64_LENGTH it is not base64 either, and so skipped, unless it is shaped as
    // a short text's unpadded base64 (addShortBase64).
    let kind = plainKind(valPtr, valLen);
    let plain = kind != NOT_PLAIN;
    // Nested, not `&&` (V8 kept that as a value on the stack, written and tested per part).
    if (plain) {
      if (valLen < MIN_BASE64_LENGTH) {
        // A JSON string that is a bare word gets no text (isBareWord); it stays a part.
        let bare = false;
        if (kind == PLAIN_WORD) {
          if (partWhere(prows, i) == Where.BODY_JSON) bare = isBareWord(valPtr, valLen);
        }
        if (valLen >= MIN_SHORT_BASE64_LENGTH) {
          if (mayOpenAsTextBase64(valPtr)) { count = addShortBase64(i, valPtr, valLen, bare, out, trows, count); continue; }
        }
        if (bare) continue;
        count = appendText(out, trows, count, i, valPtr, valLen, TEXT_NOT_SCORED);
        continue;
      }
    }
    // Most parts are their own text: no decoding, not base64, no run to cap. Those are added here,
    // as decodeOne would add them: a call to it zeroed its frame on the runtime's shadow stack
    // (a memory.fill, which V8 calls out of the compiled code for) at every part.
    let decode = !plain && needsDecoding(valPtr, valLen, partFormEncoded(prows, i));
    if (!decode) {
      if (!mayBeBase64(valPtr, valLen) && (plain || ownText(valPtr, valLen))) {
        count = appendText(out, trows, count, i, valPtr, valLen, plain ? TEXT_NOT_SCORED : 0);
        continue;
      }
    }
    count = decodeOne(i, valPtr, valLen, partFormEncoded(prows, i), plain, decode, out, trows, count);
  }
  out.count = count;
}

// Whether a JSON string p[0..n), a plain token under MIN_BASE64_LENGTH bytes, is a bare word:
// [A-Za-z0-9_-] (no '.', which a gadget's package name needs, core/gadgets.ts mayNameGadget; no
// '@', which only keeps the set small), not 9 or 11 bytes long (`__proto__`, `prototype`,
// `constructor`: core/signatures.ts protoKey, prototypeKey, constructorKey), and not a serialized
// object's start (`rO0AB`, `aced0005`: core/signatures.ts serializedObject). Nothing reads such a string: it is never
// scored (the model skips lone words) or decoded (but as short unpadded base64: addShortBase64, whose
// decoding is a text of its own), and no signature or verdict fires on it;
// JSON keys and short values are most of a JSON body's strings, and a text each cost every step's
// per-text work: 7% of the 16 KiB benign JSON bench body's instructions (make profile). The part
// stays, so a key still counts among the parameters a request carries (wafscore scan). Only a JSON
// body's strings: a query's, a form's or a cookie's value is also where its part's name is read
// (core/signatures.ts mayNameAPath: `a[__proto__]=1`), and a JSON name is a key, a text of its own.
// Called for a PLAIN_WORD (plainKind) under 16 bytes, which canReadBlock held for.
// @ts-ignore: decorator
@inline function isBareWord(p: usize, n: i32): bool {
  if (((BARE_WORD_LENGTHS >> n) & 1) != 0) {
    let x = load<u64>(p);
    if (n >= 5) { if ((x & 0xFFFFFFFFFF) == 0x4241304F72) return false; } // "rO0AB"
    if (n >= 8) { if ((x | 0x2020202020202020) == 0x3530303064656361) return false; } // "aced0005", any case
    return true;
  }
  return false;
}

// Lengths a bare word may have: under 16 (MIN_BASE64_LENGTH), but not 9 or 11.
const BARE_WORD_LENGTHS: i32 = 0xFFFF & ~(1 << 9) & ~(1 << 11);

// One part's texts, written at trows from index count (TextList.add's test of room included);
// returns the new count. `plain`: isPlainToken of the part as it came; `decode`: whether it
// needsDecoding (never when plain).
function decodeOne(part: i32, valPtr: usize, valLen: i32, formEncoded: bool, plain: bool, decode: bool, out: TextList, trows: usize, count: i32): i32 {
  // Most parts need no decoding: read those where they are (a memory.copy per part is a call
  // out of the compiled code in V8, and JSON bodies have hundreds of parts). A plain token holds
  // no byte a decoder acts on: those are known not to need the trigger test.
  let text = valPtr;
  let n = valLen;
  let flags: u32 = 0;
  if (decode) {
    text = out.alloc(valLen);
    if (text == 0) return count;
    let r = decodePart(valPtr, valLen, text, formEncoded);
    n = <i32>(r & 0xFFFFFFFF);
    flags = <u32>(r >> 32);
    out.decodedFlags |= flags;
    out.shrinkLast(text, valLen, n);
  }
  // A lone word, number, ID or email address (no space, nothing but [A-Za-z0-9_.@-]) cannot
  // carry an injection on its own, and JSON and forms are full of them: skip the model for
  // those, unless it may be base64 (URL-safe base64 is all word characters) and so is decoded
  // below, or its decoding was more than one plain round of percent-escapes (forms send '@'
  // as %40; double encoding, entities or escapes are themselves a sign).
  let base64 = mayBeBase64(text, n);
  let skip = (flags & ~DecodeFlag.PERCENT) == 0 && !base64 && (text == valPtr ? plain : isPlainToken(text, n));
  let pieces = 0;
  let quoted = false;
  if (!skip) {
    let run = runOrQuote(text, n);
    quoted = run != -1; // a quote, `$` or backquote, or a run that may hide one: read below
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
  count = appendText(out, trows, count, part, text, n, skip ? flags | TEXT_NOT_SCORED : flags);
  let unquoted = quoted && hasQuoteSplitWord(text, n);
  if (pieces > 0 || base64 || unquoted) {
    out.count = count;
    if (pieces > 0) addPieces(part, text, n, pieces, flags, out, true);
    if (base64) addBase64(part, text, n, out, true);
    if (unquoted) addUnquoted(part, text, n, flags, out);
    count = out.count;
  }
  return count;
}

// A plain token p[0..n) of part `part`, MIN_SHORT_BASE64_LENGTH to MIN_BASE64_LENGTH - 1 bytes, that
// mayOpenAsTextBase64 passed: its own text, which the model skips (none for a bare JSON word: `bare`),
// and, when it is the unpadded base64 of printable text (decode/base64.ts shortTextBase64:
// `JyBvciAxPTEtLQ`, `' or 1=1--`), its decoding, scored. Written at trows from index count; returns
// the new count. Plain tokens only: a short value with `+` or `/` is left undecoded. Placed and
// written so, the test costs the JSON bench bodies about 0.4% more instructions; other placements
// (in mayBeBase64 for every short text, in a pass of its own after the loop) cost 0.35% to 1.3%
// (make profile): V8 compiles decodeParts' loop differently around each.
function addShortBase64(part: i32, p: usize, n: i32, bare: bool, out: TextList, trows: usize, count: i32): i32 {
  if (!bare) count = appendText(out, trows, count, part, p, n, TEXT_NOT_SCORED);
  if (shortTextBase64(p, n)) {
    out.count = count;
    addBase64(part, p, n, out, false);
    count = out.count;
  }
  return count;
}

// Adds text p[0..n) without the quotes a shell drops inside its words (decode/shellquotes.ts),
// scored even when it is a lone word: `w'h'o'am'i` is `whoami`, and the quotes are why.
function addUnquoted(part: i32, p: usize, n: i32, flags: u32, out: TextList): void {
  let d = out.alloc(n);
  if (d == 0) return;
  let m = unquoteWords(p, n, d);
  out.shrinkLast(d, n, m);
  out.add(part, d, m, flags);
}

// Whether text p[0..n) is base64 to decode as well (looksLikeBase64, after the cheaper tests).
// @ts-ignore: decorator
@inline function mayBeBase64(p: usize, n: i32): bool {
  if (tooShortForBase64(p, n)) return false;
  return (n < MIN_BASE64_LENGTH || !spaceInFirstBlock(p)) && looksLikeBase64(p, n);
}

// TextList.add for a loop that keeps the count in a local: writes text `count` at trows when the
// table has room (else marks the list's overflow); returns the new count.
// @ts-ignore: decorator
@inline function appendText(out: TextList, trows: usize, count: i32, part: i32, p: usize, n: i32, flags: u32): i32 {
  if (count >= MAX_TEXTS) { out.overflow = true; return count; }
  putText(trows, count, part, p, n, flags);
  return count + 1;
}

// Whether the first 16 bytes at p hold a space: then a text of 16 bytes or more is not base64 (a
// space is outside the alphabet and is not the '=' padding looksLikeBase64 strips from the end),
// and most prose is settled without its two calls.
// @ts-ignore: decorator
@inline function spaceInFirstBlock(p: usize): bool {
  return i8x16.bitmask(i8x16.eq(v128.load(p), splat8(0x20))) != 0;
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
    if (!isPlainToken(q, to - from)) out.add(part, q, to - from, flags | TEXT_PIECE);
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
// @ts-ignore: decorator
@inline function longRunAt(p: usize, n: i32): i32 {
  let r = runOrQuote(p, n);
  return r == QUOTED ? -1 : r;
}

// Whether a text that needs no decoding is its own only text: no run to cut, no word split by quotes.
// @ts-ignore: decorator
@inline function ownText(p: usize, n: i32): bool {
  let r = runOrQuote(p, n);
  return r == -1 || (r == QUOTED && !hasQuoteSplitWord(p, n));
}

// Where the first run of more than MAX_RUN_BYTES of one byte starts, else QUOTED when the text
// holds a `'`, `"`, `$` or backquote, else -1. Those, for a word split by them (decode/shellquotes.ts),
// are looked for in the same pass: a scan of its own cost every text (+3% of a JSON body's
// instructions, make profile).
//
// 13 starts at a time: bit j of `same` says byte i + j equals the next one, and a run of five
// starts where four such bits follow each other (j <= 12 of 16 bits). Runs that start before i
// were looked for by the blocks before, so the scalar tail starts counting at i. The last n - i <=
// 16 bytes are one block when it can be read: `same` bits for pairs inside p[i..n) only (bit j
// compares bytes i + j and i + j + 1).
const QUOTED = -2;
function runOrQuote(p: usize, n: i32): i32 {
  let quotes = 0;
  let i = 0;
  let q1 = splat8(0x27), q2 = splat8(0x22), q3 = splat8(0x24), q4 = splat8(0x60);
  for (; i + 17 <= n; i += 13) {
    let v = v128.load(p + <usize>i);
    let same = i8x16.bitmask(i8x16.eq(v, v128.load(p + <usize>i, 1)));
    let starts = same & (same >> 1) & (same >> 2) & (same >> 3);
    if (starts != 0) return i + ctz(starts);
    quotes |= i8x16.bitmask(v128.or(v128.or(i8x16.eq(v, q1), i8x16.eq(v, q2)), v128.or(i8x16.eq(v, q3), i8x16.eq(v, q4))));
  }
  if (n - i >= 2 && canReadBlock(p + <usize>i + 1)) {
    let v = v128.load(p + <usize>i);
    let live = (1 << (n - i)) - 1;
    let same = i8x16.bitmask(i8x16.eq(v, v128.load(p + <usize>i, 1))) & (live >> 1);
    let starts = same & (same >> 1) & (same >> 2) & (same >> 3);
    if (starts != 0) return i + ctz(starts);
    quotes |= i8x16.bitmask(v128.or(v128.or(i8x16.eq(v, q1), i8x16.eq(v, q2)), v128.or(i8x16.eq(v, q3), i8x16.eq(v, q4)))) & live;
  } else {
    let run = longRunFrom(p, i, n);
    if (run >= 0) return run;
    quotes = 1;
  }
  return quotes != 0 ? QUOTED : -1;
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

// Plain bytes only, without "..": a word, number, ID or email address, not a path step
// (isPlainToken); plainKind also says whether such a token under 16 bytes is a word without '.' and
// '@' (PLAIN_WORD: decodeParts' bare words), at the cost of one compare on the block it has read.
const NOT_PLAIN = 0, PLAIN_TOKEN = 1, PLAIN_WORD = 2;
// @ts-ignore: decorator
@inline function plainKind(p: usize, n: i32): i32 {
  if (n > MAX_PLAIN_TOKEN_BYTES) return NOT_PLAIN;
  if (n >= 16) return isPlainTokenBlocks(p, n) ? PLAIN_TOKEN : NOT_PLAIN;
  if (canReadBlock(p)) {
    // One block, its bits past n dropped.
    let mask = (1 << n) - 1;
    let v = v128.load(p);
    let dots = i8x16.bitmask(i8x16.eq(v, splat8(0x2E))) & mask;
    if ((plainBits(v) & mask) != mask || (dots & (dots << 1)) != 0) return NOT_PLAIN;
    return ((dots | i8x16.bitmask(i8x16.eq(v, splat8(0x40)))) & mask) == 0 ? PLAIN_WORD : PLAIN_TOKEN;
  }
  let prev: u32 = 0;
  for (let i = 0; i < n; i++) {
    let c = <u32>load<u8>(p + i);
    if (load<u8>(PLAIN + <usize>c) == 0 || (c == 0x2E && prev == 0x2E)) return NOT_PLAIN;
    prev = c;
  }
  // The last bytes of memory: never a bare word (isBareWord reads a block).
  return PLAIN_TOKEN;
}

// @ts-ignore: decorator
@inline function isPlainToken(p: usize, n: i32): bool {
  return plainKind(p, n) != NOT_PLAIN;
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

// Bit j set when byte j of v is in PLAIN's set: [A-Za-z0-9_.@-]. By the bytes' nibbles, two table
// lookups (i8x16.swizzle) where range tests and compares for each part of the set took about
// twice the instructions, and ten constant loads, per block (make profile).
// @ts-ignore: decorator
@inline function plainBits(v: v128): i32 {
  return nibbleSetBits(v, v128.load(PLAIN_NIBBLES), v128.load(PLAIN_NIBBLES, 16));
}

// PLAIN's set by nibbles: byte b is in it when PLAIN_NIBBLES[b & 15] & PLAIN_NIBBLES[16 + (b >> 4)]
// is not 0. Bit k stands for high nibble 2 + k (0x20-0x7F); a low-nibble entry has the bits of
// the high nibbles that make a member with it. Generated from the set and checked against PLAIN
// for all 256 bytes.
const PLAIN_NIBBLES = memory.data<u8>([
  0x2E, 0x3E, 0x3E, 0x3E, 0x3E, 0x3E, 0x3E, 0x3E, 0x3E, 0x3E, 0x3C, 0x14, 0x14, 0x15, 0x15, 0x1C,
  0x00, 0x00, 0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
]);

// The texts of a binary body's parts (request/body.ts: its head and its runs of text) are left to
// the verdicts: they ask for a payload's syntax, where the model read a palette's or a table's
// printable bytes as punctuation (a GIF's grey palette, `((%(('()*(,<(Dm*)1*-3*Ju++`, scored 14 as
// sqli). A file's content (a multipart file's, or a body sent under a type of its own: request/body.ts)
// is read by the model in its first window only (TEXT_HEAD_ONLY, core/windows.ts), where a web shell,
// an XML document's DOCTYPE or a polyglot's script opens; the verdicts read all of it. Read whole, a
// document's prose and code was the model's attack band: of 602 text files of this machine uploaded
// as file parts (`make upload-bodies`), 100 were flagged, 33 of 60 HTML pages and 14 of 60 Python
// files among them; 12 read so. Called by core/inspect.ts when the split made such parts
// (PartList.filesOrRuns).
//
// A part's texts come one after another, its own text first (decodeOne); the pieces that follow its
// cut runs lie inside it: those that start past its first window are not windowed either (an indented
// file's runs of blanks cut it into a piece a line, each read as a text of its own).
export function keepFromModel(parts: PartList, texts: TextList): void {
  let prows = parts.rows, trows = texts.rows;
  // The file content's own text: its part, start and end.
  let filePart = -1;
  let head: usize = 0, end: usize = 0;
  for (let i = 0, k = texts.count; i < k; i++) {
    let part = textPart(trows, i);
    let row = rowAt(trows, i);
    if (partIsBinaryRun(prows, part)) {
      store<u32>(row, load<u32>(row, 12) | TEXT_NOT_WINDOWED, 12);
    } else if (partIsFileContent(prows, part)) {
      let p = textPtr(trows, i);
      if (part != filePart) { filePart = part; head = p; end = p + <usize>textLen(trows, i); }
      let past = textIsPiece(trows, i) && p >= head + <usize>FILE_HEAD_BYTES && p < end;
      store<u32>(row, load<u32>(row, 12) | (past ? TEXT_NOT_WINDOWED : TEXT_HEAD_ONLY), 12);
    }
  }
}
