// Splits a JSON body: every string, key or value, is a part, named by the key it belongs to.
// Called by request/body.ts; strings with escapes are unescaped into the part list's scratch. A
// string value that is itself a JSON document (an LLM tool call's `arguments`, a queue message's
// payload, a double-encoded field) is split in turn, as the application that parses it again reads it.
// So is a query's, a cookie's, a form's, a multipart field's or a header's value that is a JSON
// document (splitJsonValues, called by request/request.ts and request/body.ts).

import { PartList, putPart, markPart, setPartWhere, partWhere, partIsFilename, partIsFileContent, partFormEncoded, partNamePtr, partNameLen,
  partValPtr, partValLen, CONTAINER_KEY, UNESCAPED } from "./parts";
import { percentDecodeOnce } from "../lib/escapes";
import { isQueryName, opensOperation, mayHoldGraphqlLiterals, splitGraphqlLiterals } from "./graphql";
import { Where } from "./where";
import { Tok, tokenAt, isJsonSpace, wordLength, numberEnd, unescapeJson } from "../lib/json";
import { indexOf2Inline, indexOf } from "../lib/scan";
import { isLetter, matchesAt, matchesLowerAt, looksLikeText } from "../lib/bytes";
import { splitXml } from "./xmlbody";

// Containers deeper than this keep the key of the deepest one tracked; the depth only names parts.
const MAX_DEPTH = 64;

// The key each open container was opened under, so that a value after a closed object is named
// by its own container's key, not by the last key inside the object (`[{"password":"x"},"<p>"]`).
// Static memory, not StaticArrays: under the incremental runtime (filter/glue/gc.ts), a module
// global holding a managed reference was loaded and stored on its shadow stack at every use.
const KEY_PTRS = memory.data(MAX_DEPTH * 4);
const KEY_LENS = memory.data(MAX_DEPTH * 4);

// Bytes outside strings that JSON does not allow (a raw payload after a lying Content-Type)
// make the whole body a text part too, so that invalid JSON is no hiding place.
//
// The tokens are lib/json.ts JsonScanner's (same table, words and escapes), read in this loop
// with its state in locals: through the scanner, every token loaded and stored its position and
// span in memory, and a string's lookahead for ':' went through a second token. A string followed
// (after blanks) by ':' is a key; anything else is read again as the next token, as the scanner's
// lookahead token was. The rows are written by address, counting the parts offered
// (PartList.endOffers), and `out` is used only for escapes and excluded names: each use of it in
// the loop stored it on the shadow stack.
//
// The token loop makes no call: a string that needs one (escapes to undo, or a name to test
// against exclude_params) leaves it for the code after it, which adds that part and goes back.
// V8 spills every value live across a call, and a call anywhere in the loop had it store its
// state at every token.
//
// Returns false, with no part added, for a body that is no JSON and not text by its bytes (a gzip
// stream sent without its Content-Encoding): request/body.ts reads it as a binary body. Only such a
// body is tested: a JSON body that splits cleanly is text.
export function splitJson(ptr: usize, len: i32, out: PartList): bool {
  let first = out.count;
  let clean = splitJsonIn(ptr, len, out, ptr, 0, 0);
  out.jsonEnd = ptr + <usize>len;
  if (clean) return true;
  if (!looksLikeText(ptr, len)) { out.endOffers(first); return false; }
  out.add(Where.BODY_TEXT, ptr, 0, ptr, len, false);
  return true;
}

// How deep a JSON document in a string is read (a document in a string in a string, …): past this,
// the string is one part, as every string was before.
const MAX_NESTING = 2;

// Splits ptr[0..len) into out, named by keyPtr[0..keyLen) until a key is read; nesting: how many
// documents in strings it is in. Returns whether the text was JSON throughout (no byte outside
// strings that JSON does not allow, and, nested, its containers closed). What nesting needs is kept
// out of the token loop (splitNested): two more values live across it had V8 spill its state, +1.5%
// of a JSON body's instructions (make profile).
function splitJsonIn(ptr: usize, len: i32, out: PartList, keyPtr: usize, keyLen: i32, nesting: i32): bool {
  let rows = out.rows;
  let offered = out.count;
  let limit = out.partLimit;
  let excludes = out.excludesNames;
  let depth = 0;
  let junk = false;
  let i = 0;
  while (true) {
    // The string that left the token loop: its raw span, whether it is a key, and its row's marks.
    let start = 0, rawLen = 0, isKey = false, esc = false;
    let marks: u32 = 0;
    let pending = false;
    while (i < len) {
      let c = <u32>load<u8>(ptr + <usize>i);
      // Blanks one a turn, tested first by c <= 0x20: most tokens follow none. Nested, not `&&`:
      // V8 kept the `&&` as a value on the stack, written and tested for every token.
      if (c <= 0x20) {
        if (isJsonSpace(<u8>c)) { i++; continue; }
      }
      let t = tokenAt(c);
      if (t == Tok.STRING) {
        start = i + 1;
        // To the closing '"', past escapes ('\\' and the byte after it), 16 bytes a step.
        let q = start;
        esc = false;
        while (true) {
          q = indexOf2Inline(ptr, q, len, 0x22, 0x5C);
          if (q >= len || load<u8>(ptr + <usize>q) == 0x22) break;
          esc = true;
          q += 2;
        }
        // Unterminated: an error at the quote, read on from the byte after it.
        if (q >= len) { junk = true; i++; continue; }
        rawLen = q - start;
        i = q + 1;
        // A key when ':' follows, mostly at once (blanks are looked past only when there are some).
        isKey = false;
        if (i < len) {
          let d = <u32>load<u8>(ptr + <usize>i);
          if (d <= 0x20) {
            while (i < len && isJsonSpace(load<u8>(ptr + <usize>i))) i++;
            d = i < len ? <u32>load<u8>(ptr + <usize>i) : 0;
          }
          if (d == 0x3A) { isKey = true; i++; }
        }
        // A key whose value is an object or an array (the next token, after blanks, opens one) is
        // marked CONTAINER_KEY in its row (partIsContainerKey).
        // '{' and '[' are the only bytes that start those tokens; blanks are looked past only when
        // there are some.
        marks = 0;
        if (isKey) {
          keyPtr = ptr + <usize>start; keyLen = rawLen;
          if (i < len) {
            let d = <u32>load<u8>(ptr + <usize>i);
            if (d <= 0x20) {
              let j = i;
              while (j < len && isJsonSpace(load<u8>(ptr + <usize>j))) j++;
              d = j < len ? <u32>load<u8>(ptr + <usize>j) : 0;
            }
            if (d == 0x7B || d == 0x5B) marks = CONTAINER_KEY;
          }
        }
        if (esc || (excludes && keyLen > 0)) { pending = true; break; }
        // PartList.add: a value (never empty here: no escapes), and room.
        if (rawLen > 0) {
          if (offered < limit) putPart(rows, offered, Where.BODY_JSON, keyPtr, keyLen, ptr + <usize>start, rawLen, false, marks);
          offered++;
        }
        continue;
      }
      // The other tokens by one jump table (a chain of compares ran for each).
      switch (t) {
        case Tok.COMMA:
        case Tok.COLON: { i++; continue; }
        case Tok.OBJ_OPEN:
        case Tok.ARR_OPEN: {
          if (depth < MAX_DEPTH) { store<u32>(KEY_PTRS + (<usize>depth << 2), <u32>keyPtr); store<i32>(KEY_LENS + (<usize>depth << 2), keyLen); }
          depth++;
          i++;
          continue;
        }
        case Tok.OBJ_CLOSE:
        case Tok.ARR_CLOSE: {
          if (depth > 0) depth--;
          if (depth < MAX_DEPTH) { keyPtr = <usize>load<u32>(KEY_PTRS + (<usize>depth << 2)); keyLen = load<i32>(KEY_LENS + (<usize>depth << 2)); }
          i++;
          continue;
        }
        case Tok.NUMBER: { i = numberEnd(ptr, i, len); continue; }
        case Tok.TRUE:
        case Tok.FALSE:
        case Tok.NULL: {
          let w = wordLength(ptr, i, len, t);
          if (w != 0) { i += w; continue; }
          break;
        }
      }
      // A byte no token starts, or a word that is not one: read on from the next byte.
      junk = true;
      i++;
    }
    if (!pending) break;
    // The string the token loop left. Under a key exclude_params names, its own or an open
    // container's, it is left out whole, a JSON document in it too (`{"filters":{"price":
    // {"$gte":10}}}` with "filters"); else unescaped into the list's scratch, then PartList.add's
    // tests in its order (a value, room).
    if (excludes && excludedInPath(out, keyPtr, keyLen, depth)) continue;
    let vPtr = ptr + <usize>start;
    let n = rawLen;
    if (esc) {
      let dst = out.alloc(n);
      if (dst == 0) { out.endOffers(offered); return !junk && nesting == 0; } // out of scratch: a nested document stays one part
      let m = unescapeJson(vPtr, n, dst);
      out.shrinkLast(dst, n, m);
      vPtr = dst;
      n = m;
      // A string that is a JSON document: its strings are the parts, if it splits cleanly; else the
      // string is one part, as before (a template's `{{7*7}}` is no document). Keys are not told
      // apart here (a key that is a document is split like a value): asking `isKey` kept it live
      // through the token loop, 1.1% of a JSON body's instructions (make profile).
      // So is a GraphQL document under the key `query` (its literals make it a string with escapes):
      // its string literals are parts too, before the string's own (request/graphql.ts). Both share
      // this one call: with a test and a call of its own here, V8 compiled the token loop into 0.24%
      // more of a JSON body's instructions (make profile).
      let doc = nesting < MAX_NESTING ? documentKind(vPtr, n) : NO_DOCUMENT;
      if (doc != NO_DOCUMENT || (nesting < MAX_NESTING && keyLen == 5)) {
        out.endOffers(offered);
        let split = splitNestedOrLiterals(vPtr, n, doc, out, keyPtr, keyLen, depth, nesting + 1);
        offered = out.count;
        if (split) continue;
      }
    }
    // A string read without its escapes is marked UNESCAPED (partWasUnescaped).
    if (esc) marks |= UNESCAPED;
    if (n > 0) {
      if (offered < limit) putPart(rows, offered, Where.BODY_JSON, keyPtr, keyLen, vPtr, n, false, marks);
      offered++;
    }
  }
  out.endOffers(offered);
  return !junk && (nesting == 0 || depth == 0);
}

// Whether exclude_params names the key keyPtr[0..keyLen) or the key any container open at depth was
// opened under (KEY_PTRS; past MAX_DEPTH, the deepest tracked). Asked only when it names some.
function excludedInPath(out: PartList, keyPtr: usize, keyLen: i32, depth: i32): bool {
  if (keyLen > 0 && out.isExcluded(keyPtr, keyLen)) return true;
  let top = min(depth, MAX_DEPTH);
  for (let d = 0; d < top; d++) {
    let l = load<i32>(KEY_LENS + (<usize>d << 2));
    if (l > 0 && out.isExcluded(<usize>load<u32>(KEY_PTRS + (<usize>d << 2)), l)) return true;
  }
  return false;
}

// A JSON string vPtr[0..n) under the key keyPtr[0..keyLen), unescaped, at the outer document's
// depth, whose documentKind is doc: split as a JSON document if it is one (returns true: its parts
// stand for the string), else, under the key `query`, its GraphQL literals added as parts (returns
// false: the string is a part too).
function splitNestedOrLiterals(vPtr: usize, n: i32, doc: i32, out: PartList, keyPtr: usize, keyLen: i32, depth: i32, nesting: i32): bool {
  // An XML document in a string (an API that carries a SOAP or XML payload in JSON): its element
  // texts and attribute values are parts too, and the string stays one (as an XML body does).
  if (doc == XML_DOCUMENT) { splitXml(vPtr, n, out, Where.BODY_JSON, UNESCAPED); return false; }
  if (doc == JSON_DOCUMENT && splitNested(vPtr, n, out, keyPtr, keyLen, depth, nesting)) return true;
  if (isQueryName(keyPtr, keyLen) && mayHoldGraphqlLiterals(vPtr, n)) splitGraphqlLiterals(vPtr, n, out, Where.BODY_JSON, keyPtr, keyLen, UNESCAPED);
  return false;
}

// Splits the document ptr[0..len) found in a string at the outer one's container depth into out, its
// parts marked UNESCAPED (every string of it came out of an escaped one); when it does not split
// cleanly, takes its parts back and returns false. The outer document's keys of its open containers
// (KEY_PTRS below depth) are kept aside while the inner one uses the stack.
function splitNested(ptr: usize, len: i32, out: PartList, keyPtr: usize, keyLen: i32, depth: i32, nesting: i32): bool {
  let before = out.count;
  let saved = min(depth, MAX_DEPTH);
  let save = SAVED + <usize>(nesting - 1) * (MAX_DEPTH * 8);
  memory.copy(save, KEY_PTRS, <usize>saved << 2);
  memory.copy(save + MAX_DEPTH * 4, KEY_LENS, <usize>saved << 2);
  let clean = splitJsonIn(ptr, len, out, keyPtr, keyLen, nesting);
  memory.copy(KEY_PTRS, save, <usize>saved << 2);
  memory.copy(KEY_LENS, save + MAX_DEPTH * 4, <usize>saved << 2);
  if (!clean) { out.endOffers(before); return false; }
  let rows = out.rows;
  for (let i = before, k = out.count; i < k; i++) markPart(rows, i, UNESCAPED);
  return true;
}
// KEY_PTRS and KEY_LENS of the documents a nested one is in, one pair per nesting level.
const SAVED = memory.data(MAX_NESTING * MAX_DEPTH * 8);

// What p[0..n) is by its ends (blanks aside): a JSON object or array, `{…}` or `[…]`; an XML
// document opening with its declaration, `<?xml…>`; or neither.
const NO_DOCUMENT = 0, JSON_DOCUMENT = 1, XML_DOCUMENT = 2;
function documentKind(p: usize, n: i32): i32 {
  let i = 0, e = n;
  while (i < e && isJsonSpace(load<u8>(p + <usize>i))) i++;
  while (e > i && isJsonSpace(load<u8>(p + <usize>(e - 1)))) e--;
  if (e - i < 2) return NO_DOCUMENT;
  let a = load<u8>(p + <usize>i), b = load<u8>(p + <usize>(e - 1));
  if ((a == 0x7B && b == 0x7D) || (a == 0x5B && b == 0x5D)) return JSON_DOCUMENT;
  return a == 0x3C && b == 0x3E && matchesAt(p, e, i, "<?xml") ? XML_DOCUMENT : NO_DOCUMENT;
}

// A query's, a cookie's, a form's, a multipart field's or a header's value that is a JSON document
// (`filter={"name":"…","page":1}`, percent-encoded as browsers and fetch() send it), or that is an
// XML document, as an XML body's text may be too (request/xmlbody.ts splitXml): its strings are
// parts too, named by their keys, with the where of the value they came from, as the application
// that parses the value reads them; the value stays a part. In the value, a payload shared its
// windows with the document's other keys and values: `;id` in such a query value scored 89,
// `admin'--` 99 (1 each as the same string in a JSON body). Parts from `first` to the list's end are
// read (the splitters' output for one place: the head's, then the body's), a file's name and
// content not (a file is stored, not parsed), nor a value whose document does not split cleanly.
// A value of a query, a form, a cookie or a multipart field is percent-decoded once first (and '+'
// read as a space in a query or a form), as the server does before the application parses it: the
// one decoding the split stage does, since the document's bytes are what the reader must see.
export function splitJsonValues(out: PartList, first: i32): void {
  let end = out.count;
  for (let i = nextJsonValue(out.rows, first, end); i < end; i = nextJsonValue(out.rows, i + 1, end)) splitJsonValue(out, i);
}

// The first part from i on (below end) whose value may be a JSON, XML or GraphQL document, or end: a loop
// with no call (V8 spills every value live across one at every turn), which reads a row's where and
// its value's first byte (two tables) before anything else: ~17 instructions a part, 0.8% of the
// 1 KiB form's, whose values are no documents (make profile).
function nextJsonValue(rows: usize, i: i32, end: i32): i32 {
  for (; i < end; i++) {
    let p = partValPtr(rows, i);
    let opens = <u32>load<u8>(VALUE_OPENERS + <usize>load<u8>(p)) & <u32>load<u8>(WHERE_OPENERS + <usize>partWhere(rows, i));
    if (opens == 0 || partValLen(rows, i) < MIN_JSON_VALUE) continue;
    if (opens == DOCUMENT_OPENER ? opensDocumentValue(p, partValLen(rows, i)) : isQueryName(partNamePtr(rows, i), partNameLen(rows, i))) return i;
  }
  return end;
}
// What a value's first byte may open (a bit each), and which of those may be a document the
// application parses in each Where: a JSON document ('{', '[', '%' for their escapes), or an XML one
// ('<', with its `<?xml` declaration) in a query, cookie, form or multipart field, a header
// (Dropbox's `Dropbox-API-Arg`, Linode's `X-Filter`) or an XML body's text (JSON in a SOAP element);
// a GraphQL document in a `query` parameter of a query or a form body (GraphQL over HTTP's GET, and
// the form body express-graphql and graphql-yoga read), named by its operation's keyword (query,
// mutation, subscription, fragment; '{' opens the shorthand).
const DOCUMENT_OPENER: u32 = 1;
const GRAPHQL_OPENER: u32 = 2;
const VALUE_OPENERS = memory.data(256);
store<u8>(VALUE_OPENERS + 0x7B, DOCUMENT_OPENER);
store<u8>(VALUE_OPENERS + 0x5B, DOCUMENT_OPENER);
store<u8>(VALUE_OPENERS + 0x25, DOCUMENT_OPENER);
store<u8>(VALUE_OPENERS + 0x3C, DOCUMENT_OPENER);
store<u8>(VALUE_OPENERS + 0x71, GRAPHQL_OPENER);
store<u8>(VALUE_OPENERS + 0x6D, GRAPHQL_OPENER);
store<u8>(VALUE_OPENERS + 0x73, GRAPHQL_OPENER);
store<u8>(VALUE_OPENERS + 0x66, GRAPHQL_OPENER);
const WHERE_OPENERS = memory.data(16);
store<u8>(WHERE_OPENERS + Where.QUERY, DOCUMENT_OPENER | GRAPHQL_OPENER);
store<u8>(WHERE_OPENERS + Where.BODY_FORM, DOCUMENT_OPENER | GRAPHQL_OPENER);
store<u8>(WHERE_OPENERS + Where.COOKIE, DOCUMENT_OPENER);
store<u8>(WHERE_OPENERS + Where.BODY_MULTIPART, DOCUMENT_OPENER);
store<u8>(WHERE_OPENERS + Where.HEADER, DOCUMENT_OPENER);
store<u8>(WHERE_OPENERS + Where.BODY_XML, DOCUMENT_OPENER);

// Where a value may be percent-encoded (a header's and an XML text's are not).
const PERCENT_WHERES: u32 = (1 << Where.QUERY) | (1 << Where.BODY_FORM) | (1 << Where.COOKIE) | (1 << Where.BODY_MULTIPART);

// The shortest value read as a document: `{"a":"b"}`.
const MIN_JSON_VALUE = 9;

// Whether p[0..n) (n >= MIN_JSON_VALUE) opens with '{', '[' or `<?xml`, raw or percent-encoded
// (%7B, %5B, %3C?xml, %3C%3Fxml; either case): an HTML value (`<p>…`, `%3Cdiv…`) is none.
// @ts-ignore: decorator
@inline function opensDocumentValue(p: usize, n: i32): bool {
  let c = load<u8>(p);
  if (c == 0x7B || c == 0x5B) return true;
  if (c == 0x3C) return matchesAt(p, n, 0, "<?xml");
  if (c != 0x25) return false;
  let h = load<u16>(p, 1) | 0x2000; // the second hex digit in lower case
  if (h == 0x6237 || h == 0x6235) return true; // "7b", "5b"
  return h == 0x6333 && (matchesAt(p, n, 3, "?xml") || matchesLowerAt(p, n, 3, "%3fxml")); // "3c"
}

// Part i's value split as a JSON document, if it is one (see splitJsonValues).
function splitJsonValue(out: PartList, i: i32): void {
  let rows = out.rows;
  let where = partWhere(rows, i);
  if (where == Where.BODY_MULTIPART && (partIsFilename(rows, i) || partIsFileContent(rows, i))) return;
  let p = partValPtr(rows, i), n = partValLen(rows, i);
  // A `query` parameter that opens with a letter (nextJsonValue): a named GraphQL document or none.
  if (isLetter(load<u8>(p)) && !opensOperation(p, n)) return;
  let np = partNamePtr(rows, i), nn = partNameLen(rows, i);
  let plus = partFormEncoded(rows, i);
  if (plus || (((PERCENT_WHERES >> <u32>where) & 1) != 0 && indexOf(p, 0, n, 0x25) < n)) {
    let dst = out.alloc(n);
    if (dst == 0) return;
    let m = percentDecodeOnce(p, n, dst, plus);
    out.shrinkLast(dst, n, m);
    p = dst; n = m;
  }
  let doc = documentKind(p, n);
  if (doc == XML_DOCUMENT) { splitXml(p, n, out, where, 0); return; }
  if (doc == JSON_DOCUMENT) {
    let before = out.count;
    if (splitNested(p, n, out, np, nn, 0, 1)) {
      for (let k = before, e = out.count; k < e; k++) setPartWhere(rows, k, where);
      return;
    }
  }
  // A GraphQL document sent as a `query` parameter (`?query={ user(id: "…") { name } }`,
  // `?query=query Q { … }`): not JSON, but its string literals are values (request/graphql.ts).
  if ((<u32>load<u8>(WHERE_OPENERS + <usize>where) & GRAPHQL_OPENER) != 0 && isQueryName(np, nn) && mayHoldGraphqlLiterals(p, n)) splitGraphqlLiterals(p, n, out, where, np, nn, 0);
}
