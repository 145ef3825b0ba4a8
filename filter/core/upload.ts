// A file uploaded under a name the web server runs as a script (`shell.php`, `cmd.jsp`,
// `x.aspx`) or reads as its own configuration (`.htaccess`, `.user.ini`, `web.config`, which make
// the next image a script): the first step of a web shell, whatever the content (CRS blocks PHP's
// by filename at paranoia level 1, 933110). The model read `.htaccess` holding
// `AddType application/x-httpd-php .jpg` as 81. Read by core/signatures.ts for a multipart file's
// filename; total and allocation-free.

import { indexOf } from "../lib/scan";
import { extensionStart, isOneOf, segmentStart } from "../lib/bytes";

const SCRIPT_EXTENSIONS: StaticArray<string> = [
  "php", "php3", "php4", "php5", "php7", "php8", "phtml", "pht", "phar", "jsp", "jspx", "asp", "aspx", "ashx", "asmx",
];
const SERVER_CONFIGS: StaticArray<string> = [".htaccess", ".user.ini", "web.config"];

// Whether filename p[0..n) names a script or a server configuration: its base name (after the last
// '/' or '\\') up to a NUL (where a server written in C stops), a `%00` (the same byte as attack
// tools send it, which no browser leaves encoded), a `;` (IIS 6 runs `x.asp;.jpg` as ASP) or a `:`
// (NTFS stores `x.php::$DATA` as `x.php`), without trailing dots and blanks (which Windows drops:
// `shell.php.`), without case. A script's extension before another (`notes.php.txt`) is left to the
// model, as CRS 933110 leaves it: only a server that hands any name holding `.php` to PHP runs it.
export function scriptUpload(p: usize, n: i32): bool {
  let e = indexOf(p, 0, n, 0);
  let b = segmentStart(p, e);
  for (let i = b; i < e; i++) {
    let c = load<u8>(p + <usize>i);
    if (c == 0x3B || c == 0x3A || (c == 0x25 && i + 2 < e && load<u8>(p + <usize>(i + 1)) == 0x30 && load<u8>(p + <usize>(i + 2)) == 0x30)) { e = i; break; }
  }
  while (e > b && (load<u8>(p + <usize>(e - 1)) == 0x2E || load<u8>(p + <usize>(e - 1)) <= 0x20)) e--;
  if (isOneOf(p, e, b, e - b, SERVER_CONFIGS)) return true;
  let d = extensionStart(p, b, e);
  return d >= 0 && isOneOf(p, e, d, e - d, SCRIPT_EXTENSIONS);
}
