// Verdicts that need no model, each scoring 1 in its class and overall (as CRS blocks these by
// pattern at paranoia level 1). Called by core/inspect.ts after the windows are scored; total and
// allocation-free.
//
// - An attack tool that names itself in the User-Agent (sqlmap, Nuclei, gobuster …), or a header
//   only a scanner sends (`Acunetix-Aspect`, `X-Scanner`): scanner.
//   The model saw too few banners to learn them: `gobuster/3.6` looks like `curl/8.4.0` to it and
//   scored 99.
// - A serialized Java object (the stream magic AC ED 00 05, raw, in hex, or base64 `rO0AB`), a .NET
//   BinaryFormatter stream in base64 (`AAEAAAD/////`), or a serialized PHP object
//   (`O:8:"stdClass":1:{`), or a Python pickle that calls os.system and the like (core/pickle.ts)
//   as a value: rce, the class of what a gadget chain
//   does once an application deserializes it. A value that is a whole serialized object is opaque
//   to the model (base64, or a PHP string it reads as JSON-like data) and scored 99.
// - A Java class that deserialization gadget chains run through, named as the type to build
//   (core/gadgets.ts): a value that is such a name (`"@type":"com.sun.rowset.JdbcRowSetImpl"`),
//   any such name in an XML body (XStream, XMLDecoder), such a name as a parameter name's type
//   after a colon (Liferay's `+defaultData:com.mchange.v2.c3p0.WrapperConnectionPoolDataSource`),
//   or `classLoader` in a parameter name's path (`class.module.classLoader…`, Spring4Shell): rce.
//   The model scored these 60–84.
// - A `Proxy` request header (httpoxy, CVE-2016-5385): CGI hands it to the application as
//   HTTP_PROXY, which many HTTP clients take as their proxy, so the server's own outgoing requests
//   go through the attacker's host: ssrf. No browser or HTTP library sends it; CRS 920450 refuses
//   it at paranoia level 1. The model scored `Proxy: http://10.0.0.1:8080` 16 (flagged) but
//   `Proxy: evil.com:3128` 99.
// - Mail command injection (core/mail.ts): a short field value broken by a line break into a
//   recipient header (`Bcc:`) or an SMTP or IMAP command: crlf. The model's crlf class knows HTTP
//   response splitting, and scored `a@b.c%0ABcc:x@y` 99.
// - HTTP request smuggling or response splitting (core/httpsplit.ts): a line break beside a
//   request line or a status line in a value where a line break can reach the application: crlf.
// - A file uploaded under a script's or a server configuration's name (core/upload.ts): rce.
// - A PHP function run by name through ThinkPHP 5's dispatch (core/phpdispatch.ts): rce.
// - A Drupal render array's callback property as a parameter name's segment (`mail[#post_render][]`,
//   Drupalgeddon2): rce.
// - A NUL byte decoded out of a query's, form's, path's or cookie's value that holds a path's
//   bytes (`page=../../etc/passwd%00`, CRS 920270): the class a lexer confirmed in the request,
//   else traversal, the null-byte truncation of a file name. The model scored such values 34–79
//   in the fold that held the traversal lists out.
// - Prototype pollution: `__proto__`, or `constructor` then `prototype`, as a parameter name's
//   segment with a segment after it (`a[__proto__][x]`, `constructor.prototype.x`), or as JSON keys
//   whose value is an object or an array (`{"__proto__":{…}}`), in the body or in a value that is a
//   JSON document (a query's, a form's, a cookie's, a JSON string's: `filter={"__proto__":{…}}`,
//   which the model scored 81, held at the gate as nosqli): rce, the class CRS gives it (Node.js
//   injection). Names are lone tokens the model never scores. A path inside a value
//   (`{"path":"__proto__.x"}`, for lodash.set) is left to the model: reading every JSON string for
//   it cost about 4% of a JSON body's scoring (make profile), and a JavaScript docs site's search
//   holds such paths; a value is read for JSON keys only when it opens as a JSON document does.
// None of these matched any of the 6,667 real benign User-Agents or, except `__proto__` keys
// holding objects in one origin's JSON Schema test documents, any of the 148,368 benign parts of
// `make dataset`'s sides.

import { PartList, partWhere, partFormEncoded, partNamePtr, partNameLen, partIsContainerKey, partWasUnescaped, partIsFilename, partIsFileContent, partValPtr, partValLen } from "../request/parts";
import { DecodeFlag } from "../decode/flags";
import { Where } from "../request/where";
import { TextList, textPart, textPtr, textLen, textFlags, textIsPlainToken } from "../decode/texts";
import { RequestScores } from "./score";
import { toolName } from "./confirm";
import { HEAD_SCANNER, HEAD_RCE, HEAD_CRLF, HEAD_TRAVERSAL, HEAD_SSRF } from "./classes";
import { equalsCI, startsWithCI, byteAt, matchesAt, isIdentByte, isOneOf } from "../lib/bytes";
import { indexOf2, canReadBlock, keepFirst } from "../lib/scan";
import { splat8 } from "../lib/splat";
import { JsonScanner, Tok, unescapeJson, isJsonSpace } from "../lib/json";
import { needsDecoding, decodePart } from "../decode/normalize";
import { mayNameGadget, namesGadget, holdsGadget } from "./gadgets";
import { mailInjection, mayBreakIntoMail } from "./mail";
import { scriptUpload } from "./upload";
import { httpMessage, injectedHeader } from "./httpsplit";
import { pickleAt, mayOpenPickle } from "./pickle";
import { phpDispatchLength, phpDispatch } from "./phpdispatch";

export function applySignatures(parts: PartList, texts: TextList, scores: RequestScores): void {
  // The tables are read by address: through the lists' methods every read stored the list on the
  // runtime's shadow stack (make profile).
  let trows = texts.rows, prows = parts.rows;
  let lastPart = -1;
  let afterConstructor = false;
  // The closing quote of the last `constructor` key's raw bytes.
  let ctorEnd: usize = 0;
  let walks = 0;
  // Whether any part had a NUL decoded out of it (not out of a base64 decoding): most requests
  // have none, and then no text is tested for one.
  let nulDecoded = (texts.decodedFlags & DecodeFlag.NUL) != 0;
  let t = 0, k = texts.count;
  while (true) {
    // To the next text that needs a call; this loop makes none: V8 saves and reloads every live
    // value around a call, and a call anywhere in the loop had it do so at every text. A text that
    // stops here is read again below, which alone updates the state for it.
    for (; t < k; t++) {
      let part = textPart(trows, t);
      let where = partWhere(prows, part);
      let p = textPtr(trows, t), n = textLen(trows, t);
      if (where == Where.BODY_JSON) {
        // A JSON body's texts first, with `where` known (most of a JSON body's texts are keys and
        // other plain tokens); a key is read only at the lengths of `__proto__`, `prototype` and
        // `constructor`.
        if (mayHoldValueVerdict(p, n) || mayNameGadget(p, n) || mayInjectMail(prows, part, Where.BODY_JSON, trows, t, p, n)) break;
        let container = false;
        if (n == 9 || n == 11) {
          container = partIsContainerKey(prows, part);
          if (protoKey(p, n, container) || (afterConstructor && prototypeKey(p, n, container))) break;
        }
        afterConstructor = constructorKey(p, n, container);
        if (afterConstructor) break;
        // A JSON string that was JSON itself (escaped quotes), as an application parses it again.
        if (n >= MIN_POLLUTING_JSON && partWasUnescaped(prows, part) && opensJsonDocument(p, n)) break;
        continue;
      }
      if (where == Where.HEADER || where == Where.BODY_XML || (where == Where.BODY_MULTIPART && partIsFilename(prows, part))) break;
      if (mayHoldValueVerdict(p, n) || (where != Where.PATH && mayNameGadget(p, n)) || mayInjectMail(prows, part, where, trows, t, p, n) ||
          (nulDecoded && nulInUrlValue(where, textFlags(trows, t)))) break;
      if (n >= MIN_POLLUTING_JSON && opensJsonDocument(p, n) && where != Where.PATH) break;
      if (where != Where.PATH && part != lastPart) {
        if (mayNameAPath(prows, part)) break;
        lastPart = part;
      }
    }
    if (t >= k) break;
    let part = textPart(trows, t);
    let where = partWhere(prows, part);
    let p = textPtr(trows, t), n = textLen(trows, t);
    let head = HEAD_RCE;
    let hit = false;
    if (where == Where.HEADER) {
      let np = partNamePtr(prows, part), nn = partNameLen(prows, part);
      head = HEAD_SCANNER;
      hit = (equalsCI(np, nn, "user-agent") && toolName(p, n)) || scannerHeaderName(np, nn);
      if (!hit && nn == 5 && equalsCI(np, nn, "proxy")) { hit = true; head = HEAD_SSRF; }
    } else {
      hit = (mayHoldValueVerdict(p, n) && serializedObject(p, n)) ||
        (where == Where.BODY_XML ? holdsGadget(p, n) : where != Where.PATH && mayNameGadget(p, n) && namesGadget(p, n));
      if (where == Where.BODY_JSON) {
        // Keys are texts of their own, in document order: `{"constructor":{"prototype":{…}}}` is
        // two texts in a row (a bare word between them has none: decode/texts.ts). Only a key whose
        // value is an object or an array can pollute (a primitive assigned to `__proto__` is
        // ignored). Compared a u64 and a byte at a time: this runs for every JSON text.
        // The next text need not be the next key (bare words have none), so a `prototype` right after
        // `constructor`'s text is read where it stands: the first key of constructor's object.
        let container = partIsContainerKey(prows, part);
        hit = hit || protoKey(p, n, container) ||
          (afterConstructor && prototypeKey(p, n, container) && opensObjectAt(ctorEnd, partNamePtr(prows, part)));
        afterConstructor = constructorKey(p, n, container);
        if (afterConstructor) {
          ctorEnd = partNamePtr(prows, part) + <usize>partNameLen(prows, part);
          // `prototype` among the keys of the object `constructor` holds, after other keys.
          if (!hit && walks < MAX_CONSTRUCTOR_WALKS) { walks++; hit = prototypeInObject(ctorEnd, parts.jsonEndOf(ctorEnd)); }
        }
        hit = hit || (n >= MIN_POLLUTING_JSON && partWasUnescaped(prows, part) && opensJsonDocument(p, n) && pollutingJson(p, n));
      } else if (where != Where.PATH && part != lastPart) {
        // A name is read once, at its part's first text (a part may have more: its base64 decoding).
        lastPart = part;
        if (mayNameAPath(prows, part)) {
          let np = partNamePtr(prows, part), nn = partNameLen(prows, part);
          let fe = partFormEncoded(prows, part);
          if (needsDecoding(np, min(nn, MAX_NAME_BYTES), fe)) { nn = decodeName(np, nn, fe); np = NAME_BUF; }
          hit = hit || attackingName(np, nn);
        }
      }
      if (!hit && where != Where.BODY_JSON && where != Where.PATH && n >= MIN_POLLUTING_JSON && opensJsonDocument(p, n) &&
          !partIsFileContent(prows, part)) hit = pollutingJson(p, n);
    }
    if (!hit && phpDispatchLength(n) && (where == Where.QUERY || where == Where.BODY_FORM ||
          (where == Where.BODY_MULTIPART && !partIsFilename(prows, part) && !partIsFileContent(prows, part)))) {
      hit = phpDispatch(p, n, partNamePtr(prows, part), partNameLen(prows, part));
    }
    // The name as it came too: decoding drops a NUL, where a server written in C cuts the name
    // (`shell.php\0.jpg` is stored as `shell.php`).
    if (!hit && where == Where.BODY_MULTIPART && partIsFilename(prows, part)) hit = scriptUpload(p, n) || scriptUpload(partValPtr(prows, part), partValLen(prows, part));
    if (!hit && nulDecoded && nulInUrlValue(where, textFlags(trows, t)) && holdsPathByte(p, n)) {
      // Attackers put a NUL into payloads of every class (`<scr%00ipt>`, `//evil%00.com`): the
      // class a lexer confirmed in this request, else the file name's.
      hit = true;
      head = scores.confirmedClass(HEAD_TRAVERSAL);
    }
    if (!hit && mayInjectMail(prows, part, where, trows, t, p, n) &&
        (mailInjection(p, n) || httpMessage(p, n) || ((where == Where.QUERY || where == Where.COOKIE) && injectedHeader(p, n)))) {
      hit = true;
      head = HEAD_CRLF;
    }
    if (hit) scores.raiseToTop(head, t, p, n, textFlags(trows, t));
    t++;
  }
}

// Request headers only web vulnerability scanners send (CRS 913110's list, paranoia level 1):
// Acunetix's own and the agreement it makes its user accept, ratproxy's loop guard, `X-Scanner`.
// A header's name is read whatever its value.
function scannerHeaderName(np: usize, nn: i32): bool {
  return startsWithCI(np, nn, "acunetix-") || equalsCI(np, nn, "x-scanner") || equalsCI(np, nn, "x-ratproxy-loop");
}

// "__proto_", "prototyp", "construc" as little-endian u64s.
const PROTO_8: u64 = 0x5F6F746F72705F5F;
const PROTOTYP_8: u64 = 0x7079746F746F7270;
const CONSTRUC_8: u64 = 0x63757274736E6F63;

// Whether a name has a byte a polluting path needs: '[' or '.' between segments, or '%' that may
// encode one. Names are short; most have none and are read no further.
function hasPathByte(p: usize, n: i32): bool {
  for (let i = 0; i < n; i++) {
    let c = load<u8>(p + <usize>i);
    if (c == 0x5B || c == 0x2E || c == 0x25) return true;
  }
  return false;
}

// A JSON key `__proto__` whose value is an object or an array (container).
// @ts-ignore: decorator
@inline function protoKey(p: usize, n: i32, container: bool): bool {
  return n == 9 && container && is9(p, PROTO_8, 0x5F);
}

// A JSON key `prototype` whose value is an object or an array: it pollutes as the first key of a
// `constructor` key's object (opensObjectAt; one further into that object is prototypeInObject's).
// @ts-ignore: decorator
@inline function prototypeKey(p: usize, n: i32, container: bool): bool {
  return n == 9 && container && is9(p, PROTOTYP_8, 0x65);
}

// Whether the raw bytes from a key's closing quote (from) to the first byte of the next key (to)
// are `":{"` with blanks only: that key is the first of the object the first one holds.
function opensObjectAt(from: usize, to: usize): bool {
  if (to <= from || load<u8>(from) != 0x22 || load<u8>(to - 1) != 0x22) return false;
  let i = from + 1;
  i = pastJsonBlanks(i, to);
  if (i >= to || load<u8>(i) != 0x3A) return false;
  i = pastJsonBlanks(i + 1, to);
  if (i >= to || load<u8>(i) != 0x7B) return false;
  return pastJsonBlanks(i + 1, to) == to - 1;
}

function pastJsonBlanks(i: usize, end: usize): usize {
  while (i < end) {
    if (!isJsonSpace(load<u8>(i))) break;
    i++;
  }
  return i;
}

// At most this many `constructor` objects are read through per request: each read goes to its
// object's end, and nested ones would read the body over and over.
const MAX_CONSTRUCTOR_WALKS = 4;
// A key unescaped for the compare with `prototype` (9 bytes; up to 6 bytes each as \uXXXX).
const KEY_BUF = memory.data(64);

// Whether the object that follows a JSON key (at, the byte after its raw bytes: its closing
// quote; end: the body's) has a key `prototype` (escaped or not) whose value is an object or an
// array, at its own level: `{"constructor":{"a":1,"prototype":{…}}}` pollutes as much as
// `{"constructor":{"prototype":{…}}}`, which applySignatures reads where the texts meet.
// Read with lib/json.ts's tokenizer; the scanner is unmanaged and freed here, as config.ts does.
function prototypeInObject(at: usize, end: usize): bool {
  let s = new JsonScanner(at + 1, <i32>(end - at - 1));
  let found = prototypeKeyIn(s);
  heap.free(changetype<usize>(s));
  return found;
}

function prototypeKeyIn(s: JsonScanner): bool {
  if (s.next() != Tok.COLON || s.next() != Tok.OBJ_OPEN) return false;
  let depth = 1;
  // The object's first key is the text right after `constructor`'s, which applySignatures reads
  // (opensObjectAt; the request then names it, not `constructor`).
  let keys = 0;
  let t = s.next();
  while (t != Tok.END) {
    if (t == Tok.ERROR) {
      // An unterminated string ends the object; any other byte no token starts is read past.
      if (load<u8>(s.ptr + <usize>s.pos) == 0x22) return false;
      s.pos++;
    } else if (t == Tok.OBJ_OPEN || t == Tok.ARR_OPEN) {
      depth++;
    } else if (t == Tok.OBJ_CLOSE || t == Tok.ARR_CLOSE) {
      if (--depth == 0) return false;
    } else if (t == Tok.STRING && depth == 1) {
      let k = s.ptr + <usize>s.tokOff, n = s.tokLen, esc = s.hasEscapes;
      t = s.next();
      if (t != Tok.COLON) continue; // a value: the token after it is read in the next turn
      t = s.next();
      if (keys++ == 0) continue;
      if ((t == Tok.OBJ_OPEN || t == Tok.ARR_OPEN) && isPrototype(k, n, esc)) return true;
      continue;
    }
    t = s.next();
  }
  return false;
}

// Whether the key p[0..n) is `prototype`, read without its escapes (esc) when it has any.
function isPrototype(p: usize, n: i32, esc: bool): bool {
  if (esc) {
    if (n > 64) return false;
    n = unescapeJson(p, n, KEY_BUF);
    p = KEY_BUF;
  }
  return n == 9 && is9(p, PROTOTYP_8, 0x65);
}

// The shortest JSON document that can pollute: `{"__proto__":{}}`.
const MIN_POLLUTING_JSON = 16;
// A value's JSON read without its escapes (`"\u005f\u005fproto\u005f\u005f"` is `__proto__` to
// JSON.parse); longer values are read as they are.
const JSON_VALUE_BUF_BYTES = 2048;
const JSON_VALUE_BUF = memory.data(JSON_VALUE_BUF_BYTES);

// Whether p[0..n) opens as a JSON document an application would parse: `{` or `[` after JSON's
// blanks, or after `j:` (the prefix of Express's JSON cookies). JSON.parse takes nothing else, so no
// other value is read for pollutingJson.
// @ts-ignore: decorator
@inline function opensJsonDocument(p: usize, n: i32): bool {
  let c = <u32>load<u8>(p);
  // Most values open with another byte than a blank or `j`: one compare each.
  if (c > 0x20 && c != 0x6A) return c == 0x7B || c == 0x5B;
  let i = 0;
  while (i < n && isJsonSpace(load<u8>(p + <usize>i))) i++;
  if (i + 2 < n && load<u8>(p + <usize>i) == 0x6A && load<u8>(p + <usize>(i + 1)) == 0x3A) i += 2; // "j:"
  let d = byteAt(p, n, i);
  return d == 0x7B || d == 0x5B;
}

// Whether a value p[0..n) (a query's, a form's, a cookie's or a multipart field's, or a JSON string
// that held JSON, once unescaped) is a JSON document with a key `__proto__` whose value is an object
// or an array, or a key `constructor` holding an object and, after it, a key `prototype` holding one:
// what JSON.parse and then a deep merge write into Object.prototype
// (`filter={"__proto__":{"isAdmin":true}}`, Express's `j:` JSON cookies). Keys are read quoted, as
// JSON writes them; a `prototype` deeper in the constructor's object than its own level is taken too.
function pollutingJson(p: usize, n: i32): bool {
  if (indexOf2(p, 0, n, 0x5C, 0x5C) < n && n <= JSON_VALUE_BUF_BYTES) {
    n = unescapeJson(p, n, JSON_VALUE_BUF);
    p = JSON_VALUE_BUF;
  }
  for (let i = indexOf2(p, 0, n, 0x22, 0x22); i + 11 < n; i = indexOf2(p, i + 1, n, 0x22, 0x22)) { // '"'
    let c = load<u8>(p + <usize>(i + 1));
    if (c == 0x5F) {
      if (is9(p + <usize>(i + 1), PROTO_8, 0x5F) && containerValueAt(p, n, i + 10)) return true;
    } else if (c == 0x63 && i + 13 < n && matchesAt(p, n, i + 1, "constructor") && containerValueAt(p, n, i + 12)) {
      for (let j = indexOf2(p, i + 13, n, 0x22, 0x22); j + 11 < n; j = indexOf2(p, j + 1, n, 0x22, 0x22)) {
        if (is9(p + <usize>(j + 1), PROTOTYP_8, 0x65) && containerValueAt(p, n, j + 10)) return true;
      }
      return false;
    }
  }
  return false;
}

// Whether p[q] is a key's closing quote, then (JSON's blanks aside) `:` and `{` or `[`.
function containerValueAt(p: usize, n: i32, q: i32): bool {
  if (byteAt(p, n, q) != 0x22) return false;
  let i = <i32>(pastJsonBlanks(p + <usize>(q + 1), p + <usize>n) - p);
  if (byteAt(p, n, i) != 0x3A) return false;
  i = <i32>(pastJsonBlanks(p + <usize>(i + 1), p + <usize>n) - p);
  let c = byteAt(p, n, i);
  return c == 0x7B || c == 0x5B;
}

// A JSON key `constructor` whose value is an object or an array.
// @ts-ignore: decorator
@inline function constructorKey(p: usize, n: i32, container: bool): bool {
  return container && n == 11 && load<u64>(p) == CONSTRUC_8 && load<u16>(p, 8) == 0x6F74 && load<u8>(p, 10) == 0x72;
}

// Whether mailInjection may hold for text t (p[0..n)): longer than a word, not a plain token,
// where a line break can reach the application (mayBreakLine), and with one in its first line's
// reach (mail.ts mayBreakIntoMail).
// @ts-ignore: decorator
@inline function mayInjectMail(prows: usize, part: i32, where: i32, trows: usize, t: i32, p: usize, n: i32): bool {
  return n > 4 && mayBreakLine(prows, part, where, textFlags(trows, t)) && !textIsPlainToken(trows, t) && mayBreakIntoMail(p, n);
}

// A NUL byte decoded out of a URL's or a form's value (`%00`): what no browser sends and what
// poisons a file name where a C library reads it, cutting the extension an application appends
// (`page=../../etc/passwd%00`, `file=report.pdf%00.php`). CRS 920270 blocks it at paranoia level 1.
// Not one in a value's base64 decoding: binary bytes decode to NULs (a tracking blob).
// @ts-ignore: decorator
@inline function nulInUrlValue(where: i32, flags: u32): bool {
  return (flags & (DecodeFlag.NUL | DecodeFlag.BASE64)) == DecodeFlag.NUL &&
    (where == Where.QUERY || where == Where.BODY_FORM || where == Where.PATH || where == Where.COOKIE);
}

// Whether a path's bytes are there: `/`, `\` or `.` (a NUL that cuts a file name follows one).
function holdsPathByte(p: usize, n: i32): bool {
  for (let i = 0; i < n; i++) {
    let c = load<u8>(p + <usize>i);
    if (c == 0x2F || c == 0x5C || c == 0x2E) return true;
  }
  return false;
}

// Whether the part's name may be a polluting or class-loader path (pollutingName, classLoaderName):
// 9 bytes or more (`__proto__`, `a.classLoader`), with a segment byte.
// @ts-ignore: decorator
@inline function mayNameAPath(prows: usize, part: i32): bool {
  let nn = partNameLen(prows, part);
  return nn >= 9 && hasPathByte(partNamePtr(prows, part), min(nn, MAX_NAME_BYTES));
}

// Whether the 9 bytes at p are the 8 of w and then last.
// @ts-ignore: decorator
@inline function is9(p: usize, w: u64, last: u8): bool { return load<u64>(p) == w && load<u8>(p, 8) == last; }

// Names longer than this are read in their first MAX_NAME_BYTES bytes.
const MAX_NAME_BYTES = 256;
// Scratch for decodeName.
const NAME_BUF = memory.data(MAX_NAME_BYTES);

// Decodes a name that needsDecoding as values are decoded (`a%5B__proto__%5D` is `a[__proto__]`
// to qs) into NAME_BUF; returns its length.
function decodeName(p: usize, n: i32, plusAsSpace: bool): i32 {
  return <i32>(decodePart(p, min(n, MAX_NAME_BYTES), NAME_BUF, plusAsSpace) & 0xFFFFFFFF);
}

// Whether a parameter's name is itself the attack: a polluting path, Spring's class loader, a type
// hint naming a gadget, a Drupal render callback.
function attackingName(np: usize, nn: i32): bool {
  return pollutingName(np, nn) || classLoaderName(np, nn) || typeHintName(np, nn) || renderCallbackName(np, nn);
}

// `__proto__`, or `constructor` and then `prototype`, as segments of the name with a segment after
// them (`a[__proto__][x]`, `constructor.prototype.x`): the paths qs, lodash.set and their kind
// write into Object.prototype. A name that ends there (`a[__proto__]=1`) assigns a string, which
// changes no prototype.
function pollutingName(p: usize, n: i32): bool {
  // The shortest of each: `__proto__.` and `constructor.prototype.` (most names are shorter than both).
  if (n < 10) return false;
  if (protoSegment(p, n)) return true;
  if (n < 22) return false;
  for (let i = indexOf2(p, 0, n, 0x63, 0x63); i < n; i = indexOf2(p, i + 1, n, 0x63, 0x63)) { // 'c'
    if (isIdentByte(byteAt(p, n, i - 1)) || !matchesAt(p, n, i, "constructor")) continue;
    let j = i + 11;
    if (byteAt(p, n, j) == 0x5D) j++; // ']'
    let c = byteAt(p, n, j);
    if ((c == 0x5B || c == 0x2E) && matchesAt(p, n, j + 1, "prototype") && segmentFollows(p, n, j + 10)) return true;
  }
  return false;
}

// `__proto__` as a segment, not inside a longer identifier, with a segment after it.
function protoSegment(p: usize, n: i32): bool {
  for (let i = indexOf2(p, 0, n, 0x5F, 0x5F); i + 9 <= n; i = indexOf2(p, i + 1, n, 0x5F, 0x5F)) { // '_'
    if (matchesAt(p, n, i, "__proto__") && !isIdentByte(byteAt(p, n, i - 1)) && segmentFollows(p, n, i + 9)) return true;
  }
  return false;
}

// `classLoader` as a segment after another (`class.module.classLoader.resources…`,
// `class['classLoader']`): the property path Spring (CVE-2022-22965) and Struts (CVE-2014-0094)
// bound from parameter names into the class loader, to write a web shell through Tomcat's logs.
function classLoaderName(p: usize, n: i32): bool {
  if (n < 12) return false; // `.classLoader`, `[classLoader`: the shortest
  for (let i = indexOf2(p, 0, n, 0x63, 0x43); i < n; i = indexOf2(p, i + 1, n, 0x63, 0x43)) { // 'c', 'C'
    if (!equalsCI(p + <usize>i, min(n - i, 11), "classloader") || isIdentByte(byteAt(p, n, i + 11))) continue;
    let b = byteAt(p, n, i - 1);
    if (b == 0x27 || b == 0x22) b = byteAt(p, n, i - 2); // class['classLoader']
    if (b == 0x2E || b == 0x5B) return true;
  }
  return false;
}

// A Drupal render array's callback property as a segment (`mail[#post_render][]=exec&mail[#markup]=id`,
// `timezone[a][#lazy_builder][]=passthru`): Drupal 7 and 8 before 7.58 and 8.5.1 took `#` keys from
// the request into the form's render array and called what they named (Drupalgeddon2,
// CVE-2018-7600). A form never posts them: they are the server's own properties.
// A name is first tested for a `#` (holdsHash): most names hold none, and are shorter than
// indexOf2's 16-byte blocks, whose byte loop for the rest cost the 16 KiB form 0.4% (make profile).
function renderCallbackName(p: usize, n: i32): bool {
  if (!holdsHash(p, n)) return false;
  for (let i = indexOf2(p, 1, n, 0x23, 0x23); i + 1 < n; i = indexOf2(p, i + 1, n, 0x23, 0x23)) { // '#'
    if (load<u8>(p + <usize>(i - 1)) != 0x5B) continue; // '['
    let s = i + 1, e = s;
    while (e < n && load<u8>(p + <usize>e) != 0x5D) e++;
    if (e < n && isOneOf(p, n, s, e - s, RENDER_CALLBACKS)) return true;
  }
  return false;
}
// As one block for a name of 16 bytes or fewer (lib/scan.ts canReadBlock, keepFirst), where
// indexOf2 would read it a byte at a time.
function holdsHash(p: usize, n: i32): bool {
  if (n <= 16 && canReadBlock(p)) return i8x16.bitmask(i8x16.eq(keepFirst(v128.load(p), n), splat8(0x23))) != 0;
  return indexOf2(p, 0, n, 0x23, 0x23) < n;
}
const RENDER_CALLBACKS: StaticArray<string> = ["post_render", "pre_render", "lazy_builder", "access_callback"];

// A name that types its value as a listed gadget class after a colon (`+defaultData:com.mchange.v2.
// c3p0.WrapperConnectionPoolDataSource`): Liferay's JSON web services build the object of the class
// a `+name:Class` parameter names from its value (CVE-2020-7961).
function typeHintName(p: usize, n: i32): bool {
  for (let i = n - 1; i > 0; i--) {
    if (load<u8>(p + <usize>i) == 0x3A) return namesGadget(p + <usize>(i + 1), n - i - 1);
  }
  return false;
}

// Whether a segment ends at j and another begins: `][`, `].`, `[` or `.`.
function segmentFollows(p: usize, n: i32, j: i32): bool {
  if (byteAt(p, n, j) == 0x5D) j++; // ']'
  let c = byteAt(p, n, j);
  return c == 0x5B || c == 0x2E;
}

// Whether a text of this part may hold a line break that reached the application: a form or
// multipart body may send one raw; a query or a cookie only percent-encoded (Envoy refuses raw
// ones in the request line and headers); a JSON string only escaped. The decoder's flags say
// whether it decoded anything (a `%0A`, `&#10;` or `\n` it undid). Paths, headers, XML and text
// bodies are not mail fields, nor is a multipart file's content (confirm.ts classesRuledOut).
// @ts-ignore: decorator
@inline function mayBreakLine(prows: usize, part: i32, where: i32, flags: u32): bool {
  if (where == Where.BODY_FORM) return true;
  if (where == Where.BODY_MULTIPART) return !partIsFileContent(prows, part);
  if (where == Where.QUERY || where == Where.COOKIE) return (flags & DECODED) != 0;
  if (where == Where.BODY_JSON) return (flags & DECODED) != 0 || partWasUnescaped(prows, part);
  return false;
}
const DECODED: u32 = DecodeFlag.PERCENT | DecodeFlag.ENTITY | DecodeFlag.ESCAPE;

// Whether serializedObject or phpDispatch can hold. For serializedObject: the first byte is a blank
// or a quote, or it and the second open one of its forms (SERIALIZED_FIRST[first] &
// SERIALIZED_SECOND[second]): two loads for every text, where the first byte alone let through every
// word that starts with a, r, C or O. For phpDispatch: the tables' SER_CALL bit and a length it
// reads, at no further cost (a test of its own in the loop cost the 1 KiB form 0.6%, make profile).
// @ts-ignore: decorator
@inline function mayHoldValueVerdict(p: usize, n: i32): bool {
  if (n < 5) return false;
  let forms = load<u8>(SERIALIZED_FIRST + <usize>load<u8>(p)) & load<u8>(SERIALIZED_SECOND + <usize>load<u8>(p, 1));
  if ((forms & SER_CALL) != 0) {
    if (phpDispatchLength(n)) return true;
    forms &= ~SER_CALL;
  }
  return forms != 0 && (forms != SER_PICKLE || mayOpenPickle(p));
}

// The forms, a bit each: ANY (<= 0x22: blanks and '"', read further; 0xAC, the raw magic), `rO`
// (base64 of the magic), `ac`/`aC`/`a:` (hex of the magic, a PHP array), `Ac`/`AC` (hex) and `AA`
// (.NET's header in base64), `O:`/`C:` (a PHP object), and a pickle's openings (`co`, `cp`, `gA`,
// 0x80 0x02, …); and, not a serialized value but read at the same cost, `ca`/`CA`/`__` (core/phpdispatch.ts:
// `call_user_func`, `__construct`).
const SER_ANY: u8 = 1, SER_R: u8 = 2, SER_LOWER_A: u8 = 4, SER_UPPER_A: u8 = 8, SER_PHP: u8 = 16, SER_PICKLE: u8 = 32, SER_CALL: u8 = 64;
const SERIALIZED_FIRST = memory.data(256);
const SERIALIZED_SECOND = memory.data(256);
for (let c = 0; c < 256; c++) {
  let first: u8 = c <= 0x22 || c == 0xAC ? SER_ANY : c == 0x72 ? SER_R : c == 0x61 ? SER_LOWER_A : c == 0x41 ? SER_UPPER_A :
    c == 0x4F || c == 0x43 ? SER_PHP : c == 0x63 || c == 0x67 || c == 0x80 ? SER_PICKLE : 0;
  let second: u8 = SER_ANY;
  // A pickle (core/pickle.ts): `c` and a module's first letter, `gA` (base64), 0x80 and a protocol.
  if (c == 0x6F || c == 0x6E || c == 0x70 || c == 0x73 || c == 0x62 || c == 0x5F || c == 0x63 || c == 0x72 || c == 0x69 ||
      c == 0x41 || (c >= 2 && c <= 5)) second |= SER_PICKLE;
  if (c == 0x4F) second |= SER_R;
  if (c == 0x63 || c == 0x43) second |= SER_LOWER_A | SER_UPPER_A;
  if (c == 0x41) second |= SER_UPPER_A; // `AA`: .NET's BinaryFormatter in base64
  if (c == 0x3A) second |= SER_LOWER_A | SER_PHP;
  if (c == 0x63 || c == 0x43 || c == 0x5F) first |= SER_CALL;
  if (c == 0x61 || c == 0x41 || c == 0x5F) second |= SER_CALL;
  store<u8>(SERIALIZED_FIRST + <usize>c, first);
  store<u8>(SERIALIZED_SECOND + <usize>c, second);
}

// A value that begins (after blanks and a quote) with a serialized Java object, or with a
// serialized PHP value that holds an object. Only the first bytes are read unless they open a PHP
// value: unserialize() and readObject() read a value from its start.
function serializedObject(p: usize, n: i32): bool {
  let i = 0;
  while (i < n && (load<u8>(p + <usize>i) <= 0x20 || load<u8>(p + <usize>i) == 0x22)) i++;
  if (i + 5 > n) return false;
  let c0 = load<u8>(p + <usize>i);
  if (c0 == 0x72) return matchesAt(p, n, i, "rO0AB"); // base64 of AC ED 00 05
  if (c0 == 0x63 || c0 == 0x67 || c0 == 0x80) return pickleAt(p, n, i);
  // The raw magic, or what the decoder leaves of it (it drops NUL bytes).
  if (c0 == 0xAC) {
    if (load<u8>(p + <usize>(i + 1)) != 0xED) return false;
    let c = load<u8>(p + <usize>(i + 2));
    return c == 0x05 || (c == 0 && load<u8>(p + <usize>(i + 3)) == 0x05);
  }
  // The base64 of .NET's BinaryFormatter header (00 01 00 00 00 FF FF FF FF: a stream's record,
  // root id 1, header id -1), which ysoserial.net's gadgets open with; its run of five `/` is four
  // in the text (decode/normalize.ts caps runs of one byte).
  if (c0 == 0x41 && load<u8>(p + <usize>(i + 1)) == 0x41) return matchesAt(p, n, i, "AAEAAAD////");
  if ((c0 | 0x20) == 0x61) { // 'a' or 'A': "aced0005" in hex, or a PHP array that may hold objects
    if (i + 8 <= n && (load<u64>(p + <usize>i) | 0x2020202020202020) == 0x3530303064656361) return true;
    if (c0 != 0x61) return false;
  } else if (c0 != 0x4F && c0 != 0x43) return false; // 'O', 'C'
  return load<u8>(p + <usize>(i + 1)) == 0x3A && load<u8>(p + <usize>(i + 2)) - 0x30 < 10 && phpObject(p, n);
}

// `O:<length>:"<class>":<count>:{` (or `C:` for a class with its own serializer): found from each
// `{` backwards, since `{` is rarer in values than `:`.
function phpObject(p: usize, n: i32): bool {
  for (let b = indexOf2(p, 0, n, 0x7B, 0x7B); b < n; b = indexOf2(p, b + 1, n, 0x7B, 0x7B)) {
    let i = b - 1;
    if (byteAt(p, n, i) != 0x3A) continue; // ':'
    let d = i;
    while (byteAt(p, n, i - 1) - 0x30 < 10) i--;
    if (i == d || byteAt(p, n, --i) != 0x3A || byteAt(p, n, --i) != 0x22) continue; // <count> ':' '"'
    let nameEnd = i;
    while ((isIdentByte(byteAt(p, n, i - 1)) || byteAt(p, n, i - 1) == 0x5C)) i--; // class name, '\' for namespaces
    if (i == nameEnd || byteAt(p, n, --i) != 0x22 || byteAt(p, n, --i) != 0x3A) continue; // '"' ':'
    d = i;
    while (byteAt(p, n, i - 1) - 0x30 < 10) i--;
    if (i == d || byteAt(p, n, --i) != 0x3A) continue; // <length> ':'
    let o = byteAt(p, n, i - 1);
    if ((o == 0x4F || o == 0x43) && !isIdentByte(byteAt(p, n, i - 2))) return true; // 'O' or 'C'
  }
  return false;
}
