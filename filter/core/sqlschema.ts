// A schema's lines in a window: `CREATE TABLE users (`, `  created_at datetime(6) NOT NULL,`,
// `  PRIMARY KEY (id)`, `);`, as text-to-SQL prompts, schema registries and migration tools carry
// them. Their keywords stand beside parentheses and commas as an injection's do (`NULL\n);`), so
// sqli's lexer (core/confirm.ts) read a schema dump in an LLM prompt as SQL injection. A schema
// line defines a column or a table and acts on nothing; an injection must break out of a value (a
// quote, a comment, a `;` before a statement that acts, an operator) or call something, and none of
// that fits the grammar of a schema line below. So the lexer reads the window again with its schema
// lines blanked (schemaMasked), and what else the window holds must confirm on its own. Read only
// where sqli's lexer confirmed a window (the gate's rare windows, the training export's masks);
// total and allocation-free.

import { byteAt, isWhitespace, isWordChar, isLetter, isOneOf, matchesLowerAt } from "../lib/bytes";
import { indexOf2 } from "../lib/scan";
import { groupByInitial, lengthsByInitial, isOneOfByInitial } from "../lib/groups";

// The longest window masked (a window is 256 bytes; a test may ask of longer texts, which are read
// unmasked).
export const SCHEMA_MASK_BYTES = 1024;
const MASKED = memory.data(SCHEMA_MASK_BYTES);

// Column types that mark a column definition (`name type …`): a line must name one to count as a
// schema's.
const COLUMN_TYPES: StaticArray<string> = [
  "int", "integer", "bigint", "smallint", "tinyint", "mediumint", "serial", "bigserial", "smallserial", "decimal",
  "numeric", "real", "float", "double", "money", "varchar", "nvarchar", "char", "nchar", "character", "text",
  "mediumtext", "longtext", "tinytext", "clob", "blob", "bytea", "binary", "varbinary", "date", "datetime",
  "datetime2", "timestamp", "timestamptz", "time", "interval", "year", "boolean", "bool", "bit", "uuid",
  "uniqueidentifier", "json", "jsonb", "xml", "enum", "inet", "string", "float64", "int64", "geometry",
];
// The list by first letter (lib/groups.ts), as the lexers' lists are.
const TYPES_BY_INITIAL = new StaticArray<string>(COLUMN_TYPES.length);
const TYPE_RANGES = groupByInitial(COLUMN_TYPES, TYPES_BY_INITIAL);
const TYPE_LENGTHS = lengthsByInitial(COLUMN_TYPES);

// Whether p[s..e) is a listed column type (COLUMN_TYPES), without case.
export function isColumnType(p: usize, n: i32, s: i32, e: i32): bool {
  return isOneOfByInitial(p, n, s, e - s, TYPES_BY_INITIAL, TYPE_RANGES, TYPE_LENGTHS);
}

// The first words of a table-level line (`PRIMARY KEY (id)`, `FOREIGN KEY (user_id) REFERENCES …`).
const TABLE_CONSTRAINTS: StaticArray<string> = ["primary", "foreign", "unique", "constraint", "key", "index"];
// Words a schema line never holds and an injection's text does.
const ACTING_WORDS: StaticArray<string> = [
  "select", "union", "insert", "update", "delete", "drop", "exec", "execute", "or", "and", "xor", "sleep", "waitfor",
  "benchmark", "into", "from", "where", "having", "like", "declare", "shutdown", "truncate", "grant", "copy", "program",
];

// Where the window p[0..n) with its schema lines blanked stands (MASKED), or 0 when it has fewer
// than two column definitions (a schema's, not a word pair that happens to name a type) or is longer
// than SCHEMA_MASK_BYTES.
export function schemaMasked(p: usize, n: i32): usize {
  // Two column definitions are two lines: prose's windows have no line break to look past.
  if (n > SCHEMA_MASK_BYTES || indexOf2(p, 0, n, 0x0A, 0x0A) >= n) return 0;
  memory.copy(MASKED, p, n);
  let columns = 0;
  let i = 0;
  while (i < n) {
    let e = i;
    while (e < n && load<u8>(p + <usize>e) != 0x0A) e++;
    let kind = schemaLine(p, i, e);
    if (kind != 0) {
      memory.fill(MASKED + <usize>i, 0x20, e - i);
      if (kind == COLUMN) columns++;
    }
    i = e + 1;
  }
  return columns >= 2 ? MASKED : 0;
}

const COLUMN = 1, OTHER = 2;

// What line p[s..e) is: COLUMN (a column definition), OTHER (a table's opening, a table-level
// constraint, the closing `)` with its options and `;`), or 0 (not a schema's line). A window's first
// and last lines may be cut: a cut line is read as what is left of it.
function schemaLine(p: usize, s: i32, e: i32): i32 {
  let i = skip(p, s, e);
  if (i >= e) return 0;
  let c = <u32>load<u8>(p + <usize>i);
  // `);`, `) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;`, `)`
  if (c == 0x29) return closing(p, i + 1, e) ? OTHER : 0;
  // `CREATE TABLE [IF NOT EXISTS] name (` and what follows on the line
  if ((c | 0x20) == 0x63 && matchesLowerAt(p, e, i, "create") && isWhitespace(byteAt(p, e, i + 6))) {
    let j = skip(p, i + 6, e);
    if (!matchesLowerAt(p, e, j, "table") || isWordChar(byteAt(p, e, j + 5))) return 0;
    j = skip(p, j + 5, e);
    if (matchesLowerAt(p, e, j, "if not exists")) j = skip(p, j + 13, e);
    j = name(p, j, e);
    if (j < 0) return 0;
    j = skip(p, j, e);
    if (byteAt(p, e, j) != 0x28) return 0; // '('
    j = skip(p, j + 1, e);
    return j >= e || definition(p, j, e) != 0 ? OTHER : 0;
  }
  return definition(p, i, e);
}

// A column definition (`name type[(n[,m])] constraints… [,]`: COLUMN) or a table-level constraint
// (OTHER) from i to e, or 0. Constraints are words, numbers, `(…)` lists of them and inert quoted
// defaults; no acting word (ACTING_WORDS), operator, `;` or comment.
function definition(p: usize, i: i32, e: i32): i32 {
  let first = i;
  let j = name(p, i, e);
  if (j < 0) return 0;
  let kind = 0;
  let firstIsWord = isLetter(<u32>load<u8>(p + <usize>first));
  if (firstIsWord && isOneOf(p, e, first, j - first, TABLE_CONSTRAINTS)) kind = OTHER;
  else {
    let t = skip(p, j, e);
    let te = t;
    while (te < e && isWordChar(<u32>load<u8>(p + <usize>te))) te++;
    if (te == t || !isColumnType(p, e, t, te)) return 0;
    kind = COLUMN;
    j = te;
  }
  // The rest: words, numbers, `(`, `)`, `,`, `.`, `-` (a negative default), and inert '…' defaults.
  while (j < e) {
    let c = <u32>load<u8>(p + <usize>j);
    if (isWhitespace(c) || c == 0x28 || c == 0x29 || c == 0x2C || c == 0x2E) { j++; continue; }
    if (c == 0x2D && byteAt(p, e, j + 1) != 0x2D) { j++; continue; }
    if (isWordChar(c)) {
      let w = j;
      while (j < e && isWordChar(<u32>load<u8>(p + <usize>j))) j++;
      if (isLetter(c) && isOneOf(p, e, w, j - w, ACTING_WORDS)) return 0;
      continue;
    }
    if (c == 0x27 || c == 0x22 || c == 0x60) { // a quoted default or name: words, digits, blanks, `.`, `-`, `:`
      let q = j + 1;
      while (q < e && <u32>load<u8>(p + <usize>q) != c) {
        let d = <u32>load<u8>(p + <usize>q);
        if (!(isWordChar(d) || d == 0x20 || d == 0x2E || d == 0x2D || d == 0x3A)) return 0;
        q++;
      }
      if (q >= e) return 0;
      j = q + 1;
      continue;
    }
    return 0;
  }
  return kind;
}

// Whether what follows a table's closing `)` from i to e is its options and `;`: words, numbers,
// `word=word` pairs (`ENGINE=InnoDB`), `,`, and one `;` at the end.
function closing(p: usize, i: i32, e: i32): bool {
  let j = i;
  while (j < e) {
    let c = <u32>load<u8>(p + <usize>j);
    if (isWhitespace(c) || c == 0x2C) { j++; continue; }
    if (c == 0x3B) return skip(p, j + 1, e) >= e; // ';' ends it
    if (c == 0x3D && isWordChar(byteAt(p, e, j - 1)) && isLetter(byteAt(p, e, j + 1))) { j++; continue; }
    if (isWordChar(c)) {
      let w = j;
      while (j < e && isWordChar(<u32>load<u8>(p + <usize>j))) j++;
      if (isLetter(c) && isOneOf(p, e, w, j - w, ACTING_WORDS)) return false;
      continue;
    }
    return false;
  }
  return true;
}

// The end of a name at i (a word, `schema.name`, or one quoted in `"`, `` ` `` or `[]` with word
// bytes in it), or -1.
function name(p: usize, i: i32, e: i32): i32 {
  let j = i;
  while (true) {
    let c = byteAt(p, e, j);
    if (c == 0x22 || c == 0x60 || c == 0x5B) {
      let close = c == 0x5B ? <u32>0x5D : c;
      let q = j + 1;
      while (q < e && isWordChar(<u32>load<u8>(p + <usize>q))) q++;
      if (q == j + 1 || byteAt(p, e, q) != close) return -1;
      j = q + 1;
    } else if (isWordChar(c)) {
      while (j < e && isWordChar(<u32>load<u8>(p + <usize>j))) j++;
    } else return -1;
    if (byteAt(p, e, j) != 0x2E) return j;
    j++;
  }
  return -1; // not reached
}

// The first byte at or after i (before e) that is not a blank.
// @ts-ignore: decorator
@inline function skip(p: usize, i: i32, e: i32): i32 {
  while (i < e && isWhitespace(<u32>load<u8>(p + <usize>i))) i++;
  return i;
}
