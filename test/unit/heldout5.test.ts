// models/data/real/heldout5.ts (the fifth held-out draw): that its repositories are new by name, not only by text —
// none is a source of the pool, an earlier held-out draw, the page loads or the staged LLM set, none is named in
// SOURCES.md before its own section (no earlier set and no "considered and left out" list) nor in ../shared/datasets
// — and that each is pinned, permissively licensed and says what it records. heldout.test.ts checks its rows.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { HELD_OUT_5, HELD_OUT_5_KNOWN } from "../../models/data/real/heldout5";
import { HELD_OUT } from "../../models/data/real/heldout";
import { HELD_OUT_2 } from "../../models/data/real/heldout2";
import { HELD_OUT_3 } from "../../models/data/real/heldout3";
import { HELD_OUT_4 } from "../../models/data/real/heldout4";
import { PAGE_LOADS } from "../../models/data/real/pageloads";
import { LLM_SOURCES, LLM_FILE, LLM_REQUESTS_FILE } from "../../models/data/real/llm";
import { datasetsDir } from "../../models/data/load";

const REAL = resolve(__dirname, "../../models/data/real");
const lower = (repo: string) => repo.toLowerCase();
const repos = HELD_OUT_5.map((s) => s.repo);
/** The pool's repositories, read from extract.ts's text (importing it would rewrite fetched.jsonl.gz). */
const poolRepos = [...readFileSync(resolve(REAL, "extract.ts"), "utf8").matchAll(/\brepo: '([^']+)'/g)].map((m) => m[1]);

describe("heldout5.ts's sources", () => {
  it("are one entry per repository, pinned, permissively licensed, saying what they record", () => {
    expect(new Set(repos.map(lower)).size).toBe(repos.length);
    for (const s of HELD_OUT_5) {
      expect(s.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(["MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "ISC", "MPL-2.0", "Unlicense", "CC0-1.0"]).toContain(s.licence);
      expect(s.about.length).toBeGreaterThan(0);
    }
  });

  const lists: Array<[string, readonly string[]]> = [
    ["HELD_OUT (heldout.ts)", HELD_OUT.map((s) => s.repo)],
    ["HELD_OUT_2 (heldout2.ts)", HELD_OUT_2.map((s) => s.repo)],
    ["HELD_OUT_3 (heldout3.ts)", HELD_OUT_3.map((s) => s.repo)],
    ["HELD_OUT_4 (heldout4.ts)", HELD_OUT_4.map((s) => s.repo)],
    ["PAGE_LOADS (pageloads.ts)", PAGE_LOADS.map((s) => s.repo)],
    ["LLM_SOURCES (llm.ts)", LLM_SOURCES.map((s) => s.repo)],
    ["the pool (extract.ts SOURCES)", poolRepos],
  ];
  for (const [name, other] of lists) {
    it(`share no repository with ${name}`, () => {
      const o = new Set(other.map(lower));
      expect(repos.filter((r) => o.has(lower(r)))).toEqual([]);
    });
  }

  it("are named nowhere in SOURCES.md before their own section", () => {
    const md = readFileSync(resolve(REAL, "SOURCES.md"), "utf8");
    const at = md.indexOf("## Held-out origins, fifth set");
    expect(at).toBeGreaterThan(0);
    const before = md.slice(0, at).toLowerCase();
    expect(repos.filter((r) => before.includes(lower(r)))).toEqual([]);
  });

  const sharedFiles = ["README.md", "train.jsonl", "benign_real.jsonl", "benign_more.jsonl", "exploits.jsonl"].map((f) => resolve(datasetsDir(), f));
  it.skipIf(!sharedFiles.every((f) => existsSync(f)))("are named nowhere in ../shared/datasets (README or any row's source)", () => {
    const text = sharedFiles.map((f) => readFileSync(f, "utf8")).join("\n").toLowerCase();
    expect(repos.filter((r) => text.includes(lower(r)))).toEqual([]);
  });

  it("leave out what the staged LLM set holds, as well as every earlier set's parts and whole requests", () => {
    expect(HELD_OUT_5_KNOWN).toContain(LLM_FILE);
    expect(HELD_OUT_5_KNOWN).toContain(LLM_REQUESTS_FILE);
    for (const f of ["heldout4.jsonl.gz", "heldout4_requests.jsonl.gz", "heldout3.jsonl.gz", "pageloads_requests.jsonl.gz", "requests.jsonl.gz"]) expect(HELD_OUT_5_KNOWN).toContain(resolve(REAL, f));
  });

  it("are read by the evaluation only, as a frozen draw (make eval scores them; nothing trains or calibrates on them)", () => {
    expect(readFileSync(resolve(REAL, "../../yardstick.ts"), "utf8")).toMatch(/HELD_OUT_FIFTH_DRAW/);
    for (const f of ["build.ts", "../train.ts", "../calibrate.ts", "../loso.ts"]) {
      const p = resolve(REAL, "..", f);
      expect(existsSync(p), p).toBe(true);
      expect(readFileSync(p, "utf8"), f).not.toMatch(/heldout5|HELD_OUT_5|FIFTH/);
    }
  });
});
