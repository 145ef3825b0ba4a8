// The plugin configuration parser (filter/config/config.ts) through core.wasm's configure(),
// which parses exactly as onConfigure does: a table of {name, json, error or null}.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { type Core, loadCore, REPO_ROOT } from "../support/core";

let core: Core;
beforeAll(async () => {
  core = await loadCore();
});
afterAll(() => {
  core.configure("");
});

const KNOWN = "mode, threshold, max_body_bytes, inspect_headers, exclude_paths, exclude_params, header_prefix, on_uninspectable, ignore_headers, max_parts, max_windows, on_undecodable, " +
  "block_response_details, log_text, redact_names, max_flagged_logs_per_second, hold_headers, score_headers, filter_state";
const range = (lo: number, hi: number, got: string) => `must be an integer within [${lo},${hi}], got ${got}`;
const j = (o: unknown) => JSON.stringify(o);

const cases: { name: string; json: string; error: string | null }[] = [
  // The whole document.
  { name: "empty string: every default", json: "", error: null },
  { name: "whitespace only", json: "  \n", error: null },
  { name: "empty object", json: "{}", error: null },
  { name: "every field at once", json: j({ mode: "tag", threshold: 30, max_body_bytes: 4096, inspect_headers: ["x-api-key"], exclude_paths: ["/health"], exclude_params: ["password"], header_prefix: "x-score-", on_uninspectable: "block", block_response_details: true, log_text: false, redact_names: ["ssn"], max_flagged_logs_per_second: 5 }), error: null },
  { name: "not JSON", json: "not json", error: "config.(root): must be a JSON object, got invalid JSON at byte 0" },
  { name: "an array", json: "[]", error: "config.(root): must be a JSON object, got an array" },
  { name: "a string", json: '"x"', error: 'config.(root): must be a JSON object, got "x"' },
  { name: "a number", json: "42", error: "config.(root): must be a JSON object, got 42" },
  { name: "null", json: "null", error: "config.(root): must be a JSON object, got null" },
  { name: "trailing junk", json: "{} x", error: "config.(root): unexpected invalid JSON at byte 3 after the object" },
  { name: "a second object", json: '{"mode":"tag"} {}', error: "config.(root): unexpected an object after the object" },
  { name: "trailing comma", json: '{"mode":"tag",}', error: "config.(root): expected a key in quotes, got }" },
  { name: "unquoted key", json: '{mode:"tag"}', error: "config.(root): expected a key in quotes, got invalid JSON at byte 1" },
  { name: "missing colon", json: '{"mode" "tag"}', error: "config.mode: expected ':' after the key" },
  { name: "unterminated object", json: '{"mode":"tag"', error: "config.mode: expected ',' or '}' after the value, got end of input" },
  { name: "unknown key named", json: '{"bogus":1}', error: `config.bogus: unknown field; known fields are ${KNOWN}` },
  { name: "unknown key after a valid one", json: '{"mode":"tag","thresold":20}', error: `config.thresold: unknown field; known fields are ${KNOWN}` },

  // mode
  ...["block", "tag", "log"].map((m) => ({ name: `mode ${m}`, json: j({ mode: m }), error: null })),
  { name: "mode escaped in JSON", json: '{"mode":"t\\u0061g"}', error: null },
  { name: "mode unknown", json: j({ mode: "deny" }), error: 'config.mode: must be one of block, tag, log, got "deny"' },
  { name: "mode is case-sensitive", json: j({ mode: "TAG" }), error: 'config.mode: must be one of block, tag, log, got "TAG"' },
  { name: "mode not a string", json: j({ mode: 1 }), error: "config.mode: must be a string, got 1" },

  // threshold
  { name: "threshold 1", json: j({ threshold: 1 }), error: null },
  { name: "threshold 99", json: j({ threshold: 99 }), error: null },
  { name: "threshold 0", json: j({ threshold: 0 }), error: `config.threshold: ${range(1, 99, "0")}` },
  { name: "threshold 100", json: j({ threshold: 100 }), error: `config.threshold: ${range(1, 99, "100")}` },
  { name: "threshold 500", json: j({ threshold: 500 }), error: `config.threshold: ${range(1, 99, "500")}` },
  { name: "threshold -1", json: j({ threshold: -1 }), error: `config.threshold: ${range(1, 99, "-1")}` },
  { name: 'threshold "20"', json: j({ threshold: "20" }), error: `config.threshold: ${range(1, 99, '"20"')}` },
  { name: "threshold 20.5", json: "{\"threshold\":20.5}", error: `config.threshold: ${range(1, 99, "20.5")}` },
  { name: "threshold 2e1", json: '{"threshold":2e1}', error: `config.threshold: ${range(1, 99, "2e1")}` },
  { name: "threshold null", json: j({ threshold: null }), error: `config.threshold: ${range(1, 99, "null")}` },
  { name: "threshold huge", json: '{"threshold":99999999999999}', error: `config.threshold: ${range(1, 99, "99999999999999")}` },

  // max_body_bytes
  { name: "max_body_bytes 0 (headers only)", json: j({ max_body_bytes: 0 }), error: null },
  { name: "max_body_bytes 1 MiB", json: j({ max_body_bytes: 1048576 }), error: null },
  { name: "max_body_bytes over 1 MiB", json: j({ max_body_bytes: 1048577 }), error: `config.max_body_bytes: ${range(0, 1048576, "1048577")}` },
  { name: "max_body_bytes negative", json: j({ max_body_bytes: -5 }), error: `config.max_body_bytes: ${range(0, 1048576, "-5")}` },
  { name: "max_body_bytes a string", json: j({ max_body_bytes: "4k" }), error: `config.max_body_bytes: ${range(0, 1048576, '"4k"')}` },

  // inspect_headers
  { name: "inspect_headers", json: j({ inspect_headers: ["X-Api-Key", "x-forwarded-for"] }), error: null },
  { name: "inspect_headers empty list", json: j({ inspect_headers: [] }), error: null },
  { name: "inspect_headers not a list", json: j({ inspect_headers: "x-api-key" }), error: 'config.inspect_headers: must be an array of strings, got "x-api-key"' },
  { name: "inspect_headers item not a string", json: j({ inspect_headers: ["a", 1] }), error: "config.inspect_headers[1]: must be a string, got 1" },
  { name: "inspect_headers empty name", json: j({ inspect_headers: [""] }), error: "config.inspect_headers[0]: must not be empty" },
  { name: "inspect_headers 64 items", json: j({ inspect_headers: Array.from({ length: 64 }, (_, i) => `h${i}`) }), error: null },
  { name: "inspect_headers 65 items", json: j({ inspect_headers: Array.from({ length: 65 }, (_, i) => `h${i}`) }), error: "config.inspect_headers: must have at most 64 items" },

  // exclude_paths
  { name: "exclude_paths", json: j({ exclude_paths: ["/health", "/static/"] }), error: null },
  { name: "exclude_paths without /", json: j({ exclude_paths: ["/ok", "health"] }), error: "config.exclude_paths[1]: must start with '/', got \"health\"" },
  { name: "exclude_paths empty path", json: j({ exclude_paths: [""] }), error: "config.exclude_paths[0]: must start with '/', got \"\"" },
  { name: "exclude_paths not a list", json: j({ exclude_paths: "/health" }), error: 'config.exclude_paths: must be an array of strings, got "/health"' },

  // exclude_params
  { name: "exclude_params", json: j({ exclude_params: ["password", "token"] }), error: null },
  { name: "exclude_params empty name", json: j({ exclude_params: [""] }), error: "config.exclude_params[0]: must not be empty" },
  { name: "exclude_params an object", json: j({ exclude_params: {} }), error: "config.exclude_params: must be an array of strings, got an object" },
  { name: "exclude_params item null", json: j({ exclude_params: [null] }), error: "config.exclude_params[0]: must be a string, got null" },

  // header_prefix
  { name: "header_prefix", json: j({ header_prefix: "x-score-" }), error: null },
  { name: "header_prefix with _ and digits", json: j({ header_prefix: "x_waf2_" }), error: null },
  { name: "header_prefix upper case", json: j({ header_prefix: "X-Waf-" }), error: 'config.header_prefix: must be a lower-case header name prefix like "x-waf-", got "X-Waf-"' },
  { name: "header_prefix with a space", json: j({ header_prefix: "x waf" }), error: 'config.header_prefix: must be a lower-case header name prefix like "x-waf-", got "x waf"' },
  { name: "header_prefix with a colon", json: j({ header_prefix: "x-waf:" }), error: 'config.header_prefix: must be a lower-case header name prefix like "x-waf-", got "x-waf:"' },
  { name: "header_prefix empty", json: j({ header_prefix: "" }), error: 'config.header_prefix: must be a lower-case header name prefix like "x-waf-", got ""' },
  { name: "header_prefix too long", json: j({ header_prefix: "x".repeat(65) }), error: `config.header_prefix: must be a lower-case header name prefix like "x-waf-", got "${"x".repeat(65)}"` },
  { name: "header_prefix not a string", json: j({ header_prefix: true }), error: "config.header_prefix: must be a string, got true" },

  // on_uninspectable
  { name: "on_uninspectable allow", json: j({ on_uninspectable: "allow" }), error: null },
  { name: "on_uninspectable block", json: j({ on_uninspectable: "block" }), error: null },
  { name: "on_uninspectable unknown", json: j({ on_uninspectable: "deny" }), error: 'config.on_uninspectable: must be one of allow, block, got "deny"' },
  { name: "on_uninspectable not a string", json: j({ on_uninspectable: false }), error: "config.on_uninspectable: must be a string, got false" },

  // booleans (block_response_details, log_text, hold_headers, filter_state): JSON true or false only
  ...["block_response_details", "log_text", "hold_headers", "filter_state"].flatMap((f) => [
    { name: `${f} true`, json: j({ [f]: true }), error: null },
    { name: `${f} false`, json: j({ [f]: false }), error: null },
    { name: `${f} "true"`, json: j({ [f]: "true" }), error: `config.${f}: must be true or false, got "true"` },
    { name: `${f} 1`, json: j({ [f]: 1 }), error: `config.${f}: must be true or false, got 1` },
    { name: `${f} null`, json: j({ [f]: null }), error: `config.${f}: must be true or false, got null` },
    { name: `${f} a list`, json: j({ [f]: [true] }), error: `config.${f}: must be true or false, got an array` },
    { name: `${f} duplicated`, json: `{"${f}":true,"${f}":false}`, error: `config.${f}: duplicate key (each field may appear once)` },
  ]),

  // redact_names
  { name: "redact_names", json: j({ redact_names: ["password", "SSN"] }), error: null },
  { name: "redact_names empty list (redact nothing by name)", json: j({ redact_names: [] }), error: null },
  { name: "redact_names empty name", json: j({ redact_names: ["token", ""] }), error: "config.redact_names[1]: must not be empty" },
  { name: "redact_names not a list", json: j({ redact_names: "password" }), error: 'config.redact_names: must be an array of strings, got "password"' },

  // max_flagged_logs_per_second
  { name: "max_flagged_logs_per_second 0 (unlimited)", json: j({ max_flagged_logs_per_second: 0 }), error: null },
  { name: "max_flagged_logs_per_second 1000000", json: j({ max_flagged_logs_per_second: 1000000 }), error: null },
  { name: "max_flagged_logs_per_second over", json: j({ max_flagged_logs_per_second: 1000001 }), error: `config.max_flagged_logs_per_second: ${range(0, 1000000, "1000001")}` },
  { name: "max_flagged_logs_per_second negative", json: j({ max_flagged_logs_per_second: -1 }), error: `config.max_flagged_logs_per_second: ${range(0, 1000000, "-1")}` },
  // score_headers
  ...["all", "flagged", "none"].map((v) => ({ name: `score_headers ${v}`, json: j({ score_headers: v }), error: null })),
  { name: "score_headers unknown", json: j({ score_headers: "clean" }), error: 'config.score_headers: must be one of all, flagged, none, got "clean"' },
  { name: "max_flagged_logs_per_second fractional", json: '{"max_flagged_logs_per_second":0.5}', error: `config.max_flagged_logs_per_second: ${range(0, 1000000, "0.5")}` },
];

describe("configuration", () => {
  it.each(cases)("$name", ({ json, error }) => {
    expect(core.configure(json)).toBe(error);
  });

  it("every error has the form config.<field>: <reason>", () => {
    for (const { json, error } of cases) {
      if (error === null) continue;
      expect(core.configure(json)).toMatch(/^config\.(\(root\)|[a-z_]+(\[\d+\])?): \S/);
    }
  });

  it("the README's configuration reference names every field of the core's schema, with its default", () => {
    const readme = readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    for (const f of core.description.config) {
      const row = readme.split("\n").find((l) => l.startsWith(`| \`${f.name}\` |`));
      expect(row, `README row for ${f.name}`).toBeDefined();
      expect(row, `README default for ${f.name}`).toContain(`\`${JSON.stringify(f.default)}\``);
    }
  });

  it("the defaults of the log and response fields hide what they should", () => {
    expect(core.configDefault("block_response_details")).toBe(false);
    expect(core.configDefault("log_text")).toBe(true);
    expect(core.configDefault("max_flagged_logs_per_second")).toBe(100);
    expect(core.configDefault("redact_names")).toEqual(["password", "passwd", "pwd", "secret", "token", "key", "auth", "session", "credential", "otp", "pin"]);
  });

  it("a refused configuration leaves the previous one in use", () => {
    expect(core.configure('{"exclude_params":["password"]}')).toBeNull();
    expect(core.configure('{"threshold":0}')).not.toBeNull();
    expect(core.parts("query", "password=x&q=1").map((p) => p.name)).toEqual(["q"]);
    expect(core.configure("")).toBeNull();
  });
});
