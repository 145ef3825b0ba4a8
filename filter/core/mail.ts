// Mail command injection (IMAP/SMTP injection, OWASP WSTG-INPV-10): a value a web mail or
// contact form passes on to a mail server, broken by a line break into a header that adds
// recipients or into a protocol command of its own. Read by core/signatures.ts; total and
// allocation-free.
//
// Only a short single line before the break counts: that is the shape of a field value (an
// address, a subject, a mailbox name) carrying an injection. A pasted e-mail or a form's
// multi-line text starts with prose or with a header line of its own (`From: …`) and is left to
// the model.

import { byteAt, matchesAt, matchesLowerAt, startsOneOf } from "../lib/bytes";
import { indexOf2, indexOf2Inline } from "../lib/scan";

// The first line of an injected field value is at most this long.
const MAX_FIRST_LINE = 256;

// Headers that add or redirect recipients (lower case).
const RECIPIENT_HEADERS: StaticArray<string> = ["bcc", "cc", "to", "reply-to"];
// SMTP commands that open a mail transaction or its content (lower case).
const SMTP_COMMANDS: StaticArray<string> = ["rcpt to:", "mail from:"];
// IMAP commands, after a tag (upper case, as clients and the injection payloads write them).
const IMAP_COMMANDS: StaticArray<string> = [
  "CAPABILITY", "LOGIN", "SELECT", "EXAMINE", "FETCH", "STORE", "COPY", "EXPUNGE", "LIST", "LSUB",
  "APPEND", "DELETE", "RENAME", "CREATE", "SEARCH", "LOGOUT", "UID",
];

// Whether mailInjection can hold: a line break in its first line's reach. Inlined, without a call,
// for core/signatures.ts's loop over every text, which otherwise stopped at each form value.
// @ts-ignore: decorator
@inline export function mayBreakIntoMail(p: usize, n: i32): bool {
  let len = min(n, MAX_FIRST_LINE + 1);
  return indexOf2Inline(p, 0, len, 0x0A, 0x0D) < len;
}

// Whether s is at i byte for byte and ends there (the end, a blank or a line break).
function hasWordAt(p: usize, n: i32, i: i32, s: string): bool {
  return matchesAt(p, n, i, s) && byteAt(p, n, i + s.length) <= 0x20;
}

// Where the line break that ends a value's first line is, when that line is at most MAX_FIRST_LINE
// bytes and another follows it (also core/httpsplit.ts's injectedHeader); else -1.
export function firstLineBreak(p: usize, n: i32): i32 {
  let b = indexOf2(p, 0, min(n, MAX_FIRST_LINE + 1), 0x0A, 0x0D);
  return b >= n || b > MAX_FIRST_LINE ? -1 : b;
}

export function mailInjection(p: usize, n: i32): bool {
  let b = firstLineBreak(p, n);
  if (b < 0) return false;
  for (let i = 0; i < b; i++) if (load<u8>(p + <usize>i) == 0x3A) return false; // a header line of its own
  let i = b;
  while (i < n && (load<u8>(p + <usize>i) == 0x0A || load<u8>(p + <usize>i) == 0x0D)) i++;
  if (i >= n) return false;
  for (let h = 0; h < RECIPIENT_HEADERS.length; h++) {
    let name = unchecked(RECIPIENT_HEADERS[h]);
    if (!matchesLowerAt(p, n, i, name)) continue;
    let j = i + name.length;
    while (byteAt(p, n, j) == 0x20 || byteAt(p, n, j) == 0x09) j++;
    if (byteAt(p, n, j) == 0x3A) return true;
  }
  if (startsOneOf(p, n, i, SMTP_COMMANDS)) return true;
  if (hasWordAt(p, n, i, "DATA") && byteAt(p, n, i + 4) != 0x20) return true;
  // An IMAP tag: letters and digits, then one blank and a command.
  let t = i;
  while (t < n && t - i < 16 && ((byteAt(p, n, t) | 0x20) - 0x61 < 26 || byteAt(p, n, t) - 0x30 < 10)) t++;
  if (t == i || byteAt(p, n, t) != 0x20) return false;
  for (let c = 0; c < IMAP_COMMANDS.length; c++) if (hasWordAt(p, n, t + 1, unchecked(IMAP_COMMANDS[c]))) return true;
  return false;
}
