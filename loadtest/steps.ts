// The steps from Envoy without a filter to wafscore, one kind of per-request work added at a time:
// the do-nothing filter (loadtest/nullfilter) told by its configuration to make wafscore's host
// calls, then wafscore with and without the host calls users can turn off. `make bench-split` times
// them; `make profile-envoy` counts their instructions.

import path from "node:path";
import { REPO_ROOT } from "../node/core.ts";
import { BENCH_PLUGIN_CONFIG } from "./stack.ts";

export const NULL_WASM = path.join(REPO_ROOT, "build/null.wasm");

export interface Step { name: string; wasm: boolean; wasmPath?: string; pluginConfig?: string }

const nullStep = (name: string, config: string): Step => ({ name, wasm: true, wasmPath: NULL_WASM, pluginConfig: config });

export const NO_FILTER: Step = { name: "no filter", wasm: false };
export const NULL_FILTER = nullStep("null", "{}");
export const WAFSCORE: Step = { name: "wafscore", wasm: true, pluginConfig: BENCH_PLUGIN_CONFIG };

// Each null-filter step makes the host calls of the one before and one kind more (nullfilter/main.ts).
export const NULL_STEPS: Step[] = [
  nullStep("+ buffer body", '"buffer"'),
  nullStep("+ copy into VM", '"copy"'),
  nullStep("+ 2 clock reads", '"clock"'),
  nullStep("+ 1 histogram value", '"histogram"'),
  nullStep("+ 2 counters", '"counters"'),
  nullStep("+ 4 header writes", '"tag"'),
  nullStep("+ 8 filter state writes", '"state"'),
];
const LAST_NULL_STEP = NULL_STEPS[NULL_STEPS.length - 1].name;

// wafscore without its score headers on clean requests (score_headers), and also without the filter
// state writes (filter_state, for deployments whose access logs do not read them).
export const WAFSCORE_TRIMMED: Step[] = [
  { name: "wafscore, score_headers none", wasm: true, pluginConfig: '{"mode":"block","score_headers":"none"}' },
  { name: "wafscore, score_headers none, filter_state false", wasm: true, pluginConfig: '{"mode":"block","score_headers":"none","filter_state":false}' },
];

// Every step, in order.
export const ALL_STEPS: Step[] = [NO_FILTER, NULL_FILTER, ...NULL_STEPS, WAFSCORE, ...WAFSCORE_TRIMMED];

// The step the one at i in `names` (steps run, in order) is read against: the one before it, but for
// wafscore's, the last null-filter step when it ran (every host call wafscore makes, so that their
// difference is the scoring); null for the first.
export function stepBefore(names: string[], i: number): string | null {
  if (i === 0) return null;
  return names[i].startsWith("wafscore") && names.includes(LAST_NULL_STEP) ? LAST_NULL_STEP : names[i - 1];
}
