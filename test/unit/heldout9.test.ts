// models/data/real/heldout9.ts (the ninth held-out draw): that its repositories are new by name, not only by text —
// none is a source of the pool, an earlier held-out draw, the page loads or the staged LLM set, none is named in
// SOURCES.md before its own section (no earlier set and no "considered and left out" list) nor in ../shared/datasets
// — and that each is pinned, permissively licensed and says what it records. heldout.test.ts checks its rows.
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { HELD_OUT_9, HELD_OUT_9_KNOWN } from "../../models/data/real/heldout9";
import { HELD_OUT_8_FILE, HELD_OUT_8_REQUESTS_FILE } from "../../models/data/real/heldout8";
import { HELD_OUT_7_FILE, HELD_OUT_7_REQUESTS_FILE } from "../../models/data/real/heldout7";
import { HELD_OUT_6_FILE, HELD_OUT_6_REQUESTS_FILE } from "../../models/data/real/heldout6";
import { HELD_OUT_5_FILE, HELD_OUT_5_REQUESTS_FILE } from "../../models/data/real/heldout5";
import { LLM_FILE, LLM_REQUESTS_FILE } from "../../models/data/real/llm";
import { itIsReadByEvaluationOnly, itListsPinnedSources, itNamesNewRepositories, REAL } from "../support/realsets";

const repos = HELD_OUT_9.map((s) => s.repo);

describe("heldout9.ts's sources", () => {
  itListsPinnedSources(HELD_OUT_9);

  itNamesNewRepositories("HELD_OUT_9 (heldout9.ts)", repos, "## Held-out origins, ninth set");

  it("leave out what the eighth, seventh, sixth and fifth draws and the staged LLM set hold, as well as every earlier set's parts and whole requests", () => {
    for (const f of [HELD_OUT_8_FILE, HELD_OUT_8_REQUESTS_FILE, HELD_OUT_7_FILE, HELD_OUT_7_REQUESTS_FILE, HELD_OUT_6_FILE, HELD_OUT_6_REQUESTS_FILE, HELD_OUT_5_FILE, HELD_OUT_5_REQUESTS_FILE, LLM_FILE, LLM_REQUESTS_FILE]) expect(HELD_OUT_9_KNOWN).toContain(f);
    for (const f of ["heldout4.jsonl.gz", "heldout4_requests.jsonl.gz", "heldout3.jsonl.gz", "heldout2_requests.jsonl.gz", "heldout.jsonl.gz", "pageloads_requests.jsonl.gz", "requests.jsonl.gz"]) expect(HELD_OUT_9_KNOWN).toContain(resolve(REAL, f));
  });

  itIsReadByEvaluationOnly("HELD_OUT_NINTH_DRAW", /heldout9|HELD_OUT_9|NINTH/);
});
