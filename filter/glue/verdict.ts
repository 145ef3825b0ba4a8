// Builds what a decision says to people: the 403 body and the log line for a flagged request.
// Called by stream.ts only for flagged requests, so clean traffic never builds a string.
//
// The log line is read by people and by log pipelines, and partly written by the client: every
// value a client controls is escaped (it cannot add a field), and a part's text is redacted when
// its name looks secret or it is a credential header (issue 9, finding 9).

import { Inspection } from "../core/inspect";
import { CLASS_NAMES, HEAD_COUNT } from "../core/classes";
import { WHERE_NAMES, Where } from "../request/where";
import { MAX_FRAGMENTS } from "../core/explain";
import { Config } from "../config/config";
import { equalsCI } from "../lib/bytes";

const MAX_LOGGED_TEXT = 160;
const MAX_LOGGED_NAME = 64;
const MAX_LOGGED_ID = 128;
// Cookies and Authorization are credentials whatever they are called: a prefix is enough to
// tell a scheme or a cookie format apart ("Bearer e", "eyJhbGci"), not enough to replay them.
const CREDENTIAL_PREFIX_BYTES = 8;

// {"error":"request blocked","request_id":"..."}, or with details
// {"error":"request blocked","score":7,"class":"sqli","request_id":"..."}: the score and class tell
// an attacker how close an evasion came, so they are in the body only when configured.
export function blockBody(details: bool, score: i32, klass: string, requestId: string): ArrayBuffer {
  let extra = details ? "\"score\":" + score.toString() + ",\"class\":\"" + klass + "\"," : "";
  return String.UTF8.encode("{\"error\":\"request blocked\"," + extra + "\"request_id\":\"" + jsonEscape(requestId) + "\"}\n");
}

// flagged action=block request_id=... score=7 class=sqli sqli=3 ... part=query:id text="1' or '1'='1" explain="' or '1'='1"
// Secret-looking parts: text=[redacted] and no explain; log_text false: neither.
export function flagLine(action: string, ins: Inspection, klass: string, note: string, cfg: Config): string {
  let s = ins.scores;
  let facts = ins.facts;
  let line = "flagged action=" + action + " request_id=" +
    (facts.requestIdLen > 0 ? logValue(facts.requestIdPtr, facts.requestIdLen, MAX_LOGGED_ID) : "-") +
    " score=" + s.score(0).toString() + " class=" + klass;
  for (let k = 1; k < HEAD_COUNT; k++) {
    let v = s.score(k);
    if (v < 99) line += " " + CLASS_NAMES[k] + "=" + v.toString();
  }
  if (s.worstTextIndex >= 0) {
    let part = ins.texts.part(s.worstTextIndex);
    let where = ins.parts.where(part);
    let namePtr = ins.parts.namePtr(part);
    let nameLen = ins.parts.nameLen(part);
    line += " part=" + partValue(where, namePtr, nameLen);
    if (cfg.logText) {
      if (nameLooksSecret(namePtr, nameLen, cfg.redactNameBytes)) {
        line += " text=[redacted]";
      } else if (isCredential(where, namePtr, nameLen)) {
        line += " text=\"" + printable(changetype<usize>(s.worstText), s.worstTextLen, CREDENTIAL_PREFIX_BYTES) + "\"";
      } else {
        line += " text=\"" + printable(changetype<usize>(s.worstText), s.worstTextLen, MAX_LOGGED_TEXT) + "\"";
        line += explainValue(ins);
      }
    }
  }
  if (note.length > 0) line += " " + note;
  return line;
}

// ` explain="a","b"` (the fragments that drove the score, strongest first), or "" when none.
function explainValue(ins: Inspection): string {
  let s = ins.scores;
  let frags = new StaticArray<i32>(2 * MAX_FRAGMENTS);
  let nf = s.explain(frags);
  if (nf <= 0) return "";
  let out = " explain=";
  for (let i = 0; i < nf; i++) {
    if (i > 0) out += ",";
    out += "\"" + printable(changetype<usize>(s.worstText) + frags[2 * i], frags[2 * i + 1], 48) + "\"";
  }
  return out;
}

// "query:id", or quoted when the client-chosen name has a space, quote, '=' or other byte that
// could read as the start of another field: "\"query:a b=c\"".
function partValue(where: i32, namePtr: usize, nameLen: i32): string {
  let w = WHERE_NAMES[where];
  if (nameLen <= 0) return w;
  if (isBare(namePtr, nameLen)) return w + ":" + printable(namePtr, nameLen, MAX_LOGGED_NAME);
  return "\"" + w + ":" + printable(namePtr, nameLen, MAX_LOGGED_NAME) + "\"";
}

// A client-sent value as a log field value: as is when it cannot be mistaken for more fields,
// else quoted with printable()'s escapes (logfmt's convention).
function logValue(p: usize, n: i32, max: i32): string {
  if (isBare(p, n)) return printable(p, n, max);
  return "\"" + printable(p, n, max) + "\"";
}

// Non-empty, and only printable ASCII other than space, '"', '\' and '='.
function isBare(p: usize, n: i32): bool {
  if (n <= 0) return false;
  for (let i = 0; i < n; i++) {
    let c = <u32>load<u8>(p + i);
    if (c - 0x21 >= 0x5E || c == 0x22 || c == 0x5C || c == 0x3D) return false;
  }
  return true;
}

// Whether the part's name contains one of redact_names (stored lower-cased), ASCII letters
// compared without case: "user[Password]", "api_token", "X-Session-Id".
function nameLooksSecret(p: usize, n: i32, names: Array<ArrayBuffer>): bool {
  for (let i = 0, k = names.length; i < k; i++) {
    let w = unchecked(names[i]);
    let m = w.byteLength;
    let q = changetype<usize>(w);
    for (let at = 0; at + m <= n; at++) {
      let j = 0;
      while (j < m && lowerAscii(load<u8>(p + at + j)) == <u32>load<u8>(q + j)) j++;
      if (j == m) return true;
    }
  }
  return false;
}

@inline function lowerAscii(c: u8): u32 {
  let x = <u32>c;
  return x - 0x41 < 26 ? x | 0x20 : x;
}

// A cookie, or a header that carries credentials.
function isCredential(where: i32, p: usize, n: i32): bool {
  if (where == Where.COOKIE) return true;
  if (where != Where.HEADER) return false;
  return equalsCI(p, n, "authorization") || equalsCI(p, n, "proxy-authorization") || equalsCI(p, n, "cookie");
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
