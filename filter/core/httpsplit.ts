// HTTP request smuggling and response splitting in a value: a line break beside an HTTP message's
// first line, a request line (`GET /admin HTTP/1.1`) or a status line (`HTTP/1.1 200 OK`), which a
// server or a cache that writes the value into a message reads as a second message (CRS 921110,
// 921120 at paranoia level 1). Read by core/signatures.ts where a line break can reach the
// application and lies within a value's first line's reach (mail.ts mayBreakIntoMail); total and
// allocation-free.
//
// The model's crlf class knows injected header lines; it scored `GET / HTTP/1.1\r\nHost: evil` 81
// and `\r\nHTTP/1.1 200 OK` 99. A line that only names HTTP (`see HTTP/1.1 spec`) is left to it.

import { byteAt, matchesAt } from "../lib/bytes";
import { indexOf2 } from "../lib/scan";

const METHODS: StaticArray<string> = [
  "GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "CONNECT", "PROPFIND",
];

export function httpMessage(p: usize, n: i32): bool {
  // Each line's start: the value's, and after each line break.
  let s = 0;
  while (s < n) {
    if (statusLine(p, n, s) && (s > 0 || lineBreakAfter(p, n, s))) return true;
    if (requestLine(p, n, s) && (s > 0 || lineBreakAfter(p, n, s))) return true;
    let b = indexOf2(p, s, n, 0x0A, 0x0D);
    if (b >= n) break;
    s = b + 1;
    while (s < n && (load<u8>(p + <usize>s) == 0x0A || load<u8>(p + <usize>s) == 0x0D)) s++;
  }
  return false;
}

// `HTTP/` a digit, `.` a digit or not, a space and three digits, at s.
function statusLine(p: usize, n: i32, s: i32): bool {
  if (!matchesAt(p, n, s, "HTTP/") || !isDigit(byteAt(p, n, s + 5))) return false;
  let i = s + 6;
  if (byteAt(p, n, i) == 0x2E) i += 2;
  return byteAt(p, n, i) == 0x20 && isDigit(byteAt(p, n, i + 1)) && isDigit(byteAt(p, n, i + 2)) && isDigit(byteAt(p, n, i + 3));
}

// A method, a space, a target without blanks, a space and `HTTP/` a digit, at s.
function requestLine(p: usize, n: i32, s: i32): bool {
  for (let k = 0; k < METHODS.length; k++) {
    let m = unchecked(METHODS[k]);
    if (!matchesAt(p, n, s, m) || byteAt(p, n, s + m.length) != 0x20) continue;
    let i = s + m.length + 1;
    let t = i;
    while (i < n && load<u8>(p + <usize>i) > 0x20) i++;
    return i > t && byteAt(p, n, i) == 0x20 && matchesAt(p, n, i + 1, "HTTP/") && isDigit(byteAt(p, n, i + 6));
  }
  return false;
}

// Whether the line that starts at s ends in a line break (another line follows it).
function lineBreakAfter(p: usize, n: i32, s: i32): bool {
  return indexOf2(p, s, n, 0x0A, 0x0D) < n;
}

// @ts-ignore: decorator
@inline function isDigit(c: u32): bool { return c - 0x30 < 10; }
