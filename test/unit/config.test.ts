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
  "block_response_details, log_text, redact_names, max_flagged_logs_per_second, hold_headers, score_headers, filter_state, " +
  "class_thresholds, stream, trusted_sources, routes";
const ROUTE_KNOWN = "host, path_prefix, mode, threshold, max_body_bytes, exclude_paths, exclude_params, class_thresholds, stream";
const CLASSES = "sqli, xss, rce, traversal, ssrf, jndi, ssti, xxe, nosqli, crlf, open_redirect, ldapi, scanner";
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

  // class_thresholds: an optional entry per class, each with an optional threshold and action
  { name: "class_thresholds: block sqli at 30, only log xss", json: j({ class_thresholds: { sqli: { threshold: 30 }, xss: { action: "log" } } }), error: null },
  { name: "class_thresholds empty", json: j({ class_thresholds: {} }), error: null },
  { name: "class_thresholds entry empty", json: j({ class_thresholds: { rce: {} } }), error: null },
  { name: "class_thresholds both members", json: j({ class_thresholds: { ldapi: { threshold: 5, action: "tag" } } }), error: null },
  { name: "class_thresholds unknown class", json: j({ class_thresholds: { sql: { threshold: 30 } } }), error: `config.class_thresholds.sql: unknown field; known fields are ${CLASSES}` },
  { name: "class_thresholds the overall head is not a class", json: j({ class_thresholds: { attack: { threshold: 30 } } }), error: `config.class_thresholds.attack: unknown field; known fields are ${CLASSES}` },
  { name: "class_thresholds threshold 0", json: j({ class_thresholds: { sqli: { threshold: 0 } } }), error: `config.class_thresholds.sqli.threshold: ${range(1, 99, "0")}` },
  { name: "class_thresholds threshold 100", json: j({ class_thresholds: { xss: { threshold: 100 } } }), error: `config.class_thresholds.xss.threshold: ${range(1, 99, "100")}` },
  { name: "class_thresholds action unknown", json: j({ class_thresholds: { xss: { action: "allow" } } }), error: 'config.class_thresholds.xss.action: must be one of block, tag, log, got "allow"' },
  { name: "class_thresholds entry member unknown", json: j({ class_thresholds: { xss: { score: 3 } } }), error: "config.class_thresholds.xss.score: unknown field; known fields are threshold, action" },
  { name: "class_thresholds a bare number", json: j({ class_thresholds: { sqli: 30 } }), error: "config.class_thresholds.sqli: must be an object, got 30" },
  { name: "class_thresholds not an object", json: j({ class_thresholds: [] }), error: "config.class_thresholds: must be an object, got an array" },

  // stream
  { name: "stream", json: j({ stream: ["application/grpc", "Application/X-NDJSON"] }), error: null },
  { name: "stream empty (hold every body)", json: j({ stream: [] }), error: null },
  { name: "stream with parameters", json: j({ stream: ["text/event-stream; charset=utf-8"] }), error: 'config.stream[0]: must be a media type like "application/grpc" (no parameters), got "text/event-stream; charset=utf-8"' },
  { name: "stream without a subtype", json: j({ stream: ["grpc"] }), error: 'config.stream[0]: must be a media type like "application/grpc" (no parameters), got "grpc"' },
  { name: "stream two slashes", json: j({ stream: ["a/b/c"] }), error: 'config.stream[0]: must be a media type like "application/grpc" (no parameters), got "a/b/c"' },
  { name: "stream not a list", json: j({ stream: "application/grpc" }), error: 'config.stream: must be an array of strings, got "application/grpc"' },

  // trusted_sources
  { name: "trusted_sources every member", json: j({ trusted_sources: { cidrs: ["10.0.0.0/8", "192.168.1.7", "2001:db8::/32", "::1", "::ffff:10.1.2.0/120"], principals: ["spiffe://cluster.local/ns/ops/sa/scanner"], header: { name: "X-Trusted-Hop", value: "0123456789abcdef" } } }), error: null },
  { name: "trusted_sources empty", json: j({ trusted_sources: {} }), error: null },
  ...[["10.0.0.0/33", "prefix"], ["2001:db8::/129", "prefix"], ["10.0.0.0/", "prefix"], ["10.0.0.0/08", "prefix"]].map(([c]) => ({
    name: `trusted_sources.cidrs ${c}`, json: j({ trusted_sources: { cidrs: ["10.0.0.0/8", c] } }),
    error: `config.trusted_sources.cidrs[1]: has a prefix length out of range (0-32 for IPv4, 0-128 for IPv6), got "${c}"` })),
  ...["10.0.0", "10.0.0.256", "010.0.0.1", "10.0.0.0.0", "example.com", "", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", ":1", "1:", "[::1]", "10.0.0.1:80"].map((c) => ({
    name: `trusted_sources.cidrs "${c}"`, json: j({ trusted_sources: { cidrs: [c] } }),
    error: `config.trusted_sources.cidrs[0]: must be an IPv4 or IPv6 address or range like "10.0.0.0/8" or "2001:db8::/32", got "${c}"` })),
  { name: "trusted_sources.cidrs host bits past the prefix", json: j({ trusted_sources: { cidrs: ["10.1.0.0/8"] } }), error: 'config.trusted_sources.cidrs[0]: has bits set past its prefix length (write the range\'s first address), got "10.1.0.0/8"' },
  { name: "trusted_sources.cidrs IPv6 host bits", json: j({ trusted_sources: { cidrs: ["2001:db8::1/64"] } }), error: 'config.trusted_sources.cidrs[0]: has bits set past its prefix length (write the range\'s first address), got "2001:db8::1/64"' },
  { name: "trusted_sources.cidrs /0", json: j({ trusted_sources: { cidrs: ["0.0.0.0/0", "::/0"] } }), error: null },
  { name: "trusted_sources.principals empty", json: j({ trusted_sources: { principals: [""] } }), error: "config.trusted_sources.principals[0]: must not be empty" },
  { name: "trusted_sources.header without value", json: j({ trusted_sources: { header: { name: "x-hop" } } }), error: "config.trusted_sources.header.value: is required" },
  { name: "trusted_sources.header without name", json: j({ trusted_sources: { header: { value: "0123456789abcdef" } } }), error: "config.trusted_sources.header.name: is required" },
  { name: "trusted_sources.header short value", json: j({ trusted_sources: { header: { name: "x-hop", value: "letmein" } } }), error: "config.trusted_sources.header.value: must be at least 16 bytes of visible characters (a secret only the trusted hop knows)" },
  { name: "trusted_sources.header value with a newline", json: j({ trusted_sources: { header: { name: "x-hop", value: "0123456789abcdef\n" } } }), error: "config.trusted_sources.header.value: must be at least 16 bytes of visible characters (a secret only the trusted hop knows)" },
  { name: "trusted_sources.header bad name", json: j({ trusted_sources: { header: { name: "x hop", value: "0123456789abcdef" } } }), error: 'config.trusted_sources.header.name: must be a header name like "x-trusted-hop", got "x hop"' },
  { name: "trusted_sources.header under header_prefix", json: j({ trusted_sources: { header: { name: "X-Waf-Trusted", value: "0123456789abcdef" } } }), error: 'config.trusted_sources.header.name: must not start with header_prefix "x-waf-": headers under it are removed before the check' },
  { name: "trusted_sources unknown member", json: j({ trusted_sources: { ips: [] } }), error: "config.trusted_sources.ips: unknown field; known fields are cidrs, principals, header" },

  // routes: a list of objects, each matched by host and/or path_prefix; errors name the item
  { name: "routes", json: j({ routes: [{ host: "api.example.com", threshold: 30 }, { path_prefix: "/admin/", mode: "block", class_thresholds: { xss: { action: "log" } } }, { host: "*.Example.COM", path_prefix: "/upload", max_body_bytes: 0, exclude_paths: ["/upload/raw"], exclude_params: ["blob"], stream: [] }] }), error: null },
  { name: "routes empty", json: j({ routes: [] }), error: null },
  { name: "routes[1].threshold out of range", json: j({ routes: [{ host: "a.example" }, { host: "b.example", threshold: 0 }] }), error: `config.routes[1].threshold: ${range(1, 99, "0")}` },
  { name: "routes[0].mode unknown", json: j({ routes: [{ path_prefix: "/", mode: "deny" }] }), error: 'config.routes[0].mode: must be one of block, tag, log, got "deny"' },
  { name: "routes[0] without host or path_prefix", json: j({ routes: [{ threshold: 30 }] }), error: "config.routes[0]: must set host or path_prefix (a route without either matches every request: set the top-level fields instead)" },
  { name: "routes[0] sets a top-level-only field", json: j({ routes: [{ host: "a.example", header_prefix: "x-b-" }] }), error: `config.routes[0].header_prefix: unknown field; known fields are ${ROUTE_KNOWN}` },
  { name: "routes[0].host with a port", json: j({ routes: [{ host: "a.example:8080" }] }), error: 'config.routes[0].host: must be a host name like "api.example.com" or "*.example.com", without a port, got "a.example:8080"' },
  ...["*", "*.", "a.*.example", "a..example", ".example", "example.", "exa mple", "", "[::1", "[not-ip]"].map((h) => ({
    name: `routes[0].host "${h}"`, json: j({ routes: [{ host: h }] }),
    error: `config.routes[0].host: must be a host name like "api.example.com" or "*.example.com", without a port, got "${h}"` })),
  { name: "routes[0].host IPv6 literal", json: j({ routes: [{ host: "[2001:db8::1]" }] }), error: null },
  { name: "routes[0].path_prefix without /", json: j({ routes: [{ path_prefix: "api" }] }), error: 'config.routes[0].path_prefix: must start with \'/\', got "api"' },
  { name: "routes[2].exclude_paths item", json: j({ routes: [{ host: "a.example" }, { host: "b.example" }, { host: "c.example", exclude_paths: ["/ok", "bad"] }] }), error: "config.routes[2].exclude_paths[1]: must start with '/', got \"bad\"" },
  { name: "routes[0].class_thresholds nested error", json: j({ routes: [{ host: "a.example", class_thresholds: { sqli: { threshold: 200 } } }] }), error: `config.routes[0].class_thresholds.sqli.threshold: ${range(1, 99, "200")}` },
  { name: "routes[0].max_body_bytes over", json: j({ routes: [{ host: "a.example", max_body_bytes: 1048577 }] }), error: `config.routes[0].max_body_bytes: ${range(0, 1048576, "1048577")}` },
  { name: "routes[0].stream bad type", json: j({ routes: [{ host: "a.example", stream: ["grpc"] }] }), error: 'config.routes[0].stream[0]: must be a media type like "application/grpc" (no parameters), got "grpc"' },
  { name: "routes[0] duplicate key", json: '{"routes":[{"host":"a.example","host":"b.example"}]}', error: "config.routes[0].host: duplicate key (each field may appear once)" },
  { name: "routes item not an object", json: j({ routes: [{ host: "a.example" }, "b.example"] }), error: 'config.routes[1]: must be an object, got "b.example"' },
  { name: "routes not a list", json: j({ routes: { host: "a.example" } }), error: "config.routes: must be an array of objects, got an object" },
  { name: "routes unterminated", json: '{"routes":[{"host":"a.example"}', error: "config.routes: expected ',' or ']' in the array, got end of input" },
  { name: "routes 64 items", json: j({ routes: Array.from({ length: 64 }, (_, i) => ({ host: `h${i}.example` })) }), error: null },
  { name: "routes 65 items", json: j({ routes: Array.from({ length: 65 }, (_, i) => ({ host: `h${i}.example` })) }), error: "config.routes: must have at most 64 items" },
];

describe("configuration", () => {
  it.each(cases)("$name", ({ json, error }) => {
    expect(core.configure(json)).toBe(error);
  });

  it("every error has the form config.<field>: <reason>", () => {
    for (const { json, error } of cases) {
      if (error === null) continue;
      expect(core.configure(json)).toMatch(/^config\.(\(root\)|[a-z_]+(\[\d+\])?(\.[a-z_]+(\[\d+\])?)*): \S/);
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
