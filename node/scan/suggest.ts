// Suggestions from one configuration's scan: parameters (and paths) whose values keep scoring
// low, each with a plugin-configuration snippet that would stop scoring them, a few of the
// flagged values, and what the snippet does to the flagged requests when they are scored again.
// Called by scan.ts; nothing here changes a configuration: a person reads and decides.
//
// A parameter is suggested when at least minValues distinct values of it drove a flag and at
// least minShare of the requests that carry it were flagged by it: a field that is flagged most
// of the time (a rich-text editor, a query language) rather than a field that now and then
// carries an attack (a search box probed by a scanner, which is what blocking is for). A path is
// suggested the same way for the flags no parameter suggestion covers (a text or XML body, the
// path itself, or flags spread over many parameters); "/" never is (it would exclude everything).

import type { Scorer } from "./scorer";
import type { Tally } from "./tally";

export interface SuggestOptions { minValues: number; minShare: number; examples: number; max: number }
export const SUGGEST_DEFAULTS: SuggestOptions = { minValues: 3, minShare: 0.5, examples: 3, max: 10 };

export interface Suggestion {
  kind: "exclude_params" | "ignore_headers" | "exclude_paths";
  /** The parameter (`where:name`) or the path the suggestion is about. */
  target: string;
  /** The entry the snippet adds to its list. */
  entry: string;
  flagged: number;
  requests: number;
  share: number;
  distinctValues: number;
  examples: Array<{ text: string; count: number }>;
  /** The configuration field to set, holding the list already in use plus the entry. */
  snippet: Record<string, string[]>;
  /** The kept flagged requests scored again under the configuration with the snippet merged in. */
  check: { flaggedBefore: number; flaggedAfter: number } | { error: string };
}

/** Where values whose names exclude_params matches (filter/request/parts.ts). */
const PARAM_WHERES = new Set(["query", "body:form", "body:json", "body:multipart", "cookie"]);

/** Splits a parameter key into its where and name, knowing the core's wheres (some hold a ':'). */
export function splitKey(key: string, wheres: string[]): { where: string; name: string } {
  let best = "";
  for (const w of wheres) if ((key === w || key.startsWith(w + ":")) && w.length > best.length) best = w;
  return best ? { where: best, name: key.slice(best.length + 1) } : { where: key, name: "" };
}

export async function suggest(tally: Tally, base: Scorer, makeScorer: (config: string) => Promise<Scorer>, opts: SuggestOptions = SUGGEST_DEFAULTS): Promise<Suggestion[]> {
  const wheres = base.core.description.wheres;
  const out: Omit<Suggestion, "check" | "snippet">[] = [];
  const covered = new Set<string>();
  const examplesOf = (values: Map<string, number>) =>
    [...values].sort((a, b) => b[1] - a[1]).slice(0, opts.examples).map(([text, count]) => ({ text, count }));

  for (const [key, flagged] of tally.flaggedParams.top(Infinity)) {
    const values = tally.flaggedValues.get(key);
    if (!values || values.size < opts.minValues) continue;
    const requests = Math.max(tally.params.get(key), flagged);
    if (flagged / requests < opts.minShare) continue;
    const { where, name } = splitKey(key, wheres);
    if (!name) continue; // the path, a whole text or XML body: a path suggestion below
    const kind = where === "header" ? "ignore_headers" : PARAM_WHERES.has(where) ? "exclude_params" : null;
    if (!kind) continue;
    covered.add(key);
    out.push({ kind, target: key, entry: name, flagged, requests, share: flagged / requests, distinctValues: values.size, examples: examplesOf(values) });
  }

  for (const [path, flagged] of tally.flaggedPaths.top(Infinity)) {
    if (path === "/" || path === "(other)") continue;
    const requests = Math.max(tally.paths.get(path), flagged);
    if (flagged / requests < opts.minShare) continue;
    let uncovered = 0;
    for (const [param, n] of tally.pathParams.get(path)?.map ?? []) if (!covered.has(param)) uncovered += n;
    const values = new Map<string, number>();
    for (const f of tally.kept) {
      if (f.verdict.normPath === path && !covered.has(f.verdict.param || "(no part)")) values.set(f.text, (values.get(f.text) ?? 0) + 1);
    }
    if (uncovered < opts.minValues || values.size < opts.minValues) continue;
    out.push({ kind: "exclude_paths", target: path, entry: path, flagged: uncovered, requests, share: flagged / requests, distinctValues: values.size, examples: examplesOf(values) });
  }

  out.sort((a, b) => b.flagged - a.flagged);
  const result: Suggestion[] = [];
  for (const s of out.slice(0, opts.max)) {
    const current = (base.config[s.kind] ?? base.core.configDefault(s.kind)) as string[];
    const snippet = { [s.kind]: current.includes(s.entry) ? current : [...current, s.entry] };
    result.push({ ...s, snippet, check: await check(tally, base, snippet, makeScorer) });
  }
  return result;
}

/** Scores the kept flagged requests again under the base configuration with the snippet merged in. */
async function check(tally: Tally, base: Scorer, snippet: Record<string, string[]>, makeScorer: (config: string) => Promise<Scorer>): Promise<Suggestion["check"]> {
  let scorer: Scorer;
  try {
    scorer = await makeScorer(JSON.stringify({ ...base.config, ...snippet }));
  } catch (e) {
    return { error: (e as Error).message };
  }
  let after = 0;
  for (const f of tally.kept) if (scorer.score(f.req).flagged) after++;
  return { flaggedBefore: tally.kept.length, flaggedAfter: after };
}
