// A small proxy-wasm host (ABI 0.2.x) in Node, in the style of the Go SDK's proxytest: loads a filter
// module, drives its callbacks as Envoy does and records what the filter did. Used by test/host/*.test.ts.
//
// What it models, and from where (proxy-wasm spec v0.2.1, abi-versions/v0.2.1/README.md; Envoy's
// source/extensions/common/wasm/context.cc; proxy-wasm-cpp-host):
// - start-up: instantiate, `_initialize`, proxy_on_context_create(root, 0), proxy_on_vm_start,
//   proxy_on_configure; a module exporting no proxy_abi_version_* is refused;
// - imports: every host function the module imports must be one of the ABI's; the ones this
//   emulator does not implement throw an error naming themselves when called; an import the ABI
//   does not have (or, for a 0.2.0 module, one added in 0.2.1) fails Host.create at once;
// - request headers: names lower-cased as Envoy stores them; writable while the headers are
//   held (their callback, or later if it returned StopIteration), BadArgument once they went on;
// - request body: the size passed to proxy_on_request_body is what is buffered so far: Envoy adds
//   each chunk to the buffer while the filter returns StopIterationAndBuffer, and forwards it
//   on Continue; the buffer stays readable from the trailers callback;
// - local responses: one per stream (a second is BadArgument); the stream then ends and later
//   parts of the request never reach the filter; details with spaces become '_' as in Envoy;
// - metrics: counters only go up (a delta <= 0 is BadArgument), gauges add or are set,
//   histograms record values; get_metric answers counters and gauges;
// - properties: get_property answers the stream's own (`request({ properties })`: Envoy's per-stream
//   attributes such as source.address, "127.0.0.1:54321") before the host's, NotFound for neither;
// - filter state: set_property in a stream stores the value under "wasm." + the raw path bytes
//   (Envoy's setProperty; no NUL splitting), NotFound outside a stream (no stream info);
// - a host that lacks a feature: `refuse` lists host functions that answer Unimplemented and do
//   nothing (ngx_wasm_module versions whose define_metric returns an error).

import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The release filter `make build` writes. */
export const DEFAULT_WASM = resolve(REPO_ROOT, "build/wafscore.wasm");

/** The root id the filter registers under, read from its one definition (filter/glue/constants.ts). */
export const ROOT_ID: string = (() => {
  const src = readFileSync(resolve(REPO_ROOT, "filter/glue/constants.ts"), "utf8");
  const m = /export const ROOT_ID\s*=\s*"([^"]*)"/.exec(src);
  if (!m) throw new Error("filter/glue/constants.ts: no `export const ROOT_ID = \"...\"`");
  return m[1];
})();

// ---- ABI values (proxy-wasm spec v0.2.1, "Types") -----------------------------------------------

export const Status = { Ok: 0, NotFound: 1, BadArgument: 2, SerializationFailure: 3, ParseFailure: 4, InvalidMemoryAccess: 6, Empty: 7, CasMismatch: 8, InternalFailure: 10, Unimplemented: 12 } as const;
export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "critical"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
const enum BufferType { HttpRequestBody = 0, VmConfiguration = 6, PluginConfiguration = 7 }
const enum MapType { HttpRequestHeaders = 0, HttpRequestTrailers = 1 }
const METRIC_TYPES = ["counter", "gauge", "histogram"] as const;
export type MetricType = (typeof METRIC_TYPES)[number];

// The statuses Envoy's filter callbacks return (proxy-wasm-cpp-host's enums, as the SDKs send them).
export const HEADERS_STATUS = ["Continue", "StopIteration", "ContinueAndEndStream", "StopAllIterationAndBuffer", "StopAllIterationAndWatermark"] as const;
export const DATA_STATUS = ["Continue", "StopIterationAndBuffer", "StopIterationAndWatermark", "StopIterationNoBuffer"] as const;
export const TRAILERS_STATUS = ["Continue", "StopIteration"] as const;
export type HeadersStatus = (typeof HEADERS_STATUS)[number];
export type DataStatus = (typeof DATA_STATUS)[number];
export type TrailersStatus = (typeof TRAILERS_STATUS)[number];

// Every host function of ABI 0.2.1, by module. `since` marks the one 0.2.1 added: Envoy refuses a
// module that exports proxy_abi_version_0_2_0 and imports it (filter/glue/host.ts).
const ABI_IMPORTS: Record<string, string[]> = {
  env: [
    "proxy_done", "proxy_set_effective_context", "proxy_log", "proxy_get_log_level",
    "proxy_get_current_time_nanoseconds", "proxy_set_tick_period_milliseconds",
    "proxy_set_buffer_bytes", "proxy_get_buffer_bytes", "proxy_get_buffer_status",
    "proxy_get_header_map_size", "proxy_get_header_map_pairs", "proxy_set_header_map_pairs",
    "proxy_get_header_map_value", "proxy_add_header_map_value", "proxy_replace_header_map_value",
    "proxy_remove_header_map_value", "proxy_continue_stream", "proxy_close_stream", "proxy_get_status",
    "proxy_send_local_response", "proxy_http_call", "proxy_grpc_call", "proxy_grpc_stream",
    "proxy_grpc_send", "proxy_grpc_cancel", "proxy_grpc_close", "proxy_set_shared_data",
    "proxy_get_shared_data", "proxy_register_shared_queue", "proxy_resolve_shared_queue",
    "proxy_enqueue_shared_queue", "proxy_dequeue_shared_queue", "proxy_define_metric",
    "proxy_record_metric", "proxy_increment_metric", "proxy_get_metric", "proxy_get_property",
    "proxy_set_property", "proxy_call_foreign_function",
    // 0.1.0/0.2.0 names Envoy still provides for older SDKs.
    "proxy_continue_request", "proxy_continue_response", "proxy_clear_route_cache",
  ],
  wasi_snapshot_preview1: [
    "fd_write", "clock_time_get", "random_get", "environ_sizes_get", "environ_get",
    "args_sizes_get", "args_get", "proc_exit",
  ],
};
const ONLY_IN_0_2_1 = new Set(["env.proxy_get_log_level"]);

// ---- public shapes ------------------------------------------------------------------------------

/** Header pairs as a client sends them; values may be raw bytes (not UTF-8). */
export type Pairs = Array<[string, string | Uint8Array]>;
export type Bytes = string | Uint8Array;

export interface HostOptions {
  /** Defaults to build/wafscore.wasm. */
  wasmPath?: string;
  /** The plugin configuration (`configuration` in Envoy's config); an object is sent as JSON. */
  pluginConfig?: Bytes | object;
  /** The VM configuration (`vm_config.configuration`). */
  vmConfig?: Bytes;
  /** The plugin's root_id (Envoy's `plugin_root_id` property); defaults to ROOT_ID. */
  rootId?: string;
  /** Extra properties by dot-separated path ("request.path"); plugin_root_id is always there. */
  properties?: Record<string, Bytes>;
  /** The host's clock in ns since the epoch (proxy_get_current_time_nanoseconds). */
  now?: () => bigint;
  /** Envoy's buffer limit (per_connection_buffer_limit_bytes): a buffered body past it gets a 413 from the host. */
  bufferLimitBytes?: number;
  /** Print every log line the filter writes (also on with WAFSCORE_HOST_LOG=1). */
  echoLogs?: boolean;
  /** Host functions (e.g. "proxy_define_metric") that answer Unimplemented and do nothing, as a host without the feature does. */
  refuse?: string[];
  /**
   * Envoy's `allow_on_headers_stop_iteration` (default true, as the demo sets it). False models a
   * host without it (Istio's WasmPlugin, Envoy Gateway): StopIteration on headers becomes StopAll,
   * and the body and trailer callbacks never come (proxy-wasm-cpp-host #143): the request stalls.
   */
  allowOnHeadersStopIteration?: boolean;
}

export interface LogLine { level: LogLevel; message: string; contextId: number }

export interface Metric { name: string; type: MetricType; value: number; values: number[] }

export interface LocalResponse {
  status: number;
  body: Uint8Array;
  bodyText: string;
  headers: Array<[string, string]>;
  details: string;
  /** As the module passed it: Envoy maps 0..16 to a gRPC status (0 is OK) and anything else to none. */
  grpcStatus: number;
  /** True when the host (not the filter) answered, e.g. 413 past bufferLimitBytes. */
  fromHost: boolean;
}

export interface HeaderOp { op: "add" | "replace" | "remove"; map: "request_headers" | "request_trailers"; name: string; value?: string; result: number }

export interface Call {
  callback: "headers" | "body" | "trailers";
  /** The status the filter returned; null when the call never reached it (the stream had ended). */
  status: HeadersStatus | DataStatus | TrailersStatus | null;
  /** For body calls: the size passed to the filter (what is buffered so far). */
  sizeBytes?: number;
  endOfStream?: boolean;
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();
const toBytes = (b: Bytes): Uint8Array => (typeof b === "string" ? utf8.encode(b) : b);
const concat = (a: Uint8Array, b: Uint8Array): Uint8Array => {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
};

interface Exports {
  memory: WebAssembly.Memory;
  _initialize?: () => void;
  malloc?: (n: number) => number;
  proxy_on_memory_allocate?: (n: number) => number;
  [name: string]: unknown;
}

/** Raised by an import the emulator knows but does not implement, or on a misuse of the host. */
export class HostError extends Error {}

const compiled = new Map<string, WebAssembly.Module>();

// ---- the host -----------------------------------------------------------------------------------

export class Host {
  readonly logs: LogLine[] = [];
  /** Property paths the filter asked for, dot-separated, in order. */
  readonly propertiesAsked: string[] = [];
  /** How many times the filter called each host function (`env.` names), since the VM started. */
  readonly hostCalls = new Map<string, number>();
  /** Result of proxy_on_vm_start and proxy_on_configure. */
  vmStarted = false;
  configured = false;
  /** The ABI version the module exports, e.g. "0_2_0". */
  readonly abiVersion: string;
  /** Set once the VM trapped: Envoy fails the VM, and so does every later call here. */
  failed: Error | null = null;

  private x!: Exports;
  private readonly rootContextId = 1;
  private nextContextId = 2;
  private current: { contextId: number; stream: HttpStream | null; buffer: Uint8Array | null; bufferType: number } | null = null;
  private readonly metricIds = new Map<number, Metric>();
  private readonly metricsByName = new Map<string, Metric>();
  private nextMetricId = 1;
  private readonly properties = new Map<string, Uint8Array>();
  private readonly now: () => bigint;
  private readonly echoLogs: boolean;
  readonly bufferLimitBytes: number;
  readonly allowOnHeadersStopIteration: boolean;

  private constructor(module: WebAssembly.Module, private readonly opts: HostOptions) {
    this.now = opts.now ?? (() => BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e6)));
    this.echoLogs = opts.echoLogs ?? process.env.WAFSCORE_HOST_LOG === "1";
    this.bufferLimitBytes = opts.bufferLimitBytes ?? Infinity;
    this.allowOnHeadersStopIteration = opts.allowOnHeadersStopIteration ?? true;
    this.properties.set("plugin_root_id", utf8.encode(opts.rootId ?? ROOT_ID));
    for (const [k, v] of Object.entries(opts.properties ?? {})) this.properties.set(k.split(".").join("\0"), toBytes(v));
    const exports = WebAssembly.Module.exports(module).map((e) => e.name);
    const abi = exports.find((n) => /^proxy_abi_version_\d+_\d+_\d+$/.test(n));
    if (!abi) throw new HostError("module exports no proxy_abi_version_* function: not a proxy-wasm module");
    this.abiVersion = abi.slice("proxy_abi_version_".length);
    if (this.abiVersion !== "0_2_0" && this.abiVersion !== "0_2_1") throw new HostError(`unsupported proxy-wasm ABI ${this.abiVersion} (this host speaks 0_2_0 and 0_2_1)`);
    for (const name of opts.refuse ?? []) if (!ABI_IMPORTS.env.includes(name)) throw new HostError(`refuse: ${name} is not a proxy-wasm host function`);
  }

  /** The size of the module's linear memory, as Envoy's wasm VM memory gauge reports it. */
  get memoryBytes(): number { return this.x.memory.buffer.byteLength; }

  /** Loads the module, starts the VM and configures the root context (as Envoy does at plugin start). */
  static async create(opts: HostOptions = {}): Promise<Host> {
    const path = opts.wasmPath ?? DEFAULT_WASM;
    let module: WebAssembly.Module | undefined = compiled.get(path);
    if (!module) {
      module = await WebAssembly.compile(readFileSync(path));
      compiled.set(path, module);
    }
    const host = new Host(module, opts);
    const instance = await WebAssembly.instantiate(module, host.importObject(module));
    host.x = instance.exports as unknown as Exports;
    if (!host.x.proxy_on_memory_allocate && !host.x.malloc) throw new HostError("module exports neither proxy_on_memory_allocate nor malloc");
    host.x._initialize?.();
    host.callIn(null, "proxy_on_context_create", 0, [host.rootContextId, 0]);
    const vmConfig = toBytes(opts.vmConfig ?? "");
    host.vmStarted = host.callIn(null, "proxy_on_vm_start", 1, [host.rootContextId, vmConfig.length], { type: BufferType.VmConfiguration, data: vmConfig }) !== 0;
    const pc = opts.pluginConfig;
    const pluginConfig = pc === undefined ? new Uint8Array(0) : typeof pc === "string" || pc instanceof Uint8Array ? toBytes(pc) : utf8.encode(JSON.stringify(pc));
    host.configured = host.vmStarted && host.callIn(null, "proxy_on_configure", 1, [host.rootContextId, pluginConfig.length], { type: BufferType.PluginConfiguration, data: pluginConfig }) !== 0;
    return host;
  }

  /**
   * A new HTTP stream (proxy_on_context_create with the root as parent). `properties`: the stream's
   * own, by dot-separated path, as Envoy gives them per stream ("source.address": "10.0.0.5:41234",
   * "connection.uri_san_peer_certificate": "spiffe://..."); they hide the host's of the same path.
   */
  request(opts: { properties?: Record<string, Bytes> } = {}): HttpStream {
    if (!this.configured) throw new HostError("the plugin is not configured: Envoy would not create streams for it");
    const id = this.nextContextId++;
    const s = new HttpStream(this, id);
    for (const [k, v] of Object.entries(opts.properties ?? {})) s.properties.set(k.split(".").join("\0"), toBytes(v));
    this.callIn(s, "proxy_on_context_create", 0, [id, this.rootContextId]);
    return s;
  }

  /** Log messages, optionally only those at `level`. */
  messages(level?: LogLevel): string[] {
    return this.logs.filter((l) => !level || l.level === level).map((l) => l.message);
  }

  /** A metric by name: counters and gauges as a number, histograms as their count of values; undefined if never defined. */
  metric(name: string): number | undefined {
    const m = this.metricsByName.get(name);
    return m === undefined ? undefined : m.type === "histogram" ? m.values.length : m.value;
  }

  /** Every metric defined so far, by name. */
  metrics(): Record<string, Metric> {
    return Object.fromEntries([...this.metricsByName].map(([k, m]) => [k, { ...m, values: [...m.values] }]));
  }

  /**
   * Calls a callback with `stream`'s context current. Callbacks are optional (spec v0.2.1): one the
   * module does not export is not called and `missing` is returned, as Envoy answers for it (true for
   * vm_start and configure, Continue for the HTTP callbacks). A trap marks the VM failed and is
   * rethrown with the last critical log line (the filter's abort handler writes one).
   */
  callIn(stream: HttpStream | null, fn: string, missing: number, args: number[], buffer?: { type: number; data: Uint8Array }): number {
    if (this.failed) throw new HostError(`VM failed earlier (${this.failed.message}); ${fn} not called`);
    const f = this.x[fn];
    if (f === undefined) return missing;
    if (typeof f !== "function") throw new HostError(`module exports ${fn}, but not as a function`);
    const saved = this.current;
    this.current = { contextId: args[0] ?? 0, stream, buffer: buffer?.data ?? null, bufferType: buffer?.type ?? -1 };
    try {
      return (f as (...a: number[]) => number)(...args) ?? 0;
    } catch (e) {
      if (e instanceof HostError) throw e;
      const critical = this.logs.filter((l) => l.level === "critical").at(-1)?.message;
      this.failed = new Error(`${fn} trapped: ${(e as Error).message}${critical ? ` (last critical log: ${critical})` : ""}`, { cause: e });
      throw this.failed;
    } finally {
      this.current = saved;
    }
  }

  // ---- memory helpers ----

  private get mem(): DataView { return new DataView(this.x.memory.buffer); }
  private bytesAt(ptr: number, len: number): Uint8Array {
    if (ptr + len > this.x.memory.buffer.byteLength) throw new HostError(`module passed a span past its memory: ${ptr}+${len}`);
    return new Uint8Array(this.x.memory.buffer, ptr, len).slice();
  }
  private textAt(ptr: number, len: number): string { return fromUtf8.decode(this.bytesAt(ptr, len)); }
  /** Copies `data` into module memory (its allocator) and writes (pointer, size) to the out-parameters; (0, 0) when empty, as Envoy does. */
  private give(data: Uint8Array, ptrPtr: number, sizePtr: number): number {
    let p = 0;
    if (data.length > 0) {
      p = (this.x.proxy_on_memory_allocate ?? this.x.malloc)!(data.length);
      if (p === 0) return Status.InternalFailure;
      new Uint8Array(this.x.memory.buffer, p, data.length).set(data); // after the allocation: memory may have grown
    }
    this.mem.setUint32(ptrPtr, p, true);
    this.mem.setUint32(sizePtr, data.length, true);
    return Status.Ok;
  }

  // ---- the import object ----

  private importObject(module: WebAssembly.Module): WebAssembly.Imports {
    const impl = this.implemented();
    const imports: Record<string, Record<string, WebAssembly.ImportValue>> = {};
    const unknown: string[] = [];
    for (const imp of WebAssembly.Module.imports(module)) {
      const full = `${imp.module}.${imp.name}`;
      const known = imp.kind === "function" && (ABI_IMPORTS[imp.module] ?? []).includes(imp.name);
      if (!known || (ONLY_IN_0_2_1.has(full) && this.abiVersion === "0_2_0")) {
        unknown.push(`${full} (${imp.kind})`);
        continue;
      }
      const refused = imp.module === "env" && (this.opts.refuse ?? []).includes(imp.name);
      const fn = refused ? () => Status.Unimplemented : imp.module === "env" ? impl[imp.name] : undefined;
      const name = imp.name;
      const counted = fn && imp.module === "env" ? (...args: unknown[]) => {
        this.hostCalls.set(name, (this.hostCalls.get(name) ?? 0) + 1);
        return (fn as (...a: unknown[]) => unknown)(...args);
      } : fn;
      (imports[imp.module] ??= {})[imp.name] = counted ?? (() => { throw new HostError(`host function ${full} is part of the ABI but not implemented by test/host/emulator.ts`); });
    }
    if (unknown.length > 0) throw new HostError(`module imports what a proxy-wasm ${this.abiVersion.replaceAll("_", ".")} host does not provide: ${unknown.join(", ")}`);
    return imports;
  }

  private streamOf(what: string): HttpStream {
    const s = this.current?.stream;
    if (!s) throw new HostError(`${what} called outside a stream context`);
    return s;
  }

  private implemented(): Record<string, (...a: never[]) => number> {
    return {
      proxy_log: (level: number, ptr: number, len: number) => {
        if (level < 0 || level >= LOG_LEVELS.length) return Status.BadArgument;
        const line = { level: LOG_LEVELS[level], message: this.textAt(ptr, len), contextId: this.current?.contextId ?? 0 };
        this.logs.push(line);
        if (this.echoLogs) console.error(`[wasm ${line.level} ctx=${line.contextId}] ${line.message}`);
        return Status.Ok;
      },

      proxy_get_current_time_nanoseconds: (ptr: number) => {
        this.mem.setBigUint64(ptr, this.now(), true);
        return Status.Ok;
      },

      proxy_get_property: (pathPtr: number, pathLen: number, ptrPtr: number, sizePtr: number) => {
        const key = this.textAt(pathPtr, pathLen);
        this.propertiesAsked.push(key.split("\0").join("."));
        const v = this.current?.stream?.properties.get(key) ?? this.properties.get(key);
        return v === undefined ? Status.NotFound : this.give(v, ptrPtr, sizePtr);
      },

      proxy_set_property: (pathPtr: number, pathLen: number, vPtr: number, vLen: number) => {
        const s = this.current?.stream;
        if (!s) return Status.NotFound; // Envoy: no stream info outside a stream
        s.filterState.set(`wasm.${this.textAt(pathPtr, pathLen)}`, this.bytesAt(vPtr, vLen));
        return Status.Ok;
      },

      proxy_get_buffer_bytes: (type: number, start: number, maxSize: number, ptrPtr: number, sizePtr: number) => {
        const buf = this.bufferFor(type);
        if (buf === null) return Status.NotFound;
        if (start > buf.length) return Status.BadArgument;
        const end = Math.min(buf.length, start + maxSize);
        // Envoy writes nothing for an empty range (its copyTo is skipped) and answers Ok.
        if (end === start) return Status.Ok;
        return this.give(buf.subarray(start, end), ptrPtr, sizePtr);
      },

      proxy_get_buffer_status: (type: number, sizePtr: number, flagsPtr: number) => {
        const buf = this.bufferFor(type);
        if (buf === null) return Status.NotFound;
        this.mem.setUint32(sizePtr, buf.length, true);
        this.mem.setUint32(flagsPtr, 0, true);
        return Status.Ok;
      },

      proxy_get_header_map_pairs: (type: number, ptrPtr: number, sizePtr: number) => {
        const map = this.streamOf("proxy_get_header_map_pairs").readableMap(type);
        if (map === undefined) return Status.BadArgument;
        return this.give(serializePairs(map ?? []), ptrPtr, sizePtr);
      },

      proxy_get_header_map_size: (type: number, sizePtr: number) => {
        const map = this.streamOf("proxy_get_header_map_size").readableMap(type);
        if (map === undefined) return Status.BadArgument;
        this.mem.setUint32(sizePtr, map === null || map.length === 0 ? 0 : serializePairs(map).length, true);
        return Status.Ok;
      },

      proxy_get_header_map_value: (type: number, kPtr: number, kLen: number, ptrPtr: number, sizePtr: number) => {
        const map = this.streamOf("proxy_get_header_map_value").readableMap(type);
        if (map === undefined) return Status.BadArgument;
        const name = this.textAt(kPtr, kLen).toLowerCase();
        const hit = (map ?? []).find(([k]) => k === name);
        return hit ? this.give(hit[1], ptrPtr, sizePtr) : Status.NotFound;
      },

      proxy_add_header_map_value: (type: number, kPtr: number, kLen: number, vPtr: number, vLen: number) =>
        this.streamOf("proxy_add_header_map_value").editMap("add", type, this.textAt(kPtr, kLen), this.bytesAt(vPtr, vLen)),

      proxy_replace_header_map_value: (type: number, kPtr: number, kLen: number, vPtr: number, vLen: number) =>
        this.streamOf("proxy_replace_header_map_value").editMap("replace", type, this.textAt(kPtr, kLen), this.bytesAt(vPtr, vLen)),

      proxy_remove_header_map_value: (type: number, kPtr: number, kLen: number) =>
        this.streamOf("proxy_remove_header_map_value").editMap("remove", type, this.textAt(kPtr, kLen), null),

      proxy_send_local_response: (status: number, dPtr: number, dLen: number, bPtr: number, bLen: number, hPtr: number, hLen: number, grpc: number) => {
        const body = this.bytesAt(bPtr, bLen);
        return this.streamOf("proxy_send_local_response").answer({
          status, body, bodyText: fromUtf8.decode(body),
          headers: parsePairs(this.bytesAt(hPtr, hLen)),
          details: this.textAt(dPtr, dLen).replace(/\s/g, "_"), // Envoy: StringUtil::replaceAllEmptySpace
          grpcStatus: grpc >>> 0, fromHost: false,
        });
      },

      proxy_define_metric: (type: number, nPtr: number, nLen: number, idPtr: number) => {
        if (type < 0 || type >= METRIC_TYPES.length) return Status.BadArgument;
        const name = this.textAt(nPtr, nLen);
        // Envoy gives every definition a new id; ids of one name share the stat (as here).
        let m = this.metricsByName.get(name);
        if (!m) {
          m = { name, type: METRIC_TYPES[type], value: 0, values: [] };
          this.metricsByName.set(name, m);
        } else if (m.type !== METRIC_TYPES[type]) {
          throw new HostError(`metric ${name} defined as a ${METRIC_TYPES[type]} after being defined as a ${m.type}`);
        }
        const id = this.nextMetricId++;
        this.metricIds.set(id, m);
        this.mem.setUint32(idPtr, id, true);
        return Status.Ok;
      },

      proxy_increment_metric: (id: number, delta: bigint) => {
        const m = this.metricIds.get(id);
        if (!m) return Status.NotFound;
        if (m.type === "histogram" || (m.type === "counter" && delta <= 0n)) return Status.BadArgument;
        m.value += Number(delta);
        return Status.Ok;
      },

      proxy_record_metric: (id: number, value: bigint) => {
        const m = this.metricIds.get(id);
        if (!m) return Status.NotFound;
        const v = Number(BigInt.asUintN(64, value));
        if (m.type === "counter") m.value += v; // Envoy: counter->add(value)
        else if (m.type === "gauge") m.value = v;
        else m.values.push(v);
        return Status.Ok;
      },

      proxy_get_metric: (id: number, ptr: number) => {
        const m = this.metricIds.get(id);
        if (!m) return Status.NotFound;
        if (m.type === "histogram") return Status.BadArgument;
        this.mem.setBigUint64(ptr, BigInt(m.value), true);
        return Status.Ok;
      },
    };
  }

  private bufferFor(type: number): Uint8Array | null {
    const c = this.current;
    if (!c) return null;
    if (type === BufferType.HttpRequestBody) return c.stream ? c.stream.bodyBuffer() : null;
    return c.bufferType === type ? c.buffer : null;
  }
}

// ---- one HTTP stream ----------------------------------------------------------------------------

export class HttpStream {
  /** Every callback driven, with the status the filter returned. */
  readonly calls: Call[] = [];
  /** Header edits the filter made, in order, with the host's result code. */
  readonly headerOps: HeaderOp[] = [];
  localResponse: LocalResponse | null = null;
  /** What went upstream: the headers (as edited) once released, the body bytes forwarded, the trailers. */
  readonly upstream: { headers: Array<[string, string]> | null; body: Uint8Array; trailers: Array<[string, string]> | null } = { headers: null, body: new Uint8Array(0), trailers: null };
  /** A local reply came after the headers had gone upstream: Envoy resets the upstream request. */
  upstreamReset = false;
  /** The headers returned StopIteration on a host without allow_on_headers_stop_iteration: nothing more is delivered. */
  stalled = false;
  /** Body bytes the host dropped because the filter answered StopIterationNoBuffer. */
  droppedBytes = 0;
  /** Filter state the filter wrote with set_property, keyed as Envoy keys it ("wasm.<path>"). */
  readonly filterState = new Map<string, Uint8Array>();
  /** The stream's own properties (NUL-separated paths), read before the host's. */
  readonly properties = new Map<string, Uint8Array>();

  private requestHeaders: Array<[string, Uint8Array]> | null = null;
  private requestTrailers: Array<[string, Uint8Array]> | null = null;
  private headersHeld = false;   // headers returned StopIteration and have not gone on yet
  private trailersHeld = false;
  private buffering = false;     // the last body call returned StopIterationAndBuffer
  private buffered: Uint8Array = new Uint8Array(0);
  private current: Uint8Array | null = null; // the body buffer the filter sees during a body call
  private ended = false;

  constructor(private readonly host: Host, readonly contextId: number) {}

  /** proxy_on_request_headers: Envoy lower-cases names; `endOfStream` means no body follows. */
  headers(pairs: Pairs, endOfStream = false): HeadersStatus | null {
    if (this.requestHeaders) throw new HostError("headers already sent on this stream");
    this.requestHeaders = pairs.map(([k, v]) => [k.toLowerCase(), toBytes(v)]);
    if (this.ended) return this.skipped("headers", { endOfStream });
    this.headersHeld = true;
    const status = statusName(HEADERS_STATUS, this.host.callIn(this, "proxy_on_request_headers", 0, [this.contextId, pairs.length, endOfStream ? 1 : 0]), "proxy_on_request_headers");
    this.calls.push({ callback: "headers", status, endOfStream });
    if (status === "Continue" && !this.ended) this.releaseHeaders();
    if (status === "StopIteration" && !this.ended && !this.host.allowOnHeadersStopIteration) this.stalled = true;
    return status;
  }

  /** proxy_on_request_body with the size Envoy passes: everything buffered so far plus this chunk. */
  body(chunk: Bytes, endOfStream = false): DataStatus | null {
    if (!this.requestHeaders) throw new HostError("body before headers");
    const data = toBytes(chunk);
    if (this.ended || this.stalled) return this.skipped("body", { endOfStream, sizeBytes: data.length });
    const buf = this.buffering ? concat(this.buffered, data) : data;
    if (this.buffering && buf.length > this.host.bufferLimitBytes) {
      // Envoy's filter manager answers 413 itself and the VM never sees this chunk.
      this.answer({ status: 413, body: utf8.encode("Payload Too Large"), bodyText: "Payload Too Large", headers: [], details: "request_payload_too_large", grpcStatus: 0xffffffff, fromHost: true });
      return this.skipped("body", { endOfStream, sizeBytes: buf.length });
    }
    this.current = buf;
    let status: DataStatus;
    try {
      status = statusName(DATA_STATUS, this.host.callIn(this, "proxy_on_request_body", 0, [this.contextId, buf.length, endOfStream ? 1 : 0]), "proxy_on_request_body");
    } finally {
      this.current = null;
    }
    this.calls.push({ callback: "body", status, sizeBytes: buf.length, endOfStream });
    this.buffering = false;
    this.buffered = new Uint8Array(0);
    if (this.ended) return status;
    if (status === "Continue") {
      this.releaseHeaders();
      this.upstream.body = concat(this.upstream.body, buf);
    } else if (status === "StopIterationAndBuffer") {
      this.buffering = true;
      this.buffered = buf;
    } else if (status === "StopIterationNoBuffer") {
      this.droppedBytes += buf.length;
    } else {
      // StopIterationAndWatermark: Envoy buffers it for the filter chain but the next call sees
      // only new data; no filter here uses it, so say so rather than guess.
      throw new HostError(`filter returned ${status}; test/host/emulator.ts does not model it`);
    }
    return status;
  }

  /** proxy_on_request_trailers (ends the request: HTTP/2 with trailers never sets end_of_stream on the body). */
  trailers(pairs: Pairs): TrailersStatus | null {
    if (!this.requestHeaders) throw new HostError("trailers before headers");
    this.requestTrailers = pairs.map(([k, v]) => [k.toLowerCase(), toBytes(v)]);
    if (this.ended || this.stalled) return this.skipped("trailers", {});
    this.trailersHeld = true;
    const status = statusName(TRAILERS_STATUS, this.host.callIn(this, "proxy_on_request_trailers", 0, [this.contextId, pairs.length]), "proxy_on_request_trailers");
    this.calls.push({ callback: "trailers", status });
    if (status === "Continue" && !this.ended) {
      this.releaseHeaders();
      this.upstream.body = concat(this.upstream.body, this.buffered);
      this.buffered = new Uint8Array(0);
      this.buffering = false;
      this.trailersHeld = false;
      this.upstream.trailers = this.requestTrailers.map(([k, v]) => [k, fromUtf8.decode(v)]);
    }
    return status;
  }

  /** Stream end as Envoy signals it: proxy_on_done, proxy_on_log, proxy_on_delete, each if exported. */
  close(): void {
    for (const fn of ["proxy_on_done", "proxy_on_log", "proxy_on_delete"]) this.host.callIn(this, fn, 0, [this.contextId]);
    this.ended = true;
  }

  /** Statuses as "callback:Status" strings, for compact assertions. */
  get statuses(): string[] {
    return this.calls.map((c) => `${c.callback}:${c.status ?? "not-delivered"}`);
  }

  /** The request headers as they are now (after the filter's edits). */
  get requestHeaderPairs(): Array<[string, string]> {
    return (this.requestHeaders ?? []).map(([k, v]) => [k, fromUtf8.decode(v)]);
  }

  /** The request header `name` as it is now (first value), or undefined. */
  header(name: string): string | undefined {
    return this.requestHeaderPairs.find(([k]) => k === name.toLowerCase())?.[1];
  }

  /** Headers the filter added or replaced, as name → value (last write wins). */
  get headersSet(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const op of this.headerOps) if (op.op !== "remove" && op.result === Status.Ok && op.map === "request_headers") out[op.name] = op.value!;
    return out;
  }

  /** The filter state as text, name → value, for keys under "wasm." + `prefix` (the prefix removed). */
  state(prefix = ""): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of this.filterState) if (k.startsWith(`wasm.${prefix}`)) out[k.slice(5 + prefix.length)] = fromUtf8.decode(v);
    return out;
  }

  /** Log lines written while this stream's context was current. */
  logs(level?: LogLevel): string[] {
    return this.host.logs.filter((l) => l.contextId === this.contextId && (!level || l.level === level)).map((l) => l.message);
  }

  // ---- called by Host's imports ----

  /** The HTTP_REQUEST_BODY buffer: during a body call what it is passed; after, what is held (empty if none). */
  bodyBuffer(): Uint8Array {
    return this.current ?? this.buffered;
  }

  /** A map for reading: undefined for an unknown map type, null when the map is not available now (read as empty). */
  readableMap(type: number): Array<[string, Uint8Array]> | null | undefined {
    if (type === MapType.HttpRequestHeaders) return this.headersHeld ? this.requestHeaders : null;
    if (type === MapType.HttpRequestTrailers) return this.trailersHeld ? this.requestTrailers : null;
    return type >= 2 && type <= 7 ? null : undefined;
  }

  editMap(op: HeaderOp["op"], type: number, rawName: string, value: Uint8Array | null): number {
    const name = rawName.toLowerCase();
    const mapName = type === MapType.HttpRequestHeaders ? "request_headers" : type === MapType.HttpRequestTrailers ? "request_trailers" : null;
    const map = type === MapType.HttpRequestHeaders ? (this.headersHeld ? this.requestHeaders : null) : type === MapType.HttpRequestTrailers ? (this.trailersHeld ? this.requestTrailers : null) : null;
    // Envoy: a map that is gone (headers already sent on) or not an HTTP request map is BadArgument.
    const result = map && !this.ended ? Status.Ok : Status.BadArgument;
    this.headerOps.push({ op, map: mapName ?? "request_headers", name, value: value ? fromUtf8.decode(value) : undefined, result });
    if (result !== Status.Ok || !map) return result;
    if (op === "add") map.push([name, value!]);
    else {
      const rest = map.filter(([k]) => k !== name);
      map.length = 0;
      map.push(...rest);
      if (op === "replace") map.push([name, value!]);
    }
    return Status.Ok;
  }

  answer(r: LocalResponse): number {
    if (this.localResponse) return Status.BadArgument; // Envoy's local_reply_hold_
    this.localResponse = r;
    this.upstreamReset = this.upstream.headers !== null;
    this.ended = true;
    this.headersHeld = false;
    this.trailersHeld = false;
    return Status.Ok;
  }

  // ---- internals ----

  private releaseHeaders(): void {
    if (!this.headersHeld) return;
    this.headersHeld = false;
    this.upstream.headers = this.requestHeaderPairs;
  }

  private skipped(callback: Call["callback"], extra: Partial<Call>): null {
    this.calls.push({ callback, status: null, ...extra });
    return null;
  }
}

function statusName<T extends string>(table: readonly T[], n: number, fn: string): T {
  const name = table[n];
  if (name === undefined) throw new HostError(`${fn} returned ${n}, not a status Envoy knows`);
  return name;
}

// ---- serialization (spec v0.2.1, "Serialization") -----------------------------------------------

/** u32 count, count × (u32 name length, u32 value length), then each name and value NUL-terminated; empty map → 0 bytes. */
export function serializePairs(pairs: Array<[string, Uint8Array]>): Uint8Array {
  if (pairs.length === 0) return new Uint8Array(0);
  const names = pairs.map(([k]) => utf8.encode(k));
  let size = 4 + 8 * pairs.length;
  for (let i = 0; i < pairs.length; i++) size += names[i].length + pairs[i][1].length + 2;
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  v.setUint32(0, pairs.length, true);
  let off = 4 + 8 * pairs.length;
  for (let i = 0; i < pairs.length; i++) {
    v.setUint32(4 + 8 * i, names[i].length, true);
    v.setUint32(8 + 8 * i, pairs[i][1].length, true);
    out.set(names[i], off);
    off += names[i].length + 1;
    out.set(pairs[i][1], off);
    off += pairs[i][1].length + 1;
  }
  return out;
}

/** The inverse of serializePairs; throws on a blob whose sizes do not add up (a module bug worth failing on). */
export function parsePairs(blob: Uint8Array): Array<[string, string]> {
  if (blob.length === 0 || (blob.length === 1 && blob[0] === 0)) return [];
  const v = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const n = v.getUint32(0, true);
  let off = 4 + 8 * n;
  const out: Array<[string, string]> = [];
  for (let i = 0; i < n; i++) {
    const kl = v.getUint32(4 + 8 * i, true), vl = v.getUint32(8 + 8 * i, true);
    if (off + kl + vl + 2 > blob.length || blob[off + kl] !== 0 || blob[off + kl + 1 + vl] !== 0) throw new HostError(`malformed header map from the module at pair ${i}`);
    out.push([fromUtf8.decode(blob.subarray(off, off + kl)), fromUtf8.decode(blob.subarray(off + kl + 1, off + kl + 1 + vl))]);
    off += kl + vl + 2;
  }
  return out;
}
