// Splits a JSON body: every string, key or value, is a part, named by the key it belongs to.
// Called by request/body.ts; strings with escapes are unescaped into the part list's scratch.

import { PartList } from "./parts";
import { Where } from "./where";
import { JsonScanner, Tok, unescapeJson } from "../lib/json";

// Containers deeper than this keep the key of the deepest one tracked; the depth only names parts.
const MAX_DEPTH = 64;

const scanner = new JsonScanner(0, 0);
// The key each open container was opened under, so that a value after a closed object is named
// by its own container's key, not by the last key inside the object (`[{"password":"x"},"<p>"]`).
const keyPtrs = new StaticArray<usize>(MAX_DEPTH);
const keyLens = new StaticArray<i32>(MAX_DEPTH);

// Bytes outside strings that JSON does not allow (a raw payload after a lying Content-Type)
// make the whole body a text part too, so that invalid JSON is no hiding place.
export function splitJson(ptr: usize, len: i32, out: PartList): void {
  let s = scanner;
  s.reset(ptr, len);
  let keyPtr: usize = ptr;
  let keyLen = 0;
  let depth = 0;
  let junk = false;
  let t = s.next();
  while (t != Tok.END) {
    if (t == Tok.ERROR) {
      junk = true;
      s.pos++;
      t = s.next();
      continue;
    }
    if (t == Tok.OBJ_OPEN || t == Tok.ARR_OPEN) {
      if (depth < MAX_DEPTH) { unchecked(keyPtrs[depth] = keyPtr); unchecked(keyLens[depth] = keyLen); }
      depth++;
      t = s.next();
      continue;
    }
    if (t == Tok.OBJ_CLOSE || t == Tok.ARR_CLOSE) {
      if (depth > 0) depth--;
      if (depth < MAX_DEPTH) { keyPtr = unchecked(keyPtrs[depth]); keyLen = unchecked(keyLens[depth]); }
      t = s.next();
      continue;
    }
    if (t != Tok.STRING) { t = s.next(); continue; }
    let off = s.tokOff;
    let n = s.tokLen;
    let rawLen = n;
    let esc = s.hasEscapes;
    let after = s.next();
    let vPtr = ptr + off;
    if (esc) {
      let dst = out.alloc(n);
      if (dst == 0) return;
      let m = unescapeJson(ptr + off, n, dst);
      out.shrinkLast(dst, n, m);
      vPtr = dst;
      n = m;
    }
    if (after == Tok.COLON) {
      keyPtr = ptr + off;
      keyLen = rawLen;
      let part = out.count;
      out.add(Where.BODY_JSON, keyPtr, keyLen, vPtr, n, false);
      t = s.next();
      if (out.count > part) {
        if (t == Tok.OBJ_OPEN || t == Tok.ARR_OPEN) out.markContainerKey(part);
        if (esc) out.markUnescaped(part);
      }
      continue;
    }
    let part = out.count;
    out.add(Where.BODY_JSON, keyPtr, keyLen, vPtr, n, false);
    if (esc && out.count > part) out.markUnescaped(part);
    t = after;
  }
  if (junk) out.add(Where.BODY_TEXT, ptr, 0, ptr, len, false);
}
