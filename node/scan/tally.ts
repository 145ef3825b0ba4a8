// The counts of one configuration's scan: requests, flags by action, reason and class, and by
// host, path and parameter (with how many requests carry each, for the share flagged), the
// flagged requests kept for suggestions, and the worst offenders. Fed by scan.ts, read by
// report.ts and suggest.ts.

import type { ScanRequest } from "./request";
import type { Verdict } from "./scorer";

/** Flagged requests kept in memory for checking suggestions against (the rest are counted only). */
export const MAX_KEPT_FLAGGED = 20_000;
/** Distinct keys counted per table (host, path, parameter); past it they go to "(other)". */
const MAX_KEYS = 100_000;
/** Distinct flagged values remembered per parameter. */
const MAX_VALUES = 1_000;

export interface Flagged {
  req: ScanRequest; verdict: Verdict; text: string;
  /** In the worst offenders: other flagged requests with the same part and text (a scanner repeating itself). */
  repeats?: number;
}

/** A count table with a cap on distinct keys. */
export class Counts {
  readonly map = new Map<string, number>();
  add(key: string, n = 1): void {
    if (!this.map.has(key) && this.map.size >= MAX_KEYS) key = "(other)";
    this.map.set(key, (this.map.get(key) ?? 0) + n);
  }
  get(key: string): number { return this.map.get(key) ?? 0; }
  top(n: number): Array<[string, number]> {
    return [...this.map].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, n);
  }
}

export class Tally {
  requests = 0;
  excluded = 0;
  flagged = 0;
  partial = 0;
  undecodable = 0;
  readonly actions = new Counts();      // of flagged requests: block / log / tag
  readonly reasons = new Counts();      // of flagged requests: score / uninspectable / undecodable
  readonly classes = new Counts();      // of flagged requests
  readonly hosts = new Counts();        // every request
  readonly flaggedHosts = new Counts();
  readonly paths = new Counts();        // every request, by normalized path
  readonly flaggedPaths = new Counts();
  readonly params = new Counts();       // requests carrying each parameter
  readonly flaggedParams = new Counts(); // flagged requests whose worst part it was
  /** Per parameter: flagged values (decoded worst text) with their count. */
  readonly flaggedValues = new Map<string, Map<string, number>>();
  /** Per path: the parameters that drove its flags. */
  readonly pathParams = new Map<string, Counts>();
  readonly kept: Flagged[] = [];
  /** The worst offenders so far, lowest score first (ties: first seen). */
  readonly worst: Flagged[] = [];

  constructor(readonly topN: number) {}

  add(req: ScanRequest, v: Verdict, params: Set<string> | undefined): void {
    this.requests++;
    const host = req.authority || "(none)";
    this.hosts.add(host);
    this.paths.add(v.normPath);
    if (params) for (const p of params) this.params.add(p);
    if (v.excluded) { this.excluded++; return; }
    if (v.partial) this.partial++;
    if (v.undecodable) this.undecodable++;
    if (!v.flagged) return;
    this.flagged++;
    this.actions.add(v.action);
    this.reasons.add(v.reason);
    this.classes.add(v.klass);
    this.flaggedHosts.add(host);
    this.flaggedPaths.add(v.normPath);
    const param = v.param || "(no part)";
    this.flaggedParams.add(param);
    let pp = this.pathParams.get(v.normPath);
    if (!pp) this.pathParams.set(v.normPath, (pp = new Counts()));
    pp.add(param);
    const text = v.scores?.worstText ?? "";
    let values = this.flaggedValues.get(param);
    if (!values) this.flaggedValues.set(param, (values = new Map()));
    if (values.has(text) || values.size < MAX_VALUES) values.set(text, (values.get(text) ?? 0) + 1);
    const f: Flagged = { req, verdict: v, text };
    if (this.kept.length < MAX_KEPT_FLAGGED) this.kept.push(f);
    this.offer({ ...f });
  }

  private offer(f: Flagged): void {
    const w = this.worst;
    if (this.topN <= 0) return;
    const same = w.find((x) => x.verdict.param === f.verdict.param && x.text === f.text);
    if (same) { same.repeats = (same.repeats ?? 0) + 1; return; }
    if (w.length >= this.topN && f.verdict.score >= w[w.length - 1].verdict.score) return;
    let i = w.length;
    while (i > 0 && w[i - 1].verdict.score > f.verdict.score) i--;
    w.splice(i, 0, f);
    if (w.length > this.topN) w.pop();
  }
}
