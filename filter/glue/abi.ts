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

export {
  malloc, free,
  proxy_abi_version_0_2_0, proxy_on_vm_start, proxy_validate_configuration, proxy_on_configure,
  proxy_on_context_create, proxy_on_request_headers, proxy_on_request_body, proxy_on_request_trailers,
  proxy_on_delete,
} from "@solo-io/proxy-runtime/assembly/proxy";
