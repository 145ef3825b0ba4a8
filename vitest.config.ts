// vitest configuration: a fast "unit" project and a sequential "e2e" project that runs real Envoy.
// Used by `make test` (all projects) and `make e2e` (--project e2e).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts", "test/host/**/*.test.ts"],
          passWithNoTests: true,
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
          // do not take several Envoys compiling wasm at once well.
          fileParallelism: false,
          pool: "forks",
        },
      },
    ],
  },
});
