// Turns labelled request parts ({text, where}) into the requests that carry them: an HTTP
// request to replay through Envoy, nginx + ModSecurity or a load generator, and the core's own
// request form (head pairs + body), which the core splits exactly as the filter does.
// Used by node/core.ts (Core.score, featurize), train, eval, compare, loadtest and tests.

import type { CoreRequest } from "./binding";

export interface HttpRequest {
  method: "GET" | "POST";
  path: string;              // path and query, as sent on the request line
  headers: Record<string, string>;
  body?: string;
}

const BASE_PATH = "/app";

/** Header values must not carry CR, LF or NUL on the wire; such rows cannot be replayed as headers. */
export function isReplayable(text: string, where: string): boolean {
  if (where.startsWith("header:")) return !/[\r\n\0]/.test(text) && /^[\t\x20-\x7e\x80-\uffff]*$/.test(text);
  return true;
}

/** Encodes what a client's HTTP library would refuse to put raw on a request line. */
function lineSafe(s: string): string {
  return s.replace(/[\x00-\x20\x7f#"<>\\^`{|}\u0080-\uffff]/g, (c) => encodeURIComponent(c));
}

export function toHttpRequest(text: string, where: string): HttpRequest {
  const headers: Record<string, string> = { "user-agent": "wafscore-replay/1", accept: "*/*" };
  switch (where) {
    case "query":
      return { method: "GET", path: `${BASE_PATH}?${lineSafe(text)}`, headers };
    case "path":
      return { method: "GET", path: lineSafe(text.startsWith("/") ? text : `/${text}`), headers };
  }
  if (where.startsWith("body:")) {
    return { method: "POST", path: BASE_PATH, headers: { ...headers, "content-type": bodyContentType(where, text) }, body: text };
  }
  if (where.startsWith("header:")) {
    const name = where.slice("header:".length).toLowerCase();
    return { method: "GET", path: BASE_PATH, headers: { ...headers, [name]: text } };
  }
  throw new Error(`unknown where "${where}"`);
}

/** The Content-Type a client sends with a body of this kind (multipart: the body's own boundary). */
export function bodyContentType(where: string, body: string | Uint8Array): string {
  switch (where) {
    case "body:json": return "application/json";
    case "body:form": return "application/x-www-form-urlencoded";
    case "body:xml": return "application/xml";
    case "body:text": return "text/plain";
    case "body:multipart": {
      const head = typeof body === "string" ? body.slice(0, 512) : new TextDecoder().decode(body.subarray(0, 512));
      const m = /^\r?\n?--([^\r\n]+)/.exec(head);
      return `multipart/form-data; boundary=${m ? m[1] : "wafscoreboundary"}`;
    }
  }
  throw new Error(`unknown where "${where}"; expected path, query, body:json, body:form, body:multipart, body:xml, body:text or header:<Name>`);
}

/**
 * The smallest request that carries labelled parts, in the core's form: `path` and `query` go
 * into `:path` as they are (a path without a leading '/' gets one, as every request line has it;
 * rows are trained as the bytes a raw client can send, not re-encoded as a browser would),
 * `header:<Name>` becomes that header, a `body:*` part the body with its Content-Type. Training,
 * eval and the tests score rows through this, so they see the parts the filter would.
 */
export function requestOf(parts: Array<[string, string | Uint8Array]>): CoreRequest {
  let path: Uint8Array | null = null;
  const queries: Uint8Array[] = [];
  const head: Array<[string, string | Uint8Array]> = [];
  let body: string | Uint8Array | undefined;
  for (const [where, text] of parts) {
    if (where === "path") {
      if (path !== null) throw new Error("a request has one path");
      const p = bytesOf(text);
      path = p.length === 0 || p[0] === 0x2f ? p : concat([SLASH, p]);
    } else if (where === "query") {
      if (text.length > 0) queries.push(bytesOf(text));
    } else if (where.startsWith("header:")) {
      head.push([where.slice("header:".length).toLowerCase(), text]);
    } else if (where.startsWith("body:")) {
      if (body !== undefined) throw new Error("a request has one body");
      head.push(["content-type", bodyContentType(where, text)]);
      body = text;
    } else {
      bodyContentType(where, ""); // throws, naming the wheres there are
    }
  }
  if (path !== null || queries.length > 0) {
    const q = queries.flatMap((x, i) => (i > 0 ? [AMP, x] : [x]));
    head.unshift([":path", concat([path ?? new Uint8Array(0), ...(q.length > 0 ? [QUESTION, ...q] : [])])]);
  }
  return { head, body };
}

const SLASH = new Uint8Array([0x2f]);
const QUESTION = new Uint8Array([0x3f]);
const AMP = new Uint8Array([0x26]);
const bytesOf = (t: string | Uint8Array) => (typeof t === "string" ? new TextEncoder().encode(t) : t);
function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of chunks) { out.set(c, o); o += c.length; }
  return out;
}

/** The request that carries one labelled part (see requestOf). */
export function partRequest(where: string, text: string | Uint8Array): CoreRequest {
  return requestOf([[where, text]]);
}

/** An HTTP request in the core's form: the pseudo-headers Envoy adds, then the headers and body. */
export function toCoreRequest(r: HttpRequest): CoreRequest {
  const head: Array<[string, string]> = [[":method", r.method], [":path", r.path], [":scheme", "http"], [":authority", "localhost"]];
  for (const [k, v] of Object.entries(r.headers)) head.push([k.toLowerCase(), String(v)]);
  return { head, body: r.body };
}
