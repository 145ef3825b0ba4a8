// Builds build/dataset/{train,valid,calib,test}.jsonl, test_requests.jsonl and summary.json: attacks placed into wire contexts, benign real and
// generated parts; real benign split by origin (origins.ts) into train / calibration / test (the honest yardstick).
// Entry point: `npx tsx models/data/build.ts` (run from anywhere); deterministic, same bytes every run.

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadJsonl, readRequests, datasetsDir, REPO_ROOT, SourceRow } from './load.ts';
import { Rng, hash32 } from './rng.ts';
import { Encoded, chooseEncoding, looksPreEncoded, pctDecodeOnce } from './encode.ts';
import { chooseWhere, place, Where, TARGET_PARAMS } from './contexts.ts';
import { generateBenign } from './benign.ts';
import { Split, attackSplit, benignSplit, generatedSplit } from './split.ts';
import { generateNosqli, NOSQL_BENIGN, GenRow } from './nosqli.ts';
import { EXTRA_BENIGN, SEPARATE_BENIGN } from './benign_extra.ts';
import { generateAttacksExtra, padPayload, padRun } from './attacks_extra.ts';
import { generatePayloads } from './attacks_more.ts';
import { npmBenign } from './npm.ts';
import { Side, capKinds, originOf, originSides, isGenerated } from './origins.ts';

const SEED = 20240601;
/** At most this many attack payloads per source file, before augmentation. */
const CAP_PER_SOURCE = 3000;
/** Aim for roughly this share of benign rows; the generator fills the gap within [GEN_MIN, GEN_MAX]. */
const BENIGN_SHARE = 0.5;
const GEN_MIN = 40000;
const GEN_MAX = 60000;
/** Generated NoSQL injection rows (the source data has only 26 nosqli payloads). */
const NOSQLI_N = 4000;
/** Generated command injection and CRLF injection rows. */
const CMDI_N = 3000;
const CRLF_N = 1200;
/** Generated attack-tool User-Agents and headers (the `scanner` class; the lists have none). */
const SCANNER_N = 1500;
/** Generated payloads per family in attacks_more.ts (before placement into 2-4+ contexts each). */
const GEN_PAYLOADS_PER_FAMILY = 400;
/** Generated benign rows from the targeted families in nosqli.ts and benign_extra.ts. */
const EXTRA_BENIGN_N = 26000;

export interface OutRow { text: string; label: 0 | 1; class: string; where: string; source: string }

const t0 = process.hrtime.bigint();
const outDir = path.resolve(REPO_ROOT, 'build/dataset');
const dataDir = datasetsDir();
const train = loadJsonl(path.join(dataDir, 'train.jsonl'));
const real = loadJsonl(path.join(dataDir, 'benign_real.jsonl'));
const more = loadJsonl(path.join(dataDir, 'benign_more.jsonl'));
const exploits = loadJsonl(path.join(dataDir, 'exploits.jsonl'));
// Staged real sets join only when named in WAFSCORE_POOL_EXTRA (comma-separated; `llm`: LLM clients' requests,
// models/data/real/llm.ts). `llm` puts its origins in the pool, which redraws the origin sides; `llm:train` puts them
// on the training side alone (train/valid), leaving the calibration and test sides as they are. Either comes with a
// retrain.
const STAGED = (process.env.WAFSCORE_POOL_EXTRA ?? '').split(',').map((s) => s.trim()).filter(Boolean).map((x) => {
  if (x !== 'llm' && x !== 'llm:train') throw new Error(`WAFSCORE_POOL_EXTRA: no staged set named ${JSON.stringify(x)} (known: llm, llm:train)`);
  return { trainOnly: x.endsWith(':train'), file: (suffix: string) => path.join(REPO_ROOT, `models/data/real/llm${suffix}`) };
});
// Real request parts from public captures and cassettes, extracted by models/data/real/extract.ts (committed here).
const fetched = [...loadJsonl(path.join(REPO_ROOT, 'models/data/real/fetched.jsonl.gz')),
  ...STAGED.filter((x) => !x.trainOnly).flatMap((x) => loadJsonl(x.file('.jsonl.gz')))];
const trainOnly = STAGED.filter((x) => x.trainOnly).flatMap((x) => loadJsonl(x.file('.jsonl.gz')));
/** Whole recorded requests of the fetched captures (models/data/real/extract.ts): false positives per request. */
const wholeRequests = [...readRequests(path.join(REPO_ROOT, 'models/data/real/requests.jsonl.gz')),
  ...STAGED.filter((x) => !x.trainOnly).flatMap((x) => readRequests(x.file('_requests.jsonl.gz')))];

/** train/valid: today's split (validation); calib/test: real benign of calibration and test origins only. */
type Out = Split | 'calib' | 'test';
const OUTS: readonly Out[] = ['train', 'valid', 'calib', 'test'];

const rows: Record<Out, OutRow[]> = { train: [], valid: [], calib: [], test: [] };
const dropped: Record<string, number> = {};
const drop = (why: string) => { dropped[why] = (dropped[why] ?? 0) + 1; };
const encCounts: Record<string, number> = {};

// ---------------------------------------------------------------- attacks: clean, map class, cap per source

const TRAVERSAL_TARGETS = ['etc/passwd', 'etc/shadow', 'etc/hosts', 'boot.ini', 'windows/win.ini', 'windows\\system32\\drivers\\etc\\hosts', 'proc/self/environ', 'var/log/apache2/access.log'];

/** Map the dataset's classes to the model's, and drop rows that are not attacks on their own. Returns null to drop. */
function cleanAttack(r: SourceRow): { text: string; cls: string } | null {
  let text = r.text;
  let cls = r.class;
  // fuzzdb xml-attacks.txt lines are CSV-quoted ("<?xml version=""1.0""...>"): undo the quoting.
  if (/^".*"$/s.test(text) && text.includes('""')) text = text.slice(1, -1).replace(/""/g, '"');
  // PayloadsAllTheThings' Traversal.txt leaves the target as a `{FILE}` placeholder: fill in a file a scanner asks for.
  if (text.includes('{FILE}')) text = text.replace(/\{FILE\}/g, TRAVERSAL_TARGETS[hash32(text) % TRAVERSAL_TARGETS.length]);
  if (cls === 'cmdi' || cls === 'ssi') cls = 'rce';
  else if (cls === 'xpathi') cls = 'sqli';
  else if (cls === 'other') {
    if (/\$\(|\(\)\s*\{|system|touch/.test(text)) cls = 'rce';
    else return drop('other: not an attack class (e.g. $USER, +++ATH0, format string)'), null;
  }
  const logical = looksPreEncoded(text) ? pctDecodeOnce(text, !text.includes(' ')) ?? text : text;
  // CRLF payloads are nothing but an encoded line break (%0d%0a), so they are exempt.
  if (cls !== 'crlf' && logical.length < 3) return drop(`${cls}: shorter than 3 chars decoded (e.g. %29, %0a)`), null;
  if (cls === 'traversal' && !/[./\\%:]/.test(text)) return drop('traversal: no path characters (e.g. AAAA... in dotdotpwn)'), null;
  if (cls === 'xxe' && !/<!DOCTYPE|<!ENTITY|SYSTEM|xi:include|XInclude/i.test(text)) {
    if (/script|alert|javascript:/i.test(text)) cls = 'xss';
    else return drop('xxe: plain XML without DOCTYPE/ENTITY/XInclude'), null;
  }
  // PayloadsAllTheThings' SSTI pages also yield plain template scaffolding (closing tags, loops, HTML around
  // a variable) that any templated site serves; those are not attacks on their own.
  if (cls === 'ssti' && /^(\{%-?\s*(end\w*|block \w+|extends [^%]*|for \w+ in \w+|include '[^']*')\s*-?%\}|\{\{[#/](with|each)\b[^}]*\}\}|\{\{=? ?\.\.\. ?\}\}|\{\{this\}\}|<(li|dt|dd)>.*|string = .*)$/.test(logical.trim()))
    return drop('ssti: template scaffolding, not an injection (e.g. {% block body %}, {% endfor %})'), null;
  return { text, cls };
}

interface Payload { text: string; cls: string; source: string }
const bySource = new Map<string, Payload[]>();
const seen = new Set<string>();
for (const r of train) {
  if (r.label !== 1) continue;
  const c = cleanAttack(r);
  if (!c) continue;
  const key = c.cls + '\u0000' + c.text;
  if (seen.has(key)) { drop('duplicate after cleaning'); continue; }
  seen.add(key);
  if (!bySource.has(r.source)) bySource.set(r.source, []);
  bySource.get(r.source)!.push({ text: c.text, cls: c.cls, source: r.source });
}

const capRng = new Rng(SEED ^ 0x1);
const payloads: Payload[] = [];
for (const src of [...bySource.keys()].sort()) {
  const ps = bySource.get(src)!;
  if (ps.length > CAP_PER_SOURCE) {
    capRng.shuffle(ps);
    for (let i = CAP_PER_SOURCE; i < ps.length; i++) drop(`capped at ${CAP_PER_SOURCE} per source`);
    payloads.push(...ps.slice(0, CAP_PER_SOURCE));
  } else payloads.push(...ps);
}

// The project's own payloads for classes one collection supplies almost alone (attacks_more.ts), placed like the rest.
for (const g of generatePayloads(new Rng(SEED ^ 0xb), GEN_PAYLOADS_PER_FAMILY)) payloads.push({ text: g.text, cls: g.cls, source: `gen:${g.cls}:${g.family}` });

const perClass: Record<string, number> = {};
for (const p of payloads) perClass[p.cls] = (perClass[p.cls] ?? 0) + 1;
/** Small classes get more contexts per payload, so each class has at least a few hundred rows. */
const boost = (cls: string) => Math.max(1, Math.min(8, Math.round(2000 / perClass[cls])));

const URLISH = new Set(['query', 'path', 'body:form', 'header:Cookie', 'header:Referer']);
const SQL_KW = /\b(select|union|from|where|and|or|order|by|insert|into|values|sleep|benchmark|null|concat|char|table|drop|update|set|waitfor|delay)\b/g;

const PADDED_CLASSES = new Set(['sqli', 'xss', 'rce', 'ssti', 'jndi', 'nosqli']);
const PAD_SHARE = 0.1;
const RUN_PAD_SHARE = 0.1;
/** Classes whose payload must begin the value (a redirect target or URL): run padding goes after it only. */
const FRONT_FIXED = new Set(['open_redirect', 'ssrf']);
const atkRng = new Rng(SEED ^ 0x2);
for (const p of payloads) {
  const split = attackSplit(p.source, p.text);
  const pre = looksPreEncoded(p.text);
  const logical = pre ? pctDecodeOnce(p.text, !p.text.includes(' ')) : p.text;
  const n = atkRng.int(2, 4) * boost(p.cls);
  const made = new Set<string>();
  for (let i = 0; i < n; i++) {
    let where = chooseWhere(atkRng, p.cls, logical ?? p.text);
    // An absolute file name with no `..` (LFI lists: /etc/passwd) is an attack as a parameter value, but as
    // a URL path it is just a path the server may not have.
    if (where === 'path' && p.cls === 'traversal' && !/\.\.|%2e|%c0|%u|0x2e/i.test(p.text)) where = 'query';
    let v: Encoded;
    if (logical === null) {
      // Deliberate byte-level evasions (overlong UTF-8 like %c0%af): the source form is the wire form.
      v = { s: p.text, wire: true, enc: 'source' };
    } else if (pre && URLISH.has(where) && atkRng.chance(0.5)) {
      v = { s: p.text, wire: true, enc: 'source' };
    } else {
      let base = logical;
      // HttpParamsDataset lower-cased every value; real tools send SQL keywords in upper case as often as not.
      if (p.cls === 'sqli' && p.source.startsWith('Morzeux/') && atkRng.chance(0.5)) base = base.replace(SQL_KW, (w) => w.toUpperCase());
      // Padding with benign prose, the evasion that dilutes a bag-of-features model.
      if (PADDED_CLASSES.has(p.cls) && atkRng.chance(PAD_SHARE)) base = padPayload(atkRng, base);
      // Padding with runs of one character (cheaper for an attacker, and the evasion suite's pad-before/pad-inside).
      else if (atkRng.chance(RUN_PAD_SHARE)) base = padRun(atkRng, base, !FRONT_FIXED.has(p.cls));
      v = chooseEncoding(atkRng, base, p.cls, where);
    }
    const text = place(atkRng, v, where, p.cls);
    if (made.has(text)) continue;
    made.add(text);
    encCounts[v.enc] = (encCounts[v.enc] ?? 0) + 1;
    rows[split].push({ text, label: 1, class: p.cls, where, source: p.source });
  }
}

// Generated NoSQL injection: each template family is its own source (gen:nosqli:<family>), split by family + skeleton.
for (const g of generateNosqli(new Rng(SEED ^ 0x6), NOSQLI_N)) {
  const source = `gen:nosqli:${g.family}`;
  rows[attackSplit(source, g.text)].push({ text: g.text, label: 1, class: 'nosqli', where: g.where, source });
}
// Generated command and CRLF injection (the lists have 678 and 16 payloads).
for (const g of generateAttacksExtra(new Rng(SEED ^ 0x9), CMDI_N, CRLF_N, SCANNER_N)) {
  const source = `gen:${g.cls}:${g.family}`;
  rows[attackSplit(source, g.text)].push({ text: g.text, label: 1, class: g.cls, where: g.where, source });
}
// exploits.jsonl: attack parts already on the wire (nuclei templates, PayloadsAllTheThings, SecLists), used as they
// are. Its classes map onto the model's heads; graphql and prototype_pollution have no head yet and are left out.
const EXPLOIT_CLASS: Record<string, string> = { ssi: 'rce', xpathi: 'sqli', upload: 'rce', deserialization: 'rce', xslt: 'xxe' };
const NO_HEAD = new Set(['graphql', 'prototype_pollution']);
for (const r of exploits) {
  if (r.label !== 1 || !r.where) throw new Error(`exploits.jsonl: expected attack rows with a where (${r.source})`);
  if (NO_HEAD.has(r.class)) { drop(`exploits: ${r.class} (no model head yet)`); continue; }
  const cls = EXPLOIT_CLASS[r.class] ?? r.class;
  rows[attackSplit(r.source, r.text)].push({ text: r.text, label: 1, class: cls, where: r.where, source: r.source });
}
const attackRows = rows.train.length + rows.valid.length;

// ---------------------------------------------------------------- benign: real wire parts, all of them

const count = (rs: SourceRow[]) => {
  const m = new Map<string, number>();
  for (const r of rs) m.set(r.source, (m.get(r.source) ?? 0) + 1);
  return m;
};
const trainBenign = train.filter((r) => r.label === 0);
const tbCounts = count(trainBenign);
const realCounts = count(real);
const moreCounts = count(more);
const fetchedCounts = count(fetched);
const KNOWN_BODIES = new Set(['body:json', 'body:form', 'body:multipart', 'body:xml', 'body:text']);
const wireWhere = (r: SourceRow, file: string) => {
  let where = r.where ?? r.kind ?? '';
  if (where.startsWith('body:') && !KNOWN_BODIES.has(where)) where = 'body:text'; // one `body:other` row
  if (!(where === 'query' || where === 'path' || where.startsWith('body:') || where.startsWith('header:'))) throw new Error(`${file}: unexpected kind ${where}`);
  return where;
};

// Real traffic, split by ORIGIN: every real wire part (benign_real's non-synthetic rows, benign_more, train.jsonl's
// JSON documents, the only train.jsonl benign rows used as they are) is pooled, its origin sent to one side. Train-side
// origins then split train/valid as before (today's validation); calibration and test origins are never trained on.
// train.jsonl's other benign rows (values we place into generated contexts; curated fp_list/tricky edge cases) are not
// traffic as it arrives and stay on the training side, with benign_real's synthetic rows.
interface RealRow { text: string; where: string; source: string; sourceRows: number }
const pool: RealRow[] = [];
for (const r of real) {
  const where = wireWhere(r, 'benign_real');
  const row = { text: r.text, where, source: r.source, sourceRows: realCounts.get(r.source)! };
  if (isGenerated(r.source)) rows[benignSplit(r.source, r.text, row.sourceRows)].push({ text: r.text, label: 0, class: 'benign', where, source: r.source });
  else pool.push(row);
}
for (const r of more) pool.push({ text: r.text, where: wireWhere(r, 'benign_more'), source: r.source, sourceRows: moreCounts.get(r.source)! });
for (const r of fetched) pool.push({ text: r.text, where: wireWhere(r, 'fetched'), source: r.source, sourceRows: fetchedCounts.get(r.source)! });
for (const r of trainBenign) if (r.kind === 'json') pool.push({ text: r.text, where: 'body:json', source: r.source, sourceRows: tbCounts.get(r.source)! });
const originRows = new Map<string, number>();
for (const r of pool) originRows.set(originOf(r.source), (originRows.get(originOf(r.source)) ?? 0) + 1);
const originSide = originSides(pool);
// Every origin keeps the side it was drawn to, code fixtures too (JS test subjects, GraphQL documents,
// DOM snapshots): they were once moved from calibration to training, which left the test side with a
// kind of part calibration never saw, and the 0.1% edge set on calibration did not hold on test.
for (const r of pool) {
  const side: Side = originSide.get(originOf(r.source))!;
  const out: Out = side === 'train' ? benignSplit(r.source, r.text, r.sourceRows) : side;
  rows[out].push({ text: r.text, label: 0, class: 'benign', where: r.where, source: r.source });
}

// ---------------------------------------------------------------- benign: train.jsonl values placed into contexts

const ALL_PARAMS = [...new Set(Object.values(TARGET_PARAMS).flat())].sort();
const benRng = new Rng(SEED ^ 0x3);
const KIND_WHERES: Record<string, readonly (readonly [Where, number])[]> = {
  param: [['query', 45], ['body:form', 30], ['body:json', 15], ['header:Cookie', 5], ['body:multipart', 3], ['path', 2]],
  tricky: [['query', 40], ['body:form', 25], ['body:json', 20], ['body:multipart', 5], ['header:Cookie', 5], ['header:User-Agent', 5]],
  fp_list: [['query', 50], ['body:form', 25], ['body:json', 15], ['header:Referer', 5], ['header:Cookie', 5]],
  prose: [['body:json', 35], ['body:form', 30], ['query', 10], ['body:multipart', 12], ['body:text', 8], ['body:xml', 5]],
  code: [['body:json', 45], ['body:multipart', 25], ['body:form', 15], ['body:text', 15]],
};
for (const r of trainBenign) {
  const split = benignSplit(r.source, r.text, tbCounts.get(r.source)!);
  const kind = r.kind ?? 'param';
  if (kind === 'json') continue; // in the origin pool above
  const reps = kind === 'fp_list' || kind === 'tricky' ? 3 : 1; // few and decisive: show them in several places
  const pre = looksPreEncoded(r.text);
  const logical = pre ? pctDecodeOnce(r.text, !r.text.includes(' ')) : r.text;
  for (let i = 0; i < reps; i++) {
    const where = benRng.weighted(KIND_WHERES[kind] ?? KIND_WHERES.param);
    const v: Encoded = logical === null || (pre && URLISH.has(where)) ? { s: r.text, wire: true, enc: 'source' } : { s: logical, wire: false, enc: 'none' };
    const name = benRng.chance(0.3) ? benRng.pick(ALL_PARAMS) : benRng.pick(TARGET_PARAMS.benign);
    rows[split].push({ text: place(benRng, v, where, 'benign', name), label: 0, class: 'benign', where, source: r.source });
  }
}

// ---------------------------------------------------------------- benign: generated

const benignSoFar = rows.train.length + rows.valid.length + rows.calib.length + rows.test.length - attackRows;
const genN = Math.max(GEN_MIN, Math.min(GEN_MAX, Math.round(attackRows * BENIGN_SHARE / (1 - BENIGN_SHARE)) - benignSoFar));
for (const g of generateBenign(new Rng(SEED ^ 0x4), genN)) {
  const source = `gen:benign:${g.family}`;
  rows[generatedSplit(source, g.text)].push({ text: g.text, label: 0, class: 'benign', where: g.where, source });
}

// ---------------------------------------------------------------- benign: targeted generated families + npm text

const extraRng = new Rng(SEED ^ 0x7);
const extraFams = [...NOSQL_BENIGN, ...EXTRA_BENIGN].map((f) => [f, f.weight] as const);
for (let i = 0; i < EXTRA_BENIGN_N; i++) {
  const g: GenRow = extraRng.weighted(extraFams).gen(extraRng);
  const source = `gen:benign:${g.family}`;
  rows[generatedSplit(source, g.text)].push({ text: g.text, label: 0, class: 'benign', where: g.where, source });
}
for (const [i, fam] of SEPARATE_BENIGN.entries()) {
  const rng = new Rng(SEED ^ (0x100 + i));
  for (let k = 0; k < fam.n; k++) {
    const g = fam.gen(rng);
    const source = `gen:benign:${g.family}`;
    rows[generatedSplit(source, g.text)].push({ text: g.text, label: 0, class: 'benign', where: g.where, source });
  }
}
const npm = npmBenign(new Rng(SEED ^ 0x8), REPO_ROOT);
const npmCounts = new Map<string, number>();
for (const r of npm.rows) npmCounts.set(r.source, (npmCounts.get(r.source) ?? 0) + 1);
for (const r of npm.rows) rows[benignSplit(r.source, r.text, npmCounts.get(r.source)!)].push({ text: r.text, label: 0, class: 'benign', where: r.where, source: r.source });
for (let i = 0; i < npm.skipped; i++) drop('npm: attack-looking text skipped');
// Staged sets put on the training side alone (`llm:train`), after the generated rows were counted, so that they
// add to the benign rows rather than take the place of generated ones.
const trainOnlyCounts = count(trainOnly);
for (const r of trainOnly) {
  rows[benignSplit(r.source, r.text, trainOnlyCounts.get(r.source)!)].push({ text: r.text, label: 0, class: 'benign', where: wireWhere(r, 'staged'), source: r.source });
}

// ---------------------------------------------------------------- dedupe, shuffle, write

// Exact duplicates: keep the first per split; a text in both splits stays only in train; a text seen
// with both labels is dropped from the benign side (it is an attack somewhere, so it can't be a clean negative).
const attackTexts = new Set<string>();
for (const s of OUTS) for (const r of rows[s]) if (r.label === 1) attackTexts.add(r.text);
const trainTexts = new Set<string>();
for (const s of OUTS) {
  const keep: OutRow[] = [];
  const here = new Set<string>();
  for (const r of rows[s]) {
    if (r.label === 0 && attackTexts.has(r.text)) { drop('benign text identical to an attack row'); continue; }
    if (here.has(r.text)) { drop(`duplicate text within ${s}`); continue; }
    if (s !== 'train' && trainTexts.has(r.text)) { drop(`${s} text also in train`); continue; }
    here.add(r.text);
    if (s === 'train') trainTexts.add(r.text);
    keep.push(r);
  }
  rows[s] = keep;
}

// The test side: no one where kind over KIND_CAP of it (User-Agents and paths are most of the real captures).
const origins = (rs: OutRow[]) => new Set(rs.map((r) => originOf(r.source))).size;
const testBeforeCap = { rows: rows.test.length, origins: origins(rows.test) };
const capped = capKinds(rows.test, (r) => r.where, (r) => r.text);
rows.test = capped.kept;
for (let i = 0; i < capped.dropped; i++) drop('test: over the per-kind cap (used nowhere)');

const shufRng = new Rng(SEED ^ 0x5);
mkdirSync(outDir, { recursive: true });
const summary: Record<string, unknown> = { seed: SEED, cap_per_source: CAP_PER_SOURCE, generated_benign: genN };
const tally = (rs: OutRow[], f: (r: OutRow) => string) => {
  const m: Record<string, number> = {};
  for (const r of rs) m[f(r)] = (m[f(r)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(m).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
};
const whereKey = (r: OutRow) => (r.where.startsWith('header:') && !['header:User-Agent', 'header:Referer', 'header:Cookie', 'header:X-Forwarded-For'].includes(r.where) ? 'header:(other)' : r.where);
for (const s of OUTS) {
  shufRng.shuffle(rows[s]);
  const lines = rows[s].map((r) => JSON.stringify({ text: r.text, label: r.label, class: r.class, where: r.where, source: r.source }));
  writeFileSync(path.join(outDir, `${s}.jsonl`), lines.join('\n') + '\n');
  summary[s] = {
    rows: rows[s].length,
    by_label: tally(rows[s], (r) => String(r.label)),
    by_class: tally(rows[s], (r) => r.class),
    by_where: tally(rows[s], whereKey),
    attack_by_where: tally(rows[s].filter((r) => r.label === 1), whereKey),
    benign_by_where: tally(rows[s].filter((r) => r.label === 0), whereKey),
  };
}
// Whole requests of test-side origins, every part as sent: the per-request false-positive figure (`make eval`).
const testRequests = wholeRequests.filter((r) => originSide.get(originOf(r.source)) === 'test');
writeFileSync(path.join(outDir, 'test_requests.jsonl'), testRequests.map((r) => JSON.stringify({ source: r.source, parts: r.parts })).join('\n') + '\n');
summary.test_requests = { requests: testRequests.length, origins: new Set(testRequests.map((r) => originOf(r.source))).size };
const sideOrigins: Record<Side, number> = { train: 0, calib: 0, test: 0 };
const sideRows: Record<Side, number> = { train: 0, calib: 0, test: 0 };
for (const [o, side] of originSide) { sideOrigins[side]++; sideRows[side] += originRows.get(o)!; }
summary.real_benign_by_origin = {
  pool_rows: pool.length, origins: originSide.size, origins_per_side: sideOrigins, pool_rows_per_side: sideRows,
  test_before_cap: testBeforeCap, test_per_kind_cap: capped.perKind, test_dropped_by_cap: capped.dropped,
  test: { rows: rows.test.length, origins: origins(rows.test) }, calib: { rows: rows.calib.length, origins: origins(rows.calib) },
};
summary.attack_payloads_by_class = Object.fromEntries(Object.entries(perClass).sort());
summary.attack_encodings = Object.fromEntries(Object.entries(encCounts).sort((a, b) => b[1] - a[1]));
summary.npm_rows = npm.rows.length;
summary.npm_licences = Object.fromEntries(Object.entries(npm.licences).sort());
const npmSources = new Set(npm.rows.map((r) => r.source));
summary.by_source_generated = tally([...rows.train, ...rows.valid].filter((r) => r.source.startsWith('gen:nosqli:') || npmSources.has(r.source) || /^gen:benign:(nosql|xml-docs|passwords-punct|keys-tokens|github-api|referers-odd|redirect-params-same-site)/.test(r.source)), (r) => (npmSources.has(r.source) ? 'npm:*' : r.source));
summary.dropped = Object.fromEntries(Object.entries(dropped).sort());
writeFileSync(path.join(outDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');

const ms = Number((process.hrtime.bigint() - t0) / 1000000n);
console.log(JSON.stringify(summary, null, 2));
console.error(`wrote ${rows.train.length} train + ${rows.valid.length} valid + ${rows.calib.length} calib + ${rows.test.length} test rows to ${path.relative(process.cwd(), outDir) || '.'} in ${ms} ms`);
