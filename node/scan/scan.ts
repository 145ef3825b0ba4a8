// Runs a scan: reads every file (read.ts), scores each request under every configuration
// (scorer.ts), counts (tally.ts), then explains the worst offenders and builds suggestions
// (suggest.ts). Called by command.ts (`wafscore scan`) and throughput.ts (the benchmark).

import { openInput, type Format } from "./read";
import { Scorer } from "./scorer";
import { Tally } from "./tally";
import { suggest, SUGGEST_DEFAULTS, type SuggestOptions, type Suggestion } from "./suggest";
import type { BadInput } from "./request";

export interface ScanOptions {
  files: string[];
  /** Plugin configurations as JSON texts, compared side by side; [] means the core's defaults. */
  configs: string[];
  format?: Format;
  top: number;
  suggest: SuggestOptions | null;
  modelBlob?: Uint8Array;
  corePath?: string;
  /** Called now and then with the file being read, its bytes read and its size. */
  onProgress?: (file: string, bytes: number, size: number, requests: number) => void;
}

/** Bad inputs listed one by one in the report; the rest are counted. */
export const MAX_BAD_LISTED = 20;

export interface FileSummary { file: string; format: Format | null; requests: number; bad: number; bytes: number }

export interface WorstEntry {
  at: string; method: string; host: string; path: string;
  score: number; klass: string; action: string; reason: string;
  classes: Record<string, number>;
  part: string; text: string; explain: string[];
  /** Other flagged requests with the same part and text. */
  repeats: number;
}

export interface ConfigResult {
  label: string;
  configText: string;
  settings: Scorer["settings"];
  tally: Tally;
  worst: WorstEntry[];
  suggestions: Suggestion[];
}

export interface ScanResult {
  files: FileSummary[];
  requests: number;
  badCount: number;
  bad: BadInput[];
  seconds: number;
  configs: ConfigResult[];
}

const LABELS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

export async function runScan(opts: ScanOptions): Promise<ScanResult> {
  const makeScorer = (c: string) => Scorer.create(c, opts.modelBlob, opts.corePath);
  const texts = opts.configs.length > 0 ? opts.configs : ["{}"];
  const scorers: Scorer[] = [];
  for (const c of texts) scorers.push(await makeScorer(c));
  const tallies = scorers.map(() => new Tally(opts.top));
  const files: FileSummary[] = [];
  const bad: BadInput[] = [];
  let badCount = 0, requests = 0;
  const t0 = performance.now();
  for (const file of opts.files) {
    const input = openInput(file, opts.format);
    const summary: FileSummary = { file, format: input.format, requests: 0, bad: 0, bytes: input.size };
    files.push(summary);
    let lastTick = 0;
    for (const item of input.items) {
      if ("bad" in item) {
        summary.bad++;
        badCount++;
        if (bad.length < MAX_BAD_LISTED) bad.push(item.bad);
      } else {
        summary.requests++;
        requests++;
        for (let i = 0; i < scorers.length; i++) {
          const params = new Set<string>();
          tallies[i].add(item.request, scorers[i].score(item.request, params), params);
        }
      }
      if (opts.onProgress && (requests & 255) === 0) {
        const now = performance.now();
        if (now - lastTick > 100) { lastTick = now; opts.onProgress(file, item.pos, input.size, summary.requests); }
      }
    }
    opts.onProgress?.(file, input.size, input.size, summary.requests);
  }
  const seconds = (performance.now() - t0) / 1000;

  const configs: ConfigResult[] = [];
  for (let i = 0; i < scorers.length; i++) {
    const scorer = scorers[i], tally = tallies[i];
    configs.push({
      label: scorers.length === 1 ? "" : LABELS[i] ?? String(i + 1),
      configText: scorer.configText,
      settings: scorer.settings,
      tally,
      worst: tally.worst.map((f) => {
        const v = scorer.score(f.req); // again, so the core holds it for explain()
        return {
          at: f.req.at, method: f.req.method, host: f.req.authority, path: f.req.path,
          score: v.score, klass: v.klass, action: v.action, reason: v.reason,
          classes: v.scores?.classes ?? {}, part: v.param, text: f.text, explain: scorer.explain(), repeats: f.repeats ?? 0,
        };
      }),
      suggestions: opts.suggest ? await suggest(tally, scorer, makeScorer, opts.suggest) : [],
    });
  }
  return { files, requests, badCount, bad, seconds, configs };
}

export { SUGGEST_DEFAULTS };
