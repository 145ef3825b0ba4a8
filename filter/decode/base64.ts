// Recognises and decodes values that look like base64 (standard or URL-safe alphabet).
// Called by decode/texts.ts, which scores the decoding as one more text of the same part.

import { splat8 } from "../lib/splat";

// Shorter values are never base64 here (texts.ts tests the length before calling), but one of
// MIN_PADDED_BASE64_LENGTH bytes or more that ends in the `=` padding: a short payload's encoding
// (`JChpZCk=`, `$(id)`; `e3s3Kjd9fQ==`, `{{7*7}}`), which no word or ID ends in. Unpadded, 8 to 15
// bytes of the alphabet are as often a camelCase word or an ID, and JSON bodies are full of them.
export const MIN_BASE64_LENGTH = 16;
const MIN_PADDED_BASE64_LENGTH = 8;

// Whether p[0..len) is too short to be base64 here: under MIN_BASE64_LENGTH and not a padded one of
// MIN_PADDED_BASE64_LENGTH bytes or more. Inlined: decode/texts.ts asks it of every text before the
// call to looksLikeBase64.
// @ts-ignore: decorator
@inline export function tooShortForBase64(p: usize, len: i32): bool {
  return len < MIN_BASE64_LENGTH && (len < MIN_PADDED_BASE64_LENGTH || load<u8>(p + <usize>(len - 1)) != 0x3D);
}

// Per byte: (kind << 6) | value, kind 0 upper, 1 lower, 2 digit, 3 other ('+' '-' '/' '_'),
// or NOT_B64 outside the alphabet (kind 0 with value 63, which no byte has). A table: the range
// tests mispredicted on every value.
const B64 = memory.data<u8>([
  0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F,
  0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0xFE, 0x3F, 0xFE, 0x3F, 0xFF, 0xB4, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9, 0xBA, 0xBB, 0xBC, 0xBD, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F,
  0x3F, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x3F, 0x3F, 0x3F, 0x3F, 0xFF,
  0x3F, 0x5A, 0x5B, 0x5C, 0x5D, 0x5E, 0x5F, 0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F, 0x70, 0x71, 0x72, 0x73, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F,
  0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F,
  0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F,
  0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F,
  0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F,
]);

const NOT_B64: u32 = 0x3F;

// @ts-ignore: decorator
@inline function b64Entry(c: u32): u32 {
  return <u32>load<u8>(B64 + <usize>c);
}

// True when p[0..len) is long enough, uses only the alphabet (with '=' padding at the end)
// and mixes character kinds as encoded bytes do; a long plain word is not base64.
export function looksLikeBase64(p: usize, len: i32): bool {
  if (tooShortForBase64(p, len)) return false;
  let end = len;
  while (end > 0 && load<u8>(p + end - 1) == 0x3D) end--;
  if (len - end > 2) return false;
  let kinds = 0;
  if (end >= 16) return looksLikeBase64Blocks(p, end);
  for (let i = 0; i < end; i++) {
    let e = b64Entry(<u32>load<u8>(p + i));
    if (e == NOT_B64) return false;
    kinds |= 1 << (e >> 6);
  }
  return (kinds & 1) != 0 && (kinds & 2) != 0 && popcnt(kinds) >= 2 && (end & 3) != 1;
}

// The alphabet test and the kinds of looksLikeBase64 for end >= 16 bytes before the padding, 16
// bytes a step (the last block overlaps the one before: the same bytes, read twice).
function looksLikeBase64Blocks(p: usize, end: i32): bool {
  let upper = i8x16.splat(0), lower = i8x16.splat(0), digit = i8x16.splat(0), other = i8x16.splat(0);
  let i = 0;
  while (true) {
    let at = min(i, end - 16);
    let v = v128.load(p + <usize>at);
    // Constants as splat8 loads, ranges as le_u (two instructions in V8, lt_u four).
    let u = i8x16.le_u(i8x16.sub(v, splat8(0x41)), splat8(25));
    let l = i8x16.le_u(i8x16.sub(v, splat8(0x61)), splat8(25));
    let d = i8x16.le_u(i8x16.sub(v, splat8(0x30)), splat8(9));
    let o = v128.or(v128.or(i8x16.eq(v, splat8(0x2B)), i8x16.eq(v, splat8(0x2D))),
      v128.or(i8x16.eq(v, splat8(0x2F)), i8x16.eq(v, splat8(0x5F))));
    if (i8x16.bitmask(v128.or(v128.or(u, l), v128.or(d, o))) != 0xFFFF) return false;
    upper = v128.or(upper, u); lower = v128.or(lower, l); digit = v128.or(digit, d); other = v128.or(other, o);
    i = at + 16;
    if (i >= end) break;
  }
  // The kinds of the table's entries: 0 upper, 1 lower, 2 digit, 3 other.
  let kinds = (v128.any_true(upper) ? 1 : 0) | (v128.any_true(lower) ? 2 : 0) | (v128.any_true(digit) ? 4 : 0) | (v128.any_true(other) ? 8 : 0);
  return (kinds & 1) != 0 && (kinds & 2) != 0 && popcnt(kinds) >= 2 && (end & 3) != 1;
}

// Unpadded, 8 to 15 bytes of the alphabet are decoded when they are shaped as the base64 of printable
// ASCII text is (shortTextBase64): a short payload sent as unpadded base64 (`JyBvciAxPTEtLQ`,
// `' or 1=1--`; `JCh3aG9hbWkp`, `$(whoami)`), as test tools' "flat" base64 encoders send it.
export const MIN_SHORT_BASE64_LENGTH = 8;

// The base64 of printable ASCII (0x20 to 0x7F), by a character's value v (b64Entry & 63) and its place
// in a group of four: the first holds a byte's high six bits (8 to 31); the second's low four bits
// are the next byte's high nibble (2 to 7); the third's low two bits the third byte's top (0 or 1).
// @ts-ignore: decorator
@inline function firstOfPrintable(v: u32): bool { return v - 8 < 24; }
// @ts-ignore: decorator
@inline function secondOfPrintable(v: u32): bool { return (v & 15) - 2 < 6; }
// @ts-ignore: decorator
@inline function thirdOfPrintable(v: u32): bool { return (v & 3) <= 1; }

// Whether the 8 bytes or more at p may open the base64 of printable ASCII: shortTextBase64's tests of
// the first group of four and the second's first character, four table reads and no call. Inlined:
// decode/texts.ts asks it of every plain token of MIN_SHORT_BASE64_LENGTH to MIN_BASE64_LENGTH - 1
// bytes, and words and IDs fail it but for about one in a hundred.
// @ts-ignore: decorator
@inline export function mayOpenAsTextBase64(p: usize): bool {
  if (!firstOfPrintable(b64Entry(<u32>load<u8>(p)) & 63)) return false;
  if (!firstOfPrintable(b64Entry(<u32>load<u8>(p, 4)) & 63)) return false;
  return secondOfPrintable(b64Entry(<u32>load<u8>(p, 1))) && thirdOfPrintable(b64Entry(<u32>load<u8>(p, 2)));
}

// Whether p[0..len) (MIN_SHORT_BASE64_LENGTH to MIN_BASE64_LENGTH - 1 bytes, no padding) may be
// the base64 of printable ASCII: only the alphabet, a length whole bytes give (not 1 more than a
// multiple of 4), and each group of four shaped as printable bytes' (firstOfPrintable …
// thirdOfPrintable; the second and third only where a character follows them, which carries the
// byte). A word or an ID passes the three in about one group in fourteen: camelCase names and IDs
// of these lengths (most of a JSON body's strings) are not decoded.
export function shortTextBase64(p: usize, len: i32): bool {
  if (len < MIN_SHORT_BASE64_LENGTH || len >= MIN_BASE64_LENGTH || (len & 3) == 1) return false;
  for (let i = 0; i < len; i++) {
    let e = b64Entry(<u32>load<u8>(p + <usize>i));
    if (e == NOT_B64) return false;
    let v = e & 63;
    switch (i & 3) {
      case 0: if (!firstOfPrintable(v)) return false; break;
      case 1: if (i + 1 < len && !secondOfPrintable(v)) return false; break; // a third character: a second byte
      case 2: if (i + 1 < len && !thirdOfPrintable(v)) return false; break; // a fourth: a third byte
    }
  }
  return true;
}

// Decodes into dst (len * 3 / 4 bytes at most) and returns the length, or -1 when the result
// is not mostly printable text: then the value was an ID or a hash, not hidden input.
//
// "Mostly" is 9 bytes in 10: the result fails when it has more than a tenth of other bytes, so
// the loop stops as soon as those are more than a tenth of the most it can write (len * 6 / 8):
// an ID or a hash (random bytes, about 6 in 10 not printable) is then read only in part.
export function decodeBase64Text(p: usize, len: i32, dst: usize): i32 {
  let o = 0;
  let acc: u32 = 0;
  let bits = 0;
  let printable = 0;
  let maxOut = (len * 6) >> 3;
  for (let i = 0; i < len; i++) {
    let e = b64Entry(<u32>load<u8>(p + i));
    if (e == NOT_B64) break;
    acc = (acc << 6) | (e & 63);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      let b = (acc >> bits) & 0xFF;
      store<u8>(dst + o, <u8>b);
      o++;
      if ((b >= 0x20 && b < 0x7F) || b == 0x09 || b == 0x0A || b == 0x0D) printable++;
      else if ((o - printable) * 10 > maxOut) return -1; // o < 10 * (o - printable) at the end
    }
  }
  if (o == 0 || printable * 10 < o * 9) return -1;
  return o;
}
