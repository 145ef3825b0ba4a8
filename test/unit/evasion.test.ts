// The evasion suite (issue 9, node/evasion.ts): a variant of a blocked payload is blocked, at
// most 10 above its plain form. A seeded sample in `make test`; every variant with EVASION_ALL=1 (`make fuzz`).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type Core, loadCore, REPO_ROOT } from "../support/core";
import {
  allVariants, describeOutcome, ENCODING_IDS, type EncodingId, EvasionJudge, makeVariant, type Outcome, PADDING_IDS,
  type PaddingId, PAYLOADS, PLACEMENT_IDS, type PlacementId, sampleVariants, techniquesOf, type Variant,
} from "../../node/evasion";

/**
 * Techniques known to fail today, each a row in test/KNOWN-DEVIATIONS.md (`evasion-<technique>`).
 * Their tests are `it.fails`: when a fix makes every variant using one pass, its test fails
 * and says to move it out of here. Every technique not listed must pass outright.
 */
const PENDING: Record<string, string> = {};

/**
 * Single variants known to fail, each with its row in test/KNOWN-DEVIATIONS.md: left out of their
 * techniques' judgement (in the sample and in `make fuzz`), and checked to fail still, so that a fix
 * is noticed and the entry removed.
 */
const KNOWN_VARIANTS: Record<string, string> = {};

const ALL = process.env.EVASION_ALL === "1";
const SAMPLE = 600;
const SEED = Number(process.env.EVASION_SEED ?? 0xe7a5);
const LIST = 40; // failing variants shown per technique

const TECHNIQUES = [
  ...ENCODING_IDS.filter((e) => e !== "plain"),
  ...PLACEMENT_IDS.map((p) => `in:${p}`),
  ...PADDING_IDS.filter((p) => p !== "none"),
];

let core: Core;
let judge: EvasionJudge;
const variants: Variant[] = ALL ? [...allVariants()] : sampleVariants(SAMPLE, SEED, 8, Object.keys(PENDING));
const outcomes = new Map<string, Outcome>();

beforeAll(async () => {
  core = await loadCore();
  judge = new EvasionJudge(core);
  for (const v of variants) if (judge.applies(v.payload)) outcomes.set(v.key, judge.judge(v));
  if (ALL) report();
}, ALL ? 300_000 : 30_000); // every variant: some seconds on a loaded machine

/** The outcomes a technique's test judges: variants using it and no other pending technique. */
function judgedFor(t: string): Outcome[] {
  return [...outcomes.values()].filter((o) => {
    const ts = techniquesOf(o.variant);
    return !(o.variant.key in KNOWN_VARIANTS) && ts.includes(t) && ts.every((u) => u === t || !(u in PENDING));
  });
}

function failureList(t: string, failing: Outcome[], judged: number): string {
  const more = failing.length > LIST ? `\n  … and ${failing.length - LIST} more` : "";
  return `${t}: ${failing.length} of ${judged} variants fail (blocked is score ≤ ${judge.threshold}, at most plain + 10)\n  ` +
    failing.slice(0, LIST).map(describeOutcome).join("\n  ") + more;
}

// EVASION_ALL: every technique's counts (pending or not), and every variant a pending
// technique blocks the judging of (it uses two or more of them).
function report(): void {
  const all = [...outcomes.values()];
  const lines = [`evasion: ${variants.length} variants, ${all.length} judged (plain form blocked), ${all.filter((o) => !o.ok).length} failing`];
  for (const t of TECHNIQUES) {
    const j = judgedFor(t);
    const f = j.filter((o) => !o.ok).length;
    const blocked = j.filter((o) => o.score <= judge.threshold).length;
    lines.push(`  ${t.padEnd(20)} ${String(f).padStart(5)} / ${String(j.length).padEnd(5)} failing, ${String(blocked).padStart(5)} blocked` +
      `${t in PENDING ? `  (pending: ${PENDING[t]})` : ""}`);
  }
  const multi = all.filter((o) => techniquesOf(o.variant).filter((t) => t in PENDING).length > 1);
  lines.push(`  with two or more pending techniques: ${multi.filter((o) => !o.ok).length} / ${multi.length} failing (judged under none)`);
  console.log(lines.join("\n"));
}

describe("evasion suite", () => {
  it("every payload's plain form is blocked (else the rule has nothing to hold it to)", () => {
    const open = PAYLOADS.filter((p) => !judge.applies(p)).map((p) => `${p.id} ${p.value}: ${judge.plainScore(p)}`);
    expect(open).toEqual([]);
  });

  it(`judges every technique on at least ${ALL ? 1 : 8} variants free of other pending techniques`, () => {
    const thin = TECHNIQUES.filter((t) => judgedFor(t).length < (ALL ? 1 : 8)).map((t) => `${t}: ${judgedFor(t).length}`);
    expect(thin).toEqual([]);
  });

  it("the ledger lists only techniques there are, each with its row in test/KNOWN-DEVIATIONS.md", () => {
    const ledger = readFileSync(resolve(REPO_ROOT, "test/KNOWN-DEVIATIONS.md"), "utf8");
    for (const t of Object.keys(PENDING)) {
      expect(TECHNIQUES, t).toContain(t);
      expect(ledger, `row for evasion-${t}`).toContain(`| evasion-${t} |`);
    }
  });

  it("each known failing variant still fails (when one passes, remove it and its ledger row)", () => {
    const ledger = readFileSync(resolve(REPO_ROOT, "test/KNOWN-DEVIATIONS.md"), "utf8");
    for (const [key, row] of Object.entries(KNOWN_VARIANTS)) {
      expect(ledger, `row for ${row}`).toContain(`| ${row} |`);
      const [id, encoding, placement, padding] = key.split("/");
      const payload = PAYLOADS.find((p) => p.id === id)!;
      const v = makeVariant(payload, encoding as EncodingId, placement as PlacementId, padding as PaddingId);
      expect(v, key).not.toBeNull();
      expect(judge.judge(v!).ok, `${key} passes now`).toBe(false);
    }
  });

  for (const t of TECHNIQUES) {
    const pending = t in PENDING;
    (pending ? it.fails : it)(`${t}${pending ? ` (pending: ${PENDING[t]})` : ""}`, () => {
      const judged = judgedFor(t);
      const failing = judged.filter((o) => !o.ok);
      // A pending technique that passes: fixed. Make it an ordinary test (remove it from
      // PENDING) and remove its row from test/KNOWN-DEVIATIONS.md.
      expect(failing.length, failureList(t, failing, judged.length)).toBe(0);
    });
  }
});
