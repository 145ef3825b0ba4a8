// A filter that does nothing, built with the same SDK, patch and settings as wafscore: `make bench`
// runs it as a third Envoy, so that the cost of running any proxy-wasm filter in Envoy (VM calls,
// context objects) is told apart from the cost of what wafscore does. Not shipped.

export * from "@solo-io/proxy-runtime/assembly/proxy";
import { RootContext, Context, registerRootContext } from "@solo-io/proxy-runtime/assembly";
import "../../filter/glue/abort";

class NullStream extends Context {
  // Same overrides as wafscore's stream: the SDK's defaults log per request.
  onLog(): void {}
  onDone(): bool { return true; }
  onDelete(): void {}
}

class NullRoot extends RootContext {
  onConfigure(_configSizeBytes: u32): bool { return true; }
  createContext(contextId: u32): Context { return new NullStream(contextId, this); }
}

registerRootContext((contextId: u32): RootContext => new NullRoot(contextId), "wafscore");
