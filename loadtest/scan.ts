// `make bench`'s figure for `wafscore scan`: requests per second reading, parsing, scoring (default
// configuration) and counting a raw-HTTP file and a HAR file of a few thousand requests each,
// generated into build/scan-bench/ from the scan fixtures. Called by bench.ts; the scan itself is
// node/scan/throughput.ts (also `make scan-bench` for larger or your own files).

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../node/core.ts";
import { scanThroughput } from "../node/scan/throughput.ts";

export interface ScanFileRow { format: "raw" | "har"; requests: number; seconds: number; requests_per_second: number; mb_per_s: number }
export interface ScanBench { requests_per_second: number; requests: number; seconds: number; files: ScanFileRow[] }

const FIXTURES = join(REPO_ROOT, "test/fixtures/scan");

/** The fixtures repeated to about `n` requests a format: traffic.http (20 requests), session.har (4 requests). */
function benchFiles(n: number): Array<{ format: ScanFileRow["format"]; file: string }> {
  const dir = join(REPO_ROOT, "build/scan-bench");
  mkdirSync(dir, { recursive: true });
  const raw = join(dir, "bench.http");
  writeFileSync(raw, readFileSync(join(FIXTURES, "traffic.http")).toString("latin1").repeat(Math.ceil(n / 20)), "latin1");
  const har = JSON.parse(readFileSync(join(FIXTURES, "session.har"), "utf8")) as { log: { entries: Array<{ request?: { method?: string; url?: string } }> } };
  // The fixture's deliberately broken entry (no method or URL) left out: every entry is a request.
  const entries = har.log.entries.filter((e) => e.request?.method && e.request.url);
  har.log.entries = Array.from({ length: n }, (_, i) => entries[i % entries.length]);
  const harFile = join(dir, "bench.har");
  writeFileSync(harFile, JSON.stringify(har));
  return [{ format: "raw", file: raw }, { format: "har", file: harFile }];
}

export async function benchScan(requestsPerFile = 3000): Promise<ScanBench> {
  const files = benchFiles(requestsPerFile);
  await scanThroughput(files[0].file); // warm-up: V8 compiles the readers and the core
  const rows: ScanFileRow[] = [];
  for (const f of files) {
    const t = await scanThroughput(f.file);
    rows.push({
      format: f.format, requests: t.requests, seconds: Math.round(t.seconds * 1000) / 1000,
      requests_per_second: Math.round(t.requestsPerSecond), mb_per_s: Math.round(t.bytesPerSecond / 1e5) / 10,
    });
  }
  const requests = rows.reduce((n, r) => n + r.requests, 0);
  const seconds = rows.reduce((n, r) => n + r.seconds, 0);
  return { requests_per_second: seconds > 0 ? Math.round(requests / seconds) : 0, requests, seconds: Math.round(seconds * 1000) / 1000, files: rows };
}

/** The table bench.ts prints. */
export function formatScan(s: ScanBench): string {
  const lines = ["`wafscore scan` (read, parse, score under the default configuration, count; no report)", "| file | requests | s | req/s | MB/s |", "|---|---|---|---|---|"];
  for (const r of s.files) lines.push(`| ${r.format} | ${r.requests} | ${r.seconds} | ${r.requests_per_second} | ${r.mb_per_s} |`);
  lines.push(`| all | ${s.requests} | ${s.seconds} | ${s.requests_per_second} | |`);
  return lines.join("\n");
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, "/"))) {
  console.log(formatScan(await benchScan()));
}
