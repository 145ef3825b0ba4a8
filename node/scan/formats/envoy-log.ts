// Envoy access-log lines, in Envoy's default text format or as JSON (one object a line), each
// turned into the request the filter would have seen of it. Called by node/scan/read.ts per line.
//
// An access log holds no body and no cookies: a scan of one sees only what the line has (method,
// path and query, authority, User-Agent, Referer, X-Forwarded-For, X-Request-Id), so it can
// only under-count what blocking would do.

import { buildRequest, type ScanItem } from "../request";

/**
 * Envoy's default format (configuration/observability/access_log/usage, "Default Format String"):
 *   [%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE%
 *   %RESPONSE_FLAGS% %BYTES_RECEIVED% %BYTES_SENT% %DURATION% %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)%
 *   "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%" "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%"
 * (newer releases spell REQ as REQUEST_HEADER; the output is the same). Envoy does not escape
 * quotes inside values, so the path and the User-Agent match greedily and the fields around
 * them, which hold no quotes, anchor the match.
 */
const DEFAULT_LINE =
  /^\[([^\]]*)\] "(\S+) (.*) (\S+)" (\S+) (\S+) (\S+) (\S+) (\S+) (\S+) "([^"]*)" "(.*)" "([^"]*)" "([^"]*)" "([^"]*)"\s*$/;
/** Only the start of the default format: custom text formats that begin the same (Istio's). */
const REQUEST_PART = /^\[([^\]]*)\] "(\S+) (\S+) ([^"\s]+)"/;

/** Whether a line is in the default text format, or starts like it (format detection). */
export function looksEnvoyText(line: string): boolean {
  return REQUEST_PART.test(line);
}

const dash = (v: string | undefined) => (v === undefined || v === "-" || v === "" ? undefined : v);

/** One line of the default text format (read as latin1, so its bytes reach the core as logged). */
export function parseEnvoyText(line: string, at: string): ScanItem {
  let m = DEFAULT_LINE.exec(line);
  let method: string, path: string;
  const headers: Array<[string, string]> = [];
  let authority: string | undefined;
  if (m) {
    [method, path] = [m[2], m[3]];
    authority = dash(m[14]);
    for (const [name, v] of [["x-forwarded-for", m[11]], ["user-agent", m[12]], ["x-request-id", m[13]]] as const) {
      const value = dash(v);
      if (value !== undefined) headers.push([name, value]);
    }
  } else {
    // Not the default format's tail: score what the request part holds (method and path).
    m = REQUEST_PART.exec(line);
    if (!m) return { bad: { at, reason: "not an access-log line in Envoy's default format" } };
    [method, path] = [m[2], m[3]];
  }
  if (dash(method) === undefined || dash(path) === undefined) return { bad: { at, reason: "no method or path (\"-\"): not an HTTP request" } };
  return { request: buildRequest({ at, method, target: path, authority, headers }) };
}

/**
 * JSON keys read, compared after lower-casing, dropping a leading ':' and turning '-' into '_'
 * (so Istio's `user_agent`, Envoy Gateway's `user-agent` and `:authority` all match):
 * method; path, x_envoy_origin_path or x_envoy_original_path; authority or host; user_agent;
 * referer or referrer; x_forwarded_for; request_id or x_request_id; content_type. Other keys
 * (times, codes, upstreams) are ignored. "-" and null count as absent.
 */
export const JSON_KEYS: Record<string, string> = {
  method: ":method",
  path: ":path", x_envoy_origin_path: ":path", x_envoy_original_path: ":path",
  authority: ":authority", host: ":authority",
  user_agent: "user-agent",
  referer: "referer", referrer: "referer",
  x_forwarded_for: "x-forwarded-for",
  request_id: "x-request-id", x_request_id: "x-request-id",
  content_type: "content-type",
};

/** Whether a parsed JSON line has the keys of an access-log line (format detection). */
export function looksEnvoyJson(doc: unknown): boolean {
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) return false;
  const fields = new Set(Object.keys(doc).map((k) => JSON_KEYS[normalKey(k)]));
  return fields.has(":method") || fields.has(":path");
}

const normalKey = (k: string) => k.toLowerCase().replace(/^:/, "").replace(/-/g, "_");

/** One JSON access-log line (read as UTF-8: JSON's own encoding). */
export function parseEnvoyJson(line: string, at: string): ScanItem {
  let doc: unknown;
  try {
    doc = JSON.parse(line);
  } catch (e) {
    return { bad: { at, reason: `not JSON: ${(e as Error).message}` } };
  }
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) return { bad: { at, reason: "not a JSON object" } };
  const got = new Map<string, string>();
  for (const [k, v] of Object.entries(doc)) {
    const field = JSON_KEYS[normalKey(k)];
    if (!field || got.has(field) || v === null || typeof v === "object") continue;
    const value = dash(String(v));
    if (value !== undefined) got.set(field, value);
  }
  const method = got.get(":method"), path = got.get(":path");
  if (!method || !path) return { bad: { at, reason: "no method or path (keys read: method, path; see `wafscore scan --help`)" } };
  const headers = [...got].filter(([k]) => !k.startsWith(":"));
  return { request: buildRequest({ at, method, target: path, authority: got.get(":authority"), headers, textAsUtf8: true }) };
}
