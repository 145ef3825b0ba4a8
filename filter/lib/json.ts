// A total JSON tokenizer over bytes: spans for strings and numbers, no allocation.
// Called by config/config.ts (the plugin configuration) and core/signatures.ts (the object a JSON
// body's `constructor` key holds); request/jsonbody.ts tokenizes bodies in
// a loop of its own with the same table (tokenAt), words (wordLength) and escapes (unescapeJson).

export const enum Tok {
  END = 0, ERROR = 1, OBJ_OPEN = 2, OBJ_CLOSE = 3, ARR_OPEN = 4, ARR_CLOSE = 5,
  COLON = 6, COMMA = 7, STRING = 8, NUMBER = 9, TRUE = 10, FALSE = 11, NULL = 12,
}

// One scanner per input; the span fields describe the last token.
// Unmanaged: it holds no references, and a managed `this` cost every next() call its shadow-stack
// stores (incremental runtime), ~5% of a JSON body's instructions (make profile). Whoever makes
// one frees it (heap.free).
// @ts-ignore: decorator
@unmanaged export class JsonScanner {
  pos: i32 = 0;
  tokOff: i32 = 0;   // for STRING: first byte after the quote
  tokLen: i32 = 0;   // for STRING: bytes before the closing quote
  hasEscapes: bool = false;

  constructor(public ptr: usize, public len: i32) {}

  reset(ptr: usize, len: i32): void {
    this.ptr = ptr; this.len = len; this.pos = 0;
  }

  // Inlined (a JSON body's splitter calls it for every token: the call and its frame were a
  // quarter of its instructions, make profile).
  // @ts-ignore: decorator
  @inline next(): Tok {
    let p = this.ptr;
    let i = this.pos;
    let n = this.len;
    while (i < n && isJsonSpace(load<u8>(p + i))) i++;
    if (i >= n) { this.pos = i; return Tok.END; }
    let c = <u32>load<u8>(p + i);
    this.tokOff = i;
    this.pos = i + 1;
    this.tokLen = 1;
    // The token a byte starts, by table (START): one load where a chain of compares ran for every
    // token of a JSON body.
    let t = <Tok>load<u8>(START + <usize>c);
    if (t == Tok.ERROR) { this.pos = i; return Tok.ERROR; }
    if (t < Tok.STRING) return t; // punctuation
    if (t == Tok.STRING) return this.scanString(i + 1);
    if (t >= Tok.TRUE) return this.scanWord(i, t);
    let j = numberEnd(p, i, n);
    this.tokLen = j - i;
    this.pos = j;
    return Tok.NUMBER;
  }

  // Position just past the last token, for callers that skip ahead.
  private scanString(start: i32): Tok {
    let p = this.ptr;
    let n = this.len;
    let i = start;
    let esc = false;
    while (true) {
      // To the next '"' or '\\', 16 bytes a step (strings are most of a JSON body's bytes).
      i = indexOf2(p, i, n, 0x22, 0x5C);
      if (i >= n) break;
      if (load<u8>(p + i) == 0x22) {
        this.tokOff = start;
        this.tokLen = i - start;
        this.hasEscapes = esc;
        this.pos = i + 1;
        return Tok.STRING;
      }
      esc = true;
      i += 2;
    }
    this.pos = this.tokOff;
    return Tok.ERROR; // unterminated
  }

  private scanWord(i: i32, tok: Tok): Tok {
    let w = wordLength(this.ptr, i, this.len, tok);
    if (w == 0) { this.pos = i; return Tok.ERROR; }
    this.tokLen = w;
    this.pos = i + w;
    return tok;
  }
}

// The token each byte starts: { } [ ] : , as themselves, '"' STRING, t f n the words, '-' and
// digits NUMBER, anything else ERROR.
const START = memory.data<u8>([
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 8, 1, 1, 1, 1, 1, 1, 1, 1, 1, 7, 9, 1, 1, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 6, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 4, 1, 5, 1, 1,
  1, 1, 1, 1, 1, 1, 11, 1, 1, 1, 1, 1, 1, 1, 12, 1, 1, 1, 1, 1, 10, 1, 1, 1, 1, 1, 1, 2, 1, 3, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
]);

// The token byte c starts (START). Shared with request/jsonbody.ts, which tokenizes bodies in its
// own loop.
// @ts-ignore: decorator
@inline export function tokenAt(c: u32): Tok { return <Tok>load<u8>(START + <usize>c); }

// The length of the word token t (TRUE, FALSE or NULL) when p[i..n) starts with it, else 0.
// Compared four bytes at a time ("true", "null", "fals" as little-endian u32s).
// @ts-ignore: decorator
@inline export function wordLength(p: usize, i: i32, n: i32, t: Tok): i32 {
  if (t == Tok.FALSE) return i + 5 <= n && load<u32>(p + <usize>i) == 0x736C6166 && load<u8>(p + <usize>i, 4) == 0x65 ? 5 : 0;
  return i + 4 <= n && load<u32>(p + <usize>i) == (t == Tok.TRUE ? 0x65757274 : 0x6C6C756E) ? 4 : 0;
}

// The end of the number token at i ('-' or a digit there): digits, '.', '+', '-', 'e', 'E' after it.
// @ts-ignore: decorator
@inline export function numberEnd(p: usize, i: i32, n: i32): i32 {
  let j = i + 1;
  while (j < n) {
    let d = <u32>load<u8>(p + <usize>j);
    if (d - 0x30 < 10 || d == 0x2E || d == 0x2B || d == 0x2D || (d | 0x20) == 0x65) j++;
    else break;
  }
  return j;
}

// Space, tab, LF, CR: one shift and test of a mask of those bits.
// @ts-ignore: decorator
@inline export function isJsonSpace(c: u8): bool {
  return c <= 0x20 && ((<u64>0x100002600 >> <u64>c) & 1) != 0;
}

// Decodes the JSON escapes of a string span into dst, which holds len bytes and is not src;
// returns the length (never longer). Bad escapes are copied as they are: the body is still
// scored, not rejected.
//
// The bytes up to the next '\\' go 16 at a time (one at a time, they were most of this pass on
// long strings with a line break or two): a whole block while one is there to read in src (dst
// has len bytes and o <= i, so the block stays inside dst; its bytes past the '\\' are written
// over by what follows, or lie past the result), the last bytes exactly (storePrefix) when 16 can be read there.
export function unescapeJson(src: usize, len: i32, dst: usize): i32 {
  let o = 0;
  let i = 0;
  let backslash = splat8(0x5C);
  while (i < len) {
    let rest = len - i;
    if (rest >= 16 || canReadBlock(src + <usize>i)) {
      let v = v128.load(src + <usize>i);
      let m = i8x16.bitmask(i8x16.eq(v, backslash));
      if (rest >= 16) {
        v128.store(dst + <usize>o, v);
        if (m == 0) { o += 16; i += 16; continue; }
        let k = ctz(m);
        o += k; i += k;
      } else {
        let k = min(<i32>ctz(m), rest);
        storePrefix(dst + <usize>o, v, k);
        o += k; i += k;
        if (i >= len) break;
      }
    }
    let c = <u32>load<u8>(src + i);
    if (c == 0x5C && i + 1 < len) {
      let e = <u32>load<u8>(src + i + 1);
      let v: i32 = -1;
      switch (e) {
        case 0x22: v = 0x22; break;
        case 0x5C: v = 0x5C; break;
        case 0x2F: v = 0x2F; break;
        case 0x62: v = 0x08; break;
        case 0x66: v = 0x0C; break;
        case 0x6E: v = 0x0A; break;
        case 0x72: v = 0x0D; break;
        case 0x74: v = 0x09; break;
      }
      if (v >= 0) { store<u8>(dst + o, <u8>v); o++; i += 2; continue; }
      if (e == 0x75 && i + 5 < len) {
        let cp = hexQuad(src + i + 2);
        if (cp >= 0) {
          let used = 6;
          // A surrogate pair is one code point; a lone surrogate becomes U+FFFD.
          if (cp >= 0xD800 && cp <= 0xDBFF && i + 11 < len &&
              load<u8>(src + i + 6) == 0x5C && load<u8>(src + i + 7) == 0x75) {
            let lo = hexQuad(src + i + 8);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
              used = 12;
            }
          }
          o += writeUtf8(dst + o, <u32>cp);
          i += used;
          continue;
        }
      }
    }
    store<u8>(dst + o, <u8>c);
    o++; i++;
  }
  return o;
}

import { hexQuad, writeUtf8 } from "./escapes";
import { indexOf2, canReadBlock, storePrefix } from "./scan";
import { splat8 } from "./splat";
