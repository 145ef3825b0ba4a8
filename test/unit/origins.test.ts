// The honest yardstick's split (models/data/origins.ts): every origin on one side, calibration and test
// disjoint, no where kind over 30% of the test side, deterministic; and, once `make dataset` has run, the same on build/dataset.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { FOLDS, KIND_CAP, SIDE_SHARES, capKinds, foldOf, originOf, originSides, type Side } from "../../models/data/origins";
import { Rng } from "../../models/data/rng";

const KINDS = ["path", "query", "body:json", "header:User-Agent", "header:Referer", "header:Cookie", "body:form"];

/** A pool like the real one: a few huge origins, many small ones, each mostly one or two kinds. */
function pool(seed: number, origins = 300): { source: string; where: string; text: string }[] {
  const rng = new Rng(seed);
  const rows: { source: string; where: string; text: string }[] = [];
  for (let o = 0; o < origins; o++) {
    const n = o < 4 ? rng.int(1500, 4000) : rng.int(1, 200);
    const main = rng.pick(KINDS), other = rng.pick(KINDS);
    for (let i = 0; i < n; i++) rows.push({ source: `owner${o}/repo:file${o}.har`, where: rng.chance(0.8) ? main : other, text: `t${o}-${i}` });
  }
  return rows;
}

describe("origin sides", () => {
  const rows = pool(7);
  const sides = originSides(rows);

  it("puts every origin on exactly one side, calibration and test disjoint", () => {
    const seen = new Map<string, Set<Side>>();
    for (const r of rows) {
      const o = originOf(r.source);
      if (!seen.has(o)) seen.set(o, new Set());
      seen.get(o)!.add(sides.get(o)!);
    }
    expect(seen.size).toBe(sides.size);
    for (const s of seen.values()) expect(s.size).toBe(1);
    const calib = [...sides].filter(([, s]) => s === "calib").map(([o]) => o);
    const test = new Set([...sides].filter(([, s]) => s === "test").map(([o]) => o));
    expect(calib.length).toBeGreaterThan(10);
    expect(test.size).toBeGreaterThan(10);
    for (const o of calib) expect(test.has(o)).toBe(false);
  });

  it("meets the target share of rows per side within a few points", () => {
    const n: Record<Side, number> = { train: 0, calib: 0, test: 0 };
    for (const r of rows) n[sides.get(originOf(r.source))!]++;
    for (const s of ["train", "calib", "test"] as const) expect(Math.abs(n[s] / rows.length - SIDE_SHARES[s])).toBeLessThan(0.05);
  });

  it("is deterministic and does not depend on row order", () => {
    const again = originSides(pool(7));
    const shuffled = pool(7);
    new Rng(99).shuffle(shuffled);
    expect([...again].sort()).toEqual([...sides].sort());
    expect([...originSides(shuffled)].sort()).toEqual([...sides].sort());
  });

  const groups: [source: string, origin: string][] = [
    ["octokit/octokit.rb:spec/cassettes/a.json", "api.github.com (octokit/*)"],
    ["npm:@octokit/openapi@23.0.2:generated/api.github.com.json", "api.github.com (octokit/*)"],
    ["ua-parser/uap-core:tests/test_ua.yaml", "ua-parser/uap-core (user-agent corpora)"],
    ["json-schema-org/JSON-Schema-Test-Suite:tests/draft2019-09/ref.json", "json-schema-org/JSON-Schema-Test-Suite"],
    ["getsentry/sentry-javascript:dev-packages/x/subject.js", "getsentry/sentry-javascript"],
    ["sitespeedio/pagexray:test/files/www.nytimes.com.har", "sitespeedio/pagexray:test/files/www.nytimes.com.har"],
  ];
  it.each(groups)("origin of %s", (source, origin) => expect(originOf(source)).toBe(origin));
});

describe("per-kind cap on the test side", () => {
  const rows = pool(11);
  const { kept, dropped } = capKinds(rows, (r) => r.where, (r) => r.text);

  it("leaves no kind over the cap", () => {
    const n = new Map<string, number>();
    for (const r of kept) n.set(r.where, (n.get(r.where) ?? 0) + 1);
    for (const c of n.values()) expect(c).toBeLessThanOrEqual(KIND_CAP * kept.length);
    expect(kept.length + dropped).toBe(rows.length);
  });

  it("drops nothing when no kind is over the cap, and keeps only input rows", () => {
    const even = KINDS.flatMap((k) => Array.from({ length: 50 }, (_, i) => ({ where: k, text: k + i })));
    expect(capKinds(even, (r) => r.where, (r) => r.text).dropped).toBe(0);
    const input = new Set(rows);
    expect(kept.every((r) => input.has(r))).toBe(true);
  });

  it("is deterministic and does not depend on row order", () => {
    const shuffled = [...rows];
    new Rng(5).shuffle(shuffled);
    const key = (rs: typeof rows) => rs.map((r) => r.text).sort();
    expect(key(capKinds(shuffled, (r) => r.where, (r) => r.text).kept)).toEqual(key(kept));
  });
});

describe("leave-one-source-out folds", () => {
  const cases: [source: string, fold: string | null][] = [
    ["swisskyrepo/PayloadsAllTheThings:Directory Traversal/Intruder/x.txt", "patt-traversal"],
    ["swisskyrepo/PayloadsAllTheThings:File Inclusion/Intruder/y.txt", "patt-traversal"],
    ["swisskyrepo/PayloadsAllTheThings:SQL Injection/Intruder/z.txt", "patt-injection"],
    ["projectdiscovery/nuclei-templates:http/cves/2021/CVE-2021-1.yaml", "nuclei-cves"],
    ["projectdiscovery/nuclei-templates:http/fuzzing/a.yaml", "nuclei-other"],
    ["payloadbox/xss-payload-list:Intruder/xss.txt", "payloadbox"],
    ["danielmiessler/SecLists:Fuzzing/LDAP.txt", "wordlists"],
    ["gen:nosqli:operator-json", null],
  ];
  it.each(cases)("%s is in fold %s", (source, fold) => expect(foldOf(source)).toBe(fold));
  it("has 6 to 12 folds with distinct names", () => {
    expect(FOLDS.length).toBeGreaterThanOrEqual(6);
    expect(FOLDS.length).toBeLessThanOrEqual(12);
    expect(new Set(FOLDS.map((f) => f.name)).size).toBe(FOLDS.length);
  });
});

// The built dataset itself (skipped until `make dataset` has run): origins of the calibration and test
// files appear nowhere else, and the test side holds the bar.
const DATASET = resolve(__dirname, "../../build/dataset");
const built = ["train", "valid", "calib", "test"].every((f) => existsSync(resolve(DATASET, `${f}.jsonl`)));
describe.skipIf(!built)("build/dataset", () => {
  const origins = (f: string) => {
    const rs = readFileSync(resolve(DATASET, `${f}.jsonl`), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as { source: string; where: string; label: number });
    return { rows: rs, set: new Set(rs.filter((r) => r.label === 0).map((r) => originOf(r.source))) };
  };
  it("keeps calibration and test origins off every other side; test >= 5,000 parts from >= 20 origins, no kind over 30%", () => {
    const train = origins("train"), valid = origins("valid"), calib = origins("calib"), test = origins("test");
    for (const o of test.set) for (const other of [train, valid, calib]) expect(other.set.has(o), o).toBe(false);
    for (const o of calib.set) for (const other of [train, valid]) expect(other.set.has(o), o).toBe(false);
    expect(test.rows.length).toBeGreaterThanOrEqual(5000);
    expect(test.set.size).toBeGreaterThanOrEqual(20);
    const n = new Map<string, number>();
    for (const r of test.rows) n.set(r.where, (n.get(r.where) ?? 0) + 1);
    for (const c of n.values()) expect(c).toBeLessThanOrEqual(KIND_CAP * test.rows.length);
  }, 30_000); // reads and splits the whole dataset: seconds on a busy machine
});
