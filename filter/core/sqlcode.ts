// A plain SQL query quoted as code in prose: "Use `SELECT * FROM users WHERE id = ?` with a bound
// parameter", a Markdown fence (```sql … ```) in a question, a chat message or an LLM prompt, as
// developer forums, support desks, documentation tools and LLM clients send them. sqli's lexer
// (core/confirm.ts) reads SELECT … FROM there as SQL, which it is, but not an injection: backquotes
// make what they hold an identifier in MySQL and SQLite and a syntax error elsewhere, so no engine
// runs it, and what an injection must do to leave the application's string or number (a quote, a
// comment, a stacked `;`, a UNION) then has to stand outside the spans. So the lexer reads the
// window again with its code spans that are one plain query (core/sqlquery.ts plainQuery) blanked,
// backquotes included, and what else it holds must confirm on its own. Read only where sqli's lexer
// confirmed a window; total and allocation-free.

import { indexOf2 } from "../lib/scan";
import { isWordChar } from "../lib/bytes";
import { plainQuery } from "./sqlquery";

// The longest window masked (a window is 256 bytes; a test may ask of longer texts, which are read
// unmasked).
export const CODE_MASK_BYTES = 1024;
const MASKED = memory.data(CODE_MASK_BYTES);

const BACKQUOTE: u8 = 0x60;

// Where the window p[0..n) with its code spans that are plain queries blanked stands (MASKED), or 0
// when it has none. Spans pair backquotes in order: `…` inline, or ``` a fence ``` whose first line
// may name its language (```sql). A span the window opens and does not close is left as it is.
export function codeQueriesMasked(p: usize, n: i32): usize {
  if (n > CODE_MASK_BYTES) return 0;
  let i = indexOf2(p, 0, n, BACKQUOTE, BACKQUOTE);
  if (i >= n) return 0;
  let masked = false;
  while (i < n) {
    let fence = i + 2 < n && load<u8>(p + <usize>(i + 1)) == BACKQUOTE && load<u8>(p + <usize>(i + 2)) == BACKQUOTE;
    let open = fence ? 3 : 1;
    let from = i + open;
    // A fence's language (```sql, ```postgresql) ends at its line's end.
    if (fence) {
      let j = from;
      while (j < n && isWordChar(<u32>load<u8>(p + <usize>j))) j++;
      if (j < n && load<u8>(p + <usize>j) == 0x0A) from = j + 1;
    }
    let close = closingAt(p, n, from, fence);
    if (close < 0) break;
    if (plainQuery(p + <usize>from, close - from)) {
      if (!masked) { memory.copy(MASKED, p, n); masked = true; }
      memory.fill(MASKED + <usize>i, 0x20, close + open - i);
    }
    i = indexOf2(p, close + open, n, BACKQUOTE, BACKQUOTE);
  }
  return masked ? MASKED : 0;
}

// The index of the backquote (a fence's: three) that closes a span whose content starts at `from`,
// or -1 when p[from..n) holds none.
function closingAt(p: usize, n: i32, from: i32, fence: bool): i32 {
  let j = indexOf2(p, from, n, BACKQUOTE, BACKQUOTE);
  if (!fence) return j < n ? j : -1;
  while (j + 2 < n) {
    if (load<u8>(p + <usize>(j + 1)) == BACKQUOTE && load<u8>(p + <usize>(j + 2)) == BACKQUOTE) return j;
    j = indexOf2(p, j + 1, n, BACKQUOTE, BACKQUOTE);
  }
  return -1;
}
