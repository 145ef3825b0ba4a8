// The filter's memory under its garbage collection (filter/glue/gc.ts): the minimal runtime frees
// nothing until a callback's return collects, so a filter that never collected would grow by every
// body it copied. Run by `make test` (unit).
import { describe, expect, it } from "vitest";
import { Host } from "./emulator";

function post(host: Host, i: number, body: string): void {
  const s = host.request();
  s.headers([[":authority", "shop.example"], [":path", `/api/items?page=${i}`], [":method", "POST"], [":scheme", "http"],
    ["content-type", "application/json"], ["x-request-id", `gc-${i}`]], false);
  s.body(body, true);
  s.close();
}

describe("garbage collection at stream ends", () => {
  it("memory is flat over 40 MiB of bodies once the first collections have run", async () => {
    const host = await Host.create({ pluginConfig: { mode: "log" } });
    const item = (i: number) => `{"id":${i},"name":"Item number ${i}","tags":["red","blue"],"price":${(i * 7) % 100}.5}`;
    const body = `[${Array.from({ length: 200 }, (_, i) => item(i)).join(",")}]`.slice(0, 16 * 1024);
    // Each request copies its headers and 16 KiB of body into the VM: 400 of them are ~6.5 MiB,
    // three budgets' worth (gc.ts GC_BUDGET_BYTES).
    for (let i = 0; i < 400; i++) post(host, i, body);
    const warm = host.memoryBytes;
    for (let i = 400; i < 3000; i++) post(host, i, body);
    expect(host.failed).toBeNull();
    expect(host.memoryBytes).toBe(warm);
  });
});
