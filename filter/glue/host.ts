// The one seam between the filter and Envoy: every proxy-wasm host call goes through here.
// Called by root.ts, stream.ts and abort.ts; a fake host only has to replace this module's imports.

import * as abi from "@solo-io/proxy-runtime/assembly/imports";
import { free } from "@solo-io/proxy-runtime/assembly/malloc";
import {
  RootContext,
  Context,
  FilterHeadersStatusValues,
  FilterDataStatusValues,
  FilterTrailersStatusValues,
} from "@solo-io/proxy-runtime/assembly/runtime";

// The SDK's context classes and status enums, re-exported so that root.ts and
// stream.ts never import the SDK themselves.
export { RootContext, Context, FilterHeadersStatusValues, FilterDataStatusValues, FilterTrailersStatusValues };

// proxy-wasm log levels (same numbering as the ABI).
export const enum LogLevel { Trace = 0, Debug = 1, Info = 2, Warn = 3, Error = 4, Critical = 5 }

// proxy-wasm ABI values used below (proxy-wasm spec, ABI 0.2.x).
const enum Result { Ok = 0, NotFound = 1 }
const enum MapType { RequestHeaders = 0, RequestTrailers = 1, ResponseHeaders = 2 }
const enum BufferType { HttpRequestBody = 0, PluginConfiguration = 7 }
const enum MetricType { Counter = 0, Gauge = 1, Histogram = 2 }

// gRPC status for a local response: -1 means "not a gRPC status", and Envoy then derives one
// from the HTTP status for gRPC clients (403 -> PERMISSION_DENIED). 0 would be gRPC OK: a blocked
// call would reach its client as a successful, empty reply (Envoy's context.cc, InvalidCode).
const GRPC_STATUS_NOT_SET: u32 = 0xFFFFFFFF;

// Returned by defineCounter when the host refused the metric; incrementCounter ignores it.
export const INVALID_METRIC_ID: u32 = u32.MAX_VALUE;

// Out-parameters the host writes through: [0] data pointer (host-malloc'd), [4] size,
// [8] a u32 result (metric id). 16 bytes, zero-initialised, one per VM
// (a VM is single-threaded, so calls never interleave).
const outPtr: usize = memory.data(16);

@inline function resetOut(): void {
  store<u32>(outPtr, 0);
  store<u32>(outPtr, 0, 4);
}

// Takes ownership of the buffer the host malloc'd into outPtr. The host writes
// (0, 0) for empty data, so that reads as an empty buffer.
function takeOut(): ArrayBuffer {
  let dataPtr = <usize>load<u32>(outPtr);
  let size = load<u32>(outPtr, 4);
  resetOut();
  if (dataPtr == 0) return new ArrayBuffer(0);
  if (size == 0) {
    free(dataPtr);
    return new ArrayBuffer(0);
  }
  let buf = changetype<ArrayBuffer>(dataPtr);
  // malloc pinned it for the host; from here on the GC owns it through `buf`.
  free(dataPtr);
  return buf;
}

// ---- logging ----------------------------------------------------------------

// Logs a message. Build `msg` only after checking the level (log.ts will cache it).
export function log(level: LogLevel, msg: string): void {
  let bytes = String.UTF8.encode(msg);
  abi.proxy_log(<usize>level, changetype<usize>(bytes), <usize>bytes.byteLength);
}

// Logs raw bytes from linear memory; allocation-free (used by abort.ts).
export function logRaw(level: LogLevel, msgPtr: usize, msgLen: usize): void {
  abi.proxy_log(<usize>level, msgPtr, msgLen);
}

// No getLogLevel: proxy_get_log_level is ABI 0.2.1, and Envoy refuses to load
// a module that exports proxy_abi_version_0_2_0 (as this SDK does) and imports
// it ("missing import: env.proxy_get_log_level"). Take the level from config.

// ---- configuration ----------------------------------------------------------

// The plugin configuration bytes as given in the Envoy config; empty when there
// is none. `sizeBytes` is the size proxy_on_configure received.
export function getPluginConfiguration(sizeBytes: u32): ArrayBuffer {
  if (sizeBytes == 0) return new ArrayBuffer(0);
  resetOut();
  let r = abi.proxy_get_buffer_bytes(BufferType.PluginConfiguration, 0, sizeBytes, outPtr, outPtr + 4);
  if (r != Result.Ok) { resetOut(); return new ArrayBuffer(0); }
  return takeOut();
}

// ---- request headers --------------------------------------------------------

// All request headers in the host's serialized form, or null on failure:
//   u32 count, then count × (u32 keyLen, u32 valueLen), then for each pair
//   key bytes, 0x00, value bytes, 0x00 (all little-endian).
// Spans into this one buffer are the cheapest way to walk the headers.
export function getRequestHeaderPairsRaw(): ArrayBuffer | null {
  resetOut();
  let r = abi.proxy_get_header_map_pairs(MapType.RequestHeaders, outPtr, outPtr + 4);
  if (r != Result.Ok) { resetOut(); return null; }
  return takeOut();
}

// One header as raw bytes (copies out of the serialized form).
export class HeaderBytes {
  constructor(public name: ArrayBuffer, public value: ArrayBuffer) {}
}

// Adds a request header (an existing one with the same name is kept). True on success.
export function addRequestHeaderBytes(name: ArrayBuffer, value: ArrayBuffer): bool {
  return abi.proxy_add_header_map_value(MapType.RequestHeaders, changetype<usize>(name), <usize>name.byteLength,
    changetype<usize>(value), <usize>value.byteLength) == Result.Ok;
}

// Removes every request header named by the bytes at namePtr (all its values). Allocation-free:
// the name may point into a getRequestHeaderPairsRaw buffer. True on success.
export function removeRequestHeaderRaw(namePtr: usize, nameLen: usize): bool {
  return abi.proxy_remove_header_map_value(MapType.RequestHeaders, namePtr, nameLen) == Result.Ok;
}

// ---- request body -----------------------------------------------------------

// Bytes [startBytes, startBytes+lenBytes) of the buffered request body, or null
// when there is no body buffer. The host clamps the range to what is buffered
// (a range past the end gives an empty buffer).
// The size onRequestBody receives is cumulative: read only the new slice.
export function getRequestBody(startBytes: u32, lenBytes: u32): ArrayBuffer | null {
  resetOut();
  let r = abi.proxy_get_buffer_bytes(BufferType.HttpRequestBody, startBytes, lenBytes, outPtr, outPtr + 4);
  if (r != Result.Ok) { resetOut(); return null; }
  return takeOut();
}

// Serializes header pairs into the host's pairs format (see getRequestHeaderPairsRaw).
function serializePairs(headers: Array<HeaderBytes>): ArrayBuffer {
  let n = headers.length;
  let size: i32 = 4 + n * 8;
  for (let i = 0; i < n; i++) {
    let h = unchecked(headers[i]);
    size += h.name.byteLength + h.value.byteLength + 2;
  }
  let out = new ArrayBuffer(size); // zero-filled, so terminators are already 0
  let base = changetype<usize>(out);
  store<u32>(base, <u32>n);
  let dataOff: usize = 4 + <usize>n * 8;
  for (let i = 0; i < n; i++) {
    let h = unchecked(headers[i]);
    let kLen = <usize>h.name.byteLength;
    let vLen = <usize>h.value.byteLength;
    store<u32>(base + 4 + <usize>i * 8, <u32>kLen);
    store<u32>(base + 8 + <usize>i * 8, <u32>vLen);
    memory.copy(base + dataOff, changetype<usize>(h.name), kLen);
    dataOff += kLen + 1;
    memory.copy(base + dataOff, changetype<usize>(h.value), vLen);
    dataOff += vLen + 1;
  }
  return out;
}

// Replies to the client without going upstream. `details` shows up as
// %RESPONSE_CODE_DETAILS% in Envoy's access log (no spaces). True on success;
// the caller should then return a stop status and decide nothing more.
export function sendLocalResponse(status: u32, body: ArrayBuffer, headers: Array<HeaderBytes>, details: string = "wafscore"): bool {
  let d = String.UTF8.encode(details);
  let pairs = serializePairs(headers);
  return abi.proxy_send_local_response(status, changetype<usize>(d), <usize>d.byteLength,
    changetype<usize>(body), <usize>body.byteLength,
    changetype<usize>(pairs), <usize>pairs.byteLength, GRPC_STATUS_NOT_SET) == Result.Ok;
}

// ---- filter state -----------------------------------------------------------

// Writes `value` into the request's filter state under `name`. Envoy stores it as "wasm.<name>"
// (context.cc setProperty: a mutable bytes value that lives as long as the filter chain), where
// access logs read it with %FILTER_STATE(wasm.<name>:PLAIN)% and CEL as filter_state["wasm.<name>"].
// Filter state rather than dynamic metadata: a wasm filter cannot write the latter (Envoy #15148).
// `name` is one segment with dots: Envoy keys by the raw bytes, so the NUL-separated path the
// SDKs build for get_property would put a NUL into the key. False when the host refuses (outside
// a stream, or a host without filter state); allocation-free.
export function setFilterState(name: ArrayBuffer, value: ArrayBuffer): bool {
  return abi.proxy_set_property(changetype<usize>(name), <usize>name.byteLength,
    changetype<usize>(value), <usize>value.byteLength) == Result.Ok;
}

// ---- properties -------------------------------------------------------------

// A property of the stream (Envoy's attributes, e.g. `source.address`), or null when the host has
// none (NotFound: no TLS peer, a host without the attribute). `path` is the property's segments
// joined by NUL bytes ("source\0address"), as the ABI takes it.
export function getProperty(path: ArrayBuffer): ArrayBuffer | null {
  resetOut();
  let r = abi.proxy_get_property(changetype<usize>(path), <usize>path.byteLength, outPtr, outPtr + 4);
  if (r != Result.Ok) { resetOut(); return null; }
  return takeOut();
}

// ---- metrics ----------------------------------------------------------------

// Defines a counter (call from onConfigure, keep the id). INVALID_METRIC_ID on failure.
export function defineCounter(name: string): u32 {
  return defineMetric(MetricType.Counter, name);
}

// Defines a gauge; set it with recordMetric. INVALID_METRIC_ID on failure.
export function defineGauge(name: string): u32 {
  return defineMetric(MetricType.Gauge, name);
}

// Defines a histogram; record into it with recordMetric. INVALID_METRIC_ID on failure.
export function defineHistogram(name: string): u32 {
  return defineMetric(MetricType.Histogram, name);
}

function defineMetric(type: MetricType, name: string): u32 {
  let n = String.UTF8.encode(name);
  store<u32>(outPtr, INVALID_METRIC_ID, 8);
  if (abi.proxy_define_metric(type, changetype<usize>(n), <usize>n.byteLength, outPtr + 8) != Result.Ok) {
    return INVALID_METRIC_ID;
  }
  return load<u32>(outPtr, 8);
}

// The host's wall clock in nanoseconds (Envoy: its time source), 0 if the host refuses.
export function nowNanos(): u64 {
  store<u64>(outPtr, 0, 8);
  abi.proxy_get_current_time_nanoseconds(outPtr + 8);
  return load<u64>(outPtr, 8);
}

// Sets a gauge defined by defineGauge, or records a value into a histogram; a no-op for
// INVALID_METRIC_ID.
export function recordMetric(id: u32, value: u64): void {
  if (id == INVALID_METRIC_ID) return;
  abi.proxy_record_metric(id, value);
}


// Adds `n` to a counter defined by defineCounter; a no-op for INVALID_METRIC_ID.
export function incrementCounter(id: u32, n: i64 = 1): void {
  if (id == INVALID_METRIC_ID) return;
  abi.proxy_increment_metric(id, n);
}
