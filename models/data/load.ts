// Reads the shared JSONL datasets and validates each row's schema, failing with file:line and field.
// Called by build.ts; the dataset folder is ../shared/datasets from the repo root (env WAFSCORE_DATASETS overrides).

import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';

export interface SourceRow {
  text: string;
  label: 0 | 1;
  class: string;
  source: string;
  /** train.jsonl benign rows: param/prose/json/code/fp_list/tricky; benign_real.jsonl: the wire `where`. */
  kind?: string;
  synthetic?: boolean;
  licence?: string;
  licence_note?: string;
  /** exploits.jsonl / benign_more.jsonl: the wire `where`, and how the build wrapped the payload. */
  where?: string;
  wrapped?: string;
}

export { REPO_ROOT } from '../../node/core.ts';
import { REPO_ROOT } from '../../node/core.ts';

export function datasetsDir(): string {
  return process.env.WAFSCORE_DATASETS
    ? path.resolve(process.env.WAFSCORE_DATASETS)
    : path.resolve(REPO_ROOT, '../shared/datasets');
}

const ALLOWED_KEYS = new Set(['text', 'label', 'class', 'source', 'kind', 'synthetic', 'licence', 'licence_note', 'where', 'wrapped']);

/** A text file, gunzipped when its name ends in `.gz` (the fetched real parts are committed gzipped: over 4 MiB as text). */
export function readText(file: string): string {
  const bytes = readFileSync(file);
  return (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

/** A whole recorded request: every part as sent (real/requests.jsonl.gz, build/dataset/test_requests.jsonl). */
export interface WholeRequest { source: string; parts: Array<{ where: string; text: string }> }

export function readRequests(file: string): WholeRequest[] {
  return readText(file).split('\n').filter((l) => l).map((l) => JSON.parse(l) as WholeRequest);
}

/** A part's identity across datasets: its `where` and its text. */
export const partKey = (where: string, text: string): string => where + '\u0000' + text;

/** Every part of the shared datasets (../shared/datasets), by partKey: what fetched and held-out rows must not repeat. */
export function sharedPartKeys(): Set<string> {
  const keys = new Set<string>();
  for (const f of ['train.jsonl', 'benign_real.jsonl', 'benign_more.jsonl', 'exploits.jsonl']) {
    for (const line of readFileSync(path.join(datasetsDir(), f), 'utf8').split('\n')) {
      if (!line) continue;
      const r = JSON.parse(line) as { text: string; where?: string; kind?: string };
      keys.add(partKey(r.where ?? r.kind ?? '', r.text));
    }
  }
  return keys;
}

export class SchemaError extends Error {}

function fail(file: string, line: number, field: string, reason: string): never {
  throw new SchemaError(`${path.basename(file)}:${line}: ${field}: ${reason}`);
}

/** Parse and validate one JSONL file. Throws SchemaError naming the file, line and field. */
export function loadJsonl(file: string): SourceRow[] {
  const lines = readText(file).split('\n');
  const rows: SourceRow[] = [];
  for (let i = 0; i < lines.length; i++) {
    const ln = i + 1;
    const raw = lines[i];
    if (raw.trim() === '') continue;
    let o: unknown;
    try {
      o = JSON.parse(raw);
    } catch (e) {
      fail(file, ln, '(row)', `invalid JSON: ${(e as Error).message}`);
    }
    if (typeof o !== 'object' || o === null || Array.isArray(o)) fail(file, ln, '(row)', 'must be a JSON object');
    const r = o as Record<string, unknown>;
    for (const k of Object.keys(r)) if (!ALLOWED_KEYS.has(k)) fail(file, ln, k, 'unknown field');
    if (typeof r.text !== 'string') fail(file, ln, 'text', `must be a string, got ${typeof r.text}`);
    if (r.text.length === 0) fail(file, ln, 'text', 'must not be empty');
    if (r.label !== 0 && r.label !== 1) fail(file, ln, 'label', `must be 0 or 1, got ${JSON.stringify(r.label)}`);
    if (typeof r.class !== 'string' || r.class === '') fail(file, ln, 'class', 'must be a non-empty string');
    if ((r.label === 0) !== (r.class === 'benign'))
      fail(file, ln, 'class', `label ${r.label} disagrees with class ${JSON.stringify(r.class)}`);
    if (typeof r.source !== 'string' || r.source === '') fail(file, ln, 'source', 'must be a non-empty string');
    if (r.kind !== undefined && typeof r.kind !== 'string') fail(file, ln, 'kind', 'must be a string');
    if (r.where !== undefined && typeof r.where !== 'string') fail(file, ln, 'where', 'must be a string');
    if (r.wrapped !== undefined && typeof r.wrapped !== 'string') fail(file, ln, 'wrapped', 'must be a string');
    if (r.synthetic !== undefined && typeof r.synthetic !== 'boolean') fail(file, ln, 'synthetic', 'must be a boolean');
    rows.push(r as unknown as SourceRow);
  }
  return rows;
}
