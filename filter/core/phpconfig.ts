// PHP-CGI's argument injection (CVE-2012-1823, and CVE-2024-4577 with a soft hyphen for the
// `-`): a query string that reaches php-cgi as its command line sets configuration directives
// (`-d allow_url_include=1 -d auto_prepend_file=php://input`) that make it run the request body.
// CRS 933120 blocks every directive name before a `=` at paranoia level 1; this reads the ones
// that let a request run or include code, assigned. The query's `=` is then `%3D` (a plain `=`
// would split it into a parameter), so only a query text that was percent-decoded is read. The
// model scored the CVE-2024-4577 query 21. Read by core/payloads.ts; total and allocation-free.

import { isOneOf } from "../lib/bytes";
import { indexOf2 } from "../lib/scan";

// Directives that let a request run or include code, or lift the limits on it (lower case).
const DIRECTIVES: StaticArray<string> = [
  "allow_url_include", "allow_url_fopen", "auto_prepend_file", "auto_append_file", "disable_functions",
  "disable_classes", "open_basedir", "safe_mode", "enable_dl", "cgi.force_redirect", "cgi.redirect_status_env",
];

// Whether p[0..n) assigns one of DIRECTIVES: its name, whole, then blanks and a '='.
export function phpConfigDirective(p: usize, n: i32): bool {
  for (let i = indexOf2(p, 0, n, 0x3D, 0x3D); i < n; i = indexOf2(p, i + 1, n, 0x3D, 0x3D)) { // '='
    let e = i;
    while (e > 0 && (load<u8>(p + <usize>(e - 1)) == 0x20 || load<u8>(p + <usize>(e - 1)) == 0x09)) e--;
    let s = e;
    while (s > 0 && isDirectiveByte(load<u8>(p + <usize>(s - 1)))) s--;
    if (e - s >= 9 && e - s <= 23 && isOneOf(p, n, s, e - s, DIRECTIVES)) return true;
  }
  return false;
}

// @ts-ignore: decorator
@inline function isDirectiveByte(c: u32): bool {
  return (c | 0x20) - 0x61 < 26 || c == 0x5F || c == 0x2E;
}
