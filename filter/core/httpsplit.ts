// HTTP request smuggling and response splitting in a value: a line break beside an HTTP message's
// first line, a request line (`GET /admin HTTP/1.1`) or a status line (`HTTP/1.1 200 OK`), which a
// server or a cache that writes the value into a message reads as a second message (CRS 921110,
// 921120 at paranoia level 1); and a URL's value broken into a header line that steers a proxy, a
// cache or the response (injectedHeader, CRS 921160). Read by core/signatures.ts where a line break
// can reach the application and lies within a value's first line's reach (mail.ts
// mayBreakIntoMail); total and allocation-free.
//
// The model's crlf class knows injected header lines; it scored `GET / HTTP/1.1\r\nHost: evil` 81
// and `\r\nHTTP/1.1 200 OK` 99. A line that only names HTTP (`see HTTP/1.1 spec`) is left to it.

import { byteAt, isWordChar, matchesAt, matchesLowerAt, skipSpacesAndBreaks, skipSpacesAndTabs } from "../lib/bytes";
import { firstLineBreak } from "./mail";
import { indexOf2 } from "../lib/scan";
import { initialBits } from "../lib/groups";

const METHODS: StaticArray<string> = [
  "GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "CONNECT", "PROPFIND",
];

export function httpMessage(p: usize, n: i32): bool {
  // Each line's start: the value's, and after each line break.
  let s = 0;
  while (s < n) {
    // A status line opens with `H`, a request line with a method's capital: most lines with neither.
    let c = <u32>load<u8>(p + <usize>s) - 0x41;
    if (c < 26 && ((LINE_INITIALS >>> c) & 1) != 0) {
      if (statusLine(p, n, s) && (s > 0 || lineBreakAfter(p, n, s))) return true;
      if (requestLine(p, n, s) && (s > 0 || lineBreakAfter(p, n, s))) return true;
    }
    let b = indexOf2(p, s, n, 0x0A, 0x0D);
    if (b >= n) break;
    s = b + 1;
    while (s < n && (load<u8>(p + <usize>s) == 0x0A || load<u8>(p + <usize>s) == 0x0D)) s++;
  }
  return false;
}

// A bit per capital (A = bit 0) that opens `HTTP/` (H) or one of METHODS.
const LINE_INITIALS: u32 = initialBits(METHODS, 0x41) | (1 << (0x48 - 0x41));

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

// Header lines an injected value adds to a response or to a request a proxy forwards (lower case;
// CRS 921160's and 921120's names): the host and client a proxy or an application trusts, and what a
// response does. The model scored `a\r\nHost: evil.com` 81, `\r\nX-Forwarded-For: 127.0.0.1` 87,
// `\r\nVia: 1.1 x` 94 and `\r\nCookie: sid=1` 72. `Set-Cookie:`, `Location:`, `Content-Type:` and
// `Content-Length:` it flags (1 to 16) in every placement and encoding of the evasion suite, and are
// left to it: read here in a query alone, `lang=en%0d%0aLocation: …` scored 1 where its base64 in a
// form scores 12, more than the suite allows a variant under its plain form (10).
const INJECTED_HEADERS: StaticArray<string> = [
  "host", "refresh", "cookie", "transfer-encoding",
  "content-disposition", "via", "forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-server",
  "x-forwarded-proto", "x-real-ip", "x-client-ip", "true-client-ip", "x-originating-ip", "x-remote-ip",
  "x-remote-addr", "x-original-url", "x-rewrite-url", "access-control-allow-origin",
];

// A line break that ends the first line (mail.ts firstLineBreak), then blanks or none and one of
// INJECTED_HEADERS with its colon (blanks before it allowed: `Host :`). Asked of a query's or a
// cookie's value alone, whose line breaks came percent-encoded: a form's or a JSON string's may be a
// text's next line (`Location: Room 4` in an event's description).
export function injectedHeader(p: usize, n: i32): bool {
  let b = firstLineBreak(p, n);
  if (b < 0) return false;
  let i = skipSpacesAndBreaks(p, n, b);
  let j = i;
  while (j < n && (isWordChar(<u32>load<u8>(p + <usize>j)) || load<u8>(p + <usize>j) == 0x2D)) j++;
  if (j == i || byteAt(p, n, skipSpacesAndTabs(p, n, j)) != 0x3A) return false;
  for (let h = 0; h < INJECTED_HEADERS.length; h++) {
    let name = unchecked(INJECTED_HEADERS[h]);
    if (name.length == j - i && matchesLowerAt(p, n, i, name)) return true;
  }
  return false;
}
