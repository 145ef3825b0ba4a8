// Small comparisons of request bytes against ASCII strings, case-insensitive, allocation-free.
// Called by request/*.ts (Content-Type, header values, multipart headers, names and hosts from the
// configuration) and glue/ (header names from the configuration); byteAt by the core's lexers
// (core/confirm.ts, core/signatures.ts).

// Byte i of p[0..n), or 0 outside it: lexers look around a position without bounds checks of their own.
export function byteAt(p: usize, n: i32, i: i32): u32 { return i >= 0 && i < n ? <u32>load<u8>(p + <usize>i) : 0; }

// Whether p[0..n) starts with s, ASCII letters compared without case.
export function startsWithCI(p: usize, n: i32, s: string): bool {
  let k = s.length;
  if (n < k) return false;
  // The string's UTF-16 units read in place (i < k = s.length): charCodeAt stayed a call per
  // byte, with its own bounds check, ~10% of a small request's instructions (make profile).
  let q = changetype<usize>(s);
  for (let i = 0; i < k; i++) {
    if ((<u32>load<u8>(p + i) | 0x20) != (<u32>load<u16>(q + (<usize>i << 1)) | 0x20)) return false;
  }
  return true;
}

// Whether s occurs anywhere in p[0..n), ASCII letters compared without case.
export function containsCI(p: usize, n: i32, s: string): bool {
  let k = s.length;
  for (let i = 0; i + k <= n; i++) if (startsWithCI(p + i, n - i, s)) return true;
  return false;
}

// Whether p[0..n) is s exactly, ASCII letters compared without case. Inlined: callers test a
// header name against many names, and the length test alone rules most out without a call.
// @ts-ignore: decorator
@inline export function equalsCI(p: usize, n: i32, s: string): bool {
  return n == s.length && startsWithCI(p, n, s);
}

// Whether p[0..n) starts with `lower`, bytes the configuration lower-cased (a header name, a host,
// a media type), the request's ASCII letters compared without case.
export function startsWithLower(p: usize, n: i32, lower: ArrayBuffer): bool {
  let k = lower.byteLength;
  if (n < k) return false;
  let q = changetype<usize>(lower);
  for (let i = 0; i < k; i++) {
    let c = <u32>load<u8>(p + i);
    if (c - 0x41 < 26) c |= 0x20;
    if (c != <u32>load<u8>(q + i)) return false;
  }
  return true;
}

// Whether p[0..n) is `lower` exactly (see startsWithLower).
// @ts-ignore: decorator
@inline export function equalsLower(p: usize, n: i32, lower: ArrayBuffer): bool {
  return n == lower.byteLength && startsWithLower(p, n, lower);
}

// Whether every byte of p[0..n) is in a character class: `table`, 256 bytes, non-zero for a member
// (a table, because a chain of range tests costs several times more a byte).
export function allIn(p: usize, n: i32, table: usize): bool {
  for (let i = 0; i < n; i++) if (load<u8>(table + <usize>load<u8>(p + i)) == 0) return false;
  return true;
}
