// loadtest/callgrind.ts, which `make profile` and `make profile-filter` read valgrind's output
// with: wasm functions' code ranges from V8's listing, self counts and call counts from a dump.
// Run by `make test` (unit).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readCalls, readSegment, wasmCodeRanges } from "../../loadtest/callgrind";

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

function dumpFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "callgrind-"));
  const f = path.join(dir, "callgrind.out.2-01");
  writeFileSync(f, DUMP);
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
