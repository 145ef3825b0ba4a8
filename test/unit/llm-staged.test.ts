// models/data/real/llm.jsonl.gz and llm_requests.jsonl.gz (LLM clients' recorded requests, staged for the next
// retrain by llm.ts): that no repository they come from is one of a held-out draw, the page loads or the pool, that
// each listed origin brings rows, and that no staged text is a part of any held-out file. Needs no build.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { LLM_SOURCES, LLM_FILE, LLM_REQUESTS_FILE, ORIGIN_CAP, llmOrigin } from "../../models/data/real/llm";
import { HELD_OUT_FILE, HELD_OUT_REQUESTS_FILE, REQUEST_CAP } from "../../models/data/real/heldout";
import { HELD_OUT_2_FILE, HELD_OUT_2_REQUESTS_FILE } from "../../models/data/real/heldout2";
import { HELD_OUT_3_FILE, HELD_OUT_3_REQUESTS_FILE } from "../../models/data/real/heldout3";
import { HELD_OUT_4_FILE, HELD_OUT_4_REQUESTS_FILE } from "../../models/data/real/heldout4";
import { HELD_OUT_5_FILE, HELD_OUT_5_REQUESTS_FILE } from "../../models/data/real/heldout5";
import { PAGE_LOADS_FILE, PAGE_LOADS_REQUESTS_FILE } from "../../models/data/real/pageloads";
import { MAX_TEXT } from "../../models/data/real/parts";
import { readText } from "../../models/data/load";
import { itNamesNewRepositories, POOL_REPOS, REAL } from "../support/realsets";

const lines = (file: string) => readText(file).split("\n").filter((l) => l);
const lower = (repo: string) => repo.toLowerCase();

interface Row { text: string; label: 0; class: string; kind: string; where: string; source: string; licence: string }
interface Req { source: string; parts: Array<{ where: string; text: string }> }

const staged = LLM_SOURCES.map((s) => s.repo);

describe("llm.ts's sources", () => {
  it("are one entry per repository, with a pinned commit, a permissive licence and what they record", () => {
    expect(new Set(staged.map(lower)).size).toBe(staged.length);
    for (const s of LLM_SOURCES) {
      expect(s.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(["MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "ISC", "MIT-0", "Unlicense", "CC0-1.0"]).toContain(s.licence);
      expect(s.about.length).toBeGreaterThan(0);
    }
  });

  it("read the pool's list from extract.ts", () => {
    expect(POOL_REPOS.length).toBeGreaterThanOrEqual(20);
    expect(POOL_REPOS).toContain("pydantic/pydantic-ai");
  });

  itNamesNewRepositories("LLM_SOURCES (llm.ts)", staged, "## LLM clients' requests, staged for the next retrain");

  it("are named by no path in build.ts (it reads them only through WAFSCORE_POOL_EXTRA's staged sets)", () => {
    const build = readFileSync(resolve(REAL, "../build.ts"), "utf8");
    expect(build).not.toMatch(/llm(?:_requests)?\.jsonl|real\/llm(?:\.ts)?['"]/);
  });
});

describe("llm.jsonl.gz and llm_requests.jsonl.gz", () => {
  it("exist", () => {
    expect(existsSync(LLM_FILE)).toBe(true);
    expect(existsSync(LLM_REQUESTS_FILE)).toBe(true);
  });
  const rows = existsSync(LLM_FILE) ? lines(LLM_FILE).map((l) => JSON.parse(l) as Row) : [];
  const reqs = existsSync(LLM_REQUESTS_FILE) ? lines(LLM_REQUESTS_FILE).map((l) => JSON.parse(l) as Req) : [];
  const sourceOf = (source: string) => LLM_SOURCES.find((s) => s.repo === llmOrigin(source));

  it("are benign rows of fetched.jsonl.gz's shape, each from a listed repository's matching file, with its licence", () => {
    for (const r of rows) {
      expect(Object.keys(r).sort()).toEqual(["class", "kind", "label", "licence", "source", "text", "where"]);
      expect(r.label).toBe(0);
      expect(r.class).toBe("benign");
      expect(r.kind).toBe(r.where);
      expect(r.where).toMatch(/^(path|query|body:(json|form|text|xml|multipart)|header:[A-Za-z0-9-]+)$/);
      const s = sourceOf(r.source);
      expect(s).toBeDefined();
      expect(s!.files.test(r.source.slice(r.source.indexOf(":") + 1))).toBe(true);
      expect(r.licence).toBe(s!.licence);
      expect(r.text.length).toBeLessThanOrEqual(MAX_TEXT);
    }
    expect(new Set(rows.map((r) => r.where + "\u0000" + r.text)).size).toBe(rows.length);
  });

  it(`have >= 1 part and >= 1 whole request per listed origin, at most ${ORIGIN_CAP} parts and REQUEST_CAP requests each`, () => {
    const parts = new Map<string, number>(), whole = new Map<string, Set<string>>();
    for (const r of rows) parts.set(llmOrigin(r.source), (parts.get(llmOrigin(r.source)) ?? 0) + 1);
    for (const r of reqs) {
      expect(sourceOf(r.source)).toBeDefined();
      expect(r.parts.length).toBeGreaterThan(0);
      const o = llmOrigin(r.source);
      if (!whole.has(o)) whole.set(o, new Set());
      whole.get(o)!.add(JSON.stringify(r.parts));
    }
    for (const s of LLM_SOURCES) {
      expect(parts.get(s.repo) ?? 0, s.repo).toBeGreaterThanOrEqual(1);
      expect(whole.get(s.repo)?.size ?? 0, s.repo).toBeGreaterThanOrEqual(1);
    }
    expect(Math.max(...parts.values())).toBeLessThanOrEqual(ORIGIN_CAP);
    expect(Math.max(...[...whole.values()].map((s) => s.size))).toBeLessThanOrEqual(REQUEST_CAP);
    expect([...whole.values()].reduce((a, s) => a + s.size, 0)).toBe(reqs.length); // each whole request once per origin
  });

  const heldOutFiles = [HELD_OUT_FILE, HELD_OUT_REQUESTS_FILE, HELD_OUT_2_FILE, HELD_OUT_2_REQUESTS_FILE, HELD_OUT_3_FILE, HELD_OUT_3_REQUESTS_FILE, HELD_OUT_4_FILE, HELD_OUT_4_REQUESTS_FILE, HELD_OUT_5_FILE, HELD_OUT_5_REQUESTS_FILE, PAGE_LOADS_FILE, PAGE_LOADS_REQUESTS_FILE];
  it("hold no part text that is a part of any held-out file or the page loads (parts or whole requests)", () => {
    const held = new Set<string>();
    for (const f of heldOutFiles) {
      for (const l of lines(f)) {
        const r = JSON.parse(l) as { text?: string; parts?: Array<{ text: string }> };
        if (Array.isArray(r.parts)) for (const p of r.parts) held.add(p.text);
        else if (typeof r.text === "string") held.add(r.text);
      }
    }
    expect(held.size).toBeGreaterThan(10000);
    expect(rows.filter((r) => held.has(r.text)).length).toBe(0);
  });

  it("hold no part text of the pool (fetched.jsonl.gz)", () => {
    const pool = new Set(lines(resolve(REAL, "fetched.jsonl.gz")).map((l) => (JSON.parse(l) as { text: string }).text));
    expect(rows.filter((r) => pool.has(r.text)).length).toBe(0);
  });

  it("stay small enough to commit", () => {
    expect(readFileSync(LLM_FILE).length).toBeLessThan(4 << 20);
    expect(readFileSync(LLM_REQUESTS_FILE).length).toBeLessThan(4 << 20);
  });
});
