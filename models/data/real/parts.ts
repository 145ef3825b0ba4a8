// Cuts one recorded HTTP request (URL, headers, body) into wire parts the way benign_real.jsonl does:
// path, raw query, kept headers, the body by Content-Type. Called by extract.ts for every format it reads.

/** One recorded request, whatever file format it came from. Header names as recorded; body undefined when none. */
export interface Req {
  url: string;
  headers: ReadonlyArray<readonly [string, string]>;
  body?: string;
  /** The request's MIME type when the format records it apart from the headers (HAR postData.mimeType). */
  mimeType?: string;
}

export interface Part { where: string; text: string }

/** Longest text kept, in UTF-16 units (~16 KiB): larger bodies are rare in captures and the build reads only a window. */
export const MAX_TEXT = 16 * 1024;

/**
 * Headers with a fixed grammar (the model learns nothing from `gzip, deflate`), hop-by-hop ones, client
 * hints, and the HTTP/2 pseudo-headers. Credential headers are left out too: a cassette's token may
 * be live, and a redacted `<AUTH_TOKEN>` is the recorder's text, not the wire's.
 */
const SKIP_HEADERS = new Set([
  'accept', 'accept-encoding', 'accept-charset', 'cache-control', 'connection', 'content-length', 'content-type',
  'content-encoding', 'host', 'pragma', 'te', 'transfer-encoding', 'upgrade', 'upgrade-insecure-requests', 'keep-alive',
  'dnt', 'sec-gpc', 'date', 'expect', 'priority', 'save-data', 'dpr', 'viewport-width', 'device-memory', 'rtt',
  'downlink', 'ect', 'range', 'if-modified-since', 'if-unmodified-since', 'sec-fetch-dest', 'sec-fetch-mode',
  'sec-fetch-site', 'sec-fetch-user', 'purpose', 'proxy-connection',
  'authorization', 'proxy-authorization', 'x-api-key', 'api-key', 'x-goog-api-key', 'x-amz-security-token',
  'x-auth-token', 'private-token', 'x-csrf-token', 'x-xsrf-token',
  // AWS SDK bookkeeping: a UUID, `attempt=1; max=3`, a timestamp, a hex digest on every request.
  'amz-sdk-invocation-id', 'amz-sdk-request', 'x-amz-date', 'x-amz-content-sha256',
  // Trace context: a UUID or W3C `00-<hex>-<hex>-01` on every request of a recording.
  'x-amzn-trace-id', 'traceparent', 'tracestate',
]);

/** Any other header named like a credential (`trakt-api-key`, `x-session-token`, `x-auth-user`). */
const CREDENTIAL = /api-?key|token|secret|passw|auth/;

/** RFC 9110 token: WebPageTest HARs carry the request line (`GET /x?y HTTP/1.1`) as a header name. */
const TOKEN = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

/** `user-agent` -> `User-Agent`, `sec-ch-ua` -> `Sec-CH-UA` (benign_real.jsonl's spelling of the client hints). */
export function headerName(name: string): string {
  const lower = name.toLowerCase();
  if (lower.startsWith('sec-ch-ua')) return 'Sec-CH-UA' + lower.slice(9).replace(/-([a-z])/g, (_, c: string) => '-' + c.toUpperCase());
  return lower.replace(/(^|-)([a-z])/g, (_, d: string, c: string) => d + c.toUpperCase());
}

/** True for text a proxy would see as binary: NUL, U+FFFD from a failed decode, or many control characters. */
export function isBinary(text: string): boolean {
  let ctl = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0 || c === 0xfffd) return true;
    if (c < 32 && c !== 9 && c !== 10 && c !== 13) ctl++;
  }
  return ctl > 0 && ctl * 100 > text.length;
}

/** The body's `where` from its MIME type; without one, JSON that parses is JSON and `k=v&...` is a form. */
export function bodyKind(mime: string, body: string): string {
  const m = mime.toLowerCase().split(';')[0].trim();
  if (m === 'application/x-www-form-urlencoded') return 'body:form';
  if (m.startsWith('multipart/')) return 'body:multipart';
  if (m === 'application/json' || m.endsWith('+json') || m.endsWith('/json') || m === 'application/x-ndjson') return 'body:json';
  if (m.endsWith('/xml') || m.endsWith('+xml')) return 'body:xml';
  if (m !== '') return 'body:text';
  const t = body.trim();
  if (t.startsWith('{') || t.startsWith('[')) {
    try { JSON.parse(t); return 'body:json'; } catch { /* not JSON */ }
  }
  if (t.startsWith('<')) return 'body:xml';
  if (/^[\w.%*\-[\]]+=[^&\s]*(&[\w.%*\-[\]]+=[^&\s]*)*$/.test(t)) return 'body:form';
  return 'body:text';
}

/** The raw path and query of a URL, as sent (no decoding, no normalising); the fragment never goes on the wire. */
export function splitUrl(url: string): { path: string; query: string } | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^?#]*)(?:\?([^#]*))?/i.exec(url);
  if (!m) return undefined;
  return { path: m[1] === '' ? '/' : m[1], query: m[2] ?? '' };
}

/**
 * A part carrying a key by name (`api_key=...`, `"token": "..."`): fixtures hold projects' own API keys and tokens,
 * which have no place in a dataset. Dropped by the parameter's NAME, whatever the part says otherwise.
 */
const KEYED = /(?:^|[?&;\s"{,])"?(?:api[_-]?key|apikey|access[_-]?token|refresh[_-]?token|token|client[_-]?secret|secret|password|passwd)"?\s*[=:]\s*"?[^&\s",}]{8}/i;

export const holdsKey = (text: string): boolean => KEYED.test(text);

/** All parts of one request; empty and over-long texts and binary bodies are left out. */
export function cutRequest(r: Req): Part[] {
  const out: Part[] = [];
  const add = (where: string, text: string) => {
    if (text.trim() !== '' && text.length <= MAX_TEXT && !holdsKey(text)) out.push({ where, text });
  };
  const u = splitUrl(r.url);
  if (!u) return out; // data:, blob:, chrome-extension: and the like are not requests a proxy sees
  add('path', u.path);
  add('query', u.query);
  let ctype = r.mimeType ?? '';
  const cookies: string[] = [];
  for (const [name, value] of r.headers) {
    const lower = name.toLowerCase();
    if (lower === 'content-type') ctype ||= value;
    if (!TOKEN.test(name) || SKIP_HEADERS.has(lower) || CREDENTIAL.test(lower)) continue; // pseudo-headers (`:path`) fail TOKEN too
    if (lower === 'cookie') { cookies.push(value); continue; }
    add('header:' + headerName(name), value);
  }
  // HTTP/2 sends cookies as several headers; the proxy sees them joined, as HTTP/1.1 sends one.
  if (cookies.length) add('header:Cookie', cookies.join('; '));
  if (r.body !== undefined && r.body !== '' && !isBinary(r.body)) add(bodyKind(ctype, r.body), r.body);
  return out;
}
