// Builds what a decision says to people: the 403 body and the log line for a flagged request.
// Called by stream.ts only for flagged requests, so clean traffic never builds a string.

import { Inspection } from "../core/inspect";
import { CLASS_NAMES, HEAD_COUNT } from "../core/classes";
import { WHERE_NAMES } from "../request/where";
import { MAX_FRAGMENTS } from "../core/explain";

const MAX_LOGGED_TEXT = 160;

// {"error":"request blocked","score":7,"class":"sqli","request_id":"..."}
export function blockBody(score: i32, klass: string, requestId: string): ArrayBuffer {
  return String.UTF8.encode("{\"error\":\"request blocked\",\"score\":" + score.toString() +
    ",\"class\":\"" + klass + "\",\"request_id\":\"" + jsonEscape(requestId) + "\"}\n");
}

// flagged action=block request_id=... score=7 class=sqli sqli=3 ... part=query:id text="1' or '1'='1" explain="' or '1'='1"
export function flagLine(action: string, requestId: string, ins: Inspection, klass: string, note: string): string {
  let s = ins.scores;
  let line = "flagged action=" + action + " request_id=" + (requestId.length > 0 ? requestId : "-") +
    " score=" + s.score(0).toString() + " class=" + klass;
  for (let k = 1; k < HEAD_COUNT; k++) {
    let v = s.score(k);
    if (v < 99) line += " " + CLASS_NAMES[k] + "=" + v.toString();
  }
  if (s.worstTextIndex >= 0) {
    let part = ins.texts.part(s.worstTextIndex);
    line += " part=" + WHERE_NAMES[ins.parts.where(part)];
    let nameLen = ins.parts.nameLen(part);
    if (nameLen > 0) line += ":" + printable(ins.parts.namePtr(part), nameLen, 64);
    line += " text=\"" + printable(changetype<usize>(s.worstText), s.worstTextLen, MAX_LOGGED_TEXT) + "\"";
    let frags = new StaticArray<i32>(2 * MAX_FRAGMENTS);
    let nf = s.explain(frags);
    if (nf > 0) {
      line += " explain=";
      for (let i = 0; i < nf; i++) {
        if (i > 0) line += ",";
        line += "\"" + printable(changetype<usize>(s.worstText) + frags[2 * i], frags[2 * i + 1], 48) + "\"";
      }
    }
  }
  if (note.length > 0) line += " " + note;
  return line;
}

// Bytes as a log-safe string: printable ASCII as is, '"' and '\' escaped, the rest as \xHH.
function printable(p: usize, n: i32, max: i32): string {
  let out = "";
  let m = min(n, max);
  for (let i = 0; i < m; i++) {
    let c = <i32>load<u8>(p + i);
    if (c == 0x22 || c == 0x5C) out += "\\" + String.fromCharCode(c);
    else if (c >= 0x20 && c < 0x7F) out += String.fromCharCode(c);
    else out += "\\x" + (c < 16 ? "0" : "") + c.toString(16);
  }
  if (n > max) out += "...";
  return out;
}

function jsonEscape(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c == 0x22 || c == 0x5C) out += "\\" + String.fromCharCode(c);
    else if (c < 0x20) out += "?";
    else out += String.fromCharCode(c);
  }
  return out;
}
