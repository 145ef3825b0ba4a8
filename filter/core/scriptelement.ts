// Cross-site scripting by its grammar: a script element that loads code from elsewhere or whose
// code calls, assigns or runs a tagged template (`<script>alert(1)</script>`,
// `</title><script>alert('x')</script>`, `<script src=//evil.test/x.js>`), as CRS blocks a script
// tag at paranoia level 1 (941110): xss, or rce for one the server runs (`<script runat="server">`,
// an ASP.NET page uploaded as a web shell). Read by core/payloads.ts; total and allocation-free.
//
// The model scored `<script>alert('xss')</script>` 12-19 alone, 56 after `2021</title>` and 54-60
// in a User-Agent before a browser's own (`make compare`'s attacks only CRS caught). A page sent as
// data (a CMS's page, a sign-in page's template: the dataset's benign `<script>`s) holds comments,
// JSON (`type="application/ld+json"`) or templates in its script elements (none of them code that
// calls or assigns, or a type a browser does not run), or is a whole page (below).

import { byteAt, containsCI, equalsCI, isIdentByte, isLetter, isWhitespace, matchesLowerAt, skipBlanks } from "../lib/bytes";
import { indexOf, indexOf2 } from "../lib/scan";
import { HEAD_XSS, HEAD_RCE } from "./classes";

// How far past `<script` its attributes, and past its `>` its code, are read.
const MAX_TAG_BYTES = 512;
const MAX_CODE_BYTES = 1024;

// The class of the first script element in p[0..n) that loads or runs code, or 0. A text that is
// a whole page (it opens with `<!doctype html` or `<html`, after any comments: a CMS's page, an editor
// extension's source sent to Contentful's API, an uploaded page under its licence's comment) is left
// to the model: its scripts are the page's own.
export function scriptElement(p: usize, n: i32): i32 {
  let b = skipBlanks(p, n, 0);
  if (byteAt(p, n, b) == 0x3C && byteAt(p, n, b + 1) == 0x21) b = afterComments(p, n, b); // `<!`
  if (matchesLowerAt(p, n, b, "<!doctype html") || matchesLowerAt(p, n, b, "<html")) return 0;
  for (let i = indexOf2(p, 0, n, 0x3C, 0x3C); i < n; i = indexOf2(p, i + 1, n, 0x3C, 0x3C)) { // '<'
    if (!matchesLowerAt(p, n, i + 1, "script")) continue;
    let j = i + 7;
    let c = byteAt(p, n, j);
    if (!isWhitespace(<u8>c) && c != 0x2F && c != 0x3E) continue; // `<scripts`, `<script-x`
    let limit = min(n, j + MAX_TAG_BYTES);
    let end = indexOf2(p, j, limit, 0x3E, 0x3E); // '>'
    if (end >= limit) continue;
    let attrs = tagAttributes(p, j, end);
    if ((attrs & SRC) != 0 || ((attrs & NOT_SCRIPT_TYPE) == 0 && codeRuns(p, n, end + 1))) {
      return (attrs & RUNAT_SERVER) != 0 ? HEAD_RCE : HEAD_XSS;
    }
    i = end;
  }
  return 0;
}

// Where p[0..n) goes on after the comments (and blanks) from b, which opens one: b itself when a
// comment there does not close.
function afterComments(p: usize, n: i32, b: i32): i32 {
  while (matchesLowerAt(p, n, b, "<!--")) {
    let e = indexOf(p, b + 4, n, 0x3E); // '>'
    while (e < n && !(load<u8>(p + <usize>(e - 1)) == 0x2D && load<u8>(p + <usize>(e - 2)) == 0x2D)) e = indexOf(p, e + 1, n, 0x3E);
    if (e >= n) break;
    b = skipBlanks(p, n, e + 1);
  }
  return b;
}

const SRC = 1, NOT_SCRIPT_TYPE = 2, RUNAT_SERVER = 4;

// What the attributes p[from..end) of a script tag say: SRC for a `src` with a value,
// NOT_SCRIPT_TYPE for a `type` a browser does not run as script (JSON, a template, HTML: a type
// runs when it is empty, `module`, or names a script language, `text/javascript`,
// `application/ecmascript`, `text/vbscript`), RUNAT_SERVER for `runat="server"`.
function tagAttributes(p: usize, from: i32, end: i32): i32 {
  let out = 0;
  let i = from;
  while (i < end) {
    let c = <u32>load<u8>(p + <usize>i);
    if (!isLetter(c)) { i++; continue; }
    let s = i;
    while (i < end && (isLetter(<u32>load<u8>(p + <usize>i)) || load<u8>(p + <usize>i) == 0x2D)) i++;
    let nameLen = i - s;
    while (i < end && isWhitespace(load<u8>(p + <usize>i))) i++;
    if (i >= end || load<u8>(p + <usize>i) != 0x3D) continue; // '='
    i++;
    while (i < end && isWhitespace(load<u8>(p + <usize>i))) i++;
    // The value: quoted to its quote, else to a blank.
    let q = byteAt(p, end, i);
    let vs = i, ve = i;
    if (q == 0x22 || q == 0x27) {
      vs = i + 1;
      ve = indexOf2(p, vs, end, <u8>q, <u8>q);
      i = ve + 1;
    } else {
      while (i < end && !isWhitespace(load<u8>(p + <usize>i))) i++;
      ve = i;
    }
    if (nameLen == 3 && matchesLowerAt(p, end, s, "src") && ve > vs && !relativeUrl(p, vs, ve)) out |= SRC;
    if (nameLen == 4 && matchesLowerAt(p, end, s, "type") && !scriptType(p, vs, ve)) out |= NOT_SCRIPT_TYPE;
    if (nameLen == 5 && matchesLowerAt(p, end, s, "runat") && equalsCI(p + <usize>vs, ve - vs, "server")) out |= RUNAT_SERVER;
  }
  return out;
}

// Whether the URL p[s..e) is relative to the page's own directory (`base64js.min.js`, `./dist/x.js`):
// no scheme, and no `/` or `\` first. A README or a page's source shows its own scripts so; a
// payload loads one from elsewhere (`//evil.test/x.js`, `http:…`, `data:,…`) or from a path the
// attacker chose (`/uploads/x.js`).
function relativeUrl(p: usize, s: i32, e: i32): bool {
  while (s < e && isWhitespace(load<u8>(p + <usize>s))) s++;
  if (s >= e) return false;
  let c = <u32>load<u8>(p + <usize>s);
  if (c == 0x2F || c == 0x5C) return false;
  for (let i = s; i < e; i++) {
    let d = <u32>load<u8>(p + <usize>i);
    if (d == 0x3A || d < 0x20 || d == 0x26 || d == 0x25) return false; // a scheme, a control, an entity or an escape
    if (d == 0x2F || d == 0x5C) break;
  }
  return true;
}

// Whether the type attribute's value p[s..e) is one a browser runs: empty, `module`, or holding
// `script`.
function scriptType(p: usize, s: i32, e: i32): bool {
  while (s < e && isWhitespace(load<u8>(p + <usize>s))) s++;
  while (e > s && isWhitespace(load<u8>(p + <usize>(e - 1)))) e--;
  if (s == e) return true;
  return equalsCI(p + <usize>s, e - s, "module") || containsCI(p + <usize>s, e - s, "script");
}

// Whether the element's code from `from` (to its `</script`, the text's end or MAX_CODE_BYTES)
// calls (`alert(1)`, `a.b (x)`, `f()()`, `x[0](1)`), runs a tagged template (`` alert`1` ``) or
// assigns (`location='//x.test'`, not `==` or `=>`). Comments are skipped: `//` at the start or
// after a blank or `;` (not a URL's `://`), and `/* … */`.
function codeRuns(p: usize, n: i32, from: i32): bool {
  let end = min(n, from + MAX_CODE_BYTES);
  let prev: u32 = 0x3B; // the last byte before i that is not a blank; ';' at the start
  let i = from;
  while (i < end) {
    let c = <u32>load<u8>(p + <usize>i);
    if (isWhitespace(<u8>c)) { i++; continue; }
    if (c == 0x2F) { // '/'
      let d = byteAt(p, n, i + 1);
      if (d == 0x2F && (prev == 0x3B || isWhitespace(<u8>byteAt(p, n, i - 1)))) { // `prev` is ';' at the code's start
        while (i < end && load<u8>(p + <usize>i) != 0x0A) i++;
        continue;
      }
      if (d == 0x2A) { // "/*"
        i += 2;
        while (i + 1 < end && !(load<u8>(p + <usize>i) == 0x2A && load<u8>(p + <usize>(i + 1)) == 0x2F)) i++;
        i += 2;
        continue;
      }
    }
    if (c == 0x3C && byteAt(p, n, i + 1) == 0x2F && matchesLowerAt(p, n, i + 2, "script")) return false; // `</script`
    let called = isIdentByte(prev) || prev == 0x29 || prev == 0x5D; // a name, `)` or `]` before it
    if (c == 0x28 && called) return true; // '('
    if (c == 0x60 && isIdentByte(prev) && !isWhitespace(<u8>byteAt(p, n, i - 1))) return true; // '`'
    if (c == 0x3D && called) { // '='
      let d = byteAt(p, n, i + 1);
      if (d != 0x3D && d != 0x3E) return true;
    }
    prev = c;
    i++;
  }
  return false;
}
