// Session fixation through an injected page: a value that makes the page set a cookie, so that
// the victim's session takes the attacker's identifier (CRS 943100): a `<meta http-equiv=
// "Set-Cookie">` tag, or script that writes `document.cookie` with a `domain` or `expires`
// attribute (`<script>document.cookie="sid=1234;domain=.example.com"</script>`). Browsers have
// ignored the meta tag for years and no benign part of `make dataset`'s sides writes a cookie this
// way; a site's code that reads cookies, or writes one without those attributes, is left to the
// model. The model scored the quoted tag 87 and the bare write 68. Read by core/payloads.ts for a
// text with a `<` (markup it injects): a `;` as the trigger had every text with `un` read, 0.2% of a
// JSON body's instructions and more of prose (make profile), and a bare write is left to the model;
// total and allocation-free.

import { byteAt, matchesAt, matchesLowerAt, isWordChar } from "../lib/bytes";
import { cookieMemberEnd, assignedAt } from "./jsexfil";
import { indexOf2 } from "../lib/scan";

// The shortest of them: `<meta http-equiv=set-cookie`, `.cookie="a;domain=`.
const MIN_BYTES = 21;
// How far past the write's `=` its attributes are looked for: one cookie string.
const MAX_COOKIE_BYTES = 256;

export function setsCookie(p: usize, n: i32): bool {
  if (n < MIN_BYTES) return false;
  // At each `k` or `K` (of cookie).
  for (let i = indexOf2(p, 0, n, 0x6B, 0x4B); i < n; i = indexOf2(p, i + 1, n, 0x6B, 0x4B)) {
    let c = i - 3;
    // The two bytes before the `k` first: prose has a `k` in every other sentence.
    if (c < 1 || (load<u8>(p + <usize>(i - 1)) | 0x20) != 0x6F || (load<u8>(p + <usize>(i - 2)) | 0x20) != 0x6F) continue;
    if (!matchesLowerAt(p, n, c, "cookie") || isWordChar(byteAt(p, n, c + 6))) continue;
    if (c >= 15 && metaSetCookie(p, n, c)) return true;
    if (matchesAt(p, n, c, "cookie") && cookieWrite(p, n, c)) return true;
  }
  return false;
}

// `http-equiv`, then bytes that are not word bytes (`="`, `=`, blanks), then `set-cookie` whose
// `cookie` is at c.
function metaSetCookie(p: usize, n: i32, c: i32): bool {
  if (!matchesLowerAt(p, n, c - 4, "set-")) return false;
  let j = c - 5;
  let stop = j;
  while (j >= 0 && !isWordChar(<u32>load<u8>(p + <usize>j))) j--;
  return j < stop && j >= 9 && matchesLowerAt(p, n, j - 9, "http-equiv");
}

// `.cookie` (or `['cookie']`) at c written to (`=`, not `==`), with `;` and then `domain` or
// `expires` and `=` in the string it is given.
function cookieWrite(p: usize, n: i32, c: i32): bool {
  let e = cookieMemberEnd(p, n, c);
  if (e < 0) return false;
  let a = assignedAt(p, n, e);
  if (a < 0) return false;
  let end = min(n, a + MAX_COOKIE_BYTES);
  for (let k = indexOf2(p, a + 1, end, 0x3B, 0x3B); k < end; k = indexOf2(p, k + 1, end, 0x3B, 0x3B)) { // ';'
    let w = k + 1;
    while (w < end && !isWordChar(<u32>load<u8>(p + <usize>w))) w++;
    let len = matchesLowerAt(p, n, w, "domain") ? 6 : matchesLowerAt(p, n, w, "expires") ? 7 : 0;
    if (len == 0) continue;
    let q = w + len;
    while (q < end && !isWordChar(<u32>load<u8>(p + <usize>q)) && load<u8>(p + <usize>q) != 0x3D) q++;
    if (byteAt(p, n, q) == 0x3D) return true;
  }
  return false;
}
