// Garbage collection under AssemblyScript's minimal runtime (asconfig.json "runtime": "minimal").
//
// The incremental runtime kept every managed value a function holds across a call in a shadow
// stack in linear memory, so that it could collect in the middle of any allocation: that was 5% to
// 12% of the scoring core's instructions, and a third of a short GET's in the whole filter. The
// minimal runtime has no shadow stack, and in exchange never collects by itself: a collection is
// safe only when no managed value lives on the wasm stack alone, which is when the host's call
// into the module returns. abi.ts wraps each callback in enter() and leave() for that.
//
// A collection marks every live object (the configuration, the model, the lexers' word lists),
// about 210,000 instructions whatever the garbage (callgrind, once), ~44 µs in Node on the
// development machine (`make gc-garbage`), so it waits until the garbage is worth it:
// what the host copied into the module (malloc: headers, bodies, properties) plus a charge per
// stream for the glue's own small objects, up to GC_BUDGET_BYTES. The VM's memory then holds its
// live objects and the garbage of that much copied in, and stays flat: a body leaves about 1.6
// times its size (its copy, and what is decoded from it), so up to ~3.4 MiB (`make gc-garbage`).
//
// Comments elsewhere that speak of the shadow stack say why hot code was written as it is under
// the incremental runtime: by address, with few calls and no managed value in its loops. Those
// choices still keep V8 from spilling values around calls; the stores they avoided are gone.
//
// After a trap the depth stays raised and nothing is collected again: hosts do not call into a
// VM that trapped (Envoy fails it or, with FAIL_RELOAD, starts another).

// `make gc-garbage` builds the filter with `--use WAFSCORE_GC_BUDGET=<bytes>` (a budget never reached:
// collection off) to measure what a stream leaves.
// @ts-ignore: decorator
@inline const GC_BUDGET_BYTES: i32 = isDefined(WAFSCORE_GC_BUDGET) ? WAFSCORE_GC_BUDGET : 2 << 20;
// Per stream, what the glue allocates besides the host's copies: its context, score header
// values, filter state values. With collection off (`make gc-garbage`) a short GET left ~450
// bytes a stream, its header copy (~250) included; a 1 KiB form POST ~3,100.
const STREAM_CHARGE_BYTES: i32 = 512;

let depth = 0;
let pending: i32 = 0;

// @ts-ignore: decorator
@inline export function enter(): void { depth++; }

// The host copies `size` bytes into the module.
// @ts-ignore: decorator
@inline export function noteHostBytes(size: i32): void {
  if (size > 0) pending = pending > GC_BUDGET_BYTES - size ? GC_BUDGET_BYTES : pending + size;
}

// A callback returns. A collection runs only at the outermost one: the host may call in again
// from inside a host call (malloc, for every buffer it returns; Envoy runs a local reply's
// response filters inside proxy_send_local_response).
// `streamEnd`: a stream's context is gone (its garbage is now collectable); `always`: a
// configuration or start-up, which leaves much garbage and is rare.
// @ts-ignore: decorator
@inline export function leave(streamEnd: bool = false, always: bool = false): void {
  if (--depth != 0) return;
  if (streamEnd) noteHostBytes(STREAM_CHARGE_BYTES);
  if (always || (streamEnd && pending >= GC_BUDGET_BYTES)) {
    pending = 0;
    __collect();
  }
}
