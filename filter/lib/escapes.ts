// The primitives escapes are made of: hex digits and UTF-8 encoding, total functions over bytes.
// Called by decode/*.ts, lib/json.ts, request/multipart.ts and request/jsonbody.ts.

// Value of an ASCII hex digit, or -1. The unsigned range trick keeps it branch-light.
// @ts-ignore: decorator
@inline export function hexValue(c: u32): i32 {
  if (c - 0x30 < 10) return <i32>(c - 0x30);
  let l = c | 0x20;
  if (l - 0x61 < 6) return <i32>(l - 0x61 + 10);
  return -1;
}

// The two hex digits at p as a byte value, or -1 (%HH and \xHH).
// @ts-ignore: decorator
@inline export function hexByte(p: usize): i32 {
  let h1 = hexValue(load<u8>(p));
  let h2 = hexValue(load<u8>(p + 1));
  return (h1 | h2) >= 0 ? (h1 << 4) | h2 : -1;
}

// Writes p[0..n) decoded as quoted-printable (RFC 2045 6.7) to dst and returns the length written
// (n at most): `=HH` is the byte, `=` before a line break (CRLF or LF) a soft break that joins the
// lines, and any other `=` stays, as Go's mime/quotedprintable reader passes it through.
export function decodeQuotedPrintable(p: usize, n: i32, dst: usize): i32 {
  let o = 0;
  let i = 0;
  while (i < n) {
    let c = load<u8>(p + <usize>i);
    if (c == 0x3D) { // '='
      let b = i + 2 < n ? hexByte(p + <usize>(i + 1)) : -1;
      if (b >= 0) { store<u8>(dst + <usize>o, <u8>b); o++; i += 3; continue; }
      if (i + 1 < n && load<u8>(p + <usize>(i + 1)) == 0x0A) { i += 2; continue; }
      if (i + 2 < n && load<u8>(p + <usize>(i + 1)) == 0x0D && load<u8>(p + <usize>(i + 2)) == 0x0A) { i += 3; continue; }
    }
    store<u8>(dst + <usize>o, c);
    o++;
    i++;
  }
  return o;
}

// The four hex digits at p as a code unit, or -1 (%uXXXX, \uXXXX).
export function hexQuad(p: usize): i32 {
  let a = hexValue(load<u8>(p));
  let b = hexValue(load<u8>(p + 1));
  let c = hexValue(load<u8>(p + 2));
  let d = hexValue(load<u8>(p + 3));
  if ((a | b | c | d) < 0) return -1;
  return (a << 12) | (b << 8) | (c << 4) | d;
}

// Writes code point cp as UTF-8 at dst and returns the byte count (1–4). Surrogates and
// values past U+10FFFF are written as U+FFFD: what we score must be valid to compare.
export function writeUtf8(dst: usize, cp: u32): i32 {
  if (cp < 0x80) { store<u8>(dst, <u8>cp); return 1; }
  if (cp < 0x800) {
    store<u8>(dst, <u8>(0xC0 | (cp >> 6)));
    store<u8>(dst + 1, <u8>(0x80 | (cp & 0x3F)));
    return 2;
  }
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
  if (cp < 0x10000) {
    store<u8>(dst, <u8>(0xE0 | (cp >> 12)));
    store<u8>(dst + 1, <u8>(0x80 | ((cp >> 6) & 0x3F)));
    store<u8>(dst + 2, <u8>(0x80 | (cp & 0x3F)));
    return 3;
  }
  store<u8>(dst, <u8>(0xF0 | (cp >> 18)));
  store<u8>(dst + 1, <u8>(0x80 | ((cp >> 12) & 0x3F)));
  store<u8>(dst + 2, <u8>(0x80 | ((cp >> 6) & 0x3F)));
  store<u8>(dst + 3, <u8>(0x80 | (cp & 0x3F)));
  return 4;
}

// Percent-decodes src[0..n) into dst once, as a server decodes a query's or a form's value before
// the application reads it: %HH to its byte, '+' to a space when plus, anything else (a malformed
// escape too) as it is. Returns the length written, at most n. (decode/percent.ts is the decode
// stage's: repeated, %uXXXX, flagged; the split stage needs the server's one round.)
export function percentDecodeOnce(src: usize, n: i32, dst: usize, plus: bool): i32 {
  let o = 0;
  for (let i = 0; i < n; i++) {
    let c = <u32>load<u8>(src + <usize>i);
    if (c == 0x25 && i + 2 < n) {
      let h = hexByte(src + <usize>(i + 1));
      if (h >= 0) { c = <u32>h; i += 2; }
    } else if (c == 0x2B && plus) c = 0x20;
    store<u8>(dst + <usize>o, <u8>c);
    o++;
  }
  return o;
}
