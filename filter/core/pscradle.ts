// A PowerShell download cradle: script fetched from a URL and run, the first stage of most
// Windows intrusions: `IEX (New-Object Net.WebClient).DownloadString('http://…')`, `Invoke-Expression
// (Invoke-WebRequest …)`, `.DownloadFile('http://…', …)`. IEX or Invoke-Expression called on a
// download or a decoding, or a WebClient download method given a URL. The model scored the first
// 34 and the other two 52 and 81. Read by core/payloads.ts at each '(' of a text; total and
// allocation-free.

import { byteAt, matchesLowerAt, skipBlanks, startsOneOf, isOneOf } from "../lib/bytes";

// What IEX runs when it runs a download or a decoding (lower case, matched without case).
const FETCHES: StaticArray<string> = ["new-object", "iwr", "irm", "invoke-webrequest", "invoke-restmethod", "[system.text.encoding]", "[text.encoding]", "[convert]", "[system.convert]"];
const DOWNLOADS: StaticArray<string> = ["downloadstring", "downloadfile", "downloaddata"];
// How far into a download's arguments the URL's `//` is looked for.
const MAX_ARGUMENT_BYTES = 256;

// Whether the call whose '(' is at i, after the name p[s..e), is a cradle.
export function powershellCradleAt(p: usize, n: i32, i: i32, s: i32, e: i32): bool {
  let len = e - s;
  if ((len == 3 && matchesLowerAt(p, n, s, "iex")) ||
      (len == 10 && matchesLowerAt(p, n, s, "expression") && byteAt(p, n, s - 1) == 0x2D && matchesLowerAt(p, n, s - 7, "invoke"))) {
    let a = skipBlanks(p, n, i + 1);
    if (byteAt(p, n, a) == 0x28) a = skipBlanks(p, n, a + 1); // IEX ((New-Object …
    return startsOneOf(p, n, a, FETCHES);
  }
  if (len >= 12 && len <= 14 && byteAt(p, n, s - 1) == 0x2E && isOneOf(p, n, s, len, DOWNLOADS)) {
    let end = min(n, i + MAX_ARGUMENT_BYTES);
    for (let k = i + 1; k + 1 < end; k++) if (load<u8>(p + <usize>k) == 0x2F && load<u8>(p + <usize>(k + 1)) == 0x2F) return true;
  }
  return false;
}
