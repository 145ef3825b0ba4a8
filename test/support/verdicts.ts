// The table harness of the verdict suites (test/unit/signatures.test.ts, payloads.test.ts): for
// each kind, its hits score 1 overall and in its class (by the verdict: also with no window scored), its misses are left to the model (their
// class scores over 1). A class may be "a|b" where the verdict takes the one of two the model
// scored higher; the lower of the two class scores is read.
import { describe, expect, it } from "vitest";
import type { Core } from "./core";
import { partRequest } from "../../node/http";

export type VerdictCase = [where: string, text: string | Uint8Array];
export type VerdictTable = Array<[kind: string, cls: string, hits: VerdictCase[], misses: VerdictCase[]]>;

export function describeVerdicts(title: string, core: () => Core, table: VerdictTable): void {
  describe.each(table)(title, (_kind, cls, hits, misses) => {
    const classScore = (s: ReturnType<Core["score"]>) => Math.min(...cls.split("|").map((c) => s.classes[c]));
    it.each(hits)(`%s %j scores 1, class ${cls}`, (where, text) => {
      const s = core().score(where, text);
      expect(s.score).toBe(1);
      expect(classScore(s)).toBe(1);
      // By the verdict, not the model alone: with no window scored, the class is raised.
      expect(core().verdictClasses(partRequest(where, text)).filter((c) => cls.split("|").includes(c))).not.toEqual([]);
    });
    it.each(misses)("%s %j is left to the model", (where, text) => {
      expect(classScore(core().score(where, text))).toBeGreaterThan(1);
    });
  });
}
