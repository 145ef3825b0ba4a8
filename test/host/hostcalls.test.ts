// The host calls a clean request costs Envoy, one by one: each is about a thousand instructions of
// Envoy's before its work (`make profile-envoy`), and the do-nothing filter's steps in loadtest/
// steps.ts model exactly these, so that `make bench-split` and `make profile-envoy` price them. A
// change that adds one to every request shows here. Run by `make test` (unit).
import { describe, expect, it } from "vitest";
import { Host, type Pairs } from "./emulator";

function get(i: number): Pairs {
  return [[":authority", "shop.example"], [":path", `/products?q=running+shoes&page=${i}`], [":method", "GET"],
    [":scheme", "http"], ["user-agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/124.0"], ["x-request-id", `hc-${i}`]];
}

async function callsPerCleanGet(pluginConfig: object): Promise<Record<string, number>> {
  const host = await Host.create({ pluginConfig });
  for (let i = 0; i < 5; i++) { const s = host.request(); s.headers(get(i), true); s.close(); }
  host.hostCalls.clear();
  const n = 20;
  for (let i = 0; i < n; i++) {
    const s = host.request();
    s.headers(get(100 + i), true);
    expect(s.localResponse).toBeNull();
    s.close();
  }
  expect(host.failed).toBeNull();
  return Object.fromEntries([...host.hostCalls].map(([k, v]) => [k, v / n]));
}

describe("host calls per clean request", () => {
  it("the defaults: one header map copy, two clock reads, one histogram value, two counters, four score headers, eight filter state values", async () => {
    expect(await callsPerCleanGet({ mode: "block" })).toEqual({
      proxy_get_header_map_pairs: 1,
      proxy_get_current_time_nanoseconds: 2,
      proxy_record_metric: 1,
      proxy_increment_metric: 2,
      proxy_add_header_map_value: 4,
      proxy_set_property: 8,
    });
  });

  it("score_headers none and filter_state false drop the header writes and the filter state writes", async () => {
    expect(await callsPerCleanGet({ mode: "block", score_headers: "none", filter_state: false })).toEqual({
      proxy_get_header_map_pairs: 1,
      proxy_get_current_time_nanoseconds: 2,
      proxy_record_metric: 1,
      proxy_increment_metric: 1,
    });
  });
});
