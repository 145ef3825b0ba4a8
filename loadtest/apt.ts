// A Debian package a benchmark or profile needs, installed with apt-get when its command is missing
// (as root; a clean machine has neither valgrind nor perf). Read by profile.ts and dso.ts.

import { execFileSync, spawnSync } from "node:child_process";

// Whether `command --version` runs, after installing `pkg` when it did not; the reason when it cannot.
export function ensureDebianTool(command: string, pkg: string, who: string): { ok: true } | { ok: false; reason: string } {
  if (spawnSync(command, ["--version"]).status === 0) return { ok: true };
  if (process.getuid?.() !== 0) return { ok: false, reason: `${command} is not installed; run: sudo apt-get install ${pkg}` };
  console.error(`${who}: installing ${command} (apt-get ${pkg})`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  try {
    execFileSync("apt-get", ["update", "-q"], { stdio: ["ignore", 2, 2], env });
    execFileSync("apt-get", ["install", "-y", "-q", "--no-install-recommends", pkg], { stdio: ["ignore", 2, 2], env });
  } catch (e) {
    return { ok: false, reason: `apt-get install ${pkg} failed: ${e instanceof Error ? e.message : e}` };
  }
  return spawnSync(command, ["--version"]).status === 0 ? { ok: true } : { ok: false, reason: `${command} still does not run after apt-get install ${pkg}` };
}
