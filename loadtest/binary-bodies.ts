// `make binary-bodies`: uploads as request bodies, scored whole by each core given (overall score at
// or under the default threshold counts as flagged; a verdict's is 1). Random bodies from a fixed seed
// (BINARY_N per type, BINARY_SIZE bytes) under six Content-Types, and, with BINARY_DIRS (a
// colon-separated list of directories or files), the files found there with the extensions below, each as its
// type and as application/octet-stream, cut at 128 KiB (the default max_body_bytes). Not a test: what
// the directories hold is the machine's, so write down which machine and date.
// Usage: tsx loadtest/binary-bodies.ts core.wasm [other-core.wasm ...]
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { filesUnder, BINARY_BODY_TYPES, fillRandom, bodyRequest } from "./uploads";
import { Core, defaultThreshold } from "../node/core";

const TYPES: Record<string, string> = {
  ".png": "image/png", ".jpg": "image/jpeg", ".gif": "image/gif", ".pdf": "application/pdf", ".zip": "application/zip",
  ".whl": "application/zip", ".gz": "application/gzip", ".woff2": "font/woff2", ".so": "application/octet-stream",
};
const MAX_BODY = 131072;

const cores = process.argv.slice(2);
if (!cores.length) { console.error("usage: tsx loadtest/binary-bodies.ts core.wasm [other-core.wasm ...]"); process.exit(2); }
const threshold = defaultThreshold();

function* randomBodies(): Generator<[string, ReturnType<typeof bodyRequest>]> {
  const n = Number(process.env.BINARY_N ?? 100), size = Number(process.env.BINARY_SIZE ?? MAX_BODY);
  let seed = 0x5eed;
  for (let r = 0; r < n * BINARY_BODY_TYPES.length; r++) {
    const bytes = new Uint8Array(size);
    seed = fillRandom(bytes, seed);
    const ct = BINARY_BODY_TYPES[r % BINARY_BODY_TYPES.length];
    yield [`random ${ct || "(no type)"}`, bodyRequest(ct, bytes)];
  }
}

function* fileBodies(): Generator<[string, ReturnType<typeof bodyRequest>]> {
  for (const dir of (process.env.BINARY_DIRS ?? "").split(":").filter(Boolean)) {
    // Files of at least 8 KiB with one of TYPES' extensions.
    for (const path of filesUnder(dir, (p, bytes) => bytes >= 8192 && TYPES[extname(p).toLowerCase()] !== undefined)) {
      const body = readFileSync(path).subarray(0, MAX_BODY);
      const ext = extname(path).toLowerCase();
      for (const ct of new Set([TYPES[ext], "application/octet-stream"])) yield [`file ${ext} as ${ct}`, bodyRequest(ct, body)];
    }
  }
}

for (const wasm of cores) {
  const core = await Core.load(wasm);
  const groups = new Map<string, [number, number, number]>(); // bodies, flagged, by a verdict
  for (const [group, req] of [...randomBodies(), ...fileBodies()]) {
    const s = core.scoreRequest(req);
    const g = groups.get(group) ?? [0, 0, 0];
    g[0]++;
    if (s.score <= threshold) { g[1]++; if (s.score === 1) g[2]++; }
    groups.set(group, g);
  }
  console.log(`${wasm} (flagged at ${threshold}: bodies, flagged, of those by a verdict)`);
  for (const [group, [n, f, v]] of [...groups].sort()) console.log(`  ${group}: ${n}, ${f}, ${v}`);
}
