// Guards envoy/envoy.yaml against drift from envoy/envoy.template.yaml, and checks the renderer's quoting.
// Run by `make test`; fix a failure with `make envoy-config`.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderEnvoyConfig, RUN_DEFAULTS } from "../../envoy/render.mjs";

describe("envoy config", () => {
  it("envoy/envoy.yaml is the template rendered with the run defaults", () => {
    const committed = readFileSync(new URL("../../envoy/envoy.yaml", import.meta.url), "utf8");
    expect(committed).toBe(renderEnvoyConfig(RUN_DEFAULTS));
  });

  it("quotes plugin configuration and paths as YAML double-quoted strings", () => {
    const yaml: string = renderEnvoyConfig({ ...RUN_DEFAULTS, pluginConfig: { a: 'x"y\\z\n' }, wasmPath: "/tmp/a b.wasm" });
    expect(yaml).toContain(String.raw`value: "{\"a\":\"x\\\"y\\\\z\\n\"}"`);
    expect(yaml).toContain('filename: "/tmp/a b.wasm"');
  });

  it("rejects out-of-range ports", () => {
    expect(() => renderEnvoyConfig({ ...RUN_DEFAULTS, listenPort: 70000 })).toThrow(/listenPort: must be an integer within \[0,65535\], got 70000/);
  });
});
