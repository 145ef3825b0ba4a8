// e2e: the placeholder filter in real Envoy — the plugin loads, traffic passes, the upstream sees the tag.
// Run by `make test` / `make e2e`; replace the tag checks once stream.ts scores requests.

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Echo, type Stack, startEnvoyExpectFailure, startStack } from "./harness";

describe("placeholder filter", () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ pluginConfig: { mode: "block" } });
  });
  afterAll(async () => {
    await stack?.stop();
  });
  afterEach((ctx) => {
    if (ctx.task.result?.state === "fail" && stack) console.error(`--- envoy log ---\n${stack.logs()}`);
  });

  it("loads the plugin under the configured root_id", () => {
    // Logged by root.ts onConfigure; {"mode":"block"} is 16 bytes.
    expect(stack.logs()).toContain("wafscore: configured, plugin configuration 16 bytes");
  });

  it("passes a GET without a body and tags it at once", async () => {
    const res = await fetch(`${stack.url}/x?a=1`);
    expect(res.status).toBe(200);
    const echo = (await res.json()) as Echo;
    expect(echo.method).toBe("GET");
    expect(echo.path).toBe("/x?a=1");
    expect(echo.headers["x-waf-placeholder"]).toBe("1");
    expect(echo.body_bytes).toBe(0);
  });

  it("passes a POST and tags it after the body", async () => {
    const body = "a=1&b=%27or%201%3D1";
    const res = await fetch(`${stack.url}/form`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body,
    });
    expect(res.status).toBe(200);
    const echo = (await res.json()) as Echo;
    expect(echo.method).toBe("POST");
    expect(echo.body).toBe(body);
    expect(echo.body_bytes).toBe(body.length);
    expect(echo.headers["x-waf-placeholder"]).toBe("1");
  });

  it("passes a streamed multi-chunk POST intact and tags it once", async () => {
    // 256 KiB in 64 chunks: several onRequestBody calls before end of stream.
    const chunk = Buffer.alloc(4096, "z");
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 64; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const res = await fetch(`${stack.url}/upload`, { method: "POST", body: stream, duplex: "half" } as RequestInit);
    expect(res.status).toBe(200);
    const echo = (await res.json()) as Echo;
    expect(echo.body_bytes).toBe(64 * 4096);
    expect(echo.headers["x-waf-placeholder"]).toBe("1");
  });
});

describe("plugin configuration edge cases (SDK patch regressions)", () => {
  it("loads an empty and a 4 KiB configuration, two stacks side by side", async () => {
    const big = { pad: "p".repeat(4096) };
    const stacks = await Promise.all([startStack({ pluginConfig: "" }), startStack({ pluginConfig: big })]);
    try {
      expect(stacks[0].logs()).toContain("plugin configuration 0 bytes");
      expect(stacks[1].logs()).toContain(`plugin configuration ${JSON.stringify(big).length} bytes`);
      for (const s of stacks) {
        const echo = (await (await fetch(`${s.url}/ok`)).json()) as Echo;
        expect(echo.headers["x-waf-placeholder"]).toBe("1");
      }
    } finally {
      await Promise.all(stacks.map((s) => s.stop()));
    }
  });

  it("makes Envoy refuse a plugin configuration onConfigure rejects", async () => {
    const failure = await startEnvoyExpectFailure({ pluginConfig: "not json" });
    expect(failure.exitCode).toBe(1);
    expect(failure.logs).toContain("wafscore: config: must be a JSON object");
    expect(failure.logs).toContain("Unable to create Wasm plugin wafscore");
  });

  it("startStack rejects at once, with Envoy's log, when the plugin is refused", async () => {
    await expect(startStack({ pluginConfig: "not json" })).rejects.toThrow(
      /Envoy exited \(code 1[\s\S]*Unable to create Wasm plugin wafscore/,
    );
  });
});
