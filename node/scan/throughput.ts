// The scan's speed: requests per second scoring one file under the core's default configuration
// (reading, parsing, scoring, counting; no report). `scanThroughput` is for loadtest/ (make bench);
// run directly, `npx tsx node/scan/throughput.ts [FILE…]` prints it (make scan-bench).

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../core";
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

/**
 * Without files: the scan fixtures (test/fixtures/scan/) repeated into build/scan-bench/, ~50,000
 * requests a format. Their mix is attack-heavy (most requests flagged), so real traffic, where
 * few are, scans somewhat faster.
 */
function benchFiles(): string[] {
  const dir = join(REPO_ROOT, "build/scan-bench");
  mkdirSync(dir, { recursive: true });
  const spec: Array<[string, string, number]> = [["traffic.http", "raw.http", 2500], ["envoy-access.txt", "envoy.log", 10_000], ["envoy-access.jsonl", "envoy-json.log", 17_000]];
  return spec.map(([src, out, times]) => {
    const f = join(dir, out);
    writeFileSync(f, readFileSync(join(REPO_ROOT, "test/fixtures/scan", src)).toString("latin1").repeat(times), "latin1");
    return f;
  });
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, "/"))) {
  const files = process.argv.length > 2 ? process.argv.slice(2) : benchFiles();
  for (const f of files) {
    const t = await scanThroughput(f);
    console.log(`${f}: ${t.requests.toLocaleString("en-US")} requests in ${t.seconds.toFixed(2)} s: ${Math.round(t.requestsPerSecond).toLocaleString("en-US")} requests/s, ${(t.bytesPerSecond / 1e6).toFixed(1)} MB/s`);
  }
}
