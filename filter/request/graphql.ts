// A GraphQL document's string literals as parts: `user(id: "1' OR '1'='1")` passes its argument to a
// resolver as a value, as a JSON body's string is passed to a handler. Called by request/jsonbody.ts
// for a JSON string under the key `query` (the GraphQL-over-HTTP body) and for a query's `query`
// parameter that opens with '{'. Read in the whole document, a literal shared its windows with the
// selection around it: `;id` as an argument scored 86. Each literal is named by the argument or input
// field it is given to (the name before its ':'), else by `query`; block strings (`"""…"""`) too.
// Lenient: what does not read as a literal is skipped, and the document stays a part.

import { PartList } from "./parts";
import { unescapeJson } from "../lib/json";
import { isWordChar, matchesAt } from "../lib/bytes";

// The most literals read from one document (a document is a request's, and its literals are few).
const MAX_LITERALS = 64;

// Whether p[0..n) may be a GraphQL document with a literal: a '{' (every operation's selection) and a
// '"'.
export function mayHoldGraphqlLiterals(p: usize, n: i32): bool {
  let brace = false, quote = false;
  for (let i = 0; i < n; i++) {
    let c = load<u8>(p + <usize>i);
    if (c == 0x7B) brace = true;
    else if (c == 0x22) quote = true;
  }
  return brace && quote;
}

// Adds the string literals of the document p[0..n) to out as parts of `where`, named as above
// (keyPtr[0..keyLen): the name for a literal given to no name).
// marks: the parts' (UNESCAPED for a document that came out of an escaped JSON string).
export function splitGraphqlLiterals(p: usize, n: i32, out: PartList, where: i32, keyPtr: usize, keyLen: i32, marks: u32): void {
  let literals = 0;
  let i = 0;
  while (i < n && literals < MAX_LITERALS) {
    let c = load<u8>(p + <usize>i);
    if (c == 0x23) { // '#': a comment, to the line's end
      while (i < n && load<u8>(p + <usize>i) != 0x0A) i++;
      continue;
    }
    if (c != 0x22) { i++; continue; }
    let namePtr = keyPtr, nameLen = keyLen;
    let e = argumentNameEnd(p, i);
    if (e > 0) {
      let s = e;
      while (s > 0 && isWordChar(load<u8>(p + <usize>(s - 1)))) s--;
      if (s < e) { namePtr = p + <usize>s; nameLen = e - s; }
    }
    if (i + 2 < n && load<u8>(p + <usize>(i + 1)) == 0x22 && load<u8>(p + <usize>(i + 2)) == 0x22) {
      // A block string: raw to the next `"""`.
      let s = i + 3, k = s;
      while (k + 2 < n && !(load<u8>(p + <usize>k) == 0x22 && load<u8>(p + <usize>(k + 1)) == 0x22 && load<u8>(p + <usize>(k + 2)) == 0x22)) k++;
      if (k + 2 >= n) return;
      out.add(where, namePtr, nameLen, p + <usize>s, k - s, false, marks);
      literals++;
      i = k + 3;
      continue;
    }
    // A string: to the closing '"', past escapes; a line break ends it unclosed.
    let s = i + 1, k = s;
    let escaped = false;
    while (k < n) {
      let b = load<u8>(p + <usize>k);
      if (b == 0x22 || b == 0x0A) break;
      if (b == 0x5C) { escaped = true; k += 2; continue; }
      k++;
    }
    if (k >= n || load<u8>(p + <usize>k) != 0x22) return;
    let vPtr = p + <usize>s, vLen = k - s;
    if (escaped) {
      let dst = out.alloc(vLen);
      if (dst == 0) return;
      let m = unescapeJson(vPtr, vLen, dst); // GraphQL's string escapes are JSON's
      out.shrinkLast(dst, vLen, m);
      vPtr = dst; vLen = m;
    }
    out.add(where, namePtr, nameLen, vPtr, vLen, false, marks);
    literals++;
    i = k + 1;
  }
}

// Where the name a literal at p[q] is given to ends (`id: "…"` → just past `id`), or 0: back past
// blanks to a ':', then past blanks.
function argumentNameEnd(p: usize, q: i32): i32 {
  let k = q;
  while (k > 0 && isBlank(load<u8>(p + <usize>(k - 1)))) k--;
  if (k == 0 || load<u8>(p + <usize>(k - 1)) != 0x3A) return 0;
  k--;
  while (k > 0 && isBlank(load<u8>(p + <usize>(k - 1)))) k--;
  return k;
}

// @ts-ignore: decorator
@inline function isBlank(c: u32): bool {
  return c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x2C; // ',' is insignificant in GraphQL
}

// Whether p[0..n) opens with an operation's keyword (`query`, `mutation`, `subscription`,
// `fragment`) and a byte no name holds (a blank, `+` or `%20` in a URL, `{`, `(`): a named
// document, where the shorthand one opens with '{'.
export function opensOperation(p: usize, n: i32): bool {
  let c = load<u8>(p);
  let word = c == 0x71 ? "query" : c == 0x6D ? "mutation" : c == 0x73 ? "subscription" : c == 0x66 ? "fragment" : "";
  let k = word.length;
  return k > 0 && n > k && matchesAt(p, n, 0, word) && !isWordChar(load<u8>(p + <usize>k));
}

// Whether keyPtr[0..5) is `query`, the GraphQL-over-HTTP document's name.
// @ts-ignore: decorator
@inline export function isQueryName(p: usize, n: i32): bool {
  return n == 5 && load<u32>(p) == 0x72657571 && load<u8>(p, 4) == 0x79; // "quer" "y"
}
