// Test-only filter entry (built into build/trap.wasm, never shipped): the real root and stream, but a
// request with `x-wafscore-test-trap: 1` hits `unreachable`. Used by test/e2e/failure.e2e.test.ts.

export * from "../../filter/glue/abi";
import { RootContext, Context, registerRootContext, FilterHeadersStatusValues, stream_context } from "@solo-io/proxy-runtime/assembly";
import { ROOT_ID } from "../../filter/glue/constants";
import { WafRoot } from "../../filter/glue/root";
import { WafStream } from "../../filter/glue/stream";
import "../../filter/glue/abort";

const TRAP_HEADER = "x-wafscore-test-trap";

class TrapStream extends WafStream {
  onRequestHeaders(headerCount: u32, endOfStream: bool): FilterHeadersStatusValues {
    if (stream_context.headers.request.get(TRAP_HEADER) == "1") unreachable();
    return super.onRequestHeaders(headerCount, endOfStream);
  }
}

class TrapRoot extends WafRoot {
  createContext(contextId: u32): Context {
    return new TrapStream(contextId, this, this.plugin);
  }
}

registerRootContext((contextId: u32): RootContext => new TrapRoot(contextId), ROOT_ID);
