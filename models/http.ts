// Turns a labelled request part ({text, where}) into the HTTP request that carries it, so the
// same rows can be replayed through Envoy, nginx + ModSecurity, or a load generator.
// Used by loadtest/ and models/compare.ts; the inverse of how the filter splits a request.

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
