// Turns the plugin configuration (JSON bytes) into an immutable Config, or an error naming the
// field, driven by the field table in config/schema.ts. Called by glue/root.ts in onConfigure and
// by core/index.ts (configure) for `wafscore config check` and the tests.
//
// Strict JSON: unknown fields, duplicate keys and numbers with leading zeros are refused.
//
// Routes: each is parsed like the top level (ROUTE_FIELDS), then merged over the top level's
// values field by field (objects such as class_thresholds member by member) and turned into a
// whole Config of its own, so a request only picks one (request/route.ts) and reads it.

import { JsonScanner, Tok, unescapeJson } from "../lib/json";
import { Cidr, CidrError, parseCidr } from "../lib/cidr";
import {
  Field, FieldType, Check, FIELDS, F, CF, TF, HF, RF, ROUTE_FIELDS, MAX_LIST_ITEMS, OPTIONAL, REQUIRED, MIN_SECRET_BYTES, CLASS_HEADS,
} from "./schema";

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
  // class_thresholds, by head (1..HEAD_COUNT-1): a class's own threshold (0: none, the class acts
  // only through the overall score) and the Mode a request it flags gets (the top-level mode
  // unless the entry sets an action). classRules: any entry at all (decide needs class scores).
  classThresholds: StaticArray<i32> = new StaticArray<i32>(CLASS_HEADS);
  classModes: StaticArray<i32> = new StaticArray<i32>(CLASS_HEADS);
  classRules: bool = false;
  // The highest score any threshold here flags (threshold or a class's): what core/inspect.ts
  // asks before it leaves out windows that can score no lower than the gate's score.
  highestThreshold: i32 = 0;
  streamTypes: Array<string> = [];      // lower-cased media types whose bodies stream (glue/stream.ts)
  streamTypeBytes: Array<ArrayBuffer> = [];
  // trusted_sources (top level only): requests from these are not scored (glue/trust.ts).
  trustedCidrs: Array<Cidr> = [];
  trustedPrincipalBytes: Array<ArrayBuffer> = [];
  trustedHeaderName: ArrayBuffer | null = null;   // lower-cased
  trustedHeaderValue: ArrayBuffer | null = null;
  // routes, in configuration order (the first match wins); empty in a route's own Config.
  routes: Array<Route> = [];
  // Some route has a path_prefix, or some configuration exclude_paths: normalize each request's path.
  needsPath: bool = false;

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
    let classes = v.objects[F.CLASS_THRESHOLDS];
    for (let k = 1; k < CLASS_HEADS; k++) {
      c.classModes[k] = <i32>c.mode;
      if (classes == null) continue;
      let e = classes.objects[k - 1];
      if (e == null) continue;
      c.classRules = true;
      if (e.present[CF.THRESHOLD]) c.classThresholds[k] = e.ints[CF.THRESHOLD];
      if (e.present[CF.ACTION]) c.classModes[k] = e.ints[CF.ACTION];
    }
    c.highestThreshold = c.threshold;
    for (let k = 1; k < CLASS_HEADS; k++) c.highestThreshold = max(c.highestThreshold, c.classThresholds[k]);
    c.streamTypes = v.lists[F.STREAM];
    c.streamTypeBytes = utf8All(c.streamTypes);
    let trusted = v.objects[F.TRUSTED_SOURCES];
    if (trusted != null) {
      let cidrs = trusted.lists[TF.CIDRS];
      for (let i = 0; i < cidrs.length; i++) {
        let r = new Cidr();
        let b = String.UTF8.encode(cidrs[i]);
        parseCidr(changetype<usize>(b), b.byteLength, r); // checked by checkString
        c.trustedCidrs.push(r);
      }
      c.trustedPrincipalBytes = utf8All(trusted.lists[TF.PRINCIPALS]);
      let h = trusted.objects[TF.HEADER];
      if (h != null) {
        c.trustedHeaderName = String.UTF8.encode(h.strs[HF.NAME]);
        c.trustedHeaderValue = String.UTF8.encode(h.strs[HF.VALUE]);
      }
    }
    return c;
  }

  get hasTrustedSources(): bool {
    return this.trustedCidrs.length > 0 || this.trustedPrincipalBytes.length > 0 || this.trustedHeaderName != null;
  }
}

// One entry of `routes`: what it matches and the whole configuration its requests get.
export class Route {
  host: ArrayBuffer | null = null;       // lower-cased; for "*.example.com" the suffix ".example.com"
  hostSuffix: bool = false;
  pathPrefix: ArrayBuffer | null = null; // matched on the normalized path, as exclude_paths
  constructor(public config: Config) {}
}

// The parsed values of one object, by field index: INT, BOOL (0 or 1) and ENUM (the choice's index) in ints,
// STRING in strs, STRING_LIST in lists, OBJECT in objects (null when an OPTIONAL one is absent),
// OBJECT_LIST in objectLists. present: the field was in the JSON (not a default).
export class Values {
  present: StaticArray<bool>;
  ints: StaticArray<i32>;
  strs: StaticArray<string>;
  lists: StaticArray<Array<string>>;
  objects: StaticArray<Values | null>;
  objectLists: StaticArray<Array<Values>>;
  constructor(n: i32) {
    this.present = new StaticArray<bool>(n);
    this.ints = new StaticArray<i32>(n);
    this.strs = new StaticArray<string>(n);
    this.lists = new StaticArray<Array<string>>(n);
    this.objects = new StaticArray<Values | null>(n);
    this.objectLists = new StaticArray<Array<Values>>(n);
    for (let i = 0; i < n; i++) { this.strs[i] = ""; this.lists[i] = []; this.objectLists[i] = []; }
  }

  // Field k of `from` (another object's field j) as this object's field k.
  take(k: i32, from: Values, j: i32): void {
    this.present[k] = from.present[j];
    this.ints[k] = from.ints[j];
    this.strs[k] = from.strs[j];
    this.lists[k] = from.lists[j];
    this.objects[k] = from.objects[j];
    this.objectLists[k] = from.objectLists[j];
  }
}

// `base` (of baseFields) with every field `over` (of overFields) sets replacing the one of the
// same name; objects present in both are merged member by member. A field only overFields has
// (a route's host) is left out. Shares lists and strings with its inputs (nothing mutates them).
function mergeValues(base: Values, baseFields: StaticArray<Field>, over: Values, overFields: StaticArray<Field>): Values {
  let n = baseFields.length;
  let out = new Values(n);
  for (let j = 0; j < n; j++) out.take(j, base, j);
  for (let k = 0; k < overFields.length; k++) {
    if (!over.present[k]) continue;
    let f = unchecked(overFields[k]);
    let j = indexOf(baseFields, f.name);
    if (j < 0) continue;
    let a = base.objects[j], b = over.objects[k];
    if (f.type == FieldType.OBJECT && a != null && b != null) {
      out.objects[j] = mergeValues(a, unchecked(baseFields[j]).fields!, b, f.fields!);
      out.present[j] = true;
    } else {
      out.take(j, over, k);
    }
  }
  return out;
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
  let c = Config.from(values);
  if (!checkTrusted(c, values) || !buildRoutes(c, values)) return new ConfigResult(null, failField, failReason);
  return new ConfigResult(c, "", "");
}

// Checks across fields, which the table cannot say.
function checkTrusted(c: Config, values: Values): bool {
  let h = values.objects[F.TRUSTED_SOURCES]!.objects[TF.HEADER];
  if (h != null && h.strs[HF.NAME].startsWith(c.headerPrefix)) {
    return fail("trusted_sources.header.name", "must not start with header_prefix \"" + c.headerPrefix + "\": headers under it are removed before the check");
  }
  return true;
}

function buildRoutes(c: Config, top: Values): bool {
  let list = top.objectLists[F.ROUTES];
  for (let i = 0; i < list.length; i++) {
    let r = unchecked(list[i]);
    if (!r.present[RF.HOST] && !r.present[RF.PATH_PREFIX]) {
      return fail("routes[" + i.toString() + "]", "must set host or path_prefix (a route without either matches every request: set the top-level fields instead)");
    }
    let route = new Route(Config.from(mergeValues(top, FIELDS, r, ROUTE_FIELDS)));
    if (r.present[RF.HOST]) {
      let h = r.strs[RF.HOST];
      route.hostSuffix = h.startsWith("*.");
      route.host = String.UTF8.encode(route.hostSuffix ? h.slice(1) : h);
    }
    if (r.present[RF.PATH_PREFIX]) route.pathPrefix = String.UTF8.encode(r.strs[RF.PATH_PREFIX]);
    c.routes.push(route);
    if (route.pathPrefix != null || route.config.excludePathBytes.length > 0) c.needsPath = true;
  }
  if (c.excludePathBytes.length > 0) c.needsPath = true;
  return true;
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

// Fields absent from the configuration take their default, parsed from the schema's JSON text;
// an OPTIONAL one stays unset, a REQUIRED one is an error.
function fillDefaults(fields: StaticArray<Field>, path: string, out: Values): bool {
  for (let k = 0; k < fields.length; k++) {
    if (out.present[k]) continue;
    let f = unchecked(fields[k]);
    if (f.defaultJson == OPTIONAL) continue;
    if (f.defaultJson == REQUIRED) return fail(path.length > 0 ? path + "." + f.name : f.name, "is required");
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
    case FieldType.OBJECT_LIST: {
      if (t != Tok.ARR_OPEN) return fail(name, "must be an array of objects, got " + tokenText(s, t));
      let fields = f.fields!;
      let list = new Array<Values>();
      t = s.next();
      if (t != Tok.ARR_CLOSE) {
        while (true) {
          let item = name + "[" + list.length.toString() + "]";
          if (t != Tok.OBJ_OPEN) return fail(item, "must be an object, got " + tokenText(s, t));
          if (list.length >= f.max) return fail(name, "must have at most " + f.max.toString() + " items");
          let v = new Values(fields.length);
          if (!parseObject(s, fields, item, v) || !fillDefaults(fields, item, v)) return false;
          list.push(v);
          t = s.next();
          if (t == Tok.ARR_CLOSE) break;
          if (t != Tok.COMMA) return fail(name, "expected ',' or ']' in the array, got " + tokenText(s, t));
          t = s.next();
        }
      }
      out.objectLists[k] = list;
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
    case Check.HEADER_NAME: {
      let l = v.toLowerCase();
      if (!isHeaderToken(l)) { fail(name, "must be a header name like \"x-trusted-hop\", got \"" + v + "\""); return null; }
      return l;
    }
    case Check.HOST_PATTERN: {
      let l = v.toLowerCase();
      if (!isHostPattern(l)) { fail(name, "must be a host name like \"api.example.com\" or \"*.example.com\", without a port, got \"" + v + "\""); return null; }
      return l;
    }
    case Check.MEDIA_TYPE: {
      let l = v.toLowerCase();
      if (!isMediaType(l)) { fail(name, "must be a media type like \"application/grpc\" (no parameters), got \"" + v + "\""); return null; }
      return l;
    }
    case Check.CIDR: {
      let b = String.UTF8.encode(v);
      let e = parseCidr(changetype<usize>(b), b.byteLength, scratchCidr);
      if (e == CidrError.NOT_AN_ADDRESS) { fail(name, "must be an IPv4 or IPv6 address or range like \"10.0.0.0/8\" or \"2001:db8::/32\", got \"" + v + "\""); return null; }
      if (e == CidrError.BAD_PREFIX) { fail(name, "has a prefix length out of range (0-32 for IPv4, 0-128 for IPv6), got \"" + v + "\""); return null; }
      if (e == CidrError.HOST_BITS) { fail(name, "has bits set past its prefix length (write the range's first address), got \"" + v + "\""); return null; }
      break;
    }
    case Check.SECRET: {
      let b = String.UTF8.encode(v);
      if (b.byteLength < MIN_SECRET_BYTES || !isHeaderValue(changetype<usize>(b), b.byteLength)) {
        fail(name, "must be at least " + MIN_SECRET_BYTES.toString() + " bytes of visible characters (a secret only the trusted hop knows)");
        return null;
      }
      break;
    }
  }
  return v;
}

const scratchCidr = new Cidr();

// "example.com", "*.example.com", "localhost", "[::1]": labels of [a-z0-9_-] joined by dots (an
// IPv6 literal in brackets); a leading "*." only.
function isHostPattern(v: string): bool {
  let i = v.startsWith("*.") ? 2 : 0;
  if (v.length <= i || v.length > 253) return false;
  if (i == 0 && v.startsWith("[")) {
    if (!v.endsWith("]")) return false;
    let b = String.UTF8.encode(v.slice(1, v.length - 1));
    let ip = new Cidr();
    return parseCidr(changetype<usize>(b), b.byteLength, ip) == CidrError.NONE && ip.bits == 128;
  }
  let prevDot = true;
  for (; i < v.length; i++) {
    let c = <u32>v.charCodeAt(i);
    let dot = c == 0x2E;
    if (dot && prevDot) return false;
    if (!dot && !(c - 0x61 < 26 || c - 0x30 < 10 || c == 0x2D || c == 0x5F)) return false;
    prevDot = dot;
  }
  return !prevDot;
}

// type "/" subtype, each an RFC 7230 token (lower-cased by the caller).
function isMediaType(v: string): bool {
  let slash = v.indexOf("/");
  if (slash <= 0 || slash == v.length - 1 || v.indexOf("/", slash + 1) >= 0) return false;
  for (let i = 0; i < v.length; i++) {
    if (i == slash) continue;
    let c = <u32>v.charCodeAt(i);
    if (!(c - 0x61 < 26 || c - 0x30 < 10 || c == 0x2D || c == 0x2E || c == 0x2B || c == 0x5F || c == 0x21 ||
      c == 0x23 || c == 0x24 || c == 0x26 || c == 0x5E || c == 0x60 || c == 0x7C || c == 0x7E || c == 0x27 || c == 0x2A)) return false;
  }
  return true;
}

// Visible ASCII and spaces, not at either end (a header value a hop can set as is).
function isHeaderValue(p: usize, n: i32): bool {
  for (let i = 0; i < n; i++) {
    let c = <u32>load<u8>(p + i);
    if (c < 0x20 || c > 0x7E) return false;
  }
  return load<u8>(p) != 0x20 && load<u8>(p + n - 1) != 0x20;
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
