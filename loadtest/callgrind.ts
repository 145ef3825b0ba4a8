// Reads what `make profile` gets from valgrind: callgrind dumps (--dump-instr=yes) and V8's
// --print-wasm-code listing, and says how many instructions each core.wasm function ran. Called by loadtest/profile.ts.
//
// Callgrind cannot name JIT code: it calls a wasm function by the address it was entered at (a
// slot of V8's jump table), and counts under that name everything up to the next call. So costs
// are taken per instruction address and placed in the function whose machine code holds it,
// which V8 prints (name, first instruction's address, body size) with --print-wasm-code.

import { readFileSync } from "node:fs";

export interface CodeRange { start: number; end: number; name: string }

/** Callgrind's cache and branch simulation, with the AMD EPYC's caches (48 KiB L1d, 32 KiB L1i, its
 *  2 MiB per-core L2 as the last level): the same model on every machine, so counts compare. */
export const CACHE_SIM_FLAGS = ["--cache-sim=yes", "--branch-sim=yes", "--I1=32768,8,64", "--D1=49152,12,64", "--LL=2097152,16,64"];

/** Wasm function code ranges from V8's --print-wasm-code output, sorted by address. */
export function wasmCodeRanges(listing: string): CodeRange[] {
  const out: CodeRange[] = [];
  let name = "", index = "", size = 0, want = false;
  for (const line of listing.split("\n")) {
    if (line.startsWith("--- WebAssembly code ---")) { name = ""; index = ""; size = 0; want = false; continue; }
    if (line.startsWith("name: ")) { name = line.slice(6).trim(); continue; }
    if (line.startsWith("index: ")) { index = line.slice(7).trim(); continue; }
    const body = /^Body \(size = (\d+)/.exec(line);
    if (body) { size = Number(body[1]); continue; }
    if (line.startsWith("Instructions (size")) { want = true; continue; }
    if (want) {
      const m = /^0x([0-9a-f]+)\s/.exec(line);
      if (m) {
        const start = parseInt(m[1], 16);
        out.push({ start, end: start + size, name: name || `wasm-function[${index}]` });
        want = false;
      }
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function find(ranges: CodeRange[], addr: number): CodeRange | null {
  let lo = 0, hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid];
    if (addr < r.start) hi = mid - 1;
    else if (addr >= r.end) lo = mid + 1;
    else return r;
  }
  return null;
}

/** One line of a callgrind dump that matters here, with names and positions resolved. */
type DumpLine =
  | { kind: "events"; names: string[] }
  | { kind: "ob"; name: string }
  | { kind: "fn"; name: string }
  | { kind: "cfn"; name: string }
  | { kind: "calls"; count: number }
  /** A cost line: its instruction address, and its events' counts (those left off the end are 0). */
  | { kind: "cost"; at: number; costs: number[] };

/**
 * The lines of a callgrind dump (--dump-instr=yes). Names may be compressed ("fn=(id) name" defines
 * an id, "fn=(id)" reuses it; fn and cfn share the ids, ob has its own) and positions relative
 * ("+n", "-n", "*"). Where the code has line numbers ("positions: instr line") each cost line
 * carries both; only the instruction's is kept.
 */
function* dumpLines(file: string): Generator<DumpLine> {
  const fnNames = new Map<string, string>(), obNames = new Map<string, string>();
  const named = (rest: string, names = fnNames) => {
    const m = /^\((\d+)\)(?: (.*))?$/.exec(rest);
    if (!m) return rest;
    if (m[2] !== undefined) names.set(m[1], m[2]);
    return names.get(m[1]) ?? "?";
  };
  let positions = 1;
  const num = (s: string) => (s.startsWith("0x") ? parseInt(s.slice(2), 16) : parseInt(s, 10));
  let last = 0;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (line.startsWith("events:")) { yield { kind: "events", names: line.slice(7).trim().split(/\s+/) }; continue; }
    if (line.startsWith("positions:")) { positions = line.slice(10).trim().split(/\s+/).length; continue; }
    if (line.startsWith("ob=")) { yield { kind: "ob", name: named(line.slice(3), obNames) }; continue; }
    if (line.startsWith("cob=")) { named(line.slice(4), obNames); continue; }
    if (line.startsWith("fn=")) { yield { kind: "fn", name: named(line.slice(3)) }; continue; }
    if (line.startsWith("cfn=")) { yield { kind: "cfn", name: named(line.slice(4)) }; continue; }
    if (line.startsWith("calls=")) { yield { kind: "calls", count: num(line.slice(6).trim().split(/\s+/)[0]) }; continue; }
    const c = line.charCodeAt(0);
    // Cost lines: a position (0x.. absolute, +n/-n relative, * same), then the counts.
    if (!(c === 0x2b || c === 0x2d || c === 0x2a || (c >= 0x30 && c <= 0x39))) continue;
    const sp = line.indexOf(" ");
    if (sp < 0) continue;
    const pos = line.slice(0, sp);
    if (pos === "*") { /* same position */ } else if (pos[0] === "+") last += num(pos.slice(1)); else if (pos[0] === "-") last -= num(pos.slice(1)); else last = num(pos);
    const rest = line.slice(sp + 1).split(" ");
    yield { kind: "cost", at: last, costs: rest.slice(positions - 1).map(Number) };
  }
}

/** A dump's events line, then its self costs: every cost line but a call's, with the function and object it is in. */
type SelfCost = { kind: "events"; names: string[] } | { kind: "cost"; fn: string; ob: string; at: number; costs: number[] };

function* selfCosts(file: string): Generator<SelfCost> {
  let fn = "?", ob = "???", skipNext = false;
  for (const d of dumpLines(file)) {
    if (d.kind === "events") { yield d; continue; }
    if (d.kind === "fn") { fn = d.name; continue; }
    if (d.kind === "ob") { ob = d.name; continue; }
    // The line after calls= is the call's inclusive cost, counted in the callee already.
    if (d.kind === "calls") { skipNext = true; continue; }
    if (d.kind !== "cost") continue;
    if (skipNext) { skipNext = false; continue; }
    yield { kind: "cost", fn, ob, at: d.at, costs: d.costs };
  }
}

export interface Segment {
  total: number; inWasm: number; byFunction: Map<string, number>;
  /** Every event callgrind counted (Ir first; with --cache-sim and --branch-sim also Dr, D1mr, DLmr, Bcm, ...): totals, and per function. */
  events: string[]; eventTotals: number[]; eventsByFunction: Map<string, number[]>;
}

/**
 * Self instruction counts (event Ir) of one callgrind dump, by function: a core.wasm function's
 * name when the instruction lies in its code, else callgrind's own function name (V8 builtins,
 * libc, ...), or "(other JIT code)" for generated code that is not a wasm function.
 */
export function readSegment(file: string, ranges: CodeRange[]): Segment {
  const byFunction = new Map<string, number>();
  const eventsByFunction = new Map<string, number[]>();
  let events = ["Ir"];
  let eventTotals = [0];
  let total = 0, inWasm = 0;
  for (const d of selfCosts(file)) {
    if (d.kind === "events") { events = d.names; eventTotals = events.map(() => 0); continue; }
    const costs = d.costs;
    const ir = costs[0];
    if (!ir && costs.length < 2) continue;
    total += ir;
    const r = find(ranges, d.at);
    let key: string;
    if (r) { key = r.name; inWasm += ir; } else key = d.fn.startsWith("0x") ? "(other JIT code)" : d.fn;
    byFunction.set(key, (byFunction.get(key) ?? 0) + ir);
    if (events.length > 1) {
      let row = eventsByFunction.get(key);
      if (!row) { row = events.map(() => 0); eventsByFunction.set(key, row); }
      for (let k = 0; k < costs.length && k < events.length; k++) { row[k] += costs[k] || 0; eventTotals[k] += costs[k] || 0; }
    } else eventTotals[0] += ir;
  }
  return { total, inWasm, byFunction, events, eventTotals, eventsByFunction };
}

/**
 * Calls between functions in one callgrind dump: "caller → callee" → number of calls, with both
 * named as readSegment names them. A call's site is an instruction of the caller, so its function
 * is the code range holding it. The callee is named after the address it was entered at, for JIT
 * code a jump-table slot outside every range, so it is the range where most of that name's own
 * instructions ran. This is what says which caller makes a small function hot, which the self
 * counts cannot.
 */
export function readCalls(file: string, ranges: CodeRange[]): Map<string, number> {
  const selfIn = new Map<string, Map<string, number>>(); // callgrind's name -> code range -> Ir
  const sites: Array<{ caller: string; callee: string; count: number }> = [];
  let fn = "?", cfn = "?", callCount = -1;
  for (const d of dumpLines(file)) {
    if (d.kind === "fn") { fn = d.name; continue; }
    if (d.kind === "cfn") { cfn = d.name; continue; }
    if (d.kind === "calls") { callCount = d.count; continue; }
    if (d.kind !== "cost") continue;
    const r = find(ranges, d.at);
    // The line after calls= is the call's site, in the caller.
    if (callCount >= 0) {
      sites.push({ caller: r ? r.name : fn.startsWith("0x") ? "(other JIT code)" : fn, callee: cfn, count: callCount });
      callCount = -1;
      continue;
    }
    if (!r) continue;
    let byRange = selfIn.get(fn);
    if (!byRange) selfIn.set(fn, (byRange = new Map()));
    byRange.set(r.name, (byRange.get(r.name) ?? 0) + d.costs[0]);
  }
  const callees = new Map<string, string>();
  const calleeName = (callgrindName: string) => {
    let name = callees.get(callgrindName);
    if (name === undefined) {
      const byRange = selfIn.get(callgrindName);
      name = byRange ? [...byRange.entries()].sort((a, b) => b[1] - a[1])[0][0] : callgrindName.startsWith("0x") ? "(other JIT code)" : callgrindName;
      callees.set(callgrindName, name);
    }
    return name;
  };
  const out = new Map<string, number>();
  for (const s of sites) {
    if (!s.count) continue;
    const key = `${s.caller} → ${calleeName(s.callee)}`;
    out.set(key, (out.get(key) ?? 0) + s.count);
  }
  return out;
}

/** What `make profile-envoy` calls the code V8 wrote at run time: the wasm filter, and the stubs between it and Envoy. */
export const GENERATED_CODE = "generated code (wasm, V8's stubs)";

/**
 * The executable mappings of a process (/proc/<pid>/maps) as code ranges named for their origin:
 * `binaryName` for the file `binary`, a shared library's file name for the others, and
 * GENERATED_CODE for anonymous ones, where V8 writes the machine code it compiles.
 */
export function mappedCode(maps: string, binary: string, binaryName: string): CodeRange[] {
  const out: CodeRange[] = [];
  for (const line of maps.split("\n")) {
    const m = /^([0-9a-f]+)-([0-9a-f]+) (\S{4}) \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (!m || m[3][2] !== "x") continue;
    out.push({ start: parseInt(m[1], 16), end: parseInt(m[2], 16), name: originOf(m[4].trim(), binary, binaryName) });
  }
  return out.sort((a, b) => a.start - b.start);
}

// [vdso] and the like are the kernel's; an anonymous mapping has no name at all.
function originOf(file: string, binary: string, binaryName: string): string {
  return file === "" ? GENERATED_CODE : file === binary ? binaryName : file.startsWith("[") ? file : file.slice(file.lastIndexOf("/") + 1);
}

/**
 * Self counts of one callgrind dump by origin: `binaryName` for code in `binary`, a library's file
 * name, or GENERATED_CODE; every event the dump has (Ir first; with --cache-sim and --branch-sim
 * also the misses). Callgrind names the object of most code (ob=), and then gives its addresses
 * relative to where the object was loaded; code it cannot place in an object (JIT code, and parts
 * of a stripped binary) has absolute addresses, which `ranges` (mappedCode, read while the process
 * ran) place.
 */
export function readByOrigin(file: string, ranges: CodeRange[], binary: string, binaryName: string): { events: string[]; totals: number[]; byOrigin: Map<string, number[]> } {
  const byOrigin = new Map<string, number[]>();
  let events = ["Ir"], totals = [0];
  for (const d of selfCosts(file)) {
    if (d.kind === "events") { events = d.names; totals = events.map(() => 0); continue; }
    const origin = d.ob !== "???" ? originOf(d.ob, binary, binaryName) : (find(ranges, d.at)?.name ?? GENERATED_CODE);
    let row = byOrigin.get(origin);
    if (!row) byOrigin.set(origin, (row = events.map(() => 0)));
    for (let k = 0; k < d.costs.length && k < events.length; k++) { const c = d.costs[k] || 0; row[k] += c; totals[k] += c; }
  }
  return { events, totals, byOrigin };
}
