// Turns the plugin configuration (JSON bytes) into an immutable Config, or an error naming the
// field, driven by the field table in config/schema.ts. Called by glue/root.ts in onConfigure and
// by core/index.ts (configure) for `wafscore config check` and the tests.
//
// Strict JSON: unknown fields, duplicate keys and numbers with leading zeros are refused.

import { JsonScanner, Tok, unescapeJson } from "../lib/json";
import { Field, FieldType, Check, FIELDS, F, MAX_LIST_ITEMS } from "./schema";

export const enum Mode { BLOCK = 0, TAG = 1, LOG = 2 }
export const enum Uninspectable { ALLOW = 0, BLOCK = 1 }
export const enum Undecodable { BLOCK = 0, ALLOW = 1 }
// Which requests that go upstream carry the score headers (each is a host call per header).
export const enum ScoreHeaders { ALL = 0, FLAGGED = 1, NONE = 2 }

export class Config {
  mode: Mode = Mode.BLOCK;
  threshold: i32 = 0;
  maxBodyBytes: i32 = 0;
  inspectHeaders: Array<string> = [];   // lower-cased header names, scored even when they fit their grammar
  ignoreHeaders: Array<string> = [];    // lower-cased header names never scored
  maxParts: i32 = 0;                    // parts split per request; past it, partial
  maxWindows: i32 = 0;                  // windows scored per request; past it, partial
  excludePaths: Array<string> = [];     // path prefixes, compared byte for byte
  excludeParams: Array<string> = [];    // parameter, JSON key, cookie and field names
  headerPrefix: string = "";
  onUninspectable: Uninspectable = Uninspectable.ALLOW;
  onUndecodable: Undecodable = Undecodable.BLOCK;
  blockResponseDetails: bool = false;   // the 403 body names the score and class
  logText: bool = true;                 // flagged lines carry the part's text and explanation
  redactNames: Array<string> = [];      // lower-cased; a part whose name contains one is redacted in logs
  maxFlaggedLogsPerSecond: i32 = 0;     // 0: unlimited
  holdHeaders: bool = true;             // false: headers go upstream before the body is scored
  scoreHeaders: ScoreHeaders = ScoreHeaders.ALL;
  filterState: bool = true;             // write wasm.wafscore.* for access logs (8+ host calls a request)
  // UTF-8 copies of the lists, for comparison against request bytes without decoding them.
  inspectHeaderBytes: Array<ArrayBuffer> = [];
  ignoreHeaderBytes: Array<ArrayBuffer> = [];
  excludePathBytes: Array<ArrayBuffer> = [];
  excludeParamBytes: Array<ArrayBuffer> = [];
  redactNameBytes: Array<ArrayBuffer> = [];

  // Every default (what an empty configuration means).
  static defaults(): Config {
    return parseConfig(0, 0).config!;
  }

  static from(v: Values): Config {
    let c = new Config();
    c.mode = <Mode>v.ints[F.MODE];
    c.threshold = v.ints[F.THRESHOLD];
    c.maxBodyBytes = v.ints[F.MAX_BODY_BYTES];
    c.inspectHeaders = v.lists[F.INSPECT_HEADERS];
    c.excludePaths = v.lists[F.EXCLUDE_PATHS];
    c.excludeParams = v.lists[F.EXCLUDE_PARAMS];
    c.headerPrefix = v.strs[F.HEADER_PREFIX];
    c.onUninspectable = <Uninspectable>v.ints[F.ON_UNINSPECTABLE];
    c.ignoreHeaders = v.lists[F.IGNORE_HEADERS];
    c.maxParts = v.ints[F.MAX_PARTS];
    c.maxWindows = v.ints[F.MAX_WINDOWS];
    c.onUndecodable = <Undecodable>v.ints[F.ON_UNDECODABLE];
    c.blockResponseDetails = v.ints[F.BLOCK_RESPONSE_DETAILS] != 0;
    c.logText = v.ints[F.LOG_TEXT] != 0;
    c.redactNames = v.lists[F.REDACT_NAMES];
    c.maxFlaggedLogsPerSecond = v.ints[F.MAX_FLAGGED_LOGS_PER_SECOND];
    c.holdHeaders = v.ints[F.HOLD_HEADERS] != 0;
    c.scoreHeaders = <ScoreHeaders>v.ints[F.SCORE_HEADERS];
    c.filterState = v.ints[F.FILTER_STATE] != 0;
    c.inspectHeaderBytes = utf8All(c.inspectHeaders);
    c.ignoreHeaderBytes = utf8All(c.ignoreHeaders);
    c.excludePathBytes = utf8All(c.excludePaths);
    c.excludeParamBytes = utf8All(c.excludeParams);
    c.redactNameBytes = utf8All(c.redactNames);
    return c;
  }
}

// The parsed values of one object, by field index: INT, BOOL (0 or 1) and ENUM (the choice's index) in ints,
// STRING in strs, STRING_LIST in lists, OBJECT in objects.
export class Values {
  present: StaticArray<bool>;
  ints: StaticArray<i32>;
  strs: StaticArray<string>;
  lists: StaticArray<Array<string>>;
  objects: StaticArray<Values | null>;
  constructor(n: i32) {
    this.present = new StaticArray<bool>(n);
    this.ints = new StaticArray<i32>(n);
    this.strs = new StaticArray<string>(n);
    this.lists = new StaticArray<Array<string>>(n);
    this.objects = new StaticArray<Values | null>(n);
    for (let i = 0; i < n; i++) { this.strs[i] = ""; this.lists[i] = []; }
  }
}

export class ConfigResult {
  constructor(public config: Config | null, public field: string, public reason: string) {}
  get ok(): bool { return this.config != null; }
  // "config.threshold: must be an integer within [1,99], got 150"
  message(): string { return "config." + this.field + ": " + this.reason; }
}

// The error of the parse under way; parse functions return false after setting it. Config
// parsing happens in onConfigure only, never on the request path.
let failField = "";
let failReason = "";
function fail(field: string, reason: string): bool { failField = field; failReason = reason; return false; }

// JsonScanner is unmanaged (no GC bookkeeping on the request path): each one made here is freed.
export function parseConfig(ptr: usize, len: i32): ConfigResult {
  let s = new JsonScanner(ptr, len);
  let r = parseConfigWith(s);
  heap.free(changetype<usize>(s));
  return r;
}

function parseConfigWith(s: JsonScanner): ConfigResult {
  let values = new Values(FIELDS.length);
  let t = s.next();
  if (t != Tok.END) {
    if (t != Tok.OBJ_OPEN) return new ConfigResult(null, "(root)", "must be a JSON object, got " + tokenText(s, t));
    if (!parseObject(s, FIELDS, "", values)) return new ConfigResult(null, failField, failReason);
    t = s.next();
    if (t != Tok.END) return new ConfigResult(null, "(root)", "unexpected " + tokenText(s, t) + " after the object");
  }
  if (!fillDefaults(FIELDS, "", values)) return new ConfigResult(null, failField, failReason);
  return new ConfigResult(Config.from(values), "", "");
}

// Parses the members of an object whose '{' was just read, up to its '}'.
function parseObject(s: JsonScanner, fields: StaticArray<Field>, path: string, out: Values): bool {
  let t = s.next();
  if (t == Tok.OBJ_CLOSE) return true;
  let at = path.length > 0 ? path : "(root)";
  while (true) {
    if (t != Tok.STRING) return fail(at, "expected a key in quotes, got " + tokenText(s, t));
    let key = decodeString(s);
    let name = path.length > 0 ? path + "." + key : key;
    if (s.next() != Tok.COLON) return fail(name, "expected ':' after the key");
    let k = indexOf(fields, key);
    if (k < 0) return fail(name, "unknown field; known fields are " + fieldNames(fields));
    if (out.present[k]) return fail(name, "duplicate key (each field may appear once)");
    if (!parseValue(s, s.next(), unchecked(fields[k]), k, name, out)) return false;
    out.present[k] = true;
    t = s.next();
    if (t == Tok.OBJ_CLOSE) return true;
    if (t != Tok.COMMA) return fail(name, "expected ',' or '}' after the value, got " + tokenText(s, t));
    t = s.next();
  }
}

// Fields absent from the configuration take their default, parsed from the schema's JSON text.
function fillDefaults(fields: StaticArray<Field>, path: string, out: Values): bool {
  for (let k = 0; k < fields.length; k++) {
    if (out.present[k]) continue;
    let f = unchecked(fields[k]);
    let bytes = String.UTF8.encode(f.defaultJson);
    let s = new JsonScanner(changetype<usize>(bytes), bytes.byteLength);
    let name = path.length > 0 ? path + "." + f.name : f.name;
    let ok = parseValue(s, s.next(), f, k, name, out);
    heap.free(changetype<usize>(s));
    if (!ok) return false;
  }
  return true;
}

function parseValue(s: JsonScanner, t: Tok, f: Field, k: i32, name: string, out: Values): bool {
  switch (f.type) {
    case FieldType.ENUM: {
      if (t != Tok.STRING) return fail(name, "must be a string, got " + tokenText(s, t));
      let v = decodeString(s);
      let choices = f.choices!;
      for (let i = 0; i < choices.length; i++) {
        if (choices[i] == v) { out.ints[k] = i; return true; }
      }
      return fail(name, "must be one of " + choices.join(", ") + ", got \"" + v + "\"");
    }
    case FieldType.INT: {
      let v = parseInt(s, t, f.min, f.max);
      if (v == i64.MIN_VALUE) return fail(name, "must be an integer within [" + f.min.toString() + "," + f.max.toString() + "], got " + tokenText(s, t));
      out.ints[k] = <i32>v;
      return true;
    }
    case FieldType.BOOL: {
      if (t != Tok.TRUE && t != Tok.FALSE) return fail(name, "must be true or false, got " + tokenText(s, t));
      out.ints[k] = t == Tok.TRUE ? 1 : 0;
      return true;
    }
    case FieldType.STRING: {
      if (t != Tok.STRING) return fail(name, "must be a string, got " + tokenText(s, t));
      let v = checkString(decodeString(s), f.check, name);
      if (v == null) return false;
      out.strs[k] = v;
      return true;
    }
    case FieldType.STRING_LIST: {
      if (t != Tok.ARR_OPEN) return fail(name, "must be an array of strings, got " + tokenText(s, t));
      let list = new Array<string>();
      t = s.next();
      if (t != Tok.ARR_CLOSE) {
        while (true) {
          let item = name + "[" + list.length.toString() + "]";
          if (t != Tok.STRING) return fail(item, "must be a string, got " + tokenText(s, t));
          if (list.length >= MAX_LIST_ITEMS) return fail(name, "must have at most " + MAX_LIST_ITEMS.toString() + " items");
          let v = checkString(decodeString(s), f.check, item);
          if (v == null) return false;
          list.push(v);
          t = s.next();
          if (t == Tok.ARR_CLOSE) break;
          if (t != Tok.COMMA) return fail(name, "expected ',' or ']' in the array, got " + tokenText(s, t));
          t = s.next();
        }
      }
      out.lists[k] = list;
      return true;
    }
    case FieldType.OBJECT: {
      if (t != Tok.OBJ_OPEN) return fail(name, "must be an object, got " + tokenText(s, t));
      let fields = f.fields!;
      let v = new Values(fields.length);
      if (!parseObject(s, fields, name, v) || !fillDefaults(fields, name, v)) return false;
      out.objects[k] = v;
      return true;
    }
  }
  return fail(name, "has a type this build cannot parse");
}

// The value after its check (lower-cased for LOWER_CASED), or null with the error set.
function checkString(v: string, check: Check, name: string): string | null {
  switch (check) {
    case Check.NON_EMPTY:
      if (v.length == 0) { fail(name, "must not be empty"); return null; }
      break;
    case Check.LOWER_CASED:
      if (v.length == 0) { fail(name, "must not be empty"); return null; }
      return v.toLowerCase();
    case Check.PATH_PREFIX:
      if (!v.startsWith("/")) { fail(name, "must start with '/', got \"" + v + "\""); return null; }
      break;
    case Check.HEADER_PREFIX:
      if (!isHeaderToken(v)) { fail(name, "must be a lower-case header name prefix like \"x-waf-\", got \"" + v + "\""); return null; }
      break;
  }
  return v;
}

// A JSON integer within [lo, hi], or i64.MIN_VALUE. Leading zeros ("020") are not JSON, and a
// reader that takes them as octal would disagree with one that does not: refused.
function parseInt(s: JsonScanner, t: Tok, lo: i32, hi: i32): i64 {
  if (t != Tok.NUMBER) return i64.MIN_VALUE;
  let p = s.ptr + s.tokOff;
  let n = s.tokLen;
  let i = 0;
  let neg = n > 0 && load<u8>(p) == 0x2D;
  if (neg) i++;
  if (i >= n) return i64.MIN_VALUE;
  if (load<u8>(p + i) == 0x30 && i + 1 < n) return i64.MIN_VALUE;
  let v: i64 = 0;
  for (; i < n; i++) {
    let c = <u32>load<u8>(p + i);
    if (c - 0x30 >= 10 || v > 0xFFFFFFFF) return i64.MIN_VALUE;
    v = v * 10 + <i64>(c - 0x30);
  }
  if (neg) v = -v;
  if (v < <i64>lo || v > <i64>hi) return i64.MIN_VALUE;
  return v;
}

function indexOf(fields: StaticArray<Field>, key: string): i32 {
  for (let i = 0; i < fields.length; i++) if (unchecked(fields[i]).name == key) return i;
  return -1;
}

function fieldNames(fields: StaticArray<Field>): string {
  let out = "";
  for (let i = 0; i < fields.length; i++) out += (i > 0 ? ", " : "") + unchecked(fields[i]).name;
  return out;
}

function utf8All(list: Array<string>): Array<ArrayBuffer> {
  let out = new Array<ArrayBuffer>(list.length);
  for (let i = 0; i < list.length; i++) out[i] = String.UTF8.encode(list[i]);
  return out;
}

function decodeString(s: JsonScanner): string {
  if (!s.hasEscapes) return String.UTF8.decodeUnsafe(s.ptr + s.tokOff, s.tokLen);
  let buf = new ArrayBuffer(s.tokLen);
  let n = unescapeJson(s.ptr + s.tokOff, s.tokLen, changetype<usize>(buf));
  return String.UTF8.decodeUnsafe(changetype<usize>(buf), n);
}

function tokenText(s: JsonScanner, t: Tok): string {
  switch (t) {
    case Tok.END: return "end of input";
    case Tok.ERROR: return "invalid JSON at byte " + s.pos.toString();
    case Tok.STRING: return "\"" + String.UTF8.decodeUnsafe(s.ptr + s.tokOff, min(s.tokLen, 40)) + "\"";
    case Tok.OBJ_OPEN: return "an object";
    case Tok.ARR_OPEN: return "an array";
    case Tok.OBJ_CLOSE: return "}";
    case Tok.ARR_CLOSE: return "]";
    case Tok.TRUE: return "true";
    case Tok.FALSE: return "false";
    case Tok.NULL: return "null";
  }
  return String.UTF8.decodeUnsafe(s.ptr + s.tokOff, min(s.tokLen, 40));
}

function isHeaderToken(v: string): bool {
  if (v.length == 0 || v.length > 64) return false;
  for (let i = 0; i < v.length; i++) {
    let c = <u32>v.charCodeAt(i);
    if (!(c - 0x61 < 26 || c - 0x30 < 10 || c == 0x2D || c == 0x5F)) return false;
  }
  return true;
}
