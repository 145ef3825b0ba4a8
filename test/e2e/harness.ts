// e2e harness: a real Envoy with build/wafscore.wasm in front of the echo upstream, started and
// stopped through node/envoy.ts. Called by test/e2e/*.e2e.test.ts (startStack, startEnvoyExpectFailure).

import { startEnvoy, startEnvoyExpectFailure as expectFailure, startUpstream, type Envoy, type EnvoyFailure, type Upstream } from "../../node/envoy.ts";

export { EnvoyError as StackError, type EnvoyFailure, tail } from "../../node/envoy.ts";

export interface StackOptions {
  /** Plugin configuration: an object is JSON-encoded, a string is passed as-is. */
  pluginConfig: object | string;
  /** Ports on 127.0.0.1; 0 or absent = pick a free one. */
  envoyPort?: number;
  adminPort?: number;
  /** Defaults to $WAFSCORE_WASM or build/wafscore.wasm. */
  wasmPath?: string;
  /** Envoy -l level (default "info"). */
  logLevel?: string;
  /** Give up waiting for readiness / exit after this many ms (default 20000). */
  timeoutMs?: number;
  /** Edits the rendered Envoy YAML (a test's own listener options, failure_policy). */
  editConfig?: (yaml: string) => string;
}

export interface Stack {
  /** Downstream base URL, e.g. http://127.0.0.1:40123 (no trailing slash). */
  url: string;
  adminUrl: string;
  upstreamUrl: string;
  /** Envoy's log so far (stdout + stderr). */
  logs(): string;
  /** The echo upstream's output so far. */
  upstreamLogs(): string;
  /** Stops Envoy and the upstream; safe to call twice. */
  stop(): Promise<void>;
}

const ECHO_SCRIPT = "envoy/echo-upstream.mjs";

/**
 * Starts echo upstream + Envoy and resolves once Envoy is LIVE and its listener answers.
 * Rejects with a StackError carrying Envoy's log if Envoy exits first (e.g. a refused plugin
 * config) or does not get ready in time. Nothing is left running when it rejects.
 */
export async function startStack(opts: StackOptions): Promise<Stack> {
  const echo: Upstream = await startUpstream(ECHO_SCRIPT);
  let envoy: Envoy;
  try {
    envoy = await startEnvoy({ ...envoyOptions(opts, echo.port), probe: true });
  } catch (e) {
    await echo.stop();
    throw e;
  }
  return {
    url: envoy.url,
    adminUrl: envoy.adminUrl,
    upstreamUrl: echo.url,
    logs: envoy.logs,
    upstreamLogs: echo.logs,
    stop: async () => {
      await Promise.all([envoy.stop(), echo.stop()]);
    },
  };
}

/** Starts Envoy with a config it is expected to refuse; resolves with its exit status and log. */
export function startEnvoyExpectFailure(opts: StackOptions): Promise<EnvoyFailure> {
  // Envoy never connects upstream here; port 1 is a placeholder.
  return expectFailure(envoyOptions(opts, 1));
}

function envoyOptions(opts: StackOptions, upstreamPort: number) {
  return {
    upstreamPort,
    pluginConfig: opts.pluginConfig,
    wasmPath: opts.wasmPath,
    listenPort: opts.envoyPort,
    adminPort: opts.adminPort,
    logLevel: opts.logLevel,
    timeoutMs: opts.timeoutMs,
    editConfig: opts.editConfig,
  };
}

/** The JSON the echo upstream answers with. */
export interface Echo {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  body_bytes: number;
}
