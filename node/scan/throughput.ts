// The scan's speed: requests per second scoring one file under the core's default configuration
// (reading, parsing, scoring, counting; no report). `scanThroughput` is for loadtest/ (make bench);
// run directly, `npx tsx node/scan/throughput.ts FILE…` prints it (make scan-bench).

import { runScan } from "./scan";

export interface ScanThroughput { file: string; requests: number; seconds: number; requestsPerSecond: number; bytesPerSecond: number }

export async function scanThroughput(file: string, config = "{}"): Promise<ScanThroughput> {
  const r = await runScan({ files: [file], configs: [config], top: 0, suggest: null });
  const bytes = r.files[0].bytes;
  return {
    file, requests: r.requests, seconds: r.seconds,
    requestsPerSecond: r.seconds > 0 ? r.requests / r.seconds : 0,
    bytesPerSecond: r.seconds > 0 ? bytes / r.seconds : 0,
  };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, "/"))) {
  const files = process.argv.slice(2);
  if (files.length === 0) { console.error("usage: npx tsx node/scan/throughput.ts FILE…"); process.exit(2); }
  for (const f of files) {
    const t = await scanThroughput(f);
    console.log(`${f}: ${t.requests.toLocaleString("en-US")} requests in ${t.seconds.toFixed(2)} s: ${Math.round(t.requestsPerSecond).toLocaleString("en-US")} requests/s, ${(t.bytesPerSecond / 1e6).toFixed(1)} MB/s`);
  }
}
