// What one accepted plugin configuration needs at request time: the Config, the inspection
// pipeline with its preallocated tables, the metrics, the encoded header names and values, the
// spoofed-header remover, the trusted-source check, the flagged-log budget and the filter-state writer. Built by root.ts in
// onConfigure; read by stream.ts for every request (only the log budget's bucket changes there).

import { Config } from "../config/config";
import { Inspection } from "../core/inspect";
import { Decision } from "../core/decide";
import { Model } from "../core/model";
import { CLASS_NAMES, HEADER_CLASSES, HEAD_COUNT } from "../core/classes";
import { Metrics } from "./metrics";
import { SpoofedHeaders } from "./spoof";
import { TrustedSources } from "./trust";
import { LogBudget } from "./budget";
import { ResultState } from "./state";

export class Plugin {
  inspection: Inspection;
  decision: Decision = new Decision();
  // Header names, encoded once: [0] the overall score, [1..] sqli, xss, rce.
  scoreHeaders: StaticArray<ArrayBuffer> = new StaticArray<ArrayBuffer>(HEADER_CLASSES + 1);
  inspectionHeader: ArrayBuffer = new ArrayBuffer(0);
  // "1".."99" as header values, encoded once, so tagging a request allocates nothing.
  scoreValues: StaticArray<ArrayBuffer>;
  spoofed: SpoofedHeaders;
  trusted: TrustedSources = new TrustedSources();
  // Every head's score, filled per request only when a configuration has class_thresholds.
  classScores: StaticArray<i32> = new StaticArray<i32>(HEAD_COUNT);
  logBudget: LogBudget;
  // The filter-state writer (access logs), with its keys and values encoded.
  state: ResultState;

  constructor(public config: Config, model: Model, public metrics: Metrics) {
    this.inspection = new Inspection(model);
    this.spoofed = new SpoofedHeaders(config.headerPrefix);
    this.logBudget = new LogBudget(<u32>config.maxFlaggedLogsPerSecond);
    let values = new StaticArray<ArrayBuffer>(100);
    for (let v = 0; v < 100; v++) values[v] = String.UTF8.encode(v.toString());
    this.scoreValues = values;
    this.state = new ResultState(model, values);
    let prefix = config.headerPrefix;
    this.scoreHeaders[0] = String.UTF8.encode(prefix + "attack-score");
    for (let k = 1; k <= HEADER_CLASSES; k++) this.scoreHeaders[k] = String.UTF8.encode(prefix + CLASS_NAMES[k] + "-score");
    this.inspectionHeader = String.UTF8.encode(prefix + "inspection");
  }
}
