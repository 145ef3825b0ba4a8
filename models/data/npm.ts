// Benign bodies from text that npm packages ship under the repo's node_modules: package.json files as JSON
// bodies, plain-prose README paragraphs as comment/description values. Called by build.ts.
// Deterministic for a given lockfile (paths sorted); anything attack-looking is skipped, never relabelled.
// Source `npm:<package>:<file>`; only permissively licensed packages; licences are listed in summary.json.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { place, Where } from './contexts.ts';
import { Rng } from './rng.ts';

export interface NpmRow { text: string; where: Where; source: string }

const PERMISSIVE = /^(MIT|ISC|Apache-2\.0|BSD-2-Clause|BSD-3-Clause|0BSD|BlueOak-1\.0\.0|CC0-1\.0|Unlicense|Python-2\.0)$/;

/** Text that must never become a benign example: markup/script, traversal, template/shell syntax, SQL next to quotes. */
export const NPM_SKIP = new RegExp([
  '<script', 'javascript:', '\\.\\./', '\\.\\.\\\\', '\\$\\{', '\\{\\{', '\\{%', '\\$\\(', '`', '&&', '\\|\\|', '<[a-zA-Z!/?]', '%[0-9a-fA-F]{2}',
  '[\'"]\\s*\\b(or|and|union|select|insert|update|delete|drop|from|where|order|sleep|exec|having|like)\\b',
  '\\b(or|and|union|select|insert|update|delete|drop|from|where|order|exec|having|like)\\s*[\'"]',
  '[;|]\\s*(ls|cat|rm|id|sh|bash|wget|curl|nc|whoami|echo|ping|uname|chmod|sudo|node|npm|python|perl)\\b', '>\\s*/', '/etc/', '\\\\x[0-9a-f]{2}', '\\$where', '\\[\\$',
].join('|'), 'i');

function packageDirs(nm: string): string[] {
  if (!existsSync(nm)) return [];
  const out: string[] = [];
  for (const d of readdirSync(nm).sort()) {
    if (d.startsWith('.')) continue;
    if (d.startsWith('@')) for (const s of readdirSync(path.join(nm, d)).sort()) out.push(path.join(nm, d, s));
    else out.push(path.join(nm, d));
  }
  return out.filter((p) => existsSync(path.join(p, 'package.json')));
}

/** Paragraphs of plain prose: no headings, lists, tables, code, links-only lines, badges. */
function proseParagraphs(md: string): string[] {
  const noFences = md.replace(/```[\s\S]*?```/g, '\n\n').replace(/~~~[\s\S]*?~~~/g, '\n\n');
  return noFences.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => {
    if (p.length < 80 || p.length > 700) return false;
    if (/^(#|\||-|\*|\d+\.|>|!|\[|<|=|\s{4})/m.test(p)) return false;
    if (/\]\(|https?:|\bnpm (i|install)\b|require\(|import |=>|\(\)/.test(p)) return false;
    const letters = (p.match(/[A-Za-z ]/g) ?? []).length;
    return letters / p.length > 0.9 && /[.!?:]$/.test(p);
  }).map((p) => p.replace(/\s*\n\s*/g, ' '));
}

export interface NpmResult { rows: NpmRow[]; licences: Record<string, string>; skipped: number }

/** Up to `maxPerPackage` prose rows per package plus its package.json, from `repoRoot/node_modules`. */
export function npmBenign(rng: Rng, repoRoot: string, maxPerPackage = 8): NpmResult {
  const rows: NpmRow[] = [];
  const licences: Record<string, string> = {};
  let skipped = 0;
  for (const dir of packageDirs(path.join(repoRoot, 'node_modules'))) {
    let pj: Record<string, unknown>;
    try { pj = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')); } catch { continue; }
    const name = typeof pj.name === 'string' ? pj.name : null;
    const lic = typeof pj.license === 'string' ? pj.license : null;
    if (!name || !lic || !PERMISSIVE.test(lic)) continue;
    // package.json as a JSON body (what a registry publish or a tooling API receives); lifecycle scripts are
    // shell, so they go; so do bundler-internal fields nobody would POST.
    const body: Record<string, unknown> = {};
    for (const k of ['name', 'version', 'description', 'keywords', 'homepage', 'bugs', 'license', 'author', 'contributors', 'repository', 'main', 'types', 'engines', 'dependencies', 'peerDependencies', 'files', 'sideEffects']) if (k in pj) body[k] = pj[k];
    const pjText = rng.chance(0.5) ? JSON.stringify(body) : JSON.stringify(body, null, 2);
    if (NPM_SKIP.test(pjText)) skipped++;
    else { rows.push({ text: pjText, where: 'body:json', source: `npm:${name}:package.json` }); licences[name] = lic; }
    const readme = readdirSync(dir).filter((f) => /^readme(\.md|\.markdown)?$/i.test(f)).sort()[0];
    if (!readme) continue;
    let n = 0;
    for (const p of proseParagraphs(readFileSync(path.join(dir, readme), 'utf8'))) {
      if (n >= maxPerPackage) break;
      if (NPM_SKIP.test(p)) { skipped++; continue; }
      const where = rng.weighted([['body:json', 40], ['body:form', 35], ['body:multipart', 10], ['body:text', 10], ['body:xml', 5]] as const);
      rows.push({ text: place(rng, { s: p, wire: false, enc: 'none' }, where, 'benign', rng.pick(['comment', 'description', 'body', 'message', 'content', 'summary', 'notes', 'bio'])), where, source: `npm:${name}:${readme}` });
      licences[name] = lic;
      n++;
    }
  }
  return { rows, licences, skipped };
}
