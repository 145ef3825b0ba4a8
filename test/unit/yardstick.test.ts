// The calibration side's leave-one-origin-out estimate (models/yardstick.ts): each origin's parts
// against the band edge that the other origins alone would set, with train.ts's own edge rule.
import { describe, expect, it } from "vitest";
import { leaveOneOriginOut } from "../../models/yardstick";
import { fitCuts } from "../../models/calibrate";

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
