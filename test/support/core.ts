// Loads core.wasm once per test file for the unit suites: $WAFSCORE_CORE (e.g. a debug build)
// or build/core.wasm. Used by test/unit/*.test.ts and the e2e equality test.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { Core, CORE_WASM, REPO_ROOT } from "../../node/core";

export { Core, REPO_ROOT };

export const CORE_PATH = process.env.WAFSCORE_CORE ? resolve(REPO_ROOT, process.env.WAFSCORE_CORE) : CORE_WASM;

export async function loadCore(): Promise<Core> {
  if (!existsSync(CORE_PATH)) throw new Error(`${CORE_PATH} not found; run \`make build\``);
  return Core.load(CORE_PATH);
}

/** Decode flag names set in a flags word, in the core's bit order. */
export function flagNames(core: Core, flags: number): string[] {
  return core.decodeFlags.filter((_, i) => flags & (1 << i));
}

/** Every wire context the core accepts, with a header and the cookie header spelled out. */
export const ALL_WHERES = [
  "path", "query", "body:form", "body:json", "body:multipart", "body:xml", "body:text",
  "header:User-Agent", "header:Cookie",
] as const;
