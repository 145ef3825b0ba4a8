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
// '/' or '\\') up to a NUL (where a server written in C stops) and without trailing dots and
// blanks (which Windows drops: `shell.php.`), without case.
export function scriptUpload(p: usize, n: i32): bool {
  let e = indexOf(p, 0, n, 0);
  while (e > 0 && (load<u8>(p + <usize>(e - 1)) == 0x2E || load<u8>(p + <usize>(e - 1)) <= 0x20)) e--;
  let b = segmentStart(p, e);
  if (isOneOf(p, e, b, e - b, SERVER_CONFIGS)) return true;
  let d = extensionStart(p, b, e);
  return d >= 0 && isOneOf(p, e, d, e - d, SCRIPT_EXTENSIONS);
}
