// Semantic confirmation: before a window may score in the attack bands, a small lexer for the
// class the model names must find the syntax that class needs in the window's decoded text
// (`javascript:;` has no call, `516,516,4,4` no SQL keyword, `[object Object]` no tag). Called by
// core/score.ts for the rare windows whose logits pass GATE_LOGIT; total, allocation-free.
//
// The lexers are deliberately permissive: each asks for the least an attack of its class cannot
// do without, so that they reject the shapes of benign text the model over-reads, not attacks.

import { HEAD_COUNT } from "./classes";
import { partIsFileContent } from "../request/parts";
import { textPtr, textLen, textPart, textIsPiece } from "../decode/texts";
import { byteAt, lowerAscii, matchesLowerAt, isOneOf, isLetter, isWordChar, isIdentByte, isPathByte, isWhitespace, isSpaceOrTab, skipSpacesAndBreaks, skipSpacesAndTabs, skipBlanks, closesQuoteAt } from "../lib/bytes";
import { groupWords, groupByInitial, lengthsByInitial, initialAndLengthFit, isOneOfByInitial } from "../lib/groups";
import { indexOf2, indexOf2Inline } from "../lib/scan";
import { splat8 } from "../lib/splat";
import { attributeEnd, wildcardEmptyGroupAt } from "./ldapfilter";
import { WINDOW_BYTES, WINDOW_STEP } from "./features";
import { handlerNameEnd } from "./xsshandler";
import { plainQuery } from "./sqlquery";
import { schemaMasked, isColumnType } from "./sqlschema";
import { codeQueriesMasked } from "./sqlcode";
import { isCmdlet, MAX_CMDLET_BYTES } from "./pscmdlet";

// A logit above this (p > 0.5 before calibration) must be confirmed; unconfirmed, it is held at
// this value, which calibration maps outside the attack bands.
export const GATE_LOGIT: f32 = 0.0;

// Heads (core/classes.ts order).
const SQLI = 1, XSS = 2, RCE = 3, TRAVERSAL = 4, SSRF = 5, JNDI = 6, SSTI = 7, XXE = 8,
  NOSQLI = 9, CRLF = 10, OPEN_REDIRECT = 11, LDAPI = 12, SCANNER = 13;

// Holds each logit whose class the text does not confirm at GATE_LOGIT, and the overall one
// unless some class is confirmed: one over the gate, or, when likeliest, one of the model's three
// likeliest (the class heads disagree more often than the overall head: `%252F%252Fevil.com` is
// "crlf" first, "open_redirect" second). Hot only for suspicious windows: a benign window's logits
// are under the gate and return at once. opensText: the window starts where its text does (see
// confirms). ruledOut: a bit per head the text's part cannot hold (classesRuledOut), never confirmed.
export function gateLogits(logits: usize, p: usize, n: i32, opensText: bool, likeliest: bool = true, ruledOut: u32 = 0,
                           wp: usize = 0, wn: i32 = 0, wOpensText: bool = false): void {
  if (load<f32>(logits) <= GATE_LOGIT) {
    let any = false;
    for (let k = 1; k < HEAD_COUNT; k++) if (load<f32>(logits + (<usize>k << 2)) > GATE_LOGIT) { any = true; break; }
    if (!any) return;
  }
  let confirmed = false;
  // The three likeliest classes, before any is held.
  let t0 = 0, t1 = 0, t2 = 0;
  let v0 = -Infinity, v1 = -Infinity, v2 = -Infinity;
  for (let k = 1; k < HEAD_COUNT; k++) {
    let v = load<f32>(logits + (<usize>k << 2));
    if (v > v0) { t2 = t1; v2 = v1; t1 = t0; v1 = v0; t0 = k; v0 = v; }
    else if (v > v1) { t2 = t1; v2 = v1; t1 = k; v1 = v; }
    else if (v > v2) { t2 = k; v2 = v; }
  }
  for (let k = 1; k < HEAD_COUNT; k++) {
    let a = logits + (<usize>k << 2);
    if (load<f32>(a) <= GATE_LOGIT) continue;
    if (((ruledOut >> k) & 1) == 0 && confirmsIn(k, p, n, opensText, wp, wn, wOpensText)) confirmed = true;
    else store<f32>(a, GATE_LOGIT);
  }
  if (!confirmed && likeliest) {
    confirmed = (v0 <= GATE_LOGIT && ((ruledOut >> t0) & 1) == 0 && confirmsIn(t0, p, n, opensText, wp, wn, wOpensText)) ||
      (v1 <= GATE_LOGIT && ((ruledOut >> t1) & 1) == 0 && confirmsIn(t1, p, n, opensText, wp, wn, wOpensText)) ||
      (v2 <= GATE_LOGIT && ((ruledOut >> t2) & 1) == 0 && confirmsIn(t2, p, n, opensText, wp, wn, wOpensText));
  }
  if (!confirmed && load<f32>(logits) > GATE_LOGIT) store<f32>(logits, GATE_LOGIT);
}

// The heads a text p[0..n) of part `part` cannot hold whatever the model reads in its windows (a bit
// per head, for gateLogits): a multipart file's content is stored as a file, not put into a header
// line or a mail, so header lines in it (an uploaded e-mail, an HTTP message, a MIME entity) are no
// CRLF injection, nor are they in a text that opens with two header lines (headerBlock: an e-mail
// API's raw message, `Delivered-To: …\nReceived: …`) or in a piece cut from one; a text that is one
// plain SQL query (core/sqlquery.ts) is a query, not an injection into one, nor an LDAP filter (its
// `COUNT(*)` is what ldapSyntax reads as `(*)`).
export function classesRuledOut(prows: usize, part: i32, trows: usize, t: i32): u32 {
  let p = textPtr(trows, t), n = textLen(trows, t);
  // A piece is read as the text it was cut from, the last of its part's before it that is none.
  let o = t;
  while (o > 0 && textIsPiece(trows, o) && textPart(trows, o - 1) == part) o--;
  let out: u32 = partIsFileContent(prows, part) || headerBlock(textPtr(trows, o), textLen(trows, o)) ? <u32>1 << CRLF : 0;
  if (plainQuery(p, n)) out |= (<u32>1 << SQLI) | (<u32>1 << LDAPI);
  return out;
}

// Whether p[0..n) opens with two header lines, each a token, a `:` and a blank (`Delivered-To: …`,
// `Received: from …`, `MIME-Version: 1.0`; a line folded after the first counts as its own): a
// message's or a header block's text, whose lines are headers by design. An injection puts its header
// line after a value (`en\r\nSet-Cookie: …`).
function headerBlock(p: usize, n: i32): bool {
  if (!fieldLineAt(p, n, 0)) return false;
  let i = indexOf2(p, 0, n, 0x0A, 0x0D);
  if (byteAt(p, n, i) == 0x0D && byteAt(p, n, i + 1) == 0x0A) i++;
  i++;
  return i < n && (fieldLineAt(p, n, i) || isSpaceOrTab(load<u8>(p + <usize>i)));
}

// Whether the line at i opens with a header field: a token that starts with a letter, `:` and a blank.
function fieldLineAt(p: usize, n: i32, i: i32): bool {
  let j = i;
  while (j < n && (isWordChar(<u32>load<u8>(p + <usize>j)) || load<u8>(p + <usize>j) == 0x2D)) j++;
  return j - i >= 2 && j - i <= 64 && isLetter(<u32>load<u8>(p + <usize>i)) && byteAt(p, n, j) == 0x3A && isSpaceOrTab(byteAt(p, n, j + 1));
}

// How much of window p[0..n) the lexers read: all of it, but for the word its end cuts when the
// text goes on (closesText false: p[n] is the text's next byte, a word byte as p[n - 1] is). Cut,
// `execute_python_file` is SQL's `exec` at a window's end, and `selection` its `select`; the next
// window, which overlaps this one by far more than a word, reads the word whole. A window of one
// word is read as none. Inlined: core/windows.ts asks it of every window, most of which close their
// text and return at the first test.
// @ts-ignore: decorator
@inline export function lexedLength(p: usize, n: i32, closesText: bool): i32 {
  if (closesText || n == 0) return n;
  if (!isWordChar(<u32>load<u8>(p + <usize>n)) || !isWordChar(<u32>load<u8>(p + <usize>(n - 1)))) return n;
  let i = n - 1;
  while (i > 0 && isWordChar(<u32>load<u8>(p + <usize>(i - 1)))) i--;
  return i;
}

// confirms for a window, or for a piece cut from window wp[0..wn) (core/zoom.ts; wp 0: none):
// the piece only when its window confirms too. A piece's bytes are its window's, so a payload the
// prose around it dilutes for the model is whole for the window's lexer; what a piece alone has
// that its window has not is a cut's artefact: a quote that closes a string the window opened, a
// tag whose close the cut left out, a Mustache `{{.}}` without its section.
function confirmsIn(k: i32, p: usize, n: i32, opensText: bool, wp: usize, wn: i32, wOpensText: bool): bool {
  return confirms(k, p, n, opensText) && (wp == 0 || confirms(k, wp, wn, wOpensText));
}

// Whether p[0..n) holds the syntax class k needs. opensText: p is where its text starts, not a
// window further in, which starts at an arbitrary byte (`…wh|at that time`, `…mo|del = RNNModel(`):
// only a text's start is a command's position with no separator before it.
export function confirms(k: i32, p: usize, n: i32, opensText: bool = true): bool {
  switch (k) {
    case SQLI: return sqlSyntax(p, n) && sqlBeyondSchema(p, n) && sqlBeyondCode(p, n);
    case XSS: return scriptSyntax(p, n);
    case RCE: return commandSyntax(p, n, opensText);
    case TRAVERSAL: return pathSyntax(p, n);
    case SSRF: return urlSyntax(p, n);
    case JNDI: return lookupSyntax(p, n);
    case SSTI: return templateSyntax(p, n);
    case XXE: return xmlDeclSyntax(p, n);
    case NOSQLI: return mongoSyntax(p, n);
    case CRLF: return headerBreak(p, n);
    case OPEN_REDIRECT: return redirectSyntax(p, n);
    case LDAPI: return ldapSyntax(p, n);
    case SCANNER: return toolName(p, n);
  }
  return true; // a head without a lexer is not gated
}

// The classes whose lexers accept p[0..n): bit k for head k. For Node's training export and census.
export function confirmedClasses(p: usize, n: i32, opensText: bool): u32 {
  let mask: u32 = 0;
  for (let k = 1; k < HEAD_COUNT; k++) if (confirms(k, p, n, opensText)) mask |= 1 << <u32>k;
  return mask;
}

// ---- helpers -------------------------------------------------------------------------------

// The first index of s (lower-case) at or after from, without case, or -1. The lexers ask it of
// every needle of their lists, window by window: the first two bytes (either case) are looked for
// 16 places at a time, and only where both stand is the rest compared (a byte-by-byte scan was half
// of a prose body's instructions: `make profile`).
function find(p: usize, n: i32, s: string, from: i32 = 0): i32 {
  let len = s.length;
  let last = n - len; // the last index s can start at
  if (from > last) return -1;
  let q = changetype<usize>(s);
  let a = <u32>load<u16>(q);
  if (len < 2) {
    let i = indexOf2Inline(p, from, last + 1, <u8>a, <u8>otherCase(a));
    return i > last ? -1 : i;
  }
  let b = <u32>load<u16>(q, 2);
  let va = splat8(<u8>a), vA = splat8(<u8>otherCase(a)), vb = splat8(<u8>b), vB = splat8(<u8>otherCase(b));
  let i = from;
  // A block of 16 starts and the 16 bytes after them: both in the text, since s is 2 or more long.
  while (i + 15 <= last) {
    let m = pairStarts(p + <usize>i, va, vA, vb, vB);
    while (m != 0) {
      let j = i + ctz(m);
      if (matchesLowerAt(p, n, j, s)) return j;
      m &= m - 1;
    }
    i += 16;
  }
  if (i > last) return -1;
  if (last >= 15) {
    // The last 16 starts, which overlap those already seen: drop their bits.
    let at = last - 15;
    let m = pairStarts(p + <usize>at, va, vA, vb, vB) & ~((1 << (i - at)) - 1);
    while (m != 0) {
      let j = at + ctz(m);
      if (matchesLowerAt(p, n, j, s)) return j;
      m &= m - 1;
    }
    return -1;
  }
  for (; i <= last; i++) if (matchesLowerAt(p, n, i, s)) return i;
  return -1;
}

// Bit j set when the bytes at q + j and q + j + 1 are a or A, then b or B.
// @ts-ignore: decorator
@inline function pairStarts(q: usize, va: v128, vA: v128, vb: v128, vB: v128): i32 {
  let v0 = v128.load(q), v1 = v128.load(q, 1);
  return i8x16.bitmask(v128.and(v128.or(i8x16.eq(v0, va), i8x16.eq(v0, vA)), v128.or(i8x16.eq(v1, vb), i8x16.eq(v1, vB))));
}

// A needle's lower-case letter's upper case; any other byte is its own.
// @ts-ignore: decorator
@inline function otherCase(c: u32): u32 { return c - 0x61 < 26 ? c - 0x20 : c; }

function has(p: usize, n: i32, s: string): bool { return find(p, n, s) >= 0; }

// A needle list made ready for nextNeedleAt: grouped by first byte (groupWords' ranges, 256 keys),
// and its first two bytes (lower case) a bit each of 2^16. A list with a needle shorter than two
// bytes or with a byte past 0xFF, or of more than 255 needles, is read needle by needle (whole).
class NeedleSet {
  byFirst: StaticArray<string>;
  ranges: StaticArray<u16>;
  pairs: StaticArray<u32>;
  whole: bool;
  needles: StaticArray<string>;
  constructor(needles: StaticArray<string>) {
    let pairs = new StaticArray<u32>(2048);
    let whole = needles.length > 255;
    for (let w = 0; w < needles.length; w++) {
      let s = unchecked(needles[w]);
      let a = s.length >= 2 ? <u32>s.charCodeAt(0) : 0x100, b = s.length >= 2 ? <u32>s.charCodeAt(1) : 0x100;
      if (a > 0xFF || b > 0xFF) { whole = true; continue; }
      let key = (a << 8) | b;
      unchecked(pairs[key >> 5] = pairs[key >> 5] | (<u32>1 << (key & 31)));
    }
    let byFirst = new StaticArray<string>(needles.length);
    this.ranges = whole ? new StaticArray<u16>(0) : groupWords(needles, 256, (w: string): i32 => <i32>w.charCodeAt(0) & 0xFF, byFirst);
    this.byFirst = byFirst;
    this.pairs = pairs;
    this.whole = whole;
    this.needles = needles;
  }
}

// The first index at or after from where some needle of set starts, without case, or -1: has()
// of each needle in one pass over the text (the lexers read long lists, CODE_CALLS and
// SENSITIVE_PATHS, for every window they are asked about, a pass per needle).
function nextNeedleAt(p: usize, n: i32, from: i32, set: NeedleSet): i32 {
  if (set.whole) {
    let best = -1;
    let needles = set.needles;
    for (let w = 0; w < needles.length; w++) {
      let i = find(p, n, unchecked(needles[w]), from);
      if (i >= 0 && (best < 0 || i < best)) best = i;
    }
    return best;
  }
  if (from < 0) from = 0;
  let t = changetype<usize>(set.pairs);
  let byFirst = set.byFirst, r = changetype<usize>(set.ranges);
  for (let i = from; i + 1 < n; i++) {
    let c = lowerAscii(<u32>load<u8>(p + <usize>i));
    let key = (c << 8) | lowerAscii(<u32>load<u8>(p + <usize>(i + 1)));
    if (!((load<u32>(t + (<usize>(key >> 5) << 2)) >>> (key & 31)) & 1)) continue;
    let range = <i32>load<u16>(r + (<usize>c << 1));
    for (let w = range >> 8, end = range & 0xFF; w < end; w++) if (matchesLowerAt(p, n, i, unchecked(byFirst[w]))) return i;
  }
  return -1;
}

// The next whole word at or after `from` that is one of `words` and minLen..maxLen bytes long:
// returns its end and leaves its start in foundStart; -1 when there is none. words, ranges and
// lengths are the list as lib/groups.ts's groupByInitial and lengthsByInitial make it ready: the
// lexers ask this of every word of prose.
let foundStart = 0;
function nextListedWord(p: usize, n: i32, from: i32, words: StaticArray<string>, ranges: StaticArray<u16>, lengths: StaticArray<u32>, minLen: i32, maxLen: i32): i32 {
  let i = from;
  while (i < n) {
    while (i < n && !isLetter(<u32>load<u8>(p + i))) i++;
    let start = i;
    while (i < n && isWordChar(<u32>load<u8>(p + i))) i++;
    let len = i - start;
    if (len < minLen || len > maxLen || !initialAndLengthFit(<u32>load<u8>(p + start), len, lengths)) continue;
    if (isOneOfByInitial(p, n, start, len, words, ranges, lengths)) { foundStart = start; return i; }
  }
  return -1;
}

// Whether one of the bytes of set occurs.
function hasAny(p: usize, n: i32, set: string): bool {
  let q = changetype<usize>(set), k = set.length;
  for (let i = 0; i < n; i++) {
    let c = <u32>load<u8>(p + i);
    for (let j = 0; j < k; j++) if (c == <u32>load<u16>(q + (<usize>j << 1))) return true;
  }
  return false;
}

// ---- the lexers ----------------------------------------------------------------------------

export const SQL_WORDS: StaticArray<string> = [
  "select", "union", "insert", "update", "delete", "drop", "exec", "execute", "declare", "sleep",
  "benchmark", "waitfor", "delay", "having", "and", "or", "xor", "not", "like", "rlike", "regexp",
  "case", "when", "then", "null", "char", "chr", "concat", "substring", "substr", "ascii", "mid",
  "load_file", "outfile", "dumpfile", "information_schema", "sysobjects", "pg_sleep", "dbms_pipe",
  "utl_inaddr", "extractvalue", "updatexml", "version", "database", "user", "cast", "convert",
  "if", "iif", "limit", "offset", "procedure", "shutdown", "truncate", "alter", "create", "table",
  "from", "where", "into", "values", "between", "is", "order", "group", "by", "all", "distinct",
  "true", "false", "md5", "sha1", "hex", "unhex", "count", "load", "exists", "elt", "make_set",
];
const SQL_WORD_LENGTHS = lengthsByInitial(SQL_WORDS);
const SQL_BY_INITIAL = new StaticArray<string>(SQL_WORDS.length);
const SQL_INITIAL_RANGES = groupByInitial(SQL_WORDS, SQL_BY_INITIAL);

// Whether p[start, start + len) is one of SQL_WORDS, without case. Also for core/mayconfirm.ts.
export function isSqlWordAt(p: usize, n: i32, start: i32, len: i32): bool {
  return isOneOfByInitial(p, n, start, len, SQL_BY_INITIAL, SQL_INITIAL_RANGES, SQL_WORD_LENGTHS);
}

// Whether a SQL keyword stands right beside (spaces aside) a quote, a parenthesis, `;`, `=`, `*`,
// `,`, `@`, `#`, a digit, a minus or a comment: `' or`, `1 union`, `select *`, `)and(`; English around a
// pipe or a full stop (`not set|not set`, `cats OR dogs.`) is not SQL.
function keywordBesideSql(p: usize, n: i32): bool {
  let i = 0;
  while ((i = nextListedWord(p, n, i, SQL_BY_INITIAL, SQL_INITIAL_RANGES, SQL_WORD_LENGTHS, 2, 24)) >= 0) if (listedWordIsSql(p, n, foundStart, i)) return true;
  return false;
}

// Whether the word of SQL_WORDS at p[start..end) stands as keywordBesideSql takes it. Also for
// core/mayconfirm.ts.
export function listedWordIsSql(p: usize, n: i32, start: i32, end: i32): bool {
  let a = lastNonWhitespace(p, start - 1);
  let b = skipWhitespace(p, n, end);
  let ca = byteAt(p, n, a), cb = byteAt(p, n, b);
  // A dash with blanks on both sides and a word beyond is prose's (a page title's `News - Union and
  // more`), not a minus or a comment's (`-1 union`, `union--`, `'-sleep(5)-'`, `null - '`).
  if (ca == 0x2D && a < start - 1 && isWhitespace(byteAt(p, n, a - 1)) && isLetter(byteAt(p, n, lastNonWhitespace(p, a - 1)))) ca = 0;
  if (cb == 0x2D && b > end && isWhitespace(byteAt(p, n, b + 1)) && isLetter(byteAt(p, n, skipWhitespace(p, n, b + 1)))) cb = 0;
  // Each rule below only takes neighbours away: a word with neither is none (most words of prose),
  // before any list is read.
  if (!sqlNeighbour(ca, byteAt(p, n, a - 1)) && !sqlNeighbour(cb, byteAt(p, n, b + 1))) return false;
  // Chrome's GREASE brand (`Not)A;Brand`, `Not=A?Brand`: User-Agent Client Hints, in every
  // Chromium's Sec-CH-UA and in the telemetry that copies it) puts punctuation beside `Not`.
  if (end - start == 3 && matchesLowerAt(p, n, end + 1, "a") && matchesLowerAt(p, n, end + 3, "brand") &&
      matchesLowerAt(p, n, start, "not")) return false;
  // JSON's literals between commas are an array's items (`[null,null,25200,null]`, Google's
  // batchexecute bodies), not SQL: `null` needs more than a comma to be part of a query.
  let len = end - start;
  if ((len == 4 || len == 5) && isOneOf(p, n, start, len, JSON_LITERALS)) {
    if (ca == 0x2C) ca = 0;
    if (cb == 0x2C) cb = 0;
  }
  // Nor is a word quoted alone (`{'type': 'null'}` of a JSON schema printed by Python, as agents'
  // tool definitions in LLM prompts carry it; a role of `'user'`): a string that holds the word,
  // closed where it opened. An operator glued between two quotes is one (`x'or'1'='1`).
  if (isQuote(ca) && cb == ca && a == start - 1 && b == end && !isOneOf(p, n, start, len, SQL_INFIX) &&
      !(len == 3 && matchesLowerAt(p, n, start, "not"))) { ca = 0; cb = 0; }
  // An apostrophe glued between the word and an English ending is a possessive or a contraction
  // (`the user's files`, `table's`), not a string the word closes; after an operator it opens one
  // (`1 and't'='t'`).
  if (cb == 0x27 && b == end && englishEnding(p, n, b + 1) && !isOneOf(p, n, start, len, SQL_INFIX)) cb = 0;
  // A member's name glued to a `.` after a name is code's or a qualified name's part
  // (`test.user(test.user)`, `self.version()`, `mysql.user`), no keyword or call of SQL's; after a
  // number the `.` ends it (`1.union select`).
  if (a == start - 1 && ca == 0x2E) {
    let before = byteAt(p, n, a - 1);
    if (isLetter(before) || before == 0x5F) return false;
  }
  // `or`, `and` or `xor` between a string the text quoted itself and a quoted plain word (`either
  // 'celsius' or 'fahrenheit'`, `('A' or 'B')` of prose quoting choices) breaks out of nothing and
  // joins a string every engine reads as false. The probe `A' OR 'B` breaks out with its first quote.
  if (ca == 0x27 && cb == 0x27 && (len == 2 || len == 3) && isOneOf(p, n, start, len, CONNECTIVES) &&
      closesQuoteAt(p, a) && falseStringAt(p, n, b)) return false;
  // An operator's left operand cannot be a list's comma, an opening parenthesis or a statement's end
  // (SQL_INFIX): `(KHTML, like Gecko)` of every WebKit User-Agent is no `LIKE`. A pattern match's right operand
  // is a string, a number, a call or a pattern (`like '%a%'`, `like 0x25`, `like(`), not a bare
  // word (`OS 11_0 like Mac OS X`).
  // Backquotes around an operator are prose's code spans (`` `branch` or `tag` ``), not identifiers;
  // nor is a comma, a closing parenthesis or a statement's end its right operand (`{?since,all,x}`).
  if (isOneOf(p, n, start, len, SQL_INFIX)) {
    if (ca == 0x2C || ca == 0x28 || ca == 0x3B || ca == 0x60) ca = 0;
    if (cb == 0x60 || cb == 0x2C || cb == 0x29 || cb == 0x3B) cb = 0;
  }
  // `IS` tests for NULL (`\N`), TRUE, FALSE or UNKNOWN, NOT before them (`v1.0.0 is now available`).
  if (len == 2 && matchesLowerAt(p, n, start, "is") && !(matchesLowerAt(p, n, b, "null") || matchesLowerAt(p, n, b, "not") ||
      matchesLowerAt(p, n, b, "true") || matchesLowerAt(p, n, b, "false") || matchesLowerAt(p, n, b, "unknown") ||
      matchesLowerAt(p, n, b, "\\n"))) return false;
  // `NOT` may open a parenthesis (`(not 1=1)`), not a statement or a list's item (`; not on Windows`).
  if ((ca == 0x2C || ca == 0x3B) && len == 3 && matchesLowerAt(p, n, start, "not")) ca = 0;
  // What is left below only takes neighbours away too (`,` of `1971, and the` was just taken).
  if (!sqlNeighbour(ca, byteAt(p, n, a - 1)) && !sqlNeighbour(cb, byteAt(p, n, b + 1))) return false;
  // A function's name is SQL when called, or a variable's (`version()`, `char(`, `@version`);
  // `) Version/17.1` of a User-Agent is not.
  if (isOneOf(p, n, start, len, SQL_FUNCTIONS)) return cb == 0x28 || ca == 0x40;
  if (isOneOf(p, n, start, len, SQL_PATTERN_MATCHES) && !(isQuote(cb) || cb == 0x28 || cb == 0x25 || cb == 0x40 || cb - 0x30 < 10)) return false;
  return sqlNeighbour(ca, byteAt(p, n, a - 1)) || sqlNeighbour(cb, byteAt(p, n, b + 1));
}

// Words of SQL_WORDS that need what stands before them: an operator's left operand, `ORDER`'s or
// `GROUP`'s `BY`, `CASE`'s `WHEN` and `THEN` a condition. A list's comma, an opening parenthesis or a
// statement's end before one is no SQL (`(KHTML, like Gecko)`, `(by fynd.bot;`, `server; or`, `Save
// it, then close`).
const SQL_INFIX: StaticArray<string> = ["and", "or", "xor", "like", "rlike", "regexp", "is", "between", "by", "all", "when", "then"];
// Words of SQL_WORDS that are SQL only as a call (or a variable's name after `@`).
const SQL_FUNCTIONS: StaticArray<string> = [
  "char", "chr", "concat", "substring", "substr", "ascii", "mid", "load_file", "extractvalue", "updatexml",
  "version", "database", "cast", "convert", "if", "iif", "md5", "sha1", "hex", "unhex", "count", "elt", "make_set", "benchmark",
];

// Whether p[i..] is an English ending after an apostrophe (`s`, `t`, `d`, `m`, `ll`, `re`, `ve`) and
// no word goes on after it.
function englishEnding(p: usize, n: i32, i: i32): bool {
  let c = lowerAscii(byteAt(p, n, i));
  let len = c == 0x73 || c == 0x74 || c == 0x64 || c == 0x6D ? 1 :
    matchesLowerAt(p, n, i, "ll") || matchesLowerAt(p, n, i, "re") || matchesLowerAt(p, n, i, "ve") ? 2 : 0;
  return len > 0 && !isWordChar(byteAt(p, n, i + len));
}

// SQL's logical connectives, whose operand a quoted plain word leaves false (falseStringAt).
const CONNECTIVES: StaticArray<string> = ["or", "and", "xor"];

// Whether p[q] opens a single-quoted string of plain words (letters first; letters, digits,
// blanks, `-`, `_`) that no engine reads as true, closed with no more SQL after it, or left open
// to the end (the application's own quote closes it): MySQL and SQLite read a string that does not
// start with a digit as 0, PostgreSQL reads `t`, `true`, `y`, `yes`, `on` (and their prefixes) as
// true, the others refuse a string as a condition. `'abc'='abc`, `'a' like 'a`, `'x'--`, `'1`,
// `'true` are none. Double quotes name a column in ANSI SQL and SQLite (`' or "id"`).
function falseStringAt(p: usize, n: i32, q: i32): bool {
  if (byteAt(p, n, q) != 0x27) return false;
  let i = skipSpacesAndTabs(p, n, q + 1);
  let s = i;
  if (!isLetter(byteAt(p, n, s))) return false;
  while (i < n && i - q <= FALSE_STRING_MAX) {
    let c = <u32>load<u8>(p + <usize>i);
    if (c == 0x27) break;
    if (!(isWordChar(c) || c == 0x2D || isSpaceOrTab(c))) return false;
    i++;
  }
  if (i - q > FALSE_STRING_MAX) return false;
  let e = i;
  while (e > s && isSpaceOrTab(<u32>load<u8>(p + <usize>(e - 1)))) e--;
  let w = e - s;
  if (prefixOfAt(p, s, w, "true") || prefixOfAt(p, s, w, "yes") || (w == 2 && matchesLowerAt(p, n, s, "on"))) return false;
  if (i >= n) return true; // left open: the rest is the string
  // What follows the closing quote (blanks and closing parentheses aside): the end, or punctuation
  // and words of prose, not an operator, a comment, a quote or a SQL word.
  let f = i + 1;
  while (f < n && (isSpaceOrTab(<u32>load<u8>(p + <usize>f)) || load<u8>(p + <usize>f) == 0x29)) f++;
  if (f >= n) return true;
  let c = <u32>load<u8>(p + <usize>f);
  if (c == 0x2C || c == 0x2E || c == 0x3A || c == 0x3F || c == 0x5D || c == 0x7D) return true;
  if (c == 0x21) return byteAt(p, n, f + 1) != 0x3D && byteAt(p, n, f + 1) != 0x7E;
  if (!isLetter(c)) return false;
  let g = f;
  while (g < n && isWordChar(<u32>load<u8>(p + <usize>g))) g++;
  return !isSqlWordAt(p, n, f, g - f) && !(g - f == 2 && matchesLowerAt(p, n, f, "in"));
}

// Whether p[s..s+w) is the first w letters of word (lower-case), without case.
function prefixOfAt(p: usize, s: i32, w: i32, word: string): bool {
  if (w > word.length) return false;
  for (let k = 0; k < w; k++) if (lowerAscii(<u32>load<u8>(p + <usize>(s + k))) != <u32>word.charCodeAt(k)) return false;
  return true;
}

// How far from its opening quote falseStringAt reads a string.
const FALSE_STRING_MAX = 64;

// Pattern matches, whose right operand is a pattern.
const SQL_PATTERN_MATCHES: StaticArray<string> = ["like", "rlike", "regexp"];
// JSON's literals, which SQL_WORDS hold too.
const JSON_LITERALS: StaticArray<string> = ["null", "true", "false"];

// c: the byte beside the keyword; beyond: the byte on c's far side. A `-` or `/` between two words
// joins them (`user-agent`, `sdk-version`, `and/or`): `-` counts only before or after what is not a
// letter (`or-1`, `union--`), `/` only as a comment's edge (`union/**/`, `*/select`).
// @ts-ignore: decorator
@inline function sqlNeighbour(c: u32, beyond: u32): bool {
  if (c == 0x2D) return !isLetter(beyond);
  if (c == 0x2F) return beyond == 0x2A;
  return c == 0x27 || c == 0x22 || c == 0x60 || c == 0x28 || c == 0x29 || c == 0x3B || c == 0x3D ||
    c == 0x2A || c == 0x2C || c == 0x40 || c == 0x23 || c - 0x30 < 10;
}

// A keyword next to SQL punctuation, or a quote that closes a string and goes on (`'--`, `')`, `'=`).
function sqlSyntax(p: usize, n: i32): bool {
  if (keywordBesideSql(p, n)) return true;
  // Inline comments inside keywords (uni/**/on), keywords glued without spaces (SElecTxfROMy).
  if (has(p, n, "/**/") || selectCalled(p, n)) return true;
  if (unionSelect(p, n) || has(p, n, "sleep(") || logicalOperator(p, n, 0x7C)) return true;
  // SQL Server's stored procedures by their database's name (`exec master..xp_cmdshell 'net view'`).
  if (has(p, n, "master..") || has(p, n, "xp_cmdshell")) return true;
  if (commentDashes(p, n) || has(p, n, "/*")) return hasAny(p, n, "'\"`;)*&=0123456789");
  let quotes = 0; // quotes of each kind so far: bits 0, 8 and 16 are the parities of ' " `
  for (let i = 0; i < n; i++) {
    let c = <u32>load<u8>(p + i);
    if (c != 0x27 && c != 0x22 && c != 0x60) continue;
    let shift: u32 = c == 0x27 ? 0 : c == 0x22 ? 8 : 16;
    let closesOwn = ((quotes >> shift) & 1) != 0;
    quotes ^= 1 << shift;
    // A quote that closes a string the text itself opened (`fetch('/1')`, `f("a");`) breaks out of
    // nothing: injected text closes the application's string with its first quote.
    if (closesOwn) continue;
    let j = i + 1;
    while (j < n && isWhitespace(<u32>load<u8>(p + j))) j++;
    let d = byteAt(p, n, j);
    // A string closed and followed by an operator or a terminator: '; ') '= '# '|| '+ '& '* '/ '< '% '^ '-
    if (d == 0x3B || d == 0x29 || d == 0x3D || d == 0x23 || d == 0x7C || d == 0x2B || d == 0x26 || d == 0x2A ||
        d == 0x3C || d == 0x3E || d == 0x25 || d == 0x5E || d == 0x2D) return true;
    // '/ as division ('/1, ' / x, '/'); a quote, then a slash and a letter, opens a path ("/api/v1").
    if (d == 0x2F && (j > i + 1 || !isLetter(byteAt(p, n, j + 1)))) return true;
    // '!= and '!~ compare.
    if (d == 0x21 && (byteAt(p, n, j + 1) == 0x3D || byteAt(p, n, j + 1) == 0x7E)) return true;
    // ...or by an operator word: 'MOD', 'DIV', 'AND', 'OR', 'XOR', 'LIKE', 'IN (', 'IS', 'RLIKE', 'REGEXP', 'BETWEEN', 'EQV'.
    // Not after a backquote: it closes an identifier, and in prose a Markdown code span
    // (`` `branch` or `tag` ``); injected text breaks out of a string.
    if (c == 0x60) continue;
    for (let w = 0; w < QUOTE_OPERATORS.length; w++) if (matchesLowerAt(p, n, j, unchecked(QUOTE_OPERATORS[w]))) return true;
    if (matchesLowerAt(p, n, j, "is") && isWhitespace(byteAt(p, n, j + 2))) return true;
    if (matchesLowerAt(p, n, j, "in") && inList(p, n, j + 2)) return true;
  }
  // A system variable: @@version, @@datadir; not an ad server's macro (@@CRITEO_USERID@@).
  for (let i = find(p, n, "@@"); i >= 0; i = find(p, n, "@@", i + 2)) {
    if (!isLetter(byteAt(p, n, i + 2))) continue;
    let j = i + 2;
    while (j < n && isWordChar(<u32>load<u8>(p + j))) j++;
    if (byteAt(p, n, j) != 0x40) return true;
  }
  for (let i = 1; i + 1 < n; i++) {
    let c = <u32>load<u8>(p + i);
    if ((c == 0x3D || c == 0x3E || c == 0x3C) && numbersComparedAt(p, n, i)) return true;
  }
  return false;
}

// A tautology without quotes at the `=`, `<` or `>` at i: the same number on both sides of `=` (1=1,
// 5 = 5), or small numbers on both sides of `<` `>` (2>1). `0=9058,1=7897` (a cookie of id=value
// pairs) is none. Also for core/mayconfirm.ts.
// @ts-ignore: decorator
@inline export function numbersComparedAt(p: usize, n: i32, i: i32): bool {
  let a = lastNonWhitespace(p, i - 1);
  let b = skipWhitespace(p, n, i + 1);
  let a0 = a;
  while (a0 >= 0 && byteAt(p, n, a0) - 0x30 < 10) a0--;
  let b1 = b;
  while (b1 < n && byteAt(p, n, b1) - 0x30 < 10) b1++;
  let la = a - a0, lb = b1 - b;
  if (la == 0 || lb == 0 || isWordChar(byteAt(p, n, a0)) || isWordChar(byteAt(p, n, b1))) return false;
  if (load<u8>(p + <usize>i) != 0x3D) return la <= 2 && lb <= 2;
  if (la == lb && memory.compare(p + <usize>(a0 + 1), p + <usize>b, la) == 0) return true;
  // A comparison in parentheses, true or not, as blind injection asks it: (2329=4209)
  return byteAt(p, n, a0) == 0x28 && byteAt(p, n, b1) == 0x29;
}

// `SELECT` with `FROM` or a `(` anywhere (keywords glued without spaces: SElecTxfROMy). Also for
// core/mayconfirm.ts.
export function selectCalled(p: usize, n: i32): bool {
  return has(p, n, "select") && (has(p, n, "from") || has(p, n, "("));
}

// Whether the SQL syntax sqlSyntax found in p[0..n) stands outside a schema's lines (column
// definitions, `CREATE TABLE t (`, `);`: core/sqlschema.ts), which define and act on nothing: a
// text-to-SQL prompt's schema dump read as SQL injection (`NULL\n);\nCREATE TABLE`).
function sqlBeyondSchema(p: usize, n: i32): bool {
  let masked = schemaMasked(p, n);
  return masked == 0 || sqlSyntax(masked, n);
}

// Whether what a window holds beside its code spans that are plain queries (core/sqlcode.ts) still
// reads as SQL, a schema's lines left out as above.
function sqlBeyondCode(p: usize, n: i32): bool {
  let masked = codeQueriesMasked(p, n);
  return masked == 0 || (sqlSyntax(masked, n) && sqlBeyondSchema(masked, n));
}

// The index of the last byte at or before i that is no whitespace (i itself when p[i] is none), or
// -1: skipWhitespace backwards. Also for core/mayconfirm.ts.
export function lastNonWhitespace(p: usize, i: i32): i32 {
  while (i >= 0 && isWhitespace(<u32>load<u8>(p + <usize>i))) i--;
  return i;
}

// `UNION` and what a union injects: `SELECT` (or its first letters, cut by a comment: `sel/**/ect`),
// a subquery's `(` or `VALUES`, with `ALL`, `DISTINCT`, blanks, `+`, an escape left encoded (`%0a`) and
// comments between (`union/**/select`, `/*!50000union*/select`, `union/*!12345select*/`); or the
// text's end, where a window may cut it off. A union of prose (`Union Station`, `union or cancel`,
// `| Union and more` of a page title) injects nothing. Also for core/mayconfirm.ts.
export function unionSelect(p: usize, n: i32): bool {
  for (let i = find(p, n, "union"); i >= 0; i = find(p, n, "union", i + 5)) {
    let j = i + 5;
    while (j < n) {
      let c = <u32>load<u8>(p + <usize>j);
      if (c == 0x25 && isHex(byteAt(p, n, j + 1)) && isHex(byteAt(p, n, j + 2))) { j += 3; continue; }
      if (c <= 0x20 || c == 0x2B || c == 0x28 || c == 0x2A || c == 0x2F || c == 0x21 || c - 0x30 < 10) { j++; continue; }
      if (matchesLowerAt(p, n, j, "all")) { j += 3; continue; }
      if (matchesLowerAt(p, n, j, "distinct")) { j += 8; continue; }
      break;
    }
    // At the end, only after what injected text puts before it (`-1 union`, `' union`, `*/union`):
    // a search's `select union` and `credit union` end with the text, not where a window cut them.
    if (j >= n) { if (!isLetter(byteAt(p, n, lastNonWhitespace(p, i - 1)))) return true; continue; }
    if (matchesLowerAt(p, n, j, "sel") || matchesLowerAt(p, n, j, "values") || byteAt(p, n, j - 1) == 0x28) return true;
  }
  return false;
}

// `||` (or `&&`: c is its byte) joining operands, as SQL's concatenation or OR and JavaScript's
// logical operators do in injected text: a string or a parenthesis on one side (`'||'`, `CHAR(107)||CHAR(121)`,
// `'))||pg_sleep(5)`, `' && this.password`), a call or a member on the right (`1 || substr(user,1,1)`),
// or a comparison (`|| 1==1`, `|| user_id is not null`). The empty fields of pipe-separated data
// (`dyperf|20388||0|||`, `…01bc||d6a0…||`, `||t=1464499470|`) join nothing: numbers, names or nothing
// on both sides, and no blanks. A `+` is a blank here: a cookie's or a path's spaces stay `+`.
function logicalOperator(p: usize, n: i32, c: u32): bool {
  let op = c == 0x7C ? "||" : "&&";
  for (let i = find(p, n, op); i >= 0; i = find(p, n, op, i + 2)) {
    if (byteAt(p, n, i + 2) == c) { while (byteAt(p, n, i + 2) == c) i++; continue; }
    let a = i - 1;
    while (a >= 0 && isBlankOrPlus(<u32>load<u8>(p + a))) a--;
    let ca = byteAt(p, n, a);
    if (isQuote(ca) || ca == 0x29) return true;
    let b = skipBlanksOrPluses(p, n, i + 2);
    let cb = byteAt(p, n, b);
    if (isQuote(cb) || cb == 0x28 || cb == 0x21) return true;
    if (!isWordChar(cb)) continue;
    let digits = cb - 0x30 < 10;
    while (b < n && isWordChar(<u32>load<u8>(p + b))) b++;
    let f = skipBlanksOrPluses(p, n, b);
    let e = byteAt(p, n, f);
    if (!digits && (e == 0x28 || (e == 0x2E && isLetter(byteAt(p, n, b + 1))))) return true;
    let compares = e == 0x3D || e == 0x3C || e == 0x3E || (e == 0x21 && byteAt(p, n, f + 1) == 0x3D);
    if (digits && compares) return true;
    if (!digits && f > b && (compares || (matchesLowerAt(p, n, f, "is") && isBlankOrPlus(byteAt(p, n, f + 2))) ||
        matchesLowerAt(p, n, f, "like"))) return true;
  }
  return false;
}

// @ts-ignore: decorator
@inline function isBlankOrPlus(c: u32): bool { return isWhitespace(c) || c == 0x2B; }

function skipBlanksOrPluses(p: usize, n: i32, i: i32): i32 {
  while (i < n && isBlankOrPlus(<u32>load<u8>(p + i))) i++;
  return i;
}

// `--` that is not part of a longer run of dashes: a run of three or more rules a line (a Markdown
// table's `|---|---|`, `-----` under a heading), it comments out nothing.
function commentDashes(p: usize, n: i32): bool {
  for (let i = find(p, n, "--"); i >= 0; i = find(p, n, "--", i + 2)) {
    if (byteAt(p, n, i - 1) != 0x2D && byteAt(p, n, i + 2) != 0x2D) return true;
    while (i + 2 < n && load<u8>(p + i + 2) == 0x2D) i++;
  }
  return false;
}

// The words that, after a quote and blanks, make it a string closed and gone on with, read as
// prefixes (`'or`, `' LIKE`). Also core/mayconfirm.ts's.
export const QUOTE_OPERATORS: StaticArray<string> = ["mod", "div", "and", "or", "xor", "like", "rlike", "regexp", "between", "eqv"];

// `IN` then a parenthesized list: whitespace, then '('.
function inList(p: usize, n: i32, j: i32): bool { return byteAt(p, n, skipWhitespace(p, n, j)) == 0x28; }

export const JS_SINKS: StaticArray<string> = [
  "alert", "prompt", "confirm", "eval", "settimeout", "setinterval", "function", "fetch", "import",
  "atob", "fromcharcode", "constructor", "document", "window", "top", "self", "parent", "frames",
  "location", "cookie", "innerhtml", "outerhtml", "write", "writeln", "xmlhttprequest", "globalthis",
  "print", "open", "src", "href", "this",
];
const JS_SINK_LENGTHS = lengthsByInitial(JS_SINKS);
const JS_SINKS_BY_INITIAL = new StaticArray<string>(JS_SINKS.length);
const JS_SINK_RANGES = groupByInitial(JS_SINKS, JS_SINKS_BY_INITIAL);

// Whether p[start, start + len) is one of JS_SINKS as scriptSyntax reads them (3 to 16 bytes), without
// case. For core/mayconfirm.ts.
export function isJsSinkAt(p: usize, n: i32, start: i32, len: i32): bool {
  return len >= 3 && len <= 16 && isOneOfByInitial(p, n, start, len, JS_SINKS_BY_INITIAL, JS_SINK_RANGES, JS_SINK_LENGTHS);
}

// Elements that act with no attribute: a script's text runs, a style's is CSS; the others act by an
// attribute with a value (`<img src=x onerror=…>`, `<body onload=…>`), which activeTag reads for any element.
const BARE_ACTIVE_TAGS: StaticArray<string> = ["script", "style"];
// Elements whose text is not markup: closing one (`</title>`, `</textarea>`) breaks out of it.
const RAW_TEXT_TAGS: StaticArray<string> = [
  "title", "textarea", "noscript", "noembed", "noframes", "select", "option", "script", "style", "iframe", "xmp",
];

// A tag that can act: `<!`, `<?`, `<%`, an element of BARE_ACTIVE_TAGS, the end of one of RAW_TEXT_TAGS,
// an element with an attribute that has a value (`<img src=`), or an unknown element with a style,
// a handler or a URL (`<x onclick=`). A bare unknown element (`<userName>`, `<apps client id>`:
// placeholders in documented payloads) is inert to a browser.
function activeTag(p: usize, n: i32, i: i32): bool {
  let c = byteAt(p, n, i + 1);
  // A comment or a page's doctype, which every page opens with, runs nothing.
  if (c == 0x21) return !(matchesLowerAt(p, n, i + 2, "--") || matchesLowerAt(p, n, i + 2, "doctype html"));
  if (c == 0x3F || c == 0x25) return true;
  let closing = c == 0x2F;
  let start = closing ? i + 2 : i + 1;
  if (!isLetter(byteAt(p, n, start))) return false;
  let j = start;
  while (j < n && (isWordChar(<u32>load<u8>(p + j)) || load<u8>(p + j) == 0x2D || load<u8>(p + j) == 0x3A)) j++;
  if (closing) return isOneOf(p, n, start, j - start, RAW_TEXT_TAGS);
  if (isOneOf(p, n, start, j - start, BARE_ACTIVE_TAGS)) return true;
  // A namespaced element is XML's or an edge server's (`<esi:include>`, `<svg:rect>`): known.
  let namespaced = false;
  for (let k = start; k < j; k++) if (load<u8>(p + k) == 0x3A) namespaced = true;
  let known = namespaced || isOneOfByInitial(p, n, start, j - start, ELEMENTS_BY_INITIAL, ELEMENT_RANGES, ELEMENT_LENGTHS);
  // An attribute with a value before the tag ends: `<x src=`, `<x/y=`; not one that only types the
  // element (`<obj type="Folder">`, `<value xsi:type="xsd:string">` of SOAP bodies), which no
  // browser acts on.
  let name = -1;
  for (let k = j; k < n && k < j + 256; k++) {
    let d = <u32>load<u8>(p + k);
    if (d == 0x3E || d == 0x3C) return false;
    if (d == 0x3D) {
      if (name < 0) return true;
      let e = k; // the name's end, blanks before the `=` aside
      while (e > name && isWhitespace(<u32>load<u8>(p + e - 1))) e--;
      if (known ? !inertAttribute(p, name, e, namespaced) && !inertDeclaration(p, n, name, e, k) : actsUnknown(p, name, e)) return true;
      name = -1;
      // Past the value: quoted to its close, or bare to a blank.
      k = skipWhitespace(p, n, k + 1);
      let q = byteAt(p, n, k);
      if (q == 0x22 || q == 0x27) { k++; while (k < n && load<u8>(p + k) != q) k++; }
      else { while (k < n && !isWhitespace(<u32>load<u8>(p + k)) && load<u8>(p + k) != 0x3E) k++; k--; }
      continue;
    }
    if (isLetter(d) && !isAttributeByte(byteAt(p, n, k - 1))) name = k;
  }
  return false;
}

// Whether the attribute named p[s..e) only types the element (`type`, XML Schema's `xsi:…`) or, on
// a namespaced element, declares a namespace (`xmlns:soap=`); or, on an element of HTML, only
// labels or lays it out (PRESENTATION_ATTRIBUTES: `<div class=…>`, `<td colspan=…>` of every page),
// which no browser runs or fetches anything for. An `id` names a payload's target (`#x`) and a
// `style` may load, so neither is one.
function inertAttribute(p: usize, s: i32, e: i32, namespaced: bool): bool {
  let len = e - s;
  return (len > 4 && matchesLowerAt(p, e, s, "xsi:")) || (len == 4 && matchesLowerAt(p, e, s, "type")) ||
    (namespaced && matchesLowerAt(p, e, s, "xmlns") && (len == 5 || byteAt(p, e, s + 5) == 0x3A)) ||
    (!namespaced && (isOneOf(p, e, s, len, PRESENTATION_ATTRIBUTES) || (len > 5 && matchesLowerAt(p, e, s, "aria-"))));
}

// Whether the attribute named p[s..e), whose value starts after the `=` at k, only declares what
// the page is: a meta element's `http-equiv` of another header than those that redirect, set a
// cookie or link a style sheet (`refresh`, `set-cookie`, `link`), or a `content` or `charset` that
// names no encoding a filter cannot read (UTF-7, `x-imap4-modified-utf7`, ISO-2022: a payload's
// charset switch, `<meta charset="x-imap4-modified-utf7">&ADz…`).
function inertDeclaration(p: usize, n: i32, s: i32, e: i32, k: i32): bool {
  let len = e - s;
  let http = len == 10 && matchesLowerAt(p, n, s, "http-equiv");
  if (!http && !(len == 7 && (matchesLowerAt(p, n, s, "content") || matchesLowerAt(p, n, s, "charset")))) return false;
  let v = skipWhitespace(p, n, k + 1);
  let q = byteAt(p, n, v);
  if (q == 0x22 || q == 0x27) v++;
  if (http) return !matchesLowerAt(p, n, v, "refresh") && !matchesLowerAt(p, n, v, "set-cookie") && !matchesLowerAt(p, n, v, "link");
  // The value, to its quote or the tag's end (a bare one to a blank).
  let end = v;
  while (end < n && end - v < 256) {
    let c = <u32>load<u8>(p + end);
    if (c == 0x3E || (q == 0x22 || q == 0x27 ? c == q : isWhitespace(c))) break;
    end++;
  }
  for (let j = v; j + 4 <= end; j++) {
    if (matchesLowerAt(p, end, j, "utf-7") || matchesLowerAt(p, end, j, "utf7") || matchesLowerAt(p, end, j, "2022")) return false;
  }
  return true;
}

// Attributes that name, label or lay out an element and nothing more.
const PRESENTATION_ATTRIBUTES: StaticArray<string> = [
  "class", "lang", "dir", "title", "alt", "width", "height", "align", "valign", "colspan", "rowspan",
  "border", "cellpadding", "cellspacing", "role", "bgcolor", "color", "size", "face", "nowrap", "scope",
  "summary", "headers", "span", "cols", "rows", "translate", "spellcheck", "hidden",
];

// Whether the attribute named p[s..e) acts on an element no browser knows (`<example index="2">`,
// `<document id="1">` of LLM prompts' XML tags: an HTMLUnknownElement): a style, a handler, a URL,
// a namespaced one but a namespace's declaration or a type (XML Events' `ev:handler`), and old
// browsers' behaviours (`implementation`, `repeat`).
function actsUnknown(p: usize, s: i32, e: i32): bool {
  let len = e - s;
  if (len > 2 && matchesLowerAt(p, e, s, "on")) return true;
  for (let k = s; k < e; k++) {
    if (load<u8>(p + k) == 0x3A) return !matchesLowerAt(p, e, s, "xmlns:") && !matchesLowerAt(p, e, s, "xsi:");
  }
  return isOneOf(p, e, s, len, UNKNOWN_ELEMENT_ACTING);
}

const UNKNOWN_ELEMENT_ACTING: StaticArray<string> = [
  "style", "href", "src", "action", "formaction", "data", "srcdoc", "background", "dynsrc", "lowsrc", "is",
  "implementation", "repeat", "behavior",
];

// The elements of HTML (obsolete ones that browsers still parse as elements among them), SVG and
// MathML: a payload's tag is one of them (`<img>`, `<svg>`, `<animate>`, `<maction>`), or unknown.
const ELEMENTS: StaticArray<string> = [
  "a", "abbr", "acronym", "address", "animate", "animatemotion", "animatetransform", "annotation-xml", "applet", "area",
  "article", "aside", "audio", "b", "base", "basefont", "bdi", "bdo", "bgsound", "big", "blink", "blockquote", "body", "br",
  "button", "canvas", "caption", "center", "circle", "cite", "code", "col", "colgroup", "data", "datalist", "dd", "del",
  "details", "dfn", "dialog", "dir", "discard", "div", "dl", "dt", "ellipse", "em", "embed", "feimage", "fieldset",
  "figcaption", "figure", "filter", "font", "footer", "foreignobject", "form", "frame", "frameset", "g", "h1", "h2", "h3",
  "h4", "h5", "h6", "handler", "head", "header", "hgroup", "hr", "html", "i", "iframe", "ilayer", "image", "img", "input",
  "ins", "isindex", "kbd", "keygen", "label", "layer", "legend", "li", "line", "link", "listener", "listing", "maction",
  "main", "malignmark", "map", "mark", "marquee", "math", "menu", "menuitem", "meta", "meter", "mglyph", "mi", "mo",
  "mpath", "ms", "mtext", "multicol", "nav", "nextid", "nobr", "noembed", "noframes", "noscript", "object", "ol",
  "optgroup", "option", "output", "p", "param", "path", "pattern", "picture", "plaintext", "polygon", "polyline", "portal",
  "pre", "progress", "q", "rb", "rect", "rp", "rt", "rtc", "ruby", "s", "samp", "script", "search", "section", "select",
  "set", "slot", "small", "source", "spacer", "span", "strike", "strong", "style", "stylesheet", "sub", "summary", "sup",
  "svg", "switch", "table", "tbody", "td", "template", "text", "textarea", "textpath", "tfoot", "th", "thead", "time",
  "title", "tr", "track", "tspan", "tt", "u", "ul", "use", "var", "video", "view", "wbr", "xml", "xmp",
];
const ELEMENT_LENGTHS = lengthsByInitial(ELEMENTS);
const ELEMENTS_BY_INITIAL = new StaticArray<string>(ELEMENTS.length);
const ELEMENT_RANGES = groupByInitial(ELEMENTS, ELEMENTS_BY_INITIAL);

// A byte of an attribute's name: a letter, a digit, `-`, `_`, `:` or `.`.
// @ts-ignore: decorator
@inline function isAttributeByte(c: u32): bool { return isWordChar(c) || c == 0x2D || c == 0x3A || c == 0x2E; }

// An active tag (activeTag), an event handler (`on…=`), a script URL with more than `;` or
// `void(0)` behind it, or a call, index or assignment on a JavaScript sink name.
function scriptSyntax(p: usize, n: i32): bool {
  // Each `<` found 16 bytes at a time: most windows of prose hold none.
  for (let i = indexOf2(p, 0, n, 0x3C, 0x3C); i + 1 < n; i = indexOf2(p, i + 1, n, 0x3C, 0x3C)) {
    if (activeTag(p, n, i)) return true;
  }
  // on<name>= (onerror=, onload =), not inside a word; none without a `=`.
  if (indexOf2(p, 0, n, 0x3D, 0x3D) < n) {
    for (let i = 0; i + 3 < n; i++) {
      if (!isWordChar(byteAt(p, n, i - 1)) && handlerNameEnd(p, n, i) >= 0) return true;
    }
  }
  for (let s = 0; s < 3; s++) {
    let i = find(p, n, s == 0 ? "javascript:" : s == 1 ? "vbscript:" : "data:text/html");
    if (i < 0) continue;
    let j = i + (s == 0 ? 11 : s == 1 ? 9 : 14);
    while (j < n && (load<u8>(p + j) == 0x20 || load<u8>(p + j) == 0x3B)) j++;
    if (j < n && !matchesLowerAt(p, n, j, "void(0)") && !matchesLowerAt(p, n, j, "void 0") && !matchesLowerAt(p, n, j, "false")) return true;
  }
  if (has(p, n, "expression(") || has(p, n, "@import") || has(p, n, "@font-face") || has(p, n, "url(")) return true;
  // Backslashes a browser drops inside the scheme (\j\av\a\s\cr\i\pt\:) are obfuscation in themselves.
  if (has(p, n, "\\") && !has(p, n, "javascript:") && hasLoose(p, n, "javascript:")) return true;
  // sink(, sink[, sink=, sink`, sink.x( (a backslash may stand before the call: alert\`1\`)
  let i = 0;
  while ((i = nextListedWord(p, n, i, JS_SINKS_BY_INITIAL, JS_SINK_RANGES, JS_SINK_LENGTHS, 3, 16)) >= 0) {
    let j = i;
    while (j < n && (isWhitespace(<u32>load<u8>(p + j)) || load<u8>(p + j) == 0x5C)) j++;
    let c = byteAt(p, n, j);
    // `document(s)` is prose's plural, not a call.
    if (c == 0x28 && (byteAt(p, n, j + 1) | 0x20) == 0x73 && byteAt(p, n, j + 2) == 0x29) continue;
    if (c == 0x28 || c == 0x5B || c == 0x60 || (c == 0x2E && memberNameAfter(p, n, j) &&
          (!isOneOf(p, n, foundStart, i - foundStart, GLOBAL_OBJECTS) || sinkMemberAfter(p, n, j))) ||
        (c == 0x3D && byteAt(p, n, j + 1) != 0x3D && (byteAt(p, n, foundStart - 1) == 0x2E || !isOneOf(p, n, foundStart, i - foundStart, PROPERTY_SINKS) ||
          isQuote(byteAt(p, n, skipWhitespace(p, n, j + 1)))))) return true;
    // A parenthesized sink called: (alert)(1), (0,eval)(…)
    if (c == 0x29 && byteAt(p, n, skipWhitespace(p, n, j + 1)) == 0x28) return true;
  }
  return false;
}

// The global object's names: a member of one acts only when it is a sink or a handler itself
// (`window.location=`, `self.fetch(`, `top.onerror=`), not a page's own global (`window.dataLayer =
// window.dataLayer || []`, the first line of Google Tag Manager's snippet).
const GLOBAL_OBJECTS: StaticArray<string> = ["window", "self", "top", "parent", "frames", "globalthis"];

// Whether the member after the `.` at j is one of JS_SINKS or an event handler assigned
// (handlerNameEnd: `top.onerror=`), not a page's own global that starts with "on" (`window.onetrust…`).
function sinkMemberAfter(p: usize, n: i32, j: i32): bool {
  let k = skipWhitespace(p, n, j + 1);
  let e = k;
  while (e < n && isIdentByte(<u32>load<u8>(p + e))) e++;
  return isJsSinkAt(p, n, k, e - k) || handlerNameEnd(p, n, k) >= 0;
}

// A sink that is a property, assigned as a member (`document.cookie=`, `a.href=`, `x.innerHTML=`) or
// a string (`location="//evil"`): alone before a bare value it is a parameter's or an attribute's
// name (`src=1714233`, `Set-Cookie=Foo`, `Location=2&`), and a tag's attributes are activeTag's.
const PROPERTY_SINKS: StaticArray<string> = ["cookie", "src", "href", "innerhtml", "outerhtml", "location"];

// @ts-ignore: decorator
@inline function isQuote(c: u32): bool { return c == 0x22 || c == 0x27 || c == 0x60; }

// The index of the first byte at or after i that is no whitespace (isWhitespace), or n. Also for
// core/mayconfirm.ts.
export function skipWhitespace(p: usize, n: i32, i: i32): i32 {
  while (i < n && isWhitespace(<u32>load<u8>(p + i))) i++;
  return i;
}

// Whether the `.` at j is a member access: a property's name after it (`document.cookie`,
// `alert.call`, `this. constructor`), not a sentence's end (`problem with this.`, `Open the window.
// Then`: a capital after a blank starts a sentence).
function memberNameAfter(p: usize, n: i32, j: i32): bool {
  let k = skipWhitespace(p, n, j + 1);
  let c = byteAt(p, n, k);
  if (k > j + 1 && c - 0x41 < 26) return false;
  if (!(isLetter(c) || c == 0x5F || c == 0x24)) return false;
  // A file's extension (`document.pdf`, `window.png`) names no property.
  let e = k;
  while (e < n && isWordChar(<u32>load<u8>(p + e))) e++;
  return e - k > 5 || !isOneOf(p, n, k, e - k, FILE_EXTENSIONS);
}

const FILE_EXTENSIONS: StaticArray<string> = [
  "pdf", "png", "jpg", "jpeg", "gif", "svg", "webp", "ico", "css", "js", "mjs", "json", "html", "htm", "txt", "xml",
  "zip", "gz", "doc", "docx", "xls", "xlsx", "csv", "mp3", "mp4", "webm", "woff", "woff2", "ttf",
];

// has(), skipping backslashes in the text (`\j\av\a\s\cr\i\pt\:` is javascript: to a browser).
// The needle's UTF-16 units are read in place: charCodeAt is a call per byte (make profile).
function hasLoose(p: usize, n: i32, s: string): bool {
  let q = changetype<usize>(s), len = s.length;
  let first = <u32>load<u16>(q);
  let k = 0;
  for (let i = 0; i < n; i++) {
    let c = lowerAscii(<u32>load<u8>(p + i));
    if (c == 0x5C) continue;
    if (c == <u32>load<u16>(q + (<usize>k << 1))) { if (++k == len) return true; }
    else k = c == first ? 1 : 0;
  }
  return false;
}

export const COMMANDS: StaticArray<string> = [
  "cat", "ls", "id", "whoami", "uname", "wget", "curl", "nc", "ncat", "netcat", "bash", "sh", "zsh",
  "ksh", "python", "python3", "perl", "ruby", "php", "ping", "nslookup", "dig", "echo", "sleep", "cmd",
  "powershell", "pwsh", "certutil", "rm", "chmod", "touch", "tftp", "telnet", "busybox", "env",
  "printenv", "type", "dir", "net", "ipconfig", "ifconfig", "passwd", "head", "tail", "more", "nl",
  "base64", "xxd", "awk", "sed", "find", "grep", "kill", "reboot", "systeminfo", "ver", "timeout",
  "expr", "uptime", "hostname", "ps", "netstat", "mkfifo", "socat", "node", "java", "start", "call",
  "set", "del", "copy", "move", "xterm", "lua", "tclsh", "od", "rev", "tac", "cut", "less", "vi", "nohup",
  "ip", "pwd", "sc", "reg", "wmic", "bitsadmin", "mshta", "rundll32", "regsvr32", "schtasks", "tasklist", "at",
];
const COMMAND_LENGTHS = lengthsByInitial(COMMANDS);
const COMMANDS_BY_INITIAL = new StaticArray<string>(COMMANDS.length);
const COMMAND_RANGES = groupByInitial(COMMANDS, COMMANDS_BY_INITIAL);
const CODE_CALLS: StaticArray<string> = [
  "system(", "exec(", "passthru(", "shell_exec(", "popen(", "proc_open(", "eval(", "assert(",
  "processbuilder", "java.lang", "#_memberaccess", "@ognl", "t(java", "new java.",
  "class.forname", "__import__", "os.system", "os.popen", "subprocess", "child_process", "require(",
  "<?php", "<?=", "<%", "phpinfo", "base64_decode", "cmd.exe", "cmd /c",
  "invoke-expression", "iex(", "create_function", "call_user_func", "${ifs}", "$ifs", "getruntime",
  "scriptengine", "objectinputstream", "readobject", "#set(", "#{", "%{", "spawn(", "execsync",
  "<!--#", "$@", "$'", "$(",
  // Groovy runs a string as a command line (`"id".execute()`: Jenkins' script console, CVE-2019-1003000).
  "\".execute(", "'.execute(",
  // YAML tags that build an object of a class (Ruby's Psych, Python's PyYAML): deserialization gadgets.
  "!ruby/object", "!!python/object",
];
const CODE_CALL_SET = new NeedleSet(CODE_CALLS);

// The last word shellWordEnd read, lower case (its first WORD_BYTES bytes, a cmdlet's name whole),
// and its length.
const WORD_BYTES = MAX_CMDLET_BYTES;
const wordBuf = new StaticArray<u8>(WORD_BYTES);
let wordLen = 0;

function memEqualsAscii(q: usize, word: string): bool {
  let w = changetype<usize>(word);
  for (let j = 0, k = word.length; j < k; j++) if (<u32>load<u8>(q + j) != <u32>load<u16>(w + (<usize>j << 1))) return false;
  return true;
}

// Reads the word at i as a shell does, leaving out the quotes and backslashes it drops (`c''at`,
// `who\ami`) and, inside a word, the carets cmd.exe drops (`w^h^o^a^m^i`), into wordBuf; returns
// where it ends. Also for core/cmdinject.ts.
export function shellWordEnd(p: usize, n: i32, i: i32): i32 {
  let len = 0;
  while (i < n) {
    let d = <u32>load<u8>(p + i);
    if (d == 0x27 || d == 0x22 || d == 0x5C || (d == 0x5E && len > 0)) { i++; continue; }
    if (!(isWordChar(d) || d == 0x2D)) break;
    if (len < WORD_BYTES) unchecked(wordBuf[len] = <u8>lowerAscii(d));
    len++; i++;
  }
  wordLen = len;
  return i;
}

// Where the word shellWordEnd would read at i ends, without reading it.
function shellWordSkip(p: usize, n: i32, i: i32): i32 {
  let inWord = false; // a word byte came: a caret after one is cmd.exe's, dropped
  while (i < n) {
    let d = <u32>load<u8>(p + i);
    if (d == 0x27 || d == 0x22 || d == 0x5C || (d == 0x5E && inWord)) { i++; continue; }
    if (!(isWordChar(d) || d == 0x2D)) break;
    inWord = true; i++;
  }
  return i;
}

// Whether the word shellWordEnd read last is one of COMMANDS. Most words are none, and a table of
// the commands' hashes turns away nearly seven in ten of them before the list is read, by first
// letter (the whole list, read for every `O'Brien` that mayconfirm.ts asks about, was 0.5% of a
// 128 KiB JSON body's instructions: make profile).
export function isCommandWord(): bool {
  if (wordLen == 0 || wordLen > 16) return false;
  let q = changetype<usize>(wordBuf);
  if (load<u8>(COMMAND_HASHES + <usize>wordHash(q, wordLen)) == 0) return false;
  return isOneOfByInitial(q, wordLen, 0, wordLen, COMMANDS_BY_INITIAL, COMMAND_RANGES, COMMAND_LENGTHS);
}

// Whether the word shellWordEnd read last is one of PowerShell's cmdlets (core/pscmdlet.ts): for
// core/cmdinject.ts and core/lolbin.ts, which read a value's opening command. The lexers' commands
// stay COMMANDS. A word longer than wordBuf is longer than any cmdlet, which isCmdlet refuses.
export function isCmdletWord(): bool {
  return isCmdlet(changetype<usize>(wordBuf), wordLen);
}

// Commands that do nothing without an operand: `cat` with none reads the server's empty input, `at`,
// `kill`, `sleep`, `ping`, `wget`, `ip` or `net` want one. Bare, between separators or at the end,
// they are words of a list (`kw=sport;at;foot`, `sections=home;head;top` of ad servers' targeting),
// not commands; one with anything after it (`;cat /etc/passwd`, `cat${IFS}…`, `cat</etc/passwd`) still is.
const NEEDS_OPERAND: StaticArray<string> = [
  "cat", "at", "type", "start", "call", "more", "less", "head", "tail", "cut", "kill", "echo", "sleep", "touch",
  "copy", "move", "del", "expr", "rev", "dig", "timeout", "nl", "od", "tac",
  "ping", "wget", "curl", "nc", "ncat", "netcat", "socat", "telnet", "tftp", "ip", "net",
];
// Shells and interpreters run their input: bare after a pipe they run what it feeds them (`curl …|sh`);
// bare after anything else they read the server's empty input (`tags=code;python;tutorial`).
const READS_INPUT: StaticArray<string> = [
  "sh", "bash", "zsh", "ksh", "python", "python3", "perl", "ruby", "php", "node", "java", "lua",
];
// What Windows' `net` does: a word after it that is none of these is prose (`| Net income`).
const NET_SUBCOMMANDS: StaticArray<string> = [
  "accounts", "computer", "config", "continue", "file", "group", "help", "helpmsg", "localgroup", "name", "pause",
  "print", "send", "session", "sessions", "share", "start", "statistics", "stats", "stop", "time", "use", "user", "view",
];

// Whether the command word shellWordEnd read last, ending at `end`, does nothing where it stands:
// - one of NEEDS_OPERAND, or of READS_INPUT not after a pipe, with nothing after it (blanks and line
//   breaks aside) but the end, a separator or a `)`; an operand on the next line counts
//   (`|%0A%09type%0A%09%SYSTEMROOT%\repair\SAM`: payload lists' line-break bypass);
// - `sleep` or `timeout` before a word, which is no duration (`| Sleep and more`, `| sleep now` of a
//   page title; `sleep 5`, `sleep $((…))` and `sleep infinity` are);
// - `net` before a word that is none of its subcommands;
// - `set` before a name and `=`, `+=` or `-=`: an assignment (cmd.exe's, or a VCL or config line's
//   `set req.backend = default;`), where bare `set` lists the environment;
// - `id` before a column type: a schema's column (`  id INTEGER NOT NULL,`).
export function inertCommand(p: usize, n: i32, end: i32, afterPipe: bool): bool {
  let j = skipBlanks(p, n, end);
  let f = byteAt(p, n, j);
  if (j >= n || f == 0x3B || f == 0x7C || f == 0x26 || f == 0x29 || f == 0x60) {
    return isListedWord(NEEDS_OPERAND) || (!afterPipe && isListedWord(READS_INPUT));
  }
  if (!isLetter(f) || j == end) return false;
  if (wordIs("sleep") || wordIs("timeout")) return !matchesLowerAt(p, n, j, "inf");
  let k = j;
  // `id` takes a user's name, and a column type is none (`id int` prints an error and no ids).
  if (wordIs("id")) {
    while (k < n && isWordChar(<u32>load<u8>(p + <usize>k))) k++;
    return isColumnType(p, n, j, k);
  }
  if (wordIs("set")) {
    while (k < n && (isWordChar(<u32>load<u8>(p + <usize>k)) || load<u8>(p + <usize>k) == 0x2E)) k++;
    k = skipBlanks(p, n, k);
    let c = byteAt(p, n, k);
    if (c == 0x2B || c == 0x2D) c = byteAt(p, n, ++k);
    return c == 0x3D && byteAt(p, n, k + 1) != 0x3D;
  }
  if (!wordIs("net")) return false;
  while (k < n && isLetter(<u32>load<u8>(p + <usize>k))) k++;
  return !isOneOf(p, n, j, k - j, NET_SUBCOMMANDS);
}

// Whether the word shellWordEnd read last is one of `words` (wordIs: is `word`).
function isListedWord(words: StaticArray<string>): bool {
  for (let w = 0; w < words.length; w++) if (wordIs(unchecked(words[w]))) return true;
  return false;
}

// @ts-ignore: decorator
@inline function wordIs(word: string): bool { return word.length == wordLen && memEqualsAscii(changetype<usize>(wordBuf), word); }

// A byte's worth of hash of the len bytes at q (lower case already), and the hashes of COMMANDS
// (each spelled into wordBuf, as shellWordEnd leaves a word there).
// @ts-ignore: decorator
@inline function wordHash(q: usize, len: i32): u32 {
  let h: u32 = <u32>len * 0x9E3779B1;
  for (let i = 0; i < len; i++) h = (h ^ <u32>load<u8>(q + <usize>i)) * 0x01000193;
  return h >> 24;
}
const COMMAND_HASHES = memory.data(256);
initCommandHashes();

function initCommandHashes(): void {
  let q = changetype<usize>(wordBuf);
  for (let w = 0; w < COMMANDS.length; w++) {
    let word = unchecked(COMMANDS[w]);
    for (let i = 0; i < word.length; i++) store<u8>(q + <usize>i, <u8>word.charCodeAt(i));
    store<u8>(COMMAND_HASHES + <usize>wordHash(q, word.length), 1);
  }
}

// Whether the word p[start..end) after a pipe is a Markdown table's cell (`| id | name |`): a blank
// before it, blanks and a pipe after it (`|id|` is the shell's).
export function markdownCell(p: usize, n: i32, start: i32, end: i32): bool {
  let j = skipSpaces(p, n, end);
  return byteAt(p, n, start - 1) == 0x20 && j > end && byteAt(p, n, j) == 0x7C;
}

// A shell separator (; | & ` $( < > newline) or the start of the text, then a command word; or a
// code-execution call.
function commandSyntax(p: usize, n: i32, opensText: bool): bool {
  for (let i = nextNeedleAt(p, n, 0, CODE_CALL_SET); i >= 0; i = nextNeedleAt(p, n, i + 1, CODE_CALL_SET)) {
    if (!boundInterpolation(p, n, i)) return true;
  }
  if (shellExpansion(p, n) || listOperator(p, n) || binCommand(p, n)) return true;
  let i = 0;
  // The start of the text is a line's start; a window's further in is the middle of a word or line.
  let afterSep = opensText, afterLineBreak = opensText;
  let afterPipe = false;
  let assigned = false; // in the value of a `name=value` in command position
  let sepSeen = false; // a separator came before this command position (not the text's start alone)
  while (i < n) {
    let c = <u32>load<u8>(p + i);
    if (c == 0x3B || c == 0x7C || c == 0x26 || c == 0x60 || c == 0x0A || c == 0x0D || c == 0x3C || c == 0x3E ||
        (c == 0x28 && byteAt(p, n, i - 1) == 0x24)) {
      // A line break starts a line unless ; | & came before it since the last word: then what
      // follows is a command whatever comes after it.
      afterLineBreak = (c == 0x0A || c == 0x0D) && (afterLineBreak || !afterSep);
      afterPipe = c == 0x7C;
      afterSep = true; assigned = false; sepSeen = true; i++; continue;
    }
    if (c == 0x20 || c == 0x09 || c == 0x27 || c == 0x22 || c == 0x7B || c == 0x28 || c == 0x2B || c == 0x5C) {
      // The blank after an assignment's value leaves the next word in command position (`a=1 cat x`).
      if (assigned && (c == 0x20 || c == 0x09)) { afterSep = true; assigned = false; }
      i++; continue;
    }
    if (!isLetter(c)) {
      // A variable where a command stands runs what it holds (`CMD=$'id';$CMD`, `a=id;${a}`). One
      // glued to an `=` runs only what the text assigned it, split at its blanks (`a='id ';$a=1`
      // runs `id =1`): one never assigned names no command, since a shell knows an assignment
      // before it expands (`$dma=807` runs `=807` at most), as in ad servers' targeting
      // (`$dt=1t;$dma=807;section=9`).
      if (c == 0x24 && afterSep && sepSeen) {
        let d = <u32>byteAt(p, n, i + 1);
        if (d == 0x7B) return true;
        if ((isLetter(d) || d == 0x5F) && !unassignedBeforeEquals(p, n, i + 1)) return true;
      }
      afterSep = false; i++; continue;
    }
    let start = i;
    // A word where no command can stand is only stepped over: most words of a window.
    if (!afterSep) { i = shellWordSkip(p, n, i); afterLineBreak = false; continue; }
    i = shellWordEnd(p, n, i);
    // `name=value` where a command would stand is an assignment, as in a shell: `;type=annotation`,
    // `&id=2579437` of ad servers' and trackers' parameter lists. Its value is no command (`a=id`),
    // but a `$(` or backquote in it still opens one.
    if (afterSep && byteAt(p, n, i) == 0x3D && isShellName(p, start, i)) {
      afterSep = false; afterLineBreak = false; assigned = true; i++;
      // An array's value (`utmcmd=(none)|utmccn=(not set)`) ends at its `)`.
      if (byteAt(p, n, i) == 0x28) { while (i < n && load<u8>(p + i) != 0x29) i++; }
      continue;
    }
    if (afterSep && !(afterPipe && markdownCell(p, n, start, i)) && isCommandWord() && (sepSeen || wordEnds(p, n, start, i)) &&
        !dataUrlEncoding(p, n, start, i) &&
        (!afterLineBreak || commandAfterLineBreak(p, n, i)) && !inertCommand(p, n, i, afterPipe) &&
        redirectionsComplete(p, n, skipSpacesAndTabs(p, n, i))) return true;
    afterSep = false; afterLineBreak = false;
  }
  return false;
}

// Whether the word p[start..end) is a data URL's `;base64,` (RFC 2397: `data:image/png;base64,iVBOR…`,
// in every page a session replay records), which names an encoding, not the command.
function dataUrlEncoding(p: usize, n: i32, start: i32, end: i32): bool {
  return end - start == 6 && byteAt(p, n, end) == 0x2C && byteAt(p, n, start - 1) == 0x3B && matchesLowerAt(p, n, start, "base64");
}

// Whether each redirection from p[j] on is a shell's operator with its target (`<449`, `>/tmp/x`,
// `2>&1`, `<<<$(id)`, `<(id)`): a shell refuses the whole line, and runs nothing, when one ends the
// text or meets a separator or another `<` `>` (`&id<449>`, an id in angle brackets of a path;
// `<type>Folder</type><all>` of XML).
export function redirectionsComplete(p: usize, n: i32, j: i32): bool {
  while (j < n) {
    let c = <u32>load<u8>(p + <usize>j);
    if (c != 0x3C && c != 0x3E) return true;
    // The operator: < << <<- <<< <> <& > >> >| >&
    let d = <u32>byteAt(p, n, ++j);
    if (c == 0x3C) {
      if (d == 0x3C) { d = byteAt(p, n, ++j); if (d == 0x3C || d == 0x2D) j++; }
      else if (d == 0x3E || d == 0x26) j++;
    } else if (d == 0x3E || d == 0x7C || d == 0x26) j++;
    j = skipSpacesAndTabs(p, n, j);
    if (j >= n || !redirectionTarget(<u32>load<u8>(p + <usize>j))) return false;
    while (j < n && redirectionTarget(<u32>load<u8>(p + <usize>j))) j++;
    j = skipSpacesAndTabs(p, n, j);
  }
  return true;
}

// A byte of a redirection's target: not a blank, a separator, a line break or another redirection.
// @ts-ignore: decorator
@inline function redirectionTarget(c: u32): bool {
  return !(c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x3B || c == 0x7C || c == 0x26 || c == 0x3C || c == 0x3E);
}

// Whether the shell's word ends where the command's name does (p[start..end) read by shellWordEnd):
// at the end, a blank, an operator, a redirection, a quote, `$` (`cat$IFS/etc/passwd`), `}` or a
// brace expansion's `,` (`{cat,/etc/passwd}`), or `.exe`. A value that opens with `id,name,handle`
// or `ver.spa-beta` is one word, no command; after a separator the lexer does not ask (`;whoami/n`,
// `|whoami, 74.133.237.203`: what injected text carries after its command varies).
function wordEnds(p: usize, n: i32, start: i32, end: i32): bool {
  if (end >= n) return true;
  let c = <u32>load<u8>(p + end);
  if (c == 0x2C) return byteAt(p, n, start - 1) == 0x7B;
  if (c == 0x2E) return matchesLowerAt(p, n, end + 1, "exe");
  return isWhitespace(c) || c == 0x3B || c == 0x7C || c == 0x26 || c == 0x3C || c == 0x3E || c == 0x29 || c == 0x60 ||
    c == 0x24 || c == 0x27 || c == 0x22 || c == 0x5C || c == 0x7D || c == 0x2B || c == 0x28 || c == 0x25;
}

// Whether the variable's name at i (after its `$`) is followed by `=` and not `==` (a comparison's),
// and the text before it assigns no variable of that name (`name=`, not `$name=`).
function unassignedBeforeEquals(p: usize, n: i32, i: i32): bool {
  let e = i;
  while (e < n && isWordChar(<u32>load<u8>(p + e))) e++;
  if (byteAt(p, n, e) != 0x3D || byteAt(p, n, e + 1) == 0x3D) return false;
  let len = e - i;
  for (let k = 0; k + len < i - 1; k++) {
    if (load<u8>(p + k + len) != 0x3D || memory.compare(p + k, p + i, len) != 0) continue;
    let b = byteAt(p, n, k - 1);
    if (!isWordChar(<u32>b) && b != 0x24) return false;
  }
  return true;
}

// Whether p[start..end) is a shell variable's name: letters, digits and `_`, not quoted or escaped.
function isShellName(p: usize, start: i32, end: i32): bool {
  for (let j = start; j < end; j++) if (!isWordChar(<u32>load<u8>(p + j))) return false;
  return true;
}

// Whether the command word ending at i, first on its line (after a line break or at the start of
// the text), is a command: followed by the end, by arguments, by a separator or redirection, or by
// a line break and the end, an option or a line of prose or arguments. A name followed by `{`,
// `(`, `:` or `}`, or by a line that closes a selection, spreads a fragment or is one more name
// of a column of names, is a field of a GraphQL or similar document (`type {`, `id: 1`,
// `{\n  node {\n    id\n    name\n  }\n}`), not a command.
function commandAfterLineBreak(p: usize, n: i32, i: i32): bool {
  i = skipSpaces(p, n, i);
  if (i >= n) return true;
  let c = <u32>load<u8>(p + i);
  if (c != 0x0A && c != 0x0D) return !(opensOrClosesField(c) || c == 0x3A);
  // The next line: what its first word is followed by.
  while (i < n && load<u8>(p + i) <= 0x20) i++;
  if (i >= n) return true;
  c = <u32>load<u8>(p + i);
  if (c == 0x7D || c == 0x2E) return false;
  if (!isLetter(c)) return true;
  while (i < n && isWordChar(<u32>load<u8>(p + i))) i++;
  i = skipSpaces(p, n, i);
  if (i >= n) return true;
  c = <u32>load<u8>(p + i);
  if (c == 0x3A) return byteAt(p, n, i + 1) == 0x2F; // `http://` is an argument, `alias:` a field
  return !(c == 0x0A || c == 0x0D || opensOrClosesField(c));
}

// @ts-ignore: decorator
@inline function skipSpaces(p: usize, n: i32, i: i32): i32 {
  while (i < n && (load<u8>(p + i) == 0x20 || load<u8>(p + i) == 0x09)) i++;
  return i;
}

// `{`, `}` or `(` after a name: a selection, its end, or arguments of a field.
// @ts-ignore: decorator
@inline function opensOrClosesField(c: u32): bool { return c == 0x7B || c == 0x7D || c == 0x28; }

// A command by its path: `/bin/` then a command's name (`/bin/sh`, `/usr/bin/id`, `/sbin/ifconfig`);
// a repository's `bin/some-script` or a URL's `/bin/resource.cgi` is none, and neither is a
// script's interpreter line (`#!/usr/bin/env python3`, `#!/bin/bash`: a script posted, not run;
// pathSyntax reads it so too).
function binCommand(p: usize, n: i32): bool {
  let i = find(p, n, "bin/");
  while (i >= 0) {
    shellWordEnd(p, n, i + 4);
    if (isCommandWord() && !afterShebang(p, n, i)) return true;
    i = find(p, n, "bin/", i + 4);
  }
  return false;
}

// Whether the path that holds p[i] follows `#!` (a space between them allowed).
function afterShebang(p: usize, n: i32, i: i32): bool {
  while (i > 0 && isPathByte(load<u8>(p + <usize>(i - 1)))) i--;
  if (byteAt(p, n, i - 1) == 0x20) i--;
  return byteAt(p, n, i - 1) == 0x21 && byteAt(p, n, i - 2) == 0x23;
}

// `&&` or `||` and then what a command starts with (a word, a path, a substitution, a quote), blanks
// between: `&& netsh …`, `||ifconfig`, `&& $(…)`. Not before a digit, another `|` or `&`, or the end:
// the empty fields of pipe-separated data (`dyperf|20388||0|||`) join no commands. Nor before a word
// that is no command's name and ends at a `|`, `=` or `,`: a field of such data (`||b0183fdd…||`,
// `||ORDER=||`) or an empty query parameter before the next (`&&page=2`). A word that ends the text
// or is glued to padding (`&& sysinfo`, `&&diraaaa`) is still read as a command.
function listOperator(p: usize, n: i32): bool {
  for (let i = 0; i + 2 < n; i++) {
    let c = <u32>load<u8>(p + i);
    if ((c != 0x26 && c != 0x7C) || load<u8>(p + i + 1) != <u8>c) continue;
    let j = skipWhitespace(p, n, i + 2);
    let d = byteAt(p, n, j);
    if (isLetter(d)) {
      let end = shellWordEnd(p, n, j);
      let e = byteAt(p, n, end);
      if (isCommandWord() ? !inertCommand(p, n, end, false) : (e != 0x7C && e != 0x3D && e != 0x2C && !scriptCallAt(p, n, end))) return true;
    } else if (d == 0x2F || d == 0x24 || d == 0x60 || d == 0x28 || d == 0x5C || d == 0x27 || d == 0x22 || d == 0x2E ||
        d == 0x7B || d == 0x7E || d == 0x25) return true;
    i++;
  }
  return false;
}

// Whether a name's members and then a call's `(` follow at i (`.OneTrust.Init(` of `window.OneTrust
// && window.OneTrust.Init()`, `(` of `a && b(c)`): script's logic, not a command a shell would run
// (to a shell, a word glued to `(` is an error unless it defines a function, `f() {`).
function scriptCallAt(p: usize, n: i32, i: i32): bool {
  while (byteAt(p, n, i) == 0x2E && isLetter(byteAt(p, n, i + 1))) {
    i++;
    while (i < n && isIdentByte(<u32>load<u8>(p + <usize>i))) i++;
  }
  if (byteAt(p, n, i) != 0x28) return false;
  let j = i + 1;
  while (j < n && load<u8>(p + <usize>j) != 0x29) j++;
  return byteAt(p, n, skipWhitespace(p, n, j + 1)) != 0x7B;
}

// A `${` that does more than name a variable: `${PATH:0:1}`, `${@}`, `${T(java…)}`, or one left open.
// A bare `${NAME}` is what ad and analytics URLs carry when a macro went unfilled (`gdpr=${GDPR}`),
// and expands to a value, never to a command (`${IFS}` is listed in CODE_CALLS).
function shellExpansion(p: usize, n: i32): bool {
  let i = find(p, n, "${");
  while (i >= 0) {
    let j = i + 2;
    while (j < n && isWordChar(<u32>load<u8>(p + j))) j++;
    if (j >= n || load<u8>(p + j) != 0x7D || j == i + 2) return true;
    i = find(p, n, "${", j + 1);
  }
  return false;
}

const SENSITIVE_PATHS: StaticArray<string> = [
  "/proc/", "/var/", "/root", "/home/", "/usr/", "/bin/", "/tmp/", "/dev/", "/sys/",
  "c:\\", "c:/", "\\windows", "/windows", "win.ini", "boot.ini", "system32", "web-inf", "meta-inf",
  ".htaccess", ".htpasswd", "/.env", ".git/", "id_rsa", "file:", "php://", "zip://", "phar://",
  "expect://", "data://", "passwd", ".rhosts", ".shosts", "etc/issue", "etc\\issue", "etcissue", "inetpub", "/opt/", "global.asa", "web.config",
];
const SENSITIVE_PATH_SET = new NeedleSet(SENSITIVE_PATHS);

// Whether the needle at i is a system directory (`/sys/`, `/home/`, `/tmp/`, `/windows`) one segment
// deeper in some path: after a name with a letter that a `/` opens (Contentful's `/payload/sys/id`, a
// site's `/en/home/`, `/en-us/windows/`, a URL's `example.com/home/`), not the system's own. At a
// path's root, after a climb, a drive, an escape or a value's start (`/sys/class`, `../../var/log`,
// `C:/windows`, `\n/usr/bin/id`, `x=/home/`) it counts; `/.env` counts anywhere.
function insideLongerPath(p: usize, n: i32, i: i32): bool {
  if (load<u8>(p + <usize>i) != 0x2F || byteAt(p, n, i + 1) == 0x2E) return false;
  let s = i, letter = false;
  while (s > 0) {
    let c = <u32>load<u8>(p + <usize>(s - 1));
    if (!isWordChar(c) && c != 0x2D && c != 0x2E) break;
    if (isLetter(c)) letter = true;
    s--;
  }
  return letter && byteAt(p, n, s - 1) == 0x2F;
}

// `/etc/` and what follows it, but for Adobe Experience Manager's public asset trees (`/etc/designs/…`,
// `/etc/clientlibs/…`), which large sites serve their pages' styles and scripts from.
function systemEtc(p: usize, n: i32): bool {
  for (let i = find(p, n, "/etc/"); i >= 0; i = find(p, n, "/etc/", i + 5)) {
    if (!matchesLowerAt(p, n, i + 5, "designs/") && !matchesLowerAt(p, n, i + 5, "clientlibs/")) return true;
  }
  return false;
}

// File names and extensions that a path holds as a whole segment's name or end (`..\\shadow`,
// `..\\boot.log`, `config.ini%00`), not inside a word (`box-shadow`, `jquery.initialize.js`, `ghosts`). `passwd`
// is read anywhere (SENSITIVE_PATHS): overlong encodings glue it to their debris (`etc%c0%25qfpasswd`).
const SENSITIVE_NAMES: StaticArray<string> = ["shadow", "hosts"];
const SENSITIVE_EXTENSIONS: StaticArray<string> = [".ini", ".conf", ".log", ".bak"];

// A parent step (`..` not inside a longer run of dots, or spelled 0x2e0x2e / %2e%2e), or a path
// into the system.
function pathSyntax(p: usize, n: i32): bool {
  for (let i = 0; i + 1 < n; i++) {
    if (load<u8>(p + i) != 0x2E || load<u8>(p + i + 1) != 0x2E) continue;
    let a = byteAt(p, n, i - 1), b = byteAt(p, n, i + 2);
    // Two dots between two words join them (`psy-ab.3..0l10` of Google's search parameters, a `1..5`
    // range): no parent step.
    if (a == 0x2F || a == 0x5C || b == 0x2F || b == 0x5C || b == 0x3B || b == 0x25 ||
        (a != 0x2E && b != 0x2E && !(isWordChar(a) && isWordChar(b)))) return true;
  }
  // A drive letter: C:/ or d:\
  for (let i = 0; i + 2 < n; i++) {
    if (isLetter(<u32>load<u8>(p + i)) && load<u8>(p + i + 1) == 0x3A && (load<u8>(p + i + 2) == 0x2F || load<u8>(p + i + 2) == 0x5C) &&
        !isLetter(byteAt(p, n, i - 1))) return true;
  }
  if ((has(p, n, "etc") && has(p, n, "issue")) || has(p, n, "0x2e0x2e") || has(p, n, "%2e%2e") || has(p, n, "%c0%ae") || has(p, n, "etc\\") || has(p, n, "\\etc")) return true;
  for (let i = nextNeedleAt(p, n, 0, SENSITIVE_PATH_SET); i >= 0; i = nextNeedleAt(p, n, i + 1, SENSITIVE_PATH_SET)) {
    if (!afterShebang(p, n, i) && !insideLongerPath(p, n, i)) return true;
  }
  if (systemEtc(p, n)) return true;
  for (let w = 0; w < SENSITIVE_NAMES.length; w++) if (hasSegment(p, n, unchecked(SENSITIVE_NAMES[w]), true)) return true;
  for (let w = 0; w < SENSITIVE_EXTENSIONS.length; w++) if (hasSegment(p, n, unchecked(SENSITIVE_EXTENSIONS[w]), false)) return true;
  // A configuration file in a Windows path (`\xampp\tomcat\conf\web.xml`); a URL's `/sitemap.xml` is none.
  if (has(p, n, "\\") && hasSegment(p, n, ".xml", false)) return true;
  return false;
}

// Whether s occurs ending a path segment (and, `whole`, starting one and with no extension after it,
// `hosts` but not `hosts.js`): a letter, digit, `_` or `-` on neither side that the name would go on with.
// An extension a `(` follows is a method called (`console.log('x')`, `Math.log(2)`), not a file's.
function hasSegment(p: usize, n: i32, s: string, whole: bool): bool {
  let i = find(p, n, s);
  while (i >= 0) {
    let e = i + s.length;
    let after = byteAt(p, n, e);
    if (!isNameByte(after) && (whole ? after != 0x2E && !isNameByte(byteAt(p, n, i - 1)) : after != 0x28)) return true;
    i = find(p, n, s, i + 1);
  }
  return false;
}

// @ts-ignore: decorator
@inline function isNameByte(c: u32): bool { return isWordChar(c) || c == 0x2D; }

// Public DNS names that resolve to 127.0.0.1 (or to the address spelled in them), the way SSRF
// lists reach loopback past a filter that reads hosts: `localtest.me`, `lvh.me`, `vcap.me`,
// `*.xip.io`, `*.sslip.io` (`.nip.io` is read with the callback domains).
function loopbackName(p: usize, n: i32): bool {
  return has(p, n, "localtest.me") || has(p, n, "lvh.me") || has(p, n, "vcap.me") || has(p, n, ".xip.io") || has(p, n, ".sslip.io");
}

// A URL: a scheme's "://" or a network-path "//host", a scheme a fetcher takes, or a bare
// address (digits and dots, localhost, 0x…).
function urlSyntax(p: usize, n: i32): bool {
  // Only a target a server should not fetch is SSRF-shaped: an internal or cloud-metadata name, a
  // loopback or private address in any spelling, a scheme other than http(s), a URL whose user
  // part hides the host, or a callback domain of a scanning service. A public URL (`url=https://
  // cdn.example.com/a.png`, an image proxy's `/0x0:2040x1360/` crop) is what such parameters hold.
  if (has(p, n, "localhost") || has(p, n, "gopher:") || has(p, n, "dict:") || has(p, n, "file:") ||
      has(p, n, "ldap:") || has(p, n, "ldaps:") || has(p, n, "jar:") || has(p, n, "netdoc:") || has(p, n, "tftp:") ||
      has(p, n, "sftp:") || has(p, n, "[::") ||
      metadataHost(p, n) || has(p, n, ".internal") || has(p, n, "oast.") || has(p, n, "interact.sh") ||
      has(p, n, "burpcollaborator") || has(p, n, "dnslog") || has(p, n, ".nip.io") || loopbackName(p, n) || hexAddress(p, n)) return true;
  let s = find(p, n, "://");
  while (s >= 0) {
    // A host that is one number (http://2130706433/) or that comes after a user part (…@127.0.0.1).
    let i = s + 3, digits = 0;
    while (i < n && load<u8>(p + i) - 0x30 < 10) { i++; digits++; }
    if (digits >= 8 && (i == n || load<u8>(p + i) == 0x2F || load<u8>(p + i) == 0x3A)) return true;
    // A host of one to three dots between numbers, which inet_aton reads as an address: 127.1, 127.0.1.
    if (digits > 0 && shortFormHost(p, n, i)) return true;
    for (let j = s + 3; j < n; j++) {
      let c = <u32>load<u8>(p + j);
      // The authority ends at the path, the query, or the URL's own end (a blank, `,`, a bracket or a
      // quote: `http://www.crawlly.com; crawler@crawlly.com` holds no user part; `https://;@evil.com` does).
      if (c == 0x2F || c == 0x3F || isWhitespace(c) || c == 0x2C || c == 0x29 || c == 0x3E || c == 0x22 || c == 0x27) break;
      if (c == 0x40 || c == 0x23) return true;
    }
    s = find(p, n, "://", s + 3);
  }
  // A dotted address: four numbers joined by dots, not four of a longer chain of them (an OID's
  // `1.2.840.113549.1.1.1`, `3193.3930.0.4082.8.8.0.0.0.0.77` of Google's search parameters).
  for (let i = 0; i < n; i++) if (dottedAddressAt(p, n, i)) return true;
  return false;
}

// Whether a dotted address (dottedAddress) starts at i, where a chain of numbers joined by dots opens
// (no digit before i, nor a number and a dot). Exported for core/mayconfirm.ts, which asks it
// where its gram of two numbers and two dots stands (a User-Agent's `Chrome/120.0.0.0` holds one).
// @ts-ignore: decorator
@inline export function dottedAddressAt(p: usize, n: i32, i: i32): bool {
  if (byteAt(p, n, i) - 0x30 >= 10 || byteAt(p, n, i - 1) - 0x30 < 10) return false;
  if (byteAt(p, n, i - 1) == 0x2E && byteAt(p, n, i - 2) - 0x30 < 10) return false;
  return dottedAddress(p, n, i);
}

// Whether four numbers joined by dots start at i, and not a version's (`Chrome/126.0.0.0` of User-Agents:
// a letter and `/` before it). Each number is an octet (at most 255, or written with a leading zero, as
// octal spellings are; `126.0.6478.127` of client hints is none) unless a URL's host stands there
// (after `//`, `@` or a scheme's `:`), where parsers that wrap overflowing octets meet `http:472.314.470.462`.
function dottedAddress(p: usize, n: i32, i: i32): bool {
  let before = byteAt(p, n, i - 1);
  if (before == 0x2F && isLetter(byteAt(p, n, i - 2))) return false;
  let host = before == 0x40 || (before == 0x2F && byteAt(p, n, i - 2) == 0x2F) || (before == 0x3A && isLetter(byteAt(p, n, i - 2)));
  let j = i;
  for (let k = 0; k < 4; k++) {
    if (k > 0) { if (byteAt(p, n, j) != 0x2E) return false; j++; }
    let start = j, value = 0;
    while (j < n && load<u8>(p + j) - 0x30 < 10 && j - start < 5) { value = value * 10 + <i32>(load<u8>(p + j) - 0x30); j++; }
    let len = j - start;
    if (len == 0 || len > 4 || (value > 255 && load<u8>(p + start) != 0x30 && !host)) return false;
  }
  return !(byteAt(p, n, j) == 0x2E && byteAt(p, n, j + 1) - 0x30 < 10);
}

// `metadata` as a URL's host (`http://metadata/computeMetadata/v1/`, `http://metadata.tencentyun.com/`,
// `user@metadata`, or a value that starts with it and a `/` or `:`): cloud metadata services by name.
// A path's or a document's `metadata` (`/library/metadata/5d77…`, `metadata.labels`) names no host.
function metadataHost(p: usize, n: i32): bool {
  let i = find(p, n, "metadata");
  while (i >= 0) {
    let before = byteAt(p, n, i - 1), after = byteAt(p, n, i + 8);
    if ((before == 0x2F && byteAt(p, n, i - 2) == 0x2F) || before == 0x40 ||
        (i == 0 && (after == 0x2F || after == 0x3A))) return true;
    i = find(p, n, "metadata", i + 8);
  }
  return false;
}

// From i (after a URL's first digits): `.digits` once to three times, then the host's end (the end,
// `/`, `:`, `?`, `#`).
function shortFormHost(p: usize, n: i32, i: i32): bool {
  let dots = 0;
  while (byteAt(p, n, i) == 0x2E && byteAt(p, n, i + 1) - 0x30 < 10) {
    i++; dots++;
    while (i < n && load<u8>(p + i) - 0x30 < 10) i++;
  }
  if (dots == 0 || dots > 3) return false;
  let c = byteAt(p, n, i);
  return i == n || c == 0x2F || c == 0x3A || c == 0x3F || c == 0x23;
}

// `0x` and 2 to 8 hex digits, ended by the end, '.', '/', ':' or ']': an address in hex
// (0x7f000001, 0xd8.0x3a.…), not an image crop (`0x0:2040x1360`) or a hex literal in code.
function hexAddress(p: usize, n: i32): bool {
  let i = find(p, n, "0x");
  while (i >= 0) {
    if (hexAddressAt(p, n, i)) return true;
    i = find(p, n, "0x", i + 2);
  }
  return false;
}

// Whether a `0x` (either case) at i opens a hex address (hexAddress). Exported for
// core/mayconfirm.ts, which asks it where its gram of a number, an `x` and a hex digit ends (an
// image's size, `300x250`, holds one).
// @ts-ignore: decorator
@inline export function hexAddressAt(p: usize, n: i32, i: i32): bool {
  if (byteAt(p, n, i) != 0x30 || (byteAt(p, n, i + 1) | 0x20) != 0x78) return false;
  let j = i + 2;
  while (j < n && isHex(<u32>load<u8>(p + j))) j++;
  let k = j - i - 2;
  let end = byteAt(p, n, j);
  return k >= 2 && k <= 8 && !isWordChar(byteAt(p, n, i - 1)) &&
    (j == n || end == 0x2E || end == 0x2F || end == 0x5D || (end == 0x3A && portThenEnd(p, n, j + 1)));
}

// @ts-ignore: decorator
@inline function isHex(c: u32): bool { return c - 0x30 < 10 || (c | 0x20) - 0x61 < 6; }

// Digits from i up to the end, '/', '?' or '#'.
function portThenEnd(p: usize, n: i32, i: i32): bool {
  let d = 0;
  while (i < n && load<u8>(p + i) - 0x30 < 10) { i++; d++; }
  return d > 0 && d <= 5 && (i == n || load<u8>(p + i) == 0x2F || load<u8>(p + i) == 0x3F || load<u8>(p + i) == 0x23);
}

// `${` opening a lookup (jndi, a nested `${`, `:-` defaults, lower:/upper:/env:/sys:/java: ...).
// Two lookups side by side (`gdpr=${GDPR};consent=${GDPR_CONSENT}`, ad-tech macros left unfilled)
// are not nested: only a `${` before the first one's `}` is.
function lookupSyntax(p: usize, n: i32): bool {
  let i = find(p, n, "${");
  if (i < 0) return has(p, n, "jndi");
  return has(p, n, "jndi") || has(p, n, ":-") || nestedLookup(p, n, i) || has(p, n, "lower:") ||
    has(p, n, "upper:") || has(p, n, "env:") || has(p, n, "sys:") || has(p, n, "java:") ||
    has(p, n, "base64:") || has(p, n, "date:") || has(p, n, "ctx:") || has(p, n, "main:");
}

// Whether some `${` from i on holds another `${` before its `}`.
function nestedLookup(p: usize, n: i32, i: i32): bool {
  while (i >= 0) {
    let close = find(p, n, "}", i + 2);
    let next = find(p, n, "${", i + 2);
    if (next < 0) return false;
    if (close < 0 || next < close) return true;
    i = next;
  }
  return false;
}

// How far past its opening a template expression's close is looked for.
const TEMPLATE_REACH = 200;
// The bytes a window shares with the next (core/windows.ts).
const WINDOW_OVERLAP = WINDOW_BYTES - WINDOW_STEP;

// A template expression: `{{ }}`, `${ }`, `#{ }`, `*{ }`, `<%= %>`, `{% %}` holding more than a
// name (an operator, a call, an index, an attribute): `{{7*7}}`, not an unfilled `{{uid}}` macro.
// A Go template's field (`{{.GDPR}}`, as ad servers' user-sync URLs carry them unfilled) is a name
// too; its whole data (`{{.}}`) and a chain (`{{.A.B}}`) are not.
function templateSyntax(p: usize, n: i32): bool {
  if (codeTag(p, n, "{%", 0x25, 0x7D) || codeTag(p, n, "<%", 0x25, 0x3E) || has(p, n, "#set") || has(p, n, "#foreach") ||
      thymeleafAttribute(p, n) || has(p, n, "@(") || closingBlock(p, n) || loneCaretBrace(p, n)) return true;
  for (let i = 0; i + 2 < n; i++) {
    let c = <u32>load<u8>(p + i);
    let open = (c == 0x7B && load<u8>(p + i + 1) == 0x7B) ||
      ((c == 0x24 || c == 0x23 || c == 0x2A || c == 0x40) && load<u8>(p + i + 1) == 0x7B);
    if (!open) continue;
    let field = c == 0x7B ? skipBlanks(p, n, i + 2) : -1;
    if (field >= 0 && mustacheTag(p, n, field)) continue;
    if (field >= 0 && engineGlobalTag(p, n, field, ENGINE_GLOBALS)) return true;
    if (c == 0x24 && engineGlobalTag(p, n, skipBlanks(p, n, i + 2), EL_SCOPES)) return true;
    let bound = -1; // whether the tag is a plain binding, asked at its first member's `.` (-1: not yet)
    for (let j = i + 2; j < n && j < i + TEMPLATE_REACH; j++) {
      let d = <u32>load<u8>(p + j);
      if (d == 0x7D) break;
      if (j == field && d == 0x2E && isLetter(byteAt(p, n, j + 1))) continue;
      // A member of a name the template's data holds (`{{ doc.title }}`, `${user.name}`): data bound.
      if (d == 0x2E && j > i + 2) {
        if (bound < 0) bound = plainBinding(p, n, i + 2, closeOf(p, n, i + 2, 0x7D, 0x7D)) ? 1 : 0;
        if (bound == 1) break;
      }
      if (d == 0x2A || d == 0x2B || d == 0x2D || d == 0x2F || d == 0x28 || d == 0x5B || d == 0x2E ||
          d == 0x7C || d == 0x25 || d == 0x3D || d == 0x27 || d == 0x22 || d == 0x5F && byteAt(p, n, j + 1) == 0x5F) return true;
    }
  }
  return false;
}

// Whether the tag whose content starts at i prints one of the engine's own objects whole: in
// `{{ }}`, ENGINE_GLOBALS (`{{config}}`, `{{self}}`: Jinja's configuration, secret key included, and
// its template's internals; SSTI's first probes after `{{7*7}}`); in `${ }`, EL_SCOPES (a JSP's
// attributes of every scope, `${applicationScope}`). A name of the data alone (`{{title}}`,
// `{{this}}`, `${name}`) is a template posted as data.
function engineGlobalTag(p: usize, n: i32, i: i32, names: StaticArray<string>): bool {
  let e = i;
  while (e < n && isWordChar(<u32>load<u8>(p + e))) e++;
  return e > i && byteAt(p, n, skipBlanks(p, n, e)) == 0x7D && isOneOf(p, n, i, e - i, names);
}

const EL_SCOPES: StaticArray<string> = ["applicationscope", "sessionscope", "requestscope", "pagescope", "pagecontext", "initparam"];
const ENGINE_GLOBALS: StaticArray<string> = [
  "config", "self", "_self", "_context", "lipsum", "cycler", "joiner", "url_for", "get_flashed_messages",
];

// Whether `{^` stands other than in Mustache's inverted section `{{^items}}` (mustacheTag's).
function loneCaretBrace(p: usize, n: i32): bool {
  for (let i = find(p, n, "{^"); i >= 0; i = find(p, n, "{^", i + 2)) if (byteAt(p, n, i - 1) != 0x7B) return true;
  return false;
}

// Whether the `{{` tag whose content starts at i is Mustache's logic-less kind: a section's open or
// close, an inverted section or a partial over a name of the data (`{{#items}}`, `{{/items}}`,
// `{{^items}}`, `{{> footer}}`), or the current item inside a section or a Go template's range
// (`{{#items}}{{.}}`, `{{range .Items}}{{.}}`). Alone, `{{.}}` prints a Go template's whole data:
// the SSTI probe. Handlebars' helpers take arguments (`{{#with "s" as |string|}}`), which the
// caller reads.
function mustacheTag(p: usize, n: i32, i: i32): bool {
  let c = byteAt(p, n, i);
  let end = closeOf(p, n, i, 0x7D, 0x7D);
  if (end < 0) return false;
  if (c == 0x2E) return skipBlanks(p, n, i + 1) == end && (find(p, i, "{{#") >= 0 || find(p, i, "{{range") >= 0);
  return (c == 0x23 || c == 0x2F || c == 0x5E || c == 0x3E) && plainBinding(p, n, i + 1, end);
}

// Whether some `{%`/`<%` tag (its close is `close1 close2`) runs more than data binding: one whose
// close is not in the window (but see WINDOW_OVERLAP), or whose content is not plainStatement's (`{% for doc in documents %}`,
// `<%= @language %>`, `{% endif %}` are templates posted as data: prompt, e-mail and page templates).
function codeTag(p: usize, n: i32, open: string, close1: u32, close2: u32): bool {
  let i = find(p, n, open);
  while (i >= 0) {
    let start = i + 2;
    let c = byteAt(p, n, start);
    if (c == 0x3D || c == 0x2D) start++; // `<%=`, `{%-`
    let end = closeOf(p, n, start, close1, close2);
    // A tag not closed in the window: one that opens in the window's last WINDOW_OVERLAP bytes runs
    // what the window holds of it (nothing after a piece's `<%=`, a name the window's end cuts),
    // since the next window starts before it and reads it whole; one further in may hide its code
    // past the window's end.
    if (end < 0) return i < n - WINDOW_OVERLAP || (skipBlanks(p, n, start) < n && !plainStatement(p, n, start, n));
    if (!plainStatement(p, n, start, end)) return true;
    i = find(p, n, open, end + 2);
  }
  return false;
}

// Where the two-byte close (`%}`, `%>`, `}}`) first stands at or after i, or -1; a `}` alone closes
// `${ }` and its kin when close2 is `}` and close1 too.
function closeOf(p: usize, n: i32, i: i32, close1: u32, close2: u32): i32 {
  for (let j = i; j < n && j < i + TEMPLATE_REACH; j++) {
    let c = <u32>load<u8>(p + j);
    if (c == close1 && (close1 == close2 || byteAt(p, n, j + 1) == close2)) return j;
  }
  return -1;
}

// A statement of logic over data (`for x in items`, `if user.name`, `else`, `endfor`, a binding
// alone), trim markers and blanks around: no call, operator, index, literal or filter.
function plainStatement(p: usize, n: i32, start: i32, end: i32): bool {
  let j = skipBlanks(p, n, start);
  let e = end;
  if (byteAt(p, n, e - 1) == 0x2D) e--; // `-%}`
  let k = j;
  while (k < e && isLetter(<u32>load<u8>(p + k))) k++;
  // A tag of its own name (`{% debug %}`, `{% csrf_token %}`, `{% include %}`) runs the engine's code.
  if (k > j && isOneOf(p, n, j, k - j, TEMPLATE_KEYWORDS)) {
    let m = skipBlanks(p, n, k);
    if (m >= e) return true;
    // `for x in xs`: a name, `in`, a binding
    if (wordAt(p, n, j, "for")) {
      let q = m;
      while (q < e && isWordChar(<u32>load<u8>(p + q))) q++;
      q = skipBlanks(p, n, q);
      if (!wordAt(p, n, q, "in")) return false;
      return plainBinding(p, n, q + 2, e);
    }
    return plainBinding(p, n, m, e);
  }
  return byteAt(p, n, start - 1) == 0x3D && plainBinding(p, n, j, e); // `<%= name %>` prints a binding
}

// Whether the word at i is `word` (lower case) and ends there.
function wordAt(p: usize, n: i32, i: i32, word: string): bool {
  return matchesLowerAt(p, n, i, word) && !isWordChar(byteAt(p, n, i + word.length));
}

const TEMPLATE_KEYWORDS: StaticArray<string> = [
  "for", "if", "elif", "elsif", "else", "unless", "endif", "endfor", "endunless", "end", "case", "endcase", "when", "with", "endwith",
];

// Whether p[start..end) is a name of the data and its members (`doc.title`, `@language`, `user.name`),
// blanks around: nothing a template engine runs beyond a lookup. Names that reach the engine, the
// process or the server (`config`, `settings`, `request`, `self`, `env`, EL's implicit objects), a
// secret's name as a member, and names opening with `_` (`__class__`) are not data.
function plainBinding(p: usize, n: i32, start: i32, end: i32): bool {
  if (end < 0) return false;
  let j = skipBlanks(p, n, start);
  if (byteAt(p, n, j) == 0x40) j++; // ERB's instance variable
  let root = j;
  while (true) {
    let k = j;
    if (!isLetter(byteAt(p, n, k))) return false;
    while (k < end && isWordChar(<u32>load<u8>(p + k))) k++;
    if (j == root && isOneOf(p, n, root, k - root, ENGINE_NAMES)) return false;
    if (isOneOf(p, n, j, k - j, SECRET_MEMBERS)) return false;
    if (byteAt(p, n, k) != 0x2E) { j = k; break; }
    j = k + 1;
  }
  return skipBlanks(p, n, j) >= end;
}

// Whether the needle at i is a `#{` interpolation of a name the template's data holds and its members
// (`#{asset.owner.firstName}` of a Ruby string or a JSF page, as plainBinding reads it): it runs no
// code, where `#{7*7}`, `#{`id`}`, `#{File.read(…)}` and `#{Dir.pwd}` (an engine's name) do.
function boundInterpolation(p: usize, n: i32, i: i32): bool {
  return load<u8>(p + <usize>i) == 0x23 && byteAt(p, n, i + 1) == 0x7B && plainBinding(p, n, i + 2, closeOf(p, n, i + 2, 0x7D, 0x7D));
}

// What a template prints only when someone reads what it should not (`{{e.user.password}}`).
const SECRET_MEMBERS: StaticArray<string> = [
  "password", "passwd", "secret", "secret_key", "token", "api_key", "apikey", "private_key", "credentials", "hash",
];

const ENGINE_NAMES: StaticArray<string> = [
  "config", "settings", "request", "self", "_self", "env", "environ", "os", "sys", "app", "application_context", "this",
  "constructor", "process", "runtime", "class", "globals", "builtins", "lipsum", "cycler", "joiner", "namespace",
  "url_for", "get_flashed_messages", "g", "session", "java", "system", "kernel", "file", "io", "dir",
  "pagecontext", "pagescope", "requestscope", "sessionscope", "applicationscope", "param", "paramvalues", "header",
  "headervalues", "cookie", "initparam", "facescontext", "object", "t", "range", "dict", "ctx", "context",
];

// Thymeleaf's `th:` attribute (`th:text=`, `th:utext`), a word of its own before a name: not an ad
// viewability beacon's `th:0` or a style's `width:100`.
function thymeleafAttribute(p: usize, n: i32): bool {
  let i = find(p, n, "th:");
  while (i >= 0) {
    if (!isWordChar(byteAt(p, n, i - 1)) && isLetter(byteAt(p, n, i + 3))) return true;
    i = find(p, n, "th:", i + 3);
  }
  return false;
}

// Smarty's and Dust's closing tags (`{/if}`, `{/php}`); an RFC 6570 URI template's path expansion
// (`gists{/gist_id}` of every GitHub API document) is none.
function closingBlock(p: usize, n: i32): bool {
  let i = find(p, n, "{/");
  while (i >= 0) {
    let j = i + 2;
    while (j < n && isLetter(<u32>load<u8>(p + j))) j++;
    if (byteAt(p, n, j) == 0x7D && isOneOf(p, n, i + 2, j - i - 2, TEMPLATE_BLOCKS)) return true;
    i = find(p, n, "{/", i + 2);
  }
  return false;
}

const TEMPLATE_BLOCKS: StaticArray<string> = [
  "if", "php", "foreach", "section", "literal", "capture", "strip", "while", "for", "function", "block", "nocache", "setfilter",
];

function xmlDeclSyntax(p: usize, n: i32): bool {
  return has(p, n, "<!doctype") || has(p, n, "<!entity") || has(p, n, "system \"") || has(p, n, "system '") ||
    has(p, n, "<xsl:") || has(p, n, "<!attlist") || has(p, n, "xi:include") || has(p, n, "<?xml-stylesheet") ||
    has(p, n, "public \"") || has(p, n, "%xxe") || (has(p, n, "<!") && has(p, n, "[")) || has(p, n, "xmlns:xi");
}

// A query operator (`$ne`, `[$gt]`, `{"$where"`), or JavaScript inside a $where.
function mongoSyntax(p: usize, n: i32): bool {
  for (let i = 0; i + 2 < n; i++) {
    let c = <u32>load<u8>(p + i);
    if (!(c == 0x24 || (c == 0x26 && (byteAt(p, n, i - 1) == 0x22 || byteAt(p, n, i - 1) == 0x5B)))) continue;
    // An operator's name, whole: `$ne`, `[$regex]`, `{"$where":`; a GraphQL variable (`$body`), a shell's
    // (`$SENTRY_HOST`) or JSON Schema's `$ref` is none.
    let j = i + 1;
    while (j < n && isWordChar(<u32>load<u8>(p + j))) j++;
    if (j - i > 2 && isOneOf(p, n, i + 1, j - i - 1, MONGO_OPERATORS) && operatorKeyAt(p, n, i, j)) return true;
  }
  let t = find(p, n, "this.");
  while (t >= 0 && !memberNameAfter(p, n, t + 4)) t = find(p, n, "this.", t + 5);
  return has(p, n, "sleep(") || returnStatement(p, n) || t >= 0 || logicalOperator(p, n, 0x7C) || logicalOperator(p, n, 0x26) ||
    has(p, n, "while(") || has(p, n, "function(") || has(p, n, "';");
}

// Whether the operator's name p[i..j) stands where a query document puts an operator, as a key: alone, in
// brackets or quotes (`[$ne]`, `{"$gt":`), or before a `:`, `]` or `=` (`{ $where: …`, `$ne]=`). A
// GraphQL variable named as an operator is used as a value (`size: $size`) or declared with its type
// (`($size: Int, $text: [String!])`: a capital letter after the `:`).
function operatorKeyAt(p: usize, n: i32, i: i32, j: i32): bool {
  // Alone, it is a key a JSON body's split gave (its quotes and `:` are the document's).
  if (i == 0 && j == n) return true;
  let before = byteAt(p, n, i - 1);
  if (before == 0x5B || isQuote(before)) return true;
  let k = j;
  if (isQuote(byteAt(p, n, k))) k++;
  k = skipSpacesAndTabs(p, n, k);
  let after = byteAt(p, n, k);
  if (after == 0x5D || after == 0x3D) return true;
  if (after != 0x3A) return false;
  let t = skipSpacesAndTabs(p, n, k + 1);
  if (byteAt(p, n, t) == 0x5B) t++;
  return byteAt(p, n, t) - 0x41 >= 26;
}

// JavaScript's `return` with an expression after it, as a `$where` function's body has it
// (`'; return true; var x='`, `return this.a == 'b'`, `1; return sleep(5000)`, `";return(true);`:
// a parenthesised value needs no blank). JavaScript's keywords are lower-case, and prose's
// `Return True`, `return the book` or `return(s)` returns nothing: after the blanks or the `(` comes
// a literal, `this`, a number, a string, a bracket or an operator, or a name that an operator, a
// member, a call, a line break or the text's end follows.
function returnStatement(p: usize, n: i32): bool {
  for (let i = find(p, n, "return"); i >= 0; i = find(p, n, "return", i + 6)) {
    if (!memEqualsAscii(p + <usize>i, "return") || isWordChar(byteAt(p, n, i - 1))) continue;
    let a = byteAt(p, n, i + 6);
    if (a != 0x20 && a != 0x28) continue;
    let j = skipWhitespace(p, n, i + 7);
    if (j >= n) continue;
    let c = <u32>load<u8>(p + <usize>j);
    if (!isLetter(c) && c != 0x5F && c != 0x24) {
      if (isQuote(c) || c - 0x30 < 10 || c == 0x28 || c == 0x21 || c == 0x2D || c == 0x5B || c == 0x7B) return true;
      continue;
    }
    let k = j;
    while (k < n && (isWordChar(<u32>load<u8>(p + <usize>k)) || load<u8>(p + <usize>k) == 0x24)) k++;
    if (isOneOf(p, n, j, k - j, JS_VALUES) && load<u8>(p + <usize>j) >= 0x61) return true;
    // A line break after the name ends the statement as `;` does (JavaScript inserts one).
    let f = skipSpacesAndTabs(p, n, k);
    if (f >= n) return true;
    let d = <u32>load<u8>(p + <usize>f);
    if (d == 0x0A || d == 0x0D || d == 0x2E || d == 0x28 || d == 0x3B || d == 0x3D || d == 0x3C || d == 0x3E || d == 0x21 || d == 0x26 || d == 0x7C ||
        d == 0x2B || d == 0x2A || d == 0x2F || d == 0x25 || d == 0x3F || d == 0x5B || d == 0x2C || d == 0x2D || isQuote(d)) return true;
  }
  return false;
}

// JavaScript's literal values and `this` (lower-case: `True` is a name).
const JS_VALUES: StaticArray<string> = ["true", "false", "null", "this", "undefined"];

// MongoDB's query, update and aggregation operators that injected documents use.
export const MONGO_OPERATORS: StaticArray<string> = [
  "eq", "ne", "gt", "gte", "lt", "lte", "in", "nin", "and", "or", "not", "nor", "exists", "type", "expr", "jsonschema",
  "mod", "regex", "options", "text", "search", "where", "all", "elemmatch", "size", "set", "unset", "inc", "push", "pull",
  "rename", "function", "accumulator", "lookup", "match", "group", "project", "sort", "limit", "skip", "out", "merge",
  "comment", "natural", "geowithin", "near", "unionwith", "graphlookup", "facet", "addfields", "replaceroot", "bitsallset",
];

// A line break followed by what starts a header line (`Name:`) or a second request/response; the
// break may be spelled \r \n, or hidden in U+560A/U+560D (嘊 嘍), whose low bytes servers that
// truncate to Latin-1 keep.
function headerBreak(p: usize, n: i32): bool {
  // Breaks written out (`\r\n`) or hidden in U+560A/U+560D are an attacker's, wherever the name is.
  if (has(p, n, "\\r") || has(p, n, "\\n") || has(p, n, "\xE5\x98\x8A") || has(p, n, "\xE5\x98\x8D")) {
    for (let i = 0; i + 1 < n; i++) if (load<u8>(p + i) == 0x3A && isLetter(byteAt(p, n, i - 1))) return true;
  }
  for (let i = 0; i < n; i++) {
    let c = <u32>load<u8>(p + i);
    if (c != 0x0A && c != 0x0D) continue;
    let start = skipSpacesAndBreaks(p, n, i + 1);
    if (headerFieldColon(p, n, start) >= 0) return true;
    if (matchesLowerAt(p, n, start, "http/")) return true;
    // Markup after a break that follows a whole tag is a document's next line (`<head>\n  <meta`, a rich
    // text's `</p>\n<div>`), not a body after a header value (`">\n\n<script>` breaks out of one).
    if (splitBodyAt(p, n, start) && !tagEndsAt(p, lastNonWhitespace(p, i - 1))) return true;
  }
  return false;
}

// Whether p[e] is the `>` of a whole tag on its line: a `<` and a letter, `/`, `!` or `?` before it, and no
// other `>` or line break between.
function tagEndsAt(p: usize, e: i32): bool {
  if (e < 1 || load<u8>(p + <usize>e) != 0x3E) return false;
  for (let k = e - 1; k >= 0 && k > e - 256; k--) {
    let c = <u32>load<u8>(p + <usize>k);
    if (c == 0x3E || c == 0x0A || c == 0x0D) return false;
    if (c == 0x3C) {
      let d = <u32>load<u8>(p + <usize>(k + 1));
      return isLetter(d) || d == 0x2F || d == 0x21 || d == 0x3F;
    }
  }
  return false;
}

// Whether p[start..) opens what the body of a split response starts with: a declaration or a comment
// (`<!DOCTYPE`, `<!--`, `<?xml`), or an element of HTML, SVG or MathML, opening or closing (`<html>`,
// `<script>`, `<svg/onload=…>`, `</title>`). The tags of an LLM's prompt after a line break
// (`<example>`, `<thinking>`, `<instructions>`, in every prompt of some APIs' traffic) are none.
function splitBodyAt(p: usize, n: i32, start: i32): bool {
  if (byteAt(p, n, start) != 0x3C) return false;
  let c = byteAt(p, n, start + 1);
  if (c == 0x21 || c == 0x3F) return true;
  let s = c == 0x2F ? start + 2 : start + 1;
  let j = s;
  while (j < n && (isLetter(<u32>load<u8>(p + <usize>j)) || <u32>load<u8>(p + <usize>j) - 0x30 < 10)) j++;
  return j > s && isLetter(<u32>load<u8>(p + <usize>s)) && isOneOfByInitial(p, n, s, j - s, ELEMENTS_BY_INITIAL, ELEMENT_RANGES, ELEMENT_LENGTHS);
}

// Where the `:` is when p[start..) opens a header line (`Set-Cookie:`, `Location:`), or -1.
export function headerFieldColon(p: usize, n: i32, start: i32): i32 {
  let j = start;
  while (j < n && (isLetter(<u32>load<u8>(p + <usize>j)) || load<u8>(p + <usize>j) == 0x2D)) j++;
  return j > start && byteAt(p, n, j) == 0x3A && headerName(p, n, start, j) ? j : -1;
}

// Whether p[start..end) before a `:` names an HTTP header: a hyphenated name (`Set-Cookie`,
// `X-Injected`) or one of the one-word headers a response splitting sets (`Location:`,
// `Refresh:`); a line of prose that opens with `Note:` or `Summary:` is none.
function headerName(p: usize, n: i32, start: i32, end: i32): bool {
  for (let k = start + 1; k < end - 1; k++) if (load<u8>(p + k) == 0x2D) return true;
  return isOneOf(p, n, start, end - start, ONE_WORD_HEADERS);
}

const ONE_WORD_HEADERS: StaticArray<string> = [
  "location", "refresh", "host", "cookie", "link", "server", "expires", "vary", "via", "authorization", "pragma",
  "connection", "upgrade", "origin", "referer", "allow", "etag", "range", "te", "trailer", "accept", "expect", "forwarded",
];

// A target off the site: `//host`, `\\host`, `/\host`, a scheme with `:` (http:, javascript:),
// or `@host` after a user part.
function redirectSyntax(p: usize, n: i32): bool {
  if (urlSyntax(p, n)) return true;
  if ((has(p, n, "javascript:") && scriptSyntax(p, n)) || (has(p, n, "\\") && hasLoose(p, n, "javascript:")) ||
      has(p, n, "data:") || has(p, n, "vbscript:") || matchesLowerAt(p, n, 0, "/.")) return true;
  for (let i = 0; i + 1 < n; i++) {
    let c = <u32>load<u8>(p + i);
    let d = <u32>load<u8>(p + i + 1);
    if (c == 0x2F || c == 0x5C) {
      // Two separators, tabs and line breaks between them aside: browsers drop those from a URL
      // (`/\t/evil.example` is `//evil.example`), where a bare site's `https://` has none.
      let j = i + 1;
      while (j < n && (load<u8>(p + j) == 0x09 || load<u8>(p + j) == 0x0A || load<u8>(p + j) == 0x0D)) j++;
      let e = byteAt(p, n, j);
      if ((e == 0x2F || e == 0x5C) && (j > i + 1 || !bareSiteUrl(p, n, i))) return true;
    }
    if (c == 0x40 && isWordChar(d) && i > 0 && inAuthority(p, i)) return true;
    // `http:evil.example`: a value's special scheme without its slashes, which browsers repair to
    // `http://` when the page's scheme is another.
    if (c == 0x3A && isLetter(d) && specialScheme(p, i) && valueStartsAt(p, schemeStart(p, i))) return true;
  }
  return false;
}

// Where the letters before the `:` at k start.
function schemeStart(p: usize, k: i32): i32 {
  while (k > 0 && isLetter(<u32>load<u8>(p + k - 1))) k--;
  return k;
}

// Whether a value starts at s: the text's start, or after `=` or `&`.
function valueStartsAt(p: usize, s: i32): bool {
  if (s == 0) return true;
  let b = <u32>load<u8>(p + s - 1);
  return b == 0x3D || b == 0x26;
}

// Whether the `//` at i is a whole value's `http://` or `https://` and a site's name alone (a dot in
// it, not an address; one `/` after it at most): `url=https://google.com`, which share counters and
// link checkers send, or a search operator's (`url:http://google.com`). What an off-site redirect needs beyond a URL (`//host`, `/\host`, a user part, a
// scheme browsers repair) the other readings find; a site alone is a link, and payload lists' favourite
// target (google.com) the model learned to fear.
function bareSiteUrl(p: usize, n: i32, i: i32): bool {
  if (load<u8>(p + i) != 0x2F || byteAt(p, n, i + 1) != 0x2F || byteAt(p, n, i - 1) != 0x3A) return false;
  let s = schemeStart(p, i - 1);
  let schemeLen = i - 1 - s;
  if (!((schemeLen == 4 && matchesLowerAt(p, n, s, "http")) || (schemeLen == 5 && matchesLowerAt(p, n, s, "https")))) return false;
  let b = byteAt(p, n, s - 1);
  // A search operator's operand (`q=url:http://google.com`, `site:https://example.com`): its word
  // opens the value or follows a blank, and a URL after `name:` is no place a browser goes to.
  if (b == 0x3A) {
    let w = schemeStart(p, s - 1);
    if (w == s - 1) return false;
    s = w;
    b = byteAt(p, n, s - 1);
  }
  if (s > 0 && b != 0x3D && b != 0x26 && b != 0x22 && b != 0x27 && b != 0x20) return false;
  let j = i + 2, dots = 0, letters = 0;
  while (j < n) {
    let c = <u32>load<u8>(p + j);
    if (c == 0x2E) dots++;
    else if (isLetter(c)) letters++;
    else if (!(c - 0x30 < 10 || c == 0x2D)) break;
    j++;
  }
  if (dots == 0 || letters == 0 || byteAt(p, n, j - 1) == 0x2E) return false;
  if (byteAt(p, n, j) == 0x2F) j++;
  let e = byteAt(p, n, j);
  if (e == 0x26) return nextParameter(p, n, j + 1);
  return j >= n || e == 0x22 || e == 0x27 || e == 0x20;
}

// Whether a parameter's `name=` starts at i (after an `&`): `&www.trusted.example` with no `=` is a
// payload's appended host, not the next parameter.
function nextParameter(p: usize, n: i32, i: i32): bool {
  let j = i;
  while (j < n && (isWordChar(<u32>load<u8>(p + j)) || load<u8>(p + j) == 0x2D || load<u8>(p + j) == 0x5B || load<u8>(p + j) == 0x5D)) j++;
  return j > i && byteAt(p, n, j) == 0x3D;
}

// Whether the letters before the `:` at k are a scheme browsers read `http:host` of as `http://host`
// (http, https, ftp, ws, wss), not a word before a colon (`Condensed:wght@100`).
function specialScheme(p: usize, k: i32): bool {
  let s = schemeStart(p, k);
  if (s > 0 && isWordChar(<u32>load<u8>(p + s - 1))) return false;
  return isOneOf(p, k, s, k - s, SPECIAL_SCHEMES);
}

const SPECIAL_SCHEMES: StaticArray<string> = ["http", "https", "ftp", "ws", "wss"];

// Whether the `@` at i ends a URL's user part: after `//` (or `\\`, or `/\t/`: browsers drop tabs and
// line breaks in a URL) or a scheme's `:` (`http:trusted@evil`, which browsers read as `http://`), with
// no `/`, `?` or space between (`https://trusted.example@evil.example`); an e-mail address or a font's
// `wght@100` is none.
function inAuthority(p: usize, at: i32): bool {
  for (let k = at - 1; k > 0; k--) {
    let c = <u32>load<u8>(p + k);
    if (c == 0x2F || c == 0x5C) {
      let j = k - 1;
      while (j >= 0 && (load<u8>(p + j) == 0x09 || load<u8>(p + j) == 0x0A || load<u8>(p + j) == 0x0D)) j--;
      return j >= 0 && (load<u8>(p + j) == 0x2F || load<u8>(p + j) == 0x5C);
    }
    if (c == 0x3A) return specialScheme(p, k);
    if (c == 0x3F || c == 0x20) return false;
  }
  return false;
}

// An RFC 4515 item at i: an attribute description, then `=`, `~=`, `>=`, `<=` or `:` (`)(cn=`,
// `)(objectClass=*`), or an operator that leaves the filter broken (`)(x&)`). Two groups in a row
// with no filter in them (`(a)(b)`, encoded bytes in a path) are none.
function ldapItem(p: usize, n: i32, i: i32): bool {
  // An attribute's name starts with a letter, or is an OID's digits (RFC 4512 descr, numericoid).
  let a = byteAt(p, n, i);
  if (!isLetter(a) && a - 0x30 >= 10) return false;
  let j = attributeEnd(p, n, i);
  let c = byteAt(p, n, j);
  return j > i && (c == 0x3D || c == 0x7E || c == 0x3E || c == 0x3C || c == 0x3A || c == 0x26 || c == 0x7C);
}

// An LDAP filter being closed and reopened: `*)(`, `)(|` and `)(cn=` (ldapItem), `(&`, `(|`, `(!`; the
// fuzz lists' `*()|&'` (ldapfilter.ts wildcardEmptyGroupAt).
function ldapSyntax(p: usize, n: i32): bool {
  for (let i = 0; i + 1 < n; i++) {
    let c = <u32>load<u8>(p + i);
    let d = <u32>load<u8>(p + i + 1);
    // An operator applies to filters (`(|(uid=*)`) or to none (`(&)`, the filter that is always true).
    if (c == 0x28 && (d == 0x7C || d == 0x26 || d == 0x21) && (byteAt(p, n, i + 2) | 1) == 0x29) return true;
    if (c == 0x29 && d == 0x28 && ldapItem(p, n, i + 2)) return true;
    // A wildcard that closes a filter (`admin*)(`, `=*)`); SQL's `COUNT(*)`, a `(` before it, closes none.
    if (c == 0x2A && d == 0x29 && byteAt(p, n, lastNonWhitespace(p, i - 1)) != 0x28) return true;
    if (c == 0x29 && wildcardEmptyGroupAt(p, n, i)) return true;
  }
  return false;
}

// Attack tools that name themselves (sqlmap, Nikto, Nuclei, ffuf …) in a User-Agent or a header of
// their own: a listed name as a whole word. The model decides which text is a tool's banner; this
// only keeps it from naming a scanner where no tool is named (`Nikto` is also Slovak for "nobody":
// the model, not this list, tells a banner from a sentence).
const TOOLS: StaticArray<string> = [
  "sqlmap", "nikto", "nuclei", "fuzz faster u fool", "gobuster", "feroxbuster", "wfuzz", "dirbuster", "dirb", "havij",
  "wpscan", "nmap scripting engine", "masscan", "zgrab", "commix", "arachni", "w3af", "acunetix", "netsparker", "openvas",
  "nessus", "xsstrike", "dalfox", "jaeles", "skipfish", "whatweb", "burp suite", "zmeu", "morfeus", "zollard", "hydra",
  "blackwidow", "paros", "zap", "qualys", "fimap", "jorgee", "xray", "vega", "wvs", "x-scan-memo",
  // The attack tools of CRS's scanner list (rule 913100, paranoia level 1; scanners-user-agents.data
  // in CRS 3.3) not named above, less its words a device or product may be named (bilbo, grabber,
  // metis, floodgate, absinthe, brutus, pangolin …) and Detectify, a crawler in the benign data.
  "bsqlbf", "cgichk", "cisco-torch", "crimscanner", "datacha0s", "dotdotpwn", "fhscan",
  "grendel-scan", "jaascois", "mysqloit", "n-stealth", "nsauditor", "pmafind", "sqlninja", "sysscan",
  "webbandit", "webinspect", "webshag", "webvulnscan", "struts-pwn", "voideye", "uil2pn",
  "springenwerk", "nmap-nse", "nmap nse", "sql power injector", "webtrends security analyzer",
  "wordpress hash grabber", "xmlrpc exploit", "this is an exploit", "teh forest lobster",
  "gootkit auto-rooter scanner", "bfac", "inspath",
];

// Every request's User-Agent is read (core/signatures.ts), so in one pass: at each start of a
// run of letters whose first letter some name has, the names with that letter are compared. A
// search per name cost a browser's User-Agent about 50,000 instructions (`make profile-filter`).
export function toolName(p: usize, n: i32): bool {
  let i = 0;
  while (i < n) {
    while (i < n && !isLetter(<u32>load<u8>(p + i))) i++;
    if (i >= n) break;
    // The names starting with this letter, their second letter first.
    let k = <i32>lowerAscii(<u32>load<u8>(p + i)) - 0x61;
    let second = lowerAscii(byteAt(p, n, i + 1));
    let range = load<u16>(changetype<usize>(INITIAL_RANGES) + (<usize>k << 1));
    for (let w = <i32>(range >> 8), end = <i32>(range & 0xFF); w < end; w++) {
      if (<u32>load<u8>(changetype<usize>(SECOND_LETTERS) + <usize>w) != second) continue;
      let t = unchecked(BY_INITIAL[w]);
      if (matchesLowerAt(p, n, i, t) && !isLetter(byteAt(p, n, i + t.length))) return true;
    }
    while (i < n && isLetter(<u32>load<u8>(p + i))) i++;
  }
  return false;
}

// TOOLS grouped by first letter (the range of each letter 'a' + k in INITIAL_RANGES), and their
// second letters (lower case) in that order.
const BY_INITIAL = new StaticArray<string>(TOOLS.length);
const INITIAL_RANGES = groupWords(TOOLS, 26, (w: string): i32 => <i32>w.charCodeAt(0) - 0x61, BY_INITIAL);
const SECOND_LETTERS = secondLetters();
function secondLetters(): StaticArray<u8> {
  let s = new StaticArray<u8>(BY_INITIAL.length);
  for (let w = 0; w < BY_INITIAL.length; w++) s[w] = <u8>BY_INITIAL[w].charCodeAt(1);
  return s;
}
