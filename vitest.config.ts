// vitest configuration: a fast "unit" project and a sequential "e2e" project that runs real Envoy.
// Used by `make test` (all projects) and `make e2e` (--project e2e).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Root-only: inside a project vitest ignores it (an empty test/host would fail the run).
    passWithNoTests: true,
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts", "test/host/**/*.test.ts"],
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.e2e.test.ts"],
          // Envoy start-up (V8 compiling the module) takes a few seconds on 2 cores.
          testTimeout: 30_000,
          hookTimeout: 30_000,
          // One file at a time: each file starts its own Envoy(s), and 2 cores
          // do not take several Envoys compiling wasm at once well. One fork runs the files in
          // turn (fileParallelism: false does too, but is not in vitest's project config type).
          pool: "forks",
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
