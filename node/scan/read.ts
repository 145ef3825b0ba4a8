// Opens one input file of `wafscore scan`, detects its format from its first bytes and yields
// its requests and bad inputs through the reader of that format (formats/*.ts). Called by scan.ts.

import { closeSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import { readRaw, looksRaw } from "./formats/raw";
import { readHar, isHar } from "./formats/har";
import { parseEnvoyJson, parseEnvoyText, looksEnvoyJson, looksEnvoyText } from "./formats/envoy-log";
import type { ScanItem } from "./request";

export const FORMATS = ["raw", "har", "envoy", "envoy-json"] as const;
export type Format = (typeof FORMATS)[number];

const SNIFF_BYTES = 64 * 1024;

/**
 * The format of a file from its first bytes, or null: JSON whose first line is an object with
 * an access-log key (method, path …) is a JSON access log; other JSON is taken for a HAR; a first
 * line `[time] "METHOD path PROTOCOL"` is Envoy's text format; a request line is raw HTTP.
 */
export function detectFormat(head: Uint8Array): Format | null {
  let text = Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString("latin1");
  if (text.startsWith("\xef\xbb\xbf")) text = text.slice(3); // a UTF-8 byte order mark
  text = text.replace(/^\s+/, "");
  const firstLine = text.split("\n", 1)[0].replace(/\r$/, "");
  if (text.startsWith("{")) {
    try {
      const doc: unknown = JSON.parse(Buffer.from(firstLine, "latin1").toString("utf8"));
      if (isHar(doc)) return "har";
      if (looksEnvoyJson(doc)) return "envoy-json";
    } catch { /* a pretty-printed document: its first line is not JSON alone */ }
    return "har";
  }
  if (looksEnvoyText(firstLine)) return "envoy";
  if (looksRaw(firstLine)) return "raw";
  return null;
}

export interface OpenedFile { format: Format | null; size: number; items: Iterable<ScanItem & { pos: number }> }

/** Opens a file: its format (given, or detected) and the items it holds. */
export function openInput(file: string, format?: Format): OpenedFile {
  const size = statSync(file).size;
  const fd = openSync(file, "r");
  const head = Buffer.alloc(Math.min(size, SNIFF_BYTES));
  try { readSync(fd, head, 0, head.length, 0); } finally { closeSync(fd); }
  const f = format ?? detectFormat(head);
  switch (f) {
    case "raw": return { format: f, size, items: readRaw(readFileSync(file), file) };
    case "har": return { format: f, size, items: readHar(readFileSync(file, "utf8"), file, size) };
    case "envoy": return { format: f, size, items: readLines(file, "latin1", (l, at) => parseEnvoyText(l, at)) };
    case "envoy-json": return { format: f, size, items: readLines(file, "utf8", (l, at) => parseEnvoyJson(l, at)) };
  }
  return { format: null, size, items: [{ bad: { at: file, reason: "format not recognized (not raw HTTP, a HAR or an Envoy access log); give --format" }, pos: size }] };
}

/** A log file line by line in 1 MiB reads (logs can be larger than memory); blank lines skipped. */
function* readLines(file: string, encoding: BufferEncoding, parse: (line: string, at: string) => ScanItem): Generator<ScanItem & { pos: number }> {
  const fd = openSync(file, "r");
  try {
    const chunk = Buffer.alloc(1 << 20);
    let carry: Buffer = Buffer.alloc(0);
    let pos = 0, lineNo = 0, consumed = 0;
    for (;;) {
      const got = readSync(fd, chunk, 0, chunk.length, pos);
      pos += got;
      const data = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, got)]) : chunk.subarray(0, got);
      let start = 0;
      for (;;) {
        let nl = data.indexOf(10, start);
        if (nl < 0) {
          if (got > 0) break;
          if (start >= data.length) return;
          nl = data.length; // the last line, without a newline
        }
        lineNo++;
        const end = nl > start && data[nl - 1] === 13 ? nl - 1 : nl;
        consumed += nl + 1 - start;
        if (end > start) {
          const line = data.toString(encoding, start, end);
          if (line.trim() !== "") yield { ...parse(line, `${file}:${lineNo}`), pos: Math.min(consumed, pos) };
        }
        start = nl + 1;
      }
      carry = Buffer.from(data.subarray(start));
    }
  } finally {
    closeSync(fd);
  }
}
