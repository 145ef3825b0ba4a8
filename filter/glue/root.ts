// The plugin's root context: parses the configuration, loads the embedded model, defines the
// metrics, and creates one WafStream per request. Registered by main.ts under ROOT_ID.

import { RootContext, Context, LogLevel, log, getPluginConfiguration } from "./host";
import { WafStream } from "./stream";
import { Metrics } from "./metrics";
import { Plugin } from "./plugin";
import { parseConfig } from "../config/config";
import { embeddedModel } from "../core/engine";
import { modelErrorText } from "../core/model";

export class WafRoot extends RootContext {
  // Set by a successful onConfigure; a failed one leaves the previous plugin in place.
  plugin: Plugin | null = null;
  private metrics: Metrics | null = null;

  // Returning false makes Envoy reject the plugin (and the listener that uses it); the
  // critical log line says which field is wrong and why.
  onConfigure(configSizeBytes: u32): bool {
    let bytes = getPluginConfiguration(configSizeBytes);
    let r = parseConfig(changetype<usize>(bytes), bytes.byteLength);
    if (!r.ok) {
      log(LogLevel.Critical, "invalid plugin configuration: " + r.message());
      return false;
    }
    let model = embeddedModel();
    if (!model.ok) {
      log(LogLevel.Critical, "cannot load the embedded model: " + modelErrorText(model.error));
      return false;
    }
    let cfg = r.config!;
    if (this.metrics == null) this.metrics = new Metrics();
    this.plugin = new Plugin(cfg, model, this.metrics!);
    log(LogLevel.Info, "configured: mode " + modeName(cfg.mode) + ", threshold " + cfg.threshold.toString() +
      ", max_body_bytes " + cfg.maxBodyBytes.toString());
    return true;
  }

  createContext(contextId: u32): Context {
    return new WafStream(contextId, this, this.plugin);
  }
}

function modeName(m: i32): string {
  return m == 0 ? "block" : m == 1 ? "tag" : "log";
}
