// XSS proofs that open a dialog (alert, prompt, confirm) without writing `alert(`, as filter
// bypasses do: the dialog called through call, apply or bind (`alert.call(null,1)`), handed over
// as a callback (`[1].map(alert)`, `Reflect.apply(confirm,null,[1])`), reached through the comma
// operator (`(0,alert)(1)`), or read off a global by a spelled-out or decoded name and called
// (`top[/al/.source+/ert/.source](1)`, `window['al'+'ert'](1)`, `self[atob('YWxlcnQ=')](1)`), or called
// right after a string the text closes without opening it (`';confirm(1)//`: breaksOutToDialog). A
// site's code and text name the dialogs to call them (`alert('Saved')`, which the model reads) or
// as words (`alert alert-danger`). The model scored `alert.apply(null,[1])` 99 and `[1].map(alert)` 81. Read by
// core/payloads.ts for each '(' of a text; total and allocation-free.

import { blanksBefore, byteAt, isOneOf, nameEnd, nameStart, skipBlanks, matchesLowerAt } from "../lib/bytes";
import { decoderCallAt } from "./jsdecode";
import { indexOf2 } from "../lib/scan";

const DIALOGS: StaticArray<string> = ["alert", "prompt", "confirm"];
// What calls a function it is given: Function.prototype's callers, and the array and promise
// methods that call back.
const CALLERS: StaticArray<string> = ["call", "apply", "bind"];
const CALLBACK_TAKERS: StaticArray<string> = ["map", "foreach", "find", "findindex", "filter", "every", "some", "reduce", "apply", "then"];
const GLOBALS: StaticArray<string> = ["window", "self", "top", "parent", "frames", "globalthis", "this"];

// A spelled-out name is read up to this many letters (the longest dialog's).
const MAX_SPELLED = 7;
// How far back a computed member's '[' is looked for.
const MAX_MEMBER_BYTES = 64;

// Whether the call whose '(' is at i, after the name p[s..e) (none: s == e), opens a dialog by one
// of the ways above.
export function dialogGadgetAt(p: usize, n: i32, i: i32, s: i32, e: i32): bool {
  let len = e - s;
  // `alert.call(`, `prompt.apply(`, `confirm.bind(`
  if (len >= 4 && len <= 5 && byteAt(p, n, s - 1) == 0x2E && isOneOf(p, n, s, len, CALLERS)) {
    let d = s - 1;
    let ds = nameStart(p, d);
    if (isOneOf(p, n, ds, d - ds, DIALOGS)) return true;
  }
  // The arguments start with a dialog alone: `(0,alert)` (any call, or none), `.map(alert)`. A
  // number not followed by ',' leaves j at the end: no dialog there.
  let j = skipBlanks(p, n, i + 1);
  let comma = false;
  if (byteAt(p, n, j) - 0x30 < 10) {
    while (byteAt(p, n, j) - 0x30 < 10) j++;
    j = skipBlanks(p, n, j);
    comma = byteAt(p, n, j) == 0x2C; // ','
    j = comma ? skipBlanks(p, n, j + 1) : n;
  }
  let c = byteAt(p, n, j) | 0x20;
  let ae = c == 0x61 || c == 0x70 || c == 0x63 ? nameEnd(p, n, j) : j; // a, p, c: the dialogs' initials
  if (ae > j && isOneOf(p, n, j, ae - j, DIALOGS)) {
    let after = byteAt(p, n, skipBlanks(p, n, ae));
    if (comma) { if (after == 0x29) return true; } // ')'
    else if ((after == 0x29 || after == 0x2C) && len > 0 && byteAt(p, n, s - 1) == 0x2E && isOneOf(p, n, s, len, CALLBACK_TAKERS)) return true;
  }
  if (byteAt(p, n, e - 1) == 0x5D && computedDialogBefore(p, n, e)) return true; // ']'
  return breaksOutToDialog(p, n, s, e);
}

// Whether some backquote of p[0..n) calls a dialog as a tagged template right after a string the
// text closes but did not open (`';prompt`1`;//`): breaksOutToDialog's call without a '('.
export function taggedDialogBreakout(p: usize, n: i32): bool {
  for (let i = indexOf2(p, 0, n, 0x60, 0x60); i < n; i = indexOf2(p, i + 1, n, 0x60, 0x60)) { // '`'
    let e = blanksBefore(p, i);
    if (breaksOutToDialog(p, n, nameStart(p, e), e)) return true;
  }
  return false;
}

// Whether the dialog named p[s..e) is called right after a string the text closes but did not open:
// the text's first quote of its kind, closing brackets and blanks, then `;`, `+` or `-` (`';confirm(1)//`,
// `"-alert(1)-"`, `');prompt(1)//`): a value written into a script's string that ends it and runs
// the dialog. A site's code closes strings it opened (`var s = 'Saved'; alert(s)`). The model
// scored `';confirm(1)//` 58: it reads `confirm(` as a site's own dialog.
function breaksOutToDialog(p: usize, n: i32, s: i32, e: i32): bool {
  let len = e - s;
  if (len < 5 || len > 7 || !isOneOf(p, n, s, len, DIALOGS)) return false; // the dialogs' lengths first
  let j = blanksBefore(p, s) - 1;
  let c = byteAt(p, n, j);
  if (c != 0x3B && c != 0x2B && c != 0x2D) return false; // ';' '+' '-'
  j = blanksBefore(p, j) - 1;
  while (j >= 0 && (load<u8>(p + <usize>j) == 0x29 || load<u8>(p + <usize>j) == 0x5D || load<u8>(p + <usize>j) == 0x7D)) j--; // ')' ']' '}'
  let q = byteAt(p, n, j);
  if (q != 0x27 && q != 0x22) return false;
  for (let k = 0; k < j; k++) if (<u32>load<u8>(p + <usize>k) == q) return false;
  return true;
}

// Whether `global[…]` ends at e (its ']' at e - 1, the call's '(' after it) with a member whose
// quoted or regex literals spell a dialog: `top['al'+'ert']`, `self[/conf/.source+/irm/.source]`.
function computedDialogBefore(p: usize, n: i32, e: i32): bool {
  let b = e - 2;
  let stop = max(0, e - MAX_MEMBER_BYTES);
  while (b >= stop && load<u8>(p + <usize>b) != 0x5B) b--; // '['
  if (b < stop) return false;
  let g = nameStart(p, b);
  if (g == b || !isOneOf(p, n, g, b - g, GLOBALS)) return false;
  // A member named by a string decoded at run time (`self[atob('YWxlcnQ=')](1)`): whatever it
  // decodes to, a global's function called by a name the request does not spell.
  let j = skipBlanks(p, n, b + 1);
  if (decoderCallAt(p, n, j)) return true;
  // The member's letters, past quotes, '+', '/', `.source` and blanks; anything else is not a
  // spelled-out name (a variable, a call, an escape).
  let spelled = 0;
  let literal = false;
  let word: u64 = 0; // the letters, packed as packDialogs packs DIALOGS
  for (let k = b + 1; k < e - 1; k++) {
    let c = <u32>load<u8>(p + <usize>k);
    if (c == 0x27 || c == 0x22 || c == 0x60 || c == 0x2F) { literal = true; continue; }
    if (c == 0x2B || c <= 0x20) continue;
    if (c == 0x2E && matchesLowerAt(p, n, k + 1, "source")) { k += 6; continue; }
    if ((c | 0x20) - 0x61 >= 26 || spelled == MAX_SPELLED) return false;
    word |= <u64>(c | 0x20) << (<u64>spelled << 3);
    spelled++;
  }
  if (!literal) return false;
  for (let w = 0; w < DIALOGS.length; w++) if (unchecked(PACKED_DIALOGS[w]) == word) return true;
  return false;
}

// DIALOGS as little-endian u64s, a byte a letter (each at most MAX_SPELLED long).
const PACKED_DIALOGS = packDialogs();
function packDialogs(): StaticArray<u64> {
  let out = new StaticArray<u64>(DIALOGS.length);
  for (let w = 0; w < DIALOGS.length; w++) {
    let d = DIALOGS[w], x: u64 = 0;
    for (let k = 0; k < d.length; k++) x |= <u64>d.charCodeAt(k) << (<u64>k << 3);
    out[w] = x;
  }
  return out;
}
