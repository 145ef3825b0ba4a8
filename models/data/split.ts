// Deterministic train/validation split: a hash of a group key (source, or source + payload family) picks the side.
// Called by build.ts once per source row, before augmentation, so every variant of one payload lands on one side.

import { hash32 } from './rng.ts';
import { pctDecodeOnce } from './encode.ts';

export type Split = 'train' | 'valid';

/** Share of the 32-bit hash space that goes to validation. */
export const VALID_FRACTION = 0.17;

/** Salt so the split can be re-drawn deliberately (bump it and say so), never by accident. */
const SALT = 'wafscore-split-v1';

export function splitOf(key: string): Split {
  return hash32(SALT + '\u0000' + key) / 4294967296 < VALID_FRACTION ? 'valid' : 'train';
}

/**
 * Payload family: a normalised skeleton, so near-duplicates (the same payload with other digits,
 * case, spacing or URL encoding) share a key. URL-decoded up to twice, lower-cased, digits → 0,
 * runs of whitespace and SQL comments → one space, first 24 characters.
 */
export function skeleton(text: string, foldDigits = true): string {
  let s = text;
  for (let i = 0; i < 2; i++) {
    const d = pctDecodeOnce(s, true);
    if (d === null || d === s) break;
    s = d;
  }
  return s
    .toLowerCase()
    .replace(/\/\*.*?\*\//g, ' ')
    .replace(foldDigits ? /[0-9]+/g : /(?!)/g, '0')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 24);
}

/** Attacks: source file + payload family (several classes come from a single file). */
export function attackSplit(source: string, text: string): Split {
  return splitOf(source + '\u0000' + skeleton(text));
}

/**
 * Real benign rows (benign_real.jsonl, train.jsonl benign): by source. Sources with more than
 * BIG_SOURCE_ROWS rows (ua-parser's 5.4k UAs, the Apache log, HttpParamsDataset's 19k values, WikiText,
 * the big synthetic families) would otherwise put thousands of rows on one side by a single coin flip,
 * so inside those we split by source + text skeleton instead; near-duplicates still share a skeleton.
 */
export const BIG_SOURCE_ROWS = 500;

export function benignSplit(source: string, text: string, sourceRows: number): Split {
  return sourceRows > BIG_SOURCE_ROWS ? splitOf(source + '\u0000' + skeleton(text)) : splitOf(source);
}

/**
 * Generated benign rows keep their digits in the skeleton: a template such as `http://<ipv4>/`
 * has one folded skeleton, which sent every generated IP Referer to one side.
 *
 * Generated benign rows: by template family (`gen:benign:<family>`) plus the text skeleton. Whole-family
 * splitting was tried first: with ~30 families a coin flip per family sent all generated X-Forwarded-For
 * values to validation, leaving training with XFF only in attacks. Rows from one template that share a
 * skeleton (same opening words, digits folded) still stay together.
 */
export function generatedSplit(source: string, text: string): Split {
  return splitOf(source + '\u0000' + skeleton(text, false));
}
