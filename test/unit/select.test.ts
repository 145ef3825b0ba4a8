// `make model` trains one model per seed and ships one (models/train.ts chooseModel): within the
// validation false-positive bound, the fewest evasion failures, then the fewest flagged in the spent
// draws, then the most detecting; else the one with the fewest false positives.
import { describe, expect, it } from "vitest";
import { chooseModel } from "../../models/train";

const c = (seed: number, detection: number, falsePositives: number, evasionFailures = 0, selectionFlagged = 0) => ({ seed, detection, falsePositives, evasionFailures, selectionFlagged });

describe("choosing among seeds", () => {
  it.each([
    { name: "the most detecting within 0.1%", candidates: [c(1, 0.97, 0.0011), c(2, 0.956, 0.00075), c(3, 0.916, 0.0006)], chosen: 2 },
    { name: "0.1% itself is within", candidates: [c(1, 0.9, 0.0005), c(2, 0.95, 0.001)], chosen: 2 },
    { name: "none within: the fewest false positives", candidates: [c(1, 0.99, 0.003), c(2, 0.9, 0.0015), c(3, 0.95, 0.002)], chosen: 2 },
    { name: "one candidate", candidates: [c(7, 0.5, 0.01)], chosen: 7 },
    { name: "within 0.1%, the fewest evasion failures before detection", candidates: [c(1, 0.97, 0.0005, 22), c(2, 0.92, 0.0006, 0), c(3, 0.91, 0.0004, 0)], chosen: 2 },
    { name: "evasion does not excuse false positives", candidates: [c(1, 0.97, 0.002, 0), c(2, 0.92, 0.0006, 5)], chosen: 2 },
    { name: "passing the suite, the fewest flagged in the spent draws before detection", candidates: [c(1, 0.97, 0.0005, 0, 26), c(2, 0.965, 0.0002, 0, 10), c(3, 0.966, 0.0002, 0, 10)], chosen: 3 },
    { name: "the spent draws do not excuse evasion failures", candidates: [c(1, 0.97, 0.0005, 0, 26), c(2, 0.965, 0.0002, 9, 10)], chosen: 1 },
    { name: "the spent draws do not excuse validation false positives", candidates: [c(1, 0.97, 0.0015, 0, 0), c(2, 0.965, 0.0009, 0, 40)], chosen: 2 },
  ])("$name", ({ candidates, chosen }) => {
    expect(chooseModel(candidates).seed).toBe(chosen);
  });
});
