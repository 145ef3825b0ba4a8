// The calibration side's leave-one-origin-out estimate (models/yardstick.ts): each origin's parts
// against the band edge that the other origins alone would set, with train.ts's own edge rule.
import { describe, expect, it } from "vitest";
import { leaveOneOriginOut, frozenTogether, frozenTogetherLine, type EvalSetFp } from "../../models/yardstick";
import { fitCuts, crossValidatedShare, leaveOneOriginOutTable } from "../../models/calibrate";

describe("leave-one-origin-out band edge", () => {
  const ramp = (n: number, from: number, step: number) => Array.from({ length: n }, (_, i) => from + i * step);

  it("an origin that scores above everything the others do is flagged whole; the others are not", () => {
    const logits = new Map([["quiet", ramp(2000, -10, 0.001)], ["loud", ramp(10, 5, 0.1)]]);
    const r = leaveOneOriginOut(logits, 0.001);
    expect(r).toEqual([{ origin: "loud", parts: 10, flagged: 10 }, { origin: "quiet", parts: 2000, flagged: 0 }]);
  });

  it("an origin like the others is flagged at about the edge's share, and never above the edge train.ts fits", () => {
    const a = ramp(3000, -10, 0.003), b = ramp(3000, -10.0015, 0.003);
    const r = leaveOneOriginOut(new Map([["a", a], ["b", b]]), 0.001);
    for (const o of r) expect(o.flagged).toBeLessThanOrEqual(4);
    // The same edge as fitCuts' B(20) (cut 20) for the other origin's logits alone.
    const cut20 = fitCuts(Float64Array.from(b), Float64Array.from([50]))[19];
    expect(a.filter((x) => x >= cut20).length).toBe(r.find((o) => o.origin === "a")!.flagged);
  });
});

describe("band edges cross-validated by origin (train.ts's rule)", () => {
  const ramp = (n: number, from: number, step: number) => Array.from({ length: n }, (_, i) => from + i * step);

  it("origins alike keep the anchor's share", () => {
    const t = leaveOneOriginOutTable(new Map([["a", ramp(3000, -10, 0.003)], ["b", ramp(3000, -10.0015, 0.003)], ["c", ramp(3000, -10.001, 0.003)]]));
    expect(crossValidatedShare(t, 0.001)).toBe(0.001);
  });

  it("an origin whose cluster the others would flag moves the edge up, above the clusters", () => {
    // 0.1% of 9,010 parts is the 10th highest: b's cluster, so a's is flagged; left out in turn,
    // each cluster is above the others' edge until the share leaves only one cluster's worth.
    const byOrigin = new Map([["quiet", ramp(9000, -10, 0.001)], ["a", Array(5).fill(10)], ["b", Array(5).fill(9)]]);
    const share = crossValidatedShare(leaveOneOriginOutTable(byOrigin), 0.001);
    expect(share).toBeLessThan(0.001);
    const all = [...byOrigin.values()].flat();
    const plain = fitCuts(Float64Array.from(all), Float64Array.from([50]))[19];
    const crossValidated = fitCuts(Float64Array.from(all), Float64Array.from([50]), byOrigin)[19];
    expect(plain).toBeLessThan(9.5);
    expect(crossValidated).toBeGreaterThan(10);
  });

  it("a single origin has nothing to cross-validate on: the anchor's share", () => {
    expect(crossValidatedShare(leaveOneOriginOutTable(new Map([["only", ramp(100, 0, 1)]])), 0.003)).toBe(0.003);
  });
});

describe("the frozen draws together against issue 10's goal (make eval)", () => {
  const set = (parts: number, origins: number, flagged: number, requests: number, flaggedRequests: number): EvalSetFp => ({
    fp: { parts, origins, largestOrigin: { origin: "o", parts }, byThreshold: [{ threshold: 10, flagged: 0 }, { threshold: 20, flagged }], byOrigin: [], byKind: {} },
    requests: { requests, origins, byThreshold: [{ threshold: 10, flagged: 0 }, { threshold: 20, flagged: flaggedRequests }] },
  });

  it("sums the scored draws at the default threshold and leaves out an unscored one", () => {
    expect(frozenTogether([set(1990, 37, 13, 2686, 28), null, set(327, 18, 2, 531, 0)])).toEqual(
      { sets: 2, parts: 2317, origins: 55, flaggedParts: 15, requests: 3217, flaggedRequests: 28 });
    expect(frozenTogether([null])).toBeNull();
  });

  it("says met only when both shares are at or under 0.1% and names a set short of the goal's size", () => {
    const line = (h: EvalSetFp) => frozenTogetherLine(frozenTogether([h])!);
    expect(line(set(1990, 37, 13, 2686, 28))).toMatch(/short of the 5,000 parts from 20 origins.*: missed$/);
    expect(line(set(6000, 25, 6, 7000, 7))).toMatch(/the size the goal asks for.*0\.100% of parts \(6\).*: met$/);
    expect(line(set(6000, 25, 6, 7000, 8))).toMatch(/: missed$/);
  });
});
