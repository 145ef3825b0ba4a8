// The plugin configuration's fields in one declarative table: name, type, default, bounds,
// allowed values and the check on each item. Read by config/config.ts (parsing) and
// core/describe.ts (core.wasm's self-description, which the Node side and docs read).
//
// A new field is one entry here, one line in Config.from (config.ts) and its README line
// (test/unit/config.test.ts checks the README names every field).
//
// Defaults: a field whose default is OPTIONAL ("null") may be left out and then counts as not set
// (a route's fields: taken from the top level); one whose default is REQUIRED ("") must be given.

import { CLASS_NAMES, HEAD_COUNT } from "../lib/classes";

export const enum FieldType { ENUM = 0, INT = 1, STRING = 2, STRING_LIST = 3, OBJECT = 4, BOOL = 5, OBJECT_LIST = 6 }

// Checks on string values (and on each item of a list), beyond the type.
export const enum Check {
  NONE = 0, NON_EMPTY = 1, PATH_PREFIX = 2, HEADER_PREFIX = 3, LOWER_CASED = 4,
  HOST_PATTERN = 5,   // a host name, or "*." and a domain; lower-cased, no port
  CIDR = 6,           // an IPv4 or IPv6 address with an optional /bits (lib/cidr.ts)
  MEDIA_TYPE = 7,     // "type/subtype", lower-cased, no parameters
  HEADER_NAME = 8,    // a header name token, lower-cased
  SECRET = 9,         // at least MIN_SECRET_BYTES, no control bytes (a value compared against a header)
}

export const OPTIONAL = "null";
export const REQUIRED = "";
export const MIN_SECRET_BYTES = 16;

export const MAX_LIST_ITEMS = 64;

export class Field {
  constructor(
    public name: string,
    public type: FieldType,
    public defaultJson: string,         // the default as JSON text
    public min: i32 = 0,                // INT bounds, inclusive
    public max: i32 = 0,
    public choices: StaticArray<string> | null = null, // ENUM values; the default is one of them
    public check: Check = Check.NONE,
    public fields: StaticArray<Field> | null = null,   // OBJECT: its own fields (nesting)
  ) {}
}

export const DEFAULT_THRESHOLD = 20;
// Part names whose logged text is redacted (matched as case-insensitive substrings): the names
// secrets go by in forms, JSON, cookies and headers. Erring towards hiding: "pin" also hides
// "shipping", which costs a log reader some context, never a secret.
export const DEFAULT_REDACT_NAMES = "[\"password\",\"passwd\",\"pwd\",\"secret\",\"token\",\"key\",\"auth\",\"session\",\"credential\",\"otp\",\"pin\"]";
export const MAX_MAX_BODY_BYTES = 1048576;

// Field indexes into FIELDS, for Config.from.
export const enum F {
  MODE = 0, THRESHOLD = 1, MAX_BODY_BYTES = 2, INSPECT_HEADERS = 3, EXCLUDE_PATHS = 4,
  EXCLUDE_PARAMS = 5, HEADER_PREFIX = 6, ON_UNINSPECTABLE = 7, IGNORE_HEADERS = 8, MAX_PARTS = 9,
  MAX_WINDOWS = 10, ON_UNDECODABLE = 11, BLOCK_RESPONSE_DETAILS = 12, LOG_TEXT = 13, REDACT_NAMES = 14,
  MAX_FLAGGED_LOGS_PER_SECOND = 15, HOLD_HEADERS = 16, SCORE_HEADERS = 17,
  FILTER_STATE = 18, CLASS_THRESHOLDS = 19, STREAM = 20, TRUSTED_SOURCES = 21, ROUTES = 22,
}

// Inside a class_thresholds entry, trusted_sources and trusted_sources.header.
export const enum CF { THRESHOLD = 0, ACTION = 1 }
export const enum TF { CIDRS = 0, PRINCIPALS = 1, HEADER = 2 }
export const enum HF { NAME = 0, VALUE = 1 }
// A route's own fields; the rest of ROUTE_FIELDS are top-level fields it overrides (same names).
export const enum RF { HOST = 0, PATH_PREFIX = 1 }

// Routes at most: each is a whole Config, resolved per request by a linear walk.
export const MAX_ROUTES = 64;
export const MODE_CHOICES: StaticArray<string> = ["block", "tag", "log"];
// Streamed by default: gRPC (client and bidi streams never end while the client waits for
// replies) and server-sent events.
export const DEFAULT_STREAM = "[\"application/grpc\",\"text/event-stream\"]";

// class_thresholds has one key per model class (lib/classes.ts, heads 1..).
export const CLASS_HEADS = HEAD_COUNT;

// class_thresholds: one optional entry per model class (heads 1..), each {threshold, action}.
const CLASS_ENTRY: StaticArray<Field> = [
  new Field("threshold", FieldType.INT, OPTIONAL, 1, 99),
  new Field("action", FieldType.ENUM, OPTIONAL, 0, 0, MODE_CHOICES),
];
function classFields(): StaticArray<Field> {
  let out = new StaticArray<Field>(HEAD_COUNT - 1);
  for (let k = 1; k < HEAD_COUNT; k++) out[k - 1] = new Field(CLASS_NAMES[k], FieldType.OBJECT, OPTIONAL, 0, 0, null, Check.NONE, CLASS_ENTRY);
  return out;
}
const CLASS_FIELDS = classFields();

const TRUSTED_HEADER: StaticArray<Field> = [
  new Field("name", FieldType.STRING, REQUIRED, 0, 0, null, Check.HEADER_NAME),
  new Field("value", FieldType.STRING, REQUIRED, 0, 0, null, Check.SECRET),
];
const TRUSTED_FIELDS: StaticArray<Field> = [
  new Field("cidrs", FieldType.STRING_LIST, "[]", 0, 0, null, Check.CIDR),
  new Field("principals", FieldType.STRING_LIST, "[]", 0, 0, null, Check.NON_EMPTY),
  new Field("header", FieldType.OBJECT, OPTIONAL, 0, 0, null, Check.NONE, TRUSTED_HEADER),
];

// What a route may set; a field it leaves out is the top level's (by the same name).
export const ROUTE_FIELDS: StaticArray<Field> = [
  new Field("host", FieldType.STRING, OPTIONAL, 0, 0, null, Check.HOST_PATTERN),
  new Field("path_prefix", FieldType.STRING, OPTIONAL, 0, 0, null, Check.PATH_PREFIX),
  new Field("mode", FieldType.ENUM, OPTIONAL, 0, 0, MODE_CHOICES),
  new Field("threshold", FieldType.INT, OPTIONAL, 1, 99),
  new Field("max_body_bytes", FieldType.INT, OPTIONAL, 0, MAX_MAX_BODY_BYTES),
  new Field("exclude_paths", FieldType.STRING_LIST, OPTIONAL, 0, 0, null, Check.PATH_PREFIX),
  new Field("exclude_params", FieldType.STRING_LIST, OPTIONAL, 0, 0, null, Check.NON_EMPTY),
  new Field("class_thresholds", FieldType.OBJECT, OPTIONAL, 0, 0, null, Check.NONE, CLASS_FIELDS),
  new Field("stream", FieldType.STRING_LIST, OPTIONAL, 0, 0, null, Check.MEDIA_TYPE),
];

// The split stage's table holds this many parts (request/parts.ts); max_parts may only lower it.
export const MAX_MAX_PARTS = 16384;

export const FIELDS: StaticArray<Field> = [
  new Field("mode", FieldType.ENUM, "\"block\"", 0, 0, MODE_CHOICES),
  new Field("threshold", FieldType.INT, DEFAULT_THRESHOLD.toString(), 1, 99),
  new Field("max_body_bytes", FieldType.INT, "131072", 0, MAX_MAX_BODY_BYTES),
  new Field("inspect_headers", FieldType.STRING_LIST, "[]", 0, 0, null, Check.LOWER_CASED),
  new Field("exclude_paths", FieldType.STRING_LIST, "[]", 0, 0, null, Check.PATH_PREFIX),
  new Field("exclude_params", FieldType.STRING_LIST, "[]", 0, 0, null, Check.NON_EMPTY),
  new Field("header_prefix", FieldType.STRING, "\"x-waf-\"", 0, 0, null, Check.HEADER_PREFIX),
  new Field("on_uninspectable", FieldType.ENUM, "\"allow\"", 0, 0, ["allow", "block"]),
  new Field("ignore_headers", FieldType.STRING_LIST, "[]", 0, 0, null, Check.LOWER_CASED),
  new Field("max_parts", FieldType.INT, "8192", 1, MAX_MAX_PARTS),
  new Field("max_windows", FieldType.INT, "8192", 1, 65536),
  new Field("on_undecodable", FieldType.ENUM, "\"block\"", 0, 0, ["block", "allow"]),
  new Field("block_response_details", FieldType.BOOL, "false"),
  new Field("log_text", FieldType.BOOL, "true"),
  new Field("redact_names", FieldType.STRING_LIST, DEFAULT_REDACT_NAMES, 0, 0, null, Check.LOWER_CASED),
  new Field("max_flagged_logs_per_second", FieldType.INT, "100", 0, 1000000),
  // false: for hosts that cannot set allow_on_headers_stop_iteration (Istio's WasmPlugin, Envoy
  // Gateway): headers go upstream at once, only the body is held until it is scored.
  new Field("hold_headers", FieldType.BOOL, "true"),
  new Field("score_headers", FieldType.ENUM, "\"all\"", 0, 0, ["all", "flagged", "none"]),
  new Field("filter_state", FieldType.BOOL, "true"),
  new Field("class_thresholds", FieldType.OBJECT, "{}", 0, 0, null, Check.NONE, CLASS_FIELDS),
  new Field("stream", FieldType.STRING_LIST, DEFAULT_STREAM, 0, 0, null, Check.MEDIA_TYPE),
  new Field("trusted_sources", FieldType.OBJECT, "{}", 0, 0, null, Check.NONE, TRUSTED_FIELDS),
  new Field("routes", FieldType.OBJECT_LIST, "[]", 0, MAX_ROUTES, null, Check.NONE, ROUTE_FIELDS),
];
