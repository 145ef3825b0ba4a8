// The repositories every real-traffic set of models/data/real names, for the tests that keep a new set's repositories
// new by name (test/unit/llm-staged.test.ts, heldout5.test.ts, heldout6.test.ts, heldout7.test.ts, heldout8.test.ts, heldout9.test.ts): a set must share
// no repository with another, be named nowhere in SOURCES.md before its own section (no earlier set, no "considered
// and left out" list) and nowhere in ../shared/datasets. And the tests every frozen draw's file shares: its sources
// pinned and permissively licensed, and the draw read by the evaluation alone.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { expect, it } from "vitest";
import { HELD_OUT } from "../../models/data/real/heldout";
import { HELD_OUT_2 } from "../../models/data/real/heldout2";
import { HELD_OUT_3 } from "../../models/data/real/heldout3";
import { HELD_OUT_4 } from "../../models/data/real/heldout4";
import { HELD_OUT_5 } from "../../models/data/real/heldout5";
import { HELD_OUT_6 } from "../../models/data/real/heldout6";
import { HELD_OUT_7 } from "../../models/data/real/heldout7";
import { HELD_OUT_8 } from "../../models/data/real/heldout8";
import { HELD_OUT_9 } from "../../models/data/real/heldout9";
import { PAGE_LOADS } from "../../models/data/real/pageloads";
import { LLM_SOURCES } from "../../models/data/real/llm";
import { datasetsDir } from "../../models/data/load";
import { REPO_ROOT } from "./core";

export const REAL = resolve(REPO_ROOT, "models/data/real");
const lower = (repo: string) => repo.toLowerCase();

/**
 * The pool's repositories, read from extract.ts's text: its SOURCES list is not exported, and extract.ts has no main
 * guard (importing it would rewrite fetched.jsonl.gz), so its `repo: '...'` entries are read, not imported.
 */
export const POOL_REPOS = [...readFileSync(resolve(REAL, "extract.ts"), "utf8").matchAll(/\brepo: '([^']+)'/g)].map((m) => m[1]);

const SETS: Array<[string, readonly string[]]> = [
  ["HELD_OUT (heldout.ts)", HELD_OUT.map((s) => s.repo)],
  ["HELD_OUT_2 (heldout2.ts)", HELD_OUT_2.map((s) => s.repo)],
  ["HELD_OUT_3 (heldout3.ts)", HELD_OUT_3.map((s) => s.repo)],
  ["HELD_OUT_4 (heldout4.ts)", HELD_OUT_4.map((s) => s.repo)],
  ["HELD_OUT_5 (heldout5.ts)", HELD_OUT_5.map((s) => s.repo)],
  ["HELD_OUT_6 (heldout6.ts)", HELD_OUT_6.map((s) => s.repo)],
  ["HELD_OUT_7 (heldout7.ts)", HELD_OUT_7.map((s) => s.repo)],
  ["HELD_OUT_8 (heldout8.ts)", HELD_OUT_8.map((s) => s.repo)],
  ["HELD_OUT_9 (heldout9.ts)", HELD_OUT_9.map((s) => s.repo)],
  ["PAGE_LOADS (pageloads.ts)", PAGE_LOADS.map((s) => s.repo)],
  ["LLM_SOURCES (llm.ts)", LLM_SOURCES.map((s) => s.repo)],
  ["the pool (extract.ts SOURCES)", POOL_REPOS],
];

/** Registers the tests that repos (the set named `own` in SETS, whose SOURCES.md section opens with `section`) are new. */
export function itNamesNewRepositories(own: string, repos: readonly string[], section: string): void {
  for (const [name, other] of SETS) {
    if (name === own) continue;
    it(`share no repository with ${name}`, () => {
      const o = new Set(other.map(lower));
      expect(repos.filter((r) => o.has(lower(r)))).toEqual([]);
    });
  }

  it("are named nowhere in SOURCES.md before their own section (no earlier set, no \"considered and left out\" list)", () => {
    const md = readFileSync(resolve(REAL, "SOURCES.md"), "utf8");
    const at = md.indexOf(section);
    expect(at).toBeGreaterThan(0);
    const before = md.slice(0, at).toLowerCase();
    expect(repos.filter((r) => before.includes(lower(r)))).toEqual([]);
  });

  // The shared datasets live beside the checkout (../shared/datasets), not in it.
  const sharedFiles = ["README.md", "train.jsonl", "benign_real.jsonl", "benign_more.jsonl", "exploits.jsonl"].map((f) => resolve(datasetsDir(), f));
  it.skipIf(!sharedFiles.every((f) => existsSync(f)))("are named nowhere in ../shared/datasets (README or any row's source)", () => {
    const text = sharedFiles.map((f) => readFileSync(f, "utf8")).join("\n").toLowerCase();
    expect(repos.filter((r) => text.includes(lower(r)))).toEqual([]);
  }, 60_000); // reads the whole training set: over 5 s on a busy machine (a retrain beside it)
}

/** Licences a frozen draw's source may have (its licence file, read at the pinned commit). */
const PERMISSIVE = ["MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "ISC", "MPL-2.0", "Unlicense", "CC0-1.0"];

/** Registers the test that a draw's sources are one entry per repository, pinned, permissively licensed, saying what they record. */
export function itListsPinnedSources(sources: ReadonlyArray<{ repo: string; commit: string; licence: string; about: string }>): void {
  it("are one entry per repository, pinned, permissively licensed, saying what they record", () => {
    expect(new Set(sources.map((s) => lower(s.repo))).size).toBe(sources.length);
    for (const s of sources) {
      expect(s.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(PERMISSIVE).toContain(s.licence);
      expect(s.about.length).toBeGreaterThan(0);
    }
  });
}

/**
 * Registers the test that a frozen draw is read by the evaluation alone: models/yardstick.ts names its EvalSet
 * (`evalSet`), make eval scores it (models/evaluate.ts FROZEN), and nothing that trains or calibrates names the draw
 * (`names`).
 */
export function itIsReadByEvaluationOnly(evalSet: string, names: RegExp): void {
  it("are read by the evaluation only, as a frozen draw (make eval scores them; nothing trains or calibrates on them)", () => {
    expect(readFileSync(resolve(REAL, "../../yardstick.ts"), "utf8")).toContain(evalSet);
    expect(readFileSync(resolve(REAL, "../../evaluate.ts"), "utf8")).toMatch(new RegExp(`const FROZEN: EvalSet\\[\\] = \\[[^\\]]*\\b${evalSet}\\b`));
    for (const f of ["build.ts", "../train.ts", "../calibrate.ts", "../loso.ts"]) {
      const p = resolve(REAL, "..", f);
      expect(existsSync(p), p).toBe(true);
      expect(readFileSync(p, "utf8"), f).not.toMatch(names);
    }
  });
}
