// Recognises and decodes values that look like base64 (standard or URL-safe alphabet).
// Called by core/scorer.ts, which scores the decoding as one more part of the request.

const MIN_BASE64_LENGTH = 16;

// @ts-ignore: decorator
@inline function b64Value(c: u32): i32 {
  if (c - 0x41 < 26) return <i32>(c - 0x41);
  if (c - 0x61 < 26) return <i32>(c - 0x61 + 26);
  if (c - 0x30 < 10) return <i32>(c - 0x30 + 52);
  if (c == 0x2B || c == 0x2D) return 62;
  if (c == 0x2F || c == 0x5F) return 63;
  return -1;
}

// True when p[0..len) is long enough, uses only the alphabet (with '=' padding at the end)
// and mixes character kinds as encoded bytes do; a long plain word is not base64.
export function looksLikeBase64(p: usize, len: i32): bool {
  if (len < MIN_BASE64_LENGTH) return false;
  let end = len;
  while (end > 0 && load<u8>(p + end - 1) == 0x3D) end--;
  if (len - end > 2) return false;
  let kinds = 0;
  for (let i = 0; i < end; i++) {
    let c = <u32>load<u8>(p + i);
    if (b64Value(c) < 0) return false;
    kinds |= c - 0x41 < 26 ? 1 : c - 0x61 < 26 ? 2 : c - 0x30 < 10 ? 4 : 8;
  }
  return (kinds & 1) != 0 && (kinds & 2) != 0 && popcnt(kinds) >= 2 && (end & 3) != 1;
}

// Decodes into dst (len * 3 / 4 bytes at most) and returns the length, or -1 when the result
// is not mostly printable text: then the value was an ID or a hash, not hidden input.
export function decodeBase64Text(p: usize, len: i32, dst: usize): i32 {
  let o = 0;
  let acc: u32 = 0;
  let bits = 0;
  let printable = 0;
  for (let i = 0; i < len; i++) {
    let v = b64Value(<u32>load<u8>(p + i));
    if (v < 0) break;
    acc = (acc << 6) | <u32>v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      let b = (acc >> bits) & 0xFF;
      store<u8>(dst + o, <u8>b);
      o++;
      if ((b >= 0x20 && b < 0x7F) || b == 0x09 || b == 0x0A || b == 0x0D) printable++;
    }
  }
  if (o == 0 || printable * 10 < o * 9) return -1;
  return o;
}
