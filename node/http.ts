// Turns a labelled request part ({text, where}) into the HTTP request that carries it, so the
// same rows can be replayed through Envoy, nginx + ModSecurity, or a load generator.
// Used by loadtest/ and node/compare/; the inverse of how the filter splits a request.

export interface HttpRequest {
  method: "GET" | "POST";
  path: string;              // path and query, as sent on the request line
  headers: Record<string, string>;
  body?: string;
}

const BASE_PATH = "/app";

/** The headers the filter scores without being asked (`inspect_headers` adds others). */
export const SCORED_HEADERS: readonly string[] = ["user-agent", "referer", "cookie"];

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
    case "body:json":
      return { method: "POST", path: BASE_PATH, headers: { ...headers, "content-type": "application/json" }, body: text };
    case "body:form":
      return { method: "POST", path: BASE_PATH, headers: { ...headers, "content-type": "application/x-www-form-urlencoded" }, body: text };
    case "body:xml":
      return { method: "POST", path: BASE_PATH, headers: { ...headers, "content-type": "application/xml" }, body: text };
    case "body:text":
      return { method: "POST", path: BASE_PATH, headers: { ...headers, "content-type": "text/plain" }, body: text };
    case "body:multipart": {
      const m = /^\r?\n?--([^\r\n]+)/.exec(text);
      const boundary = m ? m[1] : "wafscoreboundary";
      return { method: "POST", path: BASE_PATH, headers: { ...headers, "content-type": `multipart/form-data; boundary=${boundary}` }, body: text };
    }
  }
  if (where.startsWith("header:")) {
    const name = where.slice("header:".length).toLowerCase();
    return { method: "GET", path: BASE_PATH, headers: { ...headers, [name]: text } };
  }
  throw new Error(`unknown where "${where}"`);
}

/**
 * The wire parts the filter scores for a request, as core.wasm takes them: path, query, the
 * SCORED_HEADERS, and the body by its Content-Type (the types toHttpRequest writes).
 */
export function wireParts(r: HttpRequest): Array<[string, Uint8Array]> {
  const enc = new TextEncoder();
  const q = r.path.indexOf("?");
  const parts: Array<[string, Uint8Array]> = [["path", enc.encode(q < 0 ? r.path : r.path.slice(0, q))]];
  if (q >= 0 && q + 1 < r.path.length) parts.push(["query", enc.encode(r.path.slice(q + 1))]);
  const h = Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
  for (const name of SCORED_HEADERS) if (h[name]) parts.push([`header:${name}`, enc.encode(h[name])]);
  if (r.body) {
    const ct = h["content-type"] ?? "";
    const where = ct.includes("json") ? "body:json" : ct.includes("x-www-form-urlencoded") ? "body:form" : ct.includes("multipart/") ? "body:multipart" : ct.includes("xml") ? "body:xml" : "body:text";
    parts.push([where, enc.encode(r.body)]);
  }
  return parts;
}
