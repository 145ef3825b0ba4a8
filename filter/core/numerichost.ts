// A URL whose host is an IPv4 address spelled to pass a filter that looks for dotted quads:
// one 32-bit number (`http://3627734734/`), hexadecimal or octal parts (`//0xd83ad6ce`,
// `http://0177.0.0.1`), or fewer than four parts with a wide last one (`//00330.3856078`) or
// loopback's first (`http://127.1`), or a lone 0. inet_aton reads them all; no link a site makes is written so (CRS 931100
// blocks URLs with an IP host at paranoia level 1, any spelling). Read by core/payloads.ts; total
// and allocation-free. The model scored such redirects and fetches 50–99 in the fold that held
// its open-redirect and SSRF lists out.

import { byteAt, isIdentByte, lowerAscii, matchesLowerAt } from "../lib/bytes";
import { splat8 } from "../lib/splat";
import { parseIp, IP_BYTES } from "../lib/cidr";

// metadataToo: also a plain dotted address where a cloud's instance metadata service listens:
// 169.254.169.254 (AWS, GCP, Azure, OpenStack), 169.254.170.2 (AWS's container credentials),
// Alibaba's 100.100.100.200 (CRS 934110 blocks metadata URLs at paranoia level 1), or the
// services' names (metadataName). No value of an
// application's own names them. Other link-local addresses (a printer's 169.254.1.10) and 0.0.0.0
// (a service's bind address in a configuration) are left to the model, and so are headers.
export function obfuscatedIpUrl(p: usize, n: i32, metadataToo: bool): bool {
  for (let i = nextAuthority(p, 0, n); i < n; i = nextAuthority(p, i + 1, n)) {
    let c = load<u8>(p + <usize>i);
    if (c == 0x40) {
      // `…@` before a digit: the host after user info, whatever came before it (`http:trusted@`,
      // `http://a\b@`, which the other two forms cannot read past), in a word that is a URL (a
      // ':' or an authority's start before the '@': `see you @20241204` is no host, and neither is
      // a path's `/models/claude@20250219:rawPredict`, a model's version on Vertex AI).
      if (urlBefore(p, i) && numericHost(p, n, i + 1, metadataToo)) return true;
    } else if (c != 0x3A) {
      // `//host` and `\\host`, after a scheme or anything but a name's byte or a third slash.
      let b = byteAt(p, n, i - 1);
      if (isIdentByte(b) || b == 0x2F || b == 0x5C) { i++; continue; }
      // A lone 0 counts after a web scheme only (numericHost's zeroToo), read only for a host that
      // starts with 0: reading the scheme at every URL cost a JSON body 0.3% (make profile).
      let zero = metadataToo && byteAt(p, n, i + 2) == 0x30 && b == 0x3A && webScheme(p, n, i - 1);
      if (numericHost(p, n, i + 2, metadataToo, zero)) return true;
      i++;
    } else {
      // `http:host`, which browsers and many URL parsers read as `http://host`.
      if (webScheme(p, n, i) && numericHost(p, n, i + 1, metadataToo)) return true;
    }
  }
  return false;
}

// Whether `http` or `https`, a word of its own, ends at the ':' at colon.
function webScheme(p: usize, n: i32, colon: i32): bool {
  let s = lowerAscii(byteAt(p, n, colon - 1)) == 0x73 ? colon - 5 : colon - 4; // https: or http:
  return matchesLowerAt(p, n, s, "http") && !isIdentByte(byteAt(p, n, s - 1));
}

// Whether the '@' at i ends user info: back to a blank (at most 256 bytes), a ':' (a scheme's, or
// a password's) or two separators in a row (`//`, `\\`, `/\`: an authority's start) before any
// lone '/', which would put the '@' in a path (`https://host/models/claude@20250219`, a model's
// version on Vertex AI). A lone '\' does not: parsers disagree on it, and `http://a\b@host` is the
// bypass that uses that.
function urlBefore(p: usize, i: i32): bool {
  for (let k = i - 1, stop = max(0, i - 256); k >= stop; k--) {
    let c = load<u8>(p + <usize>k);
    if (c <= 0x20) return false;
    if (c == 0x3A) return true;
    if (c == 0x2F || c == 0x5C) {
      let b = k > 0 ? load<u8>(p + <usize>(k - 1)) : 0;
      if (b == 0x2F || b == 0x5C) return true;
      if (c == 0x2F) return false;
    }
  }
  return false;
}

// The index of the next authority (isAuthority), from `from`, or n: 16 positions a step, where a
// search for each '/' and ':' stopped at every URL.
function nextAuthority(p: usize, from: i32, n: i32): i32 {
  let i = from;
  for (; i + 17 <= n; i += 16) {
    let m = i8x16.bitmask(authorityPairs(v128.load(p + <usize>i), v128.load(p + <usize>(i + 1))));
    if (m != 0) return i + ctz(m);
  }
  for (; i + 1 < n; i++) if (isAuthority(load<u8>(p + <usize>i), load<u8>(p + <usize>(i + 1)))) return i;
  return n;
}

// The lanes where v0's byte and v1's (the byte after it) open an authority (isAuthority): also
// core/payloads.ts's trigger for the URL verdicts.
// @ts-ignore: decorator
@inline export function authorityPairs(v0: v128, v1: v128): v128 {
  let slash = splat8(0x2F), backslash = splat8(0x5C);
  let s0 = v128.or(i8x16.eq(v0, slash), i8x16.eq(v0, backslash));
  let s1 = v128.or(i8x16.eq(v1, slash), i8x16.eq(v1, backslash));
  let colonOrAt = v128.or(i8x16.eq(v0, splat8(0x3A)), i8x16.eq(v0, splat8(0x40)));
  let digitAfter = v128.and(colonOrAt, i8x16.lt_u(i8x16.sub(v1, splat8(0x30)), splat8(10)));
  return v128.or(v128.and(s0, s1), digitAfter);
}

// Whether bytes b, c open an authority: two separators in a row ('/' or '\\' twice: `//host`),
// ':' before a digit (`http:host` with a numeric host), or '@' before one (a numeric host after
// user info).
// @ts-ignore: decorator
@inline export function isAuthority(b: u32, c: u32): bool {
  return ((b == 0x2F || b == 0x5C) && (c == 0x2F || c == 0x5C)) || ((b == 0x3A || b == 0x40) && c - 0x30 < 10);
}

// Whether the host of the authority starting at s (after any `user:password@`, before any
// `:port`) is an IPv4 address in one of the spellings above (or, with metadataToo, a metadata or
// metadata address written plainly).
function numericHost(p: usize, n: i32, s: i32, metadataToo: bool, zeroToo: bool = false): bool {
  let e = s;
  let h = s;
  while (e < n && e - s < 256) {
    let c = load<u8>(p + <usize>e);
    if (c <= 0x20 || c == 0x2F || c == 0x5C || c == 0x3F || c == 0x23) break;
    if (c == 0x40) h = e + 1; // '@': the host comes after the user (whose password has a ':')
    e++;
  }
  if (metadataToo && metadataName(p, n, h, e)) return true;
  if (byteAt(p, n, h) == 0x5B) return metadataToo && internalIpv6(p, n, h + 1, e); // '['
  for (let i = h; i < e; i++) if (load<u8>(p + <usize>i) == 0x3A) { e = i; break; } // ':port'
  if (e - h < 1 || e - h > 40) return false;
  let parts = 0, odd = false, lastValue: u64 = 0, lastDigits = 0;
  let quad: u32 = 0; // the parts so far, a byte each while they fit
  let i = h;
  while (i <= e) {
    // One part: 0x and hex digits, or decimal digits.
    let start = i;
    let value: u64 = 0;
    let hex = lowerAscii(byteAt(p, n, i)) == 0x30 && lowerAscii(byteAt(p, n, i + 1)) == 0x78;
    if (hex) {
      i += 2;
      while (i < e && isHexDigit(load<u8>(p + <usize>i))) i++;
      if (i == start + 2 || i - start > 10) return false;
      odd = true;
    } else {
      let octal = true;
      while (i < e && load<u8>(p + <usize>i) - 0x30 < 10) {
        let d = <u32>load<u8>(p + <usize>i) - 0x30;
        if (d > 7) octal = false;
        value = value * 10 + d;
        i++;
      }
      let digits = i - start;
      if (digits == 0 || digits > 12) return false;
      if (digits > 1 && load<u8>(p + <usize>start) == 0x30 && octal) odd = true;
      lastDigits = digits;
    }
    lastValue = value;
    quad = (quad << 8) | <u32>min<u64>(value, 255);
    parts++;
    if (i == e) break;
    if (load<u8>(p + <usize>i) != 0x2E || parts == 4) return false; // '.'
    i++;
    if (i == e) return false;
  }
  if (odd) return true;
  if (metadataToo && parts == 4 && lastValue <= 255 && metadataAddress(quad)) return true;
  // All decimal: one number for the whole address, or fewer than four parts with a last one
  // wider than a byte (three-part and two-part inet_aton forms).
  // A lone 0 (`http://0:9000/`) is 0.0.0.0, which Linux connects to as this host: SSRF lists send it
  // for 127.0.0.1, and no link is written so (0.0.0.0, a bind address in a configuration, is left
  // to the model). Only after `http://` or `https://` (zeroToo): `//0/` is also a run of base64.
  if (parts == 1) return (lastDigits >= 8 && lastValue >= 0x1000000 && lastValue <= 0xFFFFFFFF) || (zeroToo && lastValue == 0);
  // Two or three parts that open with 127: loopback's short forms (`http://127.1/` is 127.0.0.1).
  return parts < 4 && (lastValue > 255 || quad >> ((parts - 1) << 3) == 127);
}

// Whether the IPv6 literal from s (after its `[`, up to its `]` before e; a zone `%25eth0` allowed)
// names this host: loopback (`::1`, however many zeros are written) or the unspecified `::`; or is
// an IPv4 address spelled as IPv6 (mapped `::ffff:127.0.0.1`, `::ffff:7f00:1`; compatible
// `::127.0.0.1`; NAT64's `64:ff9b::/96`), the way SSRF lists reach 127.0.0.1 past a filter that looks
// for dotted quads. No link an application makes is written so. Link-local and unique local
// addresses are left to the model, as private IPv4 addresses are (an internal service's webhook is
// configured with one); AWS's `[fd00:ec2::254]` is a metadata name (metadataName). Parsed by
// lib/cidr.ts, as trusted_sources' addresses are.
function internalIpv6(p: usize, n: i32, s: i32, e: i32): bool {
  let close = s;
  while (close < e && load<u8>(p + <usize>close) != 0x5D) close++; // ']'
  if (close >= e || close - s > 64 || parseIp(p + <usize>s, close - s, IPV6_BYTES) != 0) return false;
  let a = IPV6_BYTES;
  // ::, ::1, ::a.b.c.d and ::ffff:a.b.c.d: the first 80 bits zero, the next 16 all zero or all one.
  let g5 = load<u16>(a, 10);
  if (load<u64>(a) == 0 && load<u16>(a, 8) == 0 && (g5 == 0 || g5 == 0xFFFF)) return true;
  // 64:ff9b::a.b.c.d (bytes 00 64 ff 9b, then eight zero bytes).
  return load<u32>(a) == 0x9BFF6400 && load<u64>(a, 4) == 0;
}

// An IPv6 literal's 16 bytes as internalIpv6 reads them.
const IPV6_BYTES = memory.data(IP_BYTES);

// @ts-ignore: decorator
@inline function isHexDigit(c: u32): bool { return c - 0x30 < 10 || (c | 0x20) - 0x61 < 6; }

// The metadata services' names: GCP's `metadata.google.internal` (and `metadata.goog`), AWS's
// `instance-data` (and `instance-data.ec2.internal`) and its IPv6 address `[fd00:ec2::254]`, the
// host h..e (a port after it allowed). The model scored a GCP token URL 44.
const METADATA_NAMES: StaticArray<string> = ["metadata.google.internal", "metadata.goog", "instance-data.ec2.internal", "instance-data", "[fd00:ec2::254]"];
function metadataName(p: usize, n: i32, h: i32, e: i32): bool {
  let c = lowerAscii(byteAt(p, n, h));
  if (c != 0x6D && c != 0x69 && c != 0x5B) return false; // m, i, [
  for (let k = 0; k < METADATA_NAMES.length; k++) {
    let name = unchecked(METADATA_NAMES[k]);
    let end = h + name.length;
    if (end <= e && matchesLowerAt(p, n, h, name) && (end == e || load<u8>(p + <usize>end) == 0x3A)) return true;
  }
  return false;
}

// 169.254.169.254, 169.254.170.2, 100.100.100.200 (a part over 255 is clamped, which none of them has).
// @ts-ignore: decorator
@inline function metadataAddress(a: u32): bool {
  return a == 0xA9FEA9FE || a == 0xA9FEAA02 || a == 0x646464C8;
}
