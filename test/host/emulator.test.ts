// Checks of the host emulator itself, on tiny hand-assembled modules: imports outside the ABI fail
// at load, ABI functions it does not implement fail when called, the map serialization is the spec's.
// Run by `make test` (unit); the filter's own tests are in lifecycle.test.ts.
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Host, HostError, parsePairs, serializePairs } from "./emulator";

// ---- a minimal wasm encoder: just enough for a module with imports, one memory and exports ----

const leb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
};
const name = (s: string) => [...leb(s.length), ...Buffer.from(s)];
const vec = (items: number[][]) => [...leb(items.length), ...items.flat()];
const section = (id: number, body: number[]) => [id, ...leb(body.length), ...body];
const I32 = 0x7f;

interface Fn { params: number; results: number; body: number[] } // i32 params/results only

/**
 * A module importing `imports` (env functions of the given arity, returning i32) and exporting
 * `exports` (name → function) plus "memory". Function indices: imports first, then the exports in order.
 */
function wasm(imports: Array<{ module?: string; name: string; params: number }>, exports: Record<string, Fn>): Uint8Array {
  const fns = Object.entries(exports);
  const sig = (p: number, r: number) => [0x60, ...vec(Array(p).fill([I32])), ...vec(Array(r).fill([I32]))];
  const types = [...imports.map((i) => sig(i.params, 1)), ...fns.map(([, f]) => sig(f.params, f.results))];
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)),
    ...section(2, vec(imports.map((i, k) => [...name(i.module ?? "env"), ...name(i.name), 0x00, ...leb(k)]))),
    ...section(3, vec(fns.map((_, k) => leb(imports.length + k)))),
    ...section(5, vec([[0x00, 0x01]])), // one memory, min 1 page
    ...section(7, vec([[...name("memory"), 0x02, 0x00], ...fns.map(([n], k) => [...name(n), 0x00, ...leb(imports.length + k)])])),
    ...section(10, vec(fns.map(([, f]) => { const b = [0x00, ...f.body, 0x0b]; return [...leb(b.length), ...b]; }))),
  ];
  return new Uint8Array(bytes);
}

const MARKER: Fn = { params: 0, results: 0, body: [] };
const MALLOC: Fn = { params: 1, results: 1, body: [0x41, 0x80, 0x08] }; // i32.const 1024
const dir = mkdtempSync(join(tmpdir(), "wafscore-host-"));
let n = 0;
function file(bytes: Uint8Array): string {
  const p = join(dir, `m${n++}.wasm`);
  writeFileSync(p, bytes);
  return p;
}

describe("host emulator", () => {
  it("refuses at load a module that imports something the ABI does not have, naming it", async () => {
    const p = file(wasm([{ name: "proxy_teleport", params: 0 }], { proxy_abi_version_0_2_1: MARKER, malloc: MALLOC }));
    await expect(Host.create({ wasmPath: p })).rejects.toThrow(/does not provide: env\.proxy_teleport/);
  });

  it("refuses proxy_get_log_level from a module that declares ABI 0.2.0, as Envoy does", async () => {
    const p = file(wasm([{ name: "proxy_get_log_level", params: 1 }], { proxy_abi_version_0_2_0: MARKER, malloc: MALLOC }));
    await expect(Host.create({ wasmPath: p })).rejects.toThrow(/env\.proxy_get_log_level/);
    const ok = file(wasm([{ name: "proxy_get_log_level", params: 1 }], { proxy_abi_version_0_2_1: MARKER, malloc: MALLOC }));
    await expect(Host.create({ wasmPath: ok })).resolves.toBeInstanceOf(Host);
  });

  it("refuses a module without a proxy_abi_version_* export", async () => {
    await expect(Host.create({ wasmPath: file(wasm([], { malloc: MALLOC })) })).rejects.toThrow(/proxy_abi_version/);
  });

  it("throws, naming the function, when the module calls an ABI function it does not implement", async () => {
    // proxy_on_vm_start(root, size) { return proxy_done(); }
    const p = file(wasm([{ name: "proxy_done", params: 0 }], {
      proxy_abi_version_0_2_1: MARKER, malloc: MALLOC, proxy_on_vm_start: { params: 2, results: 1, body: [0x10, 0x00] },
    }));
    const err = await Host.create({ wasmPath: p }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    expect((err as Error).message).toMatch(/env\.proxy_done .*not implemented/);
  });

  it("skips callbacks the module does not export, answering for them as Envoy does", async () => {
    const host = await Host.create({ wasmPath: file(wasm([], { proxy_abi_version_0_2_1: MARKER, malloc: MALLOC })) });
    expect(host.vmStarted && host.configured).toBe(true);
    const s = host.request();
    expect(s.headers([[":path", "/"]], false)).toBe("Continue");
    expect(s.body("abc", true)).toBe("Continue");
    expect(Buffer.from(s.upstream.body).toString()).toBe("abc");
  });

  it("serializes a header map as the spec's example", () => {
    // {"a": "1"}, {"b": "22"} (proxy-wasm spec v0.2.1, "Serialization"; its example writes the
    // digits as 0x49 and 0x50, a slip for their ASCII codes 0x31 and 0x32)
    const blob = serializePairs([["a", Buffer.from("1")], ["b", Buffer.from("22")]]);
    expect([...blob]).toEqual([2, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0x61, 0, 0x31, 0, 0x62, 0, 0x32, 0x32, 0]);
    expect(parsePairs(blob)).toEqual([["a", "1"], ["b", "22"]]);
    expect(serializePairs([]).length).toBe(0);
    expect(parsePairs(new Uint8Array([0]))).toEqual([]);
    expect(() => parsePairs(blob.subarray(0, blob.length - 1))).toThrow(HostError);
  });
});
