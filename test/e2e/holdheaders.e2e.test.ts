// e2e: hold_headers false in a real Envoy WITHOUT allow_on_headers_stop_iteration (as Istio's
// WasmPlugin and Envoy Gateway configure it): headers go upstream at once, a body attack is still
// answered 403 and the upstream request is reset. Run by `make test` (e2e); stacks from harness.ts.
import http from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Echo, type Stack, startStack, tail } from "./harness";

const FLAG = /^[ \t]*allow_on_headers_stop_iteration: true\n/m;
/** The demo config with the flag's line removed: Envoy's default (false) applies. */
function dropFlag(yaml: string): string {
  if (!FLAG.test(yaml)) throw new Error("rendered config has no allow_on_headers_stop_iteration line to drop");
  return yaml.replace(FLAG, "");
}

interface Reply { status: number; text: string }
/** HTTP/1.1 POST of `body` in two writes 100 ms apart (the filter sees two body callbacks); rejects on timeoutMs. */
function post(base: string, path: string, body: [string, string], timeoutMs = 5000): Promise<Reply> {
  const url = new URL(base);
  const len = Buffer.byteLength(body[0] + body[1]);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path, method: "POST", agent: false, headers: { "content-type": "application/x-www-form-urlencoded", "content-length": len } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`timeout after ${timeoutMs} ms: ${path}`)));
    req.on("error", reject);
    req.write(body[0]);
    setTimeout(() => req.end(body[1]), 100);
  });
}

/** Waits up to waitMs for a line in the echo upstream's output. */
async function upstreamLine(stack: Stack, re: RegExp, waitMs = 3000): Promise<string | undefined> {
  for (let i = 0; i < waitMs / 100; i++) {
    const hit = stack.upstreamLogs().split("\n").find((l) => re.test(l));
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 100));
  }
  return undefined;
}

function useStack(pluginConfig: object): () => Stack {
  let stack: Stack | undefined;
  beforeAll(async () => {
    stack = await startStack({ pluginConfig, editConfig: dropFlag });
  });
  afterEach((ctx) => {
    if (ctx.task.result?.state === "fail" && stack) console.error(`--- envoy log ---\n${tail(stack.logs(), 120)}\n--- upstream ---\n${tail(stack.upstreamLogs(), 20)}`);
  });
  afterAll(async () => {
    await stack?.stop();
  });
  return () => stack!;
}

const RCE: [string, string] = ["count=3&host=%3Bcat%20", "%2Fetc%2Fpasswd"];

describe("hold_headers: false, Envoy without allow_on_headers_stop_iteration", () => {
  const stack = useStack({ mode: "block", hold_headers: false });

  it("a clean POST reaches upstream whole, its headers tagged with what they scored, partial", async () => {
    const r = await post(stack().url, "/checkout", ["first=Sean&last=", "Murphy"]);
    expect(r.status).toBe(200);
    const echo = JSON.parse(r.text) as Echo;
    expect(echo.body).toBe("first=Sean&last=Murphy");
    expect(echo.headers["x-waf-inspection"]).toBe("partial");
    for (const h of ["attack", "sqli", "xss", "rce"]) expect(Number(echo.headers[`x-waf-${h}-score`]), h).toBeGreaterThan(20);
  });

  it("an attack in the body: 403 to the client, and Envoy resets the upstream request that already had the headers", async () => {
    const r = await post(stack().url, "/tools/ping", RCE);
    expect(r.status).toBe(403);
    expect(JSON.parse(r.text)).toMatchObject({ error: "request blocked" });
    // The upstream got the headers, never a body byte, then the reset.
    expect(await upstreamLine(stack(), /^aborted POST \/tools\/ping /)).toBe("aborted POST /tools/ping after 0 body bytes");
    expect(stack().logs()).toMatch(/flagged action=block .*class=rce/);
  });

  it("an attack in the query of a POST is blocked on the headers: upstream never sees the request", async () => {
    const r = await post(stack().url, "/search?id=1%27%20OR%20%271%27%3D%271", ["a=1", "&b=2"]);
    expect(r.status).toBe(403);
    // The reset in the case above shows up within ~10 ms; half a second of silence is an answer.
    expect(await upstreamLine(stack(), /^aborted POST \/search/, 500)).toBeUndefined();
  });
});

describe("hold_headers: true (the default) on the same Envoy: a POST stalls, which is why the setting exists", () => {
  const stack = useStack({ mode: "block" });

  it("a request with a body gets no answer (Envoy turns StopIteration into StopAll)", async () => {
    await expect(post(stack().url, "/checkout", ["a=1&", "b=2"], 1000)).rejects.toThrow(/timeout after 1000 ms/);
  });
});
