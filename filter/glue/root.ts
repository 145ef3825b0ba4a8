// Placeholder root context: reads the plugin configuration and creates one stream context per request.
// Created by the factory main.ts registers; TODO(scoring): replace with config parsing, model load, metrics.

import { RootContext, Context, LogLevel, log, getPluginConfiguration } from "./host";
import { WafStream } from "./stream";

export class WafRoot extends RootContext {
  constructor(contextId: u32) {
    super(contextId);
  }

  // Called by Envoy for each plugin (re)configuration. Returning false makes
  // Envoy reject the plugin, and with it the listener that uses it.
  onConfigure(configSizeBytes: u32): bool {
    let config = getPluginConfiguration(configSizeBytes);
    let len = config.byteLength;
    // Placeholder check until filter/config lands: the configuration must be
    // empty or a JSON object (first non-blank byte '{'). This gives the e2e
    // tests a config Envoy refuses.
    let ptr = changetype<usize>(config);
    let i = 0;
    while (i < len) {
      let c = load<u8>(ptr + <usize>i);
      if (c != 0x20 && c != 0x09 && c != 0x0a && c != 0x0d) break;
      i++;
    }
    if (i < len && load<u8>(ptr + <usize>i) != 0x7b /* '{' */) {
      log(LogLevel.Critical, "wafscore: config: must be a JSON object, got " + len.toString() + " bytes");
      return false;
    }
    log(LogLevel.Info, "wafscore: configured, plugin configuration " + len.toString() + " bytes");
    return true;
  }

  createContext(contextId: u32): Context {
    return new WafStream(contextId, this);
  }
}
