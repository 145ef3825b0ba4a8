// The plugin's root context: parses the configuration, loads the embedded model, defines the
// metrics, and creates one WafStream per request. Registered by main.ts under ROOT_ID.

import { RootContext, Context, LogLevel, log, getPluginConfiguration } from "./host";
import { WafStream } from "./stream";
import { Metrics } from "./metrics";
import { parseConfig, Config } from "../config/config";
import { embeddedModel } from "../core/engine";
import { modelErrorText } from "../core/model";
import { RequestScorer } from "../core/scorer";
import { CLASS_NAMES, HEADER_CLASSES } from "../core/classes";
import { Decision } from "../core/decide";
import { HeaderMap } from "../request/headermap";

export class WafRoot extends RootContext {
  // Set by a successful onConfigure; a failed one leaves the previous configuration in place.
  config: Config | null = null;
  scorer: RequestScorer | null = null;
  metrics: Metrics | null = null;
  decision: Decision = new Decision();
  // Header names, encoded once: [0] the overall score, [1..] sqli, xss, rce.
  scoreHeaders: StaticArray<ArrayBuffer> = new StaticArray<ArrayBuffer>(HEADER_CLASSES + 1);
  inspectionHeader: ArrayBuffer = new ArrayBuffer(0);
  // "1".."99" as header values, encoded once, so tagging a request allocates nothing.
  scoreValues: StaticArray<ArrayBuffer> = new StaticArray<ArrayBuffer>(100);
  // The walker over the host's header blob, reused by every request of this VM.
  headerMap: HeaderMap = new HeaderMap();

  constructor(contextId: u32) {
    super(contextId);
    for (let v = 0; v < 100; v++) this.scoreValues[v] = String.UTF8.encode(v.toString());
  }

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
    let prefix = cfg.headerPrefix;
    this.scoreHeaders[0] = String.UTF8.encode(prefix + "attack-score");
    for (let k = 1; k <= HEADER_CLASSES; k++) this.scoreHeaders[k] = String.UTF8.encode(prefix + CLASS_NAMES[k] + "-score");
    this.inspectionHeader = String.UTF8.encode(prefix + "inspection");
    if (this.metrics == null) this.metrics = new Metrics();
    this.scorer = new RequestScorer(model, cfg);
    this.config = cfg;
    log(LogLevel.Info, "configured: mode " + modeName(cfg.mode) + ", threshold " + cfg.threshold.toString() +
      ", max_body_bytes " + cfg.maxBodyBytes.toString());
    return true;
  }

  createContext(contextId: u32): Context {
    return new WafStream(contextId, this);
  }
}

function modeName(m: i32): string {
  return m == 0 ? "block" : m == 1 ? "tag" : "log";
}
