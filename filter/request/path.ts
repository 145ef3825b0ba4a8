// The path a server resolves a request to, for matching exclude_paths: the :path up to '?',
// percent-decoded (repeatedly), '\' as '/', repeated slashes merged, dot segments removed (RFC 3986
// 5.2.4), as Envoy's normalize_path and merge_slashes would and further. Called by glue/stream.ts.
//
// An exclusion matched on the raw path is walked around: `/static/../admin?q=<script>` starts with
// `/static/` but is served from `/admin`.

import { hexByte } from "../lib/escapes";
import { MAX_HEAD_BYTES } from "./parts";

const MAX_DECODE_ROUNDS = 3;
const decoded = new StaticArray<u8>(MAX_HEAD_BYTES);
const out = new StaticArray<u8>(MAX_HEAD_BYTES + 1);
let normalizedLen = 0;

// Normalizes the path of p[0..n) into this module's buffer; returns its address (length: normalizedLength()).
export function normalizePath(p: usize, n: i32): usize {
  let q = 0;
  while (q < n && load<u8>(p + q) != 0x3F && load<u8>(p + q) != 0x23) q++;
  n = min(q, MAX_HEAD_BYTES);
  let d = changetype<usize>(decoded);
  memory.copy(d, p, n);
  for (let round = 0; round < MAX_DECODE_ROUNDS; round++) {
    let m = percentDecode(d, n);
    if (m == n) break;
    n = m;
  }
  normalizedLen = removeDotSegments(d, n, changetype<usize>(out));
  return changetype<usize>(out);
}

export function normalizedLength(): i32 { return normalizedLen; }

// In place; never grows.
function percentDecode(p: usize, n: i32): i32 {
  let o = 0;
  for (let i = 0; i < n; i++) {
    let c = load<u8>(p + i);
    if (c == 0x25 && i + 2 < n) {
      let v = hexByte(p + i + 1);
      if (v >= 0) { store<u8>(p + o++, <u8>v); i += 2; continue; }
    }
    store<u8>(p + o++, c);
  }
  return o;
}

// Writes "/" + each segment of src to dst, '\' taken as '/', empty segments dropped, "." dropped
// and ".." dropping the segment before it; a path that ended in a separator, ".", or ".." ends in
// '/'. dst holds n + 1 bytes; returns the length (at least 1: "/").
function removeDotSegments(src: usize, n: i32, dst: usize): i32 {
  let o = 0;
  let i = 0;
  let endsInSlash = false;
  while (i < n) {
    while (i < n && isSlash(load<u8>(src + i))) i++;
    let start = i;
    while (i < n && !isSlash(load<u8>(src + i))) i++;
    let len = i - start;
    if (len == 0) { endsInSlash = true; break; }
    endsInSlash = i < n;
    if (len == 1 && load<u8>(src + start) == 0x2E) { endsInSlash = true; continue; }
    if (len == 2 && load<u8>(src + start) == 0x2E && load<u8>(src + start + 1) == 0x2E) {
      while (o > 0 && load<u8>(dst + o - 1) != 0x2F) o--;
      if (o > 0) o--;
      endsInSlash = true;
      continue;
    }
    store<u8>(dst + o++, 0x2F);
    memory.copy(dst + o, src + start, len);
    o += len;
  }
  if (o == 0 || endsInSlash) store<u8>(dst + o++, 0x2F);
  return o;
}

// @ts-ignore: decorator
@inline function isSlash(c: u8): bool { return c == 0x2F || c == 0x5C; }
