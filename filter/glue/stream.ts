// Placeholder per-request context: holds the request until its body has arrived, then tags it.
// Created by root.ts for every HTTP stream; TODO(scoring): replace the tagging with scoring and a decision.

import {
  Context, RootContext, FilterHeadersStatusValues, FilterDataStatusValues,
  addRequestHeader,
} from "./host";

export class WafStream extends Context {
  constructor(contextId: u32, root: RootContext) {
    super(contextId, root);
  }

  onRequestHeaders(_headerCount: u32, endOfStream: bool): FilterHeadersStatusValues {
    if (endOfStream) {
      // No body follows, so onRequestBody never fires (coraza #128): act now.
      addRequestHeader("x-waf-placeholder", "1");
      return FilterHeadersStatusValues.Continue;
    }
    // Hold the headers so they can still be changed once the body is seen.
    // Needs `allow_on_headers_stop_iteration: true` in the Envoy plugin config;
    // otherwise Envoy turns this into StopAll and the body callback never
    // comes (proxy-wasm-cpp-host #143, #417).
    return FilterHeadersStatusValues.StopIteration;
  }

  onRequestBody(_bodyBytes: usize, endOfStream: bool): FilterDataStatusValues {
    if (!endOfStream) return FilterDataStatusValues.StopIterationAndBuffer;
    addRequestHeader("x-waf-placeholder", "1");
    return FilterDataStatusValues.Continue;
  }

  // The SDK's defaults build a debug string per call on every request; these
  // overrides keep the request path free of them.
  onLog(): void {}
  onDone(): bool { return true; }
  onDelete(): void {}
}
