// SQL injection by its grammar: the statements and functions an injection needs and a value
// has no use for (CRS 942100 via libinjection, 942190, 942160, 942151 block the same at
// paranoia level 1). Read by core/payloads.ts; total and allocation-free.
//
// - `UNION [ALL|DISTINCT] SELECT` right after the end of a value an injection closes: the
//   start of the text, a quote, a parenthesis, a number or a comment (`0 UNION SELECT`,
//   `x' union all select`, `1)/**/union(select`). SQL quoted in prose (`FROM a UNION SELECT`
//   in a forum post about queries) follows a name and is left to the model.
// - A statement stacked after such a value that names what it acts on: `1;DROP TABLE users`,
//   `x');INSERT INTO`, `0;EXEC xp_cmdshell` (stackedQuery).
// - A time-based or error-based probe: `sleep(<digit>`, `benchmark(<digit>`, `pg_sleep(<digit>`
//   after an operator, a quote or a SQL keyword (not `time.sleep(5)` or `await sleep(500)` in
//   code), `extractvalue(`, `updatexml(`, `load_file(`, `waitfor delay '`,
//   `dbms_pipe.receive_message(`, `procedure analyse(`.
// The model scored long UNION queries 26–93 in the leave-one-source-out folds that held their
// collections out: every token of them is SQL, but hex literals and repeated columns thin the
// bag of features.

import { blanksBefore, byteAt, indexOfWord, isIdentByte, isLetter, isOneOf, isWordChar, lowerAscii, matchesLowerAt, nameEnd, nameStart, skipBlanks } from "../lib/bytes";
import { indexOf2 } from "../lib/scan";
import { splat8 } from "../lib/splat";

// statement, paren, quote: whether the text holds `un` (without case) or ';', a '(', a '\''
// (core/payloads.ts reads them all in one pass).
export function sqlInjection(p: usize, n: i32, statement: bool, paren: bool, quote: bool): bool {
  return (statement && (unionSelect(p, n) || stackedQuery(p, n))) || (paren && probeCall(p, n)) ||
    (quote && (quotedArgument(p, n) || quoteThenComment(p, n)));
}

// The login bypass: a value that is a name, the quote that closes the string it was pasted into,
// and a comment to the end of the query, so that what the query checks after the name (`AND
// password = …`) is never read: `admin'--`, `admin' #`, `admin'/*`, `admin'/**/--`. A name's own
// apostrophe is followed by a letter (`O'Brien`, `don't`), and prose opens with no name glued to a
// quote and a comment. The model scored `admin'--` 4, and 16 behind 32 glued `a`s, in a retrain of
// 2026-12-06. Also read at a sentence's start (core/sentences.ts).
export function quoteThenComment(p: usize, n: i32): bool {
  let e = nameEnd(p, n, 0);
  if (e == 0 || byteAt(p, n, e) != 0x27) return false;
  // Blanks and inline comments, which SQL reads as blanks; one left open comments out the rest.
  let i = skipBlanks(p, n, e + 1);
  while (byteAt(p, n, i) == 0x2F && byteAt(p, n, i + 1) == 0x2A) {
    let end = commentEnd(p, n, i);
    if (end < 0) return true;
    i = skipBlanks(p, n, end);
  }
  // `--` (a comment to the line's end in every SQL but MySQL, which wants a blank after it; the
  // injection is written for the database it meets), or `#` before the end or a blank.
  let c = byteAt(p, n, i);
  if (c == 0x2D) return byteAt(p, n, i + 1) == 0x2D;
  return c == 0x23 && byteAt(p, n, i + 1) <= 0x20;
}

// A statement stacked after the value an injection closes: `1;DROP TABLE users`,
// `x');INSERT INTO`, `1";select count(*) from`, `0;EXEC xp_cmdshell`. The statement must name
// what it acts on (`1; exec will create the case` is a sentence), and what stands before the
// ';' must close a value as for UNION (closesValue). A text that starts with a statement is a
// script (SQL sent by an editor or a migration tool), not a value with an injection in it.
function stackedQuery(p: usize, n: i32): bool {
  for (let i = indexOf2(p, 0, n, 0x3B, 0x3B); i < n; i = indexOf2(p, i + 1, n, 0x3B, 0x3B)) { // ';'
    let j = skipGap(p, n, i + 1);
    let e = nameEnd(p, n, j);
    // What stands before the ';' first: in prose it is a word, and the statement is not looked up.
    if (e - j < 3 || e - j > 8 || !closesValue(p, n, i)) continue;
    let statement = indexOfWord(p, n, j, e - j, STACKED);
    if (statement < 0) continue;
    if (stackedObject(p, n, statement, skipGap(p, n, e))) return !isScript(p, n);
  }
  return false;
}

// Whether the text starts with a statement of its own, comments before it aside: a script (a SQL
// editor's, a migration's).
function isScript(p: usize, n: i32): bool {
  // Blanks and comments (`-- …` and `# …` to the line's end, `/* … */`), not `(`: an injection
  // may open with a subquery (`( (SELECT @a) ) ; UPDATE …`).
  let s = skipBlanks(p, n, 0);
  while (s < n) {
    let c = load<u8>(p + <usize>s);
    if (c == 0x23 || (c == 0x2D && byteAt(p, n, s + 1) == 0x2D)) {
      while (s < n && load<u8>(p + <usize>s) != 0x0A) s++;
    } else if (c == 0x2F && byteAt(p, n, s + 1) == 0x2A) {
      let end = commentEnd(p, n, s);
      s = end < 0 ? n : end;
    } else break;
    s = skipBlanks(p, n, s);
  }
  return isOneOf(p, n, s, nameEnd(p, n, s) - s, SCRIPT_STARTS);
}

const SCRIPT_STARTS: StaticArray<string> = [
  "select", "insert", "update", "delete", "create", "alter", "drop", "with", "begin", "set", "use", "declare", "exec",
  "execute", "truncate", "grant", "start", "commit", "pragma", "explain", "call", "merge", "replace", "show", "do",
];

// Statements an injection stacks (lower case), in the order of the STACKED_* indexes
// stackedObject reads.
const STACKED: StaticArray<string> = [
  "drop", "delete", "insert", "update", "truncate", "alter", "create", "shutdown", "declare", "exec", "execute", "select",
  "rename", "desc", "describe", "show", "use",
];
const STACKED_DROP = 0, STACKED_DELETE = 1, STACKED_INSERT = 2, STACKED_UPDATE = 3, STACKED_TRUNCATE = 4,
  STACKED_ALTER = 5, STACKED_CREATE = 6, STACKED_SHUTDOWN = 7, STACKED_DECLARE = 8, STACKED_EXEC = 9,
  STACKED_EXECUTE = 10, STACKED_SELECT = 11, STACKED_RENAME = 12, STACKED_DESC = 13, STACKED_DESCRIBE = 14,
  STACKED_SHOW = 15, STACKED_USE = 16;
const DDL_OBJECTS: StaticArray<string> = ["table", "database", "view", "user", "procedure", "function", "login", "schema"];
const SELECTED: StaticArray<string> = [
  "case", "count", "sleep", "pg_sleep", "char", "concat", "version", "user", "database", "load_file", "if", "null", "from",
];

// Whether what stands at k, after the statement (a STACKED index), is what that statement acts
// on, written as SQL: the table a DROP, DELETE or INSERT names is followed by the end, a
// terminator, a comment or the statement's next clause (`1; delete from the cart first` is a
// sentence).
function stackedObject(p: usize, n: i32, statement: i32, k: i32): bool {
  // MySQL's modifiers between the statement and what it acts on (`delete ignore from`,
  // `insert low_priority into`, `update ignore t set`).
  if (statement == STACKED_DELETE || statement == STACKED_INSERT || statement == STACKED_UPDATE) {
    let m = nameEnd(p, n, k);
    while (m - k >= 5 && isOneOf(p, n, k, m - k, MODIFIERS)) { k = skipGap(p, n, m); m = nameEnd(p, n, k); }
  }
  let e = nameEnd(p, n, k);
  let len = e - k;
  let b = byteAt(p, n, k);
  switch (statement) {
    case STACKED_DELETE: return len == 4 && matchesLowerAt(p, n, k, "from") && tableThen(p, n, skipGap(p, n, e), DELETE_NEXT);
    case STACKED_INSERT: return len == 4 && matchesLowerAt(p, n, k, "into") && tableThen(p, n, skipGap(p, n, e), INSERT_NEXT);
    case STACKED_DECLARE: return b == 0x40; // declare @x
    case STACKED_DROP: case STACKED_ALTER: case STACKED_TRUNCATE: case STACKED_CREATE: case STACKED_RENAME: { // <kind> <name>
      if (!isOneOf(p, n, k, len, DDL_OBJECTS)) return false;
      let s = skipGap(p, n, e);
      if (matchesLowerAt(p, n, s, "if") && !isIdentByte(byteAt(p, n, s + 2))) return true; // drop table if exists
      return tableThen(p, n, s, DDL_NEXT);
    }
    case STACKED_UPDATE: { // update <name> set
      if (len == 0) return false;
      let s = skipGap(p, n, e);
      return matchesLowerAt(p, n, s, "set") && !isIdentByte(byteAt(p, n, s + 3));
    }
    case STACKED_SHUTDOWN: return k >= n || b == 0x2D || b == 0x23 || b == 0x3B || b == 0x2F; // alone or before a comment
    case STACKED_SELECT: { // select *, @@version, count(…, 1,2,3 (not `1; select 2 items`)
      if (b == 0x2A || b == 0x40 || isOneOf(p, n, k, len, SELECTED)) return true;
      if (b - 0x30 >= 10) return false;
      let d = skipGap(p, n, e);
      return d >= n || isClauseEnd(p, n, d) || byteAt(p, n, d) == 0x2C || (matchesLowerAt(p, n, d, "from") && !isIdentByte(byteAt(p, n, d + 4)));
    }
    // What a schema holds, read to find the tables to dump: `desc users`, `show tables`, `use mysql`, each
    // alone in its statement (`1; describe the problem` is a sentence).
    // A call after the name is code (`new URL(); use urlToHttpOptions() in lib/run.js`), not a statement.
    case STACKED_DESC: case STACKED_DESCRIBE: case STACKED_USE: return tableThen(p, n, k, NOTHING_NEXT, false);
    case STACKED_SHOW: return isOneOf(p, n, k, len, SHOWN) && tableThen(p, n, k, SHOW_NEXT, false);
    case STACKED_EXEC: case STACKED_EXECUTE: // a system procedure, a variable, a string
      return b == 0x40 || b == 0x28 || b == 0x27 || matchesLowerAt(p, n, k, "xp_") || matchesLowerAt(p, n, k, "sp_") || matchesLowerAt(p, n, k, "master.");
  }
  return false;
}

const MODIFIERS: StaticArray<string> = ["ignore", "quick", "low_priority", "high_priority", "delayed"];

// What may follow the table of a stacked statement, besides the end, a terminator or a comment.
const DELETE_NEXT: StaticArray<string> = ["where", "limit", "order", "using"];
const INSERT_NEXT: StaticArray<string> = ["values", "value", "select", "set", "default"];
// `returns`: a function's type, before MySQL's `soname` of a library a UDF injection loads; `to`: a rename's.
const DDL_NEXT: StaticArray<string> = ["cascade", "restrict", "add", "drop", "modify", "rename", "as", "like", "identified", "with", "returns", "to"];
const NOTHING_NEXT: StaticArray<string> = [];
// What SHOW lists (MySQL), and what may follow it.
const SHOWN: StaticArray<string> = [
  "tables", "databases", "schemas", "columns", "fields", "grants", "processlist", "variables", "privileges", "users", "full", "create",
];
const SHOW_NEXT: StaticArray<string> = ["from", "in", "like", "where", "tables", "processlist", "columns", "fields", "table", "for"];

// Whether a name (schema-qualified, quoted or bracketed) stands at s, then the end, a clause end
// (isClauseEnd), `(` or one of `next`; with called false, a `(` right after the name (blanks aside)
// makes it a call, and no table's.
function tableThen(p: usize, n: i32, s: i32, next: StaticArray<string>, called: bool = true): bool {
  let e = s;
  while (e < n && (isIdentByte(load<u8>(p + <usize>e)) || isNameQuote(load<u8>(p + <usize>e)))) e++;
  if (e == s || (!called && byteAt(p, n, skipBlanks(p, n, e)) == 0x28)) return false;
  let j = skipGap(p, n, e);
  if (j >= n || isClauseEnd(p, n, j) || byteAt(p, n, j) == 0x28) return true;
  return isOneOf(p, n, j, nameEnd(p, n, j) - j, next);
}

// `;`, `--`, `#`, `/*` or `)`: where a statement or an injected one ends.
// @ts-ignore: decorator
@inline function isClauseEnd(p: usize, n: i32, j: i32): bool {
  let c = byteAt(p, n, j);
  return c == 0x3B || c == 0x23 || c == 0x29 || (c == 0x2D && byteAt(p, n, j + 1) == 0x2D) || (c == 0x2F && byteAt(p, n, j + 1) == 0x2A);
}

// The quotes and brackets around a table's name: ` " [ ] and `.`, between a schema and a table.
// @ts-ignore: decorator
@inline function isNameQuote(c: u32): bool { return c == 0x60 || c == 0x22 || c == 0x5B || c == 0x5D || c == 0x2E; }

function unionSelect(p: usize, n: i32): bool {
  for (let i = nextUn(p, 0, n); i + 11 <= n; i = nextUn(p, i + 1, n)) {
    // MySQL runs the text of a versioned comment (`/*!50000UNION*/`) as SQL: its opener stands
    // where the value ends.
    let u = versionedOpener(p, n, i);
    if ((u == i && isIdentByte(byteAt(p, n, i - 1))) || !matchesLowerAt(p, n, i, "union")) continue;
    let j = skipGap(p, n, i + 5);
    if (j == i + 5 && byteAt(p, n, j) != 0x28) continue; // `unionselect` is one name
    if (matchesLowerAt(p, n, j, "all") && !isIdentByte(byteAt(p, n, j + 3))) j = skipGap(p, n, j + 3);
    else if (matchesLowerAt(p, n, j, "distinct") && !isIdentByte(byteAt(p, n, j + 8))) j = skipGap(p, n, j + 8);
    if (!matchesLowerAt(p, n, j, "select") || isIdentByte(byteAt(p, n, j + 6))) continue;
    if (closesValue(p, n, u)) return true;
  }
  return false;
}

// The start of a MySQL versioned comment's opener (`/*!`, then up to 5 digits of version) that
// ends at i, or i.
function versionedOpener(p: usize, n: i32, i: i32): i32 {
  let k = i;
  while (k > 0 && i - k < 5 && load<u8>(p + <usize>(k - 1)) - 0x30 < 10) k--;
  return byteAt(p, n, k - 1) == 0x21 && byteAt(p, n, k - 2) == 0x2A && byteAt(p, n, k - 3) == 0x2F ? k - 3 : i;
}

// The index of the next `un`, without case, from `from`, or n: 16 positions a step (a search for
// each 'u' stopped at most words of prose).
function nextUn(p: usize, from: i32, n: i32): i32 {
  let i = from;
  for (; i + 17 <= n; i += 16) {
    let m = i8x16.bitmask(unPairs(v128.load(p + <usize>i), v128.load(p + <usize>(i + 1))));
    if (m != 0) return i + ctz(m);
  }
  for (; i + 1 < n; i++) if (isUn(load<u8>(p + <usize>i), load<u8>(p + <usize>(i + 1)))) return i;
  return n;
}

// The lanes where v0's byte and v1's (the byte after it) are `un` without case: also core/payloads.ts's
// trigger for this verdict.
// @ts-ignore: decorator
@inline export function unPairs(v0: v128, v1: v128): v128 {
  let lower = splat8(0x20);
  return v128.and(i8x16.eq(v128.or(v0, lower), splat8(0x75)), i8x16.eq(v128.or(v1, lower), splat8(0x6E)));
}

// Whether bytes b, c are `un` without case.
// @ts-ignore: decorator
@inline export function isUn(b: u32, c: u32): bool { return (b | 0x20) == 0x75 && (c | 0x20) == 0x6E; }

// Where a statement may start: `un` (UNION) or ';' (a stacked statement). core/payloads.ts's
// trigger for sqlInjection's `statement`.
// @ts-ignore: decorator
@inline export function statementPairs(v0: v128, v1: v128): v128 {
  return v128.or(unPairs(v0, v1), i8x16.eq(v0, splat8(0x3B)));
}
// @ts-ignore: decorator
@inline export function isStatement(b: u32, c: u32): bool { return isUn(b, c) || b == 0x3B; }

// The boolean injection's condition: AND or OR (`&&`, `||`) and then two literals compared, numbers
// or quoted strings (`1 and 1=1`, `HOPE AND -8=-3`, `' or '1'='1`, `-1" and "x"="y`, `1 || 1 = 1`), or
// a name and itself (`or x=x`, sameNameAfterBoolean):
// a condition the injection makes always true or always false, whatever the row, to read the
// answer in the page (CRS 942100 via libinjection at paranoia level 1). A value compares a name with
// a literal (`a=1 and b=2`): no benign part of `make dataset`'s sides, of `../shared/datasets` or of
// the spent real-traffic draws holds two literals compared after AND or OR (2026-12-07). The model
// scored 41 attack rows of the dataset that do over 20, in prose or behind a User-Agent. Read by
// core/payloads.ts for texts with a '<' or '='.
//
// JavaScript's equality (`==`, `===`, `!==`) makes the same condition in a string broken out of in
// code that a query's `$where` runs (`' || 'a'=='a`, `" || "a"=="a`: nosqli), read only so: a quote
// closing the string before the `||` or `&&`, and strings or numbers compared (code's own
// `if (a && 1 === 1)` or `ready() and count() == 0` breaks out of nothing). No benign part of those
// sources holds two literals so compared after `||`, `&&`, AND or OR (2026-12-07). The model scored
// the double-quoted breakout 65, the single-quoted one 16.
//
// Returns COMPARISON when it finds one (CODE_COMPARISON with JavaScript's operators), else whether
// the text holds a '<' (ANGLE) or not (0): the caller's trigger is shared by '<' and '=', and one
// scan for both answers which it was.
export function literalComparison(p: usize, n: i32): i32 {
  let angle = 0;
  for (let i = indexOf2(p, 0, n, 0x3D, 0x3C); i < n; i = indexOf2(p, i + 1, n, 0x3D, 0x3C)) { // '=', '<'
    if (load<u8>(p + <usize>i) == 0x3C) { angle = ANGLE; continue; }
    // `<=`, `>=`, `!=`, `!==`: the operator's first byte; an operator's later '=' was read at its first.
    let o = i;
    let b = byteAt(p, n, i - 1);
    if (b == 0x3C || b == 0x3E || b == 0x21) o = i - 1;
    else if (b == 0x3D) continue;
    let r = i + 1;
    let code = false;
    if (byteAt(p, n, r) == 0x3D) {
      if (b == 0x3C || b == 0x3E) continue; // `<==` is no operator
      code = true;
      r = byteAt(p, n, r + 1) == 0x3D ? r + 2 : r + 1;
    }
    r = skipBlanks(p, n, r);
    if (!literalOpens(p, n, r)) {
      // Or a name, which opens with a letter, compared with itself (the AND or OR read with it).
      if (!code && isLetter(byteAt(p, n, r)) && sameNameAfterBoolean(p, n, gapBefore(p, n, o), r)) return COMPARISON;
      continue;
    }
    let s = literalStart(p, gapBefore(p, n, o));
    if (s <= 0) continue;
    let op = booleanBefore(p, n, s);
    if (op < 0) continue;
    if (!code) return COMPARISON;
    let q = byteAt(p, n, gapBefore(p, n, op) - 1);
    if ((q == 0x27 || q == 0x22) && !isCallLiteral(p, s) && !isCallLiteral(p, r)) return CODE_COMPARISON;
  }
  return angle;
}
export const COMPARISON = 1, ANGLE = 2, CODE_COMPARISON = 3;

// A name compared with itself (`or x=x`, `AND a = a`) is the same condition as two literals: true
// whatever the row. Whether the name that ends at e (whole, after a gap, AND or OR before it) is the
// name at r, without case. No benign part of the sources named above holds a name compared with
// itself after AND or OR, percent-decoded or not (2026-12-07). The name before is read first, and the
// word before it: most `=` of a value have no AND or OR there.
function sameNameAfterBoolean(p: usize, n: i32, e: i32, r: i32): bool {
  // Back over the name, at most MAX_COMPARED_NAME bytes (a long token before a '=' is no name compared).
  let s = e;
  while (s > 0 && e - s <= MAX_COMPARED_NAME && isIdentByte(load<u8>(p + <usize>(s - 1)))) s--;
  let len = e - s;
  if (len == 0 || len > MAX_COMPARED_NAME || s == 0 || !isGapAt(p, n, s - 1) || booleanBefore(p, n, s) < 0) return false;
  if (nameEnd(p, n, r) - r != len) return false;
  for (let k = 0; k < len; k++) {
    if (lowerAscii(load<u8>(p + <usize>(s + k))) != lowerAscii(load<u8>(p + <usize>(r + k)))) return false;
  }
  return true;
}
// The longest name read as compared with itself.
const MAX_COMPARED_NAME = 16;

// Whether a literal starts at r: a quote, a digit, a sign and a digit, or a call without arguments.
function literalOpens(p: usize, n: i32, r: i32): bool {
  let c = byteAt(p, n, r);
  if (c == 0x2D || c == 0x2B) c = byteAt(p, n, r + 1);
  if (c == 0x27 || c == 0x22 || c - 0x30 < 10) return true;
  let e = nameEnd(p, n, r);
  return e - r >= MIN_CALL_NAME && byteAt(p, n, e) == 0x28 && byteAt(p, n, e + 1) == 0x29;
}

// Where the literal that ends at e starts: a string of at most MAX_QUOTED bytes in the quotes it ends
// with, a number (digits, a `-` before them) that follows a gap, or a call without arguments, which
// SQL's functions of the session are (`user_name()`, `CONNECTION_ID()`, `database()`); -1 for none.
// A string that expands a variable (`"${ID}"`, `"$name"`) is none: a shell's or a template's test of a
// value (`[[ "${ID}" != "ubuntu" && "${ID}" != "debian" ]]` in an uploaded script), not a constant an
// injection compares.
function literalStart(p: usize, e: i32): i32 {
  if (e <= 0) return -1;
  let c = <u32>load<u8>(p + <usize>(e - 1));
  if (c == 0x29 && e >= 2 + MIN_CALL_NAME && load<u8>(p + <usize>(e - 2)) == 0x28) { // `()`
    let w = nameStart(p, e - 2);
    return e - 2 - w >= MIN_CALL_NAME && w > 0 && isGapAt(p, e, w - 1) ? w : -1;
  }
  if (c == 0x27 || c == 0x22) {
    for (let k = e - 2, lo = max(0, e - 2 - MAX_QUOTED); k >= lo; k--) {
      let b = <u32>load<u8>(p + <usize>k);
      if (b == c) return k;
      if (b == 0x24) { // '$'
        let d = <u32>load<u8>(p + <usize>(k + 1));
        if (d == 0x7B || d == 0x5F || isLetter(d)) return -1; // `${`, `$_`, `$x`
      }
    }
    return -1;
  }
  let k = e;
  while (k > 0 && <u32>load<u8>(p + <usize>(k - 1)) - 0x30 < 10) k--;
  if (k == e) return -1;
  if (k > 0 && load<u8>(p + <usize>(k - 1)) == 0x2D) k--;
  return k > 0 && isGapAt(p, e, k - 1) ? k : -1;
}

// Whether p[k] (of p[0..n)) is a blank, or a `+` (a query's blank, and one in a path or a cookie that
// SQL reads as a sign: `HOPE+AND+-8=3`).
// @ts-ignore: decorator
@inline function isGapAt(p: usize, n: i32, k: i32): bool {
  let c = <u32>load<u8>(p + <usize>k);
  return c <= 0x20 || c == 0x2B || isNbspAt(p, n, k, c);
}

// Whether p[k], which is c, is a no-break space or the lead byte of one: `A0` as Latin-1 sends it, or
// `C2 A0`. MySQL reads it as a blank between words (`-1%A0UNION%A0SELECT`: sqlmap's space2mysqlblank),
// and ModSecurity's compressWhitespace, which CRS's SQL rules read through, folds it to one. The model
// scored `-1%a0union%a0select%a01,2,3` 99.
// @ts-ignore: decorator
@inline function isNbspAt(p: usize, n: i32, k: i32, c: u32): bool {
  return c == 0xA0 || (c == 0xC2 && byteAt(p, n, k + 1) == 0xA0);
}

// Where the gap (isGapAt) that ends at i starts.
function gapBefore(p: usize, n: i32, i: i32): i32 {
  while (i > 0 && isGapAt(p, n, i - 1)) i--;
  return i;
}
const MAX_QUOTED = 16;
// The shortest function name read as a literal (`pi()`).
const MIN_CALL_NAME = 2;

// Where AND, OR or XOR (a whole word) or `&&`, `||` starts, standing before the literal at s with a
// gap between; -1 when none does.
function booleanBefore(p: usize, n: i32, s: i32): i32 {
  let k = gapBefore(p, n, s);
  if (k < 2) return -1;
  let c = load<u8>(p + <usize>(k - 1));
  if ((c == 0x26 || c == 0x7C) && load<u8>(p + <usize>(k - 2)) == c) return k - 2;
  if (k == s) return -1;
  let w = nameStart(p, k);
  return isOneOf(p, n, w, k - w, BOOLEANS) ? w : -1;
}

// Whether the literal at s is a call without arguments (literalStart's `user_name()`), not a string or a number.
// @ts-ignore: decorator
@inline function isCallLiteral(p: usize, s: i32): bool {
  let c = <u32>load<u8>(p + <usize>s);
  return c != 0x27 && c != 0x22 && c != 0x2D && c - 0x30 >= 10;
}
const BOOLEANS: StaticArray<string> = ["and", "or", "xor"];

// Whether what stands before i (blanks, `+` and `(` aside) ends a value an injection closes:
// nothing, a quote, `)`, a digit, or a comment (`*/`, `--`, `#`).
function closesValue(p: usize, n: i32, i: i32): bool {
  let k = i - 1;
  while (k >= 0) {
    if (!isGapAt(p, n, k) && load<u8>(p + <usize>k) != 0x28) break;
    k--;
  }
  if (k < 0) return true;
  let c = <u32>load<u8>(p + <usize>k);
  if (c == 0x27 || c == 0x22 || c == 0x60 || c == 0x29 || c == 0x23 || c - 0x30 < 10) return true;
  let b = byteAt(p, n, k - 1);
  return (c == 0x2F && b == 0x2A) || (c == 0x2D && b == 0x2D);
}

// Past blanks (controls included: `%0B` separates SQL words), `+`, `(`, `/* … */` comments, and
// the opener and closer of a versioned comment (`/*!50000`, `*/`), whose text MySQL runs.
function skipGap(p: usize, n: i32, j: i32): i32 {
  while (j < n) {
    let c = <u32>load<u8>(p + <usize>j);
    if (c == 0x28 || isGapAt(p, n, j)) { j += c == 0xC2 ? 2 : 1; continue; } // `C2 A0`: two bytes
    if (c == 0x2A && byteAt(p, n, j + 1) == 0x2F) { j += 2; continue; }
    if (c == 0x2F && byteAt(p, n, j + 1) == 0x2A) {
      if (byteAt(p, n, j + 2) == 0x21) {
        j += 3;
        for (let d = 0; d < 5 && byteAt(p, n, j) - 0x30 < 10; d++) j++;
        continue;
      }
      let end = commentEnd(p, n, j);
      if (end < 0) return n;
      j = end;
      continue;
    }
    break;
  }
  return j;
}

// Past the `/* … */` comment that opens at j, or -1 when it is left open (it comments out the rest).
function commentEnd(p: usize, n: i32, j: i32): i32 {
  let e = j + 2;
  while (e + 1 < n && !(load<u8>(p + <usize>e) == 0x2A && load<u8>(p + <usize>(e + 1)) == 0x2F)) e++;
  return e + 1 < n ? e + 2 : -1;
}

// Functions an injection calls to time or to leak through an error, before `(`.
const DELAY_CALLS: StaticArray<string> = ["sleep", "benchmark", "pg_sleep"];
const LEAK_CALLS: StaticArray<string> = ["extractvalue", "updatexml", "load_file"];
// Keywords after which a delay call is SQL (lower case).
const SQL_BEFORE: StaticArray<string> = ["and", "or", "xor", "not", "select", "if", "then", "else", "when", "where", "having", "rlike", "like"];

function probeCall(p: usize, n: i32): bool {
  for (let i = indexOf2(p, 0, n, 0x28, 0x28); i < n; i = indexOf2(p, i + 1, n, 0x28, 0x28)) { // '('
    let e = blanksBefore(p, i);
    let s = nameStart(p, e);
    let len = e - s;
    if (len < 5 || len > 15) continue;
    if (isOneOf(p, n, s, len, LEAK_CALLS)) return true;
    // Oracle's delay (`DBMS_PIPE.RECEIVE_MESSAGE('a',5)`) and MySQL's `PROCEDURE ANALYSE(`.
    if (len == 15 && matchesLowerAt(p, n, s, "receive_message") && s >= 10 && matchesLowerAt(p, n, s - 10, "dbms_pipe.")) return true;
    if (len == 7 && matchesLowerAt(p, n, s, "analyse") && afterWord(p, n, s, "procedure")) return true;
    if (isOneOf(p, n, s, len, DELAY_CALLS) && digitAfter(p, n, i + 1)) {
      if (sqlBefore(p, n, s)) return true;
      // Oracle's `DBMS_LOCK.SLEEP(5)`, a name before it as code's `time.sleep(5)` has one.
      if (len == 5 && s >= 10 && matchesLowerAt(p, n, s - 10, "dbms_lock.")) return true;
    }
  }
  return false;
}

// Whether the word before s (blanks and comments aside: `procedure/**/analyse`) is `word`.
function afterWord(p: usize, n: i32, s: i32, word: string): bool {
  let k = blanksBefore(p, s);
  while (k >= 4 && load<u8>(p + <usize>(k - 1)) == 0x2F && load<u8>(p + <usize>(k - 2)) == 0x2A) { // a `/* … */` before
    let j = k - 2;
    while (j >= 2 && !(load<u8>(p + <usize>(j - 2)) == 0x2F && load<u8>(p + <usize>(j - 1)) == 0x2A)) j--;
    if (j < 2) return false;
    k = blanksBefore(p, j - 2);
  }
  let w = word.length;
  return k >= w && matchesLowerAt(p, n, k - w, word) && !isIdentByte(byteAt(p, n, k - w - 1));
}

// The two words before a quote that take a string in SQL and nowhere else, in one pass over the
// quotes, back from each: `waitfor delay '` (SQL Server's delay), and MySQL's file write, `into
// outfile '` or `into dumpfile '` (a web shell written under the document root: `' into outfile
// '/var/www/x.php'--`, CRS 942100 via libinjection).
function quotedArgument(p: usize, n: i32): bool {
  for (let i = indexOf2(p, 0, n, 0x27, 0x27); i < n; i = indexOf2(p, i + 1, n, 0x27, 0x27)) {
    let e = blanksBefore(p, i);
    if (e < 12) continue;
    // The word's last letter first: most quotes follow neither.
    let last = load<u8>(p + <usize>(e - 1)) | 0x20;
    if (last == 0x79) { // 'y'
      if (!matchesLowerAt(p, n, e - 5, "delay")) continue;
      let k = e - 5;
      if (k == 0 || load<u8>(p + <usize>(k - 1)) > 0x20) continue;
      k = blanksBefore(p, k);
      if (matchesLowerAt(p, n, k - 7, "waitfor") && !isIdentByte(byteAt(p, n, k - 8))) return true;
    } else if (last == 0x65) { // 'e'
      let s = nameStart(p, e);
      if (s == 0 || e - s < 7 || e - s > 8) continue;
      let b = load<u8>(p + <usize>(s - 1)); // a blank or a comment's end, not `intooutfile`
      if ((b <= 0x20 || b == 0x2F) && isOneOf(p, n, s, e - s, FILE_WRITES) && afterWord(p, n, s, "into")) return true;
    }
  }
  return false;
}
const FILE_WRITES: StaticArray<string> = ["outfile", "dumpfile"];

// A number after blanks from j, and then blanks and the call's `)`, a `,` before another argument,
// an operator or the text's end: `sleep(5)`, `benchmark( 1e7,md5(1))`, `pg_sleep(5*2)`, `sleep(0x5)`;
// not prose's `sleep(8 hours)`.
function digitAfter(p: usize, n: i32, j: i32): bool {
  let i = skipBlanks(p, n, j);
  if (byteAt(p, n, i) - 0x30 >= 10) return false;
  while (i < n && (isWordChar(<u32>load<u8>(p + <usize>i)) || load<u8>(p + <usize>i) == 0x2E)) i++; // 5, 1e7, 0x5, 2.5
  i = skipBlanks(p, n, i);
  if (i >= n) return true;
  let c = load<u8>(p + <usize>i);
  return c == 0x29 || c == 0x2C || c == 0x2A || c == 0x2B || c == 0x2D || c == 0x2F || c == 0x25;
}

// Whether the call's name at s follows the start of the text, a quote, an operator SQL puts
// before a value, a digit or a SQL keyword (SQL_BEFORE): `' and sleep(5)`, `1=sleep(5)`,
// `(select sleep(5))`, `'||pg_sleep(5)`. Code calls it after a name (`time.sleep(5)`,
// `await sleep(500)`) or a statement (`{ sleep(5000);`, `'; sleep(5000); var x='`: also the shape
// of a NoSQL `$where` injection, which is the model's to name).
function sqlBefore(p: usize, n: i32, s: i32): bool {
  let k = blanksBefore(p, s);
  if (k == 0) return true;
  let c = lowerAscii(load<u8>(p + <usize>(k - 1)));
  if (c - 0x61 >= 26) return c - 0x30 < 10 || (c < 0x80 && load<u8>(SQL_OPERATORS + <usize>c) != 0);
  let w = nameStart(p, k);
  return isOneOf(p, n, w, k - w, SQL_BEFORE);
}

// 1 for the bytes before a value in SQL: quotes, `(`, `,`, `=`, `<`, `>`, `|`, `&`, `+`, `-`,
// `*`, `/`, `!`, `%`, `^`.
const SQL_OPERATORS = memory.data<u8>([
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 1, 1, 0, 0, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0,
  1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
]);
