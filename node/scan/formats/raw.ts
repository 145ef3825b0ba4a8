// Raw HTTP/1.1 requests, one or many in a file as they come on a connection (pipelined, or with
// blank lines between them), chunked bodies de-chunked. Called by node/scan/read.ts.
//
// The file is read as latin1 so string offsets are byte offsets and every byte reaches the core
// as sent. Lenient where hand-written files are: bare LF line ends; a request with neither
// Content-Length nor chunked takes as body the text up to the next request line (HTTP/1.1 would
// give it none). Anything else that is not a request is reported as a bad input, then the reader
// skips to the next request line.

import { latin1Text } from "../../bytes";
import { buildRequest, type BadInput, type ScanItem } from "../request";

const REQUEST_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) +(\S+) +HTTP\/(\d(?:\.\d)?)$/;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const preview = (s: string) => JSON.stringify(s.length > 60 ? s.slice(0, 60) + "…" : s);

/** Whether a file's first line is a request line (format detection). */
export function looksRaw(firstLine: string): boolean {
  return REQUEST_LINE.test(firstLine.replace(/\r$/, ""));
}

/** The requests in a raw file; `pos` is the byte offset read so far (for the progress bar). */
export function* readRaw(buf: Uint8Array, file: string): Generator<ScanItem & { pos: number }> {
  const s = latin1Text(buf);
  const n = s.length;
  // Line numbers for the report, counted forward as the reader moves (offsets only increase).
  let countedTo = 0, line = 1;
  const lineAt = (p: number) => {
    for (; countedTo < p; countedTo++) if (s.charCodeAt(countedTo) === 10) line++;
    return line;
  };
  const lineEnd = (p: number) => { const e = s.indexOf("\n", p); return e < 0 ? n : e; };
  const lineText = (p: number, e: number) => (e > p && s.charCodeAt(e - 1) === 13 ? s.slice(p, e - 1) : s.slice(p, e));
  // The start of the next line (from p, or the line after p's when p is mid-line) that is a request line.
  const nextRequestLine = (p: number) => {
    if (p > 0 && p < n && s.charCodeAt(p - 1) !== 10) p = lineEnd(p) + 1;
    while (p < n) {
      const e = lineEnd(p);
      if (REQUEST_LINE.test(lineText(p, e))) return p;
      p = e + 1;
    }
    return n;
  };
  const bad = (p: number, reason: string, lineNo = lineAt(p)): ScanItem & { pos: number } =>
    ({ bad: { at: `${file}:${lineNo}`, reason } satisfies BadInput, pos: p });

  let pos = 0;
  for (;;) {
    while (pos < n && (s.charCodeAt(pos) === 13 || s.charCodeAt(pos) === 10)) pos++;
    if (pos >= n) return;
    const start = pos;
    let e = lineEnd(pos);
    const m = REQUEST_LINE.exec(lineText(pos, e));
    if (!m) {
      yield bad(pos, `not a request line: ${preview(lineText(pos, e))}`);
      pos = nextRequestLine(Math.min(e + 1, n));
      continue;
    }
    const startLine = lineAt(start);
    pos = Math.min(e + 1, n);
    const headers: Array<[string, string]> = [];
    while (pos < n) {
      e = lineEnd(pos);
      const l = lineText(pos, e);
      const at = pos;
      pos = Math.min(e + 1, n);
      if (l === "") break;
      if ((l[0] === " " || l[0] === "\t") && headers.length > 0) {
        headers[headers.length - 1][1] += " " + l.trim(); // obsolete line folding: one space, as RFC 9112 §5.2 says
        continue;
      }
      const c = l.indexOf(":");
      if (c <= 0 || !TOKEN.test(l.slice(0, c))) { yield bad(at, `not a header line: ${preview(l)}`); continue; }
      headers.push([l.slice(0, c), l.slice(c + 1).replace(/^[ \t]+|[ \t]+$/g, "")]);
    }
    const values = (name: string) => headers.filter(([k]) => k.toLowerCase() === name).map(([, v]) => v);
    const te = values("transfer-encoding").join(",");
    const cl = values("content-length");
    let body: Uint8Array | undefined;
    if (/(^|,)\s*chunked\s*$/i.test(te)) {
      const r = dechunk(s, buf, pos);
      body = r.body;
      if (r.error) { yield bad(r.at, r.error); pos = nextRequestLine(r.at); } else pos = r.end;
    } else if (cl.length > 0) {
      const lens = new Set(cl.flatMap((v) => v.split(",").map((x) => x.trim())));
      const len = lens.size === 1 ? [...lens][0] : "";
      if (!/^\d{1,12}$/.test(len)) {
        yield bad(start, `invalid Content-Length ${preview(cl.join(", "))}: body not read`, startLine);
        pos = nextRequestLine(pos);
      } else {
        const want = Number(len), have = Math.min(want, n - pos);
        if (have < want) yield bad(start, `body shorter than its Content-Length (${have} of ${want} bytes): scored as it is`, startLine);
        body = buf.subarray(pos, pos + have);
        pos += have;
      }
    } else {
      const next = nextRequestLine(pos);
      let end = next;
      while (end > pos && (s.charCodeAt(end - 1) === 10 || s.charCodeAt(end - 1) === 13)) end--;
      body = buf.subarray(pos, end);
      pos = next;
    }
    yield {
      request: buildRequest({ at: `${file}:${startLine}`, method: m[1], target: m[2], headers, body }),
      pos,
    };
  }
}

/** De-chunks a chunked body starting at pos (RFC 9112 §7.1); trailers are read and dropped. */
function dechunk(s: string, buf: Uint8Array, pos: number): { body: Uint8Array; end: number; error?: string; at: number } {
  const n = s.length;
  const chunks: Uint8Array[] = [];
  const joined = () => {
    const out = new Uint8Array(chunks.reduce((k, c) => k + c.length, 0));
    let o = 0;
    for (const c of chunks) { out.set(c, o); o += c.length; }
    return out;
  };
  const fail = (at: number, error: string) => ({ body: joined(), end: at, error: `${error}: scored as de-chunked so far`, at });
  for (;;) {
    const e = s.indexOf("\n", pos);
    if (e < 0) return fail(pos, "chunked body cut short");
    const sizeLine = s.slice(pos, e).replace(/\r$/, "");
    const m = /^([0-9A-Fa-f]{1,8})[ \t]*(;.*)?$/.exec(sizeLine);
    if (!m) return fail(pos, `bad chunk size line ${preview(sizeLine)}`);
    const size = parseInt(m[1], 16);
    pos = e + 1;
    if (size === 0) {
      for (;;) { // trailer fields up to the empty line
        const t = s.indexOf("\n", pos);
        if (t < 0) return { body: joined(), end: n, at: n };
        const l = s.slice(pos, t).replace(/\r$/, "");
        pos = t + 1;
        if (l === "") return { body: joined(), end: pos, at: pos };
      }
    }
    if (pos + size > n) { chunks.push(buf.subarray(pos, n)); return fail(n, "chunked body cut short"); }
    chunks.push(buf.subarray(pos, pos + size));
    pos += size;
    if (s.startsWith("\r\n", pos)) pos += 2;
    else if (s[pos] === "\n") pos += 1;
    else return fail(pos, "chunk data not followed by a line end");
  }
}
