// Payloads where a sentence of prose ends (`…would buy again. ;cat /etc/passwd`, `…from this shop.
// 8.8.8.8;id`, `…great. ../../../../etc/passwd`): after a sentence's end prose starts again, as it
// does at a value's start, so there the verdicts that read only a value's start read too. A shell
// that runs the value reads the sentences before it as the first command's arguments, and a path
// after a blank is a path, so prose in front takes nothing from the injection; the model reads the
// prose too (retrains of 2026-12-06 scored such payloads 12 to 20 against the verdict's 1:
// models/HISTORY.md, twenty-first round). A separator or a path inside a sentence (`Fish & chips`,
// ``run `git log | head` ``, `tail -f /var/log/syslog`) stays prose's. Read by core/payloads.ts for
// the texts it reads, those with a trigger (a `;`, a `/`, a `$`, ...): a sentence that ends before a
// bare `| whoami` in a text with none is left to the model, as that text's other bytes are; total
// and allocation-free.

import { HEAD_RCE, HEAD_SQLI, HEAD_TRAVERSAL } from "./classes";
import { quoteThenComment } from "./sqlverdict";
import { commandInjection, commandAfterArgument, mayOpenWithSeparator, isArgumentByte, substitutionAfterArgument, mayOpenWithAddress, commandAfterAddressEnding } from "./cmdinject";
import { namesOsFile } from "./osfiles";
import { byteAt, isLetter, isSpaceOrTab } from "../lib/bytes";
import { nibbleSetBits } from "../lib/scan";

// The class of a payload that opens a sentence of p[0..n) (n >= 16), or 0: a command after a
// separator, after an argument and `;`, a backquote or `$(`, after an address and a pipe or `&`, or
// after a quote that closes one (cmdinject.ts); or an operating system's file after a `..` segment
// that opens the sentence (osfiles.ts, as in a request path: `/var/log/syslog` quoted in prose is
// left to the model; not in a header, as at a value's start); or a name, a quote and a comment (sqlverdict.ts
// quoteThenComment: `admin'--`). Not a command in backquotes alone: inline code after a sentence
// (``Done. `npm test` passes now.``) is how technical prose quotes a command.
export function sentencePayload(p: usize, n: i32, files: bool): i32 {
  let lo = v128.load(STOP_LO), hi = v128.load(STOP_HI);
  for (let b = 0; b < n; b += 16) {
    let m: i32;
    if (b + 16 <= n) m = nibbleSetBits(v128.load(p + <usize>b), lo, hi);
    // The text's last 16 bytes, past those already read (their bits dropped).
    else m = nibbleSetBits(v128.load(p + <usize>(n - 16)), lo, hi) >> (16 - (n - b));
    while (m != 0) {
      let i = b + ctz(m);
      m &= m - 1;
      // A word's stop, then blanks: `1.5`, `a.b`, `...` and `e.g.x` start no sentence. An empty
      // comment is a blank as SQL reads one (`…shop./**/admin'--`: a value whose every blank is one).
      if (i == 0 || !isLetter(load<u8>(p + <usize>(i - 1))) || i + 2 >= n) continue;
      let s = blanksFrom(p, n, i + 1);
      if (s == i + 1) continue;
      let head = payloadAt(p + <usize>s, n - s, files);
      if (head != 0) return head;
    }
  }
  return 0;
}

// The verdicts of a value's start for the sentence at q[0..k) (files: operating systems' files too).
function payloadAt(q: usize, k: i32, files: bool): i32 {
  if (k < 2) return 0;
  let c = load<u8>(q);
  if (c != 0x60 && mayOpenWithSeparator(q, k) && commandInjection(q, k)) return HEAD_RCE;
  // A `..` segment here, not an ellipsis (`Hmm. ... see ../x`): namesOsFile reads from the first one.
  if (c == 0x2E && byteAt(q, k, 1) == 0x2E) {
    let d = byteAt(q, k, 2);
    return files && (d == 0x2F || d == 0x5C) && namesOsFile(q, k, true) ? HEAD_TRAVERSAL : 0;
  }
  // An argument glued to `;` or a backquote, or a quote that closes one (`"; cat /etc/hostname #`).
  let e = 0;
  while (e < k && isArgumentByte(load<u8>(q + <usize>e))) e++;
  let d = byteAt(q, k, e);
  if (((e > 0 && (d == 0x3B || d == 0x60)) || d == 0x22 || d == 0x27) && commandAfterArgument(q, k)) return HEAD_RCE;
  // An argument glued to `$(` (`localhost$(curl …)`), or an address before a pipe or `&`.
  if (e > 0 && d == 0x24 && byteAt(q, k, e + 1) == 0x28 && substitutionAfterArgument(q, k, e)) return HEAD_RCE;
  if (e > 0 && mayOpenWithAddress(q, k) && commandAfterAddressEnding(q, k, e)) return HEAD_RCE;
  if (e > 0 && d == 0x27 && quoteThenComment(q, k)) return HEAD_SQLI;
  return 0;
}

// The end of the blanks and empty comments (`/**/`) from i.
function blanksFrom(p: usize, n: i32, i: i32): i32 {
  while (i < n) {
    let c = load<u8>(p + <usize>i);
    if (isSpaceOrTab(c)) { i++; continue; }
    if (c == 0x2F && byteAt(p, n, i + 1) == 0x2A && byteAt(p, n, i + 2) == 0x2A && byteAt(p, n, i + 3) == 0x2F) { i += 4; continue; }
    break;
  }
  return i;
}

// The stops that end a sentence, by their nibbles (lib/scan.ts nibbleClasses): `.` `!` `?`.
const STOP_LO = memory.data<u8>([0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2], 16);
const STOP_HI = memory.data<u8>([0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 16);
