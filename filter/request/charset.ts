// Whether a body's declared charset (the Content-Type's `charset` parameter) leaves its ASCII bytes
// ASCII, so that what the filter reads is what the application decodes. EBCDIC code pages
// (`charset=ibm037`, `ibm500`, `cp875`, ...), UTF-16 and UTF-32 and UTF-7 (`+ADw-script+AD4-`) do
// not: ASP.NET and some Java servers decode a form or an XML body by the charset the client names,
// and a payload in IBM037 is bytes no filter that reads ASCII sees as one (a known WAF bypass; CRS
// 920480 refuses any charset but four at paranoia level 1). Such a body is undecodable to the
// filter, as an unknown Content-Encoding is (request/request.ts), and `on_undecodable` decides it.
// Read once per request with a body; total and allocation-free.

import { skipSpacesAndTabs, matchesLowerAt, isOneOf, startsOneOf } from "../lib/bytes";

// The ASCII-compatible charsets read as they are (lower case): Unicode's UTF-8, the ISO 8859 and
// Windows families by prefix, and the legacy multibyte sets of CJK, Cyrillic and Thai sites, whose
// bytes under 0x80 are ASCII. Any other name, or one the filter does not know, is undecodable.
const EXACT: StaticArray<string> = [
  "utf-8", "utf8", "us-ascii", "ascii", "latin1", "latin-1", "l1", "iso_8859-1", "shift_jis", "shift-jis", "sjis",
  "x-sjis", "windows-31j", "cp932", "ms932", "euc-jp", "x-euc-jp", "euc-kr", "ks_c_5601-1987", "cp949", "uhc",
  "euc-cn", "gb2312", "gbk", "cp936", "gb18030", "big5", "big5-hkscs", "cp950", "koi8-r", "koi8-u", "tis-620",
  "iso-2022-jp", "iso-2022-kr", "iso-2022-cn", "macintosh", "x-mac-roman",
];
const PREFIXES: StaticArray<string> = ["iso-8859-", "iso8859-", "iso8859_", "windows-125", "cp125", "windows-874"];

// Whether the Content-Type p[0..n) names no charset, or one whose ASCII bytes are ASCII.
export function charsetReadable(p: usize, n: i32): bool {
  let i = 0;
  while (i < n && load<u8>(p + <usize>i) != 0x3B) i++; // the media type
  while (i < n) {
    i = skipSpacesAndTabs(p, n, i + 1); // past ';'
    let nameStart = i;
    while (i < n && load<u8>(p + <usize>i) != 0x3D && load<u8>(p + <usize>i) != 0x3B) i++;
    let nameEnd = i;
    while (nameEnd > nameStart && load<u8>(p + <usize>(nameEnd - 1)) <= 0x20) nameEnd--;
    if (i < n && load<u8>(p + <usize>i) == 0x3D) {
      let charset = nameEnd - nameStart == 7 && matchesLowerAt(p, n, nameStart, "charset");
      i = skipSpacesAndTabs(p, n, i + 1);
      let quoted = i < n && load<u8>(p + <usize>i) == 0x22;
      if (quoted) i++;
      let vs = i;
      while (i < n && load<u8>(p + <usize>i) != (quoted ? 0x22 : 0x3B)) i++;
      let ve = i;
      while (ve > vs && load<u8>(p + <usize>(ve - 1)) <= 0x20) ve--;
      // Single quotes, which some clients put around it (`charset='UTF-8'`).
      if (ve - vs >= 2 && load<u8>(p + <usize>vs) == 0x27 && load<u8>(p + <usize>(ve - 1)) == 0x27) { vs++; ve--; }
      if (charset && ve > vs && !readable(p + <usize>vs, ve - vs)) return false;
    }
    while (i < n && load<u8>(p + <usize>i) != 0x3B) i++;
  }
  return true;
}

// Whether the charset name p[0..n) is one of EXACT, or one of PREFIXES and then a digit, without case.
function readable(p: usize, n: i32): bool {
  return isOneOf(p, n, 0, n, EXACT) || (startsOneOf(p, n, 0, PREFIXES) && <u32>load<u8>(p + <usize>(n - 1)) - 0x30 < 10);
}
