// Loads build/core.wasm from disk for Node: the CLI, compare, models/, loadtest/ and tests. The
// ABI itself (moving bytes in and out of the core) is node/binding.ts, which browsers load too.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, resolve } from "node:path";
import { Core as CoreBinding, describeCore, instantiateCore, instantiateCoreSync, type CoreDescription } from "./binding";

export * from "./binding";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const CORE_WASM = resolve(REPO_ROOT, "build/core.wasm");

let described: CoreDescription | null = null;

/**
 * What build/core.wasm says of itself, read once synchronously (Node compiles a module of any
 * size synchronously): for code that needs a core constant, such as the default threshold,
 * without holding a Core.
 */
export function coreDescription(path = CORE_WASM): CoreDescription {
  described ??= describeCore(instantiateCoreSync(new WebAssembly.Module(readFileSync(path))));
  return described;
}

/** The filter's default threshold (the configuration schema's `threshold` default). */
export function defaultThreshold(): number {
  return Number(coreDescription().config.find((f) => f.name === "threshold")!.default);
}

/** The core binding, loaded from a file. */
export class Core extends CoreBinding {
  static async load(path = CORE_WASM): Promise<Core> {
    return new Core(await instantiateCore(readFileSync(path)));
  }
}
