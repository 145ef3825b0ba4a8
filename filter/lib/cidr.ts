// IPv4 and IPv6 addresses and CIDR ranges over bytes, allocation-free: parsed from
// trusted_sources.cidrs by config/config.ts at configure time, matched per request by glue/trust.ts.
//
// Every address is held as 16 bytes: IPv4 as IPv4-mapped IPv6 (::ffff:a.b.c.d), its prefix 96 +
// bits, so an IPv4 range also matches a client Envoy reports as ::ffff:a.b.c.d (a dual-stack listener).

import { hexValue } from "./escapes";

export const IP_BYTES = 16;

// A parsed range: the address with the bits past the prefix cleared, and the prefix length (0..128).
export class Cidr {
  addr: StaticArray<u8> = new StaticArray<u8>(IP_BYTES);
  bits: i32 = 0;
}

export const enum CidrError { NONE = 0, NOT_AN_ADDRESS = 1, BAD_PREFIX = 2, HOST_BITS = 3 }

// Parses "a.b.c.d", "a.b.c.d/n" (n <= 32), "x:x::x" or "x:x::x/n" (n <= 128) into `out`. Bits
// past the prefix must be zero ("10.1.0.0/8" is refused): a range written with host bits is
// usually a typo for a narrower one, and which one was meant is not ours to guess.
export function parseCidr(p: usize, n: i32, out: Cidr): CidrError {
  let slash = 0;
  while (slash < n && load<u8>(p + slash) != 0x2F) slash++;
  let a = changetype<usize>(out.addr);
  let v4 = parseIp(p, slash, a);
  if (v4 < 0) return CidrError.NOT_AN_ADDRESS;
  let max = v4 == 1 ? 32 : 128;
  let bits = max;
  if (slash < n) {
    bits = parseSmall(p + slash + 1, n - slash - 1);
    if (bits < 0 || bits > max) return CidrError.BAD_PREFIX;
  }
  out.bits = v4 == 1 ? bits + 96 : bits;
  for (let i = out.bits; i < IP_BYTES * 8; i++) {
    if ((load<u8>(a + (i >> 3)) & (0x80 >> (i & 7))) != 0) return CidrError.HOST_BITS;
  }
  return CidrError.NONE;
}

// Whether the 16-byte address at `ip` lies in `c`.
export function inCidr(ip: usize, c: Cidr): bool {
  let a = changetype<usize>(c.addr);
  let whole = c.bits >> 3;
  for (let i = 0; i < whole; i++) if (load<u8>(ip + i) != load<u8>(a + i)) return false;
  let rest = c.bits & 7;
  if (rest == 0) return true;
  let mask = <u8>(<u32>0xFF << <u32>(8 - rest));
  return (load<u8>(ip + whole) & mask) == load<u8>(a + whole);
}

// The address in Envoy's `source.address` ("1.2.3.4:5678", "[::1]:5678", an address without a
// port) into 16 bytes at `out`; false for anything else (a pipe's path, nothing).
export function parseSocketAddress(p: usize, n: i32, out: usize): bool {
  if (n > 0 && load<u8>(p) == 0x5B) {
    let close = 1;
    while (close < n && load<u8>(p + close) != 0x5D) close++;
    if (close >= n) return false;
    return parseIp(p + 1, close - 1, out) == 0;
  }
  let colons = 0, last = -1;
  for (let i = 0; i < n; i++) if (load<u8>(p + i) == 0x3A) { colons++; last = i; }
  // One colon: IPv4 with a port; more: an IPv6 address without brackets (so without a port).
  return parseIp(p, colons == 1 ? last : n, out) >= 0;
}

// Parses an IPv4 or IPv6 address (a zone "%eth0" is ignored) into 16 bytes at `out`: 1 for IPv4,
// 0 for IPv6, -1 when it is neither.
export function parseIp(p: usize, n: i32, out: usize): i32 {
  let zone = 0;
  while (zone < n && load<u8>(p + zone) != 0x25) zone++;
  n = zone;
  let colon = false;
  for (let i = 0; i < n; i++) if (load<u8>(p + i) == 0x3A) { colon = true; break; }
  memory.fill(out, 0, IP_BYTES);
  if (!colon) {
    if (!parseV4(p, n, out + 12)) return -1;
    store<u8>(out + 10, 0xFF);
    store<u8>(out + 11, 0xFF);
    return 1;
  }
  return parseV6(p, n, out) ? 0 : -1;
}

// Dotted quad, four decimal parts 0..255 without leading zeros (which some readers take as octal).
function parseV4(p: usize, n: i32, out: usize): bool {
  let i = 0;
  for (let part = 0; part < 4; part++) {
    if (part > 0) {
      if (i >= n || load<u8>(p + i) != 0x2E) return false;
      i++;
    }
    let start = i, v = 0;
    while (i < n && <u32>load<u8>(p + i) - 0x30 < 10 && i - start < 4) v = v * 10 + (load<u8>(p + i++) - 0x30);
    let len = i - start;
    if (len == 0 || len > 3 || v > 255 || (len > 1 && load<u8>(p + start) == 0x30)) return false;
    store<u8>(out + part, <u8>v);
  }
  return i == n;
}

// RFC 4291 2.2 text forms: eight groups, one "::", and a dotted quad in the last 32 bits.
function parseV6(p: usize, n: i32, out: usize): bool {
  let groups = 0;     // 16-bit groups written
  let gap = -1;       // the group index where "::" stands
  let i = 0;
  if (n >= 2 && load<u8>(p) == 0x3A && load<u8>(p + 1) == 0x3A) { gap = 0; i = 2; }
  else if (n >= 1 && load<u8>(p) == 0x3A) return false;
  while (i < n) {
    if (groups >= 8) return false;
    // A dotted quad ends the address.
    let dot = false;
    let j = i;
    while (j < n && load<u8>(p + j) != 0x3A) { if (load<u8>(p + j) == 0x2E) dot = true; j++; }
    if (dot) {
      if (j != n || groups > 6 || !parseV4(p + i, n - i, out + groups * 2)) return false;
      groups += 2;
      i = n;
      break;
    }
    let len = j - i;
    if (len == 0 || len > 4) return false;
    let v: u32 = 0;
    for (let k = i; k < j; k++) {
      let h = hexValue(load<u8>(p + k));
      if (h < 0) return false;
      v = (v << 4) | <u32>h;
    }
    store<u8>(out + groups * 2, <u8>(v >> 8));
    store<u8>(out + groups * 2 + 1, <u8>v);
    groups++;
    i = j;
    if (i < n) {
      i++; // the ':'
      if (i < n && load<u8>(p + i) == 0x3A) {
        if (gap >= 0) return false;
        gap = groups;
        i++;
      } else if (i == n) return false; // a trailing single ':'
    }
  }
  if (gap < 0) return groups == 8;
  if (groups >= 8) return false;
  // Move the groups after "::" to the end; zeros in between.
  let tail = (groups - gap) * 2;
  let from = out + gap * 2;
  let to = out + IP_BYTES - tail;
  memory.copy(to, from, tail);
  memory.fill(from, 0, <usize>(to - from));
  return true;
}

// A decimal 0..999 without a leading zero (but "0"), or -1.
function parseSmall(p: usize, n: i32): i32 {
  if (n < 1 || n > 3 || (n > 1 && load<u8>(p) == 0x30)) return -1;
  let v = 0;
  for (let i = 0; i < n; i++) {
    let d = <u32>load<u8>(p + i) - 0x30;
    if (d >= 10) return -1;
    v = v * 10 + <i32>d;
  }
  return v;
}
