// A cheap necessary condition for core/confirm.ts: mayConfirm(p, n) is false only for a window that no
// class's lexer can confirm (confirms(k, p, n) false for every k). Such a window's logits all end at or
// under GATE_LOGIT whatever the model says, so core/score.ts skips the model for it. Allocation-free;
// the scan makes no call.
//
// How: bytes that any lexer's syntax needs and that benign text rarely holds alone (`"` and
// backquote, `{ } < > \`) make the window "may confirm" outright (a 16-byte-block nibble test), and
// so do CR and LF: the SQL lexer skips a line break between a keyword and its neighbour as
// whitespace, the command lexer reads it as a line's start, and the header lexer looks for one; no
// one symbol stands for all three (windows with line breaks are few: `make gate-census`). The other
// bytes the lexers' syntax needs, `# * ^ % ( ) = ; & |` and 0xE5 (SOFT; the lead byte of the 嘊 嘍
// line breaks), benign text holds alone (passwords, phone numbers, `Procter & Gamble`, base64's
// padding, Chinese): each is read where it stands, beside the words and bytes the lexers look for
// with it (softMayConfirm), and so is a `'` (`it's`: quoteMayConfirm). Every other byte, and a SOFT
// one, falls in one of 32 symbols: the 26 letters without case, a digit run, a space run (space,
// tab, vertical tab, form feed, `+`), `.` (and `[`), `-` (and `,`, `/`, `@`), `:` (and `$`), and one
// for the rest and the window's two edges (`' _ ! ? ~ ]`, the SOFT bytes, controls, other non-ASCII
// bytes). Each rule of the lexers that can fire on such bytes alone was reduced to 4-symbol grams
// that any text it fires on must contain; they are bits of a 2^20-bit table, and one gram of the
// window in the table makes it "may confirm" (a SQL word's gram, which may hold only two of its
// letters, once sqlWordAt has read the word where it ended and found it where keywordBesideSql
// takes it; `union`'s and `select`'s, once the window holds what sqlSyntax reads of them; a JS
// sink's, once the word before its `.` is one; a dotted or hex address's, once urlSyntax reads one
// there, not a version or an image's size; a command's, once the window's first word is one).
// Symbols merge bytes and grams stand for longer words, so the test only errs towards "may
// confirm".
//
// Keep in step with confirm.ts: a lexer that accepts more must add its grams here (the property test
// test/unit/mayconfirm.test.ts runs both on every literal of confirm.ts and fails otherwise).

import { SQL_WORDS, COMMANDS, JS_SINKS, MONGO_OPERATORS, QUOTE_OPERATORS, shellWordEnd, isCommandWord, isSqlWordAt, isJsSinkAt,
  listedWordIsSql, unionSelect, selectCalled, numbersComparedAt, skipWhitespace, lastNonWhitespace, dottedAddressAt, hexAddressAt } from "./confirm";
import { nibbleSetBits, canReadBlock } from "../lib/scan";
import { byteAt, matchesLowerAt, isLetter, isWordChar, isWhitespace, isSpaceOrTab } from "../lib/bytes";
import { handlerNameBefore } from "./xsshandler";
import { initialBits } from "../lib/groups";

const DIGIT: u32 = 26, SPACE: u32 = 27, DOT: u32 = 28, PUNCT: u32 = 29, COLON: u32 = 30, OTHER: u32 = 31;
const EDGE = OTHER;
const SYMBOLS: u32 = 32;
const ANY: u32 = 32; // a wildcard in addGram: every symbol
const GRAM_MASK: u32 = (1 << 20) - 1;
// Three edges: the grams that start before the window's first byte.
const START_GRAM: u32 = (EDGE << 10) | (EDGE << 5) | EDGE;

// The byte classes: bits 0-4 the symbol, and RUN_BREAKS for every symbol but DIGIT and SPACE,
// whose runs collapse.
const CLASSES = memory.data(256);
const RUN_BREAKS: u32 = 0x80;
// The 2^20 grams, a bit each; CERTAIN marks those that make a window "may confirm" outright,
// COMMAND_GRAMS those that ask firstWordIsCommand, and the others (addSqlWord's, addSink's, `unio`
// and `sele`, a dotted or hex address's) ask sqlWordAt, sqlNeedleAt, sinkBefore, dottedAddressBefore
// or hexAddressAt where they end.
const GRAMS = memory.data(1 << 17, 16);
const CERTAIN = memory.data(1 << 17, 16);
const COMMAND_GRAMS = memory.data(1 << 17, 16);
// The HARD bytes by nibbles (lib/scan.ts nibbleSetBits): 16 low-nibble entries, then 16 high.
const HARD_NIBBLES = memory.data(32, 16);
// The same for the HARD bytes that are not SOFT.
const STRICT_NIBBLES = memory.data(32, 16);
// The SOFT bytes alone.
const SOFT_NIBBLES = memory.data(32, 16);

// Whether some lexer of confirm.ts might accept p[0..n); false only when none can.
export function mayConfirm(p: usize, n: i32): bool {
  if (gramsBroken) return true;
  let found = hardBytes(p, n, HARD_NIBBLES);
  if (found & HARD_FOUND) {
    found = softBytes(p, n);
    if (found & HARD_FOUND) return true;
  }
  if ((found & QUOTE_FOUND) && quoteMayConfirm(p, n)) return true;
  let g = START_GRAM;
  // A run of digits or spaces is one symbol (the lexers skip any number of spaces, and no rule
  // counts digits). CLASSES marks every other symbol with RUN_BREAKS, so that one compare with the
  // previous byte's symbol folds the run test.
  // Two bytes a turn: the loop's own compare and branch are a fifth of a byte's instructions.
  let last: u32 = EDGE;
  // The grams that ask are noted: a command's met, and where each SQL word's ended (HITS). Written
  // out at each of the four places a gram ends: as one inlined helper returning a code, the test
  // cost 0.7% to 2.6% more instructions on the bench bodies (make profile).
  let hits = 0;
  let command = false;
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    let e0 = <u32>load<u8>(CLASSES + <usize>load<u8>(p + <usize>i));
    let e1 = <u32>load<u8>(CLASSES + <usize>load<u8>(p + <usize>i, 1));
    if (e0 != last) {
      last = e0 & 31;
      g = ((g << 5) | last) & GRAM_MASK;
      if (bitAt(GRAMS, g)) {
        if (bitAt(CERTAIN, g)) return true;
        if (bitAt(COMMAND_GRAMS, g)) command = true;
        else { if (hits == MAX_HITS) return true; store<i32>(HITS + (<usize>hits << 2), i); hits++; }
      }
    }
    if (e1 != last) {
      last = e1 & 31;
      g = ((g << 5) | last) & GRAM_MASK;
      if (bitAt(GRAMS, g)) {
        if (bitAt(CERTAIN, g)) return true;
        if (bitAt(COMMAND_GRAMS, g)) command = true;
        else { if (hits == MAX_HITS) return true; store<i32>(HITS + (<usize>hits << 2), i + 1); hits++; }
      }
    }
  }
  if (i < n) {
    let e = <u32>load<u8>(CLASSES + <usize>load<u8>(p + <usize>i));
    if (e != last) {
      g = ((g << 5) | (e & 31)) & GRAM_MASK;
      if (bitAt(GRAMS, g)) {
        if (bitAt(CERTAIN, g)) return true;
        if (bitAt(COMMAND_GRAMS, g)) command = true;
        else { if (hits == MAX_HITS) return true; store<i32>(HITS + (<usize>hits << 2), i); hits++; }
      }
    }
  }
  g = ((g << 5) | EDGE) & GRAM_MASK;
  if (bitAt(GRAMS, g)) {
    if (bitAt(CERTAIN, g)) return true;
    if (bitAt(COMMAND_GRAMS, g)) command = true;
    else { if (hits == MAX_HITS) return true; store<i32>(HITS + (<usize>hits << 2), n); hits++; }
  }
  // The grams that are not CERTAIN are read after the loop (a call inside it had V8 keep the loop's
  // state in memory at every turn): a command's only where the text starts, a SQL word's where it ended.
  if (command && firstWordIsCommand(p, n)) return true;
  for (let h = 0; h < hits; h++) {
    let j = load<i32>(HITS + (<usize>h << 2));
    if (sqlWordAt(p, n, j) || sqlNeedleAt(p, n, j)) return true;
    // A sink's grams end at a `.` or `[`; a SQL word's seldom do (the call cost prose 0.4%).
    let c = j < n ? <u32>load<u8>(p + <usize>j) : 0;
    if ((c == 0x2E || c == 0x5B) && sinkBefore(p, n, j)) return true;
    if (c == 0x2E && dottedAddressBefore(p, n, j)) return true;
    if (hexAddressAt(p, n, j - 2)) return true;
  }
  return false;
}

// Whether the `.` at j, after a number, ends a gram of a dotted address urlSyntax reads: asked
// where the chain of numbers and dots that holds it opens, as urlSyntax asks (dottedAddressAt).
// Versions are such chains too (`Chrome/120.0.0.0` of every Chrome's User-Agent, `1.2.840.113549`).
function dottedAddressBefore(p: usize, n: i32, j: i32): bool {
  let s = j;
  while (s > 0 && <u32>load<u8>(p + <usize>(s - 1)) - 0x30 < 10) s--;
  if (s == j) return false;
  while (s >= 2 && load<u8>(p + <usize>(s - 1)) == 0x2E && <u32>load<u8>(p + <usize>(s - 2)) - 0x30 < 10) {
    s--;
    while (s > 0 && <u32>load<u8>(p + <usize>(s - 1)) - 0x30 < 10) s--;
  }
  return dottedAddressAt(p, n, s);
}

// Whether the window's first word, after the blanks, quotes and `(` commandSyntax skips, is a command:
// where a command stands in a window with no HARD byte (no line break) and after no separator
// (`; & |`: commandAfter). A command's grams stand for it by its first letters, and after any OTHER
// byte (the edge's symbol).
function firstWordIsCommand(p: usize, n: i32): bool {
  let i = 0;
  while (i < n && isCommandSkip(<u32>load<u8>(p + <usize>i))) i++;
  if (i >= n || !isLetter(<u32>load<u8>(p + <usize>i))) return false;
  shellWordEnd(p, n, i);
  return isCommandWord();
}

// Where addSqlWord's and addSink's grams ended in the window being read (at most MAX_HITS: more, and the window
// may confirm without asking).
const MAX_HITS = 64;
const HITS = memory.data(MAX_HITS * 4, 4);

// Whether a SQL word stands at the byte j where one of addSqlWord's grams ended: the word that
// holds j, or the one before it. Such a gram holds two of the word's letters when blanks stand
// between it and its neighbour (`, th` of every sentence with a comma stood for `, then`), and
// keywordBesideSql reads whole words. Whether the neighbour is one it takes is not asked again.
function sqlWordAt(p: usize, n: i32, j: i32): bool {
  let s = j;
  if (j < n && isWordChar(<u32>load<u8>(p + <usize>j))) {
    while (s > 0 && isWordChar(<u32>load<u8>(p + <usize>(s - 1)))) s--;
    let e = j;
    while (e < n && isWordChar(<u32>load<u8>(p + <usize>e))) e++;
    if (sqlWordIn(p, n, s, e)) return true;
  }
  let k = s - 1;
  while (k >= 0 && !isWordChar(<u32>load<u8>(p + <usize>k))) k--;
  return k >= 0 && sqlWordEndingAt(p, n, k);
}

// Whether the gram that ended at j is `unio` or `sele` (a gram of letters is those letters) and the
// window holds what sqlSyntax reads of that needle: a union that injects (unionSelect), `SELECT`
// with `FROM` or `(` (selectCalled). Prose holds both words (`the union's statement said members
// should select a delegate`).
function sqlNeedleAt(p: usize, n: i32, j: i32): bool {
  if (j < 3) return false;
  if (matchesLowerAt(p, n, j - 3, "unio")) return unionSelect(p, n);
  return matchesLowerAt(p, n, j - 3, "sele") && selectCalled(p, n);
}

// Whether the `.`, `[` or `(` at j (the caller tests it) follows (blanks aside) a JS sink, as scriptSyntax reads one: the word
// addSink's grams stand for by its last letters (`ion.` of `location.` and `function.` is also
// `animation.html`'s).
function sinkBefore(p: usize, n: i32, j: i32): bool {
  let e = j;
  while (e > 0 && isWhitespace(<u32>load<u8>(p + <usize>(e - 1)))) e--;
  let s = e;
  while (s > 0 && isWordChar(<u32>load<u8>(p + <usize>(s - 1)))) s--;
  while (s < e && !isLetter(<u32>load<u8>(p + <usize>s))) s++;
  return isJsSinkAt(p, n, s, e - s);
}

// Whether the run of word bytes that ends at p[k] (a word byte) is one of SQL_WORDS, as sqlWordIn reads it.
function sqlWordEndingAt(p: usize, n: i32, k: i32): bool {
  let b = k;
  while (b > 0 && isWordChar(<u32>load<u8>(p + <usize>(b - 1)))) b--;
  return sqlWordIn(p, n, b, k + 1);
}

// Whether the run of word bytes p[s..e), from its first letter (as confirm.ts's nextListedWord
// reads a word), is one of SQL_WORDS that keywordBesideSql takes where it stands (listedWordIsSql:
// beside a neighbour it counts, not `the user's files`, `waitfor / delay`).
function sqlWordIn(p: usize, n: i32, s: i32, e: i32): bool {
  while (s < e && !isLetter(<u32>load<u8>(p + <usize>s))) s++;
  return isSqlWord(p, n, s, e) && listedWordIsSql(p, n, s, e);
}

// @ts-ignore: decorator
@inline function bitAt(table: usize, g: u32): bool { return ((load<u32>(table + (<usize>(g >> 5) << 2)) >>> (g & 31)) & 1) != 0; }

const HARD_FOUND = 1, QUOTE_FOUND = 2;

// Whether p[0..n) holds a byte of table's set (HARD_NIBBLES or STRICT_NIBBLES: HARD_FOUND) and
// whether a `'` (QUOTE_FOUND), 16 bytes at a time (a short span as one block, bytes past n masked);
// it stops at the first byte of the set.
// @ts-ignore: decorator
@inline function hardBytes(p: usize, n: i32, table: usize): i32 {
  let lo = v128.load(table), hi = v128.load(table, 16);
  let quote = i8x16.splat(0x27);
  if (n <= 0) return 0;
  if (n < 16) {
    if (!canReadBlock(p)) return HARD_FOUND; // at the very end of memory: let the lexers decide
    let v = v128.load(p), mask = (1 << n) - 1;
    if (nibbleSetBits(v, lo, hi) & mask) return HARD_FOUND;
    return (i8x16.bitmask(i8x16.eq(v, quote)) & mask) != 0 ? QUOTE_FOUND : 0;
  }
  let found = 0;
  let i = 0;
  while (true) {
    let at = min(i, n - 16);
    let v = v128.load(p + <usize>at);
    if (nibbleSetBits(v, lo, hi)) return HARD_FOUND;
    if (v128.any_true(i8x16.eq(v, quote))) found = QUOTE_FOUND;
    i = at + 16;
    if (i >= n) return found;
  }
  return found;
}

// What the lexers of confirm.ts can make of a `'` with no HARD byte in the window, read where each
// quote stands rather than as grams: a quote followed by a blank and a `+` reads as `' ` followed by a
// word to grams, and an apostrophe inside a word (`it's`, `O'Brien`) is prose's.
// - sqlSyntax: a SQL word beside it, blanks between (`user'`, `' union`); after it, blanks and a word
//   that starts as an operator does (`' or`, `'like`, `'is `, `' in (`), or `+ - / ^ ! # * % ) = ; & |`;
// - commandSyntax: a quote before or inside the text's first word, which the shell drops (`'id`,
//   `c'at`), when the word without its quotes is a command (`O'Brien`, `McDonald's` are none); a
//   command after a separator or a line break has a HARD byte before it;
// - CODE_CALLS' `$'`, xmlDeclSyntax's `system '`.
function quoteMayConfirm(p: usize, n: i32): bool {
  let i = 0;
  while (i < n && isCommandBlank(<u32>load<u8>(p + <usize>i))) i++;
  while (i < n) {
    let c = <u32>load<u8>(p + <usize>i);
    if (c == 0x27) {
      if (firstWordIsCommand(p, n)) return true;
      break;
    }
    if (!(isWordChar(c) || c == 0x2D)) break;
    i++;
  }
  for (let q = i; q < n; q++) {
    if (load<u8>(p + <usize>q) != 0x27) continue;
    if (byteAt(p, n, q - 1) == 0x24 || (q >= 7 && matchesLowerAt(p, n, q - 7, "system "))) return true;
    let j = skipWhitespace(p, n, q + 1);
    let d = byteAt(p, n, j);
    if (d == 0x2B || d == 0x2D || d == 0x2F || d == 0x5E || d == 0x21 || d == 0x23 || d == 0x2A || d == 0x25 || d == 0x29 || d == 0x3D ||
        d == 0x3B || d == 0x26 || d == 0x7C) return true;
    if (isLetter(d)) {
      // The operators and `is`, `in` by their initials first: prose's `'s`, `'t` and `'ve` begin none.
      if (((OPERATOR_INITIALS >>> ((d | 0x20) - 0x61)) & 1) != 0) {
        for (let w = 0; w < QUOTE_OPERATORS.length; w++) if (matchesLowerAt(p, n, j, unchecked(QUOTE_OPERATORS[w]))) return true;
        if (matchesLowerAt(p, n, j, "is") && isWhitespace(byteAt(p, n, j + 2))) return true;
        if (matchesLowerAt(p, n, j, "in") && byteAt(p, n, skipWhitespace(p, n, j + 2)) == 0x28) return true;
      }
      let e = j;
      while (e < n && isWordChar(<u32>load<u8>(p + <usize>e))) e++;
      if (sqlWordIn(p, n, j, e)) return true;
    }
    let a = lastNonWhitespace(p, q - 1);
    if (a >= 0 && isWordChar(<u32>load<u8>(p + <usize>a)) && sqlWordEndingAt(p, n, a)) return true;
  }
  return false;
}

// A bit per letter (a = bit 0) that begins one of QUOTE_OPERATORS, `is` or `in`.
const OPERATOR_INITIALS: u32 = initialBits(QUOTE_OPERATORS, 0x61) | (1 << (0x69 - 0x61)); // i: `is`, `in`

// For a window with a HARD or SOFT byte (hardBytes with HARD_NIBBLES): HARD_FOUND when it has a HARD
// byte that is not SOFT or a SOFT byte softMayConfirm takes, else whether it has a `'` (QUOTE_FOUND).
// Apart from mayConfirm: inlined there, its scan cost the gram loop of every window (1% more
// instructions in the text-heavy bench body, make profile).
function softBytes(p: usize, n: i32): i32 {
  let found = hardBytes(p, n, STRICT_NIBBLES);
  if (found & HARD_FOUND) return found;
  return softMayConfirm(p, n) ? HARD_FOUND : found;
}

// What the lexers of confirm.ts can make of the SOFT bytes of a window with no other HARD byte,
// read where each stands (the word before or after one is read across blanks, as the lexers do):
// - `# * ( ) = ;` beside a SQL word (keywordBesideSql's neighbours: `union#`, `select *`, `char(`,
//   `) or`, `id=`, `; drop`);
// - `*` glued to a `/` (sqlSyntax's comments `/*`, `/**/`), before `)` or `()` (ldapSyntax's `*)`,
//   `*()|&`);
// - `#` before `_`, `set` or `foreach` (CODE_CALLS' `#_memberaccess`, templateSyntax's Velocity);
// - `%` before `2e`, `c0` or `xx` (pathSyntax's `%2e%2e` and `%c0%ae`, xmlDeclSyntax's `%xxe`);
// - `^` when the window's first word is a command (cmd.exe drops it there: `w^h^o^a^m^i`);
// - 0xE5 as the lead byte of 嘊 or 嘍 (headerBreak's line breaks that servers truncate);
// - `(` after a JS sink (`alert (`), one of CALLEES, `$` or `@` (callBefore); before `!`, `&`, `|`
//   (ldapSyntax's `(!(`, `(&`) or `java` (`T(java`); before the window's first word, which
//   firstWordIsCommand reads past it (commandSyntax skips it there);
// - `)` before a `(` (`(alert)(1)`, ldapSyntax's `)(cn=`);
// - `=` between numbers compared (sqlSyntax's `1=1`, `(2329=4209)`), after an event handler's name
//   (`onload =`), after a JS sink (`location=`), or after the window's first word with a blank later
//   (commandSyntax's `a=1 cat x`);
// - `; & |` before a command's name, a variable or an assignment (commandAfter); `&&` and `||`
//   (logicalOperator, listOperator); `[&` (mongoSyntax's `[&ne]`).
// What each does after a quote is quoteMayConfirm's.
function softMayConfirm(p: usize, n: i32): bool {
  let lo = v128.load(SOFT_NIBBLES), hi = v128.load(SOFT_NIBBLES, 16);
  // The SOFT bytes 16 at a time: the last block ends at n and leaves out what the one before read;
  // a span under 16 bytes is one block, bytes past n masked (at the end of memory, each byte asked).
  for (let b = 0; b < n; b += 16) {
    let at = n >= 16 ? min(b, n - 16) : 0;
    let mask = n < 16 && !canReadBlock(p) ? (1 << n) - 1 : nibbleSetBits(v128.load(p + <usize>at), lo, hi);
    if (n < 16) mask &= (1 << n) - 1;
    mask &= ~((1 << (b - at)) - 1);
    while (mask != 0) {
      let i = at + ctz(mask);
      mask &= mask - 1;
      if (softByteMayConfirm(p, n, i)) return true;
    }
  }
  return false;
}

// softMayConfirm's rules for the byte at i (any byte: only the SOFT ones are read).
function softByteMayConfirm(p: usize, n: i32, i: i32): bool {
  let c = <u32>load<u8>(p + <usize>i);
  if (c == 0x25) return matchesLowerAt(p, n, i + 1, "2e") || matchesLowerAt(p, n, i + 1, "c0") || matchesLowerAt(p, n, i + 1, "xx");
  if (c == 0x5E) return firstWordIsCommand(p, n);
  if (c == HARD_HIGH) return byteAt(p, n, i + 1) == 0x98 && (byteAt(p, n, i + 2) == 0x8A || byteAt(p, n, i + 2) == 0x8D);
  if (c == 0x2A) {
    let b = byteAt(p, n, i + 1);
    if (byteAt(p, n, i - 1) == 0x2F || b == 0x2F || b == 0x29 || (b == 0x28 && byteAt(p, n, i + 2) == 0x29)) return true;
  } else if (c == 0x23) {
    if (byteAt(p, n, i + 1) == 0x5F || matchesLowerAt(p, n, i + 1, "set") || matchesLowerAt(p, n, i + 1, "foreach")) return true;
  } else if (c == 0x28) {
    let d = byteAt(p, n, i + 1);
    if (callBefore(p, n, i) || d == 0x21 || d == 0x26 || d == 0x7C || matchesLowerAt(p, n, i + 1, "java") || sinkBefore(p, n, i)) return true;
  } else if (c == 0x29) {
    if (byteAt(p, n, skipWhitespace(p, n, i + 1)) == 0x28) return true;
  } else if (c == 0x3B || c == 0x26 || c == 0x7C) {
    if (commandAfter(p, n, i) || (c != 0x3B && (byteAt(p, n, i + 1) == c || (c == 0x26 && byteAt(p, n, i - 1) == 0x5B)))) return true;
    if (c != 0x3B) return false;
  } else if (c == 0x3D) {
    if (numbersComparedAt(p, n, i) || handlerNameBefore(p, n, i) >= 0 || sinkBefore(p, n, i) || assignsFirstWord(p, n, i)) return true;
  } else return false;
  return sqlWordBeside(p, n, i);
}

// Whether a command may stand after the separator at i as commandSyntax reads one: after blanks,
// quotes and `(`, a variable (`$CMD`, `${…}`, `$(…)`), a command's name (shellWordEnd), or a name
// assigned to with a blank after it (`;a=1 cat x`).
function commandAfter(p: usize, n: i32, i: i32): bool {
  let j = i + 1;
  while (j < n && isCommandSkip(<u32>load<u8>(p + <usize>j))) j++;
  let c = byteAt(p, n, j);
  if (c == 0x24) return true;
  if (!isLetter(c)) return false;
  let e = shellWordEnd(p, n, j);
  return isCommandWord() || (byteAt(p, n, e) == 0x3D && blankAfter(p, n, e));
}

// Whether a space or a tab stands after i.
function blankAfter(p: usize, n: i32, i: i32): bool {
  for (let k = i + 1; k < n; k++) if (isSpaceOrTab(<u32>load<u8>(p + <usize>k))) return true;
  return false;
}

// Whether the `=` at i follows the window's first word (after what firstWordIsCommand skips) and a
// blank follows later: commandSyntax reads `a=1 cat x` as an assignment, then a command.
function assignsFirstWord(p: usize, n: i32, i: i32): bool {
  let j = 0;
  while (j < i && isCommandSkip(<u32>load<u8>(p + <usize>j))) j++;
  let s = j;
  while (j < i && isWordChar(<u32>load<u8>(p + <usize>j))) j++;
  return j == i && j > s && blankAfter(p, n, i);
}

// Whether the `(` at i calls one of CALLEES glued before it (CODE_CALLS' `system(`, `$(`, scriptSyntax's
// `url(`, templateSyntax's `@(`, mongoSyntax's `while(` and `return(`), read as confirm.ts's needles are: anywhere,
// without case.
function callBefore(p: usize, n: i32, i: i32): bool {
  let b = byteAt(p, n, i - 1);
  if (b == 0x24 || b == 0x40) return true;
  if (!isLetter(b)) return false;
  let last = b | 0x20;
  for (let w = 0; w < CALLEES.length; w++) {
    let callee = unchecked(CALLEES[w]);
    let k = callee.length;
    if (<u32>callee.charCodeAt(k - 1) == last && i >= k && matchesLowerAt(p, n, i - k, callee)) return true;
  }
  return false;
}

// The names confirm.ts's lexers look for glued before a `(` (sqlSyntax's `sleep(` is a SQL word too).
const CALLEES: StaticArray<string> = [
  "system", "exec", "passthru", "popen", "proc_open", "eval", "assert", "require", "iex", "spawn", "sleep", "expression", "url",
  "while", "function", "return",
];

// Whether a SQL word stands beside p[i], blanks between, on either side (keywordBesideSql).
function sqlWordBeside(p: usize, n: i32, i: i32): bool {
  let a = lastNonWhitespace(p, i - 1);
  if (a >= 0 && isWordChar(<u32>load<u8>(p + <usize>a)) && sqlWordEndingAt(p, n, a)) return true;
  let b = skipWhitespace(p, n, i + 1);
  let e = b;
  while (e < n && isWordChar(<u32>load<u8>(p + <usize>e))) e++;
  return e > b && sqlWordIn(p, n, b, e);
}

// A blank commandSyntax skips before a command that is no HARD byte and no quote: a space, a tab, `+`.
// @ts-ignore: decorator
@inline function isCommandBlank(c: u32): bool { return isSpaceOrTab(c) || c == 0x2B; }

// A byte commandSyntax steps over before a command's name in a window whose only HARD bytes are
// SOFT: a blank, `'`, `(`.
// @ts-ignore: decorator
@inline function isCommandSkip(c: u32): bool { return isCommandBlank(c) || c == 0x27 || c == 0x28; }

// Whether p[start..end) is one of SQL_WORDS, as keywordBesideSql reads them (2 to 24 bytes). The
// lengths of the SQL words by last letter turn away most words here, and confirm.ts's isSqlWordAt
// those by first letter, before the list is read.
// @ts-ignore: decorator
@inline function isSqlWord(p: usize, n: i32, start: i32, end: i32): bool {
  let len = end - start;
  if (len < 2 || len > 24) return false;
  let z = (<u32>load<u8>(p + <usize>(end - 1)) | 0x20) - 0x61;
  if (z < 26 && !((load<u32>(SQL_LENGTHS_BY_LAST + (<usize>z << 2)) >> len) & 1)) return false;
  return isSqlWordAt(p, n, start, len);
}

// For each letter, a bit per length of the SQL words that end with it.
const SQL_LENGTHS_BY_LAST = memory.data(26 * 4, 4);

function initSqlLengths(): void {
  for (let w = 0; w < SQL_WORDS.length; w++) {
    let word = unchecked(SQL_WORDS[w]);
    let len = word.length;
    let z = <u32>word.charCodeAt(len - 1) - 0x61;
    // One that ends with a digit (`md5`) is looked for only by its first letter, as is every text
    // word that ends with one.
    if (z < 26) store<u32>(SQL_LENGTHS_BY_LAST + (<usize>z << 2), load<u32>(SQL_LENGTHS_BY_LAST + (<usize>z << 2)) | (1 << len));
  }
}

// ---- the tables, filled once at start ------------------------------------------------------

// `'` is read where it stands (quoteMayConfirm). `$` and `@` are not HARD either: benign text holds
// `$` in prices, passwords and names (`$schema`, `$ref`, a GraphQL `$id`) and `@` in every e-mail
// address, and what the lexers need of them is grams (initGrams) or comes with a HARD byte (`$(`,
// `${`, `$'`, a separator before `$VAR`, `@{`).
// `$` shares `:`'s symbol and `@` that of `-` `,` `/`, beside which SQL's words already count:
// neither is OTHER, which also stands for the window's edges.
const HARD = "\"`();=*#%&<>{}|\\^\n\r";
// The HARD bytes that make a window "may confirm" only beside what the lexers look for with them
// (softMayConfirm), as benign text holds them alone: passwords (`U-bk4G#kqz`), masks (`****`),
// shares (`10.4 %`), phone numbers (`+1 (841) 830-7892`), base64's padding, `Procter & Gamble`;
// and HARD_HIGH, which leads most of Chinese's characters (U+5000-U+5FFF) besides 嘊 and 嘍.
const SOFT = "#*^%()=;&|";
const HARD_HIGH: u8 = 0xE5;

function initClasses(): void {
  for (let b = 0; b < 256; b++) {
    let k = OTHER;
    let c = b >= 0x41 && b <= 0x5A ? b | 0x20 : b;
    if (c >= 0x61 && c <= 0x7A) k = <u32>(c - 0x61);
    else if (c >= 0x30 && c <= 0x39) k = DIGIT;
    else if (c == 0x20 || c == 0x09 || c == 0x0B || c == 0x0C || c == 0x2B) k = SPACE;
    else if (c == 0x2E || c == 0x5B) k = DOT;
    else if (c == 0x2D || c == 0x2C || c == 0x2F || c == 0x40) k = PUNCT;
    else if (c == 0x3A || c == 0x24) k = COLON;
    store<u8>(CLASSES + <usize>b, <u8>(k == DIGIT || k == SPACE ? k : k | RUN_BREAKS));
  }
  for (let j = 0; j < HARD.length; j++) {
    let b = <u32>HARD.charCodeAt(j);
    setNibbles(HARD_NIBBLES, b);
    setNibbles(SOFT.includes(String.fromCharCode(b)) ? SOFT_NIBBLES : STRICT_NIBBLES, b);
  }
  setNibbles(HARD_NIBBLES, HARD_HIGH);
  setNibbles(SOFT_NIBBLES, HARD_HIGH);
}

function setNibbles(table: usize, b: u32): void {
  let bit = <u8>(<u32>1 << hardBit(b >> 4));
  store<u8>(table + <usize>(b & 15), load<u8>(table + <usize>(b & 15)) | bit);
  store<u8>(table + 16 + <usize>(b >> 4), bit);
}

// The bit standing for a high nibble in HARD_NIBBLES: the HARD bytes' high nibbles are 0 (CR, LF),
// 2-7 and E.
function hardBit(h: u32): u32 { return h == 0xE ? 6 : h == 0 ? 7 : h - 2; }

// The symbols of s (as a window's bytes map to them, runs collapsed) into syms; returns how many.
const syms = new StaticArray<u32>(64);
function symbolsOf(s: string): i32 {
  let m = 0;
  for (let j = 0; j < s.length; j++) {
    let k = <u32>load<u8>(CLASSES + <usize>(s.charCodeAt(j) & 0xFF)) & 31;
    if (m > 0 && k == unchecked(syms[m - 1]) && k - DIGIT < 2) continue;
    if (m < 64) unchecked(syms[m++] = k);
  }
  return m;
}

// What a gram asks before it makes a window "may confirm": nothing, a word where it ended (a SQL
// word's, sqlWordAt, or a JS sink's before a `.`, sinkBefore; or a dotted or hex address's,
// dottedAddressBefore, hexAddressAt), or a command as the window's first word (firstWordIsCommand).
const CERTAIN_GRAM = 0, WORD_GRAM = 1, COMMAND_GRAM = 2;

// Sets the gram a b c d, each a symbol or ANY (every symbol), of kind CERTAIN_GRAM, WORD_GRAM or
// COMMAND_GRAM (COMMAND_GRAMS marks the last; a gram in GRAMS and neither table is a SQL word's).
function addGram(a: u32, b: u32, c: u32, d: u32, kind: i32 = CERTAIN_GRAM): void {
  for (let w: u32 = a == ANY ? 0 : a; w < (a == ANY ? SYMBOLS : a + 1); w++)
    for (let x: u32 = b == ANY ? 0 : b; x < (b == ANY ? SYMBOLS : b + 1); x++)
      for (let y: u32 = c == ANY ? 0 : c; y < (c == ANY ? SYMBOLS : c + 1); y++)
        for (let z: u32 = d == ANY ? 0 : d; z < (d == ANY ? SYMBOLS : d + 1); z++) {
          let g = (w << 15) | (x << 10) | (y << 5) | z;
          let word = <usize>(g >> 5) << 2, bit: u32 = 1 << (g & 31);
          let had = (load<u32>(GRAMS + word) & bit) != 0, command = (load<u32>(COMMAND_GRAMS + word) & bit) != 0;
          store<u32>(GRAMS + word, load<u32>(GRAMS + word) | bit);
          // A gram both a SQL word's and a command's would need both questions: it asks none.
          let certain = kind == CERTAIN_GRAM || (kind == WORD_GRAM && command) || (kind == COMMAND_GRAM && had && !command);
          if (certain) store<u32>(CERTAIN + word, load<u32>(CERTAIN + word) | bit);
          else if (kind == COMMAND_GRAM) store<u32>(COMMAND_GRAMS + word, load<u32>(COMMAND_GRAMS + word) | bit);
        }
}

// The 4 symbols of a string that normalizes to exactly 4 (a gram written as text). One that does
// not (a mistake in NEEDLE_GRAMS) turns the test off: mayConfirm then always says true.
let gramsBroken = false;
function addText(s: string, kind: i32 = CERTAIN_GRAM): void {
  let m = symbolsOf(s);
  if (m != 4) { gramsBroken = true; return; }
  addGram(unchecked(syms[0]), unchecked(syms[1]), unchecked(syms[2]), unchecked(syms[3]), kind);
}

// keywordBesideSql: a SQL word with `-` `,` `/` (PUNCT) or a digit beside it, spaces between.
// The other neighbours it takes are HARD. A word shorter than 3 letters needs the symbol on its
// far side, which is not a letter (the lexer reads whole words).
function addSqlWord(w: string): void {
  let m = symbolsOf(w);
  let s0 = unchecked(syms[0]), s1 = unchecked(syms[1]), l1 = unchecked(syms[m - 2]), l0 = unchecked(syms[m - 1]);
  let s2 = m >= 3 ? unchecked(syms[2]) : ANY, l2 = m >= 3 ? unchecked(syms[m - 3]) : ANY;
  for (let t = 0; t < 2; t++) {
    let nb = t == 0 ? PUNCT : DIGIT;
    addGram(l1, l0, SPACE, nb, WORD_GRAM); addGram(nb, SPACE, s0, s1, WORD_GRAM);
    if (m >= 3) { addGram(l2, l1, l0, nb, WORD_GRAM); addGram(nb, s0, s1, s2, WORD_GRAM); }
    else for (let x: u32 = DIGIT; x < SYMBOLS; x++) { addGram(x, s0, s1, nb, WORD_GRAM); addGram(nb, s0, s1, x, WORD_GRAM); }
  }
}

// commandSyntax: a command word first in the window or after a line break (the other separators
// are HARD), spaces before it. Where no separator came before it, the word must end where the shell's
// does (confirm.ts wordEnds): at a blank or `+` (SPACE), the window's end (EDGE), `.exe` (DOT), or a
// HARD byte, or `$` (COLON: `id$IFS`); so a two-letter name's gram holds what follows it (`id `, not `idea`).
function addCommand(w: string): void {
  let m = symbolsOf(w);
  let s0 = unchecked(syms[0]), s1 = unchecked(syms[1]);
  addGram(EDGE, SPACE, s0, s1, COMMAND_GRAM);
  if (m >= 3) addGram(EDGE, s0, s1, unchecked(syms[2]), COMMAND_GRAM);
  else {
    addGram(EDGE, s0, s1, SPACE, COMMAND_GRAM); addGram(EDGE, s0, s1, EDGE, COMMAND_GRAM);
    addGram(EDGE, s0, s1, DOT, COMMAND_GRAM); addGram(EDGE, s0, s1, COLON, COMMAND_GRAM);
  }
}

// scriptSyntax: a sink word, then spaces, then `.` or `[` (the other followers are HARD). The grams
// ask, as a SQL word's do, whether the whole word before the `.` is a sink (sinkBefore): they end
// at the `.`, where the hits are read.
function addSink(w: string): void {
  let m = symbolsOf(w);
  addGram(unchecked(syms[m - 3]), unchecked(syms[m - 2]), unchecked(syms[m - 1]), DOT, WORD_GRAM);
  addGram(unchecked(syms[m - 2]), unchecked(syms[m - 1]), SPACE, DOT, WORD_GRAM);
}

// One 4-symbol gram of each string the lexers look for anywhere (has, find, CODE_CALLS,
// SENSITIVE_PATHS, TOOLS) that can be spelled without HARD bytes: the gram least common in benign
// windows (make dataset), as text. The needle is the comment.
const NEEDLE_GRAMS: StaticArray<string> = [
  // sqlSyntax
  "mdsh", // xp_cmdshell (union's and select's are asking grams: initGrams; `dshe` is spreadsheets')
  // scriptSyntax, redirectSyntax
  "ipt:", "ata:", // javascript: vbscript:, data:
  // lookupSyntax, mongoSyntax, templateSyntax, xmlDeclSyntax
  "jndi", "urn ", "his.", "xi:i", "s:xi", // jndi, return , this., xi:include, xmlns:xi
  // urlSyntax
  "calh", "her:", "ict:", "ile:", "dap:", "jar:", "doc:", "tftp", "sftp", "daps", "etad", ".int", "oast", "t.sh", "rpco", "nslo", ".nip",
  "ltes", "lvh.", "vcap", "xip.", "lip.", // localtest.me lvh.me vcap.me .xip.io .sslip.io
  // (localhost gopher: dict: file: ldap: jar: netdoc: tftp: sftp: ldaps: metadata .internal oast. interact.sh burpcollaborator dnslog .nip.io)
  // pathSyntax: etc + issue, 0x2e0x2e (the hex rule below needs no letter before the 0)
  "ssue", "e0x2",
  // CODE_CALLS
  "runt", "ssbu", "ava.", "ss.f", "__im", "s.sy", "os.p", "subp", "ld_p", "phpi", "e64_d", "bin/", "/usr", "cmd.", "cmd ",
  "oke-", "e_fu", "r_fu", "etru", "ipte", "utst", "dobj", "xecs", "by/o", "on/o",
  // (runtime processbuilder java.lang/new java. class.forname __import__ os.system os.popen subprocess child_process
  //  phpinfo base64_decode /bin/ /usr/bin/ cmd.exe cmd /c invoke-expression create_function call_user_func getruntime
  //  scriptengine objectinputstream readobject execsync !ruby/object !!python/object)
  // SENSITIVE_PATHS
  "/etc", "roc/", "var/", "/roo", "/hom", "/tmp", "dev/", "sys/", "/win", "in.i", "ot.i", "tem32", "eb-i", "a-in", ".hta",
  ".htp", "/.en", "git/", "id_r", "php:", "zip:", "phar", "ct:/", "sswd", "hado", "host", ".ini", ".con", ".log", ".bak",
  ".xml", "tc/i", "etci", "netp", "opt/", ".asa", "eb.c",
  // (/etc/ /proc/ /var/ /root /home/ /usr/ /tmp/ /dev/ /sys/ /windows win.ini boot.ini system32 web-inf meta-inf .htaccess
  //  .htpasswd /.env .git/ id_rsa php:// zip:// phar:// expect:// passwd shadow hosts .ini .conf .log .bak .xml
  //  etc/issue etcissue inetpub /opt/ global.asa web.config; c:/ is a drive letter, below)
  // TOOLS
  "sqlm", "nikt", "clei", "uzz ", "gobu", "fero", "wfuz", "dirb", "avij", "wpsc", "nmap", "ssca", "zgra", "mmix", "achn",
  "w3af", "etix", "etsp", "nvas", "ssus", "sstr", "lfox", "jael", "kipf", "atwe", "urp ", "zmeu", "morf", "zoll", "ydra",
  "kwid", "paro", "ualy", "fima", "rgee", "xray", "vega", "x-sc",
  "sqlb", "gich", "torc", "imsc", "ha0s", "otpw", "fhsc", "ndel", "aasc", "qloi", "n-st", "saud", "pmaf", "lnin",
  "syss", "bban", "bins", "bsha", "vuln", "s-pw", "idey", "il2p", "genw", "njec", "btre", "abbe", "lrpc", "ploi",
  "lobs", "ootk", "bfac", "spat",
  // (zap and wvs are 3 letters: below)
];

function initGrams(): void {
  for (let j = 0; j < NEEDLE_GRAMS.length; j++) addText(unchecked(NEEDLE_GRAMS[j]));
  // sqlSyntax's `union` and `select`, which ask sqlNeedleAt where they end.
  addText("unio", WORD_GRAM); addText("sele", WORD_GRAM);
  for (let j = 0; j < SQL_WORDS.length; j++) addSqlWord(unchecked(SQL_WORDS[j]));
  for (let j = 0; j < COMMANDS.length; j++) addCommand(unchecked(COMMANDS[j]));
  for (let j = 0; j < JS_SINKS.length; j++) addSink(unchecked(JS_SINKS[j]));
  // toolName's 3-letter names, bounded by what is not a letter.
  for (let t = 0; t < 2; t++) {
    symbolsOf(t == 0 ? "zap" : "wvs");
    let a = unchecked(syms[0]), b = unchecked(syms[1]), c = unchecked(syms[2]);
    for (let x: u32 = DIGIT; x < SYMBOLS; x++) addGram(a, b, c, x);
  }
  // mongoSyntax's operator after a `$` (COLON), a whole word: `$ne`, `$regex`; and CODE_CALLS' `$ifs`.
  for (let j = 0; j < MONGO_OPERATORS.length; j++) {
    let m = symbolsOf(unchecked(MONGO_OPERATORS[j]));
    addGram(COLON, unchecked(syms[0]), unchecked(syms[1]), m >= 3 ? unchecked(syms[2]) : ANY);
  }
  addText("$ifs");
  // `@` (PUNCT): sqlSyntax's `@@version` is PUNCT twice (below), and its words beside `@` are
  // addSqlWord's; CODE_CALLS' `@ognl` and `$@`; scriptSyntax's `@import` and `@font-face`;
  // redirectSyntax's user part after a scheme browsers complete (`http:trusted@evil`) or after `//`
  // with tabs between (`/\t/trusted@evil`; `//` is PUNCT twice, below).
  addText("@ogn"); addText("@imp"); addText("t-fa");
  addGram(ANY, COLON, PUNCT, ANY);
  addText("ttp:"); addText("tps:"); addText("ftp:"); addText("wss:");
  for (let x: u32 = DIGIT; x < SYMBOLS; x++) addGram(x, 22, 18, COLON); // ws:
  addGram(ANY, PUNCT, SPACE, PUNCT);
  // pathSyntax's `..`; sqlSyntax's `--`, redirectSyntax's `//` and urlSyntax's `://` (PUNCT twice).
  addGram(ANY, DOT, DOT, ANY);
  addGram(ANY, PUNCT, PUNCT, ANY);
  // templateSyntax's `th:`; urlSyntax's `[::`.
  addGram(ANY, 19, 7, COLON);
  addGram(ANY, DOT, COLON, COLON);
  // pathSyntax's drive letter (c:/); redirectSyntax's `/.` at the start.
  for (let l: u32 = 0; l < 26; l++) addGram(l, COLON, PUNCT, ANY);
  addGram(EDGE, PUNCT, DOT, ANY);
  // hexAddress: `0x` and hex digits, not inside a word (and `0x2e0x2e`); they ask hexAddressAt where
  // they end, at the digit after the `x`.
  for (let x: u32 = DIGIT; x < SYMBOLS; x++) {
    addGram(x, DIGIT, 23, DIGIT, WORD_GRAM);
    for (let h: u32 = 0; h < 6; h++) addGram(x, DIGIT, 23, h, WORD_GRAM);
  }
  // urlSyntax's dotted address: three dots between digits, and a digit run is one symbol; it asks
  // dottedAddressBefore where it ends.
  addGram(DIGIT, DOT, DIGIT, DOT, WORD_GRAM);
}

initClasses();
initGrams();
initSqlLengths();
