// What `make binary-bodies`, `make upload-bodies` and `make exact` send as uploads: the files under a
// directory, random bytes from a fixed seed, and the request that carries a body.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** The files under a directory (or a file itself) that `accept` takes, by name in sorted order, symbolic links followed. */
export function* filesUnder(path: string, accept: (path: string, bytes: number) => boolean): Generator<string> {
  let st;
  try { st = statSync(path); } catch { return; }
  if (st.isFile()) { if (accept(path, st.size)) yield path; return; }
  if (!st.isDirectory()) return;
  let names: string[];
  try { names = readdirSync(path).sort(); } catch { return; }
  for (const name of names) yield* filesUnder(join(path, name), accept);
}

/**
 * The types random binary bodies are sent under: as a file's, as text/plain, with none (fetch() of an
 * ArrayBuffer), and as JSON or XML (a gzip stream without its Content-Encoding).
 */
export const BINARY_BODY_TYPES = ["application/octet-stream", "image/jpeg", "text/plain", "", "application/json", "application/xml"];

/** The LCG's next state after `seed`: the same numbers every run. */
export const nextSeed = (seed: number): number => (Math.imul(seed, 1103515245) + 12345) >>> 0;

/** Fills `bytes` from the LCG at `seed`; returns the seed after them. */
export function fillRandom(bytes: Uint8Array, seed: number): number {
  for (let k = 0; k < bytes.length; k++) { seed = nextSeed(seed); bytes[k] = seed >>> 24; }
  return seed;
}

/** A request carrying `body` under Content-Type `ct` (none when empty). */
export function bodyRequest(ct: string, body: Uint8Array, method = "POST", path = "/upload"): { head: Array<[string, string]>; body: Uint8Array } {
  const head: Array<[string, string]> = [[":method", method], [":path", path], [":authority", "example.com"]];
  if (ct) head.push(["content-type", ct]);
  return { head, body };
}
