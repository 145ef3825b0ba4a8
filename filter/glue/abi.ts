// The proxy-wasm callbacks this filter exports: the SDK's, minus those it would only answer
// with "continue". proxy-wasm hosts skip a callback the module does not export (Envoy's
// proxy-wasm-cpp-host checks for each one), and every call into the VM costs Envoy CPU on
// every request: response headers, body and trailers, on_log and on_done were five such calls
// per request, each landing on a no-op. Shared by main.ts and loadtest/nullfilter, so the
// bench's do-nothing filter pays for the same calls.
//
// Not exported: proxy_on_tick, proxy_on_foreign_function, proxy_on_queue_ready,
// proxy_on_http_call_response and proxy_on_grpc_* (no timers, queues or callouts);
// proxy_on_request_metadata and proxy_on_response_* (the request is decided before the
// response starts); proxy_on_log (nothing to log at stream end); proxy_on_done (the host
// takes a missing one as "done", which is what the SDK's would answer for our contexts).
//
// Each is the SDK's inside gc.ts's enter() and leave(): the module runs on AssemblyScript's
// minimal runtime, which collects only when told to, at a callback's return.

import * as sdk from "@solo-io/proxy-runtime/assembly/proxy";
import { enter, leave, noteHostBytes } from "./gc";

export { free, proxy_abi_version_0_2_0 } from "@solo-io/proxy-runtime/assembly/proxy";

// The host's allocation of every buffer it hands the module, pinned until the glue takes it
// (host.ts takeOut) as the SDK's is. Not zeroed, unlike the SDK's `new ArrayBuffer`: the host
// writes every byte it asked for, and an ArrayBuffer holds nothing the collector follows. The
// zeroing is a memory.fill, which V8 runs as a call out of the VM into C's memset.
export function malloc(size: i32): usize {
  noteHostBytes(size);
  return __pin(__new(<usize>size, idof<ArrayBuffer>()));
}

export function proxy_on_vm_start(root: u32, size: u32): u32 {
  enter(); let r = sdk.proxy_on_vm_start(root, size); leave(false, true); return r;
}
export function proxy_validate_configuration(root: u32, size: u32): u32 {
  enter(); let r = sdk.proxy_validate_configuration(root, size); leave(false, true); return r;
}
export function proxy_on_configure(root: u32, size: u32): u32 {
  enter(); let r = sdk.proxy_on_configure(root, size); leave(false, true); return r;
}
export function proxy_on_context_create(id: u32, root: u32): void {
  enter(); sdk.proxy_on_context_create(id, root); leave();
}
export function proxy_on_request_headers(id: u32, headers: u32, endOfStream: u32): i32 {
  enter(); let r = sdk.proxy_on_request_headers(id, headers, endOfStream); leave(); return r;
}
export function proxy_on_request_body(id: u32, length: u32, endOfStream: u32): i32 {
  enter(); let r = sdk.proxy_on_request_body(id, length, endOfStream); leave(); return r;
}
export function proxy_on_request_trailers(id: u32, trailers: u32): i32 {
  enter(); let r = sdk.proxy_on_request_trailers(id, trailers); leave(); return r;
}
export function proxy_on_delete(id: u32): void {
  enter(); sdk.proxy_on_delete(id); leave(true);
}
