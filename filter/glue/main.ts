// Filter entry: exports the proxy-wasm callbacks (abi.ts) and registers the root context factory under ROOT_ID.
// Compiled by `make build` (filter/glue/asconfig.json) into build/wafscore.wasm; Envoy calls the exports.

export * from "./abi";
import { RootContext, registerRootContext } from "@solo-io/proxy-runtime/assembly";
import { ROOT_ID } from "./constants";
import { WafRoot } from "./root";
// Pulls abort.ts into the program so asc `--use abort=filter/glue/abort/wafscoreAbort` can find it.
import "./abort";

registerRootContext((contextId: u32): RootContext => new WafRoot(contextId), ROOT_ID);
