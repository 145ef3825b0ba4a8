// A value that is a PHP stream wrapper's URL: what PHP's include, file_get_contents and fopen open
// as a file (`php://filter/convert.base64-encode/resource=index.php` reads a page's source;
// `expect://id` runs a command; `phar://upload.jpg/x` deserializes; `data://text/plain;base64,…`
// is code included as a file). CRS 933200 and 931 block them at paranoia level 1. No form field or
// API argument of a site starts so (browsers write `data:` URLs without the slashes). Read by
// core/payloads.ts; total and allocation-free.

import { HEAD_RCE, HEAD_TRAVERSAL } from "./classes";
import { lowerAscii, skipBlanks, startsOneOf } from "../lib/bytes";

// Wrappers that read a file (traversal) and those that run or build code (rce), with their `://`.
const READERS: StaticArray<string> = [
  "php://filter", "php://fd", "zip://", "zlib://", "compress.zlib://", "compress.bzip2://", "glob://",
  "ogg://", "rar://", "ssh2.sftp://", "ssh2.scp://",
];
const RUNNERS: StaticArray<string> = [
  "php://input", "expect://", "phar://", "data://", "ssh2.shell://", "ssh2.exec://", "ssh2.tunnel://",
];

// The class of the wrapper p[0..n) starts with (after blanks), or 0.
export function phpWrapper(p: usize, n: i32): i32 {
  let i = skipBlanks(p, n, 0);
  if (i >= n) return 0;
  let c = lowerAscii(<u32>load<u8>(p + <usize>i));
  // First letters of both lists: c d e g o p r s z.
  if (c != 0x63 && c != 0x64 && c != 0x65 && c != 0x67 && c != 0x6F && c != 0x70 && c != 0x72 && c != 0x73 && c != 0x7A) return 0;
  if (startsOneOf(p, n, i, RUNNERS)) return HEAD_RCE;
  if (startsOneOf(p, n, i, READERS)) return HEAD_TRAVERSAL;
  return 0;
}
