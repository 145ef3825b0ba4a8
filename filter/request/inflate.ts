// Bounded DEFLATE (RFC 1951) decoding of request bodies sent as gzip (RFC 1952) or HTTP "deflate".
// Called by request/request.ts with the whole body when it has a Content-Encoding (and by core/index.ts's test hooks); total.

// What inflateBody returns when it does not return the output length.
export const enum InflateStatus {
  OK = 0,
  MALFORMED = -1,   // not a valid stream, truncated, bad checksum, or bytes after the stream
  TOO_LARGE = -2,   // the stream decodes to more than dstCap bytes
  RATIO = -3,       // the stream decodes to more than srcLen * maxRatio bytes (a bomb)
  UNSUPPORTED = -4, // unknown format, or a zlib stream that needs a preset dictionary
}

// Formats. HTTP's "deflate" is meant to be zlib (RFC 1950) but some clients send raw deflate:
// browsers and servers try the zlib header and fall back to raw when it is not valid, so do we.
export const FORMAT_GZIP = 1;
export const FORMAT_DEFLATE = 2;
export const FORMAT_RAW = 3; // raw RFC 1951, for callers (and tests) that know

// ---- state of one call ----
// Module globals, not a class: one body is inflated at a time per VM and nothing is allocated.
// The hot loop (decodeSymbols) copies them into locals and back.

let inPtr: usize = 0;
let inEnd: u32 = 0;
// Next input byte to load into bitBuf. Past the end of the input zero bytes are shifted in (as
// libdeflate does) so that the decoder needs no end test per symbol; inPos then runs past inEnd.
let inPos: u32 = 0;
let bitBuf: u64 = 0;   // loaded, not yet consumed bits, first bit lowest; zero above bitCount
let bitCount: u32 = 0;
let outPtr: usize = 0;
let outPos: u32 = 0;
let outLimit: u32 = 0; // min(dstCap, ratio bound): a stream that would write past it stops
let outCap: u32 = 0;   // dstCap: the word copy may scribble up to here past outPos
let memberStart: u32 = 0; // a match may not reach back before the current member's output
let lastLength: i32 = 0;

// Internal status: the output limit was hit (mapped to TOO_LARGE or RATIO by inflateBody).
const HIT_LIMIT: i32 = -100;

// After a slow refill at least 7 whole bytes are buffered, so inPos more than 8 past the end
// means zero padding was really consumed: the stream is truncated. This also bounds the work
// done on padding to a few symbols.
const OVERREAD_MAX: u32 = 8;

// ---- constants of the format (RFC 1951 section 3.2.5) ----

const MAX_CODE_BITS: u32 = 15;
const MAX_LITLEN_SYMBOLS: u32 = 286;
const MAX_DIST_SYMBOLS: u32 = 30;
const CODELEN_SYMBOLS: u32 = 19;
const END_OF_BLOCK: u32 = 256;
const FIRST_LENGTH_SYMBOL: u32 = 257;
const MAX_MATCH: u32 = 258;

// Length symbols 257..285: base length and extra bits.
const LEN_BASE = memory.data<u16>([
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
]);
const LEN_EXTRA = memory.data<u8>([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]);
// Distance symbols 0..29: base distance and extra bits.
const DIST_BASE = memory.data<u16>([
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
  8193, 12289, 16385, 24577,
]);
const DIST_EXTRA = memory.data<u8>([0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]);
// The order in which a dynamic block sends the code length code's lengths.
const CODELEN_ORDER = memory.data<u8>([16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]);

// ---- decoding tables ----
// zlib's two-level design (inftrees.c): a root table indexed by the next ROOT bits of input; codes
// longer than ROOT go through a link entry to a subtable. An entry is a u32:
//   bits 0-7 code bits to drop, bits 8-15 op, bits 16-31 value (literal, base, or subtable offset)
// op: 0 literal, 1..15 link (subtable index bits), OP_BASE|extra a length or distance base,
// OP_END end of block, OP_INVALID a code the stream may not use.
const OP_BASE: u32 = 16;
const OP_END: u32 = 32;
const OP_INVALID: u32 = 64;

// Root bits: 10 resolves almost every literal/length of real text in one lookup, and 8 every
// common distance, while a dynamic block's table build (2^ROOT entry stores) stays cheap.
const LITLEN_ROOT_BITS: u32 = 10;
const DIST_ROOT_BITS: u32 = 8;
const CODELEN_ROOT_BITS: u32 = 7;
// Entry counts: zlib's `enough` program gives 1332 for (286 symbols, root 10, 15 bits) and 402
// for (30, 8, 15); the builder still checks them, so a wrong figure could only reject a stream.
const LITLEN_TABLE_ENTRIES: u32 = 1332;
const DIST_TABLE_ENTRIES: u32 = 402;
const CODELEN_TABLE_ENTRIES: u32 = 128;
// The fixed code (btype 1): litlen lengths 7..9 give a 512-entry table, distances 32 entries.
const FIXED_LITLEN_ENTRIES: u32 = 512;
const FIXED_DIST_ENTRIES: u32 = 32;

const KIND_CODELEN: u32 = 0;
const KIND_LITLEN: u32 = 1;
const KIND_DIST: u32 = 2;

// Static storage, zeroed at instantiation (no allocation per call).
const LITLEN_TABLE: usize = memory.data(<i32>LITLEN_TABLE_ENTRIES * 4, 16);
const DIST_TABLE: usize = memory.data(<i32>DIST_TABLE_ENTRIES * 4, 16);
const CODELEN_TABLE: usize = memory.data(<i32>CODELEN_TABLE_ENTRIES * 4, 16);
const FIXED_LITLEN_TABLE: usize = memory.data(<i32>FIXED_LITLEN_ENTRIES * 4, 16);
const FIXED_DIST_TABLE: usize = memory.data(<i32>FIXED_DIST_ENTRIES * 4, 16);
// Code lengths of one block: litlen then distance, one sequence (repeats may cross over).
const LENGTHS: usize = memory.data(320, 16);
const COUNT: usize = memory.data(2 * 16, 16);   // u16 per code length
const OFFSETS: usize = memory.data(2 * 16, 16); // u16 per code length
const SORTED: usize = memory.data(2 * 320, 16); // u16 symbols sorted by code length
let fixedBits: u32 = 0;  // root bits of the fixed litlen table, 0 until built
let fixedDistBits: u32 = 0;

// CRC-32 (gzip), slicing by 8: 8 tables of 256 u32 derived from the polynomial on first use.
const CRC_TABLES: usize = memory.data(8 * 256 * 4, 16);
let crcReady = false;
const CRC_POLY: u32 = 0xEDB88320; // reflected 0x04C11DB7
const ADLER_MOD: u32 = 65521;
// Bytes summed before the Adler sums must be reduced so b cannot overflow u32 (zlib's NMAX).
const ADLER_NMAX: u32 = 5552;

// gzip header (RFC 1952 section 2.3).
const GZIP_ID1: u32 = 0x1F;
const GZIP_ID2: u32 = 0x8B;
const GZIP_CM_DEFLATE: u32 = 8;
const GZIP_FHCRC: u32 = 2;
const GZIP_FEXTRA: u32 = 4;
const GZIP_FNAME: u32 = 8;
const GZIP_FCOMMENT: u32 = 16;
const GZIP_FRESERVED: u32 = 0xE0;
const GZIP_FIXED_HEADER_BYTES: u32 = 10;
const GZIP_TRAILER_BYTES: u32 = 8;
// zlib header (RFC 1950 section 2.2).
const ZLIB_CM_DEFLATE: u32 = 8;
const ZLIB_MAX_CINFO: u32 = 7;
const ZLIB_FDICT: u32 = 0x20;
const ZLIB_TRAILER_BYTES: u32 = 4;

// ---- API ----

// Inflates srcLen bytes at src (format FORMAT_*) into dst. Returns the output length, or a
// negative InflateStatus. Output stops at dstCap bytes (TOO_LARGE) and, when maxRatio > 0, at
// srcLen * maxRatio bytes (RATIO); either way dst then holds the first inflatedLength() bytes
// of the body, which the caller may still score. Bytes of dst past the returned length, up to
// dstCap, may be overwritten; dst must not overlap src. gzip members may be concatenated; zero bytes after the last are
// ignored (gzip pads so), anything else after a stream is MALFORMED: it would not be inspected.
export function inflateBody(src: usize, srcLen: i32, format: i32, dst: usize, dstCap: i32, maxRatio: i32): i32 {
  lastLength = 0;
  if (srcLen < 0 || dstCap < 0) return InflateStatus.MALFORMED;
  inPtr = src;
  inEnd = <u32>srcLen;
  outPtr = dst;
  outPos = 0;
  outCap = <u32>dstCap;
  let limit = <u32>dstCap;
  let byRatio = false;
  if (maxRatio > 0) {
    let bound = <i64>srcLen * <i64>maxRatio;
    if (bound < <i64>limit) { limit = <u32>bound; byRatio = true; }
  }
  outLimit = limit;

  let status: i32;
  if (format == FORMAT_GZIP) status = inflateGzip();
  else if (format == FORMAT_DEFLATE) status = inflateZlibOrRaw();
  else if (format == FORMAT_RAW) status = inflateRawWhole();
  else status = InflateStatus.UNSUPPORTED;

  lastLength = <i32>outPos;
  if (status == HIT_LIMIT) return byRatio ? InflateStatus.RATIO : InflateStatus.TOO_LARGE;
  return status < 0 ? status : <i32>outPos;
}

// Bytes written to dst by the last inflateBody: the whole body when it returned >= 0, the
// prefix up to the cap on TOO_LARGE or RATIO, what was decoded before the error otherwise
// (for a truncated stream that may end in a few bytes decoded from the zero fill).
export function inflatedLength(): i32 {
  return lastLength;
}

// ---- formats ----

function inflateGzip(): i32 {
  let pos: u32 = 0;
  while (true) {
    let body = gzipHeaderEnd(pos);
    if (body < 0) return body;
    memberStart = outPos;
    let end = inflateStream(<u32>body);
    if (end < 0) return end;
    let trailer = <u32>end;
    if (inEnd - trailer < GZIP_TRAILER_BYTES) return InflateStatus.MALFORMED;
    let size = outPos - memberStart;
    let crc = crc32(outPtr + memberStart, size);
    if (crc != load<u32>(inPtr + trailer)) return InflateStatus.MALFORMED;
    if (size != load<u32>(inPtr + trailer + 4)) return InflateStatus.MALFORMED; // ISIZE: size mod 2^32
    pos = trailer + GZIP_TRAILER_BYTES;
    if (pos == inEnd || allZero(pos)) return InflateStatus.OK;
  }
  return InflateStatus.OK; // not reached; the compiler wants a return
}

// Position of the deflate data after the gzip header at pos, or MALFORMED.
function gzipHeaderEnd(pos: u32): i32 {
  if (inEnd - pos < GZIP_FIXED_HEADER_BYTES) return InflateStatus.MALFORMED;
  let p = inPtr + pos;
  if (<u32>load<u8>(p) != GZIP_ID1 || <u32>load<u8>(p + 1) != GZIP_ID2) return InflateStatus.MALFORMED;
  if (<u32>load<u8>(p + 2) != GZIP_CM_DEFLATE) return InflateStatus.MALFORMED;
  let flags = <u32>load<u8>(p + 3);
  if (flags & GZIP_FRESERVED) return InflateStatus.MALFORMED; // zlib refuses them too
  let q = pos + GZIP_FIXED_HEADER_BYTES;
  if (flags & GZIP_FEXTRA) {
    if (inEnd - q < 2) return InflateStatus.MALFORMED;
    let xlen = <u32>load<u16>(inPtr + q);
    q += 2;
    if (inEnd - q < xlen) return InflateStatus.MALFORMED;
    q += xlen;
  }
  if (flags & GZIP_FNAME) {
    q = afterZero(q);
    if (q == 0) return InflateStatus.MALFORMED;
  }
  if (flags & GZIP_FCOMMENT) {
    q = afterZero(q);
    if (q == 0) return InflateStatus.MALFORMED;
  }
  if (flags & GZIP_FHCRC) {
    if (inEnd - q < 2) return InflateStatus.MALFORMED;
    let crc16 = crc32(inPtr + pos, q - pos) & 0xFFFF;
    if (crc16 != <u32>load<u16>(inPtr + q)) return InflateStatus.MALFORMED;
    q += 2;
  }
  return <i32>q;
}

// Position after the zero byte that ends the string at q, or 0 when the input ends first.
function afterZero(q: u32): u32 {
  while (q < inEnd) {
    if (load<u8>(inPtr + q) == 0) return q + 1;
    q++;
  }
  return 0;
}

function allZero(pos: u32): bool {
  for (let q = pos; q < inEnd; q++) if (load<u8>(inPtr + q) != 0) return false;
  return true;
}

function inflateZlibOrRaw(): i32 {
  let isZlib = false;
  if (inEnd >= 2) {
    let cmf = <u32>load<u8>(inPtr);
    let flg = <u32>load<u8>(inPtr + 1);
    isZlib = (cmf & 0x0F) == ZLIB_CM_DEFLATE && (cmf >> 4) <= ZLIB_MAX_CINFO && ((cmf << 8) | flg) % 31 == 0;
    // A preset dictionary is agreed out of band; HTTP has no way to name one.
    if (isZlib && (flg & ZLIB_FDICT)) return InflateStatus.UNSUPPORTED;
  }
  if (!isZlib) return inflateRawWhole();
  memberStart = 0;
  let end = inflateStream(2);
  if (end < 0) return end;
  let trailer = <u32>end;
  if (inEnd - trailer != ZLIB_TRAILER_BYTES) return InflateStatus.MALFORMED;
  if (adler32(outPtr, outPos) != bswap<u32>(load<u32>(inPtr + trailer))) return InflateStatus.MALFORMED;
  return InflateStatus.OK;
}

function inflateRawWhole(): i32 {
  memberStart = 0;
  let end = inflateStream(0);
  if (end < 0) return end;
  return <u32>end == inEnd ? InflateStatus.OK : InflateStatus.MALFORMED;
}

// ---- deflate ----

// Decodes the deflate stream starting at byte pos. Returns the position of the byte after its
// last block (where a trailer starts), or a negative status.
function inflateStream(pos: u32): i32 {
  inPos = pos;
  bitBuf = 0;
  bitCount = 0;
  while (true) {
    if (bitCount < 3 && !refill()) return InflateStatus.MALFORMED;
    let final = takeBits(1);
    let type = takeBits(2);
    let status: i32;
    if (type == 0) status = copyStored();
    else if (type == 1) {
      if (fixedBits == 0) buildFixedTables();
      status = decodeSymbols(FIXED_LITLEN_TABLE, fixedBits, FIXED_DIST_TABLE, fixedDistBits);
    } else if (type == 2) {
      status = readDynamicTables();
      if (status == 0) status = decodeSymbols(LITLEN_TABLE, dynLitBits, DIST_TABLE, dynDistBits);
    } else status = InflateStatus.MALFORMED; // btype 3 is reserved
    if (status == HIT_LIMIT && <u64>inPos * 8 - bitCount > <u64>inEnd * 8) {
      return InflateStatus.MALFORMED; // the limit came from decoding the zero fill: truncated
    }
    if (status != 0) return status;
    if (final) break;
  }
  // The stream ends with the byte holding its last bit; whole bytes still buffered were read ahead.
  let end = inPos - (bitCount >> 3);
  if (end > inEnd) return InflateStatus.MALFORMED; // it needed bytes the input does not have
  return <i32>end;
}

// Tops the bit buffer up to at least 56 bits: 8 bytes in one unaligned load while they exist.
// @ts-ignore: decorator
@inline function refill(): bool {
  if (inPos + 8 <= inEnd) {
    bitBuf |= load<u64>(inPtr + inPos) << <u64>bitCount;
    inPos += (63 - bitCount) >> 3; // whole bytes that fit; bitCount becomes 56..63
    bitCount |= 56;
    return true;
  }
  return refillSlow();
}

// Near the end of the input: byte by byte, zero bytes past it. False once the stream has
// certainly consumed padding (it is truncated).
function refillSlow(): bool {
  while (bitCount <= 56) {
    let b: u64 = inPos < inEnd ? <u64>load<u8>(inPtr + inPos) : 0;
    bitBuf |= b << <u64>bitCount;
    inPos++;
    bitCount += 8;
  }
  return inPos <= inEnd + OVERREAD_MAX;
}

// @ts-ignore: decorator
@inline function takeBits(n: u32): u32 {
  let v = <u32>bitBuf & ((1 << n) - 1);
  bitBuf >>= <u64>n;
  bitCount -= n;
  return v;
}

// A stored block: LEN, NLEN, then LEN bytes copied as they are.
function copyStored(): i32 {
  takeBits(bitCount & 7); // to a byte boundary
  if (bitCount < 32 && !refill()) return InflateStatus.MALFORMED;
  let len = takeBits(16);
  let nlen = takeBits(16);
  if (len != (~nlen & 0xFFFF)) return InflateStatus.MALFORMED;
  // Give the read-ahead whole bytes back (bitCount is a multiple of 8 here) and copy directly.
  inPos -= bitCount >> 3;
  bitBuf = 0;
  bitCount = 0;
  if (inPos > inEnd) return InflateStatus.MALFORMED;
  let n = min(len, inEnd - inPos);
  let room = outLimit - outPos;
  if (n > room) {
    memory.copy(outPtr + outPos, inPtr + inPos, room);
    outPos += room;
    return HIT_LIMIT;
  }
  memory.copy(outPtr + outPos, inPtr + inPos, n);
  outPos += n;
  inPos += n;
  return n == len ? 0 : InflateStatus.MALFORMED;
}

function buildFixedTables(): void {
  let i: u32 = 0;
  for (; i < 144; i++) store<u8>(LENGTHS + i, 8);
  for (; i < 256; i++) store<u8>(LENGTHS + i, 9);
  for (; i < 280; i++) store<u8>(LENGTHS + i, 7);
  for (; i < 288; i++) store<u8>(LENGTHS + i, 8);
  // 288 and 32 symbols make both codes complete; symbols 286, 287, 30, 31 decode as invalid.
  let litBits = buildTable(LENGTHS, 288, KIND_LITLEN, FIXED_LITLEN_TABLE, LITLEN_ROOT_BITS, FIXED_LITLEN_ENTRIES);
  for (i = 0; i < 32; i++) store<u8>(LENGTHS + i, 5);
  fixedDistBits = <u32>buildTable(LENGTHS, 32, KIND_DIST, FIXED_DIST_TABLE, DIST_ROOT_BITS, FIXED_DIST_ENTRIES);
  fixedBits = <u32>litBits;
}

let dynLitBits: u32 = 0;
let dynDistBits: u32 = 0;

// The header of a dynamic block: the code length code, then the litlen and distance code
// lengths it encodes; builds LITLEN_TABLE and DIST_TABLE. 0 or MALFORMED.
function readDynamicTables(): i32 {
  if (bitCount < 14 && !refill()) return InflateStatus.MALFORMED;
  let nlen = takeBits(5) + FIRST_LENGTH_SYMBOL;
  let ndist = takeBits(5) + 1;
  let ncode = takeBits(4) + 4;
  if (nlen > MAX_LITLEN_SYMBOLS || ndist > MAX_DIST_SYMBOLS) return InflateStatus.MALFORMED;
  for (let i: u32 = 0; i < CODELEN_SYMBOLS; i++) store<u8>(LENGTHS + <u32>load<u8>(CODELEN_ORDER + i), 0);
  for (let i: u32 = 0; i < ncode; i++) {
    if (bitCount < 3 && !refill()) return InflateStatus.MALFORMED;
    store<u8>(LENGTHS + <u32>load<u8>(CODELEN_ORDER + i), <u8>takeBits(3));
  }
  let clBits = buildTable(LENGTHS, CODELEN_SYMBOLS, KIND_CODELEN, CODELEN_TABLE, CODELEN_ROOT_BITS, CODELEN_TABLE_ENTRIES);
  if (clBits < 0) return InflateStatus.MALFORMED;
  let clMask: u32 = (1 << <u32>clBits) - 1;

  let total = nlen + ndist;
  let n: u32 = 0;
  while (n < total) {
    if (bitCount < 14 && !refill()) return InflateStatus.MALFORMED; // 7-bit code + 7 extra bits
    let e = load<u32>(CODELEN_TABLE + ((<u32>bitBuf & clMask) << 2));
    if (((e >> 8) & 0xFF) != 0) return InflateStatus.MALFORMED; // a code the header did not define
    takeBits(e & 0xFF);
    let sym = e >> 16;
    if (sym < 16) {
      store<u8>(LENGTHS + n, <u8>sym);
      n++;
      continue;
    }
    let value: u32 = 0;
    let repeat: u32;
    if (sym == 16) { // repeat the previous length 3..6 times
      if (n == 0) return InflateStatus.MALFORMED;
      value = <u32>load<u8>(LENGTHS + n - 1);
      repeat = 3 + takeBits(2);
    } else if (sym == 17) repeat = 3 + takeBits(3); // 3..10 zeros
    else repeat = 11 + takeBits(7); // 11..138 zeros
    if (repeat > total - n) return InflateStatus.MALFORMED;
    memory.fill(LENGTHS + n, <u8>value, repeat);
    n += repeat;
  }
  if (load<u8>(LENGTHS + END_OF_BLOCK) == 0) return InflateStatus.MALFORMED; // a block must be able to end

  let litBits = buildTable(LENGTHS, nlen, KIND_LITLEN, LITLEN_TABLE, LITLEN_ROOT_BITS, LITLEN_TABLE_ENTRIES);
  if (litBits < 0) return InflateStatus.MALFORMED;
  let distBits = buildTable(LENGTHS + nlen, ndist, KIND_DIST, DIST_TABLE, DIST_ROOT_BITS, DIST_TABLE_ENTRIES);
  if (distBits < 0) return InflateStatus.MALFORMED;
  dynLitBits = <u32>litBits;
  dynDistBits = <u32>distBits;
  return 0;
}

// The table entry of a symbol whose code has `bits` bits below the table it sits in.
// @ts-ignore: decorator
@inline function entryFor(kind: u32, sym: u32, bits: u32): u32 {
  if (kind == KIND_LITLEN) {
    if (sym < END_OF_BLOCK) return (sym << 16) | bits;
    if (sym == END_OF_BLOCK) return (OP_END << 8) | bits;
    let k = sym - FIRST_LENGTH_SYMBOL;
    if (k < 29) return (<u32>load<u16>(LEN_BASE + (k << 1)) << 16) | ((OP_BASE | <u32>load<u8>(LEN_EXTRA + k)) << 8) | bits;
    return (OP_INVALID << 8) | bits;
  }
  if (kind == KIND_DIST) {
    if (sym < MAX_DIST_SYMBOLS) return (<u32>load<u16>(DIST_BASE + (sym << 1)) << 16) | ((OP_BASE | <u32>load<u8>(DIST_EXTRA + sym)) << 8) | bits;
    return (OP_INVALID << 8) | bits;
  }
  return (sym << 16) | bits; // code length code: the symbol itself
}

// Builds the decoding table of the canonical code given by `count` lengths (u8 each, 0 = unused)
// into `table` (at most `capacity` entries). Returns the root bits, or -1 when the lengths do
// not form a code: over-subscribed, or incomplete (allowed, as in zlib, only for a single code
// of one bit in a litlen or distance code; no code at all gives a table that rejects any use).
// A port of zlib's inflate_table (inftrees.c, Mark Adler), whose completeness checks guarantee
// that every entry reachable by a lookup is written and that subtables stay within `used`.
function buildTable(lengths: usize, symbols: u32, kind: u32, table: usize, rootWanted: u32, capacity: u32): i32 {
  for (let len: u32 = 0; len <= MAX_CODE_BITS; len++) store<u16>(COUNT + (len << 1), 0);
  for (let sym: u32 = 0; sym < symbols; sym++) {
    let at = COUNT + (<u32>load<u8>(lengths + sym) << 1);
    store<u16>(at, load<u16>(at) + 1);
  }
  let max: u32 = MAX_CODE_BITS;
  while (max >= 1 && load<u16>(COUNT + (max << 1)) == 0) max--;
  let root = min(rootWanted, max);
  if (max == 0) {
    let invalid = (OP_INVALID << 8) | 1;
    store<u32>(table, invalid);
    store<u32>(table + 4, invalid);
    return 1;
  }
  let minLen: u32 = 1;
  while (minLen < max && load<u16>(COUNT + (minLen << 1)) == 0) minLen++;
  if (root < minLen) root = minLen;

  let left: i32 = 1;
  for (let len: u32 = 1; len <= MAX_CODE_BITS; len++) {
    left <<= 1;
    left -= <i32>load<u16>(COUNT + (len << 1));
    if (left < 0) return -1; // over-subscribed
  }
  if (left > 0 && (kind == KIND_CODELEN || max != 1)) return -1; // incomplete

  store<u16>(OFFSETS + 2, 0);
  for (let len: u32 = 1; len < MAX_CODE_BITS; len++) {
    store<u16>(OFFSETS + ((len + 1) << 1), load<u16>(OFFSETS + (len << 1)) + load<u16>(COUNT + (len << 1)));
  }
  for (let sym: u32 = 0; sym < symbols; sym++) {
    let len = <u32>load<u8>(lengths + sym);
    if (len != 0) {
      let at = OFFSETS + (len << 1);
      let o = <u32>load<u16>(at);
      store<u16>(SORTED + (o << 1), <u16>sym);
      store<u16>(at, <u16>(o + 1));
    }
  }

  // Walk the codes in canonical order. huff is the current code bit-reversed (deflate sends
  // codes first bit first, so the table is indexed by reversed codes); entries are replicated
  // for every value of the bits past the code's length.
  let huff: u32 = 0;
  let sym: u32 = 0;
  let len = minLen;
  let next: u32 = 0;    // first entry of the current (sub)table
  let curr = root;      // index bits of the current (sub)table
  let drop: u32 = 0;    // code bits resolved before the current table
  let low: u32 = 0xFFFFFFFF; // root index of the current subtable
  let used: u32 = 1 << root;
  let mask = used - 1;
  if (used > capacity) return -1;
  while (true) {
    let entry = entryFor(kind, <u32>load<u16>(SORTED + (sym << 1)), len - drop);
    let incr: u32 = 1 << (len - drop);
    let fill: u32 = 1 << curr;
    let size = fill;
    do {
      fill -= incr;
      store<u32>(table + ((next + (huff >> drop) + fill) << 2), entry);
    } while (fill != 0);

    // Increment the len-bit code huff, bit-reversed.
    incr = 1 << (len - 1);
    while (huff & incr) incr >>= 1;
    if (incr != 0) {
      huff &= incr - 1;
      huff += incr;
    } else huff = 0;

    sym++;
    let countAt = COUNT + (len << 1);
    let remaining = <u32>load<u16>(countAt) - 1;
    store<u16>(countAt, <u16>remaining);
    if (remaining == 0) {
      if (len == max) break;
      len = <u32>load<u8>(lengths + <u32>load<u16>(SORTED + (sym << 1)));
    }

    // A longer code under a new root prefix: open a subtable just big enough for the codes
    // that share the prefix.
    if (len > root && (huff & mask) != low) {
      if (drop == 0) drop = root;
      next += size;
      curr = len - drop;
      left = 1 << curr;
      while (curr + drop < max) {
        left -= <i32>load<u16>(COUNT + ((curr + drop) << 1));
        if (left <= 0) break;
        curr++;
        left <<= 1;
      }
      used += 1 << curr;
      if (used > capacity) return -1;
      low = huff & mask;
      store<u32>(table + (low << 2), (next << 16) | (curr << 8) | root);
    }
  }
  // Only a one-code, one-bit code is incomplete here: its other bit pattern is invalid.
  if (huff != 0) store<u32>(table + ((next + huff) << 2), (OP_INVALID << 8) | (len - drop));
  return <i32>root;
}

// Decodes the symbols of one Huffman block up to its end-of-block. This is the hot loop: the
// state lives in locals, and each symbol refills at most once, since 56 buffered bits cover the
// longest length/distance pair (15 + 5 + 15 + 13 = 48 bits). Returns 0, MALFORMED or HIT_LIMIT.
function decodeSymbols(lit: usize, litBits: u32, dist: usize, distBits: u32): i32 {
  let buf = bitBuf;
  let cnt = bitCount;
  let ip = inPos;
  let op = outPos;
  let src = inPtr;
  let end = inEnd;
  let dst = outPtr;
  let limit = outLimit;
  let cap = outCap;
  let start = memberStart;
  let litMask: u32 = (1 << litBits) - 1;
  let distMask: u32 = (1 << distBits) - 1;
  let status: i32 = 0;

  while (true) {
    if (cnt < 48) {
      if (ip + 8 <= end) {
        buf |= load<u64>(src + ip) << <u64>cnt;
        ip += (63 - cnt) >> 3;
        cnt |= 56;
      } else {
        // The rare path; the shared one keeps the overread rule in one place.
        bitBuf = buf; bitCount = cnt; inPos = ip;
        let ok = refillSlow();
        buf = bitBuf; cnt = bitCount; ip = inPos;
        if (!ok) { status = InflateStatus.MALFORMED; break; }
      }
    }
    let e = load<u32>(lit + ((<u32>buf & litMask) << 2));
    let kind = (e >> 8) & 0xFF;
    if (kind - 1 < 15) { // a link: drop the root bits, look up the subtable
      buf >>= <u64>litBits;
      cnt -= litBits;
      e = load<u32>(lit + (((e >> 16) + (<u32>buf & ((1 << kind) - 1))) << 2));
      kind = (e >> 8) & 0xFF;
    }
    let n = e & 0xFF;
    buf >>= <u64>n;
    cnt -= n;

    if (kind == 0) { // literal
      if (op >= limit) { status = HIT_LIMIT; break; }
      store<u8>(dst + op, <u8>(e >> 16));
      op++;
      continue;
    }
    if ((kind & OP_BASE) == 0) {
      if (kind & OP_END) break;
      status = InflateStatus.MALFORMED; // an invalid code, or a link inside a subtable
      break;
    }

    // Length, then its distance.
    let extra = kind & 15;
    let len = (e >> 16) + (<u32>buf & ((1 << extra) - 1));
    buf >>= <u64>extra;
    cnt -= extra;
    let d = load<u32>(dist + ((<u32>buf & distMask) << 2));
    kind = (d >> 8) & 0xFF;
    if (kind - 1 < 15) {
      buf >>= <u64>distBits;
      cnt -= distBits;
      d = load<u32>(dist + (((d >> 16) + (<u32>buf & ((1 << kind) - 1))) << 2));
      kind = (d >> 8) & 0xFF;
    }
    n = d & 0xFF;
    buf >>= <u64>n;
    cnt -= n;
    if ((kind & OP_BASE) == 0) { status = InflateStatus.MALFORMED; break; }
    extra = kind & 15;
    let distance = (d >> 16) + (<u32>buf & ((1 << extra) - 1));
    buf >>= <u64>extra;
    cnt -= extra;
    if (distance > op - start) { status = InflateStatus.MALFORMED; break; } // before the output

    let to = dst + op;
    let from = to - distance;
    if (len > limit - op) { // copy what fits, for the caller to score, and stop
      len = limit - op;
      status = HIT_LIMIT;
    }
    if (distance >= 8 && cap - op >= len + 8) {
      // 8 bytes at a time: each load reads bytes already written (distance >= 8), and the
      // last store may run up to 7 bytes past the match, still inside dst.
      let stop = to + len;
      do {
        store<u64>(to, load<u64>(from));
        to += 8;
        from += 8;
      } while (to < stop);
    } else if (distance == 1) {
      memory.fill(to, load<u8>(from), len);
    } else {
      let stop = to + len;
      while (to < stop) {
        store<u8>(to, load<u8>(from));
        to++;
        from++;
      }
    }
    op += len;
    if (status != 0) break;
  }

  bitBuf = buf;
  bitCount = cnt;
  inPos = ip;
  outPos = op;
  return status;
}

// ---- checksums ----

function crcInit(): void {
  for (let n: u32 = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? CRC_POLY ^ (c >> 1) : c >> 1;
    store<u32>(CRC_TABLES + (n << 2), c);
  }
  // Table t holds the CRC of a byte followed by t zero bytes: 8 bytes per step.
  for (let n: u32 = 0; n < 256; n++) {
    let c = load<u32>(CRC_TABLES + (n << 2));
    for (let t: u32 = 1; t < 8; t++) {
      c = load<u32>(CRC_TABLES + ((c & 0xFF) << 2)) ^ (c >> 8);
      store<u32>(CRC_TABLES + (t << 10) + (n << 2), c);
    }
  }
  crcReady = true;
}

// @ts-ignore: decorator
@inline function crcAt(t: u32, byte: u32): u32 {
  return load<u32>(CRC_TABLES + (t << 10) + (byte << 2));
}

// CRC-32 of len bytes at p (ISO 3309, as gzip uses it).
function crc32(p: usize, len: u32): u32 {
  if (!crcReady) crcInit();
  let c: u32 = 0xFFFFFFFF;
  while (len >= 8) {
    let a = load<u32>(p) ^ c;
    let b = load<u32>(p + 4);
    c = crcAt(7, a & 0xFF) ^ crcAt(6, (a >> 8) & 0xFF) ^ crcAt(5, (a >> 16) & 0xFF) ^ crcAt(4, a >> 24) ^
      crcAt(3, b & 0xFF) ^ crcAt(2, (b >> 8) & 0xFF) ^ crcAt(1, (b >> 16) & 0xFF) ^ crcAt(0, b >> 24);
    p += 8;
    len -= 8;
  }
  while (len > 0) {
    c = crcAt(0, (c ^ <u32>load<u8>(p)) & 0xFF) ^ (c >> 8);
    p++;
    len--;
  }
  return ~c;
}

// Adler-32 of len bytes at p (RFC 1950 section 8.2).
function adler32(p: usize, len: u32): u32 {
  let a: u32 = 1;
  let b: u32 = 0;
  while (len > 0) {
    let k = min(len, ADLER_NMAX);
    len -= k;
    while (k >= 4) {
      a += <u32>load<u8>(p); b += a;
      a += <u32>load<u8>(p + 1); b += a;
      a += <u32>load<u8>(p + 2); b += a;
      a += <u32>load<u8>(p + 3); b += a;
      p += 4;
      k -= 4;
    }
    while (k > 0) {
      a += <u32>load<u8>(p); b += a;
      p++;
      k--;
    }
    a %= ADLER_MOD;
    b %= ADLER_MOD;
  }
  return (b << 16) | a;
}
