// The files under a directory (or a file itself) that `accept` takes, by name in sorted order, symbolic
// links followed: what `make binary-bodies` and `make upload-bodies` send as uploads.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

export function* filesUnder(path: string, accept: (path: string, bytes: number) => boolean): Generator<string> {
  let st;
  try { st = statSync(path); } catch { return; }
  if (st.isFile()) { if (accept(path, st.size)) yield path; return; }
  if (!st.isDirectory()) return;
  let names: string[];
  try { names = readdirSync(path).sort(); } catch { return; }
  for (const name of names) yield* filesUnder(join(path, name), accept);
}
