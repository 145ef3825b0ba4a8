// The zoom: a window of prose with a little syntax in it is scored again in pieces, each run of
// syntax (bytes of syntax no more than SYNTAX_GAP apart) with the word before and the word after
// it. The bag of features is a mean, so a payload with prose around it in its window (`Great
// product, fast shipping … ' OR 1=1--`) was read diluted, by as much as the prose is long (the
// tautology after 100 bytes of lorem ipsum scored 31, after 200 bytes 60; after a review's
// sentences, 90); its piece is the payload and a word either side. Not for text that is syntax
// throughout (code, markup): its pieces are no payload freed of padding, and read alone they look
// more like one than the whole does. At most two pieces a run, MAX_SYNTAX runs a window, and the
// sink's pieceBudget pieces a request.
//
// Generic in the sink, as core/windows.ts is: the scores (core/score.ts) and the training export
// (core/collect.ts) take the same pieces, so the model is trained on what it scores.

import { WindowSink } from "./windows";
import { closesQuoteAt } from "../lib/bytes";
import { lexedLength } from "./confirm";
import { proseWithSyntax, syntaxBits, proseApostrophe, proseRun, opensCommand, quoteEndsWord, opensMarkup, opensScriptScheme, optionsEnd, wordStart, wordEnd,
  headerBreakFrom, headerLineEnd, SYNTAX_GAP, PIECE_MIN } from "./pieces";

// Whether window p[0..n) is zoomed into: it may confirm (may: core/mayconfirm.ts's answer; a window
// no lexer can confirm is not, whether or not its sink scores it) and reads as prose with a little
// syntax in it. The one test for every sink; inlined, as the test was in the scores' loop.
// @ts-ignore: decorator
@inline export function zooms(may: bool, p: usize, n: i32): bool {
  return may && proseWithSyntax(p, n);
}

// The pieces of window p[0..n), which zooms() accepted, into sink.onPiece.
export function zoomInto<T extends WindowSink>(sink: T, text: i32, p: usize, n: i32, ln: i32, flags: u32, opensText: bool, closesText: bool): void {
  let first = -1, last = -1, count = 0;
  // The bytes of syntax in order, 16 at a time (proseWithSyntax read the last block whole).
  for (let b = 0; b < n; b += 16) {
    let mask = syntaxBits(p + <usize>b, n - b);
    while (mask != 0) {
      let j = b + ctz(mask);
      mask &= mask - 1;
      if (proseApostrophe(p, n, j)) continue;
      if (first >= 0 && j > last + SYNTAX_GAP) { piecesAround<T>(sink, text, p, n, ln, flags, opensText, closesText, first, last, count); first = -1; }
      if (first < 0) { first = j; count = 0; }
      last = j;
      count++;
    }
  }
  if (first >= 0) piecesAround<T>(sink, text, p, n, ln, flags, opensText, closesText, first, last, count);
  // A line break that opens a header line, read from the break on as a response splitting's value
  // is: its syntax may be one `=` (`\r\nSet-Cookie: a=b`), which the runs leave to prose.
  for (let i = headerBreakFrom(p, n, 0); i >= 0; ) {
    let end = headerLineEnd(p, n, i);
    cut<T>(sink, text, p, n, ln, flags, opensText, closesText, i, end);
    i = headerBreakFrom(p, n, end);
  }
}

// The pieces of window p[0..n) around its run of count bytes of syntax from first to last: the
// run with a word either side, grown to PIECE_MIN bytes, and the run alone when it opens as a
// payload does.
function piecesAround<T extends WindowSink>(sink: T, text: i32, p: usize, n: i32, ln: i32, flags: u32, opensText: bool, closesText: bool,
                                            first: i32, last: i32, count: i32): void {
  if (proseRun(p, n, first, last, count)) return;
  // A run that opens as a payload does is read alone too, as a value that holds only the payload
  // is: a word either side dilutes a short payload beyond the model's reach. A shell's separator
  // (`;id`, `| whoami`, `$(id)`), with the command's options (`;ls -la`); a quote that ends a word,
  // closing the string an injection breaks out of (`1' OR '1'='1`), not one the window opened
  // (`either 'list' or 'get'`: alone, `list' or 'get` reads as that injection); a tag or a template's
  // expression (`<svg onload=alert(1)>`, `{{7*7}}`); a script's URL scheme (`javascript:alert(1)`).
  let start = wordStart(p, first), end = wordEnd(p, n, last);
  if (opensCommand(p, n, first)) {
    cut<T>(sink, text, p, n, ln, flags, opensText, closesText, start, optionsEnd(p, n, end));
  } else if ((quoteEndsWord(p, n, first) && !closesQuoteAt(p, first)) || opensMarkup(p, n, first) || opensScriptScheme(p, n, start)) {
    cut<T>(sink, text, p, n, ln, flags, opensText, closesText, start, end);
  }
  start = wordStart(p, start - 1);
  end = wordEnd(p, n, end);
  // A tag or a keyword with one word beside it reads as more of an attack than the same in a
  // sentence (`<blockquote>Sleep quality`, `I'd select`): the piece grows to PIECE_MIN bytes.
  while (end - start < PIECE_MIN && (start > 0 || end < n)) {
    start = wordStart(p, start - 1);
    end = wordEnd(p, n, end);
  }
  cut<T>(sink, text, p, n, ln, flags, opensText, closesText, start, end);
}

// Piece p[start..end) of window p[0..n) (whose lexers read p[0..ln)) to the sink, unless it is the
// window itself or the request's budget is spent. It opens its text when it starts where its window
// does and the window opens the text, and closes it when it ends where its window does and the
// window closes the text (which decides what its lexers read: core/confirm.ts lexedLength).
// @ts-ignore: decorator
@inline function cut<T extends WindowSink>(sink: T, text: i32, p: usize, n: i32, ln: i32, flags: u32, opensText: bool, closesText: bool, start: i32, end: i32): void {
  if (start == 0 && end == n) return;
  if (sink.pieceBudget <= 0) { sink.piecesCut = true; return; }
  sink.pieceBudget--;
  let q = p + <usize>start, m = end - start;
  sink.onPiece(text, q, m, lexedLength(q, m, closesText && end == n), flags, opensText && start == 0, p, ln, opensText);
}
