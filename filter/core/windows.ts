// The windows stage: cuts each decoded text into the overlapping windows the model scores and
// hands them to a sink. Called by core/inspect.ts; the sinks are core/score.ts (scoring) and
// core/collect.ts (training export).

import { TextList, textWindowed, textPtr, textLen, textFlags, textHeadOnly, FILE_HEAD_BYTES } from "../decode/texts";
import { WINDOW_BYTES, WINDOW_STEP } from "./features";
import { lexedLength } from "./confirm";

// decode/texts.ts cuts a file's content's pieces at its head, the first window.
// @ts-ignore: compile-time check
if (FILE_HEAD_BYTES != WINDOW_BYTES) ERROR("windows.ts: FILE_HEAD_BYTES (decode/texts.ts) is not WINDOW_BYTES");

export abstract class WindowSink {
  // text: the index into the TextList; p, n: the window's bytes; ln: how many of them the lexers
  // read (core/confirm.ts lexedLength); flags: the text's decode flags; opensText: the window is its
  // text's first (p is where the text starts); closesText: its last (p + n is where the text ends;
  // otherwise the text goes on at p[n]).
  abstract onWindow(text: i32, p: usize, n: i32, ln: i32, flags: u32, opensText: bool, closesText: bool): void;
  // Piece p[0..n) of window wp[0..wn), which core/zoom.ts cut to be scored again alone (ln,
  // opensText: the piece's; wln, wOpensText: its window's). The sinks that zoom (core/score.ts,
  // core/collect.ts) take it; the rest never zoom.
  onPiece(text: i32, p: usize, n: i32, ln: i32, flags: u32, opensText: bool, wp: usize, wln: i32, wOpensText: bool): void {}
  // After the request's last window (forEachWindow's end, or its stop at maxWindows): core/score.ts
  // counts the windows it held for the last part.
  onEnd(): void {}
  // Pieces this request may still take (core/inspect.ts sets it to max_windows, the bound on a
  // request's scoring work), and whether it ran out of them (the request is then partial).
  pieceBudget: i32 = 0;
  piecesCut: bool = false;
}

// Long texts are scored in overlapping windows: the bag of features is a mean, and a payload
// inside 100 KiB of prose must not be averaged away. Stops after maxWindows (max_windows: the
// bound on a request's scoring work). Returns the number of windows, negated when it stopped early.
//
// The text table is read by address: through TextList's methods, every text (most are skipped
// lone tokens) stored the list on the runtime's shadow stack (make profile). Generic in the sink,
// so that each sink's onWindow is called directly: through WindowSink, every window went through
// the virtual call's dispatch stub.
export function forEachWindow<T extends WindowSink>(texts: TextList, sink: T, maxWindows: i32): i32 {
  let windows = 0;
  let rows = texts.rows;
  for (let t = 0, k = texts.count; t < k; t++) {
    if (!textWindowed(rows, t)) continue;
    let p = textPtr(rows, t);
    let n = textLen(rows, t);
    if (n <= 0) continue;
    let flags = textFlags(rows, t);
    let off = 0;
    while (true) {
      if (windows >= maxWindows) { sink.onEnd(); return -windows; }
      let w = min(WINDOW_BYTES, n - off);
      let closes = off + w >= n;
      sink.onWindow(t, p + off, w, lexedLength(p + off, w, closes), flags, off == 0, closes);
      windows++;
      if (closes) break;
      // A file's content is read by the model in its first window only (decode/texts.ts
      // keepFromModel): asked of texts longer than one window alone.
      if (off == 0 && textHeadOnly(rows, t)) break;
      off += WINDOW_STEP;
    }
  }
  sink.onEnd();
  return windows;
}
