// A value that is one whole, plain SQL query: `SELECT "Name" FROM "Artist" WHERE "Country" = 'USA'
// LIMIT 5;`, as SQL-over-HTTP APIs (BigQuery's jobs.query, Snowflake's and Databricks' statement
// APIs, ClickHouse's HTTP interface), BI tools and LLM agents' SQL tools send it, and as text-to-SQL
// prompts and chat messages carry it. Such a value is a query, not an injection into one: injected
// text must leave the application's string or number first (a quote, a comment, a stacked `;`, a
// UNION, a tautology) or probe with a function no report needs, and a plain query does none of
// these. Read by core/confirm.ts classesRuledOut once per text that has a window over the gate
// (core/score.ts): the model's sqli class is held there for such a text (the verdicts still read
// it, core/sqlverdict.ts). Total and allocation-free.
//
// The application may have opened a string before the value, so that the value's first quote
// closes it and what the value quotes becomes code (`SELECT a FROM b WHERE c=' OR ''='` is a
// tautology in `name = '…'`): a quoted span must be inert either way, words and values with no
// operator, no keyword and no quote or bracket in it. libinjection reads a value in the same three
// contexts (as it is, after a `'`, after a `"`).

import { byteAt, isLetter, isWhitespace, isWordChar, lowerAscii, isOneOf, matchesLowerAt, nameEnd } from "../lib/bytes";
import { groupByInitial, lengthsByInitial, isOneOfByInitial } from "../lib/groups";

// Words no plain query needs and injections do, read anywhere outside quotes: a set operation that
// appends a second query, stacked statements' and files' keywords, catalogues not caught by
// catalogueName, time, out-of-band and error probes, and the functions blind extraction reads a
// secret with byte by byte (a report's SUBSTRING or FLOOR then leaves its query to the model), and
// the password columns an exfiltrating query reads (`select username,password from users`).
const INJECTION_WORDS: StaticArray<string> = [
  "union", "waitfor", "delay", "outfile", "dumpfile", "exec", "execute", "declare", "shutdown", "into", "procedure",
  "analyse", "information_schema", "master", "msdb", "xp_cmdshell", "sp_executesql", "sp_oacreate", "dbms_pipe",
  "dbms_lock", "utl_http", "utl_inaddr", "sleep", "benchmark", "load_file", "extractvalue", "updatexml",
  "randomblob", "lo_import", "version", "database", "current_user", "system_user", "session_user", "user", "char",
  "chr", "concat", "concat_ws", "group_concat", "string_agg", "hex", "unhex", "ascii", "ord", "mid", "substr",
  "substring", "if", "iif", "elt", "make_set", "exp", "floor", "rand", "password", "passwd", "pwd",
];
// The list by first letter (lib/groups.ts): every word of a query is looked up.
const INJECTION_BY_INITIAL = new StaticArray<string>(INJECTION_WORDS.length);
const INJECTION_RANGES = groupByInitial(INJECTION_WORDS, INJECTION_BY_INITIAL);
const INJECTION_LENGTHS = lengthsByInitial(INJECTION_WORDS);

// Words that turn a quoted span into a condition or a statement when the application's string is
// closed by the value's first quote (`' OR ''='`, `' waitfor delay ''0:0:5'`); a function's name is
// harmless there, since a quoted span holds no parenthesis.
const OPERATOR_WORDS: StaticArray<string> = [
  "or", "and", "xor", "not", "union", "select", "like", "rlike", "regexp", "is", "in", "between", "div", "mod",
  "having", "where", "from", "exists", "sleep", "waitfor", "delay", "exec", "execute", "declare", "shutdown",
];
const OPERATOR_BY_INITIAL = new StaticArray<string>(OPERATOR_WORDS.length);
const OPERATOR_RANGES = groupByInitial(OPERATOR_WORDS, OPERATOR_BY_INITIAL);
const OPERATOR_LENGTHS = lengthsByInitial(OPERATOR_WORDS);

// Whether p[0..n) is one plain SQL query: it opens (after blanks and notes) with SELECT or WITH,
// reads a table (FROM), ends at most with one `;`, and has no second statement; no comment that is
// not inert as a quoted span is (`-- open orders` is; `-- it's` closes the application's string;
// MySQL's executed `/*! … */` is none); no injection word (INJECTION_WORDS, catalogueName), system
// variable (`@@`), hex or bit literal, or backslash (MySQL's string escape changes which quote
// closes); no quoted span that is not inert (quotedInert); and no condition an injection writes: a
// comparison of two literals or of an operand with itself (`1=1`, `2>1`, `'a'='b'`, `x = x`), or a
// condition that opens with a literal (`OR 1`, `AND 'x' LIKE 'x'`; a query compares a column, and
// BETWEEN's AND opens none).
export function plainQuery(p: usize, n: i32): bool {
  // Most texts fail at their first byte. Notes before the query (`-- top customers`), as BI tools
  // save them, are read as comments are below.
  let i = 0;
  while (true) {
    while (i < n && isWhitespace(<u32>load<u8>(p + <usize>i))) i++;
    let e = commentEnd(p, n, i);
    if (e == i) break;
    if (e < 0) return false;
    i = e;
  }
  if (i >= n) return false;
  let c0 = <u32>load<u8>(p + <usize>i) | 0x20;
  if (c0 != 0x73 && c0 != 0x77) return false; // 's', 'w'
  let first = i + (c0 == 0x73 ? 6 : 4);
  if (!isWhitespace(byteAt(p, n, first)) || !matchesLowerAt(p, n, i, c0 == 0x73 ? "select" : "with")) return false;
  i = first;
  let from = false, ended = false;
  // The operand before (its start, length and whether it is a literal: a number or a '…' string),
  // whether a comparison operator follows it, whether a condition opens here (after OR, AND, XOR,
  // WHERE, HAVING, ON), and whether a BETWEEN waits for its AND (which opens none).
  let lastStart = -1, lastLen = 0, lastLiteral = false, comparing = false, condition = false, between = false;
  while (i < n) {
    let c = <u32>load<u8>(p + <usize>i);
    if (isWhitespace(c)) { i++; continue; }
    if (ended) return false; // a second statement, or anything after the query's `;`
    if (c == 0x3B) { ended = true; i++; continue; } // ';'
    let start = i;
    let literal = false, opens = false;
    if (c == 0x27 || c == 0x22 || c == 0x60) { // ' " `
      let close = quoteEnd(p, n, i, c);
      if (close < 0 || !quotedInert(p, i + 1, close)) return false;
      literal = c == 0x27;
      i = close + 1;
    } else if (c == 0x5B) { // '[': SQL Server's bracketed name
      let close = i + 1;
      while (close < n && load<u8>(p + <usize>close) != 0x5D) close++;
      if (close >= n || !quotedInert(p, i + 1, close)) return false;
      i = close + 1;
    } else if (isWordChar(c)) {
      let e = nameEnd(p, n, i);
      // A hex or bit literal (0x61646d696e, 0b1), a name's bytes written so the filter reads no word.
      if (c == 0x30 && (lowerAscii(byteAt(p, n, i + 1)) == 0x78 || lowerAscii(byteAt(p, n, i + 1)) == 0x62) && e - i > 2) return false;
      if ((c | 0x20) == 0x78 && byteAt(p, n, i + 1) == 0x27) return false; // X'61'
      if (isOneOfByInitial(p, n, i, e - i, INJECTION_BY_INITIAL, INJECTION_RANGES, INJECTION_LENGTHS) || catalogueName(p, n, i, e)) return false;
      if (e - i == 4 && matchesLowerAt(p, n, i, "from")) from = true;
      if (e - i == 7 && matchesLowerAt(p, n, i, "between")) between = true;
      else if (between && e - i == 3 && matchesLowerAt(p, n, i, "and")) between = false;
      else if (isOneOf(p, n, i, e - i, CONDITION_WORDS)) opens = true;
      literal = c - 0x30 < 10 || isOneOf(p, n, i, e - i, LITERAL_WORDS);
      i = e;
    } else if (c == 0x2D && byteAt(p, n, i + 1) == 0x2D || c == 0x2F && byteAt(p, n, i + 1) == 0x2A) {
      let e = commentEnd(p, n, i);
      if (e < 0) return false;
      i = e;
      continue;
    }
    else if (c == 0x23 || c == 0x5C || c == 0x40 && byteAt(p, n, i + 1) == 0x40) return false; // # \ @@
    else {
      // An operator byte: = < > ! compare; any other ends a comparison (and what a condition opens with).
      comparing = c == 0x3D || c == 0x3C || c == 0x3E || c == 0x21;
      if (!comparing && c != 0x28) condition = false; // '(' keeps it: `AND (1=1)`
      i++;
      continue;
    }
    if (opens) { condition = true; comparing = false; lastStart = -1; continue; }
    // An operand p[start..i): a name, a number or a quoted span.
    if (condition && literal) return false;
    if (comparing && lastStart >= 0 &&
        ((literal && lastLiteral) || (lastLen == i - start && sameOperand(p, lastStart, start, lastLen)))) return false;
    comparing = false;
    condition = false;
    lastStart = start; lastLen = i - start; lastLiteral = literal;
  }
  return from;
}

// Words after which a condition opens, whose first operand is a column in a query. Not NOT (`IS NOT
// NULL`) nor WHEN (`CASE status WHEN 'shipped'`).
const CONDITION_WORDS: StaticArray<string> = ["or", "and", "xor", "where", "having", "on"];
// Words that are literals as numbers are.
const LITERAL_WORDS: StaticArray<string> = ["true", "false", "null"];

// Where the comment at i ends: i when none starts there, -1 when it is no inert note (quotedInert:
// `-- it's` closes the application's string), is left open, or is MySQL's executed `/*! … */`.
function commentEnd(p: usize, n: i32, i: i32): i32 {
  let c = byteAt(p, n, i), d = byteAt(p, n, i + 1);
  if (c == 0x2D && d == 0x2D) { // `--` to the line's end
    let e = i + 2;
    while (e < n && load<u8>(p + <usize>e) != 0x0A) e++;
    return quotedInert(p, i + 2, e) ? e : -1;
  }
  if (c == 0x2F && d == 0x2A) { // `/* … */`
    if (byteAt(p, n, i + 2) == 0x21) return -1;
    let e = i + 2;
    while (e + 1 < n && !(load<u8>(p + <usize>e) == 0x2A && load<u8>(p + <usize>(e + 1)) == 0x2F)) e++;
    return e + 1 < n && quotedInert(p, i + 2, e) ? e + 2 : -1;
  }
  return i;
}

// Whether the word p[i..e) names a system catalogue or schema, which an injection enumerates and
// an application's report has no use for: `pg_…` (Postgres), `sys…` (SQL Server's sysobjects, DB2's
// sysibm and syscat, Oracle's sys), `dba_…`, `all_…`, `user_tab…` and `v$…` (Oracle), `sqlite_…`,
// `mysql…`. Oracle's `sysdate` goes with them: the query is then left to the model, as before.
function catalogueName(p: usize, n: i32, i: i32, e: i32): bool {
  let len = e - i;
  return (len >= 3 && matchesLowerAt(p, n, i, "pg_")) || (len >= 3 && matchesLowerAt(p, n, i, "sys")) ||
    (len >= 4 && (matchesLowerAt(p, n, i, "dba_") || matchesLowerAt(p, n, i, "all_"))) ||
    (len >= 8 && matchesLowerAt(p, n, i, "user_tab")) || (len >= 2 && matchesLowerAt(p, n, i, "v$")) ||
    (len >= 7 && matchesLowerAt(p, n, i, "sqlite_")) || (len >= 5 && matchesLowerAt(p, n, i, "mysql"));
}

// The index of the quote that closes the one at i (q), a doubled quote read as one inside, or -1.
function quoteEnd(p: usize, n: i32, i: i32, q: u32): i32 {
  let j = i + 1;
  while (j < n) {
    if (<u32>load<u8>(p + <usize>j) == q) {
      if (byteAt(p, n, j + 1) != q) return j;
      j += 2;
      continue;
    }
    j++;
  }
  return -1;
}

// Whether the quoted bytes p[s..e) stay inert as code (the application's string closed by the
// value's first quote): no quote, bracket, operator or statement byte, no comment, and no operator
// word (OPERATOR_WORDS) among its words. Values and names pass: `USA`, `%a%`,
// `2024-01-01`, `Artist`, `first name`.
function quotedInert(p: usize, s: i32, e: i32): bool {
  let i = s;
  while (i < e) {
    let c = <u32>load<u8>(p + <usize>i);
    if (isWordChar(c)) {
      let w = i;
      while (i < e && isWordChar(<u32>load<u8>(p + <usize>i))) i++;
      if (isLetter(c) && isOneOfByInitial(p, e, w, i - w, OPERATOR_BY_INITIAL, OPERATOR_RANGES, OPERATOR_LENGTHS)) return false;
      continue;
    }
    // ' " ` ( ) ; = < > | & # \ [ ] and the comments' bytes.
    if (c == 0x27 || c == 0x22 || c == 0x60 || c == 0x28 || c == 0x29 || c == 0x3B || c == 0x3D || c == 0x3C ||
        c == 0x3E || c == 0x7C || c == 0x26 || c == 0x23 || c == 0x5C || c == 0x5B || c == 0x5D || c == 0x2A) return false;
    if (c == 0x2D && i + 1 < e && load<u8>(p + <usize>(i + 1)) == 0x2D) return false;
    if (c == 0x2F && i + 1 < e && load<u8>(p + <usize>(i + 1)) == 0x2A) return false;
    i++;
  }
  return true;
}

// Whether the operands p[a..a+len) and p[b..b+len) are the same, ASCII letters without case.
function sameOperand(p: usize, a: i32, b: i32, len: i32): bool {
  for (let k = 0; k < len; k++) {
    if (lowerAscii(<u32>load<u8>(p + <usize>(a + k))) != lowerAscii(<u32>load<u8>(p + <usize>(b + k)))) return false;
  }
  return true;
}
