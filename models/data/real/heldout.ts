// Cuts the frozen held-out origins into models/data/real/heldout.jsonl.gz (one benign row per request part) and
// heldout_requests.jsonl.gz (the same recordings' requests whole). Run by hand: `npx tsx models/data/real/heldout.ts`.
//
// Why a second set: the test side of the origin split (models/data/origins.ts) has been scored after every change
// since it was drawn, and some rules were written after reading what it flagged, so its figures are no longer a
// clean measure. These origins were collected on 2026-12-05 by sessions that never scored them, cut and committed
// before any model scored a part of them. They are read by `make eval` only: no training, calibration, threshold or
// rule may be chosen from them, and what they flag is reported by origin and kind, never as texts. A change made
// after reading their flagged parts spends them: say so in the README and collect a new set.
//
// The same content-blind filters as extract.ts (formats.ts, parts.ts): parts already in ../shared/datasets or in
// fetched.jsonl.gz dropped, placeholders and keys left out, HAR files mostly copies of known captures left out whole;
// then at most ORIGIN_CAP parts per origin and no `where` kind over KIND_CAP of the set, both by a hash of the text.

import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { type Source, git, requestsOf } from './formats.ts';
import { splitUrl } from './parts.ts';
import { datasetsDir, readText, REPO_ROOT, type WholeRequest } from '../load.ts';
import { hash32 } from '../rng.ts';
import { capKinds, KIND_CAP } from '../origins.ts';

/** A held-out source: one origin per repository, or (`bySite`) one per site a HAR file captured. */
interface HeldOutSource extends Source { bySite?: boolean; about: string }

/** Licences checked in each repository's licence file at the pinned commit (SOURCES.md, "Held-out origins"). */
export const HELD_OUT: readonly HeldOutSource[] = [
];

/** Parts kept per origin at most: no one API may be the set's verdict (calibration's lesson, extract.ts ORIGIN_CAP). */
const ORIGIN_CAP = 400;
/** Whole requests kept per origin at most, as extract.ts. */
const REQUEST_CAP = 300;
/** A HAR whose distinct parts are half or more known already is a copy of a known capture (extract.ts COPY_SHARE). */
const COPY_SHARE = 0.5;

export interface HeldOutRow { text: string; label: 0; class: 'benign'; where: string; source: string; origin: string; licence: string }
export interface HeldOutRequest extends WholeRequest { origin: string }

export const HELD_OUT_FILE = path.join(REPO_ROOT, 'models/data/real/heldout.jsonl.gz');
export const HELD_OUT_REQUESTS_FILE = path.join(REPO_ROOT, 'models/data/real/heldout_requests.jsonl.gz');

/** The site a HAR captured: the host of its first request, without `www.`. */
function siteOf(reqs: { url: string }[]): string {
  for (const r of reqs) {
    const m = /^https?:\/\/(?:www\.)?([^/:?#]+)/i.exec(r.url);
    if (m && splitUrl(r.url)) return m[1].toLowerCase();
  }
  return '?';
}

function main(): void {
  const key = (where: string, text: string) => where + '\u0000' + text;
  const known = new Set<string>();
  for (const f of ['train.jsonl', 'benign_real.jsonl', 'benign_more.jsonl', 'exploits.jsonl']) {
    for (const line of readFileSync(path.join(datasetsDir(), f), 'utf8').split('\n')) {
      if (!line) continue;
      const r = JSON.parse(line) as { text: string; where?: string; kind?: string };
      known.add(key(r.where ?? r.kind ?? '', r.text));
    }
  }
  for (const line of readText(path.join(REPO_ROOT, 'models/data/real/fetched.jsonl.gz')).split('\n')) {
    if (line) { const r = JSON.parse(line) as { text: string; where: string }; known.add(key(r.where, r.text)); }
  }
  // Any text the pool holds, whatever its `where`: a held-out part must be new text, not a known one moved.
  const knownText = new Set([...known].map((k) => k.slice(k.indexOf('\u0000') + 1)));
  const seen = new Set<string>();
  const rows: HeldOutRow[] = [];
  const requests: HeldOutRequest[] = [];
  const report: string[] = [];
  for (const s of HELD_OUT) {
    const files = git(s.repo, ['ls-tree', '-r', '--name-only', s.commit]).toString().split('\n').filter((f) => s.files.test(f)).sort();
    let n = 0, failed = 0, absent = 0, copies = 0;
    for (const f of files) {
      let body: string;
      try { body = git(s.repo, ['show', `${s.commit}:${f}`]).toString('utf8'); } catch { absent++; continue; }
      let reqs;
      try { reqs = requestsOf(s.format, body, f); } catch { failed++; continue; }
      const parts = reqs.flat();
      const distinct = new Set(parts.map((p) => key(p.where, p.text)));
      if (s.format === 'har' && distinct.size && [...distinct].filter((k) => known.has(k)).length >= COPY_SHARE * distinct.size) { copies++; continue; }
      let origin = s.repo;
      if (s.bySite) {
        try { origin = `${s.repo} (${siteOf((JSON.parse(body) as { log: { entries: { request: { url: string } }[] } }).log.entries.map((e) => e.request))})`; } catch { origin = `${s.repo} (?)`; }
      }
      const source = `${s.repo}:${f}`;
      for (const ps of reqs) requests.push({ source, origin, parts: ps });
      for (const p of parts) {
        const k = key(p.where, p.text);
        if (seen.has(k) || knownText.has(p.text)) continue;
        seen.add(k);
        rows.push({ text: p.text, label: 0, class: 'benign', where: p.where, source, origin, licence: s.licence });
        n++;
      }
    }
    report.push(`${s.repo}: ${files.length} files (${absent} absent, ${failed} unparsable, ${copies} copies of known HARs), ${n} new parts`);
  }
  const byText = (a: HeldOutRow, b: HeldOutRow) => hash32(key(a.where, a.text)) - hash32(key(b.where, b.text)) || (key(a.where, a.text) < key(b.where, b.text) ? -1 : 1);
  const byOrigin = new Map<string, HeldOutRow[]>();
  for (const r of rows) {
    if (!byOrigin.has(r.origin)) byOrigin.set(r.origin, []);
    byOrigin.get(r.origin)!.push(r);
  }
  const capped = new Set<HeldOutRow>();
  for (const [o, rs] of [...byOrigin].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const pick = rs.length <= ORIGIN_CAP ? rs : [...rs].sort(byText).slice(0, ORIGIN_CAP);
    for (const r of pick) capped.add(r);
    report.push(`origin ${o}: ${rs.length} parts, ${pick.length} kept`);
  }
  const { kept, dropped, perKind } = capKinds(rows.filter((r) => capped.has(r)), (r) => r.where.startsWith('header:') && r.where !== 'header:User-Agent' ? 'header:(other)' : r.where, (r) => r.text, KIND_CAP);
  const keep = new Set(kept);
  const out = rows.filter((r) => keep.has(r));
  writeFileSync(HELD_OUT_FILE, gzipSync(out.map((r) => JSON.stringify(r)).join('\n') + '\n', { level: 9 }));
  const reqKey = (r: WholeRequest) => r.parts.map((p) => key(p.where, p.text)).join('\u0001');
  const reqsByOrigin = new Map<string, Map<string, HeldOutRequest>>();
  for (const r of requests) {
    if (!reqsByOrigin.has(r.origin)) reqsByOrigin.set(r.origin, new Map());
    const m = reqsByOrigin.get(r.origin)!, k = reqKey(r);
    if (!m.has(k)) m.set(k, r);
  }
  const keptRequests: HeldOutRequest[] = [];
  for (const [, m] of [...reqsByOrigin].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    keptRequests.push(...[...m.entries()].sort((a, b) => hash32(a[0]) - hash32(b[0]) || (a[0] < b[0] ? -1 : 1)).slice(0, REQUEST_CAP).map(([, r]) => r));
  }
  writeFileSync(HELD_OUT_REQUESTS_FILE, gzipSync(keptRequests.map((r) => JSON.stringify(r)).join('\n') + '\n', { level: 9 }));
  const kinds = new Map<string, number>();
  for (const r of out) kinds.set(r.where, (kinds.get(r.where) ?? 0) + 1);
  report.push(`kind cap ${KIND_CAP}: ${dropped} parts over it dropped (${perKind} per kind at most)`);
  report.push(`kinds: ${[...kinds].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  report.push(`${keptRequests.length} whole requests from ${reqsByOrigin.size} origins to ${path.relative(REPO_ROOT, HELD_OUT_REQUESTS_FILE)}`);
  report.push(`wrote ${out.length} parts from ${new Set(out.map((r) => r.origin)).size} origins to ${path.relative(REPO_ROOT, HELD_OUT_FILE)}`);
  console.log(report.join('\n'));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(REPO_ROOT, 'models/data/real/heldout.ts')) main();
