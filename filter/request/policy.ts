// Which policy a request gets: none when it comes from a trusted source (an address or a peer
// principal of trusted_sources), else the route whose host and path prefix it matches (the first,
// in configuration order, as Envoy's route table), and whether its body streams (`stream`). Called by glue/stream.ts once per request, and by core/index.ts for tests.
// Allocation-free: a walk over the routes and media types parsed at configure time.

import { Config } from "../config/config";
import { inCidr, parseSocketAddress } from "../lib/cidr";
import { equalsLower, startsWithLower } from "../lib/bytes";

// The Config of the first route matching `authority` (:authority / Host, as sent) and the
// normalized path at pathPtr (request/path.ts; only read when a route has a path_prefix), or
// `cfg` itself when none does.
export function matchRoute(cfg: Config, authPtr: usize, authLen: i32, pathPtr: usize, pathLen: i32): Config {
  let routes = cfg.routes;
  let n = routes.length;
  if (n == 0) return cfg;
  let hostLen = hostLength(authPtr, authLen);
  for (let i = 0; i < n; i++) {
    let r = unchecked(routes[i]);
    let h = r.host;
    if (h != null) {
      let k = h.byteLength;
      // "*.example.com" (kept as ".example.com") needs at least one label before the suffix.
      if (r.hostSuffix ? hostLen <= k || !startsWithLower(authPtr + hostLen - k, k, h) : !equalsLower(authPtr, hostLen, h)) continue;
    }
    let p = r.pathPrefix;
    if (p != null && (p.byteLength > pathLen || memory.compare(pathPtr, changetype<usize>(p), p.byteLength) != 0)) continue;
    return r.config;
  }
  return cfg;
}

// The host part of an authority: without a ":port" (an IPv6 literal keeps its brackets) and
// without a trailing dot ("example.com." names the same host).
function hostLength(p: usize, n: i32): i32 {
  let end = n;
  if (n > 0 && load<u8>(p) == 0x5B) {
    end = 0;
    while (end < n && load<u8>(p + end) != 0x5D) end++;
    return end < n ? end + 1 : n;
  }
  for (let i = n - 1; i >= 0; i--) {
    if (load<u8>(p + i) == 0x3A) { end = i; break; }
  }
  if (end > 0 && load<u8>(p + end - 1) == 0x2E) end--;
  return end;
}

// Whether the Content-Type at p[0..n) is one of cfg's stream media types: its type/subtype
// (before any ';' parameters, without case) is one, or is one with a structured-syntax suffix
// ("application/grpc+proto" streams under "application/grpc"; "application/grpc-web" does not).
export function streamsBody(cfg: Config, p: usize, n: i32): bool {
  let types = cfg.streamTypeBytes;
  if (types.length == 0 || n == 0) return false;
  let end = 0;
  while (end < n && load<u8>(p + end) != 0x3B) end++;
  while (end > 0 && (load<u8>(p + end - 1) == 0x20 || load<u8>(p + end - 1) == 0x09)) end--;
  let start = 0;
  while (start < end && (load<u8>(p + start) == 0x20 || load<u8>(p + start) == 0x09)) start++;
  let len = end - start;
  for (let i = 0, k = types.length; i < k; i++) {
    let t = unchecked(types[i]);
    let m = t.byteLength;
    if (!startsWithLower(p + start, len, t)) continue;
    if (len == m || load<u8>(p + start + m) == 0x2B) return true;
  }
  return false;
}

// Whether Envoy's `source.address` value at p[0..n) ("1.2.3.4:5678", "[::1]:5678") lies in one of
// cfg's trusted_sources.cidrs. `ip` is 16 bytes of scratch.
export function trustedAddress(cfg: Config, p: usize, n: i32, ip: usize): bool {
  let cidrs = cfg.trustedCidrs;
  if (cidrs.length == 0 || !parseSocketAddress(p, n, ip)) return false;
  for (let i = 0, k = cidrs.length; i < k; i++) if (inCidr(ip, unchecked(cidrs[i]))) return true;
  return false;
}

// Whether a peer certificate's URI SAN or subject at p[0..n) is one of trusted_sources.principals
// (compared byte for byte: SPIFFE IDs and subjects are case-sensitive).
export function trustedPrincipal(cfg: Config, p: usize, n: i32): bool {
  let list = cfg.trustedPrincipalBytes;
  for (let i = 0, k = list.length; i < k; i++) {
    let s = unchecked(list[i]);
    if (s.byteLength == n && memory.compare(p, changetype<usize>(s), n) == 0) return true;
  }
  return false;
}
