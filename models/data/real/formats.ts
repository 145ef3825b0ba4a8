// Reads fetched public repositories' recordings (HAR captures, Chrome DevTools network logs, HTTP cassettes, payload
// examples) as requests cut into wire parts. Shared by extract.ts (the pooled real rows), heldout.ts (the frozen
// held-out origins) and pageloads.ts (browser page loads), so that all cut a recording the same way. The repositories are read with git from WAFSCORE_MIRROR (default /work/.mirror).

import { execFileSync } from 'node:child_process';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import YAML, { type ScalarTag } from 'yaml';
import { cutRequest, Part, Req, MAX_TEXT, isBinary, holdsKey } from './parts.ts';
import { partKey, type WholeRequest } from '../load.ts';
import { hash32 } from '../rng.ts';

export type Format = 'har' | 'cdp' | 'cassette' | 'json-body' | 'ndjson' | 'har-yaml' | 'lhr' | 'request-json' | 'httprr';

export interface Source {
  repo: string;
  commit: string;
  licence: string;
  /** Files used, by path inside the repository. */
  files: RegExp;
  format: Format;
}

const MIRROR = process.env.WAFSCORE_MIRROR ?? '/work/.mirror';
export const gitDir = (repo: string) => path.join(MIRROR, repo.replace('/', '+'), 'repo');
export const git = (repo: string, args: string[]) => execFileSync('git', ['-C', gitDir(repo), ...args], { maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] });

// ---------------------------------------------------------------- formats -> requests

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Header maps of cassettes: `{Name: [v, ...]}` or `{Name: v}`; HAR: `[{name, value}]`. */
function headerPairs(h: unknown): [string, string][] {
  const out: [string, string][] = [];
  if (Array.isArray(h)) {
    for (const e of h) if (isObj(e) && typeof e.name === 'string' && e.value !== undefined) out.push([e.name, String(e.value)]);
  } else if (isObj(h)) {
    for (const [k, v] of Object.entries(h)) for (const x of Array.isArray(v) ? v : [v]) if (x !== null && x !== undefined) out.push([k, x instanceof Uint8Array ? utf8.decode(x) : String(x)]);
  }
  return out;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

/**
 * Ruby's Psych writes a string that is not valid UTF-8 (Ruby VCR's ASCII-8BIT bodies: multipart uploads, gzip) under
 * its own local tag, `!binary`, which the yaml package does not know and would leave as the base64 text; read it as
 * YAML's `!!binary` is read, as the bytes it stands for.
 */
const PSYCH_BINARY: ScalarTag = { tag: '!binary', resolve: (s: string) => new Uint8Array(Buffer.from(s.replace(/\s+/g, ''), 'base64')) };
const YAML_OPTIONS: YAML.ParseOptions & YAML.DocumentOptions & YAML.SchemaOptions & YAML.ToJSOptions = { logLevel: 'silent', maxAliasCount: -1, uniqueKeys: false, customTags: [PSYCH_BINARY] };

/** A recorded body as text: a string, `{string}`/`{base64_string}` (VCR, betamax), bytes (`!!binary`, Psych's `!binary`), or parsed JSON. */
function bodyText(b: unknown, parsed: unknown): string | undefined {
  if (parsed !== undefined && parsed !== null) return JSON.stringify(parsed);
  if (typeof b === 'string') return b;
  if (b instanceof Uint8Array) return utf8.decode(b);
  if (isObj(b)) {
    if (typeof b.string === 'string') return b.string;
    if (b.string instanceof Uint8Array) return utf8.decode(b.string);
    if (typeof b.base64_string === 'string') return utf8.decode(Buffer.from(b.base64_string, 'base64'));
  }
  return undefined;
}

function harRequests(text: string): Req[] {
  const entries = (JSON.parse(text) as { log?: { entries?: unknown[] } }).log?.entries ?? [];
  const out: Req[] = [];
  for (const e of entries) {
    const r = isObj(e) && isObj(e.request) ? e.request : undefined;
    if (!r || typeof r.url !== 'string') continue;
    const pd = isObj(r.postData) ? r.postData : undefined;
    out.push({ url: r.url, headers: headerPairs(r.headers), body: typeof pd?.text === 'string' ? pd.text : undefined, mimeType: typeof pd?.mimeType === 'string' ? pd.mimeType : undefined });
  }
  return out;
}

/**
 * A Chrome DevTools Protocol network log (`[{method, params}]`, as WebPageTest and browsertime save them): each
 * Network.requestWillBeSent is a request. Its headers as sent (cookies included) are those of the
 * Network.requestWillBeSentExtraInfo events of the same requestId, taken in order (a redirect reuses the id); a
 * request with none keeps the headers the page asked for.
 */
function cdpEvents(text: string): Array<{ method?: unknown; params?: Obj }> {
  const doc = JSON.parse(text) as unknown;
  const list = Array.isArray(doc) ? doc : isObj(doc) ? doc.events ?? doc.log : undefined;
  return (Array.isArray(list) ? list : []).filter(isObj) as Array<{ method?: unknown; params?: Obj }>;
}

function cdpRequests(text: string): Req[] {
  const events = cdpEvents(text);
  const sent = new Map<string, unknown[]>();
  for (const e of events) {
    if (e.method !== 'Network.requestWillBeSentExtraInfo' || !e.params || !isObj(e.params.headers)) continue;
    const id = String(e.params.requestId);
    if (!sent.has(id)) sent.set(id, []);
    sent.get(id)!.push(e.params.headers);
  }
  const out: Req[] = [];
  for (const e of events) {
    const r = e.method === 'Network.requestWillBeSent' && e.params && isObj(e.params.request) ? e.params.request : undefined;
    if (!r || typeof r.url !== 'string') continue;
    const headers = sent.get(String(e.params!.requestId))?.shift() ?? r.headers;
    let body = typeof r.postData === 'string' ? r.postData : undefined;
    if (body === undefined && Array.isArray(r.postDataEntries)) {
      body = r.postDataEntries.map((x) => (isObj(x) && typeof x.bytes === 'string' ? utf8.decode(Buffer.from(x.bytes, 'base64')) : '')).join('');
    }
    out.push({ url: r.url, headers: headerPairs(headers), body: body || undefined });
  }
  return out;
}

/**
 * A HAR written as YAML (Sourcegraph Cody's Polly.js persister saves its recordings as `recording.har.yaml`): the
 * same document as a HAR, so it is read as one. Added for heldout2.ts; no other format reads through it.
 */
function harYamlRequests(text: string): Req[] {
  return harRequests(JSON.stringify(YAML.parse(text, YAML_OPTIONS)));
}

/**
 * A Lighthouse report (LHR, or a PageSpeed Insights response holding one as `lighthouseResult`): the URLs its
 * `network-requests` audit lists, in the order the page load requested them. Lighthouse records them from the browser's
 * DevTools log but keeps neither headers nor bodies; the one header it does record is the User-Agent the browser sent
 * with every request (`environment.networkUserAgent`), so each is a request of its path, query and that User-Agent.
 * Added for heldout4.ts; no other format reads through it.
 */
function lhrRequests(text: string): Req[] {
  const doc = JSON.parse(text) as unknown;
  const lhr = isObj(doc) && isObj(doc.lighthouseResult) ? doc.lighthouseResult : doc;
  const audit = isObj(lhr) && isObj(lhr.audits) && isObj(lhr.audits['network-requests']) ? lhr.audits['network-requests'] : undefined;
  const items = audit && isObj(audit.details) && Array.isArray(audit.details.items) ? audit.details.items : [];
  const ua = isObj(lhr) && isObj(lhr.environment) && typeof lhr.environment.networkUserAgent === 'string' ? lhr.environment.networkUserAgent : '';
  const headers: [string, string][] = ua ? [['User-Agent', ua]] : [];
  return items.filter(isObj).filter((i) => typeof i.url === 'string').map((i) => ({ url: i.url as string, headers }));
}

/**
 * Recorded requests saved as JSON files of their own (Datadog's dd-trace-js LLM-observability cassettes: one
 * `{request: {method, url, headers, body}, response}` a file), or a list of them: each `request` read as a cassette's.
 * Added for heldout4.ts; no other format reads through it.
 */
function requestJsonRequests(text: string): Req[] {
  const doc = JSON.parse(text) as unknown;
  const out: Req[] = [];
  for (const i of Array.isArray(doc) ? doc : [doc]) {
    const r = isObj(i) && isObj(i.request) ? i.request : undefined;
    const url = r && (typeof r.url === 'string' ? r.url : typeof r.uri === 'string' ? r.uri : undefined);
    if (!r || !url) continue;
    out.push({ url, headers: headerPairs(r.headers), body: bodyText(r.body, undefined) });
  }
  return out;
}

/**
 * An httprr trace (Go's rsc.io/httprr, as langchaingo records its API calls): `httprr trace v1`, then per exchange a
 * line `<request bytes> <response bytes>` and the request as Go's Request.Write puts it on the wire (request line with
 * the absolute URL, headers, body), then the response. Each request is cut by its byte count; the response is skipped
 * by its byte count when that lands on the next exchange's line, else by searching for that line (a response body may
 * hold bytes that do not survive the UTF-8 round trip of the text this reader is given). langchaingo's recorder rewrites every User-Agent line of the log to its own
 * name (its scrubbers act on the logged copy, not on the request sent; the rewrite can also eat the line's CR), so the
 * User-Agent is the recorder's text, not the wire's, and is left out; header lines are split on LF with or without CR.
 * Added for heldout4.ts; no other format reads through it.
 */
function httprrRequests(text: string): Req[] {
  if (!text.startsWith('httprr trace v1\n')) throw new Error('not an httprr trace');
  const buf = Buffer.from(text, 'utf8');
  const at = (pos: number) => /^(\d+) (\d+)\n(?=[A-Z]+ [a-z][a-z0-9+.-]*:\/\/\S+ HTTP\/1\.[01]\r?\n)/.exec(buf.subarray(pos, pos + 64 * 1024).toString('latin1'));
  // The next exchange's line at or after `from`, by the response's byte count when that lands on one, else by search.
  const next = (from: number, skip: number): number => {
    if (at(from + skip)) return from + skip;
    const rest = buf.subarray(from).toString('latin1');
    const m = /(?<!\d)\d+ \d+\n(?=[A-Z]+ [a-z][a-z0-9+.-]*:\/\/\S+ HTTP\/1\.[01]\r?\n)/.exec(rest);
    return m ? from + m.index : buf.length;
  };
  const out: Req[] = [];
  for (let pos = next('httprr trace v1\n'.length, 0); pos < buf.length; ) {
    const m = at(pos);
    if (!m) break;
    const start = pos + m[0].length, n = Number(m[1]);
    const raw = buf.subarray(start, start + n).toString('utf8');
    const split = raw.search(/\r?\n\r?\n/);
    const head = (split < 0 ? raw : raw.slice(0, split)).split(/\r?\n/);
    const headers: [string, string][] = [];
    for (const line of head.slice(1)) {
      const colon = line.indexOf(':');
      if (colon > 0 && line.slice(0, colon).toLowerCase() !== 'user-agent') headers.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
    }
    const body = split < 0 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
    out.push({ url: head[0].split(' ')[1], headers, body: body === '' ? undefined : body });
    pos = next(start + n, Number(m[2]));
  }
  return out;
}

/** The URLs a browser recording (HAR, DevTools log, Lighthouse report) requested, in order; none for other formats. */
export function urlsOf(format: Format, text: string): string[] {
  return BROWSER_FORMATS.has(format) ? readerOf(format)(text, '').map((r) => r.url) : [];
}

/** Recordings of a browser's page loads: their placeholders are real values, and a copy of a known capture is left out. */
const BROWSER_FORMATS: ReadonlySet<Format> = new Set<Format>(['har', 'cdp', 'lhr']);

/** The reader of a recording format's requests (json-body and ndjson are bodies, not recordings: requestsOf's). */
function readerOf(format: Format): (text: string, file: string) => Req[] {
  switch (format) {
    case 'har': return harRequests;
    case 'har-yaml': return harYamlRequests;
    case 'cdp': return cdpRequests;
    case 'lhr': return lhrRequests;
    case 'request-json': return requestJsonRequests;
    case 'httprr': return httprrRequests;
    default: return cassetteRequests;
  }
}

/** vcrpy / Ruby VCR / go-vcr (v1, v2) YAML and betamax JSON: `interactions` or `http_interactions`, each with a request. */
function cassetteRequests(text: string, file: string): Req[] {
  const doc: unknown = file.endsWith('.json') ? JSON.parse(text) : YAML.parse(text, YAML_OPTIONS);
  if (!isObj(doc)) return [];
  const list = doc.interactions ?? doc.http_interactions;
  const out: Req[] = [];
  for (const i of Array.isArray(list) ? list : []) {
    const r = isObj(i) && isObj(i.request) ? i.request : undefined;
    const url = r && (typeof r.uri === 'string' ? r.uri : typeof r.url === 'string' ? r.url : undefined);
    if (!r || !url) continue;
    out.push({ url, headers: headerPairs(r.headers), body: bodyText(r.body, r.parsed_body) });
  }
  return out;
}

/**
 * Recorders' placeholders (`<USER_AGENT>`, `<AUTH_CODE>`, R vcr's `<<entrez_api_token>>`, `<gbif_user>`: betamax and VCR filters put them where a secret was) are the
 * recorder's text, not the wire's; a part holding one is left out whole rather than edited.
 */
const PLACEHOLDER = /<[A-Z][A-Z0-9_]{2,}>|<<?[a-z]+_[a-z_]+>>?/;

/** Each recorded request's parts (a payload example is a request of one part). */
export function requestsOf(format: Format, text: string, file: string): Part[][] {
  if (format === 'json-body' || format === 'ndjson') {
    // A payload example that does not parse (an NDJSON stream: any of its lines) is not a JSON body.
    for (const doc of format === 'ndjson' ? text.split('\n').filter((l) => l.trim() !== '') : [text]) JSON.parse(doc);
    return text.trim() !== '' && text.length <= MAX_TEXT && !isBinary(text) && !holdsKey(text) ? [[{ where: 'body:json', text }]] : [];
  }
  const browser = BROWSER_FORMATS.has(format);
  const reqs = readerOf(format)(text, file);
  return reqs.map((r) => cutRequest(r).filter((p) => browser || !PLACEHOLDER.test(p.text))).filter((ps) => ps.length > 0);
}

/** One recording of a source, read and cut: its file, its text, and its requests' parts. */
export interface Recording { file: string; text: string; requests: Part[][] }

/**
 * A source's recordings at its pinned commit, in path order, with what could not be read: files the snapshot
 * leaves out (4 MiB and more) and fixtures that do not parse (some are broken on purpose, to test error paths).
 */
function readSource(s: Source): { files: number; absent: number; failed: number; recordings: Recording[] } {
  const files = git(s.repo, ['ls-tree', '-r', '--name-only', s.commit]).toString().split('\n').filter((f) => s.files.test(f)).sort();
  let absent = 0, failed = 0;
  const recordings: Recording[] = [];
  for (const file of files) {
    let text: string;
    try {
      const raw = git(s.repo, ['show', `${s.commit}:${file}`]);
      text = (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
    } catch { absent++; continue; }
    try { recordings.push({ file, text, requests: requestsOf(s.format, text, file) }); } catch { failed++; }
  }
  return { files: files.length, absent, failed, recordings };
}

/** A recording read by newParts: the parts it brings that were not seen before. */
export interface NewRecording extends Recording { parts: Part[] }

/**
 * A source's recordings that copy no known capture (copiesKnownCapture against `known`), each with its parts not
 * in `seen` by partKey (now added to it) nor `excluded` by their text; and the source's line for the report.
 */
export function newParts(s: Source, known: ReadonlySet<string>, seen: Set<string>, excluded: (text: string) => boolean = () => false): { recordings: NewRecording[]; line: string } {
  const { files, absent, failed, recordings } = readSource(s);
  const out: NewRecording[] = [];
  let copies = 0, n = 0;
  for (const r of recordings) {
    const all = r.requests.flat();
    if (copiesKnownCapture(s.format, all, known)) { copies++; continue; }
    const parts: Part[] = [];
    for (const p of all) {
      const k = partKey(p.where, p.text);
      if (seen.has(k) || excluded(p.text)) continue;
      seen.add(k);
      parts.push(p);
    }
    n += parts.length;
    out.push({ ...r, parts });
  }
  return { recordings: out, line: `${s.repo}: ${files} files (${absent} absent, ${failed} unparsable, ${copies} copies of known HARs), ${n} new parts` };
}

// ---------------------------------------------------------------- content-blind caps, shared by extract.ts and heldout.ts

/**
 * A HAR whose parts are mostly known already (`known`: partKeys) is a copy of a known capture (coach-core ships
 * pagexray's HARs under a dozen names): what would survive de-duplication is only what the known data's curators
 * dropped, so such a file is left out whole.
 */
export const COPY_SHARE = 0.5;

function copiesKnownCapture(format: Format, parts: readonly Part[], known: ReadonlySet<string>): boolean {
  if (!BROWSER_FORMATS.has(format)) return false;
  const distinct = new Set(parts.map((p) => partKey(p.where, p.text)));
  return distinct.size > 0 && [...distinct].filter((k) => known.has(k)).length >= COPY_SHARE * distinct.size;
}

/**
 * The rows kept when no origin may bring more than `cap`: an origin over it keeps those with the lowest hash of
 * where and text, so no row is picked by what it says. Reports each origin's count in origin order.
 */
export function capPerOrigin<T extends { where: string; text: string }>(rows: readonly T[], originOf: (r: T) => string, cap: number, report: string[]): Set<T> {
  const byOrigin = new Map<string, T[]>();
  for (const r of rows) {
    const o = originOf(r);
    if (!byOrigin.has(o)) byOrigin.set(o, []);
    byOrigin.get(o)!.push(r);
  }
  const key = (r: T) => partKey(r.where, r.text);
  const kept = new Set<T>();
  for (const [o, rs] of [...byOrigin].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const pick = rs.length <= cap ? rs : [...rs].sort((a, b) => hash32(key(a)) - hash32(key(b)) || (key(a) < key(b) ? -1 : 1)).slice(0, cap);
    for (const r of pick) kept.add(r);
    report.push(`origin ${o}: ${rs.length} parts, ${pick.length} kept`);
  }
  return kept;
}

/**
 * Whole requests, identical ones once per origin and at most `cap` per origin (by a hash of the request: recordings
 * repeat the same calls, and one busy recording should not decide an origin's figure alone), in origin order.
 */
export function distinctRequestsPerOrigin<T extends WholeRequest>(requests: readonly T[], originOf: (r: T) => string, cap: number): { kept: T[]; origins: number } {
  const reqKey = (r: T) => r.parts.map((p) => partKey(p.where, p.text)).join('\u0001');
  const byOrigin = new Map<string, Map<string, T>>();
  for (const r of requests) {
    const o = originOf(r);
    if (!byOrigin.has(o)) byOrigin.set(o, new Map());
    const m = byOrigin.get(o)!, k = reqKey(r);
    if (!m.has(k)) m.set(k, r);
  }
  const kept: T[] = [];
  for (const [, m] of [...byOrigin].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    kept.push(...[...m.entries()].sort((a, b) => hash32(a[0]) - hash32(b[0]) || (a[0] < b[0] ? -1 : 1)).slice(0, cap).map(([, r]) => r));
  }
  return { kept, origins: byOrigin.size };
}
