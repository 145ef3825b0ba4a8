// models/data/real/heldout5.ts (the fifth held-out draw): that its repositories are new by name, not only by text —
// none is a source of the pool, an earlier held-out draw, the page loads or the staged LLM set, none is named in
// SOURCES.md before its own section (no earlier set and no "considered and left out" list) nor in ../shared/datasets
// — and that each is pinned, permissively licensed and says what it records. heldout.test.ts checks its rows.
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { HELD_OUT_5, HELD_OUT_5_KNOWN } from "../../models/data/real/heldout5";
import { LLM_FILE, LLM_REQUESTS_FILE } from "../../models/data/real/llm";
import { itIsReadByEvaluationOnly, itListsPinnedSources, itNamesNewRepositories, REAL } from "../support/realsets";

const repos = HELD_OUT_5.map((s) => s.repo);

describe("heldout5.ts's sources", () => {
  itListsPinnedSources(HELD_OUT_5);

  itNamesNewRepositories("HELD_OUT_5 (heldout5.ts)", repos, "## Held-out origins, fifth set");

  it("leave out what the staged LLM set holds, as well as every earlier set's parts and whole requests", () => {
    expect(HELD_OUT_5_KNOWN).toContain(LLM_FILE);
    expect(HELD_OUT_5_KNOWN).toContain(LLM_REQUESTS_FILE);
    for (const f of ["heldout4.jsonl.gz", "heldout4_requests.jsonl.gz", "heldout3.jsonl.gz", "pageloads_requests.jsonl.gz", "requests.jsonl.gz"]) expect(HELD_OUT_5_KNOWN).toContain(resolve(REAL, f));
  });

  itIsReadByEvaluationOnly("HELD_OUT_FIFTH_DRAW", /heldout5|HELD_OUT_5|FIFTH/);
});
