// HAR files (HTTP Archive 1.2, as browsers' developer tools and proxies export them): each
// log.entries[i].request becomes a request. Called by node/scan/read.ts.
//
// Read: method, url (absolute; split by hand so its bytes stay as recorded), headers (HTTP/2
// pseudo-headers replaced by ours), cookies (only when no Cookie header is listed: most tools
// list both), postData.text, or postData.params when there is no text (re-encoded as a form,
// or as multipart with the Content-Type's boundary). A HAR records no body bytes beyond these.

import { buildRequest, utf8Bytes, type ScanItem } from "../request";

interface HarNameValue { name?: unknown; value?: unknown; fileName?: unknown; contentType?: unknown }

const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
const list = (v: unknown): HarNameValue[] => (Array.isArray(v) ? v.filter((x) => x && typeof x === "object") : []);

/** Whether parsed JSON is a HAR (format detection). */
export function isHar(doc: unknown): boolean {
  const log = (doc as { log?: { entries?: unknown } } | null)?.log;
  return !!log && Array.isArray(log.entries);
}

/** The requests of a HAR file's text; `pos` is a byte offset proportional to the entries read. */
export function* readHar(text: string, file: string, size = text.length): Generator<ScanItem & { pos: number }> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    yield { bad: { at: file, reason: `not JSON: ${(e as Error).message}` }, pos: size };
    return;
  }
  if (!isHar(doc)) {
    yield { bad: { at: file, reason: "not a HAR: no log.entries array" }, pos: size };
    return;
  }
  const entries = (doc as { log: { entries: unknown[] } }).log.entries;
  for (let i = 0; i < entries.length; i++) {
    const at = `${file}#entries[${i}]`;
    const pos = Math.round((size * (i + 1)) / entries.length);
    const req = (entries[i] as { request?: Record<string, unknown> } | null)?.request;
    const method = str(req?.method), url = str(req?.url);
    if (!req || !method || !url) { yield { bad: { at, reason: "no request.method or request.url" }, pos }; continue; }
    if (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(url)) { yield { bad: { at, reason: `request.url is not absolute: ${JSON.stringify(url.slice(0, 60))}` }, pos }; continue; }
    const headers: Array<[string, string]> = [];
    for (const h of list(req.headers)) {
      const name = str(h.name), value = str(h.value);
      if (name && value !== null) headers.push([name, value]);
    }
    const cookies = list(req.cookies).filter((c) => str(c.name) !== null && str(c.value) !== null);
    if (cookies.length > 0 && !headers.some(([n]) => n.toLowerCase() === "cookie")) {
      headers.push(["cookie", cookies.map((c) => `${c.name as string}=${c.value as string}`).join("; ")]);
    }
    const body = postBody(req.postData, headers);
    yield { request: buildRequest({ at, method, target: url, headers, body, textAsUtf8: true }), pos };
  }
}

/** The body of a HAR postData: its text, else its params encoded as the mimeType says. */
function postBody(postData: unknown, headers: Array<[string, string]>): Uint8Array | undefined {
  if (!postData || typeof postData !== "object") return undefined;
  const pd = postData as { mimeType?: unknown; text?: unknown; params?: unknown };
  const mime = str(pd.mimeType) ?? "";
  let contentType = headers.find(([n]) => n.toLowerCase() === "content-type")?.[1];
  if (contentType === undefined && mime) { contentType = mime; headers.push(["content-type", mime]); }
  const text = str(pd.text);
  if (text !== null && text !== "") return utf8Bytes(text);
  const params = list(pd.params).filter((p) => str(p.name) !== null);
  if (params.length === 0) return undefined;
  if (/^multipart\/form-data/i.test(contentType ?? "")) {
    let boundary = /boundary=("?)([^";]+)\1/i.exec(contentType ?? "")?.[2];
    if (!boundary) {
      boundary = "wafscorescanboundary";
      const i = headers.findIndex(([n]) => n.toLowerCase() === "content-type");
      headers[i] = [headers[i][0], `multipart/form-data; boundary=${boundary}`];
    }
    let out = "";
    for (const p of params) {
      const file = str(p.fileName);
      out += `--${boundary}\r\nContent-Disposition: form-data; name="${p.name as string}"${file !== null ? `; filename="${file}"` : ""}\r\n`;
      if (str(p.contentType)) out += `Content-Type: ${p.contentType as string}\r\n`;
      out += `\r\n${str(p.value) ?? ""}\r\n`;
    }
    return utf8Bytes(out + `--${boundary}--\r\n`);
  }
  if (contentType === undefined) headers.push(["content-type", "application/x-www-form-urlencoded"]);
  // HAR params hold the values as the tool decoded them; encode them back as a browser would.
  return utf8Bytes(params.map((p) => `${encodeURIComponent(p.name as string)}=${encodeURIComponent(str(p.value) ?? "")}`).join("&"));
}
