// Turns the plugin configuration (JSON bytes) into an immutable Config, or an error naming the field.
// Called by glue/root.ts in onConfigure and by core/index.ts (checkConfig) for `wafscore config check`.

import { JsonScanner, Tok } from "../request/json";

export const enum Mode { BLOCK = 0, TAG = 1, LOG = 2 }
export const enum Uninspectable { ALLOW = 0, BLOCK = 1 }

// Defaults and bounds, in one place. README's configuration reference mirrors this table.
export const DEFAULT_THRESHOLD = 20;
export const MIN_THRESHOLD = 1;
export const MAX_THRESHOLD = 99;
export const DEFAULT_MAX_BODY_BYTES = 131072;
export const MAX_MAX_BODY_BYTES = 1048576;
export const DEFAULT_HEADER_PREFIX = "x-waf-";
const MAX_LIST_ITEMS = 64;

export class Config {
  mode: Mode = Mode.BLOCK;
  threshold: i32 = DEFAULT_THRESHOLD;
  maxBodyBytes: i32 = DEFAULT_MAX_BODY_BYTES;
  inspectHeaders: Array<string> = [];   // lower-cased header names
  excludePaths: Array<string> = [];     // path prefixes, compared byte for byte
  excludeParams: Array<string> = [];    // parameter, JSON key, cookie and field names
  headerPrefix: string = DEFAULT_HEADER_PREFIX;
  onUninspectable: Uninspectable = Uninspectable.ALLOW;
  // UTF-8 copies of the lists, for comparison against request bytes without decoding them.
  inspectHeaderBytes: Array<ArrayBuffer> = [];
  excludePathBytes: Array<ArrayBuffer> = [];
  excludeParamBytes: Array<ArrayBuffer> = [];
}

export class ConfigResult {
  constructor(public config: Config | null, public field: string, public reason: string) {}
  get ok(): bool { return this.config != null; }
  // "config.threshold: must be an integer within [1,99], got 150"
  message(): string { return "config." + this.field + ": " + this.reason; }
}

const KEYS: StaticArray<string> = [
  "mode", "threshold", "max_body_bytes", "inspect_headers", "exclude_paths",
  "exclude_params", "header_prefix", "on_uninspectable",
];

export function parseConfig(ptr: usize, len: i32): ConfigResult {
  let cfg = new Config();
  let s = new JsonScanner(ptr, len);
  let t = s.next();
  if (t == Tok.END) return done(cfg); // an empty configuration means every default
  if (t != Tok.OBJ_OPEN) return fail("(root)", "must be a JSON object, got " + tokenText(s, t));
  t = s.next();
  if (t == Tok.OBJ_CLOSE) return finish(s, cfg);
  while (true) {
    if (t != Tok.STRING) return fail("(root)", "expected a key in quotes, got " + tokenText(s, t));
    let key = String.UTF8.decodeUnsafe(s.ptr + s.tokOff, s.tokLen);
    if (s.next() != Tok.COLON) return fail(key, "expected ':' after the key");
    let err = parseField(s, cfg, key);
    if (err != null) return err;
    t = s.next();
    if (t == Tok.OBJ_CLOSE) return finish(s, cfg);
    if (t != Tok.COMMA) return fail(key, "expected ',' or '}' after the value, got " + tokenText(s, t));
    t = s.next();
  }
}

function parseField(s: JsonScanner, cfg: Config, key: string): ConfigResult | null {
  let t = s.next();
  if (key == "mode") {
    let v = expectString(s, t, key);
    if (v == null) return lastError;
    if (v == "block") cfg.mode = Mode.BLOCK;
    else if (v == "tag") cfg.mode = Mode.TAG;
    else if (v == "log") cfg.mode = Mode.LOG;
    else return fail(key, "must be one of block, tag, log, got \"" + v + "\"");
  } else if (key == "threshold") {
    let v = expectInt(s, t, key, MIN_THRESHOLD, MAX_THRESHOLD);
    if (v < 0) return lastError;
    cfg.threshold = v;
  } else if (key == "max_body_bytes") {
    let v = expectInt(s, t, key, 0, MAX_MAX_BODY_BYTES);
    if (v < 0) return lastError;
    cfg.maxBodyBytes = v;
  } else if (key == "inspect_headers") {
    let v = expectStringList(s, t, key);
    if (v == null) return lastError;
    for (let i = 0; i < v.length; i++) {
      let name = v[i].toLowerCase();
      if (name.length == 0) return fail(key + "[" + i.toString() + "]", "must not be empty");
      cfg.inspectHeaders.push(name);
      cfg.inspectHeaderBytes.push(String.UTF8.encode(name));
    }
  } else if (key == "exclude_paths") {
    let v = expectStringList(s, t, key);
    if (v == null) return lastError;
    for (let i = 0; i < v.length; i++) {
      if (!v[i].startsWith("/")) return fail(key + "[" + i.toString() + "]", "must start with '/', got \"" + v[i] + "\"");
      cfg.excludePaths.push(v[i]);
      cfg.excludePathBytes.push(String.UTF8.encode(v[i]));
    }
  } else if (key == "exclude_params") {
    let v = expectStringList(s, t, key);
    if (v == null) return lastError;
    for (let i = 0; i < v.length; i++) {
      if (v[i].length == 0) return fail(key + "[" + i.toString() + "]", "must not be empty");
      cfg.excludeParams.push(v[i]);
      cfg.excludeParamBytes.push(String.UTF8.encode(v[i]));
    }
  } else if (key == "header_prefix") {
    let v = expectString(s, t, key);
    if (v == null) return lastError;
    if (!isHeaderToken(v)) return fail(key, "must be a lower-case header name prefix like \"x-waf-\", got \"" + v + "\"");
    cfg.headerPrefix = v;
  } else if (key == "on_uninspectable") {
    let v = expectString(s, t, key);
    if (v == null) return lastError;
    if (v == "allow") cfg.onUninspectable = Uninspectable.ALLOW;
    else if (v == "block") cfg.onUninspectable = Uninspectable.BLOCK;
    else return fail(key, "must be one of allow, block, got \"" + v + "\"");
  } else {
    return fail(key, "unknown field; known fields are " + KEYS.join(", "));
  }
  return null;
}

// The last error built by an expect* helper; they return a sentinel so that the common
// path allocates no result object. Config parsing is not on the request path.
let lastError: ConfigResult = new ConfigResult(null, "", "");

function expectString(s: JsonScanner, t: Tok, key: string): string | null {
  if (t != Tok.STRING) { lastError = fail(key, "must be a string, got " + tokenText(s, t)); return null; }
  return decodeString(s);
}

function expectInt(s: JsonScanner, t: Tok, key: string, lo: i32, hi: i32): i32 {
  let range = "must be an integer within [" + lo.toString() + "," + hi.toString() + "], got ";
  if (t != Tok.NUMBER) { lastError = fail(key, range + tokenText(s, t)); return -1; }
  let v: i64 = 0;
  let neg = false;
  for (let i = 0; i < s.tokLen; i++) {
    let c = <u32>load<u8>(s.ptr + s.tokOff + i);
    if (i == 0 && c == 0x2D) { neg = true; continue; }
    if (c - 0x30 >= 10 || v > 0xFFFFFFFF) { lastError = fail(key, range + tokenText(s, t)); return -1; }
    v = v * 10 + <i64>(c - 0x30);
  }
  if (neg) v = -v;
  if (v < <i64>lo || v > <i64>hi) { lastError = fail(key, range + tokenText(s, t)); return -1; }
  return <i32>v;
}

function expectStringList(s: JsonScanner, t: Tok, key: string): Array<string> | null {
  if (t != Tok.ARR_OPEN) { lastError = fail(key, "must be an array of strings, got " + tokenText(s, t)); return null; }
  let out = new Array<string>();
  t = s.next();
  if (t == Tok.ARR_CLOSE) return out;
  while (true) {
    let field = key + "[" + out.length.toString() + "]";
    if (t != Tok.STRING) { lastError = fail(field, "must be a string, got " + tokenText(s, t)); return null; }
    if (out.length >= MAX_LIST_ITEMS) { lastError = fail(key, "must have at most " + MAX_LIST_ITEMS.toString() + " items"); return null; }
    out.push(decodeString(s));
    t = s.next();
    if (t == Tok.ARR_CLOSE) return out;
    if (t != Tok.COMMA) { lastError = fail(key, "expected ',' or ']' in the array, got " + tokenText(s, t)); return null; }
    t = s.next();
  }
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

function finish(s: JsonScanner, cfg: Config): ConfigResult {
  let t = s.next();
  if (t != Tok.END) return fail("(root)", "unexpected " + tokenText(s, t) + " after the object");
  return done(cfg);
}

function done(cfg: Config): ConfigResult { return new ConfigResult(cfg, "", ""); }
function fail(field: string, reason: string): ConfigResult { return new ConfigResult(null, field, reason); }

import { unescapeJson } from "../request/json";
