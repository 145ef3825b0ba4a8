// A value that starts as a URL whose authority hides the host a reader would take for it, the
// bypasses of redirect and fetch allow-lists (OWASP's unvalidated redirects cheat sheet; CRS
// flags off-site redirects by pattern): user info that reads as a host before the host
// (`//trusted.example@evil.com`, `https://trusted.example@evil.com/`), three or more slashes (`///evil.com`, which browsers
// read as `//evil.com`), or a slash and a backslash (`/\evil.com`). Read by core/payloads.ts;
// total and allocation-free. No link a site writes into its own parameters looks so; the model
// scored such values 50–99 in the fold that held its open-redirect lists out.

import { isIdentByte, isOneOf, isSlash, lowerAscii, matchesLowerAt, skipBlanks } from "../lib/bytes";

export function hiddenHost(p: usize, n: i32): bool {
  let i = skipBlanks(p, n, 0);
  if (matchesLowerAt(p, n, i, "https:")) i += 6;
  else if (matchesLowerAt(p, n, i, "http:")) i += 5;
  let s = i;
  while (i < n && isSlash(load<u8>(p + <usize>i))) i++;
  let slashes = i - s;
  if (slashes < 2) return false;
  let mixed = load<u8>(p + <usize>s) != load<u8>(p + <usize>(s + 1));
  // The authority: to the next separator, '?', '#' or blank.
  let e = i, at = -1;
  while (e < n) {
    let c = load<u8>(p + <usize>e);
    if (c <= 0x20 || isSlash(c) || c == 0x3F || c == 0x23) break;
    if (c == 0x40) at = e;
    e++;
  }
  if (at > i && at + 1 < e && isIdentByte(lowerAscii(load<u8>(p + <usize>(at + 1)))) && hostLike(p, i, at)) return true; // host@host
  return (slashes >= 3 || mixed) && hostName(p, i, e);
}

// A value that opens (a slash before it allowed) with a character that redirect lists write for a
// slash, then a host: the vertical kana repeat marks 〱 and 〵, the hiragana iteration mark ゝ and
// the long vowel marks ー and ｰ (`〱evil.com`, `/ゝgoogle.com`, `ー216.58.214.206`: PayloadsAllTheThings'
// open-redirect list): open_redirect, as a browser reads them. The model scored such values 99.
// Prose in Japanese does not open with one before a Latin host. Read by core/payloads.ts for a text
// mayOpenWithLookalike passes.
export function lookalikeSlashHost(p: usize, n: i32): bool {
  let i = skipBlanks(p, n, 0);
  if (i < n && isSlash(load<u8>(p + <usize>i))) i++;
  let k = lookalikeLength(p, n, i);
  if (k == 0) return false;
  i += k;
  let e = i, digits = true;
  while (e < n) {
    let c = load<u8>(p + <usize>e);
    if (isSlash(c) || c == 0x3F || c == 0x23 || c == 0x3A) break;
    if (c - 0x30 >= 10 && c != 0x2E) digits = false;
    e++;
  }
  return hostName(p, i, e) || (digits && e - i >= 7);
}

// The UTF-8 length of the slash look-alike at i (U+3031, U+3035, U+309D, U+30FC, U+FF70), or 0.
function lookalikeLength(p: usize, n: i32, i: i32): i32 {
  if (i + 3 > n) return 0;
  let a = load<u8>(p + <usize>i), b = load<u8>(p + <usize>(i + 1)), c = load<u8>(p + <usize>(i + 2));
  if (a == 0xE3 && ((b == 0x80 && (c == 0xB1 || c == 0xB5)) || (b == 0x82 && c == 0x9D) || (b == 0x83 && c == 0xBC))) return 3;
  return a == 0xEF && b == 0xBD && c == 0xB0 ? 3 : 0;
}

// Whether p[0..n) may open so (lookalikeSlashHost), in a few instructions for every text: its first
// byte, or its second after a slash, leads a three-byte sequence of E3 or EF.
// @ts-ignore: decorator
@inline export function mayOpenWithLookalike(p: usize, n: i32): bool {
  if (n < 6) return false;
  let c = <u32>load<u8>(p);
  if (c == 0x2F || c == 0x5C) c = <u32>load<u8>(p, 1);
  return c == 0xE3 || c == 0xEF;
}

// Whether the user info p[s, e) may stand for a host, as the trusted one a bypass shows a reader
// does (`trusted.example`, `127.0.0.1`, `localhost`, `;`, an empty name): all but a user's name and
// password of name bytes (`https://builder@dev.azure.com/…` of git remotes, `user:token@`), which
// hides nothing.
function hostLike(p: usize, s: i32, e: i32): bool {
  if (load<u8>(p + <usize>s) - 0x30 < 10) return true;
  let colons = 0, run = 0;
  for (let j = s; j < e; j++) {
    let c = load<u8>(p + <usize>j);
    if (c == 0x3A) { if (run == 0 || ++colons > 1) return true; run = 0; continue; }
    if (!(isIdentByte(lowerAscii(c)) || c == 0x2D)) return true; // a dot, `;`, `\`, ...
    run++;
  }
  return run == 0 || (e - s == 9 && matchesLowerAt(p, e, s, "localhost"));
}

// The same bypass where a path segment is the redirect target (`/out/<url>` routes): a segment
// after three or more separators, or after a run of them with a backslash in it, that is a host
// name (`/app/files///evil.com`, `/go/\\evil.com`). Two slashes are left alone (sloppy joins write
// them, and `/fetch/https://cdn.example/…` is a site's own proxy), and so is a file name
// (`/static///app.js`): a last label that is a web file's extension is no host.
export function hiddenHostInPath(p: usize, n: i32): bool {
  let i = 0;
  while (i < n) {
    let c = load<u8>(p + <usize>i);
    if (!isSlash(c)) { i++; continue; }
    let s = i, backslash = false;
    while (i < n && isSlash(c = load<u8>(p + <usize>i))) { if (c == 0x5C) backslash = true; i++; }
    if (i - s < 3 && !(i - s == 2 && backslash)) continue;
    let e = i;
    while (e < n) {
      c = load<u8>(p + <usize>e);
      if (c <= 0x20 || isSlash(c) || c == 0x3F || c == 0x23) break;
      e++;
    }
    if (hostName(p, i, e)) {
      let label = topLabelLength(p, i, e);
      if (!isOneOf(p, n, e - label, label, FILE_EXTENSIONS)) return true;
    }
    i = e;
  }
  return false;
}

// Extensions of the files a page loads or links, which a host name's last label could spell.
const FILE_EXTENSIONS: StaticArray<string> = [
  "js", "mjs", "cjs", "css", "map", "html", "htm", "php", "asp", "aspx", "jsp", "json", "xml", "txt",
  "csv", "png", "jpg", "jpeg", "gif", "svg", "ico", "webp", "avif", "bmp", "woff", "woff2", "ttf",
  "otf", "eot", "pdf", "zip", "gz", "webm", "wasm", "md", "yml", "yaml",
];

// The length of p[s, e)'s last dot-separated label.
function topLabelLength(p: usize, s: i32, e: i32): i32 {
  let j = e;
  while (j > s && load<u8>(p + <usize>(j - 1)) != 0x2E) j--;
  return e - j;
}

// Whether p[s, e) is a host name with a dot and a top-level label of two or more letters.
function hostName(p: usize, s: i32, e: i32): bool {
  let dot = -1;
  for (let j = s; j < e; j++) {
    let c = load<u8>(p + <usize>j);
    if (c == 0x2E) dot = j;
    else if (!isIdentByte(c) && c != 0x2D) return false;
  }
  if (dot <= s || e - dot - 1 < 2) return false;
  for (let j = dot + 1; j < e; j++) if ((load<u8>(p + <usize>j) | 0x20) - 0x61 >= 26) return false;
  return true;
}
