// loadtest/callgrind.ts, which `make profile`, `make profile-filter` and `make profile-envoy` read
// valgrind's output with: wasm functions' code ranges from V8's listing, self counts and call
// counts from a dump, and a process's instructions by the origin of their code.
// Run by `make test` (unit).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GENERATED_CODE, mappedCode, readByOrigin, readCalls, readSegment, wasmCodeRanges } from "../../loadtest/callgrind";

// V8's --print-wasm-code: f's machine code at 0x1000 (0x64 bytes), g's at 0x2000 (0x32).
const LISTING = `--- WebAssembly code ---
name: filter/core/a/f
index: 3
kind: wasm function
compiler: TurboFan
Body (size = 100 = 90 + 10 padding)
Instructions (size = 90)
0x1000     0  55             push rbp
0x1001     1  4889e5         REX.W movq rbp,rsp
--- WebAssembly code ---
name: filter/core/b/g
index: 4
Body (size = 50 = 48 + 2 padding)
Instructions (size = 48)
0x2000     0  55             push rbp
`;

// f runs 9 instructions and calls g 7 times through its jump-table slot 0x3000 (callgrind names
// g after the slot) and memset twice; g runs 84 instructions in its code and 7 in the slot.
const DUMP = `# callgrind format
version: 1
positions: instr
events: Ir
summary: 112

fn=(1) 0x0000000000001000
0x1000 3
+2 4
cfn=(2) 0x0000000000003000
calls=7 0x3000
* 840
+3 2
cfn=(3) __memset_avx2_unaligned_erms
calls=2 0x5000
* 12

fn=(2)
0x3000 7
0x2000 35
+4 49

fn=(3)
0x5000 12
`;

function dumpFile(text = DUMP): string {
  const dir = mkdtempSync(path.join(tmpdir(), "callgrind-"));
  const f = path.join(dir, "callgrind.out.2-01");
  writeFileSync(f, text);
  return f;
}

describe("callgrind dumps read against V8's code listing", () => {
  const ranges = wasmCodeRanges(LISTING);

  it("reads each wasm function's code range", () => {
    expect(ranges).toEqual([
      { start: 0x1000, end: 0x1064, name: "filter/core/a/f" },
      { start: 0x2000, end: 0x2032, name: "filter/core/b/g" },
    ]);
  });

  it("counts self instructions by the function whose code holds them, not by the entry's name", () => {
    const seg = readSegment(dumpFile(), ranges);
    expect(seg.total).toBe(112);
    expect(seg.inWasm).toBe(93);
    expect(Object.fromEntries(seg.byFunction)).toEqual({
      "filter/core/a/f": 9, "filter/core/b/g": 84, "(other JIT code)": 7, __memset_avx2_unaligned_erms: 12,
    });
  });

  it("names a call's callee by where its instructions ran, through a jump-table slot", () => {
    expect(Object.fromEntries(readCalls(dumpFile(), ranges))).toEqual({
      "filter/core/a/f → filter/core/b/g": 7,
      "filter/core/a/f → __memset_avx2_unaligned_erms": 2,
    });
  });
});

// A stripped PIE binary under valgrind, as /proc/<pid>/maps shows it: its text at 0x108000, a
// second executable segment callgrind does not place in the object, libc, and V8's code space.
const ENVOY = "/venv/envoy/_bin/envoy";
const MAPS = `00108000-02000000 r--p 00000000 08:01 1234 ${ENVOY}
02000000-06000000 r-xp 01ef8000 08:01 1234 ${ENVOY}
06000000-06800000 r-xp 05ef8000 08:01 1234 ${ENVOY}
06800000-06900000 rw-p 066f8000 08:01 1234 ${ENVOY}
04000000000-04000100000 rw-p 00000000 00:00 0
2352ad400000-2352ad480000 r-xp 00000000 00:00 0
7f0000100000-7f0000280000 r-xp 00028000 08:01 99 /usr/lib/x86_64-linux-gnu/libc.so.6
7ffd10000000-7ffd10002000 r-xp 00000000 00:00 0 [vdso]
`;

// Callgrind gives code in an object it knows by its offset in the object (ob= names it), and code
// it cannot place (ob=???) by its address; with line numbers each cost line has two positions.
const PROCESS_DUMP = `# callgrind format
version: 1
positions: instr line
events: Ir
summary: 1000

ob=(1) ${ENVOY}
fn=(1) 0x0000000001ef8100
0x1ef8100 0 100
+4 * 50
cob=(2) ???
cfn=(2) 0x00002352ad472b68
calls=3 0x2352ad472b68 0
* * 9999
ob=(2)
fn=(2)
0x2352ad472b68 0 300
+3 0 200
fn=(3) 0x0000000006294800
0x6294800 0 120
ob=(3) /usr/lib/x86_64-linux-gnu/libc.so.6
fn=(4) __memcpy_avx_unaligned_erms
0x2a000 12 230
`;

describe("a process's instructions by where their code came from", () => {
  const ranges = mappedCode(MAPS, ENVOY, "Envoy");

  it("names each executable mapping: the binary, a library by its file, anonymous code as generated", () => {
    expect(ranges).toEqual([
      { start: 0x2000000, end: 0x6000000, name: "Envoy" },
      { start: 0x6000000, end: 0x6800000, name: "Envoy" },
      { start: 0x2352ad400000, end: 0x2352ad480000, name: GENERATED_CODE },
      { start: 0x7f0000100000, end: 0x7f0000280000, name: "libc.so.6" },
      { start: 0x7ffd10000000, end: 0x7ffd10002000, name: "[vdso]" },
    ]);
  });

  it("counts by the object callgrind names, and by the mappings where it names none; a call's inclusive cost is not counted", () => {
    const r = readByOrigin(dumpFile(PROCESS_DUMP), ranges, ENVOY, "Envoy");
    expect(r.totals).toEqual([1000]);
    expect(Object.fromEntries(r.byOrigin)).toEqual({ Envoy: [270], [GENERATED_CODE]: [500], "libc.so.6": [230] });
  });

  it("counts every event of a dump with cache and branch simulation, those a line leaves off as 0", () => {
    const sim = PROCESS_DUMP.replace("events: Ir", "events: Ir I1mr Bcm").replace("0x1ef8100 0 100", "0x1ef8100 0 100 3 1").replace("0x2352ad472b68 0 300", "0x2352ad472b68 0 300 7");
    const r = readByOrigin(dumpFile(sim), ranges, ENVOY, "Envoy");
    expect(r.events).toEqual(["Ir", "I1mr", "Bcm"]);
    expect(r.totals).toEqual([1000, 10, 1]);
    expect(r.byOrigin.get("Envoy")).toEqual([270, 3, 1]);
    expect(r.byOrigin.get(GENERATED_CODE)).toEqual([500, 7, 0]);
  });

  it("reads the instruction's position, not the line's, where a dump has both", () => {
    // The same dump's costs by function: the line column would shift every count if read as one.
    const seg = readSegment(dumpFile(PROCESS_DUMP), []);
    expect(seg.total).toBe(1000);
  });
});
