// The plugin configuration's fields in one declarative table: name, type, default, bounds,
// allowed values and the check on each item. Read by config/config.ts (parsing) and
// core/describe.ts (core.wasm's self-description, which the Node side and docs read).
//
// A new field is one entry here, one line in Config.from (config.ts) and its README line
// (test/unit/config.test.ts checks the README names every field).

export const enum FieldType { ENUM = 0, INT = 1, STRING = 2, STRING_LIST = 3, OBJECT = 4, BOOL = 5 }

// Checks on string values (and on each item of a list), beyond the type.
export const enum Check { NONE = 0, NON_EMPTY = 1, PATH_PREFIX = 2, HEADER_PREFIX = 3, LOWER_CASED = 4 }

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
  FILTER_STATE = 18,
}

// The split stage's table holds this many parts (request/parts.ts); max_parts may only lower it.
export const MAX_MAX_PARTS = 16384;

export const FIELDS: StaticArray<Field> = [
  new Field("mode", FieldType.ENUM, "\"block\"", 0, 0, ["block", "tag", "log"]),
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
];
