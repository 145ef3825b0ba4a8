// A test-only build of the filter that traps on demand: the real root and stream, except that a
// request carrying `x-wafscore-test-trap: 1` hits `unreachable` in onRequestHeaders. Built by
// `make build/trap.wasm` (never shipped) for test/e2e/failure.e2e.test.ts, which shows what
// Envoy's failure_policy does when the VM traps.

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
