// The honest yardstick's split: real benign traffic by ORIGIN into train / calibration / test sides,
// the test side capped per `where` kind, and attack sources grouped into leave-one-source-out folds.
// Called by build.ts (sides, cap), models/loso.ts and models/yardstick.ts (folds, origins); pure and deterministic.

import { hash32 } from './rng.ts';

export type Side = 'train' | 'calib' | 'test';

/**
 * Target share of real-benign ROWS per side. Test must reach the bar (>= 5,000 parts from
 * >= 20 origins) after the per-kind cap; calibration needs a few thousand rows so that the 0.1%
 * quantile rests on more than a handful of them; training keeps the rest.
 */
export const SIDE_SHARES: Readonly<Record<Side, number>> = { train: 0.45, calib: 0.2, test: 0.35 };

/** No one `where` kind may be more than this share of the test side. */
export const KIND_CAP = 0.3;

/** Salt of every hash here: bump it (and say so) to re-draw the sides, never by accident. */
const SALT = 'wafscore-origins-v1';

/**
 * Sources that are one API or one corpus under several files: their files would otherwise land on
 * different sides and share near-duplicates (GitHub's API documented by octokit's cassettes, webhooks,
 * fixtures and OpenAPI examples; ua-parser's user-agent test corpora, which overlap across files).
 */
const ORIGIN_GROUPS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(octokit\/|npm:@octokit\/)/, 'api.github.com (octokit/*)'],
  [/^ua-parser\/uap-core:/, 'ua-parser/uap-core (user-agent corpora)'],
];

/** The origin of a row: its source (one capture, log, site or file), or the group it belongs to. */
export function originOf(source: string): string {
  for (const [re, name] of ORIGIN_GROUPS) if (re.test(source)) return name;
  return source;
}

/** Rows we wrote (templates, faker, node_modules text) are never real traffic. */
export function isGenerated(source: string): boolean {
  return /^(synthetic:|gen:)/.test(source);
}

/**
 * Origins to sides, content-blind: largest origin first (ties by hash), each to the side furthest
 * below its target share of rows. A plain coin flip per origin would let the three or four origins
 * with thousands of rows (a log, a UA corpus, an API) decide the sides' sizes by luck.
 */
export function assignOrigins(sizes: ReadonlyMap<string, number>, shares: Readonly<Record<Side, number>> = SIDE_SHARES): Map<string, Side> {
  const order = [...sizes.keys()].sort((a, b) => sizes.get(b)! - sizes.get(a)! || hash32(SALT + a) - hash32(SALT + b) || (a < b ? -1 : 1));
  const sides: Side[] = ['test', 'calib', 'train'];
  const have: Record<Side, number> = { train: 0, calib: 0, test: 0 };
  let total = 0;
  const out = new Map<string, Side>();
  for (const o of order) {
    const n = sizes.get(o)!;
    total += n;
    let best: Side = 'train', deficit = -Infinity;
    for (const s of sides) {
      const d = shares[s] * total - have[s];
      if (d > deficit) { deficit = d; best = s; }
    }
    have[best] += n;
    out.set(o, best);
  }
  return out;
}

/**
 * Caps every kind at `cap` of the kept rows: finds the largest per-kind count c with
 * max_k min(n_k, c) <= cap * sum_k min(n_k, c), then keeps, in kinds over c, the c rows with the
 * lowest hash of their text (a content-blind sample across that kind's origins). Rows left out are
 * used nowhere (they cannot move to training: their origin is on the test side).
 */
export function capKinds<T>(rows: readonly T[], kind: (r: T) => string, text: (r: T) => string, cap = KIND_CAP): { kept: T[]; dropped: number; perKind: number } {
  const byKind = new Map<string, T[]>();
  for (const r of rows) {
    const k = kind(r);
    if (!byKind.has(k)) byKind.set(k, []);
    byKind.get(k)!.push(r);
  }
  const counts = [...byKind.values()].map((v) => v.length);
  if (byKind.size * cap < 1) throw new Error(`capKinds: ${byKind.size} kinds cannot each be <= ${cap} of the whole`);
  let c = Math.max(0, ...counts);
  for (;;) {
    const total = counts.reduce((s, n) => s + Math.min(n, c), 0);
    const next = Math.floor(cap * total);
    if (c <= next) break;
    c = next;
  }
  const kept: T[] = [];
  let dropped = 0;
  const keyed = (r: T) => hash32(SALT + '\u0000' + text(r));
  for (const [, rs] of [...byKind.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (rs.length <= c) { kept.push(...rs); continue; }
    const sorted = rs.map((r, i) => [keyed(r), i, r] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    kept.push(...sorted.slice(0, c).map((x) => x[2]));
    dropped += rs.length - c;
  }
  return { kept, dropped, perKind: c };
}

/**
 * Attack sources grouped into payload collections for leave-one-source-out: each fold is one
 * collection (a repository, or a part of one that is a collection in its own right), trained
 * without and tested on. Generated attacks (`gen:`) are in no fold: they are ours and always trained on.
 */
export interface Fold { name: string; about: string; has: (source: string) => boolean }

const PATT = 'swisskyrepo/PayloadsAllTheThings:';
const isPattTraversal = (s: string) => s.startsWith(PATT + 'Directory Traversal/') || s.startsWith(PATT + 'File Inclusion/');
const NUCLEI_CVES = 'projectdiscovery/nuclei-templates:http/cves/';

export const FOLDS: readonly Fold[] = [
  { name: 'patt-traversal', about: 'PayloadsAllTheThings: Directory Traversal and File Inclusion lists', has: isPattTraversal },
  { name: 'patt-injection', about: 'PayloadsAllTheThings: every other page (SQLi, XSS, command, SSTI, SSRF, XXE, redirect, upload, ...)', has: (s) => s.startsWith(PATT) && !isPattTraversal(s) },
  { name: 'libinjection', about: 'libinjection/libinjection data/ (SQLi and XSS test lists)', has: (s) => s.startsWith('libinjection/libinjection:') },
  { name: 'httpparams', about: 'Morzeux/HttpParamsDataset (CSIC-2010-derived parameter values)', has: (s) => s.startsWith('Morzeux/HttpParamsDataset:') },
  { name: 'payloadbox', about: 'payloadbox/* payload lists (XSS, SQLi, SSTI, XXE, command injection)', has: (s) => s.startsWith('payloadbox/') },
  { name: 'wordlists', about: 'fuzzdb, SecLists, big-list-of-naughty-strings, log4shell-detector', has: (s) => /^(fuzzdb-project\/fuzzdb|danielmiessler\/SecLists|minimaxir\/big-list-of-naughty-strings|Neo23x0\/log4shell-detector):/.test(s) },
  { name: 'nuclei-cves', about: 'nuclei-templates http/cves (parts of CVE exploit templates)', has: (s) => s.startsWith(NUCLEI_CVES) },
  { name: 'nuclei-other', about: 'nuclei-templates outside http/cves (vulnerabilities, fuzzing, misconfiguration, cnvd, ...)', has: (s) => s.startsWith('projectdiscovery/nuclei-templates:') && !s.startsWith(NUCLEI_CVES) },
];

/** The fold an attack source belongs to, or null (generated attacks, or a source no fold names). */
export function foldOf(source: string): string | null {
  for (const f of FOLDS) if (f.has(source)) return f.name;
  return null;
}
