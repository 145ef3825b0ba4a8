// e2e: the Envoy config the Docker demo mounts (envoy/docker/envoy.yaml) is one Envoy 1.40 accepts,
// filter loaded and configured (`envoy --mode validate`). No Docker engine runs here, so the
// containers themselves are not started. Run by `make test` (e2e).
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/core";
import { WASM_IN_CONTAINER } from "../../envoy/docker/render.mjs";

const run = promisify(execFile);

describe("envoy/docker/envoy.yaml", () => {
  it("validates in Envoy with the filter at the path compose.yaml mounts it to", async () => {
    const envoy = readFileSync(path.join(REPO_ROOT, "build/envoy-path"), "utf8").trim();
    const dir = mkdtempSync(path.join(tmpdir(), "wafscore-docker-"));
    try {
      // The one change: the container's mount point becomes the host's build output.
      const yaml = readFileSync(path.join(REPO_ROOT, "envoy/docker/envoy.yaml"), "utf8").replace(`"${WASM_IN_CONTAINER}"`, JSON.stringify(path.join(REPO_ROOT, "build/wafscore.wasm")));
      writeFileSync(path.join(dir, "envoy.yaml"), yaml);
      const { stdout, stderr } = await run(envoy, ["--mode", "validate", "-c", path.join(dir, "envoy.yaml"), "--base-id", String(process.pid % 60000 + 1000)]);
      const out = stdout + stderr;
      expect(out).toMatch(/configuration '.*envoy\.yaml' OK/);
      expect(out).toContain("configured: mode block");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
